"""The project's vocabulary as a closed namespace, and the prefixes bound everywhere.

Exports: KG, SEM, OA, SCHEMA, GEO, ID, PREFIXES, bind_prefixes, actor_iri, place_iri,
operation_iri, article_iri, graph_iri, REFERENCE_GRAPH, MERGED_GRAPH, SUMMARY_GRAPH.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace, ORG, PROV, RDF, RDFS, SKOS, XSD, OWL

BASE = "https://w3id.org/armed-actors/"


class KG(DefinedNamespace):
    """Terms of the armed-actor ontology (ontology/kg.ttl); a typo fails at import."""

    _NS = Namespace(BASE + "ns#")
    _fail = True

    # actors
    ArmedActor: URIRef
    StateForce: URIRef
    NationalArmedForces: URIRef
    PoliceForce: URIRef
    ArmedGroup: URIRef
    Militia: URIRef
    Alliance: URIRef
    Unit: URIRef
    PoliticalBody: URIRef
    ActorKind: URIRef
    StateForces: URIRef
    RebelGroup: URIRef
    PoliticalMilitia: URIRef
    IdentityMilitia: URIRef
    ExternalForces: URIRef
    actorKind: URIRef
    countryCode: URIRef
    nationality: URIRef
    commonNoun: URIRef
    wikidata: URIRef
    inferredFrom: URIRef
    # places
    Place: URIRef
    Country: URIRef
    StateRegion: URIRef
    District: URIRef
    Township: URIRef
    Town: URIRef
    Village: URIRef
    Ward: URIRef
    Facility: URIRef
    geonamesId: URIRef
    geoPrecision: URIRef
    # operations and events
    Operation: URIRef
    launchedBy: URIRef
    ConflictEvent: URIRef
    EventType: URIRef
    eventTypes: URIRef
    armedViolence: URIRef
    triggerLemma: URIRef
    weakTriggerLemma: URIRef
    whenStateActor: URIRef
    timePrecision: URIRef
    dateText: URIRef
    reportedIn: URIRef
    MergedEvent: URIRef
    mergedInto: URIRef
    mergeReason: URIRef
    # derived summaries (kg/summary.py)
    FoughtAt: URIRef
    fightActor: URIRef
    fightPlace: URIRef
    eventCount: URIRef
    firstDate: URIRef
    lastDate: URIRef
    actorLabel: URIRef
    placeLabel: URIRef
    sourceList: URIRef
    articleList: URIRef
    rowRank: URIRef
    # roles
    Attacker: URIRef
    Target: URIRef
    Participant: URIRef
    # relations
    ActorRelation: URIRef
    relationType: URIRef
    alliedWith: URIRef
    opposed: URIRef
    relatedActor: URIRef
    # claims and numbers
    Claim: URIRef
    QuantityType: URIRef
    quantityType: URIRef
    about: URIRef
    value: URIRef
    upperValue: URIRef
    bound: URIRef
    victims: URIRef
    claimant: URIRef
    claimantLabel: URIRef
    unverified: URIRef
    Fatalities: URIRef
    Injured: URIRef
    Displaced: URIRef
    Evacuated: URIRef
    Surrendered: URIRef
    Captured: URIRef
    Arrested: URIRef
    PositionsSeized: URIRef
    # provenance and articles
    evidence: URIRef
    mentions: URIRef
    text: URIRef
    contentHash: URIRef
    articleId: URIRef
    Extraction: URIRef


SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("http://schema.org/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
ID = Namespace(BASE + "id/")
REFERENCE_GRAPH = URIRef(BASE + "graph/reference")
MERGED_GRAPH = URIRef(BASE + "graph/merged")
SUMMARY_GRAPH = URIRef(BASE + "graph/summary")

PREFIXES = {
    "kg": str(KG._NS),
    "sem": str(SEM),
    "org": str(ORG),
    "geo": str(GEO),
    "skos": str(SKOS),
    "prov": str(PROV),
    "oa": str(OA),
    "schema": str(SCHEMA),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "actor": str(ID) + "actor/",
    "place": str(ID) + "place/",
    "op": str(ID) + "operation/",
    "article": str(ID) + "article/",
}


def bind_prefixes(graph):
    """Bind the project's prefixes on an rdflib graph or dataset and return it."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, Namespace(iri), override=True, replace=True)
    return graph


def sparql_prologue():
    """Return PREFIX declarations for every project prefix, for engines without predeclared prefixes."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def actor_iri(slug):
    return URIRef(f"{ID}actor/{slug}")


def place_iri(slug):
    return URIRef(f"{ID}place/{slug}")


def operation_iri(slug):
    return URIRef(f"{ID}operation/{slug}")


def article_iri(article_id):
    return URIRef(f"{ID}article/{article_id}")


def graph_iri(article_id):
    """Return the named graph holding one article's statements."""
    return URIRef(f"{BASE}graph/article/{article_id}")


def node_iri(kind, article_id, *parts):
    """Return a content-derived IRI (article id + offsets), so re-extraction is idempotent."""
    tail = "-".join(str(p) for p in parts)
    return URIRef(f"{ID}{kind}/{article_id}/{tail}")
