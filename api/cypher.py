"""POST /cypher: read-only analyst Cypher over the app's store (either kind).

Body `{"query": "MATCH ...", "params": {...}}`; answer
`{"columns": [...], "rows": [{column: value}, ...], "truncated": bool, "elapsed_ms": float}`.
Writes are refused (403) before anything runs; a query past REKG_QUERY_TIME_LIMIT_MS is stopped
(408); Cypher the embedded engine cannot run is 422 with the feature named; at most
REKG_QUERY_MAX_ROWS rows come back (`truncated` says when there were more). Errors have the
app's shape `{"error": {"code": ..., "message": ...}}`.

The store comes from `request.app.state.store`, or from the app's backend
(`request.app.state.rekg.read()`), held only while the query's target is prepared.
"""
from __future__ import annotations

from contextlib import contextmanager, nullcontext
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from rekg.graph.cypher import (CypherError, CypherSyntaxError, QueryFailed, QueryTimeout, UnsupportedFeature,
                               WriteRefused, execute, prepare)
from rekg.graph.settings import Settings
from rekg.graph.store import StoreError

router = APIRouter(tags=["cypher"])


class CypherRequest(BaseModel):
    query: str = Field(..., min_length=1, max_length=100_000, description="A read-only Cypher query (Neo4j dialect).",
                       examples=["MATCH (p:Person)-[r:LEADS]->(o:SOE) RETURN p.name, r.role, o.name"])
    params: dict[str, Any] = Field(default_factory=dict, description="Values for $name parameters.")
    as_of: date | None = Field(None, description="Query only what articles published by this date support.",
                               examples=["2024-06-30"])


class CypherResponse(BaseModel):
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    elapsed_ms: float


STATUS = [(WriteRefused, 403, "read_only"), (QueryTimeout, 408, "query_timeout"),
          (UnsupportedFeature, 422, "unsupported_feature"), (CypherSyntaxError, 400, "cypher_syntax"),
          (QueryFailed, 400, "query_failed"), (CypherError, 400, "query_failed")]


def _error(status: int, code: str, message: str, **extra) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": message, **extra}})


@contextmanager
def _store(request: Request):
    state = request.app.state
    store = getattr(state, "store", None)
    if store is not None:
        with nullcontext():
            yield store
        return
    backend = getattr(state, "rekg", None)
    if backend is None:
        raise StoreError("the app has no store")
    with backend.read() as st:
        yield st


def _settings(request: Request) -> Settings:
    s = getattr(request.app.state, "settings", None)
    if s is None and getattr(request.app.state, "rekg", None) is not None:
        s = request.app.state.rekg.settings
    return s or Settings()


@router.post("/cypher", response_model=CypherResponse, summary="Run a read-only Cypher query",
             responses={403: {"description": "the query would write"}, 408: {"description": "it hit the time limit"},
                        422: {"description": "the embedded engine cannot run this Cypher"}})
async def cypher(body: CypherRequest, request: Request):
    settings = _settings(request)

    def work():
        with _store(request) as store:
            target = prepare(store.as_of(body.as_of.isoformat()) if body.as_of else store)
        return execute(target, body.query, body.params, settings)

    try:
        result = await run_in_threadpool(work)
    except StoreError as exc:
        return _error(503, "store_unavailable", str(exc))
    except CypherError as exc:
        for cls, status, code in STATUS:
            if isinstance(exc, cls):
                extra = {"feature": exc.feature} if isinstance(exc, UnsupportedFeature) else {}
                return _error(status, code, str(exc), **extra)
        raise
    return result.as_json()
