"""Whole-process speed of `vedette analyze` / `vedette ingest` against a plain spaCy script.

Usage: .venv/bin/python benchmarks/speed.py [--corpus ../shared/corpus] [--repeat 1]
                                            [--no-workers] [--no-in-process] [--json OUT]

What a user waits for is the whole process: start-up, reading and repairing the files, every
extractor, writing the output. So each side runs as its own subprocess, in one run, the order
alternating between repeats, over the same article texts with the same model:

- baseline: a plain script that loads the spaCy model and parses the texts with `nlp.pipe`;
- `vedette analyze CORPUS --json > /dev/null`;
- `vedette ingest CORPUS --db NEW.db --workers 1` (and `--workers 2` against `--workers 1`);
- start-up: `vedette analyze` of a one-line file against loading the spaCy model alone.

Ratios are baseline time / vedette time (1.0 = as fast as the parse alone), on wall-clock time
and on CPU time (user + system of the process tree, steadier on a shared machine). The second
figure, `in_process`, is the old inner-loop measure: `analyze_articles` against `nlp.pipe`
in this process, after both are warm. Targets: whole-process ratio >= 0.9, start-up overhead
<= 1.5 s, two workers >= 1.8x one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _common import CORPUS, emit, machine  # noqa: I001 - the benchmarks folder itself

from vedette.extract.pipeline import installed_model
from vedette.ingest import read_articles
from vedette.records import Article

TARGET_RATIO = 0.9
TARGET_STARTUP_S = 1.5
TARGET_WORKERS_SPEEDUP = 1.8
TARGET_IN_PROCESS_RATIO = 0.9
VEDETTE = Path(sys.executable).with_name("vedette")

# The baseline: the same texts through the same model, nothing else.
PLAIN_SPACY = """
import json, sys, spacy
nlp = spacy.load(sys.argv[1])
texts = json.load(open(sys.argv[2], encoding="utf-8"))
print(sum(len(doc) for doc in nlp.pipe(texts)))
"""
LOAD_ONLY = "import sys, spacy; spacy.load(sys.argv[1])"


@dataclass(slots=True)
class Timing:
    """Accumulated wall and CPU seconds of one command over the repeats."""

    wall: float = 0.0
    cpu: float = 0.0
    runs: list[float] = field(default_factory=list)


def run_process(argv: Sequence[str], timing: Timing) -> None:
    """Run a command to completion (output discarded), adding its wall and CPU time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    # Exit status 1 is the CLI's "some inputs were rejected" (the corpus holds an index.csv).
    if done.returncode > 1:
        raise RuntimeError(f"{argv[:3]} failed: {done.stderr.decode()[-500:]}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    timing.wall += wall
    timing.cpu += (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    timing.runs.append(round(wall, 2))


def load_corpus(folder: Path) -> list[Article]:
    articles: list[Article] = []
    for path in sorted(folder.glob("*.txt")):
        articles.extend(read_articles(path))
    return articles


def _commands(corpus: Path, work: Path, texts_file: Path, one_line: Path, model: str,
              workers: bool) -> dict[str, Callable[[int], list[str]]]:
    """Name -> the argv of each measured process (the repeat number keeps stores apart)."""
    py = sys.executable
    commands: dict[str, Callable[[int], list[str]]] = {
        "spacy": lambda r: [py, "-c", PLAIN_SPACY, model, str(texts_file)],
        "analyze": lambda r: [str(VEDETTE), "analyze", str(corpus), "--json"],
        "ingest_w1": lambda r: [str(VEDETTE), "ingest", str(corpus), "--workers", "1",
                                "--db", str(work / f"w1-{r}.db")],
        "spacy_load": lambda r: [py, "-c", LOAD_ONLY, model],
        "analyze_one_line": lambda r: [str(VEDETTE), "analyze", str(one_line), "--json"],
    }
    if workers:
        commands["ingest_w2"] = lambda r: [str(VEDETTE), "ingest", str(corpus), "--workers",
                                           "2", "--db", str(work / f"w2-{r}.db")]
    return commands


def whole_process(corpus: Path, articles: list[Article], repeat: int,
                  workers: bool) -> dict[str, object]:
    model = installed_model()
    with tempfile.TemporaryDirectory(prefix="vedette-speed-") as tmp:
        work = Path(tmp)
        texts_file = work / "texts.json"
        texts_file.write_text(json.dumps([a.text for a in articles]), encoding="utf-8")
        one_line = work / "one.txt"
        one_line.write_text("Russian troops moved near Kharkiv on Monday, officials said.\n")
        commands = _commands(corpus, work, texts_file, one_line, model, workers)
        timings = {name: Timing() for name in commands}
        for r in range(repeat):
            order = list(commands) if r % 2 == 0 else list(reversed(commands))
            for name in order:
                run_process(commands[name](r), timings[name])
    return _whole_summary(timings, repeat)


def _ratio(base: float, ours: float) -> float:
    return round(base / ours, 3) if ours else 0.0


def _whole_summary(t: dict[str, Timing], repeat: int) -> dict[str, object]:
    spacy_t = t["spacy"]
    out: dict[str, object] = {
        "seconds_wall": {k: round(v.wall / repeat, 2) for k, v in t.items()},
        "seconds_cpu": {k: round(v.cpu / repeat, 2) for k, v in t.items()},
        "runs_wall": {k: v.runs for k, v in t.items()},
        "ratio_analyze_wall": _ratio(spacy_t.wall, t["analyze"].wall),
        "ratio_analyze_cpu": _ratio(spacy_t.cpu, t["analyze"].cpu),
        "ratio_ingest_w1_wall": _ratio(spacy_t.wall, t["ingest_w1"].wall),
        "ratio_ingest_w1_cpu": _ratio(spacy_t.cpu, t["ingest_w1"].cpu),
        "startup_overhead_s_wall": round((t["analyze_one_line"].wall - t["spacy_load"].wall)
                                         / repeat, 2),
        "startup_overhead_s_cpu": round((t["analyze_one_line"].cpu - t["spacy_load"].cpu)
                                        / repeat, 2),
    }
    if "ingest_w2" in t:
        out["workers_2_speedup_wall"] = _ratio(t["ingest_w1"].wall, t["ingest_w2"].wall)
    return out


def in_process(articles: list[Article], repeat: int) -> dict[str, object]:
    """The inner loop only: `analyze_articles` against `nlp.pipe`, both warm, one process."""
    import spacy

    from vedette.service import analyze_articles

    texts = [a.text for a in articles]
    plain = spacy.load(installed_model())
    list(plain.pipe(texts[:2]))
    list(analyze_articles(articles[:2]))
    base_s = ours_s = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        sum(1 for _ in plain.pipe(texts))
        base_s += time.perf_counter() - start
        start = time.perf_counter()
        sum(1 for o in analyze_articles(articles) if o.report)
        ours_s += time.perf_counter() - start
    return {"spacy_s": round(base_s / repeat, 2), "vedette_s": round(ours_s / repeat, 2),
            "ratio": _ratio(base_s, ours_s)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-workers", action="store_true", help="skip ingest --workers 2")
    parser.add_argument("--no-in-process", action="store_true", help="skip the inner loop")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    articles = load_corpus(args.corpus)
    result: dict[str, object] = {
        "articles": len(articles),
        "chars": sum(len(a.text) for a in articles),
        "repeat": args.repeat,
        "model": installed_model(),
        "machine": machine(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "whole_process": whole_process(args.corpus, articles, args.repeat, not args.no_workers),
        "targets": {"ratio": TARGET_RATIO, "startup_overhead_s": TARGET_STARTUP_S,
                    "workers_2_speedup": TARGET_WORKERS_SPEEDUP,
                    "in_process_ratio": TARGET_IN_PROCESS_RATIO},
    }
    if not args.no_in_process:
        result["in_process"] = in_process(articles, args.repeat)
    emit(result, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
