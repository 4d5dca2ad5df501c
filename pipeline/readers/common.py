"""Helpers every reader shares: building an Article (id, hash, language, published date)."""
from __future__ import annotations

import hashlib
import re
from datetime import date, datetime

from pipeline.normalize import arabic_ratio
from pipeline.records import Article

# Short, frequent function words; enough to tell English from other Latin-script languages.
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "a", "is", "was", "that", "for", "on", "said", "with", "by", "were"},
    "fr": {"le", "la", "les", "et", "des", "du", "un", "une", "est", "dans", "pour", "sur", "au", "a"},
    "it": {"il", "la", "di", "che", "e", "per", "un", "una", "sono", "del", "della", "nel"},
}
_WORD = re.compile(r"[a-zà-ÿ]+")
_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), start=1)}
_MONTHS.update({name[:3]: num for name, num in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_DATE_WORD = re.compile(r"[A-Za-z]+|\d+")
_LANGUAGE_SUBTAG = re.compile(r"[-_]")


def detect_language(text: str) -> str | None:
    """'ar' when mostly Arabic letters; else the Latin-script language whose stopwords are most frequent."""
    sample = text[:20000]
    if not any(c.isalpha() for c in sample):
        return None
    if arabic_ratio(sample) >= 0.5:
        return "ar"
    words = _WORD.findall(sample.lower())
    if not words:
        return None
    scores = {lang: sum(1 for w in words if w in stops) for lang, stops in _STOPWORDS.items()}
    lang, best = max(scores.items(), key=lambda kv: (kv[1], kv[0] == "en"))
    return lang if best >= 1 else None


def normalize_published(value) -> str | None:
    """ISO 'YYYY-MM-DD' from the usual shapes ('2017-09-29 02:57:00', '2017-09-29T02:57:00Z',
    '2017/09/29', '29 September 2017', 'September 29, 2017', RFC 2822); None when not a real day.
    A month or year alone is None: a publication day is never invented."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return None  # bare numbers (timestamps, years) are too ambiguous
    s = str(value).strip()
    if not s:
        return None
    m = _YMD.match(s)
    if m:
        return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DMY.match(s)
    if m:  # day first (the common order in Libyan and European outlets), only when unambiguous or valid
        return _ymd(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    words = _DATE_WORD.findall(s)
    months = [_MONTHS[w.lower()] for w in words if w.lower() in _MONTHS]
    numbers = [int(w) for w in words if w.isdigit()]
    years = [n for n in numbers if 1900 <= n <= 2100]
    days = [n for n in numbers if 1 <= n <= 31]
    if len(months) == 1 and len(years) == 1 and days:
        return _ymd(years[0], months[0], days[0])
    from email.utils import parsedate_to_datetime  # rare shape: not worth ~10 ms of start-up

    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def content_hash(title: str | None, text: str, published: str | None) -> str:
    """sha256 of what makes an article what it is: changes when the article is edited."""
    # Each part followed by a NUL byte, hashed in one call.
    return hashlib.sha256(f"{title or ''}\x00{text}\x00{published or ''}\x00".encode("utf-8")).hexdigest()


def stable_id(title: str | None, text: str) -> str:
    """An id from the content alone, so the same article read from any path gets the same id."""
    body = " ".join(f"{title or ''}\n{text}".split())
    return "sha-" + hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def clean_str(value) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def make_article(*, text: str, title: str | None = None, id: str | None = None, url: str | None = None,
                 language: str | None = None, published=None, source_path: str | None = None,
                 source_format: str = "txt") -> Article:
    if "\r" in text:  # most texts have none: no two copies of every text
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip("\n").rstrip()
    title = clean_str(title)
    if title:
        title = " ".join(title.split())
    published_iso = normalize_published(published)
    # 'en-US' -> 'en': the primary language subtag is what filters and the extractor need.
    language = _LANGUAGE_SUBTAG.split((clean_str(language) or "").lower())[0][:8] or detect_language(f"{title or ''}\n{text}")
    return Article(
        id=clean_str(id) or stable_id(title, text),
        text=text,
        title=title,
        url=clean_str(url),
        language=language,
        published=published_iso,
        source_path=source_path,
        source_format=source_format,
        content_hash=content_hash(title, text, published_iso),
    )
