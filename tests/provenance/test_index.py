"""The provenance index: boilerplate never links, chains join, batches equal a rebuild, family
ids survive merges, and the store's index equals its rebuild."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from vedette.provenance import corpus_provenance
from vedette.provenance.corpus import make_doc
from vedette.provenance.index import add_batch
from vedette.provenance.memory import MemoryIndex
from vedette.provenance.stored import rebuild_index, update_index
from vedette.records import Article
from vedette.store import open_store, schema

_SYLLABLES = "ka lo mi ne ru sa te vo zi po da fe gu hi jo ba ce de li mo nu pe ra so tu".split()


def _vocabulary(rng: random.Random, n: int = 3000) -> list[str]:
    return sorted({"".join(rng.choices(_SYLLABLES, k=rng.randint(2, 4))) for _ in range(n)})


def _story(rng: random.Random, vocab: list[str], sentences: int = 14) -> str:
    """Unrelated stories share only single words, as independent texts mostly do."""
    out = []
    for _ in range(sentences):
        words = rng.choices(vocab, k=rng.randint(10, 18))
        out.append(words[0].capitalize() + " " + " ".join(words[1:]) + ".")
    return "\n\n".join(" ".join(out[i : i + 3]) for i in range(0, len(out), 3))


def _article(path: str, text: str, publisher: str, day: str = "2024-03-01") -> Article:
    return Article(text=text, path=path, publisher=publisher, published=day)


def _linked(result_families: list, a: str, b: str) -> bool:
    return any(a in f.members and b in f.members for f in result_families)


def test_a_learned_footer_links_nothing_at_any_group_size() -> None:
    """Two pages of one site, or three of any sites: a footer without a notice cue is learned.
    Two pages of two sites: nothing to learn from, but a footer is a page template
    (test_page_template.py)."""
    rng = random.Random(5)
    vocab = _vocabulary(rng)
    footer = _story(random.Random(99), vocab, sentences=5).replace("\n\n", " ")  # ~70 words
    for size, sites in ((2, 1), (2, 2), (3, 3), (16, 3), (16, 16)):
        articles = [_article(f"s{size}/{i}.txt", _story(rng, vocab) + "\n\n" + footer,
                             f"Site {i % sites}") for i in range(size)]
        result = corpus_provenance(articles)
        assert [f for f in result.families if len(f.members) > 1] == [], size


def test_a_copy_carrying_the_footer_still_joins_its_origin() -> None:
    rng = random.Random(6)
    vocab = _vocabulary(rng)
    footer = _story(random.Random(98), vocab, sentences=5).replace("\n\n", " ")
    texts = [_story(rng, vocab) for _ in range(6)]
    articles = [_article(f"f/{i}.txt", t + "\n\n" + footer, "Site A") for i, t in enumerate(texts)]
    articles.append(_article("f/copy.txt", texts[2] + "\n\n" + footer + " ", "Site B"))
    result = corpus_provenance(articles)
    families = [f for f in result.families if len(f.members) > 1]
    assert [sorted(f.members) for f in families] == [["f/2.txt", "f/copy.txt"]]
    link = families[0].links[0]
    assert link.why is not None and link.why.passages
    text = {a.path: a.text for a in articles}
    for passage in link.why.passages:  # offsets point at the same words in both texts
        assert text[link.a][passage.a_start : passage.a_end] == \
            text[link.b][passage.b_start : passage.b_end]


def test_a_text_linked_only_through_a_footer_does_not_chain_two_families() -> None:
    rng = random.Random(7)
    vocab = _vocabulary(rng)
    footer = _story(random.Random(97), vocab, sentences=5).replace("\n\n", " ")
    one, two, lone = (_story(rng, vocab) for _ in range(3))
    articles = [
        _article("c/one.txt", one + "\n\n" + footer, "Site A"),
        _article("c/one_copy.txt", one, "Site B"),
        _article("c/two.txt", two + "\n\n" + footer, "Site C"),
        _article("c/two_copy.txt", two, "Site D"),
        _article("c/lone.txt", lone + "\n\n" + footer, "Site E"),
    ]
    families = [sorted(f.members) for f in corpus_provenance(articles).families
                if len(f.members) > 1]
    assert families == [["c/one.txt", "c/one_copy.txt"], ["c/two.txt", "c/two_copy.txt"]]


def test_notices_of_the_builtin_prior_never_link_a_pair() -> None:
    rng = random.Random(8)
    vocab = _vocabulary(rng)
    notice = ("Reporting by Anna Petrova and John Miller; Editing by Mark Heinrich and Sandra "
              "Maler. Our Standards: The Trust Principles. © 2024 Example Media. All rights "
              "reserved. This material may not be published, broadcast, rewritten or "
              "redistributed. Sign up for our daily newsletter to get the news in your inbox.")
    articles = [_article(f"n/{i}.txt", _story(rng, vocab) + "\n\n" + notice, f"Outlet {i}")
                for i in range(2)]
    assert all(len(f.members) == 1 for f in corpus_provenance(articles).families)


def test_copies_of_copies_join_one_family() -> None:
    rng = random.Random(9)
    vocab = _vocabulary(rng)
    text = _story(rng, vocab, sentences=18)
    chain = [text]
    for _ in range(4):  # each copy drops its last paragraph and adds a line of its own
        paras = chain[-1].split("\n\n")
        chain.append("\n\n".join(paras[:-1] + [_story(rng, vocab, sentences=1)]))
    articles = [_article(f"chain/{i}.txt", t, f"Site {i}", f"2024-03-0{i + 1}")
                for i, t in enumerate(chain)]
    families = [f for f in corpus_provenance(articles).families if len(f.members) > 1]
    assert len(families) == 1 and len(families[0].members) == 5
    assert families[0].origin == "chain/0.txt"


def _corpus(seed: int, n: int) -> list[Article]:
    """Stories, copies, truncations and a shared footer for a third of them."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    footer = _story(random.Random(seed + 1), vocab, sentences=5).replace("\n\n", " ")
    out: list[Article] = []
    for i in range(n):
        if out and rng.random() < 0.35:
            source = rng.choice(out).text
            text = source if rng.random() < 0.5 else source[: int(len(source) * 0.7)]
            text = text + f"\n\nCopied by site {i}."
        else:
            text = _story(rng, vocab) + ("\n\n" + footer if rng.random() < 0.3 else "")
        out.append(_article(f"g/{i}.txt", text, f"Site {i % 7}"))
    return out


def test_batches_give_the_families_and_links_of_one_rebuild() -> None:
    docs = [make_doc(k, a, None, False) for k, a in enumerate(_corpus(11, 160), start=1)]
    whole, batched = MemoryIndex(), MemoryIndex()
    add_batch(whole, docs)
    for start in range(0, len(docs), 23):
        add_batch(batched, docs[start : start + 23])
    assert whole.links == batched.links
    assert whole.families == batched.families
    assert whole.boilerplate_hashes() == batched.boilerplate_hashes() != set()


def test_family_ids_survive_a_merge() -> None:
    rng = random.Random(12)
    vocab = _vocabulary(rng)
    a, b = _story(rng, vocab), _story(rng, vocab)
    index = MemoryIndex()
    first = [_article("m/a.txt", a, "X"), _article("m/a2.txt", a + " Extra line here.", "Y"),
             _article("m/b.txt", b, "Z"), _article("m/b2.txt", b + " More words.", "W")]
    add_batch(index, [make_doc(k, x, None, False) for k, x in enumerate(first, start=1)])
    assert sorted(index.families) == [1, 3]
    both = _article("m/ab.txt", a + "\n\n" + b, "V")  # contains both: the families merge
    add_batch(index, [make_doc(5, both, None, False)])
    assert sorted(index.families) == [1]
    assert index.families[1].members == (1, 2, 3, 4, 5)


def test_store_index_batches_equal_its_rebuild(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "p.db"))
    rows = _article_rows(_corpus(21, 120))
    for start in range(0, len(rows), 40):
        with store.engine.begin() as conn:
            conn.execute(schema.articles.insert(), rows[start : start + 40])
        update_index(store)
    before = _snapshot(store)
    assert before[0], "the corpus has families"
    rebuild_index(store)
    assert _snapshot(store) == before
    # In slices, each one's lookups go through the KeyFilter of the keys filed before it.
    rebuild_index(store, slice_size=30)
    assert _snapshot(store) == before


def test_new_articles_are_indexed_in_ingestion_order(tmp_path: Path) -> None:
    """Keys follow (ingested_at, id), whatever order the ids sort in; indexed ones are not
    added again."""
    store = open_store(str(tmp_path / "o.db"))
    rows = _article_rows(_corpus(24, 30))
    for n, row in enumerate(rows):
        row["ingested_at"] = f"2024-01-{1 + (n * 7) % 30:02d}T00:00:00"
    with store.engine.begin() as conn:
        conn.execute(schema.articles.insert(), rows[:20])
    update_index(store)
    with store.engine.begin() as conn:
        conn.execute(schema.articles.insert(), rows[20:])
    assert update_index(store).added == 10
    with store.engine.connect() as conn:
        keyed = conn.execute(schema.provenance_docs.select()
                             .order_by(schema.provenance_docs.c.key)).all()
    ids = [r.article_id for r in keyed]
    first = sorted(rows[:20], key=lambda r: (r["ingested_at"], r["id"]))
    later = sorted(rows[20:], key=lambda r: (r["ingested_at"], r["id"]))
    assert ids == [r["id"] for r in first + later]


def test_prints_from_the_workers_give_the_same_index(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """`ingest --workers` hands update_index the fingerprints its workers computed (by text
    hash): the index is the one computed from the stored texts, and nothing is computed twice."""
    from vedette.provenance import stored

    corpus = _corpus(23, 60)
    known = {a.id: stored.text_print(a.text) for a in corpus}
    snapshots = []
    for name, prints in (("plain", None), ("known", known)):
        store = open_store(str(tmp_path / f"{name}.db"))
        with store.engine.begin() as conn:
            conn.execute(schema.articles.insert(), _article_rows(corpus))
        if prints is not None:
            monkeypatch.setattr(stored, "text_print", _never)
        update_index(store, known=prints)
        snapshots.append(_snapshot(store))
    assert snapshots[0][0] and snapshots[0] == snapshots[1]


def _never(text: str) -> object:
    raise AssertionError("a known print was computed again")


def test_a_store_indexed_with_old_band_keys_is_reindexed(tmp_path: Path) -> None:
    """Migration 0008 empties an index written with the old MinHash permutations; the next
    update indexes every stored article again and gives the families of a rebuild."""
    from sqlalchemy import delete

    from vedette.store import migrations

    db = str(tmp_path / "m.db")
    store = open_store(db)
    with store.engine.begin() as conn:
        conn.execute(schema.articles.insert(), _article_rows(_corpus(22, 60)))
    update_index(store)
    before = _snapshot(store)
    assert before[0]
    with store.engine.begin() as conn:  # as a store written before 0008 looks
        conn.execute(delete(schema.migrations).where(
            schema.migrations.c.name == "0008_minhash_fix"))
        assert migrations.migrate(conn) == ["0008_minhash_fix"]
        assert conn.execute(schema.provenance_docs.select()).first() is None
        assert conn.execute(schema.families.select()).first() is None
    update_index(store)
    assert _snapshot(store) == before


def _article_rows(corpus: list[Article]) -> list[dict[str, object]]:
    """Store rows, one per distinct text, in corpus order."""
    articles = {a.id: a for a in corpus}
    return [{"id": a.id, "path": a.path, "title": None, "publisher": a.publisher, "url": None,
             "published": a.published, "text": a.text, "report": "{}",
             "extractor_version": "t", "config_hash": "t", "ingested_at": f"2024-01-01T{n:05d}"}
            for n, a in enumerate(articles.values())]


def _snapshot(store: object) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with store.engine.connect() as conn:  # type: ignore[attr-defined]
        families = sorted(tuple(r) for r in conn.execute(schema.families.select()))
        links = sorted(tuple(r) for r in conn.execute(schema.provenance_links.select()))
    return families, links


def test_cli_updates_and_rebuilds_a_store_index(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from vedette.cli import app

    db = str(tmp_path / "c.db")
    store = open_store(db)
    rng = random.Random(31)
    vocab = _vocabulary(rng)
    story = _story(rng, vocab)
    texts = [story, story + "\n\nA line the copier added.", _story(rng, vocab)]
    with store.engine.begin() as conn:
        conn.execute(schema.articles.insert(), [
            {"id": f"{n:064d}", "path": f"s/{n}.txt", "title": None, "publisher": f"P{n}",
             "url": None, "published": "2024-05-01", "text": text, "report": "{}",
             "extractor_version": "t", "config_hash": "t", "ingested_at": f"2024-05-01T{n}"}
            for n, text in enumerate(texts)])
    runner = CliRunner()
    first = runner.invoke(app, ["provenance", "--db", db, "--json"])
    again = runner.invoke(app, ["provenance", "--db", db, "--rebuild", "--json"])
    assert first.exit_code == 0 and again.exit_code == 0
    families = json.loads(first.stdout)["families"]
    assert [f["members"] for f in families] == [["s/0.txt", "s/1.txt"]]
    assert json.loads(again.stdout)["families"] == families
