"""Writing timelines: JSON, CSV, iCalendar, Markdown and a rich table (HTML is in ``viz/``).

Text from articles is data everywhere: CSV cells that a spreadsheet would run as a formula
are quoted with ``'``, Markdown cells are HTML-escaped and pipes escaped, links are written
only for http(s) URLs.

>>> from diplograph.graph.date import PartialDate
>>> rows = [Milestone(PartialDate(1996, 4), "partnership", "=HYPERLINK(1)", ())]
>>> to_csv(rows).splitlines()[1].split(",")[3]
"'=HYPERLINK(1)"
>>> "DTSTART;VALUE=DATE:19960401" in to_ics(rows)
True
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import json
from collections.abc import Sequence
from typing import Any

from rich.markup import escape as rich_escape
from rich.table import Table

from diplograph.graph.timeline.labels import LabelBook
from diplograph.graph.timeline.milestone import Milestone, RoundAnniversary

FORMATS = ("table", "json", "csv", "ics", "html", "md")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_json(rows: Sequence[Milestone | RoundAnniversary]) -> str:
    """A JSON list of row objects (:meth:`Milestone.to_dict` fields).

    >>> to_json([])
    '[]'
    """
    return json.dumps([row.to_dict() for row in rows], ensure_ascii=False, indent=2)


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


CSV_COLUMNS = (
    "date", "precision", "type", "label", "mode", "participants", "states", "place", "forum",
    "derived", "status", "ordinal", "conflict_dates", "sources", "urls", "citations",
)  # fmt: skip


def to_csv(rows: Sequence[Milestone]) -> str:
    """One line per milestone; participants, URLs and citations joined with `` | ``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                _cell(x)
                for x in (
                    row.date,
                    row.precision,
                    row.type,
                    row.label,
                    row.mode or "",
                    " | ".join(p.name for p in row.participants),
                    " ".join(row.states),
                    row.place or "",
                    row.forum.id if row.forum else "",
                    "true" if row.derived else "false",
                    row.status,
                    row.ordinal or "",
                    " ".join(str(d) for d in row.conflicts),
                    len(row.sources),
                    " | ".join(s.url for s in row.sources if s.url),
                    " | ".join(dict.fromkeys(s.citation for s in row.sources if s.citation)),
                )
            ]
        )
    return buffer.getvalue()


def _ics_text(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r", "")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Fold a content line at 75 octets (RFC 5545, 3.1)."""
    out: list[str] = []
    current = ""
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not out else 74):
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


def to_ics(
    rows: Sequence[Milestone], *, name: str = "diplograph timeline", stamp: dt.datetime | None = None
) -> str:
    """An iCalendar file: one all-day VEVENT per milestone.

    A date known to the month or the year is put on its first day; the DESCRIPTION says so.
    """
    stamp = stamp or dt.datetime.now(dt.UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//diplograph//timeline//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_ics_text(name)}",
    ]
    for row in rows:
        book = LabelBook.get(row.lang)
        first = row.date.earliest
        uid = hashlib.sha256("|".join((row.type, str(row.date), *row.events)).encode()).hexdigest()[:32]
        notes = []
        if row.precision != "day":
            notes.append(f"{row.date}: {book.precision_note(row.precision)}.")
        if row.conflicts:
            notes.append(f"{book.word('conflict')}: {', '.join(str(d) for d in row.conflicts)}.")
        if row.derived:
            notes.append(book.word("derived") + ".")
        notes.append(", ".join(p.name for p in row.participants))
        for source in row.sources:
            notes.append("- " + (source.url or source.citation or source.source))
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@diplograph",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{first.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(first + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_text(row.label)}",
            f"DESCRIPTION:{_ics_text(chr(10).join(notes))}",
            f"CATEGORIES:{_ics_text(book.type_name(row.type))}",
        ]
        if row.place:
            lines.append(f"LOCATION:{_ics_text(row.place)}")
        url = next((s.url for s in row.sources if s.url), None)
        if url:
            lines.append(f"URL:{url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    return "\r\n".join(folded) + "\r\n"


def _md(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ").replace("[", "\\[")


def to_markdown(rows: Sequence[Milestone], title: str | None = None) -> str:
    """A Markdown table (text escaped; links only to http(s) sources)."""
    lines = [f"# {_md(title)}", ""] if title else []
    lines += ["| Date | Type | Milestone | Participants | Sources |", "|---|---|---|---|---|"]
    for row in rows:
        book = LabelBook.get(row.lang)
        date = str(row.date) + ("".join(f" / {d} (!)" for d in row.conflicts))
        label = _md(row.label) + (f" *({_md(book.word('derived'))})*" if row.derived else "")
        links = []
        for index, source in enumerate(row.sources, 1):
            links.append(
                f"[{index}]({source.url})"
                if source.url
                else f"{index}: {_md(source.citation or source.source)}"
            )
        lines.append(
            f"| {date} | {_md(book.type_name(row.type))} | {label} | "
            f"{_md(', '.join(p.name for p in row.participants))} | {'; '.join(links)} |"
        )
    return "\n".join(lines) + "\n"


def milestone_table(rows: Sequence[Milestone], title: str | None = None) -> Table:
    """A rich table for the terminal (all text shown as text, never as markup)."""
    table = Table(
        title=None if title is None else rich_escape(title), header_style="bold cyan", show_lines=False
    )
    for name in ("Date", "Type", "Milestone", "Participants", "Place", "Sources"):
        table.add_column(name, overflow="fold")
    for row in rows:
        book = LabelBook.get(row.lang)
        date = str(row.date) + "".join(f"\n[red]≠ {d}[/red]" for d in row.conflicts)
        kind = book.type_name(row.type) + (f" ({book.mode_name(row.mode)})" if row.mode else "")
        label = rich_escape(row.label) + (
            f"\n[dim]{rich_escape(book.word('derived'))}[/dim]" if row.derived else ""
        )
        kinds = [s.kind for s in row.sources]
        summary = ", ".join(
            f"{kinds.count(k)} {k}" for k in ("curated", "article", "reference") if k in kinds
        )
        table.add_row(
            date,
            rich_escape(kind),
            label,
            rich_escape(", ".join(p.name for p in row.participants)),
            rich_escape(row.place or ""),
            summary,
        )
    return table
