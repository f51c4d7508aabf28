"""A small store whose article and curated texts try to inject script into the graph page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from diplograph.graph.builder import load_reference
from diplograph.graph.date import PartialDate
from diplograph.graph.model import Article, Event, FactSet, Mention
from diplograph.graph.namespace import article_graph_iri, curated_graph_iri
from diplograph.graph.store import KnowledgeGraph

HOSTILE = (
    'Xi met Putin. <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2">'
    ' <a href="javascript:window.__pwned=3">click</a> </script><script>window.__pwned = 4</script>'
)
LEADERS = ("xi-jinping", "vladimir-putin")
EVENTS = (
    Event(
        "meeting",
        PartialDate(2020, 5, 1),
        states=("CHN", "RUS"),
        people=LEADERS,
        label=(("en", "<b>bold</b> meeting <script>window.__pwned = 5</script>"),),
    ),
    Event("phone_call", PartialDate(2021, 3, 2), states=("CHN", "IDN")),
    Event(
        "forum_summit",
        PartialDate(2022, 6, 23),
        states=("CHN", "RUS", "IND"),
        organisations=("BRICS",),
        place='<img src=x onerror="window.__pwned = 6">',
    ),
    Event("state_visit", PartialDate(2023, 9), states=("AUS", "IDN")),
)


def fill_hostile(kg: KnowledgeGraph) -> None:
    """Reference data, four curated events (one with a hostile label and place) and a hostile article."""
    load_reference(kg)
    citation = "see https://mfa.example/a and javascript:alert(1)"
    mentions = [Mention(e, f"curated {e.type}", citation=citation) for e in EVENTS]
    curated = FactSet(mentions, curated_name="hostile")
    kg.add_facts(curated, curated_graph_iri("hostile"))
    published = PartialDate(2020, 5, 2)
    article = Article.from_text(HOSTILE, source="javascript:window.__pwned=7", published=published)
    kg.add_facts(
        FactSet([Mention(EVENTS[0], HOSTILE, 0, len(HOSTILE))], article=article),
        article_graph_iri(article.sha256),
    )


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile store on disk."""
    path = tmp_path_factory.mktemp("hostile") / "store"
    with KnowledgeGraph(path) as kg:
        fill_hostile(kg)
    return path


@pytest.fixture()
def hostile_kg(hostile_store: Path) -> Iterator[KnowledgeGraph]:
    """The hostile store opened read-only."""
    with KnowledgeGraph(hostile_store, read_only=True) as kg:
        yield kg
