"""The working document every extraction component reads and adds to.

A component is any callable `component(doc) -> None`; the pipeline runs them in order.
Each layer (sentences, mentions, entities, relations) is plain data, so a statistical
or LLM component can replace a rule-based one without touching the others.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from rekg.graph.model import Article, Evidence


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    heading: bool = False  # a title-like line without final punctuation


@dataclass
class Mention:
    """A span of text that names (or refers back to) something."""

    start: int
    end: int
    text: str
    label: str  # Person | Organization | Location | Title | Date | Proper (unknown capitalised name)
    rule: str
    kind: str | None = None  # org second label, location kind, title role ('lead'/'member')
    entity: str | None = None  # local entity id, set by coreference
    ref: bool = False  # a back-reference (surname, 'the group', 'it'), not a name
    data: dict[str, Any] = field(default_factory=dict)  # e.g. date values, defined acronym


@dataclass
class Rel:
    type: str
    source: str
    target: str
    sentence: Sentence
    rule: str
    confidence: float
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass
class EventRecord:
    local_id: str
    kind: str
    name: str
    date: str | None
    end_date: str | None
    sentences: list[Sentence]
    rule: str


@dataclass
class LocalEnt:
    local_id: str
    label: str
    name: str
    kind: str | None = None
    kind_score: float = 0.0
    aliases: set[str] = field(default_factory=set)
    weak: set[str] = field(default_factory=set)  # acronyms and short forms
    properties: dict[str, Any] = field(default_factory=dict)
    rule: str = ""


@dataclass
class Doc:
    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, LocalEnt] = field(default_factory=dict)
    events: list[EventRecord] = field(default_factory=list)
    relations: list[Rel] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    def in_sentence(self, s: Sentence, labels: tuple[str, ...] | None = None) -> list[Mention]:
        return [m for m in self.mentions if s.start <= m.start and m.end <= s.end and (labels is None or m.label in labels)]

    def evidence(self, s: Sentence) -> Evidence:
        return Evidence(article=self.article.id, sentence=s.text, start=s.start, end=s.end)

    def add_relation(self, type_: str, source: str | None, target: str | None, s: Sentence, rule: str, confidence: float, **props: Any) -> None:
        if not source or not target or source == target:
            return
        self.relations.append(Rel(type_, source, target, s, rule, confidence, {k: v for k, v in props.items() if v}))


class Component(Protocol):
    def __call__(self, doc: Doc) -> None: ...
