"""Turn an article record into RDF: one named graph per article, n-ary nodes for events, roles,
claims and relations, each tied to its sentence by a Web Annotation with character offsets.

Exports: article_graph, to_dataset.
"""

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS, XSD

from .namespace import GEO, KG, OA, SCHEMA, SEM, article_iri, bind_prefixes, graph_iri, node_iri

ROLE_TYPES = {"attacker": KG.Attacker, "target": KG.Target, "participant": KG.Participant}
RELATION_TYPES = {"allied": KG.alliedWith, "opposed": KG.opposed}
NNI = XSD.nonNegativeInteger


def article_graph(record):
    """Return the rdflib Graph (identified by the article's graph IRI) of one record."""
    article = record["article"]
    graph = bind_prefixes(Graph(identifier=graph_iri(article["id"])))
    source = article_iri(article["id"])
    _article(graph, source, article)
    for entity in record["entities"]:
        _entity(graph, entity)
    for actor in record["mentions"]:
        graph.add((source, KG.mentions, URIRef(actor)))
    for event in record["events"]:
        _event(graph, source, article["id"], event)
    for claim in record["claims"]:
        _claim(graph, source, article["id"], claim)
    for relation in record["relations"]:
        _relation(graph, source, article["id"], relation)
    return graph


def to_dataset(records):
    """Return an rdflib Dataset holding the named graph of each record."""
    dataset = bind_prefixes(Dataset(default_union=True))
    for record in records:
        graph = article_graph(record)
        target = dataset.graph(graph.identifier)
        for triple in graph:
            target.add(triple)
    return dataset


def _article(graph, source, article):
    graph.add((source, RDF.type, SCHEMA.NewsArticle))
    graph.add((source, KG.articleId, Literal(article["id"])))
    graph.add((source, KG.text, Literal(article["text"])))
    graph.add((source, KG.contentHash, Literal(article["hash"])))
    for key, predicate in (("url", SCHEMA.url), ("title", SCHEMA.headline), ("source", SCHEMA.publisher)):
        if article.get(key):
            graph.add((source, predicate, Literal(article[key])))
    if article.get("date"):
        graph.add((source, SCHEMA.datePublished, Literal(article["date"], datatype=XSD.date)))
    graph.add((graph.identifier, PROV.wasDerivedFrom, source))


def _entity(graph, entity):
    if entity["known"]:
        return
    node = URIRef(entity["iri"])
    cls = entity["class"]
    graph.add((node, RDF.type, KG[cls] if cls != "Place" else KG.Place))
    for label in entity["labels"]:
        graph.add((node, SKOS.altLabel, Literal(label)))
    if entity.get("how"):
        graph.add((node, KG.inferredFrom, Literal(entity["how"])))
    if entity.get("country"):
        graph.add((node, KG.countryCode, Literal(entity["country"])))
    if entity.get("parent"):
        parent_property = ORG.subOrganizationOf if cls not in PLACE_LIKE else GEO.sfWithin
        graph.add((node, parent_property, URIRef(entity["parent"])))
    if entity.get("point"):
        geometry = URIRef(f"{node}#geometry")
        lon, lat = entity["point"]
        graph.add((node, GEO.hasGeometry, geometry))
        graph.add((geometry, RDF.type, GEO.Geometry))
        graph.add((geometry, GEO.asWKT, Literal(f"POINT({lon} {lat})", datatype=GEO.wktLiteral)))
    if entity.get("geonames_id"):
        graph.add((node, KG.geonamesId, Literal(entity["geonames_id"], datatype=XSD.integer)))


PLACE_LIKE = {"Country", "StateRegion", "District", "Township", "Town", "Village", "Ward", "Facility", "Place"}


def _evidence(graph, source, article_id, evidence):
    """Add the Web Annotation selecting a sentence and return its IRI."""
    start, end = evidence["start"], evidence["end"]
    annotation = node_iri("evidence", article_id, start, end)
    target, quote, position = (URIRef(f"{annotation}#{part}") for part in ("target", "quote", "position"))
    graph.add((annotation, RDF.type, OA.Annotation))
    graph.add((annotation, OA.hasTarget, target))
    graph.add((target, OA.hasSource, source))
    graph.add((target, OA.hasSelector, quote))
    graph.add((target, OA.hasSelector, position))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(evidence["exact"])))
    graph.add((quote, OA.prefix, Literal(evidence["prefix"])))
    graph.add((quote, OA.suffix, Literal(evidence["suffix"])))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(start, datatype=NNI)))
    graph.add((position, OA.end, Literal(end, datatype=NNI)))
    return annotation


def _claimant(graph, node, claimant):
    if not claimant:
        return
    if claimant.get("iri"):
        graph.add((node, SEM.accordingTo, URIRef(claimant["iri"])))
    graph.add((node, KG.claimantLabel, Literal(claimant["label"])))


def _event(graph, source, article_id, event):
    node = URIRef(event["iri"])
    graph.add((node, RDF.type, SEM.Event))
    graph.add((node, RDF.type, KG.ConflictEvent))
    graph.add((node, SEM.eventType, URIRef(event["type"])))
    graph.add((node, RDFS.label, Literal(event["trigger"])))
    graph.add((node, KG.reportedIn, source))
    graph.add((node, KG.evidence, _evidence(graph, source, article_id, event["evidence"])))
    graph.add((node, KG.unverified, Literal(bool(event["unverified"]))))
    if event["place"]:
        graph.add((node, SEM.hasPlace, URIRef(event["place"])))
        graph.add((node, KG.geoPrecision, Literal(event["geo_precision"], datatype=XSD.integer)))
    _date(graph, node, event["date"])
    if event.get("operation"):
        graph.add((node, SEM.subEventOf, URIRef(event["operation"])))
    _claimant(graph, node, event["claimant"])
    for number, role in enumerate(event["roles"]):
        role_node = URIRef(f"{node}/role/{number}")
        graph.add((node, SEM.hasActor, role_node))
        graph.add((role_node, RDF.type, SEM.Role))
        graph.add((role_node, RDF.value, URIRef(role["actor"])))
        graph.add((role_node, SEM.roleType, ROLE_TYPES[role["role"]]))
        if event["claimant"] and event["claimant"].get("iri"):
            graph.add((role_node, SEM.accordingTo, URIRef(event["claimant"]["iri"])))


def _date(graph, node, date):
    if not date:
        return
    if date.get("text"):
        graph.add((node, KG.dateText, Literal(date["text"])))
    if date.get("begin"):
        if date["begin"] == date["end"]:
            graph.add((node, SEM.hasTimeStamp, Literal(date["begin"], datatype=XSD.date)))
        graph.add((node, SEM.hasBeginTimeStamp, Literal(date["begin"], datatype=XSD.date)))
        graph.add((node, SEM.hasEndTimeStamp, Literal(date["end"], datatype=XSD.date)))
    if date.get("precision"):
        graph.add((node, KG.timePrecision, Literal(date["precision"], datatype=XSD.integer)))


def _claim(graph, source, article_id, claim):
    node = URIRef(claim["iri"])
    graph.add((node, RDF.type, KG.Claim))
    graph.add((node, KG.quantityType, KG[claim["type"]]))
    graph.add((node, KG.value, Literal(claim["value"], datatype=NNI)))
    graph.add((node, RDFS.label, Literal(claim["text"])))
    if claim["bound"]:
        graph.add((node, KG.bound, Literal(claim["bound"])))
    if claim["victims"]:
        graph.add((node, KG.victims, Literal(claim["victims"])))
    if claim["event"]:
        graph.add((node, KG.about, URIRef(claim["event"])))
    graph.add((node, KG.unverified, Literal(bool(claim["unverified"]))))
    graph.add((node, KG.reportedIn, source))
    graph.add((node, KG.evidence, _evidence(graph, source, article_id, claim["evidence"])))
    _claimant(graph, node, claim["claimant"])


def _relation(graph, source, article_id, relation):
    node = URIRef(relation["iri"])
    predicate = RELATION_TYPES[relation["type"]]
    first, second = (URIRef(a) for a in relation["actors"])
    graph.add((first, predicate, second))
    graph.add((node, RDF.type, KG.ActorRelation))
    graph.add((node, KG.relationType, predicate))
    graph.add((node, KG.relatedActor, first))
    graph.add((node, KG.relatedActor, second))
    graph.add((node, KG.about, URIRef(relation["event"])))
    graph.add((node, KG.reportedIn, source))
    graph.add((node, KG.evidence, _evidence(graph, source, article_id, relation["evidence"])))
    _date(graph, node, relation["date"])

