"""Analyst Cypher on both stores: the cookbook gives the same rows, writes are refused, runaway
queries stop at the time limit, and the CLI / HTTP surfaces work.

The graph is the sample corpus plus the dev set, ingested once per module into an embedded store
and (for the `neo4j`-marked tests) into the Neo4j test server from tests/conftest.py.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from conftest import wipe

from rekg.graph.cypher import (CypherSyntaxError, QueryTimeout, UnsupportedFeature, WriteRefused, parse_param,
                               run_query)
from rekg.graph.cypher.cookbook import load
from rekg.graph.cypher.guard import check_read_only
from rekg.graph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
RECIPES = load(ROOT / "cookbook")
RUNAWAY = [
    # a cartesian product over every node, four times (~10^11 rows)
    "MATCH (a), (b), (c), (d) WHERE (a.name + b.name + c.name + d.name) CONTAINS 'no such text' RETURN count(*)",
    # every trail of up to 12 hops from every node
    "MATCH p = (a)-[*1..12]-(b) RETURN count(*)",
]
WRITES = [
    "CREATE (:Person {id: 'x', name: 'X'})",
    "MATCH (n:Person) SET n.name = 'changed'",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Person) DELETE n",
    "MERGE (o:Organization {id: 'y'})",
    "MATCH (n:Person) REMOVE n.titles",
    "MATCH (n:Person) REMOVE n:Person",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "MATCH (n) WITH collect(n) AS ns FOREACH (x IN ns | SET x.flag = true)",
    "CALL db.createLabel('Evil')",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS",
    "match (n) detach delete n",
    "MATCH (n) RETURN n.name /* harmless */ ; CREATE (:Person {id: 'z'})",
    "DROP INDEX rekg_entity_name",
]


def canon(rows: list) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)


# -- fixtures ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extractions():
    from rekg.loaders.ingest import extract_documents
    from rekg.loaders.read import iter_documents

    exs, errors, _ = extract_documents(iter_documents([str(ROOT / "data" / "corpus"), str(ROOT / "data" / "eval" / "articles")]))
    assert not errors and len(exs) >= 30
    return exs


@pytest.fixture(scope="module")
def nx_home(tmp_path_factory, extractions):
    from rekg.graph.nx_store import NetworkXStore

    home = tmp_path_factory.mktemp("cypher-home")
    store = NetworkXStore(home)
    store.put_extractions(extractions)
    store.close()
    return home


@pytest.fixture
def nx(nx_home):
    from rekg.graph.nx_store import NetworkXStore

    store = NetworkXStore(nx_home)
    yield store
    store.close()


@pytest.fixture(scope="module")
def neo(neo4j_settings, extractions):
    from rekg.graph.neo4j_store import Neo4jStore
    s = neo4j_settings
    store = Neo4jStore(s.neo4j_uri, s.neo4j_user, s.neo4j_password, s.neo4j_database)
    wipe(store)
    store.put_extractions(extractions)
    yield store
    store.close()


@pytest.fixture
def settings(nx_home):
    return Settings(home=nx_home, store="networkx", query_time_limit_ms=5000, query_max_rows=1000)


# -- the cookbook ----------------------------------------------------------------------------------------


def test_the_cookbook_has_at_least_25_documented_recipes():
    assert len(RECIPES) >= 25
    doc = (ROOT / "docs" / "cookbook.md").read_text(encoding="utf-8")
    for r in RECIPES:
        assert r.question, f"{r.name}: no '// Question:' header"
        assert r.query in doc, f"{r.name}: docs/cookbook.md does not show this query as it is in the file"
        for name in r.params:
            assert f"${name}" in r.query, f"{r.name}: sample parameter {name} is not used"


def test_every_cookbook_recipe_runs_on_the_embedded_store(nx, settings):
    nonempty = 0
    for r in RECIPES:
        result = run_query(nx, r.query, r.params, settings)
        nonempty += bool(result.rows)
    assert nonempty >= 20, f"only {nonempty} of {len(RECIPES)} recipes return rows"


@pytest.mark.neo4j
@pytest.mark.parametrize("recipe", RECIPES, ids=[r.name for r in RECIPES])
def test_cookbook_recipe_gives_the_same_rows_on_both_stores(recipe, nx, neo, settings):
    a = run_query(nx, recipe.query, recipe.params, settings)
    b = run_query(neo, recipe.query, recipe.params, settings)
    assert a.columns == b.columns
    if recipe.ordered:
        assert a.rows == b.rows
    else:
        assert canon(a.rows) == canon(b.rows)


@pytest.mark.neo4j
def test_most_cookbook_recipes_return_rows_on_neo4j(neo, settings):
    nonempty = sum(bool(run_query(neo, r.query, r.params, settings).rows) for r in RECIPES)
    assert nonempty >= 20


@pytest.mark.neo4j
@pytest.mark.parametrize("query", [
    "MATCH (p:Person)-[r]->(o) RETURN p, r, o ORDER BY p.id, type(r), o.id LIMIT 5",
    "MATCH p = (a:Person)-[:LEADS]->(o:SOE) RETURN p ORDER BY a.id, o.id LIMIT 3",
    "MATCH (o:Organization:Institute) RETURN count(o) AS n",
    "MATCH (o:Institute|University) RETURN o.kind AS kind, count(*) AS n ORDER BY kind",
    "MATCH (n) WHERE n:Person OR n:Event RETURN labels(n) AS l, count(*) AS n ORDER BY n",
    "MATCH (a:Person)-[r1]-(x)-[r2]-(b:Person) WHERE a.id < b.id RETURN count(*) AS paths",
    "MATCH (a:Person)--(x)--(b:Person) RETURN count(*) AS paths",
    "MATCH (o:SOE) RETURN o.name AS n, size(o.aliases) AS k, o.aliases[0] AS first ORDER BY n",
    "UNWIND [3, 1, 2] AS x WITH x ORDER BY x LIMIT 2 RETURN x",
    "MATCH (p:Person) RETURN [t IN p.titles WHERE t CONTAINS 'Chair' | toUpper(t)] AS t, p.id AS id ORDER BY id",
    "MATCH (p:Person) WHERE exists((p)-[:LEADS]->(:SOE)) RETURN p.name AS name ORDER BY name",
    "MATCH (a:Article) RETURN a.id AS id, a.source AS source, a.sha256 AS sha ORDER BY id",
    "MATCH (n:Nonexistent) RETURN count(n) AS n",
    "MATCH (p:Person:SOE) RETURN count(p) AS n",
    "MATCH (o:SOE)-[:SUBSIDIARY_OF*]->(top) RETURN o.name AS o, top.name AS top ORDER BY o, top",
    "MATCH (p:Person) RETURN p.id AS id, head(p.titles) AS h, last(p.titles) AS l, tail(p.titles) AS t, p.titles[-1] AS z",
    "MATCH (a:Person)-->(o:SOE)<--(b:Person) WHERE a.name < b.name RETURN a.name, o.name, b.name",
    "MATCH (a:Person)-[r*1..2]-(b:Person) WHERE a.name STARTS WITH 'L' RETURN a.name, b.name, size(r) AS hops",
    "MATCH (e:Event) RETURN e.date AS d, substring(e.date, 5) AS rest, e.date =~ '20.*' AS dated",
])
def test_dialect_differences_are_translated(query, nx, neo, settings):
    a = run_query(nx, query, {}, settings)
    b = run_query(neo, query, {}, settings)
    assert a.columns == b.columns
    assert canon(a.rows) == canon(b.rows)


# -- read-only -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", WRITES)
def test_write_clauses_are_refused_before_anything_runs(query):
    with pytest.raises(WriteRefused):
        check_read_only(query)


@pytest.mark.parametrize("query", [
    "MATCH (n) WHERE n.name = 'CREATE (x) DETACH DELETE n' RETURN n.name",
    "MATCH (n) RETURN n.name // then DELETE everything",
    "MATCH (n) /* SET n.x = 1 */ RETURN n.set, n.`delete` AS `create`",
    "RETURN {set: 1, remove: 2} AS m",
    "CALL db.labels()",
])
def test_the_guard_reads_tokens_not_substrings(query):
    check_read_only(query)


def test_writes_are_refused_on_the_embedded_store_and_it_is_unchanged(nx, settings):
    before = run_query(nx, "MATCH (n) RETURN count(n) AS n", {}, settings).rows
    rels = run_query(nx, "MATCH ()-[r]->() RETURN count(r) AS n", {}, settings).rows
    export = nx.export().model_dump()
    for q in WRITES:
        with pytest.raises(WriteRefused):
            run_query(nx, q, {}, settings)
    assert run_query(nx, "MATCH (n) RETURN count(n) AS n", {}, settings).rows == before
    assert run_query(nx, "MATCH ()-[r]->() RETURN count(r) AS n", {}, settings).rows == rels
    assert nx.export().model_dump() == export


def test_the_embedded_mirror_is_read_only_even_past_the_guard(nx, settings):
    from rekg.graph.cypher import prepare

    mirror = prepare(nx)
    with pytest.raises(Exception) as info:
        mirror.run("MATCH (p:Person) SET p.name = 'x' RETURN p.name", {}, 2000, 10)
    assert "read" in str(info.value).lower() or "write" in str(info.value).lower()


@pytest.mark.neo4j
def test_writes_are_refused_on_neo4j_and_it_is_unchanged(neo, settings):
    count = "MATCH (n) RETURN count(n) AS n"
    before = run_query(neo, count, {}, settings).rows
    for q in WRITES:
        with pytest.raises(WriteRefused):
            run_query(neo, q, {}, settings)
    assert run_query(neo, count, {}, settings).rows == before


@pytest.mark.neo4j
def test_neo4j_runs_analyst_queries_in_read_transactions(neo):
    from rekg.graph.cypher.remote import run_neo4j

    # straight past the guard: the READ access mode still stops the write
    with pytest.raises(Exception):
        run_neo4j(neo, "CREATE (:Person {id: 'sneaky', name: 'Sneaky'})", {}, 2000, 10)
    assert run_query(neo, "MATCH (p:Person {id: 'sneaky'}) RETURN count(p) AS n").rows == [[0]]


# -- time limit and row cap -----------------------------------------------------------------------------------


def _stops_in_time(store, settings):
    for q in RUNAWAY:
        t0 = time.perf_counter()
        with pytest.raises(QueryTimeout) as info:
            run_query(store, q, {}, settings, time_limit_ms=500)
        elapsed = time.perf_counter() - t0
        assert elapsed < 6, f"a 500 ms limit took {elapsed:.1f} s to stop {q!r}"
        assert "time limit" in str(info.value) and "500 ms" in str(info.value)
        t0 = time.perf_counter()
        assert run_query(store, "MATCH (p:Person) RETURN count(p) AS n", {}, settings).rows[0][0] > 10
        assert time.perf_counter() - t0 < 2, "the next query was not answered at once"


def test_a_runaway_query_is_stopped_on_the_embedded_store(nx, settings):
    _stops_in_time(nx, settings)


@pytest.mark.neo4j
def test_a_runaway_query_is_stopped_on_neo4j(neo, settings):
    _stops_in_time(neo, settings)


def test_the_row_cap_truncates_on_the_embedded_store(nx, settings):
    r = run_query(nx, "MATCH (n:Entity) RETURN n.id AS id ORDER BY id", {}, settings, max_rows=7)
    assert len(r.rows) == 7 and r.truncated
    r = run_query(nx, "MATCH (n:Person) RETURN count(*) AS n", {}, settings, max_rows=7)
    assert not r.truncated


@pytest.mark.neo4j
def test_the_row_cap_truncates_on_neo4j(nx, neo, settings):
    a = run_query(nx, "MATCH (n:Entity) RETURN n.id AS id ORDER BY id", {}, settings, max_rows=7)
    b = run_query(neo, "MATCH (n:Entity) RETURN n.id AS id ORDER BY id", {}, settings, max_rows=7)
    assert b.truncated and b.rows == a.rows


# -- what the embedded engine cannot do ---------------------------------------------------------------------


@pytest.mark.parametrize("query, feature", [
    ("MATCH (n:Person) RETURN n{.name, .id}", "map projections"),
    ("MATCH (n:Person) RETURN reduce(s = 0, t IN n.titles | s + size(t))", "reduce()"),
    ("CALL db.labels()", "CALL"),
    ("MATCH (p:Person) RETURN [(p)-[:LEADS]->(o) | o.name] AS led", "pattern comprehensions"),
    ("MATCH ()-[r]->() RETURN startNode(r).id", "startNode()"),
    ("MATCH (a)-[*1..40]-(b) RETURN count(*)", "longer than 30 hops"),
    ("MATCH (n) RETURN apoc.text.clean(n.name)", "namespaced functions"),
    ("RETURN percentileCont(1, 0.5)", "percentileCont()"),
])
def test_unsupported_features_get_a_clear_error_naming_them(query, feature, nx, settings):
    with pytest.raises(UnsupportedFeature) as info:
        run_query(nx, query, {}, settings)
    msg = str(info.value)
    assert feature in msg and "--store neo4j" in msg


def test_a_syntax_error_is_reported_as_such(nx, settings):
    with pytest.raises(CypherSyntaxError):
        run_query(nx, "MATCH (n:Person RETURN n", {}, settings)
    with pytest.raises(CypherSyntaxError):
        run_query(nx, "   ", {}, settings)
    with pytest.raises(CypherSyntaxError):
        run_query(nx, "RETURN 1; RETURN 2", {}, settings)


def test_the_mirror_follows_the_store(tmp_path, extractions, settings):
    from rekg.graph.nx_store import NetworkXStore

    store = NetworkXStore(tmp_path / "home")
    store.put_extractions(extractions[:5])
    s = settings.model_copy(update={"home": tmp_path / "home"})
    q = "MATCH (a:Article) RETURN count(a) AS n"
    assert run_query(store, q, {}, s).rows == [[5]]
    store.put_extractions(extractions[5:8])
    assert run_query(store, q, {}, s).rows == [[8]]
    store.delete_article(extractions[0].article.id)
    assert run_query(store, q, {}, s).rows == [[7]]
    assert len(list((tmp_path / "home" / "cypher").glob("ladybug-*"))) == 1  # stale mirrors are removed


def test_a_query_running_on_a_mirror_outlives_a_write(tmp_path, extractions, settings):
    """A write makes the store's mirror stale while a query (here: a held mirror) may still use it: it
    stays open and on disk until that query lets go, then is closed and deleted."""
    import gc

    from rekg.graph.cypher import embedded
    from rekg.graph.nx_store import NetworkXStore

    store = NetworkXStore(tmp_path / "home")
    store.put_extractions(extractions[:3])
    q = "MATCH (a:Article) RETURN count(a) AS n"
    running = embedded.mirror_for_store(store)
    store.put_extractions(extractions[3:5])
    fresh = embedded.mirror_for_store(store)
    assert fresh.path != running.path
    assert running.run(q, {}, 5000, 10)[1] == [[3]] and fresh.run(q, {}, 5000, 10)[1] == [[5]]
    old = running.path
    del running
    gc.collect()
    assert not old.exists() and fresh.path.exists()


# -- translation, unit level ------------------------------------------------------------------------------------


def test_translation_of_neo4j_idioms():
    from rekg.graph.cypher.embedded import catalog
    from rekg.graph.cypher.translate import translate

    c = catalog()
    t = translate("MATCH (o:Organization:SOE)<-[r:LEADS]-(p) RETURN type(r), p.name", c)
    assert "(o:SOE )" in t and "label(r) AS `type(r)`" in t and "p.name AS `p.name`" in t
    t = translate("MATCH p = shortestPath((a:Person)-[*..5]-(b:Person)) RETURN length(p)", c)
    assert "* SHORTEST 1..5" in t and "shortestPath" not in t
    t = translate("MATCH (a)-[:LEADS]->(o), (b)-[:LEADS]->(o) RETURN a, b", c)
    assert "_r1 <> _r2" in t
    t = translate("MATCH (a)-[:SUBSIDIARY_OF*1..3]-(b) WHERE a.name =~ 'x.*' RETURN b", c)
    assert "is_trail(_r1)" in t and "regexp_full_match(a.name, 'x.*')" in t
    t = translate("MATCH (n) WHERE n.name = 'MATCH (o:Organization:SOE)' RETURN n", c)
    assert "'MATCH (o:Organization:SOE)'" in t  # string literals are never rewritten


def test_params_parse_json_literals_else_strings():
    assert parse_param("n=3") == ("n", 3)
    assert parse_param("xs=[1, 2]") == ("xs", [1, 2])
    assert parse_param("name=Lu Kaiwen") == ("name", "Lu Kaiwen")
    assert parse_param('year="2024"') == ("year", "2024")
    assert parse_param("$flag=true") == ("flag", True)


# -- CLI ---------------------------------------------------------------------------------------------------------


def test_cli_query_formats(nx_home):
    from typer.testing import CliRunner

    from rekg.api.cli import app

    runner = CliRunner()
    env = {"REKG_HOME": str(nx_home), "REKG_STORE": "networkx"}
    q = "MATCH (p:Person)-[r:LEADS]->(o:SOE) RETURN p.name AS person, r.role AS role, o.name AS soe ORDER BY soe, person LIMIT $n"
    res = runner.invoke(app, ["query", q, "--param", "n=3", "--format", "json"], env=env)
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert len(rows) == 3 and set(rows[0]) == {"person", "role", "soe"}
    res = runner.invoke(app, ["query", q, "-p", "n=2", "--format", "csv"], env=env)
    assert res.exit_code == 0
    lines = res.stdout.strip().splitlines()
    assert lines[0] == "person,role,soe" and len(lines) == 3
    res = runner.invoke(app, ["query", q, "-p", "n=2"], env=env)
    assert res.exit_code == 0 and "person" in res.stdout and "(2 rows" in res.stdout
    res = runner.invoke(app, ["query", "MATCH (n) DETACH DELETE n"], env=env)
    assert res.exit_code == 1 and "read-only" in res.output
    res = runner.invoke(app, ["query", "MATCH (n) RETURN n{.name}"], env=env)
    assert res.exit_code == 1 and "--store neo4j" in res.output


# -- HTTP ----------------------------------------------------------------------------------------------------------


@pytest.fixture
def client(nx, settings):
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from rekg.api.cypher import router

    app = FastAPI()
    app.include_router(router)
    app.state.store = nx
    app.state.settings = settings.model_copy(update={"query_time_limit_ms": 500, "query_max_rows": 5})
    return TestClient(app)


def test_post_cypher(client):
    r = client.post("/cypher", json={"query": "MATCH (p:Person {name: $name}) RETURN p.name AS name, p.titles AS titles",
                                     "params": {"name": "Lu Kaiwen"}})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["columns"] == ["name", "titles"] and body["rows"][0]["name"] == "Lu Kaiwen"
    assert body["truncated"] is False and body["elapsed_ms"] >= 0
    r = client.post("/cypher", json={"query": "MATCH (n:Entity) RETURN n.id AS id"})
    assert r.status_code == 200 and len(r.json()["rows"]) == 5 and r.json()["truncated"] is True


def test_post_cypher_errors(client):
    r = client.post("/cypher", json={"query": "MATCH (n) DETACH DELETE n"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "read_only"
    r = client.post("/cypher", json={"query": "MATCH (n) RETURN n{.name}"})
    assert r.status_code == 422 and "--store neo4j" in r.json()["error"]["message"]
    t0 = time.perf_counter()
    r = client.post("/cypher", json={"query": RUNAWAY[0]})
    assert r.status_code == 408 and "time limit" in r.json()["error"]["message"]
    assert time.perf_counter() - t0 < 6
    t0 = time.perf_counter()
    r = client.post("/cypher", json={"query": "MATCH (p:Person) RETURN count(p) AS n"})
    assert r.status_code == 200 and time.perf_counter() - t0 < 2
    r = client.post("/cypher", json={"query": "MATCH (n:Person RETURN n"})
    assert r.status_code == 400
    r = client.post("/cypher", json={"query": "RETURN $x AS x", "params": {"x": [0, ""]}})  # a list of mixed types
    assert r.status_code in (400, 422) and "parameter" in r.json()["error"]["message"]


def test_many_as_of_snapshots_keep_few_mirrors_open(nx):
    """Each as-of date is its own in-memory snapshot with its own mirror: old ones are closed and
    deleted, and each open one reserves little address space (LadybugDB's default 8 TiB each ran
    out after ~15)."""
    import gc

    from rekg.graph.cypher import embedded

    folders = []
    for day in range(1, 25):
        mirror = embedded.mirror_for_store(nx.as_of(f"2030-01-{day:02d}"))
        columns, rows, _truncated, _ = mirror.run("MATCH (n:Article) RETURN count(n) AS n", {}, 5000, 10)
        assert rows[0][0] > 0
        folders.append(mirror.path.parent)
        del mirror
    gc.collect()
    assert len(embedded._SNAPSHOTS) <= embedded.SNAPSHOT_MIRRORS
    assert sum(f.exists() for f in folders) <= embedded.SNAPSHOT_MIRRORS
