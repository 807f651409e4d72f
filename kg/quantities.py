"""Read reported figures: fatalities, injured, displaced, evacuated, surrendered, captured and
positions seized, with the number, its bound ("at least", "over", "nearly") and whose people.

Exports: Quantity, find_quantities, parse_number.
"""

import re
from dataclasses import dataclass

from spacy.attrs import LIKE_NUM, LOWER

from .tokens import column

_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                      "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


@dataclass
class Quantity:
    type: str
    value: int
    bound: str | None
    victims: str | None
    start: int
    end: int
    text: str


def parse_number(text):
    """Return the integer a number written in digits or words stands for, or None.

    >>> parse_number("33,000"), parse_number("twenty-five"), parse_number("1.5 million")
    (33000, 25, 1500000)
    """
    text = text.lower().replace(",", "").strip()
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(hundred|thousand|million)?", text)
    if match:
        value = float(match.group(1)) * _SCALES.get(match.group(2) or "", 1)
        return int(value)
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if word != "hundred":
                total, current = total + current, 0
        elif word != "and":
            return None
    return total + current if (total or current) else None


_PREFIXES = {}


def _prefixes(words):
    # Every prefix of every quantity phrase, so most tokens are rejected without building spans.
    if id(words) not in _PREFIXES:
        _PREFIXES[id(words)] = {phrase[:k] for phrase in words for k in range(1, len(phrase) + 1)}
    return _PREFIXES[id(words)]


def _start_keys(strings, words):
    # The hashes (a string's hash is the same in every vocabulary) of the words a figure starts with.
    if ("keys", id(words)) not in _PREFIXES:
        _PREFIXES["keys", id(words)] = {strings[w] for w in (*_SCALES, *_prefixes(words))}
    return _PREFIXES["keys", id(words)]


def _number_at(doc, i, lexicon):
    """Return (value, start, end) for the number or quantity word starting at token i."""
    words = lexicon["quantity_words"]
    for size in (3, 2, 1) if doc[i].lower_ in _prefixes(words) else ():
        if i + size > len(doc):
            continue  # doc[i:i + size] clips at the end; its length would not be `size`
        phrase = doc[i:i + size].text.lower()
        if phrase in words:
            return words[phrase], i, i + size
    end = i
    while end < len(doc) and (doc[end].like_num or doc[end].lower_ in _SCALES or doc[end].text == "-" and end > i):
        end += 1
    if end > i:
        value = parse_number(doc[i:end].text)
        if value is not None:
            return value, i, end
    return None


def _bound(doc, start, lexicon):
    for size in (3, 2, 1):
        if start - size >= 0:
            phrase = doc[start - size:start].text.lower()
            if phrase in lexicon["bounds"]:
                return lexicon["bounds"][phrase], start - size
    return None, start


def _victims(noun, lexicon):
    words = {noun.lemma_.lower(), noun.lower_, *(c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod"))}
    for victims, cues in lexicon["victim_classes"].items():
        if words & set(cues):
            return victims
    return None


def _quantity_type(noun, lexicon):
    # Walk from the counted noun up to its verb (and the verb's own head, for
    # "were killed in the clashes"), looking for a cue word of each figure type.
    cues = lexicon["quantity_cues"]
    tokens, token = [noun], noun
    for _ in range(4):
        if token.head is token or token.pos_ in ("VERB", "ADJ") and token is not noun:
            break
        token = token.head
        tokens.append(token)
    # The counted noun's own verb decides first; only then its objects and complements
    # ("sacrificed their lives"), never a coordinated verb ("killed and five injured").
    expanded = []
    for token in tokens:
        expanded.extend(c for c in token.children if c.dep_ in ("acomp", "attr", "oprd", "dobj", "xcomp", "prep", "advcl"))
        expanded.extend(g for c in token.children if c.dep_ == "prep" for g in c.children)
    order = ["Injured", "Surrendered", "Evacuated", "Displaced", "Captured", "Fatalities"]
    lemmas = []
    for group in (tokens, expanded):
        group_lemmas = [t.lemma_.lower() for t in group]
        lemmas.extend(group_lemmas)
        for kind in order:
            if any(lemma in cues[kind] for lemma in group_lemmas):
                if kind == "Captured" and noun.lemma_.lower() in cues["PositionsSeized"]:
                    return "PositionsSeized"
                return kind
    if noun.lemma_.lower() in cues["PositionsSeized"] and any(l in ("capture", "seize", "take", "overrun") for l in lemmas):
        return "PositionsSeized"
    return None


def find_quantities(sentence, lexicon):
    """Return the Quantities of a sentence span."""
    doc, found, i = sentence.doc, [], sentence.start
    # Most tokens cannot start a figure; test that on the sentence's arrays, before any Token is made.
    keys = _start_keys(doc.vocab.strings, lexicon["quantity_words"])
    like_nums, lowers = column(doc, LIKE_NUM), column(doc, LOWER)
    while i < sentence.end:
        like_num, lower = like_nums[i], lowers[i]
        if not (like_num or lower in keys):
            i += 1
            continue
        token = doc[i]
        number = _number_at(doc, i, lexicon) if token.ent_type_ not in ("DATE", "TIME", "ORDINAL", "MONEY", "PERCENT") else None
        if not number:
            i += 1
            continue
        value, start, end = number
        noun = doc[end - 1]
        while noun.dep_ in ("nummod", "quantmod", "amod", "compound", "advmod") and noun.head is not noun and noun.head.i >= end - 1:
            noun = noun.head
        if noun.i < end and end < sentence.end and doc[end].pos_ in ("NOUN", "PROPN", "ADP"):
            noun = doc[end] if doc[end].pos_ != "ADP" else next((c for c in doc[end].children if c.dep_ == "pobj"), noun)
        kind = _quantity_type(noun, lexicon)
        if kind:
            bound, begin = _bound(doc, start, lexicon)
            found.append(Quantity(kind, value, bound, _victims(noun, lexicon), begin, end, doc[begin:noun.i + 1].text
                                  if noun.i >= begin else doc[begin:end].text))
        i = end
    return found
