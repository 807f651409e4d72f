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
SEPARATOR = "\u001f"   # of the queries' GROUP_CONCAT lists (kg/questions.py)


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
    labels = _labels(store, sorted({row[key].value for row in rows for key in ("group_iri", "place_iri")}))
    store.replace_graph(SUMMARY_GRAPH, summary_graph(rows, labels).serialize(format="nt"))
    return len(rows)


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


def _sorted_list(term):
    """A GROUP_CONCAT list in a fixed order (Oxigraph's follows its hash sets)."""
    return SEPARATOR.join(sorted(term.value.split(SEPARATOR)))


def summary_graph(rows, labels=None):
    """Return the rdflib Graph (identified by SUMMARY_GRAPH) of fought-where rows (pyoxigraph terms).

    `labels` ({iri: label term}) replaces the rows' sampled labels, so the graph does not depend on
    the order Oxigraph met them in."""
    graph = bind_prefixes(Graph(identifier=SUMMARY_GRAPH))
    for row in rows:
        if labels is not None:
            row = dict(row, group=labels.get(row["group_iri"].value), place=labels.get(row["place_iri"].value))
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
        graph.add((node, KG.sourceList, Literal(_sorted_list(row["sources"]))))
        graph.add((node, KG.articleList, Literal(_sorted_list(row["articles"]))))
    return graph
