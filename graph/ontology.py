"""The bundled OWL ontology and SHACL shapes (``ontology/``), as rdflib graphs.

>>> from diplograph.graph.namespace import DIP
>>> from rdflib.namespace import OWL, RDF
>>> (DIP.Event, RDF.type, OWL.Class) in ontology_graph()
True
"""

from __future__ import annotations

import functools
from importlib import resources

from rdflib import Graph


@functools.cache
def _parse(name: str) -> Graph:
    graph = Graph()
    text = resources.files("diplograph.ontology").joinpath(name).read_text(encoding="utf-8")
    graph.parse(data=text, format="turtle")
    return graph


def ontology_graph() -> Graph:
    """The OWL ontology (``ontology/diplograph.ttl``); a fresh copy each call."""
    copy = Graph()
    copy += _parse("diplograph.ttl")
    for prefix, namespace in _parse("diplograph.ttl").namespaces():
        copy.bind(prefix, namespace)
    return copy


def shapes_graph() -> Graph:
    """The SHACL shapes (``ontology/shapes.ttl``); a fresh copy each call."""
    copy = Graph()
    copy += _parse("shapes.ttl")
    return copy
