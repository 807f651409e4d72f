"""normalise_name and slugify: the comparison keys behind resolution and scoring."""

import pytest

from kg.text import normalise_name, slugify


@pytest.mark.parametrize("first, second", [
    ("KAREN NATIONAL UNION", "karen national union"),
    ("the Arakan Army", "Arakan Army"),
    ("The Arakan Army", "arakan army"),
    ("People's Defense Force", "People Defense Force"),
    ("People\u2019s Defense Force", "People's Defense Force"),
    ("Chinland Defence Force", "Chinland Defense Force"),
    ("P\u00e8kon", "Pekon"),
    ("Hpa-an", "hpa an"),
])
def test_normalise_name_treats_spelling_variants_as_one_key(first, second):
    assert normalise_name(first) == normalise_name(second)


@pytest.mark.parametrize("name, key", [
    ("the Karenni Nationalities Defence Force", "karenni nationalities defense force"),
    ("  Loikaw  ", "loikaw"),
    ("Théâtre", "theatre"),
])
def test_normalise_name_returns_the_documented_key(name, key):
    assert normalise_name(name) == key


@pytest.mark.parametrize("first, second", [
    ("Arakan Army", "Karen Army"),
    ("Mother", "Other"),  # "the" is dropped only as a leading word
])
def test_normalise_name_keeps_different_names_apart(first, second):
    assert normalise_name(first) != normalise_name(second)


def test_the_inside_a_name_is_kept():
    assert normalise_name("Army of the South") == "army of the south"


@pytest.mark.parametrize("name, slug", [
    ("Karenni Nationalities Defence Force", "karenni-nationalities-defense-force"),
    ("the Blue River Army", "blue-river-army"),
    ("!!!", "unnamed"),
])
def test_slugify_is_iri_safe_and_follows_the_key(name, slug):
    assert slugify(name) == slug
