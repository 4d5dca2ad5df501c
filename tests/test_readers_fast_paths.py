"""Readers' fast paths give what the general ones gave: reading the size os.stat reported (a file
that grew in between is still read whole, or quarantined past the limit), UTF-16 detection only for
data with NUL or control bytes, and front matter found without splitting the whole text."""
from __future__ import annotations

import os
import random

import pytest

from pipeline import readers
from pipeline.readers import read_path
from pipeline.readers.encoding import DecodeProblem, decode
from pipeline.readers.text import FRONT_MATTER_KEYS, _KEY_LINE, _unquote, split_front_matter
from pipeline.records import Article, Quarantined

TEXT = "Headline\n\nA drone struck a compound near Sabha on Tuesday, a local official said.\n"


def _stat_reporting(monkeypatch, size: int) -> None:
    """os.stat as the readers see it reports `size` bytes (the file grew after the stat)."""
    real_stat = os.stat

    class Shrunk:
        def __init__(self, st):
            self.st_size = size

    monkeypatch.setattr(readers.os, "stat", lambda name: Shrunk(real_stat(name)))


def test_file_that_grew_after_stat_is_read_whole(tmp_path, monkeypatch):
    path = tmp_path / "grew.txt"
    path.write_text(TEXT, encoding="utf-8")
    _stat_reporting(monkeypatch, 10)
    article = read_path(str(path))[0]
    assert isinstance(article, Article) and article.text.endswith("local official said.")


def test_file_that_grew_past_the_limit_is_too_large(tmp_path, monkeypatch):
    path = tmp_path / "grew.txt"
    path.write_text(TEXT, encoding="utf-8")
    _stat_reporting(monkeypatch, 10)
    q = read_path(str(path), max_bytes=40)[0]
    assert isinstance(q, Quarantined) and q.reason == "too_large"


@pytest.mark.parametrize("text", ["plain ascii text", "نص عربي بلا مسافات", "نصعربي", "سرت 2016",
                                  "mixed نص text\n" * 50])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_still_detected(text, encoding):
    assert decode(text.encode(encoding)) == (text, encoding)


def test_binary_still_binary():
    with pytest.raises(DecodeProblem) as exc:
        decode(bytes(range(256)) * 4)
    assert exc.value.reason == "binary"


def _split_front_matter_by_lines(text):
    """The line-splitting version the fast path replaced (reference)."""
    lines = text.split("\n")
    meta = {}
    if lines and lines[0].strip() == "---":
        for i, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                for raw in lines[1:i]:
                    m = _KEY_LINE.match(raw)
                    if m and m.group(1).lower() in FRONT_MATTER_KEYS:
                        meta[m.group(1).lower()] = _unquote(m.group(2))
                return meta, "\n".join(lines[i + 1:])
        return {}, text
    i = 0
    while i < len(lines):
        m = _KEY_LINE.match(lines[i])
        if not m or m.group(1).lower() not in FRONT_MATTER_KEYS:
            break
        meta[m.group(1).lower()] = _unquote(m.group(2))
        i += 1
    if meta and i < len(lines) - 1 and lines[i].strip() in ("---", "..."):
        i += 1  # the line that closes the key: value lines
    return meta, "\n".join(lines[i:])


def test_front_matter_fast_path_matches_line_splitting():
    parts = ["id: x", "ID : 'q'", "title:", " url: \"u\" ", "foo: bar", "---", "...", "", " ", "\r", "body text",
             "published: 2020-01-01\r", "lang:en", "date: :", "\t", "كلمة: نص", "language: ar "]
    rng = random.Random(7)
    for _ in range(20000):
        text = rng.choice(["\n", "\n\n"]).join(rng.choice(parts) for _ in range(rng.randint(0, 6)))
        if rng.random() < 0.3:
            text += "\n"
        assert split_front_matter(text) == _split_front_matter_by_lines(text), repr(text)
