from vedette.extract.passages import find_passages


def _texts(text: str) -> list[str]:
    return [text[p.start : p.end] for p in find_passages(text)]


def test_curly_pairs() -> None:
    assert _texts("He said “we stay” and “we fight”.") == ["we stay", "we fight"]


def test_stray_closer_does_not_lose_later_quotes() -> None:
    text = "“One thing.” ”, After that. “Second thing,” he said."
    assert _texts(text) == ["One thing.", "Second thing,"]


def test_stray_opener_restarts() -> None:
    text = "A “broken start. Then “a real quote” here."
    assert _texts(text) == ["a real quote"]


def test_straight_quotes() -> None:
    assert _texts('She said "no deal" today.') == ["no deal"]
