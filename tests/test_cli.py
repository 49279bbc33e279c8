"""End to end through the `rekg` command on the sample corpus in data/."""
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from rekg.api.cli import app

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
runner = CliRunner()


def rekg(home, *args):
    return runner.invoke(app, list(args), env={"REKG_HOME": str(home)}, catch_exceptions=False)


def test_ingest_the_sample_corpus_end_to_end(tmp_path):
    res = rekg(tmp_path, "ingest", str(CORPUS))
    assert res.exit_code == 0, res.output
    stats = json.loads(rekg(tmp_path, "stats", "--format", "json").output)
    assert stats["articles"] >= 12 and stats["entities"] > 50 and stats["relations"] > 15
    assert {"Person", "Organization", "Location"} <= set(stats["labels"])
    shown = rekg(tmp_path, "show", "Northern Rare Earth")
    assert shown.exit_code == 0 and "China Northern Rare Earth" in shown.output and "«" in shown.output
    missing = rekg(tmp_path, "show", "zzzz qqqq")
    assert missing.exit_code == 1 and "no entity" in missing.output


def test_two_ingests_give_byte_identical_exports(tmp_path):
    rekg(tmp_path / "a", "ingest", str(CORPUS))
    rekg(tmp_path / "a", "export", "--format", "json", "-o", str(tmp_path / "one.json"))
    rekg(tmp_path / "a", "ingest", str(CORPUS))
    rekg(tmp_path / "a", "export", "--format", "json", "-o", str(tmp_path / "two.json"))
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_reverse_order_gives_the_same_ids(tmp_path):
    files = sorted(str(p) for p in CORPUS.iterdir())
    rekg(tmp_path / "fwd", "ingest", *files)
    rev = tmp_path / "rev"
    for f in reversed(files):  # one article at a time, last first
        rekg(rev, "ingest", f)
    rekg(tmp_path / "fwd", "export", "--format", "json", "-o", str(tmp_path / "f.json"))
    rekg(rev, "export", "--format", "json", "-o", str(tmp_path / "r.json"))
    f, r = (json.loads((tmp_path / n).read_text()) for n in ("f.json", "r.json"))
    assert [e["id"] for e in f["entities"]] == [e["id"] for e in r["entities"]]
    assert f["relations"] == r["relations"]


def test_bad_files_are_reported_skipped_and_the_store_survives(tmp_path):
    home = tmp_path / "home"
    rekg(home, "ingest", str(CORPUS / "csre-youth-forum.txt"))
    before = (home / "graph.jsonl").read_bytes()
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(CORPUS / "ganzhou-ionic-clay-recovery.txt", folder)
    shutil.copy(CORPUS / "shenghe-liangshan-tailings.md", folder)
    (folder / "scan.txt").write_bytes(b"\x00\x9c\x00PK\x03\x04" * 20)
    (folder / "empty.txt").write_text("")
    (folder / "broken.json").write_text('[{"text": "half a record"')
    res = rekg(home, "ingest", str(folder))
    assert res.exit_code == 1
    errors = [ln for ln in res.output.splitlines() if ln.startswith("error:")]
    assert len(errors) == 3
    assert any("scan.txt: binary file" in e for e in errors)
    assert any("empty.txt: empty file" in e for e in errors)
    assert any("broken.json: malformed JSON" in e for e in errors)
    stats = json.loads(rekg(home, "stats", "--format", "json").output)
    assert stats["articles"] == 3  # the one before plus the two good ones
    assert before != (home / "graph.jsonl").read_bytes()


def test_exports_in_every_format(tmp_path):
    import networkx as nx

    rekg(tmp_path, "ingest", str(CORPUS))
    doc = json.loads(rekg(tmp_path, "stats", "--format", "json").output)
    for fmt, name in (("graphml", "g.graphml"), ("gexf", "g.gexf")):
        assert rekg(tmp_path, "export", "--format", fmt, "-o", str(tmp_path / name)).exit_code == 0
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.number_of_nodes() == doc["entities"] and g.number_of_edges() == doc["relations"]
    assert rekg(tmp_path, "export", "--format", "csv", "-o", str(tmp_path / "csv")).exit_code == 0
    header = (tmp_path / "csv" / "nodes.csv").read_text().splitlines()[0]
    assert header.startswith("id:ID,") and header.endswith(":LABEL")


def test_explain_names_the_rule_and_sentence(tmp_path):
    res = rekg(tmp_path, "explain", str(CORPUS / "northern-rare-earth-baotou-visit.txt"))
    assert res.exit_code == 0
    assert "relationships:" in res.output and "[" in res.output and "«" in res.output


def test_eval_on_our_dev_set(tmp_path):
    res = rekg(tmp_path, "eval", str(ROOT / "data" / "eval" / "gold.json"), "--json")
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["entities"]["f1"] >= 0.85
    assert out["relations"]["f1"] >= 0.70


def test_store_error_is_one_clear_line(tmp_path):
    res = runner.invoke(app, ["stats", "--store", "neo4j"], env={"REKG_NEO4J_URI": "bolt://127.0.0.1:1", "REKG_NEO4J_PASSWORD": "x"})
    assert res.exit_code == 2
    assert res.output.startswith("error:") and "Traceback" not in res.output
