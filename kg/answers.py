"""Shape the rows of canned questions into the documented answers: labels, aliases and lists.

Exports: ENRICHERS (question name -> function(store, rows) -> rows).

SPARQL does the selecting and counting; these functions only split GROUP_CONCAT lists, attach
labels and aliases, and (for `actor`) gather a profile from the other questions. The keys of each
answer are documented in README.md ("Canned answers"); keep them stable.
"""

from collections import defaultdict

import pyoxigraph as ox

from .questions import SEPARATOR, labels_of, run_question


def _split(value):
    return [] if not value else sorted({v for v in value.split(SEPARATOR) if v})


def _names(labels, iris):
    return [(labels.get(iri) or [_tail(iri)])[0] for iri in iris]


def _tail(iri):
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _fought_where(store, rows):
    labels = labels_of(store, sorted({r["group_iri"] for r in rows} | {r["place_iri"] for r in rows}))
    return [{
        "group": row["group"], "group_iri": row["group_iri"], "group_aliases": labels.get(row["group_iri"], []),
        "place": row["place"], "place_iri": row["place_iri"], "place_aliases": labels.get(row["place_iri"], []),
        "events": row["events"], "first": row.get("first"), "last": row.get("last"),
        "sources": _split(row.get("sources")), "articles": _split(row.get("articles")),
    } for row in rows]


def _actors(store, rows):
    labels = labels_of(store, [r["iri"] for r in rows])
    return [{"label": r["label"], "iri": r["iri"], "type": r["type"], "aliases": labels.get(r["iri"], []),
             "mentions": r["mentions"]} for r in rows]


def _pairs(store, rows):
    return [{
        "actor_a": row["actor_a"] or _tail(row["actor_a_iri"]), "actor_a_iri": row["actor_a_iri"],
        "actor_b": row["actor_b"] or _tail(row["actor_b_iri"]), "actor_b_iri": row["actor_b_iri"],
        "statements": row["statements"], "events": row["events"], "first": row.get("first"),
        "last": row.get("last"), "sources": _split(row.get("sources")), "articles": _split(row.get("articles")),
        "sentence": " ".join((row.get("sentence") or "").split()) or None,
    } for row in rows]


def _operations(store, rows):
    wanted = {iri for row in rows for key in ("launched_by_iris", "place_iris", "actor_iris") for iri in _split(row[key])}
    wanted |= {row["operation_iri"] for row in rows}
    labels = labels_of(store, sorted(wanted))
    out = []
    for row in rows:
        launched_by, places, actors = (_split(row[k]) for k in ("launched_by_iris", "place_iris", "actor_iris"))
        out.append({
            "operation": row["operation"], "operation_iri": row["operation_iri"],
            "aliases": labels.get(row["operation_iri"], []), "launched": row["launched"],
            "launched_by": _names(labels, launched_by), "launched_by_iris": launched_by, "events": row["events"],
            "places": _names(labels, places), "place_iris": places, "actors": _names(labels, actors),
            "actor_iris": actors, "first": row["first"], "last": row["last"],
            "sources": _split(row["sources"]), "articles": _split(row["articles"]),
        })
    return out


def _events(store, rows):
    roles = {row["event"]: [pair.rsplit(" ", 1) for pair in _split(row["actor_roles"])] for row in rows}
    labels = labels_of(store, sorted({iri for pairs in roles.values() for iri, _ in pairs}
                                     | {iri for row in rows for iri in _split(row["operation_iris"])}))
    out = []
    for row in rows:
        pairs = roles[row["event"]]
        actors = sorted({iri for iri, _ in pairs})
        operations = _split(row["operation_iris"])
        out.append({
            "event": row["event"], "type": row["type"], "type_iri": row["type_iri"], "place": row["place"],
            "place_iri": row["place_iri"], "begin": row["begin"], "end": row["end"],
            "actors": _names(labels, actors), "actor_iris": actors,
            "attackers": _names(labels, sorted({i for i, r in pairs if r == "Attacker"})),
            "targets": _names(labels, sorted({i for i, r in pairs if r == "Target"})),
            "operations": _names(labels, operations), "operation_iris": operations,
            "reports": row["reports"], "merged": row["reports"] > 1 or "/event/merged/" in row["event"],
            "articles": _split(row["articles"]), "sources": _split(row["sources"]),
            "sentences": [" ".join(s.split()) for s in _split(row["sentences"])],
        })
    return out


def _casualties(store, rows):
    """Mark each figure that another claimant or article gives differently for the same event."""
    figures = defaultdict(set)
    for row in rows:
        if row["event"]:
            figures[(row["event"], row["quantity"])].add((row["value"], row["claimant"], row["article"]))
    out = []
    for row in rows:
        others = figures.get((row["event"], row["quantity"]), set())
        row = dict(row, sentence=" ".join((row["sentence"] or "").split()) or None, unverified=bool(row["unverified"]))
        row["conflicting"] = any(value != row["value"] for value, _, _ in others)
        out.append(row)
    return out


def _actor(store, rows):
    """Add to an actor's identity (actor.rq) what the other questions say it did, sub-organisations included."""
    out = []
    for row in rows:
        iri = row["iri"]
        groups = {"group_param": ox.NamedNode(iri)}
        family = {iri} | _descendants(store, iri)
        lists = {k: _split(row[k]) for k in ("parent_iris", "sub_organisation_iris", "alliance_iris", "member_iris")}
        _, places = run_question(store, "fought-where", groups)
        _, opposed = run_question(store, "opposed", groups)
        _, allied = run_question(store, "allied", groups)
        _, operations = run_question(store, "operations", groups)
        _, events = run_question(store, "events", groups)
        opponents, allies = _others(opposed, family), _others(allied, family)
        labels = labels_of(store, sorted({iri, *opponents, *allies, *(i for v in lists.values() for i in v)}))
        places_by_events = sorted({p["place_iri"]: p for p in places}.values(), key=lambda p: (-p["events"], p["place"]))
        begins = [e["begin"] for e in events if e["begin"]]
        ends = [e["end"] for e in events if e["end"]]
        out.append({
            "label": row["label"] or _tail(iri), "iri": iri, "aliases": labels.get(iri, []), "type": row["type"],
            "kind": row["kind"], "country": row["country"],
            "parents": _names(labels, lists["parent_iris"]), "parent_iris": lists["parent_iris"],
            "sub_organisations": _names(labels, lists["sub_organisation_iris"]),
            "sub_organisation_iris": lists["sub_organisation_iris"],
            "alliances": _names(labels, lists["alliance_iris"]), "alliance_iris": lists["alliance_iris"],
            "members": _names(labels, lists["member_iris"]), "member_iris": lists["member_iris"],
            "places": [p["place"] for p in places_by_events], "place_iris": [p["place_iri"] for p in places_by_events],
            "opponents": _names(labels, opponents), "opponent_iris": opponents,
            "allies": _names(labels, allies), "ally_iris": allies,
            "operations": [o["operation"] for o in operations], "operation_iris": [o["operation_iri"] for o in operations],
            "events": len(events), "first": min(begins, default=None), "last": max(ends, default=None),
            "articles": sorted({a for e in events for a in e["articles"]}),
            "sources": sorted({s for e in events for s in e["sources"]}),
        })
    return out


def _descendants(store, iri):
    rows = store.query("SELECT DISTINCT ?sub WHERE { ?sub org:subOrganizationOf+ ?top }", {"top": ox.NamedNode(iri)}).rows
    return {row["sub"].value for row in rows}


def _others(pairs, family):
    """Return the other side of each pair that involves the actor (or one of its sub-organisations)."""
    others = set()
    for pair in pairs:
        a, b = pair["actor_a_iri"], pair["actor_b_iri"]
        if a in family and b not in family:
            others.add(b)
        elif b in family and a not in family:
            others.add(a)
    return sorted(others)


ENRICHERS = {"fought-where": _fought_where, "actors": _actors, "opposed": _pairs, "allied": _pairs,
             "operations": _operations, "events": _events, "casualties": _casualties, "actor": _actor}
