# Quick start: `make demo` aligns the bundled sample; `make test` runs the whole suite and
# builds the documentation site; `make docs` builds only the site (out/site/).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint docs accuracy bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is needed" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

demo: $(STAMP)
	$(BIN)/aligner demo -o out/sample.tei.xml

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# the test suite runs last, so that its summary closes the output
test: lint
	$(BIN)/mkdocs build --strict --quiet
	$(BIN)/python benchmarks/accuracy_gate.py
	$(BIN)/pytest

# the documentation site in out/site/ (warnings are errors: a broken link fails)
docs: $(STAMP)
	$(BIN)/mkdocs build --strict

# sentence alignment on the gold of ../shared/corpus against benchmarks/data/accuracy_baseline.json
accuracy: $(STAMP)
	$(BIN)/python benchmarks/accuracy_gate.py

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
