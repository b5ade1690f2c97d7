# Story of Progress. `make run` and `make test` are all a newcomer needs (Python 3.11).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help install run test test-postgres test-browser lint format check clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned requirements

# axe-core for the accessibility browser tests, at the version package-lock.json pins (needs npm).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

run: $(STAMP) ## Migrate, load demo content and serve on http://127.0.0.1:8000 (SQLite)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	$(MANAGE) runserver 127.0.0.1:8000

test: $(STAMP) ## Run the whole test suite except browser tests (DATABASE_URL picks the database)
	$(BIN)/pytest $(PYTEST_ARGS)

test-browser: $(STAMP) node_modules/.package-lock.json ## Run the browser tests in Debian's chromium (with axe-core)
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

lint: $(STAMP) ## ruff lint and format check, Django checks, migrations up to date
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=storyofprogress.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=storyofprogress.settings.test $(MANAGE) makemigrations --check --dry-run

format: $(STAMP) ## Apply ruff fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: ## Remove the virtualenv, node_modules and local database
	rm -rf $(VENV) node_modules db.sqlite3
