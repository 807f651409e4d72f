"""Merge reports of one event from several articles into one event node, as a derived graph.

Exports: merge_events, iter_reports, iter_clusters, find_clusters, merged_graph, merged_triples, Report,
Cluster, WINDOW_DAYS, MAX_SPAN_DAYS.

Each article lives in its own named graph and is replaced on re-ingest, so merging cannot touch
article graphs: after every build, `merge_events` reads the reports (kg:ConflictEvent nodes) from
the store and rewrites one derived graph (MERGED_GRAPH) holding a kg:MergedEvent per cluster,
`report kg:mergedInto merged` links and a kg:mergeReason. Figures stay on the reports' claims.

Two reports are the same event when they come from different articles and have the same event
type, the same place or one place inside the other (below country level), at least one actor in
common (or one a sub-organisation of the other), and dates no more than WINDOW_DAYS apart. Linkage
is complete (a report joins a cluster only if it matches every member), so a chain of near-misses
never glues distinct events together, and the places of a cluster always nest: the merged event
takes the most specific one.

Memory stays flat however large the store: reports are read a few days at a time in order of
their begin date (REPORTS_PER_QUERY at most, whole days, by the index on sem:hasBeginTimeStamp), a
cluster is given out as soon as no later report can join it, and the merged graph is written
REPORTS_PER_CHUNK reports at a time (Store.rewrite_graph), never held whole.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from .namespace import ID, KG, MERGED_GRAPH, SEM, bind_prefixes
from .store import to_ntriples, values_block

WINDOW_DAYS = 3
MAX_SPAN_DAYS = 7  # a date known only to the month (ACLED time precision 3) is too vague to merge on
REPORTS_PER_QUERY = 2000   # reports read per query (whole days, so a busy day may exceed it)
REPORTS_PER_CHUNK = 1000  # reports of merged events written per chunk (about 3 triples each, 7 per event):
# counted in reports, not events, as the more articles a corpus has, the more reports each event has

_DAYS = """SELECT ?begin (COUNT(?event) AS ?n) WHERE { ?event a kg:ConflictEvent ; sem:hasBeginTimeStamp ?begin }
GROUP BY ?begin"""
# the VALUES block of begin dates comes first, so Oxigraph starts from the index on the dates
_REPORTS = """
SELECT ?event ?article ?type ?place ?begin ?end ?actor ?evidence WHERE {
  %s
  ?event sem:hasBeginTimeStamp ?begin ; a kg:ConflictEvent ; sem:eventType ?type ; sem:hasPlace ?place ;
         kg:reportedIn ?article ; sem:hasEndTimeStamp ?end ; sem:hasActor/rdf:value ?actor .
  OPTIONAL { ?event kg:evidence ?evidence }
}"""
# Containment is read for every place and actor (a few thousand triples, mostly of the reference
# graph; following the paths from every event took seconds on a million triples), then kept for the
# places of events only, as merging has always read it: a block's region is the outermost place
# with the fewest places above it among the places of events.
_PLACES_ABOVE = """
SELECT DISTINCT ?inner ?outer WHERE { ?inner geo:sfWithin+ ?outer . FILTER NOT EXISTS { ?outer a kg:Country } }"""
_EVENT_PLACES = "SELECT DISTINCT ?inner WHERE { ?event a kg:ConflictEvent ; sem:hasPlace ?inner }"
_ACTORS_ABOVE = """
SELECT DISTINCT ?inner ?outer WHERE { ?inner org:subOrganizationOf+ ?outer }"""


@dataclass(frozen=True)
class Report:
    """One article's report of an event: what merging compares."""

    iri: str
    article: str
    type: str
    place: str
    begin: dt.date
    end: dt.date
    actors: frozenset
    evidence: frozenset = frozenset()


@dataclass
class Cluster:
    """Reports judged to be one event."""

    reports: list = field(default_factory=list)

    @property
    def last_end(self):
        return max(r.end for r in self.reports)

    @property
    def iri(self):
        digest = hashlib.sha256("\n".join(sorted(r.iri for r in self.reports)).encode("utf-8")).hexdigest()
        return URIRef(f"{ID}event/merged/{digest[:20]}")


def merge_events(store, window=WINDOW_DAYS):
    """Recompute the merged-event graph of a store from its reports; return the number of merged events."""
    from .questions import labels_of

    places, actors = _above(store, _PLACES_ABOVE, _EVENT_PLACES), _above(store, _ACTORS_ABOVE)
    clusters = (c for c in iter_clusters(iter_reports(store), places, actors, window) if len(c.reports) > 1)
    names, count = {}, 0

    def chunks():
        nonlocal count
        for batch in _by_reports(clusters, REPORTS_PER_CHUNK):
            count += len(batch)
            unnamed = sorted(_named(batch) - names.keys())
            names.update({iri: labels[0] for iri, labels in labels_of(store, unnamed).items() if labels})
            yield to_ntriples(merged_triples(batch, places, actors, window, names))

    store.rewrite_graph(MERGED_GRAPH, chunks())
    return count


def _by_reports(clusters, size):
    """Yield lists of clusters holding about `size` reports together (one cluster at least)."""
    batch, count = [], 0
    for cluster in clusters:
        batch.append(cluster)
        count += len(cluster.reports)
        if count >= size:
            yield batch
            batch, count = [], 0
    if batch:
        yield batch


def iter_reports(store, per_query=None):
    """Yield every dated, placed event report with actors as a Report, in order of begin date then IRI,
    reading about `per_query` (default REPORTS_PER_QUERY) at a time."""
    for days in _day_batches(store, per_query or REPORTS_PER_QUERY):
        found = {}
        for row in store.query(_REPORTS % values_block("begin", days)).rows:
            key = row["event"].value
            entry = found.setdefault(key, {"article": row["article"].value, "type": row["type"].value,
                                           "place": row["place"].value, "begin": _day(row["begin"]),
                                           "end": _day(row["end"]), "actors": set(), "evidence": set()})
            entry["actors"].add(row["actor"].value)
            if row["evidence"] is not None:
                entry["evidence"].add(row["evidence"].value)
        reports = [Report(iri, e["article"], e["type"], e["place"], e["begin"], e["end"], frozenset(e["actors"]),
                          frozenset(e["evidence"])) for iri, e in found.items() if e["begin"] and e["end"]]
        yield from sorted(reports, key=lambda r: (r.begin, r.iri))


def _day_batches(store, per_query):
    """Yield lists of begin-date terms, whole days in date order, about `per_query` reports each."""
    days = {}
    for row in store.query(_DAYS).rows:
        day = _day(row["begin"])
        if day is not None:   # a date merging cannot read: its reports are not merged
            terms, count = days.setdefault(day, ([], 0))
            days[day] = (terms + [row["begin"]], count + int(row["n"].value))
    batch, size = [], 0
    for day in sorted(days):
        terms, count = days[day]
        batch, size = batch + terms, size + count
        if size >= per_query:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def find_clusters(reports, places_above, actors_above, window=WINDOW_DAYS):
    """Group reports of one event; return the clusters of two or more reports, in a stable order.

    `places_above` and `actors_above` map an IRI to the set of IRIs that contain it (places below
    country level) or that it is a sub-organisation of.
    """
    dated = sorted(reports, key=lambda r: (r.begin, r.iri))
    return [c for c in iter_clusters(dated, places_above, actors_above, window) if len(c.reports) > 1]


def iter_clusters(reports, places_above, actors_above, window=WINDOW_DAYS):
    """Yield the clusters (one report or more) of reports given in order of begin date then IRI,
    each as soon as the window has passed it, so only the clusters still open are held.

    Only reports of one type in one region (outermost place below country) can merge: each such
    block keeps its open clusters, oldest first, and a report joins the first that takes it.
    """
    live, today = {}, None
    for report in reports:
        if (report.end - report.begin).days > MAX_SPAN_DAYS:
            continue
        if report.begin != today:   # no later report can join a cluster the window has passed
            today = report.begin
            for block in list(live):
                yield from (c for c in live[block] if (today - c.last_end).days > window)
                live[block] = [c for c in live[block] if (today - c.last_end).days <= window]
                if not live[block]:
                    del live[block]
        clusters = live.setdefault((report.type, _outermost(report.place, places_above)), [])
        home = next((c for c in clusters
                     if all(_same_event(report, other, places_above, actors_above, window) for other in c.reports)),
                    None)
        if home is None:
            clusters.append(Cluster([report]))
        else:
            home.reports.append(report)
    for clusters in live.values():
        yield from clusters


def _outermost(place, above):
    return min(sorted({place, *above.get(place, ())}), key=lambda p: len(above.get(p, ())))


def _same_event(a, b, places_above, actors_above, window):
    return (a.article != b.article and a.type == b.type
            and _nested(a.place, b.place, places_above)
            and _shared_actors(a, b, actors_above)
            and _gap_days(a, b) <= window)


def _nested(a, b, above):
    return a == b or b in above.get(a, ()) or a in above.get(b, ())


def _shared_actors(a, b, above):
    """Return True when an actor of `a` is, contains or sits under an actor of `b`."""
    return any(_nested(x, y, above) for x in a.actors for y in b.actors)


def _gap_days(a, b):
    """Days between two date spans (0 when they overlap)."""
    return max((a.begin - b.end).days, (b.begin - a.end).days, 0)


def merged_graph(clusters, places_above, actors_above, window=WINDOW_DAYS, names=None):
    """Return the rdflib Graph (identified by MERGED_GRAPH) of the merged events and their links."""
    graph = bind_prefixes(Graph(identifier=MERGED_GRAPH))
    for triple in merged_triples(clusters, places_above, actors_above, window, names):
        graph.add(triple)
    return graph


def merged_triples(clusters, places_above, actors_above, window=WINDOW_DAYS, names=None):
    """Yield the triples (rdflib terms) of the merged events of `clusters` and their links."""
    for cluster in clusters:
        node, reports = cluster.iri, cluster.reports
        place = _innermost([r.place for r in reports], places_above)
        yield node, RDF.type, KG.MergedEvent
        yield node, RDF.type, SEM.Event
        yield node, SEM.eventType, URIRef(reports[0].type)
        yield node, SEM.hasPlace, URIRef(place)
        yield node, SEM.hasBeginTimeStamp, Literal(min(r.begin for r in reports), datatype=XSD.date)
        yield node, SEM.hasEndTimeStamp, Literal(max(r.end for r in reports), datatype=XSD.date)
        yield node, KG.mergeReason, Literal(_reason(cluster, place, actors_above, window, names or {}))
        for report in reports:
            yield URIRef(report.iri), KG.mergedInto, node
            yield node, KG.reportedIn, URIRef(report.article)
            for evidence in report.evidence:
                yield node, KG.evidence, URIRef(evidence)


def _innermost(places, above):
    """Return the place every other place of the list contains (the places of a cluster nest)."""
    return max(sorted(set(places)), key=lambda p: len(above.get(p, ())))


def _reason(cluster, place, actors_above, window, names):
    reports = cluster.reports
    name = lambda iri: names.get(iri) or iri.rstrip("/").rsplit("/", 1)[-1]  # noqa: E731
    shared = {x for r in reports for x in r.actors
              if all(any(_nested(x, y, actors_above) for y in s.actors) for s in reports)}
    places = sorted({name(r.place) for r in reports})
    begin, end = min(r.begin for r in reports), max(r.end for r in reports)
    return (f"{len(reports)} reports in {len({r.article for r in reports})} articles of one "
            f"{name(reports[0].type)} event: same type; place {name(place)}"
            f"{' (reported as ' + ', '.join(places) + ', one within the other)' if len(places) > 1 else ''}; "
            f"shared actors {', '.join(sorted(name(a) for a in shared)) or 'linked by sub-organisation'}; "
            f"dates {begin.isoformat()} to {end.isoformat()}, within {window} days")


def _named(clusters):
    return {iri for c in clusters for r in c.reports for iri in (r.type, r.place, *r.actors)}


def _above(store, query, only=None):
    """Return {inner IRI: IRIs above it}, for the inner IRIs the query `only` gives if one is given."""
    above = {}
    for row in store.query(query).rows:
        above.setdefault(row["inner"].value, set()).add(row["outer"].value)
    if only is not None:
        kept = {row["inner"].value for row in store.query(only).rows}
        above = {inner: outer for inner, outer in above.items() if inner in kept}
    return above



def _day(term):
    try:
        return dt.date.fromisoformat(term.value[:10])
    except (AttributeError, ValueError):
        return None
