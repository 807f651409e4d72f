"""Reports of one event in several articles merge into one event node; distinct events stay apart."""

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from rdflib import URIRef

from conftest import ACTOR, CLASH, PLACE
from kg.build import build
from kg.merge import Report, find_clusters, merge_events, merged_graph
from kg.namespace import KG, MERGED_GRAPH, SEM, graph_iri
from kg.questions import ask

# places_above / actors_above, as merge_events reads them from the store
ABOVE_PLACES = {"loikaw": {"loikaw-township", "kayah"}, "loikaw-township": {"kayah"}, "demoso": {"kayah"}}
ABOVE_ACTORS = {"kndf-battalion-1": {"kndf"}}


def report(iri, article, place="loikaw", begin="2024-03-08", end=None, actors=("kndf", "army"), type="clash"):
    begin = dt.date.fromisoformat(begin)
    end = dt.date.fromisoformat(end) if end else begin
    return Report(iri, article, type, place, begin, end, frozenset(actors), frozenset({f"{iri}-evidence"}))


def clusters_of(reports, window=3):
    return [sorted(r.iri for r in c.reports) for c in find_clusters(reports, ABOVE_PLACES, ABOVE_ACTORS, window)]


def test_two_articles_reporting_one_clash_merge():
    assert clusters_of([report("a1", "a"), report("b1", "b", begin="2024-03-09")]) == [["a1", "b1"]]


@pytest.mark.parametrize("other, why", [
    (report("b1", "b", begin="2024-03-20"), "dates 12 days apart"),
    (report("b1", "b", begin="2024-03-12"), "dates 4 days apart, window 3"),
    (report("b1", "a"), "same article"),
    (report("b1", "b", type="air-strike"), "another event type"),
    (report("b1", "b", place="demoso"), "a place beside it, not within it"),
    (report("b1", "b", actors=("aa",)), "no actor in common"),
    (report("b1", "b", begin="2024-03-01", end="2024-03-31"), "a date known only to the month"),
])
def test_reports_that_are_not_the_same_event_stay_apart(other, why):
    assert clusters_of([report("a1", "a"), other]) == [], why


def test_dates_within_the_window_merge_and_spans_count_from_their_nearest_ends():
    assert clusters_of([report("a1", "a"), report("b1", "b", begin="2024-03-11")]) == [["a1", "b1"]]
    assert clusters_of([report("a1", "a", begin="2024-03-01", end="2024-03-05"),
                        report("b1", "b", begin="2024-03-08")]) == [["a1", "b1"]]


def test_a_place_within_the_other_and_a_sub_organisation_merge():
    clusters = find_clusters([report("a1", "a", actors=("kndf-battalion-1",)), report("b1", "b", place="kayah")],
                             ABOVE_PLACES, ABOVE_ACTORS)
    assert [sorted(r.iri for r in c.reports) for c in clusters] == [["a1", "b1"]]
    graph = merged_graph(clusters, ABOVE_PLACES, ABOVE_ACTORS)
    assert graph.value(clusters[0].iri, SEM.hasPlace) == URIRef("loikaw")       # the most specific place


def test_linkage_is_complete_so_a_chain_of_near_misses_does_not_glue_events():
    # c1 is within 3 days of b1 and b1 of a1, but a1 and c1 are 6 days apart: two events, not one
    reports = [report("a1", "a"), report("b1", "b", begin="2024-03-11"), report("c1", "c", begin="2024-03-14")]
    assert clusters_of(reports) == [["a1", "b1"]]


def test_three_articles_of_one_event_make_one_cluster():
    reports = [report("a1", "a"), report("b1", "b", place="kayah"), report("c1", "c", begin="2024-03-09")]
    assert clusters_of(reports) == [["a1", "b1", "c1"]]


def test_the_merged_graph_links_every_report_and_says_why():
    clusters = find_clusters([report("a1", "a"), report("b1", "b", begin="2024-03-09")], ABOVE_PLACES, ABOVE_ACTORS)
    graph = merged_graph(clusters, ABOVE_PLACES, ABOVE_ACTORS, names={"kndf": "KNDF", "loikaw": "Loikaw"})
    node = clusters[0].iri
    assert graph.identifier == MERGED_GRAPH
    assert set(graph.subjects(KG.mergedInto, node)) == {URIRef("a1"), URIRef("b1")}
    assert set(graph.objects(node, KG.reportedIn)) == {URIRef("a"), URIRef("b")}
    assert set(graph.objects(node, KG.evidence)) == {URIRef("a1-evidence"), URIRef("b1-evidence")}
    assert str(graph.value(node, SEM.hasBeginTimeStamp)) == "2024-03-08"
    assert str(graph.value(node, SEM.hasEndTimeStamp)) == "2024-03-09"
    reason = str(graph.value(node, KG.mergeReason))
    assert reason == ("2 reports in 2 articles of one clash event: same type; place Loikaw; shared actors KNDF, army; "
                      "dates 2024-03-08 to 2024-03-09, within 3 days")


def test_the_merged_iri_depends_only_on_the_reports():
    first = find_clusters([report("a1", "a"), report("b1", "b")], ABOVE_PLACES, ABOVE_ACTORS)
    again = find_clusters([report("b1", "b"), report("a1", "a")], ABOVE_PLACES, ABOVE_ACTORS)
    assert first[0].iri == again[0].iri


# ------------------------------------------------------------------ built from real articles

def merged_links(store):
    rows = store.query("SELECT ?report ?merged WHERE { GRAPH ?g { ?report kg:mergedInto ?merged } }",
                       {"g": MERGED_GRAPH}).rows
    return {row["report"].value.rsplit("/", 2)[-2]: row["merged"].value for row in rows}


def test_build_merges_the_clash_two_articles_report_and_not_the_later_one(clash_store):
    links = merged_links(clash_store)
    assert set(links) == {"first", "second"}          # article ids of the merged reports; "later" stays alone
    assert len(set(links.values())) == 1
    (reason,) = [r["why"].value for r in clash_store.query("SELECT ?why WHERE { ?m kg:mergeReason ?why }").rows]
    assert "2 reports in 2 articles" in reason and "place Loikaw" in reason
    assert "Karenni Nationalities Defense Force" in reason and "Myanmar Armed Forces" in reason


def test_fought_where_counts_the_merged_clash_once(clash_store):
    _, rows = ask(clash_store, "fought-where", group="KNDF")
    (row,) = rows
    assert (row["place"], row["events"]) == ("Loikaw", 2)     # the merged clash of March 8, and May 18
    assert row["articles"] == ["first", "later", "second"]


def test_events_lists_the_merged_clash_once_with_every_report(clash_store):
    _, rows = ask(clash_store, "events", place="Loikaw")
    assert [(r["begin"], r["reports"], r["merged"]) for r in rows] == [("2024-03-08", 2, True), ("2024-05-18", 1, False)]
    assert rows[0]["sources"] == ["https://example.org/first", "https://example.org/second"]
    assert len(rows[0]["sentences"]) == 2


def test_figures_stay_per_claim_side_by_side(clash_store):
    _, rows = ask(clash_store, "casualties", place="Loikaw")
    fatalities = [r for r in rows if r["quantity"] == "Fatalities"]
    assert len({r["event"] for r in fatalities}) == 1
    assert {(r["value"], r["claimant_iri"], r["article"]) for r in fatalities} == {
        (12, ACTOR + "kndf", "first"), (3, ACTOR + "myanmar-military", "second")}
    assert all(r["conflicting"] for r in fatalities)
    claims = clash_store.query("SELECT (COUNT(*) AS ?n) WHERE { ?c a kg:Claim ; kg:about ?e . ?e a kg:MergedEvent }")
    assert int(claims.rows[0]["n"].value) == 0           # claims still point at their own report


def test_merging_again_gives_the_same_graph_and_follows_removed_articles(clash_store):
    before = merged_links(clash_store)
    assert merge_events(clash_store) == 1
    assert merged_links(clash_store) == before
    clash_store.remove_graph(graph_iri("second"))
    try:
        assert merge_events(clash_store) == 0
        assert merged_links(clash_store) == {}
        _, rows = ask(clash_store, "events", place="Loikaw")
        assert [r["reports"] for r in rows] == [1, 1]
    finally:
        _rebuild_second(clash_store)


def _rebuild_second(store):
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "second.txt").write_text(CLASH["second.txt"], encoding="utf-8")
        build([folder], store)
    assert set(merged_links(store)) == {"first", "second"}


def test_the_merged_place_is_an_event_place(clash_store):
    rows = clash_store.query("SELECT ?p WHERE { ?m a kg:MergedEvent ; sem:hasPlace ?p }").rows
    assert [r["p"].value for r in rows] == [PLACE + "loikaw"]


def test_a_store_with_merged_events_conforms_to_the_shapes(clash_store):
    from kg.validate import validate_store

    report = validate_store(clash_store)
    assert [str(v) for v in report.violations if "merged" in str(v.focus)] == []
    assert report.conforms, [str(v) for v in report.violations]


def test_removing_an_article_redoes_the_merge(clash_store):
    from kg.build import remove

    assert set(merged_links(clash_store)) == {"first", "second"}
    remove(clash_store, "second")
    try:
        assert merged_links(clash_store) == {}
    finally:
        _rebuild_second(clash_store)


# ------------------------------------------------------------------ read and written in parts

def test_merging_a_day_at_a_time_in_small_chunks_gives_the_graph_of_merging_all_at_once(clashes_store, monkeypatch):
    import pyoxigraph as ox

    from kg import merge, store as store_module
    from kg.questions import labels_of
    from kg.store import open_store

    source = clashes_store
    store = open_store(None)
    store._store.load(source.dump_nquads(), format=ox.RdfFormat.N_QUADS)
    places = merge._above(store, merge._PLACES_ABOVE, merge._EVENT_PLACES)
    actors = merge._above(store, merge._ACTORS_ABOVE)
    clusters = find_clusters(list(merge.iter_reports(store, per_query=10**9)), places, actors)   # all at once
    names = {iri: labels[0] for iri, labels in labels_of(store, sorted(merge._named(clusters))).items() if labels}
    expected = {tuple(map(str, t)) for t in merged_graph(clusters, places, actors, names=names)}
    assert len(clusters) >= 2 and len(list(merge._day_batches(store, 1))) >= 3, "not a multi-partition case"
    monkeypatch.setattr(merge, "REPORTS_PER_QUERY", 1)       # one day per query
    monkeypatch.setattr(merge, "REPORTS_PER_CHUNK", 1)       # one merged event per chunk
    monkeypatch.setattr(store_module, "REWRITE_BATCH", 3)
    store.remove_graph(MERGED_GRAPH)
    for _ in range(2):   # written new, then rewritten over itself
        assert merge_events(store) == len(clusters)
        written = {(q.subject.value, q.predicate.value, q.object.value)
                   for q in store._store.quads_for_pattern(None, None, None, ox.NamedNode(str(MERGED_GRAPH)))
                   if q.predicate.value != str(KG.contentHash)}
        assert written == expected
