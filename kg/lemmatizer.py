"""The model's rule lemmatizer, remembered by (word, part of speech, morphology) and read
from the Doc's arrays.

Exports: Lemmas (the component kg_lemmatizer).

spaCy's rule lemmatizer computes a lemma from the word, its part of speech and morphology
only (its English form too), but caches only some of them (not base forms) and reaches a
word through a Token object and two method calls. Here every lemma the lemmatizer gives is
remembered by that key and looked up from the Doc's arrays; a new key goes to the lemmatizer
itself, so every lemma is the one spaCy sets. A lemmatizer in another mode, with overwrite
set, or with rules of its own (rule_lemmatize, is_base_form), is run as it is.
"""

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import Lemmatizer


@Language.factory("kg_lemmatizer", default_config={"source": "lemmatizer"})
def make_lemmas(nlp, name, *, source):
    return Lemmas(nlp.get_pipe(source))


class Lemmas:
    """Set each token's lemma as the source Lemmatizer would, faster."""

    def __init__(self, lemmatizer):
        self.source = lemmatizer
        self.exact = (isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule" and not lemmatizer.overwrite
                      and type(lemmatizer).rule_lemmatize is Lemmatizer.rule_lemmatize
                      and type(lemmatizer).is_base_form in (Lemmatizer.is_base_form, EnglishLemmatizer.is_base_form))
        self.known = {}  # (orth, pos, morph) -> lemma hash

    def __call__(self, doc):
        if not self.exact or not self.source._validated or not len(doc):
            return self.source(doc)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        known, strings = self.known, doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma == 0:
                key = (orth, pos, morph)
                if key not in known:
                    known[key] = strings.add(self.source.lemmatize(doc[i])[0])
                lemmas[i] = known[key]
        doc.from_array([LEMMA], lemmas)
        return doc
