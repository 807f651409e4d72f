"""Network projections (kg/network.py) over the samples store: the three kinds, filters, the cut."""

import pytest

from kg.errors import QueryError
from kg.network import build_network, heading_for, most_connected
from kg.questions import ask

from conftest import ACTOR, MYANMAR_MILITARY, PLACE


@pytest.fixture(scope="module")
def store(samples_store):
    return samples_store[0]


@pytest.fixture(scope="module")
def networks(store):
    return {kind: build_network(store, kind) for kind in ("actors", "actor-place", "full")}


def test_actor_place_has_the_pairs_and_event_counts_of_fought_where(store, networks):
    _, rows = ask(store, "fought-where")
    graph = networks["actor-place"]
    expected = {(r["group_iri"], r["place_iri"]): r["events"] for r in rows}
    found = {}
    for a, b, data in graph.edges(data=True):
        actor, place = (a, b) if graph.nodes[a]["kind"] == "actor" else (b, a)
        found[(actor, place)] = data["weight"]
    assert found == expected
    assert {graph.nodes[n]["kind"] for n in graph} == {"actor", "place"}


def test_every_sourced_edge_carries_its_sentences_and_articles(networks):
    graph = networks["actor-place"]
    evidence, articles = graph.graph["evidence"], graph.graph["articles"]
    for a, b, data in graph.edges(data=True):
        assert data["evidence"], (a, b)
        for index in data["evidence"]:
            assert evidence[index]["quote"].strip()
            assert articles[evidence[index]["article"]]["id"]


def test_places_count_their_events(networks):
    graph = networks["actor-place"]
    places = [data for _, data in graph.nodes(data=True) if data["kind"] == "place"]
    assert graph.nodes[PLACE + "loikaw"]["events"] >= 1
    assert sum(p["events"] for p in places) >= graph.number_of_edges() / 2
    dated = [p for p in places if p["first"]]
    assert dated and all(p["first"] <= p["last"] for p in dated)


def test_actors_view_has_fought_against_allied_and_member_of(networks):
    graph = networks["actors"]
    relations = {data["relation"] for *_, data in graph.edges(data=True)}
    assert {"fought against", "allied with", "member of"} <= relations
    assert {graph.nodes[n]["kind"] for n in graph} == {"actor"}
    opposed = [d for *_, d in graph.edges(data=True) if d["relation"] == "fought against"]
    assert all(d["weight"] >= 1 and d["evidence"] and not d["reference"] for d in opposed)
    members = [d for *_, d in graph.edges(data=True) if d["relation"] == "member of"]
    assert all(d["reference"] for d in members)
    # the Three Brotherhood members are drawn with their alliance
    assert graph.has_edge(ACTOR + "mndaa", ACTOR + "three-brotherhood-alliance")


def test_full_view_joins_events_to_actors_places_and_operations(networks):
    graph = networks["full"]
    kinds = {graph.nodes[n]["kind"] for n in graph}
    assert kinds == {"actor", "place", "operation", "event"}
    operation = ACTOR.replace("actor/", "operation/") + "operation-1027"
    assert operation in graph
    parts = [n for n in graph.neighbors(operation) if graph.nodes[n]["kind"] == "event"]
    assert parts and all(operation in graph.nodes[e]["operations"] for e in parts)
    event = parts[0]
    assert graph.nodes[event]["evidence"]
    roles = {graph.edges[event, n]["relation"] for n in graph.neighbors(event) if graph.nodes[n]["kind"] == "actor"}
    assert roles <= {"attacker", "target", "participant"}


def test_claims_reach_the_events_they_are_about(networks):
    graph = networks["full"]
    claims = graph.graph["claims"]
    with_claims = [n for n in graph if graph.nodes[n]["kind"] == "event" and graph.nodes[n]["claims"]]
    assert with_claims
    claim = claims[next(iter(graph.nodes[with_claims[0]]["claims"]))]
    assert claim["quantity"] and claim["value"] is not None


SHAN_2024 = {"place": "Shan State", "since": "2023-10-27", "until": "2024-08-31"}


@pytest.mark.parametrize("kind", ["actors", "actor-place", "full"])
def test_filters_narrow_every_kind(store, kind):
    whole = build_network(store, kind)
    narrow = build_network(store, kind, **SHAN_2024)
    assert 0 < narrow.number_of_nodes() < whole.number_of_nodes()
    for _, data in narrow.nodes(data=True):
        if data["kind"] == "event":
            assert data["last"] >= SHAN_2024["since"] and data["first"] <= SHAN_2024["until"]


def test_filtered_actor_place_is_filtered_fought_where(store):
    _, rows = ask(store, "fought-where", **SHAN_2024)
    graph = build_network(store, "actor-place", **SHAN_2024)
    pairs = {frozenset((r["group_iri"], r["place_iri"])) for r in rows}
    assert pairs and {frozenset(edge) for edge in graph.edges} == pairs


def test_group_filter_keeps_the_group_and_its_sub_organisations_like_fought_where(store):
    _, rows = ask(store, "fought-where", group="Myanmar military")
    graph = build_network(store, "actor-place", group="Myanmar military")
    actors = {n for n in graph if graph.nodes[n]["kind"] == "actor"}
    assert actors == {r["group_iri"] for r in rows}
    assert MYANMAR_MILITARY in actors


def test_operation_filter_keeps_only_its_events(store):
    graph = build_network(store, "full", operation="Operation 1027")
    events = [n for n in graph if graph.nodes[n]["kind"] == "event"]
    assert events and all(any(op.endswith("operation-1027") for op in graph.nodes[e]["operations"]) for e in events)


def test_an_unknown_name_is_an_error_naming_it(store):
    with pytest.raises(QueryError, match="no place named 'Atlantis' in the store"):
        build_network(store, "actor-place", place="Atlantis")
    with pytest.raises(QueryError, match="invalid date '2024-13-01': use YYYY-MM-DD"):
        build_network(store, "actor-place", since="2024-13-01")


def test_most_connected_keeps_the_hubs_and_says_what_was_left_out(networks):
    graph = networks["full"]
    kept, notice = most_connected(graph, 50)
    assert kept.number_of_nodes() == 50
    assert MYANMAR_MILITARY in kept
    lowest_kept = min(graph.degree(n) for n in kept)
    assert all(graph.degree(n) <= lowest_kept for n in set(graph) - set(kept))
    assert f"showing the 50 most connected of {graph.number_of_nodes()} nodes" in notice
    assert f"left out {graph.number_of_nodes() - 50} nodes (" in notice and "event" in notice
    assert kept.graph["notice"] == notice
    assert most_connected(graph, 10_000) == (graph, "")


def test_heading_names_the_kind_and_the_filters():
    assert heading_for("actors", place="Loikaw", group=None, since="2023-11-01") == \
        "kg: armed actors \u00b7 place Loikaw \u00b7 since 2023-11-01"


def test_one_event_reported_by_two_articles_counts_once_with_both_sentences(tmp_path):
    from kg.build import build
    from kg.store import open_store

    (tmp_path / "a.txt").write_text("date: 2024-03-10\n\nThe KNDF attacked a junta outpost in Loikaw on Friday, "
                                    "the group said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("date: 2024-03-11\n\nKarenni Nationalities Defense Force fighters attacked a "
                                    "military outpost in Loikaw last Friday, residents said.\n", encoding="utf-8")
    store = open_store(None)
    build([str(tmp_path)], store)
    graph = build_network(store, "actor-place")
    _, rows = ask(store, "fought-where")
    edge = graph.edges[ACTOR + "kndf", PLACE + "loikaw"]
    assert edge["weight"] == 1 == next(r["events"] for r in rows if r["group_iri"] == ACTOR + "kndf")
    quotes = {graph.graph["evidence"][i]["quote"] for i in edge["evidence"]}
    assert len(quotes) == 2
    events = [n for n, d in build_network(store, "full").nodes(data=True) if d["kind"] == "event"]
    assert len(events) == 1


def test_the_export_projection_writes_out_sentences_and_sources(store):
    from kg.network import actor_place_network

    graph = actor_place_network(store)
    assert "evidence" not in graph.graph
    for _, _, data in graph.edges(data=True):
        assert data["sentences"] and data["sources"] and "evidence" not in data
