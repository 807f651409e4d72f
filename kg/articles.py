"""Read articles from .txt, .jsonl and directories into plain Article records.

Exports: Article, Problem, read_articles, parse_txt, article_from_json, SUFFIXES.

A reader never raises for one bad file or line: it yields a Problem naming the file
(and line) and what to do, so the rest of a collection still goes in.
"""

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .text import slugify

SUFFIXES = (".txt", ".jsonl")
HEADER_KEYS = ("url", "date", "title", "source", "id")
_HEADER_LINE = re.compile(r"^(url|date|title|source|id)\s*:\s*(.*)$", re.IGNORECASE)
_INLINE_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+")


@dataclass
class Article:
    """One news article: its body text and what is known about it."""

    id: str
    text: str
    url: str | None = None
    date: dt.date | None = None
    title: str | None = None
    source: str | None = None
    path: str | None = None
    date_text: str | None = None

    @property
    def content_hash(self):
        """Return a hash of everything extraction depends on, to skip unchanged articles."""
        basis = json.dumps([self.text, self.url, self.date and self.date.isoformat(), self.title, self.source])
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()


@dataclass
class Problem:
    """An input that could not be read; `message` says what is wrong and what to do."""

    path: str
    message: str
    line: int | None = None
    skipped: bool = True

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def safe_id(name):
    """Return an article id usable inside an IRI path ("000_49c7" stays as it is)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.") or slugify(name)


def parse_date(value, where):
    """Parse an ISO date (or 'unknown'); return (date or None, problem text or None)."""
    value = (value or "").strip()
    if not value or value.lower() == "unknown":
        return None, None
    try:
        return dt.date.fromisoformat(value[:10]), None
    except ValueError:
        return None, f"malformed date {value!r} in {where}; use YYYY-MM-DD or 'unknown' (kept the article, without a date)"


def parse_txt(content, article_id, path=None):
    """Parse the text of a .txt article: optional `key: value` header, blank line, body.

    Also accepts the seed form whose body starts with ' date YYYY-MM-DD'.
    Returns (Article, list of warnings).
    """
    header, body, warnings = {}, content, []
    lines = content.splitlines()
    header_lines = []
    for line in lines:
        match = _HEADER_LINE.match(line)
        if not match:
            break
        header_lines.append(match)
    if header_lines and len(lines) > len(header_lines) and not lines[len(header_lines)].strip():
        header = {m.group(1).lower(): m.group(2).strip() for m in header_lines}
        body = "\n".join(lines[len(header_lines) + 1:])
    inline = _INLINE_DATE.match(body)
    if inline and "date" not in header:
        header["date"] = inline.group(1)
        body = body[inline.end():]
    date, problem = parse_date(header.get("date"), "the header")
    if problem:
        warnings.append(problem)
    article = Article(
        id=safe_id(header["id"]) if header.get("id") else article_id, text=body.strip("\n"), url=header.get("url") or None,
        date=date, title=header.get("title") or None, source=header.get("source") or None,
        path=str(path) if path else None, date_text=header.get("date"),
    )
    return article, warnings


def article_from_json(record, default_id, path=None):
    """Build an Article from one decoded JSON Lines record; returns (Article, warnings)."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise ValueError("each line must be a JSON object with a string 'text'")
    date, problem = parse_date(record.get("date"), "'date'")
    article = Article(
        id=safe_id(str(record.get("id") or default_id)), text=record["text"], url=record.get("url"),
        date=date, title=record.get("title"), source=record.get("source"),
        path=str(path) if path else None, date_text=record.get("date"),
    )
    return article, [problem] if problem else []


MAX_BYTES = 20_000_000
_HTML = re.compile(r"^\s*(<!doctype html|<html\b)", re.IGNORECASE)
_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.IGNORECASE | re.DOTALL)


def expand_paths(paths):
    """Yield (path, Problem or None) for every article file named or found below a directory."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield path, Problem(str(path), "no such file or directory; check the path")
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
            if not found:
                yield path, Problem(str(path), f"no {' or '.join(SUFFIXES)} files in this directory")
            yield from ((p, None) for p in found)
        elif path.suffix.lower() not in SUFFIXES:
            yield path, Problem(str(path), f"unsupported file type {path.suffix or '(none)'}; use .txt or .jsonl")
        else:
            yield path, None


def decode(data, path):
    """Decode bytes as UTF-8 (with or without BOM), falling back to Latin-1; refuse binary."""
    if b"\x00" in data[:4096]:
        raise ValueError("looks like a binary file, not text; remove it or convert it to UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def html_to_text(content):
    """Return the readable text of an HTML page saved as .txt (scripts and styles dropped)."""
    import html

    text = _TAG.sub("\n", content)
    lines = (html.unescape(line).strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _read_file(path):
    """Yield Articles and Problems from one file."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield Problem(str(path), f"file is {size // 1_000_000} MB, over the {MAX_BYTES // 1_000_000} MB limit; split it into articles (one per .txt or JSON Lines record)")
            return
        content = decode(path.read_bytes(), path)
    except PermissionError:
        yield Problem(str(path), "permission denied; make the file readable (chmod +r) or remove it")
        return
    except (OSError, ValueError) as error:
        yield Problem(str(path), str(error))
        return
    if path.suffix.lower() == ".jsonl":
        yield from _read_jsonl(content, path)
    else:
        yield from _read_txt(content, path)


def _read_txt(content, path):
    if _HTML.match(content):
        content = html_to_text(content)
    if not content.strip():
        yield Problem(str(path), "empty article; nothing to extract (add text or remove the file)")
        return
    article, warnings = parse_txt(content, safe_id(path.stem), path)
    for warning in warnings:
        yield Problem(str(path), warning, skipped=False)
    yield from _checked(article, path)


def _read_jsonl(content, path):
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            article, warnings = article_from_json(json.loads(line), f"{path.stem}-{number}", path)
        except (ValueError, TypeError) as error:
            message = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
            yield Problem(str(path), f"not a valid article record ({message}); fix or remove this line", number)
            continue
        for warning in warnings:
            yield Problem(str(path), warning, number, skipped=False)
        yield from _checked(article, path, number)


def _checked(article, path, line=None):
    if not re.search(r"[A-Za-z]{2,}", article.text):
        yield Problem(str(path), "article has no English words to extract from; skipped", line)
    else:
        yield article


def read_articles(paths):
    """Yield an Article or a Problem for every article in the given files and directories.

    Warnings that do not stop an article (a malformed date) come as Problems before it.
    """
    for path, problem in expand_paths(paths):
        if problem:
            yield problem
        else:
            yield from _read_file(path)
