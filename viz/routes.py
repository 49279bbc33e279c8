"""The views over HTTP: a landing page with search, and one page per view.

The app (api/app.py) includes `router` and provides the store, as `app.state.rekg.read()`
(its backend, which serialises calls on the embedded store) or as `app.state.store`; nothing
here opens one. Handlers are plain functions, so FastAPI runs the blocking store calls and
the layout in its thread pool; the layout runs after the store is released. Pages load vis-network from /views/assets/ (cached by the browser) instead
of inlining it, so clicking through views does not resend half a megabyte each time.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, ContextManager, Iterator
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from rekg.graph.store import GraphStore
from rekg.viz import page, render, views

router = APIRouter(tags=["views"])


@contextmanager
def _reading(request: Request) -> Iterator[GraphStore]:
    backend = getattr(request.app.state, "rekg", None)
    if backend is not None and hasattr(backend, "read"):
        with backend.read() as store:  # api/app.py's backend: serialises calls on the embedded store
            yield store
        return
    store = getattr(request.app.state, "store", None)
    if store is None:
        raise HTTPException(503, "no store configured")
    yield store


def get_store(request: Request) -> Callable[[], ContextManager[GraphStore]]:
    """The store, opened per use: `with store() as st:` inside the handler's own thread.

    Reads `app.state.rekg.read()` when the app provides it (it takes the app's lock), else
    `app.state.store`."""
    return lambda: _reading(request)


def _page(request: Request, view: views.View) -> HTMLResponse:
    prefix = str(request.url_for("entity_view", entity_id="x"))[:-1]
    color = "community" if request.query_params.get("color") == "community" else "label"  # ?color=community
    data = render.page_data(view, entity_link=_path(prefix), color=color)
    html = page.view_html(data, vis_src=_path(str(request.url_for("vis_asset"))), home=_path(str(request.url_for("landing"))))
    return HTMLResponse(html, headers=_NO_SNIFF)


def _path(url: str) -> str:
    """Links without scheme and host, so they survive a reverse proxy."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _not_found(request: Request, store: GraphStore, message: str) -> HTMLResponse:
    return HTMLResponse(_landing(request, store, "", message), status_code=404, headers=_NO_SNIFF)


_NO_SNIFF = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def _landing(request: Request, store: GraphStore, q: str, error: str | None = None) -> str:
    hits = [(e, _kind(e)) for e, _ in store.search(q, limit=20)] if q.strip() else []
    counts = store.stats()
    return page.landing_html(
        q=q, hits=hits, error=error, n_entities=counts["entities"], n_relations=counts["relations"],
        home=_path(str(request.url_for("landing"))),
        entity_link=_path(str(request.url_for("entity_view", entity_id="x"))[:-1]),
        search_link=_path(str(request.url_for("view_search"))),
        overview_link=_path(str(request.url_for("overview_view"))),
        paths_link=_path(str(request.url_for("paths_view"))),
    )


def _kind(e) -> str:
    return " · ".join(e.labels)


@router.get("/", response_class=HTMLResponse, name="landing")
def landing(request: Request, q: str = Query("", max_length=200), store=Depends(get_store)):
    """Search box; with ?q= the matches are listed as links to their views (works without JS)."""
    with store() as st:
        return HTMLResponse(_landing(request, st, q), headers=_NO_SNIFF)


@router.get("/views/search", name="view_search")
def view_search(q: str = Query("", max_length=200), limit: int = Query(10, ge=1, le=50), store=Depends(get_store)):
    """Suggestions for the landing page's search box (the views' own, so they need no other API)."""
    with store() as st:
        hits = st.search(q, limit=limit) if q.strip() else []
    return JSONResponse({"results": [{"id": e.id, "name": e.name, "kind": _kind(e), "score": round(s, 1)} for e, s in hits]})


@router.get("/views/entity/{entity_id:path}", response_class=HTMLResponse, name="entity_view")
def entity_view(request: Request, entity_id: str, depth: int = Query(1, ge=1, le=3), store=Depends(get_store)):
    with store() as st:
        try:
            view = views.entity_view(st, entity_id, depth)
        except views.NotFound as exc:
            return _not_found(request, st, str(exc))
    return _page(request, view)


@router.get("/views/paths", response_class=HTMLResponse, name="paths_view")
def paths_view(request: Request, source: str = Query(..., min_length=1), target: str = Query(..., min_length=1),
               max_depth: int = Query(4, ge=1, le=6), store=Depends(get_store)):
    with store() as st:
        try:
            view = views.paths_view(st, source, target, max_depth=max_depth)
        except views.NotFound as exc:
            return _not_found(request, st, str(exc))
    return _page(request, view)


@router.get("/views/article/{article_id:path}", response_class=HTMLResponse, name="article_view")
def article_view(request: Request, article_id: str, store=Depends(get_store)):
    with store() as st:
        try:
            view = views.article_view(st, article_id)
        except views.NotFound as exc:
            return _not_found(request, st, str(exc))
    return _page(request, view)


@router.get("/views/overview", response_class=HTMLResponse, name="overview_view")
def overview_view(request: Request, limit: int = Query(views.MAX_NODES, ge=1, le=views.MAX_NODES),
                  store=Depends(get_store)):
    with store() as st:
        view = views.overview(st, max_nodes=limit)
    return _page(request, view)


@router.get(f"/views/assets/vis-network-{page.VIS_VERSION}.min.js", name="vis_asset")
def vis_asset():
    """vis-network from the pyvis package, served by rekg itself; versioned URL, so cached for good."""
    return Response(page.vis_js(), media_type="text/javascript; charset=utf-8",
                    headers={"Cache-Control": "public, max-age=31536000, immutable", **_NO_SNIFF})
