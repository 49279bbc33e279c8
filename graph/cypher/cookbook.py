"""The analyst cookbook (cookbook/NN-name.cypher): each file's question, sample parameters and query.

Header lines start with `//`: `// Question: ...` and one `// Param: name=value` per parameter
(the value is a JSON literal when it parses, else a string, exactly like `rekg query --param`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rekg.graph.cypher import parse_param


@dataclass
class Recipe:
    name: str
    path: Path
    question: str
    query: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def ordered(self) -> bool:
        """Rows come in a defined order (the outermost RETURN has ORDER BY)."""
        tail = self.query.rsplit("RETURN", 1)[-1]
        return re.search(r"\bORDER\s+BY\b", tail, re.I) is not None


def load(folder: str | Path) -> list[Recipe]:
    out = []
    for path in sorted(Path(folder).glob("*.cypher")):
        question, params, body = "", {}, []
        for line in path.read_text(encoding="utf-8").splitlines():
            s = line.strip()
            if s.startswith("//") and not body:
                text = s[2:].strip()
                if text.lower().startswith("question:"):
                    question = text.split(":", 1)[1].strip()
                elif text.lower().startswith("param:"):
                    k, v = parse_param(text.split(":", 1)[1].strip())
                    params[k] = v
                continue
            body.append(line)
        out.append(Recipe(path.stem, path, question, "\n".join(body).strip(), params))
    return out
