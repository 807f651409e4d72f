"""Shared fixtures: one spaCy pipeline and one samples store per test session."""

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = Path(__file__).resolve().parents[2] / "shared"

ACTOR = "https://w3id.org/armed-actors/id/actor/"
PLACE = "https://w3id.org/armed-actors/id/place/"
MYANMAR_MILITARY = ACTOR + "myanmar-military"


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline (spaCy model + kg_mentions, kg_resolver, kg_events), loaded once."""
    from kg.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def lexicon():
    from kg.gazetteer import load_gazetteer

    return load_gazetteer().lexicon


@pytest.fixture(scope="session")
def samples_store(tmp_path_factory):
    """An on-disk store holding every file of samples/, built once; returns (store, report)."""
    from kg.build import build
    from kg.store import open_store

    store = open_store(tmp_path_factory.mktemp("samples") / "store")
    report = build([str(SAMPLES)], store)
    return store, report


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to a file under tmp_path and return its path."""
    def _write(name, content):
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path
    return _write


def article(text, date=dt.date(2024, 3, 15), id="t1", **fields):
    """Return an Article built by hand (the default date anchors relative expressions)."""
    from kg.articles import Article

    return Article(id=id, text=text, date=date, **fields)


TINY = {
    "a.txt": "url: https://example.org/a\ndate: 2024-03-10\nsource: Example News\n\n"
             "The KNDF attacked a junta outpost in Loikaw on Friday, Reuters reported.\n",
    "b.txt": "date: 2024-03-12\n\n"
             "The Arakan Army captured a junta base in Rakhine State on Monday. Junta troops shelled Pekon Township.\n",
}


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory):
    """A folder with two hand-written articles (a: KNDF in Loikaw; b: AA in Rakhine, shelling in Pekon)."""
    folder = tmp_path_factory.mktemp("tiny")
    for name, text in TINY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def tiny_store(tiny_dir):
    """An in-memory store with the two tiny articles built into it."""
    from kg.build import build
    from kg.store import open_store

    store = open_store(None)
    build([str(tiny_dir)], store)
    return store


@pytest.fixture(scope="module")
def tiny_store_dir(tmp_path_factory, tiny_dir):
    """An on-disk store, built from the two tiny articles through the command line; its path."""
    from click.testing import CliRunner

    from cli import main

    path = tmp_path_factory.mktemp("tiny-store") / "store"
    result = CliRunner().invoke(main, ["build", str(tiny_dir), "--store", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return str(path)


CLASH = {
    "first.txt": "url: https://example.org/first\ndate: 2024-03-10\nsource: Example News\n\n"
                 "The KNDF attacked a junta outpost in Loikaw on Friday, killing 12 soldiers, the group said.\n",
    "second.txt": "url: https://example.org/second\ndate: 2024-03-11\nsource: Other News\n\n"
                  "Junta troops clashed with the Karenni Nationalities Defence Force in Loikaw on March 8, "
                  "and three soldiers were killed, the military said.\n",
    "later.txt": "url: https://example.org/later\ndate: 2024-05-20\n\n"
                 "The KNDF attacked junta troops in Loikaw on May 18.\n",
    "joint.txt": "url: https://example.org/joint\ndate: 2024-03-22\n\n"
                 "The Karenni Army and the KNPLF jointly attacked a junta base in Demoso on March 20 as part of "
                 "Operation 1111, killing at least five soldiers, according to residents, though the claim could "
                 "not be independently verified.\n",
}


@pytest.fixture(scope="module")
def clash_store(tmp_path_factory):
    """An in-memory store with one clash reported by two articles differently (first: 12 killed,
    says the KNDF; second: 3 killed, says the military), a later clash at the same place, and a
    joint attack of the Karenni Army and the KNPLF in Demoso under Operation 1111."""
    from kg.build import build
    from kg.store import open_store

    folder = tmp_path_factory.mktemp("clash")
    for name, text in CLASH.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = open_store(None)
    build([str(folder)], store)
    return store


@pytest.fixture(scope="module")
def clashes_store(tmp_path_factory):
    """The clash articles twice, the second time four months later under other ids: two merged
    events, reports on several days (to read and write in several parts)."""
    from kg.build import build
    from kg.store import open_store

    folder = tmp_path_factory.mktemp("clashes")
    later = {"2024-03": "2024-07", "2024-05": "2024-09", "March": "July", "May": "September", "org/": "org/again-"}
    for name, text in CLASH.items():
        (folder / name).write_text(text, encoding="utf-8")
        for old, new in later.items():
            text = text.replace(old, new)
        (folder / f"again-{name}").write_text(text, encoding="utf-8")
    store = open_store(None)
    build([str(folder)], store)
    return store
