"""Small text helpers shared by resolution, evaluation and the graph: normalised keys and slugs.

Exports: normalise_name, slugify, strip_accents.
"""

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_SPELLING = [
    (re.compile(r"\bdefence\b"), "defense"),
    (re.compile(r"\borganisation\b"), "organization"),
    (re.compile(r"\bpeoples\b"), "people"),
]


def strip_accents(text):
    """Return text without combining diacritics ("Pèkon" -> "Pekon")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=16384)
def normalise_name(name):
    """Return the comparison key of a name: case, accents, punctuation, "the", "'s" and
    Defence/Defense ignored, as DESIGN.md's scoring prescribes.

    >>> normalise_name("the Karenni Nationalities Defence Force")
    'karenni nationalities defense force'
    >>> normalise_name("People's Defense Force") == normalise_name("People Defence Force")
    True
    """
    text = strip_accents(name).translate(_APOSTROPHES).lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"^\s*the\s+", "", text)
    for pattern, replacement in _SPELLING:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=16384)
def slugify(name):
    """Return an IRI-safe slug of a name, stable for names with the same normalised key."""
    slug = re.sub(r"[^a-z0-9]+", "-", normalise_name(name)).strip("-")
    return slug or "unnamed"
