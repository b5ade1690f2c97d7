# Story of Progress. `make run` and `make test` are all a newcomer needs (Python 3.11).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
# Compiled modules are kept (__pycache__) even where the environment asks Python not to write
# them (PYTHONDONTWRITEBYTECODE, set on some machines): without them each test worker, server
# and command compiles the project, its tests and their assertion rewrites again on every start.
export PYTHONDONTWRITEBYTECODE :=

.DEFAULT_GOAL := help
.PHONY: help install lock run test test-browser test-varnish test-hosts bench bench-smoke lint format check clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

# Both lock files, explicitly and together: every package pinned and hashed (pip itself too).
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the locked requirements (hashes checked)

# pip-compile keeps the pins already in the .txt files; LOCK_ARGS="--upgrade-package NAME" (or
# "--upgrade") moves them on. Index and find-links options are left out of the lock files.
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)

lock: $(STAMP) ## Compile requirements*.in to the hashed requirements*.txt, then install them
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in
	$(MAKE) install

# axe-core for the accessibility browser tests, at the version package-lock.json pins (needs npm).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

run: $(STAMP) ## Migrate, load demo content and serve on http://127.0.0.1:8000 (SQLite)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	$(MANAGE) runserver 127.0.0.1:8000

test: $(STAMP) ## Run the test suite except browser tests and benchmarks (DATABASE_URL picks the database)
	$(BIN)/pytest -n auto --dist loadgroup $(PYTEST_ARGS)

test-browser: $(STAMP) node_modules/.package-lock.json ## Run the browser tests in Debian's chromium (with axe-core)
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

test-varnish: $(STAMP) ## Run Debian's varnish from deploy/varnish/default.vcl in front of a live server
	$(BIN)/pytest -m varnish $(PYTEST_ARGS)

test-hosts: $(STAMP) ## Run two gunicorn hosts over one PostgreSQL and one Redis, and media in moto's S3
	$(BIN)/pytest -m hosts $(PYTEST_ARGS)

# Benchmarks (README "Benchmarks"): not part of `make test`. `make bench` builds the search
# benchmark's corpus in bench_<name> next to BENCH_DATABASE_URL's database (never in it), keeps
# it for the next run (drop it to rebuild at another size), then loads it with gunicorn, and
# breaks what gunicorn relies on under 50 readers (benchmarks/faults.py), and times the
# library's exports of its sources (benchmarks/exports.py); the page benchmark builds its pages
# in bench_pages_<name> and drops it.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/storyofprogress
BENCH_PAGES ?= 10000
BENCH_SOURCES ?= 5000
BENCH_REPEATS ?= 20
BENCH_SECONDS ?= 20
BENCH_CONCURRENCY ?= 2
BENCH_FAULT_SECONDS ?= 30
BENCH_THROUGHPUT_SECONDS ?= 15
BENCH_EXPORT_REPEATS ?= 2
# Another Wagtail project served beside this one for worker memory (before_after.py --beside ...,
# README "Worker memory"): empty, none.
BENCH_BESIDE ?=

bench: $(STAMP) ## Run the search, load, fault, export and page benchmarks, and the page before and after issue 14 (PostgreSQL)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python benchmarks/search.py --keep \
		--pages $(BENCH_PAGES) --sources $(BENCH_SOURCES) --repeats $(BENCH_REPEATS)
	DATABASE_URL=$(dir $(BENCH_DATABASE_URL))bench_$(notdir $(BENCH_DATABASE_URL)) \
		$(BIN)/python benchmarks/load.py --seconds $(BENCH_SECONDS) --concurrency $(BENCH_CONCURRENCY)
	DATABASE_URL=$(dir $(BENCH_DATABASE_URL))bench_$(notdir $(BENCH_DATABASE_URL)) \
		$(BIN)/python benchmarks/faults.py --seconds $(BENCH_FAULT_SECONDS)
	DATABASE_URL=$(dir $(BENCH_DATABASE_URL))bench_$(notdir $(BENCH_DATABASE_URL)) \
		$(BIN)/python benchmarks/exports.py --repeats $(BENCH_EXPORT_REPEATS)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python benchmarks/pages.py --repeats $(BENCH_REPEATS) \
		--throughput-seconds $(BENCH_THROUGHPUT_SECONDS)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python benchmarks/before_after.py \
		--seconds $(BENCH_THROUGHPUT_SECONDS) $(BENCH_BESIDE)

bench-smoke: $(STAMP) ## Run each benchmark once on a tiny corpus, and load.py's clean-up checks
	$(BIN)/pytest -m bench --durations=0 $(PYTEST_ARGS)

lint: $(STAMP) ## ruff lint and format check, Django checks, migrations up to date
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=storyofprogress.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=storyofprogress.settings.test $(MANAGE) makemigrations --check --dry-run

format: $(STAMP) ## Apply ruff fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: ## Remove the virtualenv, node_modules and local database
	rm -rf $(VENV) node_modules db.sqlite3
