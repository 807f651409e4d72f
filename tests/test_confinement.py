"""A user's query never reaches outside the store: SERVICE and FROM are refused, however written."""


import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from cli import main
from kg.confinement import code_only, outside_keyword
from kg.store import open_store
from servers import recording_server


@pytest.fixture(scope="module")
def endpoint():
    """A SPARQL endpoint on 127.0.0.1 that answers every request with no rows and records it."""
    with recording_server(b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}',
                          "application/sparql-results+json") as (url, requests):
        yield f"{url}/sparql", requests


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("confined") / "store"
    with open_store(path) as store:
        store.replace_graph("https://example.org/g", '<https://example.org/s> <https://example.org/p> "o" .')
    return str(path)


def test_without_the_check_oxigraph_does_call_the_endpoint(endpoint):
    """Why the check exists: pyoxigraph follows SERVICE, and has no switch to turn it off."""
    url, requests = endpoint
    before = len(requests)
    list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"))
    assert len(requests) == before + 1


REFUSED = {
    "SERVICE": ("SERVICE", "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"),
    "lower case": ("SERVICE", "select * where {{ service <{url}> {{ ?s ?p ?o }} }}"),
    "SERVICE SILENT": ("SERVICE", "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}"),
    "prefixed name": ("SERVICE", "PREFIX e: <{url}#> SELECT * WHERE {{ SERVICE e:x {{ ?s ?p ?o }} }}"),
    "no space after SERVICE": ("SERVICE", "PREFIX : <{url}#> SELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}"),
    "variable endpoint": ("SERVICE", "SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}"),
    "after an IRI with a #": ("SERVICE", "SELECT * WHERE {{ ?s <https://example.org/p#x> ?o .SERVICE<{url}>{{ ?a ?b ?c }} }}"),
    "after a comment line": ("SERVICE", "SELECT * WHERE {{ # a comment\n SERVICE <{url}> {{ ?s ?p ?o }} }}"),
    "after a string with quotes": ("SERVICE", "SELECT * WHERE {{ BIND(\"\"\"a \" b ' c\"\"\" AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }}"),
    "after an escaped quote": ("SERVICE", "SELECT * WHERE {{ BIND(\"a \\\" # b\" AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }}"),
    "unicode escape": ("SERVICE", "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}"),
    "FROM a local file": ("FROM", "SELECT * FROM <file:///etc/passwd> WHERE {{ ?s ?p ?o }}"),
    "from, lower case, no space": ("FROM", "select * from<file:///etc/passwd> where {{ ?s ?p ?o }}"),
    "FROM NAMED": ("FROM", "SELECT * FROM NAMED <file:///etc/passwd> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
    "FROM a prefixed name": ("FROM", "PREFIX f: <file:///etc/> SELECT * FROM f:passwd WHERE {{ ?s ?p ?o }}"),
    "CONSTRUCT FROM": ("FROM", "CONSTRUCT {{ ?s ?p ?o }} FROM <{url}> WHERE {{ ?s ?p ?o }}"),
    "ASK FROM": ("FROM", "ASK FROM <file:///etc/passwd> {{ ?s ?p ?o }}"),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_kg_query_refuses_queries_that_reach_outside(endpoint, store_dir, case):
    url, requests = endpoint
    keyword, template = REFUSED[case]
    before = len(requests)
    result = CliRunner().invoke(main, ["query", template.format(url=url), "--store", store_dir])
    assert result.exit_code == 2
    assert f"{keyword} is not allowed: queries run on the store only" in result.stderr
    assert len(requests) == before


ALLOWED = {
    "SERVICE in a string": 'SELECT ("SERVICE <x> FROM <y>" AS ?t) WHERE {}',
    "SERVICE in a long string": "SELECT ('''it's SERVICE FROM here''' AS ?t) WHERE {}",
    "FROM in a comment": "# FROM <file:///etc/passwd>\nSELECT ?s WHERE { ?s ?p ?o }",
    "variables named so": "SELECT ?service ?from WHERE { ?service ?p ?from }",
    "words in an IRI": "SELECT ?s WHERE { ?s <https://example.org/SERVICE#FROM> ?o }",
}


@pytest.mark.parametrize("case", ALLOWED, ids=list(ALLOWED))
def test_the_words_in_strings_comments_iris_and_variables_are_allowed(store_dir, case):
    result = CliRunner().invoke(main, ["query", ALLOWED[case], "--store", store_dir, "--format", "csv"])
    assert result.exit_code == 0, result.output


def test_a_keyword_split_by_a_comment_is_a_syntax_error_and_calls_nothing(endpoint, store_dir):
    url, requests = endpoint
    before = len(requests)
    result = CliRunner().invoke(main, ["query", f"SELECT * WHERE {{ SERV#x\nICE <{url}> {{ ?s ?p ?o }} }}",
                                       "--store", store_dir])
    assert result.exit_code == 2
    assert "SPARQL syntax error" in result.stderr
    assert len(requests) == before


def test_code_only_keeps_positions_and_blanks_iris_strings_and_comments():
    text = 'SELECT ?s WHERE { ?s <http://a#b> "x # y" } # note'
    assert code_only(text) == "SELECT ?s WHERE { ?s              " + " " * 7 + " }       "
    assert outside_keyword(text) is None


def test_ask_runs_only_the_shipped_questions(tmp_path, store_dir, endpoint):
    url, requests = endpoint
    evil = tmp_path / "evil.rq"
    evil.write_text(f"# evil\nSELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", encoding="utf-8")
    from kg.questions import QUERY_DIR

    relative = "../" * len(QUERY_DIR.resolve().parts) + str(evil.with_suffix(""))[1:]
    before = len(requests)
    result = CliRunner().invoke(main, ["ask", relative, "--store", store_dir])
    assert result.exit_code == 2
    assert f"no canned question {relative!r}" in result.stderr
    assert len(requests) == before


# ------------------------------------------------------------------ canned-question parameters

HOSTILE = ['"} DROP ALL #', 'Loikaw" . ?s ?p ?o', "Loikaw' } ; CLEAR ALL ; #", "<http://x> } SERVICE <http://127.0.0.1:1/> {",
           'Loikaw\\" ) } UNION { ?s ?p ?o } #']


@pytest.fixture(scope="module")
def built_store(tiny_store_dir):
    return tiny_store_dir


def dump(store_dir):
    with open_store(store_dir, read_only=True) as store:
        return store.dump_nquads()


@pytest.mark.parametrize("option", ["--place", "--group", "--operation"])
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameters_are_looked_up_as_names_and_change_nothing(built_store, option, value):
    before = dump(built_store)
    result = CliRunner().invoke(main, ["ask", "fought-where", option, value, "--store", built_store, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "[]"
    assert dump(built_store) == before


def test_the_same_question_with_a_real_name_answers(built_store):
    result = CliRunner().invoke(main, ["ask", "fought-where", "--place", "Loikaw", "--store", built_store, "--format", "json"])
    assert "Loikaw" in result.stdout


@pytest.mark.parametrize("value", ['2024-01-01"^^xsd:date ) } DROP ALL #', "2024-13-01"])
def test_hostile_dates_are_refused(built_store, value):
    result = CliRunner().invoke(main, ["ask", "fought-where", "--since", value, "--store", built_store])
    assert result.exit_code == 2
    assert f"invalid date {value!r}: use YYYY-MM-DD" in result.stderr
