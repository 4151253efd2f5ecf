# Accord: two commands on a fresh machine with only python3 — `make demo`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One stamp per lock: each target installs only what it needs (demo the runtime, test and lint the
# test tools, bench locust); a stamp is redone when its lock (or, for the runtime, pyproject) changes.
# The locks are complete, so pip installs them with --no-deps: exactly what they pin and nothing else
# (nomquamgender is used for its name list only; its pandas and GPL Unidecode are never installed).
RUNTIME := $(VENV)/.installed-runtime
TESTING := $(VENV)/.installed-test
BENCHING := $(VENV)/.installed-bench
PIP := $(BIN)/python -m pip install --quiet
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PASSWORD ?= accord-demo

.PHONY: demo test lint format bench messages clean venv

$(RUNTIME): requirements/runtime.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) --no-deps -r requirements/runtime.lock
	$(PIP) --no-deps -e .
	touch $@

$(TESTING): requirements/test.lock $(RUNTIME)
	$(PIP) --no-deps -r requirements/test.lock
	touch $@

$(BENCHING): requirements/bench.lock $(RUNTIME)
	$(PIP) --no-deps -r requirements/bench.lock
	touch $@

# A developer's environment: the runtime and the test tools.
venv: $(TESTING)

demo: $(RUNTIME)
	ACCORD_DEBUG=1 $(BIN)/accord migrate --noinput
	ACCORD_DEBUG=1 $(BIN)/accord load-reference
	ACCORD_DEBUG=1 $(BIN)/accord demo-users --password $(DEMO_PASSWORD)
	ACCORD_DEBUG=1 $(BIN)/accord load-samples
	ACCORD_DEBUG=1 $(BIN)/accord export-open-data --verbosity 0
	@echo "Accord is starting on http://$(HOST):$(PORT)/ with a worker and the scheduler (Ctrl+C stops all)"
	ACCORD_DEBUG=1 HOST=$(HOST) PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho -f Procfile.demo start -p $(PORT)

# The suite runs in parallel (pytest-xdist): TEST_WORKERS processes, one per core by default
# (`make test TEST_WORKERS=0` runs it in one process). Each worker has its own var/, database and
# Redis database (conftest.py); --dist loadgroup keeps the tests of one xdist_group on one worker.
TEST_WORKERS ?= auto

test: $(TESTING)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

lint: $(TESTING)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/accord makemigrations --check --dry-run

format: $(TESTING)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(BENCHING)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/draw.py
	$(BIN)/python bench/portal_load.py

messages: $(RUNTIME)
	cd accord && ../$(BIN)/accord makemessages -l ru --no-obsolete --add-location file
	cd accord && ../$(BIN)/accord compilemessages -l ru

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .import_linter_cache
