# policygraph: `make demo` builds the graph and its views; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PG := $(BIN)/policygraph

.PHONY: demo test lint typecheck bench fuzz readme clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(PG) build

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy --strict src/

test: $(VENV)/.installed-test lint
	$(BIN)/python -m pytest -n 2 -q

# the README's quick start as its commands print it now (after sources are added)
readme: $(VENV)/.installed
	$(BIN)/python -m tests.readme_examples --write

bench: $(VENV)/.installed-test
	$(BIN)/python -m tests.benchmarks.run_all

# the fuzz tests of `make test` with many more examples (2000 each: about 15 minutes)
FUZZ_EXAMPLES ?= 2000
fuzz: $(VENV)/.installed-test
	POLICYGRAPH_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py

clean:
	rm -rf $(VENV) .policygraph build dist
