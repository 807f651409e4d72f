"""The kg command line, run in-process with CliRunner."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from cli import main


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory, tiny_dir, runner):
    """An on-disk store built from the tiny articles with `kg build`."""
    path = tmp_path_factory.mktemp("cli") / "store"
    result = runner.invoke(main, ["build", str(tiny_dir), "--store", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return str(path)


def test_build_reports_what_it_did(runner, tiny_dir, tmp_path):
    result = runner.invoke(main, ["build", str(tiny_dir), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert f"built 2, unchanged 0, skipped 0 -> {tmp_path / 's'}" in result.output
    # build ends with sys.exit, whose SystemExit (kept by CliRunner) holds the command's frame: the
    # store must be closed before, or this second build in the same process finds it locked.
    again = runner.invoke(main, ["build", str(tiny_dir), "--store", str(tmp_path / "s")])
    assert "built 0, unchanged 2, skipped 0" in again.output


def test_build_with_a_bad_input_warns_and_exits_1(runner, tiny_dir, tmp_path):
    missing = tmp_path / "missing.txt"
    result = runner.invoke(main, ["build", str(tiny_dir), str(missing), "--store", str(tmp_path / "s"), "--quiet"])
    assert result.exit_code == 1
    assert f"skipped: {missing}: no such file or directory; check the path" in result.output


def test_ask_fought_where_json(runner, store):
    result = runner.invoke(main, ["ask", "fought-where", "--store", store, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {(r["group"], r["place"]) for r in rows} >= {("Karenni Nationalities Defense Force", "Loikaw"),
                                                      ("Arakan Army", "Rakhine State")}


def test_ask_fought_where_csv(runner, store):
    result = runner.invoke(main, ["ask", "fought-where", "--store", store, "--format", "csv", "--place", "Loikaw"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["group"] for r in rows} == {"Karenni Nationalities Defense Force", "Myanmar Armed Forces"}
    assert "KNDF" in rows[0]["group_aliases"].split("; ") or "KNDF" in rows[1]["group_aliases"].split("; ")


def test_ask_fought_where_table(runner, store):
    result = runner.invoke(main, ["ask", "fought-where", "--store", store, "--group", "KNDF"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["group", "group_iri"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].startswith("Karenni Nationalities Defense Force")
    assert lines[-1] == "(1 rows)"


def test_ask_list(runner):
    result = runner.invoke(main, ["ask", "--list"])
    assert result.exit_code == 0
    assert {line.split()[0] for line in result.output.splitlines()} >= {"fought-where", "actors"}


def test_ask_unknown_question_exits_2(runner, store):
    result = runner.invoke(main, ["ask", "who-won", "--store", store])
    assert result.exit_code == 2
    assert "no canned question 'who-won'" in result.output


SELECT_ARTICLES = "SELECT ?id WHERE { ?a kg:articleId ?id } ORDER BY ?id"


def test_query_with_a_sparql_string(runner, store):
    result = runner.invoke(main, ["query", SELECT_ARTICLES, "--store", store, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip("\n").splitlines() == ["id", "a", "b"]


def test_query_with_a_rq_file(runner, store, tmp_path):
    path = tmp_path / "articles.rq"
    path.write_text(SELECT_ARTICLES, encoding="utf-8")
    result = runner.invoke(main, ["query", str(path), "--store", store, "--format", "json"])
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert [b["id"]["value"] for b in bindings] == ["a", "b"]


def test_query_syntax_error_exits_2_with_the_line(runner, store):
    result = runner.invoke(main, ["query", "SELECT ?s WHERE {\n  ?s ?p", "--store", store])
    assert result.exit_code == 2
    assert "SPARQL syntax error" in result.output
    assert "line" in result.output


@pytest.mark.parametrize("sparql, word", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * FROM <http://example.org/data> WHERE { ?s ?p ?o }", "FROM"),
])
def test_queries_reaching_outside_the_store_are_refused(runner, store, sparql, word):
    result = runner.invoke(main, ["query", sparql, "--store", store])
    assert result.exit_code == 2
    assert f"{word} is not allowed: queries run on the store only" in result.output


def test_service_inside_a_string_is_allowed(runner, store):
    result = runner.invoke(main, ["query", 'SELECT ("SERVICE <x>" AS ?t) WHERE {}', "--store", store, "--format", "csv"])
    assert result.exit_code == 0, result.output


def test_stats(runner, store):
    result = runner.invoke(main, ["stats", "--store", store])
    assert result.exit_code == 0, result.output
    counts = {line.rsplit(None, 1)[0].strip(): int(line.rsplit(None, 1)[1]) for line in result.stdout.splitlines()}
    assert counts["articles"] == 2
    assert counts["events"] >= 3
    assert counts["triples"] > 0


def test_extract_prints_json_lines(runner, tiny_dir):
    result = runner.invoke(main, ["extract", str(tiny_dir / "a.txt")])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    assert record["article"]["id"] == "a"
    assert set(record) == {"article", "entities", "mentions", "events", "claims", "relations"}
    assert "https://w3id.org/armed-actors/id/actor/kndf" in record["mentions"]


def test_missing_model_is_reported_with_the_fix(runner, tiny_dir, tmp_path):
    result = runner.invoke(main, ["build", str(tiny_dir), "--store", str(tmp_path / "s"), "--model", "no_such_model_xx"])
    assert result.exit_code == 1
    assert "no spaCy model 'no_such_model_xx' installed" in result.output
    assert "Traceback" not in result.output


def test_missing_model_in_extract(runner, tiny_dir):
    result = runner.invoke(main, ["extract", str(tiny_dir), "--model", "no_such_model_xx"])
    assert result.exit_code == 1
    assert "no spaCy model" in result.output


def test_view_writes_html(runner, store, tmp_path):
    out = tmp_path / "net.html"
    result = runner.invoke(main, ["view", "--store", store, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out}")
    assert "<html" in out.read_text(encoding="utf-8").lower()
