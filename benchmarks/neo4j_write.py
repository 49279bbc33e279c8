"""Neo4j write throughput: relationships per second for a corpus of synthetic news articles.

Articles are written from sentence templates the extractor reads (leadership, membership,
subsidiaries, headquarters, visits, approvals) with random pinyin names and company names, so
entities differ between articles, while a shared pool of people, companies, SOEs, agencies and
cities makes them recur and merge as they do in real news. Extraction is timed separately;
the figure is the time of `put_extractions` into a clean database, `--batch` articles per call
(each call re-derives the whole graph and writes the difference in one transaction).

    eval "$(scripts/neo4j-local env)"   # or scripts/neo4j-local start
    .venv/bin/python benchmarks/neo4j_write.py [--articles 2000] [--batch 200] [--wipe]

Prints one JSON line: {"figure": "neo4j_write", "articles": N, "relationships": R, "seconds": S, "rel_per_s": ...}.
The target database must be empty, or named with --wipe to be emptied: nothing else is touched.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shlex
import sys
import time
from pathlib import Path

from rekg.graph.model import Article, Extraction
from rekg.graph.neo4j_store import Neo4jStore, empty_database
from rekg.graph.store import StoreError
from rekg.loaders.extract.pipeline import Extractor

REPO = Path(__file__).resolve().parent.parent

SURNAMES = ("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang "
            "Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao").split()
SYLLABLES = ("an bo chen da fang gang hai hao hong hua jian jie jin jun kai lan lei li lin ling min ming na ning peng "
             "qiang qing rong rui shan sheng shu tao ting wei wen xia xiang xin xiu yan yang yi ying yong yu yuan yun "
             "ze zhen zhi zhong").split()
WORDS = ("Jinlong Xinyuan Huaxing Tianrui Hengtai Ruiyuan Shengda Jiahe Dongfang Xinhai Baoli Zhongke Yongxin "
         "Kaida Lianhe Hongda Huayu Taifeng Minsheng Jinyu Xinghe Fuda Guangyuan Longhai Tianyi Jiayuan").split()
TRADES = ("Rare Earth", "Magnet", "Magnetic Materials", "New Materials", "Rare Earth Metals", "Rare Earth Resources",
          "Functional Materials", "Permanent Magnet", "Smelting", "Mining")
CITIES = ("Baotou Ganzhou Changsha Xiamen Chengdu Nanchang Hohhot Shanghai Beijing Tianjin Wuhan Hangzhou Ningbo "
          "Fuzhou Longyan Liangshan Zibo Jining Taiyuan Shenyang Xi'an Kunming Guangzhou Shenzhen Suzhou").split()
SOES = ("China Minmetals Corporation", "China Rare Earth Group", "China Northern Rare Earth (Group) High-Tech Co., Ltd.",
        "Xiamen Tungsten", "GRINM Group", "Aluminum Corporation of China", "Guangdong Rising Holdings Group",
        "China Baowu Steel Group", "China Nonferrous Metal Mining Group", "Jiangxi Copper")
AGENCIES = ("Ministry of Industry and Information Technology", "Ministry of Natural Resources", "Ministry of Commerce",
            "National Development and Reform Commission", "Ministry of Science and Technology")
ASSOCIATIONS = ("Chinese Society of Rare Earths", "Association of China Rare Earth Industry",
                "China Nonferrous Metals Industry Association")
SCHOOLS = ("University of Technology", "Normal University", "Institute of Rare Earth Research", "University")
TITLES = ("chairman", "general manager", "president", "party secretary", "chief executive officer", "director")
MONTHS = ("January February March April May June July August September October November December").split()


def person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(SYLLABLES).capitalize()}{rng.choice(SYLLABLES)}"


def company(rng: random.Random) -> str:
    return f"{rng.choice(CITIES)} {rng.choice(WORDS)} {rng.choice(TRADES)} Co., Ltd."


def article(i: int, rng: random.Random, people: list[str], companies: list[str]) -> Article:
    a, b = rng.sample(companies, 2)
    boss, guest, prof = rng.sample(people, 3)
    city, hq = rng.sample(CITIES, 2)
    month, day = rng.randrange(12), rng.randrange(1, 28)
    date = f"{MONTHS[month]} {day}"
    lines = [
        f"{a} opens new line in {city}",
        "",
        f"{city}, {date}, 2024 - {a}, a subsidiary of {rng.choice(SOES)}, opened a separation line in {city} on Monday.",
        f"{boss}, {rng.choice(TITLES)} of {a}, said the line would process {rng.randrange(1, 9)},000 tonnes a year.",
        f"Professor {prof} of {rng.choice(CITIES)} {rng.choice(SCHOOLS)}, a member of the {rng.choice(ASSOCIATIONS)}, attended the ceremony.",
        f"{a} is headquartered in {hq}.",
        f"A delegation led by {guest}, {rng.choice(TITLES)} of {b}, visited {a} on {MONTHS[month]} {day + 1}.",
        f"The {rng.choice(AGENCIES)} approved the project.",
    ]
    text = "\n".join(lines) + "\n"
    return Article(id=f"bench-{i:05d}", title=lines[0], source="rekg benchmark", published=f"2024-{month + 1:02d}-{day:02d}",
                   text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


def corpus(n: int, seed: int) -> list[Article]:
    rng = random.Random(seed)
    people = sorted({person(rng) for _ in range(n)})  # pools about the corpus size: names recur, graphs merge
    companies = sorted({company(rng) for _ in range(n)})
    return [article(i, rng, people, companies) for i in range(n)]


def neo4j_settings() -> tuple[str, str, str, str]:
    env = dict(os.environ)
    local = Path(env.get("REKG_NEO4J_LOCAL_DIR", REPO / ".neo4j-local")) / "env"
    if not env.get("REKG_NEO4J_URI") and local.exists():
        for line in local.read_text().splitlines():
            words = shlex.split(line)
            if len(words) == 2 and words[0] == "export" and "=" in words[1]:
                k, v = words[1].split("=", 1)
                env[k] = v
    if not env.get("REKG_NEO4J_URI"):
        sys.exit("no Neo4j: set REKG_NEO4J_URI/... or start one with scripts/neo4j-local start")
    return env["REKG_NEO4J_URI"], env.get("REKG_NEO4J_USER", "neo4j"), env.get("REKG_NEO4J_PASSWORD", ""), \
        env.get("REKG_NEO4J_DATABASE", "neo4j")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=200, help="articles per put_extractions call")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--wipe", action="store_true", help="empty the target database first (it is refused if not empty)")
    args = ap.parse_args()

    uri, user, password, database = neo4j_settings()
    store = Neo4jStore(uri, user, password, database)
    try:
        store._ready()
        nodes = store._driver.execute_query("MATCH (n) RETURN count(n) AS c", database_=database).records[0]["c"]
    except StoreError as exc:
        sys.exit(f"error: {exc}")
    if nodes and not args.wipe:
        sys.exit(f"error: database {database!r} at {uri} holds {nodes} nodes; pass --wipe to empty it for the benchmark")
    if nodes:
        empty_database(store._driver, database)

    articles = corpus(args.articles, args.seed)
    extractor = Extractor()
    t0 = time.perf_counter()
    extractions: list[Extraction] = [extractor(a) for a in articles]
    extract_s = time.perf_counter() - t0
    local_rels = sum(len(ex.relations) for ex in extractions)
    print(f"extracted {len(articles)} articles ({local_rels} relations read) in {extract_s:.1f} s", file=sys.stderr)

    derive_s = [0.0]
    derive = store.derive

    def timed_derive(exts):  # how much of the write time is resolution in Python, not Neo4j
        t = time.perf_counter()
        try:
            return derive(exts)
        finally:
            derive_s[0] += time.perf_counter() - t

    store.derive = timed_derive
    calls = []
    t0 = time.perf_counter()
    for i in range(0, len(extractions), args.batch):
        t = time.perf_counter()
        report = store.put_extractions(extractions[i: i + args.batch])
        assert len(report.added) == len(extractions[i: i + args.batch])
        calls.append(time.perf_counter() - t)
        print(f"  put {min(i + args.batch, len(extractions)):>6} articles: {calls[-1]:.2f} s", file=sys.stderr)
    seconds = time.perf_counter() - t0

    stats = store.stats()
    if stats["articles"] != len(articles):
        print(f"warning: the database holds {stats['articles']} articles, not {len(articles)}: another client wrote to it "
              "during the run (use a database of your own, e.g. REKG_NEO4J_LOCAL_DIR=/tmp/x scripts/neo4j-local start)",
              file=sys.stderr)
    mentions = store._driver.execute_query("MATCH (:Article)-[m:MENTIONS]->() RETURN count(m) AS c",
                                           database_=database).records[0]["c"]
    store.close()
    print(json.dumps({
        "figure": "neo4j_write", "articles": stats["articles"], "relationships": stats["relations"],
        "evidence": stats["evidence"], "entities": stats["entities"], "mentions": mentions,
        "seconds": round(seconds, 2), "rel_per_s": round(stats["relations"] / seconds, 1),
        "articles_per_s": round(stats["articles"] / seconds, 1), "batch": args.batch, "clean": stats["articles"] == len(articles),
        "slowest_call_s": round(max(calls), 2), "derive_seconds": round(derive_s[0], 2),
        "extract_seconds": round(extract_s, 2),
    }))


if __name__ == "__main__":
    main()
