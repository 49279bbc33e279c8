"""Query results as text: an aligned table, JSON (a list of row objects) or CSV."""
from __future__ import annotations

import csv
import io
import json
from typing import Any


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def render(result, fmt: str = "table", width: int = 60) -> str:
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(result.columns)
        for row in result.rows:
            w.writerow([_cell(v) for v in row])
        return buf.getvalue()
    cells = [[_cell(v).replace("\n", " ") for v in row] for row in result.rows]
    cells = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
    line = lambda vals: " | ".join(v.ljust(widths[i]) for i, v in enumerate(vals)).rstrip()  # noqa: E731
    out = [line(result.columns), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    more = " (truncated)" if result.truncated else ""
    out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''}{more}, {result.elapsed_ms:.1f} ms)")
    return "\n".join(out) + "\n"
