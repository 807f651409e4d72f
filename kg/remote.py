"""A store on a remote SPARQL 1.1 server, with the same interface as the embedded one.

Exports: RemoteStore, endpoints.

A URL with `user:password@` authenticates with HTTP basic auth; messages never show the password.
Reads use the SPARQL 1.1 Query protocol, writes the Update protocol. Each article is written by
one update request (`DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }`), which Oxigraph
and Fuseki run as one transaction, so an article's graph is either the old one, the new one, or
absent; a retried request does the same thing again, so retrying a write is safe.

The union default graph (DESIGN.md) is asked for with Oxigraph's `union-default-graph`
parameter on every query; servers that ignore it need their own setting (see README,
"Remote store"). Extra query parameters in the store URL are passed on with every query.
"""

import re
import time
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from .errors import QueryError, StoreError
from .namespace import KG, PREFIXES, sparql_prologue
from .store import QueryResult, bind_values, syntax_position, triple_hash

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.5"
UNION_PARAMETER = ("union-default-graph", "true")
GRAPH_FORMATS = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE)
_PROLOGUE_LINES = len(PREFIXES)
_POSITION = re.compile(r"^error at \d+:\d+:\s*")


def endpoints(url):
    """Return (query URL, update URL, extra query parameters) for a store URL.

    `.../sparql` (Virtuoso) takes both at the same URL; `.../repositories/NAME` (GraphDB, RDF4J)
    takes updates at `/statements`; anything else (an Oxigraph server root, a Fuseki dataset)
    has `/query` and `/update` below it.
    """
    parts = urlsplit(url)
    params = parse_qsl(parts.query, keep_blank_values=True)
    path = parts.path.rstrip("/")
    base = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    if path.endswith("/sparql"):
        return base, base, params
    if "/repositories/" in path:
        return base, base + "/statements", params
    return base + "/query", base + "/update", params


class RemoteStore:
    """A SPARQL 1.1 server as a store; transient failures are retried with exponential back-off."""

    def __init__(self, url, attempts=4, backoff=0.5, timeout=60.0):
        self.url = url
        self.location = _shown(url)
        self.query_url, self.update_url, self._params = endpoints(url)
        self.attempts, self.backoff = attempts, backoff
        self._client = httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)))

    # ------------------------------------------------------------ writing
    def replace_graph(self, graph, ntriples):
        """Replace one named graph by the given N-Triples in a single update request (atomic)."""
        name = f"<{graph}>"
        self._update(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{ntriples}\n}} }}")

    def rewrite_graph(self, graph, chunks):
        """Replace a derived graph given in N-Triples chunks, in one update request (atomic: other
        clients of the server may be reading); return the triple count."""
        text = "".join(chunks)
        triples = list(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
        if not triples:
            self.remove_graph(graph)
            return 0
        digest = sum(triple_hash(t) for t in triples) % 2**64
        marker = ox.Triple(ox.NamedNode(str(graph)), ox.NamedNode(str(KG.contentHash)), ox.Literal(f"{digest:016x}"))
        self.replace_graph(graph, f"{text}{marker} .\n")
        return len(triples)

    def remove_graph(self, graph):
        self._update(f"DROP SILENT GRAPH <{graph}>")

    def flush(self):
        """Nothing to do: the server commits each update request."""

    def close(self):
        """Close the HTTP connections (the embedded store's close() gives up its lock)."""
        self._client.close()

    def _update(self, text):
        response = self._send(self.update_url, content=text.encode("utf-8"),
                              headers={"Content-Type": "application/sparql-update; charset=utf-8"})
        if response.status_code >= 400:
            raise StoreError(f"SPARQL server {_shown(self.update_url)} refused an update (HTTP {response.status_code}: "
                             f"{_first_line(response.text)}); check that it accepts updates at this URL")

    # ------------------------------------------------------------ reading
    def query(self, sparql, substitutions=None):
        """Run a SPARQL query over the union of all graphs; return a QueryResult."""
        text = sparql_prologue() + bind_values(sparql, substitutions)
        response = self._send(self.query_url, data={"query": text}, params=[*self._params, UNION_PARAMETER],
                              headers={"Accept": ACCEPT})
        if response.status_code >= 400:
            message = _first_line(response.text)
            line, column = syntax_position(message)
            if line is None:
                raise QueryError(f"SPARQL server {_shown(self.query_url)} rejected the query: {message}")
            message = _POSITION.sub("", message, count=1)
            raise QueryError(f"SPARQL syntax error: {message}", max(line - _PROLOGUE_LINES, 1), column)
        return _result(response)

    def select_rows(self, sparql):
        """Yield the rows of a SELECT query (the server's answer arrives whole)."""
        yield from self.query(sparql).rows

    def named_graphs(self):
        return [row["g"].value for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }").rows]

    def article_hash(self, article_id):
        """Return the content hash stored for an article, or None."""
        rows = self.query("SELECT ?h WHERE { GRAPH ?g { ?a kg:articleId ?id ; kg:contentHash ?h } }",
                          {"id": ox.Literal(article_id)}).rows
        return rows[0]["h"].value if rows else None

    def triple_count(self):
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return int(rows[0]["n"].value)

    def quads(self):
        """Return every quad of the named graphs (the only graphs kg writes)."""
        rows = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]

    def dump_nquads(self):
        """Return every quad of the store as N-Quads bytes."""
        return ox.serialize(self.quads(), format=ox.RdfFormat.N_QUADS)

    # ------------------------------------------------------------ HTTP
    def _send(self, url, **request):
        """POST with retries on connection errors, time-outs and 5xx answers; raise StoreError at the end."""
        problem = None
        for attempt in range(self.attempts):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self._client.post(url, **request)
            except httpx.TransportError as error:
                problem = _describe(error)
                continue
            if response.status_code < 500:
                return response
            problem = f"HTTP {response.status_code}: {_first_line(response.text)}"
        raise StoreError(f"SPARQL server {_shown(url)} failed after {self.attempts} attempts ({problem}); "
                         "check that the server is running and the --store URL is right, then re-run")


def _result(response):
    media = response.headers.get("content-type", "").split(";")[0].strip()
    results_format = ox.QueryResultsFormat.from_media_type(media) if media else None
    if results_format is not None:
        parsed = ox.parse_query_results(response.content, results_format)
        if isinstance(parsed, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(parsed))
        variables = [v.value for v in parsed.variables]
        return QueryResult("select", variables, [{name: row[name] for name in variables} for row in parsed])
    rdf_format = ox.RdfFormat.from_media_type(media) if media else None
    if rdf_format not in GRAPH_FORMATS:     # what ACCEPT asks for; never RDF/XML from a server
        raise StoreError(f"SPARQL server answered with media type {media!r}; "
                         "it must speak SPARQL 1.1 (JSON results, N-Triples or Turtle)")
    return QueryResult("graph", triples=[ox.Triple(q.subject, q.predicate, q.object)
                                         for q in ox.parse(response.content, rdf_format)])


def _shown(url):
    """Return the URL without a password (user:password@host works for HTTP basic auth)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")))


def _describe(error):
    if isinstance(error, httpx.TimeoutException):
        return f"timed out: {type(error).__name__}"
    if isinstance(error, httpx.ConnectError):
        return f"cannot connect: {error}"
    return f"{type(error).__name__}: {error}"


def _first_line(text):
    lines = [line for line in (text or "").strip().splitlines() if line.strip()]
    return lines[0][:300] if lines else "no message"
