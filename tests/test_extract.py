"""Records: relations between actors read from their parts in one event."""

import pytest

from kg.extract import extract_articles

from conftest import ACTOR, MYANMAR_MILITARY, article

KNDF, AA, PDF = ACTOR + "kndf", ACTOR + "aa", ACTOR + "pdf"
POLICE, PYU_SAW_HTEE, MANDALAY_PDF = ACTOR + "myanmar-police-force", ACTOR + "pyu-saw-htee", ACTOR + "mandalay-pdf"


def relations(text):
    (record,) = extract_articles([article(text)])
    return {(relation["type"], *relation["actors"]) for relation in record["relations"]}


def pair(kind, a, b):
    return (kind, *sorted((a, b)))


@pytest.mark.parametrize("text", [
    "Fighting broke out between the KNDF and the Arakan Army near Loikaw on Monday.",
    "The KNDF and the Arakan Army clashed near Loikaw on Monday.",
    "The KNDF clashed with the Arakan Army near Loikaw on Monday.",
])
def test_groups_in_a_clash_with_each_other_are_opposed(text):
    found = relations(text)
    assert pair("opposed", KNDF, AA) in found and pair("allied", KNDF, AA) not in found


def test_groups_attacking_together_are_allied():
    assert pair("allied", KNDF, AA) in relations("The KNDF and the Arakan Army attacked a junta base near Loikaw.")


def test_state_forces_acting_together_are_allied():
    found = relations("Junta soldiers and police raided Demoso on Monday and detained 12 villagers.")
    assert pair("allied", MYANMAR_MILITARY, POLICE) in found


def test_a_state_force_and_a_militia_attacking_together_are_allied():
    found = relations("Junta troops and the Pyu Saw Htee militia attacked Kani on Monday, burning 40 houses.")
    assert pair("allied", MYANMAR_MILITARY, PYU_SAW_HTEE) in found
    assert pair("opposed", MYANMAR_MILITARY, PYU_SAW_HTEE) not in found


def test_a_unit_attacking_with_its_parent_is_allied_and_never_opposed():
    found = relations("The PDF and the Mandalay PDF attacked a junta outpost near Madaya on Monday.")
    assert pair("allied", PDF, MANDALAY_PDF) in found
    found = relations("Fighting broke out between the PDF and the Mandalay PDF near Madaya on Monday.")
    assert pair("opposed", PDF, MANDALAY_PDF) not in found


def test_the_two_sides_named_together_are_both_in_the_fight_and_opposed():
    found = relations("The KNDF and the Arakan Army have traded accusations for weeks. "
                      "On Monday, the two armed groups clashed again near Loikaw.")
    assert pair("opposed", KNDF, AA) in found and pair("allied", KNDF, AA) not in found
