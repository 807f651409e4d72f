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
    # Issue 4's target; measured 0.902 (P 0.944, R 0.863) when this floor was set.
    assert samples_report["fought_where"]["f1"] >= 0.9, samples_report["missed_pairs"]


# Corpora written blind to the code by helpers who never opened it (see each test for which were read).
FRESH_CORPORA = [SAMPLES.parent / "tests" / name for name in ("fresh", *(f"fresh{n}" for n in range(2, 28)))]


@pytest.fixture(scope="module")
def fresh_reports(tmp_path_factory):
    from kg.build import build
    from kg.store import open_store

    reports = {}
    for folder in FRESH_CORPORA:
        store = open_store(tmp_path_factory.mktemp(folder.name) / "store")
        build([str(folder)], store)
        reports[folder.name] = evaluate(store, str(folder / "gold"))
    return reports


def test_fresh_corpus_meets_the_resolver_targets(fresh_reports):
    # Issue 3: six articles written after the resolver, about actors and villages in no list.
    report = fresh_reports["fresh"]
    assert report["group_recall"] >= 0.85, report["missed_groups"]
    assert report["fought_where"]["f1"] >= 0.8, report["missed_pairs"]


@pytest.mark.parametrize("corpus", ["fresh2", "fresh3"])
def test_blind_corpora_meet_the_extraction_targets(fresh_reports, corpus):
    # Both were written blind to the code (first runs: fresh2 F1 0.523, fresh3 0.491); the
    # mechanisms added since were read from their errors, so these floors guard the figures
    # reached (fresh2 0.831, fresh3 0.853), not a blind measurement.
    report = fresh_reports[corpus]
    assert report["fought_where"]["precision"] >= 0.85 and report["fought_where"]["f1"] >= 0.8, report["missed_pairs"]


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


@pytest.mark.parametrize("corpus, precision, f1", [("fresh4", 0.8, 0.78), ("fresh5", 0.78, 0.78), ("fresh6", 0.83, 0.76),
                                                    ("fresh7", 0.82, 0.8), ("fresh8", 0.75, 0.66),
                                                    ("fresh9", 0.75, 0.63), ("fresh10", 0.78, 0.74),
                                                    ("fresh11", 0.9, 0.76), ("fresh12", 0.85, 0.83),
                                                    ("fresh13", 0.79, 0.75), ("fresh14", 0.8, 0.74),
                                                    ("fresh15", 0.88, 0.7), ("fresh16", 0.78, 0.79),
                                                    ("fresh17", 0.74, 0.62), ("fresh18", 0.82, 0.75),
                                                    ("fresh19", 0.8, 0.75), ("fresh20", 0.8, 0.71),
                                                    ("fresh21", 0.88, 0.82), ("fresh22", 0.72, 0.7),
                                                    ("fresh23", 0.84, 0.8), ("fresh24", 0.78, 0.69),
                                                    ("fresh25", 0.86, 0.76), ("fresh26", 0.74, 0.7),
                                                    ("fresh27", 0.78, 0.67)])
def test_the_latest_blind_corpora_keep_their_figures(fresh_reports, corpus, precision, f1):
    # Short of the 0.8 target, so these floors only guard against regressions. First (blind)
    # runs: fresh4 F1 0.369, fresh5 0.644, fresh6 0.607, fresh7 0.692, fresh8 0.645, fresh9 0.635,
    # fresh10 0.660, fresh11 0.750, fresh12 0.769, fresh13 0.735, fresh14 0.616, fresh15 0.727,
    # fresh16 0.736, fresh17 0.612, fresh18 0.766, fresh19 0.685, fresh20 0.719, fresh21 0.754,
    # fresh22 0.699, fresh23 0.674, fresh24 0.722, fresh25 0.702, fresh26 0.732, fresh27 0.697.
    # Corpora read while fixing their errors: fresh4 to fresh7, fresh10, fresh12, fresh14, fresh16,
    # fresh19, fresh21, fresh23, fresh25 and fresh27; fresh8, fresh9, fresh11, fresh13, fresh15, fresh17, fresh18, fresh20, fresh22,
    # fresh24 and fresh26 were only measured, never read.
    report = fresh_reports[corpus]
    assert report["fought_where"]["precision"] >= precision and report["fought_where"]["f1"] >= f1, report["missed_pairs"]
