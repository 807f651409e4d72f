"""Run a user's SPARQL query and render its result in the chosen format.

Exports: read_query, run_query, GRAPH_FORMATS.
"""

import json
import re
import sys
from pathlib import Path

import pyoxigraph as ox

from .confinement import check_confined
from .errors import QueryError
from .formats import render_rows

GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
                 "jsonld": None}


def read_query(argument):
    """Return query text from a string, a .rq file path, or '-' (standard input)."""
    if argument == "-":
        return sys.stdin.read()
    path = Path(argument)
    if argument.endswith(".rq") or (len(argument) < 300 and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as error:
            raise QueryError(f"cannot read query file {argument}: {error}") from error
    return argument


def run_query(store, text, fmt="table"):
    """Run a query on a store and return the rendered result as text."""
    check_confined(text)
    try:
        result = store.query(text)
    except QueryError as error:
        raise QueryError(_short(str(error)), error.line, error.column) from error
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}) if fmt == "json" else str(result.boolean).lower()
    if result.kind == "graph":
        return _graph(result.triples, fmt).rstrip("\n")  # the caller prints with its own final newline
    if fmt == "json":
        return json.dumps(_results_json(result), ensure_ascii=False, indent=1)
    if fmt in GRAPH_FORMATS:
        raise QueryError(f"--format {fmt} is for CONSTRUCT/DESCRIBE; use table, csv, tsv or json for SELECT")
    rows = [{k: (v.value if v is not None else None) for k, v in row.items()} for row in result.rows]
    return render_rows(result.variables, rows, fmt)


def _short(message):
    """Drop the position (reported apart) and the character classes from a parser's message."""
    message = re.sub(r"error at \d+:\d+: ", "", message)
    return re.split(r", \[|\s*\n", message, maxsplit=1)[0]


def _term_json(term):
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _results_json(result):
    bindings = [{k: _term_json(v) for k, v in row.items() if v is not None} for row in result.rows]
    return {"head": {"vars": result.variables}, "results": {"bindings": bindings}}


def _graph(triples, fmt):
    if fmt not in GRAPH_FORMATS:
        raise QueryError(f"--format {fmt} is for SELECT; use turtle, trig, nquads or jsonld for graphs")
    if fmt == "jsonld":
        from rdflib import Graph

        graph = Graph()
        graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
        return graph.serialize(format="json-ld")
    quads = [ox.Quad(t.subject, t.predicate, t.object) for t in triples] if fmt in ("trig", "nquads") else triples
    return ox.serialize(quads, format=GRAPH_FORMATS[fmt]).decode("utf-8")
