#!/usr/bin/env python3
"""Sanity checks for data/holdout/gold.json (run from anywhere)."""
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {"LEADS", "MEMBER_OF", "VISITED", "ORGANIZED", "PARTICIPATED_IN", "SUBSIDIARY_OF", "SUPERVISED_BY",
         "FOUNDED", "APPROVED", "LOCATED_IN"}
KINDS = {"SOE", "Company", "Institute", "University", "Association", "Agency", "Media"}
LOC_KINDS = {"city", "province", "region", "country"}
EV_KINDS = {"conference", "visit", "exchange", "meeting", "approval", "establishment", "other"}
DATE = re.compile(r"^(\d{4}-\d{2}(-\d{2})?|--\d{2}-\d{2})$")
ENDS = {  # allowed primary labels of (source, target)
    "LEADS": ({"Person"}, {"Organization"}),
    "MEMBER_OF": ({"Person"}, {"Organization"}),
    "VISITED": ({"Person", "Organization"}, {"Organization", "Location"}),
    "ORGANIZED": ({"Organization"}, {"Event", "Organization"}),
    "PARTICIPATED_IN": ({"Person", "Organization"}, {"Event"}),
    "SUBSIDIARY_OF": ({"Organization"}, {"Organization"}),
    "SUPERVISED_BY": ({"Organization"}, {"Organization"}),
    "FOUNDED": ({"Organization", "Person"}, {"Organization"}),
    "APPROVED": ({"Organization"}, {"Organization", "Event"}),
    "LOCATED_IN": ({"Organization", "Event", "Location"}, {"Location"}),
}


def norm(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("&", " and ")
    s = re.sub(r"[^\w\s]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def main():
    g = json.load(open(os.path.join(HERE, "gold.json"), encoding="utf-8"))
    err, warn = [], []
    assert set(g) == {"corpus", "articles", "entities", "relations"}, g.keys()
    texts = {}
    for a in g["articles"]:
        p = os.path.join(HERE, "articles", a + ".txt")
        if not os.path.exists(p):
            err.append(f"missing article file {p}")
            continue
        texts[a] = open(p, encoding="utf-8").read()
        body = texts[a].split("\n", 1)[1] if "\n" in texts[a] else texts[a]
        n = len(body.split())
        if not 150 <= n <= 350:
            warn.append(f"{a}: body has {n} words")
    ids = Counter(e["id"] for e in g["entities"])
    err += [f"duplicate id {i}" for i, c in ids.items() if c > 1]
    ent = {e["id"]: e for e in g["entities"]}
    for e in g["entities"]:
        if set(e) != {"id", "name", "labels", "aliases", "articles", "properties", "optional"}:
            err.append(f"{e['id']}: keys {sorted(e)}")
        labs = e["labels"]
        prim = labs[0]
        if prim == "Organization":
            if len(labs) != 2 or labs[1] not in KINDS or e["properties"].get("kind") != labs[1].lower():
                err.append(f"{e['id']}: bad org labels {labs} / {e['properties']}")
        elif prim == "Location":
            if labs != ["Location"] or e["properties"].get("kind") not in LOC_KINDS:
                err.append(f"{e['id']}: bad location {labs} {e['properties']}")
        elif prim == "Event":
            pr = e["properties"]
            if pr.get("kind") not in EV_KINDS:
                err.append(f"{e['id']}: bad event kind")
            for k in ("date", "end_date"):
                if k in pr and not DATE.match(pr[k]):
                    err.append(f"{e['id']}: bad {k} {pr[k]}")
        elif labs != ["Person"]:
            err.append(f"{e['id']}: bad labels {labs}")
        for a in e["articles"]:
            if a not in texts:
                err.append(f"{e['id']}: unknown article {a}")
        if prim == "Event":
            continue
        forms = [e["name"]] + e["aliases"]
        for a in e["articles"]:
            nt = " " + norm(texts.get(a, "")) + " "
            if not any(" " + norm(f) + " " in nt for f in forms):
                err.append(f"{e['id']}: no surface form found in {a}")
        for f in e["aliases"]:
            if not any(" " + norm(f) + " " in " " + norm(texts[a]) + " " for a in e["articles"]):
                err.append(f"{e['id']}: alias {f!r} occurs in none of its articles")
        if not any(" " + norm(e["name"]) + " " in " " + norm(texts[a]) + " " for a in e["articles"]):
            warn.append(f"{e['id']}: canonical name {e['name']!r} not verbatim in its articles")
    # name collisions inside one article
    for a in texts:
        seen = defaultdict(set)
        for e in g["entities"]:
            if a in e["articles"] and e["labels"][0] != "Event":
                for f in [e["name"]] + e["aliases"]:
                    seen[norm(f)].add(e["id"])
        for f, s in seen.items():
            if len(s) > 1:
                err.append(f"{a}: surface {f!r} shared by {sorted(s)}")
    keys = Counter()
    per_art = Counter()
    per_art_opt = Counter()
    for r in g["relations"]:
        if r["type"] not in TYPES:
            err.append(f"bad type {r['type']}")
        for end in ("source", "target"):
            if r[end] not in ent:
                err.append(f"{r['type']} {r['source']}->{r['target']}: missing {end}")
        if r["source"] in ent and r["target"] in ent:
            s, t = ent[r["source"]]["labels"][0], ent[r["target"]]["labels"][0]
            ok_s, ok_t = ENDS[r["type"]]
            if s not in ok_s or t not in ok_t:
                err.append(f"{r['type']} {r['source']}({s})->{r['target']}({t}): bad endpoint labels")
            for a in r["articles"]:
                for end in ("source", "target"):
                    if a not in ent[r[end]]["articles"]:
                        err.append(f"{r['type']} {r['source']}->{r['target']}: {r[end]} not in {a}")
            if not r["optional"] and (ent[r["source"]]["optional"] or ent[r["target"]]["optional"]):
                warn.append(f"non-optional {r['type']} {r['source']}->{r['target']} touches an optional entity")
        if not any(r["quote"] in texts.get(a, "") for a in r["articles"]):
            err.append(f"{r['type']} {r['source']}->{r['target']}: quote not in its articles")
        for a in r["articles"]:
            keys[(r["type"], r["source"], r["target"], a)] += 1
            (per_art_opt if r["optional"] else per_art)[a] += 1
    err += [f"duplicate relation {k}" for k, c in keys.items() if c > 1]
    # every event should be connected
    linked = {r["source"] for r in g["relations"]} | {r["target"] for r in g["relations"]}
    for e in g["entities"]:
        if e["labels"][0] == "Event" and e["id"] not in linked:
            warn.append(f"event {e['id']} has no relation")
    for a in g["articles"]:
        print(f"  {a:<42} non-optional relations {per_art[a]:>2}  optional {per_art_opt[a]:>2}")
    for w in warn:
        print("WARN", w)
    for x in err:
        print("ERROR", x)
    print("OK" if not err else f"{len(err)} errors")
    return 1 if err else 0


if __name__ == "__main__":
    sys.exit(main())
