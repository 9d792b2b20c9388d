"""Families for N synthetic articles: wall time and peak memory against a plain baseline.

Usage: .venv/bin/python benchmarks/reuse_scale.py [--n 100000] [--n 10000 ...] [--json OUT]

Both sides run in a fresh child process on the same generated articles (bigram-chain text
trained on the public-domain corpus, 30% copies, truncations and spins); peak memory is the
child's peak RSS after generation minus before. Baseline: datasketch MinHash (SHA-1, 128
permutations) over word 5-grams, MinHashLSH at Jaccard 0.5, union-find over candidates, no
verification. Target: 10x the articles in at most 12x the time.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reusegen.scale import generate  # noqa: E402

from vedette.provenance import corpus_provenance  # noqa: E402
from vedette.records import Article  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
MAX_GROWTH = 12.0


def baseline(articles: list[Article]) -> int:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    parent = list(range(len(articles)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(articles):
        words = a.text.lower().split()
        m = MinHash(num_perm=128)
        m.update_batch([" ".join(words[k : k + 5]).encode() for k in range(len(words) - 4)])
        for j in lsh.query(m):
            parent[find(i)] = find(j)
        lsh.insert(i, m)
    return sum(1 for i in range(len(articles)) if find(i) == i)


def ours(articles: list[Article]) -> int:
    result = corpus_provenance(articles)
    return len(articles) - sum(len(f.members) - 1 for f in result.families if len(f.members) > 1)


def peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(method: str, n: int, corpus: Path) -> None:
    articles = generate(corpus, n)
    before = peak_kib()
    start = time.perf_counter()
    groups = ours(articles) if method == "vedette" else baseline(articles)
    seconds = time.perf_counter() - start
    print(json.dumps({"method": method, "n": n, "seconds": seconds, "groups": groups,
                      "peak_mib": (peak_kib() - before) / 1024}))


def run(method: str, n: int, corpus: Path) -> dict[str, object]:
    out = subprocess.run([sys.executable, __file__, "--child", method, "--n", str(n),
                          "--corpus", str(corpus)], capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--child", choices=("vedette", "baseline"))
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    sizes = args.n or [100_000]
    if args.child:
        child(args.child, sizes[0], args.corpus)
        return
    rows = [run(m, n, args.corpus) for n in sizes for m in ("vedette", "baseline")]
    print(f"{'n':>8} {'method':<9} {'seconds':>8} {'peak MiB':>9} {'groups':>8}")
    for r in rows:
        print(f"{r['n']:>8} {r['method']:<9} {r['seconds']:8.1f} {r['peak_mib']:9.0f} "
              f"{r['groups']:>8}")
    by = {(r["method"], r["n"]): float(r["seconds"]) for r in rows}  # type: ignore[arg-type]
    if len(sizes) > 1:
        lo, hi = min(sizes), max(sizes)
        for m in ("vedette", "baseline"):
            growth = by[(m, hi)] / by[(m, lo)]
            print(f"{m}: {hi / lo:.0f}x articles -> {growth:.1f}x time "
                  f"(target <= {MAX_GROWTH * hi / lo / 10:.0f}x)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
