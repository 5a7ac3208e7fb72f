# Co-production portal: everyday commands. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes run side by side (pytest-xdist), slow tests among the fast ones: while
# one process waits on a slow test's servers, the other takes the rest. Tests go out in
# the order pytest-django gives them, so those that empty the tables run last in each.
WORKERS ?= auto
PARALLEL := -n $(WORKERS)
# Slow tests marked `once` (the fuzz tests, the benchmark's smoke test) give the same
# answer on any database; `make test ONCE=skip` leaves them out. CI does that in its
# SQLite pass and runs them in its PostgreSQL pass, so each slow test runs once.
ONCE ?= run
SUITE := not browser$(if $(filter skip,$(ONCE)), and not once)

.DEFAULT_GOAL := help
.PHONY: help run install test test-fast browser-test test-all lint format check migrate demo benchmark clean

help: ## List the commands
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

install: $(VENV)/.installed ## Create the virtual environment and install everything

run: install ## Set up the database, load demo content and serve on http://127.0.0.1:8000
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install ## Run the test suite, slow tests included (set DATABASE_URL to use PostgreSQL)
	$(BIN)/python -m pytest -m "$(SUITE)" $(PARALLEL)

test-fast: install ## Run the tests, leaving out the slow and the browser ones
	$(BIN)/python -m pytest -m "not browser and not slow" $(PARALLEL)

browser-test: install ## Run only the browser tests (Debian's Chromium)
	$(BIN)/python -m pytest -m browser $(PARALLEL)

test-all: test browser-test ## Run every test: the suite, then the browser tests

lint: install ## Check style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks and missing migrations
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

migrate: install ## Apply database migrations
	$(BIN)/python manage.py migrate --noinput

demo: install ## Load (or top up) the demo content
	$(BIN)/python manage.py load_demo_content

benchmark: install ## Measure the portal under load (see README)
	$(BIN)/python manage.py benchmark

clean: ## Remove the virtual environment, local database and caches
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache screenshots
