"""The regex prefilter only skips searches that cannot match (loaders/extract/prefilter.py)."""
import random
import re
from pathlib import Path

import pytest

from rekg.loaders.extract import prefilter
from rekg.loaders.extract.pipeline import Extractor
from rekg.loaders.extract.prefilter import Guard, may_match, required_literals
from rekg.loaders.ingest import prepare
from rekg.loaders.read import read_file

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("pattern, text, hit", [
    (r"chairman of §O\d+§", "He is chairman of §O1§.", True),
    (r"chairman of §O\d+§", "He is the chair of §O1§.", False),
    (r"(?:led|headed) by §P\d+§", "a delegation headed by §P2§", True),
    (r"(?:led|headed) by §P\d+§", "a delegation with §P2§", False),
    (r"visit(?:ed|s)? §O\d+§", "they visit §O3§", True),  # an optional group requires nothing
    (r"(?:vice )?president", "President", False),  # case matters when the pattern says so
])
def test_required_literals_agree_with_the_regex(pattern, text, hit):
    rx = re.compile(pattern)
    assert bool(rx.search(text)) == hit
    assert may_match(required_literals(rx), text) or not hit


def test_case_insensitive_guard_folds_case_and_never_skips_odd_letters():
    g = Guard(re.compile(r"state-owned|\bSOE\b", re.I))
    assert g.may_match("a STATE-OWNED firm") and g.may_match("an soe")
    assert not g.may_match("a private firm")
    assert g.may_match("the \u212aelvin works")  # KELVIN SIGN folds to 'k': never skipped


def test_random_texts_never_skip_a_match():
    """Fragments of the patterns themselves, shuffled with noise: wherever a regex matches, the
    prefilter must have let it be searched."""
    patterns = [re.compile(p) for p in (r"(?:chairman|president|head) of (?:the )?§O\d+§", r"§P\d+§,? (?:the )?(?:CEO|chair)",
                                        r"(?:jointly )?(?:built|founded|set up) by §O\d+§ and §O\d+§", r"\bunder §O\d+§")]
    words = "chairman president head of the §O1§ §P2§ , CEO chair jointly built founded set up by and under x".split()
    rng = random.Random(7)
    for _ in range(4000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(2, 9)))
        for rx in patterns:
            if rx.search(text):
                assert may_match(required_literals(rx), text), (rx.pattern, text)


def test_the_sample_corpus_extracts_the_same_without_the_prefilter(monkeypatch):
    articles = [prepare(raw) for path in sorted((ROOT / "data" / "corpus").iterdir()) if path.is_file()
                for raw in read_file(path)]
    assert len(articles) >= 10
    fast = [Extractor()(a).model_dump() for a in articles]
    monkeypatch.setattr(prefilter, "may_match", lambda needs, text: True)
    monkeypatch.setattr(Guard, "may_match", lambda self, text, low=None: True)
    assert [Extractor()(a).model_dump() for a in articles] == fast
