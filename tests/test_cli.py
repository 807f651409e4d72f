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


# ------------------------------------------------------------------ bad input through kg build

@pytest.fixture
def messy_dir(tmp_path, tiny_dir):
    """The two tiny articles beside an empty file, a binary file, a broken JSON Lines line and an
    article with a malformed date (a warning: it still goes in)."""
    folder = tmp_path / "messy"
    folder.mkdir()
    for path in tiny_dir.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "c-empty.txt").write_text("", encoding="utf-8")
    (folder / "d-image.txt").write_bytes(b"\x89PNG\x00\x00\x00\rIHDR")
    (folder / "e-feed.jsonl").write_text('{"id": "e1", "text": \n', encoding="utf-8")
    (folder / "f-date.txt").write_text("date: 31/02/2024\n\nThe KNDF attacked a junta outpost in Loikaw.\n",
                                       encoding="utf-8")
    return folder


def test_build_skips_bad_inputs_with_one_line_each_and_exits_1(runner, messy_dir, tmp_path):
    result = runner.invoke(main, ["build", str(messy_dir), "--store", str(tmp_path / "s"), "--quiet"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"skipped: {messy_dir / 'c-empty.txt'}: empty article; nothing to extract (add text or remove the file)",
        f"skipped: {messy_dir / 'd-image.txt'}: looks like a binary file, not text; remove it or convert it to UTF-8 text",
        f"skipped: {messy_dir / 'e-feed.jsonl'}:1: not a valid article record (Expecting value); fix or remove this line",
        f"warning: {messy_dir / 'f-date.txt'}: malformed date '31/02/2024' in the header; use YYYY-MM-DD or 'unknown' "
        "(kept the article, without a date)",
        f"built 3, unchanged 0, skipped 3 -> {tmp_path / 's'}",
    ]


def test_build_with_only_warnings_exits_0(runner, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("date: 31/02/2024\n\nThe KNDF attacked a junta outpost in Loikaw.\n")
    result = runner.invoke(main, ["build", str(tmp_path / "in"), "--store", str(tmp_path / "s"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"warning: {tmp_path / 'in' / 'a.txt'}: malformed date")


def _dump(store_dir):
    from kg.store import open_store

    with open_store(store_dir, read_only=True) as store:
        return sorted(store.dump_nquads().decode("utf-8").splitlines())


@pytest.mark.parametrize("existing", [False, True], ids=["new store", "store with articles"])
def test_strict_stops_at_the_first_problem_and_leaves_the_store_as_it_was(runner, messy_dir, tiny_dir, tmp_path,
                                                                          existing):
    store = tmp_path / "s"
    if existing:
        (tmp_path / "one").mkdir()
        (tmp_path / "one" / "a.txt").write_bytes((tiny_dir / "a.txt").read_bytes())
        assert runner.invoke(main, ["build", str(tmp_path / "one"), "--store", str(store), "--quiet"]).exit_code == 0
    before = _dump(store) if existing else []
    result = runner.invoke(main, ["build", str(messy_dir), "--store", str(store), "--strict", "--quiet"])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {messy_dir / 'c-empty.txt'}: empty article; nothing to extract (add text or "
                             "remove the file) (--strict: nothing was written)\n")
    assert _dump(store) == before
