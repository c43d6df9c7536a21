# make book : set up .venv from requirements.txt, execute stale notebooks, build _build/html
# make test : set up .venv, then every test (data, package, nbval, strict book build, browser)
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help venv generate execute book check-fresh test test-fast lint browser-deps clean benchmark

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

venv: $(STAMP) ## create .venv with the pinned requirements

generate: $(STAMP) ## rewrite the files derived from the review text (data/generated, book/generated)
	$(PY) -m exobone.build.generate

execute: $(STAMP) ## re-execute the notebooks whose code or recorded inputs changed
	$(PY) -m exobone.build.execute

book: $(STAMP) ## execute stale notebooks, build the HTML book into _build/html (warnings are errors)
	$(PY) -m exobone.build.book

check-fresh: $(STAMP) ## fail if a stored notebook is older than its inputs
	$(PY) -m exobone.build.execute --check

lint: $(STAMP) ## ruff format --check and ruff check
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

browser-deps: ## install Debian's chromium for the browser tests if it is missing (needs root)
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "error: the browser tests need Chromium: sudo apt-get install -y chromium"; exit 1; fi; }

test: $(STAMP) browser-deps ## every test: lint, fresh outputs, data and package tests, nbval, book build, browser
	$(MAKE) lint check-fresh
	$(PY) -m pytest tests -m "not build and not browser"
	$(PY) -m pytest --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider
	rm -rf _build/html && $(MAKE) book
	$(PY) -m pytest tests -m "build or browser"

test-fast: $(STAMP) ## data and package tests only
	$(PY) -m pytest tests -m "not build and not browser"

benchmark: $(STAMP) ## run the benchmarks in benchmarks/ and print their timings
	@for b in benchmarks/bench_*.py; do [ -e "$$b" ] && $(PY) "$$b"; done; true

clean: ## remove the built book (keeps .venv)
	rm -rf _build
