"""Correct the lemmas of irregular verb forms the tagger took for base forms.

Exports: correct_verb_lemmas, mark_paragraph_starts and the spaCy components "kg_verb_forms"
and "kg_paragraphs".

The small model tags some past forms as present ("troops retook the town" gets VBP), and the
rule lemmatizer then keeps the form as its own lemma, so "retook" never meets the trigger
"retake". The lemmatizer's own exception table knows the form; this component asks it. It
also tags some lower-case nouns as proper nouns ("junta drones"), which the lemmatizer leaves
unlemmatized; a lower-case word is no proper noun, so it becomes a noun with a noun's lemma.
And it takes an upper-case "IS" (Islamic State) before a verb for the auxiliary "is".
"""

from spacy.attrs import IS_SPACE
from spacy.language import Language

from .tokens import POS, tokens_where


def correct_verb_lemmas(doc, exceptions, lemmatize=None):
    """Give every verb whose lemma is its own irregular form the table's lemma, and every
    lower-case word tagged as a proper noun ("junta drones") a noun's lemma; return doc."""
    for token in list(tokens_where(doc, ("VERB", "PROPN", "AUX"), POS)):  # every fix needs one of these tags
        if token.pos_ == "AUX":
            if token.is_upper and len(token) > 1 and token.dep_ in ("aux", "auxpass") and not _shouted(token.sent):
                # "IS seized a third of Iraq": in running text an upper-case "IS" is a name, the subject.
                token.pos_, token.tag_, token.dep_, token.lemma_ = "PROPN", "NNP", "nsubj", token.text
            continue
        if token.pos_ == "VERB" and token.lemma_ == token.text:
            lemmas = exceptions.get(token.lower_)
            if lemmas and lemmas[0] != token.lower_:
                token.lemma_ = lemmas[0]
        elif token.pos_ == "PROPN" and token.is_lower and token.is_alpha and lemmatize is not None:
            token.pos_ = "NOUN"
            token.set_morph("")  # the proper-noun tag's "singular" would stop the lemmatizer's rules
            token.lemma_ = lemmatize(token)[0]
    return doc


def _shouted(sentence):
    """Return True for a sentence in capitals (a headline), where case says nothing."""
    letters = [t for t in sentence if t.is_alpha]
    return sum(t.is_upper for t in letters) * 2 > len(letters)


class VerbForms:
    def __init__(self, nlp):
        lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        tables = lemmatizer.lookups if lemmatizer is not None else None
        self.exceptions = dict(tables.get_table("lemma_exc").get("verb", {})) if tables and tables.has_table("lemma_exc") else {}
        self.lemmatize = lemmatizer.rule_lemmatize if lemmatizer is not None and lemmatizer.mode == "rule" else None

    def __call__(self, doc):
        return correct_verb_lemmas(doc, self.exceptions, self.lemmatize)


@Language.factory("kg_verb_forms")
def make_verb_forms(nlp, name):
    """Build the verb-form corrector from the pipeline's own lemmatizer tables."""
    return VerbForms(nlp)


def mark_paragraph_starts(doc):
    """Start a sentence after every blank line: a paragraph never continues a sentence, and the
    parser, left alone, sometimes runs two paragraphs into one. Return doc."""
    # A token's own trailing whitespace is at most one space, so a blank line is a space token.
    spaces = doc.to_array(IS_SPACE).tolist()
    for i in range(len(doc) - 1):
        if spaces[i] and "\n\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


@Language.component("kg_paragraphs")
def paragraphs(doc):
    return mark_paragraph_starts(doc)
