# Imant — `make run` serves the demo programme on the embedded stores; `make test` runs every test.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
export IMANT_INSTANCE ?= $(CURDIR)/instance

.PHONY: run test install system-deps node-deps lint bench clean translations catalogues

run: install catalogues
	$(BIN)/imant serve --demo --port $(PORT)

test: install catalogues system-deps node-deps
	$(BIN)/ruff check app graph jobs domain reports tests config.py
	$(BIN)/python -m pytest

install: $(VENV)/.installed catalogues

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# the compiled catalogues (.mo, not in git) are made from the .po files whenever these change;
# `make install` (and so `make run` and `make test`) makes them
LOCALE_DIR := app/translations
MO_FILES   := $(patsubst %.po,%.mo,$(wildcard $(LOCALE_DIR)/*/LC_MESSAGES/messages.po))

catalogues: $(MO_FILES)

$(LOCALE_DIR)/%/LC_MESSAGES/messages.mo: $(LOCALE_DIR)/%/LC_MESSAGES/messages.po | $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d $(LOCALE_DIR) -l $*

# after marking strings: extract them, merge them into every catalogue, translate the new
# entries in the .po files (tests/test_catalogues.py names any left), then `make catalogues`
translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k _l -k N_ -k lazy_ngettext:1,2 -o $(LOCALE_DIR)/messages.pot \
		--no-location --sort-by-file --project Imant app domain graph
	$(BIN)/pybabel update -i $(LOCALE_DIR)/messages.pot -d $(LOCALE_DIR) --no-fuzzy-matching
	$(MAKE) catalogues

system-deps:
	bash scripts/system-deps.sh

node-deps: tools/cypher-lint/node_modules/.installed tools/axe/node_modules/.installed

tools/cypher-lint/node_modules/.installed: tools/cypher-lint/package.json tools/cypher-lint/package-lock.json
	cd tools/cypher-lint && npm ci --no-audit --no-fund --loglevel=error
	touch $@

tools/axe/node_modules/.installed: tools/axe/package.json tools/axe/package-lock.json
	cd tools/axe && npm ci --no-audit --no-fund --loglevel=error
	touch $@

lint: install
	$(BIN)/ruff check app graph jobs domain reports tests config.py

# a few minutes at these scales; the README's "Benchmarks" section gives the full-scale commands
BENCH_INGEST_SCALE ?= 0.01
BENCH_SERVE_SCALE  ?= 0.05
BENCH_SECONDS      ?= 30

bench: install
	$(BIN)/imant db upgrade
	$(BIN)/imant bench import --families 100000
	$(BIN)/imant bench indicators --schools 29000 --municipalities 8000
	$(BIN)/imant bench reports --schools 1000
	$(BIN)/imant bench ingest --scale $(BENCH_INGEST_SCALE)
	$(BIN)/imant bench write-path --rows 20000 --files 1
	$(BIN)/imant bench serve --make-tenant --scale $(BENCH_SERVE_SCALE) --clients 20 --seconds $(BENCH_SECONDS)
	$(BIN)/imant bench simulate --applicants 13000 --schools 170 --draws 100
	$(BIN)/imant bench start --runs 3

clean:
	rm -rf $(VENV) tools/cypher-lint/node_modules tools/axe/node_modules
