"""The `rekg` command: a small core of verbs over one store (embedded by default, or --store neo4j)."""
from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Optional

import typer

from rekg.graph.settings import Settings
from rekg.graph.store import GraphStore, StoreError, open_store

app = typer.Typer(add_completion=False, no_args_is_help=True, help="rekg: the knowledge graph of China's rare-earth institutional network.")

STORE_HELP = "Where the graph lives: 'networkx' (embedded, under REKG_HOME) or 'neo4j' (REKG_NEO4J_URI/_USER/_PASSWORD/_DATABASE)."
StoreOpt = typer.Option(None, "--store", help=STORE_HELP)


def err(msg: str) -> None:
    typer.echo(msg, err=True)


def store_from(store: str | None) -> GraphStore:
    try:
        return open_store(Settings().with_store(store))
    except StoreError as exc:
        err(f"error: {exc}")
        raise typer.Exit(2) from None


AsOfOpt = typer.Option(None, "--as-of", help="Only what articles published by this date (YYYY-MM-DD) support.")


@contextlib.contextmanager
def reader(store: str | None, as_of: str | None = None):
    """A store to read from: the store itself, or its as-of snapshot."""
    with store_from(store) as st:
        yield st.as_of(_iso(as_of)) if as_of else st


def _iso(value: str) -> str:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        err(f"error: --as-of {value!r} is not a date like 2025-03-01")
        raise typer.Exit(2) from None


def _guard(fn):
    """Store failures become one clear line and exit code 2, never a traceback."""
    import functools

    @functools.wraps(fn)
    def wrapper(*a, **kw):
        try:
            return fn(*a, **kw)
        except StoreError as exc:
            err(f"error: {exc}")
            raise typer.Exit(2) from None

    return wrapper


@app.command()
@_guard
def ingest(paths: list[str] = typer.Argument(..., help="Files, folders (read recursively) or glob patterns."),
           store: Optional[str] = StoreOpt,
           quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress output.")) -> None:
    """Read articles (.txt .md .html .json .jsonl) into the graph; unchanged articles are skipped."""
    from rekg.loaders.ingest import ingest as run_ingest
    from rekg.loaders.read import expand_paths

    total = sum(1 for _ in expand_paths(paths))
    with store_from(store) as st, _progress(total, quiet) as tick:
        report = run_ingest(paths, st, on_item=tick)
    for e in report.errors:
        err(f"error: {e}")
    w = report.write
    if not quiet:
        typer.echo(f"{len(w.added)} added, {len(w.updated)} updated, {len(w.unchanged)} unchanged; {len(report.errors)} failed")
    if report.errors:
        raise typer.Exit(1)


class _progress:
    """A progress bar on a terminal for long runs; a line every 1,000 files otherwise."""

    def __init__(self, total: int, quiet: bool):
        self.total, self.quiet, self.done, self.bar = total, quiet, 0, None

    def __enter__(self):
        if not self.quiet and self.total > 20 and sys.stderr.isatty():
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("reading", total=self.total)
        return self.tick

    def tick(self, _item: str) -> None:
        self.done += 1
        if self.bar:
            self.bar.update(self.task, completed=self.done)
        elif not self.quiet and self.total > 1000 and self.done % 1000 == 0:
            err(f"... {self.done}/{self.total} files read")

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()


@app.command()
@_guard
def stats(store: Optional[str] = StoreOpt, fmt: str = typer.Option("table", "--format", help="table or json"),
          as_of: Optional[str] = AsOfOpt) -> None:
    """Counts of articles, entities, relationships, by label and type."""
    with reader(store, as_of) as st:
        s = st.stats()
    if fmt == "json":
        typer.echo(json.dumps(s, indent=2))
        return
    typer.echo(f"articles   {s['articles']}\nentities   {s['entities']}\nrelations  {s['relations']}\nevidence   {s['evidence']}")
    for k, v in s["labels"].items():
        typer.echo(f"  :{k:<14} {v}")
    for k, v in s["relation_types"].items():
        typer.echo(f"  [:{k}]{'':<{16 - len(k)}} {v}")


@app.command()
@_guard
def show(name_or_id: str, store: Optional[str] = StoreOpt, fmt: str = typer.Option("text", "--format", help="text or json"),
         as_of: Optional[str] = AsOfOpt) -> None:
    """An entity with its connections and the evidence for each."""
    with reader(store, as_of) as st:
        ent = st.find(name_or_id)
        if ent is None:
            close = [e.name for e, _ in st.search(name_or_id, limit=5)]
            err(f"error: no entity {name_or_id!r}" + (f"; closest: {', '.join(close)}" if close else ""))
            raise typer.Exit(1)
        sub = st.neighbors(ent.id, depth=1)
    names = {e.id: e.name for e in sub.entities}
    if fmt == "json":
        typer.echo(json.dumps({"entity": ent.model_dump(), "relations": [r.model_dump() for r in sub.relations]}, indent=2, ensure_ascii=False))
        return
    typer.echo(f"{ent.name}  [{':'.join(ent.labels)}]  id={ent.id}")
    if ent.aliases:
        typer.echo(f"  aliases: {', '.join(ent.aliases)}")
    for k, v in ent.properties.items():
        typer.echo(f"  {k}: {', '.join(v) if isinstance(v, list) else v}")
    typer.echo(f"  articles: {', '.join(ent.articles)}")
    for r in sub.relations:
        arrow = f"-[:{r.type}]-> {names.get(r.target, r.target)}" if r.source == ent.id else f"<-[:{r.type}]- {names.get(r.source, r.source)}"
        props = f" {r.properties}" if r.properties else ""
        typer.echo(f"\n  {arrow}{props}  (confidence {r.confidence:.2f})")
        for ev in r.evidence:
            typer.echo(f"      {ev.article}: «{ev.sentence}»")


@app.command()
@_guard
def export(fmt: str = typer.Option("json", "--format", help="json (schema.md exchange format), graphml, gexf (Gephi), csv (neo4j-admin import; -o names a folder) or cypher (a script that recreates the graph)"),
           out: Path = typer.Option(..., "-o", "--output", help="Output file (folder for csv)."),
           store: Optional[str] = StoreOpt, as_of: Optional[str] = AsOfOpt) -> None:
    """Write the whole graph to a file."""
    from rekg.graph.export import FORMATS, write

    if fmt not in FORMATS:
        err(f"error: unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    with reader(store, as_of) as st:
        doc = st.export()
    files = write(doc, fmt, out)
    err(f"wrote {', '.join(map(str, files))}: {len(doc.entities)} entities, {len(doc.relations)} relations")


@app.command()
@_guard
def view(name_or_id: Optional[str] = typer.Argument(None, help="The entity (id or name); not needed with --article or --overview."),
         depth: int = typer.Option(1, "--depth", min=1, max=3, help="Hops around the entity."),
         to: Optional[str] = typer.Option(None, "--to", help="Draw the shortest paths from the entity to this one."),
         article: Optional[str] = typer.Option(None, "--article", help="Draw what one article says (article id)."),
         overview: bool = typer.Option(False, "--overview", help="Draw the whole graph (its most connected part when big)."),
         out: Path = typer.Option(..., "-o", "--output", help="The HTML file to write (works offline; clicking a node re-centres on it)."),
         color: str = typer.Option("label", "--color", help="Colour nodes by 'label' or by 'community' (Louvain); size is by degree centrality."),
         store: Optional[str] = StoreOpt, as_of: Optional[str] = AsOfOpt) -> None:
    """Write an interactive view (vis-network, self-contained HTML): an entity's neighbourhood by default."""
    from rekg.viz import views, write_file

    if not (overview or article or name_or_id):
        err("error: name an entity, or pass --article ID or --overview")
        raise typer.Exit(2)
    with reader(store, as_of) as st:
        try:
            if overview:
                v = views.overview(st)
            elif article:
                v = views.article_view(st, article)
            elif to:
                v = views.paths_view(st, name_or_id, to)
            else:
                v = views.entity_view(st, name_or_id, depth)
        except views.NotFound as exc:
            err(f"error: {exc}")
            raise typer.Exit(1) from None
    write_file(v, out, color=color)
    err(f"wrote {out}: {v.title}, {len(v.entities)} nodes, {len(v.relations)} relationships" + (f" ({v.notice})" if v.notice else ""))


@app.command()
@_guard
def delete(article_id: str, store: Optional[str] = StoreOpt) -> None:
    """Remove an article and everything only it supported."""
    with store_from(store) as st:
        if not st.delete_article(article_id):
            err(f"error: no article {article_id!r} in the store")
            raise typer.Exit(1)
    typer.echo(f"deleted {article_id}")


@app.command()
@_guard
def push(store: str = typer.Option("neo4j", "--to", help="The store to copy into.")) -> None:
    """Copy the embedded graph (REKG_HOME) into Neo4j (or another store)."""
    source = store_from("networkx")
    extractions = source.extractions()
    with store_from(store) as target:
        report = target.put_extractions(extractions)
    typer.echo(f"pushed {len(extractions)} articles to {store}: {len(report.added)} added, {len(report.updated)} updated, {len(report.unchanged)} unchanged")


@app.command("eval")
@_guard
def evaluate(gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold annotation in the seed gold's format."),
             articles: Optional[Path] = typer.Option(None, "--articles", help="Folder with the gold's articles (default: next to the gold)."),
             show_errors: bool = typer.Option(False, "--show-errors", help="List each miss and false hit."),
             as_json: bool = typer.Option(False, "--json"),
             min_entity_f1: float = typer.Option(0.0), min_relation_f1: float = typer.Option(0.0),
             min_event_f1: float = typer.Option(0.0), min_resolution_f1: float = typer.Option(0.0)) -> None:
    """Ingest a gold set's articles into a temporary store and score the extraction."""
    from rekg.graph.export import to_json
    from rekg.graph.nx_store import NetworkXStore
    from rekg.loaders.evaluate import score
    from rekg.loaders.ingest import ingest as run_ingest

    g = json.loads(gold.read_text(encoding="utf-8"))
    folder = articles or _find_articles(gold, g)
    by_stem: dict[str, Path] = {}
    for f in sorted(folder.iterdir()) if folder.is_dir() else []:
        by_stem.setdefault(f.stem, f)
    missing = [a for a in g["articles"] if a not in by_stem]
    if missing:
        err(f"error: {folder}: no file for article(s) {', '.join(missing[:5])}; pass --articles DIR")
        raise typer.Exit(2)
    with tempfile.TemporaryDirectory() as tmp:
        st = NetworkXStore(tmp)
        files = [str(by_stem[a]) for a in g["articles"]]
        report = run_ingest(files, st)
        for e in report.errors:
            err(f"error: {e}")
        pred = json.loads(to_json(st.export()))
    res = score(g, pred)
    if show_errors:
        typer.echo("\n".join(res.errors))
    if as_json:
        typer.echo(json.dumps({k: v for k, v in res.__dict__.items() if k != "errors"}, indent=2))
    else:
        for k in ("entities", "relations", "events", "resolution"):
            m = getattr(res, k)
            typer.echo(f"{k:<11} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}")
        typer.echo(f"organization kind accuracy {res.organization_kind_accuracy:.3f}")
        for typ, c in res.relations_by_type.items():
            typer.echo(f"  {typ:<16} tp={c.get('tp', 0)} fp={c.get('fp', 0)} fn={c.get('fn', 0)}")
        typer.echo(res.summary())
    bars = [(res.entities, min_entity_f1), (res.relations, min_relation_f1), (res.events, min_event_f1), (res.resolution, min_resolution_f1)]
    if any(m["f1"] < bar for m, bar in bars):
        raise typer.Exit(1)


def _find_articles(gold: Path, g: dict) -> Path:
    for cand in (gold.parent / "articles", gold.parent.parent / "corpus" / str(g.get("corpus", "")), gold.parent):
        if cand.is_dir() and any(cand.glob(f"{g['articles'][0]}.*")):
            return cand
    return gold.parent / "articles"


@app.command()
@_guard
def explain(article: str = typer.Argument(..., help="A file to read now, or the id of a stored article."),
            store: Optional[str] = StoreOpt) -> None:
    """Each entity and relationship read from one article, with its sentence and the rule that produced it."""
    from rekg.loaders.extract.pipeline import Extractor
    from rekg.loaders.ingest import prepare
    from rekg.loaders.read import BadFile, read_file

    path = Path(article)
    if path.is_file():
        try:
            docs = read_file(path)
        except BadFile as exc:
            err(f"error: {path}: {exc}")
            raise typer.Exit(1) from None
        extractions = [Extractor()(prepare(d)) for d in docs]
    else:
        with store_from(store) as st:
            ex = st.get_extraction(article)
        if ex is None:
            err(f"error: {article!r} is neither a file nor a stored article id")
            raise typer.Exit(1)
        extractions = [ex]
    for ex in extractions:
        ents = {e.local_id: e for e in ex.entities}
        typer.echo(f"== {ex.article.id}  {ex.article.title or ''}  ({ex.article.published or 'no date'})")
        typer.echo("entities:")
        for e in ex.entities:
            kind = f":{e.kind}" if e.kind else ""
            aliases = f"  aka {', '.join(e.aliases)}" if e.aliases else ""
            typer.echo(f"  {e.local_id:<5} {e.label}{kind:<13} {e.name}{aliases}   [{e.rule}]")
        typer.echo("relationships:")
        for r in ex.relations:
            props = f" {r.properties}" if r.properties else ""
            typer.echo(f"  ({ents[r.source].name})-[:{r.type}]->({ents[r.target].name}){props}  [{r.rule}, {r.confidence:.2f}]")
            typer.echo(f"      «{r.evidence.sentence}»")


@app.command()
def serve(host: Optional[str] = typer.Option(None, "--host", help="Address to listen on (default REKG_HOST, 127.0.0.1)."),
          port: Optional[int] = typer.Option(None, "--port", help="Port (default REKG_PORT, 8000)."),
          store: Optional[str] = StoreOpt,
          workers: int = typer.Option(1, "--workers", min=1, help="Server processes. Each embedded-store worker holds "
                                      "its own copy of the graph and reloads it when another writes."),
          access_log: bool = typer.Option(True, "--access-log/--no-access-log", help="Log one line per request.")) -> None:
    """Run the HTTP API (OpenAPI page at /docs); writes need REKG_API_KEY."""
    import uvicorn

    from rekg.api.app import create_app

    settings = Settings().with_store(store)
    settings = settings.model_copy(update={"host": host or settings.host, "port": port if port is not None else settings.port})
    shown = f"[{settings.host}]" if ":" in settings.host else settings.host
    typer.echo(f"rekg API on http://{shown}:{settings.port} (docs: http://{shown}:{settings.port}/docs; store: {settings.store}"
               + (f"; {workers} workers" if workers > 1 else "") + ")")
    options = dict(host=settings.host, port=settings.port, log_level="info", access_log=access_log)
    if workers == 1:
        uvicorn.run(create_app(settings), **options)
        return
    os.environ["REKG_STORE"] = settings.store  # worker processes build their app from the environment
    uvicorn.run("rekg.api.app:create_app", factory=True, workers=workers, **options)


@app.command()
def synth(n: int = typer.Argument(..., min=1, help="How many articles."),
          out: Path = typer.Option(..., "-o", "--output", help="Folder for articles/ and gold.json."),
          seed: int = typer.Option(0, "--seed", help="Same seed, same corpus.")) -> None:
    """Write N realistic articles with their gold annotation (for scale runs that also measure quality)."""
    from rekg.loaders.synth import write

    gold = write(n, out, seed)
    typer.echo(f"wrote {n} articles to {out / 'articles'} and their gold to {gold}")


# -- analysis ---------------------------------------------------------------------------

@app.command()
@_guard
def analyze(what: str = typer.Argument(..., help="centrality, communities, brokers or timeline"),
            label: Optional[str] = typer.Option(None, "--label", help="Only nodes with this label (centrality)."),
            top: int = typer.Option(20, "--top", min=1), fmt: str = typer.Option("table", "--format", help="table or json"),
            store: Optional[str] = StoreOpt, as_of: Optional[str] = AsOfOpt) -> None:
    """Who is central, which clusters exist, who brokers between them, what happened when."""
    from rekg.graph import analysis

    funcs = {"centrality": lambda d: analysis.centrality(d, label, top), "communities": analysis.communities,
             "brokers": lambda d: analysis.brokers(d, top), "timeline": analysis.timeline}
    if what not in funcs:
        err(f"error: unknown analysis {what!r}; use one of {', '.join(funcs)}")
        raise typer.Exit(2)
    with reader(store, as_of) as st:
        rows = funcs[what](st.export())
    if fmt == "json":
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        if what == "timeline":
            typer.echo(row["month"])
            for ev in row["events"]:
                typer.echo(f"  {ev['date'] or '':<11} {ev['name']}  participants: {', '.join(ev['participants']) or '-'}")
        elif what == "communities":
            typer.echo(f"#{row['community']} {row['name']} ({row['size']}): {', '.join(row['members'][:12])}{' ...' if row['size'] > 12 else ''}")
        else:
            typer.echo(f"{row['name']:<50} degree={row['degree']:<4} betweenness={row['betweenness']:.4f}")


# -- curation -------------------------------------------------------------------------------

corrections_app = typer.Typer(help="List or undo analysts' corrections (kept in REKG_HOME/corrections.yaml).")
app.add_typer(corrections_app, name="corrections")
WhyOpt = typer.Option("", "--why", help="Why (kept with the correction).")


def _correct(op: str, args: dict[str, str], why: str, store: str | None) -> None:
    from rekg.graph.corrections import CorrectionError, Corrections

    home = Settings().home
    try:
        corr = Corrections.load(home)
        with store_from(store) as st:
            for key in ("keep", "drop", "entity", "source", "target"):
                if key in args:
                    ent = st.find(args[key])
                    if ent is None:
                        raise CorrectionError(f"no entity {args[key]!r}")
                    args[key] = ent.id
            c = corr.add(op, args, why)
            corr.save(home)
            st.rebuild()
    except CorrectionError as exc:
        err(f"error: {exc}")
        raise typer.Exit(2) from None
    typer.echo(f"{c.id}: {op} {c.args} recorded and applied")


@app.command()
@_guard
def merge(keep: str, drop: str, why: str = WhyOpt, store: Optional[str] = StoreOpt) -> None:
    """Merge entity DROP into KEEP (KEEP's id stays)."""
    _correct("merge", {"keep": keep, "drop": drop}, why, store)


@app.command()
@_guard
def split(entity: str, alias: str, why: str = WhyOpt, store: Optional[str] = StoreOpt) -> None:
    """Make an alias of ENTITY an entity of its own."""
    _correct("split", {"entity": entity, "alias": alias}, why, store)


@app.command()
@_guard
def rename(entity: str, name: str, why: str = WhyOpt, store: Optional[str] = StoreOpt) -> None:
    """Change an entity's display name (its id stays)."""
    _correct("rename", {"entity": entity, "name": name}, why, store)


@app.command()
@_guard
def relabel(entity: str, label: Optional[str] = typer.Option(None, "--label", help="Person, Organization, Location or Event"),
            kind: Optional[str] = typer.Option(None, "--kind", help="SOE, Company, Institute, University, Association, Agency or Media"),
            why: str = WhyOpt, store: Optional[str] = StoreOpt) -> None:
    """Change an entity's label or organisation kind."""
    if not label and not kind:
        err("error: give --label or --kind")
        raise typer.Exit(2)
    _correct("relabel", {k: v for k, v in {"entity": entity, "label": label, "kind": kind}.items() if v}, why, store)


@app.command()
@_guard
def unrelate(rel_type: str, source: str, target: str, why: str = WhyOpt, store: Optional[str] = StoreOpt) -> None:
    """Delete a wrong relationship: rekg unrelate LEADS SOURCE TARGET."""
    _correct("delete_relation", {"type": rel_type, "source": source, "target": target}, why, store)


@app.command()
@_guard
def relate(rel_type: str, source: str, target: str, note: str = typer.Option(..., "--note", help="The analyst's evidence."),
           store: Optional[str] = StoreOpt) -> None:
    """Add a relationship with an analyst's note as its evidence."""
    _correct("add_relation", {"type": rel_type, "source": source, "target": target, "note": note}, note, store)


@corrections_app.command("list")
def corrections_list(fmt: str = typer.Option("table", "--format", help="table or json")) -> None:
    """Every correction with who, when and why."""
    from rekg.graph.corrections import Corrections

    corr = Corrections.load(Settings().home)
    if fmt == "json":
        typer.echo(json.dumps([c.model_dump() for c in corr.items], indent=2, ensure_ascii=False))
        return
    for c in corr.items:
        typer.echo(f"{c.id:<5} {c.when}  {c.who:<12} {c.op:<16} {json.dumps(c.args, ensure_ascii=False)}  {c.why}")
    if not corr.items:
        typer.echo("no corrections")


@corrections_app.command("undo")
@_guard
def corrections_undo(correction_id: str, store: Optional[str] = StoreOpt) -> None:
    """Remove a correction; the extractor's version comes back."""
    from rekg.graph.corrections import CorrectionError, Corrections

    home = Settings().home
    corr = Corrections.load(home)
    try:
        c = corr.remove(correction_id)
    except CorrectionError as exc:
        err(f"error: {exc}")
        raise typer.Exit(1) from None
    corr.save(home)
    with store_from(store) as st:
        st.rebuild()
    typer.echo(f"undid {c.id} ({c.op})")


@app.command()
@_guard
def query(cypher: str = typer.Argument(..., help="A read-only Cypher query (Neo4j dialect); '-' reads it from stdin."),
          param: list[str] = typer.Option([], "--param", "-p", help="name=value for $name; JSON literals (numbers, lists) are parsed, anything else is a string. Repeatable."),
          fmt: str = typer.Option("table", "--format", help="table, json (a list of row objects) or csv"),
          store: Optional[str] = StoreOpt,
          time_limit_ms: Optional[int] = typer.Option(None, "--time-limit-ms", help="Stop the query after this long (default REKG_QUERY_TIME_LIMIT_MS, 5000)."),
          max_rows: Optional[int] = typer.Option(None, "--max-rows", help="Return at most this many rows (default REKG_QUERY_MAX_ROWS, 1000)."),
          as_of: Optional[str] = AsOfOpt) -> None:
    """Run read-only Cypher on either store (cookbook: docs/cookbook.md); writes are refused."""
    from rekg.graph.cypher import CypherError, parse_param, run_query
    from rekg.graph.cypher.output import render

    if fmt not in ("table", "json", "csv"):
        err(f"error: --format {fmt!r}: use table, json or csv")
        raise typer.Exit(2)
    text = sys.stdin.read() if cypher == "-" else cypher
    try:
        params = dict(parse_param(p) for p in param)
        with reader(store, as_of) as st:
            result = run_query(st, text, params, Settings().with_store(store), time_limit_ms=time_limit_ms, max_rows=max_rows)
    except CypherError as exc:
        err(f"error: {exc}")
        raise typer.Exit(1) from None
    typer.echo(render(result, fmt), nl=False)
    if result.truncated:
        err(f"note: only the first {len(result.rows)} rows are shown (--max-rows / REKG_QUERY_MAX_ROWS)")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
