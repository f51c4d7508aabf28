"""Timelines of diplomatic milestones: bilateral, per actor, per organisation, per leader.

>>> from diplograph.graph.builder import add_bundled_curated, load_reference
>>> from diplograph.graph.store import KnowledgeGraph
>>> kg = KnowledgeGraph(":memory:"); _ = load_reference(kg); _ = add_bundled_curated(kg)
>>> rows = timeline(kg, "China", "Russia", start=1996, end=1996)
>>> [(str(r.date), r.type) for r in rows]
[('1996-04', 'partnership')]
>>> rows[0].sources[0].kind
'curated'
"""

from __future__ import annotations

from diplograph.graph.timeline.actor import (
    Actor,
    AmbiguousActorError,
    UnknownActorWarning,
    resolve_actor,
)
from diplograph.graph.timeline.anniversary import ANNIVERSARY_TYPES, ROUND_YEARS, anniversaries
from diplograph.graph.timeline.asof import POST_NAMES, common_forums, whois
from diplograph.graph.timeline.formats import FORMATS, milestone_table, to_csv, to_ics, to_json, to_markdown
from diplograph.graph.timeline.lookup import ENCOUNTER_TYPES, TIMELINE_TYPES, timeline
from diplograph.graph.timeline.milestone import (
    Commemorated,
    Milestone,
    Participant,
    PostHolder,
    RoundAnniversary,
    SharedForum,
    Source,
)

__all__ = [
    "ANNIVERSARY_TYPES",
    "ENCOUNTER_TYPES",
    "FORMATS",
    "POST_NAMES",
    "ROUND_YEARS",
    "TIMELINE_TYPES",
    "Actor",
    "AmbiguousActorError",
    "Commemorated",
    "Milestone",
    "Participant",
    "PostHolder",
    "RoundAnniversary",
    "SharedForum",
    "Source",
    "UnknownActorWarning",
    "anniversaries",
    "common_forums",
    "milestone_table",
    "resolve_actor",
    "timeline",
    "to_csv",
    "to_ics",
    "to_json",
    "to_markdown",
    "whois",
]
