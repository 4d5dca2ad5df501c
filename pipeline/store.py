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

from pipeline.dedupe import (MergedEvent, Report, ReportIndex, block_key, cluster, merge_cluster, merge_reports,
                             report_from_values)
from pipeline.records import EXPORT_COLUMNS, Article, ExtractedEvent, PlaceMention, Quarantined

if TYPE_CHECKING:
    import pandas as pd

# pandas is imported inside the load_* functions only: the write path (`rasd ingest`) never needs it,
# and importing it costs ~0.7 s of start-up.

SCHEMA_VERSION = 3

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
    # 1 -> 2: two indexes no query uses (nothing looks report rows up by event id, or event sources by
    # article), which every write kept up to date. A database still at version 1 reads the same.
    """
    DROP INDEX IF EXISTS events_event;
    DROP INDEX IF EXISTS event_sources_article;
    """,
    # 2 -> 3: place mentions and event sources kept in their primary key's own b-tree (WITHOUT ROWID),
    # the same columns, keys and rows: their rows are small, and a rowid table also kept a copy of
    # every key in a separate index, which each insert updated (about a quarter of inserting a mention row).
    """
    CREATE TABLE place_mentions_v3 (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        place_id TEXT, name TEXT, name_ar TEXT, latitude REAL, longitude REAL, admin1 TEXT,
        feature TEXT, country_code TEXT, match TEXT, score REAL, geo_precision INTEGER,
        point_latitude REAL, point_longitude REAL,  -- where an event here lies (projected when relative)
        PRIMARY KEY (article_id, start)
    ) WITHOUT ROWID;
    INSERT INTO place_mentions_v3 (article_id, start, "end", text, place_id, name, name_ar, latitude, longitude,
        admin1, feature, country_code, match, score, geo_precision, point_latitude, point_longitude)
        SELECT article_id, start, "end", text, place_id, name, name_ar, latitude, longitude,
        admin1, feature, country_code, match, score, geo_precision, point_latitude, point_longitude
        FROM place_mentions;
    DROP TABLE place_mentions;
    ALTER TABLE place_mentions_v3 RENAME TO place_mentions;

    CREATE TABLE event_sources_v3 (
        event_id TEXT NOT NULL, report_id TEXT NOT NULL, article_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (event_id, report_id)
    ) WITHOUT ROWID;
    INSERT INTO event_sources_v3 (event_id, report_id, article_id, position)
        SELECT event_id, report_id, article_id, position FROM event_sources;
    DROP TABLE event_sources;
    ALTER TABLE event_sources_v3 RENAME TO event_sources;
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
_CACHED_REPORTS_MAX = 100_000   # reports kept in memory between transactions (~1-2 KB each); more: reload per batch

# field_evidence as stored: json.dumps(value, ensure_ascii=False, sort_keys=True).
_field_evidence_encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
_json_string = json.encoder.encode_basestring   # what that encoder writes a str as (C when available)
_field_key_json: dict[str, str] = {}   # field name -> '"name": ' as the encoder writes it


def _field_evidence_json(field_evidence: dict) -> str:
    """`_field_evidence_encoder(field_evidence)`, writing each distinct sentence once: an event's fields
    mostly come from one sentence, and escaping it is most of the work. Only for str -> str dicts
    (what the extractor makes); anything else goes through the encoder."""
    if not field_evidence:
        return "{}"
    if type(field_evidence) is not dict:
        return _field_evidence_encoder(field_evidence)
    parts = []
    written: dict[str, str] = {}
    for key in sorted(field_evidence):
        value = field_evidence[key]
        if type(key) is not str or type(value) is not str:
            return _field_evidence_encoder(field_evidence)
        text = written.get(value)
        if text is None:
            text = written[value] = _json_string(value)
        prefix = _field_key_json.get(key)
        if prefix is None:
            prefix = _json_string(key) + ": "
            if len(_field_key_json) < 100:  # field names: a few dozen at most
                _field_key_json[key] = prefix
        parts.append(prefix + text)
    return "{" + ", ".join(parts) + "}"

_ARTICLE_INSERT = (
    "INSERT OR REPLACE INTO articles(id, title, url, language, published, text, full_text, source_path,"
    " source_format, content_hash, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
_EVENT_INSERT = (
    "INSERT OR REPLACE INTO events(report_id, article_id, idx, block, role, event_type, sub_event_type,"
    " event_date, date_precision, year, actor1, assoc_actor_1, actor2, location, admin1, latitude,"
    " longitude, geo_precision, fatalities, notes, evidence, evidence_start, evidence_end, place_id,"
    " field_evidence, event_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
_MENTION_INSERT = (
    'INSERT OR REPLACE INTO place_mentions(article_id, start, "end", text, place_id, name, name_ar,'
    " latitude, longitude, admin1, feature, country_code, match, score, geo_precision,"
    " point_latitude, point_longitude) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")


class _Checkpointer:
    """Runs `PRAGMA wal_checkpoint(PASSIVE)` on request in a helper thread with its own connection
    (see Store.checkpoint_in_background). PASSIVE never waits for readers or the writer; whatever it
    cannot copy now is copied by a later request or when the store closes."""

    def __init__(self, path: str):
        import threading  # only for stores that use it

        self._path = path
        self._wanted = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="rasd-wal-checkpoint", daemon=True)
        self._thread.start()

    def request(self) -> None:
        self._wanted.set()

    def stop(self) -> None:
        self._stopping = True
        self._wanted.set()
        self._thread.join()

    def _run(self) -> None:
        conn = sqlite3.connect(self._path, isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous=NORMAL")
            while True:
                self._wanted.wait()
                self._wanted.clear()
                if self._stopping:
                    return
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                except sqlite3.Error:
                    pass  # e.g. busy: a later request or closing the store checkpoints instead
        finally:
            conn.close()


class _Block:
    """One dedupe block as the database holds it: its reports, the event of each report (None: not
    deduplicated yet) and the reports of each canonical event (event_sources).

    A block kept in memory also keeps what re-clustering needs between batches: its reports' grid
    index (`index`, built at the first connected-component search) and what changed since it was last
    re-clustered (`lost`: events that lost a report; `unplaced`: reports not in an event yet), so a
    batch looks at what it changed instead of at every event of the block. `lost` None: not known
    (a block read from the tables), every event is checked."""

    __slots__ = ("reports", "event_of", "events", "index", "lost", "unplaced")

    def __init__(self) -> None:
        self.reports: dict[str, Report] = {}
        self.event_of: dict[str, str | None] = {}
        self.events: dict[str, list[str]] = {}
        self.index: ReportIndex | None = None
        self.lost: set[str] | None = None
        self.unplaced: set[str] = set()

    def add_report(self, report: Report) -> None:
        """A new report row (replacing one with the same id), not in an event yet."""
        report_id = report.report_id
        if report_id in self.reports:
            self.remove_report(report_id)
        self.reports[report_id] = report
        self.event_of[report_id] = None
        if self.index is not None:
            self.index.add(report)
        if self.lost is not None:
            self.unplaced.add(report_id)

    def remove_report(self, report_id: str) -> None:
        self.reports.pop(report_id, None)
        event_id = self.event_of.pop(report_id, None)
        if self.index is not None:
            self.index.remove(report_id)
        if self.lost is not None:
            if event_id is not None:
                self.lost.add(event_id)
            self.unplaced.discard(report_id)

    def seeds(self) -> tuple[set[str], set[str]]:
        """(events that lost a report, reports to cluster again from: the reports not in an event, in
        an event that lost a report, or in an event the block does not hold)."""
        event_of, events = self.event_of, self.events
        if self.lost is None:
            stale = {event_id for event_id, members in events.items()
                     if not members or any(event_of.get(rid) != event_id for rid in members)}
            return stale, {rid for rid, event_id in event_of.items()
                           if event_id is None or event_id in stale or event_id not in events}
        # Changes tracked since the block was consistent (every report in a held event, and back):
        # the same sets, from what changed.
        stale = {event_id for event_id in self.lost if event_id in events}
        seeds = set(self.unplaced)
        for event_id in stale:
            seeds.update(rid for rid in events[event_id] if event_of.get(rid) == event_id)
        return stale, seeds

    def components(self, seeds: set[str]) -> set[str]:
        """The reports connected to `seeds` (see pipeline.dedupe.connected_reports)."""
        if self.index is None:
            self.index = ReportIndex(self.reports.values())
        return self.index.connected(seeds)

    def reclustered(self) -> None:
        """The block is consistent again: from now on only its changes need looking at."""
        self.lost = set()
        self.unplaced = set()


class Store:
    """A writable connection to one Rasd database.

    Inside `transaction()` the Store keeps the dedupe blocks it has read (`_Block`: reports, their
    events) in memory from one transaction to the next, changing them exactly as it changes the
    database, so a long ingest reads each block once instead of once per batch. The copy is dropped
    when a transaction rolls back, when another connection has committed in between (PRAGMA
    data_version), after any write made outside `transaction()`, and when it grows past
    _CACHED_REPORTS_MAX reports."""

    def __init__(self, conn: sqlite3.Connection, path: str):
        self.conn = conn
        self.path = path
        self._blocks: dict[str, _Block] = {}
        self._block_of_event: dict[str, str] = {}   # canonical event id -> its block, for the cached blocks
        self._data_version: int | None = None
        self._in_transaction = False
        self._checkpointer: _Checkpointer | None = None
        self._background_checkpoints = False

    # -- lifecycle -----------------------------------------------------------------------------
    def close(self) -> None:
        self._forget()
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        self.conn.close()  # the last connection to close checkpoints what is left in the WAL

    def checkpoint_in_background(self) -> None:
        """Copy committed pages from the WAL into the database file in a helper thread after each
        commit, instead of inside the commit that grows the WAL past 1000 pages (SQLite's default).
        With synchronous=NORMAL a checkpoint waits for two fsyncs (~0.25 s per 30 MB written here);
        in the thread that disk wait overlaps the caller's reading and extraction. Same files, same
        durability. For long writers (ingest); the thread starts at the first commit."""
        self.conn.execute("PRAGMA wal_autocheckpoint=0")
        self._background_checkpoints = True

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """One atomic unit: committed entirely, or rolled back on any error (or never, if killed)."""
        self.conn.execute("BEGIN IMMEDIATE")
        # Changes by other connections since our last transaction make the cached blocks stale.
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._data_version:
            self._forget()
            self._data_version = version
        changes_before = self.conn.total_changes
        self._in_transaction = True
        try:
            yield self
        except BaseException:
            self._in_transaction = False
            self._forget()
            self.conn.execute("ROLLBACK")
            raise
        else:
            self._in_transaction = False
            if self.conn.total_changes != changes_before:  # the revision (db_state_token) moves only on real change
                self.conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")
            self.conn.execute("COMMIT")
            if self._background_checkpoints:
                if self._checkpointer is None:
                    self._checkpointer = _Checkpointer(self.path)
                self._checkpointer.request()
            if sum(len(b.reports) for b in self._blocks.values()) > _CACHED_REPORTS_MAX:
                self._forget()

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
                       now: str | None = None, *, dedupe: bool = False) -> set[str]:
        """`write_article` for many articles in a few bulk statements (what ingest uses: a handful of
        statements per batch instead of several per article). A later item with an id already in
        `items` replaces the earlier one. Returns the dedupe blocks touched.

        dedupe=True also brings the deduplicated events up to date: the same database as
        `update_events(write_articles(items))`, but inside `transaction()` each new report row is
        written once, with its event id, instead of written and then updated."""
        now = now or _now()
        latest: dict[str, tuple] = {}
        for item in items:
            latest.pop(item[0].id, None)  # keep input order of the last occurrence
            latest[item[0].id] = item
        if not latest:
            return set()
        with _gc_paused():  # a batch makes ~100,000 small objects; collector passes over them are wasted work
            return self._write_articles(latest, now, dedupe)

    def _write_articles(self, latest: dict[str, tuple], now: str, dedupe: bool) -> set[str]:
        cached = self._use_cache()
        ids = list(latest)
        old_reports: list[tuple[str, str]] = []   # (report id, block) of the rows these articles replace
        for start in range(0, len(ids), _IN_CHUNK):
            chunk = ids[start:start + _IN_CHUNK]
            old_reports.extend(self.conn.execute(
                f"SELECT report_id, block FROM events WHERE article_id IN ({','.join('?' * len(chunk))})", chunk))
        touched = {block for _, block in old_reports}

        article_rows, mention_rows = [], []
        new_reports: dict[str, tuple[str, Report, tuple]] = {}   # report id -> (block, report, row); last one wins
        for article, events, mentions in latest.values():
            aid = article.id
            published = article.published
            article_rows.append((aid, article.title, article.url, article.language, published, article.text,
                                 article.full_text, article.source_path, article.source_format,
                                 article.content_hash, now))
            for ev in events:
                block = block_key(ev.event_type, ev.event_date)
                touched.add(block)
                report_id = f"{aid}#{ev.index}"
                notes, evidence = ev.notes or "", ev.evidence or ""
                place_id = ev.place.place_id if ev.place is not None else None
                row = (report_id, aid, ev.index, block, ev.role, ev.event_type, ev.sub_event_type, ev.event_date,
                       ev.date_precision, ev.year, ev.actor1, ev.assoc_actor_1, ev.actor2, ev.location,
                       ev.admin1, ev.latitude, ev.longitude, ev.geo_precision, ev.fatalities, notes, evidence,
                       ev.evidence_start, ev.evidence_end, place_id,
                       _field_evidence_json(ev.field_evidence))
                new_reports.pop(report_id, None)
                new_reports[report_id] = (block, _report_of_event(report_id, aid, ev, notes, evidence, place_id,
                                                                  published), row)
            if mentions:
                mention_rows += [
                    (aid, m.start, m.end, m.text, m.place_id, m.name, m.name_ar, m.latitude, m.longitude,
                     m.admin1, m.feature, m.country_code, m.match, m.score, m.geo_precision, *m.point)
                    for m in mentions]

        # The cached copy of every touched block must show the state before these writes; then it
        # changes exactly as the tables do.
        blocks = {block: self._block(block) for block in sorted(touched)} if cached else {}
        for start in range(0, len(ids), _IN_CHUNK):
            chunk = ids[start:start + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            self.conn.execute(f"DELETE FROM events WHERE article_id IN ({marks})", chunk)
            self.conn.execute(f"DELETE FROM place_mentions WHERE article_id IN ({marks})", chunk)
        if cached:
            for report_id, block in old_reports:
                blocks[block].remove_report(report_id)
        self.conn.executemany(_ARTICLE_INSERT, article_rows)
        if cached:
            for block, report, _row in new_reports.values():
                blocks[block].add_report(report)
        if dedupe and cached:
            # Cluster first, so each new report row is inserted once, with its event id.
            new_event_of = self._recluster(blocks, written_reports=new_reports)[1]
            self.conn.executemany(_EVENT_INSERT, [(*row, new_event_of[report_id])
                                                  for report_id, (_b, _r, row) in new_reports.items()])
        else:
            self.conn.executemany(_EVENT_INSERT, [(*row, None) for _b, _r, row in new_reports.values()])
            if dedupe:
                self.update_events(touched)
        if mention_rows:
            self.conn.executemany(_MENTION_INSERT, mention_rows)
        return touched

    def delete_article(self, article_id: str) -> set[str]:
        cached = self._use_cache()
        old_reports = self.conn.execute("SELECT report_id, block FROM events WHERE article_id = ?",
                                        (article_id,)).fetchall()
        touched = {block for _, block in old_reports}
        for report_id, block in old_reports:
            if cached and block in self._blocks:
                self._blocks[block].remove_report(report_id)
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
        if self.conn.execute("SELECT 1 FROM quarantine LIMIT 1").fetchone() is None:
            return  # nothing to forget: skip one DELETE per file read
        self.conn.executemany("DELETE FROM quarantine WHERE path = ?", [(p,) for p in paths])

    def rebuild_events(self, blocks: Iterable[str] | None = None) -> int:
        """Re-run deduplication for the given blocks (all when None). Returns the number of events written."""
        self._forget()  # rebuilt from the tables alone
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
            merged = merge_reports(list(self._load_block(block).reports.values()))
            self._write_merged(merged)
            written += len(merged)
        return written

    def update_events(self, blocks: Iterable[str]) -> int:
        """Bring the deduplicated events of `blocks` up to date after writes (pass every block the
        writes returned), re-clustering only what the writes can have changed; the result is exactly
        what `rebuild_events(blocks)` gives (see pipeline.dedupe: clustering works per connected
        component of the compatible graph).

        Seeds: reports not yet in an event (new or rewritten ones have event_id NULL) and the remaining
        members of every event that lost a report. Their connected components are clustered again and
        replace the events they held. Returns the number of events written."""
        cached = self._use_cache()
        blocks = sorted(set(blocks))
        states = {block: self._block(block) if cached else self._load_block(block) for block in blocks}
        return len(self._recluster(states)[0])

    def _recluster(self, blocks: dict[str, _Block],
                   written_reports: dict[str, tuple] | None = None) -> tuple[list[MergedEvent], dict[str, str]]:
        """Re-cluster the seeds' components in `blocks` (see update_events), write the new events and
        change `blocks` to match. Returns the events written and report id -> new event id for every
        re-clustered report.
        `written_reports`: report ids whose rows are not in the events table yet (their event id is
        then written with the row, by the caller)."""
        stale_events: set[str] = set()
        lost_events: set[str] = set()
        work: dict[str, list[Report]] = {}   # block -> the reports to cluster again
        for block, state in blocks.items():
            event_of = state.event_of
            # Events that lost a report (deleted, moved to another block, or rewritten: event id None).
            stale, seeds = state.seeds()
            if not seeds:
                affected: set[str] = set()
            elif len(seeds) == len(state.reports):
                affected = set(state.reports)   # every report is a seed (a block new to the database)
            else:
                affected = state.components(seeds)
            lost_events |= stale
            stale_events |= stale
            stale_events.update(event_of[rid] for rid in affected if event_of[rid] is not None)
            if affected:
                work[block] = [state.reports[rid] for rid in affected]
        # Cluster the components again (per block, as merge_reports does). A cluster that is exactly an
        # event already stored (the same reports, none rewritten, none lost) merges into exactly that
        # row again: it is kept as it is, neither merged nor deleted and rewritten. A new report mostly
        # changes one event of its component, not the others.
        changed: list[tuple[str, list]] = []
        for block in sorted(work):
            state = blocks[block]
            event_of, events = state.event_of, state.events
            for members in cluster(work[block]):
                event_id = event_of[members[0][0].report_id]
                if (event_id is not None and event_id not in lost_events
                        and len(events.get(event_id, ())) == len(members)
                        and all(event_of[report.report_id] == event_id for report, _why in members)
                        and set(events[event_id]) == {report.report_id for report, _why in members}):
                    stale_events.discard(event_id)
                else:
                    changed.append((block, members))
        # All deletions before any write (see rebuild_events).
        self._delete_events(stale_events)
        for event_id in stale_events:
            block = self._block_of_event.pop(event_id, None)
            if block is not None and block in self._blocks:
                self._blocks[block].events.pop(event_id, None)
        merged = [merge_cluster(members, block) for block, members in changed]
        pending = written_reports or {}
        new_event_of: dict[str, str] = {}
        changed_rows: list[tuple[str, str]] = []   # (event id, report id) of stored rows whose event changed
        for m in merged:
            state = blocks[m.block]
            other = self._block_of_event.get(m.event_id)
            if other is not None and other != m.block:
                self._forget_block(other)   # that block's copy still lists this id: read it again when needed
            state.events[m.event_id] = list(m.report_ids)
            if state is self._blocks.get(m.block):
                self._block_of_event[m.event_id] = m.block
            for rid in m.report_ids:
                new_event_of[rid] = m.event_id
                if rid not in pending and state.event_of[rid] != m.event_id:
                    changed_rows.append((m.event_id, rid))
                state.event_of[rid] = m.event_id
        for state in blocks.values():
            state.reclustered()
        self._write_merged(merged, changed_rows)
        return merged, new_event_of

    def _use_cache(self) -> bool:
        """Whether the cached blocks may be used and kept: only inside `transaction()`."""
        if not self._in_transaction:
            self._forget()
        return self._in_transaction

    def _forget(self) -> None:
        self._blocks.clear()
        self._block_of_event.clear()

    def _forget_block(self, block: str) -> None:
        state = self._blocks.pop(block, None)
        if state is not None:
            for event_id in state.events:
                if self._block_of_event.get(event_id) == block:
                    del self._block_of_event[event_id]

    def _block(self, block: str) -> _Block:
        """The cached copy of a block, read from the tables the first time."""
        state = self._blocks.get(block)
        if state is None:
            state = self._blocks[block] = self._load_block(block)
            for event_id in state.events:
                self._block_of_event[event_id] = block
        return state

    _REPORT_SELECT = (
        "SELECT e.report_id, e.article_id, e.role, e.event_type, e.sub_event_type, e.event_date,"
        " e.date_precision, e.actor1, e.assoc_actor_1, e.actor2, e.location, e.admin1, e.latitude,"
        " e.longitude, e.geo_precision, e.fatalities, e.notes, e.evidence, e.evidence_start,"
        " e.evidence_end, e.place_id, a.published, e.event_id FROM events e JOIN articles a ON a.id = e.article_id"
        " WHERE e.block = ?")

    def _load_block(self, block: str) -> _Block:
        """A block as the tables hold it now."""
        state = _Block()
        for row in self.conn.execute(self._REPORT_SELECT, (block,)):
            state.reports[row[0]] = report_from_values(row[:-1])
            state.event_of[row[0]] = row[-1]
        for (event_id,) in self.conn.execute("SELECT event_id FROM canonical_events WHERE block = ?", (block,)):
            state.events[event_id] = []
        for event_id, report_id in self.conn.execute(
                "SELECT s.event_id, s.report_id FROM canonical_events c JOIN event_sources s ON s.event_id = c.event_id"
                " WHERE c.block = ?", (block,)):
            state.events[event_id].append(report_id)
        return state

    def _delete_events(self, event_ids: Iterable[str]) -> None:
        ids = [(e,) for e in event_ids]
        self.conn.executemany("DELETE FROM event_sources WHERE event_id = ?", ids)
        self.conn.executemany("DELETE FROM canonical_events WHERE event_id = ?", ids)

    def _write_merged(self, merged: list[MergedEvent], changed_rows: list[tuple[str, str]] | None = None) -> None:
        """Write canonical events and their sources, and set the event id of the member report rows
        (`changed_rows`: only these (event id, report id) pairs; None: every member)."""
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
        if changed_rows is None:
            changed_rows = [(m.event_id, rid) for m in merged for rid in m.report_ids]
        if changed_rows:
            self.conn.executemany("UPDATE events SET event_id = ? WHERE report_id = ?", changed_rows)


def _report_of_event(report_id: str, article_id: str, ev: ExtractedEvent, notes: str, evidence: str,
                     place_id: str | None, published: str | None) -> Report:
    """The dedupe Report of an event row as write_articles writes it (what _REPORT_SELECT reads back),
    built straight from the event: `Report(...)` sets each field of the frozen dataclass through
    object.__setattr__, ~3x slower, and the store builds one per event written."""
    report = object.__new__(Report)
    report.__dict__.update({
        "report_id": report_id, "article_id": article_id, "role": ev.role, "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type, "event_date": ev.event_date, "date_precision": ev.date_precision,
        "actor1": ev.actor1, "assoc_actor_1": ev.assoc_actor_1, "actor2": ev.actor2, "location": ev.location,
        "admin1": ev.admin1, "latitude": ev.latitude, "longitude": ev.longitude, "geo_precision": ev.geo_precision,
        "fatalities": ev.fatalities, "notes": notes, "evidence": evidence, "evidence_start": ev.evidence_start,
        "evidence_end": ev.evidence_end, "place_id": place_id, "published": published})
    return report


def open_store(db_path: str | os.PathLike) -> Store:
    """Open (creating and migrating when needed) a Rasd database for writing, in WAL mode."""
    path = str(db_path)
    parent = Path(path).parent
    if not parent.exists():
        parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)  # autocommit; we manage transactions
    conn.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL: a commit survives any crash of the application and the database is never corrupt;
    # only an OS crash or power cut can lose the last commits (no fsync per commit, only at checkpoints).
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    # Up to 32 MiB of page cache (default 2 MiB): a batch's pages then stay in memory until its commit
    # instead of spilling to the WAL and being read back (writing a batch took ~2x as long).
    conn.execute("PRAGMA cache_size=-32768")
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
