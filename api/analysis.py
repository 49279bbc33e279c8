"""`GET /analysis/...`: centrality, communities, brokers and the timeline, with an optional as-of date."""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool

from rekg.graph import analysis
from rekg.graph.model import ORG_KINDS, PRIMARY_LABELS

router = APIRouter(prefix="/analysis", tags=["analysis"])
Kind = Literal["centrality", "communities", "brokers", "timeline"]
LABELS = PRIMARY_LABELS + ORG_KINDS


def _compute(request: Request, what: str, label: str | None, top: int, as_of: str | None) -> list[dict[str, Any]]:
    with request.app.state.rekg.read() as store:
        doc = (store.as_of(as_of) if as_of else store).export()
    if what == "centrality":
        return analysis.centrality(doc, label, top)
    if what == "communities":
        return analysis.communities(doc)[:top]
    if what == "brokers":
        return analysis.brokers(doc, top)
    return analysis.timeline(doc)


@router.get("/{what}", summary="Structural questions over the graph",
            description="`centrality` (degree and betweenness, optionally for one label), `communities` (Louvain, "
                        "each named after its most connected member), `brokers` (cut points, academia-SOE bridges, "
                        "high reach through few ties) or `timeline` (events by month with participants). `as_of` "
                        "limits the graph to what articles published by that date support.")
async def get_analysis(request: Request, what: Kind,
                       label: str | None = Query(None, description="Only nodes with this label (centrality).",
                                                 json_schema_extra={"enum": list(LABELS)}),
                       top: int = Query(20, ge=1, le=500),
                       as_of: str | None = Query(None, json_schema_extra={"format": "date"}, description="YYYY-MM-DD")) -> list[dict[str, Any]]:
    if label is not None and label not in LABELS:
        raise HTTPException(422, f"unknown label {label!r}")
    if as_of is not None:
        try:
            as_of = dt.date.fromisoformat(as_of).isoformat()
        except ValueError:
            raise HTTPException(422, f"as_of {as_of!r} is not a date") from None
    return await run_in_threadpool(_compute, request, what, label, top, as_of)
