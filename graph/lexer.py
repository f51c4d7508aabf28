"""A SPARQL lexer: the tokens of a query text, with strings, IRIs and comments kept whole.

Enough of the SPARQL 1.1 grammar to answer questions about a query *without* being fooled by
its data: which operation it is (SELECT, ASK, ... or an update), whether it has a ``SERVICE``
clause, and where its outermost ``WHERE`` group opens. A keyword inside a string literal, an
IRI, a comment or a prefixed name is not a keyword.

>>> [t.text for t in tokens('ASK { ?s <urn:x:SERVICE> "SERVICE" } # SERVICE')]
['ASK', '{', '?s', '<urn:x:SERVICE>', '"SERVICE"', '}']
>>> shape_of('PREFIX s: <urn:s:> SELECT * { SeRvIcE <http://x/> { ?a ?b ?c } }').has_service
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

TokenKind = Literal["iri", "string", "var", "word", "pname", "number", "punct"]

QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"})
UPDATE_OPERATIONS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)

_PN_CHARS = r"A-Za-z0-9_\-\u00B7-\uFFFF"
_SCANNER = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
       |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][PN.]*)?:(?:[PN:.%\\]|%[0-9A-Fa-f]{2})*|_:[PN.]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
  | (?P<punct>\^\^|\|\||&&|!=|<=|>=|.)
    """.replace("PN", _PN_CHARS),
    re.VERBOSE | re.DOTALL,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class Token:
    """One token: its kind, its text, and where it sits in the query text."""

    kind: TokenKind
    text: str
    start: int
    end: int

    def is_keyword(self, *words: str) -> bool:
        """Whether this is one of the keywords (case-insensitive).

        >>> next(tokens("select")).is_keyword("SELECT")
        True
        """
        return self.kind == "word" and self.text.upper() in words


def unescape_codepoints(text: str) -> str:
    """Apply SPARQL's ``\\uXXXX`` / ``\\UXXXXXXXX`` escapes, which may appear anywhere in a query.

    >>> unescape_codepoints(r"\\u0053ERVICE")
    'SERVICE'
    """

    def replace(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _CODEPOINT.sub(replace, text)


def tokens(text: str) -> Iterator[Token]:
    """The tokens of a SPARQL text, skipping whitespace and comments.

    A prefixed name (``ex:service``) stays one ``pname`` token, a trailing ``.`` is not part of it.

    >>> [(t.kind, t.text) for t in tokens("?x ex:a. 'it''s'")][:3]
    [('var', '?x'), ('pname', 'ex:a'), ('punct', '.')]
    """
    position = 0
    length = len(text)
    while position < length:
        match = _SCANNER.match(text, position)
        assert match is not None  # the last alternative matches any character
        kind = match.lastgroup
        start, end = match.span()
        if kind == "pname":
            while end > start + 1 and text[end - 1] == ".":
                end -= 1
        position = end
        if kind in {"space", "comment"}:
            continue
        assert kind is not None
        yield Token(kind, text[start:end], start, end)  # type: ignore[arg-type]


def closing_brace(toks: list[Token], opening: int) -> int | None:
    """The index of the ``}`` closing the ``{`` at ``opening`` (``None`` if it is never closed).

    >>> closing_brace(list(tokens("{ ?s ?p '}' . { } } x")), 0)  # the string's brace does not count
    7
    """
    depth = 0
    for index in range(opening, len(toks)):
        if toks[index].kind == "punct" and toks[index].text in "{}":
            depth += 1 if toks[index].text == "{" else -1
            if depth == 0:
                return index
    return None


@dataclass(frozen=True)
class QueryShape:
    """What a SPARQL text is: its operation keywords and the features the server polices."""

    form: str | None
    """``SELECT``, ``CONSTRUCT``, ``ASK`` or ``DESCRIBE`` for a query; ``None`` for anything else."""
    operations: frozenset[str] = field(default_factory=frozenset)
    """Update operations named anywhere at the top level (INSERT, LOAD, DROP, ...)."""
    has_service: bool = False
    """Whether a ``SERVICE`` keyword appears (federation)."""

    @property
    def is_update(self) -> bool:
        """Whether the text is a SPARQL Update request."""
        return self.form is None and bool(self.operations)


def shape_of(text: str) -> QueryShape:
    """Classify a SPARQL text (after applying codepoint escapes, as a SPARQL parser would).

    >>> shape_of('INSERT DATA { <urn:a> <urn:b> "SELECT" }').operations
    frozenset({'INSERT'})
    >>> shape_of('SELECT ?service WHERE { ?service <urn:p> "SERVICE" }').has_service
    False
    """
    form: str | None = None
    first: str | None = None
    operations: set[str] = set()
    has_service = False
    depth = 0
    expecting_prologue_part = 0
    for token in tokens(unescape_codepoints(text)):
        if token.kind == "punct":
            depth += {"{": 1, "}": -1}.get(token.text, 0)
            continue
        if expecting_prologue_part:
            expecting_prologue_part -= 1
            continue
        if token.kind != "word":
            continue
        word = token.text.upper()
        if word == "SERVICE":
            has_service = True
        if depth != 0:
            continue
        if word in {"PREFIX", "BASE"} and first is None:
            expecting_prologue_part = 2 if word == "PREFIX" else 1
            continue
        if first is None:
            first = word
            if word in QUERY_FORMS:
                form = word
        if form is None and word in UPDATE_OPERATIONS:
            operations.add(word)
    return QueryShape(form=form, operations=frozenset(operations), has_service=has_service)
