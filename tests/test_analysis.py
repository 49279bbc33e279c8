"""Analysis on a graph built by hand: results equal networkx's own functions."""
import json
from pathlib import Path

import networkx as nx
import pytest

from rekg.graph import analysis
from rekg.graph.model import Entity, Evidence, GraphDocument, Relation

EV = [Evidence(article="a1", sentence="s", start=0, end=1)]


def ent(i, label, kind=None, **props):
    labels = [label] + ([kind] if kind else [])
    return Entity(id=i, name=i.replace("-", " ").title(), labels=labels, articles=["a1"], properties=props)


def rel(t, s, o):
    return Relation(type=t, source=s, target=o, evidence=EV)


@pytest.fixture
def doc():
    ents = [ent("wang-li", "Person"), ent("zhao-min", "Person"), ent("sun-yu", "Person"), ent("qian-bo", "Person"),
            ent("north-group", "Organization", "SOE"), ent("south-group", "Organization", "SOE"),
            ent("magnet-institute", "Organization", "Institute"), ent("tech-university", "Organization", "University"),
            ent("baotou", "Location", kind="city"), ent("ganzhou", "Location", kind="city"),
            ent("ev-forum", "Event", kind="conference", date="2024-05-20"), ent("ev-visit", "Event", kind="visit", date="--03-08")]
    rels = [rel("LEADS", "wang-li", "north-group"), rel("LEADS", "zhao-min", "south-group"),
            rel("MEMBER_OF", "sun-yu", "magnet-institute"), rel("MEMBER_OF", "sun-yu", "north-group"),
            rel("MEMBER_OF", "qian-bo", "tech-university"), rel("VISITED", "qian-bo", "south-group"),
            rel("LOCATED_IN", "north-group", "baotou"), rel("LOCATED_IN", "south-group", "ganzhou"),
            rel("ORGANIZED", "magnet-institute", "ev-forum"), rel("PARTICIPATED_IN", "wang-li", "ev-forum"),
            rel("PARTICIPATED_IN", "zhao-min", "ev-forum"), rel("PARTICIPATED_IN", "qian-bo", "ev-visit"),
            rel("LOCATED_IN", "ev-forum", "baotou")]
    return GraphDocument(entities=ents, relations=rels)


def reference_graph(doc):
    g = nx.Graph()
    g.add_nodes_from(e.id for e in doc.entities)
    g.add_edges_from((r.source, r.target) for r in doc.relations)
    return g


def test_centrality_equals_networkx(doc):
    g = reference_graph(doc)
    btw, deg = nx.betweenness_centrality(g), nx.degree_centrality(g)
    rows = analysis.centrality(doc, top=100)
    assert len(rows) == g.number_of_nodes()
    for r in rows:
        assert r["betweenness"] == pytest.approx(btw[r["id"]], abs=1e-6)
        assert r["degree_centrality"] == pytest.approx(deg[r["id"]], abs=1e-6)
    people = analysis.centrality(doc, label="Person", top=100)
    assert {r["id"] for r in people} == {"wang-li", "zhao-min", "sun-yu", "qian-bo"}


def test_communities_equal_louvain_and_are_named(doc):
    g = reference_graph(doc)
    expected = {frozenset(c) for c in nx.community.louvain_communities(g, seed=0) if len(c) > 1}
    found = analysis.communities(doc)
    assert {frozenset(c["members"]) for c in found} == expected
    for c in found:
        assert c["hub"] in c["members"] and c["name"] == next(e.name for e in doc.entities if e.id == c["hub"])


def test_brokers_include_cut_points_and_sector_bridges(doc):
    g = reference_graph(doc)
    rows = {r["id"]: r for r in analysis.brokers(doc, top=100)}
    for n in nx.articulation_points(g):
        assert rows[n]["articulation_point"]
    # sun-yu sits on an institute and an SOE: a bridge between academia and state-owned industry
    assert rows["sun-yu"]["bridges_academia_and_soes"]


def test_timeline_by_month(doc):
    tl = analysis.timeline(doc)
    assert [m["month"] for m in tl] == ["2024-05", "--03"]
    forum = tl[0]["events"][0]
    assert forum["participants"] == ["Wang Li", "Zhao Min"] and forum["organizers"] == ["Magnet Institute"]
    assert forum["location"] == ["Baotou"]


@pytest.mark.neo4j
def test_both_stores_give_the_same_answers(nx_store, neo4j_store, seed_extractions):
    nx_store.put_extractions(seed_extractions)
    neo4j_store.put_extractions(seed_extractions)
    a, b = nx_store.export(), neo4j_store.export()
    assert analysis.centrality(a, top=50) == analysis.centrality(b, top=50)
    assert analysis.communities(a) == analysis.communities(b)
    assert analysis.brokers(a) == analysis.brokers(b)
    assert analysis.timeline(a) == analysis.timeline(b)
    assert len(analysis.centrality(a, top=50)) > 10


def test_analysis_over_http(tmp_path):
    from fastapi.testclient import TestClient

    from rekg.api.app import create_app
    from rekg.graph.settings import Settings
    from rekg.loaders.ingest import ingest

    home = tmp_path / "home"
    from rekg.graph.nx_store import NetworkXStore

    ingest([str(Path(__file__).resolve().parents[1] / "data" / "corpus")], NetworkXStore(home))
    with TestClient(create_app(Settings(home=home, store="networkx"))) as client:
        rows = client.get("/analysis/centrality", params={"label": "Organization", "top": 5}).json()
        assert 0 < len(rows) <= 5 and all("Organization" in r["labels"] for r in rows)
        assert client.get("/analysis/communities").json()[0]["members"]
        assert client.get("/analysis/timeline", params={"as_of": "2000-01-01"}).json() == []
        bad = client.get("/analysis/nonsense")
        assert bad.status_code == 422 and "error" in bad.json()


def test_as_of_on_every_read(tmp_path):
    """--as-of / ?as_of=: only what articles published by then support (undated articles left out)."""
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from rekg.api.app import create_app
    from rekg.api.cli import app as cli
    from rekg.graph.settings import Settings

    home = tmp_path / "home"
    corpus = Path(__file__).resolve().parents[1] / "data" / "corpus"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(corpus)], env={"REKG_HOME": str(home)}).exit_code == 0
    full = json.loads(runner.invoke(cli, ["stats", "--format", "json"], env={"REKG_HOME": str(home)}).output)
    early = json.loads(runner.invoke(cli, ["stats", "--format", "json", "--as-of", "2024-03-31"], env={"REKG_HOME": str(home)}).output)
    assert 0 < early["articles"] < full["articles"] and early["entities"] < full["entities"]
    with TestClient(create_app(Settings(home=home, store="networkx"))) as client:
        assert client.get("/stats", params={"as_of": "2024-03-31"}).json()["articles"] == early["articles"]
        assert client.get("/entities", params={"as_of": "1999-01-01"}).json()["total"] == 0
        assert client.get("/entities").json()["total"] == full["entities"]
        assert client.get("/stats", params={"as_of": "not-a-date"}).status_code == 422
        count = {"query": "MATCH (a:Article) RETURN count(a) AS n"}
        assert client.post("/cypher", json={**count, "as_of": "2024-03-31"}).json()["rows"] == [{"n": early["articles"]}]
        assert client.post("/cypher", json=count).json()["rows"] == [{"n": full["articles"]}]
