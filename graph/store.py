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
from typing import Callable, Iterable, Iterator

from rapidfuzz import fuzz, process

from rekg.graph.corrections import Corrections
from rekg.graph.gc_pause import gc_frozen
from rekg.graph.model import ArticleMeta, Entity, Extraction, GraphDocument, Relation
from rekg.graph.settings import Settings
from rekg.loaders.resolve import Resolution, resolve


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
        return resolve(extractions, self.corrections())

    def _resolve(self, kept: Resolution | None, everything: Callable[[], Iterable[Extraction]],
                 changed: Iterable[Extraction] = (), deleted: Iterable[str] = ()) -> tuple[Resolution, GraphDocument]:
        """A write's graph, and the resolution to keep for the next write. `kept`, the last write's, is
        updated with just the changed and deleted articles if it was resolved under the current corrections
        (its `changed` then says what may differ); otherwise every article (`everything()`) is resolved
        afresh. `kept` is updated in place, so a caller must hold it nowhere else until its write has
        succeeded: a failed write then leaves no half-updated resolution behind."""
        corrections = self.corrections()
        with gc_frozen():  # a resolution's objects live on: frozen, full collections do not walk them again
            if kept is not None and kept.corrections == corrections:
                return kept, kept.update(changed, deleted)
            res = Resolution(corrections)
            return res, res.update(everything())

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
    every exact/prefix hit, and possibly fewer weak fuzzy hits (names sharing no token with the query).

    Entities are numbered in (name, id) order, the order of hits with equal scores, so ordering
    thousands of prefix hits is sorting small ints, and a ranking holds ints until a page is read."""

    def __init__(self, entities: list[Entity]):
        self.entities = sorted(entities, key=lambda e: (e.name, e.id))
        self.owners: list[tuple[Entity, str]] = []
        self.owner_ent: list[int] = []
        postings: dict[str, list[int]] = {}
        for n, e in enumerate(self.entities):
            for name in [e.name, *e.aliases]:
                text = name.lower()
                i = len(self.owners)
                self.owners.append((e, text))
                self.owner_ent.append(n)
                for tok in set(_tokens(text)):
                    postings.setdefault(tok, []).append(i)
        self.tokens = sorted(postings)
        self.postings = [postings[t] for t in self.tokens]
        order = sorted(range(len(self.owners)), key=lambda i: self.owners[i][1])
        self.sorted_texts = [self.owners[i][1] for i in order]
        self.sorted_idx = order
        self._labelled: dict[str, frozenset[int]] = {}
        self._cache: OrderedDict[tuple[str, str | None], Ranking] = OrderedDict()
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

    def labelled(self, label: str) -> frozenset[int]:
        """The numbers of the entities with this label (found once, then kept)."""
        found = self._labelled.get(label)
        if found is None:
            found = frozenset(n for n, e in enumerate(self.entities) if label in e.labels)
            with self._lock:
                self._labelled[label] = found
        return found

    def rank(self, query: str, label: str | None = None, limit: int = 20, offset: int = 0) -> list[tuple[Entity, float]]:
        return self.ranked(query, label)[offset: offset + limit]

    def ranked(self, query: str, label: str | None = None) -> "Ranking":
        """Every hit, best first.

        The costly queries are the common ones (one frequent word such as "rare", a short prefix:
        thousands of hits), and people type them again and again, so rankings are kept, most
        recently used first, up to CACHED_HITS hits in all. The index lives as long as the graph it
        was built from, so the cache can never be stale."""
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

    def _ranked(self, q: str, label: str | None) -> "Ranking":
        if not q:
            return Ranking(self.entities, [], [], [])
        keep = None if label is None else self.labelled(label)
        ent = self.owner_ent
        lo, hi = _prefix_range(self.sorted_texts, q)
        split = bisect.bisect_right(self.sorted_texts, q, lo, hi)  # q itself sorts before its extensions
        exact = {ent[i] for i in self.sorted_idx[lo:split]}
        prefixed = {ent[i] for i in self.sorted_idx[split:hi]} - exact
        if keep is not None:
            exact &= keep
            prefixed &= keep
        seen = exact | prefixed
        owners = [i for i in self.candidates(q) if ent[i] not in seen and (keep is None or ent[i] in keep)]
        if not owners and not seen:  # no name shares a token prefix: score them all
            owners = [i for i in range(len(self.owners)) if keep is None or ent[i] in keep]
        fuzzy = sorted((-score, n) for n, score in self._fuzzy(q, owners).items())
        return Ranking(self.entities, sorted(exact) + sorted(prefixed), [n for _, n in fuzzy], [-s for s, _ in fuzzy])

    def _fuzzy(self, q: str, owners: list[int]) -> dict[int, float]:
        """The best WRatio >= 60 of each entity among these names.

        A name more than 8 times as long as the query is not scored: WRatio then is the larger of a
        whole-string ratio (under 23 at that length ratio) and 0.6 x the best partial match, so it is
        exactly 60 when the name contains the query and under the cutoff when not. A short query
        such as "co" has thousands of such names (tests/test_scale.py checks the rule on WRatio)."""
        texts, ent = self.owners, self.owner_ent
        longest = 8 * len(q)
        scored, contains = [], []
        for i in owners:
            text = texts[i][1]
            if len(text) <= longest:
                scored.append(i)
            elif q in text:
                contains.append(i)
        best: dict[int, float] = {}
        for _, score, k in process.extract(q, [texts[i][1] for i in scored], scorer=fuzz.WRatio, limit=None,
                                           score_cutoff=60):
            n = ent[scored[k]]
            if score > best.get(n, 0):
                best[n] = score
        for i in contains:
            best.setdefault(ent[i], 60.0)  # the lowest score a hit can have
        return best


@dataclass(frozen=True)
class Ranking:
    """A search's hits, best first, as entity numbers of a SearchIndex: `top` (exact, then prefix hits,
    both shown as 100) and `fuzzy` with their `scores`. Sliced, it gives the (Entity, score) pairs."""

    entities: list[Entity]
    top: list[int]
    fuzzy: list[int]
    scores: list[float]

    def __len__(self) -> int:
        return len(self.top) + len(self.fuzzy)

    def __getitem__(self, page: slice) -> list[tuple[Entity, float]]:
        start, stop, _ = page.indices(len(self))
        out = [(self.entities[n], 100.0) for n in self.top[start:stop]]
        first = max(0, start - len(self.top))
        out += [(self.entities[self.fuzzy[k]], self.scores[k]) for k in range(first, max(first, stop - len(self.top)))]
        return out


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
