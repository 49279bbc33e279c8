"""Decide each organisation's kind (SOE, Company, Institute, ...).

Evidence ranks: an explicit cue in the text ("state-owned X", "X, a private firm")
beats the national-body gazetteer, which beats the head noun ("... Group").
"""
from __future__ import annotations

import re

from rekg.loaders.extract.doc import Doc
from rekg.loaders.extract.template import O, build_template

SOE_WORDS = r"(?:centrally[- ]administered |central |centrally )?(?:state-owned|state owned|government-owned|state-controlled)"
CUES = [
    (re.compile(rf"\b{SOE_WORDS} (?:[\w-]+ )?{O}", re.I), "SOE"),
    (re.compile(rf"{O}(?:,|:| is| was| remains| became)? (?:a |an |the |one of the )?(?:[\w-]+ ){{0,3}}?{SOE_WORDS}\b", re.I), "SOE"),
    (re.compile(rf"{O}(?:,|:| is| was)? (?:a |an |the )?(?:[\w-]+ )?(?:central )?SOE\b"), "SOE"),
    (re.compile(rf"\bprivate(?:ly[- ](?:owned|held|run))? (?:firm |company |enterprise |player )?{O}", re.I), "Company"),
    (re.compile(rf"{O}(?:,|:| is| was)? (?:a |an )?(?:[\w-]+ )?(?:private|privately[- ](?:owned|held|run)|listed|publicly traded) (?:firm|company|enterprise|player|group|manufacturer|producer|miner)\b", re.I), "Company"),
]


class OrgTyper:
    """Component: set `kind` on organisation entities from cues in the text."""

    def __call__(self, doc: Doc) -> None:
        for s in doc.sentences:
            if "§" in s.text:
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
