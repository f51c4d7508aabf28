"""Readers: plain text, HTML, JSON Lines, folders; bad input reported with file, line and reason."""

from __future__ import annotations

import hashlib
import json
import tracemalloc
from pathlib import Path

import pytest

from diplograph.graph.date import PartialDate
from diplograph.graph.language import detect_language, lexicon_languages
from diplograph.graph.reader import (
    Defaults,
    Read,
    ReadError,
    Skipped,
    decode_text,
    html_page,
    parse_published,
    read_html_file,
    read_jsonl_file,
    read_paths,
    read_text_file,
)

EN = (
    "Chinese President Xi Jinping and Russian President Vladimir Putin spoke by video link, the Kremlin said."
)
ID = (
    "Presiden Prabowo Subianto menerima kunjungan Perdana Menteri Australia Anthony Albanese "
    "di Istana Merdeka."
)


def only(results: list[Read | Skipped]) -> Read | Skipped:
    assert len(results) == 1, results
    return results[0]


def test_plain_text_is_read_with_its_hash_and_the_path_as_source(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(EN, encoding="utf-8")
    result = only(list(read_paths([path], lang="en", published=PartialDate(2026, 2, 5))))
    assert isinstance(result, Read)
    assert result.article.text == EN
    assert result.article.sha256 == hashlib.sha256(EN.encode()).hexdigest()
    assert result.article.source == str(path)
    assert result.article.lang == "en"
    assert result.article.published == PartialDate(2026, 2, 5)


def test_crlf_and_utf8_bom_give_the_same_article_as_plain_utf8(tmp_path: Path) -> None:
    (tmp_path / "unix.txt").write_bytes(f"{EN}\n{EN}\n".encode())
    (tmp_path / "dos.txt").write_bytes(b"\xef\xbb\xbf" + f"{EN}\r\n{EN}\r\n".encode())
    results = list(read_paths([tmp_path], detect=False))
    assert all(isinstance(r, Read) for r in results)
    assert len({r.article.sha256 for r in results if isinstance(r, Read)}) == 1


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(ID.encode("utf-16"))
    result = only(list(read_text_file(path)))
    assert isinstance(result, Read)
    assert result.article.text == ID


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 9)) * 50 + b"abc", "binary"),
        ("Pertemuan di Pékin dengan Menlu Wang Yi".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_text_files_are_skipped_with_file_and_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = only(list(read_paths([path])))
    assert isinstance(result, Skipped)
    assert result.file == str(path)
    assert result.line is None
    assert reason in result.reason


def test_latin1_error_names_the_byte_and_offset() -> None:
    with pytest.raises(ReadError, match=r"byte 0xe9 at offset 14"):
        decode_text("Pertemuan di Pékin".encode("latin-1"))


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant, takes no disk
    tracemalloc.start()
    try:
        result = only(list(read_paths([path])))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(result, Skipped)
    assert "too large" in result.reason and "52.4 MB" in result.reason and "10 MB limit" in result.reason
    assert peak < 5 * 1024 * 1024


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(EN * 20)
    assert isinstance(only(list(read_paths([path], max_bytes=100))), Skipped)
    assert isinstance(only(list(read_paths([path], max_bytes=100_000, detect=False))), Read)


PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Xi, Putin hold video call | World News</title>
<meta property="article:published_time" content="2026-02-05T08:15:00+03:00">
<script>var tracking = "Putin visited Paris";</script><style>p {color: red}</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Xi, Putin hold video call</h1>
<p>Chinese President Xi Jinping and Russian President Vladimir Putin held talks by video link on
Wednesday, the Kremlin said.</p><p>The two leaders discussed trade &amp; energy.</p></article>
<footer>Copyright 2026 World News</footer></body></html>"""


def test_html_page_gives_main_text_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    result = only(list(read_html_file(path)))
    assert isinstance(result, Read)
    article = result.article
    assert "Xi Jinping and Russian President Vladimir Putin held talks" in article.text
    assert "trade & energy" in article.text
    assert "tracking" not in article.text and "color" not in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.title is not None and "Xi, Putin hold video call" in article.title
    assert article.published == PartialDate(2026, 2, 5)
    assert article.lang == "en"


def test_truncated_html_still_yields_its_text(tmp_path: Path) -> None:
    path = tmp_path / "cut.htm"
    path.write_bytes(PAGE.encode()[: PAGE.index("discussed") + 5])
    result = only(list(read_paths([path])))
    assert isinstance(result, Read)
    assert "held talks by video link" in result.article.text
    assert result.article.published == PartialDate(2026, 2, 5)


def test_html_without_text_is_skipped_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>alert(1)</script></head><body><nav>Home</nav></body>")
    result = only(list(read_paths([path])))
    assert isinstance(result, Skipped)
    assert "no article text" in result.reason


def test_html_in_a_declared_legacy_charset_is_decoded() -> None:
    markup = '<meta charset="iso-8859-1"><p>Rencontre des présidents à Pékin hier.</p>'
    page = html_page(markup.encode("latin-1"))
    assert page.text == "Rencontre des présidents à Pékin hier."


def test_jsonl_reads_good_lines_and_reports_bad_ones_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps(
            {"text": EN, "title": "Call", "published": "2026-02-05T10:00:00Z", "source": "https://x.test/1"}
        ),
        "{not json",
        "",
        json.dumps({"title": "no text here"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": ID, "lang": "id", "published": "5 Feb 2026"}),
        json.dumps({"text": ID, "lang": "id"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_jsonl_file(path))
    assert [(type(r).__name__, r.line) for r in results] == [
        ("Read", 1),
        ("Skipped", 2),
        ("Skipped", 4),
        ("Skipped", 5),
        ("Skipped", 6),
        ("Read", 7),
    ]
    first, last = results[0], results[-1]
    assert isinstance(first, Read) and isinstance(last, Read)
    assert first.article.title == "Call"
    assert first.article.source == "https://x.test/1"
    assert first.article.published == PartialDate(2026, 2, 5)
    assert last.article.lang == "id"
    assert last.article.source == f"{path}:7"
    reasons = {r.line: r.reason for r in results if isinstance(r, Skipped)}
    assert reasons[2].startswith("not JSON")
    assert "text" in reasons[4]
    assert "not a JSON object" in reasons[5]
    assert "published" in reasons[6]
    assert all(r.file == str(path) for r in results)
    assert str(results[1]) == f"{path}:2: {reasons[2]}"


def test_jsonl_line_over_the_limit_is_skipped_and_the_next_line_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(
        json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": EN, "lang": "en"}) + "\n",
        encoding="utf-8",
    )
    results = list(read_jsonl_file(path, Defaults(max_bytes=1000)))
    assert [(type(r).__name__, r.line) for r in results] == [("Skipped", 1), ("Read", 2)]


def test_folders_are_read_recursively_in_order_with_known_extensions_only(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(EN)
    (tmp_path / "a.txt").write_text(ID)
    (tmp_path / "notes.md").write_text("not an article")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": EN + " Again."}) + "\n")
    results = list(read_paths([tmp_path], detect=False))
    assert [Path(r.file).relative_to(tmp_path).as_posix() for r in results] == ["a.txt", "b/2.txt", "c.jsonl"]


def test_missing_paths_and_unknown_extensions_are_reported(tmp_path: Path) -> None:
    other = tmp_path / "notes.md"
    other.write_text("x")
    results = list(read_paths([tmp_path / "missing.txt", other]))
    assert all(isinstance(r, Skipped) for r in results)
    assert isinstance(results[0], Skipped) and results[0].reason == "no such file or folder"
    assert "unknown kind of file .md" in str(results[1])


def test_language_is_detected_when_not_given(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(EN)
    (tmp_path / "id.txt").write_text(ID)
    langs = [r.article.lang for r in read_paths([tmp_path]) if isinstance(r, Read)]
    assert langs == ["en", "id"]


def test_detection_reports_weak_guesses_as_undetermined() -> None:
    assert detect_language("Le président a rencontré son homologue chinois à Pékin mardi.").lang == "fr"
    weak = detect_language("ok")
    assert weak.lang is None and weak.guess is not None and weak.confidence < 0.5
    assert "not detected reliably" in weak.describe()
    assert detect_language("12345 !!!").lang is None


def test_lexicon_languages_are_the_lexicon_files() -> None:
    folder = Path(__file__).resolve().parents[2] / "data" / "lexicons"
    assert lexicon_languages() == {p.stem for p in folder.glob("*.yaml") if not p.name.startswith("_")}


def test_published_accepts_dates_and_datetimes_only() -> None:
    assert parse_published("2026-02") == PartialDate(2026, 2)
    assert parse_published("2026-02-05 10:00") == PartialDate(2026, 2, 5)
    with pytest.raises(ReadError):
        parse_published("5 February 2026")
    with pytest.raises(ReadError):
        parse_published(20260205)
