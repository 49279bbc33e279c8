"""A View as the page's data: what vis-network draws, the facts tooltips show, legend and filters.

Node and edge columns are built directly (pyvis's add_edge scans every edge for duplicates:
20,000 nodes / 40,000 edges took 31 s there). The result is plain JSON that page.py puts
into `<script type="application/json">` blocks; the browser code turns every string in it
into text nodes, never into HTML.
"""
from __future__ import annotations

import math
from collections import Counter

from rekg.graph.gc_pause import gc_paused
from rekg.graph.model import ORG_KINDS, Entity, Relation
from rekg.viz import layout
from rekg.viz.views import View

# colour and vis-network shape per kind; a kind's shape family groups similar bodies
STYLES: dict[str, dict[str, str]] = {
    "Person": {"color": "#4e79a7", "shape": "dot"},
    "SOE": {"color": "#e15759", "shape": "square"},
    "Company": {"color": "#f28e2b", "shape": "square"},
    "Institute": {"color": "#59a14f", "shape": "triangle"},
    "University": {"color": "#76b7b2", "shape": "triangle"},
    "Association": {"color": "#edc948", "shape": "hexagon"},
    "Agency": {"color": "#b07aa1", "shape": "diamond"},
    "Media": {"color": "#ff9da7", "shape": "hexagon"},
    "Event": {"color": "#9c755f", "shape": "star"},
    "Location": {"color": "#79706e", "shape": "triangleDown"},
    "Organization": {"color": "#bab0ac", "shape": "square"},  # an organisation with no known kind
    "Other": {"color": "#d4a6c8", "shape": "dot"},
}

# Up to this many nodes vis-network's physics runs (starting from layout.py's positions) and
# the nodes stay springy when dragged; beyond it physics is off. Measured with
# benchmarks/views.py, time to a settled page: physics on 100 nodes 1.5 s, 150 3.0 s,
# 200 4.3 s, 300 7.6 s, 1,000 20 s; physics off 0.7-1.0 s for 100 to 300 nodes.
PHYSICS_MAX_NODES = 100
# Beyond this many relationships edges have no labels, arrow heads only once zoomed in, and
# are hidden while dragging or zooming: at 8,000 edges labels and arrows were a third of the
# first frame and of every redraw.
BIG_EDGES = 2000
MAX_EVIDENCE = 5  # sentences per relationship on the page; the tooltip says how many more
MAX_SENTENCE = 600


def group_of(e: Entity) -> str:
    for kind in ORG_KINDS:
        if kind in e.labels:
            return kind
    for lab in ("Person", "Event", "Location", "Organization"):
        if lab in e.labels:
            return lab
    return "Other"


COMMUNITY_COLORS = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7",
                    "#9c755f", "#bab0ac", "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#a6761d"]


def communities_of(view: View) -> list[dict]:
    """Louvain communities of the drawn subgraph (rekg.graph.analysis), each with a colour."""
    from rekg.graph.analysis import communities
    from rekg.graph.model import GraphDocument

    found = communities(GraphDocument(entities=view.entities, relations=view.relations), min_size=1)
    for c in found:
        c["color"] = COMMUNITY_COLORS[c["community"] % len(COMMUNITY_COLORS)]
    return found


def page_data(view: View, *, entity_link: str | None = None, physics: bool | None = None, color: str = "label") -> dict:
    """The JSON the page draws. `entity_link` is the URL prefix of entity views when served;
    a file written by the CLI has none and re-centres on a clicked node instead. `physics`
    overrides the size rule (benchmarks use it). Nodes are sized by degree centrality and
    coloured by label, or by community with `color="community"` (shapes stay by label).

    Bytes cost the browser time before it draws anything (~50 ms per MB to load and parse,
    on this project's machine), so `nodes` and `edges` are columns and refer to groups,
    types and nodes by index; what only tooltips and the date filter read is in `details`,
    which page.py puts in a block of its own that the page parses when first needed, with
    each article id and evidence sentence stored once."""
    with gc_paused():  # none of the page's dicts and lists is in a cycle; collections would walk the graph
        return _page_data(view, entity_link, physics, color)




def _page_data(view: View, entity_link: str | None, physics: bool | None, color: str) -> dict:
    ids = {e.id for e in view.entities}
    rels = [r for r in view.relations if r.source in ids and r.target in ids]
    deg = Counter()
    for r in rels:
        deg[r.source] += 1
        deg[r.target] += 1
    if physics is None:
        physics = len(view.entities) <= PHYSICS_MAX_NODES
    pos = layout.positions(list(ids), [(r.source, r.target) for r in rels])
    kinds = [group_of(e) for e in view.entities]
    group_counts = Counter(kinds)
    groups = [g for g in STYLES if group_counts[g]]
    type_counts = Counter(r.type for r in rels)
    types = sorted(type_counts)
    gi = {g: i for i, g in enumerate(groups)}
    xy = [pos.get(e.id, (0.0, 0.0)) for e in view.entities]
    nodes = {
        "id": [e.id for e in view.entities],
        "label": [e.name for e in view.entities],
        "group": [gi[k] for k in kinds],
        "x": [p[0] for p in xy],
        "y": [p[1] for p in xy],
        "size": [round(min(40.0, 12 + 4 * math.log2(1 + deg[e.id])), 1) for e in view.entities],
    }
    comms = communities_of(view) if color == "community" else []
    if comms:
        member = {m: c["community"] for c in comms for m in c["members"]}
        nodes["community"] = [member.get(e.id, -1) for e in view.entities]
    texts = _Texts()
    return {
        "meta": {
            "kind": view.kind,
            "title": view.title,
            "notice": view.notice,
            "focus": view.focus,
            "depth": view.depth,
            "physics": physics,
            "big": len(rels) > BIG_EDGES,
        },
        "links": {"entity": entity_link} if entity_link else None,
        "styles": STYLES,
        "palette": [c["color"] for c in comms] or None,  # community number -> its colour
        "groups": [{"name": g, "count": group_counts[g]} for g in groups],
        "types": [{"name": t, "count": type_counts[t]} for t in types],
        "communities": [{"name": c["name"], "color": c["color"], "count": c["size"]} for c in comms if c["size"] > 1][:16],
        "nodes": nodes,
        "edges": _edges(rels, {e.id: i for i, e in enumerate(view.entities)}, {t: i for i, t in enumerate(types)}),
        "details": {
            "nodes": [_node_details(e, k) for e, k in zip(view.entities, kinds)],
            "edges": [_edge_details(r, view.article, texts) for r in rels],
            "articles": texts.articles,
            "sentences": texts.sentences,
        },
    }


def _edges(rels: list[Relation], node: dict[str, int], type_index: dict[str, int]) -> dict[str, list[int]]:
    """`bend` k > 0 marks the k-th parallel relationship between the same two nodes; the
    page bends those apart."""
    seen: Counter = Counter()
    bend = []
    for r in rels:
        pair = (r.source, r.target) if r.source <= r.target else (r.target, r.source)
        bend.append(seen[pair])
        seen[pair] += 1
    return {
        "from": [node[r.source] for r in rels],
        "to": [node[r.target] for r in rels],
        "type": [type_index[r.type] for r in rels],
        "bend": bend,
    }


def _node_details(e: Entity, group: str) -> dict:
    props = e.properties
    d = {"labels": e.labels}
    if group in ("Event", "Location") and props.get("kind") is not None:
        d["kind"] = props["kind"]
    titles = _strings(props.get("titles")) + _strings(props.get("honorifics"))
    if titles:
        d["titles"] = titles
    if e.aliases:
        d["aliases"] = list(e.aliases)
    if group == "Event":
        if props.get("date") is not None:
            d["date"] = props["date"]
        if props.get("end_date") is not None:
            d["end"] = props["end_date"]
    if e.articles:
        d["articles"] = e.articles[:5]
        if len(e.articles) > 5:
            d["narticles"] = len(e.articles)
    return d


class _Texts:
    """Article ids and evidence sentences, each stored once and referred to by index: one
    sentence is often the evidence of several relationships."""

    def __init__(self) -> None:
        self.articles: list[str] = []
        self.sentences: list[str] = []
        self._a: dict[str, int] = {}
        self._s: dict[str, int] = {}

    def article(self, a: str) -> int:
        i = self._a.get(a)
        if i is None:
            i = self._a[a] = len(self.articles)
            self.articles.append(a)
        return i

    def sentence(self, s: str) -> int:
        i = self._s.get(s)
        if i is None:
            i = self._s[s] = len(self.sentences)
            self.sentences.append(_clip(s))
        return i


def _edge_details(r: Relation, article: str | None, texts: _Texts) -> dict:
    evidence = [ev for ev in r.evidence if article is None or ev.article == article]
    d: dict = {"confidence": round(r.confidence, 2),
               "evidence": [[texts.article(ev.article), texts.sentence(ev.sentence)] for ev in evidence[:MAX_EVIDENCE]]}
    for key in ("date", "role"):
        if r.properties.get(key) is not None:
            d[key] = str(r.properties[key])
    if len(evidence) > MAX_EVIDENCE:
        d["nevidence"] = len(evidence)
    return d


def _strings(v) -> list[str]:
    if v is None:
        return []
    if isinstance(v, (list, tuple)):
        return [str(x) for x in v if x]
    return [str(v)]


def _clip(s: str) -> str:
    return s if len(s) <= MAX_SENTENCE else s[: MAX_SENTENCE - 1] + "\u2026"
