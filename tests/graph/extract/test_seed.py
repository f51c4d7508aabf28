from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.graph.date import PartialDate
from diplograph.graph.extract import extract_article, to_contract
from diplograph.graph.model import Article

SEED = Path(__file__).parents[3] / ".." / "shared" / "seeds" / "000_ecc8ff7a22250e4f.txt"


@pytest.fixture(scope="module")
def contract() -> dict[str, object]:
    if not SEED.exists():
        pytest.skip("seed article not available")
    article = Article.from_text(
        SEED.read_text(encoding="utf-8"), published=PartialDate(2026, 2, 5), lang="id"
    )
    return to_contract(extract_article(article))


def _events(contract: dict[str, object]) -> list[dict[str, object]]:
    events = contract["events"]
    assert isinstance(events, list)
    return events


def test_virtual_meeting(contract: dict[str, object]) -> None:
    meetings = [e for e in _events(contract) if e["type"] == "virtual_meeting"]
    assert len(meetings) == 1
    meeting = meetings[0]
    assert (meeting["date"], meeting["states"], meeting["status"]) == (
        "2026-02-04",
        ["CHN", "RUS"],
        "occurred",
    )
    assert set(meeting["people"]) == {"Xi Jinping", "Vladimir Putin"}  # type: ignore[arg-type]


def test_anniversaries(contract: dict[str, object]) -> None:
    anniversaries = {
        (e["ordinal"], e["date"], e["refers_to_year"], tuple(e["states"]))  # type: ignore[arg-type]
        for e in _events(contract)
        if e["type"] == "anniversary"
    }
    assert anniversaries == {
        (80, "2026", 1945, ("CHN", "RUS")),
        (30, "2026", 1996, ("CHN", "RUS")),
        (25, "2026", 2001, ("CHN", "RUS")),
    }


def test_derived_milestones(contract: dict[str, object]) -> None:
    kinds = {(e["type"], e["date"], tuple(e["states"])) for e in _events(contract)}  # type: ignore[arg-type]
    assert ("partnership", "1996", ("CHN", "RUS")) in kinds
    assert ("treaty_signing", "2001", ("CHN", "RUS")) in kinds


def test_organisations_named(contract: dict[str, object]) -> None:
    named = {o for e in _events(contract) for o in e["organisations"]}  # type: ignore[attr-defined]
    assert {"SCO", "BRICS", "UN", "APEC"} <= named


def test_nothing_invented(contract: dict[str, object]) -> None:
    for event in _events(contract):
        assert event["states"] == ["CHN", "RUS"]
        if event["type"] in ("meeting", "forum_summit"):
            assert str(event["date"]).startswith("2025")  # the two 2025 summits, not new events
    # the APEC summit hosted by China has no date in the article: no forum_summit is made up
    assert not [e for e in _events(contract) if e["type"] == "forum_summit"]
    assert not [
        e for e in _events(contract) if e["type"] in ("meeting", "forum_summit") and e["date"] == "2026"
    ]


def test_only_the_video_meeting_and_the_anniversaries_are_new(contract: dict[str, object]) -> None:
    """Sentences about people-to-people exchanges or cooperation are not treaty signings."""
    new = [e for e in _events(contract) if str(e["date"]).startswith("2026")]
    assert sorted(e["type"] for e in new) == ["anniversary"] * 3 + ["virtual_meeting"]
    signings = [e for e in _events(contract) if e["type"] == "treaty_signing"]
    assert [s["date"] for s in signings] == ["2001"]
