"""tokens_where: the tokens a rule starts from, found in the Doc's arrays, in text order."""

import pytest
import spacy

from kg.tokens import ORTH, POS, tokens_where


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.mark.parametrize("words, attr, bounds, expected", [
    ({"village"}, None, {}, [1, 4]),                       # lower-case form: "village" and "Village"
    ({"Village"}, ORTH, {}, [4]),                          # exact text
    ({"village": "Village", "near": "x"}, None, {}, [1, 2, 4]),  # a dict's keys
    ({"village"}, None, {"start": 2}, [4]),
    ({"village"}, None, {"end": -2}, [1]),
    ({"Village"}, None, {}, []),                           # a lower-case form is never upper-case
    (set(), None, {}, []),
])
def test_tokens_where(blank, words, attr, bounds, expected):
    doc = blank("The village near the Village .")
    found = list(tokens_where(doc, words, **({"attr": attr} if attr else {}), **bounds))
    assert [t.i for t in found] == expected
    assert found == [t for t in doc[bounds.get("start", 0):bounds.get("end")] if t.i in expected]


def test_an_empty_doc_has_no_tokens(blank):
    assert list(tokens_where(blank(""), {"village"}, end=-1)) == []


def test_a_span_and_coarse_tags(blank):
    doc = blank("Troops attacked the village . Rebels attacked the village .")
    for token, pos in zip(doc, ["NOUN", "VERB", "DET", "NOUN", "PUNCT"] * 2):
        token.pos_ = pos
    second = doc[5:10]
    assert [t.i for t in tokens_where(second, {"village"})] == [8]
    assert [t.i for t in tokens_where(second, {"VERB"}, POS)] == [6]
    assert [t.i for t in tokens_where(second, {"NOUN"}, POS, start=1)] == [8]
