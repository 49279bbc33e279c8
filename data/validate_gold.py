#!/usr/bin/env python3
"""Sanity checks for a gold set (data/eval, data/dev2, data/dev3, data/holdout) against its articles.

    python data/validate_gold.py data/dev2/gold.json [--articles DIR]   # articles default: articles/ beside the gold

Errors (exit 1): duplicate ids, unknown relation endpoints, wrong label for a relation's
direction, bad date formats, articles without a file. Warnings: a listed entity whose
name/aliases are not found in an article, a Location that only occurs inside a longer
name there, a quote that is not in the text, a roster name that occurs in an article the
entity does not list. Standard library only.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

PRIMARY = {"Person", "Organization", "Location", "Event"}
SECOND = {"SOE", "Company", "Institute", "University", "Association", "Agency", "Media"}
EVENT_KINDS = {"conference", "visit", "exchange", "meeting", "approval", "establishment", "other"}
LOC_KINDS = {"city", "province", "region", "country"}
DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}|--\d{2}-\d{2})$")  # a founding may give only its year
ORG_OR_PERSON = {"Organization", "Person"}
# type -> (allowed source primaries, allowed target primaries)
DIRECTION = {
    "LEADS": ({"Person"}, {"Organization"}),
    "MEMBER_OF": ({"Person"}, {"Organization"}),
    "VISITED": (ORG_OR_PERSON, {"Organization", "Location"}),
    "ORGANIZED": ({"Organization"}, {"Event", "Organization"}),
    "PARTICIPATED_IN": (ORG_OR_PERSON, {"Event"}),
    "SUBSIDIARY_OF": ({"Organization"}, {"Organization"}),
    "SUPERVISED_BY": ({"Organization"}, {"Organization"}),
    "FOUNDED": (ORG_OR_PERSON, {"Organization"}),
    "APPROVED": ({"Organization"}, {"Organization", "Event"}),
    "LOCATED_IN": ({"Organization", "Event", "Location"}, {"Location"}),
}


def norm(s: str) -> str:
    """Same normalisation as the scorer: accents off, lower case, punctuation to spaces."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("&", " and ")
    s = re.sub(r"[^\w\s]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def primary(labels):
    return next((lab for lab in labels if lab in PRIMARY), None)


def spans(text: str, phrase: str):
    p = norm(phrase)
    if not p:
        return []
    return [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(p) + r"(?!\w)", text)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="?", default="data/eval/gold.json")
    ap.add_argument("--articles", default=None)
    a = ap.parse_args(argv)
    a.articles = a.articles or str(Path(a.gold).parent / "articles")
    gold = json.loads(Path(a.gold).read_text(encoding="utf-8"))
    errors, warnings = [], []

    ids = [e["id"] for e in gold["entities"]]
    for i, n in Counter(ids).items():
        if n > 1:
            errors.append(f"duplicate entity id {i}")
    ents = {e["id"]: e for e in gold["entities"]}
    arts = gold["articles"]
    if len(set(arts)) != len(arts):
        errors.append("duplicate article ids")
    texts = {}
    for art in arts:
        f = Path(a.articles) / f"{art}.txt"
        if not f.exists():
            errors.append(f"no file for article {art}")
            continue
        raw = f.read_text(encoding="utf-8")
        texts[art] = (raw, norm(raw))
        words = len(raw.split())
        if not 120 <= words <= 400:
            warnings.append(f"{art}: {words} words (expected 120-400)")
    for f in Path(a.articles).glob("*.txt"):
        if f.stem not in arts:
            warnings.append(f"file {f.name} is not listed in gold articles")

    # -- entities
    for e in gold["entities"]:
        labels = e.get("labels", [])
        prim = primary(labels)
        if prim is None:
            errors.append(f"{e['id']}: no primary label")
        if prim == "Organization":
            rest = [lab for lab in labels if lab != "Organization"]
            if len(rest) != 1 or rest[0] not in SECOND:
                errors.append(f"{e['id']}: organisation needs exactly one of {sorted(SECOND)}")
            elif e["properties"].get("kind") != rest[0].lower():
                errors.append(f"{e['id']}: kind {e['properties'].get('kind')} != label {rest[0]}")
        if prim == "Location" and e["properties"].get("kind") not in LOC_KINDS:
            errors.append(f"{e['id']}: bad location kind")
        if prim == "Event":
            p = e["properties"]
            if p.get("kind") not in EVENT_KINDS:
                errors.append(f"{e['id']}: bad event kind {p.get('kind')}")
            for k in ("date", "end_date"):
                if k in p and not DATE.match(p[k]):
                    errors.append(f"{e['id']}: bad {k} {p[k]}")
        if prim == "Person" and not isinstance(e["properties"].get("titles"), list):
            errors.append(f"{e['id']}: person without titles list")
        for art in e["articles"]:
            if art not in arts:
                errors.append(f"{e['id']}: unknown article {art}")
        if not isinstance(e.get("optional"), bool):
            errors.append(f"{e['id']}: optional must be a bool")

    # -- relations
    for r in gold["relations"]:
        tag = f"{r['type']} {r['source']} -> {r['target']}"
        if r["type"] not in DIRECTION:
            errors.append(f"unknown relation type: {tag}")
            continue
        s, t = ents.get(r["source"]), ents.get(r["target"])
        if s is None or t is None:
            errors.append(f"missing endpoint: {tag}")
            continue
        ok_s, ok_t = DIRECTION[r["type"]]
        if primary(s["labels"]) not in ok_s or primary(t["labels"]) not in ok_t:
            errors.append(f"wrong direction/labels: {tag}")
        for k in ("date", "end_date"):
            if k in r.get("properties", {}) and not DATE.match(r["properties"][k]):
                errors.append(f"bad {k} on {tag}")
        for art in r["articles"]:
            if art not in arts:
                errors.append(f"{tag}: unknown article {art}")
            for e in (s, t):
                if art not in e["articles"]:
                    errors.append(f"{tag}: endpoint {e['id']} does not list article {art}")
        q = norm(r.get("quote", ""))
        if not q:
            warnings.append(f"{tag}: empty quote")
        elif not any(q in texts.get(art, ("", ""))[1] for art in r["articles"]):
            warnings.append(f"{tag}: quote not found in {r['articles']}: {r['quote'][:70]!r}")

    # -- surface forms in the texts
    names = []  # (normalised phrase, entity); event names only shadow what they contain
    for e in gold["entities"]:
        for n in [e["name"], *e.get("aliases", [])]:
            names.append((n, e))
    for art, (raw, text) in texts.items():
        # all matches, then keep the maximal ones (a match inside a longer name is not a mention)
        hits = []
        for n, e in names:
            for st, en in spans(text, n):
                hits.append((st, en, e))
        maximal = [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0])
                                              for o in hits)]
        found_any = {h[2]["id"] for h in hits}
        found_max = {h[2]["id"] for h in maximal}
        for e in gold["entities"]:
            if art not in e["articles"] or primary(e["labels"]) == "Event":
                continue
            if e["id"] not in found_any:
                warnings.append(f"{art}: {e['id']} listed but neither name nor alias occurs in the text")
            elif primary(e["labels"]) == "Location" and e["id"] not in found_max:
                warnings.append(f"{art}: location {e['id']} only occurs inside a longer name")
        for st, en, e in maximal:
            if art in e["articles"] or primary(e["labels"]) == "Event":
                continue
            short_surname = primary(e["labels"]) == "Person" and " " not in text[st:en]
            if not short_surname:
                warnings.append(f"{art}: '{text[st:en]}' ({e['id']}) occurs but the entity does not list the article")

    for w in sorted(set(warnings)):
        print("WARN ", w)
    for x in errors:
        print("ERROR", x)
    n_ent = len(gold["entities"])
    n_rel = len(gold["relations"])
    req_e = sum(1 for e in gold["entities"] if not e["optional"])
    req_r = sum(1 for r in gold["relations"] if not r["optional"])
    print(f"{len(arts)} articles, {n_ent} entities ({req_e} required), {n_rel} relations ({req_r} required); "
          f"{len(errors)} errors, {len(set(warnings))} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
