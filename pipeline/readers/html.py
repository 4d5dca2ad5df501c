"""HTML pages: main text, title and date through trafilatura (boilerplate removal), never regexes."""
from __future__ import annotations

import re

from pipeline.readers.common import make_article
from pipeline.readers.encoding import decode
from pipeline.records import Article

# Only to find a declared charset in the page head; the text itself is parsed by trafilatura.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


# Fewer non-space characters than this is site furniture (a menu word, a cookie notice), not an article.
MIN_MAIN_TEXT_CHARS = 25


class NoMainText(Exception):
    """trafilatura found no article text in the page (a menu, an index page, an empty shell)."""


def decode_html(data: bytes) -> str:
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass  # wrong or unknown declaration: detect instead
    return decode(data)[0]


def _page_language(html: str) -> str | None:
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    lang = root.get("lang") or root.get("xml:lang")
    return lang.strip() if lang and lang.strip() else None


def read_html(html: str, source_path: str) -> Article:
    import trafilatura  # here, not at module level: ~0.2 s of start-up that only HTML input needs

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True,
        # Dates only from the page's own markup (meta tags, <time>): never guessed from body text.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len("".join(text.split())) < MIN_MAIN_TEXT_CHARS:
        raise NoMainText("no article text found in the HTML page (boilerplate only)")
    return make_article(
        text=text, title=getattr(doc, "title", None), url=getattr(doc, "url", None),
        language=_page_language(html) or getattr(doc, "language", None),
        published=getattr(doc, "date", None), source_path=source_path, source_format="html",
    )
