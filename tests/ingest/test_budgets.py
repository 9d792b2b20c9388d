"""Unit checks of issue 8's fixes that need no parser: budgets, splitting, decoding, paths."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from vedette.budgets import MAX_JSON_DEPTH
from vedette.clusters import value_bucket
from vedette.errors import BadDate
from vedette.extract.passages import Passage, passage_at, passages_within
from vedette.extract.pipeline import text_slices
from vedette.extract.ranges import DisjointRanges
from vedette.guard import guarded
from vedette.ingest import display_path, is_blank, read_input
from vedette.ingest.decode import decode_bytes
from vedette.ingest.html import drop_blocks
from vedette.ingest.jsonl import json_depth
from vedette.service import check_date

TEXT = "Officials said 90,000 troops were near the border on Monday."


def test_jsonl_records_keep_their_line_numbers_across_u2028(tmp_path: Path) -> None:
    lines = [json.dumps({"text": TEXT.replace(" ", "\u2028", 1)}, ensure_ascii=False),
             json.dumps({"text": TEXT.replace(" ", "\u0085", 1)}, ensure_ascii=False),
             "{broken", json.dumps({"text": TEXT + " Again."})]
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    found = read_input(path)
    assert [a.path.rpartition("#")[2] for a in found.articles] == ["1", "2", "4"]
    assert [r.path.rpartition("#")[2] for r in found.rejections] == ["3"]


def test_json_depth_is_checked_before_parsing(tmp_path: Path) -> None:
    assert json_depth('{"a": "[[[[[[", "b": [[1]]}') == 3
    deep = "[" * 5000 + "]" * 5000
    assert json_depth(deep) == MAX_JSON_DEPTH + 1
    path = tmp_path / "deep.json"
    path.write_text(deep, encoding="utf-8")
    assert [r.code for r in read_input(path).rejections] == ["bad_json"]


def test_mostly_utf8_with_latin1_bytes_is_repaired() -> None:
    data = "Zelensky — “he said” ".encode() + b"caf\xe9 na\xefve"
    assert decode_bytes(data) == "Zelensky — “he said” café naïve"


def test_noscript_and_scripts_are_not_article_text() -> None:
    html = "<p>a<NOSCRIPT>Enable JS</noscript >b<scripts>x</scripts><script>y<noscript>z"
    assert drop_blocks(html, ("script", "noscript")) == "<p>ab<scripts>x</scripts>"


def test_invisible_text_is_blank(tmp_path: Path) -> None:
    assert is_blank("\u200b" * 10 + "\ufeff\u200e \n") and not is_blank("\u200ba")
    path = tmp_path / "zw.txt"
    path.write_text("\u200b" * 10, encoding="utf-8")
    assert [r.code for r in read_input(path).rejections] == ["empty_text"]


def test_file_names_print_on_one_line() -> None:
    name = b"a\xffb\nc.txt".decode("utf-8", "surrogateescape")
    assert display_path(name) == "a\\xffb\\nc.txt"


def test_slices_join_back_exactly() -> None:
    text = ("word " * 30_000 + "\n") * 2 + '"' * 2_500 + " end"
    slices = text_slices(text)
    assert "".join(slices) == text and len(slices) > 3
    assert max(len(s) for s in slices) <= 100_000


def test_passage_lookups() -> None:
    passages = [Passage(1, 5), Passage(8, 12), Passage(20, 30)]
    assert passage_at(passages, 9, 11) == Passage(8, 12) and passage_at(passages, 6, 7) is None
    assert passages_within(passages, 11, 21) == passages[1:]


def test_disjoint_ranges() -> None:
    taken = DisjointRanges()
    assert taken.take(10, 20) and taken.take(0, 10) and taken.take(20, 25)
    assert not taken.take(5, 12) and not taken.take(19, 21) and not taken.take(12, 13)


def test_no_bucket_for_infinity() -> None:
    assert value_bucket(None, None, float("inf")) is None
    assert value_bucket(1e308, 1.7e308, None) is not None


@pytest.mark.parametrize("value", ["2022-02-30", "2022-02-03\n", "22-02-03", "2022-13-01"])
def test_dates_are_real_days(value: str) -> None:
    with pytest.raises(BadDate):
        check_date(value)
    assert check_date("2024-02-29") == "2024-02-29"


def test_guard_turns_any_failure_into_a_rejection() -> None:
    def deep(n: int) -> int:
        return deep(n + 1)

    failed = guarded("x#1", 5, lambda: deep(0)).rejection
    endless = guarded("x#2", 0.05, lambda: any(n < 0 for n in itertools.count())).rejection
    assert failed is not None and failed.reason == "internal_error" and failed.path == "x#1"
    assert endless is not None and endless.reason == "too_slow"
    assert guarded("x#3", 5, lambda: 7).value == 7
