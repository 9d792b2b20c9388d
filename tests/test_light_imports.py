"""The ingest process of `ingest --workers N` imports no spaCy: its workers parse, and while
it imported spaCy (about 1 s of CPU) three processes shared two cores at start-up. Checked in
a fresh interpreter, on the modules that process uses."""

from __future__ import annotations

import subprocess
import sys

INGEST_PROCESS_MODULES = ("vedette.cli", "vedette.workers", "vedette.batch", "vedette.dates",
                          "vedette.render", "vedette.store", "vedette.store.rows",
                          "vedette.provenance.stored", "vedette.clusters",
                          "vedette.reanalyze")


def test_the_ingest_process_imports_no_spacy() -> None:
    script = ("import importlib, sys\n"
              f"for name in {INGEST_PROCESS_MODULES!r}:\n"
              "    importlib.import_module(name)\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.strip() == "[]", done.stdout
