"""The timeline page: self-contained, escaped, inert against hostile article text."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from diplograph.graph.date import PartialDate
from diplograph.graph.timeline import Milestone, Participant, Source
from diplograph.viz.timeline_page import timeline_html, write_timeline_html

EVIL = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'


def _rows() -> list[Milestone]:
    chn = Participant("state", "CHN", "China", "https://w3id.org/diplograph/id/state/CHN")
    rus = Participant("state", "RUS", EVIL, "https://w3id.org/diplograph/id/state/RUS")
    return [
        Milestone(
            PartialDate(2001, 7, 16),
            "treaty_signing",
            "Treaty " + EVIL,
            (chn, rus),
            place="Moscow",
            sources=(
                Source(
                    "article",
                    "https://news.example.org/a?x=1&y=2",
                    evidence=EVIL,
                    published=PartialDate(2001, 7, 17),
                ),
                Source("article", "javascript:alert(document.cookie)", evidence="bad link"),
                Source(
                    "curated",
                    "curated/chn-rus",
                    citation="Wikipedia, https://en.wikipedia.org/wiki/Treaty <b>",
                ),
            ),
        ),
        Milestone(
            PartialDate(1996, 4),
            "partnership",
            "Strategic partnership",
            (chn, rus),
            derived=True,
            conflicts=(PartialDate(1996, 5),),
        ),
    ]


def test_text_is_escaped_and_nothing_injected() -> None:
    page = timeline_html(_rows(), "China & Russia <timeline>")
    assert "<title>China &amp; Russia &lt;timeline&gt;</title>" in page
    assert "<img" not in page
    assert 'alert("x")</script>' not in page
    assert page.count("<script") == 2  # the JSON block and our own script
    assert page.count("</script>") == 2


def test_only_http_sources_are_links_with_noopener() -> None:
    page = timeline_html(_rows(), "t")
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert "https://news.example.org/a?x=1&amp;y=2" in hrefs
    assert "https://en.wikipedia.org/wiki/Treaty" in hrefs
    assert not any(h.lower().startswith("javascript") for h in hrefs)
    assert "javascript:alert(document.cookie)" in page  # shown as inert text
    for anchor in re.findall(r"<a href=\"http[^>]*>", page):
        assert 'rel="noopener noreferrer"' in anchor


def test_self_contained_and_script_allowed_by_hash() -> None:
    page = timeline_html(_rows(), "t")
    assert not re.search(
        r'(src|href)="(https?:)?//',
        page.replace('href="https://news', "").replace('href="https://en.wikipedia', ""),
    )
    assert "<link" not in page and "@import" not in page
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page
    assert "JSON.parse" in script.group(1) and "innerHTML" not in script.group(1)


def test_data_block_round_trips_and_cannot_close_the_script() -> None:
    rows = _rows()
    page = timeline_html(rows, "t")
    block = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.S)
    assert block is not None
    assert "<" not in block.group(1)
    assert json.loads(block.group(1)) == [r.to_dict() for r in rows]


def test_markers_legend_and_filters() -> None:
    page = timeline_html(_rows(), "t")
    assert page.count("<circle") == 2
    assert 'data-type="treaty_signing"' in page and 'data-type="partnership"' in page
    assert 'id="text-filter"' in page
    assert ">2001<" in page or ">2000<" in page
    assert "1996-05" in page  # the conflicting date is shown


def test_write_timeline_html(tmp_path: Path) -> None:
    path = write_timeline_html(_rows(), tmp_path / "t.html", "t")
    assert path.read_text(encoding="utf-8") == timeline_html(_rows(), "t")


def test_empty_timeline() -> None:
    page = timeline_html([], "nothing")
    assert "<svg" not in page and "[]" in page
