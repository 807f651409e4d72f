"""The store: in memory or on disk, one named graph per article, safe parameter binding."""

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.errors import QueryError, StoreError
from kg.store import bind_values, open_store


def test_in_memory_store_starts_empty_and_answers_queries():
    store = open_store(None)
    assert store.triple_count() == 0
    result = store.query("SELECT ?s WHERE { ?s ?p ?o }")
    assert (result.kind, result.variables, result.rows) == ("select", ["s"], [])


def test_ask_and_construct_results():
    store = open_store(None)
    store.replace_graph("https://example.org/g", "<https://example.org/s> <https://example.org/p> \"o\" .")
    assert store.query("ASK { ?s ?p \"o\" }").boolean is True
    assert len(store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").triples) == 1


def test_replace_graph_replaces_rather_than_adds():
    store = open_store(None)
    for value in ("one", "two"):
        store.replace_graph("https://example.org/g", f"<https://example.org/s> <https://example.org/p> \"{value}\" .")
    rows = store.query("SELECT ?o WHERE { ?s ?p ?o }").rows
    assert [r["o"].value for r in rows] == ["two"]


@pytest.mark.parametrize("extra", ["", '<https://example.org/s> <https://example.org/p> _:b .\n',
                                   '<https://example.org/s> <https://example.org/p> "a _: in text" .\n'],
                         ids=["changes-only", "blank-node", "text-like-a-blank-node"])
def test_replacing_a_graph_keeps_what_stays_drops_what_went_and_adds_what_came(extra):
    store = open_store(None)
    triple = '<https://example.org/s> <https://example.org/p> {} .\n'.format
    old = [triple('"kept \\"quoted\\" text"@en'), triple('"gone"'), triple('"5"^^<http://www.w3.org/2001/XMLSchema#integer>')]
    new = [old[0], old[2], triple('"new\\nline"'), extra]
    store.replace_graph("https://example.org/g", "".join(old))
    store.replace_graph("https://example.org/other", triple('"elsewhere"'))
    store.replace_graph("https://example.org/g", "".join(new))
    rows = store.query("SELECT ?o WHERE { GRAPH <https://example.org/g> { ?s ?p ?o } }").rows
    assert sorted(str(r["o"]) for r in rows if not isinstance(r["o"], ox.BlankNode)) == sorted(
        str(t.object) for t in ox.parse("".join(new), format=ox.RdfFormat.N_TRIPLES) if not isinstance(t.object, ox.BlankNode))
    assert len(rows) == 3 + bool(extra)
    assert store.triple_count() == 4 + bool(extra)


def test_on_disk_store_keeps_its_content(tmp_path):
    store = open_store(tmp_path / "store")
    store.replace_graph("https://example.org/g", "<https://example.org/s> <https://example.org/p> \"o\" .")
    store.flush()
    del store
    assert open_store(tmp_path / "store", read_only=True).triple_count() == 1


def test_syntax_error_is_a_query_error_with_its_line():
    with pytest.raises(QueryError, match="SPARQL syntax error") as caught:
        open_store(None).query("SELECT ?s WHERE {\n ?s ?p \n")
    assert caught.value.line is not None


def test_bound_values_are_terms_not_query_text():
    text = bind_values("SELECT ?s WHERE { ?s ?p ?name }", {"name": ox.Literal('Loikaw" } DROP ALL #')})
    assert 'VALUES (?name) { ("Loikaw\\" } DROP ALL #") }' in text


def test_binding_needs_a_where_clause():
    with pytest.raises(QueryError, match="no WHERE clause"):
        bind_values("ASK { ?s ?p ?o }", {"x": ox.Literal("y")})


def test_build_records_each_article_hash(tiny_store):
    assert tiny_store.article_hash("a") is not None
    assert tiny_store.article_hash("nope") is None


def test_rebuilding_the_same_articles_adds_no_triples(tiny_dir):
    store = open_store(None)
    first = build([str(tiny_dir)], store)
    count = store.triple_count()
    again = build([str(tiny_dir)], store)
    assert (first.built, again.built, again.unchanged) == (["a", "b"], [], ["a", "b"])
    assert store.triple_count() == count
    forced = build([str(tiny_dir)], store, force=True)
    assert forced.built == ["a", "b"]
    assert store.triple_count() == count


def test_changed_article_replaces_its_graph(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("date: 2024-03-10\n\nThe KNDF attacked a junta outpost in Loikaw.\n", encoding="utf-8")
    store = open_store(None)
    build([str(path)], store)
    path.write_text("date: 2024-03-10\n\nThe Arakan Army attacked a junta outpost in Sittwe.\n", encoding="utf-8")
    assert build([str(path)], store).built == ["c"]
    mentioned = {r["x"].value for r in store.query("SELECT ?x WHERE { ?a kg:mentions ?x }").rows}
    assert "https://w3id.org/armed-actors/id/actor/kndf" not in mentioned
    assert "https://w3id.org/armed-actors/id/actor/aa" in mentioned


@pytest.mark.parametrize("flush_quads, flushes", [(50, 2), (10**9, 0)])
def test_writes_are_flushed_every_flush_quads_not_only_at_the_end(tmp_path, monkeypatch, flush_quads, flushes):
    """RocksDB holds writes in memory until flushed: a long build must flush as it goes (memory stays flat)."""
    import kg.store

    monkeypatch.setattr(kg.store, "FLUSH_QUADS", flush_quads)
    store = open_store(tmp_path / "store")
    calls = []
    original = store.flush
    monkeypatch.setattr(store, "flush", lambda: calls.append(1) or original())
    for number in range(6):
        triples = "".join(f"<http://example.org/s{number}-{i}> <http://example.org/p> \"{i}\" .\n" for i in range(20))
        store.replace_graph(f"http://example.org/g{number}", triples)
    assert len(calls) == flushes
    store.close()
    assert len(ox.Store.read_only(str(tmp_path / "store"))) == 120


@pytest.fixture
def held_store(samples_store, tmp_path):
    """A new on-disk store holding the sample store's article and reference graphs (no derived
    graphs), open for writing: (path, handle)."""
    from kg.namespace import MERGED_GRAPH, SUMMARY_GRAPH

    graphs = {}
    for quad in samples_store[0].quads():
        if quad.graph_name.value not in (str(MERGED_GRAPH), str(SUMMARY_GRAPH)):
            graphs.setdefault(quad.graph_name.value, []).append(f"{quad.triple} .\n")
    path = tmp_path / "store"
    store = open_store(path)
    for name, lines in graphs.items():
        store.replace_graph(name, "".join(lines))
    yield path, store
    store.close()


def _derive(store, monkeypatch):
    """What kg build does after its last article, writing and flushing a few quads at a time, so
    RocksDB makes many small files and compacts them (deleting files) while and after it runs."""
    import kg.store
    from kg.merge import merge_events
    from kg.summary import summarise

    monkeypatch.setattr(kg.store, "REWRITE_BATCH", 5)
    monkeypatch.setattr(kg.store, "REWRITE_FLUSH_QUADS", 10)
    merge_events(store)
    return summarise(store)


def test_a_store_held_open_for_writing_opens_read_only_in_the_same_process_after_the_derive_step(
        held_store, monkeypatch):
    """`kg ask` or `kg validate` beside an open build handle (tests, library users): a read-only
    open reads through the writer's handle, not a second RocksDB instance whose files the writer's
    compactions delete ("Corruption: IO error: No such file or directory ... MANIFEST"); so it
    sees what the writer writes after it opened, and cannot write itself."""
    from click.testing import CliRunner

    from cli import main

    path, store = held_store
    rows = _derive(store, monkeypatch)
    assert rows > 0
    triple = '<https://example.org/s> <https://example.org/p> "{}" .\n'.format
    total = store.triple_count()
    for number in range(3):
        with open_store(path, read_only=True) as reader:
            assert len(reader.quads()) == total
            store.replace_graph(f"https://example.org/g{number}", triple(number))   # after the reader opened
            total += 1
            assert len(reader.quads()) == total
            with pytest.raises(StoreError, match="open read-only"):
                reader.replace_graph("https://example.org/h", triple("h"))
        result = CliRunner().invoke(main, ["ask", "fought-where", "--store", str(path), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert len(json.loads(result.output)) == rows
    store.replace_graph("https://example.org/h", triple("h"))
    assert store.triple_count() == total + 1   # the writer still writes after its readers closed


def test_a_store_held_open_opens_read_only_in_another_process_after_the_derive_step(held_store, monkeypatch):
    """Another process waits for the writer (the lock, kg/lock.py, names it: no half-written
    files are read); once the writer has closed, it reads beside a reader of this process (as
    `kg ask` beside `kg serve`) and gets the rows this process gets."""
    import os
    import subprocess
    import sys

    from kg.questions import ask

    path, store = held_store
    rows = _derive(store, monkeypatch)
    command = [sys.executable, "-m", "cli", "ask", "fought-where", "--store", str(path), "--format", "json"]
    cwd = Path(__file__).resolve().parents[1]
    busy = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
    assert busy.returncode == 1 and f"is in use by process {os.getpid()}" in busy.stderr, busy.stderr
    store.close()
    with open_store(path, read_only=True) as reader:
        here = ask(reader, "fought-where")[1]
        for _ in range(2):
            there = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
            assert there.returncode == 0, there.stderr
            assert json.loads(there.stdout) == json.loads(json.dumps(here)) and len(here) == rows


def test_a_store_killed_while_oxigraph_created_it_says_so_on_a_read_only_open(tmp_path, monkeypatch):
    # What pyoxigraph 0.5.13 raises for RocksDB files without the store's version (the crash test
    # hits it when a build is killed within its first instants).
    def half_created(path):
        raise RuntimeError("Inserts are only possible on read-write instances")
    (tmp_path / "store").mkdir()
    monkeypatch.setattr(ox.Store, "read_only", half_created)
    with pytest.raises(StoreError, match="never finished.*run kg build --store"):
        open_store(tmp_path / "store", read_only=True)
