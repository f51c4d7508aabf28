"""Languages: detecting an article's language, and knowing which ones the extractor reads.

Detection uses lingua restricted to the languages diplograph's sources are likely to be in
(:data:`LIKELY_LANGUAGES`), built once, lazily. A weak guess is reported as such, never
rounded up to a language: extraction needs a lexicon language, so an article whose language
is unknown, or has no lexicon in ``data/lexicons/``, is skipped with that reason.

>>> detect_language("Presiden Prabowo Subianto menerima kunjungan Perdana Menteri Australia.").lang
'id'
>>> "en" in lexicon_languages()
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

#: ISO 639-1 codes the detector chooses among.
LIKELY_LANGUAGES: tuple[str, ...] = (
    "en", "id", "ms", "fr", "de", "es", "pt", "ru", "zh", "ar", "ja", "ko", "nl", "it", "tr", "vi", "th",
)  # fmt: skip

#: Below this confidence (0..1) a detection is reported as undetermined.
MIN_CONFIDENCE = 0.5

#: Detection looks at this many leading characters (enough for a reliable guess, and fast).
SAMPLE_CHARS = 2000


@dataclass(frozen=True)
class Detection:
    """The outcome of language detection.

    Attributes:
        lang: the ISO 639-1 code, or ``None`` when no language reached :data:`MIN_CONFIDENCE`.
        confidence: the detector's confidence in its best guess, 0..1.
        guess: the best guess even when it is too weak to use (for messages).
    """

    lang: str | None
    confidence: float
    guess: str | None = None

    def describe(self) -> str:
        """A short human-readable account of the detection.

        >>> Detection(None, 0.24, "tr").describe()
        'language not detected reliably (best guess tr, confidence 0.24)'
        """
        if self.lang is not None:
            return f"detected {self.lang} (confidence {self.confidence:.2f})"
        if self.guess is None:
            return "language not detected (no letters to go on)"
        return f"language not detected reliably (best guess {self.guess}, confidence {self.confidence:.2f})"


@functools.cache
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LIKELY_LANGUAGES
    ]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str) -> Detection:
    """Detect the language of ``text`` among :data:`LIKELY_LANGUAGES`.

    >>> detect_language("The two presidents held talks in Beijing on Tuesday.").lang
    'en'
    >>> detect_language("ok").lang is None
    True
    """
    sample = text[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return Detection(None, 0.0)
    values = _detector().compute_language_confidence_values(sample)
    if not values:
        return Detection(None, 0.0)
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    confidence = float(best.value)
    if confidence < MIN_CONFIDENCE:
        return Detection(None, confidence, code)
    return Detection(code, confidence, code)


@functools.cache
def lexicon_languages() -> frozenset[str]:
    """The languages with an extraction lexicon (``data/lexicons/<code>.yaml``).

    >>> sorted(lexicon_languages())[:2]
    ['en', 'id']
    """
    folder = resources.files("diplograph.data").joinpath("lexicons")
    return frozenset(
        entry.name.removesuffix(".yaml")
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml") and not entry.name.startswith(("_", "."))
    )
