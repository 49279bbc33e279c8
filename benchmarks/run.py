"""Every scale figure of rekg on both stores, one JSON object per figure (see BENCHMARKS.md).

    eval "$(scripts/neo4j-local env)"     # a Neo4j whose database may be WIPED (else --stores networkx)
    .venv/bin/python benchmarks/run.py --scale 10000 --json [--runs 3] [--only ingest,search] [--quick]

Figures (the other benchmarks' code is reused: api_neighbors.py for the 100k-node store and the HTTP
load, cypher.py for the Cypher graph and queries, views.py for the browser views):

  ingest      articles/s and peak RSS of `load -> clean -> extract -> resolve -> write` in a fresh
              process, for 1k / 10k / 50k synthetic articles (`rekg synth`; only sizes <= --scale),
              with the time of each stage
  startup     embedded store at ~100k nodes: export (graph.jsonl written) and load (a new process opens it)
  neighbors   GET /entities/{id}/neighbors p50/p99 under 16 clients vs the bare store call
  search      GET /entities?q= p50/p99 under 16 clients vs the bare store call
  cypher      1-hop and 2-hop cookbook Cypher at 100k nodes
  views       time to a drawn, stable view in headless Chromium, 100 .. 20,000 nodes
  quality     `rekg eval` scores of the synthetic corpus at 1k vs 10k articles

Each record: figure, store, scale, median, unit, runs, (p50, p99), (baseline, ratio), target, met.
--quick: small sizes for a smoke run (tests/CI). Generated corpora and stores are cached under
--cache (default /tmp/rekg-bench-cache) so a second run skips building them.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import api_neighbors  # noqa: E402  (reused: synthetic 100k-node store, server, concurrent clients)
from api_neighbors import pct  # noqa: E402

PY = sys.executable
OUT: list[dict] = []
ARGS: argparse.Namespace


def emit(figure: str, store: str, median: float | None, unit: str, runs: int, target: str | None = None,
         met: bool | None = None, **extra) -> None:
    rec = {"figure": figure, "store": store, "scale": extra.pop("scale", None), "median": _r(median), "unit": unit,
           "runs": runs, **{k: _r(v) for k, v in extra.items()}, "target": target, "met": met}
    OUT.append(rec)
    if ARGS.json:
        print(json.dumps(rec), flush=True)
    else:
        print(f"{figure:10} {store:9} {str(rec['scale']):>7} {rec['median']!s:>10} {unit:10} met={met} "
              + " ".join(f"{k}={v}" for k, v in extra.items()), flush=True)


def skipped(figure: str, store: str, reason: str) -> None:
    emit(figure, store, None, "", 0, skipped=reason)


def _r(v):
    return round(v, 4 if abs(v) < 1 else 2) if isinstance(v, float) else v


def stores() -> list[str]:
    return [s for s in ARGS.stores.split(",") if s]


def neo4j_store():
    from rekg.graph.settings import Settings
    from rekg.graph.store import open_store

    return open_store(Settings().with_store("neo4j"))


def wipe_neo4j() -> None:
    st = neo4j_store()
    try:
        from rekg.graph.neo4j_store import empty_database

        st._ready()
        empty_database(st._driver, st.database)
    finally:
        st.close()


def corpus(n: int) -> Path:
    """`rekg synth n` (seed 0), cached."""
    from rekg.loaders.synth import write

    out = Path(ARGS.cache) / f"synth-{n}"
    if not (out / "gold.json").exists():
        shutil.rmtree(out, ignore_errors=True)
        write(n, out, 0)
    return out


# -- ingest ------------------------------------------------------------------------------------

def peak_rss_mb() -> float:
    """This process's high-water RSS (VmHWM: unlike ru_maxrss it starts afresh at exec, not at the parent's size)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_ingest(store_name: str, folder: str, home: str) -> None:
    """In a fresh process: every stage timed separately, then peak RSS."""
    from rekg.graph.nx_store import NetworkXStore
    from rekg.loaders.extract.pipeline import Extractor
    from rekg.loaders.ingest import prepare
    from rekg.loaders.read import LoadError, iter_documents

    t = [time.perf_counter()]
    docs = [d for d in iter_documents([folder]) if not isinstance(d, LoadError)]
    t.append(time.perf_counter())
    arts = [prepare(d) for d in docs]
    t.append(time.perf_counter())
    ex = Extractor()
    exts = [ex(a) for a in arts]
    t.append(time.perf_counter())
    store = NetworkXStore(home) if store_name == "networkx" else neo4j_store()
    t_res0 = time.perf_counter()
    store.derive(exts)  # resolve alone (the write below resolves again, inside the store)
    t_res = time.perf_counter() - t_res0
    t.append(time.perf_counter())
    store.put_extractions(exts)
    t.append(time.perf_counter())
    store.close()
    read, clean, extract, write = t[1] - t[0], t[2] - t[1], t[3] - t[2], t[5] - t[4]
    total = read + clean + extract + write  # the resolve-alone pass is not part of an ingest
    print(json.dumps({"articles": len(docs), "read_s": read, "clean_s": clean, "extract_s": extract, "resolve_s": t_res,
                      "write_s": write, "store_write_s": write - t_res, "total_s": total,
                      "peak_rss_mb": peak_rss_mb()}))


def fig_ingest() -> None:
    sizes = [200] if ARGS.quick else [n for n in (1000, 10000, 50000) if n <= ARGS.scale]
    for store_name in stores():
        per_size: dict[int, float] = {}
        for n in sizes:
            if store_name == "neo4j" and n > ARGS.neo4j_max_ingest:
                skipped("ingest", store_name, f"{n} articles: above --neo4j-max-ingest {ARGS.neo4j_max_ingest}")
                continue
            folder = corpus(n) / "articles"
            runs = ARGS.runs if n <= 1000 else 1
            results = []
            for _ in range(runs):
                home = tempfile.mkdtemp(prefix="rekg-bench-ingest-")
                try:
                    if store_name == "neo4j":
                        wipe_neo4j()
                    out = subprocess.run([PY, __file__, "--worker", "ingest", "--stores", store_name, str(folder), home],
                                         capture_output=True, text=True, check=True)
                    results.append(json.loads(out.stdout.strip().splitlines()[-1]))
                finally:
                    shutil.rmtree(home, ignore_errors=True)
            med = {k: statistics.median(r[k] for r in results) for k in results[0]}
            per_size[n] = med["total_s"]
            rate = n / med["total_s"]
            linear = {}
            if n == 10000 and 1000 in per_size:
                ratio = med["total_s"] / per_size[1000]
                linear = {"baseline": per_size[1000], "ratio": ratio, "ratio_target": "<= 12x the 1k time"}
            target = ">= 300 articles/s" + (" and <= 12x the 1k time" if linear else "") if store_name == "networkx" else None
            met = (rate >= 300 and (not linear or linear["ratio"] <= 12)) if store_name == "networkx" else None
            emit("ingest", store_name, rate, "articles/s", runs, target, met, scale=n,
                 seconds=med["total_s"], peak_rss_mb=med["peak_rss_mb"],
                 stages_ms_per_article={"read": 1000 * med["read_s"] / n, "clean": 1000 * med["clean_s"] / n,
                                        "extract": 1000 * med["extract_s"] / n,
                                        "resolve_and_write": 1000 * med["write_s"] / n,
                                        "of_which_resolve": 1000 * med["resolve_s"] / n},
                 **linear)


# -- the 100k-node store -------------------------------------------------------------------------

def big_home() -> Path:
    """The embedded store of api_neighbors.synthesise (about 4 nodes per article), cached."""
    from rekg.graph.nx_store import NetworkXStore

    home = Path(ARGS.cache) / f"home-{ARGS.articles}"
    if not (home / "graph.jsonl").exists():
        tmp = Path(str(home) + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        NetworkXStore(tmp).put_extractions(api_neighbors.synthesise(ARGS.articles, 7))
        tmp.rename(home)
    return home


def worker_load(home: str, seed: str = "999") -> None:
    from rekg.graph.nx_store import NetworkXStore

    t0 = time.perf_counter()
    st = NetworkXStore(home)
    n = len(st.export().entities)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    st._save()  # export: what every write does to the file (header, graph, extractions)
    save = time.perf_counter() - t0
    one = api_neighbors.synthesise(1, int(seed))  # replaces article synth-000000 with other names (new seed each run)
    t0 = time.perf_counter()
    st.put_extractions(one)
    write_one = time.perf_counter() - t0
    later = []  # the same process writes again: the kept resolution is updated, not rebuilt
    for k in range(1, 4):
        one = api_neighbors.synthesise(1, int(seed) + 100 * k)
        t0 = time.perf_counter()
        st.put_extractions(one)
        later.append(time.perf_counter() - t0)
    print(json.dumps({"load_s": load, "save_s": save, "write_one_s": write_one, "write_next_s": statistics.median(later),
                      "nodes": n, "peak_rss_mb": peak_rss_mb()}))


def fig_startup() -> None:
    if "networkx" not in stores():
        return
    home = big_home()
    work = Path(tempfile.mkdtemp(prefix="rekg-bench-load-"))
    try:
        shutil.copy(home / "graph.jsonl", work / "graph.jsonl")
        rs = []
        for run in range(ARGS.runs):
            out = subprocess.run([PY, __file__, "--worker", "load", str(work), str(1000 + run)],
                                 capture_output=True, text=True, check=True)
            rs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        nodes = rs[0]["nodes"]
        mb = (work / "graph.jsonl").stat().st_size / 2**20
        load = statistics.median(r["load_s"] for r in rs)
        emit("startup", "networkx", load, "s", len(rs), "< 3 s at 100k nodes", load < 3, scale=nodes, file_mb=mb,
             peak_rss_mb=statistics.median(r["peak_rss_mb"] for r in rs))
        emit("export", "networkx", statistics.median(r["save_s"] for r in rs), "s", len(rs), None, None, scale=nodes,
             file_mb=mb, note="graph.jsonl rewritten (header + graph + every extraction), as each write does")
        emit("write_one", "networkx", statistics.median(r["write_one_s"] for r in rs), "s", len(rs), None, None,
             scale=nodes, note="the first put_extractions of ONE changed article in a process: resolves every article")
        emit("write_next", "networkx", statistics.median(r["write_next_s"] for r in rs), "s", len(rs), None, None,
             scale=nodes, baseline=statistics.median(r["write_one_s"] for r in rs),
             note="later writes of one article by the same process (a server): incremental resolution")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _serve(store_name: str, home: Path, workers: int):
    env = {"REKG_STORE": store_name, "REKG_API_KEY": "bench"}
    return api_neighbors.start_server(home, env, workers=workers)


def load_test(base: str, urls: list[str], seconds: int | None = None) -> dict:
    """GET the urls from ARGS.threads concurrent keep-alive clients; latencies in ms.

    With `wrk` installed (Debian: apt install wrk) the clients are wrk's: C, event-driven, so they
    leave the CPU to the server, and it runs for --http-seconds. Without it, Python client threads
    (api_neighbors.hammer) send each url once, sharing the 2 cores with the server."""
    if shutil.which("wrk"):
        with tempfile.NamedTemporaryFile("w", suffix=".txt") as paths:
            paths.write("\n".join(urls) + "\n")
            paths.flush()
            out = subprocess.run(["wrk", "-t2", f"-c{ARGS.threads}", f"-d{seconds or ARGS.http_seconds}s", "--timeout", "30s",
                                  "-s", str(HERE / "paths.lua"), base, "--", paths.name],
                                 capture_output=True, text=True, check=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        return {"client": "wrk", "requests": r["requests"], "errors": r["errors"], "p50": r["p50_us"] / 1000,
                "p99": r["p99_us"] / 1000, "throughput_rps": r["requests"] / r["seconds"]}
    lat, errors, wall = api_neighbors.hammer(base, urls[:ARGS.requests], ARGS.threads, ARGS.max_seconds)
    return {"client": "python-threads", "requests": len(lat), "errors": errors, "p50": pct(lat, 50) * 1000,
            "p99": pct(lat, 99) * 1000, "throughput_rps": len(lat) / wall}


def bare_calls(call, n: int, threads: int, first: int = 0) -> list[float]:
    """Wall times (ms) of the bare store calls first .. first+n-1 made by `threads` callers at once
    (1 = one after another)."""
    from concurrent.futures import ThreadPoolExecutor

    def one(i: int) -> float:
        t = time.perf_counter()
        call(i)
        return (time.perf_counter() - t) * 1000

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(one, range(first, first + n)))


def fig_http() -> None:
    """neighbors and search under 16 clients on a ~100k-node graph, both stores, 1 and 2 server workers,
    vs the bare store call (one caller, and 16 callers at once in one process)."""
    import httpx

    from rekg.graph.nx_store import NetworkXStore

    home = big_home()
    nx_store = NetworkXStore(home)
    doc = nx_store.export()
    nodes = len(doc.entities)
    rng = random.Random(11)
    ids = [e.id for e in doc.entities]
    ents = doc.entities
    n_req = max(ARGS.requests, 20000)  # distinct random urls: a wrk run must not just replay a short list
    sample = [rng.choice(ids) for _ in range(n_req)]
    # search: whole names, 4-letter prefixes, single tokens (what people type)
    def typed(n: int) -> list[str]:
        out = []
        for i in range(n):
            name = rng.choice(ents).name
            out.append(name if i % 3 == 0 else name[:4] if i % 3 == 1 else name.split()[min(1, len(name.split()) - 1)])
        return out

    queries = typed(n_req)
    # 10 s of warm-up before each load test (JIT, the Neo4j store's kept search names) on other ids and queries
    warmup = {"neighbors": [f"/entities/{rng.choice(ids)}/neighbors" for _ in range(5000)],
            "search": [f"/entities?q={quote(q)}" for q in typed(5000)]}
    for store_name in stores():
        work = Path(tempfile.mkdtemp(prefix="rekg-bench-http-"))
        try:
            if store_name == "networkx":
                shutil.copy(home / "graph.jsonl", work / "graph.jsonl")
                store = nx_store
            else:
                from cypher import load_neo4j

                store = neo4j_store()
                secs = load_neo4j(store, doc)
                emit("neo4j_load", store_name, secs, "s", 1, None, None, scale=nodes,
                     note="100k-node graph written with the store's row layout (benchmarks/cypher.py load_neo4j)")
            figures = (("neighbors", [f"/entities/{e}/neighbors" for e in sample], lambda i: store.neighbors(sample[i]),
                        "p99 <= 20 ms and <= 3x the bare store call", 20),
                       ("search", [f"/entities?q={quote(q)}" for q in queries],
                        lambda i: store.search_page(queries[i]), "p99 <= 50 ms", 50))
            figures[1][2](0)  # the first call on a fresh Neo4j also counts every name and warms its page cache
            t = time.perf_counter()
            figures[1][2](1)
            if time.perf_counter() - t > 2:  # a store without a search index: 1000 bare calls would take hours
                figures = figures[:1]
                skipped("search", store_name, f"one bare store.search_page call took {time.perf_counter() - t:.1f} s")
            deadline = time.monotonic() + 120  # the Neo4j store reads its search names in the background
            while store_name == "neo4j" and len(figures) > 1 and store._kept is None and time.monotonic() < deadline:
                figures[1][2](1)
                time.sleep(0.2)
            bare = {}
            for fig, _urls, call, _target, _limit in figures:
                # distinct calls per pass: a repeated search is served from the index's cache
                one, many = bare_calls(call, 1000, 1), bare_calls(call, 1000, ARGS.threads, first=1000)
                bare[fig] = {"baseline": pct(one, 99), "baseline_p50": pct(one, 50),
                             "baseline_16": pct(many, 99), "baseline_16_p50": pct(many, 50)}
            for workers in ARGS.workers:
                proc, base = _serve(store_name, work, workers)
                try:
                    with httpx.Client(base_url=base, timeout=120) as warm:
                        for i in range(40):
                            warm.get(f"/entities/{sample[i]}/neighbors").raise_for_status()
                            warm.get("/entities", params={"q": queries[i]}).raise_for_status()
                    # the framework's own floor: the same route refused (422) before any store call
                    floor = load_test(base, [f"{u}?depth=0" for u in figures[0][1]], seconds=min(10, ARGS.http_seconds))
                    emit("http_floor", store_name, floor.pop("p50"), "ms", floor["requests"], None, None, scale=nodes,
                         p99=floor.pop("p99"), clients=ARGS.threads, workers=workers, refused_422=floor.pop("errors"), **floor,
                         note="GET /entities/{id}/neighbors?depth=0: routing, parameter validation, the 422 answer "
                              "and the access log, no store call; what any read costs over HTTP at this concurrency")
                    for fig, urls, _call, target, limit_ms in figures:
                        load_test(base, warmup[fig], seconds=min(10, ARGS.http_seconds))
                        r, b = load_test(base, urls), bare[fig]
                        ratio, ratio_16 = r["p99"] / b["baseline"], r["p99"] / b["baseline_16"]
                        met = r["p99"] <= limit_ms and (fig != "neighbors" or ratio_16 <= 3)
                        emit(fig, store_name, r.pop("p50"), "ms", r["requests"], target, met, scale=nodes, p99=r.pop("p99"),
                             **b, ratio=ratio, ratio_16=ratio_16, clients=ARGS.threads, workers=workers, **r,
                             note="median = p50 over HTTP; baseline = bare store call p99 one at a time, baseline_16 = "
                                  f"its p99 with {ARGS.threads} callers at once in one process; ratio(_16) = HTTP p99 "
                                  "over baseline(_16); the 3x target is judged on ratio_16")
                finally:
                    api_neighbors.stop_server(proc)
        finally:
            if store_name == "neo4j":
                store.close()
            shutil.rmtree(work, ignore_errors=True)


def fig_cypher() -> None:
    import cypher as cb

    from rekg.graph.cypher import check_read_only
    from rekg.graph.cypher.cookbook import load
    from rekg.graph.cypher.embedded import Mirror, build_mirror

    n = ARGS.nodes
    doc, person, org = cb.synthesise(n)
    recipes = {r.name: r for r in load(cb.REPO / "cookbook")}
    params = {"1-hop": {"person": person}, "2-hop": {"org": org}}
    with tempfile.TemporaryDirectory(prefix="rekg-bench-cypher-") as tmp:
        targets = []
        if "networkx" in stores():
            build_mirror(doc, [], Path(tmp) / "mirror")
            targets.append(("networkx", Mirror(Path(tmp) / "mirror")))
        if "neo4j" in stores():
            neo = neo4j_store()
            cb.load_neo4j(neo, doc)
            targets.append(("neo4j", neo))
        for store_name, target in targets:
            for label in ("1-hop", "2-hop"):
                q = recipes[cb.QUERIES[label]].query
                check_read_only(q)
                times, rows = cb.timed(target, q, params[label], max(ARGS.runs, 7))
                emit("cypher", store_name, statistics.median(times), "ms", len(times), None, None, scale=len(doc.entities),
                     query=f"{label} ({cb.QUERIES[label]})", p50=pct(times, 50), p99=max(times), rows=rows,
                     note="embedded = LadybugDB mirror used by `rekg query`")
            target.close()


def fig_views() -> None:
    if os.environ.get("REKG_SKIP_BROWSER"):
        skipped("views", "-", "REKG_SKIP_BROWSER is set")
        return
    try:
        import views as vb
    except Exception as exc:  # benchmarks/views.py or rekg.viz not there (yet)
        skipped("views", "-", f"benchmarks/views.py unusable: {exc}")
        return
    sizes = [100, 1000] if ARGS.quick else [100, 1000, 5000, 20000]
    try:
        with tempfile.TemporaryDirectory() as tmp, vb.launch() as browser:
            for n, overview in [(n, False) for n in sizes] + ([] if ARGS.quick else [(20000, True)]):
                ents, rels = vb.synthetic(n)
                runs = [vb.one_run(browser, ents, rels, None, Path(tmp), overview)
                        for _ in range(ARGS.runs if n <= 5000 or overview else 1)]
                total = statistics.median(r["server"] + r["browser"] for r in runs)
                target, met = (("stable < 3 s", total < 3) if n == 5000 else
                               ("usable: the most connected part, said so, stable < 3 s", total < 3) if overview else (None, None))
                emit("views_overview" if overview else "views", "-", total, "s", len(runs), target, met, scale=n,
                     edges=len(rels), physics=runs[0]["physics"], server_s=statistics.median(r["server"] for r in runs),
                     browser_s=statistics.median(r["browser"] for r in runs), html_mb=runs[0]["mb"], drawn=runs[0]["drawn"])
    except Exception as exc:
        skipped("views", "-", f"{type(exc).__name__}: {exc}")


def fig_quality() -> None:
    sizes = [100, 300] if ARGS.quick else [1000, 10000]
    scores = {}
    for n in sizes:
        c = corpus(n)
        with tempfile.TemporaryDirectory() as home:
            out = subprocess.run([PY, "-m", "rekg.api.cli", "eval", str(c / "gold.json"), "--articles", str(c / "articles"),
                                  "--json"], capture_output=True, text=True, env={**os.environ, "REKG_HOME": home,
                                                                                 "REKG_STORE": "networkx"})
        try:
            res = json.loads(out.stdout)
        except json.JSONDecodeError:
            skipped("quality", "networkx", f"rekg eval failed: {out.stderr.strip()[-300:]}")
            return
        scores[n] = res
    a, b = (scores[n] for n in sizes)
    for key in sorted(set(_flat(a)) & set(_flat(b))):
        x, y = _flat(a)[key], _flat(b)[key]
        emit("quality", "networkx", y, "score", 1, "|delta| <= 0.02", abs(x - y) <= 0.02, scale=sizes[1],
             metric=key, baseline=x, baseline_scale=sizes[0], delta=y - x)


def _flat(d, prefix="") -> dict[str, float]:
    out = {}
    for k, v in d.items():
        name = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flat(v, name + "."))
        elif isinstance(v, float) and k in ("f1", "precision", "recall"):
            out[name] = v
    return out


FIGURES = {"ingest": fig_ingest, "startup": fig_startup, "http": fig_http, "cypher": fig_cypher, "views": fig_views,
           "quality": fig_quality}


def main() -> int:
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=int, default=10000, help="largest ingest corpus (1k/10k/50k up to this)")
    ap.add_argument("--quick", action="store_true", help="small smoke run: 200 articles, 5k nodes, two view sizes")
    ap.add_argument("--json", action="store_true", help="one JSON object per figure")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--stores", default="networkx,neo4j")
    ap.add_argument("--only", default=",".join(FIGURES), help=f"comma list of {', '.join(FIGURES)}")
    ap.add_argument("--articles", type=int, default=26000, help="api_neighbors articles for the ~100k-node store")
    ap.add_argument("--nodes", type=int, default=100000, help="Cypher graph size")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=16)
    ap.add_argument("--max-seconds", type=float, default=120, help="cap of a Python-client load test")
    ap.add_argument("--http-seconds", type=int, default=20, help="length of a wrk load test")
    ap.add_argument("--workers", type=lambda v: [int(x) for x in v.split(",")], default=[1, 2],
                    help="`rekg serve --workers` values to measure the HTTP figures with (default 1,2)")
    ap.add_argument("--neo4j-max-ingest", type=int, default=10000)
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "rekg-bench-cache"))
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    ARGS = ap.parse_args()
    if ARGS.worker == "ingest":
        worker_ingest(ARGS.stores, *ARGS.rest)
        return 0
    if ARGS.worker == "load":
        worker_load(*ARGS.rest)
        return 0
    if ARGS.quick:
        ARGS.scale, ARGS.articles, ARGS.nodes, ARGS.requests, ARGS.runs, ARGS.http_seconds = 200, 1200, 5000, 200, 1, 3
        ARGS.cache = os.path.join(ARGS.cache, "quick")
    Path(ARGS.cache).mkdir(parents=True, exist_ok=True)
    if "neo4j" in stores() and not os.environ.get("REKG_NEO4J_URI"):
        print("REKG_NEO4J_URI is not set: Neo4j figures skipped (eval \"$(scripts/neo4j-local env)\" first)", file=sys.stderr)
        ARGS.stores = ",".join(s for s in stores() if s != "neo4j")
        skipped("all", "neo4j", "REKG_NEO4J_URI is not set")
    load = os.getloadavg()
    print(json.dumps({"machine": {"nproc": os.cpu_count(), "loadavg": load}}) if ARGS.json else f"load average {load}",
          file=sys.stderr)
    for name in ARGS.only.split(","):
        try:
            FIGURES[name]()
        except Exception as exc:  # one broken figure does not hide the others
            skipped(name, "-", f"failed: {type(exc).__name__}: {str(exc)[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
