"""Write the graph in formats others read: schema.md's JSON, GraphML/GEXF (Gephi), neo4j-admin CSV.

Output is deterministic (sorted, no timestamps), so two exports of the same store are
byte-identical.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx

from rekg.graph.model import GraphDocument

FORMATS = ("json", "graphml", "gexf", "csv", "cypher")


def to_json(doc: GraphDocument) -> str:
    payload = {
        "entities": [e.model_dump(mode="json") for e in doc.entities],
        "relations": [r.model_dump(mode="json") for r in doc.relations],
        "articles": [a.model_dump(mode="json", exclude={"path"}) for a in doc.articles],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def to_networkx(doc: GraphDocument) -> nx.MultiDiGraph:
    """Scalar attributes only, as GraphML and GEXF require: lists are joined with ';'."""
    g = nx.MultiDiGraph()
    for e in doc.entities:
        attrs = {
            "name": e.name,
            "labels": ";".join(e.labels),
            "label": e.primary,
            "kind": str(e.properties.get("kind", "")),
            "aliases": ";".join(e.aliases),
            "articles": ";".join(e.articles),
            "article_count": len(e.articles),
        }
        for key in ("date", "end_date"):
            if e.properties.get(key):
                attrs[key] = str(e.properties[key])
        if e.properties.get("titles"):
            attrs["titles"] = ";".join(e.properties["titles"])
        g.add_node(e.id, **attrs)
    for r in doc.relations:
        attrs = {
            "type": r.type,
            "evidence_count": len(r.evidence),
            "confidence": float(r.confidence),
            "articles": ";".join(sorted({ev.article for ev in r.evidence})),
        }
        for key, value in sorted(r.properties.items()):
            attrs[key] = str(value)
        g.add_edge(r.source, r.target, key=r.type, **attrs)
    return g


def write_csv(doc: GraphDocument, folder: Path) -> list[Path]:
    """`neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv` headers."""
    folder.mkdir(parents=True, exist_ok=True)
    nodes, rels = folder / "nodes.csv", folder / "relationships.csv"
    with nodes.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id:ID", "name", "aliases:string[]", "articles:string[]", "kind", "titles:string[]", "date", "end_date", ":LABEL"])
        for e in doc.entities:
            p = e.properties
            w.writerow([e.id, e.name, ";".join(e.aliases), ";".join(e.articles), p.get("kind", ""), ";".join(p.get("titles", [])),
                        p.get("date", ""), p.get("end_date", ""), ";".join(e.labels)])
    with rels.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([":START_ID", ":END_ID", ":TYPE", "confidence:float", "evidence_count:int", "role", "date", "evidence"])
        for r in doc.relations:
            w.writerow([r.source, r.target, r.type, r.confidence, len(r.evidence), r.properties.get("role", ""),
                        r.properties.get("date", ""), json.dumps([ev.model_dump() for ev in r.evidence], ensure_ascii=False)])
    return [nodes, rels]


def _lit(value) -> str:
    """A Cypher literal. Article text only ever appears inside string literals, escaped
    like JSON strings (which Cypher's string syntax accepts)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_lit(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def to_cypher(doc: GraphDocument) -> str:
    """A script that recreates the graph in an empty Neo4j (`cypher-shell -f graph.cypher`)."""
    from rekg.graph.model import REL_TYPES

    allowed_labels = {"Person", "Organization", "Event", "Location", "SOE", "Company", "Institute", "University",
                      "Association", "Agency", "Media"}
    lines = [f"// rekg graph: {len(doc.entities)} entities, {len(doc.relations)} relationships",
             "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;"]
    for e in doc.entities:
        labels = "".join(f":{lab}" for lab in e.labels if lab in allowed_labels)
        props = {"name": e.name, "aliases": e.aliases, "articles": e.articles,
                 **{k: v for k, v in e.properties.items() if k.isidentifier()}}
        body = ", ".join(f"{k}: {_lit(v)}" for k, v in props.items())
        lines.append(f"MERGE (n:Entity {{id: {_lit(e.id)}}}) SET n{labels}, n += {{{body}}};")
    for r in doc.relations:
        if r.type not in REL_TYPES:
            continue
        props = {"confidence": r.confidence, "evidence": json.dumps([ev.model_dump() for ev in r.evidence], ensure_ascii=False),
                 **{k: v for k, v in r.properties.items() if k.isidentifier()}}
        body = ", ".join(f"{k}: {_lit(v)}" for k, v in props.items())
        lines.append(f"MATCH (a:Entity {{id: {_lit(r.source)}}}), (b:Entity {{id: {_lit(r.target)}}}) "
                     f"MERGE (a)-[r:{r.type}]->(b) SET r += {{{body}}};")
    return "\n".join(lines) + "\n"


def write(doc: GraphDocument, fmt: str, out: Path) -> list[Path]:
    if fmt == "json":
        out.write_text(to_json(doc), encoding="utf-8")
    elif fmt == "graphml":
        nx.write_graphml(to_networkx(doc), out)
    elif fmt == "gexf":
        nx.write_gexf(to_networkx(doc), out)
    elif fmt == "csv":
        return write_csv(doc, out)
    elif fmt == "cypher":
        out.write_text(to_cypher(doc), encoding="utf-8")
    else:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    return [out]
