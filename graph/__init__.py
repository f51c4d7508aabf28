"""diplograph: a knowledge graph of diplomatic relations.

The public API. Everything not listed in ``__all__`` is private and may change.

>>> import diplograph.graph as dg
>>> kg = dg.KnowledgeGraph(":memory:")
>>> dg.run_query(kg, "ASK { ?s ?p ?o }").boolean
False
"""

from __future__ import annotations

from diplograph.graph._version import __version__
from diplograph.graph.builder import add_curated, build_demo, load_reference
from diplograph.graph.curated import load_curated
from diplograph.graph.date import PartialDate
from diplograph.graph.error import (
    ArticleError,
    CorruptStoreError,
    DataError,
    DiplographError,
    MissingStoreError,
    NotAStoreError,
    QueryError,
    StoreError,
    StoreLockedError,
)
from diplograph.graph.evaluation import evaluate
from diplograph.graph.extract import extract_article, to_contract
from diplograph.graph.gazetteer import Entity, Gazetteer
from diplograph.graph.ingest import IngestSummary, extract_file
from diplograph.graph.language import detect_language
from diplograph.graph.model import EVENT_TYPES, Article, Event, FactSet, Mention
from diplograph.graph.namespace import DIP
from diplograph.graph.query import example_queries, run_query
from diplograph.graph.reader import read_paths
from diplograph.graph.reference import ReferenceData
from diplograph.graph.result import QueryResult
from diplograph.graph.store import KnowledgeGraph, default_location
from diplograph.graph.timeline import (
    AmbiguousActorError,
    Milestone,
    RoundAnniversary,
    Source,
    anniversaries,
    common_forums,
    timeline,
    whois,
)
from diplograph.graph.validation import ValidationReport, validate

__all__ = [
    "DIP",
    "EVENT_TYPES",
    "AmbiguousActorError",
    "Article",
    "ArticleError",
    "CorruptStoreError",
    "DataError",
    "DiplographError",
    "Entity",
    "Event",
    "FactSet",
    "Gazetteer",
    "IngestSummary",
    "KnowledgeGraph",
    "Mention",
    "Milestone",
    "MissingStoreError",
    "NotAStoreError",
    "PartialDate",
    "QueryError",
    "QueryResult",
    "ReferenceData",
    "RoundAnniversary",
    "Source",
    "StoreError",
    "StoreLockedError",
    "ValidationReport",
    "__version__",
    "add_curated",
    "anniversaries",
    "build_demo",
    "common_forums",
    "default_location",
    "detect_language",
    "evaluate",
    "example_queries",
    "extract_article",
    "extract_file",
    "load_curated",
    "load_reference",
    "read_paths",
    "run_query",
    "timeline",
    "to_contract",
    "validate",
    "whois",
]
