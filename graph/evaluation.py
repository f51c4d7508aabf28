"""Score article extraction against hand-annotated gold files.

A sample is ``data/samples/<name>.txt`` with ``<name>.gold.yaml`` (``lang``, ``published``,
``source``, ``title``, ``events``: each with ``type``, ``date``, ``states``, ...). An
extracted event matches a gold event when the types are equal, the date agrees at the gold
precision (the extracted date truncated to the gold precision equals the gold date; an
extracted date less precise than the gold one does not match) and the state sets are
equal. Matching is one-to-one and greedy per article. Precision, recall and F1 are reported
per event type and micro-averaged overall, for all articles and per language.

>>> report = evaluate()  # doctest: +SKIP
>>> print(report.table())  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from diplograph.graph.date import PartialDate
from diplograph.graph.extract import extract_article, to_contract
from diplograph.graph.model import EVENT_TYPES, Article

_ORDER = {"year": 0, "month": 1, "day": 2}


@dataclass
class Score:
    """Counts of true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was extracted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall.

        >>> round(Score(8, 2, 2).f1, 2)
        0.8
        """
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class ArticleResult:
    """The comparison for one sample article."""

    name: str
    lang: str
    matched: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class EvaluationReport:
    """Scores per type and language, and the per-article details."""

    articles: list[ArticleResult] = field(default_factory=list)

    def score(self, lang: str | None = None, etype: str | None = None) -> Score:
        """The counts for one language and/or one event type (None: all)."""
        total = Score()
        for result in self.articles:
            if lang is not None and result.lang != lang:
                continue
            total.add(
                Score(
                    sum(1 for g, _ in result.matched if etype in (None, g["type"])),
                    sum(1 for e in result.spurious if etype in (None, e["type"])),
                    sum(1 for g in result.missed if etype in (None, g["type"])),
                )
            )
        return total

    @property
    def f1(self) -> float:
        """Micro-averaged overall F1."""
        return self.score().f1

    def langs(self) -> list[str]:
        """The languages of the samples."""
        return sorted({r.lang for r in self.articles})

    def as_dict(self) -> dict[str, Any]:
        """Scores as plain data: ``overall``, ``by_type``, ``by_lang`` (each with by_type)."""

        def block(lang: str | None) -> dict[str, Any]:
            return {
                "overall": _numbers(self.score(lang)),
                "by_type": {t: _numbers(self.score(lang, t)) for t in EVENT_TYPES},
            }

        return {
            **block(None),
            "by_lang": {lang: block(lang) for lang in self.langs()},
            "articles": len(self.articles),
        }

    def table(self) -> str:
        """A text table: P/R/F1 per type, per language and overall."""
        langs = self.langs()
        header = f"{'type':<22}" + "".join(f"{col:>22}" for col in [*langs, "all"])
        lines = [header, f"{'':<22}" + "".join(f"{'P    R    F1   n':>22}" for _ in [*langs, "all"])]
        for etype in [*EVENT_TYPES, None]:
            row = f"{etype or 'overall (micro)':<22}"
            for lang in [*langs, None]:
                s = self.score(lang, etype)
                row += f"{s.precision:>7.2f}{s.recall:>5.2f}{s.f1:>5.2f}{s.tp + s.fn:>5d}"
            lines.append(row)
        return "\n".join(lines)


def _numbers(score: Score) -> dict[str, float | int]:
    return {
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
        "tp": score.tp,
        "fp": score.fp,
        "fn": score.fn,
    }


def date_matches(extracted: str, gold: str) -> bool:
    """Whether an extracted date agrees with a gold date at the gold precision.

    >>> date_matches("2026-02-04", "2026-02"), date_matches("2026", "2026-02")
    (True, False)
    """
    e, g = PartialDate.parse(extracted), PartialDate.parse(str(gold))
    if _ORDER[e.precision] < _ORDER[g.precision]:
        return False
    truncated = PartialDate(e.year, e.month if g.month else None, e.day if g.day else None)
    return truncated == g


def _match(extracted: dict[str, Any], gold: dict[str, Any]) -> bool:
    return (
        extracted["type"] == gold["type"]
        and date_matches(extracted["date"], str(gold["date"]))
        and set(extracted["states"]) == set(gold.get("states") or [])
    )


def compare(
    name: str, lang: str, extracted: Iterable[dict[str, Any]], gold: Iterable[dict[str, Any]]
) -> ArticleResult:
    """One-to-one greedy matching of extracted events to gold events."""
    result = ArticleResult(name, lang)
    remaining = list(gold)
    for event in extracted:
        hit = next((g for g in remaining if _match(event, g)), None)
        if hit is None:
            result.spurious.append(event)
        else:
            remaining.remove(hit)
            result.matched.append((hit, event))
    result.missed = remaining
    return result


def _samples_dir() -> Path:
    return Path(str(resources.files("diplograph.data").joinpath("samples")))


def evaluate(samples_dir: Path | str | None = None) -> EvaluationReport:
    """Extract every sample article and score it against its gold file."""
    folder = Path(samples_dir) if samples_dir is not None else _samples_dir()
    report = EvaluationReport()
    for gold_path in sorted(folder.glob("*.gold.yaml")):
        name = gold_path.name.removesuffix(".gold.yaml")
        text_path = gold_path.with_name(f"{name}.txt")
        if not text_path.exists():
            continue
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
        published = gold.get("published")
        article = Article.from_text(
            text_path.read_text(encoding="utf-8"),
            source=gold.get("source"),
            title=gold.get("title"),
            published=PartialDate.parse(str(published)) if published else None,
            lang=gold.get("lang"),
        )
        events = to_contract(extract_article(article))["events"]
        report.articles.append(compare(name, str(gold.get("lang")), events, gold.get("events") or []))
    return report
