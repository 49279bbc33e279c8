"""No name, sentence or offset of a seed article appears in code or gazetteers.

The seed articles are in ../shared (there in CI and for developers, never at run
time). Places of China and well-known national bodies are general knowledge the
extractor is meant to carry; everything else a seed names must not be in the code.
"""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# national bodies the gazetteer may know by name (DEVELOPERS.md: "well-known national bodies")
NATIONAL = {"Chinese Academy of Sciences", "Ministry of Industry and Information Technology", "China Rare Earth Group",
            "State-owned Assets Supervision and Administration Commission", "China Minmetals Corporation", "SMM", "Tencent",
            "Association of China Rare Earth Industry"}

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "gold-seeds.json").exists(), reason="../shared is not beside the repo")


def project_files():
    for folder in ("graph", "loaders", "api", "viz", "data/gazetteers", "scripts", "benchmarks"):
        for p in (ROOT / folder).rglob("*"):
            if p.is_file() and p.suffix in (".py", ".json", ".txt", ".java", ".js", ".html", ".css", "") and "__pycache__" not in p.parts:
                yield p


def test_no_seed_names_in_code_or_gazetteers():
    gold = json.loads((SHARED / "eval" / "gold-seeds.json").read_text(encoding="utf-8"))
    names = set()
    for e in gold["entities"]:
        if "Location" in e["labels"] or "Event" in e["labels"] or e["name"] in NATIONAL:
            continue
        # a bare surname ('Chen') is general knowledge, not a seed's name
        names |= {n for n in [e["name"], *e.get("aliases", [])] if len(n) > 3 and " " in n or len(n) > 5}
    assert len(names) > 20
    pattern = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in sorted(names, key=len, reverse=True)), re.I)
    allowed = re.compile("|".join(re.escape(n) for n in sorted(NATIONAL, key=len, reverse=True)), re.I)
    leaks = []
    for p in project_files():
        text = allowed.sub(" ", p.read_text(encoding="utf-8", errors="ignore"))
        leaks += [(p.relative_to(ROOT), m.group()) for m in pattern.finditer(text)]
    assert leaks == []


def test_no_seed_sentences_in_code_or_gazetteers():
    shingles = set()
    for f in (SHARED / "corpus" / "seeds").glob("*.txt"):
        words = re.findall(r"\w+", f.read_text(encoding="utf-8").lower())
        shingles |= {" ".join(words[i:i + 8]) for i in range(len(words) - 7)}
    leaks = []
    for p in project_files():
        words = re.findall(r"\w+", p.read_text(encoding="utf-8", errors="ignore").lower())
        leaks += [(p.relative_to(ROOT), " ".join(words[i:i + 8])) for i in range(len(words) - 7) if " ".join(words[i:i + 8]) in shingles]
    assert leaks == []
