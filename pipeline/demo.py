"""The bundled demo: articles in demo/articles/ built into a database the dashboard opens on first launch.

`build_demo_db()` runs the normal ingest (read -> extract -> geocode -> deduplicate -> store) over the
demo corpus. It builds into a temporary file and renames it into place only when complete, so an
interrupted first run never leaves a half-built database that later runs would reuse.

Which database the dashboard and the CLI use: $RASD_DB when set, else data/demo.sqlite in the repo.
A demo database carries a stamp file next to it (`<db>.demo-stamp.json`) with a fingerprint of the
demo corpus and of the code and dictionaries that turn it into events; when those change (a `git
pull` that improves extraction) the next `rasd demo build` rebuilds it. A database without a stamp is
someone's own database and is only ever reused, never rebuilt or deleted without `--force`.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import DB_ENV
from pipeline.errors import UserError
from pipeline.records import IngestSummary

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO_DIR = REPO_ROOT / "demo"
DEMO_ARTICLES_DIR = DEMO_DIR / "articles"
DEMO_INDEX_PATH = DEMO_DIR / "index.toml"
DEFAULT_DEMO_DB = REPO_ROOT / "data" / "demo.sqlite"
STAMP_SUFFIX = ".demo-stamp.json"

# What turns the corpus into events: a change in any of these makes a stamped demo database stale.
_FINGERPRINT_SOURCES = (
    DEMO_ARTICLES_DIR,
    REPO_ROOT / "pipeline" / "extract",
    REPO_ROOT / "pipeline" / "data",
    REPO_ROOT / "pipeline" / "readers",
    REPO_ROOT / "pipeline" / "dedupe.py",
    REPO_ROOT / "pipeline" / "store.py",
    REPO_ROOT / "pipeline" / "ingest.py",
    REPO_ROOT / "gazetteer",
)
_FINGERPRINT_SUFFIXES = {".py", ".toml", ".tsv", ".csv", ".json", ".jsonl", ".txt", ".html", ".md"}


# --- where the database is -------------------------------------------------------------------------

def dashboard_db_path(cli_value: str | os.PathLike | None = None) -> Path:
    """The database the dashboard (and `rasd demo build`) uses: --db, else $RASD_DB, else the demo database."""
    value = str(cli_value or os.environ.get(DB_ENV, "")).strip()
    path = Path(value).expanduser() if value else DEFAULT_DEMO_DB
    if path.is_dir():
        raise UserError(f"{path} is a folder; give a database file such as {path / 'events.sqlite'}")
    return path


def stamp_path(db_path: str | os.PathLike) -> Path:
    p = Path(db_path)
    return p.with_name(p.name + STAMP_SUFFIX)


# --- the corpus and its index --------------------------------------------------------------------

def demo_article_files(articles_dir: Path = DEMO_ARTICLES_DIR) -> list[Path]:
    """The demo article files, sorted by name (the order ingest reads them in)."""
    return sorted(p for p in articles_dir.iterdir() if p.is_file() and not p.name.startswith("."))


@dataclass(frozen=True)
class IndexEvent:
    """One event a demo report describes, as the corpus author recorded it."""

    date: str
    year: int
    place: str
    latitude: float
    longitude: float
    group: str               # target side (actor2)
    actor: str               # who acted (actor1)
    event_type: str
    role: str = "primary"
    fatalities: int | None = None
    relative: str | None = None   # "45 km SW of Sirte": latitude/longitude are then the projected point
    check: bool = True       # asserted by tests/test_demo.py (False: optional under the gold conventions)
    note: str = ""


@dataclass(frozen=True)
class IndexReport:
    """One demo article: its file, kind of source and the events it describes."""

    file: str
    language: str
    published: str
    format: str
    source_kind: str
    title: str
    id: str | None = None    # None where the file gives no id (news-please JSON, HTML): a content hash then
    events: tuple[IndexEvent, ...] = field(default_factory=tuple)


def load_demo_index(path: Path = DEMO_INDEX_PATH) -> list[IndexReport]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    reports = []
    for raw in data.get("report", []):
        raw = dict(raw)
        events = tuple(IndexEvent(**e) for e in raw.pop("event", []))
        reports.append(IndexReport(events=events, **raw))
    return reports


# --- fingerprint and stamp ----------------------------------------------------------------------

def demo_fingerprint() -> str:
    """sha256 over the demo corpus and the code/dictionaries that extract events from it."""
    h = hashlib.sha256()
    for source in _FINGERPRINT_SOURCES:
        files = [source] if source.is_file() else sorted(
            p for p in source.rglob("*")
            if p.is_file() and p.suffix in _FINGERPRINT_SUFFIXES and "__pycache__" not in p.parts)
        for f in files:
            h.update(str(f.relative_to(REPO_ROOT)).encode("utf-8"))
            h.update(b"\x00")
            h.update(f.read_bytes())
            h.update(b"\x00")
    return h.hexdigest()


def read_stamp(db_path: str | os.PathLike) -> dict | None:
    try:
        return json.loads(stamp_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_demo_database(db_path: str | os.PathLike) -> bool:
    """True when every article in the database came from the demo corpus (and there is at least one)."""
    path = Path(db_path)
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT source_path FROM articles").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    demo_names = {p.name for p in demo_article_files()}
    return bool(rows) and all(r[0] and Path(r[0]).name in demo_names for r in rows)


# --- build ----------------------------------------------------------------------------------------

@dataclass
class DemoBuild:
    path: Path
    built: bool                          # False: an existing database was reused
    reason: str                          # why it was built or reused, for the CLI message
    summary: IngestSummary | None = None


def _remove_db_files(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            p.unlink()
        except FileNotFoundError:
            pass


def build_demo_db(db_path: str | os.PathLike | None = None, *, force: bool = False,
                  progress: bool | None = None, articles_dir: Path = DEMO_ARTICLES_DIR) -> DemoBuild:
    """Build the demo database at `db_path` (default: $RASD_DB, else data/demo.sqlite) unless it exists.

    An existing database is reused, except a stamped demo database whose corpus or pipeline changed
    (rebuilt) and `force=True` (rebuilt, but only if it holds nothing but demo articles).
    """
    from pipeline.ingest import ingest

    path = dashboard_db_path(db_path)
    if path.exists():
        stamp = read_stamp(path)
        if force:
            if not is_demo_database(path) and stamp is None:
                raise UserError(f"refusing to rebuild {path}: it holds articles that are not from the demo corpus. "
                                f"Give another --db (or unset {DB_ENV}) to build the demo there.")
            reason = "rebuilt (--force)"
        elif stamp is not None and stamp.get("fingerprint") != demo_fingerprint():
            reason = "rebuilt: the demo articles or the extraction code changed since it was built"
        else:
            return DemoBuild(path, False, "reused (already built)" if stamp else "reused (your own database)")
    else:
        reason = "built (first run)"

    if not articles_dir.is_dir():
        raise UserError(f"demo articles not found in {articles_dir}")
    fingerprint = demo_fingerprint()
    # Build beside the target and rename when complete: readers never see a half-built database.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.building")
    _remove_db_files(tmp)
    try:
        summary = ingest([articles_dir], tmp, progress=progress)
        if summary.read == 0:
            raise UserError(f"no demo articles could be read from {articles_dir}")
        conn = sqlite3.connect(tmp)
        try:  # fold the WAL into the main file so the single renamed file is the whole database
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        _remove_db_files(path)
        stamp_path(path).unlink(missing_ok=True)
        os.replace(tmp, path)
        stamp_path(path).write_text(json.dumps({"fingerprint": fingerprint, "articles": summary.read,
                                                "events": summary.events}) + "\n", encoding="utf-8")
    finally:
        _remove_db_files(tmp)
    return DemoBuild(path, True, reason, summary)
