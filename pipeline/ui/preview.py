"""'Try an article' on the data-quality page: read a pasted or uploaded article, show what the pipeline
extracts, and only on request add it to the database through the normal ingest path.

Pasted articles are saved as an article JSON file (id, title, text, published, url, language) and
uploads are saved as they came, under `<database folder>/added-from-dashboard/`, so the database's
source_path points at a real file and re-ingesting that folder gives the same result.
"""
from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pandas as pd

from pipeline.readers import read_path
from pipeline.records import Article, ExtractedEvent, IngestSummary, Quarantined

ADDED_FOLDER = "added-from-dashboard"
PREVIEW_COLUMNS = ("event_date", "date_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
                   "actor2", "location", "admin1", "latitude", "longitude", "geo_precision", "fatalities",
                   "role", "evidence", "notes")
_gazetteer_cache: list = []


def gazetteer():
    """The default gazetteer (loaded once), or None when it is not available."""
    if not _gazetteer_cache:
        try:
            from gazetteer import default_gazetteer
            _gazetteer_cache.append(default_gazetteer())
        except Exception:  # missing or broken gazetteer data: extraction still runs, without places
            _gazetteer_cache.append(None)
    return _gazetteer_cache[0]


def pasted_payload(text: str, title: str = "", published: str = "", url: str = "", language: str = "") -> dict:
    payload = {"title": title.strip() or None, "text": text, "published": published.strip() or None,
               "url": url.strip() or None, "language": language.strip() or None}
    return {k: v for k, v in payload.items() if v}


def _safe_name(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).name).strip("-.") or "article"
    return stem[:80]


def read_upload(name: str, content: bytes) -> list[Article | Quarantined]:
    """Read an uploaded file with the same readers as `rasd ingest` (via a temporary copy)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / _safe_name(name)
        path.write_bytes(content)
        return read_path(path)


def read_pasted(payload: dict) -> list[Article | Quarantined]:
    return read_upload("pasted.json", json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def extract(article: Article) -> list[ExtractedEvent]:
    from pipeline import extract as extraction  # looked up at call time: the extractor may be replaced

    return list(extraction.extract_events(article, gazetteer()))


def events_frame(events: list[ExtractedEvent]) -> pd.DataFrame:
    rows = [{c: getattr(e, c, None) for c in PREVIEW_COLUMNS} for e in events]
    return pd.DataFrame(rows, columns=list(PREVIEW_COLUMNS))


def save_for_ingest(db_path: Path, name: str, content: bytes) -> Path:
    """Keep the article next to the database (never overwriting a different file) and return its path."""
    folder = Path(db_path).resolve().parent / ADDED_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / _safe_name(name)
    counter = 1
    while target.exists() and target.read_bytes() != content:
        target = folder / f"{target.stem}-{counter}{target.suffix}"
        counter += 1
    target.write_bytes(content)
    return target


def add_to_database(db_path: Path, name: str, content: bytes) -> IngestSummary:
    """Ingest the article file exactly as `rasd ingest FILE --db DB` would."""
    from pipeline.ingest import ingest

    path = save_for_ingest(db_path, name, content)
    return ingest([path], db_path, progress=False)
