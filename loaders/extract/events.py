"""Find the occasions an article reports: conferences, visits, approvals, foundings, signings.

A news article usually reports one occasion of each family, mentioned many times
("the conference", "the event", "the visit"); so triggers of one family in one article
are one event. Its date is the first date in a trigger sentence (the article's year
when the text gives none, else `--MM-DD`); its place the first place after a trigger.
"""
from __future__ import annotations

import re

from rekg.loaders.extract.doc import Doc, EventRecord, LocalEnt, Sentence
from rekg.loaders.extract.mentions import iso_date
from rekg.loaders.extract.prefilter import Guard, lowered
from rekg.loaders.extract.template import build_template

FAMILIES = [
    ("gathering", re.compile(
        r"\b(?:conferences?|forums?|summits?|symposi(?:um|a)|seminars?|expos?|exhibitions?|workshops?|congress|"
        r"annual meeting|meetings?|opening ceremony|roundtables?|round-table|conventions?|(?:press|news) briefings?)\b", re.I)),
    ("visit", re.compile(
        r"\b(?:visit(?:s|ed|ing)?|tour(?:s|ed)?|inspections?|inspected|field trips?|delegations?|"
        r"(?:technical|academic|scientific|research|business|working|friendly|exchange) (?:exchanges?|visits?))\b", re.I)),
    ("approval", re.compile(r"\b(?:approved|approval|authori[sz]ed|(?:issued|allocated) (?:the )?(?:[\w-]+ ){0,5}?quotas?)\b", re.I)),
    ("establishment", re.compile(
        r"\b(?:was|were|has been|have been) (?:officially |formally )?(?:established|founded|inaugurated|unveiled)\b|"
        r"\b(?:inauguration|unveiling|founding|launch) ceremony\b", re.I)),
    ("signing", re.compile(
        r"\bsign(?:ed|s|ing of)? (?:a|an|the) (?:[\w-]+ ){0,3}(?:agreement|memorandum|MoU|contract|framework|pact)\b|\bsigning ceremony\b|"
        r"\b(?:agreement|memorandum|MoU|contract|pact|deal) (?:was|were|has been) signed\b", re.I)),
]
GUARDED_FAMILIES = [(family, pattern, Guard(pattern)) for family, pattern in FAMILIES]  # most sentences hold no trigger word
CONFERENCE_WORDS = re.compile(r"conference|forum|summit|symposi|seminar|expo|exhibition|workshop|congress|convention", re.I)


class EventFinder:
    """Component: one Event entity per occasion family found in the article."""

    def __call__(self, doc: Doc) -> None:
        found: dict[str, list[tuple[Sentence, re.Match]]] = {}
        orgs = [(x.start, x.end) for x in doc.mentions if x.label == "Organization"]
        for s in doc.sentences:
            low = lowered(s.text)
            for family, pattern, guard in GUARDED_FAMILIES:
                if not guard.may_match(s.text, low):
                    continue
                for m in pattern.finditer(s.text):
                    if any(a <= s.start + m.start() < b for a, b in orgs):
                        continue  # 'National People's Congress' is a body; 'Magnet Forum' stays an occasion
                    found.setdefault(family, []).append((s, m))
                    break
        if "visit" in found and "gathering" in found:
            words = {m.group().lower() for _, m in found["gathering"]}
            if words <= {"meeting", "meetings"}:  # meetings held during a visit are part of it
                found["visit"] += found.pop("gathering")
        if "approval" in found and "establishment" in found:
            approval_sentences = {id(s) for s, _ in found["approval"]}
            found["establishment"] = [x for x in found["establishment"] if id(x[0]) not in approval_sentences]
            if not found["establishment"]:
                del found["establishment"]
        year = int(doc.article.published[:4]) if doc.article.published else None
        for family, hits in sorted(found.items(), key=lambda kv: kv[1][0][0].start):
            sentences = _unique(s for s, _ in hits)
            kind = self._kind(family, hits)
            if family in ("approval", "establishment") and not self._grounded(doc, sentences, family):
                continue
            date = end = None
            for s in sentences:
                d = next((m for m in doc.mentions if m.label == "Date" and s.start <= m.start < s.end), None)
                if d:
                    date, end = iso_date(d.data, year)
                    break
            if family == "establishment" and date is None and not any("ceremony" in m.group().lower() for _, m in hits):
                continue
            eid = f"ev{len(doc.events) + 1}"
            rec = EventRecord(eid, kind, kind.capitalize(), date, end, sentences, f"event:{family}")
            doc.events.append(rec)
            props = {"kind": kind}
            if date:
                props["date"] = date
            if end:
                props["end_date"] = end
            doc.entities[eid] = LocalEnt(eid, "Event", rec.name, kind=kind, properties=props, rule=rec.rule)

    @staticmethod
    def _kind(family: str, hits: list) -> str:
        words = " ".join(m.group() for _, m in hits)
        if family == "gathering":
            return "conference" if CONFERENCE_WORDS.search(words) else "meeting"
        if family == "visit":
            first = hits[0][0].text
            return "exchange" if re.search(r"\bexchanges?\b", first, re.I) else "visit"
        return {"approval": "approval", "establishment": "establishment"}.get(family, "other")

    @staticmethod
    def _grounded(doc: Doc, sentences: list[Sentence], family: str) -> bool:
        """Approvals and foundings count only when an organisation is named with them."""
        return any(any(m.label == "Organization" for m in build_template(doc, s).slots) for s in sentences)


def _unique(items):
    seen, out = set(), []
    for x in items:
        if id(x) not in seen:
            seen.add(id(x))
            out.append(x)
    return out


def event_of(doc: Doc, s: Sentence, families: tuple[str, ...] = ()) -> EventRecord | None:
    """The event a sentence speaks of: one whose trigger it holds, else the article's main one."""
    for ev in doc.events:
        if any(x is s for x in ev.sentences) and (not families or ev.rule.split(":")[1] in families):
            return ev
    cands = [ev for ev in doc.events if not families or ev.rule.split(":")[1] in families]
    return cands[0] if cands else None
