"""What each view shows, asked of any GraphStore: one entity's neighbourhood, the paths
between two entities, one article's graph, and the whole graph.

Views are cut to a node budget so that a page always draws: a hub's depth-3 neighbourhood
or the overview of a big store can hold tens of thousands of nodes. What was cut is said
on the page (`View.notice`), never dropped silently.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rekg.graph.model import Entity, Relation
from rekg.graph.store import GraphStore, hop_distances

# Measured with benchmarks/views.py on the project's 2-core machine (server + Chromium, to a
# drawn page, while others' jobs ran): 1,000 nodes ~1.1 s, 5,000 ~2.5 s, 20,000 ~7 s and an
# 8 MB page, most of it vis-network building its items. So a view shows at most 5,000 nodes;
# `rekg view --overview` and /views/overview?limit= go lower, not higher.
MAX_NODES = 5000


class NotFound(LookupError):
    """The entity or article asked for is not in the store; the message says which."""


@dataclass
class View:
    kind: str  # entity | paths | article | overview
    title: str
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)  # ids drawn emphasised: the centre, the path ends
    notice: str | None = None  # what the page leaves out, or why it is empty
    depth: int = 1
    article: str | None = None  # an article view shows only that article's evidence


def resolve(store: GraphStore, name_or_id: str) -> Entity:
    ent = store.find(name_or_id)
    if ent is None:
        close = [e.name for e, _ in store.search(name_or_id, limit=5)]
        raise NotFound(f"no entity {name_or_id!r}" + (f"; closest: {', '.join(close)}" if close else ""))
    return ent


def entity_view(store: GraphStore, name_or_id: str, depth: int = 1, max_nodes: int = MAX_NODES) -> View:
    ent = resolve(store, name_or_id)
    depth = max(1, min(3, depth))
    sub = store.neighbors(ent.id, depth=depth)
    dist = hop_distances(ent.id, sub.relations)
    deg = _degrees(sub.relations)
    ents, rels, cut = _trim(sub.entities, sub.relations, max_nodes, key=lambda e: (dist.get(e.id, depth + 1), -deg[e.id], e.id))
    hops = "1 hop" if depth == 1 else f"{depth} hops"
    notice = f"showing {len(ents):,} of {cut:,} nodes within {hops}, the nearest and most connected first" if cut else None
    return View("entity", f"{ent.name} ({hops})", ents, rels, focus=[ent.id], notice=notice, depth=depth)


def paths_view(store: GraphStore, source: str, target: str, max_depth: int = 4, limit: int = 10) -> View:
    a, b = resolve(store, source), resolve(store, target)
    found = store.paths(a.id, b.id, max_depth=max_depth, limit=limit)
    ents: dict[str, Entity] = {}
    rels: dict[tuple, Relation] = {}
    for sub in found:
        ents.update((e.id, e) for e in sub.entities)
        rels.update((r.key, r) for r in sub.relations)
    notice = None
    if not found:
        ents = {a.id: a, b.id: b}
        notice = f"no path of at most {max_depth} hops between them"
    elif len(found) >= limit:
        notice = f"showing the first {limit} shortest paths"
    return View("paths", f"{a.name} \u2194 {b.name}", list(ents.values()), list(rels.values()), focus=[a.id, b.id], notice=notice)


def article_view(store: GraphStore, article_id: str) -> View:
    """Everything the article names, and the relationships it is evidence for."""
    ex = store.get_extraction(article_id)
    if ex is None:
        raise NotFound(f"no article {article_id!r}")
    doc = store.export()
    rels = [r for r in doc.relations if any(ev.article == article_id for ev in r.evidence)]
    ids = {e.id for e in doc.entities if article_id in e.articles}
    ids.update(x for r in rels for x in (r.source, r.target))
    ents = [e for e in doc.entities if e.id in ids]
    title = ex.article.title or article_id
    return View("article", title, ents, rels, article=article_id)


def overview(store: GraphStore, max_nodes: int = MAX_NODES) -> View:
    """The whole graph, or its most connected part when it exceeds the budget."""
    doc = store.export()
    deg = _degrees(doc.relations)
    ents, rels, cut = _trim(doc.entities, doc.relations, max_nodes, key=lambda e: (-deg[e.id], e.id))
    notice = None
    if cut:
        notice = (f"showing {len(ents):,} of {cut:,} nodes, the most connected, "
                  f"and {len(rels):,} of {len(doc.relations):,} relationships")
    return View("overview", "The whole graph", ents, rels, notice=notice)


def _trim(entities: list[Entity], relations: list[Relation], budget: int, key) -> tuple[list[Entity], list[Relation], int]:
    """Keep the `budget` best entities by `key` and the relations among them; returns the
    total before cutting, or 0 when nothing was cut."""
    ids = {e.id for e in entities}
    relations = [r for r in relations if r.source in ids and r.target in ids]
    if len(entities) <= budget:
        return list(entities), relations, 0
    kept = sorted(entities, key=key)[:budget]
    keep = {e.id for e in kept}
    return kept, [r for r in relations if r.source in keep and r.target in keep], len(entities)


def _degrees(relations: list[Relation]) -> Counter:
    deg: Counter = Counter()
    for r in relations:
        deg[r.source] += 1
        deg[r.target] += 1
    return deg


