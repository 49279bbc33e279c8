"""Structural questions over the graph: who is central, which clusters exist, who brokers, what happened when.

Everything is computed with networkx over a `GraphDocument`, which both stores export
identically, so the embedded store and Neo4j give the same answers by construction.
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from rekg.graph.model import GraphDocument

EXACT_BETWEENNESS_LIMIT = 5000  # above this, betweenness is estimated from 500 sampled sources (seed 0)
ACADEMIA = {"Institute", "University"}


def undirected(doc: GraphDocument) -> nx.Graph:
    """A simple undirected graph; an edge's weight is how many relationships join the pair."""
    g = nx.Graph()
    for e in doc.entities:
        g.add_node(e.id, name=e.name, labels=tuple(e.labels))
    for r in doc.relations:
        if r.source in g and r.target in g and r.source != r.target:
            w = g.edges[r.source, r.target]["weight"] + 1 if g.has_edge(r.source, r.target) else 1
            g.add_edge(r.source, r.target, weight=w)
    return g


def betweenness(g: nx.Graph) -> dict[str, float]:
    if g.number_of_nodes() > EXACT_BETWEENNESS_LIMIT:
        return nx.betweenness_centrality(g, k=500, seed=0)
    return nx.betweenness_centrality(g)


def centrality(doc: GraphDocument, label: str | None = None, top: int = 20) -> list[dict]:
    g = undirected(doc)
    deg, btw = nx.degree_centrality(g), betweenness(g)
    rows = [
        {"id": n, "name": d["name"], "labels": list(d["labels"]), "degree": g.degree(n),
         "degree_centrality": round(deg[n], 6), "betweenness": round(btw[n], 6)}
        for n, d in g.nodes(data=True) if label is None or label in d["labels"]
    ]
    rows.sort(key=lambda r: (-r["betweenness"], -r["degree"], r["id"]))
    return rows[:top]


def communities(doc: GraphDocument, seed: int = 0, min_size: int = 2) -> list[dict]:
    """Louvain communities, each named after its most connected member."""
    g = undirected(doc)
    found = nx.community.louvain_communities(g, weight="weight", seed=seed)
    out = []
    for members in found:
        if len(members) < min_size:
            continue
        hub = max(sorted(members), key=lambda n: g.degree(n, weight="weight"))
        out.append({"name": g.nodes[hub]["name"], "hub": hub, "size": len(members), "members": sorted(members)})
    out.sort(key=lambda c: (-c["size"], c["hub"]))
    for i, c in enumerate(out):
        c["community"] = i
    return out


def brokers(doc: GraphDocument, top: int = 20) -> list[dict]:
    """Nodes whose removal splits the network, or that link academia to state-owned industry,
    ranked by betweenness relative to degree (high reach through few ties)."""
    g = undirected(doc)
    btw = betweenness(g)
    cut = set(nx.articulation_points(g))
    comm = {n: c["community"] for c in communities(doc) for n in c["members"]}
    rows = []
    for n, d in g.nodes(data=True):
        near = [set(g.nodes[m]["labels"]) for m in g.neighbors(n)]
        bridges_sectors = any(lab & ACADEMIA for lab in near) and any("SOE" in lab for lab in near)
        spans = len({comm.get(m) for m in g.neighbors(n)} - {None})
        if n in cut or bridges_sectors or spans > 1:
            rows.append({"id": n, "name": d["name"], "labels": list(d["labels"]), "degree": g.degree(n),
                         "betweenness": round(btw[n], 6), "articulation_point": n in cut,
                         "bridges_academia_and_soes": bridges_sectors, "communities_spanned": spans,
                         "score": round(btw[n] / max(g.degree(n), 1), 6)})
    rows.sort(key=lambda r: (-r["score"], -r["betweenness"], r["id"]))
    return rows[:top]


def timeline(doc: GraphDocument) -> list[dict]:
    """Events grouped by month ('YYYY-MM', or '--MM' when the year is unknown), with who took part."""
    names = {e.id: e.name for e in doc.entities}
    ties: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in doc.relations:
        if r.type in ("PARTICIPATED_IN", "ORGANIZED", "APPROVED"):
            ties[r.target][r.type].append(names.get(r.source, r.source))
        elif r.type == "LOCATED_IN":
            ties[r.source]["LOCATED_IN"].append(names.get(r.target, r.target))
    months: dict[str, list[dict]] = defaultdict(list)
    for e in doc.entities:
        if e.primary != "Event":
            continue
        date = str(e.properties.get("date") or "")
        month = date[:7] if date[:4].isdigit() else (date[:4] if date.startswith("--") else "undated")
        t = ties[e.id]
        months[month].append({"id": e.id, "name": e.name, "kind": e.properties.get("kind"), "date": date or None,
                              "participants": sorted(t["PARTICIPATED_IN"]), "organizers": sorted(t["ORGANIZED"] + t["APPROVED"]),
                              "location": sorted(t["LOCATED_IN"]), "articles": e.articles})
    order = sorted(months, key=lambda m: (m == "undated", m.startswith("--"), m))
    return [{"month": m, "events": sorted(months[m], key=lambda x: (x["date"] or "", x["id"]))} for m in order]
