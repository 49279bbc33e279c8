"""Refuse anything that could write, before a query reaches either engine.

Works on tokens (graph/cypher/lexer.py), so words inside string literals, backtick names and
comments never count, and `n.set` / `{delete: 1}` (a property or map key) are not clauses.
Procedure calls are allowed only from a short list of read-only catalogue procedures.
"""
from __future__ import annotations

from rekg.graph.cypher.errors import WriteRefused
from rekg.graph.cypher.lexer import Token, significant, tokenize

WRITE_CLAUSES = {
    "CREATE": "CREATE", "MERGE": "MERGE", "SET": "SET", "DELETE": "DELETE", "DETACH": "DETACH DELETE",
    "REMOVE": "REMOVE", "FOREACH": "FOREACH", "DROP": "DROP", "ALTER": "ALTER", "RENAME": "RENAME",
    "GRANT": "GRANT", "DENY": "DENY", "REVOKE": "REVOKE", "COPY": "COPY", "INSTALL": "INSTALL",
    "ATTACH": "ATTACH", "DETACH_DATABASE": "DETACH", "CHECKPOINT": "CHECKPOINT", "IMPORT": "IMPORT",
    "EXPORT": "EXPORT", "TERMINATE": "TERMINATE", "START": "START", "STOP": "STOP", "ENABLE": "ENABLE",
    "BEGIN": "BEGIN", "COMMIT": "COMMIT", "ROLLBACK": "ROLLBACK",
}
# Read-only catalogue procedures an analyst may CALL on Neo4j (the embedded engine has none).
READ_PROCEDURES = {
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "dbms.components",
}


def _is_clause_word(toks: list[Token], i: int) -> bool:
    """A keyword in clause position: not a property (`n.set`), label (`:Set`), or map key (`{set: 1}`)."""
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if prev is not None and prev.text in (".", ":", "$"):
        return False
    if nxt is not None and nxt.text == ":" and prev is not None and prev.text in ("{", ","):
        return False  # a map key
    if prev is not None and prev.text == "(" and nxt is not None and nxt.text in (")", ":", "{"):
        return False  # a variable named like a keyword: (set:Label)
    return True


def check_read_only(query: str) -> None:
    """Raise WriteRefused naming the first write clause or write procedure in `query`."""
    toks = significant(tokenize(query))
    for i, t in enumerate(toks):
        if t.kind != "ident" or not _is_clause_word(toks, i):
            continue
        word = t.text.upper()
        if word == "LOAD" and i + 1 < len(toks) and toks[i + 1].is_kw("CSV", "FROM", "EXTENSION"):
            raise WriteRefused(f"LOAD {toks[i + 1].text.upper()} is not allowed: analyst Cypher is read-only")
        if word == "LOAD":
            continue
        if word in ("START", "STOP", "ENABLE", "BEGIN", "COMMIT", "ROLLBACK", "EXPORT", "IMPORT", "RENAME", "INSTALL",
                    "ATTACH", "CHECKPOINT", "TERMINATE", "COPY", "ALTER", "GRANT", "DENY", "REVOKE"):
            # administrative / transaction / bulk commands: only meaningful as the first word of a statement
            if i == 0 or toks[i - 1].text == ";":
                raise WriteRefused(f"{word} is not allowed: analyst Cypher is read-only")
            continue
        if word in WRITE_CLAUSES and word not in ("DETACH_DATABASE",):
            label = "DETACH DELETE" if word == "DETACH" else WRITE_CLAUSES[word]
            raise WriteRefused(f"{label} is not allowed: analyst Cypher is read-only (the query was not run)")
        if word == "IN" and i + 1 < len(toks) and toks[i + 1].is_kw("TRANSACTIONS"):
            raise WriteRefused("CALL { ... } IN TRANSACTIONS is not allowed: analyst Cypher is read-only")
        if word == "CALL" and i + 1 < len(toks) and toks[i + 1].text != "{":
            name, j = [], i + 1
            while j < len(toks) and (toks[j].kind in ("ident", "bq") or toks[j].text == "."):
                name.append(toks[j].name if toks[j].kind == "bq" else toks[j].text)
                j += 1
            proc = "".join(name)
            if proc.lower() not in READ_PROCEDURES:
                raise WriteRefused(f"CALL {proc or '?'} is not allowed: only the read-only procedures "
                                   f"{', '.join(sorted(READ_PROCEDURES))} may be called")
