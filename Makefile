# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint bench clean

setup: $(STAMP)

# constraints.txt pins the whole tested set (pip freeze) so a fresh install gets it.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,web,spark]' -c constraints.txt
	touch $(STAMP)

DEMO := out/demo

demo: setup
	$(BIN)/vedette analyze 'examples/*.txt'
	rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(BIN)/vedette ingest 'examples/*.txt' --db $(DEMO)/vedette.db
	$(BIN)/vedette timeline --db $(DEMO)/vedette.db
	$(BIN)/vedette estimates --db $(DEMO)/vedette.db --counted troops --of Russia --chart $(DEMO)/estimates.png
	@echo
	@echo "Open the analyst's desk (then http://127.0.0.1:8000/):"
	@echo "  $(BIN)/vedette serve --db $(DEMO)/vedette.db"

test: setup
	$(BIN)/ruff check src tests benchmarks training
	$(BIN)/mypy src
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests benchmarks training
	$(BIN)/mypy src

bench: setup
	$(BIN)/python benchmarks/polnear.py --split test
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
