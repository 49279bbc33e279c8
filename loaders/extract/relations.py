"""Read relationships from sentence templates with general English patterns.

Each rule is named; the name travels with the relationship so `rekg explain` can say
why an edge exists. Patterns are about how English news states a tie ("X, chairman
of Y", "A under B", "was approved by"), never about particular names.
"""
from __future__ import annotations

import re

from rekg.loaders.extract.doc import Doc
from rekg.loaders.extract.prefilter import Guard, lowered
from rekg.loaders.extract.relations_events import EventRules
from rekg.loaders.extract.relations_orgs import OrgRules
from rekg.loaders.extract.relations_people import DEPUTY, PeopleRules
from rekg.loaders.extract.template import SLOT, build_template

LIST_ITEM = re.compile(r"(?:, and |,? and |, |,? as well as |,? along with |,? together with )?(?:the |The )?(?:§O\d+§'s? )?(?:[a-z-]+ )?§([OP])(\d+)§")
NESTED = re.compile(r"(?: under| of| at| affiliated to| within) (?:the )?§O\d+§| ?\(§O\d+§\)")


class RelationExtractor(PeopleRules, OrgRules, EventRules):
    """Component: add `Rel`s to the doc from every sentence's template."""

    def __init__(self) -> None:
        # each rule with the literals its match must hold: most rules are skipped on most sentences without a search
        self.rules = [(name, pattern, handler, Guard(pattern))
                      for name, pattern, handler in [*self.people_rules(), *self.org_rules()]]

    def __call__(self, doc: Doc) -> None:
        self.doc = doc
        self.leaders: list[str] = []  # who led the visiting delegation
        self.visited: list[tuple[str, object]] = []  # (place or body visited, sentence)
        self.listing: dict[str, str | bool | None] = {}  # a notice's numbered list: its approver and current item
        for s in doc.sentences:
            tpl = build_template(doc, s)
            if len(tpl.slots) < 1:
                self._listed_item(tpl)
                continue
            self.tpl = tpl
            low = lowered(tpl.text)
            for name, pattern, handler, needs in self.rules:
                if not needs.may_match(tpl.text, low):
                    continue
                pos = 0
                while (m := pattern.search(tpl.text, pos)):
                    handler(m, name)
                    # go on from the match's last slot, so a chain 'A under B under C' gives A-B and B-C
                    last_slot = max((x.start() for x in SLOT.finditer(m.group())), default=0)
                    pos = m.start() + max(last_slot, 1)
            self._listed_item(tpl)
            self._visits(tpl)
            self._events(tpl)
        self._leaders_visited()
        self._nested_units()
        self._person_titles()
        self._prune()

    # -- helpers --------------------------------------------------------------
    def add(self, type_: str, src, dst, rule: str, conf: float, **props) -> None:
        self.doc.add_relation(type_, src, dst, self.tpl.sentence, rule, conf, **props)

    def e(self, i) -> str | None:
        return self.tpl.entity(i)

    def label(self, i) -> str:
        return self.tpl.slot(i).label

    def list_entities(self, fragment: str, codes: str = "O") -> list[str]:
        """The items of a list that opens `fragment`: 'A, the B under C, and D' -> A, B, D."""
        out, pos = [], 0
        while True:
            m = LIST_ITEM.match(fragment, pos)
            if not m:
                break
            if m.group(1) in codes and self.e(m.group(2)):
                out.append(self.e(m.group(2)))
            pos = m.end()
            nested = NESTED.match(fragment, pos)  # 'X under the Y', 'X (Y)': Y is not an item
            if nested:
                pos = nested.end()
        return out

    # -- tidy up --------------------------------------------------------------------
    def _nested_units(self) -> None:
        """'Powder Metallurgy Branch of the X Association' is a unit of the association."""
        doc = self.doc
        spans = {(m.start, m.end): m for m in doc.mentions if m.label == "Organization" and m.entity}
        for m in doc.mentions:
            inner = spans.get(m.data.get("inner")) if m.entity else None
            if inner:
                s = next(s for s in doc.sentences if s.start <= m.start < s.end)
                doc.add_relation("SUBSIDIARY_OF", m.entity, inner.entity, s, "unit-of-body", 0.75)

    def _person_titles(self) -> None:
        """Titles written next to a name ('Chairman Tang Wei') belong to the person."""
        doc = self.doc
        ms = doc.mentions
        for i, m in enumerate(ms):
            if m.label != "Title":
                continue
            nxt = next((x for x in ms[i + 1:] if x.start >= m.end), None)
            if nxt and nxt.label == "Person" and nxt.entity and doc.text[m.end:nxt.start] in (" ", ""):
                doc.entities[nxt.entity].properties.setdefault("_titles", []).append(m.data["title"])

    def _prune(self) -> None:
        """One person-org tie per pair: leading beats plain membership; drop self-loops and non-org targets."""
        doc = self.doc
        leads = {(r.source, r.target) for r in doc.relations if r.type == "LEADS"}
        strong_members = {(r.source, r.target) for r in doc.relations if r.type == "MEMBER_OF" and r.rule != "person-of-org"}
        kept = []
        for r in doc.relations:
            if r.type == "MEMBER_OF" and (r.source, r.target) in leads and not DEPUTY.match(r.properties.get("role", "")):
                continue
            if r.rule == "person-of-org" and (r.source, r.target) in strong_members:
                continue
            if not _types_ok(doc, r.type, r.source, r.target):
                continue
            kept.append(r)
        doc.relations = kept


ENDPOINTS = {
    "LEADS": ({"Person"}, {"Organization"}),
    "MEMBER_OF": ({"Person"}, {"Organization"}),
    "VISITED": ({"Person", "Organization"}, {"Organization", "Location"}),
    "ORGANIZED": ({"Organization"}, {"Event", "Organization"}),
    "PARTICIPATED_IN": ({"Person", "Organization"}, {"Event"}),
    "SUBSIDIARY_OF": ({"Organization"}, {"Organization"}),
    "SUPERVISED_BY": ({"Organization"}, {"Organization"}),
    "FOUNDED": ({"Organization", "Person"}, {"Organization"}),
    "APPROVED": ({"Organization"}, {"Organization", "Event"}),
    "LOCATED_IN": ({"Organization", "Event", "Location"}, {"Location"}),
}


def _types_ok(doc: Doc, type_: str, src: str, dst: str) -> bool:
    a, b = doc.entities.get(src), doc.entities.get(dst)
    if not a or not b or src == dst:
        return False
    allowed_src, allowed_dst = ENDPOINTS[type_]
    return a.label in allowed_src and b.label in allowed_dst
