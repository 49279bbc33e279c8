"""Latency of GET /entities/{id}/neighbors under concurrent load, on a 100k-node embedded store.

    .venv/bin/python benchmarks/api_neighbors.py [--articles 26000] [--requests 4000] [--threads 16]

1. Synthesises Extractions directly (no text extraction): per article two people, two organisations
   of its own and one shared organisation or place (so there are hubs), with five relationships,
   and puts them into a NetworkXStore in a temporary REKG_HOME in ONE put_extractions call.
2. Starts a real `rekg serve` (uvicorn) on a free loopback port and sends a bounded number of
   neighbors requests from `--threads` client threads (keep-alive connections), for random entity
   ids; it stops after `--requests` requests or `--max-seconds`, whichever comes first.
3. Times the bare store call (`store.neighbors`, in this process, one thread) for the same ids.
4. Posts one article (a write re-derives the whole graph) while the client threads keep reading,
   and reports how long the write took and what the reads saw meanwhile (skip: --no-write).
   With --home, that article stays in the store.

Every phase prints one JSON line; the last line compares the two (HTTP / store). Traffic goes to
127.0.0.1 only. Nothing is left behind unless --keep is given.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SURNAMES = ("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song "
            "Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Jia Ding Wei Xue Ye Yan Lu Shi Qu "
            "Kang Qin Bai Dai Fang Meng Qian Ren Shen Tao Wan Yao Zou Xiong Jin Hao Kong Bao").split()
INITIALS = "b p m f d t n l g k h j q x zh ch sh r z c s y w".split()
FINALS = "a ai an ang ao e ei en eng i ia ian iang iao ie in ing iong iu o ong ou u ua uai uan uang ui un uo".split()
PLACES = ("Baotou Ganzhou Xiamen Chengdu Hohhot Nanchang Changsha Kunming Guangzhou Shenzhen Beijing Shanghai "
          "Tianjin Xi'an Wuhan Hefei Jinan Shenyang Dalian Ningbo Fuzhou Nanning Guiyang Lanzhou Taiyuan").split()
WORDS = ("Rare Earth,Magnet,Metals,Materials,Resources,Mining,Smelting,Separation,Alloy,New Energy,Advanced Materials,"
         "Permanent Magnet,Functional Materials,Nonferrous,Minerals,Catalysis,Phosphor,Polishing,Hydrogen Storage").split(",")
ORG_KINDS = [("Co., Ltd.", "company"), ("Group", "soe"), ("Research Institute", "institute"),
             ("University", "university"), ("Association", "association"), ("Bureau", "agency")]


def syllable(rng: random.Random) -> str:
    return rng.choice(INITIALS) + rng.choice(FINALS)


def person_name(rng: random.Random) -> str:
    given = "".join(syllable(rng) for _ in range(rng.choice((1, 2, 2))))
    return f"{rng.choice(SURNAMES)} {given.capitalize()}"


def org_name(rng: random.Random) -> tuple[str, str]:
    suffix, kind = rng.choice(ORG_KINDS)
    place = rng.choice(PLACES)
    brand = (syllable(rng) + syllable(rng)).capitalize()
    return f"{place} {brand} {rng.choice(WORDS)} {suffix}", kind


def synthesise(n_articles: int, seed: int):
    """Extractions with about 4 new entities per article plus shared hubs; names are unique enough
    that resolution keeps people and per-article organisations apart."""
    from rekg.graph.model import Article, Evidence, Extraction, LocalEntity, LocalRelation
    from rekg.loaders.gazetteer import norm_key

    rng = random.Random(seed)
    hubs = [org_name(rng) for _ in range(2000)]
    places = [f"{p} {syllable(rng).capitalize()} District" for p in PLACES for _ in range(12)]
    used: set[str] = set()

    def unique(make):
        while True:
            value = make(rng)
            key = norm_key(value[0] if isinstance(value, tuple) else value)
            if key not in used:
                used.add(key)
                return value

    def person(lid, name):
        return LocalEntity(local_id=lid, name=name, label="Person", properties={"titles": []},
                           strong_keys=["p:" + norm_key(name)], rule="synthetic")

    def org(lid, name, kind):
        return LocalEntity(local_id=lid, name=name, label="Organization", kind=kind.capitalize(), kind_score=1.0,
                           properties={"kind": kind}, strong_keys=["o:" + norm_key(name)], rule="synthetic")

    out = []
    for i in range(n_articles):
        a, b = unique(person_name), unique(person_name)
        (x, xk), (y, yk) = unique(org_name), unique(org_name)
        ents = [person("e1", a), person("e2", b), org("e3", x, xk), org("e4", y, yk)]
        if i % 2 == 0:
            h, hk = rng.choice(hubs)
            ents.append(org("e5", h, hk))
            links = [("SUBSIDIARY_OF", "e3", "e5", f"{x} is a subsidiary of {h}."),
                     ("SUPERVISED_BY", "e4", "e5", f"{y} is supervised by {h}.")]
        else:
            p = rng.choice(places)
            ents.append(LocalEntity(local_id="e5", name=p, label="Location", kind="city", properties={"kind": "city"},
                                    strong_keys=["l:" + norm_key(p)], rule="synthetic"))
            links = [("LOCATED_IN", "e3", "e5", f"{x} is headquartered in {p}."),
                     ("LOCATED_IN", "e4", "e5", f"{y} is located in {p}.")]
        links = [("LEADS", "e1", "e3", f"{a}, chairman of {x}, spoke at the meeting."),
                 ("MEMBER_OF", "e2", "e3", f"{b} works at {x}."),
                 ("LEADS", "e2", "e4", f"{b} also heads {y}."), *links]
        text = " ".join(s for *_, s in links)
        aid = f"synth-{i:06d}"
        rels, pos = [], 0
        for rtype, src, dst, sentence in links:
            rels.append(LocalRelation(type=rtype, source=src, target=dst, confidence=0.9, rule="synthetic",
                                      properties={"role": "Chairman"} if rtype == "LEADS" else {},
                                      evidence=Evidence(article=aid, sentence=sentence, start=pos, end=pos + len(sentence))))
            pos += len(sentence) + 1
        art = Article(id=aid, title=f"Synthetic article {i}", source="Synthetic Wire", published=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                      text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
        out.append(Extraction(article=art, entities=ents, relations=rels))
    return out


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q / 100 * (len(s) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def emit(**fields) -> None:
    print(json.dumps(fields), flush=True)


def start_server(home: Path, env_extra: dict, timeout: float = 300, workers: int = 1):
    """`rekg serve --workers N` on a free loopback port for this REKG_HOME; returns (process, base URL)
    once every worker has opened the store and /health answers."""
    import httpx

    port = free_port()
    env = {**os.environ, "REKG_HOME": str(home), **env_extra}
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, "-m", "rekg.api.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while True:
        log.seek(0)
        try:
            if (log.read().count(b"Application startup complete") >= workers
                    and httpx.get(f"{base}/health", timeout=5).status_code == 200):
                return proc, base
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.terminate()
            raise SystemExit("rekg serve did not come up")
        time.sleep(0.2)


def stop_server(proc) -> None:
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()


def hammer(base: str, urls: list[str], threads: int, max_seconds: float) -> tuple[list[float], int, float]:
    """GET every url once from `threads` keep-alive clients (stop after max_seconds);
    returns (latencies in s, non-200 count, wall seconds)."""
    import httpx

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    cursor = iter(range(len(urls)))
    stop_at = time.monotonic() + max_seconds

    def client() -> None:
        mine = []
        with httpx.Client(base_url=base, timeout=60) as http:
            while time.monotonic() < stop_at:
                with lock:
                    i = next(cursor, None)
                if i is None:
                    break
                t = time.perf_counter()
                try:
                    ok = http.get(urls[i]).status_code == 200
                except httpx.TransportError:  # a timeout counts, with the time it took
                    ok = False
                mine.append(time.perf_counter() - t)
                if not ok:
                    with lock:
                        errors[0] += 1
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=client) for _ in range(threads)]
    t0 = time.perf_counter()
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return latencies, errors[0], time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=26000, help="synthetic articles (about 4 new nodes each)")
    ap.add_argument("--requests", type=int, default=4000, help="HTTP requests in the measured run")
    ap.add_argument("--threads", type=int, default=16, help="client threads")
    ap.add_argument("--depth", type=int, default=1)
    ap.add_argument("--max-seconds", type=float, default=180, help="stop the HTTP run after this long")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--home", help="reuse (or build into) this REKG_HOME instead of a temporary one")
    ap.add_argument("--keep", action="store_true", help="keep the temporary REKG_HOME")
    ap.add_argument("--no-write", action="store_true", help="skip the phase with one POST during reads")
    args = ap.parse_args()

    import httpx

    from rekg.graph.nx_store import NetworkXStore

    home = Path(args.home) if args.home else Path(tempfile.mkdtemp(prefix="rekg-bench-"))
    proc = None
    try:
        store_file = NetworkXStore(home).path
        if not store_file.exists():
            t0 = time.perf_counter()
            extractions = synthesise(args.articles, args.seed)
            t1 = time.perf_counter()
            NetworkXStore(home).put_extractions(extractions)
            t2 = time.perf_counter()
            del extractions
            emit(phase="build", articles=args.articles, synthesise_s=round(t1 - t0, 2), put_extractions_s=round(t2 - t1, 2),
                 file_mb=round(store_file.stat().st_size / 2**20, 1))
        t0 = time.perf_counter()
        store = NetworkXStore(home)
        doc = store.export()
        emit(phase="open", seconds=round(time.perf_counter() - t0, 2), nodes=len(doc.entities), relations=len(doc.relations),
             articles=len(store.article_hashes()))
        if len(doc.entities) < 100_000:
            print(f"warning: only {len(doc.entities)} nodes; raise --articles", file=sys.stderr)

        rng = random.Random(args.seed + 1)
        ids = [e.id for e in doc.entities]
        sample = [rng.choice(ids) for _ in range(args.requests)]

        # -- the real server ----------------------------------------------------------------
        key = hashlib.sha256(os.urandom(16)).hexdigest()
        t0 = time.perf_counter()
        proc, base = start_server(home, {"REKG_STORE": "networkx", "REKG_API_KEY": key})
        emit(phase="serve", startup_s=round(time.perf_counter() - t0, 2), url=base)

        with httpx.Client(base_url=base, timeout=30) as warm:  # first requests build per-process caches
            for eid in sample[:50]:
                warm.get(f"/entities/{eid}/neighbors", params={"depth": args.depth}).raise_for_status()

        latencies, n_errors, wall = hammer(base, [f"/entities/{eid}/neighbors?depth={args.depth}" for eid in sample],
                                           args.threads, args.max_seconds)
        http_p50, http_p99 = pct(latencies, 50) * 1000, pct(latencies, 99) * 1000
        emit(phase="http", endpoint="GET /entities/{id}/neighbors", depth=args.depth, threads=args.threads,
             requests=len(latencies), errors=n_errors, p50_ms=round(http_p50, 2), p99_ms=round(http_p99, 2),
             mean_ms=round(statistics.fmean(latencies) * 1000, 2), throughput_rps=round(len(latencies) / wall, 1))

        # -- the bare store call, in process -------------------------------------------------
        times = []
        for eid in sample[: len(latencies)]:
            t = time.perf_counter()
            store.neighbors(eid, depth=args.depth)
            times.append(time.perf_counter() - t)
        st_p50, st_p99 = pct(times, 50) * 1000, pct(times, 99) * 1000
        emit(phase="store", call="NetworkXStore.neighbors", depth=args.depth, calls=len(times),
             p50_ms=round(st_p50, 3), p99_ms=round(st_p99, 3))
        emit(phase="ratio", http_over_store_p50=round(http_p50 / st_p50, 1), http_over_store_p99=round(http_p99 / st_p99, 1),
             note=f"HTTP latency is under {args.threads} concurrent clients; the store call is one at a time")

        # -- one write (re-derives the whole graph) while the readers go on --------------------
        if not args.no_write:
            during: list[float] = []
            done, lock = threading.Event(), threading.Lock()
            posted = {}

            def post() -> None:
                t = time.perf_counter()
                r = httpx.post(f"{base}/articles", headers={"X-API-Key": key}, timeout=args.max_seconds,
                               json={"id": "bench-write", "text": "Northern Rare Earth Chairman Qu Ming visited the "
                                     "Baotou Research Institute of Rare Earths on June 3."})
                posted.update(status=r.status_code, seconds=time.perf_counter() - t)
                done.set()

            def reader(k: int) -> None:
                with httpx.Client(base_url=base, timeout=args.max_seconds) as http:
                    j = k
                    while not done.is_set():
                        t = time.perf_counter()
                        http.get(f"/entities/{sample[j % len(sample)]}/neighbors", params={"depth": args.depth})
                        with lock:
                            during.append(time.perf_counter() - t)
                        j += args.threads
                        time.sleep(0.05)  # a steady trickle, not a flood: this phase is about stalls

            writer = threading.Thread(target=post)
            readers = [threading.Thread(target=reader, args=(k,)) for k in range(args.threads)]
            writer.start()
            for t in readers:
                t.start()
            writer.join()
            for t in readers:
                t.join()
            emit(phase="write_during_reads", post_status=posted.get("status"), post_s=round(posted.get("seconds", 0), 1),
                 reads=len(during), read_p50_ms=round(pct(during, 50) * 1000, 1), read_p99_ms=round(pct(during, 99) * 1000, 1),
                 read_max_ms=round(max(during) * 1000, 1))
    finally:
        if proc is not None:
            stop_server(proc)
        if not args.home and not args.keep:
            shutil.rmtree(home, ignore_errors=True)
        elif not args.home:
            print(f"kept {home}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
