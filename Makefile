# vawg: the two commands a newcomer needs are `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.test-installed
SYS_STAMP := $(VENV)/.system-installed

.PHONY: demo test lint bench clean install system-packages

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install -q -e '.[test,dev]'
	touch $@

# System libraries: pango for WeasyPrint PDFs, fonts, chromium for browser tests.
$(SYS_STAMP): scripts/install-system-packages.sh | $(BIN)/python
	bash scripts/install-system-packages.sh
	touch $@

install: $(STAMP)

system-packages: $(SYS_STAMP)

demo: $(STAMP) $(SYS_STAMP)
	$(BIN)/vawg demo

test: $(TEST_STAMP) $(SYS_STAMP)
	$(BIN)/python -m pytest -n 2 -q

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: $(TEST_STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) vawg-demo .pytest_cache .mypy_cache .ruff_cache
