"""What can go wrong with an analyst's query; each message is meant to be shown as it is."""
from __future__ import annotations


class CypherError(Exception):
    """Base class: the query could not be answered (the message says why)."""


class CypherSyntaxError(CypherError):
    """The text is not Cypher we can read."""


class WriteRefused(CypherError):
    """The query would change the graph; analyst Cypher is read-only."""


class QueryTimeout(CypherError):
    """The query ran past the time limit and was stopped."""


class UnsupportedFeature(CypherError):
    """The embedded engine cannot run this (valid Neo4j) Cypher; the Neo4j store can."""

    def __init__(self, feature: str, detail: str = ""):
        self.feature = feature
        msg = (f"the embedded engine (LadybugDB) does not support {feature}"
               + (f" ({detail})" if detail else "")
               + "; the Neo4j store runs it: add --store neo4j (or REKG_STORE=neo4j)")
        super().__init__(msg)


class QueryFailed(CypherError):
    """The engine rejected or failed the query (bad property, type error, ...)."""
