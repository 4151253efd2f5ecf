"""The search language: words, "phrases", prefix*, AND / OR / NOT and parentheses.

A query is parsed once into a small tree, then compiled for SQLite FTS5 or
for PostgreSQL `to_tsquery`, so both databases answer the same question.
Adjacent words are joined by AND. Words are turned into index terms
(`analysis.term`), so «коррупции» finds «коррупция» on either engine.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from accord.documents.search.analysis import TOKEN, terms, terms_of_pieces


class QueryError(ValueError):
    """The query cannot be understood; the message says where."""


@dataclass(frozen=True)
class Term:
    value: str  # an index term, or a raw-word prefix when `prefix`
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    terms: tuple[str, ...]


@dataclass
class Not:
    child: object


@dataclass
class And:
    children: list = field(default_factory=list)


@dataclass
class Or:
    children: list = field(default_factory=list)


_MINUS_PHRASE = re.compile(r'(^|[\s(])-"')
_TOKENS = re.compile(r'"[^"]*"?|\(|\)|[^\s()"]+')


def parse(text: str):
    """The tree of a query, or None when it has no words at all."""
    # «-"рабочий визит"» excludes a phrase as «-визит» excludes a word.
    tokens = _TOKENS.findall(_MINUS_PHRASE.sub(r'\1NOT "', text or ""))
    position = 0
    # Terms of every plain word, read in context (a surname after a given name).
    plain = [t for t in tokens if t not in ("AND", "OR", "NOT", "(", ")") and not t.startswith('"')]
    token_terms = dict(zip(range(len(plain)), terms_of_pieces([t.lstrip("-") for t in plain]), strict=True))
    plain_index = {}
    counter = 0
    for index, token in enumerate(tokens):
        if token not in ("AND", "OR", "NOT", "(", ")") and not token.startswith('"'):
            plain_index[index] = counter
            counter += 1

    def peek():
        return tokens[position] if position < len(tokens) else None

    def take():
        nonlocal position
        position += 1
        return tokens[position - 1]

    def parse_or():
        children = [parse_and()]
        while peek() == "OR":
            take()
            children.append(parse_and())
        children = [c for c in children if c is not None]
        if not children:
            return None
        return children[0] if len(children) == 1 else Or(children)

    def parse_and():
        children = []
        while (token := peek()) is not None and token not in ("OR", ")"):
            if token == "AND":
                take()
                continue
            children.append(parse_unary())
        children = [c for c in children if c is not None]
        if not children:
            return None
        return children[0] if len(children) == 1 else And(children)

    def parse_unary():
        index = position
        token = take()
        if token == "NOT" or (token.startswith("-") and len(token) > 1):
            if token == "NOT" and peek() is None:
                raise QueryError(_("NOT must be followed by what to exclude."))
            child = parse_unary() if token == "NOT" else atom(token[1:], index)
            if child is None:
                raise QueryError(_("NOT must be followed by what to exclude."))
            # «NOT NOT x» is x: an exclusion always stands beside what it narrows.
            return child.child if isinstance(child, Not) else Not(child)
        if token == "(":
            inner = parse_or()
            if peek() != ")":
                raise QueryError(_("A parenthesis is not closed."))
            take()
            return inner
        return atom(token, index)

    def atom(token: str, index: int):
        if token.startswith('"'):
            items = tuple(terms(token.strip('"')))
            if not items:
                return None
            return Phrase(items) if len(items) > 1 else Term(items[0])
        if token.endswith("*") and TOKEN.fullmatch(token.rstrip("*")):
            # A prefix of the dictionary form: «корруп*» finds «коррупция», «коррупционный».
            stem = token.rstrip("*").lower().replace("ё", "е")
            return Term(stem, prefix=True) if len(stem) >= 2 else None
        parts = token_terms.get(plain_index.get(index), [])
        if not parts:
            return None
        return Term(parts[0]) if len(parts) == 1 else Phrase(tuple(parts))

    tree = parse_or()
    if position < len(tokens):
        raise QueryError(_("Unexpected “%(token)s” in the query.") % {"token": tokens[position]})
    _check_exclusions(tree)
    return tree


def _check_exclusions(node, parent=None) -> None:
    """Every NOT narrows something beside it in an AND: the one form both engines can answer.

    SQLite FTS5 has only a binary «a NOT b», so «NOT a», «a OR NOT b» and «(NOT a NOT b) OR c»
    are refused here, for PostgreSQL too, rather than failing in the database.
    """
    if isinstance(node, Not):
        if not isinstance(parent, And):
            raise QueryError(_("A query cannot consist only of exclusions (NOT)."))
        _check_exclusions(node.child, node)
    elif isinstance(node, (And, Or)):
        if isinstance(node, And) and all(isinstance(c, Not) for c in node.children):
            raise QueryError(_("A query cannot consist only of exclusions (NOT)."))
        for child in node.children:
            _check_exclusions(child, node)


def positive_terms(tree) -> tuple[set[str], set[str]]:
    """Terms and prefixes a matching document contains: what snippets highlight."""
    found, prefixes = set(), set()

    def walk(node):
        if isinstance(node, Term):
            (prefixes if node.prefix else found).add(node.value)
        elif isinstance(node, Phrase):
            found.update(node.terms)
        elif isinstance(node, (And, Or)):
            for child in node.children:
                walk(child)

    walk(tree)
    return found, prefixes


# ---- SQLite FTS5 ------------------------------------------------------------


def _fts_quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def to_fts5(node) -> str:
    if isinstance(node, Term):
        if node.prefix:
            return "{title_terms body_terms} : " + _fts_quote(node.value) + " *"
        return "{title_terms body_terms} : " + _fts_quote(node.value)
    if isinstance(node, Phrase):
        return "{title_terms body_terms} : " + _fts_quote(" ".join(node.terms))
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(c) for c in node.children) + ")"
    if isinstance(node, And):
        positive = [c for c in node.children if not isinstance(c, Not)]
        negative = [c.child for c in node.children if isinstance(c, Not)]
        text = "(" + " AND ".join(to_fts5(c) for c in positive) + ")"
        if negative:
            text += " NOT (" + " OR ".join(to_fts5(c) for c in negative) + ")"
        return text
    raise QueryError(_("A query cannot consist only of exclusions (NOT)."))


# ---- PostgreSQL tsquery -----------------------------------------------------


def _ts_quote(value: str) -> str:
    return "'" + value.replace("'", "''").replace("\\", "\\\\") + "'"


def to_tsquery(node) -> str:
    if isinstance(node, Term):
        # No weight labels: every lexeme is in the title (A) or the body (B), and an
        # unlabelled term lets the GIN index answer without rechecking each row.
        return f"{_ts_quote(node.value)}:*" if node.prefix else _ts_quote(node.value)
    if isinstance(node, Phrase):
        return "(" + " <-> ".join(_ts_quote(t) for t in node.terms) + ")"
    if isinstance(node, Or):
        return "(" + " | ".join(to_tsquery(c) for c in node.children) + ")"
    if isinstance(node, And):
        return "(" + " & ".join(to_tsquery(c) for c in node.children) + ")"
    if isinstance(node, Not):
        return "!" + to_tsquery(node.child)
    raise QueryError(_("The query could not be understood."))
