# Shortlist — two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test bench screenshots clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
	  || { echo "Shortlist needs Python 3.11 or newer (found: $$($(PYTHON) --version 2>&1))."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) \
	  || { rm -rf $(VENV); echo "Could not create a virtual environment. On Debian or Ubuntu: sudo apt install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

## Open the desktop app on the default database (a demo is offered on first start).
run: $(STAMP)
	$(BIN)/shortlist

## Layer rules, format and lint, then every test, offscreen.
test: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff format --check --quiet .
	$(BIN)/ruff check --quiet .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

## Benchmarks: figures and ratios, printed (not tests).
bench: $(STAMP)
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/match_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/gui_bench.py
	$(BIN)/python bench/loop_bench.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

## PNGs of the app in screenshots/ (offscreen): look at them.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/screenshots.py
