"""Analyst Cypher on the Neo4j store: a READ transaction with a server-side timeout and a row cap."""
from __future__ import annotations

import neo4j
from neo4j.exceptions import ClientError, DriverError, Neo4jError

from rekg.graph.cypher.errors import CypherSyntaxError, QueryFailed, QueryTimeout, WriteRefused
from rekg.graph.cypher.values import from_neo4j, neo4j_endpoint_ids

TIMEOUT_CODES = ("Neo.ClientError.Transaction.TransactionTimedOut",
                 "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
                 "Neo.TransientError.Transaction.LockClientStopped",
                 "Neo.ClientError.Transaction.TransactionMarkedAsFailed")


def run_neo4j(store, query: str, params: dict, time_limit_ms: int, max_rows: int) -> tuple[list[str], list[list], bool]:
    seconds = max(time_limit_ms, 1) / 1000

    @neo4j.unit_of_work(timeout=seconds)
    def work(tx):
        result = tx.run(query, params or {})
        keys = list(result.keys())
        records, truncated = [], False
        for rec in result:
            if len(records) >= max_rows:
                truncated = True
                break
            records.append(list(rec.values()))
        result.consume()
        need = neo4j_endpoint_ids([v for row in records for v in row])
        ids = {}
        if need:
            for rec in tx.run("MATCH (n) WHERE elementId(n) IN $ids RETURN elementId(n) AS e, n.id AS id", ids=sorted(need)):
                ids[rec["e"]] = rec["id"]
        return keys, records, truncated, ids

    try:
        store._ready()
        with store._driver.session(database=store.database, default_access_mode=neo4j.READ_ACCESS) as session:
            keys, records, truncated, ids = session.execute_read(work)
    except ClientError as exc:
        code = exc.code or ""
        msg = " ".join((exc.message or str(exc)).split())
        if code in TIMEOUT_CODES or "timeout" in msg.lower() or "timed out" in msg.lower():
            raise QueryTimeout(f"the query hit the time limit of {time_limit_ms} ms and was stopped "
                               "(raise it with REKG_QUERY_TIME_LIMIT_MS, or narrow the MATCH)") from None
        if code.startswith("Neo.ClientError.Statement.SyntaxError"):
            raise CypherSyntaxError(f"Neo4j: {msg}") from None
        if "AccessMode" in code or "write" in msg.lower() and "read" in msg.lower():
            raise WriteRefused(f"Neo4j refused a write in a read transaction: {msg}") from None
        raise QueryFailed(f"Neo4j: {msg}") from None
    except (Neo4jError, DriverError) as exc:
        raise store._explain(exc) from None
    rows = [[from_neo4j(v, ids) for v in row] for row in records]
    return keys, rows, truncated
