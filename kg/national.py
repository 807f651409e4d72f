"""Every country's armed forces and police, named the ways articles name them.

Exports: add_national_forces.

The gazetteer lists the forces of the countries we have read about; an article from any other
country still says "the Cameroonian army" or "Chadian troops", and "the army" there means that
country's army. So every GeoNames country gets a national armed forces node and a national
police node unless the gazetteer has one, and every such node, listed or not, carries the
usual names built from the country's name and demonyms ("Burkinabe army", "Army of Chad",
"Philippine military"), except names another node already uses.
"""

from rdflib import Literal
from rdflib.namespace import ORG, RDF, SKOS

from . import geonames
from .namespace import KG, actor_iri
from .text import normalise_name, slugify

FORCE_NAMES = ("{D} army", "{D} military", "{D} armed forces", "{N} army", "{N} military", "{N} armed forces",
               "Armed Forces of {N}", "Army of {N}", "{N}'s army", "{N}'s military")
POLICE_NAMES = ("{D} police", "{N} police", "{D} national police", "{N} national police", "National Police of {N}",
                "{D} police force")


def add_national_forces(graph, demonyms):
    """Add to `graph` a national armed forces and police node for every country lacking one,
    and the generated names to every national node; return the graph."""
    taken = {normalise_name(str(label)) for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
             for label in graph.objects(None, predicate)}
    by_country = {}
    for demonym, code in demonyms.items():
        by_country.setdefault(code, []).append(demonym)
    forces = _national_nodes(graph, KG.NationalArmedForces)
    police = _national_nodes(graph, KG.PoliceForce, top_level_only=True)
    for code, name in sorted(geonames.country_names().items()):
        names = [name, *_short_names(name)]
        adjectives = [d.title() for d in by_country.get(code, ())]
        for nodes, cls, patterns, label in ((forces, KG.NationalArmedForces, FORCE_NAMES, "Armed Forces of {N}"),
                                            (police, KG.PoliceForce, POLICE_NAMES, "National Police of {N}")):
            node = nodes.get(code)
            if node is None:
                node = actor_iri(slugify(label.format(N=name)))
                graph.add((node, RDF.type, cls))
                graph.add((node, SKOS.prefLabel, Literal(label.format(N=name))))
                graph.add((node, KG.actorKind, KG.StateForces))
                graph.add((node, KG.countryCode, Literal(code)))
                graph.add((node, KG.inferredFrom, Literal("generated for every country")))
                taken.add(normalise_name(label.format(N=name)))
            for pattern in patterns:
                # Sorted: set order changes from process to process, and the first of two names
                # with one key ("Bissau Guinean", "Bissau-Guinean") is the one kept.
                for text in sorted({pattern.format(D=d, N=n) for d in adjectives or [None] for n in names}):
                    key = normalise_name(text)
                    if "None" not in text and key not in taken:
                        taken.add(key)
                        graph.add((node, SKOS.altLabel, Literal(text)))
    return graph


def _national_nodes(graph, cls, top_level_only=False):
    # Sorted, so the node a country gets does not depend on rdflib's triple order; a branch
    # ("Border Guard Police" under the national police) is never a country's national node.
    nodes = sorted(node for node in graph.subjects(RDF.type, cls)
                   if not top_level_only or (node, ORG.subOrganizationOf, None) not in graph)
    return {str(code): node for node in reversed(nodes) for code in graph.objects(node, KG.countryCode)}


def _short_names(name):
    # GeoNames says "Democratic Republic of the Congo", "Myanmar", "Syria"; "Republic of X" also reads "X".
    for prefix in ("Republic of the ", "Republic of "):
        if name.startswith(prefix):
            return [name[len(prefix):]]
    return []
