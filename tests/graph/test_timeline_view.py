"""Materialized pair timelines (graph/timeline/view.py): kept per generation, never stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.graph import generation
from diplograph.graph.builder import load_reference
from diplograph.graph.date import PartialDate
from diplograph.graph.model import Event, FactSet, Mention
from diplograph.graph.namespace import curated_graph_iri
from diplograph.graph.store import KnowledgeGraph
from diplograph.graph.timeline import timeline, view
from diplograph.graph.timeline.labels import LabelBook
from diplograph.graph.timeline.lookup import _rows, resolve_actors, sort_rows
from diplograph.graph.timeline.milestone import Milestone


def _add(kg: KnowledgeGraph, name: str, event: Event) -> None:
    mention = Mention(event, event.label_in("en") or name, citation=f"https://example.org/{name}")
    kg.add_facts(FactSet([mention], curated_name=name, curated_title=name), curated_graph_iri(name))


MEETING = Event("meeting", PartialDate(2024, 5, 1), states=("CHN", "RUS"))
CALL = Event("phone_call", PartialDate(2024, 6, 2), states=("CHN", "RUS"))


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    """A store directory with the reference data and one CHN-RUS meeting (curated "a")."""
    path = tmp_path / "kg"
    with KnowledgeGraph(path) as kg:
        load_reference(kg)
        _add(kg, "a", MEETING)
    return path


def _views(store: Path) -> list[Path]:
    return sorted((store / generation.VIEWS_DIR).glob("*/*.json"))


def _fresh(kg: KnowledgeGraph, a: str, b: str, lang: str = "en") -> list[Milestone]:
    return sort_rows(_rows(kg, resolve_actors([a, b]) or [], None, None, LabelBook.get(lang)))


def test_a_pair_lookup_is_kept_and_read_back_as_computed(store: Path) -> None:
    with KnowledgeGraph(store) as kg:
        _add(kg, "b", CALL)
    with KnowledgeGraph(store, read_only=True) as kg:  # readers keep views too
        first = timeline(kg, "CHN", "RUS")
        assert [p.name for p in _views(store)] == ["CHN~RUS.en.json"]
        assert timeline(kg, "Rusia", "Tiongkok") == first == _fresh(kg, "CHN", "RUS")
        assert [m.type for m in timeline(kg, "CHN", "RUS", types=["phone_call"])] == ["phone_call"]
        indonesian = timeline(kg, "CHN", "RUS", lang="id")
        assert len(_views(store)) == 2 and indonesian == _fresh(kg, "CHN", "RUS", "id")
        assert [m.date for m in timeline(kg, "CHN", "RUS", start=2024, end=2024)] == [m.date for m in first]


def test_a_write_starts_a_new_generation_and_the_old_views_go(store: Path) -> None:
    with KnowledgeGraph(store) as kg:
        token = generation.current(store)
        assert [m.type for m in timeline(kg, "CHN", "RUS")] == ["meeting"]
        _add(kg, "b", CALL)
        assert generation.current(store) != token and _views(store) == []
        assert [m.type for m in timeline(kg, "CHN", "RUS")] == ["meeting", "phone_call"]
        kg.remove_graph(curated_graph_iri("a"))
        assert [m.type for m in timeline(kg, "CHN", "RUS")] == ["phone_call"]


def test_views_of_a_passed_generation_or_another_layout_are_not_read(store: Path) -> None:
    with KnowledgeGraph(store) as kg:
        before = generation.current(store)
        rows = timeline(kg, "CHN", "RUS")
        (path,) = _views(store)
        path.write_text('{"layout": 0}', encoding="utf-8")  # not this layout: computed again
        assert timeline(kg, "CHN", "RUS") == rows
        path.write_text("not json", encoding="utf-8")
        assert timeline(kg, "CHN", "RUS") == rows
    # rows computed in a generation that passed land where nobody reads them
    with KnowledgeGraph(store) as kg:
        _add(kg, "b", CALL)
        view.save(kg, "CHN", "RUS", "en", rows, before)  # stale: one meeting only
        assert len(timeline(kg, "CHN", "RUS")) == 2


def test_no_views_for_memory_stores_or_other_lookups(tmp_path: Path) -> None:
    with KnowledgeGraph(":memory:") as kg:
        load_reference(kg)
        _add(kg, "a", MEETING)
        assert len(timeline(kg, "CHN", "RUS")) == 1
    store = tmp_path / "kg"
    with KnowledgeGraph(store) as kg:
        load_reference(kg)
        xi = Event("meeting", PartialDate(2024, 5, 1), states=("CHN", "RUS"), people=("xi-jinping",))
        _add(kg, "a", xi)
        timeline(kg, "CHN")
        timeline(kg, "Xi Jinping", "RUS")
        timeline(kg, "CHN", "SCO")
        assert _views(store) == []
