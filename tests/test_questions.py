"""Canned questions: fought-where and actors, with place, group and date filters bound safely."""

import pytest

from conftest import ACTOR, MYANMAR_MILITARY, PLACE
from kg.errors import QueryError
from kg.questions import ask, list_questions, question_parameters, render_answer, resolve_names

OPERATION = "https://w3id.org/armed-actors/id/operation/"
KEYS = ["group", "group_iri", "group_aliases", "place", "place_iri", "place_aliases", "events", "first", "last",
        "sources"]


def pairs(rows):
    return {(r["group_iri"].rsplit("/", 1)[-1], r["place_iri"].rsplit("/", 1)[-1]) for r in rows}


def test_list_questions_names_the_canned_questions():
    assert {"fought-where", "actors", "opposed", "allied", "operations", "events", "actor", "casualties"} <= set(
        list_questions())


@pytest.mark.parametrize("name, takes, requires", [
    ("fought-where", ("place", "group", "operation", "since", "until"), ()),
    ("events", ("place", "group", "operation", "since", "until"), ()),
    ("actors", ("group",), ()),
    ("actor", ("group",), ("group",)),
])
def test_question_parameters_come_from_the_query_file(name, takes, requires):
    assert question_parameters(name) == (takes, requires)


@pytest.mark.parametrize("kwargs, message", [
    ({"place": "Loikaw"}, "kg ask actors does not take --place; it takes --group"),
    ({"subject": "KNDF"}, "kg ask actors takes no NAME argument"),
])
def test_a_parameter_the_question_does_not_take_is_refused(tiny_store, kwargs, message):
    with pytest.raises(QueryError, match=message):
        ask(tiny_store, "actors", **kwargs)


@pytest.mark.parametrize("name, kind, expected", [
    ("the Arakan Army", "group", [ACTOR + "aa"]),
    ("ARAKAN ARMY", "group", [ACTOR + "aa"]),
    ("Arakan", "place", [PLACE + "rakhine-state"]),
    ("Arakan", "group", []),                    # a place's alias is not a group
    ("Operation 1111", "operation", [OPERATION + "operation-1111"]),
    ("Operation 1111", "group", []),
])
def test_resolve_names_by_kind(tiny_store, name, kind, expected):
    assert resolve_names(tiny_store, name, kind=kind) == expected


def test_unknown_question_names_the_known_ones(tiny_store):
    with pytest.raises(QueryError, match=r"no canned question 'who-won'; known: .*fought-where"):
        ask(tiny_store, "who-won")


def test_fought_where_rows_have_the_documented_keys(tiny_store):
    columns, rows = ask(tiny_store, "fought-where")
    assert columns[:len(KEYS)] == KEYS
    kndf = next(r for r in rows if r["group_iri"] == ACTOR + "kndf")
    assert {k: kndf[k] for k in ("place", "place_iri", "events", "first", "last", "sources")} == {
        "place": "Loikaw", "place_iri": PLACE + "loikaw", "events": 1,
        "first": "2024-03-08", "last": "2024-03-08", "sources": ["https://example.org/a"]}
    assert {"KNDF", "Karenni Nationalities Defence Force"} <= set(kndf["group_aliases"])
    assert kndf["place_aliases"][0] == "Loikaw"


def test_fought_where_pairs(tiny_store):
    _, rows = ask(tiny_store, "fought-where")
    assert pairs(rows) == {("kndf", "loikaw"), ("myanmar-military", "loikaw"), ("aa", "rakhine-state"),
                           ("myanmar-military", "rakhine-state"), ("myanmar-military", "pekon-township")}


@pytest.mark.parametrize("place, expected", [
    ("Loikaw", {("kndf", "loikaw"), ("myanmar-military", "loikaw")}),
    ("loikaw", {("kndf", "loikaw"), ("myanmar-military", "loikaw")}),
    ("Arakan", {("aa", "rakhine-state"), ("myanmar-military", "rakhine-state")}),    # an alias
    ("Kayah State", {("kndf", "loikaw"), ("myanmar-military", "loikaw")}),            # contains Loikaw
    ("Karenni State", {("kndf", "loikaw"), ("myanmar-military", "loikaw")}),          # alias of a container
    ("Shan State", {("myanmar-military", "pekon-township")}),                          # contains Pekon
    ("Atlantis", set()),
])
def test_place_filter_takes_any_alias_and_includes_contained_places(tiny_store, place, expected):
    _, rows = ask(tiny_store, "fought-where", place=place)
    assert pairs(rows) == expected


@pytest.mark.parametrize("group, expected", [
    ("KNDF", {("kndf", "loikaw")}),
    ("Karenni Nationalities Defence Force", {("kndf", "loikaw")}),
    ("the Arakan Army", {("aa", "rakhine-state")}),                  # "the" is ignored on both sides
    ("Karenni Nationalities Defense Force", {("kndf", "loikaw")}),   # label spells it "Defence"
    pytest.param("Loikaw", set(), id="a place is not a group"),
])
def test_group_filter_takes_any_alias(tiny_store, group, expected):
    _, rows = ask(tiny_store, "fought-where", group=group)
    assert pairs(rows) == expected


@pytest.mark.parametrize("since, until, expected", [
    ("2024-03-09", None, {"rakhine-state", "pekon-township"}),
    (None, "2024-03-09", {"loikaw"}),
    ("2024-03-01", "2024-03-31", {"loikaw", "rakhine-state", "pekon-township"}),
])
def test_date_filters(tiny_store, since, until, expected):
    _, rows = ask(tiny_store, "fought-where", since=since, until=until)
    assert {place for _, place in pairs(rows)} == expected


def test_invalid_date_names_the_value(tiny_store):
    with pytest.raises(QueryError, match=r"invalid date 'last week': use YYYY-MM-DD"):
        ask(tiny_store, "fought-where", since="last week")


@pytest.mark.parametrize("hostile", ['Loikaw" . ?s ?p ?o', 'Loikaw"} DROP ALL {', "Loikaw> <x", "Loikaw' || true"])
def test_hostile_parameters_find_nothing_and_change_nothing(tiny_store, hostile):
    before = tiny_store.triple_count()
    for parameter in ("place", "group"):
        assert ask(tiny_store, "fought-where", **{parameter: hostile}) == ([], [])
    assert tiny_store.triple_count() == before


def test_actors_rows(tiny_store):
    _, rows = ask(tiny_store, "actors")
    assert set(rows[0]) == {"label", "iri", "type", "aliases", "mentions"}
    by_iri = {r["iri"]: r for r in rows}
    assert set(by_iri) == {ACTOR + "kndf", ACTOR + "aa", MYANMAR_MILITARY}
    assert by_iri[MYANMAR_MILITARY]["mentions"] == 2
    assert by_iri[MYANMAR_MILITARY]["type"] == "NationalArmedForces"
    assert "KNDF" in by_iri[ACTOR + "kndf"]["aliases"]


def test_news_agencies_are_not_actors(tiny_store):
    _, rows = ask(tiny_store, "actors")
    names = {n.lower() for r in rows for n in [r["label"], *r["aliases"]]}
    assert not names & {"reuters", "example news"}


# ------------------------------------------------------------------ the answers of issue 4
# clash_store (conftest): first + second report one clash in Loikaw on 2024-03-08 (merged); later:
# KNDF in Loikaw on 2024-05-18; joint: Karenni Army and KNPLF in Demoso on 2024-03-20, Operation 1111.

def tails(*iris):
    return tuple(iri.rsplit("/", 1)[-1] for iri in iris)


PAIR_KEYS = ["actor_a", "actor_a_iri", "actor_b", "actor_b_iri", "statements", "events", "first", "last",
             "sources", "articles", "sentence"]


def test_opposed_pairs_count_the_merged_clash_once(clash_store):
    columns, rows = ask(clash_store, "opposed")
    assert columns == PAIR_KEYS
    by_pair = {tails(r["actor_a_iri"], r["actor_b_iri"]): r for r in rows}
    assert set(by_pair) == {("kndf", "myanmar-military"), ("karenni-army", "myanmar-military"),
                            ("knplf", "myanmar-military")}
    kndf = by_pair[("kndf", "myanmar-military")]
    assert (kndf["statements"], kndf["events"], kndf["first"], kndf["last"]) == (3, 2, "2024-03-08", "2024-05-18")
    assert kndf["articles"] == ["first", "later", "second"]
    assert "Loikaw" in kndf["sentence"]


@pytest.mark.parametrize("filters, expected", [
    ({"group": "KNDF"}, {("kndf", "myanmar-military")}),
    ({"place": "Demoso"}, {("karenni-army", "myanmar-military"), ("knplf", "myanmar-military")}),
    ({"operation": "Operation 1111"}, {("karenni-army", "myanmar-military"), ("knplf", "myanmar-military")}),
    ({"since": "2024-05-01"}, {("kndf", "myanmar-military")}),
    ({"until": "2024-03-10"}, {("kndf", "myanmar-military")}),
])
def test_opposed_filters(clash_store, filters, expected):
    _, rows = ask(clash_store, "opposed", **filters)
    assert {tails(r["actor_a_iri"], r["actor_b_iri"]) for r in rows} == expected


def test_allied_pairs(clash_store):
    columns, rows = ask(clash_store, "allied")
    assert columns == PAIR_KEYS
    assert [tails(r["actor_a_iri"], r["actor_b_iri"]) for r in rows] == [("karenni-army", "knplf")]
    assert rows[0]["sentence"].startswith("The Karenni Army and the KNPLF jointly attacked")
    assert ask(clash_store, "allied", group="KNDF")[1] == []


def test_operations(clash_store):
    columns, rows = ask(clash_store, "operations")
    assert columns == ["operation", "operation_iri", "aliases", "launched", "launched_by", "launched_by_iris", "events",
                       "places", "place_iris", "actors", "actor_iris", "first", "last", "sources", "articles"]
    (row,) = rows                                     # operations without events are left out
    assert (row["operation"], row["launched"], row["events"], row["places"]) == (
        "Operation 1111", "2023-11-11", 1, ["Demoso"])
    assert "Karenni Nationalities Defense Force" in row["launched_by"]
    assert {"Karenni Army", "Karenni Nationalities People's Liberation Front"} <= set(row["actors"])


def test_a_named_operation_shows_even_without_events(clash_store):
    _, rows = ask(clash_store, "operations", operation="Operation 1027")
    assert [(r["operation"], r["events"]) for r in rows] == [("Operation 1027", 0)]
    assert "Arakan Army" in rows[0]["launched_by"]


EVENT_KEYS = ["event", "type", "type_iri", "place", "place_iri", "begin", "end", "actors", "actor_iris", "attackers",
              "targets", "operations", "operation_iris", "reports", "merged", "articles", "sources", "sentences"]


def test_events_rows(clash_store):
    columns, rows = ask(clash_store, "events")
    assert columns == EVENT_KEYS
    assert [(r["place"], r["begin"], r["reports"]) for r in rows] == [
        ("Loikaw", "2024-03-08", 2), ("Demoso", "2024-03-20", 1), ("Loikaw", "2024-05-18", 1)]
    joint = rows[1]
    assert joint["type"] == "Armed clash"
    assert set(joint["attackers"]) == {"Karenni Army", "Karenni Nationalities People's Liberation Front"}
    assert joint["operations"] == ["Operation 1111"]


@pytest.mark.parametrize("filters, expected", [
    ({"place": "Kayah State"}, ["2024-03-08", "2024-03-20", "2024-05-18"]),   # contains Loikaw and Demoso
    ({"place": "Demoso"}, ["2024-03-20"]),
    ({"group": "Karenni Army"}, ["2024-03-20"]),
    ({"group": "KNDF", "since": "2024-04-01"}, ["2024-05-18"]),
    ({"since": "2024-03-09", "until": "2024-03-31"}, ["2024-03-20"]),
    ({"operation": "Operation 1111"}, ["2024-03-20"]),
])
def test_events_filters(clash_store, filters, expected):
    _, rows = ask(clash_store, "events", **filters)
    assert [r["begin"] for r in rows] == expected


def test_casualties_keep_claimant_bound_and_verification(clash_store):
    columns, rows = ask(clash_store, "casualties", place="Demoso")
    assert columns == ["event", "event_type", "place", "place_iri", "date", "quantity", "value", "upper", "bound",
                       "victims", "claimant", "claimant_iri", "unverified", "sentence", "article", "source", "claim",
                       "conflicting"]
    (row,) = rows
    assert {k: row[k] for k in ("quantity", "value", "bound", "victims", "claimant", "unverified", "conflicting")} == {
        "quantity": "Fatalities", "value": 5, "bound": "atLeast", "victims": "military personnel",
        "claimant": "residents", "unverified": True, "conflicting": False}


def test_casualties_are_never_summed(clash_store):
    _, rows = ask(clash_store, "casualties", place="Loikaw")
    assert sorted(r["value"] for r in rows if r["quantity"] == "Fatalities") == [3, 12]


def test_actor_profile(clash_store):
    _, rows = ask(clash_store, "actor", subject="Karenni Army")
    (profile,) = rows
    assert profile["iri"] == ACTOR + "karenni-army"
    assert profile["type"] == "ArmedGroup"
    assert profile["places"] == ["Demoso"]
    assert profile["opponents"] == ["Myanmar Armed Forces"]
    assert profile["allies"] == ["Karenni Nationalities People's Liberation Front"]
    assert profile["operations"] == ["Operation 1111"]
    assert (profile["events"], profile["first"], profile["last"]) == (1, "2024-03-20", "2024-03-20")
    assert profile["sources"] == ["https://example.org/joint"]


def test_actor_profile_of_a_sub_organisation_names_its_parent(clash_store):
    _, rows = ask(clash_store, "actor", subject="the Arakan Army")
    assert rows[0]["parents"] == ["United League of Arakan"]
    assert "Three Brotherhood Alliance" in rows[0]["alliances"]
    assert rows[0]["events"] == 0 and rows[0]["first"] is None


def test_actor_profile_counts_the_merged_clash_once(clash_store):
    _, (profile,) = ask(clash_store, "actor", subject="KNDF")
    assert (profile["events"], profile["places"], profile["opponents"]) == (2, ["Loikaw"], ["Myanmar Armed Forces"])


@pytest.mark.parametrize("kwargs, message", [
    ({}, "kg ask actor needs a group: kg ask actor NAME"),
    ({"subject": "Atlantis"}, "no actor named 'Atlantis' in the store; kg ask actors lists them"),
    ({"subject": "Loikaw"}, "no actor named 'Loikaw'"),
])
def test_actor_errors(clash_store, kwargs, message):
    with pytest.raises(QueryError, match=message):
        ask(clash_store, "actor", **kwargs)


def test_a_profile_table_reads_down():
    text = render_answer("actor", ["label", "events"], [{"label": "KNDF", "events": 2}])
    assert text.splitlines() == ["field   value", "------  -----", "label   KNDF ", "events  2    "]


def test_fought_where_by_operation(clash_store):
    _, rows = ask(clash_store, "fought-where", operation="Operation 1111")
    assert {tails(r["group_iri"])[0] for r in rows} == {"karenni-army", "knplf", "myanmar-military"}
    assert {r["place"] for r in rows} == {"Demoso"}


@pytest.mark.parametrize("name", ["fought-where", "opposed", "allied", "operations", "events", "casualties"])
def test_hostile_names_find_nothing_in_every_question(clash_store, name):
    before = clash_store.triple_count()
    for parameter in ("place", "group", "operation"):
        assert ask(clash_store, name, **{parameter: 'Loikaw" } DROP ALL { "'}) == ([], [])
    assert clash_store.triple_count() == before
