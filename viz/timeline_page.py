"""A self-contained HTML page of a timeline: a time axis, a legend, filters, and the sources.

No network: inline CSS and a small inline script of our own (allowed by its hash in the page's
Content-Security-Policy; nothing else may load or run). Every text is HTML-escaped; a source
is a link only when it is an http(s) URL (``javascript:`` and the like stay inert text), with
``rel="noopener noreferrer"``. The rows are embedded as JSON in a
``<script type="application/json">`` block with ``<`` written ``\\u003c`` (so no ``</script>``
can close it) and read with ``JSON.parse``.

>>> from diplograph.graph.date import PartialDate
>>> from diplograph.graph.timeline import Milestone
>>> page = timeline_html([Milestone(PartialDate(2001, 7, 16), "treaty_signing", "<b>Treaty</b>", ())], "T")
>>> "&lt;b&gt;Treaty&lt;/b&gt;" in page and "<b>Treaty" not in page
True
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Sequence
from pathlib import Path

from diplograph.graph.timeline import Milestone
from diplograph.graph.timeline.labels import LabelBook

#: Marker colours by row type (colour-blind-safe where it matters most).
TYPE_COLOURS = {
    "meeting": "#0072b2",
    "virtual_meeting": "#56b4e9",
    "phone_call": "#8c8c8c",
    "state_visit": "#009e73",
    "treaty_signing": "#d55e00",
    "forum_summit": "#cc79a7",
    "anniversary": "#e69f00",
    "relations_established": "#000000",
    "partnership": "#7b3294",
    "accession": "#1b7837",
    "withdrawal": "#b2182b",
}
_URL = re.compile(r"https?://[^\s<>\"'()]+[^\s<>\"'().,;:]", re.IGNORECASE)
_WIDTH = 1000
_LANE = 18

_SCRIPT = """
(function () {
  "use strict";
  var rows = JSON.parse(document.getElementById("timeline-data").textContent);
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-type]"));
  var search = document.getElementById("text-filter");
  var counter = document.getElementById("shown");
  var haystack = rows.map(function (r) {
    var parts = [r.label, r.date, r.place || "", r.type];
    r.participants.forEach(function (p) { parts.push(p.name, p.id); });
    r.sources.forEach(function (s) { parts.push(s.evidence || "", s.citation || "", s.source || ""); });
    return parts.join(" ").toLowerCase();
  });
  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.getAttribute("data-type")] = b.checked; });
    var q = search.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (r, i) {
      var visible = on[r.type] !== false && (q === "" || haystack[i].indexOf(q) !== -1);
      var item = document.getElementById("m-" + i);
      var mark = document.getElementById("k-" + i);
      if (item) { item.hidden = !visible; }
      if (mark) { mark.style.display = visible ? "" : "none"; }
      if (visible) { shown += 1; }
    });
    counter.textContent = String(shown);
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  search.addEventListener("input", apply);
  apply();
})();
"""

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 1060px; color: #222; }
h1 { font-size: 1.4rem; }
fieldset { border: 1px solid #ccc; margin: 0 0 1rem; }
label { margin-right: .9rem; white-space: nowrap; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 50%; margin-right: .25rem; }
svg { width: 100%; height: auto; border-bottom: 1px solid #ddd; }
svg text { font-size: 11px; fill: #555; }
ol { list-style: none; padding: 0; }
li.milestone { border-left: 4px solid #999; padding: .3rem .8rem; margin: .6rem 0; }
.date { font-weight: 600; margin-right: .5rem; }
.type { font-size: .8rem; color: #555; margin-right: .5rem; }
.badge { font-size: .75rem; border-radius: 3px; padding: 0 .3rem; margin-left: .3rem; }
.derived { background: #fff3cd; } .conflict { background: #f8d7da; } .planned { background: #e2e3e5; }
.who, .sources { font-size: .85rem; color: #444; }
blockquote { margin: .2rem 0 .2rem 1rem; font-style: italic; color: #555; }
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _link(url: str | None, text: str) -> str:
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(url)}" rel="noopener noreferrer" target="_blank">{_e(text)}</a>'
    return _e(text)


def _linkify(text: str) -> str:
    """Escape ``text``, turning the http(s) URLs in it into links."""
    out, last = [], 0
    for match in _URL.finditer(text):
        out.append(_e(text[last : match.start()]))
        out.append(_link(match.group(0), match.group(0)))
        last = match.end()
    out.append(_e(text[last:]))
    return "".join(out)


def rows_json(rows: Sequence[Milestone]) -> str:
    """The rows as JSON safe inside a ``<script>`` block (``<`` as ``\\u003c``).

    >>> rows_json([]) == "[]"
    True
    """
    text = json.dumps([row.to_dict() for row in rows], ensure_ascii=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _axis(rows: Sequence[Milestone]) -> str:
    if not rows:
        return ""
    first = min(r.date.earliest for r in rows).year
    last = max(r.date.latest for r in rows).year + 1
    span = max(1, last - first)
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 250, 500) if span / s <= 12)
    types = list(dict.fromkeys(r.type for r in rows))
    height = 30 + _LANE * len(types)

    def x(row: Milestone) -> float:
        day = row.date.earliest
        return 20 + (_WIDTH - 40) * ((day.year - first) + (day.timetuple().tm_yday - 1) / 366) / span

    parts = [f'<svg viewBox="0 0 {_WIDTH} {height}" role="img" aria-label="time axis">']
    for year in range(first - first % step, last + 1, step):
        if year < first:
            continue
        px = 20 + (_WIDTH - 40) * (year - first) / span
        parts.append(f'<line x1="{px:.1f}" y1="0" x2="{px:.1f}" y2="{height - 14}" stroke="#eee"/>')
        parts.append(f'<text x="{px:.1f}" y="{height - 2}" text-anchor="middle">{year}</text>')
    for index, row in enumerate(rows):
        colour = TYPE_COLOURS.get(row.type, "#666")
        cy = 12 + _LANE * types.index(row.type)
        parts.append(
            f'<a href="#m-{index}" id="k-{index}"><circle cx="{x(row):.1f}" cy="{cy}" r="5" fill="{colour}">'
            f"<title>{_e(row.date)} {_e(row.label)}</title></circle></a>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _item(index: int, row: Milestone, book: LabelBook) -> str:
    colour = TYPE_COLOURS.get(row.type, "#666")
    badges = []
    if row.derived:
        badges.append(f'<span class="badge derived">{_e(book.word("derived"))}</span>')
    if row.conflicts:
        other = ", ".join(str(d) for d in row.conflicts)
        badges.append(f'<span class="badge conflict">{_e(book.word("conflict"))}: {_e(other)}</span>')
    if row.status == "planned":
        badges.append('<span class="badge planned">planned</span>')
    kind = book.type_name(row.type) + (f" ({book.mode_name(row.mode)})" if row.mode else "")
    who = ", ".join(p.name for p in row.participants)
    place = f" · {_e(row.place)}" if row.place else ""
    sources = []
    for source in row.sources:
        name = source.title or source.source
        head = _link(source.url, name) if source.url else _e(f"{source.kind}: {name}")
        when = f" ({_e(source.published)})" if source.published else ""
        quote = (
            f"<blockquote>{_e(source.evidence)}</blockquote>"
            if source.evidence and source.kind == "article"
            else ""
        )
        cite = f"<div>{_linkify(source.citation)}</div>" if source.citation else ""
        sources.append(f"<li>{head}{when}{quote}{cite}</li>")
    return (
        f'<li class="milestone" id="m-{index}" data-type="{_e(row.type)}" style="border-color:{colour}">'
        f'<span class="date">{_e(row.date)}</span><span class="type">{_e(kind)}</span>'
        f"<strong>{_e(row.label)}</strong>{''.join(badges)}"
        f'<div class="who">{_e(who)}{place}</div>'
        f'<details class="sources"><summary>{len(row.sources)} {_e(book.word("sources"))}</summary>'
        f"<ul>{''.join(sources)}</ul></details></li>"
    )


def timeline_html(rows: Sequence[Milestone], title: str) -> str:
    """The page for ``rows`` (from :func:`diplograph.graph.timeline.timeline`), titled ``title``."""
    lang = rows[0].lang if rows else "en"
    book = LabelBook.get(lang)
    script_hash = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode()
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'"
    )
    types = list(dict.fromkeys(r.type for r in rows))
    legend = "".join(
        f'<label><input type="checkbox" checked data-type="{_e(t)}">'
        f'<span class="swatch" style="background:{TYPE_COLOURS.get(t, "#666")}"></span>'
        f"{_e(book.type_name(t))}</label>"
        for t in types
    )
    items = "".join(_item(i, row, book) for i, row in enumerate(rows))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(lang)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'  # our own text, no quotes
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{_e(title)}</h1>"
        f'<p><span id="shown">{len(rows)}</span> / {len(rows)}</p>'
        f"<fieldset><legend>Filter</legend>{legend}"
        '<label>Text <input type="search" id="text-filter"></label></fieldset>'
        f"{_axis(rows)}<ol>{items}</ol>"
        f'<script type="application/json" id="timeline-data">{rows_json(rows)}</script>'
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def write_timeline_html(rows: Sequence[Milestone], path: str | Path, title: str) -> Path:
    """Write :func:`timeline_html` to ``path`` (UTF-8) and return the path."""
    target = Path(path)
    target.write_text(timeline_html(rows, title), encoding="utf-8")
    return target
