"""The graph model of ../shared/schema.md as pydantic models.

These are the boundaries: what an extraction produces, what a store holds and what
an export contains. Label and relationship names are the ones analysts type in Cypher.
"""
from __future__ import annotations

from operator import attrgetter
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PRIMARY_LABELS = ("Person", "Organization", "Event", "Location")
ORG_KINDS = ("SOE", "Company", "Institute", "University", "Association", "Agency", "Media")
EVENT_KINDS = ("conference", "visit", "exchange", "meeting", "approval", "establishment", "other")
LOCATION_KINDS = ("city", "province", "region", "country")
REL_TYPES = (
    "LEADS",
    "MEMBER_OF",
    "VISITED",
    "ORGANIZED",
    "PARTICIPATED_IN",
    "SUBSIDIARY_OF",
    "SUPERVISED_BY",
    "FOUNDED",
    "APPROVED",
    "LOCATED_IN",
)

RelType = Literal[
    "LEADS",
    "MEMBER_OF",
    "VISITED",
    "ORGANIZED",
    "PARTICIPATED_IN",
    "SUBSIDIARY_OF",
    "SUPERVISED_BY",
    "FOUNDED",
    "APPROVED",
    "LOCATED_IN",
]


class Evidence(BaseModel):
    """Where a relationship was read: the sentence, with offsets into the cleaned text."""

    model_config = ConfigDict(frozen=True)

    article: str
    sentence: str
    start: int
    end: int


class ArticleMeta(BaseModel):
    """A loaded source document, before extraction."""

    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    path: str | None = None


class Article(ArticleMeta):
    """A cleaned article: its text is what evidence offsets point into."""

    text: str
    sha256: str


class Entity(BaseModel):
    """A node of the exchange format (schema.md)."""

    id: str
    name: str
    labels: list[str]
    aliases: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    properties: dict[str, Any] = Field(default_factory=dict)

    @property
    def primary(self) -> str:
        return next((lab for lab in self.labels if lab in PRIMARY_LABELS), self.labels[0])


class Relation(BaseModel):
    """A relationship of the exchange format: one per (type, source, target), many evidence."""

    type: RelType
    source: str
    target: str
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = 1.0

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.type, self.source, self.target)


REL_KEY = attrgetter("type", "source", "target")  # Relation.key as a sort key, without a Python call per relation


class GraphDocument(BaseModel):
    """The whole graph in schema.md's JSON exchange format."""

    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    articles: list[ArticleMeta] = Field(default_factory=list)


# --- what one article yields, before cross-article resolution ------------------


class LocalEntity(BaseModel):
    """An entity as read from one article; `keys` are what resolution merges on."""

    local_id: str
    name: str
    label: str  # Person | Organization | Location | Event
    kind: str | None = None  # Organization second label, Location/Event kind
    kind_score: float = 0.0  # how sure the typing is (explicit cue > gazetteer > head noun)
    aliases: list[str] = Field(default_factory=list)
    strong_keys: list[str] = Field(default_factory=list)  # full names: merge on these
    weak_keys: list[str] = Field(default_factory=list)  # acronyms, short forms: attach only if unique
    properties: dict[str, Any] = Field(default_factory=dict)
    mentions: list[tuple[int, int]] = Field(default_factory=list)
    rule: str = ""


class LocalRelation(BaseModel):
    type: RelType
    source: str  # local ids
    target: str
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: Evidence
    confidence: float
    rule: str


class Extraction(BaseModel):
    """Everything read from one article: the unit a store keeps and resolution merges."""

    article: Article
    entities: list[LocalEntity] = Field(default_factory=list)
    relations: list[LocalRelation] = Field(default_factory=list)
