"""General knowledge the extractor leans on, loaded once from `rekg.gazetteers`.

Nothing here is specific to any article: places of China and the world, pinyin
surnames, titles, organisation head nouns and well-known national bodies.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


_NOT_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=200_000)
def norm_key(s: str) -> str:
    """Case-, accent- and punctuation-insensitive form used for every lookup (cached: names repeat)."""
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("&", " and ").replace("'s ", "s ")
    s = _SPACES.sub(" ", _NOT_WORD.sub(" ", s)).strip()
    return s[4:] if s.startswith("the ") else s


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    parent: str | None


@dataclass(frozen=True)
class Body:
    name: str
    kind: str
    aliases: tuple[str, ...]
    acronyms: tuple[str, ...]


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)  # norm surface -> place
    place_surfaces: list[str] = field(default_factory=list)  # longest first
    surnames: frozenset[str] = frozenset()
    lead_titles: tuple[str, ...] = ()
    member_titles: tuple[str, ...] = ()
    honorifics: frozenset[str] = frozenset()
    org_heads: dict[str, str] = field(default_factory=dict)
    legal_suffixes: tuple[str, ...] = ()
    bodies: dict[str, Body] = field(default_factory=dict)  # norm name/alias -> body
    acronyms: dict[str, Body] = field(default_factory=dict)  # exact acronym -> body

    def place(self, surface: str) -> Place | None:
        return self.places.get(norm_key(surface))

    def body(self, surface: str) -> Body | None:
        return self.bodies.get(norm_key(surface)) or self.acronyms.get(surface)

    def title_role(self, title: str) -> str | None:
        """'lead' or 'member' for a title phrase, by its last title word."""
        return _title_role(self.lead_titles, self.member_titles, norm_key(title))


@lru_cache(maxsize=4096)
def _title_role(lead: tuple[str, ...], member: tuple[str, ...], t: str) -> str | None:
    # the longest title the phrase ends with decides: 'board secretary' is not a 'secretary'
    for cand, role in sorted(((norm_key(c), r) for r, ts in (("lead", lead), ("member", member)) for c in ts), key=lambda x: -len(x[0])):
        if t == cand or t.endswith(" " + cand):
            return role
    return None


@lru_cache(maxsize=100_000)
def strip_legal_suffix(name: str, suffixes: tuple[str, ...]) -> str:
    """'China Minmetals Corporation' -> 'China Minmetals'; 'X Group' keeps its 'Group'."""
    for suf in suffixes:
        if name.endswith(" " + suf) or name.endswith("," + suf):
            return name[: -len(suf)].rstrip(" ,")
    return name


def _load(name: str) -> dict:
    return json.loads(resources.files("rekg.gazetteers").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    g = Gazetteer()
    for p in _load("places.json")["places"]:
        place = Place(p["name"], p["kind"], p.get("parent"))
        for surface in [p["name"], *p.get("aliases", [])]:
            g.places.setdefault(norm_key(surface), place)
            g.place_surfaces.append(surface)
    g.place_surfaces.sort(key=len, reverse=True)
    lex = _load("lexicon.json")
    g.surnames = frozenset(lex["surnames"])
    g.lead_titles = tuple(lex["titles"]["lead"])
    g.member_titles = tuple(lex["titles"]["member"])
    g.honorifics = frozenset(lex["titles"]["honorific"])
    g.org_heads = dict(lex["org_heads"])
    g.legal_suffixes = tuple(sorted(lex["legal_suffixes"], key=len, reverse=True))
    for b in _load("bodies.json")["bodies"]:
        body = Body(b["name"], b["kind"], tuple(b["aliases"]), tuple(b["acronyms"]))
        for surface in [b["name"], *b["aliases"]]:
            g.bodies.setdefault(norm_key(surface), body)
            g.bodies.setdefault(norm_key(strip_legal_suffix(surface, g.legal_suffixes)), body)
        for acr in b["acronyms"]:
            g.acronyms.setdefault(acr, body)
    return g
