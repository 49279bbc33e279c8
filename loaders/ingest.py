"""The pipeline top to bottom: load -> clean -> extract -> (resolve, inside the store) -> store.

Bad files are reported and skipped; nothing is written until every good file is read,
and then in one store write, so an interrupted run leaves the store as it was.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from rekg.graph.model import Article, Extraction
from rekg.graph.store import GraphStore, WriteReport
from rekg.loaders.clean import clean
from rekg.loaders.extract.pipeline import Extractor
from rekg.loaders.read import LoadError, RawDocument, iter_documents


@dataclass
class IngestReport:
    write: WriteReport = field(default_factory=WriteReport)
    errors: list[LoadError] = field(default_factory=list)
    read: int = 0


def prepare(raw: RawDocument) -> Article:
    article = clean(raw)
    if not article.text.strip():
        raise ValueError("no article text left after cleaning (only boilerplate or markup)")
    return article


def extract_documents(docs: Iterable[RawDocument | LoadError], extractor: Extractor | None = None,
                      known: dict[str, str] | None = None, on_item: Callable[[str], None] | None = None,
                      ) -> tuple[list[Extraction], list[LoadError], int]:
    """Clean and extract every readable document; skip unchanged ones (same text hash)."""
    extractor = extractor or Extractor()
    known = known or {}
    out: list[Extraction] = []
    errors: list[LoadError] = []
    seen = 0
    for item in docs:
        if isinstance(item, LoadError):
            errors.append(item)
            if on_item:
                on_item(item.path)
            continue
        seen += 1
        where = item.meta.path or item.meta.id
        try:
            article = prepare(item)
        except ValueError as exc:
            errors.append(LoadError(where, str(exc)))
            continue
        finally:
            if on_item:
                on_item(where)
        if known.get(article.id) == article.sha256:
            out.append(Extraction(article=article))  # the store will see the same hash and keep what it has
            continue
        out.append(extractor(article))
    return out, errors, seen


def ingest(paths: list[str], store: GraphStore, on_item: Callable[[str], None] | None = None,
           extractor: Extractor | None = None) -> IngestReport:
    extractions, errors, seen = extract_documents(iter_documents(paths), extractor, store.article_hashes(), on_item)
    report = IngestReport(errors=errors, read=seen)
    if extractions:
        report.write = store.put_extractions(extractions)
    return report
