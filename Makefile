# make book : set up .venv from requirements.txt, execute stale notebooks, build _build/html
# make test : set up .venv, then every test (data, package, nbval, strict book build, browser)
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LAB_STAMP := $(VENV)/.lab-installed
LAB_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help venv validate generate execute book lab check-fresh test test-fast test-lab lint system-deps book-deps browser-deps clean benchmark

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --quiet --upgrade pip
	$(PY) -m pip install --quiet --quiet -r requirements.txt
	touch $(STAMP)

venv: $(STAMP) ## create .venv with the pinned requirements

generate: $(STAMP) ## rewrite the files derived from the review text (data/generated, book/generated)
	$(PY) -m exobone generate

validate: $(STAMP) ## check schemas, foreign keys, errata and evidence rules (seconds, no kernel)
	$(PY) -m exobone validate

execute: $(STAMP) book-deps ## re-execute the notebooks whose code or recorded inputs changed
	$(PY) -m exobone execute

book: $(STAMP) book-deps validate ## validate, execute stale notebooks, build _build/html (warnings are errors)
	$(PY) -m exobone book

$(LAB_STAMP): requirements-lab.txt $(STAMP)
	$(PY) -m pip install --quiet --quiet -r requirements-lab.txt
	touch $(LAB_STAMP)

# Lab serves itables' DataTables bundle at static/itables/ (extra_static_paths): the notebooks'
# tables import it from there (exobone/render/table_script.py), so no notebook stores it
LAB_STATIC := _build/lab-static
lab: $(LAB_STAMP) ## open JupyterLab on notebooks/ with this project's kernel (installed on first use)
	@mkdir -p $(LAB_STATIC)/itables
	@$(PY) -c "import itables, pathlib, shutil; h = pathlib.Path(itables.__file__).parent / 'html'; [shutil.copy(h / n, '$(LAB_STATIC)/itables/') for n in ('dt_bundle.js', 'dt_bundle.css')]"
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=notebooks --ServerApp.extra_static_paths='["$(CURDIR)/$(LAB_STATIC)"]' $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

check-fresh: $(STAMP) ## fail if a stored notebook is older than its inputs
	$(PY) -m exobone check

lint: $(STAMP) ## ruff format --check and ruff check
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

# Debian packages, installed with apt-get when missing and make runs as root: graphviz (`dot`
# lays out the diagrams) and the font the figures use for the book; chromium for the browser tests
BOOK_DEBS := graphviz fonts-dejavu-core
TEST_DEBS := chromium
define need_debs
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing$$missing with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "error: missing Debian packages:$$missing (run: sudo apt-get install -y$$missing)"; exit 1; fi; \
	fi
endef

book-deps: ## install graphviz and the figures' font if missing (needs root)
	$(call need_debs,$(BOOK_DEBS))

browser-deps: ## install Debian's chromium for the browser tests if it is missing (needs root)
	$(call need_debs,$(TEST_DEBS))

system-deps: book-deps browser-deps ## every system package the book and its tests need

test: $(STAMP) system-deps ## every test: lint, fresh outputs, data and package tests, nbval, book build, browser
	$(MAKE) lint check-fresh
	$(PY) -m pytest tests -m "not build and not browser and not lab"
	$(PY) -m pytest --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider
	rm -rf _build/html && $(MAKE) book
	$(PY) -m pytest tests -m "build or browser"

test-fast: $(STAMP) ## data and package tests only
	$(PY) -m pytest tests -m "not build and not browser and not lab"

test-lab: $(STAMP) ## start `make lab` and run a notebook in it through its REST API
	$(PY) -m pytest tests -m lab -p no:cacheprovider

benchmark: $(STAMP) ## run the benchmarks in benchmarks/ and print their timings
	@for b in benchmarks/bench_*.py; do [ -e "$$b" ] && $(PY) "$$b"; done; true

clean: ## remove the built book (keeps .venv)
	rm -rf _build
