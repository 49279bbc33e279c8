"""Split clean text into sentences with offsets; lines are hard boundaries."""
from __future__ import annotations

import re

from rekg.loaders.extract.doc import Doc, Sentence

# words whose full stop does not end a sentence ("Dr. Wang", "U.S. Department");
# company suffixes ("Co., Ltd.") are left out on purpose: they often do end one.
ABBREV = re.compile(
    r"\(?(?:Dr|Prof|Mr|Mrs|Ms|St|No|Jr|Sr|Dept|Gov|Govt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|approx|e\.g|i\.e"
    r"|(?:[A-Z]\.)+[A-Z]?|[A-Z])\."
)
LEGAL_ENDINGS = {"Ltd.", "Co.", "Inc.", "Corp.", "Plc."}
BOUNDARY = re.compile(r'[.!?]["\')\]]*\s+(?=["\'(\[]?[A-Z0-9])')


def split_sentences(doc: Doc) -> None:
    text = doc.text
    paragraph = 0
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            paragraph += 1
            continue
        start = 0
        for m in BOUNDARY.finditer(line):
            words = line[start:m.start() + 1].split()
            if words and ABBREV.fullmatch(words[-1]):
                continue  # an abbreviation, not the end of a sentence
            if words and words[-1] in LEGAL_ENDINGS and line.startswith("(", m.end()):
                continue  # 'X Co., Ltd. (SSE: 600000)': the name goes on with its ticker
            _add(doc, line_start + start, line_start + m.end(), paragraph)
            start = m.end()
        _add(doc, line_start + start, line_start + len(line), paragraph)
        paragraph += 1


def _add(doc: Doc, start: int, end: int, paragraph: int) -> None:
    raw = doc.text[start:end]
    lead = len(raw) - len(raw.lstrip())
    raw = raw.strip()
    if not raw:
        return
    start += lead
    text = raw[2:] if raw.startswith("- ") else raw  # bullets: the item is the sentence
    start += len(raw) - len(text)
    heading = not re.search(r'[.!?:;"\')]$', text) and len(text.split()) <= 14
    doc.sentences.append(Sentence(start, start + len(text), text, paragraph, heading))
