"""One interface for every place the graph lives: embedded NetworkX or a Neo4j server.

A store keeps each article's extraction (so re-ingesting or deleting an article can
replace exactly what it supported) and the resolved graph derived from all of them.
Both implementations pass the same conformance tests (tests/test_store_conformance.py).
"""
from __future__ import annotations

import bisect
import re
import threading
from abc import ABC, abstractmethod
from collections import OrderedDict, deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from rapidfuzz import fuzz, process

from rekg.graph.corrections import Corrections
from rekg.graph.model import ArticleMeta, Entity, Extraction, GraphDocument, Relation
from rekg.graph.settings import Settings


class StoreError(Exception):
    """The store cannot be used (down, wrong password, corrupt file); the message says why."""


@dataclass
class Subgraph:
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def hop_distances(start: str, relations: list[Relation]) -> dict[str, int]:
    """Hops from `start` over these relationships, either direction (breadth-first)."""
    adj: dict[str, list[str]] = {}
    for r in relations:
        adj.setdefault(r.source, []).append(r.target)
        adj.setdefault(r.target, []).append(r.source)
    dist, queue = {start: 0}, deque([start])
    while queue:
        n = queue.popleft()
        for m in adj.get(n, ()):
            if m not in dist:
                dist[m] = dist[n] + 1
                queue.append(m)
    return dist


@dataclass
class WriteReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


class GraphStore(ABC):
    #: where corrections.yaml lives (REKG_HOME); corrections apply to whichever store holds the graph
    corrections_home: Path | None = None

    def corrections(self) -> Corrections:
        return Corrections.load(self.corrections_home)

    def derive(self, extractions: Iterable[Extraction]) -> GraphDocument:
        """The resolved graph of these extractions with the analysts' corrections applied."""
        from rekg.loaders.resolve import resolve

        return resolve(extractions, self.corrections())

    # -- writes -------------------------------------------------------------------
    @abstractmethod
    def rebuild(self) -> None:
        """Derive the graph again from the stored articles (after a correction changed)."""

    @abstractmethod
    def put_extractions(self, extractions: Iterable[Extraction]) -> WriteReport:
        """Add or replace articles (by id); an article with the same text hash is left alone."""

    @abstractmethod
    def delete_article(self, article_id: str) -> bool:
        """Remove an article and everything only it supported."""

    # -- reads --------------------------------------------------------------------
    @contextmanager
    def pinned(self) -> Iterator[None]:
        """Serve one version of the graph for the whole block (one request): a store that follows
        other processes' writes checks for them once, at the start, instead of on every call."""
        yield

    @abstractmethod
    def article_hashes(self) -> dict[str, str]: ...

    @abstractmethod
    def get_extraction(self, article_id: str) -> Extraction | None: ...

    @abstractmethod
    def extractions(self) -> list[Extraction]: ...

    def articles_meta(self, ids: Iterable[str]) -> dict[str, ArticleMeta]:
        """Title, source, url and date of these articles (unknown ids are left out), for citing
        evidence without parsing whole extractions; stores with a server answer in one round trip."""
        out = {}
        for aid in dict.fromkeys(ids):
            ex = self.get_extraction(aid)
            if ex is not None:
                out[aid] = ArticleMeta.model_validate(ex.article.model_dump(include=set(ArticleMeta.model_fields)))
        return out

    @abstractmethod
    def get_entity(self, entity_id: str) -> Entity | None: ...

    @abstractmethod
    def all_entities(self) -> list[Entity]: ...

    @abstractmethod
    def neighbors(self, entity_id: str, depth: int = 1, rel_types: list[str] | None = None,
                  labels: list[str] | None = None) -> Subgraph:
        """Entities within `depth` hops (either direction) and the relationships among the path edges."""

    @abstractmethod
    def paths(self, source: str, target: str, max_depth: int = 4, limit: int = 10) -> list[Subgraph]:
        """Shortest paths between two entities, ignoring direction."""

    @abstractmethod
    def export(self) -> GraphDocument: ...

    def close(self) -> None:  # noqa: B027 - optional for stores without connections
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- shared on top of the primitives ----------------------------------------------
    def stats(self) -> dict:
        doc = self.export()
        labels: dict[str, int] = {}
        for e in doc.entities:
            for lab in e.labels:
                labels[lab] = labels.get(lab, 0) + 1
        types: dict[str, int] = {}
        for r in doc.relations:
            types[r.type] = types.get(r.type, 0) + 1
        return {
            "articles": len(self.article_hashes()),
            "entities": len(doc.entities),
            "relations": len(doc.relations),
            "evidence": sum(len(r.evidence) for r in doc.relations),
            "labels": dict(sorted(labels.items())),
            "relation_types": dict(sorted(types.items())),
        }

    def search(self, query: str, label: str | None = None, limit: int = 20, offset: int = 0) -> list[tuple[Entity, float]]:
        """Fuzzy, ranked search over names and aliases (rapidfuzz WRatio, exact and prefix first)."""
        return self.search_page(query, label, limit, offset)[0]

    def search_page(self, query: str, label: str | None = None, limit: int = 20,
                    offset: int = 0) -> tuple[list[tuple[Entity, float]], int]:
        """One page of `search` and the number of hits in all: a prefix such as "Shen" matches
        thousands of names, and a store that must ship every hit to count them is slow."""
        hits = self._search_index().ranked(query, label)
        return hits[offset: offset + limit], len(hits)

    def _search_index(self) -> "SearchIndex":
        """The index over the current names. Stores that know when their graph changes keep one (the
        embedded store); this default builds it per search, so that every store ranks alike."""
        return SearchIndex(self.all_entities())

    def as_of(self, date: str) -> "GraphStore":
        """A read-only snapshot of what the articles published by `date` (ISO) support.

        Articles without a publication date are left out: nothing says they were known then.
        """
        from rekg.graph.nx_store import NetworkXStore

        exts = [e for e in self.extractions() if e.article.published and e.article.published[:10] <= date]
        return NetworkXStore.snapshot(exts, self.derive(exts))

    def find(self, name_or_id: str) -> Entity | None:
        """An id, else the best name/alias match above a confidence floor."""
        ent = self.get_entity(name_or_id)
        if ent:
            return ent
        hits = self.search(name_or_id, limit=1)
        return hits[0][0] if hits and hits[0][1] >= 80 else None


def rank_entities(entities: list[Entity], query: str, label: str | None, limit: int, offset: int) -> list[tuple[Entity, float]]:
    """Score every name and alias (the reference ranking; SearchIndex gives the same order on its candidates)."""
    q = query.strip().lower()
    if not q:
        return []
    pool = [e for e in entities if label is None or label in e.labels]
    owners = [(e, name.lower()) for e in pool for name in [e.name, *e.aliases]]
    return _rank(q, owners, limit, offset)


def _rank(q: str, owners: list[tuple[Entity, str]], limit: int, offset: int) -> list[tuple[Entity, float]]:
    choices = [text for _, text in owners]
    best: dict[str, float] = {}
    by_id: dict[str, Entity] = {}
    for text, score, idx in process.extract(q, choices, scorer=fuzz.WRatio, limit=None, score_cutoff=60):
        e = owners[idx][0]
        if text == q:
            score = 100 + 10
        elif text.startswith(q):
            score = max(score, 100 + 5)
        if score > best.get(e.id, -1):
            best[e.id] = score
            by_id[e.id] = e
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], by_id[kv[0]].name, kv[0]))
    return [(by_id[i], min(s, 100.0)) for i, s in ranked[offset: offset + limit]]


_TOKEN = re.compile(r"[^\W_]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


CACHED_HITS = 300_000  # search hits SearchIndex keeps for repeated queries (~30 MB)


class SearchIndex:
    """Names and aliases indexed two ways, so a search scores few names instead of all of them:

    - every lowercased name in sorted order: the exact and prefix hits (the ones ranked first) are a
      bisect away, and need no fuzzy score (110 exact, 105 prefix, as rank_entities gives them);
    - names by token: fuzzy scoring (the same WRatio, same cutoff) only for names with a token that
      starts with a query token of 3+ letters or equals a shorter one.

    A query with neither kind of candidate (a typo in every word) scores every name, as
    rank_entities does. So results are rank_entities' results with the same scores and order for
    every exact/prefix hit, and possibly fewer weak fuzzy hits (names sharing no token with the query)."""

    def __init__(self, entities: list[Entity]):
        self.owners: list[tuple[Entity, str]] = []
        postings: dict[str, list[int]] = {}
        for e in entities:
            for name in [e.name, *e.aliases]:
                text = name.lower()
                i = len(self.owners)
                self.owners.append((e, text))
                for tok in set(_tokens(text)):
                    postings.setdefault(tok, []).append(i)
        self.tokens = sorted(postings)
        self.postings = [postings[t] for t in self.tokens]
        order = sorted(range(len(self.owners)), key=lambda i: self.owners[i][1])
        self.sorted_texts = [self.owners[i][1] for i in order]
        self.sorted_idx = order
        self._cache: OrderedDict[tuple[str, str | None], list[tuple[Entity, float]]] = OrderedDict()
        self._cached = 0
        self._lock = threading.Lock()

    def prefixed(self, q: str) -> list[int]:
        """Names equal to or starting with q."""
        return self.sorted_idx[slice(*_prefix_range(self.sorted_texts, q))]

    def candidates(self, q: str) -> set[int]:
        """Names sharing a token with the query. Query words found in many names ("materials",
        "institute") are left out when the query has a rarer one: they would make every name a candidate."""
        lists = []
        for tok in dict.fromkeys(_tokens(q)):
            if len(tok) < 3:
                i = bisect.bisect_left(self.tokens, tok)
                hit = [self.postings[i]] if i < len(self.tokens) and self.tokens[i] == tok else []
            else:
                hit = self.postings[slice(*_prefix_range(self.tokens, tok))]
            if hit:
                lists.append((sum(map(len, hit)), hit))
        if not lists:
            return set()
        common = max(500, len(self.owners) // 100)
        kept = [h for n, h in lists if n <= common] or [min(lists, key=lambda x: x[0])[1]]
        out: set[int] = set()
        for hit in kept:
            for p in hit:
                out.update(p)
        return out

    def rank(self, query: str, label: str | None = None, limit: int = 20, offset: int = 0) -> list[tuple[Entity, float]]:
        return self.ranked(query, label)[offset: offset + limit]

    def ranked(self, query: str, label: str | None = None) -> list[tuple[Entity, float]]:
        """Every hit, best first (do not modify the list: it is cached).

        The costly queries are the common ones (one frequent word such as "rare", a short prefix:
        tens of thousands of fuzzy scores), and people type them again and again, so results are
        kept, most recently used first, up to CACHED_HITS hits in all. The index lives as long as
        the graph it was built from, so the cache can never be stale."""
        key = (query.strip().lower(), label)
        with self._lock:
            hits = self._cache.get(key)
            if hits is not None:
                self._cache.move_to_end(key)
                return hits
        hits = self._ranked(*key)
        with self._lock:
            if key not in self._cache and len(hits) <= CACHED_HITS:
                self._cache[key] = hits
                self._cached += len(hits)
                while self._cached > CACHED_HITS:
                    self._cached -= len(self._cache.popitem(last=False)[1])
        return hits

    def _ranked(self, q: str, label: str | None) -> list[tuple[Entity, float]]:
        if not q:
            return []
        best: dict[str, float] = {}
        by_id: dict[str, Entity] = {}
        for i in self.prefixed(q):
            e, text = self.owners[i]
            if label is not None and label not in e.labels:
                continue
            score = 110.0 if text == q else 105.0
            if score > best.get(e.id, -1):
                best[e.id] = score
                by_id[e.id] = e
        owners = [self.owners[i] for i in sorted(self.candidates(q))]
        owners = [o for o in owners if o[0].id not in best and (label is None or label in o[0].labels)]
        if not owners and not best:  # no name shares a token prefix: score them all
            owners = [o for o in self.owners if label is None or label in o[0].labels]
        for text, score, idx in process.extract(q, [t for _, t in owners], scorer=fuzz.WRatio, limit=None,
                                                score_cutoff=60):
            e = owners[idx][0]
            if score > best.get(e.id, -1):
                best[e.id] = score
                by_id[e.id] = e
        ranked = sorted((-score, by_id[i].name, i) for i, score in best.items())  # ids are unique: no ties
        return [(by_id[i], min(-neg, 100.0)) for neg, _, i in ranked]


def _prefix_range(keys: list[str], q: str) -> tuple[int, int]:
    """The slice of sorted `keys` that start with q (by bisection: thousands of names share a prefix)."""
    lo = bisect.bisect_left(keys, q)
    if ord(q[-1]) == 0x10FFFF:  # no character follows it: walk
        hi = lo
        while hi < len(keys) and keys[hi].startswith(q):
            hi += 1
        return lo, hi
    return lo, bisect.bisect_left(keys, q[:-1] + chr(ord(q[-1]) + 1), lo)


def open_store(settings: Settings | None = None) -> GraphStore:
    settings = settings or Settings()
    if settings.store in ("networkx", "nx", "embedded"):
        from rekg.graph.nx_store import NetworkXStore

        return NetworkXStore(settings.home)
    if settings.store == "neo4j":
        from rekg.graph.neo4j_store import Neo4jStore

        store = Neo4jStore(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password, settings.neo4j_database)
        store.corrections_home = settings.home
        return store
    raise StoreError(f"unknown store {settings.store!r}: use 'networkx' (embedded) or 'neo4j'")
