"""The diplograph vocabulary and the IRI scheme for instances.

``DIP`` is the ontology (``ontology/diplograph.ttl``) seen from Python: an rdflib
``DefinedNamespace`` that refuses unknown terms, kept in step with the Turtle by a test.
``ID`` is where instances live; the helpers below mint their IRIs.

>>> from diplograph.graph.namespace import DIP, state_iri
>>> str(DIP.VirtualMeeting)
'https://w3id.org/diplograph/ontology#VirtualMeeting'
>>> str(state_iri("chn"))
'https://w3id.org/diplograph/id/state/CHN'
"""

from __future__ import annotations

import hashlib
import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/diplograph/ontology"
ID_BASE = "https://w3id.org/diplograph/id/"


class DIP(DefinedNamespace):
    """The diplograph ontology, ``https://w3id.org/diplograph/ontology#`` (prefix ``dip:``)."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI + "#")

    # Actors
    Actor: URIRef  # Anything that takes part in diplomacy: a state, a person or an organisation.
    State: URIRef  # A sovereign state (UN member or observer), identified by its ISO alpha-3 code.
    Person: URIRef  # A person who holds or held a post: head of state or government, minister.
    Organisation: URIRef  # An international organisation.
    Forum: URIRef  # A recurring forum or conference that is not itself an organisation.
    Organ: URIRef  # An organ of an organisation (the UN Security Council of the UN).

    # Posts and memberships over time
    Post: URIRef  # A kind of office a person holds in a state.
    HeadOfState: URIRef  # The office of head of state.
    HeadOfGovernment: URIRef  # The office of head of government.
    ForeignMinister: URIRef  # The office of minister of foreign affairs.
    Tenure: URIRef  # One person holding one post of one state over a dated interval.
    Membership: URIRef  # A state or organisation being a member of an organisation over an interval.

    # Events
    Event: URIRef  # A diplomatic event or relationship milestone.
    Meeting: URIRef  # An in-person meeting or talks.
    VirtualMeeting: URIRef  # A meeting held by video link.
    PhoneCall: URIRef  # A telephone conversation.
    StateVisit: URIRef  # A state or official visit by one leader to another state.
    TreatySigning: URIRef  # The signing of a treaty, agreement, joint statement or communique.
    ForumSummit: URIRef  # A summit or meeting of an organisation or forum.
    Anniversary: URIRef  # The commemoration of an earlier event, with its ordinal.
    RelationsEstablished: URIRef  # The establishment or normalisation of diplomatic relations.
    Partnership: URIRef  # A partnership declared or upgraded.

    # Provenance
    Article: URIRef  # A news article that facts were extracted from.
    Mention: URIRef  # One statement of an event in one source (article sentence or curated record).
    CuratedSource: URIRef  # A file of hand-entered facts.

    # Actor properties
    alpha2: URIRef  # ISO 3166-1 alpha-2 code.
    alpha3: URIRef  # ISO 3166-1 alpha-3 code.
    unStatus: URIRef  # "member" or "observer" at the United Nations.
    capital: URIRef  # Name of the capital city.
    demonym: URIRef  # A demonym or adjective for the state.
    acronym: URIRef  # An acronym of an organisation.
    surname: URIRef  # The name the press uses alone for a person.
    orgKind: URIRef  # "organisation", "forum" or "organ".
    partOf: URIRef  # The organisation an organ belongs to.
    founded: URIRef  # Founding date of an organisation.

    # Tenure and membership properties
    holder: URIRef  # The person holding a tenure.
    post: URIRef  # The post of a tenure.
    ofState: URIRef  # The state whose post a tenure is.
    title: URIRef  # The title of an office (or of an article).
    member: URIRef  # The member of a membership.
    organisation: URIRef  # The organisation of a membership.
    startDate: URIRef  # Start, as precise as known (xsd:date, xsd:gYearMonth or xsd:gYear).
    endDate: URIRef  # End, as precise as known; absent while ongoing.
    startDay: URIRef  # Earliest day the start can be (xsd:date), for comparisons.
    endDay: URIRef  # Latest day the end can be (xsd:date), for comparisons.

    # Event properties
    date: URIRef  # Date of an event as precise as known (xsd:date, xsd:gYearMonth or xsd:gYear).
    datePrecision: URIRef  # "day", "month" or "year".
    earliestDay: URIRef  # First day the event can have happened (xsd:date).
    latestDay: URIRef  # Last day the event can have happened (xsd:date).
    participant: URIRef  # An actor taking part in an event.
    host: URIRef  # The actor hosting an event.
    guest: URIRef  # The visiting actor of an event.
    signatory: URIRef  # An actor signing a treaty.
    forum: URIRef  # The organisation or forum an event belongs to.
    place: URIRef  # Name of the place an event happened in.
    status: URIRef  # "occurred" or "planned".
    ordinal: URIRef  # N of an N-th anniversary.
    commemorates: URIRef  # The event an anniversary commemorates.
    commemoratedYear: URIRef  # The year of what an anniversary commemorates (xsd:gYear).
    derived: URIRef  # True for a milestone known only by derivation (from an anniversary).
    derivedFrom: URIRef  # The anniversary a derived milestone was derived from.
    dyad: URIRef  # An unordered pair of the event's participants (index for pair lookups).
    digest: URIRef  # What one named graph states about an event, packed as JSON (timeline index).

    # Provenance properties
    about: URIRef  # The event a mention states.
    sentence: URIRef  # The sentence a mention was read from.
    startOffset: URIRef  # Character offset where the evidence starts in the article text.
    endOffset: URIRef  # Character offset where the evidence ends in the article text.
    confidence: URIRef  # Confidence of an extracted mention, 0 to 1.
    extractorVersion: URIRef  # Version of the extractor that produced a mention.
    citation: URIRef  # Citation of a curated record.
    source: URIRef  # Where an article came from (URL or file name).
    published: URIRef  # Publication date of an article.
    language: URIRef  # Language of an article (ISO 639-1).
    sha256: URIRef  # SHA-256 of an article's text: its identity.


SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
ORG = Namespace("http://www.w3.org/ns/org#")
WD = Namespace("http://www.wikidata.org/entity/")
ID = Namespace(ID_BASE)

#: The prefixes diplograph declares in queries and serialisations.
PREFIXES: dict[str, str] = {
    "dip": ONTOLOGY_IRI + "#",
    "id": ID_BASE,
    "sem": str(SEM),
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": str(ORG),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": str(WD),
}

REFERENCE_GRAPH = URIRef(ID_BASE + "graph/reference")
ONTOLOGY_GRAPH = URIRef(ID_BASE + "graph/ontology")
AGENT = URIRef(ID_BASE + "agent/diplograph")

_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Turn a name into the lowercase ASCII slug used in IRIs.

    >>> slugify("Xi Jinping")
    'xi-jinping'
    """
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_text.lower()).strip("-") or hashlib.sha256(text.encode()).hexdigest()[:12]


def state_iri(alpha3: str) -> URIRef:
    """IRI of a state from its ISO alpha-3 code.

    >>> state_iri("RUS").endswith("/state/RUS")
    True
    """
    return URIRef(f"{ID_BASE}state/{alpha3.upper()}")


def person_iri(person_id: str) -> URIRef:
    """IRI of a person from their reference id (a slug).

    >>> str(person_iri("vladimir-putin"))
    'https://w3id.org/diplograph/id/person/vladimir-putin'
    """
    return URIRef(f"{ID_BASE}person/{slugify(person_id)}")


def org_iri(org_id: str) -> URIRef:
    """IRI of an organisation from its short English name.

    >>> str(org_iri("SCO"))
    'https://w3id.org/diplograph/id/org/SCO'
    """
    return URIRef(f"{ID_BASE}org/{re.sub(r'[^A-Za-z0-9_-]', '', org_id)}")


def article_graph_iri(sha256: str) -> URIRef:
    """Named graph holding one article's facts.

    >>> article_graph_iri("ab" * 32).startswith("https://w3id.org/diplograph/id/graph/article/")
    True
    """
    return URIRef(f"{ID_BASE}graph/article/{_hex(sha256)}")


def curated_graph_iri(name: str) -> URIRef:
    """Named graph holding one curated file's facts.

    >>> str(curated_graph_iri("chn-rus"))
    'https://w3id.org/diplograph/id/graph/curated/chn-rus'
    """
    return URIRef(f"{ID_BASE}graph/curated/{slugify(name)}")


def article_iri(sha256: str) -> URIRef:
    """IRI of an article from its content hash.

    >>> article_iri("ab" * 32).startswith("https://w3id.org/diplograph/id/article/")
    True
    """
    return URIRef(f"{ID_BASE}article/{_hex(sha256)}")


def _hex(value: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{16,64}", value):
        raise ValueError(f"not a hexadecimal digest: {value!r}")
    return value
