"""The embedded default: the graph in NetworkX, persisted as one file under REKG_HOME.

The file (`graph.jsonl`) is JSON Lines: a header with every article's text hash, the
resolved graph on one line, then one article extraction per line. Start-up reads only
the first two lines; the extractions are read when a write needs them (to re-resolve), and
their lines are kept, so that a rewrite copies every unchanged article's line instead of
serialising it again.
A process that writes more than once (a server) keeps the resolution of its first write and
updates it (loaders/resolve.py `Resolution`), patches the graph and reuses the JSON of what did
not change, so a later write of one article into 100k nodes costs a second or two, not a
re-derivation of everything.
Every write goes to a temporary file that is then renamed over the old one, so a
crash never leaves a half-written store; a lock file serialises writers (the CLI and
the API may share a home). Readers notice another process's write by the file's
modification time and reload.
"""
from __future__ import annotations

import fcntl
import json
import os
import tempfile
from bisect import bisect_left
from collections import deque
from contextlib import contextmanager
from operator import attrgetter
from pathlib import Path
from typing import Iterable, Iterator

import networkx as nx

from rekg.graph.model import REL_KEY, Entity, Extraction, GraphDocument, Relation
from rekg.graph.gc_pause import gc_frozen
from rekg.graph.store import GraphStore, SearchIndex, StoreError, Subgraph, WriteReport
from rekg.loaders.resolve import Resolution

FORMAT = 2
ENTITY_ID = attrgetter("id")
STORE_FILE = "graph.jsonl"


class NetworkXStore(GraphStore):
    def __init__(self, home: str | Path):
        self.home = Path(home)
        self.corrections_home = self.home
        self.path = self.home / STORE_FILE
        self._memory = False
        self._reset()
        self._load()

    def _reset(self) -> None:
        self._pinned = False
        self._mtime: float | None = None
        self._hashes: dict[str, str] = {}
        self._loaded: dict[str, Extraction] | None = {}
        self._lines: dict[str, bytes] = {}  # article id -> its line in the file (= model_dump_json + newline)
        self._doc = GraphDocument()
        self._index = None
        self._resolution: Resolution | None = None  # kept by a process that writes more than once
        self._incremental = False  # the last write updated the kept resolution
        self._json: dict[int, tuple[object, bytes]] = {}  # id(model) -> (model, its JSON), for _doc_line
        self.graph = nx.MultiDiGraph()

    @classmethod
    def snapshot(cls, extractions: list[Extraction], doc: GraphDocument) -> "NetworkXStore":
        """An in-memory, read-only store (as-of views, tests): it never touches a disk."""
        st = cls.__new__(cls)
        st.home = st.path = st.corrections_home = None
        st._memory = True
        st._reset()
        st._loaded = {e.article.id: e for e in extractions}
        st._hashes = {k: e.article.sha256 for k, e in st._loaded.items()}
        st._set_doc(doc)
        return st

    # -- persistence ------------------------------------------------------------------
    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            with self.path.open("rb") as fh, gc_frozen():
                header = json.loads(fh.readline())
                if header.get("format") != FORMAT:
                    raise StoreError(f"{self.path}: store format {header.get('format')!r}, this rekg reads format {FORMAT}")
                self._hashes = dict(header["hashes"])
                self._set_doc(GraphDocument.model_validate_json(fh.readline()))
            self._loaded = None  # extractions stay on disk until a write needs them
        except (json.JSONDecodeError, KeyError, ValueError, AttributeError) as exc:
            raise StoreError(f"{self.path}: not a readable rekg store ({str(exc).splitlines()[0]})") from None
        self._mtime = self.path.stat().st_mtime

    @property
    def _extractions(self) -> dict[str, Extraction]:
        if self._loaded is None:
            loaded, lines = {}, {}
            with self.path.open("rb") as fh, gc_frozen():
                fh.readline(), fh.readline()
                for line in fh:
                    ex = Extraction.model_validate_json(line)
                    loaded[ex.article.id] = ex
                    if line.endswith(b"\n"):
                        lines[ex.article.id] = line
            self._loaded, self._lines = loaded, lines
        return self._loaded

    def _refresh(self) -> None:
        if not (self._memory or self._pinned):
            self._follow()

    def _follow(self) -> None:
        """Load the file again if another process (or store instance) has replaced it."""
        try:
            mtime = self.path.stat().st_mtime
        except FileNotFoundError:
            mtime = None
        if mtime != self._mtime:
            self._reset()
            self._load()

    @contextmanager
    def pinned(self) -> Iterator[None]:
        self._refresh()
        was, self._pinned = self._pinned, True
        try:
            yield
        finally:
            self._pinned = was

    @contextmanager
    def _write_lock(self):
        if self._memory:
            raise StoreError("this is a read-only snapshot (an as-of view); write to the store itself")
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.home / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                self._follow()  # a write must start from the file's latest version, pinned or not
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _save(self) -> None:
        exts, lines = self._extractions, self._lines
        self._hashes = {k: exts[k].article.sha256 for k in sorted(exts)}
        fd, tmp = tempfile.mkstemp(dir=self.home, prefix=".graph-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(json.dumps({"format": FORMAT, "hashes": self._hashes}).encode() + b"\n")
                fh.write(self._doc_line() + b"\n")
                for k in self._hashes:
                    line = lines.get(k)
                    if line is None:
                        line = lines[k] = exts[k].model_dump_json().encode() + b"\n"
                    fh.write(line)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._mtime = self.path.stat().st_mtime

    def _doc_line(self) -> bytes:
        """The graph's line of the file. A process that writes again (a server) keeps each entity's,
        relationship's and article's JSON, and serialises only what is new since its last write:
        pydantic writes a model in a list exactly as on its own (tested), so the line is the same."""
        if not self._incremental:  # the first write of this process: one call is faster
            self._json = {}
            return self._doc.model_dump_json().encode()
        old, new = self._json, {}

        def js(obj) -> bytes:
            hit = old.get(id(obj))
            if hit is None or hit[0] is not obj:  # the object is kept with its JSON, so its id is not reused
                hit = (obj, obj.model_dump_json().encode())
            new[id(obj)] = hit
            return hit[1]

        d = self._doc
        line = b"".join([b'{"entities":[', b",".join(map(js, d.entities)), b'],"relations":[', b",".join(map(js, d.relations)),
                         b'],"articles":[', b",".join(map(js, d.articles)), b"]}"])
        self._json = new
        return line

    def _rederive(self, changed: list[Extraction] = (), deleted: list[str] = (), fresh: bool = False) -> None:
        """The graph after these articles changed. The first write of a process resolves every article; later
        ones re-resolve only what the changed articles reach (loaders/resolve.py), unless the corrections
        changed since."""
        kept, self._resolution = (None if fresh else self._resolution), None
        with gc_frozen():
            res, doc = self._resolve(kept, self._extractions.values, changed, deleted)
            self._incremental = res is kept
            self._set_doc(doc, res.changed)
        self._resolution = res

    def rebuild(self) -> None:
        with self._write_lock():
            self._rederive(fresh=True)
            self._save()

    def _set_doc(self, doc: GraphDocument, changed: tuple[set[str], set[tuple]] | None = None) -> None:
        """Show this graph; `changed` (entity ids, relationship keys) says what differs from the one shown."""
        self._doc = doc
        self._index = None
        self.graph = _multidigraph(doc) if changed is None else _patched_graph(self.graph, doc, *changed)

    def _search_index(self) -> SearchIndex:
        self._refresh()
        if self._index is None or self._index[0] is not self._doc:
            with gc_frozen():  # ~1M long-lived objects: frozen, or every full collection rescans them (~0.1 s)
                self._index = (self._doc, SearchIndex(self._doc.entities))
        return self._index[1]

    # -- writes -------------------------------------------------------------------------
    def put_extractions(self, extractions: Iterable[Extraction]) -> WriteReport:
        report = WriteReport()
        with self._write_lock():
            changed = {}
            for ex in extractions:
                old = self._hashes.get(ex.article.id)
                if old == ex.article.sha256:
                    report.unchanged.append(ex.article.id)
                    continue
                (report.updated if old else report.added).append(ex.article.id)
                self._extractions[ex.article.id] = changed[ex.article.id] = ex
                self._lines.pop(ex.article.id, None)
                self._hashes[ex.article.id] = ex.article.sha256
            if changed:
                self._rederive(list(changed.values()))
                self._save()
        return report

    def delete_article(self, article_id: str) -> bool:
        with self._write_lock():
            if article_id not in self._hashes:
                return False
            del self._extractions[article_id]
            self._lines.pop(article_id, None)
            del self._hashes[article_id]
            self._rederive(deleted=[article_id])
            self._save()
        return True

    # -- reads ------------------------------------------------------------------------------
    def article_hashes(self) -> dict[str, str]:
        self._refresh()
        return dict(self._hashes)

    def get_extraction(self, article_id: str) -> Extraction | None:
        self._refresh()
        return self._extractions.get(article_id)

    def extractions(self) -> list[Extraction]:
        self._refresh()
        return [self._extractions[k] for k in sorted(self._extractions)]

    def get_entity(self, entity_id: str) -> Entity | None:
        self._refresh()
        data = self.graph.nodes.get(entity_id)
        return data["entity"] if data else None

    def all_entities(self) -> list[Entity]:
        self._refresh()
        return list(self._doc.entities)

    def export(self) -> GraphDocument:
        self._refresh()
        return self._doc

    def neighbors(self, entity_id, depth=1, rel_types=None, labels=None) -> Subgraph:
        self._refresh()
        if entity_id not in self.graph:
            return Subgraph()
        return neighborhood(entity_id, depth, self._lookup, self._incident(), rel_types, labels)

    def _lookup(self, entity_id: str) -> Entity | None:
        data = self.graph.nodes.get(entity_id)
        return data["entity"] if data else None

    def _incident(self):
        g = self.graph

        def incident(node: str) -> list[Relation]:
            out = [d["relation"] for _, _, d in g.out_edges(node, data=True)]
            out += [d["relation"] for _, _, d in g.in_edges(node, data=True)]
            return out

        return incident

    def paths(self, source, target, max_depth=4, limit=10) -> list[Subgraph]:
        self._refresh()
        if source not in self.graph or target not in self.graph:
            return []
        return shortest_paths(source, target, max_depth, limit, self._lookup, self._incident())


def _multidigraph(doc: GraphDocument) -> nx.MultiDiGraph:
    """The same graph as add_node(id, entity=e) for every entity and add_edge(s, t, key=type,
    relation=r) for every relation, written straight into networkx's adjacency dicts (_node,
    _succ, _pred: the layout MultiDiGraph.add_edge builds), 3x faster than the method calls."""
    g = nx.MultiDiGraph()
    node, succ, pred = g._node, g._succ, g._pred
    for e in doc.entities:
        if e.id in node:
            node[e.id]["entity"] = e
            continue
        node[e.id] = {"entity": e}
        succ[e.id] = {}
        pred[e.id] = {}
    for r in doc.relations:
        s, t = r.source, r.target
        for n in (s, t):
            if n not in node:
                node[n] = {}
                succ[n] = {}
                pred[n] = {}
        keydict = succ[s].get(t)
        if keydict is None:
            keydict = succ[s][t] = pred[t][s] = {}
        data = keydict.get(r.type)
        if data is None:
            keydict[r.type] = {"relation": r}
        else:
            data["relation"] = r
    return g


def _patched_graph(old: nx.MultiDiGraph, doc: GraphDocument, ids: set[str], keys: set[tuple]) -> nx.MultiDiGraph:
    """The graph of `doc`, given the graph it differs from in these entities and relationships only:
    the adjacency dicts of unchanged nodes are shared, the changed ones copied, so `old` is never
    modified (a reader may be walking it) and a write that changed a few entities costs little."""
    g = nx.MultiDiGraph()
    node, succ, pred = g._node, g._succ, g._pred
    node.update(old._node)
    succ.update(old._succ)
    pred.update(old._pred)
    own_s, own_p = set(), set()  # nodes whose adjacency dict is this graph's own copy

    def out_of(n):
        if n not in own_s:
            succ[n] = dict(succ.get(n, {}))
            own_s.add(n)
        return succ[n]

    def into(n):
        if n not in own_p:
            pred[n] = dict(pred.get(n, {}))
            own_p.add(n)
        return pred[n]

    for k in keys:
        rel = _find(doc.relations, k, REL_KEY)
        rtype, s, t = k
        keydict = dict(succ.get(s, {}).get(t, {}))
        if rel is None:
            keydict.pop(rtype, None)
        else:
            keydict[rtype] = {"relation": rel}
            for n in (s, t):
                node.setdefault(n, {})
                succ.setdefault(n, {})
                pred.setdefault(n, {})
        if keydict:
            out_of(s)[t] = into(t)[s] = keydict
        elif t in succ.get(s, {}):
            del out_of(s)[t], into(t)[s]
    for i in ids:
        ent = _find(doc.entities, i, ENTITY_ID)
        if ent is not None:
            node[i] = {"entity": ent}
            succ.setdefault(i, {})
            pred.setdefault(i, {})
        elif succ.get(i) or pred.get(i):
            node[i] = {}  # as _multidigraph leaves an endpoint without an entity
        elif i in node:
            del node[i], succ[i], pred[i]
    return g


def _find(items: list, key, by):
    """The item of a sorted list with this key, or None."""
    i = bisect_left(items, key, key=by)
    return items[i] if i < len(items) and by(items[i]) == key else None


def neighborhood(start: str, depth: int, lookup, incident, rel_types=None, labels=None) -> Subgraph:
    """Nodes within `depth` hops, either direction; an edge is kept when it lies on such a path.

    Shared by both stores so that they give the same answer by construction.
    """
    dist = {start: 0}
    queue = deque([start])
    kept: dict[tuple, Relation] = {}
    while queue:
        node = queue.popleft()
        if dist[node] >= depth:
            continue
        for r in incident(node):
            if rel_types and r.type not in rel_types:
                continue
            other = r.target if r.source == node else r.source
            ent = lookup(other)
            if ent is None or (labels and other != start and not set(labels) & set(ent.labels)):
                continue
            kept[r.key] = r
            if other not in dist:
                dist[other] = dist[node] + 1
                queue.append(other)
    ents = sorted((lookup(n) for n in dist), key=lambda e: (dist[e.id], e.id))
    return Subgraph(entities=ents, relations=sorted(kept.values(), key=lambda r: r.key))


def shortest_paths(source: str, target: str, max_depth: int, limit: int, lookup, incident) -> list[Subgraph]:
    """All shortest undirected paths up to `max_depth` hops, in a stable order."""
    if source == target:
        return [Subgraph(entities=[lookup(source)])]
    dist, preds = {source: 0}, {source: []}
    frontier = [source]
    while frontier and target not in dist and dist[frontier[0]] < max_depth:
        nxt = []
        for node in frontier:
            for r in incident(node):
                other = r.target if r.source == node else r.source
                if lookup(other) is None:
                    continue
                if other not in dist:
                    dist[other] = dist[node] + 1
                    preds[other] = []
                    nxt.append(other)
                if dist[other] == dist[node] + 1 and node not in preds[other]:
                    preds[other].append(node)
        frontier = sorted(set(nxt))
    if target not in dist:
        return []
    node_paths: list[list[str]] = []
    stack = [(target, [])]  # depth first, predecessors in sorted order (a loop: no self-referencing closure)
    while stack and len(node_paths) < limit:
        node, acc = stack.pop()
        if node == source:
            node_paths.append([source, *reversed(acc)])
            continue
        stack.extend((p, [*acc, node]) for p in sorted(preds[node], reverse=True))
    out = []
    for path in sorted(node_paths):
        rels = []
        for a, b in zip(path, path[1:]):
            rels += sorted((r for r in incident(a) if {r.source, r.target} == {a, b}), key=lambda r: r.key)
        out.append(Subgraph(entities=[lookup(n) for n in path], relations=rels))
    return out
