"""Exports, each read back by its own ecosystem's reader: rdflib, networkx, json (GeoJSON), csv."""

import csv
import io
import json

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from cli import main
from kg.export import ACLED_COLUMNS, acled_csv, export, network_export, write_export
from kg.network import actor_network, actor_place_network

LOIKAW = "https://w3id.org/armed-actors/id/place/loikaw"
ACLED_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Strategic developments",
               "Protests", "Riots"}


@pytest.fixture(scope="module")
def store(samples_store):
    return samples_store[0]


@pytest.fixture(scope="module")
def acled(store, tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "events.csv"
    write_export(store, "acled-csv", path)
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return reader.fieldnames, list(reader)


@pytest.fixture(scope="module")
def features(store):
    content, _ = export(store, "geojson")
    return json.loads(content)


def _values(store, sparql):
    return [{k: v.value for k, v in row.items() if v is not None} for row in store.query(sparql).rows]


@pytest.mark.parametrize("fmt, reader", [("turtle", "turtle"), ("trig", "trig"), ("nquads", "nquads"),
                                         ("jsonld", "json-ld")])
def test_rdf_exports_read_back_with_rdflib(store, tmp_path, fmt, reader):
    path = tmp_path / f"graph.{fmt}"
    write_export(store, fmt, path)
    if fmt == "turtle":  # one graph: the union, each triple once
        graph = Graph().parse(path, format=reader)
        distinct = _values(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
        assert len(graph) == int(distinct[0]["n"])
        return
    dataset = Dataset()
    dataset.parse(path, format=reader)
    assert len(list(dataset.quads((None, None, None, None)))) == store.triple_count()
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert "https://w3id.org/armed-actors/graph/article/02_loikaw" in names


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
@pytest.mark.parametrize("kind", ["actor-place", "actors"])
def test_network_exports_read_back_with_networkx(store, tmp_path, fmt, read, kind):
    projection = actor_place_network(store) if kind == "actor-place" else actor_network(store)
    path = tmp_path / f"network.{fmt}"
    write_export(store, fmt, path, kind=kind)
    graph = read(path)
    assert set(graph.nodes) == set(projection.nodes) and graph.number_of_edges() == projection.number_of_edges()
    node = sorted(projection.nodes)[0]
    assert graph.nodes[node]["label"] == projection.nodes[node]["label"]
    assert graph.nodes[node]["aliases"] == "; ".join(projection.nodes[node]["aliases"])


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_escape_markup(tmp_path, fmt, read):
    hostile = '<script>alert("x")</script> & <b>'
    graph = nx.Graph()
    graph.add_node("urn:x:a", label=hostile, aliases=[hostile, "A"], kind="actor")
    graph.add_node("urn:x:b", label="B", kind="place")
    graph.add_edge("urn:x:a", "urn:x:b", sentence=hostile, weight=2)
    text = network_export(graph, fmt)
    assert "<script>" not in text and "<b>" not in text
    path = tmp_path / f"hostile.{fmt}"
    path.write_text(text, encoding="utf-8")
    back = read(path)
    assert back.nodes["urn:x:a"]["label"] == hostile
    assert back.edges["urn:x:a", "urn:x:b"]["sentence"] == hostile


def test_geojson_is_a_feature_collection_of_points(features):
    assert features["type"] == "FeatureCollection"
    kinds = {f["properties"]["kind"] for f in features["features"]}
    assert kinds == {"event", "place"}
    for feature in features["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        longitude, latitude = geometry["coordinates"]
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90


def test_geojson_puts_longitude_first_as_in_the_graph(store, features):
    [wkt] = [r["w"] for r in _values(store, f"SELECT ?w WHERE {{ <{LOIKAW}> geo:hasGeometry/geo:asWKT ?w }}")]
    longitude, latitude = (float(x) for x in wkt[wkt.index("(") + 1:wkt.index(")")].split())
    [place] = [f for f in features["features"] if f["id"] == LOIKAW]
    assert place["geometry"]["coordinates"] == [longitude, latitude]
    assert place["properties"]["events"] == sum(
        1 for f in features["features"] if f["properties"]["kind"] == "event" and f["properties"]["place_iri"] == LOIKAW)


def test_acled_csv_has_acled_columns_and_one_row_per_event(store, acled):
    fieldnames, rows = acled
    assert tuple(fieldnames) == ACLED_COLUMNS
    events = _values(store, "SELECT DISTINCT ?e WHERE { ?e a kg:ConflictEvent FILTER NOT EXISTS { ?e kg:mergedInto ?x } }")
    assert sorted(r["event_id_cnty"] for r in rows) == sorted(e["e"] for e in events)
    assert {r["event_type"] for r in rows} <= ACLED_TYPES | {"Displacement"}
    assert all(r["notes"] for r in rows)


def test_acled_fatalities_are_the_lowest_claim_and_blank_when_unreported(store, acled):
    _, rows = acled
    claims = {}
    for row in _values(store, "SELECT ?e ?v WHERE { ?c a kg:Claim ; kg:about ?e ; kg:quantityType kg:Fatalities ; kg:value ?v }"):
        claims.setdefault(row["e"], []).append(int(row["v"]))
    assert claims
    for row in rows:
        expected = min(claims[row["event_id_cnty"]]) if row["event_id_cnty"] in claims else ""
        assert row["fatalities"] == str(expected)


def test_acled_rows_place_events_in_their_admin_areas(acled):
    _, rows = acled
    loikaw = [r for r in rows if r["location"] == "Loikaw" and r["latitude"]]
    assert loikaw and all(r["admin3"] == "Loikaw Township" and r["admin1"] for r in loikaw)
    assert all(r["actor1"] or not r["actor2"] for r in rows)  # a lone actor is actor1


def test_acled_csv_defuses_spreadsheet_formulas():
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row.update(actor1='=HYPERLINK("http://x","y")', notes="@SUM(A1)", latitude=-12.5, longitude=-70.25)
    [parsed] = csv.DictReader(io.StringIO(acled_csv([row])))
    assert parsed["actor1"] == '\'=HYPERLINK("http://x","y")' and parsed["notes"] == "'@SUM(A1)"
    assert (parsed["latitude"], parsed["longitude"]) == ("-12.5", "-70.25")


def test_place_filter_keeps_only_events_within_the_place(store):
    within = {r["e"] for r in _values(store, f"SELECT ?e WHERE {{ ?e sem:hasPlace/geo:sfWithin* <{LOIKAW}> }}")}
    content, summary = export(store, "acled-csv", place="Loikaw")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert rows and {r["event_id_cnty"] for r in rows} == within
    assert summary == f"{len(rows)} events"
    nothing, _ = export(store, "acled-csv", place="Atlantis")
    assert nothing.strip() == ",".join(ACLED_COLUMNS)


def test_cli_writes_the_file_and_refuses_filters_on_rdf(store, tmp_path):
    runner = CliRunner()
    out = tmp_path / "map.geojson"
    result = runner.invoke(main, ["export", "--store", str(store.path), "--format", "geojson", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out} (") and json.loads(out.read_text())["type"] == "FeatureCollection"
    assert [p.name for p in tmp_path.iterdir()] == ["map.geojson"]  # no temporary file left behind
    refused = runner.invoke(main, ["export", "--store", str(store.path), "--format", "nquads", "--out",
                                   str(tmp_path / "x.nq"), "--place", "Loikaw"])
    assert refused.exit_code == 2
    assert "--format nquads exports the whole dataset; filters (--place) apply to graphml" in refused.output
