"""The SPARQL 1.1 Protocol: reading an operation from a request, content negotiation, the
service description.

>>> choose_format("SELECT", "text/csv;q=0.5, application/sparql-results+xml")
'xml'
>>> choose_format("CONSTRUCT", "*/*")
'turtle'
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from starlette.requests import Request

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")

RESULT_MEDIA = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_MEDIA = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
FORMAT_NAMES = {
    "json": ("json", "jsonld"),
    "xml": ("xml", "rdfxml"),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "turtle": (None, "turtle"),
    "ttl": (None, "turtle"),
    "n3": (None, "turtle"),
    "nt": (None, "nt"),
    "ntriples": (None, "nt"),
    "n-triples": (None, "nt"),
    "jsonld": (None, "jsonld"),
    "json-ld": (None, "jsonld"),
    "rdfxml": (None, "rdfxml"),
    "rdf+xml": (None, "rdfxml"),
}
SD_FORMATS = {
    "json": FORMATS_NS.SPARQL_Results_JSON,
    "xml": FORMATS_NS.SPARQL_Results_XML,
    "csv": FORMATS_NS.SPARQL_Results_CSV,
    "tsv": FORMATS_NS.SPARQL_Results_TSV,
    "turtle": FORMATS_NS.Turtle,
    "nt": FORMATS_NS["N-Triples"],
    "jsonld": FORMATS_NS["JSON-LD"],
    "rdfxml": FORMATS_NS.RDF_XML,
}
FORM_URLENCODED = "application/x-www-form-urlencoded"


class ProtocolError(Exception):
    """A request the endpoint answers with an error status and a plain-text message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class Operation:
    """A query or update as the client sent it."""

    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format: str | None = None


def parse_accept(header: str | None) -> list[str]:
    """Media ranges of an Accept header, best first (q=0 dropped, ties keep their order).

    >>> parse_accept("text/csv;q=0.2, application/json, */*;q=0")
    ['application/json', 'text/csv']
    """
    if not header:
        return ["*/*"]
    ranked = []
    for index, part in enumerate(header.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, index, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def choose_format(form: str, accept: str | None, format_param: str | None = None) -> str:
    """The output format for a query form (SELECT/ASK or CONSTRUCT/DESCRIBE).

    Args:
        form: the query form.
        accept: the Accept header.
        format_param: ``format`` request parameters, comma-separated (names like ``csv`` or
            media types; the first available one wins over Accept).

    Raises:
        ProtocolError: 406 when nothing acceptable can be produced.
    """
    graph = form in {"CONSTRUCT", "DESCRIBE"}
    table = GRAPH_MEDIA if graph else RESULT_MEDIA
    if format_param:
        for item in format_param.split(","):
            name = item.split(";")[0].strip().lower()
            if name in FORMAT_NAMES and FORMAT_NAMES[name][1 if graph else 0]:
                return FORMAT_NAMES[name][1 if graph else 0]  # type: ignore[return-value]
            if name in table:
                return table[name]
        raise ProtocolError(
            406,
            f"format={format_param} is not available for {form}; "
            f"choose one of {', '.join(sorted(set(table)))}",
        )
    for media in parse_accept(accept):
        if media in table:
            return table[media]
        if media in {"*/*", "application/*"} or (media == "text/*" and graph):
            return "turtle" if graph else "json"
        if media == "text/*":
            return "csv"
    raise ProtocolError(406, f"cannot answer a {form} query as {accept}; acceptable: {', '.join(table)}")


async def read_operation(request: Request, field: str, max_bytes: int) -> Operation | None:
    """Read a query (``field="query"``) or update from GET parameters or a POST body.

    Returns ``None`` for a GET without the field (the service description is asked for).

    Raises:
        ProtocolError: 413/414 for oversize text, 415 for an unknown body type, 400 otherwise.
    """
    url_params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "GET":
        if len(request.url.query.encode()) > max_bytes:
            raise ProtocolError(414, f"the query string is longer than {max_bytes} bytes; POST it instead")
        return _operation(url_params, url_params, field)
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise ProtocolError(413, f"the request body is longer than {max_bytes} bytes")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise ProtocolError(413, f"the request body is longer than {max_bytes} bytes")
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == FORM_URLENCODED:
        try:
            form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError as error:
            raise ProtocolError(400, "the form is not UTF-8") from error
        merged = {**url_params, **form}
        operation = _operation(merged, merged, field)
        if operation is None:
            raise ProtocolError(400, f"the form has no {field}= field")
        return operation
    if media == f"application/sparql-{field}":
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ProtocolError(400, f"the {field} is not UTF-8") from error
        return _operation({field: [text]}, url_params, field)
    raise ProtocolError(
        415, f"POST a {field} as application/sparql-{field} or {FORM_URLENCODED} (got {media or 'nothing'})"
    )


def _operation(
    text_source: dict[str, list[str]], params: dict[str, list[str]], field: str
) -> Operation | None:
    if field not in text_source:
        return None
    text = text_source[field][-1]
    if len(text_source[field]) > 1:
        raise ProtocolError(400, f"give exactly one {field}")
    if not text.strip():
        raise ProtocolError(400, f"the {field} is empty")
    prefix = "using-" if field == "update" else ""
    return Operation(
        text=text,
        default_graphs=tuple(params.get(f"{prefix}default-graph-uri", [])),
        named_graphs=tuple(params.get(f"{prefix}named-graph-uri", [])),
        format=",".join(params.get("format", [])) or None,
    )


def service_description(endpoint: str, *, update: bool, triples: int | None = None) -> Graph:
    """The SPARQL service description (sd:Service) of this endpoint.

    >>> g = service_description("http://127.0.0.1:7878/sparql", update=False)
    >>> (None, SD.feature, SD.UnionDefaultGraph) in g
    True
    """
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS_NS)
    service = BNode()
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if update:
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for iri in SD_FORMATS.values():
        graph.add((service, SD.resultFormat, iri))
    dataset, default = BNode(), BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    if triples is not None:
        void = Namespace("http://rdfs.org/ns/void#")
        graph.bind("void", void)
        graph.add((default, void.triples, Literal(triples)))
    return graph
