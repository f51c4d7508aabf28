"""The result cache: answers of repeated queries, kept while the store does not change.

64 MB by default (``diplograph serve --cache-mb N``; 0 turns it off). A read-only endpoint answers
the same query with the same bytes until the store changes, so a timeline page asked for
again is served from memory. Entries are keyed by the query text, the result format, the
limits and the dataset parameters, and by the store's *generation*: every update sent through
the endpoint starts a new generation and empties the cache (a read-only server has one
generation; workers open the store read-only and never see another process's writes).
Queries whose answer may differ from one run to the next (``RAND``, ``NOW``, ``UUID``,
``STRUUID``, ``BNODE``) are never cached, and neither is any answer but a success. One exception:
``NOW()`` read only as a day (``xsd:date(NOW())``, ``YEAR``, ``MONTH`` or ``DAY`` of it: "the
memberships current today") gives the same answer all day long, so such an answer is kept under
the day's date (UTC, the timezone of ``NOW()``) and not kept if the day ended while it ran.

>>> cache = ResultCache(1 << 20)
>>> job = Job("query", "ASK {}", "json")
>>> key = cache.key(job)
>>> cache.put(key, Answer(200, b"true"))
>>> cache.get(key)
Answer(status=200, body=b'true', media_type='text/plain; charset=utf-8')
>>> cache.invalidate()
>>> cache.get(cache.key(job)) is None
True
"""

from __future__ import annotations

import datetime as dt
import re
from collections import OrderedDict
from collections.abc import Callable, Hashable

from diplograph.graph.server.worker import Answer, Job

_VOLATILE = re.compile(r"\b(?:RAND|NOW|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)
#: ``NOW()`` read as a day: the same answer from midnight to midnight (UTC).
_TODAY = re.compile(
    r"(?:\bxsd:date|<http://www\.w3\.org/2001/XMLSchema#date>|\b(?:YEAR|MONTH|DAY))"
    r"\s*\(\s*NOW\s*\(\s*\)\s*\)",
    re.IGNORECASE,
)


def _utc_today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


ENTRY_SHARE = 8  # one entry may take at most 1/8 of the cache


class ResultCache:
    """A least-recently-used map from query keys to successful answers, bounded in bytes.

    Args:
        max_bytes: the most body bytes kept (0: the cache is off).
        today: the current UTC date (a clock for tests).
    """

    def __init__(self, max_bytes: int, today: Callable[[], dt.date] = _utc_today) -> None:
        self.max_bytes = max_bytes
        self.today = today
        self.generation = 0
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Hashable, Answer] = OrderedDict()

    def key(self, job: Job) -> Hashable | None:
        """The cache key of a query job, or ``None`` when its answer must not be cached."""
        if self.max_bytes <= 0 or job.kind != "query":
            return None
        day = None
        if _VOLATILE.search(job.text):
            if _VOLATILE.search(_TODAY.sub("", job.text)):
                return None
            day = self.today()
        return (
            self.generation,
            job.text,
            job.fmt,
            job.max_results,
            job.default_graphs,
            job.named_graphs,
            day,
        )

    def get(self, key: Hashable | None) -> Answer | None:
        """The kept answer for ``key`` (and mark it recently used), or ``None``."""
        if key is None:
            return None
        answer = self._entries.get(key)
        if answer is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return answer

    def put(self, key: Hashable | None, answer: Answer) -> None:
        """Keep a successful answer, unless its generation has passed or it is too large."""
        if key is None or answer.status != 200 or not isinstance(key, tuple) or key[0] != self.generation:
            return
        if key[-1] is not None and key[-1] != self.today():
            return  # read NOW() as a day that has ended since
        size = len(answer.body)
        if size > self.max_bytes // ENTRY_SHARE or key in self._entries:
            return
        self._entries[key] = answer
        self.size += size
        while self.size > self.max_bytes:
            _, dropped = self._entries.popitem(last=False)
            self.size -= len(dropped.body)

    def invalidate(self) -> None:
        """Start a new generation: the store changed (or may have); forget every answer."""
        self.generation += 1
        self._entries.clear()
        self.size = 0


__all__ = ["ResultCache"]
