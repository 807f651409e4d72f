"""Canned questions: SPARQL files shipped in kg/queries, with parameters bound as RDF terms.

Exports: list_questions, question_parameters, ask, run_question, render_answer, resolve_names, plain_value,
labels_of, date_literal, PARAMETERS.

Parameters are never pasted into query text: names are looked up as literals (any label or
alias), and the matching IRIs are passed to Oxigraph as substitutions. A question takes the
parameters its query file uses (?place_param, ?group_param, ?operation_param, ?since, ?until); a
`# Requires: ?x_param` header line makes one mandatory.
"""

import datetime as dt
import re
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError
from .formats import render_rows
from .text import normalise_name

QUERY_DIR = Path(__file__).parent / "queries"
PARAMETERS = ("place", "group", "operation", "since", "until")
SEPARATOR = "\u001f"  # GROUP_CONCAT separator of the queries: cannot occur in a label, URL or sentence
NO_DATE = {"9999-12-31", "0001-01-01"}  # what the queries put in MIN/MAX for an undated event
_KINDS = {"place": "http://www.opengis.net/ont/geosparql#Feature", "group": "http://www.w3.org/ns/org#Organization",
          "operation": "https://w3id.org/armed-actors/ns#Operation"}
_VARIABLE = {"place": "place_param", "group": "group_param", "operation": "operation_param", "since": "since",
             "until": "until"}
SUBJECT = {"actor": "group"}  # questions about one thing, named by the NAME argument of `kg ask`
_XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


def list_questions():
    """Return {name: first comment line} for every canned question."""
    questions = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        questions[path.stem] = first.lstrip("# ").strip()
    return questions


def question_text(name):
    path = QUERY_DIR / f"{name}.rq"
    if not re.fullmatch(r"[a-z0-9-]+", name or "") or not path.is_file():
        known = ", ".join(list_questions())
        raise QueryError(f"no canned question {name!r}; known: {known} (kg ask --list)")
    return path.read_text(encoding="utf-8")


def question_parameters(name):
    """Return (parameters the question takes, parameters it requires), in PARAMETERS order."""
    from .summary import per_event_text

    text = question_text(name)
    body = "\n".join(line for line in (text + "\n" + (per_event_text(name) or "")).splitlines()
                     if not line.lstrip().startswith("#"))
    takes = tuple(p for p in PARAMETERS if re.search(rf"\?{_VARIABLE[p]}\b", body))
    required = tuple(p for p in PARAMETERS if re.search(rf"^#\s*Requires:.*\?{_VARIABLE[p]}\b", text, re.M))
    return takes, required


def resolve_names(store, name, kind=None):
    """Return the IRIs of the nodes with a label whose normalised form equals `name`'s.

    Both sides are normalised the same way (case, accents, punctuation, a leading "the", "'s",
    Defence/Defense), so "the Arakan Army" finds "Arakan Army". `kind` (place, group or
    operation) keeps only nodes of that kind. Preferred-label matches come first.
    """
    key = normalise_name(name)
    if not key:
        return []
    kind_pattern = "?s a/rdfs:subClassOf* ?kind ." if kind else ""
    rows = store.query(
        "SELECT DISTINCT ?s ?p ?l WHERE { VALUES ?p { skos:prefLabel skos:altLabel skos:hiddenLabel } "
        f"?s ?p ?l . {kind_pattern} }}", {"kind": ox.NamedNode(_KINDS[kind])} if kind else None).rows
    rank = {"prefLabel": 0, "altLabel": 1, "hiddenLabel": 2}
    found = {}
    for row in rows:
        if normalise_name(row["l"].value) == key:
            iri, level = row["s"].value, rank[row["p"].value.rsplit("#", 1)[-1]]
            found[iri] = min(level, found.get(iri, level))
    return sorted(found, key=lambda iri: (found[iri], iri))


def labels_of(store, iris):
    """Return {iri: [labels...]} for the given IRIs, preferred label first."""
    result = {iri: [] for iri in iris}
    if not iris:
        return result
    values = " ".join(f"<{iri}>" for iri in iris if _safe_iri(iri))
    # one UNION branch per predicate: Oxigraph joins two VALUES blocks with ?s ?p ?l four times slower
    branches = " UNION ".join(f"{{ ?s skos:{p} ?l BIND(skos:{p} AS ?p) }}" for p in ("prefLabel", "altLabel", "hiddenLabel"))
    rows = store.query(f"SELECT ?s ?p ?l WHERE {{ VALUES ?s {{ {values} }} {branches} }}").rows
    rank = {"prefLabel": 0, "altLabel": 1, "hiddenLabel": 2}
    for row in sorted(rows, key=lambda r: (rank[r["p"].value.rsplit("#", 1)[-1]], r["l"].value)):
        labels = result.setdefault(row["s"].value, [])
        if row["l"].value not in labels:
            labels.append(row["l"].value)
    return result


def _safe_iri(iri):
    return not any(c in iri for c in '<>"{}|^`\\ \n')


def ask(store, name, subject=None, place=None, group=None, operation=None, since=None, until=None):
    """Run a canned question; return (column names, rows as plain dicts).

    `subject` names the thing a one-subject question is about (`kg ask actor KNDF`). A name that
    matches nothing gives no rows; a parameter the question does not take is an error.
    """
    values = {"place": place, "group": group, "operation": operation, "since": since, "until": until}
    if subject is not None:
        if name not in SUBJECT:
            raise QueryError(f"kg ask {name} takes no NAME argument; filter with --place, --group, --operation, "
                             "--since or --until")
        values[SUBJECT[name]] = subject
    _check_parameters(name, values)
    substitutions = {}
    for param in ("place", "group", "operation"):
        if values[param] is not None:
            iris = resolve_names(store, values[param], kind=param)
            if not iris:
                if name in SUBJECT:
                    raise QueryError(f"no {name} named {values[param]!r} in the store; kg ask actors lists them")
                return [], []
            substitutions[_VARIABLE[param]] = ox.NamedNode(iris[0])
    for param in ("since", "until"):
        if values[param] is not None:
            substitutions[param] = date_literal(values[param])
    return run_question(store, name, substitutions)


def run_question(store, name, substitutions=None):
    """Run a canned question with parameters already bound to RDF terms; return (columns, rows)."""
    from .answers import ENRICHERS
    from .summary import needs_per_event, per_event_text

    text = question_text(name)
    if needs_per_event(store, name, substitutions, text):   # kg/summary.py: the summary cannot answer
        text = per_event_text(name)
    result = store.query(text, substitutions or None)
    rows = [{k: plain_value(v) for k, v in row.items()} for row in result.rows]
    enrich = ENRICHERS.get(name)
    if enrich:
        rows = enrich(store, rows)
    return (list(rows[0]) if rows else result.variables), rows


def render_answer(name, columns, rows, fmt="table"):
    """Render an answer; a one-subject question's table reads down (one field per line)."""
    if fmt == "table" and name in SUBJECT and rows:
        tables = (render_rows(["field", "value"], [{"field": c, "value": row.get(c)} for c in columns], fmt)
                  for row in rows)
        return "\n\n".join(table.rsplit("\n", 1)[0] for table in tables)  # without the "(N rows)" line
    return render_rows(columns, rows, fmt)


def _check_parameters(name, values):
    takes, required = question_parameters(name)
    given = [p for p in PARAMETERS if values[p] is not None]
    unknown = [p for p in given if p not in takes]
    if unknown:
        accepted = ", ".join(f"--{p}" for p in takes) or "no filters"
        raise QueryError(f"kg ask {name} does not take --{unknown[0]}; it takes {accepted}")
    missing = [p for p in required if values[p] is None]
    if missing:
        how = f"kg ask {name} NAME" if name in SUBJECT else f"kg ask {name} --{missing[0]} VALUE"
        raise QueryError(f"kg ask {name} needs a {missing[0]}: {how}")


def date_literal(value):
    """Return an xsd:date literal for a date or a YYYY-MM-DD string; QueryError otherwise."""
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value))
        except ValueError as error:
            raise QueryError(f"invalid date {value!r}: use YYYY-MM-DD") from error
    return ox.Literal(value.isoformat(), datatype=_XSD_DATE)


def plain_value(term):
    """Return a query term as a Python value: integers and booleans typed, placeholder dates None."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype else ""
        if datatype.endswith(("#integer", "#nonNegativeInteger", "#int", "#long")):
            return int(term.value)
        if datatype.endswith("#boolean"):
            return term.value == "true"
        if datatype.endswith("#date") and term.value in NO_DATE:
            return None
        return term.value
    return term.value
