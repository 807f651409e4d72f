"""One node per actor and per place: no two nodes used by the built graph share a normalised label."""

from collections import defaultdict

import pytest

from conftest import SAMPLES, SHARED
from kg.text import normalise_name

USED_NODES = """
SELECT DISTINCT ?node ?label ?kind WHERE {
  { ?role rdf:value ?node . BIND("actor" AS ?kind) }
  UNION { ?event sem:hasPlace ?node . BIND("place" AS ?kind) }
  VALUES ?p { skos:prefLabel skos:altLabel skos:hiddenLabel }
  ?node ?p ?label .
}
"""


def shared_labels(store):
    """Return {(kind, normalised label): nodes} for labels that more than one used node carries."""
    nodes = defaultdict(set)
    for row in store.query(USED_NODES).rows:
        nodes[(row["kind"].value, normalise_name(row["label"].value))].add(row["node"].value)
    return {key: sorted(found) for key, found in nodes.items() if len(found) > 1}


def test_samples_have_one_node_per_actor_and_place(samples_store):
    store, _ = samples_store
    assert shared_labels(store) == {}


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory):
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/seeds is not here (a user's clone); the samples cover the same check")
    from kg.build import build
    from kg.store import open_store

    store = open_store(tmp_path_factory.mktemp("seeds") / "store")
    build([str(SHARED / "seeds"), str(SAMPLES)], store)
    return store


def test_seeds_and_samples_together_have_one_node_per_actor_and_place(seeds_store):
    assert shared_labels(seeds_store) == {}


def test_the_check_finds_two_nodes_sharing_a_label(tmp_path):
    from kg.store import open_store

    store = open_store(tmp_path / "store")
    store.replace_graph("https://w3id.org/armed-actors/id/graph/article/t", "\n".join([
        '<urn:e> <http://semanticweb.cs.vu.nl/2009/11/sem/hasActor> <urn:r1> .',
        '<urn:r1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> <urn:a> .',
        '<urn:r2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> <urn:b> .',
        '<urn:a> <http://www.w3.org/2004/02/skos/core#prefLabel> "the KNDF" .',
        '<urn:b> <http://www.w3.org/2004/02/skos/core#altLabel> "KNDF" .',
    ]))
    assert shared_labels(store) == {("actor", "kndf"): ["urn:a", "urn:b"]}
