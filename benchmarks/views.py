"""Views: time to a drawn, stable page in headless Chromium, for synthetic graphs.

A synthetic graph looks like the real one: a scale-free core (a few hubs such as big SOEs,
ministries and cities) plus many small components (one article's people and places), kinds
and relationship types in about the real proportions, and a sentence of evidence on every
relationship. For each size the view is built the way `rekg view` builds it (server: layout,
page data, HTML; the page is written to a file and opened as file://), then Chromium loads it
and the clock stops when the page reports `stable` (physics off: first frame drawn; physics
on: stabilised). Medians of --runs runs, one JSON line per size:

    .venv/bin/python benchmarks/views.py [--sizes 100,1000,5000,20000] [--runs 3] [--physics auto|on|off] [--overview]

{"figure": "views", "nodes": N, "edges": E, "drawn": D, "physics": false, "server_s": ..., "browser_s": ..., "total_s": ..., "html_mb": ...}
server_s is layout + page data + HTML (the layout cache is cleared before each run). Without
--overview every node is drawn (D = N); with it a graph above views.MAX_NODES is cut the way
`rekg view --overview` cuts it, and the cut is part of server_s.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rekg.graph.model import Entity, Evidence, GraphDocument, Relation
from rekg.viz import layout, page, render, views
from rekg.viz.browser import Watched, launch
from rekg.viz.views import View

KINDS = [("Person", 0.30), ("Location", 0.25), ("SOE", 0.08), ("Company", 0.10), ("Institute", 0.08),
         ("University", 0.06), ("Association", 0.03), ("Agency", 0.04), ("Media", 0.02), ("Event", 0.04)]
TYPES = ["LEADS", "MEMBER_OF", "VISITED", "ORGANIZED", "PARTICIPATED_IN", "SUBSIDIARY_OF", "SUPERVISED_BY",
         "FOUNDED", "APPROVED", "LOCATED_IN"]


def synthetic(n: int, edges_per_node: float = 2.0, seed: int = 1) -> tuple[list[Entity], list[Relation]]:
    rnd = random.Random(seed)
    names, weights = zip(*KINDS)
    ents = []
    for i in range(n):
        kind = rnd.choices(names, weights)[0]
        labels = ["Organization", kind] if kind not in ("Person", "Location", "Event") else [kind]
        props: dict = {}
        if kind == "Person":
            props["titles"] = [rnd.choice(["Chairman", "Director", "Professor", "Party Secretary"])]
        if kind == "Event":
            props.update(kind="conference", date=f"20{rnd.randint(15, 25)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}")
        ents.append(Entity(id=f"n{i}", name=f"{kind} {i}", labels=labels, aliases=[f"N{i}"],
                           articles=[f"a{rnd.randint(0, n // 10)}"], properties=props))
    core = int(n * 0.7)  # preferential attachment among the core, small clusters outside it
    targets: list[int] = [0]
    pairs: set[tuple[int, int]] = set()
    for i in range(1, core):
        for _ in range(int(edges_per_node) + (rnd.random() < edges_per_node % 1)):
            j = rnd.choice(targets)
            if j != i:
                pairs.add((i, j))
                targets.append(j)
        targets.append(i)
    i = core
    while i < n:
        size = rnd.randint(1, 6)
        members = list(range(i, min(n, i + size)))
        for a in members[1:]:
            pairs.add((a, rnd.choice(members[: members.index(a)])))
        i += size
    rels = []
    for a, b in sorted(pairs):
        art = f"a{rnd.randint(0, n // 10)}"
        sentence = f"Entity {a} and entity {b} were named together in a sentence of article {art} about rare earths."
        rels.append(Relation(type=rnd.choice(TYPES), source=f"n{a}", target=f"n{b}",
                             properties={"date": f"20{rnd.randint(15, 25)}"} if rnd.random() < 0.2 else {},
                             evidence=[Evidence(article=art, sentence=sentence, start=0, end=len(sentence))],
                             confidence=0.9))
    return ents, rels


class _Store:
    """Just what views.overview asks of a store."""

    def __init__(self, ents: list[Entity], rels: list[Relation]):
        self.doc = GraphDocument(entities=ents, relations=rels)

    def export(self) -> GraphDocument:
        return self.doc


def one_run(browser, ents, rels, physics: bool | None, folder: Path, overview: bool = False) -> dict:
    layout._CACHE.clear()
    t0 = time.perf_counter()
    if overview:  # as `rekg view --overview` does: the most connected MAX_NODES, and a notice
        view = views.overview(_Store(ents, rels))
        ents, rels = view.entities, view.relations
    else:
        view = View("overview", f"Synthetic {len(ents):,}", ents, rels)
    data = render.page_data(view, physics=physics)
    html = page.view_html(data)
    server = time.perf_counter() - t0
    path = folder / f"view-{len(ents)}.html"
    path.write_text(html, encoding="utf-8")
    w = Watched(browser)
    try:
        t1 = time.perf_counter()
        w.page.goto(path.as_uri(), timeout=600_000)
        w.wait_stable(timeout_ms=600_000)
        browser_s = time.perf_counter() - t1
        drawn = w.page.evaluate("rekg.drawn()")
        if w.errors or w.outside:
            raise SystemExit(f"page errors {w.errors} or non-local requests {w.outside}")
    finally:
        w.close()
    assert drawn == {"nodes": len(ents), "edges": len(rels)}, drawn
    return {"server": server, "browser": browser_s, "physics": data["meta"]["physics"], "mb": len(html.encode()) / 1e6,
            "drawn": drawn["nodes"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,5000,20000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--physics", choices=["auto", "on", "off"], default="auto")
    ap.add_argument("--overview", action="store_true",
                    help="build each page with views.overview, which keeps the most connected views.MAX_NODES nodes")
    args = ap.parse_args()
    physics = {"auto": None, "on": True, "off": False}[args.physics]
    with tempfile.TemporaryDirectory() as tmp, launch() as browser:
        for n in [int(s) for s in args.sizes.split(",")]:
            ents, rels = synthetic(n)
            runs = [one_run(browser, ents, rels, physics, Path(tmp), args.overview) for _ in range(args.runs)]
            server = statistics.median(r["server"] for r in runs)
            browser_s = statistics.median(r["browser"] for r in runs)
            total = statistics.median(r["server"] + r["browser"] for r in runs)
            print(json.dumps({"figure": "views", "nodes": n, "edges": len(rels), "drawn": runs[0]["drawn"],
                              "physics": runs[0]["physics"],
                              "server_s": round(server, 2), "browser_s": round(browser_s, 2), "total_s": round(total, 2),
                              "html_mb": round(runs[0]["mb"], 2), "runs": args.runs}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
