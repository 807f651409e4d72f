"""Derived summaries that let questions read a few thousand rows instead of grouping every event.

Exports: summarise, summary_graph, per_event_text, needs_per_event, SUMMARISED.

`kg ask fought-where` groups every armed-violence event of the store by (actor, place): 9 s on a
million triples, however few rows it returns. After every build and remove, `summarise` runs that
per-event query (kg/queries/per-event/fought-where.rq, no parameters) once and rewrites one
derived graph (SUMMARY_GRAPH) holding one kg:FoughtAt node per answer row: actor, place, event
count, first and last dates, labels, sources and articles, exactly as the per-event query gave
them. The question (kg/queries/fought-where.rq) reads those rows and applies the place and group
filters to them; an operation or date filter needs the events, so then the per-event query runs.
A store without the summary graph (written by an older kg) is answered per event.
"""

import hashlib
import re
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from .namespace import ID, KG, SUMMARY_GRAPH, bind_prefixes

PER_EVENT_DIR = Path(__file__).parent / "queries" / "per-event"
SUMMARISED = ("fought-where",)   # questions answered from the summary graph
NO_DATE = {"9999-12-31", "0001-01-01"}  # what the per-event query puts in MIN/MAX for an undated event


def per_event_text(name):
    """Return the per-event query of a summarised question, or None."""
    path = PER_EVENT_DIR / f"{name}.rq"
    return path.read_text(encoding="utf-8") if name in SUMMARISED and path.is_file() else None


def needs_per_event(store, name, substitutions, summary_text):
    """Return True when the summary cannot answer: a parameter it does not use, or no summary graph."""
    if per_event_text(name) is None:
        return False
    body = "\n".join(line for line in summary_text.splitlines() if not line.lstrip().startswith("#"))
    if any(not re.search(rf"\?{re.escape(variable)}\b", body) for variable in substitutions or {}):
        return True
    return store.query("ASK WHERE { GRAPH ?g { ?row a kg:FoughtAt } }", {"g": SUMMARY_GRAPH}).boolean is not True


def summarise(store):
    """Rewrite the summary graph from the per-event query; return the number of rows written."""
    rows = store.query(per_event_text("fought-where")).rows
    if not rows:
        store.remove_graph(SUMMARY_GRAPH)
        return 0
    store.replace_graph(SUMMARY_GRAPH, summary_graph(rows).serialize(format="nt"))
    return len(rows)


def summary_graph(rows):
    """Return the rdflib Graph (identified by SUMMARY_GRAPH) of fought-where rows (pyoxigraph terms)."""
    graph = bind_prefixes(Graph(identifier=SUMMARY_GRAPH))
    for row in rows:
        group, place = row["group_iri"].value, row["place_iri"].value
        node = URIRef(f"{ID}summary/fought-at/{hashlib.sha256(f'{group} {place}'.encode()).hexdigest()[:20]}")
        graph.add((node, RDF.type, KG.FoughtAt))
        graph.add((node, KG.fightActor, URIRef(group)))
        graph.add((node, KG.fightPlace, URIRef(place)))
        graph.add((node, KG.eventCount, Literal(int(row["events"].value), datatype=XSD.integer)))
        for key, predicate in (("first", KG.firstDate), ("last", KG.lastDate)):
            if row[key] is not None and row[key].value not in NO_DATE:
                graph.add((node, predicate, Literal(row[key].value, datatype=XSD.date)))
        for key, predicate in (("group", KG.actorLabel), ("place", KG.placeLabel)):
            if row[key] is not None:
                graph.add((node, predicate, Literal(row[key].value, lang=row[key].language)))
        graph.add((node, KG.sourceList, Literal(row["sources"].value)))
        graph.add((node, KG.articleList, Literal(row["articles"].value)))
    return graph
