"""Building: what goes in when an article breaks the extractor, and what --strict writes."""

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
