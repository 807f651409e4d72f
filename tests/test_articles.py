"""Reading articles: .txt headers, the seed form, JSON Lines, and every bad input as a Problem."""

import datetime as dt
import json
import os
import socket
import tracemalloc

import pytest

from kg import articles
from kg.articles import Article, Problem, article_from_json, parse_txt, read_articles

BODY = "Fighters of the Blue River Army clashed with troops near Tamu on Monday."


def read(*paths):
    return list(read_articles([str(p) for p in paths]))


def articles_of(items):
    return [i for i in items if isinstance(i, Article)]


def problems_of(items):
    return [i for i in items if isinstance(i, Problem)]


# ------------------------------------------------------------------ parse_txt

def test_header_fields_are_read_and_the_body_follows_the_blank_line():
    content = ("url: https://example.org/a\ndate: 2024-02-03\ntitle: A title\nsource: Example News\n\n" + BODY)
    article, warnings = parse_txt(content, "a1")
    assert warnings == []
    assert (article.id, article.url, article.date, article.title, article.source) == (
        "a1", "https://example.org/a", dt.date(2024, 2, 3), "A title", "Example News")
    assert article.text == BODY


def test_header_id_overrides_the_file_name():
    article, _ = parse_txt(f"id: my story\ndate: 2024-02-03\n\n{BODY}", "file-stem")
    assert article.id == "my-story"


@pytest.mark.parametrize("value", ["unknown", "Unknown", ""])
def test_unknown_date_gives_no_date_and_no_warning(value):
    article, warnings = parse_txt(f"date: {value}\ntitle: T\n\n{BODY}", "a1")
    assert article.date is None
    assert warnings == []
    assert article.text == BODY


def test_seed_form_with_inline_date():
    article, warnings = parse_txt(f" date 2023-11-07 {BODY}", "seed")
    assert article.date == dt.date(2023, 11, 7)
    assert article.text == BODY
    assert warnings == []


def test_text_without_header_is_all_body():
    article, _ = parse_txt(BODY, "plain")
    assert article.text == BODY
    assert article.date is None


def test_malformed_header_date_is_a_warning_and_the_article_is_kept():
    article, warnings = parse_txt(f"date: 7 Nov 2023\n\n{BODY}", "a1")
    assert article.date is None
    assert article.text == BODY
    assert warnings == ["malformed date '7 Nov 2023' in the header; use YYYY-MM-DD or 'unknown' "
                        "(kept the article, without a date)"]


# ------------------------------------------------------------------ article_from_json

@pytest.mark.parametrize("record, expected_id", [
    ({"id": "story 7", "text": BODY}, "story-7"),
    ({"text": BODY}, "feed-3"),
])
def test_article_from_json_uses_the_id_or_the_default(record, expected_id):
    article, warnings = article_from_json(record, "feed-3")
    assert article.id == expected_id
    assert article.text == BODY
    assert warnings == []


@pytest.mark.parametrize("record", [["a list"], {"title": "no text"}, {"text": 5}])
def test_article_from_json_refuses_records_without_text(record):
    with pytest.raises(ValueError, match="JSON object with a string 'text'"):
        article_from_json(record, "x")


# ------------------------------------------------------------------ read_articles

def test_txt_file_id_comes_from_the_file_name(write):
    path = write("Story One.txt", f"date: 2024-02-03\n\n{BODY}")
    (article,) = read(path)
    assert article.id == "Story-One"
    assert article.path == str(path)


def test_jsonl_with_and_without_ids(write):
    path = write("feed.jsonl", "\n".join([
        json.dumps({"id": "a", "text": BODY, "date": "2024-01-02", "url": "https://example.org/a"}),
        "",
        json.dumps({"text": BODY + " Again."}),
    ]))
    items = read(path)
    assert [a.id for a in items] == ["a", "feed-3"]
    assert items[0].date == dt.date(2024, 1, 2)
    assert items[0].url == "https://example.org/a"


def test_broken_jsonl_line_is_a_problem_and_the_good_lines_still_come(write):
    path = write("feed.jsonl", "\n".join([
        json.dumps({"id": "one", "text": BODY}),
        '{"id": "two", "text": ',
        json.dumps({"id": "three", "text": BODY}),
    ]))
    items = read(path)
    assert [a.id for a in articles_of(items)] == ["one", "three"]
    (problem,) = problems_of(items)
    assert (problem.path, problem.line, problem.skipped) == (str(path), 2, True)
    assert str(problem).startswith(f"{path}:2: not a valid article record (")
    assert str(problem).endswith("; fix or remove this line")


def test_jsonl_line_without_text_names_the_line(write):
    path = write("feed.jsonl", json.dumps({"id": "x", "body": BODY}))
    (problem,) = read(path)
    assert problem.line == 1
    assert "string 'text'" in problem.message


# ------------------------------------------------------------------ every kind of bad input
# Each case writes its files under a folder and returns (paths to read, expected lines, ids read).
# A line is (kind, message) where kind is "skipped" or "warning" and {p} stands for the path.

FRENCH = ("Les combattants de l'Armée de l'Arakan ont pris le contrôle de la base militaire de Sittwe lundi, "
          "selon un porte-parole du groupe, et les forces de la junte ont bombardé plusieurs villages.")
BURMESE = "ရခိုင်ပြည်နယ် စစ်တွေမြို့တွင် တိုက်ပွဲများ ဖြစ်ပွားခဲ့သည်။ Arakan Army"


def _one(name, content, *lines, ids=()):
    def make(folder):
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return [path], [(kind, message.format(p=path)) for kind, message in lines], list(ids)
    return make


def _huge_txt(folder):
    path = folder / "huge.txt"
    with path.open("wb") as out:        # sparse: 100 MB on paper, nothing on disk
        out.truncate(100_000_000)
    return [path], [("skipped", f"{path}: file is 100 MB, over the 20 MB limit for one article; split it into "
                                "articles (one per .txt file or JSON Lines record)")], []


def _unreadable_folder(folder):
    """A folder with a good article beside files that exist but cannot be read as articles.

    We run as root, so chmod 000 does not stop a read; these do: a named pipe (reading would block
    forever), a socket, a symbolic link to nothing, and a link to /proc/self/mem, a regular file
    whose read fails with EIO.
    """
    (folder / "good.txt").write_text(BODY, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    with socket.socket(socket.AF_UNIX) as listener:      # the socket file stays after close
        listener.bind(str(folder / "sock.txt"))
    os.symlink(folder / "gone.txt", folder / "link.txt")
    os.symlink("/proc/self/mem", folder / "mem.txt")
    expected = [
        ("skipped", f"{folder / 'link.txt'}: broken symbolic link (to {folder / 'gone.txt'}); fix the link or remove it"),
        ("skipped", f"{folder / 'mem.txt'}: cannot read the file (Input/output error); check the disk, copy the file "
                    "again or remove it"),
        ("skipped", f"{folder / 'pipe.txt'}: is a named pipe (FIFO), not a regular file; articles must be plain files: "
                    "remove it or copy the text into a file"),
        ("skipped", f"{folder / 'sock.txt'}: is a socket, not a regular file; articles must be plain files: remove it "
                    "or copy the text into a file"),
    ]
    return [folder], expected, ["good"]


def _broken_jsonl(folder):
    path = folder / "feed.jsonl"
    path.write_text("\n".join([json.dumps({"id": "one", "text": BODY}), '{"id": "two", "text": ',
                               json.dumps({"id": "three", "text": BODY})]), encoding="utf-8")
    return [path], [("skipped", f"{path}:2: not a valid article record (Expecting value); fix or remove this line")], \
        ["one", "three"]


def _duplicate_ids(folder):
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    (folder / "a" / "story.txt").write_text(BODY, encoding="utf-8")
    (folder / "b" / "story.txt").write_text(BODY + " Later.", encoding="utf-8")
    return [folder], [("skipped", f"{folder / 'b' / 'story.txt'}: article id 'story' is already used by "
                                  f"{folder / 'a' / 'story.txt'}; give one of them another id ('id:' header line "
                                  "or JSON 'id')")], ["story"]


BAD_INPUTS = {
    "empty file": _one("empty.txt", "", ("skipped", "{p}: empty article; nothing to extract (add text or remove the file)")),
    "blank file": _one("blank.txt", "  \n\n ", ("skipped", "{p}: empty article; nothing to extract (add text or remove the file)")),
    "binary file": _one("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
                        ("skipped", "{p}: looks like a binary file, not text; remove it or convert it to UTF-8 text")),
    "binary without NUL bytes": _one("noise.txt", bytes(range(1, 32)) * 20,
                                     ("skipped", "{p}: looks like a binary file, not text; remove it or convert it to UTF-8 text")),
    "latin-1 text": _one("latin.txt", f"date: 2024-02-03\n\n{BODY} P\u00e8kon.".encode("latin-1"),
                         ("warning", "{p}: not UTF-8; read it as Windows-1252 (check its accented letters, or save it as UTF-8)"),
                         ids=["latin"]),
    "utf-8 with byte-order mark": _one("bom.txt", f"\ufeffdate: 2024-02-03\n\n{BODY}".encode("utf-8"), ids=["bom"]),
    "utf-16 with byte-order mark": _one("wide.txt", f"date: 2024-02-03\n\n{BODY}".encode("utf-16"), ids=["wide"]),
    "100 MB file": _huge_txt,
    "HTML page saved as .txt": _one("page.txt", f"<!DOCTYPE html><html><body><p>{BODY}</p></body></html>",
                                    ("warning", "{p}: is an HTML page, not plain text; read its visible text only "
                                                "(save pages as plain text to avoid this)"), ids=["page"]),
    "JSON Lines with a broken line": _broken_jsonl,
    "malformed header date": _one("bad-date.txt", f"date: 31/02/2024\n\n{BODY}",
                                  ("warning", "{p}: malformed date '31/02/2024' in the header; use YYYY-MM-DD or "
                                              "'unknown' (kept the article, without a date)"), ids=["bad-date"]),
    "impossible ISO date": _one("feb31.txt", f"date: 2024-02-31\n\n{BODY}",
                                ("warning", "{p}: malformed date '2024-02-31' in the header; use YYYY-MM-DD or "
                                            "'unknown' (kept the article, without a date)"), ids=["feb31"]),
    "folder with unreadable files": _unreadable_folder,
    "no sentences, only figures": _one("numbers.txt", "12 34 56 -- !! 7.5%",
                                       ("skipped", "{p}: no words to extract from, only numbers or symbols; add the "
                                                   "article text or remove it")),
    "header but no text": _one("header.txt", "title: A title\ndate: 2024-02-03\n",
                               ("skipped", "{p}: header but no article text; put the text below the header after a "
                                           "blank line, or remove the file")),
    "French article": _one("french.txt", FRENCH,
                           ("skipped", "{p}: does not look like English (only 0% of its words are common English "
                                       "words); kg extracts from English text only: translate it or remove it")),
    "Burmese article": _one("burmese.txt", BURMESE,
                            ("skipped", "{p}: does not look like English (only 30% of its letters are Latin script); "
                                        "kg extracts from English text only: translate it or remove it")),
    "JSON field of the wrong type": _one("typed.jsonl", json.dumps({"id": "t", "text": BODY, "date": 20240203}),
                                         ("warning", "{p}:1: 'date' is a JSON int, not a string; left it out"), ids=["t"]),
    "JSON record with empty text": _one("blank.jsonl", json.dumps({"id": "t", "text": " "}),
                                        ("skipped", "{p}:1: empty 'text'; nothing to extract (add the article text "
                                                    "or remove this line)")),
    "two articles with one id": _duplicate_ids,
    "unsupported suffix": _one("notes.md", BODY, ("skipped", "{p}: unsupported file type .md; use .txt or .jsonl")),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_gives_one_line_per_problem_and_keeps_the_good_articles(tmp_path, case):
    paths, expected, ids = BAD_INPUTS[case](tmp_path)
    items = read(*paths)
    assert [("skipped" if p.skipped else "warning", str(p)) for p in problems_of(items)] == expected
    assert [a.id for a in articles_of(items)] == ids


def test_nonexistent_path_is_a_problem(tmp_path):
    missing = tmp_path / "nowhere.txt"
    (problem,) = read(missing)
    assert str(problem) == f"{missing}: no such file or directory; check the path"


@pytest.mark.parametrize("data", [
    f"date: 2024-02-03\n\nFighting near P\u00e8kon town, \u201cthe\u201d army said.".encode("cp1252"),
    f"\ufeffdate: 2024-02-03\n\nFighting near P\u00e8kon town, \u201cthe\u201d army said.".encode("utf-8"),
    f"date: 2024-02-03\n\nFighting near P\u00e8kon town, \u201cthe\u201d army said.".encode("utf-16"),
], ids=["windows-1252", "utf-8 BOM", "utf-16"])
def test_other_encodings_decode_to_the_same_text(write, data):
    (article,) = articles_of(read(write("encoded.txt", data)))
    assert article.text == "Fighting near P\u00e8kon town, \u201cthe\u201d army said."
    assert article.date == dt.date(2024, 2, 3)


def test_a_100_mb_file_is_never_read(tmp_path):
    paths, _, _ = _huge_txt(tmp_path)
    tracemalloc.start()
    read(*paths)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 5_000_000


def test_a_jsonl_line_over_the_limit_is_skipped_without_holding_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(articles, "MAX_BYTES", 10_000)
    path = tmp_path / "feed.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "a", "text": BODY}) + "\n")
        out.write(json.dumps({"id": "big", "text": BODY * 20_000}) + "\n")   # 1.4 MB line
        out.write(json.dumps({"id": "c", "text": BODY}) + "\n")
    tracemalloc.start()
    items = read(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [str(p) for p in problems_of(items)] == [
        f"{path}:2: line is over the 0.01 MB limit for one article; split the article or remove this line"]
    assert [a.id for a in articles_of(items)] == ["a", "c"]
    assert peak < 500_000


def test_html_saved_as_txt_becomes_its_visible_text(write):
    page = ("<!DOCTYPE html><html><head><title>x</title><style>p {color: red}</style>"
            "<script>var a = 1;</script></head><body><nav>Home | World</nav><p>Troops &amp; fighters "
            "<b>clashed</b> near Tamu.</p><!-- comment --><p>Two &lt;civilians&gt; died.</p></body></html>")
    (article,) = articles_of(read(write("page.txt", page)))
    assert article.text == "Troops & fighters clashed near Tamu.\n\nTwo <civilians> died."


def test_the_same_file_named_twice_is_read_once(write, tmp_path):
    path = write("a.txt", BODY)
    assert [a.id for a in articles_of(read(path, tmp_path))] == ["a"]


def test_directory_is_read_recursively_in_order_without_hidden_files(write, tmp_path):
    write("b.txt", BODY)
    (tmp_path / "sub").mkdir()
    write("sub/a.txt", BODY)
    write("ignored.csv", BODY)
    write("._b.txt", b"\x00\x05\x16\x07 AppleDouble")
    write(".~lock.c.txt", "locked")
    assert [a.id for a in read(tmp_path)] == ["b", "a"]


def test_malformed_date_is_a_warning_problem_before_the_article(write):
    path = write("bad-date.txt", f"date: 2024-13-45\n\n{BODY}")
    problem, article = read(path)
    assert isinstance(problem, Problem) and problem.skipped is False
    assert "malformed date '2024-13-45'" in problem.message
    assert isinstance(article, Article) and article.date is None and article.text == BODY


def test_malformed_jsonl_date_names_the_line(write):
    path = write("feed.jsonl", json.dumps({"id": "a", "text": BODY, "date": "yesterday"}))
    problem, article = read(path)
    assert (problem.line, problem.skipped) == (1, False)
    assert article.id == "a"


def test_content_hash_changes_with_the_text_only_when_content_changes():
    first = Article("a", BODY, date=dt.date(2024, 1, 1))
    assert first.content_hash == Article("a", BODY, date=dt.date(2024, 1, 1)).content_hash
    assert first.content_hash != Article("a", BODY + " More.", date=dt.date(2024, 1, 1)).content_hash
