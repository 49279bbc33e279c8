"""`rekg eval` scores exactly as ../shared/eval/score.py does."""
import importlib.util
import json
from pathlib import Path

import pytest

from rekg.loaders.evaluate import score

ROOT = Path(__file__).resolve().parents[1]
SHARED_SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def small_case():
    gold = {"articles": ["a1"], "entities": [
        {"id": "wu-lei", "name": "Wu Lei", "labels": ["Person"], "aliases": ["Wu"], "articles": ["a1"]},
        {"id": "acme-group", "name": "Acme Magnet Group", "labels": ["Organization", "Company"], "aliases": ["Acme"], "articles": ["a1"]},
        {"id": "baotou", "name": "Baotou", "labels": ["Location"], "articles": ["a1"]},
        {"id": "ev-1", "name": "visit", "labels": ["Event"], "articles": ["a1"], "properties": {"date": "--05-02"}},
        {"id": "opt", "name": "Optional Body", "labels": ["Organization", "Agency"], "articles": ["a1"], "optional": True}],
        "relations": [
        {"type": "LEADS", "source": "wu-lei", "target": "acme-group", "articles": ["a1"]},
        {"type": "VISITED", "source": "wu-lei", "target": "baotou", "articles": ["a1"]},
        {"type": "PARTICIPATED_IN", "source": "wu-lei", "target": "ev-1", "articles": ["a1"]}]}
    ev = [{"article": "a1", "sentence": "s", "start": 0, "end": 1}]
    pred = {"entities": [
        {"id": "p1", "name": "Wu Lei", "labels": ["Person"], "articles": ["a1"]},
        {"id": "p2", "name": "Acme", "labels": ["Organization", "SOE"], "articles": ["a1"]},
        {"id": "p3", "name": "Hohhot", "labels": ["Location"], "articles": ["a1"]},
        {"id": "p4", "name": "x", "labels": ["Event"], "articles": ["a1"], "properties": {"date": "2024-05-02"}}],
        "relations": [
        {"type": "LEADS", "source": "p1", "target": "p2", "evidence": ev},
        {"type": "VISITED", "source": "p1", "target": "p3", "evidence": ev},
        {"type": "PARTICIPATED_IN", "source": "p1", "target": "p4", "evidence": ev}]}
    return gold, pred


def test_scores_by_hand():
    gold, pred = small_case()
    res = score(gold, pred)
    assert res.entities["precision"] == pytest.approx(2 / 3) and res.entities["recall"] == pytest.approx(2 / 3)
    assert res.relations["precision"] == pytest.approx(2 / 3) and res.relations["recall"] == pytest.approx(2 / 3)
    assert res.events["f1"] == 1.0
    assert res.organization_kind_accuracy == 0.0
    assert any("FN entity  'Baotou'" in e for e in res.errors)


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="../shared is not beside the repo")
def test_agrees_with_the_shared_scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED_SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    gold, pred = small_case()
    theirs = mod.Scorer(gold, pred).run()
    ours = score(gold, pred)
    for k in ("entities", "relations", "events", "resolution"):
        assert getattr(ours, k) == pytest.approx(theirs[k])
    dev = json.loads((ROOT / "data" / "eval" / "gold.json").read_text())
    assert getattr(score(dev, dev), "relations")["f1"] == mod.Scorer(dev, dev).run()["relations"]["f1"] == 1.0
