"""Scale work: the search index ranks like the full scan, the fast graph build equals networkx's own."""
from __future__ import annotations

import random

import networkx as nx

from rekg.graph.model import Entity, Evidence, GraphDocument, Relation
from rekg.graph.nx_store import _multidigraph
from rekg.graph.store import SearchIndex, rank_entities

WORDS = "baotou ganzhou rare earth magnet group china northern minmetals institute wang li zhang xu qu ming".split()


def _entities(n: int, seed: int = 3) -> list[Entity]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        name = " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(1, 4)))
        aliases = [rng.choice(WORDS).upper()[:4]] if rng.random() < 0.3 else []
        out.append(Entity(id=f"e{i}", name=name, labels=[rng.choice(["Person", "Organization"])], aliases=aliases))
    return out


def test_search_index_keeps_exact_and_prefix_hits_and_their_order():
    ents = _entities(800)
    index = SearchIndex(ents)
    rng = random.Random(5)
    queries = [rng.choice(ents).name for _ in range(40)] + [rng.choice(ents).name[:k] for k in (1, 2, 3, 5) for _ in range(10)]
    queries += ["Wang L", "  BAOTOU ", "rare-earth", "zzz unknown"]
    for q in queries:
        for label in (None, "Person"):
            full = rank_entities(ents, q, label, 10**9, 0)
            fast = index.rank(q, label, 10**9, 0)
            strong = [(e.id, s) for e, s in full if s >= 100 and any(
                t == q.strip().lower() or t.startswith(q.strip().lower()) for t in [e.name.lower(), *map(str.lower, e.aliases)])]
            assert [(e.id, s) for e, s in fast][: len(strong)] == strong, q
            assert {e.id for e, _ in fast} <= {e.id for e, _ in full}


def test_fast_graph_build_equals_networkx_add_edge():
    ents = _entities(50)
    rng = random.Random(2)
    rels = {}
    for _ in range(120):
        a, b = rng.sample(range(50), 2)
        t = rng.choice(["LEADS", "MEMBER_OF", "LOCATED_IN"])
        rels[(t, f"e{a}", f"e{b}")] = Relation(type=t, source=f"e{a}", target=f"e{b}",
                                               evidence=[Evidence(article="a", sentence="s", start=0, end=1)])
    doc = GraphDocument(entities=ents, relations=list(rels.values()))
    g = nx.MultiDiGraph()
    for e in doc.entities:
        g.add_node(e.id, entity=e)
    for r in doc.relations:
        g.add_edge(r.source, r.target, key=r.type, relation=r)
    h = _multidigraph(doc)
    assert g._node == h._node and g._succ == h._succ and g._pred == h._pred
    assert nx.utils.graphs_equal(g, h)
