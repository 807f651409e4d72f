"""The reference knowledge: ontology, gazetteer of actors, places and operations, event types
and the extractor's word lists, loaded from `ontology/` once and indexed for look-ups.

Exports: Gazetteer, Entry, EventType, load_gazetteer, reference_graph.
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import ORG, RDF, SKOS

from .errors import KGError
from .namespace import GEO, KG, SEM, bind_prefixes
from .national import add_national_forces
from .settings import ONTOLOGY_DIR
from .text import normalise_name

ACTOR_CLASSES = {"NationalArmedForces", "StateForce", "PoliceForce", "ArmedGroup", "Militia", "Alliance", "Unit", "PoliticalBody"}
STATE_CLASSES = {"NationalArmedForces", "StateForce", "PoliceForce"}
PLACE_CLASSES = {"Country", "StateRegion", "District", "Township", "Town", "Village", "Ward", "Facility"}
NOT_REFERENCE = {"shapes.ttl"}


@dataclass
class Entry:
    """One actor, place or operation of the gazetteer."""

    iri: str
    label: str
    labels: tuple
    cls: str
    country: str | None = None
    parent: str | None = None
    point: tuple | None = None
    kind: str | None = None
    members_of: tuple = ()
    launched_by: tuple = ()
    begin: str | None = None
    nationality: str | None = None
    common_nouns: tuple = ()

    @property
    def is_state(self):
        return self.cls in STATE_CLASSES or self.kind == "StateForces"


@dataclass
class EventType:
    iri: str
    label: str
    broader: str | None
    armed: bool
    triggers: tuple
    weak_triggers: tuple
    when_state: str | None


@dataclass
class Gazetteer:
    """Indexed reference data; build it with load_gazetteer()."""

    graph: Graph
    actors: dict
    places: dict
    operations: dict
    event_types: dict
    lexicon: dict
    by_key: dict = field(default_factory=dict)
    national_forces: dict = field(default_factory=dict)
    national_police: dict = field(default_factory=dict)
    foreign_forces: dict = field(default_factory=dict)  # nationality code -> [iri] of its forces fighting abroad
    common_nouns: dict = field(default_factory=dict)  # (country code, "rangers") -> iri of the force so called there

    def entry(self, iri):
        return self.actors.get(iri) or self.places.get(iri) or self.operations.get(iri)

    def candidates(self, name, kinds=("actor", "place", "operation")):
        """Return entries whose normalised label equals the name's, of the given kinds."""
        found = self.by_key.get(normalise_name(name), ())
        return [e for e in found if _kind(e) in kinds]

    def ancestors(self, iri):
        """Yield the chain of parents (sfWithin / subOrganizationOf) of an entry."""
        seen = set()
        entry = self.entry(iri)
        while entry and entry.parent and entry.parent not in seen:
            seen.add(entry.parent)
            yield entry.parent
            entry = self.entry(entry.parent)


def _kind(entry):
    if entry.cls in PLACE_CLASSES:
        return "place"
    if entry.cls == "Operation":
        return "operation"
    return "actor"


def reference_files(directory):
    """Return the Turtle files that make up the reference graph."""
    directory = Path(directory)
    if not directory.is_dir():
        raise KGError(f"ontology directory {directory} not found; pass --ontology or reinstall the project")
    return sorted(p for p in directory.glob("*.ttl") if p.name not in NOT_REFERENCE)


@lru_cache(maxsize=4)
def reference_graph(directory=str(ONTOLOGY_DIR)):
    """Parse every reference Turtle file into one rdflib graph."""
    graph = bind_prefixes(Graph())
    for path in reference_files(directory):
        try:
            graph.parse(path, format="turtle")
        except Exception as error:  # rdflib raises many unrelated types for bad Turtle
            raise KGError(f"{path}: not valid Turtle ({error}); fix the file") from error
    _add_geometries(graph)
    add_national_forces(graph, _read_lexicon(directory)["demonyms"])
    return graph


def _add_geometries(graph):
    # The gazetteer writes geo:asWKT on the place itself for readability; GeoSPARQL wants it on a
    # geometry node, so we add one with an IRI derived from the place's.
    for place, wkt in list(graph.subject_objects(GEO.asWKT)):
        if (place, RDF.type, GEO.Geometry) in graph:
            continue
        geometry = URIRef(f"{place}#geometry")
        graph.remove((place, GEO.asWKT, wkt))
        graph.add((place, GEO.hasGeometry, geometry))
        graph.add((geometry, RDF.type, GEO.Geometry))
        graph.add((geometry, GEO.asWKT, wkt))


def _labels(graph, node):
    pref = graph.value(node, SKOS.prefLabel)
    alts = [str(o) for p in (SKOS.altLabel, SKOS.hiddenLabel) for o in graph.objects(node, p)]
    pref = str(pref) if pref is not None else (alts[0] if alts else node.split("/")[-1])
    return pref, tuple(dict.fromkeys([pref, *alts]))


def point_of(graph, node):
    """Return (lon, lat) of a place from its WKT point, or None."""
    geometry = graph.value(node, GEO.hasGeometry)
    wkt = graph.value(geometry, GEO.asWKT) if geometry is not None else None
    if wkt is None:
        return None
    lon, lat = str(wkt).split("(")[1].rstrip(") ").split()[:2]
    return float(lon), float(lat)


def _entries(graph, classes, parent_property):
    entries = {}
    for cls in classes:
        for node in graph.subjects(RDF.type, KG[cls]):
            pref, labels = _labels(graph, node)
            parent = graph.value(node, parent_property)
            entries[str(node)] = Entry(
                iri=str(node), label=pref, labels=labels, cls=cls,
                country=str(graph.value(node, KG.countryCode) or "") or None,
                parent=str(parent) if parent is not None else None,
                point=point_of(graph, node), kind=_local(graph.value(node, KG.actorKind)),
                members_of=tuple(sorted(str(o) for o in graph.objects(node, ORG.memberOf))),
                launched_by=tuple(sorted(str(o) for o in graph.objects(node, KG.launchedBy))),
                begin=str(graph.value(node, SEM.hasBeginTimeStamp) or "") or None,
                nationality=str(graph.value(node, KG.nationality) or "") or None,
                common_nouns=tuple(sorted(str(o) for o in graph.objects(node, KG.commonNoun))),
            )
    return entries


def _local(node):
    return str(node).split("#")[-1].split("/")[-1] if node is not None else None


def _event_types(graph):
    types = {}
    for node in graph.subjects(RDF.type, KG.EventType):
        broader = graph.value(node, SKOS.broader)
        when_state = graph.value(node, KG.whenStateActor)
        types[str(node)] = EventType(
            iri=str(node), label=str(graph.value(node, SKOS.prefLabel)),
            broader=str(broader) if broader is not None else None,
            armed=bool(graph.value(node, KG.armedViolence)),
            triggers=tuple(sorted(str(o) for o in graph.objects(node, KG.triggerLemma))),
            weak_triggers=tuple(sorted(str(o) for o in graph.objects(node, KG.weakTriggerLemma))),
            when_state=str(when_state) if when_state is not None else None,
        )
    return types


def _read_lexicon(directory):
    lexicon_path = Path(directory) / "lexicon.json"
    try:
        return json.loads(lexicon_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise KGError(f"{lexicon_path}: cannot read the word lists ({error}); fix or restore the file") from error


@lru_cache(maxsize=4)
def load_gazetteer(directory=str(ONTOLOGY_DIR)):
    """Load and index the reference data of an ontology directory (cached per process)."""
    graph = reference_graph(str(directory))
    lexicon = _read_lexicon(directory)
    gazetteer = Gazetteer(
        graph=graph,
        actors=_entries(graph, ACTOR_CLASSES, ORG.subOrganizationOf),
        places=_entries(graph, PLACE_CLASSES, GEO.sfWithin),
        operations=_entries(graph, {"Operation"}, ORG.subOrganizationOf),
        event_types=_event_types(graph),
        lexicon=lexicon,
    )
    for entry in [*gazetteer.actors.values(), *gazetteer.places.values(), *gazetteer.operations.values()]:
        for label in entry.labels:
            gazetteer.by_key.setdefault(normalise_name(label), []).append(entry)
        if entry.cls == "NationalArmedForces" and entry.country:
            gazetteer.national_forces[entry.country] = entry.iri
        if entry.nationality:
            gazetteer.foreign_forces.setdefault(entry.nationality, []).append(entry.iri)
        if entry.cls == "PoliceForce" and entry.country and not entry.parent:
            gazetteer.national_police.setdefault(entry.country, entry.iri)
        for noun in entry.common_nouns:
            gazetteer.common_nouns[(entry.country, noun)] = entry.iri
    return gazetteer
