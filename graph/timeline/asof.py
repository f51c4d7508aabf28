"""As-of questions: who held a post on a date, which forums two actors shared on a date.

>>> from diplograph.graph.builder import add_bundled_curated, load_reference
>>> from diplograph.graph.store import KnowledgeGraph
>>> kg = KnowledgeGraph(":memory:"); _ = load_reference(kg); _ = add_bundled_curated(kg)
>>> [h.person.name for h in whois(kg, "head_of_state", "IDN", "2019-05-01")]
['Joko Widodo']
>>> "SCO" in [f.organisation.id for f in common_forums(kg, "CHN", "RUS", "2026-01-01")]
True
"""

from __future__ import annotations

import datetime as dt
import warnings

from rdflib import XSD, Literal

from diplograph.graph.date import PartialDate
from diplograph.graph.gazetteer import Gazetteer
from diplograph.graph.namespace import ID_BASE
from diplograph.graph.reference import POSTS
from diplograph.graph.store import KnowledgeGraph
from diplograph.graph.timeline.actor import UnknownActorWarning
from diplograph.graph.timeline.labels import LabelBook
from diplograph.graph.timeline.lookup import DateLike, as_partial_date, resolve_actors
from diplograph.graph.timeline.milestone import PostHolder, SharedForum
from diplograph.graph.timeline.selection import select

#: Posts :func:`whois` answers for.
POST_NAMES = tuple(POSTS)
_POST_OF_IRI = {str(iri): name for name, iri in POSTS.items()}


def _on(on: DateLike | None) -> dt.date:
    if on is None:
        return dt.date.today()
    return as_partial_date(on).earliest


def _date(text: str | None) -> PartialDate | None:
    try:
        return PartialDate.parse(text) if text else None
    except ValueError:
        return None


def whois(
    kg: KnowledgeGraph,
    post: str,
    state: str,
    on: DateLike | None = None,
    *,
    lang: str = "en",
    gazetteer: Gazetteer | None = None,
) -> list[PostHolder]:
    """Who held ``post`` (head_of_state, head_of_government, foreign_minister) of ``state`` on a day.

    Args:
        kg: the knowledge graph.
        post: one of :data:`POST_NAMES`.
        state: the state's code or name in any indexed language.
        on: the day (a year or month means its first day); today by default.
        lang: language of the names.
        gazetteer: the name index.

    Returns:
        The holders (two on a day of handover); empty, with a warning, for an unknown state.
    """
    if post not in POSTS:
        raise ValueError(f"unknown post {post!r}; one of {', '.join(POST_NAMES)}")
    actors = resolve_actors([state], gazetteer)
    if not actors:
        return []
    actor = actors[0]
    if actor.kind != "state":
        warnings.warn(UnknownActorWarning(f"{state!r} is not a state: no post holders"), stacklevel=2)
        return []
    book = LabelBook.get(lang)
    day = _on(on)
    rows = select(
        kg,
        "as_of_post",
        {"state": actor.iri, "post": POSTS[post], "day": Literal(day.isoformat(), datatype=XSD.date)},
    )
    return [
        PostHolder(
            person=book.actor(row["person"]),
            post=_POST_OF_IRI.get(row.get("post", ""), post),
            state=book.actor(row["state"]),
            title=row.get("title"),
            start=_date(row.get("start")),
            end=_date(row.get("end")),
        )
        for row in rows
        if "person" in row
    ]


def common_forums(
    kg: KnowledgeGraph,
    a: str,
    b: str,
    on: DateLike | None = None,
    *,
    lang: str = "en",
    gazetteer: Gazetteer | None = None,
) -> list[SharedForum]:
    """Organisations that had both ``a`` and ``b`` (states or organisations) as members on a day.

    Returns:
        The shared organisations; empty, with a warning, when a name is unknown.
    """
    actors = resolve_actors([a, b], gazetteer)
    if not actors:
        return []
    book = LabelBook.get(lang)
    day = _on(on)
    rows = select(
        kg,
        "common_memberships",
        {"a": actors[0].iri, "b": actors[1].iri, "day": Literal(day.isoformat(), datatype=XSD.date)},
    )
    forums = [
        SharedForum(
            organisation=book.actor(row["org"]),
            kind=row.get("kind"),
            since_a=_date(row.get("sinceA")),
            since_b=_date(row.get("sinceB")),
        )
        for row in rows
        if row.get("org", "").startswith(ID_BASE)
    ]
    return sorted(forums, key=lambda f: f.organisation.id)
