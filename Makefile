# The two commands of the README. Each creates the virtual environment it needs.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export REKG_HOME ?= $(CURDIR)/.rekg
PORT ?= 8000

.PHONY: demo test install browser clean

$(BIN)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(BIN)/.installed

## demo: ingest the sample corpus into the embedded store, then serve the API and the views
demo: install
	$(BIN)/rekg ingest data/corpus
	$(BIN)/rekg stats
	@echo "open http://127.0.0.1:$(PORT)/ (views) or http://127.0.0.1:$(PORT)/docs (API); Ctrl-C stops"
	$(BIN)/rekg serve --port $(PORT)

## browser: Debian's Chromium for the view tests (root installs it; otherwise it must be there)
browser:
	@[ "$$REKG_SKIP_BROWSER" = 1 ] || command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: install Debian's 'chromium' package (or set REKG_SKIP_BROWSER=1)"; exit 1; fi; }

## test: the whole test suite (starts a local Neo4j with scripts/neo4j-local when needed)
test: install browser
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) .rekg .pytest_cache
