"""Every term of the closed KG namespace is declared, labelled and explained in ontology/kg.ttl."""

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from kg.namespace import KG, PREFIXES

KG_TTL = Path(__file__).resolve().parents[1] / "ontology" / "kg.ttl"
TERMS = sorted(KG[name] for name in KG.__annotations__)


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(KG_TTL, format="turtle")


def test_every_term_is_declared(ontology):
    declared = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(str(KG._NS))}
    assert sorted(set(TERMS) - declared) == []


@pytest.mark.parametrize("predicate", [RDFS.label, RDFS.comment])
def test_every_term_is_documented(ontology, predicate):
    assert [term for term in TERMS if (term, predicate, None) not in ontology] == []


@pytest.mark.parametrize("subclass, superclass", [
    ("Place", "http://www.opengis.net/ont/geosparql#Feature"),
    ("Township", str(KG.Place)),
    ("Operation", "http://semanticweb.cs.vu.nl/2009/11/sem/Event"),
    ("ConflictEvent", "http://semanticweb.cs.vu.nl/2009/11/sem/Event"),
    ("EventType", "http://www.w3.org/2004/02/skos/core#Concept"),
])
def test_class_hierarchy(ontology, subclass, superclass):
    assert str(ontology.value(KG[subclass], RDFS.subClassOf)) == superclass


def test_kg_prefix_is_the_namespace():
    assert PREFIXES["kg"] == str(KG._NS)
