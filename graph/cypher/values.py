"""One JSON-ready shape for what either engine returns, so rows from both stores compare equal.

  node          {"_labels": [...], <properties>}         labels in schema order (Entity, primary, kind)
  relationship  {"_type": T, "_start": id, "_end": id, <properties>}
  path          {"_nodes": [...], "_relationships": [...]}
  dates/times   ISO strings; Decimal -> int when whole, else float
Null properties are left out (Neo4j does not store nulls).
"""
from __future__ import annotations

import datetime as _dt
import decimal
from typing import Any, Callable

LABEL_ORDER = ("Entity", "Article", "Person", "Organization", "Event", "Location",
               "SOE", "Company", "Institute", "University", "Association", "Agency", "Media")


def order_labels(labels) -> list[str]:
    return sorted(labels, key=lambda lab: (LABEL_ORDER.index(lab) if lab in LABEL_ORDER else len(LABEL_ORDER), lab))


def plain(value: Any) -> Any:
    """Scalars and containers that are not graph objects, made JSON-ready."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return value.total_seconds()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    iso = getattr(value, "iso_format", None)  # neo4j.time types
    if callable(iso):
        return iso()
    return str(value)


# -- LadybugDB ------------------------------------------------------------------------------------


def from_ladybug(v: Any, node_id: Callable[[dict], str | None], labels_of: Callable[[str], list[str]]) -> Any:
    """A LadybugDB value as the Neo4j store returns it. Plain recursion, not a recursive closure: a
    closure that refers to itself is a reference cycle, and one the store's gc.freeze() catches
    before a collection keeps the mirror it points to open for good."""
    if isinstance(v, dict):
        keys = {k.lower(): k for k in v}
        if "_nodes" in keys and "_rels" in keys:
            return {"_nodes": [from_ladybug(n, node_id, labels_of) for n in v[keys["_nodes"]]],
                    "_relationships": [from_ladybug(r, node_id, labels_of) for r in v[keys["_rels"]]]}
        if "_ID" in v and "_LABEL" in v and "_SRC" in v:
            out = {"_type": v["_LABEL"], "_start": node_id(v["_SRC"]), "_end": node_id(v["_DST"])}
        elif "_ID" in v and "_LABEL" in v:
            out = {"_labels": labels_of(v["_LABEL"])}
        else:
            return {str(k): from_ladybug(x, node_id, labels_of) for k, x in v.items()}
        out.update({k: from_ladybug(x, node_id, labels_of) for k, x in v.items() if not k.startswith("_") and x is not None})
        return out
    if isinstance(v, (list, tuple)):
        return [from_ladybug(x, node_id, labels_of) for x in v]
    return plain(v)


# -- Neo4j ----------------------------------------------------------------------------------------


def from_neo4j(value: Any, ids: dict[str, str]) -> Any:
    """`ids` maps element ids to our `id` property, for relationship endpoints."""
    from neo4j.graph import Node, Path, Relationship

    def node(n: Node) -> dict:
        out = {"_labels": order_labels(n.labels)}
        out.update({k: conv(x) for k, x in dict(n).items()})
        return out

    def rel(r: Relationship) -> dict:
        out = {"_type": r.type, "_start": ids.get(r.start_node.element_id) if r.start_node is not None else None,
               "_end": ids.get(r.end_node.element_id) if r.end_node is not None else None}
        out.update({k: conv(x) for k, x in dict(r).items()})
        return out

    def conv(v: Any) -> Any:
        if isinstance(v, Node):
            return node(v)
        if isinstance(v, Relationship):
            return rel(v)
        if isinstance(v, Path):
            return {"_nodes": [node(n) for n in v.nodes], "_relationships": [rel(r) for r in v.relationships]}
        if isinstance(v, (list, tuple)):
            return [conv(x) for x in v]
        if isinstance(v, dict):
            return {str(k): conv(x) for k, x in v.items()}
        return plain(v)

    return conv(value)


def neo4j_endpoint_ids(values: list) -> set[str]:
    """Element ids of relationship endpoints whose `id` property the records do not carry."""
    from neo4j.graph import Node, Path, Relationship

    need: set[str] = set()

    def walk(v: Any) -> None:
        if isinstance(v, Relationship):
            for n in (v.start_node, v.end_node):
                if n is not None:
                    need.add(n.element_id)
        elif isinstance(v, Path):
            for r in v.relationships:
                walk(r)
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, Node):
            pass

    for v in values:
        walk(v)
    return need
