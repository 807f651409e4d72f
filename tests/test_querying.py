"""kg query: a string, a .rq file or standard input; every query form and output format; syntax
errors with their position; and every example query of README.md run against samples/."""

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from cli import main
from conftest import ROOT
from kg.errors import QueryError
from kg.querying import read_query, run_query

SELECT = "SELECT ?id ?date WHERE { ?a kg:articleId ?id . OPTIONAL { ?a schema:datePublished ?date } } ORDER BY ?id"
CONSTRUCT = "CONSTRUCT { ?a kg:articleId ?id } WHERE { ?a kg:articleId ?id }"


@pytest.mark.parametrize("fmt, expected", [
    ("csv", "id,date\na,2024-03-10\nb,2024-03-12"),
    ("tsv", "id\tdate\na\t2024-03-10\nb\t2024-03-12"),
])
def test_select_as_csv_and_tsv_has_no_blank_last_line(tiny_store, fmt, expected):
    assert run_query(tiny_store, SELECT, fmt) == expected


def test_select_as_sparql_results_json(tiny_store):
    result = json.loads(run_query(tiny_store, SELECT, "json"))
    assert result["head"] == {"vars": ["id", "date"]}
    first = result["results"]["bindings"][0]
    assert first == {"id": {"type": "literal", "value": "a"},
                     "date": {"type": "literal", "value": "2024-03-10",
                              "datatype": "http://www.w3.org/2001/XMLSchema#date"}}


def test_sparql_results_json_reads_back_with_rdflib(tiny_store):
    from rdflib.plugins.sparql.results.jsonresults import JSONResultParser

    result = JSONResultParser().parse(io.StringIO(run_query(tiny_store, SELECT, "json")))
    assert [str(row["id"]) for row in result] == ["a", "b"]


def test_select_table(tiny_store):
    lines = run_query(tiny_store, SELECT, "table").splitlines()
    assert lines[0].split() == ["id", "date"]
    assert lines[-1] == "(2 rows)"


@pytest.mark.parametrize("fmt, expected", [("table", "true"), ("csv", "true"), ("json", '{"head": {}, "boolean": true}')])
def test_ask(tiny_store, fmt, expected):
    assert run_query(tiny_store, "ASK { actor:kndf kg:opposed|^kg:opposed actor:myanmar-military }", fmt) == expected


def test_ask_false(tiny_store):
    assert run_query(tiny_store, "ASK { actor:kndf kg:alliedWith actor:myanmar-military }") == "false"


@pytest.mark.parametrize("fmt, reader", [("turtle", "turtle"), ("nquads", "nquads"), ("trig", "trig"),
                                         ("jsonld", "json-ld")])
def test_construct_reads_back_in_its_format(tiny_store, fmt, reader):
    text = run_query(tiny_store, CONSTRUCT, fmt)
    graph = Dataset() if reader in ("nquads", "trig") else Graph()
    graph.parse(data=text, format=reader)
    assert {str(o) for _, _, o in graph.triples((None, None, None))} == {"a", "b"}


def test_describe(tiny_store):
    graph = Graph().parse(data=run_query(tiny_store, "DESCRIBE place:loikaw", "turtle"), format="turtle")
    assert {str(o) for o in graph.objects()} >= {"Loikaw"}


@pytest.mark.parametrize("query, fmt, message", [
    (SELECT, "turtle", "--format turtle is for CONSTRUCT/DESCRIBE"),
    (CONSTRUCT, "csv", "--format csv is for SELECT"),
])
def test_a_format_that_does_not_fit_the_query_form_says_which_does(tiny_store, query, fmt, message):
    with pytest.raises(QueryError, match=message):
        run_query(tiny_store, query, fmt)


@pytest.mark.parametrize("query, line, column", [
    ("SELECT ?s WHERE {\n  ?s ?p", 2, 8),
    ("SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?s = ) }", 3, 14),
    ("SELEKT ?s WHERE { ?s ?p ?o }", 1, 1),
])
def test_syntax_error_gives_line_and_column(tiny_store, query, line, column):
    with pytest.raises(QueryError) as caught:
        run_query(tiny_store, query)
    assert str(caught.value).startswith("SPARQL syntax error: ")
    assert "\n" not in str(caught.value) and "error at" not in str(caught.value)
    assert caught.value.line == line
    assert abs(caught.value.column - column) <= 10


def test_prefixes_are_predeclared(tiny_store):
    rows = run_query(tiny_store, "SELECT ?l WHERE { actor:kndf skos:prefLabel ?l }", "csv").splitlines()
    assert rows == ["l", "Karenni Nationalities Defense Force"]


def test_read_query_takes_a_string_a_file_or_standard_input(tmp_path, monkeypatch):
    path = tmp_path / "q.rq"
    path.write_text(SELECT, encoding="utf-8")
    assert read_query(str(path)) == SELECT
    assert read_query(SELECT) == SELECT
    monkeypatch.setattr("sys.stdin", io.StringIO(SELECT))
    assert read_query("-") == SELECT


def test_a_missing_rq_file_is_named(tmp_path):
    with pytest.raises(QueryError, match=r"cannot read query file .*nope\.rq"):
        read_query(str(tmp_path / "nope.rq"))


# ------------------------------------------------------------------ through the command line

@pytest.fixture(scope="module")
def store_dir(tiny_store_dir):
    return tiny_store_dir


def test_query_from_standard_input(store_dir):
    result = CliRunner().invoke(main, ["query", "--store", store_dir, "--format", "csv"], input=SELECT)
    assert result.exit_code == 0, result.output
    assert result.stdout == "id,date\na,2024-03-10\nb,2024-03-12\n"          # exactly one final newline


def test_syntax_error_exits_2_with_line_and_column(store_dir):
    result = CliRunner().invoke(main, ["query", "SELECT ?s WHERE {\n  ?s ?p", "--store", store_dir])
    assert result.exit_code == 2
    assert re.search(r"Error: SPARQL syntax error: expected .* \(line 2, column 8\)$", result.output.strip())


def test_ask_csv_through_the_cli_has_one_final_newline(store_dir):
    result = CliRunner().invoke(main, ["ask", "fought-where", "--store", store_dir, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("\n") and not result.stdout.endswith("\n\n")
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == len(result.stdout.splitlines()) - 1


def test_ask_list_shows_the_filters_each_question_takes():
    result = CliRunner().invoke(main, ["ask", "--list"])
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert lines["actors"].endswith("[--group]")
    assert lines["events"].endswith("[--place --group --operation --since --until]")


def test_ask_actor_with_a_name(store_dir):
    result = CliRunner().invoke(main, ["ask", "actor", "the KNDF", "--store", store_dir])
    assert result.exit_code == 0, result.output
    fields = {line.split()[0]: line for line in result.stdout.splitlines()[2:] if line.strip()}
    assert fields["label"].split(None, 1)[1].strip() == "Karenni Nationalities Defense Force"
    assert fields["places"].split(None, 1)[1].strip() == "Loikaw"


@pytest.mark.parametrize("args, message", [
    (["ask", "actor"], "kg ask actor needs a group: kg ask actor NAME"),
    (["ask", "actors", "--place", "Loikaw"], "kg ask actors does not take --place; it takes --group"),
    (["ask", "fought-where", "KNDF"], "kg ask fought-where takes no NAME argument"),
])
def test_ask_usage_errors_exit_2(store_dir, args, message):
    result = CliRunner().invoke(main, [*args, "--store", store_dir])
    assert result.exit_code == 2
    assert message in result.output


# ------------------------------------------------------------------ README examples

def readme_queries():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sparql\n(.*?)```", text, re.S)


def test_readme_has_a_dozen_example_queries():
    assert len(readme_queries()) >= 12


@pytest.mark.parametrize("query", readme_queries(), ids=lambda q: q.split(".", 1)[0].lstrip("# "))
def test_readme_query_runs_on_the_samples(samples_store, query):
    store, _ = samples_store
    kind = store.query(query).kind
    if kind == "ask":
        assert run_query(store, query) == "true"
    elif kind == "graph":
        assert len(Graph().parse(data=run_query(store, query, "turtle"), format="turtle")) > 0
    else:
        rows = json.loads(run_query(store, query, "json"))["results"]["bindings"]
        assert rows or "May be empty" in query, query.splitlines()[0]
