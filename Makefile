# SPBE Suite - every task a newcomer or CI needs. `make help` lists them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
HOST   ?= 127.0.0.1
DEV    := DJANGO_SETTINGS_MODULE=spbe.settings.dev
# Test processes (pytest-xdist); the machines have 2 cores. WORKERS=0 runs in one process.
WORKERS ?= 2

.PHONY: check-system check-system-test help demo install install-dev test test-sqlite test-postgres lint format bench clean messages

help:
	@echo "make demo    - set up everything and serve the demo on http://$(HOST):$(PORT) (SQLite)"
	@echo "make test    - lint, type-check and run the whole test suite (SQLite; PostgreSQL too when DATABASE_URL is set)"
	@echo "make bench   - run the benchmarks and record them in BENCHMARKS.md"
	@echo "make lint    - ruff, mypy and the import contracts (lint-imports) only"
	@echo "make messages - extract and compile the translations"

# The system libraries first: one clear apt-get line instead of a failure deep inside an install.
check-system:
	@PYTHON=$(PYTHON) sh scripts/check-system

check-system-test:
	@PYTHON=$(PYTHON) sh scripts/check-system --test

$(BIN)/python:
	@PYTHON=$(PYTHON) sh scripts/check-system
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

# axe-core (npm) for the accessibility checks in the browser tests; skipped where npm is missing.
AXE := .cache/axe/node_modules/axe-core/axe.min.js
$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4.14.1; \
	else echo "npm not found: accessibility checks will be skipped"; fi

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The demo always runs on SQLite in var/, whatever DATABASE_URL the shell has.
demo: check-system $(VENV)/.installed
	@mkdir -p var
	env -u DATABASE_URL $(DEV) $(BIN)/python manage.py migrate --noinput --verbosity 0
	env -u DATABASE_URL $(DEV) $(BIN)/python manage.py demo_setup --url "http://$(HOST):$(PORT)/"
	env -u DATABASE_URL $(DEV) sh scripts/serve-demo $(BIN)/python "$(HOST):$(PORT)"

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-logo

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# pytest exits 5 when it collected no test: that must never pass.
define run_pytest
	@rc=0; $(1) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make: pytest collected no tests - failing on purpose" >&2; exit 1; fi; \
	exit $$rc
endef

test: check-system-test lint test-sqlite test-postgres

test-sqlite: $(VENV)/.installed-dev $(AXE)
	$(call run_pytest,env -u DATABASE_URL $(BIN)/python -m pytest -n $(WORKERS))

# The database tests again on PostgreSQL, when DATABASE_URL points at one.
test-postgres: $(VENV)/.installed-dev $(AXE)
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "== database tests on $$DATABASE_URL"; \
		rc=0; $(BIN)/python -m pytest -n $(WORKERS) -m db || rc=$$?; \
		if [ $$rc -eq 5 ]; then echo "make: no database tests ran on PostgreSQL" >&2; exit 1; fi; \
		exit $$rc; \
	else echo "== DATABASE_URL not set: PostgreSQL pass skipped (CI sets it)"; fi

bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/run.py

messages: $(VENV)/.installed-dev
	cd src/spbe && $(DEV) ../../$(BIN)/django-admin makemessages -l id -l en --no-location --no-wrap
	cd src/spbe && $(DEV) ../../$(BIN)/django-admin compilemessages

clean:
	rm -rf $(VENV) var .cache .pytest_cache .mypy_cache .ruff_cache .hypothesis
