"""Analysts' corrections, kept in a plain YAML file under REKG_HOME and applied after every ingest.

Corrections are not edits of the stored graph: they are applied each time the graph
is derived from the articles (inside `resolve`), so they survive re-ingesting the whole
corpus, work the same on both stores, and undoing one restores the extractor's version.

    merge            {keep: ID, drop: ID}              two entities are one (keep's id stays)
    split            {entity: ID, alias: NAME}         an alias is a different entity
    rename           {entity: ID, name: NAME}          display name (the id stays)
    relabel          {entity: ID, label: L, kind: K}   e.g. Company -> SOE
    delete_relation  {type: T, source: ID, target: ID}
    add_relation     {type: T, source: ID, target: ID, note: TEXT}
"""
from __future__ import annotations

import datetime as dt
import getpass
import os
import tempfile
from operator import attrgetter
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field

from rekg.graph.model import ORG_KINDS, REL_KEY, REL_TYPES, Entity, Evidence, GraphDocument, Relation

Op = Literal["merge", "split", "rename", "relabel", "delete_relation", "add_relation"]
FILE = "corrections.yaml"
REQUIRED = {
    "merge": ("keep", "drop"),
    "split": ("entity", "alias"),
    "rename": ("entity", "name"),
    "relabel": ("entity",),
    "delete_relation": ("type", "source", "target"),
    "add_relation": ("type", "source", "target", "note"),
}


class CorrectionError(ValueError):
    """A correction that cannot be recorded; the message says why."""


class Correction(BaseModel):
    id: str
    op: Op
    args: dict[str, str] = Field(default_factory=dict)
    who: str
    when: str
    why: str = ""


class Corrections(BaseModel):
    items: list[Correction] = Field(default_factory=list)

    # -- file ---------------------------------------------------------------------
    @classmethod
    def load(cls, home: Path | None) -> "Corrections":
        path = Path(home) / FILE if home else None
        if not path or not path.exists():
            return cls()
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            return cls(items=[Correction(**c) for c in raw.get("corrections", [])])
        except (yaml.YAMLError, TypeError, ValueError) as exc:
            raise CorrectionError(f"{path}: not a readable corrections file ({str(exc).splitlines()[0]})") from None

    def save(self, home: Path) -> Path:
        home = Path(home)
        home.mkdir(parents=True, exist_ok=True)
        path = home / FILE
        text = "# rekg corrections: applied after every ingest, in order. Edit with `rekg merge|split|rename|relabel|unrelate|relate`.\n"
        text += yaml.safe_dump({"corrections": [c.model_dump() for c in self.items]}, sort_keys=False, allow_unicode=True)
        fd, tmp = tempfile.mkstemp(dir=home, prefix=".corrections-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
        return path

    def add(self, op: str, args: dict[str, str], why: str = "", who: str | None = None) -> Correction:
        missing = [k for k in REQUIRED[op] if not args.get(k)]
        if missing:
            raise CorrectionError(f"{op} needs {', '.join(missing)}")
        if "type" in args and args["type"] not in REL_TYPES:
            raise CorrectionError(f"unknown relationship type {args['type']!r}; one of {', '.join(REL_TYPES)}")
        if op == "relabel" and args.get("kind") and args["kind"] not in ORG_KINDS:
            raise CorrectionError(f"unknown kind {args['kind']!r}; one of {', '.join(ORG_KINDS)}")
        n = max((int(c.id[1:]) for c in self.items if c.id[1:].isdigit()), default=0) + 1
        c = Correction(id=f"c{n}", op=op, args=args, who=who or _who(), when=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), why=why)
        self.items.append(c)
        return c

    def remove(self, cid: str) -> Correction:
        for c in self.items:
            if c.id == cid:
                self.items.remove(c)
                return c
        raise CorrectionError(f"no correction {cid!r}")

    # -- what resolution asks --------------------------------------------------------
    def split_aliases(self) -> dict[str, set[str]]:
        """entity id -> alias names that must form their own entity."""
        out: dict[str, set[str]] = {}
        for c in self.items:
            if c.op == "split":
                out.setdefault(c.args["entity"], set()).add(c.args["alias"])
        return out

    def merges(self) -> list[tuple[str, str]]:
        return [(c.args["keep"], c.args["drop"]) for c in self.items if c.op == "merge"]

    def apply_after(self, doc: GraphDocument) -> GraphDocument:
        """Renames, relabels and relationship edits, on the resolved graph. Without corrections the
        graph is returned as it is (resolve gives it sorted, with unique ids and keys)."""
        if not self.items:
            return doc
        ents = {e.id: e for e in doc.entities}
        rels = {r.key: r for r in doc.relations}
        for c in self.items:
            a = c.args
            if c.op == "rename" and a["entity"] in ents:
                e = ents[a["entity"]]
                if e.name != a["name"]:
                    e.aliases = sorted(set(e.aliases) | {e.name} - {a["name"]})
                    e.name = a["name"]
            elif c.op == "relabel" and a["entity"] in ents:
                _relabel(ents[a["entity"]], a.get("label"), a.get("kind"))
            elif c.op == "delete_relation":
                rels.pop((a["type"], a["source"], a["target"]), None)
            elif c.op == "add_relation" and a["source"] in ents and a["target"] in ents:
                ev = Evidence(article=f"correction:{c.id}", sentence=f"{a['note']} ({c.who}, {c.when[:10]})", start=0, end=0)
                rels[(a["type"], a["source"], a["target"])] = Relation(type=a["type"], source=a["source"], target=a["target"],
                                                                       evidence=[ev], confidence=1.0, properties={"note": a["note"]})
        doc.entities = sorted(ents.values(), key=attrgetter("id"))
        doc.relations = sorted(rels.values(), key=REL_KEY)
        return doc


def _relabel(e: Entity, label: str | None, kind: str | None) -> None:
    if label and label != e.primary:
        e.labels = [label] + ([kind or "Company"] if label == "Organization" else [])
    if kind and e.primary == "Organization":
        e.labels = ["Organization", kind]
        e.properties["kind"] = kind.lower()


def _who() -> str:
    try:
        return os.environ.get("REKG_USER") or getpass.getuser()
    except OSError:
        return "unknown"
