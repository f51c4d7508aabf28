"""Writing terms into SPARQL text: ``$name`` constants and ``VALUES`` blocks.

Only IRIs and literals are written, in N-Triples syntax after rdflib has checked them (an IRI
rdflib cannot write, a blank node or a bad variable name is a :class:`QueryError`): terms diplograph
resolved or read from the store (``inline``, ``with_values``), and bound values
(``inject_values``: a VALUES block, the SPARQL way to bind, for servers and the embedded store).
Raw user text is never spliced into a query.

>>> with_values("SELECT ?e { VALUES ?e {} }", "e", ["http://example.org/e"])
'SELECT ?e { VALUES ?e { <http://example.org/e> } }'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from diplograph.graph.error import QueryError
from diplograph.graph.lexer import QUERY_FORMS, Token, closing_brace, tokens

_DOLLAR = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def _term(value: Identifier) -> str:
    if not isinstance(value, URIRef | Literal):
        raise QueryError(f"cannot write {value!r} into a query: not an IRI or a literal")
    try:
        return value.n3()
    except Exception as error:  # rdflib raises a bare Exception for an IRI it cannot write
        raise QueryError(f"cannot write {value!r} into a query: {error}") from error


_OPTIONAL = "# optional"


def inline(text: str, constants: Mapping[str, Identifier]) -> str:
    """``text`` with each ``$name`` of ``constants`` written as that term (N-Triples syntax).

    Only for terms diplograph minted (IRIs it resolved, dates it formatted): never user text.
    A line ending with ``# optional`` is left out when it names a ``$name`` not given (a filter
    that only applies to some lookups, such as a period).

    >>> inline("SELECT ?e { ?e ?p $a }", {"a": URIRef("http://example.org/a")})
    'SELECT ?e { ?e ?p <http://example.org/a> }'
    >>> inline("SELECT ?e {\\n ?e ?p ?o\\n FILTER(?o > $x) # optional\\n}", {})
    'SELECT ?e {\\n ?e ?p ?o\\n}'
    """
    written = {name: _term(value) for name, value in constants.items()}
    if _OPTIONAL in text:
        text = "\n".join(
            line
            for line in text.split("\n")
            if not line.rstrip().endswith(_OPTIONAL) or all(name in written for name in _DOLLAR.findall(line))
        )

    def replace(match: re.Match[str]) -> str:
        return written.get(match.group(1), match.group(0))

    return _DOLLAR.sub(replace, text)


def with_values(text: str, name: str, iris: Iterable[str]) -> str:
    """``text`` with every ``VALUES ?name {}`` block holding the IRIs ``iris``.

    >>> with_values("SELECT ?event { VALUES ?event {} }", "event", ["http://example.org/e"])
    'SELECT ?event { VALUES ?event { <http://example.org/e> } }'
    """
    empty = f"VALUES ?{name} {{}}"
    if empty not in text:
        raise QueryError(f"the query has no {empty!r} block")
    block = f"VALUES ?{name} {{ " + " ".join(_term(URIRef(i)) for i in iris) + " }"
    return text.replace(empty, block)


_VARNAME = re.compile(r"^[A-Za-z0-9_\u00B7-\uFFFF]+$")


def _values_block(bindings: Mapping[str, Identifier]) -> str:
    for name in bindings:
        if not _VARNAME.match(name):
            raise QueryError(f"not a SPARQL variable name: {name!r}")
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(_term(term) for term in bindings.values())  # IRIs and literals only
    return f"VALUES ({names}) {{ ({terms}) }}"


def _matching(toks: list[Token], open_index: int) -> int:
    closing = closing_brace(toks, open_index)
    if closing is None:
        raise QueryError("unbalanced braces in the query")
    return closing


def inject_values(sparql: str, bindings: Mapping[str, Identifier] | None) -> str:
    """The query with ``bindings`` as a VALUES block opening its outermost WHERE group.

    Strings, IRIs and comments are skipped when looking for the group, so a ``{`` inside a
    literal does not mislead it. A group that is a sub-SELECT is wrapped in a new group.
    ``CONSTRUCT WHERE {...}`` and ``DESCRIBE`` without a group get a trailing VALUES clause.

    Raises:
        QueryError: the text is not a query, or a binding cannot be written.
    """
    if not bindings:
        return sparql
    block = _values_block(bindings)
    toks = list(tokens(sparql))
    form_at = next(
        (i for i, t in enumerate(toks) if t.kind == "word" and t.text.upper() in QUERY_FORMS), None
    )
    if form_at is None:
        raise QueryError("bindings apply to SELECT, ASK, CONSTRUCT or DESCRIBE queries only")
    position = form_at + 1
    form = toks[form_at].text.upper()
    if form == "CONSTRUCT" and position < len(toks) and toks[position].is_keyword("WHERE"):
        return f"{sparql.rstrip()}\n{block}\n"
    if form == "CONSTRUCT" and position < len(toks) and toks[position].text == "{":
        position = _matching(toks, position) + 1
    open_at = next(
        (i for i in range(position, len(toks)) if toks[i].kind == "punct" and toks[i].text == "{"), None
    )
    if open_at is None:
        return f"{sparql.rstrip()}\n{block}\n"
    close_at = _matching(toks, open_at)
    after = toks[open_at].end
    if open_at + 1 < close_at and toks[open_at + 1].is_keyword("SELECT"):
        before = toks[close_at].start
        return f"{sparql[:after]} {block} {{{sparql[after:before]}}}{sparql[before:]}"
    return f"{sparql[:after]} {block}{sparql[after:]}"
