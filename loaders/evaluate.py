"""Score an exported graph against a gold annotation (the seed gold's format).

The metric is the one `../shared/eval/score.py` defines, so `rekg eval` and CI agree
(tests/test_evaluate.py checks that): per article, entities match on a normalised
name or alias and their primary label; relationships on type and both endpoints;
events are aligned to gold events by the entities they connect (and their date);
entity resolution is B-cubed over the matched mentions. Optional gold items count
neither when missed nor when found.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

PRIMARY = ("Person", "Organization", "Location", "Event")


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("&", " and ")
    s = re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", s)).strip()
    return re.sub(r"^the ", "", s)


def primary(labels) -> str | None:
    return next((lab for lab in labels or [] if lab in PRIMARY), None)


def second(labels) -> str | None:
    rest = [lab for lab in labels or [] if lab not in PRIMARY and lab != "Article"]
    return rest[0] if rest else None


def articles_of(item: dict) -> set[str]:
    ids = set(item.get("articles") or []) | {ev["article"] for ev in item.get("evidence") or [] if isinstance(ev, dict) and ev.get("article")}
    return {a[:-4] if a.endswith(".txt") else a for a in ids}


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


@dataclass
class Score:
    entities: dict
    relations: dict
    events: dict
    resolution: dict
    organization_kind_accuracy: float
    relations_by_type: dict
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"entity_f1={self.entities['f1']:.3f} relation_f1={self.relations['f1']:.3f} "
                f"event_f1={self.events['f1']:.3f} resolution_f1={self.resolution['f1']:.3f}")


def score(gold: dict, pred: dict) -> Score:
    gents = {e["id"]: e for e in gold["entities"]}
    pents = {e["id"]: e for e in pred.get("entities", []) if primary(e.get("labels")) and "Article" not in e.get("labels", [])}
    arts = [a[:-4] if a.endswith(".txt") else a for a in gold["articles"]]
    t: dict[str, int] = defaultdict(int)
    by_type: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    errors: list[str] = []
    mentions: list[tuple[str, str]] = []
    kinds_ok = kinds_all = 0

    def names(e):
        main = norm(e.get("name", ""))
        return main, {main} | {norm(a) for a in e.get("aliases") or [] if a}

    # everything indexed by article once: scoring stays linear in the corpus
    g_by_art, p_by_art = _by_article(gents.values()), _by_article(pents.values())
    gr_by_art, pr_by_art = _by_article(gold["relations"]), _by_article(pred.get("relations", []))
    for art in arts:
        gold_here = [g for g in g_by_art.get(art, []) if primary(g["labels"]) != "Event"]
        by_name, by_alias = defaultdict(list), defaultdict(list)
        for g in gold_here:
            main, alls = names(g)
            by_name[main].append(g)
            for a in alls:
                by_alias[a].append(g)
        preds = [p for p in p_by_art.get(art, []) if primary(p["labels"]) != "Event"]
        emap: dict[str, str | None] = {}
        for p in preds:
            main, alls = names(p)
            cands = by_name.get(main) or by_alias.get(main) or []
            if not cands:
                for a in sorted(alls):
                    cands = by_name.get(a) or by_alias.get(a) or []
                    if cands:
                        break
            same = [g for g in cands if primary(g["labels"]) == primary(p["labels"])]
            pick = (same or cands or [None])[0]
            emap[p["id"]] = pick["id"] if pick else None
        seen: dict[str, str] = {}
        for p in preds:
            gid = emap.get(p["id"])
            g = gents.get(gid) if gid else None
            if g and g.get("optional"):
                continue
            if g and primary(g["labels"]) == primary(p["labels"]) and gid not in seen:
                seen[gid] = p["id"]
                t["ent_tp"] += 1
                mentions.append((gid, p["id"]))
                if primary(g["labels"]) == "Organization":
                    kinds_all += 1
                    kinds_ok += second(g["labels"]) == second(p["labels"])
            else:
                t["ent_fp"] += 1
                why = "duplicate of " + gid if g and gid in seen else ("wrong label for " + gid if g else "not in gold")
                errors.append(f"{art}  FP entity  {p.get('name')!r} {p.get('labels')}  ({why})")
        for g in gold_here:
            if not g.get("optional") and g["id"] not in seen:
                t["ent_fn"] += 1
                errors.append(f"{art}  FN entity  {g['name']!r} {g['labels']}")
        grels, prels = gr_by_art.get(art, []), pr_by_art.get(art, [])
        gev = [g for g in g_by_art.get(art, []) if primary(g["labels"]) == "Event"]
        pev = [p for p in p_by_art.get(art, []) if primary(p["labels"]) == "Event"]
        amap = _align_events(gev, pev, grels, prels, emap)
        opt = {g["id"] for g in gev if g.get("optional")}
        t["ev_tp"] += sum(1 for gid in amap.values() if gid not in opt)
        t["ev_pred"] += len(pev) - sum(1 for gid in amap.values() if gid in opt)
        t["ev_gold"] += sum(1 for g in gev if not g.get("optional"))
        full = {**emap, **amap}
        gkeys = {(r["type"], r["source"], r["target"]): r for r in grels if not r.get("optional")}
        okeys = {(r["type"], r["source"], r["target"]) for r in grels if r.get("optional")}
        found = set()
        for r in prels:
            if r.get("type") == "MENTIONS":
                continue
            key = (r.get("type"), full.get(r.get("source")), full.get(r.get("target")))
            if key in okeys:
                continue
            if key in gkeys:
                if key not in found:
                    found.add(key)
                    t["rel_tp"] += 1
                    by_type[key[0]]["tp"] += 1
                continue
            t["rel_fp"] += 1
            by_type[r.get("type")]["fp"] += 1
            s = pents.get(r.get("source"), {}).get("name", r.get("source"))
            o = pents.get(r.get("target"), {}).get("name", r.get("target"))
            errors.append(f"{art}  FP relation  ({s})-[:{r.get('type')}]->({o})")
        for key, r in gkeys.items():
            if key not in found:
                t["rel_fn"] += 1
                by_type[key[0]]["fn"] += 1
                errors.append(f"{art}  FN relation  ({gents[key[1]]['name']})-[:{key[0]}]->({gents[key[2]]['name']})  «{r.get('quote', '')}»")
    by_g, by_p = defaultdict(set), defaultdict(set)
    for i, (g, p) in enumerate(mentions):
        by_g[g].add(i)
        by_p[p].add(i)
    n = len(mentions) or 1
    bp = sum(len(by_p[p] & by_g[g]) / len(by_p[p]) for g, p in mentions) / n
    br = sum(len(by_p[p] & by_g[g]) / len(by_g[g]) for g, p in mentions) / n

    def prf(tp_p, fp, tp_r, fn):
        p, r = ratio(tp_p, tp_p + fp), ratio(tp_r, tp_r + fn)
        return {"precision": p, "recall": r, "f1": f1(p, r)}

    vp, vr = ratio(t["ev_tp"], t["ev_pred"]), ratio(t["ev_tp"], t["ev_gold"])
    return Score(
        entities=prf(t["ent_tp"], t["ent_fp"], t["ent_tp"], t["ent_fn"]),
        relations=prf(t["rel_tp"], t["rel_fp"], t["rel_tp"], t["rel_fn"]),
        events={"precision": vp, "recall": vr, "f1": f1(vp, vr)},
        resolution={"precision": bp, "recall": br, "f1": f1(bp, br)},
        organization_kind_accuracy=ratio(kinds_ok, kinds_all),
        relations_by_type={k: dict(v) for k, v in sorted(by_type.items())},
        errors=errors,
    )


def _by_article(items) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        for art in articles_of(item):
            out[art].append(item)
    return out


def _align_events(gev, pev, grels, prels, emap):
    gnb = {g["id"]: set() for g in gev}
    for r in grels:
        for a, b in ((r["source"], r["target"]), (r["target"], r["source"])):
            if a in gnb:
                gnb[a].add(b)
    pnb = {p["id"]: set() for p in pev}
    for r in prels:
        for a, b in ((r["source"], r["target"]), (r["target"], r["source"])):
            if a in pnb and emap.get(b):
                pnb[a].add(emap[b])
    pairs = []
    for p in pev:
        pdate = (p.get("properties") or {}).get("date")
        for g in gev:
            sim = len(pnb[p["id"]] & gnb[g["id"]]) / (len(pnb[p["id"]] | gnb[g["id"]]) or 1)
            gdate = (g.get("properties") or {}).get("date")
            if pdate and gdate and str(pdate)[-5:] == str(gdate)[-5:]:
                sim += 0.5
            if sim > 0:
                pairs.append((sim, p["id"], g["id"]))
    used_p, used_g, amap = set(), set(), {}
    for sim, pid, gid in sorted(pairs, reverse=True):
        if pid not in used_p and gid not in used_g:
            amap[pid] = gid
            used_p.add(pid)
            used_g.add(gid)
    return amap
