# Two commands matter: `make demo` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.assess-installed
PIP := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: demo test test-fast bench lint fuzz fuzz-import clean i18n templates

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet -e '.[test,bench]'
	@touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	$(BIN)/assess report examples/liberia.yaml -o out/liberia-report.pdf

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n auto --dist worksteal

# The quick lane while working: everything but the tests marked slow (PDF
# rendering, wheel build, pre-commit, long property searches); under a minute.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n auto --dist worksteal -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH)

clean:
	rm -rf $(VENV) out build dist .pytest_cache .mypy_cache .ruff_cache

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py tests/test_fuzz_import.py tests/test_properties.py

# The import reader alone (CSV and JSON exports through `assess import`).
fuzz-import: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz_import.py

# Interface strings: extract _()/N_() from src and templates, merge into the
# catalogues, compile the .mo files shipped in the wheel. Edit the .po, then run it.
LOCALE := src/assess/locale
i18n: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k tr --no-location --sort-output --no-wrap --project assess --version 0.1 -o $(LOCALE)/assess.pot .
	$(BIN)/pybabel update -i $(LOCALE)/assess.pot -d $(LOCALE) -D assess --no-wrap --no-fuzzy-matching
	$(BIN)/pybabel compile -d $(LOCALE) -D assess --statistics

# The report template compiled ahead of time (src/assess/render/compiled):
# run after editing templates/report.html.j2; a test says when it is stale.
templates: $(STAMP)
	$(BIN)/python -m assess.render.ahead
