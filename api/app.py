"""The HTTP API: look up any entity's connections, with the evidence; add articles.

`create_app(settings)` builds one FastAPI app over one store (settings.store: the embedded
NetworkX store under REKG_HOME, or Neo4j). `rekg serve` runs it under uvicorn; the OpenAPI page
is at /docs.

Errors always have the shape `{"error": {"code": ..., "message": ..., ...}}` (api/schemas.py
`ErrorResponse`): 404 for unknown ids (with the closest matches), 422 for bad parameters, 413 for
oversize bodies, 401/403 for writes without a valid key, 503 when the store cannot be reached.
No stack trace is ever sent.

Concurrency: most endpoints are plain functions that FastAPI runs in its thread pool; the hot reads
(search, one entity, neighbours) run on the event loop when the store is embedded (`run_read`), and on
at most REKG_STORE_READERS threads otherwise (`Backend.readers`). The
embedded store is an in-memory object that reloads itself when another process writes its file, so
the app serialises every call on it (one lock: its reads are pure Python under the GIL anyway, so
nothing is lost) and checks the file once per request (`GraphStore.pinned`). Other stores are read concurrently; writes go one at a time through a lock in the app,
and the stores serialise writers across processes themselves (file lock / lock node).
"""
from __future__ import annotations

import asyncio
import calendar
import hashlib
import hmac
import html
import logging
import re
import threading
from contextlib import asynccontextmanager, contextmanager, nullcontext
from datetime import date
from typing import Any, Callable, Iterable, Iterator

import anyio
from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request, Response, Security
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from rekg.api.analysis import router as analysis_router
from rekg.api.cypher import router as cypher_router
from rekg.viz.routes import router as viz_router
from rekg.api import schemas as S
from rekg.graph.model import ORG_KINDS, PRIMARY_LABELS, REL_TYPES, Entity, Relation
from rekg.graph.gc_pause import gc_frozen, gc_paused
from rekg.graph.settings import Settings
from rekg.graph.store import GraphStore, StoreError, Subgraph, hop_distances, open_store

log = logging.getLogger("rekg.api")

LABELS = PRIMARY_LABELS + ORG_KINDS
EMBEDDED = ("networkx", "nx", "embedded")


# --- errors ---------------------------------------------------------------------------------


class ApiError(Exception):
    """An error answer: status, a machine code, a sentence, and extra fields for the body."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None, **extra: Any):
        super().__init__(message)
        self.status, self.code, self.message, self.headers, self.extra = status, code, message, headers, extra


class BodyTooLarge(StarletteHTTPException):
    def __init__(self, limit: int):
        super().__init__(413, f"request body is larger than the limit of {limit} bytes (REKG_MAX_BODY_BYTES)")
        self.limit = limit


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    body = {"code": code, "message": message, **{k: v for k, v in extra.items() if v is not None}}
    return JSONResponse({"error": body}, status_code=status, headers=headers)


HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 406: "not_acceptable", 413: "payload_too_large",
              415: "unsupported_media_type", 422: "validation_error"}


def _store_down(message: str) -> JSONResponse:
    return error_response(503, "store_unavailable", f"the graph store is unavailable: {message}", headers={"Retry-After": "5"})


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.headers, **exc.extra)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        if isinstance(exc, BodyTooLarge):
            return error_response(413, "payload_too_large", exc.detail, limit_bytes=exc.limit)
        message = exc.detail if isinstance(exc.detail, str) else HTTP_CODES.get(exc.status_code, "error")
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 400 and message == "There was an error parsing the body":
            message = "the body cannot be read as JSON text (it must be UTF-8)"
        if exc.status_code == 404 and message == "Not Found":
            message = "no such endpoint; the API is described at /docs"
        if exc.status_code == 405:  # Starlette names only the first route's methods; a path may have several routes
            allowed = [m for m in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
                       if any(r.matches({**request.scope, "method": m})[0] == Match.FULL for r in request.app.router.routes)]
            headers["Allow"] = ", ".join(allowed)
            message = f"{request.method} is not allowed here; use {', '.join(allowed)}"
        return error_response(exc.status_code, HTTP_CODES.get(exc.status_code, "http_error"), message, headers=headers or None)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError):
        details = []
        for e in exc.errors():
            loc = ".".join(str(p) for p in e.get("loc", ()))
            details.append({"location": loc, "message": str(e.get("msg", "invalid"))})
        first = details[0] if details else {"location": "request", "message": "invalid"}
        return error_response(422, "validation_error", f"{first['location']}: {first['message']}", details=details)

    @app.exception_handler(StoreError)
    async def _store_error(_request: Request, exc: StoreError):
        log.warning("store error: %s", exc)
        return _store_down(str(exc))

    try:  # a driver error that escaped the store's own translation is still "store down", not a 500
        from neo4j.exceptions import DriverError, Neo4jError

        @app.exception_handler(DriverError)
        async def _driver_error(_request: Request, exc: Exception):
            log.warning("neo4j driver error: %s", exc)
            return _store_down(f"Neo4j driver: {type(exc).__name__}")

        @app.exception_handler(Neo4jError)
        async def _neo4j_error(_request: Request, exc: Exception):
            log.warning("neo4j error: %s", exc)
            return _store_down(f"Neo4j: {getattr(exc, 'code', None) or type(exc).__name__}")
    except ImportError:  # pragma: no cover - neo4j is a dependency, but the embedded store needs none
        pass

    @app.exception_handler(OSError)
    async def _os_error(_request: Request, exc: OSError):  # the embedded store's disk: permissions, full disk
        log.warning("store I/O error: %s", exc)
        return _store_down(f"{type(exc).__name__}: {exc.strerror or exc}")

    @app.exception_handler(Exception)
    async def _crash(_request: Request, exc: Exception):
        log.exception("unhandled error")
        return error_response(500, "internal_error", "internal server error; the server log has the details")


class BodyLimit:
    """ASGI middleware: refuse bodies over `limit` bytes with 413, by Content-Length and by bytes read.

    A declared length over the limit is refused before the app runs; a body that turns out longer
    (chunked, or lying about its length) fails the read that crosses the limit, so nothing past
    `limit` bytes is ever buffered.
    """

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = next((v for k, v in scope.get("headers", []) if k == b"content-length"), None)
        if declared is not None:
            try:
                n = int(declared)
                if n < 0:
                    raise ValueError
            except ValueError:
                await error_response(400, "bad_request", "invalid Content-Length header")(scope, receive, send)
                return
            if n > self.limit:
                await error_response(413, "payload_too_large",
                                     f"request body of {n} bytes is larger than the limit of {self.limit} bytes "
                                     "(REKG_MAX_BODY_BYTES)", limit_bytes=self.limit)(scope, receive, send)
                return
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        await self.app(scope, limited, send)


# --- the store, per app ---------------------------------------------------------------------


def _hold_still(store: GraphStore) -> bool:
    """Keep an embedded reader from reloading while our own writer replaces the file: it would load the
    whole graph again (seconds, holding every read up) just before the swap hands it the new one anyway.
    Relies on NetworkXStore checking the file in `_refresh()`; without that method this does nothing."""
    if callable(getattr(type(store), "_refresh", None)):
        store._refresh = lambda: None  # an instance attribute shadows the method until _follow_file
        return True
    return False


def _follow_file(store: GraphStore, held: bool) -> None:
    if held:
        store.__dict__.pop("_refresh", None)


class Batcher:
    """Concurrent requests' lookups of one kind sent to the store together, on a reader thread.

    The Neo4j driver spends ~0.4 ms of CPU under the GIL on each query and record whatever its size, most
    of a lookup's cost, so one query answering a batch of lookups (`fetch(store, keys)`: an answer per
    key) serves many requests for the price of one. A lookup joins the next batch to start, never one
    under way, so it sees every write committed before it was asked. At most LANES batches run at once:
    while one waits on the server, the next one gathers. Each request's `finish(store, answer)` (building
    its response) runs on the same thread right after the fetch, so a batch costs one thread hop.
    """

    LANES = 2
    MAX = 64

    def __init__(self, rekg: "Backend", fetch: Callable[[GraphStore, list], list]):
        self.rekg, self.fetch = rekg, fetch
        self.waiting: list[tuple[Any, Callable[[GraphStore, Any], Any], asyncio.Future]] = []
        self.lanes: set[asyncio.Task] = set()

    async def __call__(self, key: Any, finish: Callable[[GraphStore, Any], Any]) -> Any:
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        self.waiting.append((key, finish, done))
        if len(self.lanes) < self.LANES:
            lane = loop.create_task(self._lane())
            self.lanes.add(lane)
            lane.add_done_callback(self.lanes.discard)
        return await done

    async def _lane(self) -> None:
        while self.waiting:
            batch, self.waiting = self.waiting[:self.MAX], self.waiting[self.MAX:]
            try:
                outcomes = await anyio.to_thread.run_sync(self._run, [(key, finish) for key, finish, _ in batch],
                                                          limiter=self.rekg.readers())
                for (_, _, done), (value, exc) in zip(batch, outcomes):
                    if done.done():  # the client went away
                        continue
                    if exc is None:
                        done.set_result(value)
                    else:
                        done.set_exception(exc)
            finally:  # cancelled (shutdown): nobody waits for ever
                for _, _, done in batch:
                    done.cancel()

    def _run(self, batch: list[tuple[Any, Callable]]) -> list[tuple[Any, Exception | None]]:
        try:
            with self.rekg.read() as store:
                answers = self.fetch(store, [key for key, _ in batch])
                outcomes = []
                for (_, finish), answer in zip(batch, answers):
                    try:
                        outcomes.append((finish(store, answer), None))
                    except Exception as exc:  # this request's own error (a 404): the others still answer
                        outcomes.append((None, exc))
                return outcomes
        except Exception as exc:  # the store failed: every request of the batch gets the error
            return [(None, exc)] * len(batch)


class Backend:
    """One app's store and the locks around it.

    Other stores: one instance, reads concurrent, writes one at a time.

    The embedded store holds the graph in this process and is not safe for concurrent use, so reads
    take turns on a *reader* instance while writes go to a separate *writer* instance (opened on the
    first write). After a write the two swap: the writer, which now holds the new graph, serves reads,
    and the old reader becomes the next writer, catching up from the file (its `_follow`) when that
    write starts. So a write, which re-derives the whole graph, never holds reads up; the price is a
    second copy of the graph in memory once something has been written. While a write is under way
    the reader keeps serving the graph it has (it does not follow the file: see _hold_still).
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        self.embedded = settings.store in EMBEDDED
        self._store: GraphStore | None = None  # the reader, for the embedded store
        self._writer: GraphStore | None = None
        self._open_lock = threading.Lock()
        self._read_lock = threading.RLock() if self.embedded else nullcontext()
        self._write_lock = threading.Lock()
        self._extract_lock = threading.Lock()
        self._extractor = None
        self._index: dict = {}
        self._index_doc = None
        self._readers: anyio.CapacityLimiter | None = None
        self.batches: dict[str, Batcher] = {} if self.embedded else {
            "neighbors": Batcher(self, lambda store, keys: store.neighbors_cited(keys)),
            "search": Batcher(self, lambda store, keys: store.search_pages(keys))}

    def _open(self) -> GraphStore:
        # what is loaded so far (the embedded graph, or over Neo4j the ~250k objects of a started server) would
        # otherwise be walked by every full collection: 50-120 ms every second or two under load, the latency tail
        with gc_frozen():
            return open_store(self.settings)

    def store(self) -> GraphStore:
        if self._store is None:
            with self._open_lock:
                if self._store is None:
                    self._store = self._open()
        return self._store

    @contextmanager
    def read(self) -> Iterator[GraphStore]:
        with self._read_lock:
            store = self.store()
            with store.pinned():
                yield store

    @contextmanager
    def write(self) -> Iterator[GraphStore]:
        with self._write_lock:
            if not self.embedded:
                yield self.store()
                return
            reader = self.store()
            writer = self._writer or self._open()
            self._writer = None  # on failure the writer is dropped: the next write opens a fresh one
            held = _hold_still(reader)
            try:
                with gc_paused():
                    yield writer
                with self._read_lock:
                    self._writer, self._store = reader, writer
            finally:
                _follow_file(reader, held)

    def article_index(self, store: GraphStore) -> dict | None:
        """Article metadata by id from the resolved graph, for the embedded store (where `export()` is the
        in-memory document and `get_extraction` would parse every stored extraction); None for other stores.
        Call it under `read()`."""
        if self.settings.store not in EMBEDDED:
            return None
        doc = store.export()
        if self._index_doc is not doc:
            self._index, self._index_doc = {a.id: a for a in doc.articles}, doc
        return self._index

    def extract(self, article):
        with self._extract_lock:  # the rule pipeline is CPU-bound; one at a time costs nothing under the GIL
            if self._extractor is None:
                from rekg.loaders.extract.pipeline import Extractor

                self._extractor = Extractor()
            return self._extractor(article)

    @property
    def inline(self) -> bool:
        """Whether reads run on the event loop (see `run_read`)."""
        return self.embedded

    def readers(self) -> anyio.CapacityLimiter:
        """Threads reading the store at once when reads do not run inline (REKG_STORE_READERS): the
        Neo4j driver spends CPU under the GIL, and with anyio's default 40 threads a 2-core machine
        served 16 clients' neighbours lookups ~1.4x slower than with a few. Made on first use, in the loop."""
        if self._readers is None:
            self._readers = anyio.CapacityLimiter(self.settings.store_readers)
        return self._readers

    def close(self) -> None:
        with self._open_lock:
            stores, self._store, self._writer = (self._store, self._writer), None, None
        for store in stores:
            if store is not None:
                store.close()


async def backend(request: Request) -> Backend:  # async: a sync dependency costs a thread-pool hop per request
    return request.app.state.rekg


class AsOf:
    """A backend whose reads see only what the articles published by a date support."""

    _cache: dict[tuple[str, int], GraphStore] = {}
    inline = False  # the first read of a date builds its snapshot: seconds on a large graph, so never on the loop
    batches: dict[str, Batcher] = {}  # a snapshot is read on its own

    def __init__(self, base: Backend, date: str):
        self.base, self.date = base, date

    def __getattr__(self, name):
        return getattr(self.base, name)

    @contextmanager
    def read(self) -> Iterator[GraphStore]:
        with self.base.read() as store:
            key = (self.date, id(store.export()))
            snap = self._cache.get(key)
            if snap is None:
                if len(self._cache) > 8:
                    self._cache.clear()
                snap = self._cache[key] = store.as_of(self.date)
            yield snap


AsOfDate = Query(None, json_schema_extra={"format": "date"}, description="Only what articles published by this date "
                 "support (YYYY-MM-DD); articles without a publication date are left out.", examples=["2024-06-30"])


def reading(request: Request, as_of: str | None) -> Backend | AsOf:
    """What a read route reads: the store, or its view as of a date. Each read route declares `as_of`
    itself and calls this, rather than depending on it: FastAPI's solving of a nested dependency costs a few
    percent of the CPU of a whole neighbours answer on the embedded store (BENCHMARKS.md)."""
    base = request.app.state.rekg
    if as_of is None:
        return base
    try:
        return AsOf(base, date.fromisoformat(as_of).isoformat())
    except ValueError:
        message = f"as_of {as_of!r} is not a date"
        raise ApiError(422, "validation_error", message, details=[{"location": "query.as_of", "message": message}]) from None


async def run_read(rekg: Backend | AsOf, work: Callable[[], BaseModel]) -> Response:
    """Run a read endpoint's work and answer with its model as JSON.

    Embedded reads are pure Python taking microseconds, serialised by the GIL anyway, so they run on the
    event loop: a thread-pool hop costs more than the read. Other stores wait on the network, so their
    reads go to a few threads (`Backend.readers`). The model is serialised here (it was built from validated data, so
    FastAPI's second validation against the response_model, which still documents the route, is skipped)."""
    model = work() if rekg.inline else await anyio.to_thread.run_sync(work, limiter=rekg.readers())
    return Response(model.model_dump_json(), media_type="application/json")


async def run_batched(batcher: Batcher, key: Any, finish: Callable[[GraphStore, Any], BaseModel]) -> Response:
    """Answer a read from its share of a batched lookup (`Batcher`): `finish` builds the model from it."""
    body = await batcher(key, lambda store, answer: finish(store, answer).model_dump_json())
    return Response(body, media_type="application/json")


# --- conversions ----------------------------------------------------------------------------


def ref(e: Entity) -> S.EntityRef:
    return S.EntityRef(id=e.id, name=e.name, labels=list(e.labels))


def node(e: Entity, distance: int | None = None) -> S.NodeOut:
    return S.NodeOut(id=e.id, name=e.name, labels=list(e.labels), aliases=list(e.aliases),
                     properties=dict(e.properties), distance=distance)


class Titles:
    """Article metadata (for evidence titles, mention lists), fetched once per article per request.

    `articles` are the ids the response will cite: a store without an in-memory index (Neo4j) fetches
    them in one round trip instead of one per article."""

    def __init__(self, store: GraphStore, rekg: Backend, articles: Iterable[str] = (), index: dict | None = None):
        self.store, self.cache = store, {}
        self.index = index if index is not None else rekg.article_index(store)
        if self.index is None:
            self.index = store.articles_meta(articles)

    def meta(self, article_id: str) -> S.ArticleRef:
        if article_id not in self.cache:
            a = self.index.get(article_id)
            if a is None:
                ex = self.store.get_extraction(article_id)
                a = ex.article if ex else None
            self.cache[article_id] = S.ArticleRef(id=article_id, title=a.title if a else None, source=a.source if a else None,
                                                  url=a.url if a else None, published=a.published if a else None)
        return self.cache[article_id]


def cited(relations: Iterable[Relation], max_evidence: int | None) -> set[str]:
    """The articles whose evidence `relation_out` will show for these relations."""
    return {ev.article for r in relations for ev in (r.evidence if max_evidence is None else r.evidence[:max_evidence])}


def relation_out(r: Relation, titles: Titles, direction: str | None, max_evidence: int | None = None) -> S.RelationOut:
    evidence = r.evidence if max_evidence is None else r.evidence[:max_evidence]
    return S.RelationOut(
        type=r.type, source=r.source, target=r.target, direction=direction, properties=dict(r.properties),
        confidence=r.confidence, evidence_count=len(r.evidence),
        evidence=[S.EvidenceOut(article=ev.article, article_title=titles.meta(ev.article).title,
                                sentence=ev.sentence, start=ev.start, end=ev.end) for ev in evidence])


def suggestions(store: GraphStore, text: str, limit: int = 5) -> list[dict]:
    query = re.sub(r"[-_]+", " ", text).strip()
    if not query:
        return []
    return [{"id": e.id, "name": e.name, "labels": list(e.labels), "score": round(score, 1)}
            for e, score in store.search(query, limit=limit)]


def entity_or_404(store: GraphStore, entity_id: str, what: str = "entity") -> Entity:
    ent = store.get_entity(entity_id)
    if ent is None:
        raise ApiError(404, "entity_not_found", f"no {what} with id {entity_id!r}", id=entity_id,
                       suggestions=suggestions(store, entity_id))
    return ent


def names_pattern(allowed: tuple[str, ...]) -> str:
    one = "(" + "|".join(allowed) + ")"
    return f"^ *{one}( *, *{one})* *$"


REL_PATTERN, LABEL_PATTERN = names_pattern(REL_TYPES), names_pattern(LABELS)


def canonical(values: list[str] | None, allowed: tuple[str, ...], param: str, what: str) -> list[str] | None:
    """`rel=LEADS&rel=MEMBER_OF` or `rel=LEADS,MEMBER_OF` (names exactly as in Cypher); anything else is a 422."""
    if values is None:
        return None
    out: list[str] = []
    for raw in values:
        for part in raw.split(","):
            name = part.strip(" ")
            if name in allowed:
                if name not in out:
                    out.append(name)
                continue
            close = next((a for a in allowed if a.lower() == name.lower()), None)
            message = (f"empty {what} in {param} {raw!r}" if not name else f"unknown {what} {name!r} in {param}"
                       + (f" (names are case-sensitive: {close})" if close else "")) + f"; use one of {', '.join(allowed)}"
            raise ApiError(422, "validation_error", message, allowed=list(allowed),
                           details=[{"location": f"query.{param}", "message": message}])
    return out


# --- dates for the timeline -----------------------------------------------------------------

FULL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")
YEARLESS = re.compile(r"--([0-9]{1,2})-([0-9]{1,2})")
YEAR_PREFIX = re.compile(r"^(\d{4})")


def span(year: int, month: int | None, day: int | None, clamp: bool = False) -> tuple[date, date] | None:
    """The days a (possibly partial) date covers; None when it is no calendar date.

    With `clamp`, year 0 reads as 1 and a day past the end of its month as the month's last day."""
    if clamp:
        year = max(year, 1)
        if month is not None and day is not None and 1 <= month <= 12:
            day = min(day, calendar.monthrange(year, month)[1])
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if month == 2 and day == 29 and not calendar.isleap(year):
            day = 28  # a yearless Feb 29 placed in a common year
        d = date(year, month, day)
        return d, d
    except ValueError:
        return None


BOUND_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"


def parse_bound(value: str, param: str) -> tuple[date, date]:
    """A `since`/`until` bound: the days it covers (a year or month is all of its days)."""
    m = re.fullmatch(BOUND_PATTERN, value)
    if not m:
        message = f"{param} must be a date: YYYY, YYYY-MM or YYYY-MM-DD (got {value!r})"
        raise ApiError(422, "validation_error", message, details=[{"location": f"query.{param}", "message": message}])
    month, day = value[5:7], value[8:10]
    return span(int(value[:4]), int(month) if month else None, int(day) if day else None, clamp=True)


def event_span(value: Any, year_hint: int | None) -> tuple[tuple[date, date] | None, bool, tuple[int, int] | None]:
    """(days covered, year was inferred, (month, day) of a yearless date that could not be placed)."""
    if not isinstance(value, str):
        return None, False, None
    value = value.strip()
    m = FULL_DATE.fullmatch(value)
    if m:
        return span(int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None), False, None
    m = YEARLESS.fullmatch(value)
    if m:
        month, day = int(m.group(1)), int(m.group(2))
        if year_hint is not None:
            s = span(year_hint, month, day)
            if s:
                return s, True, None
        if span(2000, month, day):  # a real month-day (2000 is a leap year)
            return None, False, (month, day)
    return None, False, None


# --- the routes -----------------------------------------------------------------------------


def _err(description: str) -> dict:
    return {"model": S.ErrorResponse, "description": description}


R404 = {404: _err("Unknown id; the body names it and lists the closest matches.")}
R422 = {422: _err("Invalid parameter; `details` lists each one.")}
R503 = {503: _err("The graph store cannot be reached (Neo4j down, unreadable store file).")}

router = APIRouter()


@router.get("/entities", response_model=S.EntityPage, tags=["entities"], summary="Search or list entities",
            responses={**R422, **R503})
async def list_entities(
    request: Request,
    as_of: str | None = AsOfDate,
    q: str | None = Query(None, max_length=200, description="Search text: fuzzy and ranked over names and aliases "
                          "(exact and prefix matches first). Without it, entities are listed by id.",
                          examples=["Northern Rare Earth"]),
    label: str = Query(None, description=f"Only entities with this label: {', '.join(LABELS)}.",
                       examples=["Organization"], json_schema_extra={"enum": list(LABELS)}),
    limit: int = Query(20, ge=1, le=200, description="Page size, 1..200."),
    offset: int = Query(0, ge=0, description="Items to skip."),
):
    """Find entities by name or alias, or page through all of them (optionally of one label)."""
    rekg = reading(request, as_of)
    if label is not None and label not in LABELS:
        close = next((a for a in LABELS if a.lower() == label.strip().lower()), None)
        message = (f"unknown label {label!r}" + (f" (labels are case-sensitive: {close})" if close else "")
                   + f"; use one of {', '.join(LABELS)}")
        raise ApiError(422, "validation_error", message, allowed=list(LABELS),
                       details=[{"location": "query.label", "message": message}])
    lab = label
    query = q.strip() if q and q.strip() else None

    def found(hits: list[tuple[Entity, float]], total: int) -> S.EntityPage:
        items = [S.EntitySummary(id=e.id, name=e.name, labels=list(e.labels), aliases=list(e.aliases),
                                 score=round(s, 1)) for e, s in hits]
        return S.EntityPage(items=items, total=total, limit=limit, offset=offset, q=query, label=lab)

    def work() -> S.EntityPage:
        with rekg.read() as store:
            if query:
                return found(*store.search_page(query, label=lab, limit=limit, offset=offset))
            ents = sorted((e for e in store.all_entities() if lab is None or lab in e.labels), key=lambda e: e.id)
        items = [S.EntitySummary(id=e.id, name=e.name, labels=list(e.labels), aliases=list(e.aliases))
                 for e in ents[offset: offset + limit]]
        return S.EntityPage(items=items, total=len(ents), limit=limit, offset=offset, q=query, label=lab)

    batcher = rekg.batches.get("search") if query else None
    if batcher:
        return await run_batched(batcher, (query, lab, limit, offset), lambda _store, page: found(*page))
    return await run_read(rekg, work)


EntityId = Path(description="Entity id (a slug such as `china-northern-rare-earth`).", examples=["china-northern-rare-earth"])


@router.get("/entities/{entity_id}", response_model=S.EntityDetail, tags=["entities"], summary="One entity",
            responses={**R404, **R422, **R503})
async def get_entity(request: Request, entity_id: str = EntityId, as_of: str | None = AsOfDate):
    """The entity with its labels, aliases, properties and the articles that mention it."""
    rekg = reading(request, as_of)
    def work() -> S.EntityDetail:
        with rekg.read() as store:
            ent = entity_or_404(store, entity_id)
            titles = Titles(store, rekg, ent.articles)
            articles = [titles.meta(a) for a in ent.articles]
        return S.EntityDetail(id=ent.id, name=ent.name, labels=list(ent.labels), aliases=list(ent.aliases),
                              properties=dict(ent.properties), articles=articles)

    return await run_read(rekg, work)


@router.get("/entities/{entity_id}/neighbors", response_model=S.NeighborsResponse, tags=["entities"],
            summary="An entity's connections, with the evidence", responses={**R404, **R422, **R503})
async def neighbors(
    request: Request,
    entity_id: str = EntityId,
    as_of: str | None = AsOfDate,
    depth: int = Query(1, ge=1, le=3, description="Hops to follow, either direction: 1..3."),
    rel: list[str] = Query(None, description="Only these relationship types (repeat the parameter or separate with "
                           f"commas; case-sensitive): {', '.join(REL_TYPES)}.", examples=[["LEADS", "MEMBER_OF"]],
                           json_schema_extra={"items": {"type": "string", "pattern": REL_PATTERN}}),
    label: list[str] = Query(None, description="Only reach entities with one of these labels (repeat the parameter or "
                             f"separate with commas; case-sensitive): {', '.join(LABELS)}.", examples=[["Person"]],
                             json_schema_extra={"items": {"type": "string", "pattern": LABEL_PATTERN}}),
    max_evidence: int = Query(20, ge=0, le=1000, description="Evidence sentences per relationship, at most."),
):
    """Entities within `depth` hops and every relationship on the way, each with its type, direction
    relative to this entity, properties, confidence and evidence (article id, article title, sentence)."""
    rekg = reading(request, as_of)
    rels = canonical(rel, REL_TYPES, "rel", "relationship type")
    labs = canonical(label, LABELS, "label", "label")
    cap = max(1, rekg.settings.query_max_rows)

    def answer(store: GraphStore, sub: Subgraph, index: dict | None = None) -> S.NeighborsResponse:
        """The response from the store's subgraph (and, batched, the metadata of the articles it cites)."""
        # the entity usually comes back with its neighbours: a second lookup is a round trip on Neo4j
        ent = next((e for e in sub.entities if e.id == entity_id), None) or entity_or_404(store, entity_id)
        dist = hop_distances(entity_id, sub.relations)
        ents = sub.entities or [ent]
        truncated = len(ents) > cap
        ents = ents[:cap]
        kept = {e.id for e in ents}
        relations = [r for r in sub.relations if r.source in kept and r.target in kept]
        truncated = truncated or len(relations) > cap
        titles = Titles(store, rekg, cited(relations[:cap], max_evidence), index)
        out = [relation_out(r, titles, "out" if r.source == entity_id else "in" if r.target == entity_id else None,
                            max_evidence) for r in relations[:cap]]
        return S.NeighborsResponse(entity=node(ent, 0), depth=depth, rel=rels, label=labs,
                                   entities=[node(e, dist.get(e.id)) for e in ents], relations=out, truncated=truncated)

    def work() -> S.NeighborsResponse:
        with rekg.read() as store:
            return answer(store, store.neighbors(entity_id, depth=depth, rel_types=rels, labels=labs))

    batcher = rekg.batches.get("neighbors") if depth == 1 else None
    if batcher:
        return await run_batched(batcher, (entity_id, rels, labs), lambda store, got: answer(store, *got))
    return await run_read(rekg, work)


@router.get("/paths", response_model=S.PathsResponse, tags=["entities"], summary="Shortest paths between two entities",
            responses={**R404, **R422, **R503})
def paths(
    request: Request,
    as_of: str | None = AsOfDate,
    source: str = Query(..., min_length=1, description="Id of the first entity.", examples=["qu-ming"]),
    target: str = Query(..., min_length=1, description="Id of the second entity.", examples=["baotou"]),
    max_depth: int = Query(4, ge=1, le=6, description="Longest path to look for, in hops: 1..6."),
    limit: int = Query(10, ge=1, le=50, description="At most this many paths."),
    max_evidence: int = Query(5, ge=0, le=1000, description="Evidence sentences per relationship, at most."),
):
    """All shortest paths (ignoring direction) up to `max_depth` hops; an empty list when there is none."""
    rekg = reading(request, as_of)
    with rekg.read() as store:
        src = entity_or_404(store, source, "source entity")
        dst = entity_or_404(store, target, "target entity")
        found: list[Subgraph] = store.paths(source, target, max_depth=max_depth, limit=limit)
        titles = Titles(store, rekg, cited((r for p in found for r in p.relations), max_evidence))
        out = []
        for p in found:
            order = {e.id: i for i, e in enumerate(p.entities)}
            rels = [relation_out(r, titles, "out" if order.get(r.source, 0) < order.get(r.target, 0) else "in", max_evidence)
                    for r in p.relations]
            out.append(S.PathOut(length=len(p.entities) - 1, entities=[node(e) for e in p.entities], relations=rels))
    return S.PathsResponse(source=ref(src), target=ref(dst), max_depth=max_depth, paths=out)


@router.get("/events", response_model=S.EventPage, tags=["events"], summary="The timeline of events",
            responses={**R422, **R503})
def events(
    request: Request,
    as_of: str | None = AsOfDate,
    since: str = Query(None, json_schema_extra={"pattern": BOUND_PATTERN}, description="Only events that end on or after this date "
                       "(YYYY, YYYY-MM or YYYY-MM-DD; a month or year counts from its first day; a day past the end "
                       "of its month counts as the month's last day).", examples=["2024-01"]),
    until: str = Query(None, json_schema_extra={"pattern": BOUND_PATTERN}, description="Only events that start on or before this date "
                       "(a month or year counts to its last day). A range with `until` before `since` is empty.",
                       examples=["2024-12-31"]),
    location: str | None = Query(None, max_length=200, description="Only events held in this Location (LOCATED_IN): "
                                 "its id, or its name or an alias (case-insensitive).", examples=["Baotou"]),
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0),
):
    """Event entities in date order, with where they were held, who organised them and who took part.

    Dates are stored as `YYYY-MM-DD`, `YYYY-MM` or `--MM-DD` (year unknown). A month covers all its
    days: it sorts at its first day and matches `since`/`until` when any of its days is in range.
    A yearless date takes its year from the earliest publication date of the articles that report the
    event (news reports recent events; `year_inferred` is then true). One that still has no year, and an
    event with no date, cannot be placed: they come last (yearless ones by month and day, then undated
    ones) and are left out whenever `since` or `until` is given."""
    rekg = reading(request, as_of)
    lo = parse_bound(since, "since")[0] if since is not None else None
    hi = parse_bound(until, "until")[1] if until is not None else None
    with rekg.read() as store:
        evs = [e for e in store.all_entities() if "Event" in e.labels]
        if location and location.strip():
            key = location.strip().casefold()
            places = [e for e in store.all_entities() if "Location" in e.labels
                      and (e.id == location.strip() or key in {n.casefold() for n in [e.name, *e.aliases]})]
            held: set[str] = set()
            for p in places:
                held |= {r.source for r in store.neighbors(p.id, 1, rel_types=["LOCATED_IN"]).relations if r.target == p.id}
            evs = [e for e in evs if e.id in held]
        titles = Titles(store, rekg, {a for e in evs for a in e.articles})

        def year_hint(e: Entity) -> int | None:
            years = [int(m.group(1)) for a in e.articles
                     if (m := YEAR_PREFIX.match(titles.meta(a).published or ""))]
            return min(years) if years else None

        placed, yearless, undated = [], [], []
        for e in evs:
            raw = e.properties.get("date")
            hint = year_hint(e) if isinstance(raw, str) and raw.startswith("--") else None
            s, inferred, md = event_span(raw, hint)
            if s:
                end = event_span(e.properties.get("end_date"), s[0].year)[0]
                if end and end[1] > s[1]:
                    s = (s[0], end[1])
                if (lo is None or s[1] >= lo) and (hi is None or s[0] <= hi):
                    placed.append((s[0], e.id, e, s, inferred))
            elif lo is None and hi is None:
                (yearless if md else undated).append((md or (0, 0), e.id, e, None, False))
        ordered = sorted(placed, key=lambda t: t[:2]) + sorted(yearless, key=lambda t: t[:2]) + sorted(undated, key=lambda t: t[:2])
        page = ordered[offset: offset + limit]
        items = []
        for _, _, e, s, inferred in page:
            sub = store.neighbors(e.id, 1)
            names = {x.id: x for x in sub.entities}
            locs, orgs, parts = [], [], []
            for r in sub.relations:
                if r.type == "LOCATED_IN" and r.source == e.id and r.target in names:
                    locs.append(ref(names[r.target]))
                elif r.type == "ORGANIZED" and r.target == e.id and r.source in names:
                    orgs.append(ref(names[r.source]))
                elif r.type == "PARTICIPATED_IN" and r.target == e.id and r.source in names:
                    p = names[r.source]
                    role = r.properties.get("role")
                    parts.append(S.Participant(id=p.id, name=p.name, labels=list(p.labels), role=str(role) if role else None))
            end_date = e.properties.get("end_date")
            items.append(S.EventOut(
                id=e.id, name=e.name, kind=e.properties.get("kind"),
                date=e.properties.get("date") if isinstance(e.properties.get("date"), str) else None,
                end_date=end_date if isinstance(end_date, str) else None,
                sort_date=s[0].isoformat() if s else None, year_inferred=inferred,
                locations=locs, organizers=orgs, participants=parts, articles=list(e.articles)))
    return S.EventPage(items=items, total=len(ordered), limit=limit, offset=offset, since=since, until=until, location=location)


ArticleId = Path(description="Article id.", examples=["northern-rare-earth-baotou-visit"])


@router.get("/articles", response_model=S.ArticlePage, tags=["articles"], summary="Stored articles",
            responses={**R422, **R503})
def list_articles(request: Request, as_of: str | None = AsOfDate, limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0)):
    """Articles in id order, with what was read from each (entity and relationship counts)."""
    rekg = reading(request, as_of)
    with rekg.read() as store:
        ids = sorted(store.article_hashes())
        items = []
        for aid in ids[offset: offset + limit]:
            ex = store.get_extraction(aid)
            if ex is None:  # deleted between the two calls
                continue
            a = ex.article
            items.append(S.ArticleSummary(id=a.id, title=a.title, source=a.source, url=a.url, published=a.published,
                                          entity_count=len(ex.entities), relation_count=len(ex.relations)))
    return S.ArticlePage(items=items, total=len(ids), limit=limit, offset=offset)


@router.get("/articles/{article_id}", response_model=S.ArticleDetail, tags=["articles"],
            summary="What was read from one article", responses={**R404, **R422, **R503})
def get_article(request: Request, article_id: str = ArticleId, as_of: str | None = AsOfDate):
    """The article's entities and relationships as extracted, each with the rule that produced it
    and (for relationships) the evidence sentence."""
    rekg = reading(request, as_of)
    with rekg.read() as store:
        ex = store.get_extraction(article_id)
        if ex is None:
            from rapidfuzz import process

            close = [(c, score) for c, score, _ in process.extract(article_id, list(store.article_hashes()), limit=5) if score >= 50]
            raise ApiError(404, "article_not_found", f"no article with id {article_id!r}", id=article_id,
                           suggestions=[{"id": c, "name": c, "labels": ["Article"], "score": round(score, 1)} for c, score in close])
    names = {e.local_id: e.name for e in ex.entities}
    a = ex.article
    return S.ArticleDetail(
        id=a.id, title=a.title, source=a.source, url=a.url, published=a.published, sha256=a.sha256, text_chars=len(a.text),
        entities=[S.LocalEntityOut(local_id=e.local_id, name=e.name, label=e.label, kind=e.kind, aliases=list(e.aliases),
                                   properties=dict(e.properties), mentions=len(e.mentions), rule=e.rule) for e in ex.entities],
        relations=[S.LocalRelationOut(type=r.type, source=r.source, target=r.target, source_name=names.get(r.source),
                                      target_name=names.get(r.target), properties=dict(r.properties), confidence=r.confidence,
                                      rule=r.rule, evidence=S.LocalEvidenceOut(sentence=r.evidence.sentence,
                                                                              start=r.evidence.start, end=r.evidence.end))
                   for r in ex.relations])


api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, scheme_name="ApiKey",
                              description="The key set in REKG_API_KEY on the server.")
bearer = HTTPBearer(auto_error=False, scheme_name="Bearer", description="`Authorization: Bearer <REKG_API_KEY>`.")


def require_key(request: Request, key: str | None = Security(api_key_header),
                cred: HTTPAuthorizationCredentials | None = Security(bearer)) -> None:
    configured = request.app.state.rekg.settings.api_key
    if not configured:
        raise ApiError(403, "writes_disabled", "writes are disabled on this server: no API key is configured; "
                                               "set REKG_API_KEY and restart it")
    given = [k for k in (key, cred.credentials if cred else None) if k]
    if not any(hmac.compare_digest(k.encode("utf-8", "surrogateescape"), configured.encode("utf-8")) for k in given):
        raise ApiError(401, "unauthorized", "a valid API key is needed: send it as X-API-Key or Authorization: Bearer"
                       if not given else "the API key is not valid", headers={"WWW-Authenticate": "Bearer"})


@router.post("/articles", response_model=S.IngestResponse, status_code=201, tags=["articles"],
             summary="Add or replace one article",
             responses={200: {"model": S.IngestResponse, "description": "The article was already stored (same id): "
                              "`updated` when its text changed, `unchanged` when it did not."},
                        400: _err("The body cannot be read (not UTF-8, or a broken Content-Length)."),
                        401: _err("No API key, or a wrong one. Nothing was written."),
                        403: _err("Writes are disabled: the server has no REKG_API_KEY."),
                        413: _err("The body is larger than REKG_MAX_BODY_BYTES."),
                        **R422, **R503})
def post_article(body: S.ArticleIn, response: Response, rekg: Backend = Depends(backend), _auth: None = Depends(require_key)):
    """Read one article into the graph through the same pipeline as `rekg ingest` (clean, extract,
    resolve, store). Answers 201 when the article is new and 200 when its id was already stored."""
    from rekg.graph.model import ArticleMeta
    from rekg.loaders.ingest import prepare
    from rekg.loaders.read import RawDocument, strip_markdown

    aid = body.id or "api-" + hashlib.sha256(body.text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    text = strip_markdown(body.text) if body.format == "markdown" else body.text
    raw = RawDocument(ArticleMeta(id=aid, title=body.title, source=body.source, url=body.url, published=body.published),
                      text, is_html=body.format == "html")
    try:
        try:
            article = prepare(raw)
        except ValueError:
            if body.format != "html":
                raise
            # no article body found in the page: fall back to all of its text, markup removed
            article = prepare(RawDocument(raw.meta, html.unescape(re.sub(r"<[^>]*>", " ", body.text))))
    except ValueError as exc:
        raise ApiError(422, "empty_article", str(exc), details=[{"location": "body.text", "message": str(exc)}]) from None
    with rekg.write() as store:
        stored = store.get_extraction(aid)
        same = stored is not None and stored.article.sha256 == article.sha256
        extraction = stored if same else rekg.extract(article)
        report = store.put_extractions([extraction])
        kept = store.get_extraction(aid) or extraction
        entity_ids = sorted(e.id for e in store.all_entities() if aid in e.articles)
    status = "added" if aid in report.added else "updated" if aid in report.updated else "unchanged"
    if status != "added":
        response.status_code = 200
    response.headers["Location"] = f"/articles/{aid}"
    return S.IngestResponse(article_id=aid, status=status, entities=len(kept.entities), relations=len(kept.relations),
                            entity_ids=entity_ids)


@router.get("/stats", response_model=S.StatsResponse, tags=["service"], summary="Counts", responses={**R422, **R503})
def stats(request: Request, as_of: str | None = AsOfDate):
    """Articles, entities, relationships and evidence, by label and type."""
    rekg = reading(request, as_of)
    with rekg.read() as store:
        return S.StatsResponse(**store.stats())


@router.get("/health", response_model=S.HealthResponse, tags=["service"], summary="Is the store reachable?",
            responses={**R503})
def health(rekg: Backend = Depends(backend)):
    """200 when the store answers a query; 503 (with the reason) when it does not."""
    with rekg.read() as store:
        n = len(store.article_hashes())
    return S.HealthResponse(status="ok", store=rekg.settings.store, articles=n)


# --- the app --------------------------------------------------------------------------------

DESCRIPTION = """\
The knowledge graph of China's rare-earth institutional network, read from news articles
(graph model: schema.md). Look up any entity's connections with the sentences they were read
from, follow paths between entities, read the timeline of events, and add articles.

* Reads need no key. `POST /articles` needs the server's `REKG_API_KEY`, sent as `X-API-Key`
  or `Authorization: Bearer`.
* Every error is `{"error": {"code", "message", ...}}` with the status code: 404 for unknown
  ids (with the closest matches), 422 for bad parameters, 413 for oversize bodies, 401/403 for
  writes without a valid key, 503 when the store is down.
"""

TAGS = [
    {"name": "entities", "description": "People, organisations, events and places, and how they connect."},
    {"name": "events", "description": "The timeline."},
    {"name": "articles", "description": "The sources, what was read from each, and adding new ones."},
    {"name": "service", "description": "Counts and health."},
]


def create_app(settings: Settings | None = None) -> FastAPI:
    """One app over one store: `settings.store` picks it; it is opened at startup and closed at shutdown."""
    settings = settings or Settings()
    rekg = Backend(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        try:
            await run_in_threadpool(rekg.store)
        except StoreError as exc:  # serve anyway: /health says 503 and each request tries to open it again
            log.warning("store not available at startup: %s", exc)
        try:
            yield
        finally:
            await run_in_threadpool(rekg.close)

    app = FastAPI(title="rekg API", version="0.1.0", description=DESCRIPTION, openapi_tags=TAGS, lifespan=lifespan)
    app.state.rekg = rekg
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.include_router(router)
    common = {**R422, **R503}  # every route documents the common error shape, not FastAPI's default
    app.include_router(analysis_router, responses=common)
    app.include_router(cypher_router, responses={**common, 400: _err("Not valid Cypher, or the query failed."),
                                                 413: _err("The request body is over REKG_MAX_BODY_BYTES.")})
    app.include_router(viz_router, include_in_schema=False)  # HTML pages: GET / (landing) and /views/...

    return app
