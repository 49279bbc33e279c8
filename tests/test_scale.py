"""Scale work: the search index ranks like the full scan, the fast graph build equals networkx's own."""
from __future__ import annotations

import random

import networkx as nx
from rapidfuzz import fuzz

from rekg.graph.model import Entity, Evidence, GraphDocument, Relation
from rekg.graph.nx_store import _multidigraph
from rekg.graph.store import SearchIndex, _tokens, rank_entities

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


def test_long_names_are_not_scored_but_get_their_wratio():
    """SearchIndex skips WRatio for names over 8x the query's length: 60 if they contain it, else no hit."""
    rng = random.Random(8)
    for _ in range(20000):
        q = "".join(rng.choice("abc ") for _ in range(rng.randint(1, 5))).strip() or "a"
        name = "".join(rng.choice("abc ,.") for _ in range(rng.randint(8 * len(q) - 3, 8 * len(q) + 25)))
        expected = fuzz.WRatio(q, name, score_cutoff=60)
        if len(name) > 8 * len(q):
            assert expected == (60.0 if q in name else 0.0), (q, name)


def test_search_index_fuzzy_hits_are_the_wratio_of_their_best_name():
    """Every hit and score of a ranking, over short and long names: exact and prefix hits first
    (by name, id), then each entity sharing a query word with its best WRatio >= 60 (by score, name, id)."""
    rng = random.Random(4)
    ents = _entities(300, seed=9)
    for i in range(200):  # company-style names far longer than a short query
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9)))
        ents.append(Entity(id=f"c{i}", name=f"{words.title()} Co., Ltd.", labels=["Organization"],
                           aliases=[f"{rng.choice(WORDS).title()} Co"] if i % 4 == 0 else []))
    index = SearchIndex(ents)
    for q in ["co", "ltd", "wa", "li", "rare earth", "zhang ming", "xu", "co., ltd.", "BAO", "gan"]:
        for label in (None, "Organization"):
            text = q.strip().lower()
            cands = {index.owners[i][0].id for i in index.candidates(text)}
            expected = {}
            for e in ents:
                if label and label not in e.labels:
                    continue
                names = [n.lower() for n in [e.name, *e.aliases]]
                if text in names:
                    expected[e.id] = 110.0
                elif any(n.startswith(text) for n in names):
                    expected[e.id] = 105.0
                elif e.id in cands:
                    best = max(fuzz.WRatio(text, n, score_cutoff=60) for n in names
                               if any(t.startswith(w) if len(w) >= 3 else t == w for t in _tokens(n) for w in _tokens(text)))
                    if best >= 60:
                        expected[e.id] = best
            names = {e.id: e.name for e in ents}
            order = sorted(expected, key=lambda i: (-expected[i], names[i], i))
            got = index.ranked(q, label)
            assert [(e.id, s) for e, s in got[0: len(got)]] == [(i, min(expected[i], 100.0)) for i in order], (q, label)
            assert len(got) == len(order)
            assert got[5:12] == got[0: len(got)][5:12] and got[len(got) - 3: len(got) + 5] == got[0: len(got)][-3:]


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
