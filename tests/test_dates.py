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


def test_a_day_later_is_never_after_the_article_date():
    value = resolve_date("a day later", WEDNESDAY)
    assert value.begin is None or value.begin <= WEDNESDAY.isoformat()


@pytest.mark.parametrize("text, expected", [("a day later", "2023-11-11"), ("two days later", "2023-11-12"),
                                            ("the next day", "2023-11-11")])
def test_a_day_later_counts_from_the_storys_last_date(text, expected):
    value = resolve_date(text, WEDNESDAY, anchor=WEDNESDAY - dt.timedelta(days=5))
    assert (value.begin, value.end, value.precision) == (expected, expected, 1)


def test_story_relative_dates_in_an_article(nlp):
    from conftest import article
    from kg.extract import record_for

    text = "Fighting broke out in Loikaw on Nov. 11. A day later junta jets bombed Demoso."
    doc = nlp(text)
    record = record_for(doc, article(text, date=WEDNESDAY), nlp.get_pipe("kg_events").gazetteer)
    bombing = [e for e in record["events"] if e["type"].endswith("air-drone-strike")][0]
    assert bombing["date"]["begin"] == "2023-11-12"


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


@pytest.mark.parametrize("base", [dt.date(2024, 3, 13), dt.date(2024, 2, 29), dt.date(2025, 1, 1), dt.date(2023, 12, 31),
                                  dt.date(2024, 3, 31)])
def test_the_quick_path_agrees_with_dateparser(base):
    from kg.dates import PRECISION, UNPARSED, _parser, _quick

    forms = ["Monday", "on Wednesday", "sunday", "Nov. 6", "March 13", "March 14th", "13 March", "Dec 31, 2022",
             "on Sept 3", "Feb 29", "1 January 2021", "January 1"]
    always = ["February 2021", "Feb 2024", "may 2023", "SEPT 2019", "this month", "Last week", "2 days", "0 days",
              "365 days", "the past year", "The second day", "the start of September", "the start of sept"]
    for text in forms + always:
        quick = _quick(text, base)
        expected = _parser(base).get_date_data(text)
        expected = expected.date_obj and (expected.date_obj.date(), PRECISION.get(expected.period))
        assert quick is not None or text not in always, text
        assert quick is None or (None if quick == UNPARSED else quick) == expected, text
    assert _quick("last month", base) is None and _quick("Feb 30", base) is None


@pytest.mark.parametrize("text, begin, end", [("1996", "1996-01-01", "1996-12-31"), ("in 2019", "2019-01-01", "2019-12-31"),
                                              ("2023", "2023-01-01", WEDNESDAY.isoformat())])
def test_a_year_alone_is_the_whole_year_up_to_the_article(text, begin, end):
    value = resolve_date(text, WEDNESDAY)
    assert (value.begin, value.end, value.precision) == (begin, end, 3)


def test_a_new_paragraph_after_a_background_year_is_back_in_the_present(nlp):
    from conftest import article
    from kg.extract import record_for

    text = ("Junta jets bombed Loikaw on Monday. Demoso has a grim history: junta troops shelled it in 1996.\n\n"
            "Along the road, KNDF fighters and junta troops fought near Hpruso.")
    doc = nlp(text)
    record = record_for(doc, article(text, date=WEDNESDAY), nlp.get_pipe("kg_events").gazetteer)
    clash = next(e for e in record["events"] if e["type"].endswith("armed-clash"))
    assert clash["date"]["begin"] == WEDNESDAY.isoformat()


@pytest.mark.parametrize("text, begin", [("late Saturday", "2023-11-11"), ("early Monday", "2023-11-13")])
def test_late_or_early_on_a_weekday_is_that_day(text, begin):
    value = resolve_date(text, WEDNESDAY)
    assert (value.begin, value.end, value.precision) == (begin, begin, 1)


def test_a_number_read_as_a_year_after_the_article_is_no_date():
    assert resolve_date("4201", WEDNESDAY).begin is None


def record_events(nlp, text):
    from conftest import article
    from kg.extract import record_for

    doc = nlp(text)
    return record_for(doc, article(text, date=WEDNESDAY), nlp.get_pipe("kg_events").gazetteer)["events"]


def test_the_date_of_the_events_own_clause_beats_one_in_a_relative_clause(nlp):
    events = record_events(nlp, "Fighting broke out on Saturday morning in Loikaw, where KNDF fighters attacked a "
                                "camp of a militia that had signed a peace deal in 2016.")
    clash = next(e for e in events if e["trigger"] == "attacked")
    assert clash["date"]["begin"] == "2023-11-11"


def test_an_event_of_another_time_takes_no_place_or_sides_from_the_last_one(nlp):
    events = record_events(nlp, "KNDF fighters and junta troops clashed near Demoso on Monday. "
                                "The Karenni Army fought alongside the KNDF against junta troops in the north of "
                                "the state last year. Thousands fled after the fighting moved closer to the town "
                                "in October.")
    fought = next(e for e in events if e["trigger"] == "fought")
    assert fought["place"] is None
    fighting = next(e for e in events if e["trigger"] == "fighting")
    assert not fighting["roles"]
