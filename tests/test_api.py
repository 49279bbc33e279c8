"""The HTTP API (api/app.py), through FastAPI's TestClient and through a real `rekg serve`.

Reads and writes run against both stores: the embedded NetworkX store and a real Neo4j (the
`neo4j_settings` fixture of conftest.py; REKG_SKIP_NEO4J=1 skips those). The graph is the sample
corpus in data/corpus, ingested with the same function as `rekg ingest`. Expectations are taken
from the store itself, not hard-coded ids, so extraction tuning does not break these tests.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
import pytest
import schemathesis
from fastapi.testclient import TestClient

from conftest import wipe

from rekg.api.app import create_app, event_span
from rekg.graph.model import Article, Evidence, Extraction, LocalEntity, LocalRelation
from rekg.graph.nx_store import NetworkXStore
from rekg.graph.settings import Settings
from rekg.graph.store import open_store
from rekg.loaders.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
KEY = "test-api-key-0123456789"
STORES = ["networkx", pytest.param("neo4j", marks=pytest.mark.neo4j)]

ARTICLE = ("Northern Rare Earth Chairman Qu Ming visited the Baotou Research Institute of Rare Earths on June 3. "
           "Qu Ming is also a member of the Chinese Society of Rare Earths.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    """A TestClient over an app, plus a second handle on the same store to check what it holds."""

    def __init__(self, client: TestClient, settings: Settings, truth):
        self.client, self.settings, self.truth = client, settings, truth

    def get(self, url, **kw):
        return self.client.get(url, **kw)

    def post(self, url, **kw):
        return self.client.post(url, **kw)

    def snapshot(self) -> tuple:
        doc = self.truth.export()
        return self.truth.article_hashes(), json.dumps(doc.model_dump(mode="json"), sort_keys=True)


@pytest.fixture(scope="module", params=STORES)
def api(request, tmp_path_factory):
    """The corpus in one store, served by one app; module-scoped, so tests must undo their writes."""
    home = tmp_path_factory.mktemp(f"api-{request.param}")
    if request.param == "networkx":
        settings = Settings(home=home, store="networkx", api_key=KEY)
    else:
        settings = request.getfixturevalue("neo4j_settings").model_copy(update={"home": home, "api_key": KEY})
    truth = open_store(settings)
    if request.param == "neo4j":
        wipe(truth)
    report = ingest([str(CORPUS)], truth)
    assert not report.errors and report.write.added
    with TestClient(create_app(settings)) as client:
        yield Api(client, settings, truth)
    truth.close()


def error_of(resp, status: int, code: str | None = None) -> dict:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"}, body
    err = body["error"]
    assert isinstance(err["message"], str) and err["message"]
    assert "Traceback" not in resp.text
    if code:
        assert err["code"] == code, err
    return err


def related_pair(doc):
    """A relationship with evidence, and two entities two hops apart (not adjacent), from the graph."""
    rel = next(r for r in doc.relations if r.evidence)
    adj = defaultdict(set)
    for r in doc.relations:
        adj[r.source].add(r.target)
        adj[r.target].add(r.source)
    for a in sorted(adj):
        for b in sorted(adj[a]):
            for c in sorted(adj[b]):
                if c != a and c not in adj[a]:
                    return rel, (a, b, c)
    return rel, None


# --- reads ------------------------------------------------------------------------------------


def test_health_and_stats(api):
    h = api.get("/health")
    assert h.status_code == 200
    assert h.json() == {"status": "ok", "store": api.settings.store, "articles": len(api.truth.article_hashes())}
    s = api.get("/stats")
    assert s.status_code == 200 and s.json() == api.truth.stats()


def test_search_is_ranked_paginated_and_validated(api):
    r = api.get("/entities", params={"q": "Northern Rare Earth", "limit": 5})
    assert r.status_code == 200
    page = r.json()
    top = page["items"][0]
    assert any("northern rare earth" in n.lower() for n in [top["name"], *top["aliases"]])
    scores = [i["score"] for i in page["items"]]
    assert scores == sorted(scores, reverse=True) and scores[0] == 100
    # the same query, two pages: disjoint, and together the first ten
    four = api.get("/entities", params={"q": "rare earth", "limit": 4}).json()
    p1 = api.get("/entities", params={"q": "rare earth", "limit": 2}).json()
    p2 = api.get("/entities", params={"q": "rare earth", "limit": 2, "offset": 2}).json()
    assert [i["id"] for i in p1["items"] + p2["items"]] == [i["id"] for i in four["items"]]
    assert p1["total"] == four["total"] >= 4 and len(four["items"]) == 4
    # an alias finds its entity
    ent = next(e for e in api.truth.all_entities() if e.aliases and len(e.aliases[0]) > 3)
    hits = api.get("/entities", params={"q": ent.aliases[0], "limit": 20}).json()["items"]
    assert ent.id in [i["id"] for i in hits]
    for bad in ({"limit": 0}, {"limit": 201}, {"offset": -1}, {"limit": "many"}):
        err = error_of(api.get("/entities", params=bad), 422, "validation_error")
        assert err["details"][0]["location"].startswith("query.")


def test_listing_without_query_is_by_id_and_filters_by_label(api):
    everything = sorted(e.id for e in api.truth.all_entities())
    got, offset = [], 0
    while True:
        page = api.get("/entities", params={"limit": 30, "offset": offset}).json()
        got += [i["id"] for i in page["items"]]
        offset += 30
        if offset >= page["total"]:
            break
    assert got == everything
    orgs = api.get("/entities", params={"label": "Organization", "limit": 200}).json()
    assert orgs["label"] == "Organization" and orgs["items"]
    assert all("Organization" in i["labels"] for i in orgs["items"])
    assert orgs["total"] == sum("Organization" in e.labels for e in api.truth.all_entities())
    err = error_of(api.get("/entities", params={"label": "Spaceship"}), 422, "validation_error")
    assert "Spaceship" in err["message"] and "Organization" in err["allowed"]
    err = error_of(api.get("/entities", params={"label": "organization"}), 422, "validation_error")
    assert "case-sensitive: Organization" in err["message"]


def test_entity_detail_lists_the_articles_that_mention_it(api):
    ent = max(api.truth.all_entities(), key=lambda e: (len(e.articles), e.id))
    r = api.get(f"/entities/{ent.id}")
    assert r.status_code == 200
    body = r.json()
    assert (body["id"], body["name"], body["labels"], body["aliases"]) == (ent.id, ent.name, ent.labels, ent.aliases)
    assert body["properties"] == ent.properties
    assert [a["id"] for a in body["articles"]] == ent.articles
    for a in body["articles"]:
        meta = api.truth.get_extraction(a["id"]).article
        assert (a["title"], a["source"], a["published"]) == (meta.title, meta.source, meta.published)


def test_unknown_entity_is_404_with_closest_matches(api):
    target = next(e for e in api.truth.all_entities() if "Northern Rare Earth" in [e.name, *e.aliases])
    for url in ("/entities/northern-rare-earth", "/entities/northern-rare-earth/neighbors"):
        err = error_of(api.get(url), 404, "entity_not_found")
        assert err["id"] == "northern-rare-earth" and "northern-rare-earth" in err["message"]
        assert target.id in [s["id"] for s in err["suggestions"]]
    err = error_of(api.get("/paths", params={"source": "nobody-at-all", "target": target.id}), 404, "entity_not_found")
    assert err["id"] == "nobody-at-all"


def test_neighbors_carry_direction_and_evidence(api):
    doc = api.truth.export()
    rel, _ = related_pair(doc)
    out = api.get(f"/entities/{rel.source}/neighbors").json()
    assert out["entity"]["id"] == rel.source and out["entities"][0]["id"] == rel.source
    got = next(r for r in out["relations"] if (r["type"], r["source"], r["target"]) == rel.key)
    assert got["direction"] == "out" and got["confidence"] == rel.confidence and got["properties"] == rel.properties
    ev = got["evidence"][0]
    assert ev["sentence"] == rel.evidence[0].sentence and ev["article"] == rel.evidence[0].article
    assert ev["article_title"] == api.truth.get_extraction(ev["article"]).article.title
    back = api.get(f"/entities/{rel.target}/neighbors").json()
    assert next(r for r in back["relations"] if (r["type"], r["source"], r["target"]) == rel.key)["direction"] == "in"
    # every relation is adjacent at depth 1, and the entities are the other ends
    assert all(r["direction"] in ("out", "in") for r in out["relations"])
    ends = {r["target"] if r["direction"] == "out" else r["source"] for r in out["relations"]}
    assert {e["id"] for e in out["entities"][1:]} == ends
    assert all(e["distance"] == 1 for e in out["entities"][1:])


def test_neighbors_depth_and_filters(api):
    doc = api.truth.export()
    _, (a, b, c) = related_pair(doc)
    two = api.get(f"/entities/{a}/neighbors", params={"depth": 2}).json()
    dist = {e["id"]: e["distance"] for e in two["entities"]}
    assert dist[a] == 0 and dist[b] == 1 and dist[c] == 2
    assert any(r["direction"] is None for r in two["relations"])  # joins two other entities
    one = api.get(f"/entities/{a}/neighbors", params={"depth": 1}).json()
    assert c not in {e["id"] for e in one["entities"]}
    for depth in (0, 4):
        error_of(api.get(f"/entities/{a}/neighbors", params={"depth": depth}), 422, "validation_error")
    hub = max({r.source for r in doc.relations} | {r.target for r in doc.relations},
              key=lambda n: (len({r.type for r in doc.relations if n in (r.source, r.target)}), n))
    types = sorted({r.type for r in doc.relations if hub in (r.source, r.target)})
    assert len(types) >= 2, "the corpus should give one entity two kinds of relationship"
    only = api.get(f"/entities/{hub}/neighbors", params={"rel": types[0]}).json()
    assert only["rel"] == [types[0]] and {r["type"] for r in only["relations"]} == {types[0]}
    comma = api.get(f"/entities/{hub}/neighbors", params={"rel": f"{types[0]}, {types[1]}"}).json()
    repeat = api.get(f"/entities/{hub}/neighbors", params=[("rel", types[0]), ("rel", types[1])]).json()
    assert comma == repeat and {r["type"] for r in comma["relations"]} == set(types[:2])
    err = error_of(api.get(f"/entities/{hub}/neighbors", params={"rel": f"{types[0]},KNOWS"}), 422, "validation_error")
    assert "KNOWS" in err["message"] and "LEADS" in err["allowed"]
    err = error_of(api.get(f"/entities/{hub}/neighbors", params={"label": "Robot"}), 422, "validation_error")
    assert "Robot" in err["message"]
    for bad in ("", f"{types[0]},", types[0].lower()):
        error_of(api.get(f"/entities/{hub}/neighbors", params={"rel": bad}), 422, "validation_error")
    people = api.get(f"/entities/{hub}/neighbors", params={"label": "Person", "depth": 2}).json()
    assert all("Person" in e["labels"] for e in people["entities"][1:])


def test_paths(api):
    doc = api.truth.export()
    _, (a, b, c) = related_pair(doc)
    r = api.get("/paths", params={"source": a, "target": c})
    assert r.status_code == 200
    body = r.json()
    assert body["source"]["id"] == a and body["target"]["id"] == c and body["paths"]
    for p in body["paths"]:
        ids = [e["id"] for e in p["entities"]]
        assert p["length"] == 2 and ids[0] == a and ids[-1] == c
        for rel in p["relations"]:
            assert rel["evidence"] and rel["direction"] == ("out" if ids.index(rel["source"]) < ids.index(rel["target"]) else "in")
    assert b in {p["entities"][1]["id"] for p in body["paths"]}
    assert api.get("/paths", params={"source": a, "target": c, "max_depth": 1}).json()["paths"] == []
    assert api.get("/paths", params={"source": a, "target": a}).json()["paths"][0]["length"] == 0
    for bad in ({"source": a, "target": c, "max_depth": 7}, {"source": a}):
        error_of(api.get("/paths", params=bad), 422, "validation_error")
    error_of(api.get("/paths", params={"source": a, "target": "no-such-entity"}), 404, "entity_not_found")


def test_events_timeline_on_the_corpus(api):
    r = api.get("/events")
    assert r.status_code == 200
    items = r.json()["items"]
    events = [e for e in api.truth.all_entities() if "Event" in e.labels]
    assert {i["id"] for i in items} == {e.id for e in events}
    dated = [i["sort_date"] for i in items if i["sort_date"]]
    assert dated == sorted(dated)
    assert all(i["sort_date"] for i in items[: len(dated)])  # placed events first
    for i in items:
        for loc in i["locations"]:
            assert "Location" in loc["labels"]
    for bad in ("2024-13", "2024-1", "May 2024", ""):
        error_of(api.get("/events", params={"since": bad}), 422, "validation_error")
    assert api.get("/events", params={"since": "2024-05", "until": "2024-01"}).json()["items"] == []  # empty range


def test_articles_list_and_what_was_read(api):
    ids = sorted(api.truth.article_hashes())
    page = api.get("/articles", params={"limit": 200}).json()
    assert page["total"] == len(ids) and [a["id"] for a in page["items"]] == ids
    first = api.get("/articles", params={"limit": 3, "offset": 1}).json()["items"]
    assert [a["id"] for a in first] == ids[1:4]
    rich = max(ids, key=lambda i: len(api.truth.get_extraction(i).relations))
    ex = api.truth.get_extraction(rich)
    summary = next(a for a in page["items"] if a["id"] == rich)
    assert (summary["entity_count"], summary["relation_count"]) == (len(ex.entities), len(ex.relations))
    assert summary["title"] == ex.article.title and summary["url"] == ex.article.url
    detail = api.get(f"/articles/{rich}").json()
    assert detail["sha256"] == ex.article.sha256
    assert [e["local_id"] for e in detail["entities"]] == [e.local_id for e in ex.entities]
    assert all(e["rule"] for e in detail["entities"])
    r0, got = ex.relations[0], detail["relations"][0]
    assert (got["type"], got["rule"], got["evidence"]["sentence"]) == (r0.type, r0.rule, r0.evidence.sentence)
    assert got["source_name"] == next(e.name for e in ex.entities if e.local_id == r0.source)
    err = error_of(api.get(f"/articles/{rich[:-3]}"), 404, "article_not_found")
    assert rich in [s["id"] for s in err["suggestions"]]


def test_unknown_route_and_method_use_the_error_shape(api):
    error_of(api.get("/no/such/thing"), 404, "not_found")
    r = api.client.delete("/entities")
    error_of(r, 405, "method_not_allowed")
    assert "GET" in r.headers["allow"]
    r = api.client.put("/articles")
    error_of(r, 405, "method_not_allowed")
    assert {"GET", "POST"} <= set(r.headers["allow"].split(", "))


def test_openapi_documents_every_endpoint(api):
    spec = api.get("/openapi.json").json()
    assert spec["info"]["title"] == "rekg API"
    want = {("/entities", "get"), ("/entities/{entity_id}", "get"), ("/entities/{entity_id}/neighbors", "get"),
            ("/paths", "get"), ("/events", "get"), ("/articles", "get"), ("/articles", "post"),
            ("/articles/{article_id}", "get"), ("/stats", "get"), ("/health", "get")}
    assert want <= {(p, m) for p, ops in spec["paths"].items() for m in ops}
    for path, method in want:
        op = spec["paths"][path][method]
        assert op["summary"] and op.get("description"), (path, method)
        assert "503" in op["responses"]
    assert "ErrorResponse" in json.dumps(spec["paths"]["/entities/{entity_id}"]["get"]["responses"]["404"])
    assert "HTTPValidationError" not in json.dumps(spec)  # every 422 is documented with the common error shape
    assert api.get("/docs").status_code == 200


# --- writes -----------------------------------------------------------------------------------


def test_write_without_a_valid_key_is_401_and_changes_nothing(api):
    before = api.snapshot()
    body = {"id": "keyless-article", "text": ARTICLE}
    for headers in ({}, {"X-API-Key": "wrong"}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {KEY}"}):
        err = error_of(api.post("/articles", json=body, headers=headers), 401, "unauthorized")
        assert "REKG_API_KEY" not in err["message"] or not headers
    assert api.snapshot() == before
    assert api.get("/articles/keyless-article").status_code == 404


def test_writes_are_refused_with_403_when_no_key_is_configured(api):
    before = api.snapshot()
    with TestClient(create_app(api.settings.model_copy(update={"api_key": None}))) as client:
        err = error_of(client.post("/articles", json={"text": ARTICLE}, headers={"X-API-Key": KEY}), 403, "writes_disabled")
    assert "REKG_API_KEY" in err["message"]
    assert api.snapshot() == before


def test_post_adds_then_reads_back_then_updates(api):
    before = api.snapshot()
    try:
        r = api.post("/articles", json={"id": "api-test-visit", "title": "A visit", "source": "Test Wire",
                                        "published": "2024-06-04", "text": ARTICLE}, headers={"X-API-Key": KEY})
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["article_id"] == "api-test-visit" and body["status"] == "added"
        assert body["entities"] >= 3 and body["relations"] >= 1 and body["entity_ids"]
        assert r.headers["location"] == "/articles/api-test-visit"
        for eid in body["entity_ids"]:
            assert "api-test-visit" in api.truth.get_entity(eid).articles
        stored = api.get("/articles/api-test-visit").json()
        assert stored["title"] == "A visit" and stored["source"] == "Test Wire" and stored["published"] == "2024-06-04"
        again = api.post("/articles", json={"id": "api-test-visit", "title": "A visit", "text": ARTICLE},
                         headers={"Authorization": f"Bearer {KEY}"})
        assert again.status_code == 200 and again.json()["status"] == "unchanged"
        changed = api.post("/articles", json={"id": "api-test-visit", "text": ARTICLE + " It was a good day."},
                           headers={"X-API-Key": KEY})
        assert changed.status_code == 200 and changed.json()["status"] == "updated"
        empty = api.post("/articles", json={"text": "<p> </p>", "format": "html"}, headers={"X-API-Key": KEY})
        error_of(empty, 422, "empty_article")
        for bad in ({"text": ""}, {"title": "no text"}, {"text": ARTICLE, "id": "../etc"}, {"text": ARTICLE, "extra": 1}):
            error_of(api.post("/articles", json=bad, headers={"X-API-Key": KEY}), 422, "validation_error")
    finally:
        api.truth.delete_article("api-test-visit")
    assert api.snapshot() == before


def test_concurrent_posts_of_the_same_article_leave_one_copy(api):
    before = api.snapshot()
    n = 8
    barrier = threading.Barrier(n)
    results: list = [None] * n
    text = ARTICLE + " The visit was reported by several outlets at once."

    def post(i: int) -> None:
        barrier.wait()
        results[i] = api.post("/articles", json={"text": text, "title": "Same story"}, headers={"X-API-Key": KEY})

    threads = [threading.Thread(target=post, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    aid = results[0].json()["article_id"]
    try:
        assert all(r is not None and r.status_code in (200, 201) for r in results), [r and r.text for r in results]
        assert {r.json()["article_id"] for r in results} == {aid}
        assert sorted(r.json()["status"] for r in results) == ["added"] + ["unchanged"] * (n - 1)
        hashes = api.truth.article_hashes()
        assert len(hashes) == len(before[0]) + 1 and aid in hashes
        assert [ex.article.id for ex in api.truth.extractions()].count(aid) == 1
        for rel in api.truth.export().relations:  # the article's evidence is there once, not eight times
            mine = [(e.start, e.end) for e in rel.evidence if e.article == aid]
            assert len(mine) == len(set(mine))
        assert api.get("/articles", params={"limit": 200}).json()["total"] == len(hashes)
    finally:
        api.truth.delete_article(aid)
    assert api.snapshot() == before


def test_two_apps_on_one_embedded_home_still_keep_one_copy(tmp_path, seed_extractions):
    """Two apps (as two server processes would) share one REKG_HOME; the store's file lock decides."""
    NetworkXStore(tmp_path).put_extractions(seed_extractions[:2])
    settings = Settings(home=tmp_path, store="networkx", api_key=KEY)
    with TestClient(create_app(settings)) as one, TestClient(create_app(settings)) as two:
        barrier = threading.Barrier(6)
        statuses: list[str] = []

        def post(client) -> None:
            barrier.wait()
            r = client.post("/articles", json={"id": "shared", "text": ARTICLE}, headers={"X-API-Key": KEY})
            statuses.append(r.json()["status"])

        threads = [threading.Thread(target=post, args=(c,)) for c in (one, two) * 3]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sorted(statuses) == ["added"] + ["unchanged"] * 5
        assert one.get("/articles").json()["total"] == two.get("/articles").json()["total"] == 3
    assert [ex.article.id for ex in NetworkXStore(tmp_path).extractions()].count("shared") == 1


def test_reads_go_on_while_a_write_re_derives_the_graph(tmp_path, seed_extractions, monkeypatch):
    """On the embedded store a write (which re-derives the whole graph) must not hold reads up."""
    NetworkXStore(tmp_path).put_extractions(seed_extractions[:3])
    entered, release = threading.Event(), threading.Event()
    real_put = NetworkXStore.put_extractions

    def slow_put(self, extractions):
        entered.set()
        assert release.wait(20)
        return real_put(self, extractions)

    monkeypatch.setattr(NetworkXStore, "put_extractions", slow_put)
    with TestClient(create_app(Settings(home=tmp_path, store="networkx", api_key=KEY))) as client:
        result = {}
        writer = threading.Thread(target=lambda: result.update(r=client.post(
            "/articles", json={"id": "slow", "text": ARTICLE}, headers={"X-API-Key": KEY})))
        writer.start()
        try:
            assert entered.wait(20)
            t0 = time.monotonic()
            assert client.get("/health").json()["articles"] == 3  # the old graph, served at once
            hit = client.get("/entities", params={"limit": 1}).json()["items"][0]
            assert client.get(f"/entities/{hit['id']}/neighbors").status_code == 200
            assert time.monotonic() - t0 < 5
        finally:
            release.set()
            writer.join(30)
        assert result["r"].status_code == 201
        assert client.get("/health").json()["articles"] == 4  # and the new one right after
        assert client.post("/articles", json={"id": "slow", "text": ARTICLE},
                           headers={"X-API-Key": KEY}).json()["status"] == "unchanged"
        assert client.post("/articles", json={"id": "next", "text": ARTICLE + " More."},
                           headers={"X-API-Key": KEY}).status_code == 201  # the swapped-out copy caught up
        assert client.get("/health").json()["articles"] == 5


def test_oversize_bodies_are_413_and_change_nothing(tmp_path, seed_extractions):
    store = NetworkXStore(tmp_path)
    store.put_extractions(seed_extractions[:1])
    before = store.path.read_bytes()
    settings = Settings(home=tmp_path, store="networkx", api_key=KEY, max_body_bytes=4000)
    big = json.dumps({"id": "big", "text": ARTICLE * 40}).encode()
    assert len(big) > 4000
    with TestClient(create_app(settings)) as client:
        headers = {"X-API-Key": KEY, "Content-Type": "application/json"}
        err = error_of(client.post("/articles", content=big, headers=headers), 413, "payload_too_large")
        assert err["limit_bytes"] == 4000
        # no Content-Length (chunked): refused when the bytes read cross the limit
        chunks = (big[i: i + 1000] for i in range(0, len(big), 1000))
        error_of(client.post("/articles", content=chunks, headers=headers), 413, "payload_too_large")
        # a Content-Length that lies low is caught by counting too
        lying = {**headers, "Content-Length": "100"}
        r = client.post("/articles", content=big, headers=lying)
        assert r.status_code in (413, 422) and r.status_code != 201
        ok = client.post("/articles", json={"id": "small", "text": ARTICLE}, headers={"X-API-Key": KEY})
        assert ok.status_code == 201
        client.app.state.rekg.store().delete_article("small")
    assert store.path.read_bytes() == before


# --- store down -------------------------------------------------------------------------------


def test_store_down_is_503_never_500(tmp_path):
    dead = Settings(home=tmp_path, store="neo4j", neo4j_uri=f"bolt://127.0.0.1:{free_port()}", neo4j_password="x",
                    api_key=KEY)
    started = time.monotonic()
    with TestClient(create_app(dead), raise_server_exceptions=False) as client:
        for url in ("/health", "/entities", "/entities?q=baotou", "/entities/baotou/neighbors", "/stats", "/events",
                    "/articles", "/paths?source=a&target=b"):
            err = error_of(client.get(url), 503, "store_unavailable")
            assert "Neo4j" in err["message"]
        r = client.post("/articles", json={"text": ARTICLE}, headers={"X-API-Key": KEY})
        error_of(r, 503, "store_unavailable")
        assert r.headers["retry-after"]
    assert time.monotonic() - started < 30


def test_unreadable_embedded_store_is_503(tmp_path):
    path = NetworkXStore(tmp_path).path
    path.write_text("{ not json")
    with TestClient(create_app(Settings(home=tmp_path, store="networkx")), raise_server_exceptions=False) as client:
        error_of(client.get("/health"), 503, "store_unavailable")
        error_of(client.get("/entities/x/neighbors"), 503, "store_unavailable")
        path.unlink()  # repaired: the app opens it on the next request
        assert client.get("/health").json()["status"] == "ok"


# --- timeline semantics -----------------------------------------------------------------------


def _event_article(aid: str, published: str | None, events: list[tuple[str, str | None, str]]) -> Extraction:
    """An article naming events (kind, date, place), each LOCATED_IN its place."""
    import hashlib

    text = f"Article {aid}."
    ents, rels = [], []
    for i, (kind, date, place) in enumerate(events):
        ev, loc = f"v{i}", f"l{i}"
        props = {"kind": kind, **({"date": date} if date else {})}
        ents.append(LocalEntity(local_id=ev, name=f"{kind} {i}", label="Event", kind=kind, properties=props))
        ents.append(LocalEntity(local_id=loc, name=place, label="Location", kind="city", properties={"kind": "city"},
                                strong_keys=[place.lower()]))
        rels.append(LocalRelation(type="LOCATED_IN", source=ev, target=loc, confidence=0.9, rule="test",
                                  evidence=Evidence(article=aid, sentence=text, start=0, end=len(text))))
    art = Article(id=aid, text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), published=published, title=aid)
    return Extraction(article=art, entities=ents, relations=rels)


def test_timeline_orders_partial_and_yearless_dates(tmp_path):
    NetworkXStore(tmp_path).put_extractions([
        _event_article("a", "2023-11-02", [("meeting", "--10-20", "Baotou"), ("visit", "2024-03", "Ganzhou")]),
        _event_article("b", None, [("conference", "--05-01", "Baotou"), ("exchange", None, "Xiamen"),
                                   ("approval", "2024-02-29", "Baotou"), ("meeting", "2024-03-15", "Ganzhou")]),
    ])
    with TestClient(create_app(Settings(home=tmp_path, store="networkx"))) as client:
        items = client.get("/events").json()["items"]
        order = [(i["date"], i["sort_date"], i["year_inferred"]) for i in items]
        assert order == [
            ("--10-20", "2023-10-20", True),   # year from its article's publication date
            ("2024-02-29", "2024-02-29", False),
            ("2024-03", "2024-03-01", False),  # a month sorts at its first day
            ("2024-03-15", "2024-03-15", False),
            ("--05-01", None, False),          # no year to be had: after every placed event
            (None, None, False),               # no date: last
        ]
        def dates(**params):
            return [i["date"] for i in client.get("/events", params=params).json()["items"]]

        assert dates(since="2024-03-10") == ["2024-03", "2024-03-15"]  # March overlaps the 10th onwards
        assert dates(until="2024-02") == ["--10-20", "2024-02-29"]
        assert dates(since="2024", until="2024") == ["2024-02-29", "2024-03", "2024-03-15"]
        assert dates(location="baotou") == ["--10-20", "2024-02-29", "--05-01"]
        assert dates(location="ganzhou", since="2024-03-02") == ["2024-03", "2024-03-15"]
        assert dates(location="Atlantis") == []
        assert dates(until="2024-02-31") == ["--10-20", "2024-02-29"]  # past the month's end: its last day
        located = client.get("/events", params={"location": "Xiamen"}).json()["items"][0]
        assert [loc["name"] for loc in located["locations"]] == ["Xiamen"]
        page = client.get("/events", params={"limit": 2, "offset": 2}).json()
        assert page["total"] == 6 and [i["date"] for i in page["items"]] == ["2024-03", "2024-03-15"]


def test_event_span_reads_every_date_form():
    from datetime import date

    assert event_span("2024-05", None)[0] == (date(2024, 5, 1), date(2024, 5, 31))
    assert event_span("--02-29", 2023)[0] == (date(2023, 2, 28), date(2023, 2, 28))
    assert event_span("--13-01", 2023) == (None, False, None)
    assert event_span("soon", 2023) == (None, False, None)
    assert event_span(20240501, None) == (None, False, None)


# --- a real server ----------------------------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_rekg_serve_answers_over_http(tmp_path, seed_extractions, workers):
    """With two workers (two copies of the embedded graph) a write through one is seen by both."""
    NetworkXStore(tmp_path).put_extractions(seed_extractions)
    port = free_port()
    env = {**os.environ, "REKG_HOME": str(tmp_path), "REKG_API_KEY": KEY, "REKG_STORE": "networkx"}
    proc = subprocess.Popen([sys.executable, "-m", "rekg.api.cli", "serve", "--port", str(port), "--workers", str(workers)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stdout.read()
            assert time.monotonic() < deadline, "server did not come up"
            time.sleep(0.1)
        with httpx.Client(base_url=base, timeout=10) as http:
            assert http.get("/health").json()["articles"] == len(seed_extractions)
            hit = http.get("/entities", params={"q": "Baotou", "limit": 1}).json()["items"][0]
            nb = http.get(f"/entities/{hit['id']}/neighbors").json()
            assert nb["entity"]["id"] == hit["id"]
            assert http.get("/entities/zzz-unknown").status_code == 404
            assert http.post("/articles", json={"text": ARTICLE}).status_code == 401
            r = http.post("/articles", json={"id": "over-http", "text": ARTICLE}, headers={"X-API-Key": KEY})
            assert r.status_code == 201 and r.json()["status"] == "added"
            for _ in range(12):  # new connections: the kernel spreads them over the workers
                with httpx.Client(base_url=base, timeout=10) as fresh:
                    assert fresh.get("/articles/over-http").status_code == 200
                    assert fresh.get("/health").json()["articles"] == len(seed_extractions) + 1
            assert http.get("/docs").status_code == 200
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    assert f"http://127.0.0.1:{port}" in out  # it printed its URL
    assert [ex.article.id for ex in NetworkXStore(tmp_path).extractions()].count("over-http") == 1


# --- fuzzing the OpenAPI schema ---------------------------------------------------------------


# Hypothesis caches under ./.hypothesis unless told otherwise: keep it out of the work tree.
if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "rekg-hypothesis")

# The eager loader: schemathesis' lazy `from_fixture` reads `Item._nodeid`, which pytest 9 removed.
# The app is built at import (its store opens lazily); `fuzz_home` fills the store before the run.
FUZZ_HOME = Path(tempfile.gettempdir()) / f"rekg-api-fuzz-{os.getpid()}-{time.time_ns()}"  # made by `fuzz_home`
fuzz_app = create_app(Settings(home=FUZZ_HOME, store="networkx", api_key=KEY, max_body_bytes=20_000))
fuzz_schema = schemathesis.openapi.from_asgi("/openapi.json", fuzz_app)
fuzz_schema.config.generation.update(max_examples=int(os.environ.get("REKG_FUZZ_EXAMPLES", "25")),  # more: a deeper hunt
                                     database="none")  # no .hypothesis/ folder in the work tree
# Invalid data may also be refused for its size: 413 (the body limit is low here so that it is exercised).
_negative = fuzz_schema.config.checks.negative_data_rejection
_negative.expected_statuses = [*_negative.expected_statuses, "413"]


@pytest.fixture(scope="module")
def fuzz_home(seed_extractions):
    NetworkXStore(FUZZ_HOME).put_extractions(seed_extractions)
    yield FUZZ_HOME
    shutil.rmtree(FUZZ_HOME, ignore_errors=True)


@fuzz_schema.parametrize()
def test_fuzzed_requests_never_get_a_server_error(case, fuzz_home):
    """Every operation, schema-conforming and not: no 5xx, and every answer matches the documented schema.

    Two schema-valid requests may be refused, each with its documented error: a query string need not
    be Cypher ("00": POST /cypher answers 400), and an article's text may be all markup or boilerplate
    (POST /articles answers 422 empty_article)."""
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    excluded = [positive_data_acceptance] if case.operation.path in ("/cypher", "/articles") else []
    response = case.call_and_validate(headers={"X-API-Key": KEY}, excluded_checks=excluded)
    if case.operation.path == "/articles" and response.status_code == 422:
        assert response.json()["error"]["code"] in ("empty_article", "validation_error"), response.text


def test_reads_off_the_event_loop_use_at_most_store_readers_threads(tmp_path, monkeypatch):
    """Reads that do not run inline (Neo4j, as-of snapshots) share REKG_STORE_READERS threads, so 16
    clients do not put 16 threads into the store's driver at once."""
    from concurrent.futures import ThreadPoolExecutor
    from contextlib import contextmanager

    from rekg.api import app as app_module

    settings = Settings(home=tmp_path, store="networkx", api_key=KEY, store_readers=2)
    ingest([str(CORPUS)], open_store(settings))
    active, peak, lock = [0], [0], threading.Lock()
    base_read = app_module.Backend.read

    @contextmanager
    def slow_read(self):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        try:
            time.sleep(0.1)
            with base_read(self.base) as store:
                yield store
        finally:
            with lock:
                active[0] -= 1

    monkeypatch.setattr(app_module.AsOf, "read", slow_read)
    with TestClient(create_app(settings)) as client:
        ent = client.get("/entities", params={"limit": 1}).json()["items"][0]["id"]

        def one(_):
            return client.get(f"/entities/{ent}/neighbors", params={"as_of": "2100-01-01"}).status_code

        with ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(one, range(8)))
    assert codes == [200] * 8
    assert peak[0] == 2


@pytest.mark.neo4j
@pytest.mark.parametrize("api", ["neo4j"], indirect=True)  # compared with an embedded store made here
def test_neo4j_answers_concurrent_reads_as_the_embedded_store(api, tmp_path_factory):
    """16 clients at once (the Neo4j app batches their lookups into shared queries) get byte for byte
    what the embedded store's app answers over the same corpus; a write by another handle on the
    database is seen by the next request."""
    from concurrent.futures import ThreadPoolExecutor
    from urllib.parse import quote

    home = tmp_path_factory.mktemp("api-reference")
    reference = NetworkXStore(home)
    ingest([str(CORPUS)], reference)
    doc = reference.export()
    names = sorted({e.name for e in doc.entities})
    urls = ([f"/entities/{e.id}/neighbors" for e in doc.entities] + ["/entities/no-such-entity/neighbors"]
            + [f"/entities/{e.id}/neighbors?rel=LEADS,MEMBER_OF&label=Person&max_evidence=1" for e in doc.entities[::3]]
            + [f"/entities?q={quote(n)}" for n in names] + [f"/entities?q={quote(n[:4])}&label=Organization&limit=3&offset=1" for n in names])
    with TestClient(create_app(Settings(home=home, store="networkx"))) as embedded, ThreadPoolExecutor(16) as pool:
        want = [(r.status_code, r.content) for r in pool.map(embedded.get, urls)]
        for _ in range(2):  # the second pass searches over the names the Neo4j store keeps once searches repeat
            got = [(r.status_code, r.content) for r in pool.map(api.get, urls)]
            assert got == want

    text = "Ostrevan Magnet Institute signed an agreement with Baotou Steel in Ganzhou on Friday."
    article = Article(id="api-test-ostrevan", title="Ostrevan", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    from rekg.loaders.extract.pipeline import Extractor

    api.truth.put_extractions([Extractor()(article)])
    try:
        found = api.get("/entities", params={"q": "Ostrevan"}).json()["items"]
        assert found and "ostrevan" in found[0]["id"]
        near = api.get(f"/entities/{found[0]['id']}/neighbors").json()
        assert near["relations"] and all(ev["article_title"] == "Ostrevan" for r in near["relations"] for ev in r["evidence"])
    finally:
        api.truth.delete_article("api-test-ostrevan")
    assert not any("ostrevan" in e["id"] for e in api.get("/entities", params={"q": "Ostrevan"}).json()["items"])
