"""Article JSON, JSON Lines and news-please JSON.

Article JSON keys: id, url, language, title, published, text (see the corpus README).
news-please keys: title, maintext, date_publish ('2017-09-29 02:57:00'), url, language; told apart by
its keys, so both shapes may share one file. A .json file holds one object or an array of them; a
.jsonl file one object per line. A bad item or line is quarantined on its own.
"""
from __future__ import annotations

import json

from pipeline.readers.common import make_article
from pipeline.records import Article, Quarantined

TEXT_KEYS = ("text", "maintext", "body", "content")


def is_newsplease(obj: dict) -> bool:
    return "maintext" in obj or "date_publish" in obj


def article_from_object(obj, source_path: str, source_format: str, record: str | None) -> Article | Quarantined:
    if not isinstance(obj, dict):
        return Quarantined(source_path, "malformed_json", f"expected a JSON object, found {type(obj).__name__}", record)
    newsplease = is_newsplease(obj)
    raw_text = next((obj[k] for k in TEXT_KEYS if isinstance(obj.get(k), str) and obj[k].strip()), None)
    if raw_text is None:
        keys = ", ".join(sorted(map(str, obj))[:8]) or "none"
        return Quarantined(source_path, "no_text", f"no article text (keys: {keys}); expected 'text' or 'maintext'", record)
    if newsplease:
        title, published = obj.get("title"), obj.get("date_publish") or obj.get("published")
        fmt = "newsplease"
    else:
        title, published = obj.get("title"), obj.get("published") or obj.get("date")
        fmt = source_format
    ident = obj.get("id")
    return make_article(
        text=raw_text, title=title if isinstance(title, str) else None,
        id=str(ident) if isinstance(ident, (str, int)) and not isinstance(ident, bool) else None,
        url=obj.get("url") if isinstance(obj.get("url"), str) else None,
        language=obj.get("language") if isinstance(obj.get("language"), str) else None,
        published=published if isinstance(published, str) else None,
        source_path=source_path, source_format=fmt,
    )


def read_json(decoded: str, source_path: str) -> list[Article | Quarantined]:
    try:
        data = json.loads(decoded)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several objects, one per line: JSON Lines in a .json file
            return read_jsonl(decoded, source_path)
        return [Quarantined(source_path, "malformed_json", f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")]
    if isinstance(data, list):
        if not data:
            return [Quarantined(source_path, "empty", "an empty JSON array")]
        return [article_from_object(item, source_path, "json", str(i)) for i, item in enumerate(data)]
    return [article_from_object(data, source_path, "json", None)]


def read_jsonl(decoded: str, source_path: str) -> list[Article | Quarantined]:
    out: list[Article | Quarantined] = []
    for lineno, line in enumerate(decoded.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(Quarantined(source_path, "malformed_json", f"line {lineno}: invalid JSON ({exc.msg})", str(lineno)))
            continue
        out.append(article_from_object(obj, source_path, "jsonl", str(lineno)))
    if not out:
        out.append(Quarantined(source_path, "empty", "no JSON lines"))
    return out
