from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.graph.curated import bundled_curated, load_curated, load_curated_text
from diplograph.graph.error import DataError

GOOD = """
title: t
facts:
  - type: treaty_signing
    date: "2001-07-16"
    states: [CHN, RUS]
    people: [vladimir-putin]
    label: {en: Treaty signed}
    citation: "somewhere"
"""


def test_bundled_files_load_and_cover_the_five_pairs() -> None:
    pairs = set()
    for name, text in bundled_curated():
        facts = load_curated_text(text, name)
        assert facts.mentions, name
        for mention in facts.mentions:
            assert mention.citation
            if len(mention.event.states) == 2:
                pairs.add(mention.event.states)
    assert {("CHN", "RUS"), ("CHN", "IDN"), ("IDN", "RUS"), ("CHN", "USA"), ("AUS", "IDN")} <= pairs


def test_good_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)
    facts = load_curated(path)
    assert facts.curated_name == "mine"
    assert facts.events[0].key == "treaty_signing/2001-07-16/CHN-RUS"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('date: "2001-07-16"', 'date: "2001-13"'), r"fact 1: field date"),
        (("type: treaty_signing", "type: summit"), r"fact 1: field type"),
        (("states: [CHN, RUS]", "states: [CHN, XXX]"), r"fact 1: field states: 'XXX'"),
        (("people: [vladimir-putin]", "people: [nobody]"), r"fact 1: field people"),
        (('    citation: "somewhere"\n', ""), r"fact 1: field citation is missing"),
        (("label: {en: Treaty signed}", "label: {id: Perjanjian}"), r"fact 1: field label"),
        (("type: treaty_signing", "type: forum_summit"), r"fact 1: field organisations"),
        (("    citation", "    colour: red\n    citation"), r"unknown field 'colour'"),
    ],
)
def test_errors_name_file_fact_and_field(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace(*change))
    with pytest.raises(DataError, match=message) as info:
        load_curated(path)
    assert str(path) in str(info.value)


def test_not_yaml(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("facts: [unclosed")
    with pytest.raises(DataError, match="not valid YAML"):
        load_curated(path)
