"""Ingesting articles: read, extract, and write each article's facts as its own named graph.

An article's identity is the SHA-256 of its text, and its facts live in the named graph
``article_graph_iri(sha256)``. So ingest is idempotent (an article whose graph exists is
``unchanged`` and not extracted again, unless ``force``) and atomic per article: the store
writes a new article's graph in one transaction (with ``force``, an existing graph is removed
in one update, then written), and a Ctrl-C (KeyboardInterrupt) arriving during that write is
held until the write is done. A crash or a kill at any moment leaves each article fully in or
fully out; running the batch again completes it.

Before extraction an article needs two things, else it is skipped with the reason:

- a language with a lexicon (``data/lexicons/<lang>.yaml``): given, stated by the item, or
  detected;
- a publication date (relative dates such as "yesterday" are resolved against it): stated by
  the item (JSON field, HTML metadata), or given as a default (``--published``).

For tests of interrupted batches, the environment variable ``DIPLOGRAPH_INGEST_DELAY``
(seconds, e.g. ``0.2``) makes ingest pause after each article it writes.

>>> from diplograph.graph.store import KnowledgeGraph
>>> summary = ingest(KnowledgeGraph(":memory:"), ["/no/such/folder"])
>>> summary.skipped[0].reason, summary.exit_code
('no such file or folder', 3)
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from diplograph.graph.date import PartialDate
from diplograph.graph.language import detect_language, lexicon_languages
from diplograph.graph.model import Article, FactSet
from diplograph.graph.namespace import article_graph_iri
from diplograph.graph.reader import (
    DEFAULT_MAX_BYTES,
    EXTENSIONS,
    READERS,
    Defaults,
    Read,
    ReadResult,
    Skipped,
    article_files,
)
from diplograph.graph.store import KnowledgeGraph

#: Environment variable: seconds to pause after each article written (for tests).
DELAY_ENV_VAR = "DIPLOGRAPH_INGEST_DELAY"

#: ``progress(files_done, files_total, where)``, called after each file.
Progress = Callable[[int, int, str], None]

NO_PUBLISHED = (
    "no publication date (the item states none and no --published was given); relative dates "
    "such as 'yesterday' cannot be resolved without one"
)


@dataclass
class IngestSummary:
    """What an ingest did.

    Attributes:
        read: articles read from the input (bad items are not counted here but in ``skipped``).
        ingested: articles extracted and written.
        unchanged: articles already in the store (same text), left as they were.
        skipped: items not ingested, each with file, line and reason.
        events_new: events no other source in the store stated before.
        events_merged: events already stated elsewhere: the article added mentions to them.
        mentions: mentions written.
        interrupted: True when a KeyboardInterrupt stopped the batch (between two articles).
        graphs: the article graphs written, in order.
    """

    read: int = 0
    ingested: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    events_new: int = 0
    events_merged: int = 0
    mentions: int = 0
    interrupted: bool = False
    graphs: list[URIRef] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every item was ingested (or unchanged), 3 when some were skipped, 130 if interrupted."""
        if self.interrupted:
            return 130
        return 3 if self.skipped else 0


@dataclass
class Extraction:
    """The facts extracted from one file (one fact set per article), and what was skipped."""

    facts: list[FactSet] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def prepare(item: Read) -> Article | Skipped:
    """The article ready for extraction (with its language), or why it cannot be extracted.

    >>> from diplograph.graph.model import Article
    >>> prepare(Read(Article.from_text("Leaders met.", lang="xx"), "a.txt")).reason
    'no lexicon for language xx (lexicons: en, id)'
    """
    article = item.article
    if article.lang is None:
        detection = detect_language(article.text)
        if detection.lang is None:
            return Skipped(item.file, item.line, f"{detection.describe()}; give --lang")
        article = Article(
            article.text, article.sha256, article.source, article.title, article.published, detection.lang
        )
    assert article.lang is not None
    available = lexicon_languages()
    if article.lang not in available:
        return Skipped(
            item.file,
            item.line,
            f"no lexicon for language {article.lang} (lexicons: {', '.join(sorted(available))})",
        )
    if article.published is None:
        return Skipped(item.file, item.line, NO_PUBLISHED)
    return article


def extract(article: Article) -> FactSet:
    """Run the extractor on a prepared article."""
    from diplograph.graph.extract import extract_article

    return extract_article(article, lang=article.lang)


def _extract_item(item: Read) -> FactSet | Skipped:
    prepared = prepare(item)
    if isinstance(prepared, Skipped):
        return prepared
    try:
        return extract(prepared)
    except Exception as error:  # one article's failure must not stop the batch; it is reported
        return Skipped(item.file, item.line, f"extraction failed: {type(error).__name__}: {error}")


def extract_file(
    path: str | Path,
    *,
    lang: str | None = None,
    published: PartialDate | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Extraction:
    """Extract the facts of the article(s) in one file, without any store.

    >>> extract_file("/no/such/file.txt").skipped[0].reason
    'no such file or folder'
    """
    result = Extraction()
    for item in _read([path], Defaults(lang, published, source, max_bytes, detect=False)):
        outcome = item if isinstance(item, Skipped) else _extract_item(item)
        if isinstance(outcome, Skipped):
            result.skipped.append(outcome)
        else:
            result.facts.append(outcome)
    return result


def _read(
    paths: Iterable[str | Path], defaults: Defaults, progress: Progress | None = None
) -> Iterator[ReadResult]:
    entries = list(article_files(paths))
    for done, entry in enumerate(entries, 1):
        if isinstance(entry, Skipped):
            yield entry
        else:
            yield from READERS[EXTENSIONS[entry.suffix.lower()]](entry, defaults)
        if progress is not None:
            progress(done, len(entries), entry.file if isinstance(entry, Skipped) else str(entry))


def ingest(
    kg: KnowledgeGraph,
    paths: Iterable[str | Path],
    *,
    lang: str | None = None,
    published: PartialDate | None = None,
    source: str | None = None,
    force: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest articles from files and folders into the knowledge graph.

    Args:
        kg: the knowledge graph (opened for writing).
        paths: files (.txt, .html, .htm, .jsonl) and folders (searched recursively).
        lang: language of articles that state none (else detected).
        published: publication date of articles that state none.
        source: source (URL) of articles that state none (else the file name).
        force: extract articles already in the store again, replacing their graphs.
        max_bytes: size limit per article.
        progress: called after each file as ``progress(files_done, files_total, file)``.

    Returns:
        The summary; ``summary.exit_code`` is 0 (all done), 3 (some skipped) or 130 (interrupted).
    """
    defaults = Defaults(lang, published, source, max_bytes, detect=False)
    return ingest_items(kg, _read(paths, defaults, progress), force=force)


def ingest_items(kg: KnowledgeGraph, items: Iterable[ReadResult], *, force: bool = False) -> IngestSummary:
    """Ingest articles already read (see :mod:`diplograph.graph.reader`); the core of :func:`ingest`."""
    summary = IngestSummary()
    delay = _delay()
    try:
        for item in items:
            if isinstance(item, Skipped):
                summary.skipped.append(item)
                continue
            summary.read += 1
            if _ingest_one(kg, item, summary, force=force) and delay:
                time.sleep(delay)
    except KeyboardInterrupt:
        summary.interrupted = True
    return summary


def _ingest_one(kg: KnowledgeGraph, item: Read, summary: IngestSummary, *, force: bool) -> bool:
    graph = article_graph_iri(item.article.sha256)
    if not force and kg.has_graph(graph):
        summary.unchanged += 1
        return False
    outcome = _extract_item(item)
    if isinstance(outcome, Skipped):
        summary.skipped.append(outcome)
        return False
    new, merged = count_events(kg, outcome, graph)
    with _deferred_interrupt():
        kg.add_facts(outcome, graph)
        summary.ingested += 1
        summary.events_new += new
        summary.events_merged += merged
        summary.mentions += len(outcome.mentions)
        summary.graphs.append(graph)
    return True


def count_events(kg: KnowledgeGraph, facts: FactSet, graph: URIRef) -> tuple[int, int]:
    """How many of the facts' events are new to the store, and how many it already holds.

    An event counts as held when a named graph other than ``graph`` states it.

    >>> from diplograph.graph.store import KnowledgeGraph
    >>> count_events(KnowledgeGraph(":memory:"), FactSet(), article_graph_iri("ab" * 32))
    (0, 0)
    """
    new = merged = 0
    for event in facts.events:
        rows = kg.query_named("event_elsewhere", {"event": event.iri, "self": graph}).rows
        if rows:
            merged += 1
        else:
            new += 1
    return new, merged


def _delay() -> float:
    value = os.environ.get(DELAY_ENV_VAR, "").strip()
    if not value:
        return 0.0
    try:
        return max(0.0, float(value))
    except ValueError:
        return 0.0


@contextmanager
def _deferred_interrupt() -> Iterator[None]:
    """Hold a SIGINT (Ctrl-C) that arrives inside the block; raise it as KeyboardInterrupt after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous is None:  # a handler installed outside Python: leave it alone
        yield
        return
    received: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt
