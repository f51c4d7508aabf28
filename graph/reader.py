"""Reading articles from files: plain text, HTML pages, JSON Lines, and folders of them.

Readers yield one result per article: a :class:`Read` (the article, with where it came from)
or a :class:`Skipped` (file, line and the reason), so one bad item never stops a batch.

- ``.txt``: UTF-8 (a UTF-8, UTF-16 or UTF-32 byte-order mark is honoured); other encodings
  and binary content are refused with a reason.
- ``.html``/``.htm``: the main text, title and publication date. trafilatura does the work when
  it can be imported; otherwise (or when it finds nothing) a small built-in reader takes the
  text of the page's ``<article>``/``<main>``/``<body>`` and the date from the usual meta tags.
- ``.jsonl``: one article per line: ``text`` (required), ``title``, ``published``, ``source``,
  ``lang`` (optional). A bad line is reported with its number; the other lines go on.
- folders: every file with a known extension, recursively, in sorted order.

A file (or a JSON line) over the size limit is refused without being read into memory.
Metadata precedence: what the item itself says (JSON fields, HTML metadata) comes first, then
the defaults given to :func:`read_paths` (``--lang``, ``--published``, ``--source``), then, for
the language, detection (:mod:`diplograph.graph.language`). The source defaults to the path.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Presiden Prabowo menerima Perdana Menteri Albanese.")
>>> [type(r).__name__ for r in read_paths([folder], detect=False)]
['Read']
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from diplograph.graph.date import PartialDate
from diplograph.graph.model import Article

#: Default size limit per article, in bytes (10 MB).
DEFAULT_MAX_BYTES = 10_000_000

#: File kinds by extension.
EXTENSIONS: dict[str, str] = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_MAX_CONTROL_RATIO = 0.05
_ISO_START = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ]|$)")


@dataclass(frozen=True)
class Read:
    """An article read, with where it came from (``line`` for JSON Lines)."""

    article: Article
    file: str
    line: int | None = None

    @property
    def where(self) -> str:
        """``file`` or ``file:line``."""
        return self.file if self.line is None else f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Skipped:
    """An item that was not read (or not ingested), and why."""

    file: str
    line: int | None
    reason: str

    @property
    def where(self) -> str:
        """``file`` or ``file:line``."""
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


ReadResult = Read | Skipped


@dataclass(frozen=True)
class Defaults:
    """Metadata given for a whole batch, used when an item does not say."""

    lang: str | None = None
    published: PartialDate | None = None
    source: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    detect: bool = True


class ReadError(ValueError):
    """Why one item cannot be read (turned into a :class:`Skipped` by the readers)."""


def parse_published(value: object) -> PartialDate:
    """A publication date from ``YYYY[-MM[-DD]]`` or an ISO 8601 date-time.

    >>> parse_published("2026-02-05T09:30:00+07:00")
    PartialDate(year=2026, month=2, day=5)
    """
    if not isinstance(value, str):
        raise ReadError(f"published must be a YYYY-MM-DD string, not {type(value).__name__}")
    match = _ISO_START.match(value)
    try:
        return PartialDate.parse(match.group(1) if match else value.strip())
    except ValueError as error:
        raise ReadError(f"published: {error}") from error


def decode_text(data: bytes) -> str:
    """Decode article bytes: UTF-8, or UTF-16/32 with a byte-order mark; refuse binary data.

    Line endings become ``\\n`` so the same article saved on another system has the same hash.

    >>> decode_text("Rusia\\r\\n".encode("utf-16"))
    'Rusia\\n'
    >>> try:
    ...     decode_text(b"caf\\xe9")
    ... except ReadError as error:
    ...     print(error)
    not UTF-8 text (byte 0xe9 at offset 3); convert it to UTF-8 (e.g. iconv -f latin1 -t utf-8)
    """
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        if b"\x00" in data:
            raise ReadError("binary file (contains NUL bytes), not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            bad = data[error.start]
            raise ReadError(
                f"not UTF-8 text (byte 0x{bad:02x} at offset {error.start}); "
                "convert it to UTF-8 (e.g. iconv -f latin1 -t utf-8)"
            ) from error
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise ReadError(f"invalid {encoding} text after its byte-order mark: {error.reason}") from error
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for c in text if c < " " and c not in _ALLOWED_CONTROLS)
    if controls and controls > _MAX_CONTROL_RATIO * len(text):
        raise ReadError(f"binary file ({controls} control characters in {len(text)}), not text")
    if not text.strip():
        raise ReadError("empty: no text")
    return text


def _read_limited(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise ReadError(f"too large: {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit (--max-size)")
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while we looked
        raise ReadError(f"too large: over the {max_bytes / 1e6:g} MB limit (--max-size)")
    return data


def _article(
    text: str,
    defaults: Defaults,
    *,
    source: str,
    title: str | None = None,
    published: PartialDate | None = None,
    lang: str | None = None,
) -> Article:
    lang = (lang or defaults.lang or "").strip().lower() or None
    if lang is None and defaults.detect:
        from diplograph.graph.language import detect_language

        lang = detect_language(text).lang
    return Article.from_text(
        text,
        source=source,
        title=title.strip() if title and title.strip() else None,
        published=published or defaults.published,
        lang=lang,
    )


def read_text_file(path: Path, defaults: Defaults = Defaults()) -> Iterator[ReadResult]:
    """Read a plain-text article.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "empty.txt"; _ = path.write_bytes(b"")
    >>> next(read_text_file(path)).reason
    'empty: no text'
    """
    try:
        text = decode_text(_read_limited(path, defaults.max_bytes))
    except (ReadError, OSError) as error:
        yield Skipped(str(path), None, str(error))
        return
    yield Read(_article(text, defaults, source=defaults.source or str(path)), str(path))


def read_html_file(path: Path, defaults: Defaults = Defaults()) -> Iterator[ReadResult]:
    """Read an HTML page: its main text, title and publication date.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "p.html"
    >>> _ = path.write_text("<html><head><title>Talks</title></head><body><p>The two leaders met today.")
    >>> next(read_html_file(path, Defaults(detect=False))).article.text
    'The two leaders met today.'
    """
    try:
        data = _read_limited(path, defaults.max_bytes)
        page = html_page(data)
    except (ReadError, OSError) as error:
        yield Skipped(str(path), None, str(error))
        return
    yield Read(
        _article(
            page.text,
            defaults,
            source=defaults.source or str(path),
            title=page.title,
            published=page.published,
        ),
        str(path),
    )


def read_jsonl_file(path: Path, defaults: Defaults = Defaults()) -> Iterator[ReadResult]:
    """Read JSON Lines: one article per line; each bad line is reported and skipped.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = path.write_text('{"text": "Leaders met.", "published": "2026-02-05"}\\nnot json\\n')
    >>> [r.where.rsplit("/", 1)[1] for r in read_jsonl_file(path, Defaults(detect=False))]
    ['a.jsonl:1', 'a.jsonl:2']
    """
    file = str(path)
    try:
        handle = path.open("rb")
    except OSError as error:
        yield Skipped(file, None, str(error))
        return
    with handle:
        number = 0
        while True:
            raw = handle.readline(defaults.max_bytes + 1)
            if not raw:
                return
            number += 1
            if len(raw) > defaults.max_bytes and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # drop the rest of the line, in chunks
                    raw = handle.readline(1 << 20)
                yield Skipped(
                    file, number, f"line over the {defaults.max_bytes / 1e6:g} MB limit (--max-size)"
                )
                continue
            if not raw.strip():
                continue
            try:
                yield Read(_json_article(raw, defaults, f"{file}:{number}"), file, number)
            except ReadError as error:
                yield Skipped(file, number, str(error))


def _json_article(raw: bytes, defaults: Defaults, where: str) -> Article:
    try:
        item = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ReadError(f"not UTF-8 (byte 0x{raw[error.start]:02x})") from error
    except json.JSONDecodeError as error:
        raise ReadError(f"not JSON: {error.msg} at column {error.colno}") from error
    if not isinstance(item, dict):
        raise ReadError(f"not a JSON object but {type(item).__name__}")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ReadError("no text: each line needs a non-empty string field 'text'")
    for key in ("title", "source", "lang"):
        if item.get(key) is not None and not isinstance(item[key], str):
            raise ReadError(f"{key} must be a string, not {type(item[key]).__name__}")
    published = parse_published(item["published"]) if item.get("published") is not None else None
    return _article(
        text.replace("\r\n", "\n"),
        defaults,
        source=item.get("source") or defaults.source or where,
        title=item.get("title"),
        published=published,
        lang=item.get("lang"),
    )


READERS = {"text": read_text_file, "html": read_html_file, "jsonl": read_jsonl_file}


def article_files(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """The files to read: given files, and known files found in given folders (sorted).

    >>> next(article_files(["/no/such/file.txt"])).reason
    'no such file or folder'
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in EXTENSIONS and p.is_file())
        elif path.is_file():
            if path.suffix.lower() in EXTENSIONS:
                yield path
            else:
                kinds = ", ".join(EXTENSIONS)
                yield Skipped(
                    str(path), None, f"unknown kind of file {path.suffix or '(no extension)'}; read: {kinds}"
                )
        else:
            yield Skipped(str(path), None, "no such file or folder")


def read_paths(
    paths: Iterable[str | Path],
    *,
    lang: str | None = None,
    published: PartialDate | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    detect: bool = True,
) -> Iterator[ReadResult]:
    """Read every article in files and folders, yielding a result per article or bad item.

    Args:
        paths: files (.txt, .html, .htm, .jsonl) and folders (searched recursively).
        lang: language for items that do not state one (else it is detected).
        published: publication date for items that do not state one.
        source: source (URL) for items that do not state one; else the file (and line).
        max_bytes: size limit per article (per line for JSON Lines).
        detect: detect the language of items with none given.
    """
    defaults = Defaults(lang, published, source, max_bytes, detect)
    for entry in article_files(paths):
        if isinstance(entry, Skipped):
            yield entry
        else:
            yield from READERS[EXTENSIONS[entry.suffix.lower()]](entry, defaults)


# HTML


@dataclass(frozen=True)
class HtmlPage:
    """What an HTML page says: main text, title and publication date."""

    text: str
    title: str | None
    published: PartialDate | None


def html_page(data: bytes) -> HtmlPage:
    """The main text, title and publication date of an HTML page.

    A page whose main text has fewer than five words (a menu, a cookie notice) has no article.

    >>> page = html_page(b'<meta property="article:published_time" content="2026-02-05T10:00">'
    ...                  b'<title>T</title><article><p>Leaders met in Jakarta.</p>'
    ...                  b'<p>They talked for an hour.</p></article><footer>x</footer>')
    >>> page.text.split()[:3], page.title, str(page.published)
    (['Leaders', 'met', 'in'], 'T', '2026-02-05')
    """
    markup = _decode_html(data)
    builtin = _builtin_page(markup)
    found = _trafilatura_page(markup)
    if found is None or len(found.text.split()) < _MIN_HTML_WORDS:
        found = builtin
    if len(found.text.split()) < _MIN_HTML_WORDS:
        raise ReadError("no article text found in the HTML page")
    return HtmlPage(found.text.strip(), found.title or builtin.title, found.published or builtin.published)


def _decode_html(data: bytes) -> str:
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return decode_text(data)
    if b"\x00" in data:
        raise ReadError("binary file (contains NUL bytes), not HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:4096], re.IGNORECASE)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError) as error:
            raise ReadError(f"HTML does not decode as its declared charset: {error}") from error
    raise ReadError("HTML is not UTF-8 and declares no charset (<meta charset=...>)")


_MIN_HTML_WORDS = 5


@functools.cache
def _trafilatura() -> Any:
    """trafilatura, or None when it cannot be imported (e.g. lxml without lxml_html_clean)."""
    try:
        import trafilatura
    except ImportError:
        return None
    return trafilatura


def _trafilatura_page(markup: str) -> HtmlPage | None:
    module = _trafilatura()
    if module is None:
        return None
    try:
        document = module.bare_extraction(markup, with_metadata=True, include_comments=False)
    except Exception:  # trafilatura raises many things on broken pages; the built-in reader remains
        return None
    if document is None:
        return None
    found = document if isinstance(document, dict) else document.as_dict()
    published = None
    if found.get("date"):
        try:
            published = parse_published(str(found["date"]))
        except ReadError:
            published = None
    return HtmlPage(str(found.get("text") or ""), found.get("title") or None, published)


_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg", "head"}
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "section",
        "article",
        "main",
        "tr",
        "pre",
    }
)
_DATE_META = frozenset(
    {"article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
     "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date"}
)  # fmt: skip


class _PageParser(HTMLParser):
    """Collects title, date metadata and text blocks, noting which lie in <article>/<main>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: str | None = None
        self.dates: list[str] = []
        self.blocks: list[tuple[bool, str]] = []
        self._buffer: list[str] = []
        self._skip = 0
        self._main = 0
        self._in_title = False
        self._title_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key in _DATE_META and values.get("content"):
                self.dates.append(values["content"])
            if key == "og:title" and values.get("content") and self.title is None:
                self.title = values["content"].strip()
            return
        if tag == "time" and values.get("datetime"):
            self.dates.append(values["datetime"])
        if tag == "title":
            self._in_title = True
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _SKIP_TAGS:
            self._skip += 1
        if tag in {"article", "main"}:
            self._main += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1
        if tag in {"article", "main"} and self._main:
            self._main -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
        elif not self._skip:
            self._buffer.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        self._buffer = []
        if text:
            self.blocks.append((self._main > 0, text))

    def close(self) -> None:
        super().close()
        self._flush()
        title = " ".join("".join(self._title_parts).split())
        if title and not self.title:
            self.title = title


def _builtin_page(markup: str) -> HtmlPage:
    parser = _PageParser()
    parser.feed(markup)
    parser.close()
    main = [text for in_main, text in parser.blocks if in_main]
    text = "\n\n".join(main or [text for _, text in parser.blocks])
    published = None
    for value in parser.dates:
        try:
            published = parse_published(value)
            break
        except ReadError:
            continue
    return HtmlPage(text, parser.title, published)
