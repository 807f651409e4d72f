"""Parsing never fetches anything: only Turtle (and N-Triples/N-Quads from our own store) is ever
parsed, so RDF/XML entities and remote JSON-LD contexts in user-supplied files cannot reach out."""

import ast
import re
import http.server
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from kg.errors import KGError
from kg.gazetteer import reference_graph
from kg.settings import ONTOLOGY_DIR
from servers import recording_server

KG_DIR = Path(__file__).resolve().parents[1] / "kg"
SAFE_FORMATS = {"turtle", "nt", "nquads", "trig"}


@pytest.fixture(scope="module")
def server():
    """An HTTP server on 127.0.0.1 that serves a JSON-LD context to anyone and records the request."""
    with recording_server(b'{"@context": {"x": "http://example.org/x"}}', "application/ld+json") as found:
        yield found


def rdf_xml(url):
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY ext SYSTEM "{url}/entity">\n'
            '  <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> ]>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">\n'
            '  <rdf:Description rdf:about="http://example.org/s"><ex:p>&ext;&b;</ex:p></rdf:Description>\n'
            '</rdf:RDF>\n')


def json_ld(url):
    return f'{{"@context": "{url}/context.jsonld", "@id": "http://example.org/s", "x": "y"}}\n'


def ontology_with(tmp_path, name, content):
    folder = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY_DIR, folder)
    (folder / name).write_text(content, encoding="utf-8")
    return folder


@pytest.mark.parametrize("make", [rdf_xml, json_ld], ids=["RDF/XML with entities", "JSON-LD with a remote context"])
def test_other_rdf_syntaxes_named_ttl_are_refused_without_fetching(server, tmp_path, make):
    url, requests = server
    folder = ontology_with(tmp_path, "evil.ttl", make(url))
    before = len(requests)
    with pytest.raises(KGError, match=f"{folder / 'evil.ttl'}: not valid Turtle"):
        reference_graph(str(folder))
    assert len(requests) == before


@pytest.mark.parametrize("name, make", [("evil.rdf", rdf_xml), ("evil.owl", rdf_xml), ("evil.jsonld", json_ld)])
def test_files_in_other_rdf_syntaxes_are_not_read(server, tmp_path, name, make):
    url, requests = server
    before = len(requests)
    graph = reference_graph(str(ontology_with(tmp_path, name, make(url))))
    assert len(graph) == len(reference_graph(str(ONTOLOGY_DIR)))
    assert len(requests) == before


def test_turtle_pointing_at_a_server_is_read_without_fetching(server, tmp_path):
    url, requests = server
    turtle = (f"@base <{url}/base/> .\n@prefix remote: <{url}/ns#> .\n@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
              f"<> owl:imports <{url}/more.ttl> .\nremote:s remote:p <relative> .\n")
    before = len(requests)
    graph = reference_graph(str(ontology_with(tmp_path, "extra.ttl", turtle)))
    assert len(graph) == len(reference_graph(str(ONTOLOGY_DIR))) + 2
    assert len(requests) == before


def test_kg_build_with_such_an_ontology_stops_with_one_line(server, tmp_path, tiny_dir):
    url, requests = server
    folder = ontology_with(tmp_path, "evil.ttl", rdf_xml(url))
    before = len(requests)
    result = CliRunner().invoke(main, ["build", str(tiny_dir), "--store", str(tmp_path / "s"), "--ontology", str(folder)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {folder / 'evil.ttl'}: not valid Turtle (")
    assert result.stderr.rstrip().endswith("; fix the file")
    assert "Traceback" not in result.output
    assert len(requests) == before


def _parse_calls():
    for path in sorted(KG_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "parse":
                yield path, node


def test_every_rdf_parse_in_kg_names_a_syntax_that_cannot_fetch():
    """rdflib guesses the syntax when none is given, and RDF/XML or JSON-LD can reach out: every
    `.parse(...)` in kg/ must say format="turtle", "nt", "nquads" or "trig" (a literal)."""
    calls = list(_parse_calls())
    assert calls, "no parse calls found: has the check gone stale?"
    for path, node in calls:
        receiver = node.func.value.id if isinstance(node.func.value, ast.Name) else None
        if receiver in ("json", "dateparser", "parser", "urlparse"):
            continue
        if receiver == "ox":      # pyoxigraph: a literal safe format, or the remote store's guarded one
            fmt = node.args[1] if len(node.args) > 1 else next(k.value for k in node.keywords if k.arg == "format")
            assert (isinstance(fmt, ast.Attribute) and fmt.attr in ("N_TRIPLES", "TURTLE", "N_QUADS", "TRIG")) or (
                path.name == "remote.py" and isinstance(fmt, ast.Name)), f"{path.name}:{node.lineno}: {ast.unparse(fmt)}"
            continue
        formats = [k.value for k in node.keywords if k.arg == "format"]
        where = f"{path.relative_to(KG_DIR.parent)}:{node.lineno}"
        assert formats and isinstance(formats[0], ast.Constant), f"{where}: parse without a literal format"
        assert formats[0].value in SAFE_FORMATS, f"{where}: parses {formats[0].value}"


@pytest.mark.parametrize("media, body, ok", [
    ("application/rdf+xml", None, False),
    ("application/ld+json", '{"@context": "URL/context.jsonld", "@id": "http://example.org/s"}', False),
    ("text/turtle", "<http://example.org/s> <http://example.org/p> 1 .", True),
], ids=["RDF/XML", "JSON-LD", "Turtle"])
def test_a_remote_store_answering_a_graph_in_rdf_xml_or_json_ld_is_refused(server, media, body, ok):
    """The remote store asks for N-Triples or Turtle; any other graph syntax is an error, not parsed."""
    import threading as _threading

    from kg.errors import StoreError
    from kg.remote import RemoteStore

    url, requests = server
    payload = (body or rdf_xml(url)).replace("URL", url).encode("utf-8")

    class Answer(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    remote = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    _threading.Thread(target=remote.serve_forever, daemon=True).start()
    before = len(requests)
    try:
        store = RemoteStore(f"http://127.0.0.1:{remote.server_port}/sparql", attempts=1)
        if ok:
            assert len(store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").triples) == 1
        else:
            with pytest.raises(StoreError, match=re.escape(f"answered with media type '{media}'; it must speak SPARQL 1.1")):
                store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    finally:
        remote.shutdown()
    assert len(requests) == before
