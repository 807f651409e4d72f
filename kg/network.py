"""Network projections of the graph, built with networkx from SPARQL answers (kg/facts.py).

Exports: KINDS, build_network, most_connected, heading_for, actor_place_network, actor_network.

Three kinds:
- `actors`: armed actors; edges fought against, allied with (sourced relations, weighted by how
  many statements support them) and member of (gazetteer, drawn as reference edges).
- `actor-place`: who fought where; an edge per actor and place with the armed-violence events
  there, places sized by their events (the same pairs as `kg ask fought-where`).
- `full`: actors, operations, places and events, each event joined to its actors (by role), its
  place and its operation.

Every node and edge carries `evidence` and `claims` (indices into graph.graph["evidence"] and
["claims"]), `first`/`last` dates and `operations`, so the page can show and filter them.
"""

import networkx as nx

from .facts import describe, load_categories, read_facts

KINDS = ("actors", "actor-place", "full")
_RELATIONS = {"opposed": "fought against", "alliedWith": "allied with", "memberOf": "member of",
              "subOrganizationOf": "part of"}


def build_network(store, kind="actor-place", **filters):
    """Return the networkx graph of one kind, with the evidence tables in graph.graph."""
    if kind not in KINDS:
        raise ValueError(f"unknown network kind {kind!r}: use one of {', '.join(KINDS)}")
    facts = read_facts(store, **filters)
    describe(store, facts, _endpoints(facts))
    graph = nx.Graph(kind=kind, evidence=facts.evidence, claims=facts.claims, articles=facts.articles)
    _PROJECTIONS[kind](graph, store, facts)
    _finish(graph, store, facts)
    return graph


def actor_place_network(store, **filters):
    """Return the `actor-place` kind with sentences and sources written out (for kg export, kg serve)."""
    return _self_contained(build_network(store, "actor-place", **filters))


def actor_network(store, **filters):
    """Return the `actors` kind with sentences and sources written out (for kg export, kg serve)."""
    return _self_contained(build_network(store, "actors", **filters))


def _self_contained(graph):
    """Replace evidence indices by the sentences and their articles, for files read without the tables."""
    evidence, articles = graph.graph.pop("evidence"), graph.graph.pop("articles")
    graph.graph.pop("claims")
    for data in [d for _, d in graph.nodes(data=True)] + [d for *_, d in graph.edges(data=True)]:
        cited = [evidence[i] for i in sorted(data.pop("evidence", ()))]
        data.pop("claims", None)
        data["sentences"] = [c["quote"] for c in cited]
        data["sources"] = sorted({articles[c["article"]]["url"] or articles[c["article"]]["id"]
                                  for c in cited if c["article"] is not None})
    return graph


def heading_for(kind, **filters):
    """Return the page heading: the kind and every filter given ("kg: actors · place Loikaw")."""
    titles = {"actors": "armed actors", "actor-place": "who fought where", "full": "actors, operations, places, events"}
    given = [f"{name} {value}" for name, value in filters.items() if value is not None]
    return " \u00b7 ".join([f"kg: {titles[kind]}"] + given)


def most_connected(graph, limit):
    """Keep the `limit` nodes of highest degree; return (subgraph, sentence saying what was left out)."""
    if limit is None or graph.number_of_nodes() <= limit:
        return graph, ""
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), str(graph.nodes[n].get("label", n))))
    kept = graph.subgraph(ranked[:limit]).copy()
    names = {c["key"]: c["label"] for c in load_categories()}
    left = {}
    for node in ranked[limit:]:
        category = names.get(graph.nodes[node].get("category"), "other")
        left[category] = left.get(category, 0) + 1
    parts = ", ".join(f"{count} {name}" for name, count in sorted(left.items(), key=lambda kv: -kv[1]))
    edges = graph.number_of_edges() - kept.number_of_edges()
    notice = (f"showing the {limit} most connected of {graph.number_of_nodes()} nodes "
              f"(--max-nodes {limit}); left out {graph.number_of_nodes() - limit} nodes ({parts}) and {edges} edges")
    kept.graph["notice"] = notice
    return kept, notice


def _endpoints(facts):
    iris = set()
    for event in facts.events.values():
        iris |= set(event["actors"]) | set(event["operations"]) | ({event["place"]} if event["place"] else set())
    for relation in facts.relations.values():
        iris |= {relation["a"], relation["b"]}
    return iris


def _actor_place(graph, store, facts):
    armed = _armed_categories()
    for iri, event in facts.events.items():
        if not (event["armed"] and event["place"]):
            continue
        for actor in event["actors"]:
            if facts.nodes[actor]["category"] not in armed:
                continue
            if facts.within_group is not None and actor not in facts.within_group:
                continue
            _link(graph, facts, actor, event["place"], "fought at", iri)


def _actors(graph, store, facts):
    armed = _armed_categories()
    for relation in facts.relations.values():
        a, b = relation["a"], relation["b"]
        if facts.nodes[a]["category"] in armed and facts.nodes[b]["category"] in armed:
            data = _edge(graph, facts, a, b, _RELATIONS.get(relation["type"], relation["type"]))
            data["evidence"] |= relation["evidence"]
            data["weight"] += 1
            _widen(data, relation["begin"], relation["end"])
            about = facts.events.get(relation["about"])
            if about:
                data["claims"].update(about["claims"])
                data["operations"] |= about["operations"]
    for event_iri, event in facts.events.items():
        for actor in event["actors"]:
            if facts.nodes[actor]["category"] in armed:
                _touch(graph, facts, actor, event_iri)
    _memberships(graph, store, facts, armed_only=True)


def _full(graph, store, facts):
    for iri, event in facts.events.items():
        _add_event(graph, facts, iri, event)
        for actor, role in event["actors"].items():
            _link(graph, facts, actor, iri, role, iri)
        if event["place"]:
            _link(graph, facts, iri, event["place"], "at", iri)
        for operation in event["operations"]:
            _link(graph, facts, iri, operation, "part of", iri)
    _actors(graph, store, facts)
    present = set(graph.nodes)
    for operation, actor in facts.launched:
        if operation in present and actor in present:
            _edge(graph, facts, actor, operation, "launched", reference=True)


def _add_event(graph, facts, iri, event):
    label = f"{event['type']} {event['begin'] or ''}".strip()
    graph.add_node(iri, label=label, kind="event", category="event", type=event["type"], aliases=[],
                   first=event["begin"], last=event["end"], events=1, evidence=set(event["evidence"]),
                   claims=set(event["claims"]), operations=set(event["operations"]),
                   claimant=event["claimant"], unverified=event["unverified"], event_iris={iri})


def _memberships(graph, store, facts, armed_only):
    present = set(graph.nodes)
    pairs = [(m, o, p) for m, o, p in facts.memberships if m in present]
    describe(store, facts, {o for _, o, _ in pairs})
    armed = _armed_categories()
    for member, organisation, prop in pairs:
        if armed_only and facts.nodes[organisation]["category"] not in armed:
            continue
        _edge(graph, facts, member, organisation, _RELATIONS[prop], reference=True)


def _link(graph, facts, a, b, relation, event_iri):
    """Add (or grow) the edge a-b for one event, with its evidence, claims, dates and operations."""
    event = facts.events[event_iri]
    data = _edge(graph, facts, a, b, relation)
    if event_iri not in data["event_iris"]:
        data["event_iris"].add(event_iri)
        data["weight"] += 1
        data["evidence"] |= event["evidence"]
        data["claims"].update(event["claims"])
        data["operations"] |= event["operations"]
        _widen(data, event["begin"], event["end"])
    for node in (a, b):
        _touch(graph, facts, node, event_iri)


def _edge(graph, facts, a, b, relation, reference=False):
    for node in (a, b):
        _node(graph, facts, node)
    if not graph.has_edge(a, b):
        graph.add_edge(a, b, relation=relation, weight=0, reference=reference, evidence=set(), claims=set(),
                       operations=set(), event_iris=set(), first=None, last=None)
    return graph.edges[a, b]


def _node(graph, facts, iri):
    if iri not in graph:
        info = facts.nodes.get(iri) or {"label": iri, "aliases": [], "type": "", "category": "organisation"}
        kind = "event" if info["category"] == "event" else _KIND_OF.get(info["category"], "actor")
        graph.add_node(iri, label=info["label"], aliases=info["aliases"], type=info["type"], kind=kind,
                       category=info["category"], first=None, last=None, events=0, evidence=set(), claims=set(),
                       operations=set(), event_iris=set())
    return graph.nodes[iri]


def _touch(graph, facts, iri, event_iri):
    """Count an event at a node and take its evidence, claims, dates and operations."""
    data = _node(graph, facts, iri)
    if event_iri in data["event_iris"]:
        return
    event = facts.events[event_iri]
    data["event_iris"].add(event_iri)
    data["events"] = len(data["event_iris"])
    data["evidence"] |= event["evidence"]
    data["claims"].update(event["claims"])
    data["operations"] |= event["operations"]
    _widen(data, event["begin"], event["end"])


def _widen(data, begin, end):
    if begin and (data["first"] is None or begin < data["first"]):
        data["first"] = begin
    if end and (data["last"] is None or end > data["last"]):
        data["last"] = end


def _finish(graph, store, facts):
    """Name the operations the page can filter by, and drop working sets the page does not need."""
    operations = set().union(*(d["operations"] for _, d in graph.nodes(data=True))) if graph else set()
    describe(store, facts, operations)
    graph.graph["operations"] = {iri: facts.nodes[iri]["label"] for iri in sorted(operations)}
    for _, data in list(graph.nodes(data=True)) + [(None, d) for *_, d in graph.edges(data=True)]:
        data.pop("event_iris", None)


def _armed_categories():
    return {c["key"] for c in load_categories() if c.get("armed")}


_KIND_OF = {c["key"]: c["kind"] for c in load_categories()}
_PROJECTIONS = {"actors": _actors, "actor-place": _actor_place, "full": _full}
