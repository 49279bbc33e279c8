"""Merge what single articles read into one graph, the same whatever order they came in.

Entities merge on strong keys (full names, former names, gazetteer names) through
union-find. Weak keys (acronyms, short forms) only attach an entity known by that
short form alone, and only when exactly one candidate has it: two full names never
merge through an acronym, and a listed "Baotou Magnet" never becomes "Baotou Magnet Group".
Ids are slugs of the chosen names, so they depend on the set of articles, not their order.

`Resolution` keeps what the graph was resolved from, so that a change to a few articles
re-resolves only what they can reach: every merge decision is made inside a *region*, the
article-level entities linked to each other by shared keys, so a region is resolved alone.
The first update resolves everything with the same code, and the result never depends on
how the articles were batched (tests compare random update sequences with one update).
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from operator import attrgetter
from typing import Iterable

from rekg.graph.corrections import Corrections
from rekg.graph.model import REL_KEY, ArticleMeta, Entity, Evidence, Extraction, GraphDocument, LocalEntity, LocalRelation, Relation

_META = ("id", "title", "source", "url", "published", "path")  # what the graph keeps of each article
_NOT_SLUG = re.compile(r"[^a-z0-9]+")

ORG_KIND_LABEL = {"soe": "SOE", "company": "Company", "institute": "Institute", "university": "University",
                  "association": "Association", "agency": "Agency", "media": "Media"}

Node = tuple[str, str]  # (article id, local id): an entity as one article read it
_ENTITY_ID = attrgetter("id")


def slugify(text: str, limit: int = 90) -> str:
    s = text
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower()
    s = _NOT_SLUG.sub("-", s).strip("-")
    return s[:limit].rstrip("-") or "x"


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def resolve(extractions: Iterable[Extraction], corrections: Corrections | None = None) -> GraphDocument:
    """The graph the articles support, with the analysts' corrections applied."""
    return Resolution(corrections).update(extractions)


def _own_key(ent: LocalEntity) -> str | None:
    """The weak key an organisation known only by its acronym joins through."""
    return "a:" + ent.name if ent.label == "Organization" and ent.name.isupper() else None


def _link_keys(ent: LocalEntity) -> list[str]:
    """Every key a merge decision about this entity can look at: entities that share none are
    resolved independently of it."""
    own = _own_key(ent)
    return [*ent.strong_keys, *ent.weak_keys, *([own] if own else [])]


def _id_base(ent: Entity) -> str:
    """The id an entity asks for; "ev-" starts only event ids, so no entity can take an event's id."""
    base = slugify(ent.name)
    return f"{base}-{ent.primary.lower()}" if base.startswith("ev-") else base


@dataclass(slots=True)
class _Group:
    """One resolved entity: the article-level entities it merges, in article order."""

    members: tuple[Node, ...]
    entity: Entity  # carries the group's current id
    base: str


def _first_member(g: _Group) -> Node:
    return g.members[0]


class Resolution:
    """The resolved graph of a set of articles, with what it was resolved from."""

    def __init__(self, corrections: Corrections | None = None) -> None:
        self.corrections = corrections or Corrections()
        self._splits = self.corrections.split_aliases()
        self._merges = self.corrections.merges()
        self.exts: dict[str, Extraction] = {}
        self._meta: dict[str, ArticleMeta] = {}
        self._nodes: dict[Node, LocalEntity] = {}  # every non-event article-level entity
        self._pos: dict[Node, int] = {}  # its place in its article (the order merge decisions are made in)
        self._by_key: dict[str, set[Node]] | None = None  # link key -> entities that have it (built when first asked)
        self._group_of: dict[Node, Node] = {}  # entity -> its group's first member
        self._groups: dict[Node, _Group] = {}
        self._key_of_id: dict[str, Node] = {}
        self._canon: dict[str, str] = {}  # merged-away id -> kept id
        self._merged: dict[str, Entity] = {}  # kept id -> the entity with what was merged into it
        self._names: dict[str, str] = {}  # final id -> the name events are named with
        self._gid: dict[Node, str] = {}  # article-level entity (events too) -> graph id
        self._events: dict[str, dict[tuple[str, int], tuple[str, dict]]] = defaultdict(dict)  # id -> (article, place) -> (name, props)
        self._art_events: dict[str, set[str]] = {}
        self._event_ent: dict[str, Entity] = {}
        self._rels: dict[str, list[tuple[tuple, LocalRelation]]] = {}  # article -> (key, its relation) in article order
        self._rel_arts: dict[tuple, set[str]] | None = None  # relationship -> its articles (built when first asked)
        self._relations: dict[tuple, Relation] = {}
        self._uses: Counter = Counter()  # event id -> relationships that use it (an unused event is left out)
        # the graph as last handed out, kept sorted, and what may have changed in it since
        self._out: dict[str, Entity] = {}
        self._out_list: list[Entity] = []  # by id
        self._rel_list: list[Relation] = []  # by (type, source, target)
        self._group_list: list[_Group] = []  # by first member: the order ids are given in
        self._dirty: set[str] = set()
        self._dirty_rels: set[tuple] = set()
        self._dirty_groups: set[Node] = set()
        self._all_dirty = False
        # what the last document changed: (entity ids, relationship keys), or None for "maybe everything"
        self.changed: tuple[set[str], set[tuple]] | None = None

    # -- the one entry point -------------------------------------------------------------
    def update(self, extractions: Iterable[Extraction] = (), deleted: Iterable[str] = ()) -> GraphDocument:
        """Add or replace these articles, drop the deleted ones, and return the whole graph."""
        changed = {ex.article.id: ex for ex in extractions}
        gone = (set(deleted) | changed.keys()) & self.exts.keys()
        first = self._all_dirty = not self.exts
        old_region = self._reach([n for a in gone for n in self._article_nodes(a)])
        dropped = {self._group_of[n] for n in old_region}
        for a in gone:
            self._remove(a)
        for a in sorted(changed):
            self._add(changed[a])
        if first:
            order = list(self._nodes)  # added in article order
        else:
            seeds = [n for a in changed for n in self._article_nodes(a)] + [n for n in old_region if n in self._nodes]
            region = self._reach(seeds)
            dropped |= {self._group_of[n] for n in region if n in self._group_of}
            order = sorted(region, key=lambda n: (n[0], self._pos[n]))
        touched = self._regroup(order, dropped, gone | changed.keys())
        touched |= self._assign_ids()
        touched |= self._apply_merges(touched)
        arts = set(changed) | self._regid(touched)
        self._redo_events(arts | gone)
        self._redo_relations(arts | gone)
        return self.document()

    def document(self) -> GraphDocument:
        """The graph: every entity, the events some relationship uses, sorted as the exchange format is."""
        everything = self._all_dirty or len(self._dirty) > len(self._out) // 16
        if everything:  # a first update, or many changes: all again
            self._out = {g.entity.id: self._merged.get(g.entity.id, g.entity) for g in self._group_list
                         if g.entity.id not in self._canon}
            self._out.update((eid, e) for eid, e in self._event_ent.items() if self._uses[eid])
        else:
            for i in self._dirty:
                ent = self._output(i)
                if ent is None:
                    self._out.pop(i, None)
                else:
                    self._out[i] = ent
        self._out_list = _patched(self._out_list, None if everything else self._dirty, self._out, _ENTITY_ID)
        self._rel_list = _patched(self._rel_list, None if self._all_dirty else self._dirty_rels, self._relations, REL_KEY)
        self.changed = None if self._all_dirty else (self._dirty, self._dirty_rels)
        self._dirty, self._dirty_rels, self._all_dirty = set(), set(), False
        doc = GraphDocument.model_construct(
            entities=list(self._out_list),
            relations=list(self._rel_list),
            articles=[self._meta[a] for a in sorted(self.exts)],
        )
        if not self.corrections.items:
            return doc
        edited = {c.args["entity"] for c in self.corrections.items if c.op in ("rename", "relabel")}
        doc.entities = [e.model_copy(update={"properties": dict(e.properties)}) if e.id in edited else e for e in doc.entities]
        if self.changed is not None:
            self.changed[0].update(edited)
            self.changed[1].update((c.args["type"], c.args["source"], c.args["target"]) for c in self.corrections.items
                                   if c.op in ("delete_relation", "add_relation"))
        return self.corrections.apply_after(doc)  # renames and relabels edit these copies, not the kept entities

    def _output(self, eid: str) -> Entity | None:
        """What the graph shows under this id: an entity (merged, if analysts merged others into it),
        an event some relationship uses, or nothing."""
        if eid.startswith("ev-"):
            return self._event_ent.get(eid) if self._uses[eid] else None
        key = self._key_of_id.get(eid)
        if key is None or eid in self._canon:
            return None
        return self._merged.get(eid, self._groups[key].entity)

    # -- articles in and out -------------------------------------------------------------
    def _article_nodes(self, article_id: str) -> list[Node]:
        return [(article_id, e.local_id) for e in self.exts[article_id].entities if e.label != "Event"]

    def _add(self, ex: Extraction) -> None:
        a = ex.article.id
        self.exts[a] = ex
        self._meta[a] = ArticleMeta(**{f: getattr(ex.article, f) for f in _META})
        for pos, ent in enumerate(ex.entities):
            if ent.label == "Event":
                continue
            node = (a, ent.local_id)
            self._nodes[node] = ent
            self._pos[node] = pos
            if self._by_key is not None:
                for k in _link_keys(ent):
                    self._by_key.setdefault(k, set()).add(node)

    def _remove(self, article_id: str) -> None:
        for e in self.exts.pop(article_id).entities:
            node = (article_id, e.local_id)
            self._gid.pop(node, None)
            ent = self._nodes.pop(node, None)
            if ent is None:
                continue
            del self._pos[node]
            self._group_of.pop(node, None)
            for k in _link_keys(ent) if self._by_key is not None else ():
                owners = self._by_key[k]
                owners.discard(node)
                if not owners:
                    del self._by_key[k]
        del self._meta[article_id]

    def _reach(self, seeds: list[Node]) -> set[Node]:
        """The entities linked to these by shared keys, transitively: the region their merges live in."""
        if not seeds:
            return set()
        if self._by_key is None:
            self._by_key = defaultdict(set)
            for node, ent in self._nodes.items():
                for k in _link_keys(ent):
                    self._by_key[k].add(node)
        seen, stack, keys = set(seeds), list(seeds), set()
        while stack:
            for k in _link_keys(self._nodes[stack.pop()]):
                if k in keys:
                    continue
                keys.add(k)
                for m in self._by_key.get(k, ()):
                    if m not in seen:
                        seen.add(m)
                        stack.append(m)
        return seen

    # -- entities ------------------------------------------------------------------------
    def _regroup(self, order: list[Node], dropped: set[Node], dirty: set[str]) -> set[Node]:
        """Resolve a region (its entities in article order) again; the groups that are new or gone
        (a group whose members and articles are as before keeps its entity)."""
        old = {key: self._groups.pop(key) for key in dropped}
        self._dirty |= {g.entity.id for g in old.values()}
        self._dirty_groups |= dropped
        nodes = self._nodes if not self._splits else {n: self._nodes[n] for n in order}  # _split renames in its copy
        uf = _UnionFind()
        by_key: dict[str, Node] = {}
        for node in order:
            uf.find(node)
            for k in nodes[node].strong_keys:
                if k in by_key:
                    uf.union(by_key[k], node)
                else:
                    by_key[k] = node
        # weak keys: an entity named only by a short form joins the one cluster that owns it
        weak_owners: dict[str, set] = defaultdict(set)
        for node in order:
            for k in nodes[node].weak_keys:
                weak_owners[k].add(uf.find(node))
        for node in order:
            own = _own_key(nodes[node])
            if own and own in weak_owners:
                owners = {uf.find(o) for o in weak_owners[own]} - {uf.find(node)}
                if len(owners) == 1:
                    uf.union(node, owners.pop())
        clusters: dict[Node, list[Node]] = defaultdict(list)
        for node in order:
            clusters[uf.find(node)].append(node)
        touched = set(dropped)
        for members in _split(list(clusters.values()), nodes, self._splits):
            key, members = members[0], tuple(members)
            prev = old.get(key)
            if prev and prev.members == members and not any(n[0] in dirty for n in members):
                self._groups[key] = prev
                touched.discard(key)
            else:
                ent = _merge_cluster([(n[0], nodes[n]) for n in sorted(members)])
                self._groups[key] = _Group(members, ent, _id_base(ent))
                touched.add(key)
            for n in members:
                self._group_of[n] = key
            self._dirty_groups.add(key)
        return touched

    def _assign_ids(self) -> set[Node]:
        """Ids in the order of the groups' first members, a suffix for a taken slug; the groups
        whose id changed (a new group can take a slug another held)."""
        self._group_list = _patched(self._group_list, self._dirty_groups, self._groups, _first_member)
        self._dirty_groups = set()
        taken: dict[str, Node] = {}
        changed = set()
        for g in self._group_list:
            key = g.members[0]
            gid = _unique_id(g.base, g.entity, taken)
            taken[gid] = key
            if g.entity.id != gid:
                self._dirty.update((g.entity.id, gid))
                if g.entity.id:  # the entity may be in a graph already handed out: a copy gets the new id
                    g.entity = g.entity.model_copy(update={"id": gid})
                else:
                    g.entity.id = gid
                changed.add(key)
        self._key_of_id = taken
        return changed

    def _apply_merges(self, touched: set[Node]) -> set[Node]:
        """The analysts' merges, in order, as a map from dropped ids to kept ones; the groups
        whose final id or merged entity may have changed."""
        ids = self._key_of_id
        canon: dict[str, str] = {}
        merged: dict[str, Entity] = {}
        alive = set(ids)
        for keep, drop in self._merges:
            if keep == drop or keep not in alive or drop not in alive:
                continue
            alive.discard(drop)
            k = merged.get(keep) or self._groups[ids[keep]].entity.model_copy()
            d = merged.pop(drop, None) or self._groups[ids[drop]].entity
            k.aliases = sorted((set(k.aliases) | set(d.aliases) | {d.name}) - {k.name})
            k.articles = sorted(set(k.articles) | set(d.articles))
            merged[keep] = k
            canon = {x: keep if y == drop else y for x, y in canon.items()}
            canon[drop] = keep
        involved = {ids[i] for pair in self._merges for i in pair if i in ids}
        also = involved if canon != self._canon or touched & involved else set()
        if also:
            self._dirty.update(i for pair in self._merges for i in pair)
        self._canon, self._merged = canon, merged
        return also

    def _regid(self, touched: set[Node]) -> set[str]:
        """Point the article-level entities of these groups at their final ids; the articles whose
        events or relationships may read differently (an id or an entity's name changed)."""
        arts: set[str] = set()
        renamed = set()
        gid, names, canon, merged = self._gid, self._names, self._canon, self._merged
        for key in touched:
            g = self._groups.get(key)
            if g is None:
                continue
            fid = canon.get(g.entity.id, g.entity.id)
            name = merged[fid].name if fid in merged else self._groups[self._key_of_id[fid]].entity.name
            if names.get(fid) != name:
                names[fid] = name
                renamed.add(fid)
            for n in g.members:
                if gid.get(n) != fid:
                    gid[n] = fid
                    arts.add(n[0])
        if renamed and len(arts) < len(self.exts):  # events elsewhere name these entities
            for key in touched:
                g = self._groups.get(key)
                if g and canon.get(g.entity.id, g.entity.id) in renamed:
                    arts.update(n[0] for n in g.members)
        return arts

    # -- events and relationships -----------------------------------------------------------
    def _redo_events(self, arts: set[str]) -> None:
        """Events are named by who and where; the same occasion in two articles becomes one."""
        touched = set()
        for a in arts:
            for eid in self._art_events.pop(a, ()):
                sources = self._events[eid]
                for src in [s for s in sources if s[0] == a]:
                    del sources[src]
                touched.add(eid)
            ex = self.exts.get(a)
            if ex is None:
                continue
            for pos, ev in enumerate(ex.entities):
                if ev.label != "Event":
                    continue
                eid, name = self._event_name(ex, ev)
                self._events[eid][(a, pos)] = (name, ev.properties)
                self._gid[(a, ev.local_id)] = eid
                self._art_events.setdefault(a, set()).add(eid)
                touched.add(eid)
        self._dirty |= touched
        for eid in touched:
            sources = self._events.get(eid)
            if not sources:
                self._events.pop(eid, None)
                self._event_ent.pop(eid, None)
                continue
            name, props = sources[min(sources)]
            self._event_ent[eid] = Entity(id=eid, name=name, labels=["Event"], articles=sorted({s[0] for s in sources}),
                                          properties=dict(props))

    def _event_name(self, ex: Extraction, ev: LocalEntity) -> tuple[str, str]:
        a = ex.article.id
        rels = [r for r in ex.relations if ev.local_id in (r.source, r.target)]

        def names(types, as_target=True):
            out = []
            for r in rels:
                if r.type in types and (r.target if as_target else r.source) == ev.local_id:
                    node = (a, r.source if as_target else r.target)
                    if node in self._nodes:
                        fid = self._gid[node]
                        out.append(self._names[fid])
            return list(dict.fromkeys(out))

        people = names({"PARTICIPATED_IN"})
        orgs = names({"ORGANIZED", "APPROVED"})
        places = names({"LOCATED_IN"}, as_target=False)
        kind = ev.properties.get("kind", "other")
        date = ev.properties.get("date")
        who = (people or orgs or [""])[0]
        where = f" in {places[0]}" if places else ""
        name = (f"{kind.capitalize()}: {who}{where}" if who else f"{kind.capitalize()}{where or ' in ' + a}") + (f" ({date})" if date else "")
        eid = "ev-" + slugify(f"{kind} {who or a} {places[0] if places else ''} {date or ''}", 80)
        return eid, name

    def _redo_relations(self, arts: set[str]) -> None:
        """One relationship per (type, source, target), folded over its articles in article order."""
        every = len(arts) >= len(self.exts)  # fold them all: no need to know a relationship's articles
        index = None if every else self._relation_index()
        gid = self._gid
        touched: set[tuple] = set()
        for a in arts:
            for key, _ in self._rels.pop(a, ()):
                if index is not None:
                    index[key].discard(a)
                touched.add(key)
            ex = self.exts.get(a)
            if ex is None:
                continue
            mine = []
            for r in ex.relations:
                src, dst = gid.get((a, r.source)), gid.get((a, r.target))
                if src and dst and src != dst:
                    key = (r.type, src, dst)
                    mine.append((key, r))
                    touched.add(key)
                    if index is not None:
                        index[key].add(a)
            if mine:
                self._rels[a] = mine
        if every:
            self._rel_arts = None
            self._relations = _fold(self._rels, sorted(self._rels))
            self._uses = Counter(end for key in self._relations for end in key[1:] if end.startswith("ev-"))
            self._all_dirty = True
            return
        folded = _fold(self._rels, sorted({a for key in touched for a in index.get(key, ())}), touched)
        for key in touched:
            rel = folded.get(key)
            was = key in self._relations
            if rel is None:
                self._relations.pop(key, None)
                index.pop(key, None)
            else:
                self._relations[key] = rel
            if was != (rel is not None):
                for end in key[1:]:
                    if end.startswith("ev-"):
                        self._uses[end] += 1 if rel is not None else -1
                        self._dirty.add(end)
        self._dirty_rels |= touched

    def _relation_index(self) -> dict[tuple, set[str]]:
        if self._rel_arts is None:
            self._rel_arts = defaultdict(set)
            for a, mine in self._rels.items():
                for key, _ in mine:
                    self._rel_arts[key].add(a)
        return self._rel_arts


def _fold(rels: dict[str, list], arts: list[str], only: set | None = None) -> dict[tuple, Relation]:
    """The relationships these articles state (those in `only`): the first statement's properties,
    then any the others add, the highest confidence, every distinct evidence in article order."""
    out: dict[tuple, Relation] = {}
    seen: dict[tuple, set[Evidence]] = {}  # for long lists: a hub's tie has thousands of sentences
    for a in arts:
        for key, r in rels[a]:
            if only is not None and key not in only:
                continue
            rel = out.get(key)
            if rel is None:
                rel = out[key] = Relation(type=r.type, source=key[1], target=key[2], properties=dict(r.properties),
                                          confidence=r.confidence)
            else:
                for k, v in r.properties.items():
                    rel.properties.setdefault(k, v)
                rel.confidence = max(rel.confidence, r.confidence)
            if len(rel.evidence) < 16:  # a short list is searched faster than evidence is hashed
                if r.evidence not in rel.evidence:
                    rel.evidence.append(r.evidence)
                continue
            have = seen.get(key)
            if have is None:
                have = seen[key] = set(rel.evidence)
            if r.evidence not in have:
                have.add(r.evidence)
                rel.evidence.append(r.evidence)
    for rel in out.values():
        if len(rel.evidence) > 1:
            rel.evidence.sort(key=attrgetter("article", "start", "end"))
    return out


def _patched(items: list, dirty: set | None, present: dict, key) -> list:
    """`present`'s values in the order of their keys, from the last such list and the keys that may
    have changed since: a few by bisection, many by sorting again."""
    if dirty is None or len(dirty) > len(items) // 16:
        return [present[k] for k in sorted(present)]
    for k in dirty:
        i = bisect_left(items, k, key=key)
        there = i < len(items) and key(items[i]) == k
        if k in present:
            if there:
                items[i] = present[k]
            else:
                items.insert(i, present[k])
        elif there:
            del items[i]
    return items


def _split(clusters: list[list], nodes: dict, splits: dict[str, set[str]]) -> list[list]:
    """Corrections that say an alias is another entity: every article-level entity that
    used that name leaves the cluster and forms a new entity named by the alias."""
    if not splits:
        return clusters
    out = []
    for members in clusters:
        provisional = slugify(_merge_cluster([(n[0], nodes[n]) for n in sorted(members)]).name)
        wanted = {slugify(a): a for a in splits.get(provisional, ())}
        if not wanted:
            out.append(members)
            continue
        rest, apart = [], defaultdict(list)
        for n in members:
            e = nodes[n]
            used = sorted(({slugify(e.name)} | {slugify(a) for a in e.aliases}) & set(wanted))
            if used:
                alias = wanted[used[0]]
                nodes[n] = e.model_copy(update={"name": alias, "aliases": [], "rule": "correction:split"})
                apart[alias].append(n)
            else:
                rest.append(n)
        out += [g for g in [rest, *apart.values()] if g]
    return out


def _unique_id(base: str, ent: Entity, taken: dict) -> str:
    if base not in taken:
        return base
    base = f"{base}-{ent.primary.lower()}"
    n, cand = 2, base
    while cand in taken:
        cand = f"{base}-{n}"
        n += 1
    return cand


def _merge_cluster(members: list[tuple[str, LocalEntity]]) -> Entity:
    label = members[0][1].label
    if len(members) == 1:  # most clusters: nothing to vote on
        art, e = members[0]
        name, articles = e.name, [art]
        aliases = sorted(set(e.aliases) - {name})
    else:
        name_votes = Counter(e.name for _, e in members)
        gazetteer = {e.name for _, e in members if e.rule == "org:gazetteer"}
        # each key ends with the name itself, so the minimum is unique: the head of the sorted order
        if gazetteer:
            name = min(gazetteer, key=lambda n: (-len(n), n))
        else:
            name = min(name_votes, key=lambda n: (-name_votes[n], -_capitalised(n), -len(n), n))
        aliases = sorted({a for _, e in members for a in [e.name, *e.aliases]} - {name})
        articles = sorted({art for art, _ in members})
    props: dict = {}
    labels = [label]
    if label == "Person":
        props["titles"] = list(dict.fromkeys(t for _, e in members for t in e.properties.get("titles", [])))
        hon = sorted({h for _, e in members for h in e.properties.get("honorifics", [])})
        if hon:
            props["honorifics"] = hon
    elif label == "Organization":
        best = max(members, key=lambda m: (m[1].kind_score, m[1].properties.get("kind", "")))
        kind = best[1].properties.get("kind") or "company"
        labels.append(ORG_KIND_LABEL.get(kind, "Company"))
        props["kind"] = kind
    elif label == "Location":
        props["kind"] = members[0][1].properties.get("kind") or "city"
    return Entity(id="", name=name, labels=labels, aliases=aliases, articles=articles, properties=props)


def _capitalised(name: str) -> int:
    return sum(1 for w in name.split() if w[:1].isupper())
