"""Corrections survive re-ingesting the whole corpus; undoing one restores the extractor's version."""
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rekg.api.cli import app
from rekg.graph.neo4j_store import empty_database

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
runner = CliRunner()


@pytest.fixture(params=["networkx", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store_env(request, tmp_path):
    """REKG_HOME (where corrections.yaml lives) and the store to run against, emptied."""
    env = {"REKG_HOME": str(tmp_path / "h"), "REKG_USER": "tester", "REKG_STORE": request.param}
    if request.param == "neo4j":
        s = request.getfixturevalue("neo4j_settings")
        env.update(REKG_NEO4J_URI=s.neo4j_uri, REKG_NEO4J_USER=s.neo4j_user, REKG_NEO4J_PASSWORD=s.neo4j_password,
                   REKG_NEO4J_DATABASE=s.neo4j_database)
    env["wipe"] = lambda: _wipe(env, request.param)
    env["wipe"]()
    return env


def _wipe(env, store):
    if store == "neo4j":
        from neo4j import GraphDatabase

        with GraphDatabase.driver(env["REKG_NEO4J_URI"], auth=(env["REKG_NEO4J_USER"], env["REKG_NEO4J_PASSWORD"])) as d:
            empty_database(d, env["REKG_NEO4J_DATABASE"])
    else:
        (Path(env["REKG_HOME"]) / "graph.jsonl").unlink(missing_ok=True)


def rekg(env, *args):
    return runner.invoke(app, list(args), env={k: v for k, v in env.items() if isinstance(v, str)}, catch_exceptions=False)


def export(env):
    out = Path(env["REKG_HOME"]).parent / "x.json"
    rekg(env, "export", "--format", "json", "-o", str(out))
    return json.loads(out.read_text())


def test_corrections_survive_reingest_and_undo_restores(store_env):
    home = store_env
    assert rekg(home, "ingest", str(CORPUS)).exit_code == 0
    before = export(home)
    ids = {e["id"] for e in before["entities"]}
    assert {"baotou", "inner-mongolia"} <= ids
    rel = next(r for r in before["relations"] if r["type"] == "LEADS")
    northern = next(e for e in before["entities"] if "Northern Rare Earth" in e["aliases"])

    assert rekg(home, "merge", "baotou", "inner-mongolia", "--why", "test merge").exit_code == 0
    assert rekg(home, "split", northern["id"], "Northern Rare Earth", "--why", "test split").exit_code == 0
    assert rekg(home, "unrelate", "LEADS", rel["source"], rel["target"]).exit_code == 0
    assert rekg(home, "relate", "SUPERVISED_BY", northern["id"], "baotou", "--note", "analyst call").exit_code == 0
    assert rekg(home, "rename", "baotou", "Baotou City").exit_code == 0

    # re-ingest the whole corpus from nothing: corrections still hold
    home["wipe"]()
    assert rekg(home, "ingest", str(CORPUS)).exit_code == 0
    after = export(home)
    by_id = {e["id"]: e for e in after["entities"]}
    assert "inner-mongolia" not in by_id and "Inner Mongolia" in by_id["baotou"]["aliases"]
    assert by_id["baotou"]["name"] == "Baotou City"
    assert by_id["northern-rare-earth"]["name"] == "Northern Rare Earth"
    assert "Northern Rare Earth" not in by_id[northern["id"]]["aliases"]
    keys = {(r["type"], r["source"], r["target"]) for r in after["relations"]}
    assert (rel["type"], rel["source"], rel["target"]) not in keys
    added = next(r for r in after["relations"] if r["type"] == "SUPERVISED_BY" and r["target"] == "baotou")
    assert "analyst call" in added["evidence"][0]["sentence"]

    listed = json.loads(rekg(home, "corrections", "list", "--format", "json").output)
    assert [c["op"] for c in listed] == ["merge", "split", "delete_relation", "add_relation", "rename"]
    assert all(c["who"] == "tester" and c["when"] for c in listed) and listed[0]["why"] == "test merge"

    for c in reversed(listed):
        assert rekg(home, "corrections", "undo", c["id"]).exit_code == 0
    assert export(home) == before


def test_unknown_entity_is_a_clear_error(tmp_path):
    env = {"REKG_HOME": str(tmp_path)}
    rekg(env, "ingest", str(CORPUS))
    res = rekg(env, "merge", "baotou", "no such thing at all xyz")
    assert res.exit_code == 2 and "no entity" in res.output
