"""Schema migrations: a database made at an older schema version is upgraded and reads the same."""
from __future__ import annotations

import sqlite3

from foundation_support import make_event
from pipeline.records import Article
from pipeline.store import SCHEMA_VERSION, _MIGRATIONS, _split_sql, load_events_frame, migrate, open_store


def _version_1_db(path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    for statement in _split_sql(_MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '1')")
    conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('revision', '0')")
    conn.execute("COMMIT")
    conn.close()


def test_version_1_database_is_upgraded_and_reads_the_same(tmp_path):
    old, new = tmp_path / "old.sqlite", tmp_path / "new.sqlite"
    _version_1_db(old)
    conn = sqlite3.connect(old, isolation_level=None)
    assert migrate(conn) == 1 and conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    frames = []
    for path in (old, new):
        with open_store(path) as store, store.transaction():
            touched = store.write_article(Article(id="a", text="x", content_hash="a"), [make_event("a", 0)])
            touched |= store.write_article(Article(id="b", text="y", content_hash="b"), [make_event("b", 0)])
            store.update_events(touched)
        frames.append(load_events_frame(path))
    assert frames[0].equals(frames[1]) and len(frames[0]) == 1
    for path in (old, new):
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "events_event" not in indexes and "event_sources_article" not in indexes
        assert {"events_article", "events_block", "canonical_block"} <= indexes
        conn.close()
