"""Readers: every format, encodings, language, dates, ids, and every kind of bad input."""
from __future__ import annotations

import json
import os

import pytest

from pipeline.readers import iter_input_files, read_path
from pipeline.readers.common import detect_language, normalize_published, stable_id
from pipeline.readers.encoding import decode
from pipeline.records import Article, Quarantined
from foundation_support import SHARED_SEED

AR_TEXT = ("قصفت طائرة مسيرة موقعا قرب مدينة سبها يوم الثلاثاء، وقال مصدر محلي إن ثلاثة أشخاص قتلوا.\n"
           "وأضاف المصدر أن الهجوم وقع فجرا ولم تعلن أي جهة مسؤوليتها عنه.")
AR_TITLE = "غارة بطائرة مسيرة قرب سبها"
EN_TEXT = ("A drone struck a compound near Sabha on Tuesday, a local official said.\n"
           "Three people were killed in the strike, which no group has claimed.")


def write(tmp_path, name, content, encoding="utf-8"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode(encoding))
    return str(path)


def one(items):
    assert len(items) == 1, items
    return items[0]


# --- plain text and markdown ---------------------------------------------------------------------

def test_text_first_nonempty_line_is_headline_and_language_detected(tmp_path):
    art = one(read_path(write(tmp_path, "a.txt", f"\n\n{AR_TITLE}\n\n{AR_TEXT}\n")))
    assert isinstance(art, Article)
    assert art.title == AR_TITLE
    assert art.language == "ar"
    assert art.published is None  # no date given: never invented
    assert art.source_format == "txt"
    assert art.full_text.startswith(AR_TITLE) and art.full_text.count(AR_TITLE) == 1
    assert art.id.startswith("sha-")


def test_text_front_matter_between_dashes(tmp_path):
    src = (f"---\nid: my-story\npublished: 2019-07-03\nurl: https://example.org/s\nlanguage: en\nauthor: x\n---\n"
           f"Drone strike near Sabha\n\n{EN_TEXT}\n")
    art = one(read_path(write(tmp_path, "a.md", src)))
    assert (art.id, art.published, art.url, art.language) == ("my-story", "2019-07-03", "https://example.org/s", "en")
    assert art.title == "Drone strike near Sabha"
    assert "published:" not in art.text and "---" not in art.text


def test_text_leading_key_value_lines_and_markdown_heading(tmp_path):
    src = f"published: 3 July 2019\nurl: https://example.org/t\n# Drone strike near Sabha\n\n{EN_TEXT}\n"
    art = one(read_path(write(tmp_path, "b.md", src)))
    assert art.published == "2019-07-03"
    assert art.url == "https://example.org/t"
    assert art.title == "Drone strike near Sabha"
    assert art.full_text.count("Drone strike near Sabha") == 1
    assert art.language == "en"


def test_key_value_lines_closed_by_dashes(tmp_path):
    src = f"published: 2019-07-03\nlanguage: en\n---\nDrone strike near Sabha\n\n{EN_TEXT}\n"
    art = one(read_path(write(tmp_path, "d.txt", src)))
    assert art.published == "2019-07-03"
    assert art.title == "Drone strike near Sabha"
    assert "---" not in art.full_text


def test_arabic_colon_line_is_not_front_matter(tmp_path):
    src = f"قال المتحدث: إن الغارة استهدفت موقعا\n{AR_TEXT}"
    art = one(read_path(write(tmp_path, "c.txt", src)))
    assert art.title.startswith("قال المتحدث")


# --- encodings -----------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"])
def test_arabic_in_every_supported_encoding(tmp_path, encoding):
    art = one(read_path(write(tmp_path, "ar.txt", f"{AR_TITLE}\n\n{AR_TEXT}\n", encoding)))
    assert isinstance(art, Article), art
    assert art.title == AR_TITLE
    assert AR_TEXT in art.text
    assert art.language == "ar"


def test_same_article_in_any_encoding_gets_same_id_and_hash(tmp_path):
    arts = [one(read_path(write(tmp_path, f"x{i}.txt", f"{AR_TITLE}\n{AR_TEXT}", enc)))
            for i, enc in enumerate(["utf-8", "cp1256", "utf-16"])]
    assert len({a.id for a in arts}) == 1
    assert len({a.content_hash for a in arts}) == 1


def test_cp1256_detection_is_reliable_on_short_and_mixed_text():
    for text in ("غارة على سبها", "NEWS: غارة جوية على موقع في الجنوب الليبي 2019", AR_TEXT[:40]):
        decoded, enc = decode(text.encode("cp1256"))
        assert decoded == text and enc == "cp1256"


def test_latin_legacy_encoding_is_decoded(tmp_path):
    text = "Frappe de drone près de Sabha\n\nUne frappe a touché un entrepôt, a déclaré un élu local."
    art = one(read_path(write(tmp_path, "fr.txt", text, "cp1252")))
    assert "déclaré" in art.text
    assert art.language == "fr"


# --- JSON, JSON Lines, news-please ---------------------------------------------------------------

def test_article_json_object(tmp_path):
    obj = {"id": "en-1", "url": "https://example.org/1", "language": "en", "title": "Strike near Sabha",
           "published": "2019-07-03", "text": EN_TEXT}
    art = one(read_path(write(tmp_path, "a.json", json.dumps(obj))))
    assert (art.id, art.url, art.language, art.title, art.published) == (
        "en-1", "https://example.org/1", "en", "Strike near Sabha", "2019-07-03")
    assert art.text == EN_TEXT
    assert art.source_format == "json"


def test_json_array_and_bad_items_quarantined_alone(tmp_path):
    items = [{"id": "a", "title": "T", "text": EN_TEXT}, "not an object", {"id": "c", "title": "no text"},
             {"id": "d", "text": AR_TEXT}]
    out = read_path(write(tmp_path, "arr.json", json.dumps(items, ensure_ascii=False)))
    assert [type(x).__name__ for x in out] == ["Article", "Quarantined", "Quarantined", "Article"]
    assert (out[1].reason, out[1].record) == ("malformed_json", "1")
    assert (out[2].reason, out[2].record) == ("no_text", "2")
    assert out[3].language == "ar"


def test_newsplease_json_detected_by_keys(tmp_path):
    obj = {"title": "Strike near Sabha", "maintext": EN_TEXT, "date_publish": "2017-09-29 02:57:00",
           "url": "https://example.org/np", "language": "en", "authors": [], "source_domain": "example.org"}
    art = one(read_path(write(tmp_path, "np.json", json.dumps(obj))))
    assert art.source_format == "newsplease"
    assert art.published == "2017-09-29"
    assert art.text == EN_TEXT and art.title == "Strike near Sabha"
    assert art.id.startswith("sha-")


def test_jsonl_one_bad_line_quarantines_only_that_record(tmp_path):
    lines = [json.dumps({"id": "l1", "title": "One", "text": EN_TEXT}),
             "{\"id\": \"l2\", \"text\": ",  # truncated
             "",
             json.dumps({"title": "Three", "maintext": AR_TEXT, "date_publish": "2018-03-25 10:00:00"}, ensure_ascii=False)]
    out = read_path(write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n"))
    assert [type(x).__name__ for x in out] == ["Article", "Quarantined", "Article"]
    assert out[1].reason == "malformed_json" and out[1].record == "2"
    assert out[0].source_format == "jsonl" and out[2].source_format == "newsplease"
    assert out[2].published == "2018-03-25" and out[2].language == "ar"


def test_json_lines_inside_a_dot_json_file(tmp_path):
    body = json.dumps({"id": "j1", "text": EN_TEXT}) + "\n" + json.dumps({"id": "j2", "text": EN_TEXT + " More."})
    out = read_path(write(tmp_path, "several.json", body))
    assert [a.id for a in out] == ["j1", "j2"]


# --- HTML ------------------------------------------------------------------------------------------

HTML = """<!DOCTYPE html><html lang="en"><head><title>Drone strike hits Sabha outskirts | Example News</title>
<meta property="og:title" content="Drone strike hits Sabha outskirts">
<meta property="article:published_time" content="2019-08-05T10:00:00+00:00"></head>
<body><nav><a href="/">Home</a> <a href="/world">World news</a> <a href="/sport">Sport</a></nav>
<article><h1>Drone strike hits Sabha outskirts</h1>
<p>A drone struck a farm on the southern outskirts of Sabha late on Sunday, killing four people, according
to a spokesman for the local council who spoke by telephone.</p>
<p>The council said the strike hit a gathering of residents and that the aircraft had come from the north.
No group claimed the attack, and the government in Tripoli condemned it in a statement.</p>
</article><footer>Copyright 2019 Example News. All rights reserved. Subscribe to our newsletter.</footer></body></html>"""


def test_html_main_text_title_date(tmp_path):
    art = one(read_path(write(tmp_path, "page.html", HTML)))
    assert isinstance(art, Article), art
    assert art.source_format == "html"
    assert art.title == "Drone strike hits Sabha outskirts"
    assert art.published == "2019-08-05"
    assert art.language == "en"
    assert "killing four people" in art.text
    assert "Copyright" not in art.text and "Sport" not in art.text


def test_html_without_date_metadata_has_no_date(tmp_path):
    html = HTML.replace('<meta property="article:published_time" content="2019-08-05T10:00:00+00:00">', "")
    art = one(read_path(write(tmp_path, "nodate.htm", html)))
    assert art.published is None


def test_html_cp1256_declared_charset(tmp_path):
    html = (f'<html lang="ar"><head><meta charset="windows-1256"><title>{AR_TITLE}</title></head><body>'
            f"<article><h1>{AR_TITLE}</h1><p>{AR_TEXT}</p><p>{AR_TEXT}</p></article></body></html>")
    art = one(read_path(write(tmp_path, "ar.html", html, "cp1256")))
    assert isinstance(art, Article), art
    assert art.language == "ar" and "طائرة مسيرة" in art.text


def test_html_without_main_text_is_no_text(tmp_path):
    html = "<html><head><title>Index</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    q = one(read_path(write(tmp_path, "empty.html", html)))
    assert isinstance(q, Quarantined) and q.reason == "no_text"


# --- the seed article, read in place ------------------------------------------------------------

seed_missing = not os.path.isdir(SHARED_SEED)


@pytest.mark.skipif(seed_missing, reason="../shared/corpus/seed/ is absent (it exists in CI)")
def test_seed_article_as_text_and_as_json_read_alike():
    txt = one(read_path(os.path.join(SHARED_SEED, "seed-ubari-strike.ar.txt")))
    js = one(read_path(os.path.join(SHARED_SEED, "articles", "seed-ubari-strike.json")))
    assert isinstance(txt, Article) and isinstance(js, Article)
    assert txt.language == js.language == "ar"
    assert js.id == "seed-ubari-strike"
    assert txt.published is None and js.published is None
    assert txt.title == js.title and txt.title
    assert " ".join(txt.full_text.split()) == " ".join(js.full_text.split())


# --- bad inputs ------------------------------------------------------------------------------------

def test_empty_and_whitespace_files(tmp_path):
    assert one(read_path(write(tmp_path, "e.txt", b""))).reason == "empty"
    assert one(read_path(write(tmp_path, "w.txt", "  \n\t\n"))).reason == "empty"
    assert one(read_path(write(tmp_path, "e.json", "[]"))).reason == "empty"


def test_binary_file(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    assert one(read_path(write(tmp_path, "photo.txt", png))).reason == "binary"


def test_undecodable_file(tmp_path):
    assert one(read_path(write(tmp_path, "junk.txt", bytes(range(128, 256)) * 8))).reason == "undecodable"


def test_malformed_and_truncated_json(tmp_path):
    assert one(read_path(write(tmp_path, "bad.json", "{'id': 1,}"))).reason == "malformed_json"
    full = json.dumps({"id": "t", "title": "T", "text": EN_TEXT})
    q = one(read_path(write(tmp_path, "trunc.json", full[: len(full) // 2])))
    assert q.reason == "malformed_json" and "line 1" in q.detail


def test_too_large_is_checked_before_reading(tmp_path):
    path = write(tmp_path, "big.txt", "Headline\n" + "word " * 1000)
    q = one(read_path(path, max_bytes=1000))
    assert q.reason == "too_large" and "1,000" in q.detail
    assert isinstance(one(read_path(path)), Article)


def test_no_text(tmp_path):
    assert one(read_path(write(tmp_path, "nt.json", json.dumps({"id": "x", "title": "Only a title"})))).reason == "no_text"
    assert one(read_path(write(tmp_path, "fm.txt", "---\nid: y\npublished: 2019-01-01\n---\n\n"))).reason == "no_text"


def test_unreadable_path(tmp_path):
    q = one(read_path(str(tmp_path / "missing.txt")))
    assert q.reason == "unreadable"


# --- small pieces -----------------------------------------------------------------------------------

@pytest.mark.parametrize("raw,iso", [
    ("2017-09-29 02:57:00", "2017-09-29"), ("2017-09-29T02:57:00Z", "2017-09-29"), ("2017-09-29", "2017-09-29"),
    ("2017/9/29", "2017-09-29"), ("29/09/2017", "2017-09-29"), ("September 29, 2017", "2017-09-29"),
    ("29 Sept 2017", "2017-09-29"), ("Fri, 29 Sep 2017 02:57:00 +0000", "2017-09-29"),
    ("2017-02-30", None), ("2017", None), ("2017-09", None), ("soon", None), ("", None), (None, None),
])
def test_published_normalised_or_none(raw, iso):
    assert normalize_published(raw) == iso


def test_language_detection():
    assert detect_language(AR_TEXT) == "ar"
    assert detect_language(EN_TEXT) == "en"
    assert detect_language("12345 ---") is None


def test_stable_id_ignores_whitespace_layout():
    assert stable_id("T", "a  b\nc") == stable_id("T", "a b c")
    assert stable_id("T", "a b c") != stable_id("T", "a b d")


def test_iter_input_files_sorted_recursive_and_skips_hidden(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.txt", "a.json", "sub/c.html", ".hidden/d.txt", "notes.docx", ".e.txt"):
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_input_files([tmp_path])]
    assert found == ["a.json", "b.txt", "sub/c.html"]
    with pytest.raises(FileNotFoundError):
        list(iter_input_files([tmp_path / "nope"]))


def test_input_files_come_in_path_order_part_by_part(tmp_path):
    """Sorted as Path objects sort (per path part: 'a/b.txt' before 'a-b.txt'), hidden files skipped."""
    from pathlib import Path

    from pipeline.readers import iter_input_files

    names = ["a.txt", "a-b.txt", "a/b.txt", "a/c/d.json", "a-c/x.md", "B.txt", "b/ä.txt", "z.html", ".h/x.txt",
             "a/.x.txt", "a b/c.txt", "a/b/c.jsonl", "a/skip.pdf"]
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    expected = sorted(tmp_path / n for n in names if not n.startswith(".") and "/." not in n and not n.endswith(".pdf"))
    assert list(iter_input_files([tmp_path])) == expected
    assert list(iter_input_files([str(tmp_path) + "//a"])) == sorted(p for p in expected if p.parent.parts[:len(tmp_path.parts) + 1] == (*tmp_path.parts, "a"))
    assert all(isinstance(p, Path) for p in iter_input_files([tmp_path]))
