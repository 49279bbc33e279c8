"""Turn a raw document into clean article text plus the metadata the text carries.

Order matters: HTML to text first, then mojibake repair (evidence offsets must point
into repaired text), then boilerplate, then whitespace.
"""
from __future__ import annotations

import hashlib
import re

import ftfy

from rekg.graph.model import Article
from rekg.loaders.read import RawDocument

# --- mojibake --------------------------------------------------------------------

THAI_LETTER = re.compile(r"[\u0e01-\u0e5b]")
THAI_RUN = re.compile(r"[\u0e01-\u0e5b\u20ac]+")
CONTRACTION = re.compile(r"(?:s|t|d|m|ll|re|ve)\b")


def repair_cp874(text: str) -> str:
    """Undo UTF-8 that was read as Windows-874 (Thai): 'Guรฌyรกn' -> 'Guìyán'.

    Runs that decode cleanly are restored; a lone 'โ' (the lead byte of a lost
    quote, apostrophe or dash) becomes the punctuation its neighbours imply, so it
    never ends up inside a name.
    """
    if not THAI_LETTER.search(text):
        return text
    thai_letters = sum(1 for c in text if "\u0e01" <= c <= "\u0e5b")
    if not thai_letters or thai_letters > 0.3 * len(text):  # absent, or genuinely Thai
        return text
    out: list[str] = []
    pos = 0
    for m in THAI_RUN.finditer(text):
        out.append(text[pos:m.start()])
        run = m.group()
        try:
            out.append(run.encode("cp874").decode("utf-8"))
        except (UnicodeDecodeError, UnicodeEncodeError):
            out.append(_lost_punctuation(text, m.start(), m.end(), run))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _lost_punctuation(text: str, start: int, end: int, run: str) -> str:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if run == "โข":  # trade mark sign with its middle byte lost
        return ""
    if run == "โโ":
        return '" - ' if before.isalnum() else ' - "'
    if run != "โ":
        return " "
    if before.isdigit() and after.isdigit():
        return "-"
    if before.isalnum() and after.isalpha():
        return "'" if CONTRACTION.match(text, end) else " - "
    if before == "s" and after == " " and text.count('"', text.rfind("\n", 0, start) + 1, start) % 2 == 0:
        return "'"  # plural possessive, no quote open on this line
    if before.isalnum() or before in ".,!?)":
        return '"'
    return '"' if after.isalnum() else " "


# --- boilerplate -------------------------------------------------------------------

LINE_JUNK = [
    r"\d+\s+comments?",
    r"no (replies|comments) yet",
    r"loading (new )?(replies|comments)\.*",
    r"moderator",
    r"leave a (reply|comment)",
    r"join the (full )?discussion.*",
    r"(share|share this|print|email this)( article)?:?",
    r"(home|homepage)\s*[/>»|].*",
    r"scan (the )?(qr )?code.*",
    r"(related|recommended|latest) (news|articles|reading|stories)\s*:?",
    r"the content below was (translated|machine[- ]translated).*",
    r"(click|tap) here.*",
    r"read more\W*",
    r"(tags?|keywords?)\s*:.*",
    r"(?:source|editor|author|reporter|translator|responsible editor|photo|image|proofreader)\s*:.{0,120}",  # credit lines
    r"copyright .*|©.*|all rights reserved.*",
    r"subscribe( to)? .*newsletter.*",
]
LINE_JUNK_RE = re.compile(r"^\s*(?:" + "|".join(LINE_JUNK) + r")\s*$", re.I)
# junk that may sit anywhere in a line, scanned for only on lines holding its keyword (scanning every line was
# most of the cleaning time)
LINE_JUNK_ANYWHERE = [
    (re.compile(r"please", re.I), re.compile(r"^\s*(?:.*\bplease (contact|e-?mail)\b.*)\s*$", re.I)),
    (re.compile(r"@"), re.compile(r"^\s*(?:.*[\w.+-]+@[\w-]+\.[\w.]+.*)\s*$", re.I)),
]
# widgets after which nothing of the article follows
TAIL_MARKER_RE = re.compile(
    r"^\s*(?:\d+\s+comments?|leave a (?:reply|comment)|join the (?:full )?discussion.*|scan (?:the )?(?:qr )?code.*"
    r"|(?:related|recommended) (?:news|articles|reading|stories)\s*:?)\s*$",
    re.I,
)
INLINE_JUNK_RE = re.compile(r"\s*\((?:opens in a new (?:tab|window))\)|\[(?:\d+|edit)\]", re.I)


def drop_boilerplate(lines: list[str]) -> list[str]:
    kept: list[str] = []
    n = len(lines)
    for i, line in enumerate(lines):
        if TAIL_MARKER_RE.match(line) and i >= n * 0.5:
            break
        if LINE_JUNK_RE.match(line) or any(key.search(line) and junk.match(line) for key, junk in LINE_JUNK_ANYWHERE):
            continue
        kept.append(INLINE_JUNK_RE.sub("", line))
    return kept


# --- dates ---------------------------------------------------------------------------

MONTHS = "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
DATELINE_RE = re.compile(
    rf"^\s*(?:(?:published|posted|updated|date)\s*:?\s*)?"
    rf"(?:(?P<mdy>(?:{MONTHS})\.?\s+\d{{1,2}},\s*\d{{4}})|(?P<dmy>\d{{1,2}}\s+(?:{MONTHS})\.?,?\s+\d{{4}})|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))"
    rf"(?:[ T,]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*(?:[A-Z]{{2,4}}|[+-]\d{{2}}:?\d{{2}})?)?\s*$",
    re.I,
)


def parse_date(value: str | None) -> str | None:
    """Any date string to ISO `YYYY-MM-DD` (None when it is not a date)."""
    if not value:
        return None
    value = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        return m.group(0)
    import dateparser

    dt = dateparser.parse(re.sub(r"(\d),(\d)", r"\1, \2", value), settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year", "month"]}, languages=["en"])
    return dt.date().isoformat() if dt else None


def find_dateline(lines: list[str]) -> tuple[str | None, int | None]:
    """A publication date standing on its own line near the top (`Jul 28,2020 08:19CST`)."""
    for i, line in enumerate(lines[:8]):
        if DATELINE_RE.match(line):
            return parse_date(re.sub(r"\s*\d{1,2}:\d{2}.*$", "", line.split(":", 1)[-1] if re.match(r"\s*(published|posted|updated|date)", line, re.I) else line)), i
    return None, None


# --- the whole step ---------------------------------------------------------------

SPACE_RUN = re.compile(r"[ \t\u00a0\u3000]+")
SECTION_WORDS = {"highlights", "summary", "abstract", "key points", "overview", "in brief"}


def html_to_text(html: str) -> tuple[str, dict]:
    """Main text and page metadata via trafilatura (boilerplate dropped)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, with_metadata=True, favor_precision=True)
    if doc is None:
        return "", {}
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    meta = {"title": get("title"), "source": get("sitename") or get("hostname"), "url": get("url"), "published": get("date")}
    return get("text") or "", {k: v for k, v in meta.items() if v}


def clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = repair_cp874(text)
    text = ftfy.fix_text(text, uncurl_quotes=True, fix_latin_ligatures=True, normalization="NFC")
    lines = [SPACE_RUN.sub(" ", ln).strip() for ln in text.split("\n")]
    lines = drop_boilerplate(lines)
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip()


def clean(raw: RawDocument) -> Article:
    """Raw document -> Article with clean text, title, source, published date and hash."""
    meta = raw.meta.model_copy()
    text = raw.text
    if raw.is_html:
        text, page = html_to_text(text)
        for key, value in page.items():
            if not getattr(meta, key):
                setattr(meta, key, str(value))
    text = clean_text(text)
    lines = text.split("\n")
    published, line_no = find_dateline(lines)
    if line_no is not None:
        lines.pop(line_no)
        text = "\n".join(lines).strip()
    meta.published = parse_date(meta.published) or published
    if not meta.title:
        meta.title = next((ln for ln in lines[:3] if ln and ln.lower() not in SECTION_WORDS and len(ln) < 200), None)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(**meta.model_dump(), text=text, sha256=sha)
