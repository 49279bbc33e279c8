"""Find article files and read them into raw documents, one format at a time.

A bad file never stops the others: `iter_documents` yields a `LoadError` naming the
file and the problem, and goes on.
"""
from __future__ import annotations

import glob
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import yaml

from rekg.graph.model import ArticleMeta

# libyaml's loader when PyYAML was built with it: parsing front matter was most of reading a file
FAST_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# every byte but the controls `decode` counts as binary (below 32 except tab, LF, VT, FF, CR): deleting these leaves those
NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))
SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}
META_KEYS = ("title", "source", "url", "published")


@dataclass
class RawDocument:
    meta: ArticleMeta
    text: str
    is_html: bool = False


@dataclass
class LoadError:
    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


class BadFile(Exception):
    """A file that cannot be read as an article; the message says why."""


def expand_paths(paths: list[str]) -> Iterator[Path | LoadError]:
    """Files named, found below folders (recursively) or matched by globs, in sorted order."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f
        elif p.is_file():
            yield p
        elif any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield LoadError(raw, "no file matches this pattern")
            for m in matches:
                if os.path.isfile(m):
                    yield Path(m)
        else:
            yield LoadError(raw, "no such file or folder")


def iter_documents(paths: list[str]) -> Iterator[RawDocument | LoadError]:
    for item in expand_paths(paths):
        if isinstance(item, LoadError):
            yield item
            continue
        try:
            yield from read_file(item)
        except BadFile as exc:
            yield LoadError(str(item), str(exc))


def read_file(path: Path) -> list[RawDocument]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise BadFile(f"unsupported file type {suffix or '(none)'!r}; expected one of {', '.join(sorted(SUFFIXES))}")
    text = decode(path.read_bytes())
    if not text.strip():
        raise BadFile("empty file")
    if suffix in (".json", ".jsonl"):
        return read_records(path, text, jsonl=suffix == ".jsonl")
    if suffix in (".md", ".markdown"):
        return [read_markdown(path, text)]
    if suffix in (".html", ".htm"):
        return [RawDocument(ArticleMeta(id=path.stem, path=str(path)), text, is_html=True)]
    return [RawDocument(ArticleMeta(id=path.stem, path=str(path)), text)]


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise BadFile(f"not valid UTF-16 text ({exc.reason} at byte {exc.start})") from None
    sample = data[:8192]
    if b"\x00" in sample or (sample and len(sample.translate(None, NOT_CONTROL)) / len(sample) > 0.05):
        raise BadFile("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadFile(f"not valid UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _meta(path: Path, record: dict, default_id: str) -> ArticleMeta:
    values = {k: (str(record[k]) if record.get(k) is not None else None) for k in META_KEYS}
    rid = record.get("id")
    return ArticleMeta(id=str(rid) if rid not in (None, "") else default_id, path=str(path), **values)


def read_records(path: Path, text: str, jsonl: bool) -> list[RawDocument]:
    records: list[tuple[str, object]] = []
    if jsonl:
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append((f"line {n}", json.loads(line)))
            except json.JSONDecodeError as exc:
                raise BadFile(f"malformed JSON on line {n}: {exc.msg}") from None
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BadFile(f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
        items = data if isinstance(data, list) else [data]
        records = [(f"record {i + 1}", r) for i, r in enumerate(items)]
    docs = []
    for i, (where, rec) in enumerate(records):
        if not isinstance(rec, dict):
            raise BadFile(f"{where}: expected an object with a 'text' field, got {type(rec).__name__}")
        body = rec.get("text")
        if not isinstance(body, str) or not body.strip():
            raise BadFile(f"{where}: missing or empty 'text' field")
        default_id = path.stem if len(records) == 1 else f"{path.stem}-{i + 1}"
        docs.append(RawDocument(_meta(path, rec, default_id), body))
    if not docs:
        raise BadFile("no records")
    return docs


FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.S)


def read_markdown(path: Path, text: str) -> RawDocument:
    front: dict = {}
    m = FRONT_MATTER.match(text)
    if m:
        try:
            loaded = load_yaml(m.group(1))
        except yaml.YAMLError as exc:
            raise BadFile(f"malformed YAML front matter: {str(exc).splitlines()[0]}") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise BadFile("front matter is not a mapping of keys to values")
        front = loaded or {}
        text = text[m.end():]
    return RawDocument(_meta(path, front, path.stem), strip_markdown(text))


def load_yaml(source: str):
    """`yaml.safe_load`, through libyaml when available; on an error the pure-Python loader
    decides, so a bad file gets the same verdict and message either way."""
    try:
        return yaml.load(source, Loader=FAST_YAML_LOADER)
    except yaml.YAMLError:
        if FAST_YAML_LOADER is yaml.SafeLoader:
            raise
        return yaml.safe_load(source)


MARKDOWN_RULES = [(re.compile(pattern, flags), repl) for pattern, repl, flags in [
    (r"^#{1,6}\s*", "", re.M),
    (r"!\[[^\]]*\]\([^)]*\)", "", 0),
    (r"\[([^\]]+)\]\([^)]*\)", r"\1", 0),
    (r"(\*\*|__)(.+?)\1", r"\2", 0),
    (r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", 0),
    (r"^\s*[*+]\s+", "- ", re.M),
    (r"^>\s?", "", re.M),
]]


def strip_markdown(text: str) -> str:
    """Keep the prose of Markdown: headings become lines, links their text, emphasis goes."""
    for pattern, repl in MARKDOWN_RULES:
        text = pattern.sub(repl, text)
    return text
