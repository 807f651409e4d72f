"""Exports for other tools: the RDF (Turtle, TriG, N-Quads, JSON-LD), the networks (GraphML and
GEXF for Gephi), a GeoJSON layer of events and places (QGIS, kepler.gl) and an event table in
ACLED's column layout.

Exports: EXPORT_FORMATS, ACLED_COLUMNS, rdf_export, network_export, event_records, geojson,
acled_rows, acled_csv, export, write_export.

Each `*_export`/`geojson`/`acled_*` function returns the content; `write_export` writes it with
`atomic_write`, so a crash never leaves half a file.
"""

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox

from .errors import KGError, QueryError
from .files import atomic_write

EXPORT_FORMATS = ("turtle", "trig", "nquads", "jsonld", "graphml", "gexf", "geojson", "acled-csv")
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
               "jsonld": ox.RdfFormat.JSON_LD}
ACLED_COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
                 "actor2", "assoc_actor_2", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
                 "geo_precision", "time_precision", "source", "notes", "fatalities")
QUERY_DIR = Path(__file__).parent / "data"
_POINT = re.compile(r"POINT\s*\(\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s+(-?[\d.]+(?:[eE][-+]?\d+)?)\s*\)", re.IGNORECASE)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMERIC = {"latitude", "longitude", "geo_precision", "time_precision", "fatalities", "event_date"}


# ---------------------------------------------------------------- RDF
def rdf_export(store, fmt):
    """Return the whole store as bytes: Turtle merges the graphs, TriG/N-Quads/JSON-LD keep them."""
    from .namespace import PREFIXES  # rdflib, imported only when used: the CLI imports this module

    quads = store.quads()
    if fmt == "turtle":
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
        return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    if fmt == "jsonld":
        return ox.serialize(quads, format=ox.RdfFormat.JSON_LD)
    return ox.serialize(quads, format=RDF_FORMATS[fmt], **({"prefixes": PREFIXES} if fmt == "trig" else {}))


# ---------------------------------------------------------------- networks
def network_export(graph, fmt):
    """Return a networkx graph as GraphML or GEXF text; lists become '; '-joined strings."""
    import networkx as nx

    flat = nx.Graph()
    flat.add_nodes_from((node, _flat(data)) for node, data in graph.nodes(data=True))
    flat.add_edges_from((a, b, _flat(data)) for a, b, data in graph.edges(data=True))
    lines = nx.generate_graphml(flat) if fmt == "graphml" else nx.generate_gexf(flat)
    return "\n".join(lines) + "\n"


def _flat(data):
    out = {}
    for key, value in data.items():
        if isinstance(value, (list, tuple, set)):
            value = "; ".join(str(v) for v in value)
        if value is not None:
            out[key] = value if isinstance(value, (int, float, bool, str)) else str(value)
    return out


# ---------------------------------------------------------------- events
def event_records(store, **filters):
    """Return one dict per event: type, dates, precisions, place, coordinates, admin levels, actors
    by side, lowest fatality figure, sources and the sentence it comes from."""
    bindings = _bindings(store, filters)
    if bindings is None:
        return []
    events = _rows(store, "export-events", bindings)
    types = {r["type"]: r for r in _rows(store, "export-event-types")}
    places = {r["place"]: r for r in _rows(store, "export-places")}
    fatalities = {r["event"]: int(r["fatalities"]) for r in _rows(store, "export-fatalities")}
    roles = {}
    for row in _rows(store, "export-roles"):
        roles.setdefault(row["event"], []).append(row)
    from .questions import labels_of

    actors = {r["actor"] for rs in roles.values() for r in rs}
    labels = labels_of(store, sorted(actors | set(places)))
    return [_record(e, types, places, fatalities, roles.get(e["event"], []), labels) for e in events]


def _record(row, types, places, fatalities, roles, labels):
    kind = types.get(row["event_type"], {})
    side1, side2 = _sides(roles, labels)
    place = row.get("place")
    point, from_place = _point(place, places)
    admin = _admin(place, places, labels)
    precision = _int(row.get("geo_precision"))
    if point is not None and not from_place:
        precision = max(precision or 0, 3 if _is_region(point[2], places) else 2)
    return {
        "event": row["event"], "event_type": kind.get("top") or kind.get("name") or "",
        "sub_event_type": kind.get("name", "") if kind.get("top") else "",
        "date": row.get("begin_date"), "end_date": row.get("end_date"),
        "time_precision": _int(row.get("time_precision")), "geo_precision": precision,
        "place": _name(place, labels) if place else None, "place_iri": place,
        "longitude": point[0] if point else None, "latitude": point[1] if point else None, **admin,
        "side1": side1, "side2": side2, "fatalities": fatalities.get(row["event"]),
        "sources": row.get("sources") or "", "article": row.get("article"),
        "sentence": " ".join((row.get("sentence") or "").split()),
    }


def _sides(roles, labels):
    """Split an event's actors into two sides: attackers and targets, participants filling gaps."""
    by_type = {"Attacker": [], "Target": [], "Participant": []}
    for role in roles:
        kind = (role.get("role_type") or "").rsplit("#", 1)[-1]
        name = _name(role["actor"], labels)
        bucket = by_type.get(kind, by_type["Participant"])
        if name not in bucket:
            bucket.append(name)
    side1, side2, rest = by_type["Attacker"], by_type["Target"], by_type["Participant"]
    if not side1:
        side1, rest = rest[:1], rest[1:]
    if not side2:
        side2, rest = rest[:1], rest[1:]
    side1 = side1 + [n for n in rest if n not in side1]
    return (side1, side2) if side1 else (side2, [])  # ACLED: a lone actor is actor1


def _name(iri, labels):
    names = labels.get(iri) or []
    return names[0] if names else iri.rsplit("/", 1)[-1]


def _ancestors(place, places):
    """Yield the place and then its containers, nearest first (breadth first, each once)."""
    seen, queue = set(), [place]
    while queue:
        current = queue.pop(0)
        if current in seen or current not in places:
            continue
        seen.add(current)
        yield current
        queue.extend(sorted((places[current].get("within") or "").split()))


def _point(place, places):
    """Return ((longitude, latitude, iri), True if the place itself has the point) or (None, False)."""
    for candidate in _ancestors(place, places) if place else ():
        match = _POINT.search(places[candidate].get("point") or "")
        if match:
            return (float(match.group(1)), float(match.group(2)), candidate), candidate == place
    return None, False


def _admin(place, places, labels):
    from .namespace import KG

    by_class = {str(KG.StateRegion): "admin1", str(KG.District): "admin2", str(KG.Township): "admin3"}
    levels = {"admin1": "", "admin2": "", "admin3": ""}
    for candidate in _ancestors(place, places) if place else ():
        for kind in (places[candidate].get("kinds") or "").split():
            level = by_class.get(kind)
            if level and not levels[level]:
                levels[level] = _name(candidate, labels)
    return levels


def _is_region(iri, places):
    from .namespace import KG

    kinds = (places.get(iri, {}).get("kinds") or "").split()
    return any(k in (str(KG.StateRegion), str(KG.Country)) for k in kinds)


def _int(value):
    return int(value) if value not in (None, "") else None


def _bindings(store, filters):
    """Turn --place/--group/--operation/--since/--until into RDF terms; None when a name matches nothing."""
    from .questions import resolve_names

    bindings = {}
    for name in ("place", "group", "operation"):
        if filters.get(name):
            iris = resolve_names(store, filters[name])
            if not iris:
                return None
            bindings[f"{name}_param"] = ox.NamedNode(iris[0])
    for name in ("since", "until"):
        if filters.get(name):
            try:
                day = dt.date.fromisoformat(str(filters[name]))
            except ValueError as error:
                raise QueryError(f"invalid date {filters[name]!r} for --{name}: use YYYY-MM-DD") from error
            bindings[name] = ox.Literal(day.isoformat(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    return bindings


def _rows(store, name, bindings=None):
    text = (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")
    result = store.query(text, bindings or None)
    return [{k: (v.value if v is not None else None) for k, v in row.items()} for row in result.rows]


# ---------------------------------------------------------------- GeoJSON
def geojson(records):
    """Return a GeoJSON FeatureCollection (dict) of events and their places that have coordinates.

    Coordinates are [longitude, latitude] (RFC 7946, the same order as WKT in the graph).
    """
    features, places = [], {}
    for record in records:
        if record["longitude"] is None:
            continue
        point = {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]}
        properties = {k: record[k] for k in ("event", "event_type", "sub_event_type", "date", "end_date",
                                             "time_precision", "geo_precision", "place", "place_iri",
                                             "fatalities", "sources", "article", "sentence")}
        properties.update(kind="event", actor1="; ".join(record["side1"]), actor2="; ".join(record["side2"]))
        features.append({"type": "Feature", "id": record["event"], "geometry": point, "properties": properties})
        place = places.setdefault(record["place_iri"], {
            "type": "Feature", "id": record["place_iri"], "geometry": point,
            "properties": {"kind": "place", "place": record["place"], "place_iri": record["place_iri"],
                           "events": 0, "actors": []}})
        place["properties"]["events"] += 1
        for name in record["side1"] + record["side2"]:
            if name not in place["properties"]["actors"]:
                place["properties"]["actors"].append(name)
    return {"type": "FeatureCollection", "features": features + list(places.values())}


# ---------------------------------------------------------------- ACLED-style CSV
def acled_rows(records):
    """Return one dict per event with ACLED's columns (fatalities left empty when none was reported)."""
    rows = []
    for r in records:
        rows.append({
            "event_id_cnty": r["event"], "event_date": r["date"] or "", "event_type": r["event_type"],
            "sub_event_type": r["sub_event_type"], "actor1": r["side1"][0] if r["side1"] else "",
            "assoc_actor_1": "; ".join(r["side1"][1:]), "actor2": r["side2"][0] if r["side2"] else "",
            "assoc_actor_2": "; ".join(r["side2"][1:]), "admin1": r["admin1"], "admin2": r["admin2"],
            "admin3": r["admin3"], "location": r["place"] or "", "latitude": r["latitude"], "longitude": r["longitude"],
            "geo_precision": r["geo_precision"], "time_precision": r["time_precision"], "source": r["sources"],
            "notes": r["sentence"], "fatalities": r["fatalities"]})
    return rows


def acled_csv(rows):
    """Return the rows as CSV text; text cells that a spreadsheet would run as a formula get a leading '."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(k, v) for k, v in row.items()})
    return out.getvalue()


def _cell(column, value):
    if value is None:
        return ""
    text = str(value)
    if column not in _NUMERIC and text.startswith(_FORMULA_START):
        return "'" + text
    return text


# ---------------------------------------------------------------- the command
def export(store, fmt, kind="actor-place", **filters):
    """Return (content as str or bytes, summary) of the store in one of EXPORT_FORMATS."""
    active = {k: v for k, v in filters.items() if v}
    if fmt in RDF_FORMATS:
        _no_filters(active, f"--format {fmt} exports the whole dataset")
        data = rdf_export(store, fmt)
        return data, f"{len(store.quads())} quads"
    if fmt in ("graphml", "gexf"):
        from .network import actor_network, actor_place_network

        if kind == "actors":
            _no_filters(active, "--kind actors covers every relation")
        graph = actor_network(store) if kind == "actors" else actor_place_network(store, **active)
        return network_export(graph, fmt), f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    if fmt not in ("geojson", "acled-csv"):
        raise KGError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    records = event_records(store, **active)
    if fmt == "geojson":
        collection = geojson(records)
        return json.dumps(collection, ensure_ascii=False, indent=1), f"{len(collection['features'])} features"
    return acled_csv(acled_rows(records)), f"{len(records)} events"


def _no_filters(active, why):
    if active:
        raise QueryError(f"{why}; filters (--{', --'.join(sorted(active))}) apply to graphml, gexf, geojson "
                         "and acled-csv")


def write_export(store, fmt, path, kind="actor-place", **filters):
    """Write an export to `path` atomically; return a short summary of what it holds."""
    content, summary = export(store, fmt, kind=kind, **filters)
    binary = isinstance(content, bytes)
    with atomic_write(path, mode="wb" if binary else "w", newline=None if binary else "") as out:
        out.write(content)
    return summary
