"""Turn the bytes of an article file into text: encodings, byte-order marks, binary files and
HTML pages saved as text.

Exports: decode, is_binary, looks_like_html, html_to_text.
"""

import codecs
import re
from html.parser import HTMLParser

_CONTROL = {chr(c) for c in range(32)} - set("\t\n\r\f\v")
_HTML = re.compile(r"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html\b|<head\b|<body\b|<meta\b|<article\b|<div\b|<p\b|<title\b)",
                   re.IGNORECASE | re.DOTALL)
_BLOCK = {"p", "div", "br", "li", "tr", "td", "th", "ul", "ol", "table", "article", "section", "header",
          "footer", "main", "aside", "blockquote", "pre", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6",
          "title", "hr", "dd", "dt", "figure"}
_HIDDEN = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "nav"}


def is_binary(data):
    """Return True when the start of `data` looks like a binary file rather than text."""
    sample = data[:4096]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    text = sample.decode("latin-1")
    return bool(text) and sum(1 for c in text if c in _CONTROL) / len(text) > 0.05


def decode(data):
    """Decode article bytes; return (text, encoding used).

    UTF-8 with or without a byte-order mark, UTF-16 with one; anything else is read as
    Windows-1252 (which names the curly quotes of Word files) or, failing that, Latin-1, which
    never fails. Raises ValueError for binary data.
    """
    if is_binary(data):
        raise ValueError("looks like a binary file, not text; remove it or convert it to UTF-8 text")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise ValueError("starts like UTF-16 text but does not decode; convert it to UTF-8") from error
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def looks_like_html(text):
    """Return True when a text starts like an HTML page or fragment."""
    return bool(_HTML.match(text))


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_to_text(content):
    """Return the visible text of an HTML page: paragraphs kept, inline tags dropped, scripts,
    styles and the head left out.

    >>> html_to_text("<p>Troops <b>attacked</b> Loikaw.</p><script>x()</script>")
    'Troops attacked Loikaw.'
    """
    parser = _TextParser()
    parser.feed(content)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n\n".join(line for line in lines if line)
