"""The model's attribute rules (tag map and exceptions), applied without spaCy's Matcher.

Exports: AttributeRules (the component kg_attribute_rules), compile_rules.

The attribute ruler of the English models holds ~180 one- and two-token patterns; spaCy runs
them through its general Matcher, which costs about as much as the tagger and the parser
together. Every pattern there tests only a token's TAG, LOWER, DEP and IS_SPACE (and its
neighbour's), so the rules a token gets depend on a handful of values: they are worked out
once per distinct key and cached. The result is the same as spaCy's: the same matches, applied
in the same order (rule number, then position) with spaCy's own set_token_attrs, so later
rules win. A ruler with any other kind of pattern is run as it is.
"""

import re

from spacy.language import Language
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.tokens._retokenize import set_token_attrs

_KEY_ATTRS = (TAG, LOWER, DEP, IS_SPACE)
_COLUMN = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}


@Language.factory("kg_attribute_rules", default_config={"source": "attribute_ruler"})
def make_attribute_rules(nlp, name, *, source):
    return AttributeRules(nlp.get_pipe(source))


def compile_rules(ruler):
    """Return [(rule number, [token test], target index, attrs)] doing what a spaCy
    AttributeRuler does, or None when it holds patterns these tests cannot express exactly."""
    strings = ruler.vocab.strings
    rules = []
    for number, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices)):
        for pattern in ruler.matcher.get(strings[str(number)])[1]:
            tests = [_token_test(spec, strings) for spec in pattern] if isinstance(pattern, list) else [None]
            if not pattern or None in tests or not -len(pattern) <= index < len(pattern):
                return None
            rules.append((number, tests, index % len(pattern), attrs))
    return rules


def _token_test(spec, strings):
    """Return [(column, predicate, values or regex)] for one token of a Matcher pattern, or None
    if unsupported. Values outside a test's values all pass or all fail it alike."""
    tests = []
    for key, value in spec.items():
        key = key.upper() if isinstance(key, str) else key
        if key not in _COLUMN:
            return None
        column = _COLUMN[key]
        if key == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            tests.append((column, lambda v, want=int(value): v == want, {int(value)}))
        elif isinstance(value, str):
            tests.append((column, lambda v, want=strings.add(value): v == want, {strings.add(value)}))
        elif isinstance(value, dict) and len(value) == 1:
            (op, arg), = value.items()
            want = frozenset(strings.add(a) for a in arg) if op in ("IN", "NOT_IN") and isinstance(arg, list) else None
            if op == "IN" and want is not None:
                tests.append((column, lambda v, want=want: v in want, want))
            elif op == "NOT_IN" and want is not None:
                tests.append((column, lambda v, want=want: v not in want, want))
            elif op == "REGEX" and isinstance(arg, str):
                search = re.compile(arg).search
                tests.append((column, lambda v, search=search: bool(search(strings[v])), search))
            else:
                return None
        else:
            return None
    return tests


class AttributeRules:
    """Apply a spaCy AttributeRuler's rules to a parsed Doc with the same result, faster."""

    def __init__(self, ruler):
        self.source = ruler
        rules = compile_rules(ruler)
        self.exact = rules is not None
        rules = rules or []
        self.single = [(n, tests[0], attrs) for n, tests, _, attrs in rules if len(tests) == 1]
        self.longer = [(n, tests, index, attrs) for n, tests, index, attrs in rules if len(tests) > 1]
        self.attrs = {n: attrs for n, _, _, attrs in rules}
        self.strings = ruler.vocab.strings
        tests = [test for _, token_tests, _, _ in rules for one in token_tests for test in one]
        self._values = [set().union(*(t[2] for t in tests if t[0] == c and not callable(t[2]))) for c in range(4)]
        self._searches = [[t[2] for t in tests if t[0] == c and callable(t[2])] for c in range(4)]
        self._outside = [{} for _ in range(4)]
        self._cache = {}

    def __call__(self, doc):
        if not self.exact:
            return self.source(doc)
        rows = [tuple(row) for row in doc.to_array(_KEY_ATTRS).tolist()] if len(doc) else []
        keys = [self._rules_for(row) for row in rows]
        extra = self._longer_matches(rows, keys)
        for i, (numbers, _) in enumerate(keys):
            if i in extra:
                numbers = sorted(numbers + tuple(extra[i]))
            if numbers:
                token = doc[i]
                for number in numbers:
                    set_token_attrs(token, self.attrs[number])
        return doc

    def _rules_for(self, row):
        """Return (one-token rules matching, multi-token rules whose first token matches), cached
        by the row's values as the tests see them (so the cache stays small)."""
        key = tuple(self._seen(column, value) for column, value in enumerate(row))
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = (
                tuple(n for n, tests, _ in self.single if _passes(tests, row)),
                tuple(r for r, (_, tests, _, _) in enumerate(self.longer) if _passes(tests[0], row)))
        return found

    def _seen(self, column, value):
        """Return the value itself if a test names it, else what the column's regexes say of it."""
        if value in self._values[column]:
            return value
        searches = self._searches[column]
        if not searches:
            return -1
        outside = self._outside[column]
        if value not in outside:
            text = self.strings[value]
            outside[value] = tuple(bool(search(text)) for search in searches)
        return outside[value]

    def _longer_matches(self, rows, keys):
        """Return {token index: [rule numbers]} for the multi-token rules."""
        found = {}
        for start, (_, candidates) in enumerate(keys):
            for rule in candidates:
                number, tests, index, _ = self.longer[rule]
                if start + len(tests) <= len(rows) and all(_passes(test, rows[start + k])
                                                           for k, test in enumerate(tests[1:], 1)):
                    found.setdefault(start + index, []).append(number)
        return found


def _passes(tests, row):
    return all(predicate(row[column]) for column, predicate, _ in tests)
