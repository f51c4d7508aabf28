"""Keeping the union: SPARQL updates rewritten so the default graph stays the union of the named graphs.

The store's default graph is the set union of its named graphs (see
:mod:`diplograph.graph.backends.embedded`); queries run on it. An update accepted at
``/update`` is rewritten, operation by operation, so that the same request (one Oxigraph
transaction) also keeps that union exact:

- triples inserted into a named graph (``INSERT DATA``, ``INSERT {...} WHERE``) are inserted
  into the default graph by the same operation (same bindings, same blank nodes);
- triples deleted from a named graph (``DELETE DATA``, ``DELETE {...} WHERE``,
  ``DELETE WHERE``) are also written by that operation to a private scratch graph; the next
  operation removes from the default graph those no other named graph still holds, and drops
  the scratch graph;
- ``CLEAR``/``DROP GRAPH g`` first take out of the default graph the triples only ``g`` holds;
  ``COPY``/``MOVE ... TO g`` do the same, then merge ``g`` back; ``LOAD ... INTO GRAPH g``
  merges ``g``.

Writes into the default graph itself (triples outside ``GRAPH``, ``WITH``, ``CLEAR DEFAULT``,
``LOAD`` without ``INTO``, ``COPY``/``MOVE`` to or from ``DEFAULT``) are refused with a
message: the default graph is derived, not written. The rewriting works on lexer tokens
(strings, IRIs and comments are never mistaken for syntax) and only inserts text around the
user's own operations, which keep their prologue, order and meaning.

>>> keep_union("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } }", "urn:scratch")
'INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } \\n<urn:a> <urn:b> 1 .\\n}'
>>> try:
...     keep_union("INSERT DATA { <urn:a> <urn:b> 1 }", "urn:scratch")
... except UpdateRefusedError as error:
...     print(str(error)[:51])
the default graph of this store is the union of its
"""

from __future__ import annotations

from dataclasses import dataclass

from diplograph.graph.backends.union import drop, merge, unmerge
from diplograph.graph.lexer import Token, closing_brace, tokens

DEFAULT_REFUSED = (
    "the default graph of this store is the union of its named graphs and is not written "
    "directly: put the triples in a named graph (GRAPH <iri> { ... })"
)
_GRAPH_TERMS = ("iri", "pname")


class UpdateRefusedError(ValueError):
    """An update this endpoint cannot run without breaking the union (HTTP 400)."""


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Block:
    """One ``GRAPH g { body }`` of a quad template: the graph's text and the body's text."""

    graph: str
    body: str


def _expect_brace(toks: list[Token], index: int) -> int:
    if index >= len(toks) or toks[index].text != "{":
        raise UpdateRefusedError("malformed update: expected '{'")
    closing = closing_brace(toks, index)
    if closing is None:
        raise UpdateRefusedError("unbalanced braces in the update")
    return closing


def _blocks(text: str, toks: list[Token], opening: int, closing: int, *, variables: bool) -> list[_Block]:
    """The ``GRAPH g { ... }`` blocks of a quad template; anything outside them is refused."""
    found = []
    index = opening + 1
    while index < closing:
        token = toks[index]
        if token.kind == "punct" and token.text == ".":
            index += 1
            continue
        if not token.is_keyword("GRAPH"):
            raise UpdateRefusedError(DEFAULT_REFUSED)
        graph = toks[index + 1] if index + 1 < closing else None
        allowed = (*_GRAPH_TERMS, "var") if variables else _GRAPH_TERMS
        if graph is None or graph.kind not in allowed:
            needed = "an IRI or a variable" if variables else "an IRI"
            raise UpdateRefusedError(f"malformed update: GRAPH needs {needed}")
        end = _expect_brace(toks, index + 2)
        inner = toks[index + 3 : end]
        while inner and inner[-1].kind == "punct" and inner[-1].text == ".":
            inner.pop()
        if inner:
            found.append(_Block(graph.text, text[inner[0].start : inner[-1].end]))
        index = end + 1
    return found


def _copies(blocks: list[_Block]) -> str:
    return "".join(f"\n{b.body} .\n" for b in blocks)


def _scratch_copies(blocks: list[_Block], scratch: str) -> str:
    return "".join(f"\nGRAPH <{scratch}> {{ {b.body} }}\n" for b in blocks)


def _repair(scratch: str) -> str:
    graph = f"<{scratch}>"
    return f" ;\n{drop(graph)}"


def _split(toks: list[Token]) -> list[tuple[int, int]]:
    """Token ranges of the operations (separated by ``;`` outside braces)."""
    ranges, depth, start = [], 0, 0
    for index, token in enumerate(toks):
        if token.kind != "punct":
            continue
        if token.text == "{":
            depth += 1
        elif token.text == "}":
            depth -= 1
        elif token.text == ";" and depth == 0:
            ranges.append((start, index))
            start = index + 1
    ranges.append((start, len(toks)))
    return ranges


def _skip_prologue(toks: list[Token], index: int, end: int) -> int:
    while index < end:
        if toks[index].is_keyword("PREFIX"):
            index += 3
        elif toks[index].is_keyword("BASE"):
            index += 2
        else:
            break
    return index


def _graph_ref(toks: list[Token], index: int, end: int) -> tuple[str, int]:
    """A GraphOrDefault after SILENT: ``DEFAULT`` or ``(GRAPH)? iri``; returns its text and next index."""
    if index < end and toks[index].is_keyword("GRAPH"):
        index += 1
    if index >= end:
        raise UpdateRefusedError("malformed update: a graph is missing")
    token = toks[index]
    if token.is_keyword("DEFAULT"):
        return "DEFAULT", index + 1
    if token.kind not in _GRAPH_TERMS:
        raise UpdateRefusedError("malformed update: expected a graph IRI")
    return token.text, index + 1


def _operation(text: str, toks: list[Token], start: int, end: int, scratch: str) -> list[_Edit]:
    index = _skip_prologue(toks, start, end)
    if index >= end:
        return []
    head = toks[index]
    before, after = head.start, toks[end - 1].end
    word = head.text.upper() if head.kind == "word" else ""
    following = toks[index + 1] if index + 1 < end else None
    if word in {"INSERT", "DELETE"} and following is not None and following.is_keyword("DATA"):
        closing = _expect_brace(toks, index + 2)
        blocks = _blocks(text, toks, index + 2, closing, variables=False)
        if word == "INSERT":
            return [_Edit(toks[closing].start, toks[closing].start, _copies(blocks))]
        prepare = f"INSERT DATA {{ {_scratch_copies(blocks, scratch)} }} ;\n"
        return [_Edit(before, before, prepare), _Edit(after, after, _repair(scratch))]
    if word == "DELETE" and following is not None and following.is_keyword("WHERE"):
        closing = _expect_brace(toks, index + 2)
        blocks = _blocks(text, toks, index + 2, closing, variables=True)
        pattern = text[toks[index + 2].start : toks[closing].end]
        rewritten = f"DELETE {pattern} INSERT {{ {_scratch_copies(blocks, scratch)} }} WHERE {pattern}"
        return [_Edit(before, toks[closing].end, rewritten), _Edit(after, after, _repair(scratch))]
    if word == "WITH":
        raise UpdateRefusedError(
            "WITH is not supported here (its templates would write the default graph): "
            "name the graph in the templates (GRAPH <iri> { ... }) and in the WHERE clause"
        )
    if word in {"INSERT", "DELETE"}:
        return _modify(text, toks, index, scratch, after)
    if word in {"CLEAR", "DROP"}:
        position = index + 1
        if position < end and toks[position].is_keyword("SILENT"):
            position += 1
        target = toks[position] if position < end else None
        if target is not None and target.is_keyword("ALL"):
            return []
        if target is not None and target.is_keyword("NAMED"):
            return [_Edit(after, after, " ;\nCLEAR SILENT DEFAULT")]
        graph, _ = _graph_ref(toks, position, end)
        if graph == "DEFAULT":
            raise UpdateRefusedError(DEFAULT_REFUSED)
        return [_Edit(before, before, f"{unmerge(graph)} ;\n")]
    if word == "CREATE":
        return []
    if word == "LOAD":
        into = next((i for i in range(index, end) if toks[i].is_keyword("INTO")), None)
        if into is None:
            raise UpdateRefusedError(DEFAULT_REFUSED + "; use LOAD <source> INTO GRAPH <iri>")
        graph, _ = _graph_ref(toks, into + 1, end)
        return [_Edit(after, after, f" ;\n{merge(graph)}")]
    if word in {"ADD", "COPY", "MOVE"}:
        position = index + 1
        if position < end and toks[position].is_keyword("SILENT"):
            position += 1
        source, position = _graph_ref(toks, position, end)
        if position >= end or not toks[position].is_keyword("TO"):
            raise UpdateRefusedError(f"malformed update: {word} needs TO")
        destination, _ = _graph_ref(toks, position + 1, end)
        if word == "ADD":
            return []  # the added triples are in the union already
        if destination == "DEFAULT" or (word == "MOVE" and source == "DEFAULT"):
            raise UpdateRefusedError(DEFAULT_REFUSED)
        return [
            _Edit(before, before, f"{unmerge(destination)} ;\n"),
            _Edit(after, after, f" ;\n{merge(destination)}"),
        ]
    raise UpdateRefusedError(f"not a SPARQL update operation: {head.text!r}")


def _modify(text: str, toks: list[Token], index: int, scratch: str, after: int) -> list[_Edit]:
    """``DELETE {...} INSERT {...} WHERE``, ``DELETE {...} WHERE`` or ``INSERT {...} WHERE``."""
    edits = []
    deleted: list[_Block] = []
    position = index
    if toks[position].is_keyword("DELETE"):
        closing = _expect_brace(toks, position + 1)
        deleted = _blocks(text, toks, position + 1, closing, variables=True)
        position = closing + 1
    if position < len(toks) and toks[position].is_keyword("INSERT"):
        closing = _expect_brace(toks, position + 1)
        inserted = _blocks(text, toks, position + 1, closing, variables=True)
        extra = _copies(inserted) + (_scratch_copies(deleted, scratch) if deleted else "")
        edits.append(_Edit(toks[closing].start, toks[closing].start, extra))
    elif deleted:
        at = toks[position - 1].end
        edits.append(_Edit(at, at, f" INSERT {{ {_scratch_copies(deleted, scratch)} }}"))
    if deleted:
        edits.append(_Edit(after, after, _repair(scratch)))
    return edits


def keep_union(update: str, scratch: str) -> str:
    """The update rewritten to keep the default graph the union of the named graphs.

    Args:
        update: a SPARQL 1.1 Update request (one or more operations).
        scratch: an IRI no data uses (a fresh ``urn:`` IRI per request): the private graph
            where deleted triples are noted until the union is corrected.

    Raises:
        UpdateRefusedError: the update writes the default graph, or cannot be read.
    """
    toks = list(tokens(update))
    edits = []
    for start, end in _split(toks):
        edits.extend(_operation(update, toks, start, end, scratch))
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        update = update[: edit.start] + edit.text + update[edit.end :]
    return update


__all__ = ["DEFAULT_REFUSED", "UpdateRefusedError", "keep_union", "merge", "unmerge"]
