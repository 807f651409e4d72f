"""Every sample article builds end to end, and extraction scores against the hand annotations."""

import pytest

from conftest import SAMPLES, SHARED
from kg.evaluate import evaluate

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".jsonl"))


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_builds_without_problems(samples_store, path):
    _, report = samples_store
    assert [str(p) for p in report.problems if path.name in p.path] == []
    assert path.stem in report.built


def test_every_sample_has_a_gold_file():
    assert {p.stem for p in SAMPLE_FILES} == {p.stem for p in (SAMPLES / "gold").glob("*.json")}


@pytest.fixture(scope="module")
def samples_report(samples_store):
    store, _ = samples_store
    return evaluate(store, str(SAMPLES / "gold"))


def test_evaluation_report_shape(samples_report):
    assert samples_report["articles"] == len(SAMPLE_FILES)
    for key in ("fought_where", "opposed", "allied"):
        assert {"precision", "recall", "f1", "tp", "fp", "fn"} <= set(samples_report[key])
    assert 0.0 <= samples_report["group_recall"] <= 1.0


def test_samples_fought_where_f1(samples_report):
    # Issue 2's target; measured 0.816 (P 0.944, R 0.718) when this floor was set.
    assert samples_report["fought_where"]["f1"] >= 0.8, samples_report["missed_pairs"]


FRESH = SAMPLES.parent / "tests" / "fresh"
FRESH2 = SAMPLES.parent / "tests" / "fresh2"


@pytest.fixture(scope="module")
def fresh_reports(tmp_path_factory):
    from kg.build import build
    from kg.store import open_store

    reports = {}
    for folder in (FRESH, FRESH2):
        store = open_store(tmp_path_factory.mktemp(folder.name) / "store")
        build([str(folder)], store)
        reports[folder.name] = evaluate(store, str(folder / "gold"))
    return reports


def test_fresh_corpus_meets_the_resolver_targets(fresh_reports):
    # Issue 3: six articles written after the resolver, about actors and villages in no list.
    report = fresh_reports["fresh"]
    assert report["group_recall"] >= 0.85, report["missed_groups"]
    assert report["fought_where"]["f1"] >= 0.75, report["missed_pairs"]


def test_second_blind_corpus_keeps_precision(fresh_reports):
    # tests/fresh2 was written blind to the code (F1 0.523 on first run); the floors guard the
    # precision and recall reached since, without claiming the 0.8 target.
    report = fresh_reports["fresh2"]
    assert report["fought_where"]["precision"] >= 0.85 and report["fought_where"]["f1"] >= 0.6, report["missed_pairs"]


def test_seeds_fought_where_f1(tmp_path_factory):
    seeds, gold = SHARED / "seeds", SHARED / "gold"
    if not seeds.is_dir() or not gold.is_dir():
        pytest.skip(f"the shared folder is absent ({SHARED}): no seed articles to score")
    from kg.build import build
    from kg.store import open_store

    store = open_store(None)
    report = build([str(seeds)], store)
    assert [p for p in report.problems if p.skipped] == []
    scores = evaluate(store, str(gold))
    assert scores["fought_where"]["f1"] >= 0.9, (scores["missed_pairs"], scores["extra_pairs"])
