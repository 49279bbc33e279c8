"""The graph in a Neo4j server, laid out so that analysts can query it in plain Cypher.

Layout (schema.md):
  (:Entity:<schema labels> {id, name, aliases, articles, <properties flattened>, properties_json})
  (:Entity)-[:LEADS|VISITED|... {confidence, <properties flattened>, evidence, evidence_articles,
                                 evidence_sentences, properties_json}]->(:Entity)
  (:Article {id, title, source, url, published, path, sha256, revision, extraction})-[:MENTIONS {count}]->(:Entity)
  (:RekgLock {id: 'write', version})   the writers' lock and the token of the last write

The flattened properties are for Cypher (`WHERE o.kind = 'soe'`); the store itself reads
`properties_json` and the `evidence` JSON back, so key order, types and evidence order survive
the round trip exactly and `export()` equals the NetworkX store's for the same articles.
`MENTIONS.count` is 1 per (article, entity): resolution does not say which local entity became
which graph entity, so mention spans cannot be summed per graph entity yet.

Writes work like the embedded store: every article's `Extraction` is kept (JSON on its Article
node); a change derives the graph again in Python (resolve plus the analysts' corrections, the very
code NetworkX runs: loaders/resolve.py `Resolution`) and writes the difference to what the
database holds in ONE transaction of batched `UNWIND` statements, so a failure anywhere leaves
the database as it was. Writers queue on the lock node. When the version token says nobody wrote
since this process's last write, a write updates that write's resolution (re-resolving only what
the changed articles reach) and writes only what it reports changed; otherwise it resolves every
article and diffs against the graph read back.
Nothing read from articles is ever put into a query string: labels and relationship types come
from the fixed sets in graph/model.py, everything else is a parameter.
"""
from __future__ import annotations

import functools
import json
import re
import threading
import uuid
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ClientError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from rekg.graph.gc_pause import gc_frozen
from rekg.graph.model import ORG_KINDS, PRIMARY_LABELS, REL_TYPES, ArticleMeta, Entity, Evidence, Extraction, GraphDocument, Relation
from rekg.graph.nx_store import neighborhood, shortest_paths
from rekg.graph.store import GraphStore, SearchIndex, StoreError, Subgraph, WriteReport, _tokens
from rekg.loaders.resolve import Resolution

SCHEMA_LABELS = PRIMARY_LABELS + ORG_KINDS  # also the order labels are read back in: primary first
ENTITY_CORE = {"id", "name", "aliases", "articles", "properties_json"}
REL_CORE = {"confidence", "evidence", "evidence_articles", "evidence_sentences", "properties_json"}
ARTICLE_META = ("id", "title", "source", "url", "published", "path")
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
INT64 = (-(2**63), 2**63 - 1)

SCHEMA = (
    "CREATE CONSTRAINT rekg_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT rekg_article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT rekg_lock_id IF NOT EXISTS FOR (n:RekgLock) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX rekg_entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
    # the 'simple' analyzer splits at every non-letter ("Xi'an" -> xi, an) and lowercases, as the
    # search tokenizer does (store._tokens); not eventually consistent: a search sees the last commit
    "CREATE FULLTEXT INDEX rekg_entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'simple', `fulltext.eventually_consistent`: false}}",
    "CALL db.awaitIndex('rekg_entity_search', 600)",  # an existing database fills it on first open
)
SEARCH_INDEX = "rekg_entity_search"
# Articles per write transaction: one transaction for 50,000 articles overruns the server's
# transaction memory limit (dbms.memory.transaction.total.max); each part re-derives the whole graph.
WRITE_ARTICLES = 5000
# what tells one graph from the next: the last write's token (l.version) and the entity count
GRAPH_KEY = "OPTIONAL MATCH (l:RekgLock {id: 'write'}) CALL () { MATCH (n:Entity) RETURN count(n) AS entities }"
# Depth-1 reads: what `_entity` and `_relation` read back, not every flattened property (a relationship's
# evidence_sentences and evidence_articles repeat its evidence), and every relationship of the entities
# $ids with the entities at their far ends (those in $known are cached already).
ENTITY_READ = "[labels({0}), {0}{{.id, .name, .aliases, .articles, .properties_json}}]"
ENTITY_SHOWN = "[labels({0}), {0}{{.id, .name, .aliases, .properties_json}}]"  # no article list: a hub's holds thousands
RELATION_READ = "{0}{{.properties_json, .evidence, confidence: coalesce({0}.confidence, 1.0)}}"


def _incident(entity: str) -> str:
    """Entities with their relationships and neighbours (read as `entity` says), one row per id."""
    return ("UNWIND $ids AS id MATCH (n:Entity {id: id}) OPTIONAL MATCH (n)-[r]-(m:Entity) WHERE type(r) IN $types "
            f"RETURN id, CASE WHEN id IN $known THEN null ELSE {entity.format('n')} END AS ent, "
            f"collect(CASE WHEN r IS NOT NULL THEN [type(r), startNode(r).id, endNode(r).id, {RELATION_READ.format('r')}, "
            f"m.id, CASE WHEN m.id IN $known THEN null ELSE {entity.format('m')} END] END) AS rels")


INCIDENT = _incident(ENTITY_READ)
# ... and, in the same single record, the metadata of every article their relationships cite
INCIDENT_CITED = (f"CALL () {{ {_incident(ENTITY_SHOWN)}, collect(r.evidence_articles) AS cited }} "
                  "WITH collect([id, ent, rels]) AS found, collect(cited) AS cited "
                  "CALL (cited) { UNWIND cited AS per_entity UNWIND per_entity AS per_relation UNWIND per_relation AS aid "
                  "WITH DISTINCT aid MATCH (a:Article {id: aid}) "
                  "RETURN collect(a{.id, .title, .source, .url, .published, .path}) AS meta } RETURN found, meta")
SCAN_ALL_NAMES = 20000  # a query no name shares a word with scores every name up to this many (as SearchIndex)
LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
LETTERS = re.compile(r"[^\W\d_]+")


class InjectedFailure(RuntimeError):
    """Raised by the `_fail_after_batches` test hook; never in normal use."""


def _guarded(method):
    """Driver failures become a StoreError with one clear line (the CLI and API print it)."""

    @functools.wraps(method)
    def wrapper(self: "Neo4jStore", *args, **kwargs):
        try:
            self._ready()
            return method(self, *args, **kwargs)
        except (Neo4jError, DriverError) as exc:
            raise self._explain(exc) from None

    return wrapper


class Neo4jStore(GraphStore):
    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j", *,
                 connection_timeout: float = 5.0, batch_size: int = 2000):
        self.uri, self.user, self.database = uri, user, database
        self.batch_size = batch_size
        self._fail_after_batches: int | None = None  # test hook: raise after this many write batches
        self._batches = 0
        self._is_ready = False
        self._ready_lock = threading.Lock()
        self._cache: dict[str, tuple[str, Extraction]] = {}  # article id -> (sha256, parsed extraction)
        # (version token, graph, its Resolution or None once taken) of this process's last write
        self._last: tuple[str, GraphDocument, Resolution | None] | None = None
        self._last_lock = threading.Lock()
        self._names: tuple[tuple, int] = ((), 0)  # ((version token, entity count), names + aliases) for search
        self._kept: tuple[tuple, SearchIndex] | None = None  # (graph key, every name) once searches repeat
        self._kept_seen: tuple = ()  # graph key of the last search that found no kept names
        self._kept_building = False
        self._kept_lock = threading.Lock()
        if urlsplit(uri).scheme not in BOLT_SCHEMES:
            raise StoreError(f"invalid Neo4j URI {uri!r}: expected {' / '.join(BOLT_SCHEMES)}://host:port")
        try:
            self._driver = GraphDatabase.driver(uri, auth=(user, password), connection_timeout=connection_timeout,
                                                connection_acquisition_timeout=connection_timeout + 5,
                                                max_transaction_retry_time=15.0,
                                                notifications_min_severity="OFF")  # no "unknown property" noise on an empty db
        except (ValueError, DriverError) as exc:
            raise StoreError(f"invalid Neo4j URI {uri!r}: {exc}") from None

    # -- connection ---------------------------------------------------------------------------
    def _ready(self) -> None:
        """Connect and create the schema once, on first use (opening a store does no I/O)."""
        if self._is_ready:
            return
        with self._ready_lock:  # the API shares one store between threads
            if self._is_ready:
                return
            self._driver.verify_connectivity()
            for stmt in SCHEMA:
                self._driver.execute_query(stmt, database_=self.database)
            self._is_ready = True

    def _explain(self, exc: Exception) -> StoreError:
        if isinstance(exc, AuthError):
            return StoreError(f"Neo4j refused the credentials for user {self.user!r} at {self.uri}; "
                              "check REKG_NEO4J_USER / REKG_NEO4J_PASSWORD")
        if isinstance(exc, (ServiceUnavailable, SessionExpired)):
            text = str(exc)
            m = re.search(r"reason (?:\[Errno \d+\] )?(.+?)\)?\s*$", text, re.M) or re.search(r"\(([^()]*)\)\s*$", text, re.M)
            reason = m.group(1) if m else (text.strip().splitlines() or [type(exc).__name__])[-1]
            return StoreError(f"cannot reach Neo4j at {self.uri}: {reason}; start one with scripts/neo4j-local start")
        if isinstance(exc, ClientError) and exc.code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreError(f"Neo4j at {self.uri} has no database {self.database!r} (Community edition has only 'neo4j')")
        message = getattr(exc, "message", None) or str(exc)
        return StoreError(f"Neo4j at {self.uri}: {' '.join(message.split())}")

    def close(self) -> None:
        self._driver.close()

    def _read(self, work: Callable):
        with self._driver.session(database=self.database) as session:
            return session.execute_read(work)

    def _read_one_query(self, work: Callable):
        """For work that runs exactly one query: an auto-commit transaction, one round trip instead of
        BEGIN, RUN and COMMIT (half the cost of a neighbours lookup). One query sees one snapshot anyway."""
        with self._driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
            return work(session)

    def _write(self, work: Callable):
        with self._driver.session(database=self.database) as session:
            return session.execute_write(work)

    # -- writes ---------------------------------------------------------------------------------
    @_guarded
    def put_extractions(self, extractions: Iterable[Extraction]) -> WriteReport:
        """Each WRITE_ARTICLES articles commit in one transaction: an article is never half-stored,
        and a failure leaves the earlier parts stored (a second run skips them as unchanged)."""
        incoming, report = list(extractions), WriteReport()
        for start in range(0, len(incoming), WRITE_ARTICLES):
            part = self._put(incoming[start: start + WRITE_ARTICLES])
            report.added += part.added
            report.updated += part.updated
            report.unchanged += part.unchanged
        return report

    def _put(self, incoming: list[Extraction]) -> WriteReport:
        def work(tx):
            version = _lock(tx)
            stored = _articles(tx)
            report, changed, state = WriteReport(), {}, None
            for ex in incoming:  # same rules, in the same order, as NetworkXStore
                aid = ex.article.id
                old_sha = changed[aid].article.sha256 if aid in changed else stored.get(aid, (None,))[0]
                if old_sha == ex.article.sha256:
                    report.unchanged.append(aid)
                    continue
                (report.updated if old_sha is not None else report.added).append(aid)
                changed[aid] = ex
            if changed:
                state = self._apply(tx, version, stored, upsert=list(changed.values()), delete=[])
            return report, changed, state

        report, changed, state = self._write(work)
        if state is not None:
            self._committed(state, changed.values())
        return report

    @_guarded
    def delete_article(self, article_id: str) -> bool:
        def work(tx):
            version = _lock(tx)
            stored = _articles(tx)
            if article_id not in stored:
                return None
            return self._apply(tx, version, stored, upsert=[], delete=[article_id])

        state = self._write(work)
        if state is not None:
            self._committed(state)
        return state is not None

    @_guarded
    def rebuild(self) -> None:
        def work(tx):
            version = _lock(tx)
            return self._apply(tx, version, _articles(tx), upsert=[], delete=[], fresh=True)

        self._committed(self._write(work))

    def _committed(self, state: tuple[str, GraphDocument, Resolution], written: Iterable[Extraction] = ()) -> None:
        """Remember what a committed write left: its version token, graph, resolution and extractions."""
        with self._last_lock:
            self._last = state
        for ex in written:
            self._cache[ex.article.id] = (state[0], ex)

    def _take_last(self, version: str | None) -> tuple[GraphDocument | None, Resolution | None]:
        """What this process's last write left, if the database still holds it (the lock's token is that
        write's): its graph and its resolution. The resolution is taken out (see `_resolve`): a transaction
        that fails, or is retried, after updating it must not find it again (a retry resolves everything)."""
        with self._last_lock:
            if self._last is None or version is None or self._last[0] != version:
                return None, None
            token, doc, res = self._last
            self._last = (token, doc, None)
        return doc, res

    def _apply(self, tx, version: str | None, stored: dict[str, tuple[str, str]], upsert: list[Extraction],
               delete: list[str], fresh: bool = False) -> tuple[str, GraphDocument, Resolution]:
        """Write the difference between the derived graph and what the database holds.

        If the database holds what this process last wrote (the version token on the lock node is still
        the one that write left), its kept resolution is updated with just these articles and says which
        entities and relationships may differ; only those are compared and written. Otherwise, or when
        `fresh`, every article is resolved and the whole graph is diffed: against the graph this process
        last wrote when the database still holds it, else against the one read back.
        Returns the new token, graph and resolution, to remember once the transaction has committed.
        """
        self._batches = 0
        token = uuid.uuid4().hex
        old, kept = self._take_last(version)

        def everything() -> Iterable[Extraction]:  # read only when every article is resolved
            current = self._load_extractions(tx, stored)
            current.update((ex.article.id, ex) for ex in upsert)
            return [ex for aid, ex in current.items() if aid not in delete]

        res, new = self._resolve(None if fresh else kept, everything, upsert, delete)
        changed = res.changed
        if old is None:
            old = _read_document(tx)
        old_ents, new_ents = _by_id(old.entities, changed), _by_id(new.entities, changed)
        old_rels, new_rels = _by_key(old.relations, changed), _by_key(new.relations, changed)
        old_ment, new_ment = _mentions(old_ents.values()), _mentions(new_ents.values())
        gone_ents = old_ents.keys() - new_ents.keys()
        gone_arts = set(delete)

        self._batched(tx, "UNWIND $rows AS row MERGE (a:Article {id: row.id}) SET a = row",
                      [_article_row(ex, token) for ex in upsert])
        self._batched(tx, "UNWIND $rows AS id MATCH (a:Article {id: id}) DETACH DELETE a", sorted(gone_arts))
        stale = [k for k in old_rels if k not in new_rels and k[1] not in gone_ents and k[2] not in gone_ents]
        for rtype in REL_TYPES:
            self._batched(tx, f"UNWIND $rows AS row MATCH (:Entity {{id: row.s}})-[r:{rtype}]->(:Entity {{id: row.t}}) DELETE r",
                          [{"s": s, "t": t} for (ty, s, t) in stale if ty == rtype])
        self._batched(tx, "UNWIND $rows AS id MATCH (n:Entity {id: id}) DETACH DELETE n", sorted(gone_ents))
        self._batched(tx, "UNWIND $rows AS row MATCH (:Article {id: row.a})-[m:MENTIONS]->(:Entity {id: row.e}) DELETE m",
                      [{"a": a, "e": e} for (a, e) in sorted(old_ment.keys() - new_ment.keys())
                       if a not in gone_arts and e not in gone_ents])

        by_labels: dict[tuple[str, ...], list[dict]] = {}
        for eid, ent in new_ents.items():
            if old_ents.get(eid) != ent:
                by_labels.setdefault(_schema_labels(ent), []).append(_entity_row(ent))
        for labels, rows in sorted(by_labels.items()):
            remove = [lab for lab in SCHEMA_LABELS if lab not in labels]
            self._batched(tx, "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n = row "
                              f"REMOVE n:{':'.join(remove)} SET n:{':'.join(labels)}", rows)
        by_type: dict[str, list[dict]] = {}
        for key, rel in new_rels.items():
            if old_rels.get(key) != rel:
                by_type.setdefault(rel.type, []).append(_relation_row(rel))
        for rtype in REL_TYPES:  # a relationship type cannot be a parameter: one statement per known type
            self._batched(tx, "UNWIND $rows AS row MATCH (s:Entity {id: row.s}) MATCH (t:Entity {id: row.t}) "
                              f"MERGE (s)-[r:{rtype}]->(t) SET r = row.props", by_type.get(rtype, []))
        self._batched(tx, "UNWIND $rows AS row MATCH (a:Article {id: row.a}) MATCH (n:Entity {id: row.e}) "
                          "MERGE (a)-[m:MENTIONS]->(n) SET m.count = row.count",
                      [{"a": a, "e": e, "count": c} for (a, e), c in sorted(new_ment.items()) if old_ment.get((a, e)) != c])
        tx.run("MATCH (l:RekgLock {id: 'write'}) SET l.version = $token", token=token).consume()
        return token, new, res

    def _batched(self, tx, query: str, rows: list) -> None:
        for i in range(0, len(rows), self.batch_size):
            tx.run(query, rows=rows[i: i + self.batch_size]).consume()
            self._batches += 1
            if self._fail_after_batches is not None and self._batches >= self._fail_after_batches:
                raise InjectedFailure(f"injected failure after {self._batches} write batches")

    def _load_extractions(self, tx_or_none, stored: dict[str, tuple[str, str]]) -> dict[str, Extraction]:
        """The stored extractions of these articles; parsed JSON is cached per (article id, revision),
        the token of the write that stored it (not the text hash: a re-extraction keeps the hash)."""
        missing = [aid for aid, (_, rev) in stored.items() if self._cache.get(aid, ("",))[0] != rev]
        if missing:
            query = "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.revision AS rev, a.extraction AS ex"
            if tx_or_none is None:
                records = self._driver.execute_query(query, ids=missing, database_=self.database,
                                                     routing_=neo4j.RoutingControl.READ).records
            else:
                records = list(tx_or_none.run(query, ids=missing))
            for rec in records:
                ex = Extraction.model_validate_json(rec["ex"])
                self._cache[ex.article.id] = (rec["rev"], ex)
        return {aid: self._cache[aid][1] for aid in sorted(stored)}

    # -- reads ------------------------------------------------------------------------------------
    @_guarded
    def article_hashes(self) -> dict[str, str]:
        return {aid: sha for aid, (sha, _) in self._read(_articles).items()}

    @_guarded
    def get_extraction(self, article_id: str) -> Extraction | None:
        stored = self._read(lambda tx: _articles(tx, [article_id]))
        return self._load_extractions(None, stored).get(article_id)

    @_guarded
    def extractions(self) -> list[Extraction]:
        return list(self._load_extractions(None, self._read(_articles)).values())

    @_guarded
    def articles_meta(self, ids: Iterable[str]) -> dict[str, ArticleMeta]:
        query = "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a{.id, .title, .source, .url, .published, .path} AS props"
        records = self._read_one_query(lambda session: list(session.run(query, ids=list(dict.fromkeys(ids)))))
        return {rec["props"]["id"]: ArticleMeta(**rec["props"]) for rec in records}

    @_guarded
    def get_entity(self, entity_id: str) -> Entity | None:
        return self._read_one_query(lambda session: _View(session).lookup(entity_id))

    @_guarded
    def all_entities(self) -> list[Entity]:
        return self._read(_read_entities)

    @_guarded
    def export(self) -> GraphDocument:
        return self._read(_read_document)

    @_guarded
    def search_page(self, query: str, label: str | None = None, limit: int = 20,
                    offset: int = 0) -> tuple[list[tuple[Entity, float]], int]:
        """SearchIndex's ranking over the few names the full-text index proposes, not over every entity.

        The candidates are SearchIndex's: names starting with the query, and names with a word that
        starts with a query word of 3+ letters (equals a shorter one), leaving out query words found in
        more than max(500, names / 100) names unless all are. They are ranked on (id, name, aliases,
        labels) alone; only the page returned is read in full. Query words starting with a digit find
        nothing by themselves (the index holds letters). A query no name shares a word with scores
        every name up to SCAN_ALL_NAMES names, and beyond that the names with a word within two edits.
        Once searches repeat, every name is kept in memory (`_kept_names`) and a search is one query.
        """
        q = query.strip().lower()
        if not q:
            return [], 0
        kept = self._search_kept([(q, label, limit, offset)], full=True)
        return kept[0] if kept else self._read(lambda tx: self._search(tx, q, label, limit, offset))

    @_guarded
    def search_pages(self, requests: list[tuple[str, str | None, int, int]]) -> list[tuple[list[tuple[Entity, float]], int]]:
        """`search_page` for each (query, label, limit, offset), the entities with only what a result list
        shows (id, name, aliases, labels); with kept names, one query for them all (see `neighbors_cited`)."""
        asked = [(query.strip().lower(), label, limit, offset) for query, label, limit, offset in requests]
        kept = self._search_kept([r for r in asked if r[0]], full=False)
        if kept is None:
            return [self.search_page(*r) for r in asked]
        pages = iter(kept)
        return [next(pages) if r[0] else ([], 0) for r in asked]

    def _search_kept(self, requests: list[tuple[str, str | None, int, int]], full: bool
                     ) -> list[tuple[list[tuple[Entity, float]], int]] | None:
        """Rank each (lowercased query, label, limit, offset) over the kept names, then read the pages'
        entities (`full`: every property) and the graph's key in one auto-commit query; None (search the
        other way) when nothing is kept or a write changed the graph since."""
        kept = self._kept
        if kept is None:
            return None
        pages = []
        for q, label, limit, offset in requests:
            hits = kept[1].ranked(q, label)
            pages.append((hits[offset: offset + limit], len(hits)))
        row = "[labels(n), properties(n)]" if full else "[labels(n), n{.id, .name, .aliases}]"
        query = (f"{GRAPH_KEY} CALL () {{ UNWIND $ids AS id MATCH (n:Entity {{id: id}}) "
                 f"RETURN collect({row}) AS rows }} RETURN l.version AS v, entities, rows")
        ids = sorted({e.id for page, _ in pages for e, _ in page})
        rec = self._read_one_query(lambda session: session.run(query, ids=ids).single())
        if (rec["v"], rec["entities"]) != kept[0]:
            return None
        found = {ent.id: ent for ent in (_entity(labels, props) for labels, props in rec["rows"])}
        return [([(found[e.id], score) for e, score in page if e.id in found], total) for page, total in pages]

    def _search(self, tx, q: str, label, limit: int, offset: int) -> tuple[list[tuple[Entity, float]], int]:
        key, names = self._graph_key(tx)
        index = self._kept_names(key) or self._proposed(tx, q, label, names)
        hits = index.ranked(q, label)
        page = hits[offset: offset + limit]
        full = _View(tx).entities([e.id for e, _ in page])  # an entity deleted meanwhile is left out
        return [(full[e.id], score) for e, score in page if e.id in full], len(hits)

    def _kept_names(self, key: tuple) -> SearchIndex | None:
        """Every name of the graph, kept in this process while the graph is unchanged (`key`: the last
        write's token and the entity count, read by each search), so a search is two queries instead of
        a full-text lookup and thousands of rows. It is read in the background once a second search sees
        the same graph (a one-off search, such as `rekg search`, never pays for it); until then, and
        after any write, searches take the full-text path, which ranks alike. A rename made in Cypher
        outside rekg changes neither part of the key, so kept names miss it until rekg's next write."""
        with self._kept_lock:
            if self._kept is not None and self._kept[0] == key:
                return self._kept[1]
            if self._kept_seen == key and not self._kept_building:
                self._kept_building = True
                threading.Thread(target=self._keep_names, name="rekg-search-names", daemon=True).start()
            self._kept_seen = key
        return None

    def _keep_names(self) -> None:
        def read(tx):
            before = self._graph_key(tx)[0]
            rows = _name_rows(tx, [], [], everything=True)
            return before, rows, self._graph_key(tx)[0]

        try:
            with gc_frozen():  # ~1M objects that are never cyclic garbage
                before, rows, after = self._read(read)
                index = SearchIndex(rows) if before == after else None  # None: a write landed while the names were read
            if index is not None:
                with self._kept_lock:
                    self._kept = (after, index)
        except (Neo4jError, DriverError):  # the server went away or the store was closed: searches go on without
            pass
        finally:
            with self._kept_lock:
                self._kept_building = False

    def _proposed(self, tx, q: str, label, names: int) -> SearchIndex:
        """A SearchIndex over the names the full-text index proposes for q."""
        words = list(dict.fromkeys(_tokens(q)))
        terms = {w: t for w in words if (t := _lucene_term(w))}
        # a name starting with q has q's letter runs as words, the last one possibly longer
        prefix = " ".join(f"+{_escape(m.group())}{'*' if m.end() == len(q) else ''}" for m in LETTERS.finditer(q)) or None
        common = max(500, names // 100)
        prefixed = ("CALL db.index.fulltext.queryNodes($index, $prefix) YIELD node AS n "
                    "WHERE any(s IN [n.name] + coalesce(n.aliases, []) WHERE toLower(s) STARTS WITH $q) "
                    "RETURN collect(n.id) AS prefixed") if prefix else "RETURN [] AS prefixed"
        rec = tx.run("CALL () { UNWIND $terms AS t CALL (t) { CALL db.index.fulltext.queryNodes($index, t, {limit: $cap}) "
                     f"YIELD node RETURN count(node) AS hits }} RETURN collect([t, hits]) AS hits }} CALL () {{ {prefixed} }} "
                     "RETURN hits, prefixed",
                     index=SEARCH_INDEX, terms=list(terms.values()), cap=common + 1, prefix=prefix, q=q).single()
        hits = dict(rec["hits"])
        terms = {w: t for w, t in terms.items() if hits[t]}  # words no name has are no candidate list
        rare = [w for w, t in terms.items() if hits[t] <= common]
        if not rare and terms:  # every query word is common: SearchIndex keeps the one with the fewest names
            counts = tx.run("UNWIND $terms AS t CALL (t) { CALL db.index.fulltext.queryNodes($index, t) YIELD node "
                            "RETURN count(node) AS hits } RETURN t, hits", index=SEARCH_INDEX, terms=list(terms.values()))
            hits = {r["t"]: r["hits"] for r in counts}
            rare = [min(terms, key=lambda w: hits[terms[w]])]
        rows = _name_rows(tx, [terms[w] for w in rare], rec["prefixed"])
        kept = _kept(rows, rare, common)
        index = _Candidates(rows, kept)
        if not index.has_hits(q, label):  # SearchIndex scores every name then
            fuzzy = [f"{_escape(w)}~" for w in words if len(w) >= 3 and LETTERS.fullmatch(w)]
            index = _Candidates(_name_rows(tx, fuzzy, [], everything=names <= SCAN_ALL_NAMES), ())
        return index

    def _graph_key(self, tx) -> tuple[tuple, int]:
        """(the last write's token and the entity count, the names and aliases in the graph: SearchIndex's
        threshold for a common word); the names are counted again only when the key changed."""
        rec = tx.run(f"{GRAPH_KEY} RETURN l.version AS v, entities").single()
        key = (rec["v"], rec["entities"])
        if self._names[0] != key:
            total = tx.run("MATCH (n:Entity) RETURN sum(1 + size(coalesce(n.aliases, []))) AS names").single()["names"]
            self._names = (key, total)
        return key, self._names[1]

    @_guarded
    def neighbors(self, entity_id, depth=1, rel_types=None, labels=None) -> Subgraph:
        read = self._read_one_query if depth == 1 else self._read  # depth 1 is one query (see _neighbors)
        return read(lambda tx: self._neighbors(_View(tx), entity_id, depth, rel_types, labels))

    @_guarded
    def neighbors_cited(self, requests: list[tuple[str, list[str] | None, list[str] | None]]
                        ) -> list[tuple[Subgraph, dict[str, ArticleMeta]]]:
        """`neighbors` at depth 1 for each (entity id, rel_types, labels), each with the metadata of the
        articles its relationships cite (a superset of what a response shows), all from ONE query answered
        by one record. The driver spends ~0.4 ms of CPU on every query and record whatever its size, most
        of a lookup's cost, so the API asks for concurrent requests' neighbours together (api/app.py `Batcher`).
        What the API shows is all that is read: the entities come without their `articles` lists (a hub's
        holds thousands of ids, which made up a third of the driver's work on a 50k-article graph)."""
        ids = sorted({i for i, _, _ in requests})
        rec = self._read_one_query(lambda session: session.run(INCIDENT_CITED, ids=ids, types=list(REL_TYPES), known=[]).single())
        view = _View(None)
        view.absorb(ids, rec["found"])
        meta = {m["id"]: ArticleMeta(**m) for m in rec["meta"]}
        return [(Subgraph() if view.lookup(i) is None else neighborhood(i, 1, view.lookup, view.incident, rel_types, labels), meta)
                for i, rel_types, labels in requests]

    @staticmethod
    def _neighbors(view: "_View", entity_id, depth, rel_types, labels) -> Subgraph:
        view.fetch_incident([entity_id])  # the entity, its relationships and neighbours: depth 1 in one query
        if view.lookup(entity_id) is None:
            return Subgraph()
        # Fetch hop by hop in batches what the shared BFS will ask for, then let it run on the cache.
        seen, frontier = {entity_id}, [entity_id]
        for _ in range(depth):
            nxt = view.expand(frontier, seen, rel_types)
            nxt = [n for n in nxt if not labels or set(labels) & set(view.lookup(n).labels)]
            seen.update(nxt)
            frontier = nxt
            if not frontier:
                break
        return neighborhood(entity_id, depth, view.lookup, view.incident, rel_types, labels)

    @_guarded
    def paths(self, source, target, max_depth=4, limit=10) -> list[Subgraph]:
        return self._read(lambda tx: self._paths(_View(tx), source, target, max_depth, limit))

    @staticmethod
    def _paths(view: "_View", source, target, max_depth, limit) -> list[Subgraph]:
        found = view.entities([source, target])
        if source not in found or target not in found:
            return []
        seen, frontier = {source}, [source]
        for _ in range(max_depth):
            if target in seen or not frontier:
                break
            frontier = view.expand(frontier, seen, None)
            seen.update(frontier)
        return shortest_paths(source, target, max_depth, limit, view.lookup, view.incident)


def _escape(text: str) -> str:
    """Lucene's query syntax characters taken literally: the text comes from the user."""
    return LUCENE_SPECIAL.sub(r"\\\1", text)


def _lucene_term(word: str) -> str | None:
    """The full-text query for names with a word matching this query word as SearchIndex matches
    words (starting with it when 3+ long, else equal); the index holds letters, so a word with
    digits is looked up by its leading letters (the names are checked again in Python)."""
    m = LETTERS.match(word)
    if not m:
        return None
    return f"{_escape(word)}*" if m.group() == word and len(word) >= 3 else _escape(m.group())


def _word_matches(token: str, word: str) -> bool:
    return token.startswith(word) if len(word) >= 3 else token == word


def _name_rows(tx, terms: list[str], ids: list[str], everything: bool = False) -> list[Entity]:
    """The entities matching any of these full-text queries or ids (or all of them), with only
    what ranking reads: id, name, aliases, labels. One record, so one round trip."""
    source = ("MATCH (n:Entity) RETURN n" if everything else
              "UNWIND $terms AS t CALL db.index.fulltext.queryNodes($index, t) YIELD node RETURN node AS n "
              "UNION UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n")
    rec = tx.run(f"CALL () {{ {source} }} RETURN collect([labels(n), n.id, n.name, n.aliases]) AS rows",
                 index=SEARCH_INDEX, terms=terms, ids=ids).single()
    return [_entity(labels, {"id": i, "name": name, "aliases": aliases}) for labels, i, name, aliases in rec["rows"]]


def _kept(entities: list[Entity], words: list[str], common: int) -> list[str]:
    """SearchIndex.candidates' choice of query words: those in at most `common` names, else the
    rarest; counted as it counts (one per name and matching word of the name)."""
    counts = dict.fromkeys(words, 0)
    for e in entities:
        for name in [e.name, *e.aliases]:
            for tok in set(_tokens(name.lower())):
                for w in words:
                    counts[w] += _word_matches(tok, w)
    return [w for w in words if counts[w] <= common] or [min(words, key=counts.__getitem__)] if words else []


class _Candidates(SearchIndex):
    """SearchIndex over the entities the full-text index proposed, so that ranking is the very code
    the embedded store runs; its candidates are their names with a word matching a kept query word."""

    def __init__(self, entities: list[Entity], kept: Iterable[str]):
        super().__init__(entities)
        self.kept = list(kept)

    def candidates(self, q: str) -> set[int]:
        return {i for i, (_, text) in enumerate(self.owners)
                if any(_word_matches(tok, w) for tok in _tokens(text) for w in self.kept)}

    def has_hits(self, q: str, label: str | None) -> bool:
        """Whether rank() has prefix hits or candidates of this label (else it scores every name)."""
        return any(label is None or label in self.owners[i][0].labels for i in [*self.prefixed(q), *self.candidates(q)])


class _View:
    """Cypher-backed `lookup` / `incident` for the shared traversal functions, with a cache.

    One read transaction per traversal, so it sees one consistent graph. `expand` fills the
    cache for a whole BFS level (relations and the entities at their far ends) in one query;
    `lookup` and `incident` fall back to one query per node on a miss, so a wrong guess costs
    time, never correctness.
    """

    def __init__(self, tx):
        self.tx = tx
        self._ents: dict[str, Entity | None] = {}
        self._inc: dict[str, list[Relation]] = {}

    def _query(self, query: str, **params) -> list:
        return list(self.tx.run(query, params))

    def entities(self, ids: Iterable[str]) -> dict[str, Entity]:
        missing = sorted({i for i in ids if i not in self._ents})
        if missing:
            for rec in self._query("UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN labels(n) AS labels, properties(n) AS props",
                                   ids=missing):
                ent = _entity(rec["labels"], rec["props"])
                self._ents[ent.id] = ent
            for i in missing:
                self._ents.setdefault(i, None)
        return {i: self._ents[i] for i in ids if self._ents.get(i) is not None}

    def fetch_incident(self, ids: Iterable[str]) -> None:
        """The relationships of these entities, with the entities at both ends that are not cached yet."""
        missing = sorted({i for i in ids if i not in self._inc})
        if missing:
            records = self._query(INCIDENT, ids=missing, types=list(REL_TYPES), known=list(self._ents))
            self.absorb(missing, ((rec["id"], rec["ent"], rec["rels"]) for rec in records))

    def absorb(self, ids: list[str], rows: Iterable[tuple]) -> None:
        """Cache INCIDENT's rows for these ids: (id, its entity or None when cached, its relationships)."""
        for i in ids:
            self._inc[i] = []
        rels: dict[tuple, Relation] = {}
        for i, ent, found in rows:
            if ent is not None:
                self._ents[i] = _entity(*ent)
            for rtype, s, t, props, other, far in found:
                if (rtype, s, t) not in rels:
                    rels[(rtype, s, t)] = _relation(rtype, s, t, props)
                self._inc[i].append(rels[(rtype, s, t)])
                if far is not None and other not in self._ents:  # the next level's entities, same query
                    self._ents[other] = _entity(*far)
        for i in ids:
            self._ents.setdefault(i, None)

    def expand(self, frontier: list[str], seen: set[str], rel_types) -> list[str]:
        """The next BFS level: unseen entities one hop from `frontier`, fetched with their data."""
        self.fetch_incident(frontier)
        nxt = {other for node in frontier for r in self._inc[node] if not rel_types or r.type in rel_types
               for other in (r.target if r.source == node else r.source,) if other not in seen}
        return sorted(self.entities(nxt))

    def lookup(self, entity_id: str) -> Entity | None:
        if entity_id not in self._ents:
            self.entities([entity_id])
        return self._ents[entity_id]

    def incident(self, entity_id: str) -> list[Relation]:
        self.fetch_incident([entity_id])
        return self._inc[entity_id]


def empty_database(driver, database: str) -> None:
    """Delete everything in a database (tests and benchmarks: their databases may be wiped), in batches:
    one DETACH DELETE of a 100k-node graph overruns the server's transaction memory, and so does a batch
    of nodes holding a hub with thousands of MENTIONS, hence relationships first."""
    with driver.session(database=database) as session:  # CALL IN TRANSACTIONS needs an auto-commit query
        session.run("MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        session.run("MATCH (n) CALL { WITH n DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


# -- queries run inside a transaction ---------------------------------------------------------------


def _lock(tx) -> str | None:
    """Take the write lock (concurrent writers queue here, so each diffs against committed data);
    returns the version token the last write left, read only once the lock is held."""
    tx.run("MERGE (l:RekgLock {id: 'write'}) SET l.locked = true").consume()
    return tx.run("MATCH (l:RekgLock {id: 'write'}) RETURN l.version AS v").single()["v"]


def _articles(tx, ids: list[str] | None = None) -> dict[str, tuple[str, str]]:
    """article id -> (text sha256, revision)."""
    if ids is None:
        result = tx.run("MATCH (a:Article) RETURN a.id AS id, a.sha256 AS sha, a.revision AS rev")
    else:
        result = tx.run("UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id, a.sha256 AS sha, a.revision AS rev",
                        ids=ids)
    return {rec["id"]: (rec["sha"], rec["rev"]) for rec in result}


def _read_entities(tx) -> list[Entity]:
    result = tx.run("MATCH (n:Entity) RETURN labels(n) AS labels, properties(n) AS props")
    return sorted((_entity(rec["labels"], rec["props"]) for rec in result), key=lambda e: e.id)  # Python's order, as resolve()


def _read_document(tx) -> GraphDocument:
    """The whole graph as resolve() produced it: sorted entities, relations and articles."""
    relations = [
        _relation(rec["type"], rec["s"], rec["t"], rec["props"])
        for rec in tx.run("MATCH (s:Entity)-[r]->(t:Entity) WHERE type(r) IN $types "
                          "RETURN type(r) AS type, s.id AS s, t.id AS t, properties(r) AS props", types=list(REL_TYPES))
    ]
    articles = sorted((ArticleMeta(**{k: rec["props"].get(k) for k in ARTICLE_META})
                       for rec in tx.run("MATCH (a:Article) RETURN a{.id, .title, .source, .url, .published, .path} AS props")),
                      key=lambda a: a.id)
    return GraphDocument(entities=_read_entities(tx), relations=sorted(relations, key=lambda r: r.key), articles=articles)


# -- rows written and records read back -------------------------------------------------------------


def _flat(props: dict[str, Any], reserved: set[str]) -> dict[str, Any]:
    """The properties Neo4j can hold as they are (scalars and lists of one scalar type), for Cypher."""
    out = {}
    for k, v in props.items():
        if k in reserved:
            continue
        if _storable(v) or (isinstance(v, list) and all(_storable(x) for x in v) and len({type(x) for x in v}) <= 1):
            out[k] = v
    return out


def _storable(v: Any) -> bool:
    if isinstance(v, bool) or isinstance(v, (str, float)):
        return True
    return isinstance(v, int) and INT64[0] <= v <= INT64[1]


def _schema_labels(ent: Entity) -> tuple[str, ...]:
    bad = [lab for lab in ent.labels if lab not in SCHEMA_LABELS]
    if bad or not ent.labels:
        raise StoreError(f"entity {ent.id!r} has labels {ent.labels!r}; the schema allows {', '.join(SCHEMA_LABELS)}")
    return tuple(sorted(set(ent.labels), key=SCHEMA_LABELS.index))


def _entity_row(ent: Entity) -> dict:
    return {**_flat(ent.properties, ENTITY_CORE), "id": ent.id, "name": ent.name, "aliases": list(ent.aliases),
            "articles": list(ent.articles), "properties_json": json.dumps(ent.properties, ensure_ascii=False)}


def _entity(labels: list[str], props: dict) -> Entity:
    return Entity(id=props["id"], name=props["name"],
                  labels=sorted((lab for lab in labels if lab in SCHEMA_LABELS), key=SCHEMA_LABELS.index),
                  aliases=props.get("aliases") or [], articles=props.get("articles") or [],
                  properties=json.loads(props.get("properties_json") or "{}"))


def _relation_row(rel: Relation) -> dict:
    props = {**_flat(rel.properties, REL_CORE), "confidence": rel.confidence,
             "evidence": json.dumps([e.model_dump() for e in rel.evidence], ensure_ascii=False),
             "evidence_articles": list(dict.fromkeys(e.article for e in rel.evidence)),
             "evidence_sentences": [e.sentence for e in rel.evidence],
             "properties_json": json.dumps(rel.properties, ensure_ascii=False)}
    return {"s": rel.source, "t": rel.target, "props": props}


def _relation(rtype: str, source: str, target: str, props: dict) -> Relation:
    return Relation(type=rtype, source=source, target=target, confidence=props.get("confidence", 1.0),
                    properties=json.loads(props.get("properties_json") or "{}"),
                    evidence=[Evidence(**e) for e in json.loads(props.get("evidence") or "[]")])


def _article_row(ex: Extraction, revision: str) -> dict:
    a = ex.article
    row = {k: getattr(a, k) for k in ARTICLE_META if getattr(a, k) is not None}
    return {**row, "sha256": a.sha256, "revision": revision, "extraction": ex.model_dump_json()}


def _mentions(entities: Iterable[Entity]) -> dict[tuple[str, str], int]:
    """(article, entity) -> count; 1 each until resolution reports which local entities merged."""
    return {(a, e.id): 1 for e in entities for a in e.articles}


def _by_id(entities: list[Entity], changed: tuple[set[str], set[tuple]] | None) -> dict[str, Entity]:
    """id -> entity, of those `changed` names (all when it is None)."""
    return {e.id: e for e in entities if changed is None or e.id in changed[0]}


def _by_key(relations: list[Relation], changed: tuple[set[str], set[tuple]] | None) -> dict[tuple, Relation]:
    """key -> relationship, of those `changed` names (all when it is None)."""
    return {r.key: r for r in relations if changed is None or r.key in changed[1]}
