"""Request and response models of the HTTP API (api/app.py); they are also its OpenAPI schema.

Entities, relationships and evidence follow the graph model of schema.md; the API adds what a
reader of one answer needs next to it (article titles next to evidence, the direction of a
relationship relative to the entity asked about, counts, pagination).
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# --- errors --------------------------------------------------------------------------------


class EntityRef(BaseModel):
    """Just enough of an entity to name it and link to it."""

    id: str = Field(description="Stable slug; use it in /entities/{id}.")
    name: str = Field(description="Canonical display name.")
    labels: list[str] = Field(default_factory=list, description="Schema labels, primary first.")

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"id": "china-northern-rare-earth", "name": "China Northern Rare Earth", "labels": ["Organization", "SOE"]}]})


class Suggestion(EntityRef):
    score: float = Field(description="Fuzzy match score, 0..100 (100: exact or prefix).")


class ErrorDetail(BaseModel):
    location: str = Field(description="Where the problem is, e.g. `query.limit` or `body.text`.")
    message: str


class ErrorBody(BaseModel):
    model_config = ConfigDict(extra="allow")

    code: str = Field(description="Machine-readable reason: `validation_error`, `entity_not_found`, "
                                  "`article_not_found`, `not_found`, `payload_too_large`, `unauthorized`, "
                                  "`writes_disabled`, `store_unavailable`, `method_not_allowed`, `internal_error`, ...")
    message: str = Field(description="One sentence for a person.")
    id: str | None = Field(None, description="The id that was not found (404).")
    suggestions: list[Suggestion] | None = Field(None, description="Closest matches for an unknown id (404).")
    details: list[ErrorDetail] | None = Field(None, description="Each invalid parameter (422).")
    allowed: list[str] | None = Field(None, description="Accepted values, when a value is not one of them (422).")
    limit_bytes: int | None = Field(None, description="The body size limit (413).")


class ErrorResponse(BaseModel):
    """Every error answer has this shape, whatever the status code."""

    error: ErrorBody

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"error": {"code": "entity_not_found", "message": "no entity with id 'northern-rare-earth'",
                   "id": "northern-rare-earth",
                   "suggestions": [{"id": "china-northern-rare-earth", "name": "China Northern Rare Earth",
                                    "labels": ["Organization", "SOE"], "score": 95.0}]}}]})


# --- entities -------------------------------------------------------------------------------


class EntitySummary(EntityRef):
    aliases: list[str] = Field(default_factory=list, description="Other surface forms seen, acronyms included.")
    score: float | None = Field(None, description="Search score 0..100 when the list answers a query `q`.")


class EntityPage(BaseModel):
    items: list[EntitySummary]
    total: int = Field(description="How many entities match, over all pages.")
    limit: int
    offset: int
    q: str | None = Field(None, description="The search text, when searching.")
    label: str | None = None


class ArticleRef(BaseModel):
    id: str = Field(description="Article id (the file name without extension, or the id given at POST).")
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="ISO date when known.")


class EntityDetail(BaseModel):
    id: str
    name: str
    labels: list[str]
    aliases: list[str]
    properties: dict[str, Any] = Field(description="Label-specific properties (schema.md): titles, kind, date, ...")
    articles: list[ArticleRef] = Field(description="The articles that mention the entity.")

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "qu-ming", "name": "Qu Ming", "labels": ["Person"], "aliases": ["Qu"],
        "properties": {"titles": ["Chairman"]},
        "articles": [{"id": "northern-rare-earth-baotou-visit", "title": "Northern Rare Earth hosts ...",
                      "source": "Metals Asia Wire", "url": None, "published": "2024-06-03"}]}]})


class NodeOut(EntityRef):
    aliases: list[str] = Field(default_factory=list)
    properties: dict[str, Any] = Field(default_factory=dict)
    distance: int | None = Field(None, description="Hops from the entity asked about (neighbors only).")


class EvidenceOut(BaseModel):
    article: str = Field(description="Article id.")
    article_title: str | None = Field(None, description="The article's title, when known.")
    sentence: str = Field(description="The sentence the relationship was read from.")
    start: int = Field(description="Character offset of the sentence in the cleaned article text.")
    end: int


class RelationOut(BaseModel):
    type: str = Field(description="Relationship type (schema.md), e.g. LEADS.")
    source: str = Field(description="Id of the entity the relationship reads from.")
    target: str = Field(description="Id of the entity it reads to.")
    direction: Literal["out", "in"] | None = Field(
        None, description="Neighbors: `out` when the relationship starts at the entity asked about, `in` when it "
                          "ends there, null when it joins two other entities (depth > 1). Paths: `out` when it "
                          "points along the path (from `source` towards `target`), `in` when against it.")
    properties: dict[str, Any] = Field(default_factory=dict, description="role, date, ... where the text gives one.")
    confidence: float = Field(description="0..1: how sure the extraction is.")
    evidence: list[EvidenceOut] = Field(description="Sentences the relationship was read from (at most `max_evidence`).")
    evidence_count: int = Field(description="All evidence entries, including those left out.")


class NeighborsResponse(BaseModel):
    entity: NodeOut = Field(description="The entity asked about.")
    depth: int
    rel: list[str] | None = Field(None, description="Relationship types the walk was limited to.")
    label: list[str] | None = Field(None, description="Labels the reached entities were limited to.")
    entities: list[NodeOut] = Field(description="Reached entities (the entity itself first), nearest first.")
    relations: list[RelationOut]
    truncated: bool = Field(description="True when the answer was cut at REKG_QUERY_MAX_ROWS entities or relations.")


class PathOut(BaseModel):
    length: int = Field(description="Number of hops.")
    entities: list[NodeOut] = Field(description="From source to target, in order.")
    relations: list[RelationOut]


class PathsResponse(BaseModel):
    source: EntityRef
    target: EntityRef
    max_depth: int
    paths: list[PathOut] = Field(description="All shortest paths (up to `limit`); empty when none within max_depth.")


# --- events ---------------------------------------------------------------------------------


class Participant(EntityRef):
    role: str | None = None


class EventOut(BaseModel):
    id: str
    name: str
    kind: str | None = Field(None, description="conference, visit, exchange, meeting, approval, establishment, other.")
    date: str | None = Field(None, description="As stored: YYYY-MM-DD, YYYY-MM, or --MM-DD when the year is unknown.")
    end_date: str | None = None
    sort_date: str | None = Field(None, description="The date the timeline placed the event at (YYYY-MM-DD; the first "
                                                    "day for a month). Null when it could not be placed.")
    year_inferred: bool = Field(False, description="True when a yearless date took its year from the publication "
                                                   "date of the article that reports it.")
    locations: list[EntityRef] = Field(description="Where it was held (LOCATED_IN).")
    organizers: list[EntityRef] = Field(description="Who organised it (ORGANIZED).")
    participants: list[Participant] = Field(description="Who took part (PARTICIPATED_IN), with their role.")
    articles: list[str] = Field(description="Ids of the articles that report it.")


class EventPage(BaseModel):
    items: list[EventOut]
    total: int
    limit: int
    offset: int
    since: str | None = None
    until: str | None = None
    location: str | None = None


# --- articles -------------------------------------------------------------------------------


class ArticleSummary(ArticleRef):
    entity_count: int = Field(description="Entities read from the article (before cross-article resolution).")
    relation_count: int = Field(description="Relationships read from the article.")


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    total: int
    limit: int
    offset: int


class LocalEntityOut(BaseModel):
    local_id: str = Field(description="Id within this article (relations below refer to it).")
    name: str
    label: str
    kind: str | None = None
    aliases: list[str] = Field(default_factory=list)
    properties: dict[str, Any] = Field(default_factory=dict)
    mentions: int = Field(description="How many times the text names it.")
    rule: str = Field(description="The extraction rule that produced it.")


class LocalEvidenceOut(BaseModel):
    sentence: str
    start: int
    end: int


class LocalRelationOut(BaseModel):
    type: str
    source: str = Field(description="local_id of the source entity.")
    target: str = Field(description="local_id of the target entity.")
    source_name: str | None = None
    target_name: str | None = None
    properties: dict[str, Any] = Field(default_factory=dict)
    confidence: float
    rule: str = Field(description="The extraction rule that produced it.")
    evidence: LocalEvidenceOut


class ArticleDetail(ArticleRef):
    sha256: str = Field(description="Hash of the cleaned text; re-posting the same text changes nothing.")
    text_chars: int = Field(description="Length of the cleaned text evidence offsets point into.")
    entities: list[LocalEntityOut]
    relations: list[LocalRelationOut]


class ArticleIn(BaseModel):
    """One article to read into the graph."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "id": "baotou-visit-2024-06",
        "title": "Northern Rare Earth chairman visits Baotou institute",
        "source": "Metals Asia Wire",
        "url": "https://example.com/news/baotou-visit",
        "published": "2024-06-03",
        "text": "Northern Rare Earth Chairman Qu Ming visited Baotou Research Institute of Rare Earths on June 3.",
    }]})

    text: str = Field(min_length=1, pattern=r"\w", description="The article text (plain text, Markdown or HTML; see "
                      "`format`); it must contain a letter or digit. A text with nothing left after cleaning (only "
                      "boilerplate or markup) is refused with 422 `empty_article`.")
    id: str | None = Field(None, min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
                           description="Article id; posting the same id again replaces the article. "
                                       "Default: derived from the text, so the same text is one article.")
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=500, description="Publisher or outlet.")
    url: str | None = Field(None, max_length=4000)
    published: str | None = Field(None, max_length=100, description="Publication date; normalised to ISO when it parses.")
    format: Literal["text", "markdown", "html"] = Field("text", description="How to read `text`.")


class IngestResponse(BaseModel):
    article_id: str
    status: Literal["added", "updated", "unchanged"] = Field(
        description="added: new article; updated: same id, new text (its old facts were replaced); "
                    "unchanged: same id and text as stored, nothing was written.")
    entities: int = Field(description="Entities read from the article.")
    relations: int = Field(description="Relationships read from the article.")
    entity_ids: list[str] = Field(description="Graph entities the article now supports (after resolution).")

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "article_id": "baotou-visit-2024-06", "status": "added", "entities": 3, "relations": 2,
        "entity_ids": ["baotou-research-institute-of-rare-earths", "china-northern-rare-earth", "qu-ming"]}]})


# --- service --------------------------------------------------------------------------------


class StatsResponse(BaseModel):
    articles: int
    entities: int
    relations: int
    evidence: int = Field(description="Evidence sentences over all relationships.")
    labels: dict[str, int] = Field(description="Entities per label.")
    relation_types: dict[str, int] = Field(description="Relationships per type.")


class HealthResponse(BaseModel):
    status: Literal["ok"]
    store: str = Field(description="The store in use: networkx (embedded) or neo4j.")
    articles: int = Field(description="Articles stored (proves the store answered).")
