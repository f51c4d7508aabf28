"""Timeline lookups: pairs, actors, organisations, leaders, as-of questions, anniversaries, merging."""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterator

import pytest

from diplograph.graph.builder import add_bundled_curated, load_reference
from diplograph.graph.date import PartialDate
from diplograph.graph.model import Article, Event, FactSet, Mention
from diplograph.graph.namespace import article_graph_iri, curated_graph_iri
from diplograph.graph.reference import ReferenceData
from diplograph.graph.store import KnowledgeGraph
from diplograph.graph.timeline import (
    AmbiguousActorError,
    UnknownActorWarning,
    anniversaries,
    common_forums,
    timeline,
    whois,
)
from diplograph.graph.timeline.actor import takes_part

CHN_RUS_TREATY = Event(
    "treaty_signing",
    PartialDate(2001, 7, 16),
    states=("CHN", "RUS"),
    people=("jiang-zemin", "vladimir-putin"),
    place="Moscow",
    label=(("en", "Treaty of Good-Neighbourliness and Friendly Cooperation"),),
)


def _curated(kg: KnowledgeGraph, name: str, *events: Event) -> None:
    mentions = [
        Mention(e, e.label_in("en") or "curated", citation=f"https://example.org/{name}") for e in events
    ]
    kg.add_facts(FactSet(mentions, curated_name=name, curated_title=name), curated_graph_iri(name))


def _article(kg: KnowledgeGraph, text: str, published: PartialDate, *stated: tuple[Event, str]) -> Article:
    article = Article.from_text(
        text,
        source="https://news.example.org/" + hashlib.sha256(text.encode()).hexdigest()[:8],
        title=text[:40],
        published=published,
        lang="en",
    )
    mentions = []
    for event, sentence in stated:
        start = text.index(sentence)
        mentions.append(Mention(event, sentence, start, start + len(sentence), confidence=0.9))
    kg.add_facts(FactSet(mentions, article=article), article_graph_iri(article.sha256))
    return article


@pytest.fixture()
def ref_kg() -> Iterator[KnowledgeGraph]:
    """An in-memory store with the reference data only."""
    with KnowledgeGraph(":memory:") as kg:
        load_reference(kg)
        yield kg


# The demo store


def test_pair_in_date_order_with_milestones_and_sources(demo_kg: KnowledgeGraph) -> None:
    rows = timeline(demo_kg, "CHN", "RUS")
    days = [(r.date.earliest, r.date.latest) for r in rows]
    assert days == sorted(days)
    partnership = [r for r in rows if r.type == "partnership" and r.date.year == 1996]
    treaty = [r for r in rows if r.type == "treaty_signing" and str(r.date) == "2001-07-16"]
    assert len(partnership) == 1 and len(treaty) == 1
    assert partnership[0].date == PartialDate(1996, 4)
    assert "Strategic partnership" in partnership[0].label
    source = next(s for s in treaty[0].sources if s.kind == "curated")
    assert "2001_Sino-Russian_Treaty_of_Friendship" in (source.citation or "")
    assert {p.id for p in treaty[0].participants} >= {"CHN", "RUS", "jiang-zemin", "vladimir-putin"}
    assert all(set(r.states) >= {"CHN", "RUS"} for r in rows)
    assert rows.index(partnership[0]) < rows.index(treaty[0])


@pytest.mark.parametrize(("a", "b"), [("Tiongkok", "Rusia"), ("China", "Russia"), ("chn", "Rusia")])
def test_names_in_english_and_indonesian_give_the_same_rows(demo_kg: KnowledgeGraph, a: str, b: str) -> None:
    assert timeline(demo_kg, a, b) == timeline(demo_kg, "CHN", "RUS")


def test_indonesian_labels_and_names(demo_kg: KnowledgeGraph) -> None:
    rows = timeline(demo_kg, "Tiongkok", "Rusia", lang="id", start=2001, end=2001, types=["treaty_signing"])
    assert [r.label for r in rows] == [
        "Penandatanganan Perjanjian Bertetangga Baik dan Kerja Sama Persahabatan"
    ]
    assert {p.name for p in rows[0].participants} >= {"Tiongkok", "Rusia"}


def test_leaders_meetings_distinguish_virtual_from_in_person(demo_kg: KnowledgeGraph) -> None:
    rows = timeline(demo_kg, "Xi Jinping", "Vladimir Putin")
    by_date = {str(r.date): r for r in rows}
    assert by_date["2021-06-28"].mode == "virtual"
    assert by_date["2024-05-16"].mode == "in_person"
    assert by_date["2022-02-25"].mode == "phone"
    assert all(r.mode is not None for r in rows)
    assert "2009-06-16" not in by_date  # Medvedev's BRIC summit, while Putin was prime minister
    assert all(r.date.year >= 2001 for r in rows)


def test_leader_rule_counts_state_only_events_but_not_other_leaders() -> None:
    ref = ReferenceData.load()
    assert takes_part(ref, "xi-jinping", PartialDate(2019, 6, 5), ("CHN", "RUS"), ())
    assert not takes_part(ref, "xi-jinping", PartialDate(2010), ("CHN", "RUS"), ())
    assert not takes_part(
        ref, "vladimir-putin", PartialDate(2010, 3, 1), ("CHN", "RUS"), ("dmitry-medvedev",)
    )
    assert takes_part(ref, "vladimir-putin", PartialDate(2010, 3, 1), ("CHN", "RUS"), ("vladimir-putin",))


def test_state_and_organisation(demo_kg: KnowledgeGraph) -> None:
    rows = timeline(demo_kg, "RUS", "SCO")
    joins = [r for r in rows if r.type == "accession"]
    assert [(str(r.date), r.states) for r in joins] == [("2001-06-15", ("RUS",))]
    assert joins[0].sources[0].kind == "reference"
    assert "founding member" in joins[0].label
    summits = [r for r in rows if r.type == "forum_summit"]
    assert summits and all(r.forum is not None and r.forum.id == "SCO" for r in summits)
    assert all("RUS" in r.states for r in summits)


def test_one_organisation_summits_and_membership_changes(demo_kg: KnowledgeGraph) -> None:
    rows = timeline(demo_kg, "Organisasi Kerja Sama Shanghai")
    joined = {(r.states, str(r.date)) for r in rows if r.type == "accession"}
    assert (("IND",), "2017-06-09") in joined and (("IRN",), "2023-07-04") in joined
    assert any(r.type == "forum_summit" for r in rows)
    left = timeline(demo_kg, "GBR", "EU", types=["withdrawal"])
    assert [(str(r.date), r.label) for r in left] == [("2020-01-31", "United Kingdom leaves European Union")]


def test_one_state_has_bilateral_events_and_memberships(demo_kg: KnowledgeGraph) -> None:
    rows = timeline(demo_kg, "Indonesia", start=1950, end=1970)
    kinds = {r.type for r in rows}
    assert "accession" in kinds and "relations_established" in kinds
    assert all("IDN" in r.states for r in rows)
    assert all(r.date.year <= 1970 and r.date.year >= 1950 for r in rows)


def test_types_and_date_range_filter(demo_kg: KnowledgeGraph) -> None:
    rows = timeline(demo_kg, "CHN", "RUS", types=["partnership"], start="1990", end="2012")
    assert [str(r.date) for r in rows] == ["1994-09", "1996-04", "2011-06"]
    with pytest.raises(ValueError, match="unknown milestone type"):
        timeline(demo_kg, "CHN", "RUS", types=["picnic"])


def test_anniversaries_of_a_pair(demo_kg: KnowledgeGraph) -> None:
    found = anniversaries(demo_kg, 2026, "CHN", "RUS")
    by_years = {(a.years, a.milestone.type): a for a in found}
    treaty = by_years[(25, "treaty_signing")]
    assert str(treaty.date) == "2026-07-16" and str(treaty.milestone.date) == "2001-07-16"
    assert treaty.sources and treaty.label.startswith("25 years: ")
    partnership = by_years[(30, "partnership")]
    assert str(partnership.date) == "2026-04"
    assert all(a.years in (5, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 100) for a in found)
    assert [a.date.earliest for a in found] == sorted(a.date.earliest for a in found)


def test_anniversaries_of_the_whole_store(demo_kg: KnowledgeGraph) -> None:
    found = anniversaries(demo_kg, 2026)
    keys = {(a.years, a.milestone.type, str(a.milestone.date), a.milestone.states) for a in found}
    assert (25, "treaty_signing", "2001-07-16", ("CHN", "RUS")) in keys
    assert any(a.milestone.type == "accession" for a in found)
    assert all(2026 - a.milestone.date.year == a.years for a in found)


def test_whois(demo_kg: KnowledgeGraph) -> None:
    assert [h.person.name for h in whois(demo_kg, "head_of_state", "IDN", "2019-05-01")] == ["Joko Widodo"]
    assert [h.person.id for h in whois(demo_kg, "head_of_state", "Rusia", "2010-01-01")] == [
        "dmitry-medvedev"
    ]
    assert [h.person.id for h in whois(demo_kg, "head_of_government", "RUS", "2010-01-01")] == [
        "vladimir-putin"
    ]
    with pytest.raises(ValueError, match="unknown post"):
        whois(demo_kg, "king", "IDN", "2019-05-01")


def test_common_forums(demo_kg: KnowledgeGraph) -> None:
    now = {f.organisation.id for f in common_forums(demo_kg, "CHN", "RUS", "2026-01-01")}
    assert {"SCO", "BRICS", "UN"} <= now
    before = {f.organisation.id for f in common_forums(demo_kg, "China", "Russia", "2000-01-01")}
    assert "SCO" not in before and "BRICS" not in before and "UN" in before


# Names


def test_ambiguous_name_lists_candidates(demo_kg: KnowledgeGraph) -> None:
    with pytest.raises(AmbiguousActorError) as caught:
        timeline(demo_kg, "Bush", "CHN")
    assert "George W. Bush" in str(caught.value) and "george-h-w-bush" in str(caught.value)


HOSTILE = [
    'China" } UNION { ?s ?p ?o } #',
    "} UNION { ?s ?p ?o }",
    '"; DROP ALL; #',
    "CHN>\n} INSERT DATA { <urn:x> <urn:y> <urn:z> }",
    "{{CHN}}",
    "Russia'\nUNION",
    "<https://w3id.org/diplograph/id/state/CHN>",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_return_nothing_and_change_nothing(demo_kg: KnowledgeGraph, name: str) -> None:
    before = len(demo_kg)
    digest = hashlib.sha256(demo_kg.export("nq")).hexdigest()
    with pytest.warns(UnknownActorWarning):
        assert timeline(demo_kg, name, "RUS") == []
    with pytest.warns(UnknownActorWarning):
        assert timeline(demo_kg, "CHN", name) == []
    with pytest.warns(UnknownActorWarning):
        assert anniversaries(demo_kg, 2026, name) == []
    with pytest.warns(UnknownActorWarning):
        assert whois(demo_kg, "head_of_state", name, "2019-05-01") == []
    with pytest.warns(UnknownActorWarning):
        assert common_forums(demo_kg, name, "RUS", "2019-05-01") == []
    assert len(demo_kg) == before
    assert hashlib.sha256(demo_kg.export("nq")).hexdigest() == digest


# Merging (stores built here)


def test_curated_article_and_derived_are_one_row_with_three_sources(ref_kg: KnowledgeGraph) -> None:
    _curated(ref_kg, "treaties", CHN_RUS_TREATY)
    text = "Moscow, 17 July 2001. Jiang Zemin and Vladimir Putin signed the treaty yesterday."
    _article(
        ref_kg,
        text,
        PartialDate(2001, 7, 17),
        (CHN_RUS_TREATY, "Jiang Zemin and Vladimir Putin signed the treaty yesterday."),
    )
    derived = Event("treaty_signing", PartialDate(2001), states=("CHN", "RUS"), derived=True)
    anniversary = Event(
        "anniversary", PartialDate(2026, 7, 16), states=("CHN", "RUS"), ordinal=25, commemorates=derived
    )
    text2 = "Beijing marked the 25th anniversary of the treaty with Russia on 16 July 2026."
    _article(ref_kg, text2, PartialDate(2026, 7, 16), (anniversary, text2))
    rows = timeline(ref_kg, "CHN", "RUS", types=["treaty_signing"])
    assert len(rows) == 1
    row = rows[0]
    assert str(row.date) == "2001-07-16" and not row.derived
    assert sorted(s.kind for s in row.sources) == ["article", "article", "curated"]
    via = [s for s in row.sources if s.via]
    assert len(via) == 1 and via[0].via == str(anniversary.iri) and via[0].date == PartialDate(2001)
    assert set(row.events) == {str(CHN_RUS_TREATY.iri), str(derived.iri)}
    reported = next(s for s in row.sources if s.kind == "article" and not s.via)
    assert text[reported.start : reported.end] == reported.evidence
    # The anniversary itself is a row, pointing at the treaty it commemorates.
    everything = timeline(ref_kg, "CHN", "RUS")
    ann = [r for r in everything if r.type == "anniversary"]
    assert len(ann) == 1 and ann[0].ordinal == 25
    assert ann[0].commemorates is not None and ann[0].commemorates.event == str(derived.iri)
    assert "Treaty of Good-Neighbourliness" in ann[0].label
    assert timeline(ref_kg, "CHN", "RUS", include_derived=False, types=["treaty_signing"]) == rows


def test_incompatible_dates_of_the_same_milestone_are_a_conflict(ref_kg: KnowledgeGraph) -> None:
    _curated(ref_kg, "treaties", CHN_RUS_TREATY)
    wrong = Event(
        "treaty_signing", PartialDate(2001, 7, 15), states=("CHN", "RUS"), label=CHN_RUS_TREATY.label
    )
    text = "The Treaty of Good-Neighbourliness was signed on 15 July 2001."
    _article(ref_kg, text, PartialDate(2021, 7, 1), (wrong, text))
    other = Event(
        "treaty_signing", PartialDate(2001, 3, 2), states=("CHN", "RUS"), label=(("en", "Border protocol"),)
    )
    _curated(ref_kg, "border", other)
    rows = timeline(ref_kg, "CHN", "RUS")
    treaties = [r for r in rows if r.label.startswith("Treaty")]
    assert len(treaties) == 1
    assert str(treaties[0].date) == "2001-07-16" and treaties[0].conflicts == (PartialDate(2001, 7, 15),)
    assert treaties[0].conflict
    assert {s.date for s in treaties[0].sources} == {PartialDate(2001, 7, 16), PartialDate(2001, 7, 15)}
    border = [r for r in rows if r.label == "Border protocol"]
    assert len(border) == 1 and not border[0].conflict


def test_conflicting_dates_of_mixed_precision_are_listed_in_order(ref_kg: KnowledgeGraph) -> None:
    _curated(ref_kg, "treaties", CHN_RUS_TREATY)
    stated = (
        (PartialDate(2001, 8), "It was signed in August 2001."),
        (PartialDate(2001, 8, 20), "It was signed on 20 August 2001."),
        (PartialDate(2001, 8, 2), "It was signed on 2 August 2001."),
    )
    for date, text in stated:
        wrong = Event("treaty_signing", date, states=("CHN", "RUS"), label=CHN_RUS_TREATY.label)
        _article(ref_kg, text, PartialDate(2020, 1, 1), (wrong, text))
    (row,) = timeline(ref_kg, "CHN", "RUS")
    assert str(row.date) == "2001-07-16"
    assert [str(d) for d in row.conflicts] == ["2001-08", "2001-08-02", "2001-08-20"]
    assert len(row.sources) == 4


def test_a_year_matching_two_milestones_is_not_guessed(ref_kg: KnowledgeGraph) -> None:
    april = Event("partnership", PartialDate(1996, 4), states=("CHN", "RUS"), label=(("en", "April"),))
    november = Event("partnership", PartialDate(1996, 11), states=("CHN", "RUS"), label=(("en", "November"),))
    _curated(ref_kg, "partnerships", april, november)
    derived = Event("partnership", PartialDate(1996), states=("CHN", "RUS"), derived=True)
    anniversary = Event(
        "anniversary", PartialDate(2026), states=("CHN", "RUS"), ordinal=30, commemorates=derived
    )
    text = "They marked 30 years of partnership."
    _article(ref_kg, text, PartialDate(2026, 1, 2), (anniversary, text))
    rows = timeline(ref_kg, "CHN", "RUS", types=["partnership"])
    assert [(str(r.date), r.derived) for r in rows] == [
        ("1996", True),
        ("1996-04", False),
        ("1996-11", False),
    ]
    assert [
        str(r.date) for r in timeline(ref_kg, "CHN", "RUS", types=["partnership"], include_derived=False)
    ] == [
        "1996-04",
        "1996-11",
    ]


def test_virtual_meeting_reported_by_an_article(ref_kg: KnowledgeGraph) -> None:
    add_bundled_curated(ref_kg)
    meeting = Event(
        "virtual_meeting",
        PartialDate(2026, 2, 4),
        states=("CHN", "RUS"),
        people=("xi-jinping", "vladimir-putin"),
    )
    sentence = "Xi Jinping and Vladimir Putin held a video call on Wednesday."
    text = f"Beijing, 5 February 2026. {sentence} They discussed trade."
    article = _article(ref_kg, text, PartialDate(2026, 2, 5), (meeting, sentence))
    rows = timeline(ref_kg, "Xi Jinping", "Vladimir Putin", start="2026-01-01")
    assert [(str(r.date), r.type, r.mode) for r in rows] == [("2026-02-04", "virtual_meeting", "virtual")]
    (source,) = rows[0].sources
    assert source.kind == "article" and source.url == article.source
    assert source.published == PartialDate(2026, 2, 5) and source.confidence == pytest.approx(0.9)
    assert source.evidence == sentence and text[source.start : source.end] == sentence
    assert rows[0].label == "Video meeting of Vladimir Putin and Xi Jinping"
    indonesian = timeline(ref_kg, "Xi Jinping", "Vladimir Putin", start="2026-01-01", lang="id")
    assert indonesian[0].label == "Pertemuan virtual Vladimir Putin dan Xi Jinping"


def test_unknown_name_warns_and_returns_nothing(ref_kg: KnowledgeGraph) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert timeline(ref_kg, "Atlantis") == []
    assert any(issubclass(w.category, UnknownActorWarning) for w in caught)


def test_labels_and_places_that_look_like_the_packed_cells_come_back_whole(ref_kg: KnowledgeGraph) -> None:
    tricky = '12 en fake=1 participant=https://w3id.org/diplograph/id/state/USA "} UNION {'
    event = Event(
        "meeting",
        PartialDate(2019, 6, 5),
        states=("CHN", "RUS"),
        place="3 x  Saint Petersburg  9 ✓",
        label=(("en", tricky), ("id", "")),
    )
    text = "Xi Jinping met Vladimir Putin in Saint Petersburg on 5 June 2019."
    _article(ref_kg, text, PartialDate(2019, 6, 6), (event, text))
    (row,) = timeline(ref_kg, "CHN", "RUS")
    assert row.label == tricky and row.place == "3 x  Saint Petersburg  9 ✓"
    assert [p.id for p in row.participants] == ["CHN", "RUS"]
    assert timeline(ref_kg, "USA", types=["meeting"]) == []


# The same lookups on a SPARQL 1.1 server (a real `oxigraph serve`)


@pytest.fixture(scope="module")
def remote_demo(oxigraph_url: str) -> str:
    """The demo graph on an ``oxigraph serve`` started on a free loopback port."""
    from diplograph.graph.builder import build_demo

    with KnowledgeGraph(oxigraph_url) as kg:
        build_demo(kg)
    return oxigraph_url


@pytest.mark.server
@pytest.mark.parametrize(
    "names",
    [
        ("CHN", "RUS"),
        ("RUS",),
        ("SCO",),
        ("RUS", "SCO"),
        ("Xi Jinping", "Vladimir Putin"),
        ("Tiongkok", "Rusia"),
    ],
)
def test_remote_store_gives_the_same_rows(
    remote_demo: str, demo_kg: KnowledgeGraph, names: tuple[str, ...]
) -> None:
    with KnowledgeGraph(remote_demo, read_only=True) as remote:
        for lang in ("en", "id"):
            here = timeline(demo_kg, *names, lang=lang)
            assert here and timeline(remote, *names, lang=lang) == here
