"""Read articles from .txt, .jsonl and directories into plain Article records.

Exports: Article, Problem, read_articles, count_articles, parse_txt, article_from_json, expand_paths, html_to_text, SUFFIXES, MAX_BYTES.

A reader never raises for one bad file or line: it yields a Problem naming the file
(and line) and what to do, so the rest of a collection still goes in.
"""

import codecs
import datetime as dt
import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from .language import language_problem
from .text import slugify
from .textfile import decode, html_to_text, is_binary, looks_like_html

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
    line: int | None = None

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
    if header_lines and (len(lines) == len(header_lines) or not lines[len(header_lines)].strip()):
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
    """Build an Article from one decoded JSON Lines record; returns (Article, warnings).

    A field of the wrong type (a number as 'url') is left out with a warning.
    """
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise ValueError("each line must be a JSON object with a string 'text'")
    record, warnings = dict(record), []
    for key in ("id", "url", "date", "title", "source"):
        value = record.get(key)
        if value is not None and not isinstance(value, str) and not (key == "id" and isinstance(value, int)):
            warnings.append(f"'{key}' is a JSON {type(value).__name__}, not a string; left it out")
            record[key] = None
    date, problem = parse_date(record.get("date"), "'date'")
    article = Article(
        id=safe_id(str(record.get("id") or default_id)), text=record["text"], url=record.get("url"),
        date=date, title=record.get("title"), source=record.get("source"),
        path=str(path) if path else None, date_text=record.get("date"),
    )
    return article, warnings + ([problem] if problem else [])


MAX_BYTES = 20_000_000
_FILE_KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
               stat.S_IFBLK: "a block device", stat.S_IFDIR: "a directory"}


def expand_paths(paths):
    """Yield (path, Problem or None) for every article file named or found below a directory.

    Inside directories, hidden files (".name", such as editor locks and macOS "._" files) are left out;
    a file named twice is read once.
    """
    seen = set()
    for path, problem in _expand(paths):
        key = os.path.realpath(path) if problem is None else None
        if key is None or key not in seen:
            seen.add(key)
            yield path, problem


def _expand(paths):
    for raw in paths:
        path = Path(raw)
        if path.is_symlink() and not path.exists():
            yield path, Problem(str(path), _file_problem(path))
        elif not path.exists():
            yield path, Problem(str(path), "no such file or directory; check the path")
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and not p.is_dir()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                yield path, Problem(str(path), f"no {' or '.join(SUFFIXES)} files in this directory")
            yield from ((p, None) for p in found)
        elif path.suffix.lower() not in SUFFIXES:
            yield path, Problem(str(path), f"unsupported file type {path.suffix or '(none)'}; use .txt or .jsonl")
        else:
            yield path, None


def _file_problem(path):
    """Return why `path` cannot be read as an article file, or None when it is a regular file."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return f"broken symbolic link (to {os.readlink(path)}); fix the link or remove it"
        return "no such file or directory; check the path"
    except OSError as error:
        return _os_message(error)
    if not stat.S_ISREG(mode):
        kind = _FILE_KINDS.get(stat.S_IFMT(mode), "not a regular file")
        return f"is {kind}, not a regular file; articles must be plain files: remove it or copy the text into a file"
    return None


def _os_message(error):
    if isinstance(error, PermissionError):
        return "permission denied; make the file readable (chmod +r) or remove it"
    return f"cannot read the file ({error.strerror or error}); check the disk, copy the file again or remove it"


def _read_file(path):
    """Yield Articles and Problems from one file."""
    problem = _file_problem(path)
    if problem:
        yield Problem(str(path), problem)
        return
    if path.suffix.lower() == ".jsonl":
        yield from _read_jsonl(path)
        return
    size = path.stat().st_size
    if size > MAX_BYTES:
        yield Problem(str(path), f"file is {size / 1e6:.0f} MB, over the {MAX_BYTES / 1e6:g} MB limit for one "
                                 "article; split it into articles (one per .txt file or JSON Lines record)")
        return
    try:
        content, encoding = decode(path.read_bytes())
    except OSError as error:
        yield Problem(str(path), _os_message(error))
        return
    except ValueError as error:
        yield Problem(str(path), str(error))
        return
    yield from _encoding_warning(encoding, path)
    yield from _read_txt(content, path)


def _encoding_warning(encoding, path, line=None):
    if encoding in ("cp1252", "latin-1"):
        name = "Windows-1252" if encoding == "cp1252" else "Latin-1"
        yield Problem(str(path), f"not UTF-8; read it as {name} (check its accented letters, or save it as UTF-8)",
                      line, skipped=False)


def _read_txt(content, path):
    if looks_like_html(content):
        yield Problem(str(path), "is an HTML page, not plain text; read its visible text only "
                                 "(save pages as plain text to avoid this)", skipped=False)
        content = html_to_text(content)
    if not content.strip():
        yield Problem(str(path), "empty article; nothing to extract (add text or remove the file)")
        return
    article, warnings = parse_txt(content, safe_id(path.stem), path)
    for warning in warnings:
        yield Problem(str(path), warning, skipped=False)
    if not article.text.strip():
        yield Problem(str(path), "header but no article text; put the text below the header after a blank line, "
                                 "or remove the file")
        return
    yield from _checked(article, path)


def _read_jsonl(path):
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or is_binary(head):
                yield Problem(str(path), "not a UTF-8 text file; JSON Lines must be UTF-8 text: convert or remove it")
                return
            handle.seek(0)
            for number, raw in enumerate(_lines(handle), start=1):
                yield from _read_jsonl_line(raw, path, number)
    except OSError as error:
        yield Problem(str(path), _os_message(error))


def _lines(handle, limit=None):
    """Yield the byte lines of a file, None for a line over `limit` bytes (never held whole)."""
    limit = limit or MAX_BYTES
    while line := handle.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 16)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _read_jsonl_line(raw, path, number):
    if raw is None:
        yield Problem(str(path), f"line is over the {MAX_BYTES / 1e6:g} MB limit for one article; "
                                 "split the article or remove this line", number)
        return
    try:
        line, encoding = decode(raw)
    except ValueError as error:
        yield Problem(str(path), str(error), number)
        return
    if not line.strip():
        return
    yield from _encoding_warning(encoding, path, number)
    try:
        article, warnings = article_from_json(json.loads(line), f"{path.stem}-{number}", path)
        article.line = number
    except (ValueError, TypeError, RecursionError) as error:
        message = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
        yield Problem(str(path), f"not a valid article record ({message}); fix or remove this line", number)
        return
    for warning in warnings:
        yield Problem(str(path), warning, number, skipped=False)
    if not article.text.strip():
        yield Problem(str(path), "empty 'text'; nothing to extract (add the article text or remove this line)", number)
        return
    yield from _checked(article, path, number)


def _checked(article, path, line=None):
    if not re.search(r"[^\W\d_]{2,}", article.text):
        yield Problem(str(path), "no words to extract from, only numbers or symbols; add the article text or "
                                 "remove it", line)
        return
    reason = language_problem(article.text)
    if reason:
        yield Problem(str(path), f"does not look like English ({reason}); kg extracts from English text only: "
                                 "translate it or remove it", line)
    else:
        yield article


def read_articles(paths):
    """Yield an Article or a Problem for every article in the given files and directories.

    Warnings that do not stop an article (a malformed date) come as Problems before it. An article
    whose id an earlier article of this run already has is a Problem, so it cannot replace it.
    """
    first_place = {}
    for path, problem in expand_paths(paths):
        if problem:
            yield problem
            continue
        for item in _read_file(path):
            if isinstance(item, Article):
                where = (item.path, item.line)
                first = first_place.setdefault(item.id, where)
                if first != where:
                    earlier = f"{first[0]}:{first[1]}" if first[1] else first[0]
                    yield Problem(str(path), f"article id {item.id!r} is already used by {earlier}; give one of "
                                             "them another id ('id:' header line or JSON 'id')", item.line)
                    continue
            yield item


def count_articles(paths):
    """Return how many items read_articles will report (articles and skipped inputs), cheaply:
    one per file, one per non-blank line of a .jsonl file. For progress bars."""
    total = 0
    for path, problem in expand_paths(paths):
        if problem is None and path.suffix.lower() == ".jsonl" and path.stat().st_size <= MAX_BYTES:
            with open(path, "rb") as lines:
                total += sum(1 for line in lines if line.strip())
        else:
            total += 1
    return total
