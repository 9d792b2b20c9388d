"""Rebuild growth with a same-run baseline: a large store's rebuild, and a small store's
rebuilt again and again beside it until it ends.

Usage: .venv/bin/python benchmarks/rebuild_growth.py --small SMALL.db --large LARGE.db
       [--json OUT]

Build the stores first, e.g. `benchmarks/provenance_incremental.py --child build --db
SMALL.db --extra new.json --n 100000` (and the same with `--n 1000000`). The growth factor
is the large rebuild's CPU time over the mean of the small rebuilds that ran while it ran
(each in its own process, on the other core). This VM's speed drifts by 10-30% within
minutes: a 2-minute and a 22-minute rebuild measured one after the other gave 10.5x and
11.6x for the same code, while rebuilds that overlap share the drift. Both rebuilds run
beside another process, so each is a little slower than alone; the ratio is what counts.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def rebuild(db: Path) -> None:
    """Child: one rebuild of `db`'s provenance index; its CPU, wall time and peak RSS."""
    from vedette.provenance.stored import rebuild_index
    from vedette.store import open_store

    store = open_store(str(db))
    start, cpu = time.perf_counter(), time.process_time()
    summary = rebuild_index(store)
    print(json.dumps({"cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - start,
                      "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "articles": summary.added, "at": time.strftime("%H:%M:%S")}))


def _start(db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, __file__, "--child", str(db)],
                            stdout=subprocess.PIPE, text=True)


def _result(proc: subprocess.Popen[str]) -> dict[str, Any]:
    out, _ = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"a rebuild failed with exit status {proc.returncode}")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def measure(small: Path, large: Path) -> dict[str, Any]:
    big = _start(large)
    smalls = []
    while big.poll() is None:
        smalls.append(_result(_start(small)))
        print(f"  small rebuild {len(smalls)}: {smalls[-1]['cpu_s']:.1f} s CPU "
              f"at {smalls[-1]['at']}", file=sys.stderr, flush=True)
    large_run = _result(big)
    # Only the small rebuilds that ended while the large one ran all the way share its drift;
    # the last one may have run mostly alone.
    overlapped = smalls[:-1] if len(smalls) > 1 else smalls
    mean = sum(r["cpu_s"] for r in overlapped) / len(overlapped)
    return {"large": large_run, "small": smalls, "small_mean_cpu_s": mean,
            "growth_cpu": large_run["cpu_s"] / mean,
            "articles_ratio": large_run["articles"] / smalls[0]["articles"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=Path)
    parser.add_argument("--large", type=Path)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        rebuild(args.child)
        return
    if not (args.small and args.large):
        parser.error("--small and --large are required")
    r = measure(args.small, args.large)
    each = ", ".join(f"{s['cpu_s']:.1f}" for s in r["small"])
    print(f"large rebuild {r['large']['cpu_s']:.1f} s CPU ({r['large']['wall_s']:.0f} s wall, "
          f"peak {r['large']['peak_mib']:.0f} MiB, {r['large']['articles']} articles); small "
          f"rebuilds beside it: mean {r['small_mean_cpu_s']:.1f} s CPU over "
          f"{max(1, len(r['small']) - 1)} ({each}); "
          f"growth {r['growth_cpu']:.2f}x CPU for {r['articles_ratio']:.1f}x the articles")
    if args.json:
        args.json.write_text(json.dumps(r, indent=2))


if __name__ == "__main__":
    main()
