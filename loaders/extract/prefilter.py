"""Skip a regex search that cannot succeed: literal text every match must contain.

Relation rules are dozens of regexes tried on every sentence template, and most of them
cannot match most sentences ("owned by", "§L" ...). `required_literals` reads the
pattern's parse tree once and lists what any match must contain; `may_match` checks those
with plain substring tests, so a rule whose words are absent is never searched. The test
is exact: it only skips searches that would have found nothing. `Guard` does the same for
case-insensitive patterns, on lower-cased text.
"""
from __future__ import annotations

import re

try:
    from re import _parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse

_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", sre_parse.MAX_REPEAT)}
MAX_ALTERNATIVES = 16  # cap on the strings a run of literals and small classes expands to
KEEP = 3  # the most selective requirements are enough to skip nearly every hopeless search

# the only non-ASCII characters that re.IGNORECASE matches to an ASCII letter
FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")

Needs = tuple[tuple[str, ...], ...]  # all of these groups, at least one string of each group


def required_literals(pattern: re.Pattern) -> Needs:
    """What every match of `pattern` contains, strongest (longest) first; () if nothing is known.

    For a case-insensitive pattern: lower-cased ASCII strings its match holds in some case."""
    fold = bool(pattern.flags & re.IGNORECASE)
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    needs = {frozenset(n) for n in _sequence(parsed, fold) if min(map(len, n)) >= 2}
    ranked = sorted(needs, key=lambda n: (-min(map(len, n)), len(n), sorted(n)))
    return tuple(tuple(sorted(n)) for n in ranked[:KEEP])


def may_match(needs: Needs, text: str) -> bool:
    for group in needs:  # plain loops: this runs for every rule on every sentence
        for s in group:
            if s in text:
                break
        else:
            return False
    return True


def lowered(text: str) -> str | None:
    """`text` as case-insensitive guards read it; None if it holds a non-ASCII letter that folds to an
    ASCII one (such text is never skipped)."""
    return None if FOLDS_TO_ASCII.search(text) else text.lower()


_UNSET = object()


class Guard:
    """A pattern's `may_match`, also for a case-insensitive one."""

    def __init__(self, pattern: re.Pattern):
        self.fold = bool(pattern.flags & re.IGNORECASE)
        self.needs = required_literals(pattern)

    def may_match(self, text: str, low: str | None = _UNSET) -> bool:
        """`low` is `lowered(text)`, when the caller tries many guards on one text (it is done once)."""
        if self.fold:
            text = lowered(text) if low is _UNSET else low
            if text is None:
                return True
        return may_match(self.needs, text)


def _sequence(items, fold: bool) -> list[set[str]]:
    needs: list[set[str]] = []
    run = {""}

    def flush() -> None:
        nonlocal run
        if run != {""}:
            needs.append(run)
        run = {""}

    for op, av in items:
        chars = _class_chars(op, av, fold)
        if chars and len(run) * len(chars) <= MAX_ALTERNATIVES:
            run = {s + c for s in run for c in chars}
            continue
        flush()
        if op is sre_parse.SUBPATTERN and (fold or not av[1] & re.IGNORECASE):
            needs += _sequence(av[-1], fold)
        elif op in _REPEATS and av[0] >= 1:
            needs += _sequence(av[2], fold)
        elif op is getattr(sre_parse, "ATOMIC_GROUP", None):
            needs += _sequence(av, fold)
        elif op is sre_parse.BRANCH:
            branches = [_sequence(b, fold) for b in av[1]]
            if all(branches):  # one requirement of each branch; any of them will do
                needs.append(set().union(*(max(b, key=lambda n: min(map(len, n))) for b in branches)))
    flush()
    return needs


def _class_chars(op, av, fold: bool) -> list[str] | None:
    """The characters a literal or a small set of literals ('[PO]') matches (lower-cased ASCII
    ones when folding case), else None."""
    if op is sre_parse.LITERAL:
        chars = [chr(av)]
    elif op is sre_parse.IN and all(o is sre_parse.LITERAL for o, _ in av):
        chars = [chr(a) for _, a in av]
    else:
        return None
    if fold:
        chars = list(dict.fromkeys(c.lower() for c in chars))
        if not all(c.isascii() for c in chars):
            return None
    return chars
