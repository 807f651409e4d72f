"""Reading articles: .txt headers, the seed form, JSON Lines, and every bad input as a Problem."""

import datetime as dt
import json

import pytest

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


@pytest.mark.parametrize("content", ["", "   \n\n  "])
def test_empty_file_is_a_problem(write, content):
    path = write("empty.txt", content)
    (problem,) = read(path)
    assert problem.skipped
    assert str(problem) == f"{path}: empty article; nothing to extract (add text or remove the file)"


def test_binary_file_is_refused(write):
    path = write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (problem,) = read(path)
    assert problem.skipped
    assert str(problem) == (f"{path}: looks like a binary file, not text; remove it or convert it to UTF-8 text")


@pytest.mark.parametrize("data, expected", [
    ("date: 2024-02-03\n\nFighting near P\u00e8kon town.".encode("latin-1"), "Fighting near P\u00e8kon town."),
    ("\ufeffdate: 2024-02-03\n\nFighting near P\u00e8kon town.".encode("utf-8"), "Fighting near P\u00e8kon town."),
])
def test_latin1_and_utf8_bom_files_decode(write, data, expected):
    path = write("encoded.txt", data)
    (article,) = read(path)
    assert article.text == expected
    assert article.date == dt.date(2024, 2, 3)


def test_html_saved_as_txt_becomes_its_text(write):
    html = ("<!DOCTYPE html><html><head><title>x</title><style>p {color: red}</style>"
            "<script>var a = 1;</script></head><body><p>Troops &amp; fighters clashed near Tamu.</p></body></html>")
    path = write("page.txt", html)
    (article,) = read(path)
    assert "Troops & fighters clashed near Tamu." in article.text
    assert "<" not in article.text
    assert "var a" not in article.text and "color" not in article.text


def test_nonexistent_path_is_a_problem(tmp_path):
    missing = tmp_path / "nowhere.txt"
    (problem,) = read(missing)
    assert str(problem) == f"{missing}: no such file or directory; check the path"


def test_unsupported_suffix_is_a_problem(write):
    path = write("notes.md", BODY)
    (problem,) = read(path)
    assert problem.message == "unsupported file type .md; use .txt or .jsonl"


def test_directory_is_read_recursively_in_order(write, tmp_path):
    write("b.txt", BODY)
    (tmp_path / "sub").mkdir()
    write("sub/a.txt", BODY)
    write("ignored.csv", BODY)
    assert [a.id for a in read(tmp_path)] == ["b", "a"]


def test_text_without_words_is_skipped(write):
    path = write("numbers.txt", "12 34 56 -- !!")
    (problem,) = read(path)
    assert problem.skipped
    assert "no English words" in problem.message


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
