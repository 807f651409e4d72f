"""A remote SPARQL 1.1 server as the store: a real `oxigraph serve` on a loopback port."""

import json
import socket
import threading

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from cli import main
from conftest import SAMPLES
from kg.errors import QueryError, StoreError
from kg.questions import ask
from kg.remote import RemoteStore, endpoints
from kg.store import open_store, remove_article
from servers import free_port, oxigraph_server

G = "https://example.org/graph/one"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture
def runner():
    return CliRunner()


def _ntriples(count, tag):
    return "\n".join(f'<https://example.org/s{i}> <https://example.org/p> "{tag} {i}" .' for i in range(count))


def _objects(store, graph):
    rows = store.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": ox.NamedNode(graph)}).rows
    return sorted(r["o"].value for r in rows)


@pytest.mark.parametrize("url, expected", [
    ("http://127.0.0.1:7878", ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update", [])),
    ("http://h:3030/ds/", ("http://h:3030/ds/query", "http://h:3030/ds/update", [])),
    ("http://h:3030/ds?default-graph-uri=urn:x-arq:UnionGraph",
     ("http://h:3030/ds/query", "http://h:3030/ds/update", [("default-graph-uri", "urn:x-arq:UnionGraph")])),
    ("http://h:7200/repositories/kg", ("http://h:7200/repositories/kg", "http://h:7200/repositories/kg/statements", [])),
    ("https://h/sparql", ("https://h/sparql", "https://h/sparql", [])),
])
def test_endpoints_follow_each_server_layout(url, expected):
    assert endpoints(url) == expected


def test_an_http_store_location_opens_a_remote_store(server):
    assert isinstance(open_store(server), RemoteStore)


def test_queries_see_the_union_of_graphs_and_graph_reaches_one(server):
    store = RemoteStore(server)
    store.replace_graph(G, _ntriples(2, "one"))
    store.replace_graph(G + "-b", _ntriples(1, "two"))
    union = {r["o"].value for r in store.query("SELECT ?o WHERE { ?s kg:nothing* ?x . ?s ?p ?o }").rows}
    assert {"one 0", "one 1", "two 0"} <= union
    assert _objects(store, G + "-b") == ["two 0"]
    assert {G, G + "-b"} <= set(store.named_graphs())
    assert store.query("ASK { ?s ?p \"two 0\" }").boolean is True
    assert len(store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <%s> { ?s ?p ?o } }" % G).triples) == 2


def test_replace_graph_replaces_rather_than_adds(server):
    store = RemoteStore(server)
    store.replace_graph(G, _ntriples(3, "old"))
    store.replace_graph(G, _ntriples(2, "new"))
    assert _objects(store, G) == ["new 0", "new 1"]


def test_syntax_error_reports_the_users_line_not_the_prologues(server):
    with pytest.raises(QueryError, match="SPARQL syntax error") as remote:
        RemoteStore(server).query("SELECT ?s WHERE {\n ?s ?p \n")
    with pytest.raises(QueryError) as embedded:
        open_store(None).query("SELECT ?s WHERE {\n ?s ?p \n")
    assert remote.value.line == embedded.value.line


class CuttingProxy:
    """A TCP proxy in front of the server that misbehaves on the first connections.

    `plan` lists what to do with each new connection: "cut" forwards only the first part of the
    request and then hangs up (a network failure mid-upload), "503" answers Service Unavailable,
    "hang" never answers (a server that stalls); anything after the plan passes through.
    """

    def __init__(self, upstream_port, plan, cut_after=2000):
        self.upstream_port, self.plan, self.cut_after = upstream_port, list(plan), cut_after
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.connections, self.hung = 0, []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            action = self.plan.pop(0) if self.plan else "pass"
            threading.Thread(target=self._handle, args=(client, action), daemon=True).start()

    def _handle(self, client, action):
        if action == "hang":  # read the request, never answer
            client.recv(65536)
            self.hung.append(client)
            return
        if action == "503":
            client.recv(65536)
            client.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy")
            client.close()
            return
        upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        if action == "cut":
            received = b""
            while len(received) < self.cut_after:
                chunk = client.recv(65536)
                if not chunk:
                    break
                received += chunk
            upstream.sendall(received[:self.cut_after])
            upstream.close()
            client.close()
            return
        threading.Thread(target=_pipe, args=(upstream, client), daemon=True).start()
        _pipe(client, upstream)

    def close(self):
        self.listener.close()


def _pipe(source, target):
    try:
        while chunk := source.recv(65536):
            target.sendall(chunk)
    except OSError:
        pass
    finally:
        for sock in (source, target):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _port(url):
    return int(url.rsplit(":", 1)[1])


def test_a_write_cut_mid_request_leaves_the_old_graph_whole(server):
    direct = RemoteStore(server)
    direct.replace_graph(G, _ntriples(5, "old"))
    proxy = CuttingProxy(_port(server), ["cut"] * 3)
    try:
        store = RemoteStore(proxy.url, attempts=3, backoff=0.01)
        with pytest.raises(StoreError) as caught:
            store.replace_graph(G, _ntriples(500, "new"))
    finally:
        proxy.close()
    assert proxy.connections == 3
    assert str(caught.value).startswith(f"SPARQL server {proxy.url}/update failed after 3 attempts")
    assert _objects(direct, G) == [f"old {i}" for i in range(5)]


def test_transient_failures_are_retried_and_the_graph_arrives_whole(server):
    direct = RemoteStore(server)
    direct.remove_graph(G)
    proxy = CuttingProxy(_port(server), ["cut", "503"])
    try:
        RemoteStore(proxy.url, attempts=4, backoff=0.01).replace_graph(G, _ntriples(500, "new"))
    finally:
        proxy.close()
    assert proxy.connections >= 3
    assert len(_objects(direct, G)) == 500


def test_a_stalled_server_times_out_and_is_retried(server):
    proxy = CuttingProxy(_port(server), ["hang", "hang"])
    try:
        store = RemoteStore(proxy.url, attempts=2, backoff=0.01, timeout=0.5)
        with pytest.raises(StoreError, match=r"failed after 2 attempts \(timed out: ReadTimeout\)"):
            store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        assert proxy.connections == 2
    finally:
        proxy.close()


def test_a_password_in_the_url_never_shows_in_messages():
    url = f"http://kg:s3cret@127.0.0.1:{free_port()}"
    with pytest.raises(StoreError) as caught:
        RemoteStore(url, attempts=1).query("ASK { ?s ?p ?o }")
    assert "s3cret" not in str(caught.value) and "kg:***@127.0.0.1" in str(caught.value)


def test_server_down_is_one_clear_line_and_exit_1(runner, tiny_dir):
    url = f"http://127.0.0.1:{free_port()}"
    for args in (["build", str(tiny_dir), "--quiet"], ["query", "SELECT * WHERE { ?s ?p ?o }"]):
        result = runner.invoke(main, [*args, "--store", url])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output and not isinstance(result.exception, AssertionError)
        [line] = result.output.strip().splitlines()
        assert line.startswith(f"Error: SPARQL server {url}/query failed after 4 attempts (cannot connect")
        assert line.endswith("check that the server is running and the --store URL is right, then re-run")


def test_build_skips_unchanged_and_force_rebuilds_on_a_remote_store(runner, tiny_dir, tmp_path):
    with oxigraph_server(tmp_path / "ox") as url:
        first = runner.invoke(main, ["build", str(tiny_dir), "--store", url])
        store = RemoteStore(url)
        count = store.triple_count()
        again = runner.invoke(main, ["build", str(tiny_dir), "--store", url])
        forced = runner.invoke(main, ["build", str(tiny_dir), "--store", url, "--force"])
        assert "built 2, unchanged 0" in first.output
        assert "built 0, unchanged 2" in again.output
        assert "built 2, unchanged 0" in forced.output
        assert store.triple_count() == count
        removed = runner.invoke(main, ["remove", "a", "--store", url])
        assert removed.exit_code == 0 and store.article_hash("a") is None and store.article_hash("b")
        assert {a for row in ask(store, "fought-where")[1] for a in row["articles"]} == {"b"}
        missing = runner.invoke(main, ["remove", "a", "--store", url])
        assert missing.exit_code == 1
        assert f"no article 'a' in store {url}" in missing.output


def test_samples_built_remotely_answer_like_the_embedded_store(runner, samples_store, tmp_path):
    embedded, _ = samples_store
    with oxigraph_server(tmp_path / "ox") as url:
        built = runner.invoke(main, ["build", str(SAMPLES), "--store", url, "--quiet"])
        assert built.exit_code == 0, built.output
        remote = runner.invoke(main, ["ask", "fought-where", "--store", url, "--format", "json"])
        assert remote.exit_code == 0, remote.output
        rows = json.loads(remote.output)
        assert len(rows) > 10
        assert rows == json.loads(json.dumps(ask(embedded, "fought-where")[1]))
        validated = runner.invoke(main, ["validate", "--store", url])
        assert (validated.exit_code, validated.output) == (0, "conforms\n")


def test_remove_article_on_the_embedded_store(tiny_dir):
    from kg.build import build

    store = open_store(None)
    build([str(tiny_dir)], store)
    remove_article(store, "a")
    assert store.article_hash("a") is None and store.article_hash("b") is not None
    with pytest.raises(StoreError, match=r"no article 'a' in store \(in memory\); list the ids with kg query"):
        remove_article(store, "a")
