"""Shared fixtures: the sample corpus as extractions, and clean stores of both kinds.

Neo4j comes from, in this order: REKG_NEO4J_URI/_USER/_PASSWORD/_DATABASE in the environment;
a running `scripts/neo4j-local` server (its .neo4j-local/env); or one this session starts with
`scripts/neo4j-local start` and stops at the end. REKG_SKIP_NEO4J=1 skips the Neo4j tests;
otherwise a Neo4j that cannot be reached or started is an ERROR, so CI never silently skips.

The Neo4j database is WIPED before every test that uses it: point these tests at a test server.
A pytest session holds it (a lock file per URI) from its first Neo4j test to its end, so two
runs against one server wait for each other instead of wiping each other's data.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import shlex
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from rekg.graph.model import Extraction
from rekg.graph.settings import Settings

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "data" / "corpus"
LOCAL_SCRIPT = REPO / "scripts" / "neo4j-local"
LOCAL_ENV = Path(os.environ.get("REKG_NEO4J_LOCAL_DIR", REPO / ".neo4j-local")) / "env"


def _settings(env: dict[str, str]) -> Settings:
    return Settings(store="neo4j", neo4j_uri=env["REKG_NEO4J_URI"],
                    neo4j_user=env.get("REKG_NEO4J_USER", "neo4j"),
                    neo4j_password=env.get("REKG_NEO4J_PASSWORD", ""),
                    neo4j_database=env.get("REKG_NEO4J_DATABASE", "neo4j"))


def _read_env_file(path: Path) -> dict[str, str]:
    """`export K=V` lines as written by scripts/neo4j-local (values shell-quoted with %q)."""
    out = {}
    for line in path.read_text().splitlines():
        words = shlex.split(line)
        if len(words) == 2 and words[0] == "export" and "=" in words[1]:
            key, value = words[1].split("=", 1)
            out[key] = value
    return out


def _answers(settings: Settings) -> str | None:
    """None when the server accepts these settings, else the reason it does not."""
    from rekg.graph.neo4j_store import Neo4jStore
    from rekg.graph.store import StoreError

    store = Neo4jStore(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password, settings.neo4j_database,
                       connection_timeout=3.0)
    try:
        store.article_hashes()
        return None
    except StoreError as exc:
        return str(exc)
    finally:
        store.close()


@contextmanager
def _exclusive(settings: Settings, timeout: float = 900.0):
    """Hold the database for this session: tests wipe it, so two pytest runs on one server
    (two developers, or a developer and an editor's test runner) take turns instead of clashing."""
    key = hashlib.sha1(f"{settings.neo4j_uri}/{settings.neo4j_database}".encode()).hexdigest()[:12]
    with open(Path(tempfile.gettempdir()) / f"rekg-neo4j-tests-{key}.lock", "w") as fh:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    pytest.fail(f"another test run has held Neo4j at {settings.neo4j_uri} for {timeout:.0f} s", pytrace=False)
                time.sleep(0.5)
        try:
            yield settings
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def neo4j_settings():
    if os.environ.get("REKG_SKIP_NEO4J") == "1":
        pytest.skip("REKG_SKIP_NEO4J=1: Neo4j tests skipped")
    if os.environ.get("REKG_NEO4J_URI"):
        settings = _settings(dict(os.environ))
        problem = _answers(settings)
        if problem:
            pytest.fail(f"REKG_NEO4J_URI is set but unusable: {problem}", pytrace=False)
        with _exclusive(settings):
            yield settings
        return
    if LOCAL_ENV.exists():
        settings = _settings(_read_env_file(LOCAL_ENV))
        if _answers(settings) is None:
            with _exclusive(settings):
                yield settings
            return
    proc = subprocess.run([str(LOCAL_SCRIPT), "start"], capture_output=True, text=True, timeout=900)
    if proc.returncode != 0 or not LOCAL_ENV.exists():
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        pytest.fail(f"could not start Neo4j with scripts/neo4j-local start (exit {proc.returncode}):\n{tail}\n"
                    "set REKG_SKIP_NEO4J=1 to skip the Neo4j tests", pytrace=False)
    started_here = "already running" not in proc.stderr
    settings = _settings(_read_env_file(LOCAL_ENV))
    try:
        problem = _answers(settings)
        if problem:
            pytest.fail(f"scripts/neo4j-local started, but: {problem}", pytrace=False)
        with _exclusive(settings):
            yield settings
    finally:
        if started_here:
            subprocess.run([str(LOCAL_SCRIPT), "stop"], capture_output=True, text=True, timeout=120)


def wipe(store) -> None:
    from rekg.graph.neo4j_store import empty_database

    store._ready()
    empty_database(store._driver, store.database)


@pytest.fixture
def neo4j_store(neo4j_settings):
    from rekg.graph.neo4j_store import Neo4jStore

    s = neo4j_settings
    store = Neo4jStore(s.neo4j_uri, s.neo4j_user, s.neo4j_password, s.neo4j_database)
    wipe(store)
    yield store
    store.close()


@pytest.fixture
def nx_store(tmp_path):
    from rekg.graph.nx_store import NetworkXStore

    store = NetworkXStore(tmp_path / "nx-home")
    yield store
    store.close()


@pytest.fixture(scope="session")
def seed_extractions() -> list[Extraction]:
    """The sample corpus, cleaned and extracted once per session. Do not mutate the items."""
    from rekg.loaders.ingest import extract_documents
    from rekg.loaders.read import iter_documents

    extractions, errors, _ = extract_documents(iter_documents([str(CORPUS)]))
    assert not errors, errors
    assert extractions, f"no articles read from {CORPUS}"
    return extractions
