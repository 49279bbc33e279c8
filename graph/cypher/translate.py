"""Neo4j-style Cypher -> LadybugDB (Kùzu dialect) Cypher, for the embedded engine.

The embedded mirror (graph/cypher/embedded.py) keeps one node table per schema label combination
(Person, Event, Location, Article, one table per Organization kind, `Organization` for an
organisation without a kind) and one relationship table per type. Analysts write Neo4j Cypher;
this module rewrites the handful of places where the dialects differ, on tokens (lexer.py), so
string literals and comments are never touched:

  labels          `(o:Organization:SOE)` (AND), `(n:Person|Event)`, `(:Entity)`, `!Person`  -> table sets
                  `WHERE n:SOE` (a label predicate)                                       -> label(n) IN [...]
  functions       type(r) -> label(r); labels(n) -> CASE over the table; toLower/toUpper/toString/
                  toInteger/toFloat/split/relationships; head/last/tail; substring (0- vs 1-based)
  operators       a =~ b -> regexp_full_match(a, b); list[i] and list[a..b] (0- vs 1-based)
  lists           [x IN l WHERE p | e] -> list_transform(list_filter(l, x -> p), x -> e)
  paths           shortestPath(...) / allShortestPaths(...) -> -[* SHORTEST lo..hi]- / ALL SHORTEST;
                  `*`, `*..n`, `*n..` get explicit bounds (LadybugDB caps them at 30)
  uniqueness      Neo4j never binds one relationship twice in a MATCH (relationship isomorphism);
                  LadybugDB does, so each MATCH gets `r1 <> r2` for fixed relationships of
                  overlapping types and `is_trail(r)` for variable-length ones
  pattern preds   exists((a)-->(b)) -> EXISTS { MATCH ... }; EXISTS { (a)-->(b) } gets its MATCH
  RETURN columns  each unaliased item gets `AS `<its text>``, so columns are named as on Neo4j
  WITH ORDER BY   without SKIP/LIMIT gets `SKIP 0` (LadybugDB requires one)

What cannot be rewritten raises UnsupportedFeature naming the feature (CALL, map projections,
pattern comprehensions, reduce(), startNode()/endNode(), elementId(), namespaced functions, ...).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from rekg.graph.cypher.errors import CypherSyntaxError, UnsupportedFeature
from rekg.graph.cypher.lexer import Token, tokenize

MAX_HOPS = 30
EMPTY_NODE_TABLE = "NoMatchNode"
EMPTY_REL_TABLE = "NO_MATCH_REL"

KEYWORDS = {
    "MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "ORDER", "BY", "SKIP", "LIMIT", "UNION", "ALL",
    "DISTINCT", "AS", "AND", "OR", "XOR", "NOT", "IN", "IS", "NULL", "TRUE", "FALSE", "CASE", "WHEN", "THEN",
    "ELSE", "END", "ASC", "ASCENDING", "DESC", "DESCENDING", "STARTS", "ENDS", "CONTAINS", "CALL", "YIELD",
    "EXISTS", "COUNT", "COLLECT", "USE", "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH",
    "LOAD", "ON", "USING", "SHORTEST",
}
CLAUSE_END = {"WHERE", "RETURN", "WITH", "MATCH", "OPTIONAL", "UNWIND", "ORDER", "SKIP", "LIMIT", "UNION",
              "CALL", "USING", "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "USE"}
AFTER_WHERE_END = CLAUSE_END - {"WHERE"}
SUBQUERY_WORDS = {"EXISTS", "COUNT", "COLLECT", "CALL"}

RENAMES = {"type": "label", "tolower": "lower", "toupper": "upper", "tostring": "to_string",
           "tointeger": "to_int64", "tofloat": "to_double", "split": "string_split",
           "relationships": "rels", "toboolean": "to_bool"}
UNSUPPORTED_FUNCS = {
    "reduce": "reduce()", "startnode": "startNode()", "endnode": "endNode()", "elementid": "elementId()",
    "percentilecont": "percentileCont()", "percentiledisc": "percentileDisc()", "stdev": "stDev()",
    "stdevp": "stDevP()", "randomuuid": "randomUUID()", "point": "point()", "duration": "duration()",
    "datetime": "datetime()", "localdatetime": "localdatetime()", "time": "time()", "localtime": "localtime()",
    "isempty": "isEmpty()", "valuetype": "valueType()",
}
BIG = 2147483647


@dataclass
class Catalog:
    """What the embedded mirror holds: how Neo4j labels map to node tables, and the types."""

    node_tables: dict[str, list[str]]  # table -> the Neo4j labels of its nodes, e.g. SOE -> [Entity, Organization, SOE]
    rel_types: list[str]

    @property
    def all_tables(self) -> list[str]:
        return [t for t in self.node_tables if t != EMPTY_NODE_TABLE]

    def tables_with(self, label: str) -> set[str]:
        return {t for t, labs in self.node_tables.items() if label in labs}


# -- edits on a token list ------------------------------------------------------------------------


class Edits:
    """Replacements and insertions keyed by token index; rendering applies them all at once."""

    def __init__(self, toks: list[Token]):
        self.toks = toks
        self.prefix: dict[int, list] = {}
        self.suffix: dict[int, list] = {}
        self.wrap_pre: dict[int, str] = {}  # outermost: the parentheses around a MATCH's WHERE
        self.wrap_post: dict[int, str] = {}
        self.alias: dict[int, str] = {}  # rendered after every suffix (RETURN column names)
        self.trail: dict[int, str] = {}  # the whitespace that followed the token
        self.replace: dict[int, str | Callable[[], str]] = {}
        self._active: set[int] = set()  # ids of lazy prefixes being rendered (they repeat their own span)

    def pre(self, i: int, text) -> None:
        self.prefix.setdefault(i, []).append(text)

    def pre_outer(self, i: int, text) -> None:
        self.prefix.setdefault(i, []).insert(0, text)

    def post(self, i: int, text) -> None:
        self.suffix.setdefault(i, []).append(text)

    def sub(self, i: int, text) -> None:
        self.replace[i] = text

    def drop(self, i: int, j: int) -> None:
        for k in range(i, j + 1):
            self.replace[k] = ""

    def render(self, i: int = 0, j: int | None = None) -> str:
        j = len(self.toks) - 1 if j is None else j
        out = []
        for k in range(i, j + 1):
            out.append(self.wrap_pre.get(k, ""))
            for p in self.prefix.get(k, ()):
                if callable(p):
                    if id(p) in self._active:
                        continue
                    self._active.add(id(p))
                    try:
                        out.append(p())
                    finally:
                        self._active.discard(id(p))
                else:
                    out.append(p)
            r = self.replace.get(k)
            if r is None:
                out.append(self.toks[k].text)
            else:
                out.append(r() if callable(r) else r)
            for s in self.suffix.get(k, ()):
                out.append(s() if callable(s) else s)
            out.append(self.wrap_post.get(k, ""))
            out.append(self.alias.get(k, ""))
            out.append(self.trail.get(k, ""))
        return "".join(out)


# -- the translator ---------------------------------------------------------------------------------


@dataclass
class RelEl:
    first: int  # first arrow token
    last: int  # last arrow token
    lbr: int | None = None  # '[' index
    rbr: int | None = None
    var: str | None = None
    var_idx: int | None = None
    types: set[str] | None = None  # None: any type
    varlen: bool = False
    shortest: str | None = None  # 'SHORTEST' / 'ALL SHORTEST'


@dataclass
class Group:
    """The relationships of one MATCH (Neo4j's uniqueness scope) and where its WHERE goes."""

    rels: list[RelEl] = field(default_factory=list)
    section_end: int = -1  # last token of the pattern section
    where_start: int | None = None  # first token of the WHERE expression
    where_end: int | None = None


class Translator:
    def __init__(self, query: str, catalog: Catalog):
        self.query = query
        self.catalog = catalog
        self.toks = [t for t in tokenize(query) if t.kind not in ("ws", "comment")]
        # keep the whitespace: re-attach it as suffixes of the significant tokens
        self.ed = Edits(self.toks)
        self._spaces(query)
        self.n = len(self.toks)
        self.partner = self._partners()
        self.marked: set[int] = set()  # tokens that are pattern syntax (not expressions)
        self.varlen_vars: set[str] = set()
        self.counter = 0
        self.groups: list[Group] = []
        self.bound: set[str] = set()  # variables bound by patterns
        self.renamed: dict[str, str] = {}  # internal column name -> the column name the analyst wrote

    def _spaces(self, query: str) -> None:
        full = tokenize(query)
        sig_index = -1
        lead = []
        for t in full:
            if t.kind in ("ws", "comment"):
                text = " " if t.kind == "comment" else t.text
                if sig_index < 0:
                    lead.append(text)
                else:
                    self.ed.trail[sig_index] = self.ed.trail.get(sig_index, "") + text
            else:
                sig_index += 1
        self.lead = "".join(lead)

    def _partners(self) -> list[int]:
        partner = [-1] * len(self.toks)
        stack: list[int] = []
        pairs = {")": "(", "]": "[", "}": "{"}
        for i, t in enumerate(self.toks):
            if t.kind != "op":
                continue
            if t.text in "([{":
                stack.append(i)
            elif t.text in pairs:
                if not stack or self.toks[stack[-1]].text != pairs[t.text]:
                    raise CypherSyntaxError(f"unbalanced {t.text!r} at offset {t.start}")
                j = stack.pop()
                partner[i], partner[j] = j, i
        if stack:
            t = self.toks[stack[-1]]
            raise CypherSyntaxError(f"unclosed {t.text!r} at offset {t.start}")
        return partner

    # -- small helpers ----------------------------------------------------------------------------
    def t(self, i: int) -> Token | None:
        return self.toks[i] if 0 <= i < self.n else None

    def text(self, i: int) -> str:
        t = self.t(i)
        return t.text if t else ""

    def kw(self, i: int, *words: str) -> bool:
        t = self.t(i)
        if t and t.is_kw("WITH") and self.t(i - 1) and self.t(i - 1).is_kw("STARTS", "ENDS"):
            return "STARTS_WITH" in words  # the operator, not the clause
        return bool(t and t.is_kw(*words) and self.text(i - 1) != ".")

    def is_name(self, i: int) -> bool:
        t = self.t(i)
        return bool(t and (t.kind == "bq" or (t.kind == "ident" and t.text.upper() not in KEYWORDS)))

    def fresh(self, stem: str) -> str:
        self.counter += 1
        return f"_{stem}{self.counter}"

    def original(self, i: int, j: int) -> str:
        a, b = self.toks[i], self.toks[j]
        return self.query[a.start: b.start + len(b.text)]

    def section_end(self, i: int, stop: set[str]) -> int:
        """Index of the last token before the next clause word in `stop` at this bracket depth."""
        j = i
        last = i - 1
        while j < self.n:
            t = self.toks[j]
            if t.kind == "op" and t.text in "([{":
                last = self.partner[j]
                j = last + 1
                continue
            if t.kind == "op" and t.text in ")]};":
                break
            if t.kind == "ident" and t.text.upper() in stop and self.text(j - 1) != "." \
                    and not (t.text.upper() == "WITH" and self.t(j - 1) and self.t(j - 1).is_kw("STARTS", "ENDS")):
                break
            last = j
            j += 1
        return last

    # -- entry ---------------------------------------------------------------------------------------
    def run(self) -> str:
        self.patterns()
        self.return_aliases()
        self.with_order_by()
        self.uniqueness()
        self.expressions()
        return self.lead + self.ed.render()

    # -- RETURN column names and WITH ... ORDER BY ------------------------------------------------------
    def depth0(self) -> list[int]:
        out, i = [], 0
        while i < self.n:
            out.append(i)
            if self.text(i) in ("(", "[", "{") and self.toks[i].kind == "op":
                i = self.partner[i]
                out.append(i)
            i += 1
        return out

    def return_aliases(self) -> None:
        for i in self.depth0():
            if not self.kw(i, "RETURN"):
                continue
            start = i + 1
            if self.kw(start, "DISTINCT"):
                start += 1
            end = self.section_end(start, {"ORDER", "SKIP", "LIMIT", "UNION"})
            order_end = self.section_end(end + 1, {"SKIP", "LIMIT", "UNION"}) if self.kw(end + 1, "ORDER") else end
            for a, b in self.split_commas(start, end):
                if a == b and self.text(a) == "*":
                    continue
                if b - a >= 1 and self.kw(b - 1, "AS") and self.toks[b].kind in ("ident", "bq"):
                    alias = self.toks[b].name
                    if alias in self.bound and not (b - a == 2 and self.toks[a].name == alias):
                        # LadybugDB would read `ORDER BY alias` as the pattern variable: use another name inside
                        inner = f"__rekg_col{len(self.renamed)}"
                        self.renamed[inner] = alias
                        self.ed.sub(b, f"`{inner}`")
                        for k in range(end + 1, order_end + 1):
                            if self.toks[k].kind in ("ident", "bq") and self.toks[k].name == alias \
                                    and self.text(k - 1) != "." and self.text(k + 1) != ".":
                                self.ed.sub(k, f"`{inner}`")
                    continue
                name = self.original(a, b).replace("`", "``")
                self.ed.alias[b] = f" AS `{name}`"

    def split_commas(self, a: int, b: int) -> list[tuple[int, int]]:
        items, start, i = [], a, a
        while i <= b:
            t = self.toks[i]
            if t.kind == "op" and t.text in "([{":
                i = self.partner[i] + 1
                continue
            if t.kind == "op" and t.text == ",":
                items.append((start, i - 1))
                start = i + 1
            i += 1
        if start <= b:
            items.append((start, b))
        return items

    def with_order_by(self) -> None:
        for i in range(self.n):
            if not self.kw(i, "WITH"):
                continue
            end = self.section_end(i + 1, AFTER_WHERE_END - {"ORDER", "SKIP", "LIMIT"} | {"WHERE"})
            words = {self.text(k).upper() for k in range(i + 1, end + 1) if self.toks[k].kind == "ident"}
            if "ORDER" in words and not ({"SKIP", "LIMIT"} & words):
                self.ed.post(end, " SKIP 0")

    # -- patterns ------------------------------------------------------------------------------------
    def patterns(self) -> None:
        i = 0
        while i < self.n:
            if self.kw(i, "MATCH"):
                i = self.match_section(i + 1)
                continue
            if (self.kw(i, "EXISTS", "COUNT", "COLLECT") and self.text(i + 1) == "{"
                    and not self.kw(i + 2, "MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL")):
                # short form EXISTS { (a)-->(b) WHERE ... }: LadybugDB wants the MATCH
                self.ed.post(i + 1, " MATCH ")
                i = self.match_section(i + 2)
                continue
            if self.text(i) == "(" and self.toks[i].kind == "op" and i not in self.marked and not self.is_call(i):
                end = self.try_chain(i, Group(), expression=True)
                if end is not None:
                    i = end + 1
                    continue
            i += 1

    def is_call(self, i: int) -> bool:
        prev = self.t(i - 1)
        return bool(prev and (prev.kind == "bq" or (prev.kind == "ident" and prev.text.upper() not in KEYWORDS)))

    def match_section(self, i: int) -> int:
        end = self.section_end(i, CLAUSE_END)
        group = Group(section_end=end)
        j = i
        while j <= end:
            # [p =] [shortestPath(] chain [)]
            if self.is_name(j) and self.text(j + 1) == "=":
                self.marked.update({j, j + 1})
                self.bound.add(self.toks[j].name)
                j += 2
            shortest = None
            close = None
            if self.t(j) and self.t(j).kind == "ident" and self.t(j).text.lower() in ("shortestpath", "allshortestpaths") \
                    and self.text(j + 1) == "(":
                shortest = "ALL SHORTEST" if self.t(j).text.lower() == "allshortestpaths" else "SHORTEST"
                close = self.partner[j + 1]
                self.ed.sub(j, "")
                self.ed.sub(j + 1, "")
                self.ed.sub(close, "")
                self.marked.update({j, j + 1, close})
                j += 2
            if self.kw(j, "SHORTEST", "ANY", "ALL") or (self.t(j) and self.t(j).text.upper() == "ANY"):
                raise UnsupportedFeature("GQL path selectors (SHORTEST k, ANY, ALL SHORTEST)", "use shortestPath() / allShortestPaths()")
            if self.text(j) != "(":
                raise CypherSyntaxError(f"expected a pattern at offset {self.toks[j].start if j < self.n else len(self.query)}")
            last = self.try_chain(j, group, expression=False, shortest=shortest)
            if last is None:
                raise CypherSyntaxError(f"could not read the pattern at offset {self.toks[j].start}")
            j = (close if close is not None else last) + 1
            if j <= end and self.text(j) == ",":
                j += 1
                continue
            if j <= end:
                if self.text(j) in ("{", "+", "*"):
                    raise UnsupportedFeature("quantified path patterns", "write -[:TYPE*1..3]- instead")
                raise CypherSyntaxError(f"unexpected {self.text(j)!r} in a MATCH pattern at offset {self.toks[j].start}")
        if self.kw(end + 1, "WHERE"):
            group.where_start = end + 2
            group.where_end = self.section_end(end + 2, AFTER_WHERE_END)
        self.groups.append(group)
        return end + 1

    def try_chain(self, i: int, group: Group, expression: bool, shortest: str | None = None) -> int | None:
        """Read `(node) (rel (node))*` from i; return its last token index, or None if it is not a pattern."""
        nodes: list[tuple[int, int]] = []
        rels: list[RelEl] = []
        end = self.node_at(i)
        if end is None:
            return None
        nodes.append((i, end))
        j = end + 1
        while True:
            rel = self.rel_at(j)
            if rel is None:
                break
            nxt = rel.last + 1
            nend = self.node_at(nxt) if self.text(nxt) == "(" else None
            if nend is None:
                break
            rels.append(rel)
            nodes.append((nxt, nend))
            j = nend + 1
        if expression and not rels:
            return None
        for a, b in nodes:
            self.node_edit(a, b)
        for rel in rels:
            self.rel_edit(rel, shortest)
            group.rels.append(rel)
        return nodes[-1][1]

    def node_at(self, i: int) -> int | None:
        if self.text(i) != "(" or self.toks[i].kind != "op":
            return None
        close = self.partner[i]
        j = i + 1
        if self.is_name(j):
            j += 1
        if j == close:
            return close
        if self.text(j) in (":", "{", "$") or self.kw(j, "WHERE"):
            if self.text(j) == ":" and not (self.is_name(j + 1) or self.text(j + 1) in ("!", "(", "%")
                                             or (self.t(j + 1) and self.t(j + 1).kind == "ident")):
                return None
            return close
        return None

    def rel_at(self, i: int) -> RelEl | None:
        a = self.text(i)
        if a not in ("-", "<-"):
            return None
        b = self.text(i + 1)
        if b == "[":
            rbr = self.partner[i + 1]
            c = self.text(rbr + 1)
            if c not in ("-", "->"):
                return None
            return RelEl(first=i, last=rbr + 1, lbr=i + 1, rbr=rbr)
        if b in ("-", "->"):
            return RelEl(first=i, last=i + 1)
        return None

    def node_edit(self, a: int, b: int) -> None:
        self.marked.update({a, b})
        j = a + 1
        if self.is_name(j):
            self.marked.add(j)
            self.bound.add(self.toks[j].name)
            j += 1
        if self.text(j) == ":":
            k = j
            while k < b and not (self.text(k) == "{" or self.kw(k, "WHERE") or self.text(k) == "$"):
                k += 1
            label_end = k - 1
            tables = self.label_expr(j, label_end)
            self.marked.update(range(j, label_end + 1))
            self.ed.drop(j, label_end)
            self.ed.sub(j, self.table_text(tables))
            for kk in range(j, label_end + 1):  # keep a space before '{' / WHERE
                self.ed.trail.pop(kk, None)
            self.ed.post(label_end, " ")

    def table_text(self, tables: set[str]) -> str:
        if not tables:
            return f":{EMPTY_NODE_TABLE}"
        if tables >= set(self.catalog.all_tables):
            return ""
        return ":" + "|".join(sorted(tables))

    def label_expr(self, i: int, j: int) -> set[str]:
        """Evaluate the label expression in tokens i..j (starting at ':') to a set of tables."""
        toks = [self.toks[k] for k in range(i, j + 1)]
        pos = 0
        universe = set(self.catalog.all_tables)

        def peek():
            return toks[pos].text if pos < len(toks) else None

        def atom() -> set[str]:
            nonlocal pos
            t = toks[pos] if pos < len(toks) else None
            if t is None:
                raise CypherSyntaxError("incomplete label expression")
            if t.text == "!":
                pos += 1
                return universe - atom()
            if t.text == "%":
                pos += 1
                return set(universe)
            if t.text == "(":
                pos += 1
                s = disj()
                if peek() != ")":
                    raise CypherSyntaxError("unclosed ( in a label expression")
                pos += 1
                return s
            if t.kind in ("ident", "bq"):
                pos += 1
                return self.catalog.tables_with(t.name)
            raise CypherSyntaxError(f"unexpected {t.text!r} in a label expression")

        def conj() -> set[str]:
            nonlocal pos
            s = atom()
            while peek() in (":", "&"):
                pos += 1
                s = s & atom()
            return s

        def disj() -> set[str]:
            nonlocal pos
            s = conj()
            while peek() == "|":
                pos += 1
                if peek() == ":":
                    pos += 1
                s = s | conj()
            return s

        if peek() == ":":
            pos += 1
        result = disj()
        if pos != len(toks):
            raise CypherSyntaxError(f"unexpected {toks[pos].text!r} in a label expression")
        return result

    def rel_edit(self, rel: RelEl, shortest: str | None) -> None:
        self.marked.update(range(rel.first, rel.last + 1) if rel.lbr is None else
                           {rel.first, rel.lbr, rel.rbr, rel.last})
        if rel.lbr is None:
            return
        j = rel.lbr + 1
        if self.is_name(j):
            rel.var, rel.var_idx = self.toks[j].name, j
            self.bound.add(rel.var)
            self.marked.add(j)
            j += 1
        if self.text(j) == ":":
            k = j
            while k < rel.rbr and self.text(k) not in ("*", "{", "$") and not self.kw(k, "WHERE"):
                k += 1
            rel.types = self.type_expr(j, k - 1)
            self.marked.update(range(j, k))
            self.ed.drop(j, k - 1)
            for kk in range(j, k):
                self.ed.trail.pop(kk, None)
            names = sorted(rel.types) or [EMPTY_REL_TABLE]
            self.ed.sub(j, ":" + "|".join(names) + " ")
            j = k
        if self.text(j) == "*":
            rel.varlen = True
            k = j + 1
            lo = hi = None
            dots = False
            while k < rel.rbr and (self.toks[k].kind == "num" or self.text(k) == ".."):
                if self.text(k) == "..":
                    dots = True
                elif dots:
                    hi = int(self.text(k))
                else:
                    lo = int(self.text(k))
                k += 1
            if not dots and lo is not None:
                hi = lo
            lo = 1 if lo is None else lo
            hi = MAX_HOPS if hi is None else hi
            if hi > MAX_HOPS:
                raise UnsupportedFeature(f"variable-length relationships longer than {MAX_HOPS} hops", f"*{lo}..{hi}")
            if shortest:
                rel.shortest = shortest
                lo = max(lo, 1)
            self.marked.update(range(j, k))
            self.ed.drop(j, k - 1)
            for kk in range(j, k):
                self.ed.trail.pop(kk, None)
            self.ed.sub(j, f"*{' ' + shortest + ' ' if shortest else ''}{lo}..{hi} ")
            if rel.var and not shortest:
                self.varlen_vars.add(rel.var)
        elif shortest:
            raise CypherSyntaxError("shortestPath() needs a variable-length relationship, e.g. -[*..5]-")

    def type_expr(self, i: int, j: int) -> set[str]:
        names, negate = set(), False
        known = set(self.catalog.rel_types)
        for k in range(i, j + 1):
            t = self.toks[k]
            if t.kind in ("ident", "bq"):
                names.add(t.name)
            elif t.text == "!":
                negate = True
            elif t.text not in (":", "|"):
                raise UnsupportedFeature("this relationship type expression", self.original(i, j))
        if negate:
            if len(names) != 1:
                raise UnsupportedFeature("this relationship type expression", self.original(i, j))
            return known - names
        return names & known

    # -- relationship uniqueness ----------------------------------------------------------------------
    def ensure_var(self, rel: RelEl) -> str:
        if rel.var:
            return rel.var
        name = self.fresh("r")
        rel.var = name
        if rel.lbr is not None:
            self.ed.post(rel.lbr, name)
        else:  # --  -->  <--  : give it brackets
            self.ed.post(rel.first, f"[{name}]")
        return name

    def uniqueness(self) -> None:
        for g in self.groups:
            conds = []
            rels = [r for r in g.rels if not r.shortest]
            for k, r in enumerate(rels):
                if r.varlen:
                    conds.append(f"is_trail({self.ensure_var(r)})")
                for r2 in rels[k + 1:]:
                    if r.types is not None and r2.types is not None and not (r.types & r2.types):
                        continue
                    v1, v2 = self.ensure_var(r), self.ensure_var(r2)
                    if not r.varlen and not r2.varlen:
                        conds.append(f"{v1} <> {v2}")
                    elif r.varlen and r2.varlen:
                        conds.append(f"none(_u IN rels({v1}) WHERE any(_w IN rels({v2}) WHERE _u = _w))")
                    else:
                        vl, fx = (v1, v2) if r.varlen else (v2, v1)
                        conds.append(f"none(_u IN rels({vl}) WHERE _u = {fx})")
            if not conds:
                continue
            cond = " AND ".join(conds)
            if g.where_start is not None:
                self.ed.wrap_pre[g.where_start] = "(" + self.ed.wrap_pre.get(g.where_start, "")
                self.ed.wrap_post[g.where_end] = self.ed.wrap_post.get(g.where_end, "") + f") AND {cond} "
            else:
                self.ed.post(g.section_end, f" WHERE {cond} ")

    # -- expressions ---------------------------------------------------------------------------------
    def expressions(self) -> None:
        brace_kinds: dict[int, str] = {}
        for i in range(self.n):
            if self.text(i) == "{" and self.toks[i].kind == "op":
                brace_kinds[i] = "sub" if self.kw(i - 1, *SUBQUERY_WORDS) else "map"
        open_stack: list[int] = []
        for i in range(self.n):
            t = self.toks[i]
            if t.kind == "op" and t.text in "([{":
                open_stack.append(i)
            elif t.kind == "op" and t.text in ")]}":
                if open_stack:
                    open_stack.pop()
            if i in self.marked:
                continue
            if t.kind == "ident" and t.text.upper() == "CALL" and self.text(i - 1) != ".":
                raise UnsupportedFeature("CALL (procedures and subqueries)")
            if t.kind == "op" and t.text == "=~":
                self.regex(i)
            elif t.kind == "op" and t.text == "[":
                self.bracket(i)
            elif t.kind == "op" and t.text == "{" and brace_kinds.get(i) == "map" and self.is_name(i - 1) \
                    and (i - 1) not in self.marked and self.text(i - 2) != ":":
                raise UnsupportedFeature("map projections", f"{self.toks[i - 1].text}{{...}}: return the properties one by one")
            elif t.kind == "ident" and self.text(i + 1) == "(" and self.text(i - 1) != "." and t.text.upper() not in KEYWORDS - {"EXISTS", "COUNT", "COLLECT"}:
                self.function(i)
            elif t.kind == "ident" and self.text(i + 1) == "." and self.text(i - 1) != "." and self.namespaced(i):
                raise UnsupportedFeature("namespaced functions and procedures", self.namespaced(i) + "()")
            elif (t.kind in ("ident", "bq") and self.text(i + 1) == ":" and self.is_name(i)
                  and not (self.text(i - 1) in ("{", ",") and open_stack and brace_kinds.get(open_stack[-1]) == "map")
                  and self.text(i + 2) != ":"):
                self.label_predicate(i)
            elif t.kind in ("ident", "bq") and t.name in self.varlen_vars and self.text(i - 1) not in (".", "$") \
                    and self.text(i + 1) != "." and not self.kw(i - 1, "AS"):
                self.ed.sub(i, f"rels({t.text})")

    def namespaced(self, i: int) -> str | None:
        """`a.b.c` when tokens from i read `a.b.c(` (a namespaced function call), else None."""
        parts, k = [self.text(i)], i
        while self.text(k + 1) == "." and self.t(k + 2) and self.t(k + 2).kind == "ident":
            k += 2
            parts.append(self.text(k))
        return ".".join(parts) if len(parts) > 1 and self.text(k + 1) == "(" else None

    def label_predicate(self, i: int) -> None:
        k = i + 1  # at ':'
        end = i
        while self.text(k) in (":", "|", "&"):
            m = k + 1
            while self.text(m) == "!":
                m += 1
            if not (self.text(m) == "%" or (self.t(m) and self.t(m).kind in ("ident", "bq"))):
                break
            end = m
            k = m + 1
        if end == i:
            return
        tables = self.label_expr(i + 1, end)
        self.marked.update(range(i, end + 1))
        var = self.toks[i].text
        names = ", ".join(f"'{t}'" for t in sorted(tables))
        self.ed.sub(i, f"(label({var}) IN [{names}])" if tables else "false")
        for kk in range(i + 1, end + 1):
            self.ed.sub(kk, "")
        for kk in range(i, end):
            self.ed.trail.pop(kk, None)

    def operand_back(self, i: int) -> int:
        """Start index of the postfix expression that ends at token i."""
        j = i
        while True:
            t = self.toks[j]
            if t.kind == "op" and t.text in ")]":
                j = self.partner[j]
                if self.t(j - 1) and self.t(j - 1).kind in ("ident", "bq") and self.text(j) == "(":
                    j -= 1
            if self.text(j - 1) == "." and j - 2 >= 0:
                j -= 2
                continue
            if self.text(j) == "[" and self.t(j - 1) and (self.t(j - 1).kind in ("ident", "bq", "param") or self.text(j - 1) in (")", "]")):
                j -= 1
                continue
            return j

    def operand_fwd(self, i: int) -> int:
        """End index of the postfix expression that starts at token i."""
        j = i
        if self.text(j) in ("-", "+") and self.toks[j].kind == "op":
            j += 1
        while True:
            t = self.toks[j]
            if t.kind in ("ident", "bq") and self.text(j + 1) == "(":
                j = self.partner[j + 1]
            elif t.kind == "op" and t.text in "([{":
                j = self.partner[j]
            if self.text(j + 1) == "." and self.t(j + 2) and self.t(j + 2).kind in ("ident", "bq"):
                j += 2
                continue
            if self.text(j + 1) == "[":
                j = self.partner[j + 1]
                continue
            return j

    def regex(self, i: int) -> None:
        a = self.operand_back(i - 1)
        b = self.operand_fwd(i + 1)
        self.ed.pre_outer(a, "regexp_full_match(")
        self.ed.sub(i, ",")
        self.ed.trail.pop(i - 1, None)
        self.ed.post(b, ")")

    def bracket(self, i: int) -> None:
        close = self.partner[i]
        prev = self.t(i - 1)
        subscript = prev is not None and (prev.kind in ("bq", "param") or prev.text in (")", "]")
                                          or (prev.kind == "ident" and prev.text.upper() not in KEYWORDS))
        if subscript:
            dots = [k for k in range(i + 1, close) if self.text(k) == ".." and self.depth_between(i, k) == 0]
            if dots:
                d = dots[0]
                if d == i + 1:
                    self.ed.sub(d, "1:")
                else:
                    self.ed.pre_outer(i + 1, "(")
                    self.ed.sub(d, ")+1:")
                if d == close - 1:
                    self.ed.post(d, str(BIG))
                return
            if self.t(i + 1) and self.toks[i + 1].kind == "str":
                return  # map['key']
            start = self.operand_back(i - 1)
            literal = close == i + 2 and self.toks[i + 1].kind == "num"
            negative = close == i + 3 and self.text(i + 1) == "-" and self.toks[i + 2].kind == "num"
            if self.text(start).lower() in ("nodes", "rels", "relationships"):
                # lists of nodes / relationships: plain 1-based subscript (an error, not null, past the end)
                if literal:
                    self.ed.sub(i + 1, str(int(self.text(i + 1)) + 1))
                elif not negative:
                    self.ed.pre_outer(i + 1, "(")
                    self.ed.pre(close, ")+1")
                return
            # 0-based -> 1-based, and null (not an error) past the end, as on Neo4j
            self.ed.pre_outer(start, "list_min(list_slice(")
            if literal or negative:
                k = int(self.text(i + 1)) + 1 if literal else -int(self.text(i + 2))
                self.ed.sub(i, ", ")
                for m in range(i + 1, close):
                    self.ed.sub(m, "")
                self.ed.sub(close, f"{k}, {k}))")
            else:
                span = lambda: self.ed.render(i + 1, close - 1)  # noqa: E731
                one = lambda: f"CASE WHEN ({span()}) < 0 THEN ({span()}) ELSE ({span()})+1 END"  # noqa: E731
                self.ed.sub(i, ", CASE WHEN (")
                self.ed.sub(close, lambda: f") < 0 THEN ({span()}) ELSE ({span()})+1 END, {one()}))")
            return
        # a list literal, a list comprehension or a pattern comprehension
        j = i + 1
        if self.text(j) == "(" or (self.is_name(j) and self.text(j + 1) == "=" and self.text(j + 2) == "("):
            k = j + 2 if self.text(j) != "(" else j
            if self.node_at(k) is not None and self.rel_at(self.partner[k] + 1) is not None:
                raise UnsupportedFeature("pattern comprehensions", "[(a)-->(b) | b.name]: use OPTIONAL MATCH and collect()")
        if self.is_name(j) and self.kw(j + 1, "IN"):
            var = self.toks[j].text
            where = bar = None
            k = j + 2
            while k < close:
                if self.text(k) in ("(", "[", "{") and self.toks[k].kind == "op":
                    k = self.partner[k] + 1
                    continue
                if self.kw(k, "WHERE") and where is None and bar is None:
                    where = k
                elif self.text(k) == "|" and bar is None:
                    bar = k
                k += 1
            self.marked.update({j, j + 1})
            if where is None and bar is None:
                return  # [x IN list]: a list of one boolean in both dialects
            if where is not None and bar is not None:
                self.ed.sub(i, "list_transform(list_filter(")
                self.ed.sub(where, f", {var} ->")
                self.ed.sub(bar, f"), {var} ->")
            elif where is not None:
                self.ed.sub(i, "list_filter(")
                self.ed.sub(where, f", {var} ->")
            else:
                self.ed.sub(i, "list_transform(")
                self.ed.sub(bar, f", {var} ->")
            self.ed.sub(j, "")
            self.ed.sub(j + 1, "")
            self.ed.trail.pop(j, None)
            self.ed.sub(close, ")")

    def depth_between(self, i: int, k: int) -> int:
        d = 0
        for m in range(i + 1, k):
            if self.toks[m].kind == "op":
                if self.text(m) in "([{":
                    d += 1
                elif self.text(m) in ")]}":
                    d -= 1
        return d

    def args(self, open_idx: int) -> list[tuple[int, int]]:
        close = self.partner[open_idx]
        if close == open_idx + 1:
            return []
        return self.split_commas(open_idx + 1, close - 1)

    def function(self, i: int) -> None:
        name = self.toks[i].text.lower()
        op = i + 1
        close = self.partner[op]
        if name in UNSUPPORTED_FUNCS:
            raise UnsupportedFeature(UNSUPPORTED_FUNCS[name])
        if name in RENAMES:
            self.ed.sub(i, RENAMES[name])
            return
        args = self.args(op)
        if name == "labels" and len(args) == 1:
            self.ed.sub(i, "CASE label")
            whens = " ".join(f"WHEN '{t}' THEN [{', '.join(repr(lab) for lab in labs)}]"
                             for t, labs in self.catalog.node_tables.items() if labs)
            self.ed.post(close, f" {whens} END")
        elif name in ("head", "last") and len(args) == 1:
            a, b = args[0]
            k = "1" if name == "head" else "-1"
            if self.text(a).lower() in ("nodes", "rels", "relationships"):
                self.ed.sub(i, "")
                self.ed.sub(op, "")
                self.ed.sub(close, f"[{k}]")
            else:
                self.ed.sub(i, "list_min(list_slice")
                self.ed.pre(close, f", {k}, {k}")
                self.ed.post(close, ")")
        elif name == "tail" and len(args) == 1:
            self.ed.sub(i, "list_slice")
            self.ed.pre(close, f", 2, {BIG}")
        elif name == "substring" and len(args) in (2, 3):
            a, b = args[1]
            self.ed.pre_outer(a, "(")
            self.ed.post(b, ")+1")
            if len(args) == 2:
                self.ed.pre(close, f", {BIG}")
        elif name == "exists" and len(args) == 1:
            a, b = args[0]
            if self.text(a) == "(" and self.node_at(a) is not None and self.rel_at(self.partner[a] + 1) is not None:
                self.ed.sub(i, "EXISTS")
                self.ed.sub(op, "{ MATCH ")
                self.ed.sub(close, " }")
            else:
                self.ed.sub(i, "")
                self.ed.post(close, " IS NOT NULL")
        elif name == "size" and len(args) == 1:
            a, b = args[0]
            if self.text(a) == "(" and self.node_at(a) is not None and self.rel_at(self.partner[a] + 1) is not None:
                raise UnsupportedFeature("size() of a pattern", "Neo4j 5 also rejects it: use COUNT { MATCH ... }")


def translate(query: str, catalog: Catalog) -> str:
    """The LadybugDB text for a Neo4j-style read query (raises UnsupportedFeature / CypherSyntaxError)."""
    return Translator(query, catalog).run()


def translate_with_columns(query: str, catalog: Catalog) -> tuple[str, dict[str, str]]:
    """The LadybugDB text, and the result columns to rename back to what the analyst wrote."""
    tr = Translator(query, catalog)
    text = tr.run()
    return text, tr.renamed
