"""`vedette provenance --db URL --json` explains every link of the store's index as the file
mode does: the shared passages, with offsets into the stored texts."""

from __future__ import annotations

import json
import random

from typer.testing import CliRunner

from tests.provenance.test_page_template import _page, _paragraphs, _template
from tests.store.conftest import store  # noqa: F401 - the store fixture, on both backends
from vedette.cli import app
from vedette.store import Store, schema


def _texts() -> list[str]:
    rng = random.Random(12)
    story = "\n\n".join(_paragraphs(rng, 6))
    other = _paragraphs(rng, 5)
    return [story, story + "\n\nA line the copier added.",
            _page(other, _template(500), "middle"),
            _page(_paragraphs(rng, 5), _template(500), "middle"),
            "\n\n".join(_paragraphs(rng, 5))]


def test_store_links_carry_their_passages(store: Store) -> None:  # noqa: F811
    texts = _texts()
    with store.engine.begin() as conn:
        conn.execute(schema.articles.insert(), [
            {"id": f"{n:064d}", "path": f"s/{n}.txt", "title": None, "publisher": f"P{n}",
             "url": None, "published": f"2024-05-0{n + 1}", "text": text, "report": "{}",
             "extractor_version": "t", "config_hash": "t", "ingested_at": f"2024-05-01T{n}"}
            for n, text in enumerate(texts)])
    url = str(store.engine.url.render_as_string(hide_password=False))
    result = CliRunner().invoke(app, ["provenance", "--db", url, "--json"])
    assert result.exit_code == 0, result.output
    families = json.loads(result.stdout)["families"]
    assert sorted(f["members"] for f in families) == [["s/0.txt", "s/1.txt"],
                                                      ["s/2.txt", "s/3.txt"]]
    text = {f"s/{n}.txt": t for n, t in enumerate(texts)}
    relations = []
    for family in families:
        (link,) = family["links"]
        relations.append(link["relation"])
        assert link["passages"], link
        for p in link["passages"]:  # the same words at both offsets of the stored texts
            assert text[link["a"]][p["a_start"] : p["a_end"]] == \
                text[link["b"]][p["b_start"] : p["b_end"]]
            assert p["b_end"] - p["b_start"] > 100
    assert sorted(relations) == ["copy", "partial"]
