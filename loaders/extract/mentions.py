"""Find what the text names: people, organisations, places, titles and dates.

Rules, not lists of answers: capitalised chunks are cut into person names (pinyin
surname + given name), titles, places from the gazetteer, and organisations (by
their head noun, a national-body gazetteer, or an acronym). What is capitalised but
unexplained stays a `Proper` mention that coreference may still claim.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

from rekg.loaders.extract.doc import Doc, Mention, Sentence
from rekg.loaders.extract.prefilter import FOLDS_TO_ASCII
from rekg.loaders.gazetteer import Gazetteer, load_gazetteer, strip_legal_suffix

TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., U.K.
    r"|(?:Co|Ltd|Corp|Inc|Dr|Prof|Mr|Mrs|Ms|St|No)\.(?!\w)"
    r"|[^\W\d_](?:[\w'&-]*\w)?"
    r"|\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?"
    r"|\S"
)
CONNECTORS = {"of", "and", "for", "&", "de"}
# capitalised function words: never part of a name, they cut a chunk
STOP_CAPS = {
    "The", "A", "An", "At", "In", "On", "For", "By", "With", "From", "To", "As", "During", "After", "Before", "Under",
    "Its", "His", "Her", "Their", "Our", "This", "That", "These", "Those", "While", "When", "Where", "Why", "What", "How",
    "Who", "Which", "Meanwhile", "Similarly", "Also", "According", "Both", "Following", "Through", "Among", "Including",
    "Like", "Via", "Is", "Are", "Was", "Were", "Be", "Has", "Have", "Had", "Will", "Not", "Or", "But", "If", "Than",
    "Still", "It", "He", "She", "They", "We", "I", "You", "There", "Here", "Some", "Many", "Most", "Each", "Every",
    "Last", "Next", "Yet", "So", "Then", "Thus", "However", "Moreover", "Furthermore", "Despite", "Although", "Because",
    "Over", "Into", "Beyond", "Without", "Within", "Across", "About", "Against", "Between", "Toward", "Towards", "Only",
    "More", "Less", "New", "Other", "Such", "Said", "Says", "Mr", "Ms", "Mrs", "Dr", "Prof", "Mr.", "Ms.", "Mrs.",
    "Dr.", "Prof.", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Disclaimer",
    "Highlights", "Profile", "Conclusion", "Summary", "Background", "Note", "Source", "Update", "Editor",
    # plural people nouns opening a sentence: 'Representatives of X attended'
    "Representatives", "Delegates", "Officials", "Leaders", "Experts", "Members", "Speakers", "Analysts",
}
MONTH_NAMES = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
# lowercase words that machine translation leaves inside proper names
BRIDGE = {"rare", "earth", "earths", "functional", "materials", "material", "metal", "metals", "new", "advanced",
          "high-tech", "technology", "technologies", "science", "research", "engineering", "innovation", "industry",
          "industrial", "mining", "magnetic", "magnet", "magnets", "resources", "resource", "application",
          "development", "national", "province", "region", "autonomous", "city", "high-end", "permanent", "energy",
          "group", "rare-earth", "nonferrous", "non-ferrous", "key", "laboratory", "center", "centre", "testing",
          "inspection", "quality", "product", "products", "strategic", "efficient", "utilization", "smelting",
          "separation", "processing", "alloy", "alloys", "catalysis", "luminescence", "chemical", "chemistry", "sciences",
          "ionic", "geological", "metallurgy", "metallurgical"}
# a unit named as 'X of <body>' is part of the body; a governing organ ('Council of <body>') stands for it
# lower-case words of a body's name between its place and its head noun (see `_lowercase_bodies`)
GOV_WORDS = {"city", "prefecture", "county", "district", "province", "provincial", "municipal", "autonomous", "region", "people's",
             "party", "information", "informatization", "economic", "economy", "and", "commerce", "reform", "natural", "ecology",
             "environment", "environmental", "finance", "education", "transport", "agriculture", "rural", "affairs", "housing",
             "construction", "public", "security", "market", "regulation", "supervision", "administration", "state-owned", "assets",
             "emergency", "management", "statistics", "human", "social", "water", "culture", "tourism", "health", "civil",
             "foreign", "trade", "investment", "promotion", "land", "planning", "yi", "zhuang", "hui", "tibetan", "uygur", "miao",
             "mongolian", "dai", "bai", "hani", "tujia", "she", "li", "qiang", "of"}
BODY_WORDS = GOV_WORDS | BRIDGE
LOWER_BODY_HEADS = {"government": "Agency", "bureau": "Agency", "department": "Agency", "commission": "Agency", "office": "Agency",
                    "administration": "Agency", "institute": "Institute", "laboratory": "Institute", "university": "University",
                    "group": "Company"}
MID_NAME_CAPS = {"New"}
DOCUMENT_NUMBER = re.compile(r"\s*[\[〔【]\s*(?:19|20)\d\d\s*[\]〕】]")
DOCUMENT_SERIAL = re.compile(r"\s*(?:[\[〔【(]?\s*(?:19|20)\d\d\s*[\]〕】)]?\s*)?No\.")  # '... Zi [2024] No. 5' ('zi': the serial's character)
LEGAL_TAIL = re.compile(r"(?: ?,? (?:Co|Corp|Inc|Ltd|Limited)\.?)+")
UNIT_HEADS = {"Branch", "Division", "Department", "School", "College", "Center", "Centre", "Laboratory", "Lab", "Institute",
              "Institutes", "Academy", "Office", "Bureau"}
GOVERNING_HEADS = {"Council", "Board", "Committee", "Secretariat", "Presidium"}
ORGAN_HEADS = UNIT_HEADS | GOVERNING_HEADS
PLACE_SUFFIX = {"region", "province", "prefecture", "county", "city"}
PINYIN_SYLLABLE = (
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v))"
)
PINYIN_GIVEN = re.compile(rf"(?:{PINYIN_SYLLABLE}){{1,2}}(?:-?{PINYIN_SYLLABLE})?", re.I)
# English words that look like a pinyin given name after a surname ("Long March", "Sun Ran")
ENGLISH_NOT_GIVEN = {"Long", "Bang", "Men", "Ran", "Run", "Pen", "Sun", "Fan", "Ban", "Tan", "Can", "Man", "Den", "Hen", "Ten", "Tin", "Gin", "Sin", "Fin", "Win", "Kin", "Ring", "King", "Sing", "Wing", "Zen", "Ken", "Dan", "Jan", "Van", "Pan", "Chan", "Kong"}
LEGAL_HEADS = {"Limited", "Ltd", "Ltd.", "Co", "Co.", "Inc", "Inc.", "Corp", "Corp.", "Plc", "PLC", "LLC", "AG", "GmbH"}
LEGAL_HEADS_BUT_LTD = LEGAL_HEADS - {"Ltd", "Ltd."}
CAMEL_NAME = re.compile(r"([A-Z][a-z]+)([A-Z][a-z]+)")  # 'XuMing'
TITLE_MODIFIER = re.compile(r"^(?:vice|deputy|executive|honorary|acting|former|senior)[ -]")
TITLE_TENSE = re.compile(r"^(?:former|acting|senior)[ -]", re.I)
GROUP_OF_PEOPLE_AFTER = re.compile(r" (?:delegation|team|officials|leaders)\b")
WORDS = re.compile(r"[\w'-]+")
POSSESSIVE_ENDS = {"'s", "'S", "s'", "S'"}
HYPHENATED = re.compile(r"^(.+?)-(based|listed|headquartered)$")  # 'Baotou-based' -> 'Baotou' '-based'
WORD_START = re.compile(r"(?<![\w-])\w+")
FIRST_WORD = re.compile(r"\w+")
TITLE_MODIFIERS = ("Vice", "Deputy", "Executive", "Honorary", "Acting", "Former", "Senior")


class WordStartFinder:
    """`finditer` of a case-insensitive pattern that only matches at a word start (`(?<![\\w-])`)
    and opens with one of a known set of words, tried only where such a word starts.

    Running an alternation of hundreds of names or titles at every character dominated
    extraction. Any match starts at a word whose lower-cased form opens an alternative, so
    only those word starts are tried, with `confirm[word]`: the whole pattern, or one holding
    just the alternatives opening with that word in the same order (so the same one wins).
    Text holding one of the few non-ASCII letters that fold to ASCII uses the whole pattern
    throughout. Patterns are compiled on first use (the whole list of places takes a while).
    """

    def __init__(self, whole: Callable[[], re.Pattern], confirm: dict[str, Callable[[], re.Pattern]]):
        self.make = {None: whole, **confirm}
        self.compiled: dict[str | None, re.Pattern] = {}

    def pattern(self, first: str | None = None) -> re.Pattern:
        if (pattern := self.compiled.get(first)) is None:
            pattern = self.compiled[first] = self.make[first]()
        return pattern

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        endpos = len(text) if endpos is None else endpos
        if FOLDS_TO_ASCII.search(text, pos, endpos):
            yield from self.pattern().finditer(text, pos, endpos)
            return
        last = pos
        for w in WORD_START.finditer(text, pos, endpos):
            if w.start() < last or (first := w.group().lower()) not in self.make:
                continue
            if m := self.pattern(first).match(text, w.start(), endpos):
                last = m.end()
                yield m


def word_alternation(alternatives: list[str], prefix: str = "") -> re.Pattern:
    return re.compile(r"(?<![\w-])" + prefix + "(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w-])", re.I)


def place_finder(surfaces: list[str]) -> WordStartFinder:
    """Places of the gazetteer (longest first), each first word confirmed by its own places only."""
    groups: dict[str, list[str]] = {}
    for surface in surfaces:
        groups.setdefault(first_word(surface), []).append(surface)
    return WordStartFinder(lambda: word_alternation(surfaces), {w: (lambda g=g: word_alternation(g)) for w, g in groups.items()})


def title_finder(titles: list[str]) -> WordStartFinder:
    """Titles (longest first), perhaps after a modifier ('Vice', 'Former')."""
    def whole() -> re.Pattern:
        return word_alternation(titles, rf"(?:(?:{'|'.join(TITLE_MODIFIERS)})[ -])?")

    return WordStartFinder(whole, {w: whole for w in {*map(first_word, titles), *map(str.lower, TITLE_MODIFIERS)}})


def first_word(phrase: str) -> str:
    m = FIRST_WORD.match(phrase)
    if m is None:
        raise ValueError(f"{phrase!r} does not open with a word")
    return m.group().lower()


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int

    @property
    def cap(self) -> bool:
        c = self.text[0]
        return c.isupper() and self.text not in STOP_CAPS


def tokenize(text: str, offset: int) -> list[Tok]:
    toks: list[Tok] = []
    for m in TOKEN.finditer(text):
        t, s = m.group(), offset + m.start()
        if len(t) > 3 and t[-2:] in POSSESSIVE_ENDS and t[:-2] != "People":
            cut = 2 if t[-2] == "'" else 1
            toks.append(Tok(t[:-cut], s, s + len(t) - cut))
            toks.append(Tok(t[-cut:], s + len(t) - cut, s + len(t)))
            continue
        if t[0].isupper() and "-" in t and (hy := HYPHENATED.match(t)):
            toks.append(Tok(hy.group(1), s, s + len(hy.group(1))))
            toks.append(Tok("-" + hy.group(2), s + len(hy.group(1)), s + len(t)))
            continue
        toks.append(Tok(t, s, s + len(t)))
    return toks


class MentionFinder:
    """Component: dates, titles, names and references, as `Mention`s on the doc."""

    def __init__(self, gaz: Gazetteer | None = None):
        self.gaz = gaz or load_gazetteer()
        heads = sorted(self.gaz.org_heads, key=len, reverse=True)
        self.heads = set(heads)
        titles = sorted({*self.gaz.lead_titles, *self.gaz.member_titles}, key=len, reverse=True)
        self.title_re = title_finder(titles)
        self.lower_titles = {"academician", "chairman", "chairwoman", "president", "vice president", "party secretary",
                             "general manager", "secretary-general", "secretary general", "director", "director-general",
                             "dean", "professor", "researcher", "ceo", "founder", "deputy general manager",
                             "vice chairman", "chief engineer", "chief scientist", "chief executive", "senior engineer",
                             "editor", "editor-in-chief", "chief editor", "analyst", "spokesman", "spokeswoman", "spokesperson",
                             "board secretary", "chief technology officer", "chief financial officer", "chief operating officer",
                             "member", "manager", "sales manager", "party committee secretary", "governor", "vice governor",
                             "deputy governor", "mayor", "vice mayor", "minister", "vice minister", "deputy minister", "secretary",
                             "head", "research fellow", "fellow", "deputy secretary-general", "commissioner", "party chief"}
        self.place_re = place_finder(self.gaz.place_surfaces)

    def __call__(self, doc: Doc) -> None:
        for s in doc.sentences:
            taken: list[tuple[int, int]] = []
            dates = find_dates(s)
            doc.mentions.extend(dates)
            taken += [(d.start, d.end) for d in dates]
            bodies = self._lowercase_bodies(doc, s)
            doc.mentions.extend(bodies)
            taken += [(b.start, b.end) for b in bodies]
            titles = self._titles(s, taken)
            doc.mentions.extend(titles)
            taken += [(t.start, t.end) for t in titles]
            doc.mentions.extend(self._names(doc, s, taken))
        doc.mentions.sort(key=lambda m: (m.start, -m.end))

    # -- bodies named in lower case -------------------------------------------------
    def _lowercase_bodies(self, doc: Doc, s: Sentence) -> list[Mention]:
        """Machine translation lower-cases most of a body's name after its place: "Yichun city
        people's government", "Yichun city commerce and information Bureau", "Hezhou rare
        earth research institute". A place, portfolio words, then a body noun make one organisation."""
        out: list[Mention] = []
        words = None
        for pm in self.place_re.finditer(s.text):
            if not pm.group()[0].isupper() or any(o.start <= s.start + pm.start() < o.end for o in out):
                continue
            words = words or list(WORDS.finditer(s.text))
            after = [w for w in words if w.start() >= pm.end()]
            lower = False
            for k, w in enumerate(after[:9]):
                t = w.group()
                if k and s.text[after[k - 1].end():w.start()] != " " or (not k and s.text[pm.end():w.start()] != " "):
                    break
                if t.lower() in LOWER_BODY_HEADS and (lower or t.islower()) and k:
                    kind = LOWER_BODY_HEADS[t.lower()]
                    if kind != "Agency" and not all(x.group().lower() in BODY_WORDS for x in after[:k]):
                        break
                    if GROUP_OF_PEOPLE_AFTER.match(s.text, w.end()):
                        break  # 'the X party and government delegation': a group of people, not the body
                    start, end = s.start + pm.start(), s.start + w.end()
                    if suffix := LEGAL_TAIL.match(s.text, w.end()):  # 'Hezhou rare earth Group Co. , Ltd'
                        end = s.start + suffix.end()
                    text = doc.text[start:end]
                    if body := self.gaz.body(strip_legal_suffix(text, self.gaz.legal_suffixes)):
                        out.append(Mention(start, end, text, "Organization", "org:gazetteer", kind=body.kind, data={"name": body.name, "score": 0.9}))
                    else:
                        out.append(Mention(start, end, text, "Organization", "org:lowercase-body", kind=kind, data={"head": t.capitalize(), "score": 0.5}))
                    break
                if t.lower() in BODY_WORDS or t in ("Autonomous", "Prefecture", "Region", "City", "County", "Municipal", "Provincial"):
                    lower = lower or t.islower()
                    continue
                if not (t[0].isupper() and lower):
                    break
        return out

    # -- titles -----------------------------------------------------------------
    def _titles(self, s: Sentence, taken: list[tuple[int, int]]) -> list[Mention]:
        out = []
        for m in self.title_re.finditer(s.text):
            t = m.group()
            start, end = s.start + m.start(), s.start + m.end()
            bare = TITLE_MODIFIER.sub("", t.lower())
            if t[0].islower() and bare not in self.lower_titles:
                continue
            if t.isupper() and len(t) > 4:
                continue  # an all-capitals word, not a title
            nxt = s.text[m.end():m.end() + 2]
            if nxt.startswith("s ") or nxt == "s":  # plural: 'directors', 'members'
                continue
            base = TITLE_TENSE.sub("", t)
            role = self.gaz.title_role(base)
            if role is None:
                continue
            if _overlaps(start, end, taken):
                continue
            out.append(Mention(start, end, t, "Title", "title", kind=role, data={"title": _title_case(base)}))
        return out

    # -- names --------------------------------------------------------------------
    def _names(self, doc: Doc, s: Sentence, taken: list[tuple[int, int]]) -> list[Mention]:
        toks = tokenize(s.text, s.start)
        if taken:
            toks = [t for t in toks if not _overlaps(t.start, t.end, taken)]
        # a title between tokens cuts the chunk: mark the gap
        cuts = {t[0] for t in taken} | {t[1] for t in taken}
        chunks = self._chunks(doc.text, toks, cuts)
        out: list[Mention] = []
        for chunk in chunks:
            out.extend(self._classify(doc, chunk))
        return out

    def _chunks(self, text: str, toks: list[Tok], cuts: set[int]) -> list[list[Tok]]:
        chunks: list[list[Tok]] = []
        i, n = 0, len(toks)

        def joined(a: Tok, b: Tok) -> bool:
            gap = text[a.end:b.start]
            return gap in (" ", "") and not any(a.end <= c <= b.start for c in cuts if c not in (a.end, b.start)) and not (a.end in cuts and b.start in cuts and gap)

        while i < n:
            if not toks[i].cap:
                i += 1
                continue
            j = i
            while j + 1 < n:
                a, b = toks[j], toks[j + 1]
                if not joined(a, b):
                    break
                if b.cap or (b.text in MID_NAME_CAPS and j + 2 < n and toks[j + 2].cap and joined(b, toks[j + 2])):
                    j += 1  # 'Hengyuan New Energy Co.': 'New' inside a name goes on with it
                    continue
                if b.text.lower() in CONNECTORS and b.text != "And":
                    k = j + 2
                    if k < n and b.text in ("of", "for") and toks[k].text == "the" and joined(toks[k - 1], toks[k]):
                        k += 1
                    if k < n and toks[k].cap and joined(toks[k - 1], toks[k]):
                        j = k
                        continue
                if b.text == "(" and j + 3 < n and toks[j + 2].text in ("Group", "Holding", "Holdings") and toks[j + 3].text == ")":
                    j += 3
                    continue
                if b.text == "," and j + 2 < n and toks[j + 2].text in ("Ltd.", "Ltd", "Inc.", "Inc", "Limited") and a.text in ("Co.", "Co", "Corp."):
                    j += 2
                    continue
                if b.text.lower() in PLACE_SUFFIX and a.text == "Autonomous":
                    j += 1
                    continue
                if (k := self._lowercase_tail(toks, i, j, joined)) is not None:
                    j = k
                    continue
                break
            chunks.append(toks[i:j + 1])
            i = j + 1
        # machine translation leaves lowercase words inside names: bridge them
        merged: list[list[Tok]] = []
        for chunk in reversed(chunks):
            if merged:
                right = merged[-1]
                gap_toks = [t for t in toks if chunk[-1].end <= t.start and t.end <= right[0].start]
                if (0 < len(gap_toks) <= 2 and all(t.text in BRIDGE for t in gap_toks) and joined(chunk[-1], gap_toks[0])
                        and joined(gap_toks[-1], right[0]) and all(joined(a, b) for a, b in zip(gap_toks, gap_toks[1:]))
                        and self._has_head(right) and not self._has_head(chunk) and chunk[-1].text not in MONTH_NAMES):
                    merged[-1] = chunk + gap_toks + right
                    continue
            merged.append(chunk)
        return list(reversed(merged))

    def _lowercase_tail(self, toks: list[Tok], i: int, j: int, joined) -> int | None:
        """Machine translation lowercases words after the 'of' of a name: 'Ministry of natural
        Resources', 'Research Institute of rare Metals', 'Bureau of X of Ningxia autonomous region'.
        Once the chunk has '<head> of', run over such words up to the next capitalised one."""
        chunk = toks[i:j + 1]
        nxt = toks[j + 1]
        tail = any(t.text in ("of", "for") and k > 0 and chunk[k - 1].text in self.heads for k, t in enumerate(chunk))
        opens = nxt.text in ("of", "for") and chunk[-1].text in self.heads
        if not (tail or opens) or nxt.text[0].isupper():
            return None
        if nxt.text == "autonomous" and j + 2 < len(toks) and toks[j + 2].text == "region" and joined(nxt, toks[j + 2]) and self.gaz.place(chunk[-1].text):
            return j + 2
        k = j + 1
        while k < len(toks) and k <= j + 4 and joined(toks[k - 1], toks[k]):
            if toks[k].cap:
                return k if k > j + 1 and any(t.text in BRIDGE for t in toks[j + 1:k]) else None
            if toks[k].text not in BRIDGE and toks[k].text not in CONNECTORS and not (toks[k].text == "the" and toks[k - 1].text == "of"):
                break
            k += 1
        # '... Academy of sciences and the ...', '... University of science and technology formally ...':
        # the name ends on the last such word of the run after 'of'
        if k > j + 2 and toks[j + 1].text == "of" and toks[j + 2].text in BRIDGE:
            return max(x for x in range(j + 2, k) if toks[x].text in BRIDGE)
        return None

    def _has_head(self, toks: list[Tok]) -> bool:
        return any(t.text in self.heads for t in toks)

    def _classify(self, doc: Doc, chunk: list[Tok]) -> list[Mention]:
        """Cut one chunk into persons, places and organisations."""
        if DOCUMENT_NUMBER.match(doc.text, chunk[-1].end) or (chunk[-1].text == "Zi" and DOCUMENT_SERIAL.match(doc.text, chunk[-1].end)):
            return []  # 'Xiang Ke Fa Zi [2023] No. 41': a document number's pinyin abbreviations, not names
        out: list[Mention] = []
        persons = self._persons(chunk)
        pieces: list[list[Tok]] = []
        cur: list[Tok] = []
        idx = 0
        while idx < len(chunk):
            p = next((p for p in persons if p[0] == idx), None)
            if p:
                if cur:
                    pieces.append(cur)
                    cur = []
                a, b = chunk[p[0]], chunk[p[1] - 1]
                name = " ".join(t.text for t in chunk[p[0]:p[1]])
                out.append(Mention(a.start, b.end, doc.text[a.start:b.end], "Person", "person:pinyin", data={"name": person_name(name)}))
                idx = p[1]
                continue
            cur.append(chunk[idx])
            idx += 1
        if cur:
            pieces.append(cur)
        for piece in pieces:
            # connectors left dangling at either end belong to the sentence, not a name
            while piece and (piece[0].text.lower() in CONNECTORS or piece[0].text == "the"):
                piece = piece[1:]
            while piece and (piece[-1].text.lower() in CONNECTORS or piece[-1].text == "the"):
                piece = piece[:-1]
            if not piece:
                continue  # only connectors were left ('... and of ...')
            for part in self._split_and(piece):
                out.extend(self._org_or_place(doc, part))
        return out

    def _split_and(self, piece: list[Tok]) -> list[list[Tok]]:
        """'Hengxin Company and KIPM' is two names; 'University of Science and Technology' is one.

        So is 'X Institute of Physics and Sichuan University': the right side has a head
        of its own and the left one already has one (or the right one opens with a place or is a
        national body) - while 'Oil & Gas Journal' and 'China Iron and Steel Group' stay whole.
        """
        for k, t in enumerate(piece):
            if t.text in ("and", "&") and 0 < k < len(piece) - 1:
                left, right = piece[:k], piece[k + 1:]
                left_text = " ".join(x.text for x in left)
                right_text = " ".join(x.text for x in right)
                if len(left) == 1 and left[0].text in self.heads:
                    continue
                if any(self.gaz.body(" ".join(x.text for x in piece[n:])) for n in range(k) if piece[n - 1].text in ("of", "the")):
                    continue  # 'Council of the X Iron and Steel Association': a known body runs across the 'and'

                if (left[-1].text in self.heads or self.gaz.place(left_text) or self.gaz.body(left_text) or left_text.isupper()
                        or (self.head(right) and (self._has_head(left) or (len(left) > 1 and self.gaz.place(right[0].text))))
                        or (len(left) > 1 and self.gaz.body(right_text))):
                    return [left, *self._split_and(right)]
        return [piece]

    def _persons(self, chunk: list[Tok]) -> list[tuple[int, int]]:
        found = []
        i = 0
        while i < len(chunk):
            t = chunk[i].text
            span = None
            sur = t.capitalize() if t.isupper() and len(t) > 1 else t
            if sur in self.gaz.surnames and i + 1 < len(chunk):
                given = chunk[i + 1].text
                if given[0].isupper() and is_pinyin_given(given):
                    span = (i, i + 2)
            elif (m := CAMEL_NAME.fullmatch(t)) and m.group(1) in self.gaz.surnames and is_pinyin_given(m.group(2)):
                span = (i, i + 1)
            if span and self._org_follows(chunk, span[1]):
                span = None
            if span and self.gaz.place(" ".join(x.text for x in chunk[span[0]:span[1]])):
                span = None
            if span:
                found.append(span)
                i = span[1]
            else:
                i += 1
        return found

    def _org_follows(self, chunk: list[Tok], j: int) -> bool:
        """'Guo Ruike Chuang ... Co., Ltd.': a name shape running straight into an org head is part of the org."""
        for t in chunk[j:]:
            if t.text in self.heads:
                return True
            if t.text.lower() in CONNECTORS:
                return False
        return False

    def _org_or_place(self, doc: Doc, piece: list[Tok]) -> list[Mention]:
        start, end = piece[0].start, piece[-1].end
        text = doc.text[start:end]
        place = self.gaz.place(text)
        if place and not (len(piece) > 1 and piece[-1].text in self.heads):
            return [Mention(start, end, text, "Location", "place:gazetteer", kind=place.kind, data={"name": place.name})]
        body = self.gaz.body(text) or self.gaz.body(strip_legal_suffix(text, self.gaz.legal_suffixes))
        if body:
            return [Mention(start, end, text, "Organization", "org:gazetteer", kind=body.kind, data={"name": body.name, "score": 0.9})]
        head = self.head(piece)
        if head in LEGAL_HEADS and piece[-1].text != head:
            head = None  # 'Limited' opens a phrase; only a final 'Ltd.' names a company
        if head and not (len(piece) == 1):
            nested = self._nested(piece)
            if nested and nested[0] in GOVERNING_HEADS:
                return self._org_or_place(doc, nested[2])
            data = {"head": head, "score": 0.5}
            out = [Mention(start, end, text, "Organization", "org:head-noun", kind=self.gaz.org_heads[head], data=data)]
            if nested:
                unit_head, unit, inner = nested
                data["inner"] = (inner[0].start, inner[-1].end)
                for x in (inner_ms := self._org_or_place(doc, inner)):
                    x.data["nested"] = True
                if len(unit) > 1 and unit[0].text != unit_head:
                    data["short"] = doc.text[unit[0].start:unit[-1].end]
                out += inner_ms
            out += self._inner_places(doc, piece)
            return out
        if head and len(piece) == 1 and head not in LEGAL_HEADS:
            return [Mention(start, end, text, "Proper", "ref:head", ref=True, data={"head": head})]
        # a run of places and words: keep each place, the rest is an unexplained name
        if len(piece) > 1 and all(t.text in MONTH_NAMES or t.text.isdigit() for t in piece[:1]):
            return []
        places = self._inner_places(doc, piece, whole=True)
        if places:
            return places
        for k in range(1, len(piece)):  # 'Reinforces China': a place closing an unexplained run
            tail = doc.text[piece[k].start:end]
            if (place := self.gaz.place(tail)) and tail[0].isupper():
                return [Mention(piece[k].start, end, tail, "Location", "place:gazetteer", kind=place.kind, data={"name": place.name})]
        if text in MONTH_NAMES:
            return []
        return [Mention(start, end, text, "Proper", "proper")]

    def _nested(self, piece: list[Tok]) -> tuple[str, list[Tok], list[Tok]] | None:
        """'Powder Metallurgy Branch of the X Association', 'School of Geology of Y University':
        a unit, then the body it belongs to (the shortest tail that is a named body of its own)."""
        found = None
        for k in range(1, len(piece) - 1):
            organ = k > 2 and piece[k - 1].text in ("Directors", "Supervisors") and piece[k - 3].text == "Board"  # 'Board of Directors of X'
            if piece[k].text != "of" or (piece[k - 1].text not in ORGAN_HEADS and not organ):
                continue
            inner = piece[k + 2:] if piece[k + 1].text == "the" else piece[k + 1:]
            inner_text = " ".join(t.text for t in inner)
            first = next((n for n, t in enumerate(inner) if t.text in ("of", "for")), len(inner))
            named = len(inner) > 1 and inner[first - 1].text in self.heads and inner[first - 1].text not in LEGAL_HEADS_BUT_LTD
            if any(self.gaz.body(" ".join(t.text for t in piece[:k + 1 + n])) for n in range(1, len(inner))):
                continue  # 'Chinese Academy of Sciences Qingdao Institute': the body's own name runs past the 'of'
            if inner and (named or self.gaz.body(inner_text)):
                found = ("Board" if organ else piece[k - 1].text, piece[:k], inner)
        return found

    def _inner_places(self, doc: Doc, piece: list[Tok], whole: bool = False) -> list[Mention]:
        """Places named inside a chunk: '... of Jiangxi Province' (jurisdiction) or a bare run of places."""
        start, end = piece[0].start, piece[-1].end
        out = []
        for m in self.place_re.finditer(doc.text, start, end):
            if not m.group()[0].isupper():
                continue
            before = doc.text[start:m.start()].rstrip()
            place = self.gaz.place(m.group())
            if place is None:
                continue
            if whole and m.start() == start and m.end() == end:
                pass
            elif whole:
                continue
            elif not before.endswith(" of") or m.end() != end:
                continue  # 'Hunan Nonferrous Metals Group': a place as modifier is not a mention of the place
            out.append(Mention(m.start(), m.end(), m.group(), "Location", "place:in-org-name" if not whole else "place:gazetteer",
                               kind=place.kind, data={"name": place.name, "inside": not whole}))
        return out

    def head(self, piece: list[Tok]) -> str | None:
        """The organisation head noun: last head before the first 'of'/'for', else the last one."""
        last = None
        for t in piece:
            if t.text in ("of", "for"):
                if last:
                    return last
            elif t.text in self.heads:
                last = t.text
        return last


def is_pinyin_given(word: str) -> bool:
    if word in ENGLISH_NOT_GIVEN or word in MONTH_NAMES or len(word) > 12:
        return False
    w = word.replace("'", "")
    return bool(PINYIN_GIVEN.fullmatch(w)) and (len(w) <= 4 or not w[1:].isupper())


def person_name(surface: str) -> str:
    """'XuMing' -> 'Xu Ming'; 'LIU Xiaolei' -> 'Liu Xiaolei'."""
    parts = surface.split()
    if len(parts) == 1:
        m = CAMEL_NAME.fullmatch(surface)
        parts = [m.group(1), m.group(2)] if m else parts
    return " ".join(p.capitalize() if p.isupper() else p for p in parts)


def _title_case(t: str) -> str:
    if t.isupper():
        return t
    return " ".join(w if w.isupper() else "-".join(x.capitalize() for x in w.split("-")) for w in t.split())


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


# --- dates -------------------------------------------------------------------------

MONTHS = {m: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")], 1) for m in names}
MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MON2 = MON.replace("?P<mon>", "?P<mon2>")
DIGIT = re.compile(r"\d")
DASH = r"\s*(?:-|–|—|to|through|until)\s*"
DATE_PATTERNS = [
    # April 15-16, 2024 / from June 3 to 5 / May 30 to June 2, 2024
    re.compile(rf"\b{MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:{DASH}(?:{MON2}\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?(?!\d)"),
    # 15-16 April 2024 / 12 October 2023
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:{DASH}(?P<d2>\d{{1,2}}))?\s+{MON}(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?\b"),
    # in March 2024
    re.compile(rf"\b{MON}\s+(?P<y>(?:19|20)\d{{2}})\b"),
    # 2024-03-08
    re.compile(r"\b(?P<iso>(?:19|20)\d{2}-\d{2}-\d{2})\b"),
]


def find_dates(s: Sentence) -> list[Mention]:
    out: list[Mention] = []
    if not DIGIT.search(s.text):
        return out  # every date pattern needs a digit
    for pat in DATE_PATTERNS:
        for m in pat.finditer(s.text):
            start, end = s.start + m.start(), s.start + m.end()
            if _overlaps(start, end, [(x.start, x.end) for x in out]):
                continue
            g = m.groupdict()
            if g.get("iso"):
                data = {"year": int(g["iso"][:4]), "month": int(g["iso"][5:7]), "day": int(g["iso"][8:])}
            else:
                mon = MONTHS[g["mon"].lower().rstrip(".")]
                day = int(g["d"]) if g.get("d") else None
                if day is not None and not 1 <= day <= 31:
                    continue
                if g["mon"] in ("May", "Mar") and day is None and not g.get("y"):
                    continue
                data = {"year": int(g["y"]) if g.get("y") else None, "month": mon, "day": day}
                if g.get("d2"):
                    mon2 = MONTHS[g["mon2"].lower().rstrip(".")] if g.get("mon2") else mon
                    data["end"] = {"month": mon2, "day": int(g["d2"])}
            out.append(Mention(start, end, m.group(), "Date", "date", data=data))
    return out


def iso_date(data: dict, year: int | None) -> tuple[str | None, str | None]:
    """Date mention data -> (date, end_date) as `YYYY-MM-DD`, `YYYY-MM` or `--MM-DD`."""
    y = data.get("year") or year

    def fmt(month: int, day: int | None) -> str:
        if day is None:
            return f"{y:04d}-{month:02d}" if y else f"--{month:02d}"
        return f"{y:04d}-{month:02d}-{day:02d}" if y else f"--{month:02d}-{day:02d}"

    start = fmt(data["month"], data.get("day"))
    end = data.get("end")
    return start, (fmt(end["month"], end["day"]) if end else None)
