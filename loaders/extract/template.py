"""Sentences as templates: each mention becomes a slot, so rules are readable regexes.

"China Minmetals Chairman Tang Wei visited KIPM" becomes
"§O0§ §T1§ §P2§ visited §O3§", and a rule like `{O} {T} {P}` reads the LEADS fact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rekg.loaders.extract.doc import Doc, Mention, Sentence

CODE = {"Person": "P", "Organization": "O", "Location": "L", "Title": "T", "Date": "D"}
SLOT = re.compile(r"§([POLTD])(\d+)§")
MT_SPACING = re.compile(r" ([,.;:)])")
HONORIFIC_BEFORE_NAME = re.compile(r"\b(?:Mr|Ms|Mrs|Madam|Dr)\.? (?=§P)")

# building blocks for rules
P = r"§P(\d+)§"
O = r"§O(\d+)§"
L = r"§L(\d+)§"
T = r"§T(\d+)§"
D = r"§D(\d+)§"
PO = r"§[PO](\d+)§"
OL = r"§[OL](\d+)§"
THE = r"(?:the |The |its |their )?"
ITEM = r"(?:the |The )?(?:§O\d+§'s? )?(?:[a-z-]+ )?§[OP]\d+§"  # 'the group's X': X is the item
LIST = rf"(?:{ITEM}(?:,? (?:and|as well as|along with|together with) |, ))*{ITEM}"


@dataclass
class Template:
    sentence: Sentence
    text: str
    slots: list[Mention]

    def slot(self, i: str | int) -> Mention:
        return self.slots[int(i)]

    def entity(self, i: str | int) -> str | None:
        return self.slots[int(i)].entity

    def slots_in(self, fragment: str, codes: str = "POL") -> list[Mention]:
        return [self.slots[int(n)] for c, n in SLOT.findall(fragment) if c in codes]

    def possessive(self, i: int) -> bool:
        """Is slot i followed by 's (a modifier: "China's rare earth capital")?"""
        token = f"§{CODE[self.slots[i].label]}{i}§"
        pos = self.text.find(token)
        return pos >= 0 and self.text.startswith("'", pos + len(token))


def build_template(doc: Doc, s: Sentence) -> Template:
    cands = [m for m in doc.mentions if s.start <= m.start and m.end <= s.end and m.label in CODE
             and (m.entity is not None or m.label in ("Title", "Date"))]
    skip: list[tuple[int, int]] = []
    for m in doc.mentions:
        if "paren" in m.data and s.start <= m.data["paren"][0] < s.end:
            skip.append(m.data["paren"])
    slots: list[Mention] = []
    last_end = s.start
    parts: list[str] = []
    for m in sorted(cands, key=lambda m: (m.start, -m.end)):
        if m.start < last_end or any(a <= m.start < b for a, b in skip):
            continue
        parts.append(_text_between(doc.text, last_end, m.start, skip))
        parts.append(f"§{CODE[m.label]}{len(slots)}§")
        slots.append(m)
        last_end = m.end
    parts.append(_text_between(doc.text, last_end, s.end, skip))
    text = re.sub(r"\s+", " ", "".join(parts)).replace("’", "'").replace("—", " - ").replace("–", " - ")
    text = MT_SPACING.sub(r"\1", text).replace("( ", "(")  # machine translation's 'X , the Y ( Z )'
    text = HONORIFIC_BEFORE_NAME.sub("", text)  # 'elected Mr. §P1§ as': rules read the name alone

    return Template(s, text, slots)


def _text_between(text: str, a: int, b: int, skip: list[tuple[int, int]]) -> str:
    out = []
    pos = a
    for sa, sb in sorted(skip):
        if sb <= pos or sa >= b:
            continue
        out.append(text[pos:max(pos, sa)])
        pos = max(pos, sb)
    out.append(text[pos:b])
    return "".join(out)
