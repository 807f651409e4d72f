"""Building: what goes in when an article breaks the extractor, and what --strict writes."""

import os

import pytest

from kg import build as build_module
from kg.build import build
from kg.errors import InputError
from kg.store import open_store


def test_an_article_the_extractor_fails_on_is_skipped_and_the_others_go_in(tiny_dir, monkeypatch):
    real = build_module.article_graph

    def breaks_on_b(record):
        if record["article"]["id"] == "b":
            raise IndexError("list index out of range")
        return real(record)

    monkeypatch.setattr(build_module, "article_graph", breaks_on_b)
    store = open_store(None)
    report = build([str(tiny_dir)], store)
    assert report.built == ["a"]
    (problem,) = report.problems
    assert str(problem) == (f"{tiny_dir / 'b.txt'}: the extractor failed on this article (IndexError: list index "
                            "out of range); it was skipped: please report it with the file")
    assert store.article_hash("a") and store.article_hash("b") is None


def test_strict_raises_before_writing_even_the_reference_graph(tiny_dir, tmp_path):
    (tmp_path / "in").mkdir()
    for path in tiny_dir.iterdir():
        (tmp_path / "in" / path.name).write_bytes(path.read_bytes())
    (tmp_path / "in" / "z.txt").write_text("", encoding="utf-8")
    store = open_store(None)
    with pytest.raises(InputError, match=r"z\.txt: empty article.*\(--strict: nothing was written\)"):
        build([str(tmp_path / "in")], store, strict=True)
    assert store.triple_count() == 0


def test_the_reference_graph_is_written_once_whatever_the_process(tmp_path):
    """Its content hash must not depend on rdflib's triple order, which changes between processes."""
    import subprocess
    import sys

    from kg.build import load_reference

    code = "import sys; from kg.build import load_reference; from kg.store import open_store; " \
           "print(load_reference(open_store(sys.argv[1])))"
    first = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s")], capture_output=True, text=True)
    again = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s")], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert (first.stdout, again.stdout) == ("True\n", "False\n"), first.stderr + again.stderr
    with open_store(tmp_path / "s") as store:
        assert load_reference(store) is False


def test_strict_stops_at_a_warning_too(tmp_path):
    (tmp_path / "a.txt").write_text("date: 31/02/2024\n\nThe KNDF attacked a junta outpost in Loikaw.\n")
    store = open_store(None)
    with pytest.raises(InputError, match=r"a\.txt: malformed date '31/02/2024'"):
        build([str(tmp_path / "a.txt")], store, strict=True)
    assert store.triple_count() == 0
