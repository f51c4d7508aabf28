"""Writing terms diplograph minted into SPARQL text: ``$name`` constants and ``VALUES`` blocks.

Only for IRIs and literals diplograph resolved or read from the store (actor and dyad IRIs, dates,
event IRIs), written in N-Triples syntax after rdflib has checked them: never user text, which
reaches queries only as engine bindings.

>>> with_values("SELECT ?e { VALUES ?e {} }", "e", ["http://example.org/e"])
'SELECT ?e { VALUES ?e { <http://example.org/e> } }'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from diplograph.graph.error import QueryError

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
