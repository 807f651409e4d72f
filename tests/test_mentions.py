"""kg_mentions: which spans of a Doc name actors, places and generic references, and how."""

import pytest

from conftest import ACTOR, PLACE


def mentions(nlp, text):
    return [(m.text, m.kind, m.source) for m in nlp(text)._.kg_mentions]


@pytest.mark.parametrize("text, expected", [
    ("The KNDF attacked an outpost.", ("KNDF", "actor", "gazetteer")),
    ("The Karenni Nationalities Defence Force attacked an outpost.",
     ("Karenni Nationalities Defence Force", "actor", "gazetteer")),
    ("The Tamu People's Defense Force ambushed a convoy.", ("Tamu People's Defense Force", "actor", "pattern")),
    ("Fighting continued in Kawlin on Tuesday.", ("Kawlin", "place", "gazetteer")),
    ("Troops burned Xyzabad village.", ("Xyzabad village", "place", "place-pattern")),
    ("The junta bombed a school.", ("junta", "state", "generic")),
])
def test_mention_kind_and_source(nlp, text, expected):
    assert expected in mentions(nlp, text)


def test_kawlin_is_a_place_not_a_person(nlp):
    doc = nlp("Kawlin was quiet on Sunday after clashes in Kawlin on Saturday.")
    kawlin = [m for m in doc._.kg_mentions if m.text == "Kawlin"]
    assert kawlin and all(m.kind == "place" for m in kawlin)
    assert all(m.iri == PLACE + "kawlin" for m in kawlin)


def test_acronym_defined_in_brackets_binds_later_uses(nlp):
    doc = nlp("Fighters of the Blue River Army (BRA) attacked an outpost. Later the BRA withdrew.")
    assert set(doc._.kg_acronyms) == {"BRA"}
    uses = [m for m in doc._.kg_mentions if m.text == "BRA"]
    assert len(uses) == 2 and {m.source for m in uses} == {"acronym"}


def test_mentions_do_not_overlap_and_come_in_text_order(nlp):
    doc = nlp("The Karenni Nationalities Defence Force and the Tamu People's Defense Force attacked Loikaw.")
    found = doc._.kg_mentions
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_a_place_before_a_known_network_makes_a_local_force(nlp):
    (force,) = [m for m in nlp("The Kawlin PDF ambushed a convoy.")._.kg_mentions if m.kind == "actor"]
    assert force.text == "Kawlin PDF"
    assert force.source in ("local", "gazetteer")
    assert force.iri != ACTOR + "pdf"
