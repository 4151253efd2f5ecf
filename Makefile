# Accord: two commands on a fresh machine with only python3 — `make demo`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PASSWORD ?= accord-demo

.PHONY: demo test lint format bench messages clean venv

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

demo: venv
	ACCORD_DEBUG=1 $(BIN)/accord migrate --noinput
	ACCORD_DEBUG=1 $(BIN)/accord load-reference
	ACCORD_DEBUG=1 $(BIN)/accord demo-users --password $(DEMO_PASSWORD)
	ACCORD_DEBUG=1 $(BIN)/accord load-samples
	ACCORD_DEBUG=1 $(BIN)/accord export-open-data --verbosity 0
	@echo "Accord is starting on http://$(HOST):$(PORT)/ with a worker and the scheduler (Ctrl+C stops all)"
	ACCORD_DEBUG=1 HOST=$(HOST) PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho -f Procfile.demo start -p $(PORT)

test: venv
	$(BIN)/pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/accord makemigrations --check --dry-run

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: venv
	$(BIN)/python bench/run.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/draw.py
	$(BIN)/python bench/portal_load.py

messages: venv
	cd accord && ../$(BIN)/accord makemessages -l ru --no-obsolete --add-location file
	cd accord && ../$(BIN)/accord compilemessages -l ru

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .import_linter_cache
