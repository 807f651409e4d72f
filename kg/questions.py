"""Canned questions: SPARQL files shipped in kg/queries, with parameters bound as RDF terms.

Exports: list_questions, ask, resolve_names, labels_of, PARAMETERS.

Parameters are never pasted into query text: names are looked up as literals (any label or
alias), and the matching IRIs are passed to Oxigraph as substitutions.
"""

import datetime as dt
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError
from .text import normalise_name

QUERY_DIR = Path(__file__).parent / "queries"
PARAMETERS = ("place", "group", "operation", "since", "until")


def list_questions():
    """Return {name: first comment line} for every canned question."""
    questions = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        questions[path.stem] = first.lstrip("# ").strip()
    return questions


def question_text(name):
    path = QUERY_DIR / f"{name}.rq"
    if not path.is_file():
        known = ", ".join(list_questions())
        raise QueryError(f"no canned question {name!r}; known: {known} (kg ask --list)")
    return path.read_text(encoding="utf-8")


def resolve_names(store, name):
    """Return the IRIs of every node with a label whose normalised form equals `name`'s."""
    rows = store.query(
        "SELECT DISTINCT ?s ?l WHERE { VALUES ?p { skos:prefLabel skos:altLabel skos:hiddenLabel } ?s ?p ?l . "
        "FILTER(LCASE(STR(?l)) = ?needle || CONTAINS(LCASE(STR(?l)), ?needle)) }",
        {"needle": ox.Literal(name.lower().strip())}).rows
    key = normalise_name(name)
    return sorted({row["s"].value for row in rows if normalise_name(row["l"].value) == key})


def labels_of(store, iris):
    """Return {iri: [labels...]} for the given IRIs, preferred label first."""
    result = {iri: [] for iri in iris}
    if not iris:
        return result
    values = " ".join(f"<{iri}>" for iri in iris if _safe_iri(iri))
    rows = store.query(
        f"SELECT ?s ?p ?l WHERE {{ VALUES ?s {{ {values} }} VALUES ?p {{ skos:prefLabel skos:altLabel skos:hiddenLabel }} ?s ?p ?l }}"
    ).rows
    rank = {"prefLabel": 0, "altLabel": 1, "hiddenLabel": 2}
    for row in sorted(rows, key=lambda r: (rank[r["p"].value.rsplit("#", 1)[-1]], r["l"].value)):
        labels = result.setdefault(row["s"].value, [])
        if row["l"].value not in labels:
            labels.append(row["l"].value)
    return result


def _safe_iri(iri):
    return not any(c in iri for c in '<>"{}|^`\\ \n')


def ask(store, name, place=None, group=None, operation=None, since=None, until=None):
    """Run a canned question; return (variables, rows as plain dicts)."""
    text = question_text(name)
    substitutions = {}
    for param, value in (("place_param", place), ("group_param", group), ("operation_param", operation)):
        if value is None:
            continue
        iris = resolve_names(store, value)
        if not iris:
            return _columns(text), []
        substitutions[param] = ox.NamedNode(iris[0])
    for param, value in (("since", since), ("until", until)):
        if value is not None:
            substitutions[param] = ox.Literal(_date(value).isoformat(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    result = store.query(text, substitutions)
    rows = [{k: _plain(v) for k, v in row.items()} for row in result.rows]
    enrich = ENRICHERS.get(name)
    if enrich:
        rows = enrich(store, rows)
    return (list(rows[0]) if rows else result.variables), rows


def _columns(text):
    return []


def _date(value):
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as error:
        raise QueryError(f"invalid date {value!r}: use YYYY-MM-DD") from error


def _plain(term):
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype else ""
        if datatype.endswith(("#integer", "#nonNegativeInteger", "#int", "#long")):
            return int(term.value)
        if datatype.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return term.value


def _fought_where(store, rows):
    labels = labels_of(store, sorted({r["group_iri"] for r in rows} | {r["place_iri"] for r in rows}))
    out = []
    for row in rows:
        out.append({
            "group": row["group"], "group_iri": row["group_iri"], "group_aliases": labels.get(row["group_iri"], []),
            "place": row["place"], "place_iri": row["place_iri"], "place_aliases": labels.get(row["place_iri"], []),
            "events": row["events"], "first": row.get("first"), "last": row.get("last"),
            "sources": sorted(set((row.get("sources") or "").split("|")) - {""}),
            "articles": sorted(set((row.get("articles") or "").split("|")) - {""}),
        })
    return out


def _actors(store, rows):
    labels = labels_of(store, [r["iri"] for r in rows])
    return [{"label": r["label"], "iri": r["iri"], "type": r["type"], "aliases": labels.get(r["iri"], []),
             "mentions": r["mentions"]} for r in rows]


ENRICHERS = {"fought-where": _fought_where, "actors": _actors}
