"""Building: what goes in when an article breaks the extractor, what --strict writes, --jobs
(worker processes) and --scheduler (a Dask cluster) giving the single-process graph, and the
progress bar on a terminal, in pipes and with --quiet."""

import gc
import os
import sys

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from kg import build as build_module
from kg.articles import count_articles
from kg.build import build
from kg.errors import ClusterError, InputError
from kg.progress import progress_bar
from kg.store import open_store

from conftest import ROOT, SAMPLES
from bench import terminal


def test_an_article_the_extractor_fails_on_is_skipped_and_the_others_go_in(tiny_dir, monkeypatch):
    real = build_module.article_graph

    def breaks_on_b(record):
        if record["article"]["id"] == "b":
            raise IndexError("list index out of range")
        return real(record)

    monkeypatch.setattr(build_module, "article_graph", breaks_on_b)
    store = open_store(None)
    report = build([str(tiny_dir)], store)
    assert report.built == ["a"]
    (problem,) = report.problems
    assert str(problem) == (f"{tiny_dir / 'b.txt'}: the extractor failed on this article (IndexError: list index "
                            "out of range); it was skipped: please report it with the file")
    assert store.article_hash("a") and store.article_hash("b") is None


def test_strict_raises_before_writing_even_the_reference_graph(tiny_dir, tmp_path):
    (tmp_path / "in").mkdir()
    for path in tiny_dir.iterdir():
        (tmp_path / "in" / path.name).write_bytes(path.read_bytes())
    (tmp_path / "in" / "z.txt").write_text("", encoding="utf-8")
    store = open_store(None)
    with pytest.raises(InputError, match=r"z\.txt: empty article.*\(--strict: nothing was written\)"):
        build([str(tmp_path / "in")], store, strict=True)
    assert store.triple_count() == 0


def test_the_reference_graph_is_written_once_whatever_the_process(tmp_path):
    """Its content hash must not depend on rdflib's triple order, which changes between processes."""
    import subprocess
    import sys

    from kg.build import load_reference

    code = "import sys; from kg.build import load_reference; from kg.store import open_store; " \
           "print(load_reference(open_store(sys.argv[1])))"
    first = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s")], capture_output=True, text=True)
    again = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s")], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert (first.stdout, again.stdout) == ("True\n", "False\n"), first.stderr + again.stderr
    with open_store(tmp_path / "s") as store:
        assert load_reference(store) is False


def test_strict_stops_at_a_warning_too(tmp_path):
    (tmp_path / "a.txt").write_text("date: 31/02/2024\n\nThe KNDF attacked a junta outpost in Loikaw.\n")
    store = open_store(None)
    with pytest.raises(InputError, match=r"a\.txt: malformed date '31/02/2024'"):
        build([str(tmp_path / "a.txt")], store, strict=True)
    assert store.triple_count() == 0


def graphs_of(store):
    """Return {graph name: rdflib Graph} of every named graph in a store, via its N-Quads dump."""
    dataset = Dataset()
    dataset.parse(data=store.dump_nquads(), format="nquads")
    return {str(graph.identifier): graph for graph in dataset.graphs() if len(graph)}


def assert_same_graphs(store, reference):
    ours, theirs = graphs_of(store), graphs_of(reference)
    assert sorted(ours) == sorted(theirs)
    different = [name for name in theirs if not isomorphic(ours[name], theirs[name])]
    assert not different, f"graphs differ from the single-process build: {different}"


def test_the_model_is_kept_out_of_garbage_collection_while_extracting_and_let_go_after(tiny_dir):
    frozen = []   # objects out of the garbage collector's sight as each article is built
    report = build([str(tiny_dir)], open_store(None), batch_size=1,
                   progress=lambda item: frozen.append(gc.get_freeze_count()))
    assert len(report.built) == 2
    assert frozen[0] > 100_000   # after the first batch: the model and gazetteer, frozen
    assert gc.get_freeze_count() == 0


def test_two_jobs_build_the_same_graph_as_one(samples_store):
    reference, single = samples_store
    store = open_store(None)
    report = build([str(SAMPLES)], store, jobs=2)
    assert sorted(report.built) == sorted(single.built) and report.built
    assert report.timings["store"] > 0
    assert_same_graphs(store, reference)


def test_a_dask_cluster_builds_the_same_graph_as_one_process(samples_store):
    distributed = pytest.importorskip("distributed")
    reference, single = samples_store
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        store = open_store(None)
        report = build([str(SAMPLES)], store, scheduler=cluster.scheduler_address)
    assert sorted(report.built) == sorted(single.built)
    assert_same_graphs(store, reference)


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path):
    with pytest.raises(ClusterError, match=r"cannot reach the Dask scheduler at tcp://127.0.0.1:9 .*dask scheduler"):
        build([str(SAMPLES / "01_kawlin.txt")], open_store(None), scheduler="tcp://127.0.0.1:9")


def test_count_articles_counts_files_and_json_lines(write, tmp_path):
    write("a.txt", "Some text.")
    write("b.jsonl", '{"text": "one"}\n\n{"text": "two"}\nnot json\n')
    assert count_articles([str(tmp_path), str(tmp_path / "missing.txt")]) == 5


def test_no_progress_bar_in_a_pipe():
    read, written = os.pipe()
    with os.fdopen(written, "w") as stream, progress_bar(total=3, stream=stream) as tick:
        tick("a")
    with os.fdopen(read) as output:
        assert output.read() == ""


def run_in_terminal(*args):
    """Run `kg` with its output on a pseudo-terminal; return (exit code, what the terminal showed)."""
    return terminal.run_in_terminal([sys.executable, str(ROOT / "cli.py"), *args], cwd=ROOT)


def test_progress_bar_with_rate_and_time_left_on_a_terminal(tiny_dir, tmp_path):
    code, shown = run_in_terminal("build", str(tiny_dir), "--store", str(tmp_path / "store"))
    assert code == 0, shown
    assert "2/2" in shown and "articles/s" in shown and "ETA" in shown
    assert "built 2, unchanged 0, skipped 0" in shown


def test_quiet_build_shows_nothing_on_a_terminal(tiny_dir, tmp_path):
    code, shown = run_in_terminal("build", str(tiny_dir), "--store", str(tmp_path / "store"), "--quiet")
    assert code == 0, shown
    assert shown.strip() == ""
