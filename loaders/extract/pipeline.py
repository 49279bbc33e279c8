"""The extraction pipeline: sentences -> mentions -> coreference -> typing -> events -> relations.

`Extractor.components` is a plain list; a statistical or LLM component that reads
and writes the same `Doc` layers can be inserted or swapped in without touching
the others.
"""
from __future__ import annotations

from rekg.graph.model import Article, Extraction, LocalEntity, LocalRelation
from rekg.loaders.extract.coref import Coreference
from rekg.loaders.extract.doc import Component, Doc, LocalEnt
from rekg.loaders.extract.events import EventFinder
from rekg.loaders.extract.mentions import MentionFinder
from rekg.loaders.extract.relations import RelationExtractor
from rekg.loaders.extract.sentences import split_sentences
from rekg.loaders.extract.typing import OrgTyper
from rekg.loaders.gazetteer import Gazetteer, load_gazetteer, norm_key, strip_legal_suffix


class Extractor:
    def __init__(self, components: list[Component] | None = None, gaz: Gazetteer | None = None):
        self.gaz = gaz or load_gazetteer()
        self.components: list[Component] = components or [
            split_sentences,
            MentionFinder(self.gaz),
            Coreference(self.gaz),
            OrgTyper(),
            EventFinder(),
            RelationExtractor(),
        ]

    def doc(self, article: Article) -> Doc:
        doc = Doc(article)
        for component in self.components:
            component(doc)
        return doc

    def __call__(self, article: Article) -> Extraction:
        return to_extraction(self.doc(article), self.gaz)


def to_extraction(doc: Doc, gaz: Gazetteer) -> Extraction:
    """The doc's entities and relations as the boundary model a store keeps."""
    used = {r.source for r in doc.relations} | {r.target for r in doc.relations}
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in doc.mentions:
        if m.entity:
            spans.setdefault(m.entity, []).append((m.start, m.end))
    entities = []
    for ent in doc.entities.values():
        if ent.label == "Event" and ent.local_id not in used:
            continue  # an occasion nobody is tied to is noise
        entities.append(_entity(ent, spans.get(ent.local_id, []), gaz))
    keep = {e.local_id for e in entities}
    relations = [
        LocalRelation(type=r.type, source=r.source, target=r.target, properties=r.properties, evidence=doc.evidence(r.sentence),
                      confidence=r.confidence, rule=r.rule)
        for r in doc.relations
        if r.source in keep and r.target in keep
    ]
    return Extraction(article=doc.article, entities=entities, relations=relations)


def _entity(ent: LocalEnt, spans: list[tuple[int, int]], gaz: Gazetteer) -> LocalEntity:
    props: dict = {}
    strong: list[str] = []
    weak = sorted(ent.weak)
    if ent.label == "Person":
        titles = list(dict.fromkeys(t for t in ent.properties.get("_titles", []) if t.lower() != "academician"))
        props["titles"] = titles
        if any(t.lower() == "academician" for t in ent.properties.get("_titles", [])):
            props["honorifics"] = ["academician"]
        strong = ["p:" + norm_key(ent.name)]
    elif ent.label == "Location":
        props["kind"] = ent.kind
        strong = ["l:" + norm_key(ent.name)]
    elif ent.label == "Organization":
        props["kind"] = (ent.kind or "Company").lower()
        names = [ent.name, *[a for a in ent.aliases if a not in ent.weak]]
        strong = sorted({"o:" + norm_key(strip_legal_suffix(n, gaz.legal_suffixes)) for n in names})
        body = gaz.body(ent.name)
        if body:
            strong.append("o:" + norm_key(body.name))
        weak = sorted({("a:" + w) if w.isupper() else ("o:" + norm_key(w)) for w in ent.weak})
    else:
        props = {k: v for k, v in ent.properties.items() if not k.startswith("_")}
    return LocalEntity(
        local_id=ent.local_id, name=ent.name, label=ent.label, kind=ent.kind, kind_score=ent.kind_score,
        aliases=sorted(a for a in ent.aliases if a != ent.name), strong_keys=sorted(set(strong)), weak_keys=weak,
        properties=props, mentions=sorted(spans), rule=ent.rule,
    )
