"""One interface for every place the graph lives: embedded NetworkX or a Neo4j server.

A store keeps each article's extraction (so re-ingesting or deleting an article can
replace exactly what it supported) and the resolved graph derived from all of them.
Both implementations pass the same conformance tests (tests/test_store_conformance.py).
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from rapidfuzz import fuzz, process

from rekg.graph.corrections import Corrections
from rekg.graph.model import Entity, Extraction, GraphDocument, Relation
from rekg.graph.settings import Settings


class StoreError(Exception):
    """The store cannot be used (down, wrong password, corrupt file); the message says why."""


@dataclass
class Subgraph:
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


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
    @abstractmethod
    def article_hashes(self) -> dict[str, str]: ...

    @abstractmethod
    def get_extraction(self, article_id: str) -> Extraction | None: ...

    @abstractmethod
    def extractions(self) -> list[Extraction]: ...

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
        return rank_entities(self.all_entities(), query, label, limit, offset)

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
    q = query.strip().lower()
    if not q:
        return []
    pool = [e for e in entities if label is None or label in e.labels]
    choices: dict[int, str] = {}
    owners: list[tuple[Entity, str]] = []
    for e in pool:
        for name in [e.name, *e.aliases]:
            choices[len(owners)] = name.lower()
            owners.append((e, name))
    best: dict[str, float] = {}
    for text, score, idx in process.extract(q, choices, scorer=fuzz.WRatio, limit=None, score_cutoff=60):
        e, name = owners[idx]
        if text == q:
            score = 100 + 10
        elif text.startswith(q):
            score = max(score, 100 + 5)
        if score > best.get(e.id, -1):
            best[e.id] = score
    by_id = {e.id: e for e in pool}
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], by_id[kv[0]].name, kv[0]))
    return [(by_id[i], min(s, 100.0)) for i, s in ranked[offset: offset + limit]]


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
