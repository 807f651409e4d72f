"""Resolve date expressions against the article's date, with ACLED's time precision.

Exports: DateValue, resolve_date, dates_in.

Precision follows ACLED: 1 = the exact day, 2 = within a week, 3 = within a month;
None when there is no article date to anchor a relative expression.
"""

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import ENT_IOB, ENT_TYPE

from .tokens import column

PRECISION = {"day": 1, "part_of_day": 1, "time": 1, "week": 2, "month": 3}
_RANGE = re.compile(r"^(?:between\s+|from\s+)?(.+?)\s+(?:and|to|-|until|through)\s+(.+)$", re.IGNORECASE)
_SINCE = re.compile(r"^since\s+", re.IGNORECASE)
_DURATION = re.compile(r"\b(weeks|days|months|years|hours)\b(?!.*\b(ago|later|earlier|before|after)\b)", re.IGNORECASE)


@dataclass
class DateValue:
    text: str
    begin: str | None = None
    end: str | None = None
    precision: int | None = None


@lru_cache(maxsize=64)
def _parser(base):
    import dateparser

    settings = {"RELATIVE_BASE": dt.datetime.combine(base, dt.time()), "PREFER_DATES_FROM": "past",
                "RETURN_TIME_AS_PERIOD": True}
    return dateparser.DateDataParser(languages=["en"], settings=settings)


_WEEKDAYS = {name: number for number, name in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_MONTHS = {name: number for number, names in enumerate(
    ("january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul", "august aug",
     "september sep sept", "october oct", "november nov", "december dec"), start=1) for name in names.split()}
_DAY_NAMES = {*_WEEKDAYS, *_MONTHS, "late", "early"}
_ON_WEEKDAY = re.compile(r"^(?:on\s+)?([a-z]+)$", re.IGNORECASE)
_MONTH_DAY = re.compile(r"^(?:on\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$", re.IGNORECASE)
_DAY_MONTH = re.compile(r"^(?:on\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:,?\s+(\d{4}))?$", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"^([a-z]+)\s+((?:19|20)\d\d)$", re.IGNORECASE)
_DAYS_BACK = re.compile(r"^(\d{1,3})\s+days$", re.IGNORECASE)
_FRESH = {"this month": (0, 3), "last week": (7, 2)}  # days back, precision
_NEVER = re.compile(r"^the\s+(?:past\s+year|(?:second|third|fourth|fifth|sixth|seventh)\s+day|start\s+of\s+("
                    + "|".join(_MONTHS) + "))$", re.IGNORECASE)
UNPARSED = "unparsed"
YEAR = 4  # a year alone: reported with ACLED's coarsest precision (3), over the whole year
IOB_INSIDE, IOB_BEGIN = 1, 3  # Token.ent_iob: 1 "I", 2 "O", 3 "B"


def _quick(text, base):
    """Return what dateparser gives for a weekday, a day of a month, a month of a year, "N
    days", "this month", "last week", without it; UNPARSED for forms it never reads.

    dateparser takes about 3 ms a call, more than the rest of record building; these forms
    cover most dates in news and give the same answers (checked against dateparser in
    tests/test_dates.py). Anything else returns None and goes to dateparser.
    """
    lowered = " ".join(text.lower().split())
    if lowered in _FRESH:
        back, precision = _FRESH[lowered]
        return base - dt.timedelta(days=back), precision
    if _NEVER.match(text):
        return UNPARSED
    if days := _DAYS_BACK.match(text):
        return base - dt.timedelta(days=int(days.group(1))), 1
    if (month_year := _MONTH_YEAR.match(text)) and month_year.group(1).lower() in _MONTHS:
        year, month = int(month_year.group(2)), _MONTHS[month_year.group(1).lower()]
        return dt.date(year, month, min(base.day, _month(dt.date(year, month, 1))[1].day)), 3
    weekday = _ON_WEEKDAY.match(re.sub(r"^(?:late|early)\s+", "", text, flags=re.IGNORECASE))  # "late Saturday"
    if weekday and weekday.group(1).lower() in _WEEKDAYS:
        back = (base.weekday() - _WEEKDAYS[weekday.group(1).lower()]) % 7 or 7
        return base - dt.timedelta(days=back), 1
    match = _MONTH_DAY.match(text)
    month, day, year = (match.group(1), match.group(2), match.group(3)) if match else (None, None, None)
    if not match and (match := _DAY_MONTH.match(text)):
        month, day, year = match.group(2), match.group(1), match.group(3)
    if not match or month.lower() not in _MONTHS:
        return None
    month, day = _MONTHS[month.lower()], int(day)
    if year is None:
        year = base.year if (month, day) <= (base.month, base.day) else base.year - 1
    try:
        return dt.date(int(year), month, day), 1
    except ValueError:  # "Feb 29" in a year without one: let dateparser decide
        return None


@lru_cache(maxsize=4096)
def _parse(text, base):
    quick = _quick(text, base)
    if quick:
        return None if quick == UNPARSED else quick
    result = _parser(base).get_date_data(text)
    if result is None or result.date_obj is None:
        return None
    if result.period == "year":  # "in 1996": the whole year, not the base's month of it
        return result.date_obj.date().replace(month=1, day=1), YEAR
    return result.date_obj.date(), PRECISION.get(result.period)


_FOLLOWING = re.compile(r"\b(later|after|afterwards|earlier|before|next|following|previous)\b", re.IGNORECASE)


def is_relative_to_story(text):
    """Return True for expressions counted from the story's last date, not the article's
    ("a day later", "two days earlier", "the next day")."""
    return bool(_FOLLOWING.search(text))


@lru_cache(maxsize=4096)
def resolve_date(text, article_date, anchor=None):
    """Return a DateValue for a date expression; ranges become begin and end.

    `anchor` is the date the story last mentioned; "a day later" counts from it. An event
    cannot be reported before it happens, so a date after the article's is left unresolved.

    >>> resolve_date("Nov 6", dt.date(2023, 11, 7)).begin
    '2023-11-06'
    """
    value = _resolve(text, article_date, anchor)
    if value.end and article_date and value.end > article_date.isoformat():
        return DateValue(value.text)
    return value


def _resolve(text, article_date, anchor=None):
    text = " ".join(text.split()).strip(" ,.()")
    if article_date is None or _DURATION.search(text) and not re.search(r"\d", text):
        return DateValue(text)
    since = bool(_SINCE.match(text))
    core = _SINCE.sub("", text)
    parts = _RANGE.match(core)
    pieces = [parts.group(1), parts.group(2)] if parts else [core]
    base = anchor if anchor is not None and is_relative_to_story(core) else article_date
    parsed = [_parse(_forward(piece), base) for piece in pieces]
    if not all(parsed):
        return DateValue(text)
    if len(parsed) == 2 and len(pieces[0].split()) == 1 and pieces[0].isdigit():
        return DateValue(text)
    begin = min(p[0] for p in parsed)
    end = article_date if since else max(p[0] for p in parsed)
    precision = max((p[1] or 3) for p in parsed)
    if precision == YEAR and begin > article_date:
        return DateValue(text)   # "Battalion 4201" tagged a date: no year after the article's
    if precision == YEAR and not since and len(parsed) == 1:
        begin, end = begin, min(begin.replace(month=12, day=31), article_date)
    elif precision == 3 and not since and len(parsed) == 1:
        begin, end = _month(begin)
    precision = min(precision, 3)
    if since or begin != end:
        span = (end - begin).days
        precision = 1 if span == 0 else 2 if span <= 7 else 3
    return DateValue(text, begin.isoformat(), end.isoformat(), precision)


def _forward(piece):
    # dateparser reads "a day later"/"the next day" only in the past tense; "in a day" goes forward.
    match = re.match(r"^(?:an?|one|two|three|four|five|six|seven|\d+)\s+(day|days|week|weeks)\s+(?:later|afterwards)$",
                     piece, re.IGNORECASE)
    if match:
        return "in " + piece.rsplit(" ", 1)[0]
    if re.match(r"^the\s+(next|following)\s+day$", piece, re.IGNORECASE):
        return "in 1 day"
    return piece


def _month(day):
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def dates_in(sentence, article_date, anchor=None, near=None):
    """Return DateValues for the DATE entities of a sentence span that parse; `anchor` is the
    story's last date, for "a day later". With `near` (a token), the date of its own clause
    comes first: in "fighting broke out on Saturday at a camp of a group that rejected the 2016
    peace deal", 2016 dates the peace deal, not the fighting."""
    found = []
    for ent in _date_entities(sentence):
        value = resolve_date(_with_since(ent), article_date, anchor)
        if value.begin or article_date is None:
            found.append((ent, value))
    if near is not None:
        found.sort(key=lambda pair: _in_other_clause(pair[0].root, near))
    return [value for _, value in found]


def _in_other_clause(token, near):
    """Return True when a token sits in a relative or modifying clause that `near` is not in."""
    while token.head.i != token.i:
        if token.dep_ in ("relcl", "acl") and not (token.left_edge.i <= near.i <= token.right_edge.i):
            return True
        token = token.head
    return False


def _date_entities(sentence):
    """Return the DATE entity spans inside a sentence, from token annotations.

    Span.ents rebuilds every entity of the whole Doc on each call, which made dates the
    slowest step of record building."""
    doc, spans, start = sentence.doc, [], None
    date, time = doc.vocab.strings["DATE"], doc.vocab.strings["TIME"]
    iobs, kinds = column(doc, ENT_IOB), column(doc, ENT_TYPE)
    for i in range(sentence.start, sentence.end):
        iob, kind = iobs[i], kinds[i]
        if start is not None and iob != IOB_INSIDE:
            spans.append(doc[start:i])
            start = None
        if iob == IOB_BEGIN and (kind == date or kind == time and doc[i].lower_ in _DAY_NAMES):
            start = i   # "Saturday morning", "Sunday night" are tagged TIME
    if start is not None and (sentence.end == len(doc) or doc[sentence.end].ent_iob_ != "I"):
        spans.append(doc[start:sentence.end])
    return spans


def _with_since(ent):
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return f"since {ent.text}" if before is not None and before.lower_ == "since" else ent.text
