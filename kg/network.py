"""Network projections of the graph, built with networkx from SPARQL answers.

Exports: actor_place_network, actor_network.
"""

import networkx as nx

from .questions import ask


def actor_place_network(store, **filters):
    """Return a graph of armed actors and places, an edge where an actor fought at a place."""
    _, rows = ask(store, "fought-where", **filters)
    graph = nx.Graph()
    for row in rows:
        graph.add_node(row["group_iri"], label=row["group"], kind="actor", aliases=row["group_aliases"])
        graph.add_node(row["place_iri"], label=row["place"], kind="place", aliases=row["place_aliases"])
        graph.add_edge(row["group_iri"], row["place_iri"], relation="fought at", weight=row["events"],
                       first=row["first"], last=row["last"], sources=row["sources"])
    return graph


def actor_network(store):
    """Return a graph of armed actors with allied and opposed edges weighted by evidence count."""
    rows = store.query(
        "SELECT ?a ?b ?t (COUNT(DISTINCT ?r) AS ?n) (SAMPLE(?quote) AS ?sentence) WHERE { "
        "?r a kg:ActorRelation ; kg:relationType ?t ; kg:relatedActor ?a , ?b ; kg:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?quote . "
        "FILTER(STR(?a) < STR(?b)) } GROUP BY ?a ?b ?t").rows
    graph = nx.Graph()
    for row in rows:
        a, b = row["a"].value, row["b"].value
        graph.add_edge(a, b, relation=row["t"].value.rsplit("#", 1)[-1], weight=int(row["n"].value),
                       sentence=row["sentence"].value)
    from .questions import labels_of

    labels = labels_of(store, list(graph.nodes))
    for node in graph.nodes:
        names = labels.get(node) or [node.rsplit("/", 1)[-1]]
        graph.nodes[node].update(label=names[0], kind="actor", aliases=names)
    return graph
