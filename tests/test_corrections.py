"""Corrections survive re-ingesting the whole corpus; undoing one restores the extractor's version."""
import json
from pathlib import Path

from typer.testing import CliRunner

from rekg.api.cli import app

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
runner = CliRunner()


def rekg(home, *args):
    res = runner.invoke(app, list(args), env={"REKG_HOME": str(home), "REKG_USER": "tester"}, catch_exceptions=False)
    return res


def export(home):
    out = home / "x.json"
    rekg(home, "export", "--format", "json", "-o", str(out))
    return json.loads(out.read_text())


def test_corrections_survive_reingest_and_undo_restores(tmp_path):
    home = tmp_path / "h"
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

    # re-ingest the whole corpus: nothing changes, corrections still hold
    (home / "graph.jsonl").unlink()
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
    rekg(tmp_path, "ingest", str(CORPUS))
    res = rekg(tmp_path, "merge", "baotou", "no such thing at all xyz")
    assert res.exit_code == 2 and "no entity" in res.output
