"""The materialised union: the two updates that keep the default graph the union of the named graphs.

Every backend keeps its default graph equal to the set union of its named graphs (queries run
on it); the endpoint's update rewriting (:mod:`diplograph.graph.server.union`) uses the same
two operations. ``graph`` is a graph term in SPARQL syntax (``<iri>``, or a variable), written
by diplograph from a validated IRI, never user text.

>>> merge("<urn:g>")
'INSERT { ?s ?p ?o } WHERE { GRAPH <urn:g> { ?s ?p ?o } }'
"""

from __future__ import annotations


def merge(graph: str) -> str:
    """The operation copying every triple of ``graph`` into the default graph.

    >>> merge("<urn:g>").endswith("GRAPH <urn:g> { ?s ?p ?o } }")
    True
    """
    return f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"


def unmerge(graph: str) -> str:
    """The operation removing from the default graph the triples no graph but ``graph`` holds.

    >>> unmerge("<urn:g>").startswith("DELETE { ?s ?p ?o } WHERE { GRAPH <urn:g>")
    True
    """
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }}"
    )


def drop(graph: str) -> str:
    """The update removing ``graph`` and the triples only it held from the union.

    >>> drop("<urn:g>").endswith("DROP SILENT GRAPH <urn:g>")
    True
    """
    return f"{unmerge(graph)} ;\nDROP SILENT GRAPH {graph}"
