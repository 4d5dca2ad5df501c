"""Show an article with its evidence sentence highlighted, safely.

The article text is untrusted: every piece is HTML-escaped first, and only then is the evidence span
wrapped in <mark>. Offsets come from the store (evidence_start/evidence_end in the article's full text);
when they are missing or do not match the evidence (an edited article), the evidence is searched for.
"""
from __future__ import annotations

import html
import re


def find_evidence(text: str, evidence: str, start: int | None = None, end: int | None = None) -> tuple[int, int] | None:
    """(start, end) of the evidence in text: the stored offsets when they fit, else a search that
    tolerates different whitespace; None when the evidence is not in the text."""
    if not text:
        return None
    valid = (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text))
    if valid and (not evidence or _squash(text[start:end]) == _squash(evidence)):
        return start, end
    if not evidence or not evidence.strip():
        return (start, end) if valid else None
    at = text.find(evidence)
    if at >= 0:
        return at, at + len(evidence)
    words = [re.escape(w) for w in evidence.split()]
    if not words:
        return None
    match = re.search(r"\s+".join(words), text)
    return (match.start(), match.end()) if match else None


def _squash(s: str) -> str:
    return " ".join(s.split())


def highlight_html(text: str, evidence: str = "", start: int | None = None, end: int | None = None) -> str:
    """The text as safe HTML (direction from the text, line breaks kept) with the evidence in <mark>."""
    text = text or ""
    span = find_evidence(text, evidence, _as_int(start), _as_int(end))
    if span is None:
        body = html.escape(text)
    else:
        a, b = span
        body = (html.escape(text[:a]) + '<mark class="rasd-evidence-mark">' + html.escape(text[a:b]) + "</mark>"
                + html.escape(text[b:]))
    return ('<div class="rasd-article" dir="auto" style="white-space: pre-wrap; line-height: 1.6; '
            'max-height: 480px; overflow-y: auto; padding: 8px 12px; border: 1px solid #ddd; '
            f'border-radius: 4px;">{body}</div>')


def _as_int(value) -> int | None:
    try:
        if value is None or value != value:  # None or NaN
            return None
        return int(value)
    except (TypeError, ValueError):
        return None


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:])")


def md_text(value) -> str:
    """Untrusted text for st.markdown: markdown syntax neutralised, then HTML-escaped, so a title like
    '[x](javascript:…)' or '<img onerror=…>' shows as the characters it is made of."""
    if value is None or (isinstance(value, float) and value != value) or type(value).__name__ == "NAType":
        return ""  # None, NaN, pd.NA
    text = str(value)
    return html.escape(_MARKDOWN_SPECIALS.sub(r"\\\1", text), quote=False)
