"""Group mentions into the entities of one article.

Names with the same key are one entity; parenthetical aliases and acronyms join
their full name; a short form ('Minmetals') joins the one organisation it shortens;
a bare surname joins the nearest person before it with that surname; 'the group',
'the Society', 'it' and 'there' join what they most plausibly point back to.
"""
from __future__ import annotations

import re
from collections import Counter

from rekg.loaders.extract.doc import Doc, LocalEnt, Mention
from rekg.loaders.extract.mentions import PINYIN_SYLLABLE
from rekg.loaders.gazetteer import Gazetteer, load_gazetteer, norm_key, strip_legal_suffix

ALIAS_PAREN = re.compile(
    r"\s*\((?:(?P<cue>formerly|previously|also known as|also called|often referred to as|commonly referred to as|"
    r"referred to as|known as|hereinafter(?: referred to as)?|abbreviated as|short for|or)\s+)?(?P<body>[^()]{1,80}?)"
    r"(?:\s+for short)?\)"
)
DESCRIPTION = re.compile(
    r"\b(?:the|this|that)\s+(?:[A-Z][\w]*-(?:based|headquartered)\s+)?((?-i:[a-z-]+\s+){0,2})(group|company|corporation|conglomerate|firm|enterprise|institute|"
    r"academy|university|college|society|association|alliance|center|centre|laboratory|lab|ministry|department|"
    r"commission|bureau|federation|platform)\b",
    re.I,
)
QUOTED = re.compile(r'["“]([^"”]{2,60})["”]')
DEFINED_DESCRIPTION = re.compile(r"(?:the |our )?(?:company|group|issuer|firm|bank|university|institute)", re.I)
BOARD = {"Board", "Board of Directors", "Board of Supervisors"}
SUBJECT_PRONOUN = re.compile(r"(?:He|She)(?= )")
PRONOUN = re.compile(r"\b(?:[Ii]ts|[Ii]t|[Tt]here)\b(?!')")
EXISTENTIAL = re.compile(r"\s+(?:is|are|was|were|will|has|have|had|remains?|seems?|appears?|may|might|could|would)\b")
ORG_APPOSITION = re.compile(
    r",? (?:a|an|the|another) (?:[\w-]+ ){0,3}?(?:company|firm|subsidiary|enterprise|producer|miner|manufacturer|maker|"
    r"supplier|refiner|smelter|conglomerate|unit|group|startup|start-up)\b")
PLACE_BASED = re.compile(r"\b[A-Z][\w.]*-(?:based|headquartered) $")
COMPANYISH = {"group", "company", "corporation", "conglomerate", "firm", "enterprise"}
PINYIN_SYLLABLES = re.compile(PINYIN_SYLLABLE)
PINYIN_WORD = re.compile(rf"(?:{PINYIN_SYLLABLE}){{2,3}}")
GENERIC_FIRST = {"china", "chinese", "national", "state", "the"}


def acronym_fits(acr: str, name: str) -> bool:
    """'KIPM' fits 'Kunming Institute of Precious Metals': initials, in order.

    A pinyin word may give one initial per syllable: 'JXUST' is Jiang-Xi University of S&T.
    """
    letters = [c for c in acr if c.isalpha()]
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in {"of", "and", "the", "for", "&", "de"}]
    if not letters or not words or letters[0].lower() != words[0][0].lower():
        return False
    initials = "".join(_syllable_initials(w) for w in words)
    it = iter(initials)
    return all(c.lower() in it for c in letters) or _fits_inside_words(letters, words)


def _fits_inside_words(letters: list[str], words: list[str]) -> bool:
    """'SWU' fits 'Southwestern University': every word gives its initial, a word may give a later letter too."""
    if len(letters) > len(words) + 2:
        return False
    pos = 0
    for w in (w.lower() for w in words):
        if pos >= len(letters) or letters[pos].lower() != w[0]:
            return False
        pos += 1
        if pos < len(letters) and len(w) > 4 and (i := w.find(letters[pos].lower(), 3)) > 0 and (pos + 1 == len(letters) or letters[pos + 1].lower() not in w[i + 1:]):
            pos += 1  # one inner letter per word: South-Western
    return pos == len(letters)


def _syllable_initials(word: str) -> str:
    """'Jiangxi' -> 'jx'; a word that is not pinyin gives its first letter."""
    w = word.lower()
    if PINYIN_WORD.fullmatch(w):
        return "".join(x[0] for x in PINYIN_SYLLABLES.findall(w))
    return w[0]


class Coreference:
    """Component: turn mentions into local entities (`doc.entities`), resolving references."""

    def __init__(self, gaz: Gazetteer | None = None):
        self.gaz = gaz or load_gazetteer()

    def __call__(self, doc: Doc) -> None:
        self.doc = doc
        self.by_key: dict[str, str] = {}
        self._aliases_in_parentheses()
        for m in doc.mentions:
            if m.label in ("Person", "Organization", "Location") and m.entity is None:
                self._attach_name(m)
        self._merge_variants()
        self._acronyms_and_short_forms()
        self._organisations_by_context()
        self._surnames()
        self._descriptions()
        self._pronouns()
        self._personal_pronouns()
        doc.mentions.sort(key=lambda m: (m.start, -m.end))

    # -- names -------------------------------------------------------------------
    def key(self, m: Mention) -> str:
        if m.label == "Person":
            return "p:" + norm_key(m.data.get("name", m.text))
        if m.label == "Location":
            return "l:" + norm_key(m.data.get("name", m.text))
        return "o:" + norm_key(m.data.get("name") or strip_legal_suffix(m.text, self.gaz.legal_suffixes))

    def _new(self, m: Mention) -> LocalEnt:
        eid = f"e{len(self.doc.entities) + 1}"
        name = m.data.get("name") or m.text
        ent = LocalEnt(eid, m.label, name, kind=m.kind, kind_score=m.data.get("score", 0.5 if m.kind else 0.0), rule=m.rule)
        if m.label == "Organization" and m.rule == "org:gazetteer":
            ent.properties["gazetteer"] = True
        if m.label == "Location" and (place := self.gaz.place(name)):
            ent.properties["_parent"] = place.parent
        self.doc.entities[eid] = ent
        return ent

    def _attach_name(self, m: Mention, ent: LocalEnt | None = None) -> None:
        k = self.key(m)
        if ent is None:
            eid = self.by_key.get(k)
            ent = self.doc.entities[eid] if eid else self._new(m)
        self.by_key.setdefault(k, ent.local_id)
        m.entity = ent.local_id
        m.label = ent.label
        if m.text != ent.name:
            ent.aliases.add(m.text)
        if m.data.get("short"):  # 'Policy Research Department' of 'Policy Research Department of the Ministry of X'
            ent.aliases.add(m.data["short"])
            ent.weak.add(m.data["short"])
        if m.label == "Organization" and not ent.properties.get("gazetteer"):
            better = m.data.get("name") or m.text
            if len(better) > len(ent.name) and m.rule != "alias":
                ent.aliases.add(ent.name)
                ent.name = better
        if m.data.get("score", 0) > ent.kind_score and m.kind:
            ent.kind, ent.kind_score = m.kind, m.data["score"]

    def _aliases_in_parentheses(self) -> None:
        """'X (KIPM)', 'X (formerly Y)', 'X (often referred to as Y)': Y names X."""
        doc = self.doc
        mentions = doc.mentions
        for i, m in enumerate(mentions):
            if m.label not in ("Organization", "Proper"):
                continue
            pm = ALIAS_PAREN.match(doc.text, m.end)
            if not pm or (m.label == "Proper" and not pm.group("cue")):
                continue
            quoted = [q for q in QUOTED.findall(pm.group("body")) if not DEFINED_DESCRIPTION.fullmatch(q)]
            body = pm.group("body").strip().strip('"“”').strip()
            if quoted and m.label == "Organization":  # '(SSE: 600000, "Acme" or "the Company")': a press release's defined terms
                m.data.setdefault("alias_names", []).extend(quoted)
                m.data["paren"] = (pm.start(), pm.end())
                for x in mentions[i + 1:]:
                    if pm.start() <= x.start and x.end <= pm.end():
                        x.data["alias_of"], x.label = id(m), "Alias"
                continue
            inner = [x for x in mentions[i + 1:] if pm.start() <= x.start and x.end <= pm.end()]
            is_acr = bool(re.fullmatch(r"[A-Z][A-Za-z&]{1,9}", body)) and sum(c.isupper() for c in body) >= 2
            if is_acr and not pm.group("cue") and acronym_fits(body, m.text):
                m.data.setdefault("acronyms", []).append(body)
            elif pm.group("cue") and pm.group("cue") != "or" or (pm.group("cue") == "or" and inner):
                m.data.setdefault("alias_names", []).append(body)
            else:
                continue
            for x in inner:
                x.data["alias_of"] = id(m)
                x.label = "Alias"
            m.data["paren"] = (pm.start(), pm.end())

    def _merge_variants(self) -> None:
        """Register defined acronyms and aliases; fold an org into a longer variant of itself."""
        doc = self.doc
        for m in doc.mentions:
            if m.entity is None or m.label != "Organization":
                continue
            ent = doc.entities[m.entity]
            for acr in m.data.get("acronyms", []):
                ent.weak.add(acr)
                ent.aliases.add(acr)
                self.by_key.setdefault("a:" + acr, ent.local_id)
            for alias in m.data.get("alias_names", []):
                ent.aliases.add(alias.strip())
                key = "o:" + norm_key(strip_legal_suffix(alias, self.gaz.legal_suffixes))
                other = self.by_key.setdefault(key, ent.local_id)
                if other != ent.local_id and other in doc.entities and doc.entities[other].label == "Organization":
                    self._fold(doc.entities[other], ent)  # '(hereinafter "the Institute")' named before it was read
        orgs = [e for e in doc.entities.values() if e.label == "Organization"]
        for a in orgs:
            for b in orgs:
                if a is b or a.local_id not in doc.entities or b.local_id not in doc.entities:
                    continue
                ta, tb = (_content_words(strip_legal_suffix(x.name, self.gaz.legal_suffixes)) for x in (a, b))
                if len(ta) >= 4 and len(tb) > len(ta) and ta[0] == tb[0] and ta[-1] == tb[-1] and _subsequence(ta, tb):
                    self._fold(a, b)

    def _fold(self, src: LocalEnt, dst: LocalEnt) -> None:
        dst.aliases |= src.aliases | {src.name}
        dst.weak |= src.weak
        for m in self.doc.mentions:
            if m.entity == src.local_id:
                m.entity = dst.local_id
        for k, v in list(self.by_key.items()):
            if v == src.local_id:
                self.by_key[k] = dst.local_id
        del self.doc.entities[src.local_id]

    def _acronyms_and_short_forms(self) -> None:
        doc = self.doc
        short: dict[str, set[str]] = {}
        for e in doc.entities.values():
            if e.label != "Organization":
                continue
            for form in short_forms(e.name, self.gaz):
                short.setdefault(form, set()).add(e.local_id)
            for a in e.aliases:
                short.setdefault(norm_key(a), set()).add(e.local_id)
        for m in doc.mentions:
            if m.entity is not None or m.label not in ("Proper", "Alias", "Organization"):
                continue
            if m.label == "Alias":
                owner = next((x for x in doc.mentions if id(x) == m.data.get("alias_of")), None)
                if owner and owner.entity:
                    m.entity, m.label = owner.entity, "Organization"
                continue
            eid = self.by_key.get("a:" + m.text) if m.text.isupper() else None
            if eid is None:
                cands = short.get(norm_key(m.text), set())
                eid = next(iter(cands)) if len(cands) == 1 else None
            if eid is None and m.label == "Proper":
                eid = self._leading_words_of(m.text)
            if eid:
                m.entity, m.label, m.ref = eid, "Organization", m.label == "Proper"
                ent = doc.entities[eid]
                if m.text != ent.name:
                    ent.aliases.add(m.text)
                    if m.text.isupper():
                        ent.weak.add(m.text)
                    elif norm_key(m.text) != norm_key(strip_legal_suffix(ent.name, self.gaz.legal_suffixes)):
                        ent.weak.add(m.text)
            elif m.label == "Proper" and (body := self.gaz.acronyms.get(m.text)):
                m.label, m.kind, m.rule = "Organization", body.kind, "org:gazetteer"
                m.data.update(name=body.name, score=0.9)
                self._attach_name(m)

    def _organisations_by_context(self) -> None:
        """An unexplained name is an organisation when the sentence says so.

        'Shenghe Resources Chairman Wang Yu' (a name before a title and a person) or
        'Jinli Magnet, a listed subsidiary' (an apposition with an organisation noun).
        """
        doc = self.doc
        ms = doc.mentions
        for i, m in enumerate(ms):
            if m.label != "Proper" or m.entity is not None or m.text in self.gaz.surnames or m.rule == "ref:head":
                continue  # a lone head noun ('Institute') is a back-reference, resolved later
            nxt = [x for x in ms[i + 1:i + 3] if x.start >= m.end]
            gap = doc.text[m.end:nxt[0].start] if nxt else ""
            titled = (len(nxt) == 2 and nxt[0].label == "Title" and nxt[1].label == "Person" and gap in (" ", "'s "))
            apposed = ORG_APPOSITION.match(doc.text, m.end)
            based = PLACE_BASED.search(doc.text, max(0, m.start - 40), m.start)  # 'Oslo-based Y': Y is a firm
            if titled or apposed or based:
                m.label, m.kind, m.rule = "Organization", "Company", "org:context"
                m.data["score"] = 0.3
                self._attach_name(m)

    def _leading_words_of(self, text: str) -> str | None:
        """'Silver Crane' shortens 'Hunan Silver Crane Magnet Co., Ltd.': the name's
        leading words, once a place or 'China' before them and the legal suffix are dropped."""
        words = norm_key(text).split()
        if not words or words[0] in GENERIC_FIRST or self.gaz.place(words[0]):
            return None
        orgs = [e for e in self.doc.entities.values() if e.label == "Organization"]
        for drop_place in (False, True):  # 'Hengxin' is Hengxin Metals before Wuhu Hengxin
            hits = set()
            for e in orgs:
                core = norm_key(strip_legal_suffix(e.name, self.gaz.legal_suffixes)).split()
                while drop_place and core and (core[0] in GENERIC_FIRST or self.gaz.place(core[0])):
                    core = core[1:]
                if len(core) > len(words) and core[:len(words)] == words:
                    hits.add(e.local_id)
            if hits:
                return next(iter(hits)) if len(hits) == 1 else None
        return None

    # -- references -----------------------------------------------------------------
    def _surnames(self) -> None:
        doc = self.doc
        persons = [m for m in doc.mentions if m.label == "Person" and m.entity]
        for m in doc.mentions:
            if m.label != "Proper" or m.entity or m.text not in self.gaz.surnames:
                continue
            before = [p for p in persons if p.start < m.start and doc.entities[p.entity].name.split()[0] == m.text]
            if before:
                m.entity, m.label, m.ref, m.rule = before[-1].entity, "Person", True, "coref:surname"
                doc.entities[m.entity].aliases.add(m.text)

    def _descriptions(self) -> None:
        doc = self.doc
        new: list[Mention] = []
        for s in doc.sentences:
            for dm in DESCRIPTION.finditer(s.text):
                start, end = s.start + dm.start(), s.start + dm.end()
                if "-based" in dm.group() or "-headquartered" in dm.group():
                    start = s.start + dm.start(1)  # the place stays a mention of its own: '§L§-based §O§'
                if any(x.start < end and start < x.end and x.label != "Proper" for x in doc.mentions):
                    continue
                mods, head = dm.group(1).split(), dm.group(2).lower()
                target = self._antecedent(start, head, mods, new)
                if target:
                    new.append(Mention(start, end, dm.group(), "Organization", "coref:description", entity=target, ref=True))
        for m in doc.mentions:  # 'the Society' found by the chunker as a lone head noun
            if m.label == "Proper" and m.entity is None and m.text in BOARD:  # a filing's 'the Board' acts for its company
                m.data["head"], m.rule = "company", "ref:head"
            if m.rule == "ref:head" and m.entity is None:
                target = self._antecedent(m.start, m.data["head"].lower(), [])
                if target:
                    m.entity, m.label, m.ref, m.rule = target, "Organization", True, "coref:description"
        doc.mentions.extend(new)

    def _sentence_of(self, pos: int) -> int:
        return next((i for i, s in enumerate(self.doc.sentences) if s.start <= pos < s.end), -1)

    def _antecedent(self, pos: int, head: str, mods: list[str], resolved: list[Mention] = ()) -> str | None:
        """The fitting organisation named in most sentences so far (the article's topic), the latest on a tie."""
        doc = self.doc
        before = [x for x in [*doc.mentions, *resolved] if x.entity and x.label == "Organization" and x.end <= pos and not x.data.get("nested")]
        count = Counter(e for e, _ in {(x.entity, self._sentence_of(x.start)) for x in before})
        for m in sorted((x for x in before if not x.ref), key=lambda x: (-count[x.entity], -x.start)):
            ent = doc.entities[m.entity]
            words = set(norm_key(ent.name).split()) | {w for a in ent.aliases for w in norm_key(a).split()}
            if head in COMPANYISH:
                ok = ent.kind in ("SOE", "Company") and (head not in ("group",) or "group" in words or ent.kind == "SOE")
            else:
                ok = head in words or (head in ("center", "centre") and {"center", "centre"} & words) or (head == "institute" and "academy" in words)
            if ok and all(md.lower() in words for md in mods if md.lower() not in ("new", "same", "said", "above", "two", "whole")):
                return m.entity
        return None

    def _pronouns(self) -> None:
        doc = self.doc
        counts = Counter(m.entity for m in doc.mentions if m.entity and m.label == "Organization")
        new: list[Mention] = []
        for idx, s in enumerate(doc.sentences):
            for pm in PRONOUN.finditer(s.text):
                start, end = s.start + pm.start(), s.start + pm.end()
                word = pm.group().lower()
                if word == "there":
                    if EXISTENTIAL.match(s.text, pm.end()):
                        continue
                    locs = [m for m in doc.mentions if m.label == "Location" and m.entity and m.end <= start]
                    cities = [m for m in locs if doc.entities[m.entity].kind == "city"]
                    pick = (cities or locs)[-1] if (cities or locs) else None
                    if pick:
                        new.append(Mention(start, end, pm.group(), "Location", "coref:there", entity=pick.entity, ref=True))
                    continue
                orgs = sorted((m for m in [*doc.mentions, *new] if m.label == "Organization" and m.entity), key=lambda m: m.start)
                pick_id = self._subject(orgs, s.start, start)
                if pick_id is None and idx > 0:
                    prev = doc.sentences[idx - 1]
                    pick_id = self._subject(orgs, prev.start, prev.end)
                if pick_id is None:
                    window_start = doc.sentences[max(0, idx - 2)].start
                    cands = [m for m in orgs if window_start <= m.start and m.end <= start]
                    if not cands:
                        continue
                    last_pos = {m.entity: m.start for m in cands}
                    pick_id = max(last_pos, key=lambda e: (counts[e], last_pos[e]))
                new.append(Mention(start, end, pm.group(), "Organization", "coref:pronoun", entity=pick_id, ref=True))
        doc.mentions.extend(new)

    def _personal_pronouns(self) -> None:
        """A sentence opening with 'He'/'She' goes on about the person the previous one was about (its first person)."""
        doc = self.doc
        persons = [m for m in doc.mentions if m.label == "Person" and m.entity]
        for idx, s in enumerate(doc.sentences):
            pm = SUBJECT_PRONOUN.match(s.text)
            if not pm or idx == 0:
                continue
            for prev in reversed(doc.sentences[max(0, idx - 2):idx]):
                first = next((p for p in persons if prev.start <= p.start < prev.end), None)
                if first:
                    doc.mentions.append(Mention(s.start, s.start + pm.end(), pm.group(), "Person", "coref:he-she", entity=first.entity, ref=True))
                    break

    @staticmethod
    def _subject(orgs: list[Mention], start: int, end: int) -> str | None:
        """'it'/'its' points back to the subject: the first organisation of its own clause or sentence, else the previous one's."""
        first = next((m for m in orgs if start <= m.start and m.end <= end), None)
        return first.entity if first else None


def _content_words(name: str) -> list[str]:
    return [w for w in norm_key(name).split() if w not in {"of", "and", "the", "for"}]


def _subsequence(a: list[str], b: list[str]) -> bool:
    it = iter(b)
    return all(w in it for w in a)


def short_forms(name: str, gaz: Gazetteer) -> set[str]:
    """Forms an article may shorten an organisation's name to."""
    base = strip_legal_suffix(name, gaz.legal_suffixes)
    forms = {norm_key(base)}
    words = norm_key(base).split()
    if len(words) > 1 and words[0] in GENERIC_FIRST:
        forms.add(" ".join(words[1:]))
    if base != name and len(words) == 1:
        forms.add(words[0])
    return {f for f in forms if f and not gaz.place(f)}
