"""Analyst Cypher latency on both stores at 10k and 100k nodes.

A synthetic graph of the schema's shape (people, organisations of every kind, events, places;
about two relationships per node, each with one evidence sentence) is built directly as a
GraphDocument, mirrored into the embedded engine (LadybugDB, as `rekg query` does) and written
into Neo4j with the Neo4j store's own row functions and UNWIND statements. Then cookbook
queries run through `run_query`-equivalent paths (translation, guard, value conversion included):

  1-hop   cookbook/16-evidence-for-a-person.cypher   (one person's relationships + evidence)
  2-hop   cookbook/24-two-hop-neighbourhood.cypher   (what lies two steps from an organisation)
  scan    cookbook/01-soe-leaders.cypher             (every SOE leader; capped at 1000 rows)

    eval "$(scripts/neo4j-local env)"      # a Neo4j whose database may be WIPED
    .venv/bin/python benchmarks/cypher.py [--sizes 10000 100000] [--runs 7] [--no-neo4j]

Prints JSON lines: {"figure": "cypher_load", ...} per store and size, and
{"figure": "cypher_latency", "store", "nodes", "query", "median_ms", "p90_ms", "rows", ...}.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rekg.graph.cypher import check_read_only, execute
from rekg.graph.cypher.cookbook import load
from rekg.graph.cypher.embedded import Mirror, build_mirror
from rekg.graph.model import ORG_KINDS, Entity, Evidence, GraphDocument, Relation
from rekg.graph.settings import Settings

REPO = Path(__file__).resolve().parent.parent
QUERIES = {"1-hop": "16-evidence-for-a-person", "2-hop": "24-two-hop-neighbourhood", "scan": "01-soe-leaders"}


def synthesise(n: int, seed: int = 7) -> tuple[GraphDocument, str, str]:
    """A graph of about n nodes and 2n relationships; returns it, a hub person and a hub organisation."""
    rng = random.Random(seed)
    counts = {"Person": int(n * 0.35), "Organization": int(n * 0.35), "Event": int(n * 0.15)}
    counts["Location"] = n - sum(counts.values())
    ents: list[Entity] = []
    ids: dict[str, list[str]] = {k: [] for k in counts}
    for label, k in counts.items():
        for i in range(k):
            eid = f"{label.lower()}-{i}"
            ids[label].append(eid)
            if label == "Person":
                ents.append(Entity(id=eid, name=f"Person {i}", labels=["Person"], aliases=[f"P{i}"],
                                   articles=[f"a{i % 500}"], properties={"titles": [rng.choice(["Chairman", "President", "Director"])]}))
            elif label == "Organization":
                kind = ORG_KINDS[i % len(ORG_KINDS)]
                ents.append(Entity(id=eid, name=f"Organisation {i}", labels=["Organization", kind], aliases=[],
                                   articles=[f"a{i % 500}"], properties={"kind": kind.lower()}))
            elif label == "Event":
                ents.append(Entity(id=eid, name=f"Event {i}", labels=["Event"], articles=[f"a{i % 500}"],
                                   properties={"kind": rng.choice(["conference", "visit", "meeting"]),
                                               "date": f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}))
            else:
                ents.append(Entity(id=eid, name=f"Place {i}", labels=["Location"], articles=[f"a{i % 500}"],
                                   properties={"kind": "city"}))
    people, orgs, events, places = ids["Person"], ids["Organization"], ids["Event"], ids["Location"]
    hub_person, hub_org = people[0], orgs[1]  # orgs[1] is an SOE
    rels: dict[tuple, Relation] = {}

    def add(t, s, d, **props):
        if s != d and (t, s, d) not in rels:
            ev = [Evidence(article=f"a{len(rels) % 500}", sentence=f"{s} {t.lower()} {d}.", start=0, end=10)]
            rels[(t, s, d)] = Relation(type=t, source=s, target=d, properties=props, evidence=ev, confidence=round(rng.uniform(0.5, 1), 2))

    for p in people:
        add("LEADS", p, rng.choice(orgs), role=rng.choice(["Chairman", "General Manager", "Party Secretary"]))
        add("MEMBER_OF", p, rng.choice(orgs), role="member")
        if rng.random() < 0.4:
            add("PARTICIPATED_IN", p, rng.choice(events))
    for o in orgs:
        add("LOCATED_IN", o, rng.choice(places))
        if rng.random() < 0.5:
            add("SUBSIDIARY_OF", o, rng.choice(orgs))
    for e in events:
        add("LOCATED_IN", e, rng.choice(places))
        add("ORGANIZED", rng.choice(orgs), e)
    for _ in range(20):  # hubs: well-connected, as real groups and officials are
        add("VISITED", hub_person, rng.choice(orgs), date="2024-05-01")
        add("SUBSIDIARY_OF", rng.choice(orgs), hub_org)
        add("LEADS", rng.choice(people), hub_org, role="Vice Chairman")
    doc = GraphDocument(entities=sorted(ents, key=lambda e: e.id), relations=sorted(rels.values(), key=lambda r: r.key))
    return doc, "Person 0", "Organisation 1"


def load_neo4j(store, doc: GraphDocument, batch: int = 5000) -> float:
    """Write the document with the Neo4j store's row layout (the same statements its writes use); articles
    get their metadata only (no stored extraction: nothing here writes through the store)."""
    from rekg.graph.model import REL_TYPES
    from rekg.graph.neo4j_store import _entity_row, _relation_row, _schema_labels, empty_database

    t0 = time.perf_counter()
    store._ready()
    drv, db = store._driver, store.database
    empty_database(drv, db)
    by_labels: dict[tuple, list] = {}
    for e in doc.entities:
        by_labels.setdefault(_schema_labels(e), []).append(_entity_row(e))
    for labels, rows in by_labels.items():
        for i in range(0, len(rows), batch):
            drv.execute_query(f"UNWIND $rows AS row CREATE (n:Entity:{':'.join(labels)}) SET n = row",
                              rows=rows[i: i + batch], database_=db)
    for rtype in REL_TYPES:
        rows = [_relation_row(r) for r in doc.relations if r.type == rtype]
        for i in range(0, len(rows), batch):
            drv.execute_query("UNWIND $rows AS row MATCH (s:Entity {id: row.s}) MATCH (t:Entity {id: row.t}) "
                              f"CREATE (s)-[r:{rtype}]->(t) SET r = row.props", rows=rows[i: i + batch], database_=db)
    rows = [a.model_dump(exclude_none=True) for a in doc.articles]  # their titles are in every neighbours answer
    for i in range(0, len(rows), batch):
        drv.execute_query("UNWIND $rows AS row CREATE (a:Article) SET a = row", rows=rows[i: i + batch], database_=db)
    return time.perf_counter() - t0


def timed(target, query: str, params: dict, runs: int) -> tuple[list[float], int]:
    settings = Settings(query_time_limit_ms=60000, query_max_rows=1000)
    execute(target, query, params, settings)  # warm-up (plans, caches)
    times, rows = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        res = execute(target, query, params, settings)
        times.append((time.perf_counter() - t0) * 1000)
        rows = len(res.rows)
    return times, rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--no-neo4j", action="store_true")
    args = ap.parse_args()
    recipes = {r.name: r for r in load(REPO / "cookbook")}
    neo = None
    if not args.no_neo4j:
        from rekg.graph.neo4j_store import Neo4jStore

        s = Settings()
        if not os.environ.get("REKG_NEO4J_URI"):
            print("REKG_NEO4J_URI is not set: eval \"$(scripts/neo4j-local env)\" first, or pass --no-neo4j", file=sys.stderr)
            return 2
        neo = Neo4jStore(s.neo4j_uri, s.neo4j_user, s.neo4j_password, s.neo4j_database)
    for n in args.sizes:
        doc, person, org = synthesise(n)
        params = {"1-hop": {"person": person}, "2-hop": {"org": org}, "scan": {}}
        with tempfile.TemporaryDirectory(prefix="rekg-cypher-bench-") as tmp:
            t0 = time.perf_counter()
            folder = Path(tmp) / "mirror"
            meta = build_mirror(doc, [], folder)
            mirror = Mirror(folder)
            print(json.dumps({"figure": "cypher_load", "store": "embedded", "nodes": len(doc.entities),
                              "relationships": len(doc.relations), "seconds": round(time.perf_counter() - t0, 2),
                              "engine": f"ladybug {meta['ladybug']}"}), flush=True)
            targets = [("embedded", mirror)]
            if neo is not None:
                secs = load_neo4j(neo, doc)
                print(json.dumps({"figure": "cypher_load", "store": "neo4j", "nodes": len(doc.entities),
                                  "relationships": len(doc.relations), "seconds": round(secs, 2)}), flush=True)
                targets.append(("neo4j", neo))
            for store_name, target in targets:
                for label, recipe in QUERIES.items():
                    q = recipes[recipe].query
                    check_read_only(q)
                    times, rows = timed(target, q, params[label], args.runs)
                    print(json.dumps({"figure": "cypher_latency", "store": store_name, "nodes": len(doc.entities),
                                      "relationships": len(doc.relations), "query": f"{label} ({recipe})",
                                      "median_ms": round(statistics.median(times), 2),
                                      "p90_ms": round(sorted(times)[int(0.9 * (len(times) - 1))], 2),
                                      "runs": len(times), "rows": rows}), flush=True)
            mirror.close()
    if neo is not None:
        neo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
