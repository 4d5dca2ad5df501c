"""Plain text and Markdown articles: the first non-empty line is the headline.

Optional front matter gives metadata, either between two `---` lines or as `key: value` lines at the
very top (only the known keys below, so an Arabic sentence with a colon is never taken for metadata):

    ---
    id: my-article
    published: 2019-07-03
    url: https://example.org/story
    language: en
    ---
    Headline
    Body…
"""
from __future__ import annotations

import re

from pipeline.readers.common import make_article
from pipeline.records import Article

FRONT_MATTER_KEYS = {"id", "title", "url", "language", "lang", "published", "date", "date_publish"}
_KEY_LINE = re.compile(r"^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$")
_KEY_LINE_AT = re.compile(_KEY_LINE.pattern[1:])   # _KEY_LINE for match(text, pos, endpos): '^' only matches at 0
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(metadata, body). Unknown keys inside a `---` block are ignored; the body is returned untouched."""
    meta: dict[str, str] = {}
    first_end = text.find("\n")
    if (text if first_end < 0 else text[:first_end]).strip() != "---":
        # `key: value` lines at the top: look at those lines only, not at every line of the body.
        start = 0
        while True:
            end = text.find("\n", start)
            m = _KEY_LINE_AT.match(text, start, len(text) if end < 0 else end)
            if not m or m.group(1).lower() not in FRONT_MATTER_KEYS:
                if meta and end >= 0 and text[start:end].strip() in ("---", "..."):
                    start = end + 1  # "published: …\n---\nHeadline": the line closes the metadata
                return meta, text[start:]
            meta[m.group(1).lower()] = _unquote(m.group(2))
            if end < 0:
                return meta, ""
            start = end + 1
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for i, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                for raw in lines[1:i]:
                    m = _KEY_LINE.match(raw)
                    if m and m.group(1).lower() in FRONT_MATTER_KEYS:
                        meta[m.group(1).lower()] = _unquote(m.group(2))
                return meta, "\n".join(lines[i + 1:])
    return {}, text  # an opening '---' never closed: not front matter


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def read_text(decoded: str, source_path: str, markdown: bool = False) -> Article:
    meta, body = split_front_matter(decoded.replace("\r\n", "\n").replace("\r", "\n"))
    body = body.strip("\n")
    if markdown:
        # '# Headline' -> 'Headline', so the headline reads the same in the text and in the title.
        body = _MD_HEADING.sub("", body.lstrip("\n"), count=1)
    title = meta.get("title")
    if not title:
        title = next((line.strip() for line in body.split("\n") if line.strip()), "")
    return make_article(
        text=body, title=title or None, id=meta.get("id"), url=meta.get("url"),
        language=meta.get("language") or meta.get("lang"),
        published=meta.get("published") or meta.get("date") or meta.get("date_publish"),
        source_path=source_path, source_format="txt",
    )
