"""Sentence segmentation with character offsets.

Boundaries are line breaks (headlines, captions and datelines often lack final punctuation)
and sentence-final punctuation followed by a space and an upper-case letter, digit or quote,
unless the word before the period is a known abbreviation ("Mr.", "No.", "Dr."), a single
letter (initials), or dotted like "U.S." followed by a lower-case word or a title word
("U.S. President Donald Trump"). A dateline
("JAKARTA, Kompas.com -", "MOSCOW (Reuters) -", "HALLONEWS.COM-") is split off the start of a
paragraph, so its place is not read as an actor.

>>> [s.text for s in split_sentences("Mr. Xi met Mr. Putin. They talked.\\nCaption line")]
['Mr. Xi met Mr. Putin.', 'They talked.', 'Caption line']
>>> s = split_sentences("MOSCOW (Reuters) - Putin spoke.")[0]
>>> s.text, s.dateline
('Putin spoke.', 'MOSCOW (Reuters) -')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import NamedTuple

# A line break, or sentence-final punctuation (and closing quotes) before a space and a capital,
# digit or opening quote. Written to open with a character class, so the search skips in C to
# the next candidate character.
_BOUNDARY = re.compile(r"[\n.!?…](?:(?<=\n)|(?<!\n)[.!?…]*[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-Þ]))")
_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum accepts
_RUN = re.compile(r"[\w.]*")  # the word before a period (read in the reversed text)
_WORD_REACH = 30
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w-]*)")
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.'’ ]{1,40}?,?\s*(?:[^\n()]{0,30}?)?\s*\([A-Za-z][^()\n]{1,40}\)\s*[-–—]+\s*"
    r"|[A-Z][A-Z.'’ ]{2,40}(?:,[^\n\-–—]{1,40}?)?\s*[-–—]+\s*"
    r"|[A-Z][A-Za-z]+(?:\.[A-Za-z]+)*\.(?:COM|com|ID|id|CO|co|NET|net)[-–—:]\s*"
    r"|[A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,3}, (?:[A-Z0-9(][\w./()]*,? ?){1,6}\s*[-–—]+\s+)",
    re.MULTILINE,
)


class Sentence(NamedTuple):
    """A sentence: its text, offsets ``[start, end)`` in the article, and any dateline cut off."""

    text: str
    start: int
    end: int
    dateline: str | None = None


def split_sentences(
    text: str, abbreviations: Iterable[str] = (), title_words: frozenset[str] = frozenset()
) -> list[Sentence]:
    """Split ``text`` into sentences (stripped of surrounding space), keeping offsets.

    Args:
        text: the article text.
        abbreviations: lower-case words that a period does not end a sentence after
            (the lexicon's ``abbreviations``); a few universal ones are always known.
        title_words: casefolded words that continue a sentence after a dotted initialism
            (the lexicon's ``title_words``: "U.S. President ...").

    >>> [s.start for s in split_sentences("A b. C d.")]
    [0, 5]
    >>> len(split_sentences("He met U.S. President Biden.", title_words=frozenset({"president"})))
    1
    """
    abbrev = _abbreviations(frozenset(abbreviations))
    sentences: list[Sentence] = []
    start = 0
    backwards = text[::-1]  # the word before a period is a run read forwards in the reversed text
    size = len(text)
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group()[0] == ".":  # only a period may follow an abbreviation or an initial
            at = match.start()
            run = _RUN.match(backwards, size - at, size - max(start, at - _WORD_REACH))
            first = at - (run.end() - (size - at)) if run else at
            before = text[first:at].rstrip(".")
            if (
                before.casefold() in abbrev
                or (len(before) == 1 and before.isupper())
                or ("." in before and len(before) <= 6 and _lower_follows(text, end))
                or ("." in before and len(before) <= 6 and _word_after(text, end) in title_words)
                or ("." in before and len(before) <= 6 and not text[start:first].strip())
            ):  # "U.S. President ...": an initialism opening a sentence does not end it
                continue
        _append(sentences, text, start, end)
        start = end
    _append(sentences, text, start, len(text))
    return sentences


@functools.lru_cache(maxsize=16)
def _abbreviations(extra: frozenset[str]) -> frozenset[str]:
    universal = {"mr", "mrs", "ms", "dr", "prof", "no", "st", "vs", "jr", "sr"}
    return frozenset(universal | {a.casefold() for a in extra})


def _lower_follows(text: str, end: int) -> bool:
    rest = text[end : end + 3].lstrip()
    return bool(rest) and rest[0].islower()


def _word_after(text: str, end: int) -> str:
    match = _NEXT_WORD.match(text, end)
    return match.group(1).casefold() if match else ""


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped or (not stripped[0].isalnum() and _ALNUM.search(stripped) is None):
        return
    s = start + (len(chunk) - len(chunk.lstrip()))
    e = s + len(stripped)
    dateline = None
    paragraph_start = s == 0 or text[s - 1] == "\n" or "\n" in text[max(0, s - 2) : s]
    if paragraph_start and _may_have_dateline(text, s, e):
        match = _DATELINE.match(text, s, e)
        if match and match.end() < e and not _looks_like_sentence_start(match.group()):
            dateline = match.group().strip()
            s = match.end()
    sentences.append(Sentence(stripped if dateline is None else text[s:e], s, e, dateline))


def _may_have_dateline(text: str, start: int, end: int) -> bool:
    """A cheap test before the dateline pattern: a dash or a comma early in the paragraph."""
    head = text[start : min(end, start + 90)]
    return ("-" in head or "–" in head or "—" in head or ":" in head) and not head[:1].islower()


def _looks_like_sentence_start(prefix: str) -> bool:
    # "Indonesia and Australia - two neighbours - ..." is not a dateline: a dateline has no
    # lower-case word outside the parenthesised outlet.
    outside = re.sub(r"\([^)]*\)", "", prefix)
    return any(w[:1].islower() for w in outside.split() if w[:1].isalpha())
