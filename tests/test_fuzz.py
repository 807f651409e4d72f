"""Property-based tests (Hypothesis): hostile and random input never breaks kg.

- random, word-salad and mutated article text never raises out of the extractor, and every graph
  it makes conforms to the SHACL shapes (validated together at the end: one SHACL run of the
  whole ontology takes seconds, so not one per example);
- random bytes in a file never raise out of the article reader;
- random SPARQL-looking parameters to canned questions never change the store;
- a random SPARQL-looking query that the confinement check lets through never reaches a server.
"""

import datetime as dt
import itertools
import os
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.articles import Article, Problem, read_articles
from kg.build import load_reference
from kg.confinement import outside_keyword
from kg.errors import QueryError
from kg.extract import extract_articles
from kg.questions import ask, list_questions
from kg.rdf import article_graph
from kg.store import open_store
from kg.validate import validate_store
from servers import recording_server

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FUZZ = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ------------------------------------------------------------------ article text

def _sentences():
    text = " ".join(p.read_text(encoding="utf-8").split("\n\n", 1)[-1] for p in sorted(SAMPLES.glob("*.txt")))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 20]


SENTENCES = _sentences()
WORDS = sorted({w for s in SENTENCES for w in s.split()}) + [
    "KNDF", "(AA)", "Operation 1027", "the junta", "junta", "regime", "troops", "killed", "at least", "over",
    "nearly", "1,000,000,000,000", "-5", "0", "¾", "12-13", "31 February 2024", "on Friday", "last week",
    "according to", "said", "could not be independently verified", "Township", "village", "Region", "State",
    "\u200b", "—", "\u00e8", "Pèkon", "Sangaing", "’s", "'s", "(", ")", ",", ".", "\n\n", "\n", "\t", '"', "“", "”",
]


@st.composite
def mutated(draw):
    """A few sample sentences with slices deleted, repeated, swapped or replaced by random text."""
    text = " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4)))
    for _ in range(draw(st.integers(0, 4))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 40)))
        kind = draw(st.sampled_from(["delete", "repeat", "insert", "upper", "swap"]))
        if kind == "delete":
            text = text[:i] + text[j:]
        elif kind == "repeat":
            text = text[:j] + text[i:j] * draw(st.integers(2, 5)) + text[j:]
        elif kind == "insert":
            text = text[:i] + draw(st.text(max_size=15)) + text[i:]
        elif kind == "upper":
            text = text[:i] + text[i:j].upper() + text[j:]
        else:
            text = text[j:] + text[i:j] + text[:i]
    return text


TEXTS = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=200),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
    mutated(),
)
DATES = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "120"))    # more for a longer hunt


# Crashes the fuzzer found in the extractor, each as its minimal input, kept as regression cases.
KNOWN_CRASHES = [
    pytest.param("several", id="quantity word as the last token"),
    pytest.param("AmpCA Camp AmpCA", id="an introduced place name as the last token"),
    pytest.param("PORT SUDAN, April 14 (Wire) - Sudan's paramilitary Rapid Support Forces (RSF) said on Sunday it had "
                 "taken control of Zamzam after a three-day assault.", id="a role for a force no mention named"),
]


@pytest.mark.parametrize("text", KNOWN_CRASHES)
def test_known_extractor_crashes(text):
    list(extract_articles([Article(id="crash", text=text)]))


def test_random_article_text_never_breaks_the_extractor_and_every_graph_conforms():
    counter = itertools.count()
    made = {}

    @settings(FUZZ, max_examples=EXAMPLES)
    @given(TEXTS, DATES)
    def extract_one(text, date):
        article = Article(id=f"fuzz-{next(counter)}", text=text, date=date)
        (record,) = extract_articles([article])
        graph = article_graph(record)
        made[article.id] = (text, date, graph)

    extract_one()
    store = open_store(None)
    load_reference(store)
    for _, _, graph in made.values():
        store.replace_graph(graph.identifier, graph.serialize(format="nt"))
    report = validate_store(store)
    failing = [(str(v), made[v.article][:2]) for v in report.violations if v.article in made]
    assert report.conforms, failing[:5] or report.violations[:5]


# ------------------------------------------------------------------ article files

@settings(FUZZ, max_examples=150)
@given(st.binary(max_size=600), st.sampled_from([".txt", ".jsonl"]))
def test_random_bytes_never_break_the_reader(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"input{suffix}"
    path.write_bytes(data)
    for item in read_articles([str(path)]):
        assert isinstance(item, (Article, Problem))
        if isinstance(item, Problem):
            assert str(item).startswith(str(path)) and "\n" not in item.message


# ------------------------------------------------------------------ canned-question parameters

SPARQLISH = st.lists(st.one_of(
    st.sampled_from(['"', "'", "}", "{", "#", "<", ">", "\\", ".", ";", "?s", "?p ?o", "DROP ALL", "CLEAR ALL",
                     "INSERT DATA", "DELETE WHERE", "SERVICE", "<http://127.0.0.1:1/>", "Loikaw", "KNDF", "\n",
                     "^^xsd:date", "@en", "\\u0022", "FILTER(true)", "UNION", ")", "("]),
    st.text(max_size=5)), max_size=12).map("".join)


@settings(FUZZ, max_examples=150)
@given(question=st.sampled_from(sorted(list_questions())), place=st.none() | SPARQLISH, group=st.none() | SPARQLISH,
       operation=st.none() | SPARQLISH, since=st.none() | SPARQLISH)
def test_random_sparql_looking_parameters_never_change_the_store(tiny_store, question, place, group, operation, since):
    before = tiny_store.dump_nquads()
    try:
        ask(tiny_store, question, place=place, group=group, operation=operation, since=since)
    except QueryError as error:     # a parameter the question does not take, a bad date, no such name
        assert "\n" not in str(error)
    assert tiny_store.dump_nquads() == before


# ------------------------------------------------------------------ user queries

@pytest.fixture(scope="module")
def endpoint():
    with recording_server(b'{"head": {"vars": []}, "results": {"bindings": [{}]}}',
                          "application/sparql-results+json") as (url, requests):
        yield f"{url}/", requests


QUERY_PARTS = ["SERVICE", "service", "SeRvIcE", "SILENT", "FROM", "from", "NAMED", "\\u0053ERVICE", "SERV", "ICE",
               "<URL>", "<URL#x>", "e:", "e:x", ":x", "?e", "$e", "{", "}", "{ ?s ?p ?o }", ".", ";", "#", "\n", " ",
               '"', "'", '"""', "'''", "\\", "<", ">", "VALUES ?e { <URL> }", "BIND(", ")", "AS ?x", "OPTIONAL",
               "UNION", "GRAPH ?g", "\t", "##", "\\\"", "SERVICE <URL> { ?s ?p ?o }"]


@settings(FUZZ, max_examples=200)
@given(st.lists(st.sampled_from(QUERY_PARTS), max_size=14))
def test_a_query_the_check_lets_through_never_reaches_a_server(endpoint, parts):
    url, requests = endpoint
    body = "".join(parts).replace("URL", url)
    query = f"PREFIX e: <{url}> PREFIX : <{url}> SELECT * WHERE {{ ?s ?p ?o . {body} }}"
    if outside_keyword(query):
        return
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("o")))
    before = len(requests)
    try:
        result = store.query(query)
        if isinstance(result, ox.QuerySolutions):
            list(result)
    except (SyntaxError, OSError, RuntimeError):
        pass
    assert len(requests) == before, query
