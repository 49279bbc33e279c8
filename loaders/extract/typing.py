"""Decide each organisation's kind (SOE, Company, Institute, ...).

Evidence ranks: an explicit cue in the text ("state-owned X", "X, a private firm")
beats the national-body gazetteer, which beats the head noun ("... Group").
"""
from __future__ import annotations

import re

from rekg.loaders.extract.doc import Doc, Sentence
from rekg.loaders.extract.prefilter import FOLDS_TO_ASCII, Guard
from rekg.loaders.extract.template import O, build_template

SOE_WORDS = r"(?:centrally[- ]administered |central |centrally )?(?:state-owned|state owned|government-owned|state-controlled)"
CUES = [
    (re.compile(rf"\b{SOE_WORDS} (?:[\w-]+ )?{O}", re.I), "SOE"),
    (re.compile(rf"{O}(?:,|:| is| was| remains| became)? (?:a |an |the |one of the )?(?:[\w-]+ ){{0,3}}?{SOE_WORDS}\b", re.I), "SOE"),
    (re.compile(rf"{O}(?:,|:| is| was)? (?:a |an |the )?(?:[\w-]+ )?(?:central )?SOE\b"), "SOE"),
    (re.compile(rf"\bprivate(?:ly[- ](?:owned|held|run))? (?:firm |company |enterprise |player )?{O}", re.I), "Company"),
    (re.compile(rf"{O}(?:,|:| is| was)? (?:a |an )?(?:[\w-]+ )?(?:private|privately[- ](?:owned|held|run)|listed|publicly traded) (?:firm|company|enterprise|player|group|manufacturer|producer|miner)\b", re.I), "Company"),
]


LETTERS = re.compile(r"[A-Za-z]{3,}")


def _cue_words() -> frozenset[str] | None:
    """Words one of which every cue's match holds (lower-cased), or None if some cue has none.

    Each is a run of 3+ letters of a string a cue's match must contain: such a run in a
    template never touches a slot, so it is the sentence's own text (when no parenthesis
    was cut out of it), and a sentence without any of them needs no template."""
    words: set[str] = set()
    for pattern, _ in CUES:
        for group in Guard(pattern).needs:
            runs = [max(LETTERS.findall(s), key=len, default="") for s in group]
            if all(runs):
                words.update(r.lower() for r in runs)
                break
        else:
            return None
    return frozenset(words)


CUE_WORDS = _cue_words()


class OrgTyper:
    """Component: set `kind` on organisation entities from cues in the text."""

    def __call__(self, doc: Doc) -> None:
        for s in doc.sentences:
            if "§" in s.text or not self._may_cue(doc, s):
                continue
            tpl = build_template(doc, s)
            for pattern, kind in CUES:
                for m in pattern.finditer(tpl.text):
                    eid = tpl.entity(m.group(1))
                    ent = doc.entities.get(eid) if eid else None
                    if ent and ent.label == "Organization" and ent.kind_score < 1.0:
                        if ent.kind not in ("SOE", "Company", None):
                            continue  # 'a state-owned institute' is still an institute
                        ent.kind, ent.kind_score = kind, 1.0

    @staticmethod
    def _may_cue(doc: Doc, s: Sentence) -> bool:
        text = doc.text[s.start:s.end]  # what the template is made of
        if CUE_WORDS is None or FOLDS_TO_ASCII.search(text):
            return True
        if any("paren" in m.data and s.start <= m.data["paren"][0] < s.end for m in doc.mentions):
            return True  # the template cuts the parenthesis out and joins what stood around it
        low = text.lower()
        return any(w in low for w in CUE_WORDS)
