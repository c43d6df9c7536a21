# make book : set up .venv from requirements.txt, execute stale notebooks, build _build/html
# make test : set up .venv, then every test (data, package, nbval, strict book build, browser)
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LAB_STAMP := $(VENV)/.lab-installed
LAB_ARGS ?=
#: cffconvert in its own environment (requirements-cite.txt says why)
CITE_VENV := .venv-cite
CITE_STAMP := $(CITE_VENV)/.installed

.DEFAULT_GOAL := help
# runs a command and prints its phase name and seconds (make test's phases)
TIMED = bash -c 's=$$EPOCHREALTIME; "$${@:2}"; rc=$$?; awk -v n="$$1" -v s="$$s" -v e="$$EPOCHREALTIME" "BEGIN { printf \"phase %s: %.1f s\\n\", n, e - s }"; exit $$rc' timed
.PHONY: help venv validate generate execute book pdf lab check-fresh cite-check test test-fast test-lab lint system-deps book-deps browser-deps clean benchmark release diff

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

release: $(STAMP) ## validate, raise the data's version (new finding: minor; correction: patch; schema: major), record it
	$(PY) -m exobone release

diff: $(STAMP) ## rows added, removed and changed between two data versions: make diff FROM=1.0.0 [TO=data]
	@test -n "$(FROM)" || { echo "usage: make diff FROM=<version|folder|zip|git ref> [TO=...] (TO: data/ as it is now)"; exit 2; }
	$(PY) -m exobone diff "$(FROM)" $(if $(TO),"$(TO)")

execute: $(STAMP) book-deps ## re-execute the notebooks whose code or recorded inputs changed
	$(PY) -m exobone execute

book: $(STAMP) book-deps ## validate, execute stale notebooks, build the site (warnings are errors), each only if stale
	$(PY) -m exobone book

pdf: book browser-deps ## the built book as one PDF, _build/pdf/exobone-book.pdf (Debian's chromium, offline)
	$(PY) -m exobone pdf

$(LAB_STAMP): requirements-lab.txt $(STAMP)
	$(PY) -m pip install --quiet --quiet -r requirements-lab.txt
	touch $(LAB_STAMP)

# Lab serves the project root (the package and data/ can be browsed), opens on notebooks/, and
# serves itables' DataTables bundle at static/itables/ (extra_static_paths): the notebooks'
# tables import it from there (exobone/render/table_script.py), so no notebook stores it
LAB_STATIC := _build/lab-static
lab: $(LAB_STAMP) ## open JupyterLab at the project root, on notebooks/ (installed on first use)
	@mkdir -p $(LAB_STATIC)/itables
	@$(PY) -c "import itables, pathlib, shutil; h = pathlib.Path(itables.__file__).parent / 'html'; [shutil.copy(h / n, '$(LAB_STATIC)/itables/') for n in ('dt_bundle.js', 'dt_bundle.css')]"
	$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks --ServerApp.extra_static_paths='["$(CURDIR)/$(LAB_STATIC)"]' $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

$(CITE_STAMP): requirements-cite.txt
	$(PYTHON) -m venv $(CITE_VENV)
	$(CITE_VENV)/bin/python -m pip install --quiet --quiet -r requirements-cite.txt
	touch $(CITE_STAMP)

cite-check: $(CITE_STAMP) ## validate CITATION.cff with cffconvert (in its own .venv-cite)
	$(CITE_VENV)/bin/cffconvert --validate -i CITATION.cff

check-fresh: $(STAMP) ## fail if a committed notebook is stale; list every stale output and why
	$(PY) -m exobone check

lint: $(STAMP) ## ruff format --check and ruff check
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

# Debian packages, installed with apt-get when missing and make runs as root: graphviz (`dot`
# lays out the diagrams) and the font the figures use for the book; chromium for the browser tests
# and the PDF (make pdf), poppler-utils (pdfinfo, pdftotext, pdffonts) for the PDF's tests
BOOK_DEBS := graphviz fonts-dejavu-core
TEST_DEBS := chromium poppler-utils
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

browser-deps: ## install Debian's chromium (browser tests, PDF) and poppler-utils if missing (needs root)
	$(call need_debs,$(TEST_DEBS))

system-deps: book-deps browser-deps ## every system package the book and its tests need

# Each phase is timed; every book notebook runs once under nbval and once in the hostile copy
# (other data), and the site is built here only if stale (its record proves the last strict
# build was made from exactly these files); the PDF likewise.
test: $(STAMP) $(CITE_STAMP) system-deps ## every test: lint, fresh outputs, citation, data and package tests, kernels, nbval, book, PDF, browser
	@$(MAKE) --no-print-directory lint check-fresh cite-check
	@$(TIMED) fast $(PY) -m pytest tests -m "not build and not browser and not lab" -p no:cacheprovider -q
	@$(TIMED) nbval $(PY) -m pytest --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider -q
	@$(TIMED) book-and-pdf $(MAKE) --no-print-directory book pdf
	@$(TIMED) build-and-browser $(PY) -m pytest tests -m "build or browser" -p no:cacheprovider -q

test-fast: $(STAMP) $(CITE_STAMP) ## data and package tests: no kernel, no browser (under a minute)
	$(PY) -m pytest tests -m "not build and not browser and not lab and not kernel and not slow" -q

test-lab: $(STAMP) ## start `make lab`, run a notebook through its REST API, open a chapter in Chromium
	$(PY) -m pytest tests -m lab -p no:cacheprovider

benchmark: $(STAMP) ## run the benchmarks in benchmarks/ and print their timings
	@for b in benchmarks/bench_*.py; do [ -e "$$b" ] && $(PY) "$$b"; done; true

clean: ## remove the built book (keeps .venv)
	rm -rf _build
