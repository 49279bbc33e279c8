"""The interactive views: page data, HTML safety, routes, the CLI, and real headless Chromium.

Browser tests (marked `browser`) drive Debian's Chromium through Playwright. Without a
Chromium they FAIL with the install command (CI installs it); REKG_SKIP_BROWSER=1 skips them.
"""
from __future__ import annotations

import io
from pathlib import Path
import json
import os
import re
import socket
import threading
import time
from collections import defaultdict
from contextlib import contextmanager

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from rekg.api.cli import app as cli_app
from rekg.graph.model import Article, ArticleMeta, Entity, Evidence, Extraction, GraphDocument, Relation
from rekg.graph.nx_store import neighborhood, shortest_paths
from rekg.graph.store import GraphStore, Subgraph
from rekg.viz import layout, page, render, views, write_file
from rekg.viz.routes import router

XSS_NAME = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_HREF = '<a href="javascript:window.__xss=1">link</a>'


# --- a store over a hand-made graph ------------------------------------------------------------


class MemoryStore(GraphStore):
    """A read-only store over one GraphDocument, answering with the same helpers NetworkXStore uses."""

    def __init__(self, doc: GraphDocument):
        self.doc = doc
        self.by_id = {e.id: e for e in doc.entities}
        self.inc: dict[str, list[Relation]] = defaultdict(list)
        for r in doc.relations:
            self.inc[r.source].append(r)
            if r.target != r.source:
                self.inc[r.target].append(r)

    def rebuild(self):
        raise NotImplementedError

    def put_extractions(self, extractions):
        raise NotImplementedError

    def delete_article(self, article_id):
        raise NotImplementedError

    def article_hashes(self):
        return {a.id: "0" for a in self.doc.articles}

    def get_extraction(self, article_id):
        meta = next((a for a in self.doc.articles if a.id == article_id), None)
        return Extraction(article=Article(id=meta.id, title=meta.title, text="", sha256="0")) if meta else None

    def extractions(self):
        return []

    def get_entity(self, entity_id):
        return self.by_id.get(entity_id)

    def all_entities(self):
        return list(self.doc.entities)

    def neighbors(self, entity_id, depth=1, rel_types=None, labels=None):
        if entity_id not in self.by_id:
            return Subgraph()
        return neighborhood(entity_id, depth, self.by_id.get, lambda n: self.inc.get(n, []), rel_types, labels)

    def paths(self, source, target, max_depth=4, limit=10):
        if source not in self.by_id or target not in self.by_id:
            return []
        return shortest_paths(source, target, max_depth, limit, self.by_id.get, lambda n: self.inc.get(n, []))

    def export(self):
        return self.doc


def ent(id, name, *labels, **props):
    aliases = props.pop("aliases", [])
    articles = props.pop("articles", ["art-1"])
    return Entity(id=id, name=name, labels=list(labels), aliases=aliases, articles=articles, properties=props)


def rel(type, source, target, sentence="They met.", article="art-1", **props):
    return Relation(type=type, source=source, target=target, properties=props,
                    evidence=[Evidence(article=article, sentence=sentence, start=0, end=len(sentence))], confidence=0.9)


def sample_doc() -> GraphDocument:
    """Every kind, dated events and relationships, two parallel relationships, two components, an isolated node."""
    entities = [
        ent("li-bo", "Li Bo", "Person", titles=["Chairman"], aliases=["Li"]),
        ent("wang-fang", "Wang Fang", "Person", titles=["Professor"], honorifics="academician"),
        ent("creg", "China Rare Earth Group", "Organization", "SOE", kind="soe", aliases=["CREG"]),
        ent("shenghe", "Shenghe Resources", "Organization", "Company", kind="company"),
        ent("grirem", "GRIREM", "Organization", "Institute", kind="institute"),
        ent("jxust", "Jiangxi University of Science and Technology", "Organization", "University", kind="university"),
        ent("csre", "Chinese Society of Rare Earths", "Organization", "Association", kind="association"),
        ent("miit", "MIIT", "Organization", "Agency", kind="agency"),
        ent("smm", "SMM", "Organization", "Media", kind="media"),
        ent("ev-forum-2023", "Rare Earth Forum 2023", "Event", kind="conference", date="2023-05-10"),
        ent("ev-visit-2024", "Visit to Ganzhou", "Event", kind="visit", date="2024-07-15"),
        ent("ganzhou", "Ganzhou", "Location", kind="city"),
        ent("baotou", "Baotou", "Location", kind="city", articles=["art-2"]),
        ent("lonely", "Lonely Institute", "Organization", "Institute", kind="institute", articles=["art-2"]),
    ]
    relations = [
        rel("LEADS", "li-bo", "creg", "Li Bo, chairman of China Rare Earth Group, spoke.", role="Chairman"),
        rel("MEMBER_OF", "li-bo", "creg", "Li Bo is a member of the group."),
        rel("MEMBER_OF", "wang-fang", "jxust", "Wang Fang, professor at JXUST."),
        rel("SUBSIDIARY_OF", "shenghe", "creg"),
        rel("SUPERVISED_BY", "creg", "miit"),
        rel("ORGANIZED", "csre", "ev-forum-2023"),
        rel("PARTICIPATED_IN", "grirem", "ev-forum-2023"),
        rel("PARTICIPATED_IN", "wang-fang", "ev-visit-2024"),
        rel("VISITED", "li-bo", "ganzhou", "Li Bo visited Ganzhou in July 2024.", date="2024-07-15"),
        rel("LOCATED_IN", "ev-visit-2024", "ganzhou"),
        rel("LOCATED_IN", "jxust", "ganzhou"),
        rel("FOUNDED", "creg", "grirem", date="2021"),
        rel("APPROVED", "miit", "ev-forum-2023", "MIIT approved the forum.", article="art-2"),
        rel("LOCATED_IN", "smm", "baotou", article="art-2"),
    ]
    articles = [ArticleMeta(id="art-1", title="Rare earths week"), ArticleMeta(id="art-2", title="Baotou notes")]
    return GraphDocument(entities=entities, relations=relations, articles=articles)


def xss_doc() -> GraphDocument:
    entities = [
        ent("xss-script", XSS_NAME, "Organization", "SOE", aliases=[XSS_IMG, XSS_HREF], articles=["art-<x>"]),
        ent("xss-img", "Zhang <b>Bold</b>", "Person", titles=[XSS_IMG, "href"], aliases=[XSS_HREF], articles=["art-<x>"]),
    ]
    relations = [rel("LEADS", "xss-img", "xss-script", f"He said {XSS_IMG} and </script><script>window.__xss=1</script>.",
                     article="art-<x>", role=XSS_IMG)]
    return GraphDocument(entities=entities, relations=relations, articles=[ArticleMeta(id="art-<x>", title=XSS_NAME)])


def combined_doc() -> GraphDocument:
    a, b = sample_doc(), xss_doc()
    return GraphDocument(entities=a.entities + b.entities, relations=a.relations + b.relations, articles=a.articles + b.articles)


def make_app(store: GraphStore) -> FastAPI:
    app = FastAPI()
    app.state.store = store
    app.include_router(router)
    return app


@pytest.fixture
def store():
    return MemoryStore(combined_doc())


# --- page data, layout, HTML -------------------------------------------------------------------


def rows(columns: dict) -> list[dict]:
    """The page's column-wise nodes or edges as one dict per node or edge."""
    return [dict(zip(columns, values)) for values in zip(*columns.values())]


def test_page_data_has_every_node_and_edge_with_style_and_evidence():
    v = views.overview(MemoryStore(sample_doc()))
    d = render.page_data(v)
    nodes, edges, det = rows(d["nodes"]), rows(d["edges"]), d["details"]
    assert len(nodes) == 14 and len(edges) == 14 and len(det["nodes"]) == 14 and len(det["edges"]) == 14
    assert {g["name"] for g in d["groups"]} == {"Person", "SOE", "Company", "Institute", "University", "Association",
                                                 "Agency", "Media", "Event", "Location"}
    assert all(g["name"] in d["styles"] for g in d["groups"])
    ids = [n["id"] for n in nodes]
    key = lambda e: (d["types"][e["type"]]["name"], ids[e["from"]], ids[e["to"]])  # noqa: E731
    assert len({key(e) for e in edges}) == 14
    parallel = [e for e in edges if ids[e["from"]] == "li-bo" and ids[e["to"]] == "creg"]
    assert sorted(e["bend"] for e in parallel) == [0, 1]  # the second one bends away
    j = next(j for j, e in enumerate(edges) if key(e)[0] == "VISITED")
    visit = det["edges"][j]
    (art, sentence), = visit["evidence"]
    assert visit["date"] == "2024-07-15"
    assert (det["articles"][art], det["sentences"][sentence]) == ("art-1", "Li Bo visited Ganzhou in July 2024.")
    i = ids.index("li-bo")
    assert det["nodes"][i]["titles"] == ["Chairman"] and det["nodes"][i]["aliases"] == ["Li"]
    assert d["groups"][nodes[i]["group"]]["name"] == "Person"
    ev = det["nodes"][ids.index("ev-forum-2023")]
    assert ev["date"] == "2023-05-10" and ev["kind"] == "conference"
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)
    assert d["meta"]["physics"] is True  # small: physics on; big: positions only
    big = views.View("overview", "big", [ent(f"n{i}", f"N{i}", "Person") for i in range(render.PHYSICS_MAX_NODES + 1)])
    assert render.page_data(big)["meta"]["physics"] is False


def test_evidence_sentences_and_articles_are_stored_once():
    same = "Li Bo and Wang Fang met MIIT."
    doc = GraphDocument(entities=[ent("a", "A", "Person"), ent("b", "B", "Person"), ent("c", "C", "Agency")],
                        relations=[rel("MEMBER_OF", "a", "c", same), rel("MEMBER_OF", "b", "c", same), rel("VISITED", "a", "b")])
    det = render.page_data(views.overview(MemoryStore(doc)))["details"]
    assert det["articles"] == ["art-1"] and sorted(det["sentences"]) == sorted([same, "They met."])
    assert det["edges"][0]["evidence"] == det["edges"][1]["evidence"]


def test_layout_is_deterministic_and_keeps_components_apart():
    edges = [("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z")]
    nodes = ["a", "b", "c", "x", "y", "z", "solo"]
    layout._CACHE.clear()
    one = layout.positions(nodes, edges)
    layout._CACHE.clear()
    assert layout.positions(nodes, edges) == one and set(one) == set(nodes)

    def box(ids):
        xs, ys = [one[i][0] for i in ids], [one[i][1] for i in ids]
        return min(xs), min(ys), max(xs), max(ys)

    (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = box("abc"), box("xyz")
    assert ax1 < bx0 or bx1 < ax0 or ay1 < by0 or by1 < ay0  # bounding boxes do not overlap
    d = [((one[p][0] - one[q][0]) ** 2 + (one[p][1] - one[q][1]) ** 2) ** 0.5 for p, q in edges]
    assert 0.3 * layout.EDGE_LENGTH < sorted(d)[len(d) // 2] < 3 * layout.EDGE_LENGTH


def test_layout_of_thousands_of_nodes_is_quick():
    n = 3000
    edges = [(f"n{i}", f"n{(i * 7 + 3) % (i + 1)}") for i in range(1, n)] + [(f"n{i}", f"n{i + 1}") for i in range(0, n - 1, 5)]
    layout._CACHE.clear()
    t = time.perf_counter()
    pos = layout.positions([f"n{i}" for i in range(n)], edges)
    assert len(pos) == n and time.perf_counter() - t < 10


def test_script_json_cannot_close_the_script_element():
    obj = {"name": XSS_NAME, "x": "</SCRIPT><!-- & \u2028"}
    text = str(page.script_json(obj))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == obj


@pytest.mark.parametrize("served", [False, True])
def test_html_escapes_article_text_and_loads_nothing_from_outside(served):
    v = views.entity_view(MemoryStore(xss_doc()), "xss-script")
    d = render.page_data(v, entity_link="/views/entity/" if served else None)
    html = page.view_html(d, vis_src="/views/assets/vis.js" if served else None, home="/" if served else None)
    ours = html.replace(page.vis_js(), "")  # the library itself holds "<b>" in its own strings
    for raw in (XSS_NAME, "<img", "<b>", '<a href="javascript'):
        assert raw not in ours
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html  # the heading, escaped
    # no CDN, no Bootstrap: every src/href is local, and the CSP forbids anything else
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "bootstrap" not in html.lower()
    assert "default-src &#39;none&#39;" in html
    if not served:
        assert page.vis_js() in html and ours.count("<script") == 4  # data, details, vis-network inlined, view.js


def test_views_cut_to_the_budget_and_say_so():
    store = MemoryStore(sample_doc())
    v = views.overview(store, max_nodes=5)
    assert len(v.entities) == 5 and v.notice.startswith("showing 5 of 14 nodes, the most connected")
    assert v.entities[0].id == "creg"  # the hub first
    assert all(r.source in {e.id for e in v.entities} and r.target in {e.id for e in v.entities} for r in v.relations)
    e = views.entity_view(store, "li-bo", depth=3, max_nodes=4)
    assert e.entities[0].id == "li-bo" and len(e.entities) == 4 and "of" in e.notice
    assert views.entity_view(store, "Li Bo").focus == ["li-bo"]  # names work too
    with pytest.raises(views.NotFound, match="no entity"):
        views.entity_view(store, "zzzz qqqq")


def test_paths_and_article_views():
    store = MemoryStore(sample_doc())
    p = views.paths_view(store, "wang-fang", "li-bo")
    assert {e.id for e in p.entities} >= {"wang-fang", "li-bo", "ganzhou"} and p.focus == ["wang-fang", "li-bo"]
    none = views.paths_view(store, "li-bo", "lonely")
    assert {e.id for e in none.entities} == {"li-bo", "lonely"} and "no path" in none.notice
    a = views.article_view(store, "art-2")
    assert a.title == "Baotou notes"
    assert {e.id for e in a.entities} == {"baotou", "lonely", "smm", "miit", "ev-forum-2023"}
    assert {r.type for r in a.relations} == {"APPROVED", "LOCATED_IN"}
    with pytest.raises(views.NotFound):
        views.article_view(store, "nope")


# --- routes --------------------------------------------------------------------------------------


def test_routes_serve_every_view(store):
    c = TestClient(make_app(store))
    r = c.get("/")
    assert r.status_code == 200 and 'type="search"' in r.text and "16 entities" in r.text
    r = c.get("/", params={"q": "Li Bo"})
    assert 'href="/views/entity/li-bo"' in r.text
    r = c.get("/", params={"q": "script"})
    assert XSS_NAME not in r.text and "&lt;script&gt;" in r.text
    hits = c.get("/views/search", params={"q": "ganzhou"}).json()["results"]
    assert hits[0]["id"] == "ganzhou" and hits[0]["kind"] == "Location"
    for url in ("/views/entity/li-bo?depth=2", "/views/paths?source=wang-fang&target=li-bo", "/views/article/art-1",
                "/views/overview", "/views/overview?limit=3"):
        r = c.get(url)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), url
        assert '<script src="/views/assets/vis-network-9.1.2.min.js">' in r.text
    assert "showing 3 of 16 nodes" in c.get("/views/overview?limit=3").text
    asset = c.get("/views/assets/vis-network-9.1.2.min.js")
    assert asset.status_code == 200 and "immutable" in asset.headers["cache-control"] and len(asset.content) > 400_000
    assert c.get("/views/entity/nobody").status_code == 404
    assert "no article" in c.get("/views/article/nope").text
    assert c.get("/views/entity/li-bo?depth=4").status_code == 422


def test_routes_use_the_apps_backend_when_it_has_one(store):
    calls = []

    class Backend:
        @contextmanager
        def read(self):
            calls.append("read")
            yield store

    app = FastAPI()
    app.state.rekg = Backend()
    app.include_router(router, prefix="/viz")
    c = TestClient(app)
    r = c.get("/viz/views/entity/li-bo")
    assert r.status_code == 200 and calls == ["read"]
    assert '"entity":"/viz/views/entity/"' in r.text  # links follow the mount point


# --- the CLI -------------------------------------------------------------------------------------


def test_cli_view_writes_self_contained_pages(tmp_path, nx_store, seed_extractions):
    nx_store.put_extractions(seed_extractions)
    runner = CliRunner()
    env = {"REKG_HOME": str(nx_store.home), "REKG_STORE": "networkx"}

    def run(*args):
        return runner.invoke(cli_app, ["view", *args], env=env, catch_exceptions=False)

    art = seed_extractions[0].article.id
    for args in (["Northern Rare Earth", "--depth", "2"], ["baotou", "--to", "Inner Mongolia"], ["--article", art], ["--overview"]):
        out = tmp_path / "v.html"
        res = run(*args, "-o", str(out))
        assert res.exit_code == 0, res.output
        html = out.read_text(encoding="utf-8")
        assert "vis.Network" in html and "<script src=" not in html
    assert run("zzzz qqqq", "-o", str(tmp_path / "x.html")).exit_code == 1
    assert run("-o", str(tmp_path / "x.html")).exit_code == 2


@pytest.mark.neo4j
def test_both_stores_give_the_same_view(neo4j_store, nx_store, seed_extractions):
    nx_store.put_extractions(seed_extractions)
    neo4j_store.put_extractions(seed_extractions)
    a = render.page_data(views.entity_view(nx_store, "baotou", depth=2))
    b = render.page_data(views.entity_view(neo4j_store, "baotou", depth=2))

    def key(d):
        ids, types, e = d["nodes"]["id"], [t["name"] for t in d["types"]], d["edges"]
        return sorted(ids), sorted((types[t], ids[x], ids[y]) for t, x, y in zip(e["type"], e["from"], e["to"]))

    assert key(a) == key(b) and len(a["nodes"]["id"]) > 2


# --- in headless Chromium --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if os.environ.get("REKG_SKIP_BROWSER") == "1":
        pytest.skip("REKG_SKIP_BROWSER=1: browser tests skipped")
    from rekg.viz.browser import NoBrowser, launch

    try:
        with launch() as b:
            yield b
    except NoBrowser as exc:
        pytest.fail(f"{exc}\n(CI installs it; set REKG_SKIP_BROWSER=1 to skip the browser tests locally)", pytrace=False)


@contextmanager
def serve(app: FastAPI):
    """`app` on a real uvicorn, on a free port of 127.0.0.1; yields the base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not srv.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert srv.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def server():
    with serve(make_app(MemoryStore(combined_doc()))) as url:
        yield url


@pytest.fixture
def tab(browser):
    from rekg.viz.browser import Watched

    w = Watched(browser)
    yield w
    w.close()


def open_view(tab, url):
    tab.page.goto(url)
    tab.wait_stable(timeout_ms=60_000)
    return tab.page


def node_xy(pg, node_id):
    return pg.evaluate("""(id) => { const p = rekg.network.canvasToDOM(rekg.network.getPosition(id));
        const r = document.getElementById('graph').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""", node_id)


def settled_xy(pg, node_id, timeout=5.0):
    """A node's position once the view has stopped moving (after a focus animation)."""
    last, deadline = None, time.monotonic() + timeout
    while time.monotonic() < deadline:
        xy = node_xy(pg, node_id)
        if xy == last:
            return xy
        last = xy
        pg.wait_for_timeout(150)
    return last


def edge_xy(pg, edge_id):
    return pg.evaluate("""(id) => { const e = rekg.network.body.edges[id]; const a = e.from, b = e.to;
        const m = e.edgeType.getPoint ? e.edgeType.getPoint(0.5) : {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};
        const p = rekg.network.canvasToDOM(m); const r = document.getElementById('graph').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }""", edge_id)


def assert_clean(tab):
    assert tab.errors == [], tab.errors
    assert tab.outside == [], f"requests left this machine: {tab.outside}"


def counts(sub_entities, sub_relations):
    return {"nodes": len(sub_entities), "edges": len(sub_relations)}


@pytest.mark.browser
def test_every_served_view_draws_the_whole_graph_cleanly(tab, server):
    store = MemoryStore(combined_doc())
    nb = store.neighbors("li-bo", depth=2)
    paths = store.paths("wang-fang", "li-bo")
    p_ents = {e.id for s in paths for e in s.entities}
    p_rels = {r.key for s in paths for r in s.relations}
    art = views.article_view(store, "art-1")
    doc = store.export()
    cases = [
        (f"{server}/views/entity/li-bo?depth=2", counts(nb.entities, nb.relations)),
        (f"{server}/views/paths?source=wang-fang&target=li-bo", counts(p_ents, p_rels)),
        (f"{server}/views/article/art-1", counts(art.entities, art.relations)),
        (f"{server}/views/overview", counts(doc.entities, doc.relations)),
    ]
    for url, expected in cases:
        pg = open_view(tab, url)
        assert pg.evaluate("rekg.drawn()") == expected, url
        assert pg.locator("#counts").inner_text().startswith(f"{expected['nodes']} of {expected['nodes']} nodes")
    assert_clean(tab)


@pytest.mark.browser
def test_clicking_a_node_opens_its_view(tab, server):
    pg = open_view(tab, f"{server}/views/entity/li-bo")
    x, y = node_xy(pg, "creg")
    pg.mouse.click(x, y)
    pg.wait_for_url(re.compile(r"/views/entity/creg\?depth=1$"), timeout=15_000)
    tab.wait_stable(timeout_ms=60_000)
    assert pg.locator("h1").inner_text() == "China Rare Earth Group (1 hop)"
    assert pg.evaluate("rekg.data.meta.focus") == ["creg"]
    assert_clean(tab)


@pytest.mark.browser
def test_landing_search_leads_to_an_entity(tab, server):
    pg = tab.page
    pg.goto(f"{server}/")
    pg.fill("#q", "Ganzh")
    pg.locator("#hits a", has_text="Ganzhou").first.click()
    pg.wait_for_url(re.compile(r"/views/entity/ganzhou$"))
    tab.wait_stable(timeout_ms=60_000)
    pg.goto(f"{server}/?q=script")  # the server-rendered results, and a name that is markup
    assert XSS_NAME in pg.locator("#hits").inner_text()
    assert pg.evaluate("window.__xss") is None
    assert_clean(tab)


@pytest.mark.browser
def test_filters_hide_kinds_types_and_dates(tab, server):
    pg = open_view(tab, f"{server}/views/overview")
    total = pg.evaluate("rekg.drawn()")
    pg.locator("#legend input[value=Location]").uncheck()
    locs = sum(1 for e in combined_doc().entities if "Location" in e.labels)
    loc_edges = sum(1 for r in combined_doc().relations if r.target in ("ganzhou", "baotou"))
    assert pg.evaluate("rekg.drawn()") == {"nodes": total["nodes"] - locs, "edges": total["edges"] - loc_edges}
    pg.locator("#legend input[value=Location]").check()
    pg.locator("#types input[value=LEADS]").uncheck()
    assert pg.evaluate("rekg.drawn()") == {"nodes": total["nodes"], "edges": total["edges"] - 2}
    pg.locator("#types input[value=LEADS]").check()
    # 2024 only: the 2023 forum and its 3 relationships go, as do the FOUNDED 2021 relationship
    pg.fill("#date-from", "2024")
    assert pg.evaluate("rekg.drawn()") == {"nodes": total["nodes"] - 1, "edges": total["edges"] - 4}
    pg.fill("#date-from", "2023-05")
    pg.fill("#date-to", "2023-12-31")
    # the 2024 visit event and its 2 relationships go, and the dated VISITED 2024 and FOUNDED 2021 relationships
    assert pg.evaluate("rekg.drawn()") == {"nodes": total["nodes"] - 1, "edges": total["edges"] - 4}
    pg.fill("#date-to", "not a date")
    assert "bad" in pg.locator("#date-to").get_attribute("class")
    assert_clean(tab)


@pytest.fixture
def tab_without_csp(browser):
    from rekg.viz.browser import Watched

    w = Watched(browser, bypass_csp=True)
    yield w
    w.close()


@pytest.mark.browser
def test_article_text_never_runs_and_shows_as_text(tab_without_csp, server):
    """With the page's CSP switched off, so that only the escaping stands between the text and a script."""
    tab = tab_without_csp
    pg = open_view(tab, f"{server}/views/entity/xss-script")
    assert pg.locator("h1").inner_text() == f"{XSS_NAME} (1 hop)"
    pg.mouse.move(*node_xy(pg, "xss-img"))
    tip = pg.locator("#tooltip")
    tip.wait_for(state="visible", timeout=5_000)
    assert XSS_IMG in tip.inner_text() and XSS_HREF in tip.inner_text() and "Zhang <b>Bold</b>" in tip.inner_text()
    pg.mouse.move(5, 5)
    pg.mouse.move(*node_xy(pg, "xss-script"))
    tip.filter(has_text=XSS_NAME).wait_for(state="visible", timeout=5_000)
    pg.mouse.move(5, 5)
    pg.mouse.move(*edge_xy(pg, "LEADS|xss-img|xss-script"))
    tip.filter(has_text="He said").wait_for(state="visible", timeout=5_000)
    text = tip.inner_text()
    assert XSS_IMG in text and "</script><script>window.__xss=1</script>" in text and "art-<x>" in text
    assert pg.evaluate("document.querySelectorAll('#tooltip *:is(img, script, a, b)').length") == 0
    assert pg.evaluate("window.__xss") is None
    assert_clean(tab)


@pytest.mark.browser
def test_file_written_by_the_cli_works_offline_and_recentres(tab, tmp_path):
    from PIL import Image

    store = MemoryStore(combined_doc())
    path = write_file(views.overview(store), tmp_path / "overview.html")
    pg = open_view(tab, path.as_uri())
    assert pg.evaluate("rekg.drawn()") == {"nodes": 16, "edges": 15}
    assert tab.page.evaluate("performance.getEntriesByType('resource').length") == 0  # nothing loaded at all
    pg.mouse.click(*node_xy(pg, "li-bo"))
    pg.locator("#status", has_text="Li Bo:").wait_for(timeout=5_000)
    assert pg.url == path.as_uri()  # no navigation: the file re-centres
    selected = pg.evaluate("rekg.network.getSelectedNodes().sort()")
    assert selected == sorted(["li-bo", "creg", "ganzhou"])
    pg.mouse.move(*settled_xy(pg, "xss-img"))
    pg.locator("#tooltip").filter(has_text=XSS_IMG).wait_for(state="visible", timeout=5_000)
    assert pg.evaluate("window.__xss") is None
    png = pg.locator("#graph").screenshot()
    img = Image.open(io.BytesIO(png)).convert("RGB")
    assert len(img.getcolors(maxcolors=1 << 24)) > 100, "the drawing looks blank"
    assert_clean(tab)


@pytest.mark.browser
def test_a_big_overview_draws_without_physics_and_says_what_it_left_out(tab):
    n = 1500
    ents = [ent(f"n{i}", f"Node {i}", "Person" if i % 3 else "Location") for i in range(n)]
    rels = [rel("VISITED" if i % 3 else "LOCATED_IN", f"n{i}", f"n{(i * 7 + 3) % i}") for i in range(1, n)]
    with serve(make_app(MemoryStore(GraphDocument(entities=ents, relations=rels)))) as url:
        pg = open_view(tab, f"{url}/views/overview?limit=1000")
        drawn = pg.evaluate("rekg.drawn()")
        assert drawn["nodes"] == 1000 and pg.evaluate("rekg.data.meta.physics") is False
        assert drawn["edges"] == pg.evaluate("rekg.data.edges.from.length") > 500
        assert "showing 1,000 of 1,500 nodes, the most connected" in pg.locator(".notice").inner_text()
        assert_clean(tab)


@pytest.mark.browser
def test_a_view_with_thousands_of_edges_draws_arrows_once_zoomed_in(tab, tmp_path):
    """Big views skip edge labels, and arrow heads while too small to see; the tooltip still names the type."""
    n = 1200
    ents = [ent(f"n{i}", f"Node {i}", "Person") for i in range(n)]
    rels = [rel("MEMBER_OF", f"n{i}", f"n{j}") for i in range(1, n) for j in {i // 2, (i * 7 + 3) % i, i - 1}]
    assert len(rels) > render.BIG_EDGES
    path = write_file(views.View("overview", "big", ents, rels), tmp_path / "big.html")
    pg = open_view(tab, path.as_uri())
    edge = "MEMBER_OF|n1100|n1099"
    arrows = f"rekg.network.body.edges['{edge}'].options.arrows.to.enabled"
    assert pg.evaluate("rekg.data.meta.big") is True and pg.evaluate(arrows) is False
    assert pg.evaluate(f"rekg.network.body.edges['{edge}'].options.label") is None
    pg.mouse.click(*node_xy(pg, "n1100"))  # re-centres on it at scale 1
    pg.wait_for_function(f"() => {arrows}", timeout=10_000)
    settled_xy(pg, "n1100")
    clear = pg.evaluate("""(ids) => ids.find((id) => { const e = rekg.network.body.edges[id];
        const p = rekg.network.canvasToDOM({x: (e.from.x + e.to.x) / 2, y: (e.from.y + e.to.y) / 2});
        return rekg.network.getNodeAt(p) === undefined && rekg.network.getEdgeAt(p) === id; })""",
                        pg.evaluate("rekg.network.getConnectedEdges('n1100')"))  # one no other node covers
    pg.mouse.move(*edge_xy(pg, clear))
    pg.locator("#tooltip").filter(has_text="MEMBER_OF").wait_for(state="visible", timeout=5_000)
    assert_clean(tab)


def test_colour_by_community_matches_the_analysis(tmp_path):
    """Views show the analysis: communities of the drawn graph, as rekg.graph.analysis finds them."""
    from rekg.graph import analysis
    from rekg.graph.model import GraphDocument
    from rekg.graph.nx_store import NetworkXStore
    from rekg.loaders.ingest import ingest
    from rekg.viz import render, views

    st = NetworkXStore(tmp_path / "h")
    ingest([str(Path(__file__).resolve().parents[1] / "data" / "corpus")], st)
    v = views.overview(st)
    data = render.page_data(v, color="community")
    expected = analysis.communities(GraphDocument(entities=v.entities, relations=v.relations), min_size=1)
    by_node = dict(zip(data["nodes"]["id"], data["nodes"]["community"]))
    for c in expected:
        assert {by_node[m] for m in c["members"]} == {c["community"]}
    assert data["communities"] and all(c["color"].startswith("#") for c in data["communities"])
    legend = {c["name"]: c["color"] for c in data["communities"]}
    assert all(data["palette"][c["community"]] == legend[c["name"]] for c in expected if c["name"] in legend)
    assert "community" not in render.page_data(v)["nodes"]
