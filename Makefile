# The two commands of the README:
#   make run    set up and start ejcms on http://127.0.0.1:8000 (SQLite under ./var, demo data)
#   make test   install the test tools and run every check and the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --quiet --disable-pip-version-check -c requirements/constraints.txt
LINT ?= 1
# Fuzz the API with schemathesis after the suite (scripts/api-fuzz.sh, its own SQLite database).
API_FUZZ ?= 1

.PHONY: run test lint suite api-schema api-fuzz load-test screenshots messages constraints clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml requirements/constraints.txt | $(BIN)/python
	$(PIP) -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml requirements/constraints.txt | $(BIN)/python
	$(PIP) -e ".[test]"
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/ejcms setup --demo
	$(BIN)/ejcms serve --host $${EJCMS_HOST:-127.0.0.1} --port $${EJCMS_PORT:-8000}

test: $(VENV)/.installed-test
	scripts/system-deps.sh
ifeq ($(LINT),1)
	$(MAKE) --no-print-directory lint
endif
	$(MAKE) --no-print-directory suite
ifeq ($(API_FUZZ),1)
	$(MAKE) --no-print-directory api-fuzz
endif

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	EJCMS_VAR_DIR=$$(mktemp -d) $(BIN)/ejcms makemigrations --check --dry-run

suite: $(VENV)/.installed-test
	$(BIN)/pytest

# After changing an API endpoint: regenerate the committed OpenAPI schema (tests/api/test_schema.py
# fails while it differs from the code).
api-schema: $(VENV)/.installed
	EJCMS_VAR_DIR=$$(mktemp -d) $(BIN)/ejcms spectacular --validate --fail-on-warn --file docs/api/openapi.yaml

# Fuzz every API operation with schemathesis against a server with the demo data (part of `make test`).
api-fuzz: $(VENV)/.installed-test
	scripts/api-fuzz.sh

# Load test: the demo and a bulk caseload served by `ejcms serve --production`, under 50
# simulated officers and clerks for 2 minutes (scripts/load-test.sh: LOAD_* variables, and
# EJCMS_DATABASE_URL for PostgreSQL; docs/performance.md).
load-test: $(VENV)/.installed
	scripts/load-test.sh

# Refresh the README's screenshots from the browser test.
screenshots: $(VENV)/.installed-test
	scripts/system-deps.sh
	EJCMS_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/e2e -q

# After changing user-facing strings: extract them, translate the new ones in
# src/ejcms/locale/lo/LC_MESSAGES/django.po, then compile.
messages: $(VENV)/.installed
	cd src/ejcms && ../../$(BIN)/ejcms makemessages -l lo --no-location --no-obsolete -i "locale_django/*"
	msgfmt --check -o src/ejcms/locale/lo/LC_MESSAGES/django.mo src/ejcms/locale/lo/LC_MESSAGES/django.po

constraints: $(VENV)/.installed-test
	$(BIN)/pip install --quiet -e ".[test,load]"
	$(BIN)/pip freeze --exclude-editable > requirements/constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts
