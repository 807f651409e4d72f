"""Keep a user's SPARQL query inside the store: refuse SERVICE (pyoxigraph would send requests to
any URL) and FROM / FROM NAMED (rdflib would read local files such as file:///etc/passwd).

Exports: check_confined, outside_keyword.

The check reads the query the way a SPARQL lexer does, not with one regular expression over the
text: \\u escapes are expanded first (Oxigraph and rdflib both do so before parsing, so
`\\u0053ERVICE` is SERVICE), then IRIs, strings of all four kinds and comments are skipped in one
left-to-right pass, and a keyword counts wherever it stands as a word of its own, however it is
spelt (`service`, `.SERVICE`, `SERVICE SILENT`, `FROM<...>`, a prefixed name or a variable after
it). Where this lexer and the real parser could disagree, it errs on the side of refusing: it
never takes code for a string or a comment. A keyword cut by a comment (`SERV#x` newline `ICE`)
is two words to every SPARQL parser, hence a syntax error, not a SERVICE. One pass over the
text: microseconds for a usual query, linear in its length.
"""

import re

from .errors import QueryError

_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SKIPPED = re.compile(r"""
      <[^\x00-\x20<>"{}|^`\\]*>                       # IRI
    | \"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"        # long strings
    | '''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
    | "(?:[^"\\\n\r]|\\.)*"                           # short strings
    | '(?:[^'\\\n\r]|\\.)*'
    | \#[^\n\r]*                                      # comment
""", re.VERBOSE | re.DOTALL)
_KEYWORD = re.compile(r"(?<![\w?$])(SERVICE|FROM)(?!\w)", re.IGNORECASE)


def _expand_escapes(text):
    return _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def code_only(text):
    """Return the query text with IRIs, strings and comments blanked out (same length)."""
    text = _expand_escapes(text)
    return _SKIPPED.sub(lambda m: " " * len(m.group(0)), text)


def outside_keyword(text):
    """Return "SERVICE" or "FROM" when the query could reach outside the store, else None."""
    match = _KEYWORD.search(code_only(text))
    return match.group(1).upper() if match else None


def check_confined(text):
    """Raise QueryError when a query uses SERVICE or FROM (FROM NAMED)."""
    keyword = outside_keyword(text)
    if keyword:
        raise QueryError(f"{keyword} is not allowed: queries run on the store only")
