"""The result cache: bounded, least recently used first out, emptied by every update."""

from __future__ import annotations

import datetime as dt

from diplograph.graph.server.cache import ResultCache
from diplograph.graph.server.worker import Answer, Job


def test_hits_formats_and_generations() -> None:
    cache = ResultCache(1 << 20)
    json_job, csv_job = Job("query", "SELECT * {}", "json"), Job("query", "SELECT * {}", "csv")
    cache.put(cache.key(json_job), Answer(200, b"{}"))
    assert cache.get(cache.key(json_job)) == Answer(200, b"{}")
    assert cache.get(cache.key(csv_job)) is None  # another format is another answer
    stale = cache.key(csv_job)
    cache.invalidate()
    cache.put(stale, Answer(200, b"a,b"))  # computed before the update: not kept
    assert cache.get(cache.key(json_job)) is None and cache.get(cache.key(csv_job)) is None
    assert (cache.hits, cache.misses) == (1, 3)


def test_only_deterministic_successful_queries_are_kept() -> None:
    cache = ResultCache(1 << 20)
    for text in (
        "SELECT (RAND() AS ?r) {}",
        "SELECT (now () AS ?t) {}",
        "CONSTRUCT { [] ?p ?o } WHERE { BIND(BNODE() AS ?b) }",
    ):
        assert cache.key(Job("query", text, "json")) is None
    assert cache.key(Job("update", "CLEAR ALL")) is None
    assert ResultCache(0).key(Job("query", "ASK {}")) is None
    key = cache.key(Job("query", "ASK {}"))
    cache.put(key, Answer(504, b"stopped"))
    assert cache.get(key) is None


def test_bounded_in_bytes_least_recently_used_first() -> None:
    cache = ResultCache(8 * 100)  # entries up to 100 bytes
    keys = [cache.key(Job("query", f"ASK {{ <urn:{n}> ?p ?o }}")) for n in range(10)]
    cache.put(keys[0], Answer(200, b"x" * 101))
    assert cache.get(keys[0]) is None
    for key in keys:
        cache.put(key, Answer(200, b"x" * 100))
        cache.get(keys[0])  # keep the first one in use
    assert cache.size <= 800
    assert cache.get(keys[0]) is not None and cache.get(keys[1]) is None and cache.get(keys[9]) is not None


def test_now_read_as_a_day_is_kept_for_that_day() -> None:
    days = iter([dt.date(2026, 12, 3), dt.date(2026, 12, 3), dt.date(2026, 12, 3), dt.date(2026, 12, 4)])
    cache = ResultCache(1 << 20, today=lambda: next(days))
    text = (
        "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
        "SELECT ?m { ?m ?p ?end FILTER(?end > xsd:date(NOW())) }"
    )
    key = cache.key(Job("query", text))  # day 1
    cache.put(key, Answer(200, b"{}"))  # still day 1: kept
    assert cache.get(cache.key(Job("query", text))) == Answer(200, b"{}")  # asked on day 1
    assert cache.key(Job("query", text)) != key  # day 2: another key, the answer is run again
    for day_stable in (
        "SELECT (YEAR(NOW()) AS ?y) {}",
        "SELECT (<http://www.w3.org/2001/XMLSchema#date>( now ( ) ) AS ?d) {}",
    ):
        assert ResultCache(1 << 20).key(Job("query", day_stable)) is not None
    for changing in (
        "SELECT (NOW() AS ?t) {}",
        "SELECT (HOURS(NOW()) AS ?h) {}",
        "SELECT (YEAR(NOW()) AS ?y) (RAND() AS ?r) {}",
    ):
        assert ResultCache(1 << 20).key(Job("query", changing)) is None


def test_an_answer_computed_across_midnight_is_not_kept() -> None:
    days = iter([dt.date(2026, 12, 3), dt.date(2026, 12, 4)])
    cache = ResultCache(1 << 20, today=lambda: next(days))
    key = cache.key(Job("query", "SELECT (YEAR(NOW()) AS ?y) {}"))
    cache.put(key, Answer(200, b"{}"))  # the day ended while it ran
    assert cache.size == 0
