"""The SQLite store: articles, event reports, deduplicated events, place mentions, quarantined inputs.

Writing goes through a `Store` (from `open_store`), which creates and migrates the schema, runs in WAL
mode, and writes each article with its events and mentions inside one transaction, so a crash leaves
either the whole article or none of it. Reading goes through the module-level `load_*` functions,
which open the database read-only and return pandas DataFrames (what the dashboard and export use).
"""
from __future__ import annotations

import gc
import json
import os
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from pipeline.dedupe import MergedEvent, Report, block_key, connected_reports, merge_reports
from pipeline.records import EXPORT_COLUMNS, Article, ExtractedEvent, PlaceMention, Quarantined

if TYPE_CHECKING:
    import pandas as pd

# pandas is imported inside the load_* functions only: the write path (`rasd ingest`) never needs it,
# and importing it costs ~0.7 s of start-up.

SCHEMA_VERSION = 1

# Each entry upgrades the schema from version i to i+1 (index 0: empty db -> version 1).
_MIGRATIONS: list[str] = [
    """
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    -- One row per article read from disk; content_hash decides whether a re-ingest changes anything.
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, title TEXT, url TEXT, language TEXT,
        published TEXT,                       -- ISO YYYY-MM-DD, NULL when unknown
        text TEXT NOT NULL,
        full_text TEXT NOT NULL,              -- what the extractor read; evidence offsets point into it
        source_path TEXT, source_format TEXT NOT NULL,
        content_hash TEXT NOT NULL, ingested_at TEXT NOT NULL
    );

    -- One row per event report: an event as read from ONE article, before deduplication.
    -- event_id is the canonical (deduplicated) event the report belongs to.
    CREATE TABLE events (
        report_id TEXT PRIMARY KEY,           -- '<article_id>#<index>'
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        block TEXT NOT NULL,                  -- dedupe block (event family + year)
        event_id TEXT,
        role TEXT NOT NULL, event_type TEXT, sub_event_type TEXT,
        event_date TEXT, date_precision TEXT, year INTEGER,
        actor1 TEXT, assoc_actor_1 TEXT, actor2 TEXT,
        location TEXT, admin1 TEXT, latitude REAL, longitude REAL, geo_precision INTEGER,
        fatalities INTEGER, notes TEXT NOT NULL DEFAULT '', evidence TEXT NOT NULL DEFAULT '',
        evidence_start INTEGER, evidence_end INTEGER, place_id TEXT,
        field_evidence TEXT NOT NULL DEFAULT '{}'   -- JSON: field name -> sentence it came from
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_block ON events(block);
    CREATE INDEX events_event ON events(event_id);

    -- Deduplicated events, rebuilt per block by pipeline.dedupe after each write transaction.
    CREATE TABLE canonical_events (
        event_id TEXT PRIMARY KEY, block TEXT NOT NULL, role TEXT NOT NULL,
        event_date TEXT, date_precision TEXT, year INTEGER,
        event_type TEXT, sub_event_type TEXT, actor1 TEXT, assoc_actor_1 TEXT, actor2 TEXT,
        location TEXT, admin1 TEXT, latitude REAL, longitude REAL, geo_precision INTEGER,
        fatalities INTEGER, sources TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '',
        evidence TEXT NOT NULL DEFAULT '', evidence_start INTEGER, evidence_end INTEGER,
        place_id TEXT, lead_report_id TEXT NOT NULL
    );
    CREATE INDEX canonical_block ON canonical_events(block);

    -- Canonical event -> the reports (and articles) merged into it, in source order.
    CREATE TABLE event_sources (
        event_id TEXT NOT NULL, report_id TEXT NOT NULL, article_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (event_id, report_id)
    );
    CREATE INDEX event_sources_article ON event_sources(article_id);

    -- Every place the gazetteer found in an article (toponyms, including ones no event uses).
    CREATE TABLE place_mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        place_id TEXT, name TEXT, name_ar TEXT, latitude REAL, longitude REAL, admin1 TEXT,
        feature TEXT, country_code TEXT, match TEXT, score REAL, geo_precision INTEGER,
        point_latitude REAL, point_longitude REAL,  -- where an event here lies (projected when relative)
        PRIMARY KEY (article_id, start)
    );

    -- Inputs that could not be read. record: JSON Lines line / JSON array index, '' for a whole file.
    CREATE TABLE quarantine (
        path TEXT NOT NULL, record TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '', first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
        PRIMARY KEY (path, record)
    );
    """,
]

EVENT_FRAME_COLUMNS: tuple[str, ...] = (
    *EXPORT_COLUMNS, "languages", "role", "titles", "published", "evidence_start", "evidence_end", "place_id",
)
ARTICLE_FRAME_COLUMNS = ("id", "title", "url", "language", "published", "source_path", "source_format",
                         "ingested_at", "n_events")
QUARANTINE_FRAME_COLUMNS = ("path", "record", "reason", "detail", "last_seen")
MENTION_FRAME_COLUMNS = ("article_id", "start", "end", "text", "name", "latitude", "longitude", "admin1",
                         "match", "country_code")
REPORT_COLUMNS = ("report_id", "article_id", "role", "event_type", "sub_event_type", "event_date",
                  "date_precision", "actor1", "assoc_actor_1", "actor2", "location", "admin1", "latitude",
                  "longitude", "geo_precision", "fatalities", "notes", "evidence", "evidence_start",
                  "evidence_end", "place_id")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema to SCHEMA_VERSION; returns the version found before. Each step is one transaction."""
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise RuntimeError(f"database schema version {found} is newer than this Rasd ({SCHEMA_VERSION}); upgrade Rasd")
    for version in range(found, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        # Statements one by one: executescript() would COMMIT mid-migration.
        for statement in _split_sql(_MIGRATIONS[version]):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version + 1}")
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(version + 1),))
        conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('revision', '0')")
        conn.execute("COMMIT")
    return found


def _split_sql(script: str) -> list[str]:
    statements, buf = [], []
    for line in script.splitlines():
        code = line.split("--", 1)[0]
        buf.append(code)
        if code.rstrip().endswith(";"):
            stmt = "\n".join(buf).strip()
            if stmt.strip(";").strip():
                statements.append(stmt)
            buf = []
    tail = "\n".join(buf).strip()
    if tail:
        statements.append(tail)
    return statements


_IN_CHUNK = 500   # ids per "IN (?, …)" list: well under SQLite's host-parameter limit on any build


class Store:
    """A writable connection to one Rasd database."""

    def __init__(self, conn: sqlite3.Connection, path: str):
        self.conn = conn
        self.path = path

    # -- lifecycle -----------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """One atomic unit: committed entirely, or rolled back on any error (or never, if killed)."""
        self.conn.execute("BEGIN IMMEDIATE")
        changes_before = self.conn.total_changes
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            if self.conn.total_changes != changes_before:  # the revision (db_state_token) moves only on real change
                self.conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")
            self.conn.execute("COMMIT")

    # -- reading state needed by ingest ---------------------------------------------------------
    def content_hashes(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT id, content_hash FROM articles"))

    def counts(self) -> dict[str, int]:
        q = self.conn.execute
        return {
            "articles": q("SELECT count(*) FROM articles").fetchone()[0],
            "reports": q("SELECT count(*) FROM events").fetchone()[0],
            "events": q("SELECT count(*) FROM canonical_events").fetchone()[0],
            "place_mentions": q("SELECT count(*) FROM place_mentions").fetchone()[0],
            "quarantined": q("SELECT count(*) FROM quarantine").fetchone()[0],
        }

    # -- writing (call inside `transaction()`) ---------------------------------------------------
    def write_article(self, article: Article, events: list[ExtractedEvent],
                      mentions: list[PlaceMention] | None = None, now: str | None = None) -> set[str]:
        """Insert or replace one article with its events and mentions. Returns the dedupe blocks touched."""
        return self.write_articles([(article, events, mentions)], now)

    def write_articles(self, items: Iterable[tuple[Article, list[ExtractedEvent], list[PlaceMention] | None]],
                       now: str | None = None) -> set[str]:
        """`write_article` for many articles in a few bulk statements (what ingest uses: a handful of
        statements per batch instead of several per article). A later item with an id already in
        `items` replaces the earlier one. Returns the dedupe blocks touched."""
        now = now or _now()
        latest: dict[str, tuple] = {}
        for item in items:
            latest.pop(item[0].id, None)  # keep input order of the last occurrence
            latest[item[0].id] = item
        if not latest:
            return set()
        ids = list(latest)
        touched: set[str] = set()
        for start in range(0, len(ids), _IN_CHUNK):
            chunk = ids[start:start + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            touched.update(row[0] for row in self.conn.execute(
                f"SELECT DISTINCT block FROM events WHERE article_id IN ({marks})", chunk))
            self.conn.execute(f"DELETE FROM events WHERE article_id IN ({marks})", chunk)
            self.conn.execute(f"DELETE FROM place_mentions WHERE article_id IN ({marks})", chunk)
        article_rows, event_rows, mention_rows = [], [], []
        dumps = json.dumps
        for article, events, mentions in latest.values():
            aid = article.id
            article_rows.append((aid, article.title, article.url, article.language, article.published, article.text,
                                 article.full_text, article.source_path, article.source_format,
                                 article.content_hash, now))
            for ev in events:
                block = block_key(ev.event_type, ev.event_date)
                touched.add(block)
                event_rows.append((
                    f"{aid}#{ev.index}", aid, ev.index, block, ev.role, ev.event_type,
                    ev.sub_event_type, ev.event_date, ev.date_precision, ev.year, ev.actor1, ev.assoc_actor_1,
                    ev.actor2, ev.location, ev.admin1, ev.latitude, ev.longitude, ev.geo_precision,
                    ev.fatalities, ev.notes or "", ev.evidence or "", ev.evidence_start, ev.evidence_end,
                    ev.place.place_id if ev.place is not None else None,
                    dumps(ev.field_evidence or {}, ensure_ascii=False, sort_keys=True)))
            if mentions:
                mention_rows.extend(
                    (aid, m.start, m.end, m.text, m.place_id, m.name, m.name_ar, m.latitude, m.longitude,
                     m.admin1, m.feature, m.country_code, m.match, m.score, m.geo_precision, *m.point)
                    for m in mentions)
        self.conn.executemany(
            "INSERT OR REPLACE INTO articles(id, title, url, language, published, text, full_text, source_path,"
            " source_format, content_hash, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", article_rows)
        self.conn.executemany(
            "INSERT OR REPLACE INTO events(report_id, article_id, idx, block, role, event_type, sub_event_type,"
            " event_date, date_precision, year, actor1, assoc_actor_1, actor2, location, admin1, latitude,"
            " longitude, geo_precision, fatalities, notes, evidence, evidence_start, evidence_end, place_id,"
            " field_evidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", event_rows)
        if mention_rows:
            self.conn.executemany(
                'INSERT OR REPLACE INTO place_mentions(article_id, start, "end", text, place_id, name, name_ar,'
                " latitude, longitude, admin1, feature, country_code, match, score, geo_precision,"
                " point_latitude, point_longitude) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", mention_rows)
        return touched

    def delete_article(self, article_id: str) -> set[str]:
        touched = {row[0] for row in self.conn.execute(
            "SELECT DISTINCT block FROM events WHERE article_id = ?", (article_id,))}
        for table in ("events", "place_mentions"):
            self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        return touched

    def record_quarantine(self, items: Iterable[Quarantined], now: str | None = None) -> None:
        now = now or _now()
        self.conn.executemany(
            "INSERT INTO quarantine(path, record, reason, detail, first_seen, last_seen) VALUES (?,?,?,?,?,?)"
            " ON CONFLICT(path, record) DO UPDATE SET reason = excluded.reason, detail = excluded.detail,"
            " last_seen = excluded.last_seen",
            [(q.path, q.record or "", q.reason, q.detail or "", now, now) for q in items])

    def clear_quarantine(self, paths: Iterable[str]) -> None:
        """Forget earlier quarantine entries of files that were read again (they are re-recorded if still bad)."""
        self.conn.executemany("DELETE FROM quarantine WHERE path = ?", [(p,) for p in paths])

    def rebuild_events(self, blocks: Iterable[str] | None = None) -> int:
        """Re-run deduplication for the given blocks (all when None). Returns the number of events written."""
        if blocks is None:
            blocks = [r[0] for r in self.conn.execute("SELECT DISTINCT block FROM events")]
            self.conn.execute("DELETE FROM canonical_events")
            self.conn.execute("DELETE FROM event_sources")
        blocks = sorted(set(blocks))
        # Every old event goes before any new one is written: an event id is the hash of its smallest
        # report id, so a report that moved to another block can give a new event there the id of an old
        # event here (which must not then be deleted, nor keep its old sources).
        for block in blocks:
            self._delete_events([r[0] for r in self.conn.execute(
                "SELECT event_id FROM canonical_events WHERE block = ?", (block,))])
        written = 0
        for block in blocks:
            merged = merge_reports(self._reports(block))
            self._write_merged(merged)
            written += len(merged)
        return written

    def update_events(self, blocks: Iterable[str]) -> int:
        """Bring the deduplicated events of `blocks` up to date after writes, re-clustering only what the
        writes can have changed; the result is exactly what `rebuild_events(blocks)` gives (see
        pipeline.dedupe: clustering works per connected component of the compatible graph).

        Seeds: reports not yet in an event (new or rewritten ones have event_id NULL) and the remaining
        members of every event that lost a report. Their connected components are clustered again and
        replace the events they held. Returns the number of events written."""
        work: list[list[Report]] = []
        for block in sorted(set(blocks)):
            reports, event_of = self._reports_with_events(block)
            current = {row[0] for row in self.conn.execute(
                "SELECT event_id FROM canonical_events WHERE block = ?", (block,))}
            # Events that lost a report (deleted, moved to another block, or rewritten: event_id NULL).
            stale = {row[0] for row in self.conn.execute(
                "SELECT DISTINCT c.event_id FROM canonical_events c"
                " LEFT JOIN event_sources s ON s.event_id = c.event_id"
                " LEFT JOIN events e ON e.report_id = s.report_id"
                " WHERE c.block = ? AND (s.report_id IS NULL OR e.report_id IS NULL OR e.event_id IS NULL"
                " OR e.event_id != c.event_id)", (block,))}
            seeds = [rid for rid, eid in event_of.items() if eid is None or eid in stale or eid not in current]
            affected = connected_reports(reports, seeds) if seeds else set()
            # All deletions before any write, as in rebuild_events.
            self._delete_events(stale | {event_of[rid] for rid in affected if event_of[rid] is not None})
            if affected:
                work.append([r for r in reports if r.report_id in affected])
        written = 0
        for reports in work:
            merged = merge_reports(reports)
            self._write_merged(merged)
            written += len(merged)
        return written

    def _delete_events(self, event_ids: Iterable[str]) -> None:
        ids = [(e,) for e in event_ids]
        self.conn.executemany("DELETE FROM event_sources WHERE event_id = ?", ids)
        self.conn.executemany("DELETE FROM canonical_events WHERE event_id = ?", ids)

    _REPORT_SELECT = (
        "SELECT e.report_id, e.article_id, e.role, e.event_type, e.sub_event_type, e.event_date,"
        " e.date_precision, e.actor1, e.assoc_actor_1, e.actor2, e.location, e.admin1, e.latitude,"
        " e.longitude, e.geo_precision, e.fatalities, e.notes, e.evidence, e.evidence_start,"
        " e.evidence_end, e.place_id, a.published, e.event_id FROM events e JOIN articles a ON a.id = e.article_id"
        " WHERE e.block = ?")

    def _reports_with_events(self, block: str) -> tuple[list[Report], dict[str, str | None]]:
        """The block's reports, and each report's current event id (None: not deduplicated yet)."""
        reports: list[Report] = []
        event_of: dict[str, str | None] = {}
        for row in self.conn.execute(self._REPORT_SELECT, (block,)):
            reports.append(Report(*row[:-1]))
            event_of[row[0]] = row[-1]
        return reports, event_of

    def _reports(self, block: str) -> list[Report]:
        return self._reports_with_events(block)[0]

    def _write_merged(self, merged: list[MergedEvent]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO canonical_events(event_id, block, role, event_date, date_precision, year,"
            " event_type, sub_event_type, actor1, assoc_actor_1, actor2, location, admin1, latitude, longitude,"
            " geo_precision, fatalities, sources, notes, evidence, evidence_start, evidence_end, place_id,"
            " lead_report_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(m.event_id, m.block, m.role, m.event_date, m.date_precision, m.year, m.event_type,
              m.sub_event_type, m.actor1, m.assoc_actor_1, m.actor2, m.location, m.admin1, m.latitude,
              m.longitude, m.geo_precision, m.fatalities, ";".join(m.sources), m.notes, m.evidence,
              m.evidence_start, m.evidence_end, m.place_id, m.lead_report_id) for m in merged])
        self.conn.executemany(
            "INSERT OR REPLACE INTO event_sources(event_id, report_id, article_id, position) VALUES (?,?,?,?)",
            [(m.event_id, rid, rid.rsplit("#", 1)[0], pos) for m in merged for pos, rid in enumerate(m.report_ids)])
        self.conn.executemany(
            "UPDATE events SET event_id = ? WHERE report_id = ?",
            [(m.event_id, rid) for m in merged for rid in m.report_ids])


def open_store(db_path: str | os.PathLike) -> Store:
    """Open (creating and migrating when needed) a Rasd database for writing, in WAL mode."""
    path = str(db_path)
    parent = Path(path).parent
    if not parent.exists():
        parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)  # autocommit; we manage transactions
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")   # WAL + NORMAL: durable at checkpoints, never corrupt
    conn.execute("PRAGMA foreign_keys=ON")
    migrate(conn)
    return Store(conn, path)


# ------------------------------------------------------------------------------------------------
# Read side: module-level functions taking a path (what the dashboard caches), read-only connections.

@contextmanager
def _reader(db_path) -> Iterator[sqlite3.Connection | None]:
    """A read-only connection, or None when the database does not exist (or has no schema yet)."""
    path = Path(db_path)
    if not path.exists():
        yield None
        return
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        yield conn if version >= 1 else None
    finally:
        conn.close()


def _frame(conn, sql: str, params=(), columns=()) -> pd.DataFrame:
    import pandas as pd

    if conn is None:
        return pd.DataFrame(columns=list(columns))
    return pd.read_sql_query(sql, conn, params=params)


def _join_unique(values) -> str:
    """Distinct non-empty values, ';'-joined in first-seen order."""
    import pandas as pd

    seen: list[str] = []
    for v in values:
        if v not in (None, "") and not (isinstance(v, float) and pd.isna(v)) and str(v) not in seen:
            seen.append(str(v))
    return ";".join(seen)


_EVENT_SELECT = (
    "SELECT event_id, event_date, date_precision, year, event_type, sub_event_type, actor1,"
    " assoc_actor_1, actor2, location, admin1, latitude, longitude, geo_precision, fatalities,"
    " sources, notes, evidence, role, evidence_start, evidence_end, place_id"
    " FROM canonical_events ORDER BY event_date IS NULL, event_date, event_id")


def _source_columns(conn: sqlite3.Connection, event_ids: list[str]) -> dict[str, pd.Series]:
    """source_urls, languages, titles (distinct non-empty values, ';'-joined in source order) and
    published (the earliest) of each event in `event_ids`, as Series aligned with it.

    Two plain scans and one pass in Python. A per-group pandas aggregation took ~10 s at 100,000
    events, an articles JOIN with ORDER BY most of a second; vectorising this in pandas was slower
    still. An event without readable sources gets '' and NaN, as the left merge this replaced did."""
    import pandas as pd

    # Per article, once: the values an event with this single source shows ('' for none, None undated).
    articles = {
        aid: ("" if url in (None, "") else str(url), "" if language in (None, "") else str(language),
              "" if title in (None, "") else str(title), when if isinstance(when, str) and when else None)
        for aid, url, language, title, when in conn.execute("SELECT id, url, language, title, published FROM articles")}
    summary: dict[str, tuple] = {}          # event_id -> its only source's values, until a second one shows up
    several: dict[str, list[tuple]] = {}    # event_id -> [(position, values), …] for merged events
    first_position: dict[str, int] = {}
    for event_id, position, article_id in conn.execute("SELECT event_id, position, article_id FROM event_sources"):
        values = articles.get(article_id)
        if values is None:  # inner-join semantics: a link to a missing article contributes nothing
            continue
        if event_id not in summary:
            summary[event_id] = values
            first_position[event_id] = position
        elif event_id in several:
            several[event_id].append((position, values))
        else:
            several[event_id] = [(first_position[event_id], summary[event_id]), (position, values)]
    for event_id, members in several.items():
        members.sort(key=lambda member: member[0])  # source order
        sources = [values for _position, values in members]
        summary[event_id] = (_join_unique([v[0] for v in sources]), _join_unique([v[1] for v in sources]),
                             _join_unique([v[2] for v in sources]),
                             min((v[3] for v in sources if v[3] is not None), default=None))
    no_sources = ("", "", "", float("nan"))
    urls, languages, titles, published = zip(*[summary.get(event_id, no_sources) for event_id in event_ids])
    # dtypes as pandas infers them (like the aggregation this replaced): text columns, and for
    # published text dates with missing ones NaN when any source is dated, else plain None objects.
    columns = {"source_urls": pd.Series(list(urls)), "languages": pd.Series(list(languages)),
               "titles": pd.Series(list(titles))}
    if any(isinstance(v, str) for v in published):
        columns["published"] = pd.Series(list(published)).astype("object")
    else:
        columns["published"] = pd.Series(list(published), dtype="object")
    return columns


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Bulk loads create millions of small objects; the cyclic GC rescanning them adds ~20 % for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_events_frame(db_path) -> pd.DataFrame:
    """One row per deduplicated event: EXPORT_COLUMNS + languages, role, titles, published (earliest),
    evidence_start/evidence_end (in the first source's full text), place_id."""
    import pandas as pd

    with _reader(db_path) as conn, _gc_paused():
        if conn is None:
            return pd.DataFrame(columns=list(EVENT_FRAME_COLUMNS))
        df = pd.read_sql_query(_EVENT_SELECT, conn)
        if df.empty:
            return pd.DataFrame(columns=list(EVENT_FRAME_COLUMNS))
        joined = _source_columns(conn, df["event_id"].tolist())
        for col, values in joined.items():
            values.index = df.index
            df[col] = values
        for col in ("year", "geo_precision", "fatalities", "evidence_start", "evidence_end"):
            df[col] = pd.array(df[col], dtype="Int64")
        for col in ("latitude", "longitude"):
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
        df = df.astype({c: "object" for c in ("event_date", "date_precision")})
        return df[list(EVENT_FRAME_COLUMNS)].reset_index(drop=True)


def load_articles_frame(db_path) -> pd.DataFrame:
    """id, title, url, language, published, source_path, source_format, ingested_at, n_events."""
    with _reader(db_path) as conn:
        return _frame(conn, (
            "SELECT a.id, a.title, a.url, a.language, a.published, a.source_path, a.source_format,"
            " a.ingested_at, (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events"
            " FROM articles a ORDER BY a.published IS NULL, a.published, a.id"), columns=ARTICLE_FRAME_COLUMNS)


def load_article(db_path, article_id: str) -> dict | None:
    """One article as a dict (all stored fields, incl. 'full_text'), or None when unknown."""
    with _reader(db_path) as conn:
        if conn is None:
            return None
        conn.row_factory = sqlite3.Row
        row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return dict(row) if row is not None else None


def load_event_reports(db_path, event_id: str) -> pd.DataFrame:
    """Every per-article report merged into one event, in source order, with its article's title/url."""
    columns = (*REPORT_COLUMNS, "field_evidence", "title", "url", "language", "published", "position")
    with _reader(db_path) as conn:
        return _frame(conn, (
            "SELECT " + ", ".join(f"e.{c}" for c in REPORT_COLUMNS) + ", e.field_evidence,"
            " a.title, a.url, a.language, a.published, s.position FROM event_sources s"
            " JOIN events e ON e.report_id = s.report_id JOIN articles a ON a.id = e.article_id"
            " WHERE s.event_id = ? ORDER BY s.position"), (event_id,), columns=columns)


def load_quarantine_frame(db_path) -> pd.DataFrame:
    """path, record, reason, detail, last_seen."""
    with _reader(db_path) as conn:
        return _frame(conn, "SELECT path, record, reason, detail, last_seen FROM quarantine ORDER BY path, record",
                      columns=QUARANTINE_FRAME_COLUMNS)


def load_place_mentions_frame(db_path) -> pd.DataFrame:
    """article_id, start, end, text, name, latitude, longitude, admin1, match, country_code (+ place_id, feature…)."""
    with _reader(db_path) as conn:
        return _frame(conn, (
            'SELECT article_id, start, "end", text, name, latitude, longitude, admin1, match, country_code,'
            " place_id, name_ar, feature, score, geo_precision, point_latitude, point_longitude"
            " FROM place_mentions ORDER BY article_id, start"), columns=MENTION_FRAME_COLUMNS)


def db_state_token(db_path) -> str:
    """Changes whenever the db content changes: a cache key for st.cache_data."""
    path = Path(db_path)
    if not path.exists():
        return "missing"
    stat = path.stat()
    revision = "?"
    try:
        with _reader(path) as conn:
            if conn is not None:
                row = conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
                revision = row[0] if row else "0"
    except sqlite3.Error:
        pass
    # The revision counter moves with every committed write; inode/mtime catch a replaced file.
    return f"{path.resolve()}:{stat.st_ino}:{stat.st_mtime_ns}:{revision}"
