"""A View as the page's data: vis-network items, the facts tooltips show, legend and filters.

Node and edge lists are built directly (pyvis's add_edge scans every edge for duplicates:
20,000 nodes / 40,000 edges took 31 s there). The result is plain JSON that page.py puts
into a `<script type="application/json">` block; the browser code turns every string in it
into text nodes, never into HTML.
"""
from __future__ import annotations

import math
from collections import Counter

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
    coloured by label, or by community with `color="community"` (shapes stay by label)."""
    ids = {e.id for e in view.entities}
    rels = [r for r in view.relations if r.source in ids and r.target in ids]
    deg = Counter()
    for r in rels:
        deg[r.source] += 1
        deg[r.target] += 1
    if physics is None:
        physics = len(view.entities) <= PHYSICS_MAX_NODES
    pos = layout.positions(list(ids), [(r.source, r.target) for r in rels])
    focus = set(view.focus)
    nodes = [_node(e, pos.get(e.id, (0.0, 0.0)), deg[e.id], e.id in focus) for e in view.entities]
    edges = _edges(rels, view.article)
    comms = communities_of(view) if color == "community" else []
    member = {m: c for c in comms for m in c["members"]}
    for n in nodes:
        if n["id"] in member:
            n["community"], n["color"] = member[n["id"]]["community"], member[n["id"]]["color"]
    groups = Counter(n["group"] for n in nodes)
    types = Counter(r.type for r in rels)
    return {
        "meta": {
            "kind": view.kind,
            "title": view.title,
            "notice": view.notice,
            "focus": view.focus,
            "depth": view.depth,
            "physics": physics,
            "big": len(rels) > 2000,
        },
        "links": {"entity": entity_link} if entity_link else None,
        "styles": STYLES,
        "groups": [{"name": g, "count": groups[g]} for g in STYLES if groups[g]],
        "types": [{"name": t, "count": c} for t, c in sorted(types.items())],
        "communities": [{"name": c["name"], "color": c["color"], "count": c["size"]} for c in comms if c["size"] > 1][:16],
        "nodes": nodes,
        "edges": edges,
    }


def _node(e: Entity, xy: tuple[float, float], degree: int, focus: bool) -> dict:
    group = group_of(e)
    props = e.properties
    n = {
        "id": e.id,
        "label": e.name,
        "group": group,
        "x": xy[0],
        "y": xy[1],
        "size": round(min(40.0, 12 + 4 * math.log2(1 + degree)), 1),
        # what the tooltip and the filters read
        "labels": e.labels,
        "kind": props.get("kind") if group in ("Event", "Location") else None,
        "titles": _strings(props.get("titles")) + _strings(props.get("honorifics")),
        "aliases": list(e.aliases),
        "date": props.get("date") if group == "Event" else None,
        "end": props.get("end_date") if group == "Event" else None,
        "articles": e.articles[:5],
        "narticles": len(e.articles),
    }
    if focus:
        n["focus"] = True
    return n


def _edges(rels: list[Relation], article: str | None) -> list[dict]:
    seen: Counter = Counter()
    out = []
    for r in rels:
        pair = (min(r.source, r.target), max(r.source, r.target))
        k = seen[pair]
        seen[pair] += 1
        evidence = [ev for ev in r.evidence if article is None or ev.article == article]
        e = {
            "id": f"{r.type}|{r.source}|{r.target}",
            "from": r.source,
            "to": r.target,
            "label": r.type,
            "date": _str(r.properties.get("date")),
            "role": _str(r.properties.get("role")),
            "confidence": round(r.confidence, 2),
            "evidence": [{"article": ev.article, "sentence": _clip(ev.sentence)} for ev in evidence[:MAX_EVIDENCE]],
            "nevidence": len(evidence),
        }
        if k:  # parallel relationships between the same two nodes: bend them apart
            e["smooth"] = {"enabled": True, "type": "curvedCW" if k % 2 else "curvedCCW", "roundness": 0.2 * ((k + 1) // 2)}
        out.append(e)
    return out


def _strings(v) -> list[str]:
    if v is None:
        return []
    if isinstance(v, (list, tuple)):
        return [str(x) for x in v if x]
    return [str(v)]


def _str(v) -> str | None:
    return None if v is None else str(v)


def _clip(s: str) -> str:
    return s if len(s) <= MAX_SENTENCE else s[: MAX_SENTENCE - 1] + "\u2026"
