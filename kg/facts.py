"""The facts the network views draw, read from the store with SPARQL into plain Python data.

Exports: Facts, read_facts, describe, load_style, load_categories, FILTERS.

Events and relations are filtered in SPARQL with the same parameters as `kg ask` (place, group,
operation, since, until); roles and claims join to the events that pass. Every quote, claim and
article is kept in a table once and referred to by index, so a page with thousands of nodes does
not repeat the same sentence for each node and edge it supports.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError
from .questions import date_literal, labels_of, plain_value, resolve_names

DATA = Path(__file__).parent / "data"
FILTERS = ("place", "group", "operation", "since", "until")


@dataclass
class Facts:
    """Events, relations, memberships and the tables their evidence points into."""

    events: dict = field(default_factory=dict)       # iri -> event dict (see _event)
    reports: dict = field(default_factory=dict)      # report iri -> event iri (a merged event, or itself)
    relations: dict = field(default_factory=dict)    # iri -> relation dict
    memberships: list = field(default_factory=list)  # (member, organisation, property name)
    launched: list = field(default_factory=list)     # (operation, actor)
    nodes: dict = field(default_factory=dict)        # iri -> {label, aliases, class, type, category}
    evidence: list = field(default_factory=list)     # {quote, article}
    claims: list = field(default_factory=list)       # {quantity, value, ..., evidence}
    articles: list = field(default_factory=list)     # {id, url, headline, date, publisher}
    within_group: set = None                         # sub-organisations of --group, when given
    _keys: dict = field(default_factory=dict)

    def cite(self, quote, article):
        """Return the index of (quote, article) in the evidence table, adding it once."""
        key = ("evidence", quote, article)
        if key not in self._keys:
            self._keys[key] = len(self.evidence)
            self.evidence.append({"quote": quote, "article": self._article_index(article)})
        return self._keys[key]

    def _article_index(self, iri):
        return self._keys.get(("article", iri))


def read_facts(store, place=None, group=None, operation=None, since=None, until=None):
    """Read everything the views need, with events and relations narrowed by the filters."""
    substitutions = _bind(store, place=place, group=group, operation=operation, since=since, until=until)
    facts = Facts()
    _read_articles(store, facts)
    _read_events(store, facts, substitutions)
    _read_roles(store, facts)
    _read_claims(store, facts)
    _read_relations(store, facts, substitutions)
    facts.memberships = [(r["member"], r["organisation"], r["property"].rsplit("#", 1)[-1])
                         for r in _rows(store, "memberships")]
    facts.launched = [(r["operation"], r["launchedBy"]) for r in _rows(store, "operations") if r.get("launchedBy")]
    if group is not None:
        facts.within_group = {r["s"] for r in _select(store, "SELECT ?s WHERE { ?s org:subOrganizationOf* ?g }",
                                                      {"g": substitutions["group_param"]})}
    return facts


def describe(store, facts, iris):
    """Fill facts.nodes with label, aliases, class and legend category for the given IRIs."""
    iris = sorted(set(iris) - set(facts.nodes))
    labels = labels_of(store, iris)
    text = (DATA / "network-types.rq").read_text(encoding="utf-8")
    values = " ".join(f"<{iri}>" for iri in iris if not any(c in iri for c in '<>"{}|^`\\ \n'))
    types = {r["node"]: r for r in _select(store, text.replace("WHERE {", f"WHERE {{ VALUES ?node {{ {values} }}", 1))}
    categories = load_categories()
    by_class = {cls: c["key"] for c in categories for cls in c.get("classes", [])}
    for iri in iris:
        names = labels.get(iri) or [iri.rstrip("/").rsplit("/", 1)[-1]]
        row = types.get(iri, {})
        cls = (row.get("class") or "").rsplit("#", 1)[-1]
        facts.nodes[iri] = {"label": names[0], "aliases": names[1:], "class": cls,
                            "type": row.get("classLabel") or "", "category": by_class.get(cls, "organisation")}
    return facts.nodes


def load_style():
    """Return the legend categories and relation colours of kg/data/network-categories.json."""
    return json.loads((DATA / "network-categories.json").read_text(encoding="utf-8"))


def load_categories():
    """Return the legend categories (key, label, kind, classes, colour, shape) from kg/data."""
    return load_style()["categories"]


def _bind(store, **filters):
    substitutions = {}
    for name in ("place", "group", "operation"):
        value = filters[name]
        if value is None:
            continue
        iris = resolve_names(store, value, kind=name)
        if not iris:
            raise QueryError(f"no {name} named {value!r} in the store: check the spelling "
                             "(any label or alias works), or list names with kg ask actors")
        substitutions[f"{name}_param"] = ox.NamedNode(iris[0])
    for name in ("since", "until"):
        if filters[name] is not None:
            substitutions[name] = date_literal(filters[name])
    return substitutions


def _read_articles(store, facts):
    for row in _rows(store, "articles"):
        facts._keys[("article", row["article"])] = len(facts.articles)
        facts.articles.append({"id": row.get("id") or row["article"], "url": row.get("url"),
                               "headline": row.get("headline"), "date": row.get("date"),
                               "publisher": row.get("publisher")})


def _read_events(store, facts, substitutions):
    for row in _rows(store, "events", substitutions):
        iri = row["event"]
        facts.reports[row["report"]] = iri
        event = facts.events.setdefault(iri, _event(row))
        if row.get("operation"):
            event["operations"].add(row["operation"])
        if row.get("quote"):
            event["evidence"].add(facts.cite(row["quote"], row["article"]))
        if row.get("unverified"):
            event["unverified"] = True


def _event(row):
    return {"type": row.get("typeLabel") or row["type"].rsplit("/", 1)[-1], "armed": bool(row.get("armed")),
            "place": row.get("place"), "begin": row.get("begin"), "end": row.get("end"),
            "claimant": row.get("claimantLabel"), "unverified": bool(row.get("unverified")),
            "operations": set(), "evidence": set(), "claims": [], "actors": {}}


def _read_roles(store, facts):
    for row in _rows(store, "roles"):
        event = facts.events.get(facts.reports.get(row["event"]))
        if event is not None:
            role = (row.get("roleType") or "participant").rsplit("#", 1)[-1].lower()
            event["actors"].setdefault(row["actor"], role)


def _read_claims(store, facts):
    for row in _rows(store, "claims"):
        event = facts.events.get(facts.reports.get(row["about"]))
        if event is None:
            continue
        facts.claims.append({
            "quantity": row.get("quantity"), "value": row.get("value"), "upper": row.get("upper"),
            "bound": row.get("bound"), "victims": row.get("victims"), "claimant": row.get("claimantLabel"),
            "unverified": bool(row.get("unverified")),
            "evidence": facts.cite(row["quote"], row["article"]) if row.get("quote") else None})
        event["claims"].append(len(facts.claims) - 1)


def _read_relations(store, facts, substitutions):
    for row in _rows(store, "relations", substitutions):
        relation = facts.relations.setdefault(row["relation"], {
            "a": row["a"], "b": row["b"], "type": row["type"].rsplit("#", 1)[-1], "begin": row.get("begin"),
            "end": row.get("end"), "about": facts.reports.get(row.get("about")), "evidence": set()})
        if row.get("quote"):
            relation["evidence"].add(facts.cite(row["quote"], row["article"]))


def _rows(store, name, substitutions=None):
    text = (DATA / f"network-{name}.rq").read_text(encoding="utf-8")
    return _select(store, text, substitutions)


def _select(store, text, substitutions=None):
    return [{k: plain_value(v) for k, v in row.items() if v is not None}
            for row in store.query(text, substitutions).rows]
