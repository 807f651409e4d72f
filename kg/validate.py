"""Check a store or graph against the SHACL shapes of `ontology/shapes.ttl`, and say which article
and sentence each violation comes from.

Exports: Report, Violation, validate_store, validate_graph, union_graph, restore_integer_types.
"""

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SH, XSD

from .errors import KGError, ValidationError
from .gazetteer import reference_graph
from .namespace import KG, OA, SEM, bind_prefixes
from .settings import ONTOLOGY_DIR

SHAPES_FILE = "shapes.ttl"
INTEGER_SUBTYPES = {XSD[name] for name in (
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long", "int",
    "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path, the message and where the node comes from."""

    focus: str
    path: str | None
    message: str
    severity: str = "Violation"
    value: str | None = None
    article: str | None = None
    sentence: str | None = None

    def __str__(self):
        where = f" [{self.path}]" if self.path else ""
        return f"{self.focus}{where}: {self.message}"


@dataclass
class Report:
    """The outcome of a validation: `conforms`, and the violations when it does not."""

    conforms: bool
    violations: list = field(default_factory=list)


def validate_store(store, ontology_dir=None):
    """Validate every graph of `store` (articles and reference) as one union graph; return a Report.

    The union matters: an article graph alone lacks the types of the gazetteer actors, places and
    event types it points to, which gives false sh:class violations.
    """
    directory = str(ontology_dir or ONTOLOGY_DIR)
    graph, sources = union_graph(store.dump_nquads())
    restore_integer_types(graph, reference_graph(directory))
    return validate_graph(graph, ontology_dir=directory, sources=sources)


def restore_integer_types(graph, ontology):
    """Retype xsd:integer objects of properties whose declared range is a subtype of xsd:integer.

    Oxigraph stores every integer subtype (xsd:nonNegativeInteger, xsd:long, ...) as xsd:integer,
    so a store never gives back the declared datatype; the value survives, and an ill-typed value
    (a negative count) still fails validation after retyping. Returns the number of triples changed.
    """
    changed = 0
    for prop, datatype in ontology.subject_objects(RDFS.range):
        if datatype not in INTEGER_SUBTYPES:
            continue
        for subject, obj in list(graph.subject_objects(prop)):
            if isinstance(obj, Literal) and obj.datatype == XSD.integer:
                graph.remove((subject, prop, obj))
                graph.add((subject, prop, Literal(str(obj), datatype=datatype)))
                changed += 1
    return changed


def union_graph(nquads):
    """Return (Graph of every triple in the N-Quads bytes, {subject: set of graph names})."""
    dataset = Dataset()
    try:
        dataset.parse(data=nquads, format="nquads")
    except Exception as error:  # rdflib raises many unrelated types for bad input
        raise ValidationError(f"cannot read the store's N-Quads ({error}); rebuild the store") from error
    graph, sources = bind_prefixes(Graph()), {}
    for subject, predicate, obj, context in dataset.quads((None, None, None, None)):
        graph.add((subject, predicate, obj))
        if context is not None:
            sources.setdefault(subject, set()).add(_name(context))
    return graph, sources


def validate_graph(graph, ontology_dir=None, sources=None):
    """Validate an rdflib Graph against the shapes, with the ontology and RDFS inference.

    `sources` maps subjects to the named graphs they came from (see `union_graph`); it names the
    article of a violating node that has no evidence of its own.
    """
    import pyshacl

    if not isinstance(graph, Graph) or isinstance(graph, Dataset):
        raise KGError(f"validate_graph needs an rdflib Graph, not {type(graph).__name__}; "
                      "pass union_graph(...)[0] for a dataset")
    directory = str(ontology_dir or ONTOLOGY_DIR)
    conforms, results, _ = pyshacl.validate(
        graph, shacl_graph=_shapes(directory), ont_graph=reference_graph(directory),
        inference="rdfs", abort_on_first=False, allow_warnings=True)
    violations = sorted(_violations(results, graph, sources or {}), key=_order)
    return Report(conforms=bool(conforms), violations=violations)


def _shapes(directory):
    path = Path(directory) / SHAPES_FILE
    if not path.is_file():
        raise KGError(f"no shapes file {path}; pass an ontology directory that holds {SHAPES_FILE}")
    try:
        return Graph().parse(path, format="turtle")
    except Exception as error:  # rdflib raises many unrelated types for bad Turtle
        raise KGError(f"{path}: not valid Turtle ({error}); fix the file") from error


def _violations(results, graph, sources):
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        article, sentence = _provenance(graph, focus, sources)
        yield Violation(
            focus=str(focus), path=_short(graph, path), message=str(results.value(result, SH.resultMessage)),
            severity=_local(results.value(result, SH.resultSeverity)),
            value=str(value) if value is not None else None, article=article, sentence=sentence)


def _provenance(graph, node, sources):
    """Return (article id, sentence) of a node: through its evidence, else through its graph."""
    annotation = _annotation(graph, node)
    if annotation is not None:
        target = graph.value(annotation, OA.hasTarget)
        article = graph.value(target, OA.hasSource) if target is not None else None
        sentence = next((graph.value(s, OA.exact) for s in graph.objects(target, OA.hasSelector)
                         if graph.value(s, OA.exact) is not None), None) if target is not None else None
        article_id = graph.value(article, KG.articleId) if article is not None else None
        if article_id is not None:
            return str(article_id), str(sentence) if sentence is not None else None
    for candidate in (node, *graph.subjects(SEM.hasActor, node)):
        article = graph.value(candidate, KG.reportedIn)
        article_id = graph.value(article, KG.articleId) if article is not None else None
        if article_id is not None:
            return str(article_id), None
    return _article_of_graph(graph, sources.get(node, ())), None


def _annotation(graph, node):
    """Return the evidence annotation of a node, of the event it is a role of, or the one it is part of."""
    for candidate in (node, *graph.subjects(SEM.hasActor, node)):
        evidence = sorted(graph.objects(candidate, KG.evidence))
        if evidence:
            return evidence[0]
    if (node, RDF.type, OA.Annotation) in graph:
        return node
    target = graph.value(None, OA.hasSelector, node) or node
    return graph.value(None, OA.hasTarget, target)


def _article_of_graph(graph, names):
    for name in sorted(names):
        article = graph.value(URIRef(name), PROV.wasDerivedFrom)
        article_id = graph.value(article, KG.articleId) if article is not None else None
        if article_id is not None:
            return str(article_id)
    return None


def _name(context):
    return str(getattr(context, "identifier", context))


def _short(graph, path):
    if path is None:
        return None
    if isinstance(path, URIRef):
        return path.n3(graph.namespace_manager)
    return str(path)


def _local(node):
    return str(node).rsplit("#", 1)[-1] if node is not None else "Violation"


def _order(violation):
    return (violation.article or "", violation.focus, violation.path or "", violation.message)
