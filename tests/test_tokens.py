"""tokens_where: the tokens a rule starts from, found in the Doc's arrays, in text order."""

import pytest
import spacy

from kg.tokens import ORTH, POS, column, doc_text, span_root, span_text, tokens_where


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


def test_doc_and_span_text_are_spacy_s(blank):
    doc = blank("KNDF fighters attacked Loikaw.\n\nThe army  shelled it. ")
    assert doc_text(doc) == doc.text and doc.user_data["kg_text"] == doc.text
    for span in (doc[0:5], doc[6:], doc[7:9], doc[:0]):
        assert span_text(span) == span.text


def test_doc_text_is_joined_once(blank):
    doc = blank("The army shelled Loikaw.")
    doc_text(doc)
    doc.user_data["kg_text"] = "kept"  # a second call reads what the first one kept
    assert doc_text(doc) == "kept"


def test_a_column_is_the_docs_attribute_read_once(blank):
    doc = blank("The village near the Village .")
    assert column(doc, ORTH) == doc.to_array([ORTH]).reshape(-1).tolist()
    assert column(doc, ORTH) is column(doc, ORTH)


def test_a_span_is_searched_in_the_docs_column(blank):
    doc = blank("Troops attacked the village . Rebels attacked the village .")
    column(doc, ORTH)
    doc.user_data["kg_columns"][ORTH][8] = doc.vocab.strings["town"]  # what was read once is what is searched
    assert [t.i for t in tokens_where(doc[5:10], {"town"}, ORTH)] == [8]


def test_a_span_root_is_spacy_s_found_once(blank):
    doc = blank("Soldiers of the Arakan Army attacked the town .")
    heads = [5, 0, 4, 4, 1, 5, 7, 5, 5]  # "Soldiers" <- "attacked"; "Army" <- "of" <- "Soldiers"
    parsed = spacy.tokens.Doc(doc.vocab, words=[t.text for t in doc], heads=heads, deps=["dep"] * len(heads))
    for start, end in [(0, 5), (2, 5), (6, 8), (0, 9), (5, 6)]:
        assert span_root(parsed, start, end) == parsed[start:end].root
    parsed.user_data["kg_roots"][(2, 5)] = 3  # a second call reads what the first one kept
    assert span_root(parsed, 2, 5).i == 3
