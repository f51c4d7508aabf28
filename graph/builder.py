"""Filling a knowledge graph: ontology, reference data, curated facts, the demo.

>>> from diplograph.graph.store import KnowledgeGraph
>>> kg = KnowledgeGraph(":memory:")
>>> summary = load_reference(kg)
>>> summary.states >= 195
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml
from rdflib import URIRef

from diplograph.graph.curated import bundled_curated, load_curated, load_curated_text
from diplograph.graph.date import PartialDate
from diplograph.graph.ingest import IngestSummary, ingest_items
from diplograph.graph.model import Article, FactSet
from diplograph.graph.namespace import ONTOLOGY_GRAPH, REFERENCE_GRAPH, curated_graph_iri
from diplograph.graph.ontology import ontology_graph
from diplograph.graph.reader import Read, decode_text
from diplograph.graph.reference import DEFAULT_LANGS, ReferenceData, reference_graph
from diplograph.graph.store import KnowledgeGraph


@dataclass(frozen=True)
class ReferenceSummary:
    """What the reference graph holds."""

    states: int
    people: int
    tenures: int
    organisations: int
    memberships: int
    triples: int


@dataclass(frozen=True)
class CuratedSummary:
    """One curated file added."""

    name: str
    graph: URIRef
    facts: int
    events: int


@dataclass
class DemoSummary:
    """What ``diplograph demo`` built."""

    location: str
    reference: ReferenceSummary
    curated: list[CuratedSummary] = field(default_factory=list)
    articles: int = 0
    article_events: int = 0
    triples: int = 0
    graphs: int = 0
    pages: list[str] = field(default_factory=list)


def load_reference(kg: KnowledgeGraph, langs: Iterable[str] = DEFAULT_LANGS) -> ReferenceSummary:
    """Write the ontology graph and the reference graph (replacing earlier versions).

    Args:
        kg: the knowledge graph.
        langs: languages for CLDR state names (any CLDR locale, e.g. ``["en", "id", "fr"]``).
    """
    ref = ReferenceData.load()
    graph = reference_graph(ref, langs)
    kg.replace_graphs({ONTOLOGY_GRAPH: ontology_graph(), REFERENCE_GRAPH: graph})
    return ReferenceSummary(
        states=len(ref.states),
        people=len(ref.people),
        tenures=sum(len(p.posts) for p in ref.people.values()),
        organisations=len(ref.organisations),
        memberships=sum(len(o.members) for o in ref.organisations.values()),
        triples=len(graph),
    )


def add_facts(kg: KnowledgeGraph, facts: FactSet) -> CuratedSummary:
    """Write a curated fact set as its own named graph (replacing an earlier version)."""
    name = facts.curated_name or "curated"
    graph = curated_graph_iri(name)
    kg.add_facts(facts, graph)
    return CuratedSummary(name, graph, len(facts.mentions), len(facts.events))


def add_curated(kg: KnowledgeGraph, path: str | Path) -> CuratedSummary:
    """Check a curated YAML file and write it to the store.

    Raises:
        DataError: naming file, fact and field when the file is invalid (nothing is written).
    """
    return add_facts(kg, load_curated(path))


def add_bundled_curated(kg: KnowledgeGraph) -> list[CuratedSummary]:
    """Write every curated file shipped in ``data/curated/``."""
    return [add_facts(kg, load_curated_text(text, name)) for name, text in bundled_curated()]


def sample_articles() -> Iterator[Read]:
    """The sample articles shipped in ``data/samples/``, with lang, published, source and title
    from each one's ``.gold.yaml``.

    >>> first = next(sample_articles())
    >>> first.file.startswith("samples/"), first.article.published is not None
    (True, True)
    """
    folder = resources.files("diplograph.data").joinpath("samples")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".txt") or not entry.is_file():
            continue
        gold = folder.joinpath(entry.name.removesuffix(".txt") + ".gold.yaml")
        meta = yaml.safe_load(gold.read_text(encoding="utf-8")) if gold.is_file() else None
        meta = meta if isinstance(meta, dict) else {}
        published = meta.get("published")
        article = Article.from_text(
            decode_text(entry.read_bytes()),
            source=meta.get("source") or f"diplograph:samples/{entry.name}",
            title=meta.get("title"),
            published=PartialDate.parse(published) if published else None,
            lang=meta.get("lang"),
        )
        yield Read(article, f"samples/{entry.name}")


def add_samples(kg: KnowledgeGraph) -> IngestSummary:
    """Ingest the bundled sample articles through the ordinary ingest path (idempotent)."""
    return ingest_items(kg, sample_articles())


def build_demo(kg: KnowledgeGraph, langs: Iterable[str] = DEFAULT_LANGS) -> DemoSummary:
    """Build the demo store: ontology, reference data, curated histories and sample articles.

    Running it again rewrites the same named graphs with the same triples, and leaves the
    sample articles already ingested as they are (idempotent).
    """
    summary = DemoSummary(kg.location, load_reference(kg, langs))
    summary.curated = add_bundled_curated(kg)
    add_samples(kg)
    counts = kg.query_named("article_events").rows[0]
    summary.articles = int(counts[0] or 0)
    summary.article_events = int(counts[1] or 0)
    summary.triples = len(kg)
    summary.graphs = len(kg.graphs())
    return summary
