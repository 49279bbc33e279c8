"""The embedded Cypher engine: a LadybugDB mirror of the graph, bulk-loaded from Parquet.

NetworkX stays the store; for Cypher, the resolved graph is mirrored into a LadybugDB database
under REKG_HOME/cypher/, with the SAME node and relationship properties the Neo4j store writes
(graph/neo4j_store.py's row functions are reused, so the two cannot drift): `id`, `name`,
`aliases`, `articles`, the flattened entity properties and `properties_json` on entities;
`confidence`, the flattened relationship properties, `evidence` (JSON text),
`evidence_articles`, `evidence_sentences` and `properties_json` on relationships; Article
nodes with `MENTIONS {count}` to every entity they name.

Layout: one node table per label combination (Person, Event, Location, Article, one per
Organization kind, `Organization` for an organisation without a kind, and an always-empty
table for label expressions that can match nothing); one relationship table per type, with
the (from, to) table pairs that occur. Every table has every column, so `n.kind` on a Person is
null as in Neo4j instead of an error.

The mirror is rebuilt when graph.json changes (its size and mtime name the mirror folder) and
is opened read-only, so a query cannot write even if the guard were bypassed.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import threading
import time
import weakref
from collections import OrderedDict
from pathlib import Path
from typing import Any, Iterable

from rekg.graph.cypher.errors import CypherError, QueryFailed, QueryTimeout, UnsupportedFeature
from rekg.graph.cypher.translate import EMPTY_NODE_TABLE, EMPTY_REL_TABLE, Catalog, translate_with_columns
from rekg.graph.model import ORG_KINDS, REL_TYPES, Extraction, GraphDocument

MIRROR_FORMAT = 1
LADYBUG_VERSION = "0.22.0"
ENTITY_TABLES = ("Person", "Event", "Location", "Organization", *ORG_KINDS)
ALL_TABLES = (*ENTITY_TABLES, "Article", EMPTY_NODE_TABLE)
ALL_REL_TYPES = (*REL_TYPES, "MENTIONS")
# Address space each open database reserves up front. LadybugDB's default, 8 TiB, lets only ~15
# databases be open at once in a 128 TiB address space (as-of snapshots each open one).
MAX_DB_SIZE = 1 << 37
SNAPSHOT_MIRRORS = 8  # mirrors of in-memory snapshots kept open (most recently used)


def node_labels(table: str) -> list[str]:
    if table == "Article":
        return ["Article"]
    if table == EMPTY_NODE_TABLE:
        return []
    if table in ORG_KINDS:
        return ["Entity", "Organization", table]
    return ["Entity", table]


def table_for(labels: list[str]) -> str:
    kinds = [lab for lab in labels if lab in ORG_KINDS]
    if kinds:
        return kinds[0]
    for lab in ("Person", "Event", "Location", "Organization"):
        if lab in labels:
            return lab
    raise CypherError(f"an entity has labels {labels!r}, which the schema does not allow")


def catalog() -> Catalog:
    return Catalog(node_tables={t: node_labels(t) for t in ALL_TABLES}, rel_types=list(ALL_REL_TYPES))


# -- building the mirror ----------------------------------------------------------------------------


def _rows(doc: GraphDocument, extractions: Iterable[Extraction]):
    """Node rows per table and relationship rows per type, exactly as the Neo4j store writes them."""
    from rekg.graph.neo4j_store import _article_row, _entity_row, _mentions, _relation_row

    import inspect

    # Neo4j's Article.revision is its writers' change token; the mirror, rebuilt on every change, uses the text hash
    takes_revision = len(inspect.signature(_article_row).parameters) > 1
    nodes: dict[str, list[dict]] = {t: [] for t in ALL_TABLES}
    where: dict[str, str] = {}
    for ent in doc.entities:
        table = table_for(ent.labels)
        nodes[table].append(_entity_row(ent))
        where[ent.id] = table
    for ex in extractions:
        nodes["Article"].append(_article_row(ex, ex.article.sha256) if takes_revision else _article_row(ex))
        where[ex.article.id] = "Article"
    rels: dict[str, list[tuple[str, str, dict]]] = {t: [] for t in ALL_REL_TYPES}
    for rel in doc.relations:
        if rel.source in where and rel.target in where:
            row = _relation_row(rel)
            rels[rel.type].append((row["s"], row["t"], row["props"]))
    for (article, entity), count in sorted(_mentions(doc.entities).items()):
        if where.get(article) == "Article" and entity in where:
            rels["MENTIONS"].append((article, entity, {"count": count}))
    return nodes, rels, where


def _kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "str"
    return "other"


def _column_type(values: list[Any]) -> tuple[str, str]:
    """(LadybugDB type, how to convert) for the values one property takes across the graph."""
    scalars = {_kind(v) for v in values if v is not None and not isinstance(v, list)}
    lists = [v for v in values if isinstance(v, list)]
    if lists and not scalars:
        inner = {_kind(x) for v in lists for x in v}
        if inner <= {"str"}:
            return "STRING[]", "list:str"
        if inner <= {"int"}:
            return "INT64[]", "list:int"
        if inner <= {"int", "float"}:
            return "DOUBLE[]", "list:float"
        if inner == {"bool"}:
            return "BOOLEAN[]", "list:bool"
    elif not lists:
        if not scalars or scalars == {"str"}:
            return "STRING", "str"
        if scalars == {"int"}:
            return "INT64", "int"
        if scalars <= {"int", "float"}:
            return "DOUBLE", "float"
        if scalars == {"bool"}:
            return "BOOLEAN", "bool"
    return "STRING", "json"  # one property with different types on different nodes: JSON text (a documented limit)


def _arrow_type(pa, kuzu_type: str):
    return {"INT64": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "STRING": pa.string(),
            "STRING[]": pa.list_(pa.string()), "INT64[]": pa.list_(pa.int64()),
            "DOUBLE[]": pa.list_(pa.float64()), "BOOLEAN[]": pa.list_(pa.bool_())}[kuzu_type]


def _convert(value: Any, how: str) -> Any:
    if value is None:
        return None
    if how == "int":
        return int(value)
    if how == "float":
        return float(value)
    if how == "list:float":
        return [float(x) for x in value]
    if how == "json":
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return value


# Properties every row of the Neo4j layout has with one type (no need to look at the values).
KNOWN = {"id": ("STRING", "str"), "name": ("STRING", "str"), "aliases": ("STRING[]", "list:str"),
         "articles": ("STRING[]", "list:str"), "properties_json": ("STRING", "str"), "evidence": ("STRING", "str"),
         "evidence_articles": ("STRING[]", "list:str"), "evidence_sentences": ("STRING[]", "list:str"),
         "confidence": ("DOUBLE", "float"), "sha256": ("STRING", "str"), "extraction": ("STRING", "str"),
         "revision": ("STRING", "str"), "count": ("INT64", "int")}


def _columns(rows: Iterable[dict], first: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    seen: dict[str, list] = {k: [] for k in first}
    for row in rows:
        for k, v in row.items():
            if k in KNOWN:
                seen.setdefault(k, [])
            else:
                seen.setdefault(k, []).append(v)
    return [(name, *(KNOWN[name] if name in KNOWN else _column_type(values))) for name, values in seen.items()]


def _values(rows: list[dict], name: str, how: str) -> list:
    if how in ("str", "list:str", "bool", "list:bool", "list:int"):
        return [r.get(name) for r in rows]
    return [_convert(r.get(name), how) for r in rows]


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def build_mirror(doc: GraphDocument, extractions: Iterable[Extraction], target: Path) -> dict:
    """Write a LadybugDB database for `doc` into the folder `target` (created; must not exist)."""
    import ladybug
    import pyarrow as pa
    import pyarrow.parquet as pq

    import gc

    t0 = time.perf_counter()
    gc_was = gc.isenabled()
    gc.disable()  # hundreds of thousands of small dicts: the cyclic collector would rescan the heap again and again
    try:
        nodes, rels, where = _rows(doc, list(extractions))
    finally:
        if gc_was:
            gc.enable()
    node_cols = _columns((r for rows in nodes.values() for r in rows), first=("id", "name"))
    rel_cols = _columns((props for rows in rels.values() for _, _, props in rows),
                        first=("confidence", "evidence", "evidence_articles", "evidence_sentences", "properties_json"))
    rel_cols = [c for c in rel_cols if c[0] not in ("from", "to")]
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    try:
        db_path = work / "graph.lbdb"
        db = ladybug.Database(str(db_path), auto_checkpoint=False,  # one checkpoint at the end: COPY is 20x faster
                              max_db_size=MAX_DB_SIZE)
        conn = ladybug.Connection(db)
        col_defs = ", ".join(f"{_quote(n)} {t}" + (" PRIMARY KEY" if n == "id" else "") for n, t, _ in node_cols)
        for table in ALL_TABLES:
            conn.execute(f"CREATE NODE TABLE {table}({col_defs})")
        pairs: dict[str, list[tuple[str, str]]] = {}
        for rtype, rows in rels.items():
            pairs[rtype] = sorted({(where[s], where[t]) for s, t, _ in rows}) or [(EMPTY_NODE_TABLE, EMPTY_NODE_TABLE)]
        pairs[EMPTY_REL_TABLE] = [(EMPTY_NODE_TABLE, EMPTY_NODE_TABLE)]
        rel_defs = ", ".join(f"{_quote(n)} {t}" for n, t, _ in rel_cols)
        for rtype, prs in pairs.items():
            froms = ", ".join(f"FROM {a} TO {b}" for a, b in prs)
            conn.execute(f"CREATE REL TABLE {rtype}({froms}{', ' + rel_defs if rel_defs else ''})")
        for table, rows in nodes.items():
            if not rows:
                continue
            data = {n: pa.array(_values(rows, n, how), _arrow_type(pa, t)) for n, t, how in node_cols}
            f = work / f"n-{table}.parquet"
            pq.write_table(pa.table(data), f)
            conn.execute(f"COPY {table} FROM '{f}'")
        for rtype, rows in rels.items():
            by_pair: dict[tuple[str, str], list] = {}
            for s, t, props in rows:
                by_pair.setdefault((where[s], where[t]), []).append((s, t, props))
            for (a, b), prs in sorted(by_pair.items()):
                data = {"from": pa.array([s for s, _, _ in prs], pa.string()), "to": pa.array([t for _, t, _ in prs], pa.string())}
                props = [p for _, _, p in prs]
                for n, t, how in rel_cols:
                    data[n] = pa.array(_values(props, n, how), _arrow_type(pa, t))
                f = work / f"r-{rtype}-{a}-{b}.parquet"
                pq.write_table(pa.table(data), f)
                conn.execute(f"COPY {rtype} FROM '{f}' (from='{a}', to='{b}')")
        conn.execute("CHECKPOINT")
        conn.close()
        db.close()
        for f in work.glob("*.parquet"):
            f.unlink()
        meta = {"format": MIRROR_FORMAT, "ladybug": LADYBUG_VERSION,
                "nodes": sum(len(v) for v in nodes.values()), "relationships": sum(len(v) for v in rels.values()),
                "node_columns": {n: t for n, t, _ in node_cols}, "relationship_columns": {n: t for n, t, _ in rel_cols},
                "lossy_columns": sorted(n for n, _, how in node_cols + rel_cols if how == "json"),
                "build_seconds": round(time.perf_counter() - t0, 3)}
        (work / "mirror.json").write_text(json.dumps(meta, indent=1))
        os.replace(work, target)
        return meta
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


# -- using the mirror -----------------------------------------------------------------------------------


class Mirror:
    """An open, read-only LadybugDB mirror; queries run one connection each, with a time limit."""

    def __init__(self, path: Path):
        import ladybug

        self.path = path
        self.meta = json.loads((path / "mirror.json").read_text())
        self.db = ladybug.Database(str(path / "graph.lbdb"), read_only=True, max_db_size=MAX_DB_SIZE)
        self.catalog = catalog()
        self._ids: dict[tuple[int, int], str] | None = None
        self._table_ids: dict[int, str] | None = None
        self._lock = threading.Lock()

    def close(self) -> None:
        self.db.close()

    def connection(self):
        import ladybug

        return ladybug.Connection(self.db)

    def node_id(self, internal: dict) -> str | None:
        """Our `id` for a LadybugDB internal id {offset, table} (for relationship endpoints)."""
        with self._lock:
            if self._ids is None:
                conn = self.connection()
                ids: dict[tuple[int, int], str] = {}
                try:
                    for table in ALL_TABLES:
                        res = conn.execute(f"MATCH (n:{table}) RETURN id(n), n.id")
                        while res.has_next():
                            iid, nid = res.get_next()
                            ids[(iid["table"], iid["offset"])] = nid
                finally:
                    conn.close()
                self._ids = ids
        return self._ids.get((internal["table"], internal["offset"]))

    def run(self, query: str, params: dict, time_limit_ms: int, max_rows: int) -> tuple[list[str], list[list], bool, str]:
        text, renamed = translate_with_columns(query, self.catalog)
        conn = self.connection()
        timer = None
        timed_out = threading.Event()
        try:
            conn.set_query_timeout(max(1, int(time_limit_ms)))

            def stop():  # belt and braces: the engine's own timeout should fire first
                timed_out.set()
                try:
                    conn.interrupt()
                except Exception:  # noqa: BLE001 - the query may have just finished
                    pass

            timer = threading.Timer(time_limit_ms / 1000 + 1.0, stop)
            timer.daemon = True
            timer.start()
            try:
                result = conn.execute(text, params or {})
            except RuntimeError as exc:
                raise _explain(exc, time_limit_ms, timed_out.is_set()) from None
            except (ValueError, TypeError) as exc:  # the engine's conversion of a parameter value, e.g. a mixed list
                raise QueryFailed(f"a parameter value cannot be passed to the embedded engine: {exc}") from None
            columns = [renamed.get(c, c) for c in result.get_column_names()]
            rows, truncated = [], False
            while result.has_next():
                if len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append(result.get_next())
            result.close()
            return columns, rows, truncated, text
        finally:
            if timer is not None:
                timer.cancel()
            conn.close()


def _explain(exc: Exception, time_limit_ms: int, timed_out: bool) -> CypherError:
    msg = " ".join(str(exc).split())
    low = msg.lower()
    if timed_out or "interrupt" in low or "timeout" in low:
        return QueryTimeout(f"the query hit the time limit of {time_limit_ms} ms and was stopped "
                            "(raise it with REKG_QUERY_TIME_LIMIT_MS, or narrow the MATCH)")
    if "function" in low and "does not exist" in low:
        name = msg.split("function", 1)[1].split("does not exist")[0].strip()
        return UnsupportedFeature(f"the function {name.lower()}()")
    if "cannot execute write operations" in low or "read-only" in low:
        from rekg.graph.cypher.errors import WriteRefused

        return WriteRefused("the embedded mirror is read-only: analyst Cypher cannot write")
    if low.startswith("parser exception"):
        return UnsupportedFeature("this syntax", f"LadybugDB: {msg}")
    return QueryFailed(f"embedded engine (LadybugDB): {msg}")


_OPEN: dict[str, Mirror] = {}
_SNAPSHOTS: OrderedDict[int, tuple[object, Mirror]] = OrderedDict()
_OPEN_LOCK = threading.Lock()


def _graph_key(store) -> str:
    path = Path(store.path)
    if not path.exists():
        return "empty"
    st = path.stat()
    return f"{st.st_size:x}-{st.st_mtime_ns:x}"


def mirror_for_store(store) -> Mirror:
    """The mirror of a NetworkXStore's current graph file, built if missing or stale."""
    if getattr(store, "path", None) is None:  # an in-memory snapshot: mirror it in a temporary folder
        with _OPEN_LOCK:
            m = _SNAPSHOTS.get(id(store))
            if m is None or m[0] is not store:
                folder = Path(tempfile.mkdtemp(prefix="rekg-cypher-")) / "mirror"
                mirror = mirror_for_document(store.export(), store.extractions(), folder)
                # closed and deleted once nothing uses it: a query may still be running on an evicted one
                weakref.finalize(mirror, _discard, mirror.db, folder.parent)
                _SNAPSHOTS[id(store)] = (store, mirror)
                while len(_SNAPSHOTS) > SNAPSHOT_MIRRORS:
                    _SNAPSHOTS.popitem(last=False)
            _SNAPSHOTS.move_to_end(id(store))
            return _SNAPSHOTS[id(store)][1]
    key = f"v{MIRROR_FORMAT}-{LADYBUG_VERSION}-{_graph_key(store)}"
    root = Path(store.home) / "cypher"
    target = root / f"ladybug-{key}"
    with _OPEN_LOCK:
        m = _OPEN.get(str(target))
        if m is not None and target.exists():
            return m
        root.mkdir(parents=True, exist_ok=True)
        if not (target / "mirror.json").exists():
            with open(root / ".build.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                try:
                    if not (target / "mirror.json").exists():
                        build_mirror(store.export(), store.extractions(), target)
                        for old in root.glob("ladybug-*"):
                            if old != target and str(old) not in _OPEN:  # an open one goes when its last query ends
                                shutil.rmtree(old, ignore_errors=True)
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)
        for k in [k for k in _OPEN if Path(k).parent == root and k != str(target)]:
            stale = _OPEN.pop(k)  # a query may still be running on it: closed and deleted when nothing uses it
            weakref.finalize(stale, _discard, stale.db, stale.path)
        m = Mirror(target)
        _OPEN[str(target)] = m
        return m


def _discard(db, folder: Path) -> None:
    db.close()
    shutil.rmtree(folder, ignore_errors=True)


def mirror_for_document(doc: GraphDocument, extractions: Iterable[Extraction], folder: Path) -> Mirror:
    """A fresh mirror of an in-memory document (benchmarks, tests)."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    if folder.exists():
        shutil.rmtree(folder)
    build_mirror(doc, extractions, folder)
    return Mirror(folder)
