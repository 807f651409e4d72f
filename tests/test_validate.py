"""SHACL validation of a built store: a sample build conforms, broken data names its article."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

from cli import main
from kg.errors import KGError
from kg.namespace import KG, OA, SEM, article_iri, bind_prefixes
from kg.store import open_store
from kg.validate import restore_integer_types, union_graph, validate_graph, validate_store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FILES = [str(SAMPLES / "01_kawlin.txt"), str(SAMPLES / "02_loikaw.txt")]
BROKEN = "01_kawlin"
ETYPE = Namespace("https://w3id.org/armed-actors/id/event-type/")


@pytest.fixture(scope="module")
def good_store(tmp_path_factory):
    """An on-disk store built from two sample articles."""
    from kg.build import build

    path = tmp_path_factory.mktemp("good") / "store"
    store = open_store(path)
    build(FILES, store)
    store.flush()
    return path, store


@pytest.fixture(scope="module")
def broken_store(good_store, tmp_path_factory):
    """A copy of the good store where one article has a worded claim value and a doubly typed event."""
    dataset = Dataset()
    dataset.parse(data=good_store[1].dump_nquads(), format="nquads")
    graph = dataset.graph(URIRef(f"https://w3id.org/armed-actors/graph/article/{BROKEN}"))
    claim = sorted(graph.subjects(RDF.type, KG.Claim))[0]
    graph.set((claim, KG.value, Literal("many")))
    event = sorted(graph.subjects(RDF.type, KG.ConflictEvent))[0]
    other = next(t for t in (ETYPE["grenade"], ETYPE["armed-clash"]) if (event, SEM.eventType, t) not in graph)
    graph.add((event, SEM.eventType, other))
    path = tmp_path_factory.mktemp("broken") / "store"
    store = open_store(path)
    for context in dataset.graphs():
        if len(context):
            store.replace_graph(context.identifier, context.serialize(format="nt"))
    store.flush()
    return path, claim, event


@pytest.fixture(scope="module")
def broken_run(broken_store):
    return CliRunner().invoke(main, ["validate", "--store", str(broken_store[0])])


def test_sample_build_conforms(good_store):
    # One run through the CLI covers the library too; on failure the output lists the violations.
    result = CliRunner().invoke(main, ["validate", "--store", str(good_store[0])])
    assert (result.exit_code, result.output) == (0, "conforms\n")


def test_broken_store_names_article_and_sentence(broken_store):
    path, claim, event = broken_store
    report = validate_store(open_store(path, read_only=True))
    assert not report.conforms
    by_focus = {(v.focus, v.path): v for v in report.violations}
    value = by_focus[(str(claim), "kg:value")]
    assert value.message == "a claim needs exactly one kg:value typed xsd:nonNegativeInteger"
    assert value.article == BROKEN and value.sentence
    event_type = by_focus[(str(event), "sem:eventType")]
    assert event_type.article == BROKEN and event_type.sentence
    assert {v.article for v in report.violations} == {BROKEN}


def test_cli_exits_1_and_prints_article(broken_run):
    assert broken_run.exit_code == 1
    assert f"{BROKEN}: " in broken_run.output
    assert "sem:eventType" in broken_run.output and "kg:value" in broken_run.output
    assert '    "' in broken_run.output  # the sentence, quoted on its own line


def _claim_graph(value):
    graph = bind_prefixes(Graph())
    claim, annotation = URIRef("urn:x:claim"), URIRef("urn:x:annotation")
    source = article_iri("a1")
    graph.add((source, RDF.type, URIRef("http://schema.org/NewsArticle")))
    graph.add((source, KG.articleId, Literal("a1")))
    graph.add((source, KG.text, Literal("Five were killed.")))
    graph.add((claim, RDF.type, KG.Claim))
    graph.add((claim, KG.quantityType, KG.Fatalities))
    graph.add((claim, KG.value, value))
    graph.add((claim, KG.evidence, annotation))
    graph.add((annotation, RDF.type, OA.Annotation))
    graph.add((annotation, OA.hasTarget, URIRef("urn:x:target")))
    graph.add((URIRef("urn:x:target"), OA.hasSource, source))
    graph.add((URIRef("urn:x:target"), OA.hasSelector, URIRef("urn:x:quote")))
    graph.add((URIRef("urn:x:quote"), RDF.type, OA.TextQuoteSelector))
    graph.add((URIRef("urn:x:quote"), OA.exact, Literal("Five were killed.")))
    return graph


@pytest.mark.parametrize("value, conforms", [
    (Literal(5, datatype=XSD.nonNegativeInteger), True),
    (Literal(5), False),  # a bare integer is xsd:integer, not the declared datatype
    (Literal("five"), False),
])
def test_validate_graph_checks_the_declared_datatype(value, conforms):
    report = validate_graph(_claim_graph(value))
    assert report.conforms is conforms
    if not conforms:
        [violation] = report.violations
        assert (violation.path, violation.article, violation.sentence) == ("kg:value", "a1", "Five were killed.")


@pytest.mark.parametrize("lexical, ill_typed", [("5", False), ("-3", True)])
def test_restore_integer_types_keeps_bad_values_detectable(lexical, ill_typed):
    # Oxigraph stores xsd:nonNegativeInteger as xsd:integer; retyping must not make -3 valid.
    from kg.gazetteer import reference_graph

    graph = _claim_graph(Literal(lexical, datatype=XSD.integer))
    assert restore_integer_types(graph, reference_graph()) == 1
    [value] = graph.objects(URIRef("urn:x:claim"), KG.value)
    assert (value.datatype, value.ill_typed) == (XSD.nonNegativeInteger, ill_typed)


def test_union_graph_names_the_source_graph():
    nquads = b'<urn:x:s> <urn:x:p> "o" <urn:x:g> .\n'
    graph, sources = union_graph(nquads)
    assert len(graph) == 1 and sources == {URIRef("urn:x:s"): {"urn:x:g"}}


def test_validate_graph_refuses_a_dataset():
    with pytest.raises(KGError, match="needs an rdflib Graph, not Dataset"):
        validate_graph(Dataset())
