"""A small Cypher tokenizer: enough to see keywords, names and brackets, never fooled by text.

String literals, backtick-quoted names and comments are single tokens, so a `CREATE` inside
`'...'`, `` `...` `` or `// ...` is never taken for a clause. Every character of the input
belongs to exactly one token, so joining the token texts gives the input back unchanged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rekg.graph.cypher.errors import CypherSyntaxError

_PATTERNS = [
    ("ws", r"\s+"),
    ("comment", r"//[^\n]*|/\*.*?\*/"),
    ("str", r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""),
    ("bq", r"`(?:[^`]|``)*`"),
    ("param", r"\$(?:[A-Za-z_][A-Za-z_0-9]*|\d+|`(?:[^`]|``)*`)"),
    ("num", r"\d+\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?|0[xX][0-9a-fA-F]+"),
    ("ident", r"[A-Za-z_][A-Za-z_0-9]*"),
    ("op", r"->|<-|<>|<=|>=|=~|\.\.|\+=|!=|::|[-+*/%^=<>(){}\[\],.:;|&!?]"),
]
_RX = re.compile("|".join(f"(?P<{k}>{p})" for k, p in _PATTERNS), re.S)


@dataclass(frozen=True)
class Token:
    kind: str  # ws comment str bq param num ident op
    text: str
    start: int

    @property
    def upper(self) -> str:
        return self.text.upper() if self.kind == "ident" else self.text

    @property
    def name(self) -> str:
        """The name an identifier or backtick token stands for."""
        if self.kind == "bq":
            return self.text[1:-1].replace("``", "`")
        return self.text

    def is_kw(self, *words: str) -> bool:
        return self.kind == "ident" and self.text.upper() in words


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _RX.match(text, pos)
        if not m or m.end() == pos:
            ch = text[pos]
            if ch in "'\"":
                raise CypherSyntaxError(f"unterminated string literal starting at offset {pos}")
            if ch == "`":
                raise CypherSyntaxError(f"unterminated backtick name starting at offset {pos}")
            if text.startswith("/*", pos):
                raise CypherSyntaxError(f"unterminated /* comment starting at offset {pos}")
            raise CypherSyntaxError(f"unexpected character {ch!r} at offset {pos}")
        out.append(Token(m.lastgroup, m.group(), pos))
        pos = m.end()
    return out


def significant(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.kind not in ("ws", "comment")]
