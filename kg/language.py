"""Tell cheaply whether a text is English, so articles the extractor cannot read are skipped
with a message instead of filling the graph with noise.

Exports: language_problem, english_share, latin_share, MIN_WORDS.

Two measures, no model: the share of letters in the Latin script (Burmese, Arabic or Cyrillic
text has almost none) and the share of words that are common English function words (English
news has about 40%, French, Spanish or German text under 10%, because "the", "of", "and", "was"
carry most English sentences and have no look-alikes there).
"""

import re
from functools import lru_cache
from pathlib import Path

WORDS_FILE = Path(__file__).parent / "data" / "english-function-words.txt"
MIN_WORDS = 12          # shorter texts are judged by their script only
MIN_LATIN = 0.6         # share of letters in the Latin script
MIN_ENGLISH = 0.12      # share of words that are English function words
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def function_words():
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def latin_share(text):
    """Return the share of letters that are in the Latin script (ASCII and Latin accents)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c < "\u0250") / len(letters)


def english_share(text):
    """Return the share of words that are common English function words."""
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0
    known = function_words()
    return sum(1 for w in words if w in known) / len(words)


def language_problem(text):
    """Return why `text` does not look like English, or None when it does (or is too short to tell)."""
    latin = latin_share(text)
    if latin < MIN_LATIN:
        return f"only {latin:.0%} of its letters are Latin script"
    if len(_WORD.findall(text)) >= MIN_WORDS:
        english = english_share(text)
        if english < MIN_ENGLISH:
            return f"only {english:.0%} of its words are common English words"
    return None
