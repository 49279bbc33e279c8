"""Exports that other tools read back: neo4j-admin CSV and the Cypher script, into a real Neo4j."""
import os
import socket
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from rekg.graph.export import to_cypher, write_csv

ROOT = Path(__file__).resolve().parents[1]
BUILD = Path(os.environ.get("REKG_NEO4J_LOCAL_DIR", ROOT / ".neo4j-local")) / "build"
pytestmark = pytest.mark.neo4j


def expected_counts(doc):
    labels = Counter(lab for e in doc.entities for lab in e.labels)
    return len(doc.entities), len(doc.relations), labels, Counter(r.type for r in doc.relations)


def read_counts(driver, database="neo4j"):
    nodes = driver.execute_query("MATCH (n) WHERE NOT n:RekgLock RETURN count(n) AS c", database_=database).records[0]["c"]
    rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c", database_=database).records[0]["c"]
    labels = Counter()
    for rec in driver.execute_query("MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS c", database_=database).records:
        if rec["l"] not in ("Entity", "RekgLock"):
            labels[rec["l"]] = rec["c"]
    types = Counter({rec["t"]: rec["c"] for rec in driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c", database_=database).records})
    return nodes, rels, labels, types


def test_cypher_script_recreates_the_graph(neo4j_store, nx_store, seed_extractions):
    nx_store.put_extractions(seed_extractions)
    doc = nx_store.export()
    driver = neo4j_store._driver
    for stmt in to_cypher(doc).split(";\n"):
        if stmt.strip() and not stmt.lstrip().startswith("//"):
            driver.execute_query(stmt, database_=neo4j_store.database)
    assert read_counts(driver, neo4j_store.database) == expected_counts(doc)
    # text from articles stays data: a name with quotes and a backslash round-trips intact
    rec = driver.execute_query("MATCH (n:Entity {id: $id}) RETURN n.name AS name", id=doc.entities[0].id, database_=neo4j_store.database).records[0]
    assert rec["name"] == doc.entities[0].name


def test_neo4j_admin_import_of_the_csv_export(tmp_path, nx_store, seed_extractions, neo4j_settings):
    """`neo4j-admin database import full` into a fresh home, then a server on it: same counts."""
    from neo4j import GraphDatabase

    if not (BUILD / "lib").is_dir():
        pytest.fail(f"no Neo4j build at {BUILD}: run scripts/neo4j-local start once")
    nx_store.put_extractions(seed_extractions)
    doc = nx_store.export()
    write_csv(doc, tmp_path / "csv")
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    cp = f"{BUILD / 'lib'}/*:{BUILD / 'classes'}"
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    imp = subprocess.run(["java", "-cp", cp, "org.neo4j.cli.AdminTool", "database", "import", "full",
                          f"--nodes={tmp_path / 'csv' / 'nodes.csv'}", f"--relationships={tmp_path / 'csv' / 'relationships.csv'}",
                          "--overwrite-destination", "neo4j"], capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert imp.returncode == 0, imp.stdout[-2000:] + imp.stderr[-2000:]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(["java", "-Xmx512m", "-cp", cp, "rekg.Neo4jLocal", "--home", str(home), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "REKG_NEO4J_LOCAL_PASSWORD": "import-test-pw"})
    try:
        deadline = time.time() + 180
        for line in server.stdout:
            if line.startswith("REKG_NEO4J_READY") or time.time() > deadline:
                break
        assert server.poll() is None, "the server on the imported home did not start"
        with GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=("neo4j", "import-test-pw")) as driver:
            assert read_counts(driver) == expected_counts(doc)
    finally:
        server.terminate()
        server.wait(timeout=60)
