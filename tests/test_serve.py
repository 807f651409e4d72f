"""kg serve: Oxigraph's read-only SPARQL server on loopback, queried with SPARQLWrapper."""

import gc
import re
import sys
import urllib.error
from pathlib import Path

import httpx
import psutil
import pytest
from click.testing import CliRunner
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from cli import main
from kg.serve import server_command
from servers import free_port, running

KG = str(Path(sys.executable).parent / "kg")
COUNT_EVENTS = "SELECT (COUNT(?e) AS ?n) WHERE { ?e a kg:ConflictEvent }"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, tiny_dir):
    """An on-disk store with the two tiny articles, closed again so the server can open it."""
    from kg.build import build
    from kg.store import open_store

    path = tmp_path_factory.mktemp("served") / "store"
    store = open_store(path)
    build([str(tiny_dir)], store)
    store.flush()
    del store
    gc.collect()
    return path


@pytest.fixture(scope="module")
def served(store_dir, tmp_path_factory):
    """`kg serve` as a subprocess on a free port, with a 1-second query limit; yields (base url, process, output)."""
    port = free_port()
    view = tmp_path_factory.mktemp("view") / "network.html"
    base = f"http://127.0.0.1:{port}"
    argv = [KG, "serve", "--store", str(store_dir), "--port", str(port), "--timeout", "1", "--view", str(view)]
    with running(argv, base + "/") as process:
        yield base, process, view


def _wrapper(base, query, endpoint="/query"):
    client = SPARQLWrapper(base + endpoint)
    client.setQuery("PREFIX kg: <https://w3id.org/armed-actors/ns#>\n" + query)
    client.setReturnFormat(JSON)
    return client


def _events(base):
    result = _wrapper(base, COUNT_EVENTS).queryAndConvert()
    return int(result["results"]["bindings"][0]["n"]["value"])


def test_sparqlwrapper_gets_rows_from_the_union_default_graph(served):
    base, _, _ = served
    assert _events(base) >= 2  # events live in article graphs; no GRAPH clause in the query
    rows = _wrapper(base, "SELECT ?g WHERE { GRAPH ?g { ?a kg:articleId \"a\" } }").queryAndConvert()
    assert [r["g"]["value"] for r in rows["results"]["bindings"]] == ["https://w3id.org/armed-actors/graph/article/a"]


def test_an_update_is_refused_and_changes_nothing(served):
    base, _, _ = served
    before = _events(base)
    client = _wrapper(base, "INSERT DATA { <urn:x:e> a kg:ConflictEvent }", endpoint="/update")
    client.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    assert _events(base) == before


def test_it_listens_on_loopback_only(served):
    _, process, _ = served
    server = psutil.Process(process.pid)  # kg serve execs the oxigraph binary in place
    assert Path(server.exe()).name == "oxigraph"
    listening = {c.laddr.ip for c in server.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN}
    assert listening == {"127.0.0.1"}


def test_a_query_past_the_time_limit_is_cancelled(served):
    base, _, _ = served
    # ~7,000 triples squared: tens of millions of rows, far more than 1 s of work
    response = httpx.post(base + "/query", data={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"},
                          headers={"Accept": "application/sparql-results+json"}, timeout=120)
    assert response.text.endswith("The SPARQL operation has been cancelled")


def test_the_query_page_loads_nothing_from_the_internet(served):
    base, _, _ = served
    page = httpx.get(base + "/").text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and not [a for a in assets if re.match(r"(https?:)?//", a)]
    for asset in assets:
        assert httpx.get(f"{base}/{asset.lstrip('./')}").status_code == 200


def test_the_network_view_is_written_before_serving(served):
    _, _, view = served
    assert view.is_file() and "vis-network" in view.read_text(encoding="utf-8")


def test_server_command_defaults_to_loopback_union_and_a_limit(store_dir):
    argv = server_command(store_dir)
    assert argv[1:] == ["serve-read-only", "--location", str(store_dir), "--bind", "127.0.0.1:7878",
                        "--union-default-graph", "--timeout-s", "30"]


@pytest.mark.parametrize("store, message", [
    ("http://127.0.0.1:7878", "kg serve needs an embedded store directory, not http://127.0.0.1:7878"),
    ("/nonexistent/store", "no Oxigraph store at /nonexistent/store; build one first with kg build PATH --store"),
])
def test_serving_a_missing_store_is_one_clear_line(store, message):
    result = CliRunner().invoke(main, ["serve", "--store", store, "--view", ""])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {message}")

