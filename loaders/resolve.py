"""Merge what single articles read into one graph, the same whatever order they came in.

Entities merge on strong keys (full names, former names, gazetteer names) through
union-find. Weak keys (acronyms, short forms) only attach an entity known by that
short form alone, and only when exactly one candidate has it: two full names never
merge through an acronym, and a listed "Baotou Magnet" never becomes "Baotou Magnet Group".
Ids are slugs of the chosen names, so they depend on the set of articles, not their order.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from operator import attrgetter
from typing import Iterable

from rekg.graph.corrections import Corrections
from rekg.graph.model import REL_KEY, Entity, Extraction, GraphDocument, LocalEntity, Relation

_META = ("id", "title", "source", "url", "published", "path")  # what the graph keeps of each article
_NOT_SLUG = re.compile(r"[^a-z0-9]+")

ORG_KIND_LABEL = {"soe": "SOE", "company": "Company", "institute": "Institute", "university": "University",
                  "association": "Association", "agency": "Agency", "media": "Media"}


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
    corrections = corrections or Corrections()
    exts = sorted(extractions, key=lambda x: x.article.id)
    nodes: dict[tuple[str, str], LocalEntity] = {}
    uf = _UnionFind()
    by_key: dict[str, tuple[str, str]] = {}
    for ex in exts:
        for ent in ex.entities:
            if ent.label == "Event":
                continue
            node = (ex.article.id, ent.local_id)
            nodes[node] = ent
            uf.find(node)
            for k in ent.strong_keys:
                if k in by_key:
                    uf.union(by_key[k], node)
                else:
                    by_key[k] = node
    # weak keys: an entity named only by a short form joins the one cluster that owns it
    weak_owners: dict[str, set] = defaultdict(set)
    for node, ent in nodes.items():
        for k in ent.weak_keys:
            weak_owners[k].add(uf.find(node))
    for node, ent in nodes.items():
        if ent.label != "Organization":
            continue
        own = "a:" + ent.name if ent.name.isupper() else None
        if own and own in weak_owners:
            owners = {uf.find(o) for o in weak_owners[own]} - {uf.find(node)}
            if len(owners) == 1:
                uf.union(node, owners.pop())
    clusters: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for node in nodes:
        clusters[uf.find(node)].append(node)
    groups = _split(list(clusters.values()), nodes, corrections.split_aliases())
    gid: dict[tuple[str, str], str] = {}
    entities: dict[str, Entity] = {}
    for members in sorted(groups):
        ent = _merge_cluster([(n[0], nodes[n]) for n in sorted(members)])
        ent.id = _unique_id(slugify(ent.name), ent, entities)
        entities[ent.id] = ent
        for n in members:
            gid[n] = ent.id
    for keep, drop in corrections.merges():
        _merge_into(keep, drop, entities, gid)
    _resolve_events(exts, gid, entities)
    relations = _merge_relations(exts, gid)
    used = {e for r in relations.values() for e in (r.source, r.target)}
    ents = [e for e in entities.values() if e.id in used or e.primary != "Event"]
    doc = GraphDocument(
        entities=sorted(ents, key=attrgetter("id")),
        relations=sorted(relations.values(), key=REL_KEY),
        articles=[{f: getattr(ex.article, f) for f in _META} for ex in exts],
    )
    return corrections.apply_after(doc)


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


def _merge_into(keep: str, drop: str, entities: dict[str, Entity], gid: dict) -> None:
    if keep not in entities or drop not in entities or keep == drop:
        return
    k, d = entities[keep], entities.pop(drop)
    k.aliases = sorted((set(k.aliases) | set(d.aliases) | {d.name}) - {k.name})
    k.articles = sorted(set(k.articles) | set(d.articles))
    for node, g in gid.items():
        if g == drop:
            gid[node] = keep


def _unique_id(base: str, ent: Entity, taken: dict[str, Entity]) -> str:
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


def _resolve_events(exts: list[Extraction], gid: dict, entities: dict[str, Entity]) -> None:
    """Events are named by who and where; the same occasion in two articles becomes one."""
    for ex in exts:
        for ev in [e for e in ex.entities if e.label == "Event"]:
            rels = [r for r in ex.relations if ev.local_id in (r.source, r.target)]

            def names(types, as_target=True):
                out = []
                for r in rels:
                    if r.type in types and (r.target if as_target else r.source) == ev.local_id:
                        other = r.source if as_target else r.target
                        g = gid.get((ex.article.id, other))
                        if g and g in entities:
                            out.append(entities[g].name)
                return list(dict.fromkeys(out))

            people = names({"PARTICIPATED_IN"})
            orgs = names({"ORGANIZED", "APPROVED"})
            places = names({"LOCATED_IN"}, as_target=False)
            kind = ev.properties.get("kind", "other")
            date = ev.properties.get("date")
            who = (people or orgs or [""])[0]
            where = f" in {places[0]}" if places else ""
            name = (f"{kind.capitalize()}: {who}{where}" if who else f"{kind.capitalize()}{where or ' in ' + ex.article.id}") + (f" ({date})" if date else "")
            eid = "ev-" + slugify(f"{kind} {who or ex.article.id} {places[0] if places else ''} {date or ''}", 80)
            gid[(ex.article.id, ev.local_id)] = eid
            if eid in entities:
                e = entities[eid]
                e.articles = sorted(set(e.articles) | {ex.article.id})
            else:
                entities[eid] = Entity(id=eid, name=name, labels=["Event"], articles=[ex.article.id], properties=dict(ev.properties))


def _merge_relations(exts: list[Extraction], gid: dict) -> dict[tuple, Relation]:
    out: dict[tuple, Relation] = {}
    for ex in exts:
        for r in ex.relations:
            src, dst = gid.get((ex.article.id, r.source)), gid.get((ex.article.id, r.target))
            if not src or not dst or src == dst:
                continue
            key = (r.type, src, dst)
            rel = out.get(key)
            if rel is None:
                rel = out[key] = Relation(type=r.type, source=src, target=dst, properties=dict(r.properties), confidence=r.confidence)
            else:
                for k, v in r.properties.items():
                    rel.properties.setdefault(k, v)
                rel.confidence = max(rel.confidence, r.confidence)
            if r.evidence not in rel.evidence:
                rel.evidence.append(r.evidence)
    for rel in out.values():
        if len(rel.evidence) > 1:
            rel.evidence.sort(key=attrgetter("article", "start", "end"))
    return out
