"""The summary graph behind `kg ask fought-where`: the same answers as the per-event query, kept
consistent after every build and remove; filters the summary cannot apply go to the per-event query."""

import pyoxigraph as ox
import pytest

from kg import questions
from kg.build import build, remove
from kg.namespace import PREFIXES, SUMMARY_GRAPH
from kg.store import open_store
from kg.summary import per_event_text, summarise

from conftest import SAMPLES

FILTERS = [{}, {"group": "Myanmar military"}, {"group": "KNDF"}, {"place": "Loikaw"}, {"place": "Sagaing Region"}]


def per_event(store, monkeypatch, **filters):
    """The answer of the per-event query, as fought-where gave it before the summary existed."""
    with monkeypatch.context() as patch:
        original = questions.question_text
        patch.setattr(questions, "question_text",
                      lambda name: per_event_text(name) if name == "fought-where" else original(name))
        return questions.ask(store, "fought-where", **filters)


def same_answers(answer, expected):
    """Equal answers, but for the labels the per-event query SAMPLEs among a node's labels (which one
    depends on the order the store met them in): the summary takes the preferred label, else the
    first alternative one, and orders its rows by them."""
    (columns, rows), (expected_columns, expected_rows) = answer, expected
    assert columns == expected_columns or not rows
    unlabelled = lambda rows: sorted((tuple((k, str(v)) for k, v in row.items() if k not in ("group", "place")))  # noqa: E731
                                     for row in rows)
    assert unlabelled(rows) == unlabelled(expected_rows)
    for row in rows:
        for key in ("group", "place"):
            assert row[key] == (row[f"{key}_aliases"] or [None])[0] or row[key] in row[f"{key}_aliases"]
    assert [(-r["events"], r["group"], r["place"]) for r in rows] == sorted((-r["events"], r["group"], r["place"]) for r in rows)
    return True


def summary_rows(store):
    return store.query("SELECT ?row WHERE { GRAPH ?g { ?row a kg:FoughtAt } }", {"g": SUMMARY_GRAPH}).rows


@pytest.fixture(scope="module")
def copied_samples(samples_store):
    """A private in-memory copy of the samples store, to remove articles from."""
    store, _ = samples_store
    copy = open_store(None)
    copy._store.load(store.dump_nquads(), format=ox.RdfFormat.N_QUADS)
    return copy


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: "-".join(f.values()) or "none")
def test_the_summary_gives_the_rows_of_the_per_event_query(samples_store, monkeypatch, filters):
    store, _ = samples_store
    assert summary_rows(store), "the build wrote no summary"
    answer = questions.ask(store, "fought-where", **filters)
    assert same_answers(answer, per_event(store, monkeypatch, **filters))
    if not filters:
        assert len(answer[1]) == len(summary_rows(store)) > 10


def test_operation_and_date_filters_run_the_per_event_query(samples_store, monkeypatch):
    store, _ = samples_store
    asked = []
    original = store.query
    monkeypatch.setattr(store, "query", lambda text, *a, **k: asked.append(text) or original(text, *a, **k))
    _, rows = questions.ask(store, "fought-where", since="2024-01-01")
    assert rows and any("kg:ConflictEvent" in text for text in asked)
    assert all(row["last"] is None or row["last"] >= "2024-01-01" for row in rows)


def test_the_summary_follows_a_removed_article(copied_samples, monkeypatch):
    store = copied_samples
    before = questions.ask(store, "fought-where")[1]
    article = sorted({a for row in before for a in row["articles"]})[0]
    remove(store, article)
    after = questions.ask(store, "fought-where")
    assert same_answers(after, per_event(store, monkeypatch))
    assert article not in {a for row in after[1] for a in row["articles"]}
    assert after[1] != before


def test_a_store_without_a_summary_is_answered_per_event(copied_samples, monkeypatch):
    store = copied_samples
    summarise(store)
    expected = questions.ask(store, "fought-where")
    store.remove_graph(SUMMARY_GRAPH)
    assert not summary_rows(store)
    assert same_answers(questions.ask(store, "fought-where"), per_event(store, monkeypatch))
    assert same_answers(expected, per_event(store, monkeypatch))
    summarise(store)
    assert {row["row"].value for row in summary_rows(store)}


def test_a_store_without_fighting_has_no_summary_graph(tmp_path):
    folder = tmp_path / "calm"
    folder.mkdir()
    (folder / "a.txt").write_text("date: 2024-03-10\n\nThe weather in Yangon was fine on Monday.\n", encoding="utf-8")
    store = open_store(None)
    build([str(folder)], store)
    assert not summary_rows(store)
    assert questions.ask(store, "fought-where")[1] == []


def test_the_summary_graph_does_not_depend_on_the_order_the_store_was_written_in(samples_store):
    """Oxigraph's SAMPLE and GROUP_CONCAT follow the order it meets rows in, which follows the write
    order; the summary must not (a --jobs 2 build must give the graph a one-job build gives)."""
    import random

    store, _ = samples_store
    lines = [line for line in store.dump_nquads().decode("utf-8").splitlines(True) if "/graph/summary>" not in line]
    graphs = []
    for seed in range(3):
        random.Random(seed).shuffle(lines)
        copy = open_store(None)
        copy._store.load("".join(lines), format=ox.RdfFormat.N_QUADS)
        summarise(copy)
        graphs.append(sorted(str(q) for q in copy._store.quads_for_pattern(None, None, None, ox.NamedNode(str(SUMMARY_GRAPH)))))
    assert graphs[0] and graphs[0] == graphs[1] == graphs[2]


def summary_quads(store):
    return sorted(str(q) for q in store._store.quads_for_pattern(None, None, None, ox.NamedNode(str(SUMMARY_GRAPH))))


def test_counting_a_few_events_at_a_time_in_small_chunks_gives_the_same_summary(clashes_store, monkeypatch):
    """Events read one at a time, rows written one per transaction: the graph of reading them all at
    once, whether written new or over an older summary, and the per-event query's answer."""
    from kg import store as store_module, summary

    store = open_store(None)
    store._store.load(clashes_store.dump_nquads(), format=ox.RdfFormat.N_QUADS)
    assert summarise(store, per_query=10**9) > 2
    expected = summary_quads(store)
    assert store.query("SELECT ?e WHERE { ?e a kg:MergedEvent }").rows, "no merged events to count"
    monkeypatch.setattr(summary, "ROWS_PER_CHUNK", 1)
    monkeypatch.setattr(store_module, "REWRITE_BATCH", 2)
    store.remove_graph(SUMMARY_GRAPH)
    assert summarise(store, per_query=1) and summary_quads(store) == expected          # written new
    store.replace_graph(SUMMARY_GRAPH, "<urn:x> <urn:y> <urn:z> .\n")
    assert summarise(store, per_query=1) and summary_quads(store) == expected          # over another graph
    assert same_answers(questions.ask(store, "fought-where"), per_event(store, monkeypatch))


def test_a_summary_without_its_completion_marker_is_not_read(copied_samples, monkeypatch):
    """A build killed while the summary was written leaves it without its marker: answer per event."""
    store = copied_samples
    summarise(store)
    store._store.update(f"DELETE WHERE {{ GRAPH <{SUMMARY_GRAPH}> {{ <{SUMMARY_GRAPH}> kg:contentHash ?h }} }}",
                        prefixes=PREFIXES)
    asked = []
    original = store.query
    monkeypatch.setattr(store, "query", lambda text, *a, **k: asked.append(text) or original(text, *a, **k))
    assert questions.ask(store, "fought-where")[1]
    assert any("kg:ConflictEvent" in text for text in asked)
    summarise(store)


def test_summary_rows_carry_their_rank_in_the_question_order(samples_store):
    """The question sorts by kg:rowRank (one integer) rather than by label strings: the ranks are
    0..n-1 and give the order of most events first, then actor label, then place label."""
    store, _ = samples_store
    ranks = store.query("SELECT ?a ?p ?rank WHERE { GRAPH ?g { ?row kg:fightActor ?a ; kg:fightPlace ?p ; "
                        "kg:rowRank ?rank } }", {"g": SUMMARY_GRAPH}).rows
    assert sorted(int(r["rank"].value) for r in ranks) == list(range(len(summary_rows(store))))
    rows = questions.ask(store, "fought-where")[1]
    by_rank = {(r["a"].value, r["p"].value): int(r["rank"].value) for r in ranks}
    assert [by_rank[(r["group_iri"], r["place_iri"])] for r in rows] == list(range(len(rows)))
    assert [(-r["events"], r["group"], r["place"]) for r in rows] == sorted((-r["events"], r["group"], r["place"]) for r in rows)


def test_a_summary_written_before_ranks_is_still_in_the_question_order(copied_samples, monkeypatch):
    store = copied_samples
    summarise(store)
    store._store.update(f"DELETE WHERE {{ GRAPH <{SUMMARY_GRAPH}> {{ ?row kg:rowRank ?rank }} }}",
                        prefixes=PREFIXES)
    assert same_answers(questions.ask(store, "fought-where"), per_event(store, monkeypatch))
    summarise(store)
