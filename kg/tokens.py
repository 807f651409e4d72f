"""Find the few tokens of a Doc that a rule looks at, without visiting every token in Python.

Exports: tokens_where, column, doc_text, span_text, span_root.

Most rules of the extractor start from tokens with a given word ("village", "(", "Operation")
and skip the rest. Iterating a Doc builds a Token object per word and reads its string from
the vocabulary; across a dozen rules that cost as much as the rules themselves. The Doc's
token attributes are already in a C array, so the candidates are found there in one step.
"""

from spacy.attrs import LOWER, ORTH, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Span

__all__ = ["tokens_where", "column", "doc_text", "span_text", "span_root", "LOWER", "ORTH", "POS"]


def tokens_where(doc, words, attr=LOWER, start=0, end=None):
    """Yield, in order, the tokens of `doc[start:end]` (a Doc or a Span) whose `attr` (lower-case
    form by default, ORTH for the exact text, POS for the coarse tag) is one of `words`.

    >>> [t.i for t in tokens_where(nlp("The village and the Village."), {"village"})]
    [1, 4]
    """
    strings = doc.vocab.strings
    keys = {POS_IDS[w] if attr == POS else strings[w] for w in words if isinstance(w, str)}
    if not keys:
        return
    if isinstance(doc, Span):
        # Sentence by sentence, the Doc's column is read once: the event finder asks each
        # sentence for its verbs several times. Spans are only searched once the tags are final.
        offset, span_end = doc.start, doc.end
        doc = doc.doc
        values = column(doc, attr)[offset:span_end]
    else:
        offset, values = 0, doc.to_array([attr]).reshape(-1).tolist()
    first = start if start >= 0 else max(0, len(values) + start)
    for i, value in enumerate(values[start:end], first):
        if value in keys:
            yield doc[offset + i]


def column(doc, attr):
    """Return one token attribute of the whole Doc as a list, read once and kept in
    `doc.user_data`: only for attributes no later step changes (after the pipeline's taggers
    and the extractor's own fixes)."""
    columns = doc.user_data.setdefault("kg_columns", {})
    if attr not in columns:
        columns[attr] = doc.to_array([attr]).reshape(-1).tolist()
    return columns[attr]


def doc_text(doc):
    """Return the Doc's text, joined from its tokens once and kept in `doc.user_data`.

    spaCy rebuilds `Doc.text` (and `Span.text`) from every token on each call; the extractor
    reads it per sentence."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def span_text(span):
    """Return `span.text`, cut from the Doc's kept text."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def span_root(doc, start, end):
    """Return `doc[start:end].root`, found once per span and kept in `doc.user_data`.

    Building a Span costs microseconds, and the resolver and the event finder ask for the same
    mention's root for every event of its sentence. Only once the parse is final (after the
    pipeline's parser and the extractor's own fixes)."""
    roots = doc.user_data.get("kg_roots")
    if roots is None:
        roots = doc.user_data["kg_roots"] = {}
    i = roots.get((start, end))
    if i is None:
        i = roots[(start, end)] = doc[start:end].root.i
    return doc[i]
