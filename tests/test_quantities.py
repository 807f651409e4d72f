"""find_quantities: reported figures with their number, bound and whose people."""

import pytest

from kg.quantities import find_quantities, parse_number


@pytest.fixture(scope="module")
def figures(nlp, lexicon):
    def _figures(text):
        doc = nlp(text)
        return [(q.type, q.value, q.bound, q.victims) for sentence in doc.sents
                for q in find_quantities(sentence, lexicon)]
    return _figures


@pytest.mark.parametrize("text, value", [
    ("33,000", 33000), ("twenty-five", 25), ("1.5 million", 1500000), ("seven", 7),
    ("two hundred and forty", 240), ("ambush", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("sentence, expected", [
    ("Twelve soldiers were killed in the attack.", ("Fatalities", 12, None, "military personnel")),
    ("The army said 7 civilians were killed.", ("Fatalities", 7, None, "civilians")),
    ("Dozens of villagers were killed.", ("Fatalities", 24, None, "civilians")),
    ("Over 200 troops were killed, the group said.", ("Fatalities", 200, "moreThan", "military personnel")),
    ("At least 45 people were killed.", ("Fatalities", 45, "atLeast", "civilians")),
    ("Nearly 33,000 people were displaced by the fighting.", ("Displaced", 33000, "nearly", "civilians")),
    ("Four children were killed.", ("Fatalities", 4, None, "children")),
    ("Two resistance fighters were killed.", ("Fatalities", 2, None, "resistance fighters")),
    ("Fifteen villagers were injured.", ("Injured", 15, None, "civilians")),
    ("More than 50 soldiers surrendered.", ("Surrendered", 50, "moreThan", "military personnel")),
    ("About 300 residents fled.", ("Displaced", 300, "about", "civilians")),
])
def test_one_figure_per_sentence(figures, sentence, expected):
    assert figures(sentence) == [expected]


def test_positions_seized_are_counted(figures):
    assert figures("Fighters captured 12 outposts.") == [("PositionsSeized", 12, None, None)]


def test_dates_are_not_figures(figures):
    assert figures("On 12 November the group met reporters.") == []


@pytest.mark.parametrize("sentence, killed, injured", [
    ("Three civilians were killed and five others were injured in the shelling.", 3, 5),
    ("The strike killed three civilians and injured five others.", 3, 5),
    ("Three civilians died and five were injured.", 3, 5),
])
def test_killed_and_injured_in_one_sentence_are_kept_apart(figures, sentence, killed, injured):
    found = {(kind, value) for kind, value, _, _ in figures(sentence)}
    assert found == {("Fatalities", killed), ("Injured", injured)}


def test_wounded_before_killed_are_kept_apart(figures):
    found = {(kind, value) for kind, value, _, _ in figures("Two soldiers were wounded and one was killed.")}
    assert found == {("Injured", 2), ("Fatalities", 1)}
