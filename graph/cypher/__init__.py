"""Read-only analyst Cypher on either store: `run_query(store, query, params, settings)`.

The same Neo4j-style Cypher runs on the Neo4j store (as is, in a READ transaction) and on the
embedded store (translated for a LadybugDB mirror of graph.json; see docs/cypher.md). Both
refuse writes before anything is sent, stop a query at `settings.query_time_limit_ms` and
return at most `settings.query_max_rows` rows (with `truncated` set when there were more).
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from rekg.graph.cypher.errors import (CypherError, CypherSyntaxError, QueryFailed, QueryTimeout,  # noqa: F401
                                      UnsupportedFeature, WriteRefused)
from rekg.graph.cypher.guard import check_read_only
from rekg.graph.settings import Settings

__all__ = ["CypherError", "CypherSyntaxError", "QueryFailed", "QueryTimeout", "UnsupportedFeature", "WriteRefused",
           "QueryResult", "check_read_only", "execute", "parse_param", "prepare", "run_query"]


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False
    elapsed_ms: float = 0.0
    engine: str = ""
    translated: str | None = field(default=None, repr=False)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]

    def as_json(self) -> dict:
        return {"columns": self.columns, "rows": self.records(), "truncated": self.truncated,
                "elapsed_ms": round(self.elapsed_ms, 3)}


def parse_param(text: str) -> tuple[str, Any]:
    """`name=value` from the command line: a JSON literal when it parses (numbers, lists, true), else a string."""
    if "=" not in text:
        raise CypherError(f"--param {text!r}: expected name=value")
    name, raw = text.split("=", 1)
    name = name.strip().lstrip("$")
    if not name:
        raise CypherError(f"--param {text!r}: the name is empty")
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    return name, value


def _one_statement(query: str) -> None:
    from rekg.graph.cypher.lexer import significant, tokenize

    toks = significant(tokenize(query))
    for i, t in enumerate(toks):
        if t.kind == "op" and t.text == ";" and i + 1 < len(toks):
            raise CypherSyntaxError("one statement at a time: remove the ';' and what follows it")


def prepare(store):
    """What a query runs on: the store's LadybugDB mirror (embedded, built or refreshed here) or the
    Neo4j store itself. Call it under the store's read lock; the query then needs no lock."""
    from rekg.graph.nx_store import NetworkXStore

    if isinstance(store, NetworkXStore):
        from rekg.graph.cypher.embedded import mirror_for_store

        return mirror_for_store(store)
    return store


def execute(target, query: str, params: dict | None = None, settings: Settings | None = None, *,
            time_limit_ms: int | None = None, max_rows: int | None = None) -> QueryResult:
    settings = settings or Settings()
    limit = int(time_limit_ms if time_limit_ms is not None else settings.query_time_limit_ms)
    cap = int(max_rows if max_rows is not None else settings.query_max_rows)
    if not isinstance(query, str) or not query.strip():
        raise CypherSyntaxError("the query is empty")
    params = dict(params or {})
    check_read_only(query)
    _one_statement(query)
    t0 = time.perf_counter()
    from rekg.graph.cypher.embedded import Mirror

    if isinstance(target, Mirror):
        return run_on_mirror(target, query, params, limit, cap, t0)
    from rekg.graph.neo4j_store import Neo4jStore

    if isinstance(target, Neo4jStore):
        from rekg.graph.cypher.remote import run_neo4j

        columns, rows, truncated = run_neo4j(target, query, params, limit, cap)
        return QueryResult(columns, rows, truncated, (time.perf_counter() - t0) * 1000, "neo4j")
    raise CypherError(f"Cypher is not available on a {type(target).__name__}")


def run_query(store, query: str, params: dict | None = None, settings: Settings | None = None, *,
              time_limit_ms: int | None = None, max_rows: int | None = None) -> QueryResult:
    """Run one read-only query on a store (refused before sending if it could write)."""
    check_read_only(query) if isinstance(query, str) and query.strip() else None
    return execute(prepare(store), query, params, settings, time_limit_ms=time_limit_ms, max_rows=max_rows)


def run_on_mirror(mirror, query: str, params: dict, time_limit_ms: int, max_rows: int, t0: float | None = None) -> QueryResult:
    from rekg.graph.cypher.embedded import node_labels
    from rekg.graph.cypher.values import from_ladybug

    t0 = time.perf_counter() if t0 is None else t0
    check_read_only(query)
    columns, raw, truncated, text = mirror.run(query, params, time_limit_ms, max_rows)
    rows = [[from_ladybug(v, mirror.node_id, node_labels) for v in row] for row in raw]
    return QueryResult(columns, rows, truncated, (time.perf_counter() - t0) * 1000, "ladybug", text)
