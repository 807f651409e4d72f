"""resolve_date: date expressions anchored on the article's date, with ACLED precision
(1 = day, 2 = within a week, 3 = within a month)."""

import datetime as dt

import pytest

from kg.dates import resolve_date

WEDNESDAY = dt.date(2023, 11, 15)


@pytest.mark.parametrize("text, begin, end, precision", [
    ("Nov 6", "2023-11-06", "2023-11-06", 1),
    ("Oct 27", "2023-10-27", "2023-10-27", 1),
    ("Nov. 11", "2023-11-11", "2023-11-11", 1),
    ("February 2021", "2021-02-01", "2021-02-28", 3),
    ("July 7 and July 9", "2023-07-07", "2023-07-09", 2),
    ("between Nov 3 and Nov 5", "2023-11-03", "2023-11-05", 2),
    ("last Friday", "2023-11-10", "2023-11-10", 1),
    ("on Monday", "2023-11-13", "2023-11-13", 1),
    ("since Nov. 11", "2023-11-11", "2023-11-15", 2),
    ("since Oct 1", "2023-10-01", "2023-11-15", 3),
    ("last month", "2023-10-01", "2023-10-31", 3),
    ("three days ago", "2023-11-12", "2023-11-12", 1),
])
def test_resolve_date_against_the_article_date(text, begin, end, precision):
    value = resolve_date(text, WEDNESDAY)
    assert (value.begin, value.end, value.precision) == (begin, end, precision)


def test_a_day_without_a_year_is_the_most_recent_one_before_the_article():
    assert resolve_date("Dec 30", dt.date(2024, 1, 2)).begin == "2023-12-30"


@pytest.mark.xfail(strict=False, reason="bug: 'a day later' resolves to the day after the article date "
                                        "(2023-11-16 for an article of 2023-11-15), a date the article cannot report")
def test_a_day_later_is_never_after_the_article_date():
    value = resolve_date("a day later", WEDNESDAY)
    assert value.begin is None or value.begin <= WEDNESDAY.isoformat()


def test_a_day_later_resolves_to_one_day():
    value = resolve_date("a day later", WEDNESDAY)
    assert value.precision == 1 and value.begin == value.end


@pytest.mark.parametrize("text", ["Nov 6", "last Friday", "February 2021", "since Nov. 11"])
def test_without_an_article_date_nothing_is_resolved(text):
    value = resolve_date(text, None)
    assert (value.begin, value.end, value.precision) == (None, None, None)
    assert value.text == text


@pytest.mark.parametrize("text", ["weeks", "for three weeks", "several months"])
def test_durations_are_not_dates(text):
    assert resolve_date(text, WEDNESDAY).begin is None


def test_surrounding_punctuation_and_spaces_are_dropped_from_the_text():
    assert resolve_date("  (Nov   6), ", WEDNESDAY).text == "Nov 6"
