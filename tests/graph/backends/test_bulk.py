from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from diplograph.graph.backends import bulk
from diplograph.graph.backends.bulk import union_triples

NQ = ox.RdfFormat.N_QUADS
NT = ox.RdfFormat.N_TRIPLES
XSD_INT = "<http://www.w3.org/2001/XMLSchema#integer>"

# Terms chosen to mislead a cut that does not check its work: literals holding IRIs, dots,
# quotes and "^^"; datatype IRIs after a space; language tags after a space.
SUBJECTS = ["<urn:s1>", "<http://example.org/a#b>"]
PREDICATES = ["<urn:p>", "<http://example.org/label>"]
OBJECTS = [
    "<urn:o>",
    '"plain"',
    '"two words"',
    '"ends with <urn:x>"',
    '"a <urn:y> ."',
    '"quote \\" <urn:z>"',
    '"caret^^"',
    '"tag"@en',
    '"tag" @id',
    f'"7"^^{XSD_INT}',
    f'"8" ^^{XSD_INT}',
    f'"9"^^ {XSD_INT}',
    f'"a b"^^{XSD_INT}',
]
GRAPHS = ["<urn:g1>", "<http://example.org/g/2>", None]  # None: a triple line
SEPARATORS = [" ", " ", " ", "  ", "\t"]
ENDINGS = [" .", " .", ".", " . # a comment <urn:c> .", " .\r", "\t."]


def lines(seed: int, count: int) -> list[str]:
    """Random N-Quads lines of every shape above (all valid)."""
    pick = random.Random(seed).choice
    out = []
    for _ in range(count):
        terms = [pick(SUBJECTS), pick(PREDICATES), pick(OBJECTS)]
        graph = pick(GRAPHS)
        if graph is not None:
            terms.append(graph)
        out.append(pick(SEPARATORS).join(terms) + pick(ENDINGS))
    return out


def expected(text: bytes) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in ox.parse(text, format=NQ)}


def union_of(store: ox.Store) -> set[tuple[str, str, str]]:
    return {
        (str(q.subject), str(q.predicate), str(q.object))
        for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    }


@pytest.mark.parametrize("seed", range(8))
def test_the_union_is_the_set_of_the_named_triples_whatever_the_line_shapes(seed: int) -> None:
    shapes = lines(seed, 60)
    first, second = ("".join(line + "\n" for line in part).encode() for part in (shapes[:30], shapes[30:]))
    text = first + second
    store = ox.Store()
    bulk.load(store, [first, second], NQ, None)
    assert union_of(store) == expected(text)

    def named(quads: object) -> set[ox.Quad]:
        return {q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}  # type: ignore[attr-defined]

    assert len(named(store)) == len(named(ox.parse(text, format=NQ)))


@pytest.mark.parametrize("seed", range(8))
def test_a_cut_line_is_its_quads_triple_or_no_triple_at_all(seed: int) -> None:
    for line in lines(100 + seed, 80):
        data = (line + "\n").encode()
        (quad,) = ox.parse(data, format=NQ)
        try:
            cut = list(ox.parse(union_triples(data), format=NT))
        except SyntaxError:
            continue  # rejected: the loader falls back to parsing the line
        triple = (quad.subject, quad.predicate, quad.object)
        assert [(c.subject, c.predicate, c.object) for c in cut] == [triple]


def test_canonical_quads_are_cut_without_falling_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ox, "parse", None)  # the slow path would fail
    store = ox.Store()
    data = b'<urn:s> <urn:p> "x y"@en <urn:g> .\n<urn:s> <urn:p> <urn:o> <urn:g> .\n'
    bulk.load(store, [data], NQ, None)
    assert len(union_of(store)) == 2


def test_blank_nodes_are_one_node_in_their_graph_and_in_the_union_across_chunks() -> None:
    store = ox.Store()
    chunks = [b'_:b1 <urn:p> "first" <urn:g1> .\n', b'_:b1 <urn:p> "second" <urn:g2> .\n']
    bulk.load(store, chunks, NQ, None)
    subjects = {q.subject for q in store}
    assert len(subjects) == 1 and isinstance(next(iter(subjects)), ox.BlankNode)
    assert len(union_of(store)) == 2
    # a second load is another document: its _:b1 is another node
    bulk.load(store, [chunks[0]], NQ, None)
    assert len({q.subject for q in store}) == 2


def test_triples_go_to_the_target_graph_and_the_union() -> None:
    store = ox.Store()
    target = ox.NamedNode("urn:target")
    bulk.load(store, [b"<urn:s> <urn:p> <urn:o> .\n", b'<urn:s> <urn:p> "x" .\n'], NT, target)
    assert {str(q.graph_name) for q in store} == {"<urn:target>", "DEFAULT"}
    assert len(union_of(store)) == 2


def test_turtle_is_parsed_and_merged() -> None:
    store = ox.Store()
    bulk.load(store, [b"<urn:s> <urn:p> [ <urn:q> 1 ] ."], ox.RdfFormat.TURTLE, ox.NamedNode("urn:g"))
    named = [q for q in store if not isinstance(q.graph_name, ox.DefaultGraph)]
    default = [q for q in store if isinstance(q.graph_name, ox.DefaultGraph)]
    assert {(q.subject, q.predicate, q.object) for q in named} == {
        (q.subject, q.predicate, q.object) for q in default
    }
    assert len(named) == 2


def test_a_bad_chunk_stops_the_load_and_keeps_what_came_before() -> None:
    store = ox.Store()
    good = b"<urn:s> <urn:p> <urn:o> <urn:g> .\n"
    with pytest.raises(SyntaxError):
        bulk.load(store, [good, b"<urn:s> <urn:p> .\n", good.replace(b"urn:o", b"urn:o2")], NQ, None)
    assert union_of(store) == {("<urn:s>", "<urn:p>", "<urn:o>")}
    assert len(list(store.quads_for_pattern(None, None, None, ox.NamedNode("urn:g")))) == 1


def test_an_error_in_the_union_thread_reaches_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(self: object, chunk: bytes) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(bulk._UnionLoader, "_merge", fail)
    with pytest.raises(OSError, match="disk full"):
        bulk.load(ox.Store(), [b"<urn:s> <urn:p> <urn:o> <urn:g> .\n"] * 3, NQ, None)
