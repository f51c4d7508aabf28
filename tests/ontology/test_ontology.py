"""The ontology (diplograph.ttl) and the SHACL shapes (shapes.ttl).

The ontology is kept in step with ``DIP`` in graph/namespace.py, the shapes accept a small but
complete graph (reference triples written as graph/reference.py does, event triples made by
graph/rdf.py) and reject each broken variant in ``cases/`` with the shape and focus node named
in that file's ``# expect:`` lines.
"""

from __future__ import annotations

import functools
from importlib.resources import files
from pathlib import Path

import pyshacl
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, VANN

from diplograph.graph.date import PartialDate
from diplograph.graph.model import EVENT_CLASSES, Article, Event, FactSet, Mention
from diplograph.graph.namespace import DIP, ID, ONTOLOGY_IRI, WD, org_iri, person_iri, state_iri
from diplograph.graph.rdf import facts_to_graph

DIP_NS = str(DIP._NS)
DSH = Namespace("https://w3id.org/diplograph/shapes#")
CASES = Path(__file__).parent / "cases"
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}
POSTS = {DIP.HeadOfState, DIP.HeadOfGovernment, DIP.ForeignMinister}


# --- loading -------------------------------------------------------------------------------


def _load(name: str) -> Graph:
    text = files("diplograph.ontology").joinpath(name).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


@functools.cache
def _ontology() -> Graph:
    return _load("diplograph.ttl")


@functools.cache
def _shapes() -> Graph:
    return _load("shapes.ttl")


@pytest.fixture
def ontology() -> Graph:
    return _ontology()


@pytest.fixture
def shapes() -> Graph:
    return _shapes()


def dip_terms() -> dict[str, URIRef]:
    return {name: getattr(DIP, name) for name in DIP.__annotations__}


def in_dip(node: object) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(DIP_NS)


def test_files_parse(ontology: Graph, shapes: Graph) -> None:
    assert len(ontology) > 0
    assert len(shapes) > 0


# --- the ontology ----------------------------------------------------------------------------


def test_ontology_header(ontology: Graph) -> None:
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(onto, OWL.versionInfo) == Literal("0.1.0")
    for prop in (
        URIRef("http://purl.org/dc/terms/title"),
        URIRef("http://purl.org/dc/terms/description"),
        URIRef("http://purl.org/dc/terms/license"),
    ):
        assert ontology.value(onto, prop) is not None, prop
    assert str(ontology.value(onto, VANN.preferredNamespacePrefix)) == "dip"
    assert str(ontology.value(onto, VANN.preferredNamespaceUri)) == DIP_NS


@pytest.mark.parametrize("name", sorted(DIP.__annotations__))
def test_every_dip_term_is_declared(ontology: Graph, name: str) -> None:
    term = getattr(DIP, name)
    types = set(ontology.objects(term, RDF.type))
    assert types & TERM_TYPES, f"dip:{name} has no owl type in diplograph.ttl"
    if name[0].isupper() and term not in POSTS:
        assert OWL.Class in types, f"dip:{name} should be an owl:Class"
    elif term in POSTS:
        assert {DIP.Post, OWL.NamedIndividual} <= types, f"dip:{name} should be a dip:Post"
    else:
        assert types & {OWL.ObjectProperty, OWL.DatatypeProperty}, f"dip:{name} is a property"
    labels = {label.language for label in ontology.objects(term, RDFS.label)}
    assert {"en", "id"} <= labels, f"dip:{name} needs English and Indonesian rdfs:label"
    comments = [c for c in ontology.objects(term, RDFS.comment) if c.language == "en"]
    assert comments, f"dip:{name} needs an English rdfs:comment"


def test_no_term_outside_dip(ontology: Graph, shapes: Graph) -> None:
    known = set(dip_terms().values())
    for source, graph in (("diplograph.ttl", ontology), ("shapes.ttl", shapes)):
        used = {node for triple in graph for node in triple if in_dip(node)}
        assert used - known == set(), f"{source} uses terms that are not in DIP"
    subjects = {s for s in ontology.subjects() if in_dip(s)}
    assert subjects == known


def test_event_classes_are_events(ontology: Graph) -> None:
    for cls in EVENT_CLASSES.values():
        assert (cls, RDFS.subClassOf, DIP.Event) in ontology, cls


def test_date_ranges_are_the_three_precisions(ontology: Graph) -> None:
    for prop in (DIP.date, DIP.startDate, DIP.endDate, DIP.founded, DIP.published):
        union = ontology.value(ontology.value(prop, RDFS.range), OWL.unionOf)
        assert union is not None, prop
        assert set(Collection(ontology, union)) == {XSD.date, XSD.gYearMonth, XSD.gYear}


# --- the shapes ------------------------------------------------------------------------------


def test_target_classes_exist(ontology: Graph, shapes: Graph) -> None:
    targets = set(shapes.objects(None, SH.targetClass))
    assert targets
    for cls in targets:
        assert in_dip(cls), cls
        assert (cls, RDF.type, OWL.Class) in ontology, f"{cls} is not a class of the ontology"


def test_shapes_are_documented(shapes: Graph) -> None:
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    # Alternatives inside sh:or / sh:xone lists are parts of their named shape, not shapes of their own.
    alternatives = {member for head in shapes.objects(None, SH.xone) for member in Collection(shapes, head)}
    property_shapes = {
        shape for parent, shape in shapes.subject_objects(SH.property) if parent not in alternatives
    }
    assert node_shapes and property_shapes
    for shape in node_shapes | property_shapes:
        assert shapes.value(shape, SH.name) is not None, f"{shape} needs sh:name"
        assert shapes.value(shape, SH.description) is not None, f"{shape} needs sh:description"
    for shape in node_shapes | property_shapes:
        assert str(shape).startswith(str(DSH)), f"{shape}: name shapes in dsh: so reports cite them"
    for shape in property_shapes:
        assert shapes.value(shape, SH.message) is not None, f"{shape} needs sh:message"
    for constraint in shapes.objects(None, SH.sparql):
        assert shapes.value(constraint, SH.message) is not None, "SPARQL rule needs sh:message"


# --- a small valid graph ---------------------------------------------------------------------

STATES = {
    "CHN": ("CN", "China", "Tiongkok", "Q148"),
    "RUS": ("RU", "Russia", "Rusia", "Q159"),
    "IDN": ("ID", "Indonesia", "Indonesia", "Q252"),
    "AUS": ("AU", "Australia", "Australia", "Q408"),
    "GBR": ("GB", "United Kingdom", "Britania Raya", "Q145"),
}
PEOPLE = {
    "xi-jinping": ("Xi Jinping", "Xi", "Q15031"),
    "vladimir-putin": ("Vladimir Putin", "Putin", "Q7747"),
    "jiang-zemin": ("Jiang Zemin", "Jiang", "Q16597"),
}


def _date(text: str) -> Literal:
    date = PartialDate.parse(text)
    datatype = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}[date.precision]
    return Literal(text, datatype=datatype)


def _span(graph: Graph, node: URIRef, start: str, end: str | None) -> None:
    graph.add((node, DIP.startDate, _date(start)))
    graph.add((node, DIP.startDay, Literal(PartialDate.parse(start).earliest)))
    if end is not None:
        graph.add((node, DIP.endDate, _date(end)))
        graph.add((node, DIP.endDay, Literal(PartialDate.parse(end).latest)))


def reference_graph() -> Graph:
    """Reference triples shaped as graph/reference.py writes them."""
    graph = Graph()
    for alpha3, (alpha2, en, id_, qid) in STATES.items():
        node = state_iri(alpha3)
        graph.add((node, RDF.type, DIP.State))
        graph.add((node, RDF.type, DIP.Actor))
        graph.add((node, DIP.alpha3, Literal(alpha3)))
        graph.add((node, DIP.alpha2, Literal(alpha2)))
        graph.add((node, DIP.unStatus, Literal("member")))
        graph.add((node, RDFS.label, Literal(en, lang="en")))
        graph.add((node, RDFS.label, Literal(id_, lang="id")))
        graph.add((node, DIP.demonym, Literal(en + "n", lang="en")))
        graph.add((node, OWL.sameAs, WD[qid]))
    graph.add((state_iri("IDN"), SKOS.altLabel, Literal("RI", lang="id")))
    graph.add((state_iri("IDN"), DIP.capital, Literal("Jakarta", lang="en")))
    for slug, (name, surname, qid) in PEOPLE.items():
        node = person_iri(slug)
        graph.add((node, RDF.type, DIP.Person))
        graph.add((node, RDF.type, DIP.Actor))
        graph.add((node, RDFS.label, Literal(name, lang="en")))
        graph.add((node, DIP.surname, Literal(surname)))
        graph.add((node, OWL.sameAs, WD[qid]))
    tenures = (
        ("xi-jinping", DIP.HeadOfState, "CHN", "President", "2013-03-14", None),
        ("vladimir-putin", DIP.HeadOfGovernment, "RUS", "Prime Minister", "1999-08", "2000-05"),
        ("jiang-zemin", DIP.HeadOfState, "CHN", "President", "1993", "2003-03-15"),
    )
    for slug, post, alpha3, title, start, end in tenures:
        node = ID[f"tenure/{slug}/{post.fragment}/{alpha3}/{start}"]
        graph.add((node, RDF.type, DIP.Tenure))
        graph.add((node, DIP.holder, person_iri(slug)))
        graph.add((node, DIP.post, post))
        graph.add((node, DIP.ofState, state_iri(alpha3)))
        graph.add((node, DIP.title, Literal(title, lang="en")))
        _span(graph, node, start, end)
    organisations = (
        ("UN", DIP.Organisation, "organisation", "United Nations", "1945-10-24", None),
        ("UNSC", DIP.Organ, "organ", "United Nations Security Council", "1946", "UN"),
        ("SCO", DIP.Organisation, "organisation", "Shanghai Cooperation Organisation", "2001-06-15", None),
        ("G20", DIP.Forum, "forum", "Group of Twenty", "1999-09", None),
        ("EU", DIP.Organisation, "organisation", "European Union", "1993-11-01", None),
    )
    for key, cls, kind, name, founded, parent in organisations:
        node = org_iri(key)
        graph.add((node, RDF.type, cls))
        graph.add((node, RDF.type, DIP.Actor))
        graph.add((node, RDFS.label, Literal(name, lang="en")))
        graph.add((node, DIP.acronym, Literal(key)))
        graph.add((node, DIP.acronym, Literal(key, lang="en")))
        graph.add((node, DIP.orgKind, Literal(kind)))
        graph.add((node, DIP.founded, _date(founded)))
        if parent:
            graph.add((node, DIP.partOf, org_iri(parent)))
    memberships = (
        ("CHN", "SCO", "2001-06-15", None),
        ("RUS", "UNSC", "1991-12", None),
        ("IDN", "G20", "1999", None),
        ("EU", "G20", "1999", None),
        ("GBR", "EU", "1973-01-01", "2020-01-31"),
    )
    for member, org, start, end in memberships:
        node = ID[f"membership/{member}/{org}/{start}"]
        graph.add((node, RDF.type, DIP.Membership))
        who = state_iri(member) if member in STATES else org_iri(member)
        graph.add((node, DIP.member, who))
        graph.add((node, DIP.organisation, org_iri(org)))
        _span(graph, node, start, end)
    return graph


def fact_graphs() -> list[Graph]:
    """One article graph and one curated graph, made by graph/rdf.py."""
    text = "Xi Jinping and Vladimir Putin held talks by video link on Wednesday."
    article = Article.from_text(
        text,
        source="https://example.org/news/xi-putin-video",
        title="Xi and Putin talk by video",
        published=PartialDate(2026, 2, 4),
        lang="en",
    )
    milestone = Event("relations_established", PartialDate(1949), states=("CHN", "RUS"), derived=True)
    mentions = [
        Mention(
            Event(
                "virtual_meeting",
                PartialDate(2026, 2, 4),
                states=("CHN", "RUS"),
                people=("xi-jinping", "vladimir-putin"),
                label=(("en", "Xi and Putin hold video talks"), ("id", "Xi dan Putin berbicara lewat video")),
            ),
            text,
            start=0,
            end=len(text),
            confidence=0.9,
        ),
        Mention(
            Event(
                "anniversary",
                PartialDate(2024, 10, 2),
                states=("CHN", "RUS"),
                ordinal=75,
                commemorates=milestone,
            ),
            "The two countries marked 75 years of diplomatic relations.",
            confidence=0.8,
        ),
        Mention(
            Event(
                "forum_summit",
                PartialDate(2025, 11),
                states=("IDN", "AUS"),
                organisations=("G20",),
                place="Johannesburg",
            ),
            "Indonesia and Australia met at the G20 summit.",
            confidence=0.75,
        ),
        Mention(
            Event(
                "state_visit",
                PartialDate(2025, 5, 24),
                states=("IDN", "CHN"),
                people=("xi-jinping",),
                hosts=("IDN",),
                guests=("xi-jinping",),
                status="planned",
            ),
            "Xi is expected in Jakarta.",
            confidence=0.6,
        ),
    ]
    article_graph = facts_to_graph(FactSet(mentions, article=article))
    treaty = Event(
        "treaty_signing",
        PartialDate(2001, 7, 16),
        states=("CHN", "RUS"),
        people=("jiang-zemin", "vladimir-putin"),
        place="Moscow",
        label=(("en", "Treaty of Good-Neighbourliness signed"),),
    )
    curated_graph = facts_to_graph(
        FactSet(
            [
                Mention(
                    treaty, "Treaty of Good-Neighbourliness signed", citation="Treaty text, UN Treaty Series"
                )
            ],
            curated_name="chn-rus",
            curated_title="China-Russia relations",
        )
    )
    return [article_graph, curated_graph]


def _stored(graph: Graph) -> Graph:
    """The graph as read back from the store: serialised, then parsed."""
    return Graph().parse(data=graph.serialize(format="nt"), format="nt")


@functools.cache
def _valid_data() -> Graph:
    union = Graph()
    for graph in (reference_graph(), *fact_graphs()):
        union += graph
    return _stored(union)


def _validate(data: Graph) -> tuple[bool, Graph, str]:
    conforms, report, text = pyshacl.validate(data, shacl_graph=_shapes(), inference="none")
    return bool(conforms), report, text


def test_valid_graph_covers_every_target_class(shapes: Graph) -> None:
    data = _valid_data()
    for cls in set(shapes.objects(None, SH.targetClass)):
        assert next(data.subjects(RDF.type, cls), None) is not None, f"no {cls} to validate"


@pytest.mark.parametrize("with_ontology", [False, True], ids=["data", "data+ontology"])
def test_valid_graph_conforms(with_ontology: bool) -> None:
    data = Graph()
    data += _valid_data()
    if with_ontology:  # the store's union graph also holds the ontology
        data += _ontology()
    conforms, _, text = _validate(data)
    assert conforms, text


def test_facts_graph_conforms_before_storage() -> None:
    data = reference_graph()
    for graph in fact_graphs():
        data += graph
    conforms, _, text = _validate(data)
    assert conforms, text


# --- broken variants: cases/*.ttl ------------------------------------------------------------


def _expectations(path: Path, case: Graph) -> set[tuple[URIRef, URIRef]]:
    """The ``# expect: <shape> <focus node>`` lines of a case file, as IRIs."""

    def expand(token: str) -> URIRef:
        if token.startswith("<") and token.endswith(">"):
            return URIRef(token[1:-1])
        return URIRef(case.namespace_manager.expand_curie(token))

    expected = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect:"):
            shape, focus = line.removeprefix("# expect:").split()
            expected.add((expand(shape), expand(focus)))
    return expected


@pytest.mark.parametrize("path", sorted(CASES.glob("*.ttl")), ids=lambda p: p.stem)
def test_broken_case_is_reported(path: Path) -> None:
    case = Graph().parse(path, format="turtle")
    expected = _expectations(path, case)
    assert expected, f"{path.name} has no '# expect: <shape> <focus>' line"
    data = Graph()
    data += _valid_data()
    data += case
    conforms, report, text = _validate(data)
    assert not conforms, f"{path.name} should not conform"
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    found = {(report.value(r, SH.sourceShape), report.value(r, SH.focusNode)) for r in results}
    assert found == expected, text
    for result in results:
        assert report.value(result, SH.resultMessage) is not None, text


def test_there_are_cases() -> None:
    assert len(list(CASES.glob("*.ttl"))) >= 5
