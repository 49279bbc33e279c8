# The two commands of the README. Each creates the virtual environment it needs.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export REKG_HOME ?= $(CURDIR)/.rekg

.PHONY: demo test install clean

$(BIN)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(BIN)/.installed

## demo: ingest the sample corpus into the embedded store and show what it holds
demo: install
	$(BIN)/rekg ingest data/corpus
	$(BIN)/rekg stats
	$(BIN)/rekg show "Northern Rare Earth"

## test: the whole test suite (starts a local Neo4j with scripts/neo4j-local when needed)
test: install
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) .rekg .pytest_cache
