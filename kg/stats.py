"""Counts of what a store holds: articles, actors, places, events, claims, triples.

Exports: store_stats.
"""

QUERIES = {
    "articles": "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }",
    "actors": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?a kg:mentions ?x }",
    "places": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?e a kg:ConflictEvent ; sem:hasPlace ?p }",
    "events": "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:ConflictEvent }",
    "claims": "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a kg:Claim }",
    "relations": "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a kg:ActorRelation }",
    "gazetteer actors": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH <https://w3id.org/armed-actors/graph/reference> { ?x a ?c } ?c rdfs:subClassOf* kg:ArmedActor }",
    "gazetteer places": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH <https://w3id.org/armed-actors/graph/reference> { ?x geo:sfWithin ?p } }",
}


def store_stats(store):
    """Return an ordered dict of counts, ending with the number of triples (quads)."""
    counts = {name: int(store.query(q).rows[0]["n"].value) for name, q in QUERIES.items()}
    counts["triples"] = store.triple_count()
    return counts
