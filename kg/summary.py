"""Derived summaries that let questions read a few thousand rows instead of grouping every event.

Exports: summarise, fights, summary_triples, per_event_text, needs_per_event, SUMMARISED, EVENTS_PER_QUERY.

`kg ask fought-where` groups every armed-violence event of the store by (actor, place): 9 s on a
million triples, however few rows it returns. After every build and remove, `summarise` rewrites
one derived graph (SUMMARY_GRAPH) holding one kg:FoughtAt node per row of the per-event query
(kg/queries/per-event/fought-where.rq, no parameters): actor, place, event count, first and last
dates, labels, sources and articles, exactly as that query gives them, and the row's rank in the
question's order (kg:rowRank: sorting the rows by their label strings took Oxigraph a third of the
question's time on a million-triple store, decoding the labels at every comparison; sorting by one
integer costs next to nothing). The question
(kg/queries/fought-where.rq) reads those rows and applies the place and group filters to them; an
operation or date filter needs the events, so then the per-event query runs. A store without a
complete summary graph (one with its completion marker, see Store.rewrite_graph) is answered per
event.

The rows are counted here, not by running the per-event query, so that memory stays flat however
large the store: Oxigraph's joins and GROUP BY over every event took memory in proportion to the
store. The events are read about EVENTS_PER_QUERY reports at a time, in two disjoint sets: reports
merged into no other event (each its own event), then merged events (kg/merge.py) with their
reports, batched by their number of reports (which grows with the corpus); each event lies in one
batch, so counting an event once per (actor, place) needs no memory of the
batches before. What is held is the rows themselves.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from .namespace import ID, KG, SUMMARY_GRAPH
from .store import batches, to_ntriples, values_block

PER_EVENT_DIR = Path(__file__).parent / "queries" / "per-event"
SUMMARISED = ("fought-where",)   # questions answered from the summary graph
NO_DATE = {"9999-12-31", "0001-01-01"}  # what the per-event query puts in MIN/MAX for an undated event
SEPARATOR = "\u001f"   # of the queries' GROUP_CONCAT lists (kg/questions.py)
EVENTS_PER_QUERY = 1000
ROWS_PER_CHUNK = 2000   # summary rows written per transaction

# What the per-event query joins, read here in parts: which event types are armed violence and which
# actors armed actors (a few hundred IRIs each), then the events a batch at a time.
_ARMED_TYPES = "SELECT ?type WHERE { ?type kg:armedViolence true }"
_ARMED_ACTORS = "SELECT DISTINCT ?actor WHERE { ?actor a/rdfs:subClassOf* kg:ArmedActor }"
_REPORTS = "SELECT ?event WHERE { ?event a kg:ConflictEvent }"
# merged events with their number of reports: a batch of them is counted in reports, as each report
# comes back as rows (the more articles, the more reports per merged event)
_MERGED = """SELECT ?event (COUNT(?report) AS ?reports) WHERE { ?event a kg:MergedEvent . ?report kg:mergedInto ?event }
GROUP BY ?event"""
# Oxigraph starts from the VALUES block of events; each OPTIONAL holds one pattern (a group of two,
# `OPTIONAL { ?e sem:hasBeginTimeStamp ?b ; sem:hasEndTimeStamp ?x }`, made it read every event of
# the store for each batch). A report merged into another event comes back with ?merged and is
# counted with that event.
_UNMERGED_ROWS = """SELECT ?event ?type ?actor ?article ?place ?begin ?end ?merged WHERE {
  %s
  ?event sem:eventType ?type ; sem:hasActor ?role ; kg:reportedIn ?article ; sem:hasPlace ?place .
  ?role rdf:value ?actor .
  OPTIONAL { ?event kg:mergedInto ?merged }
  OPTIONAL { ?event sem:hasBeginTimeStamp ?begin }
  OPTIONAL { ?event sem:hasEndTimeStamp ?end }
}"""
_MERGED_ROWS = """SELECT ?event ?type ?actor ?article ?place ?begin ?end WHERE {
  %s
  ?event sem:hasPlace ?place .
  ?report kg:mergedInto ?event .
  ?report a kg:ConflictEvent ; sem:eventType ?type ; sem:hasActor ?role ; kg:reportedIn ?article .
  ?role rdf:value ?actor .
  OPTIONAL { ?event sem:hasBeginTimeStamp ?begin }
  OPTIONAL { ?event sem:hasEndTimeStamp ?end }
}"""
_ARTICLES = """SELECT ?article ?url ?id WHERE {
  %s
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article kg:articleId ?id }
}"""


@dataclass
class Fight:
    """One row of the summary: the events of one actor at one place."""

    events: int = 0
    first: str = "9999-12-31"   # the per-event query's placeholders for no date (NO_DATE)
    last: str = "0001-01-01"
    sources: set = field(default_factory=set)
    articles: set = field(default_factory=set)


def per_event_text(name):
    """Return the per-event query of a summarised question, or None."""
    path = PER_EVENT_DIR / f"{name}.rq"
    return path.read_text(encoding="utf-8") if name in SUMMARISED and path.is_file() else None


def needs_per_event(store, name, substitutions, summary_text):
    """Return True when the summary cannot answer: a parameter it does not use, or no complete summary graph."""
    if per_event_text(name) is None:
        return False
    body = "\n".join(line for line in summary_text.splitlines() if not line.lstrip().startswith("#"))
    if any(not re.search(rf"\?{re.escape(variable)}\b", body) for variable in substitutions or {}):
        return True
    return store.query("ASK WHERE { GRAPH ?g { ?g kg:contentHash ?done } }", {"g": SUMMARY_GRAPH}).boolean is not True


def summarise(store, per_query=None):
    """Rewrite the summary graph from the store's events; return the number of rows written."""
    rows = fights(store, per_query)
    if not rows:
        store.remove_graph(SUMMARY_GRAPH)
        return 0
    labels = _labels(store, sorted({iri for key in rows for iri in key}))
    ranked = sorted(rows.items(), key=lambda item: _question_order(item, labels))
    chunks = (to_ntriples(summary_triples(part, labels, start))
              for start, part in zip(range(0, len(ranked), ROWS_PER_CHUNK), batches(ranked, ROWS_PER_CHUNK)))
    store.rewrite_graph(SUMMARY_GRAPH, chunks)
    return len(rows)


def fights(store, per_query=None):
    """Return {(actor IRI, place IRI): Fight} as the per-event query counts them: every
    armed-violence event once per armed actor of its reports, at the event's place; the events are
    read `per_query` (default EVENTS_PER_QUERY) reports at a time (a merged event with all its reports)."""
    per_query = per_query or EVENTS_PER_QUERY
    armed_types = {row["type"].value for row in store.query(_ARMED_TYPES).rows}
    armed = {row["actor"].value for row in store.query(_ARMED_ACTORS).rows}
    rows = {}
    unmerged = batches((row["event"] for row in store.select_rows(_REPORTS)), per_query)
    merged = _by_reports(store.select_rows(_MERGED), per_query)
    for query, listing in ((_UNMERGED_ROWS, unmerged), (_MERGED_ROWS, merged)):
        for batch in listing:
            found = [row for row in store.select_rows(query % values_block("event", batch))
                     if row["type"].value in armed_types and row["actor"].value in armed and row.get("merged") is None]
            _count(rows, found, _article_sources(store, {row["article"] for row in found}))
    return rows


def _by_reports(listing, size):
    """Yield lists of merged events (rows of _MERGED) holding about `size` reports together (one event at least)."""
    batch, reports = [], 0
    for row in listing:
        batch.append(row["event"])
        reports += int(row["reports"].value)
        if reports >= size:
            yield batch
            batch, reports = [], 0
    if batch:
        yield batch


def _count(rows, found, sources):
    """Add one batch of (event, actor, place) rows; every event lies wholly in one batch."""
    counted = set()
    for row in found:
        key = (row["actor"].value, row["place"].value)
        fight = rows.setdefault(key, Fight())
        if (key, row["event"].value) not in counted:
            counted.add((key, row["event"].value))
            fight.events += 1
        if row["begin"] is not None and row["end"] is not None:
            fight.first, fight.last = min(fight.first, row["begin"].value), max(fight.last, row["end"].value)
        urls, ids = sources.get(row["article"].value, (set(), set()))
        fight.sources |= urls or ids or {""}     # COALESCE(?url, ?id), "" when neither
        fight.articles |= ids or {""}


def _article_sources(store, articles):
    """Return {article IRI: (URLs, ids)} for the articles of one batch."""
    found = {}
    if articles:
        for row in store.query(_ARTICLES % values_block("article", sorted(articles, key=str))).rows:
            urls, ids = found.setdefault(row["article"].value, (set(), set()))
            if row["url"] is not None:
                urls.add(row["url"].value)
            if row["id"] is not None:
                ids.add(row["id"].value)
    return found


def _labels(store, iris):
    """Return {iri: label term} as the per-event query shows it (a preferred label, else an
    alternative one), choosing the first in order where it leaves the choice open (SAMPLE), so the
    summary graph is the same whichever process or order wrote the store."""
    found = {}
    for start in range(0, len(iris), 500):
        values = " ".join(f"<{iri}>" for iri in iris[start:start + 500])
        rows = store.query(f"SELECT ?s ?rank ?l WHERE {{ VALUES ?s {{ {values} }} "
                           "{ ?s skos:prefLabel ?l BIND(0 AS ?rank) } UNION { ?s skos:altLabel ?l BIND(1 AS ?rank) } }").rows
        for row in rows:
            key = (int(row["rank"].value), row["l"].value, row["l"].language or "")
            iri = row["s"].value
            if iri not in found or key < found[iri][0]:
                found[iri] = (key, row["l"])
    return {iri: term for iri, (_, term) in found.items()}


def _question_order(item, labels):
    """Sort key of a summary row in the question's ORDER BY DESC(?events) ?group ?place (an
    unlabelled node first, as SPARQL sorts unbound values), then by IRIs, so ties are stable."""
    (group, place), fight = item
    label = lambda iri: (1, labels[iri].value, labels[iri].language or "") if labels.get(iri) is not None else (0,)  # noqa: E731
    return -fight.events, label(group), label(place), group, place


def summary_triples(rows, labels, first_rank=0):
    """Yield the triples (rdflib terms) of summary rows: ((actor, place), Fight) pairs in the
    question's order, the first ranked `first_rank`, with `labels` ({iri: label term}) naming the
    actor and place."""
    for rank, ((group, place), fight) in enumerate(rows, first_rank):
        node = URIRef(f"{ID}summary/fought-at/{hashlib.sha256(f'{group} {place}'.encode()).hexdigest()[:20]}")
        yield node, RDF.type, KG.FoughtAt
        yield node, KG.fightActor, URIRef(group)
        yield node, KG.fightPlace, URIRef(place)
        yield node, KG.eventCount, Literal(fight.events, datatype=XSD.integer)
        for value, predicate in ((fight.first, KG.firstDate), (fight.last, KG.lastDate)):
            if value not in NO_DATE:
                yield node, predicate, Literal(value, datatype=XSD.date)
        for iri, predicate in ((group, KG.actorLabel), (place, KG.placeLabel)):
            if labels.get(iri) is not None:
                yield node, predicate, Literal(labels[iri].value, lang=labels[iri].language)
        yield node, KG.sourceList, Literal(SEPARATOR.join(sorted(fight.sources)))
        yield node, KG.articleList, Literal(SEPARATOR.join(sorted(fight.articles)))
        yield node, KG.rowRank, Literal(rank, datatype=XSD.integer)


