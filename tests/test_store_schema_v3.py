"""Schema v3: place mentions and event sources kept WITHOUT ROWID. A version-2 database is upgraded
with every row kept, and reads the same as one made at version 3."""
from __future__ import annotations

import sqlite3

from foundation_support import make_event
from pipeline.records import Article, PlaceMention, RelativeOffset
from pipeline.store import (SCHEMA_VERSION, _MIGRATIONS, Store, _split_sql, load_event_reports, load_events_frame,
                            load_place_mentions_frame, migrate, open_store)

_MENTION_COLUMNS = ('article_id, start, "end", text, place_id, name, name_ar, latitude, longitude, admin1, feature,'
                    " country_code, match, score, geo_precision, point_latitude, point_longitude")


def _database_at(path, version: int) -> None:
    """A database made by the migrations up to `version` (what an older Rasd created)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    for script in _MIGRATIONS[:version]:
        for statement in _split_sql(script):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(version),))
    conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('revision', '0')")
    conn.execute("COMMIT")
    conn.close()


def _mention(start: int, text: str = "Ubari", relative: RelativeOffset | None = None, **kw) -> PlaceMention:
    fields = dict(place_id="geonames:1", name="Ubari", name_ar="أوباري", latitude=26.59, longitude=12.78,
                  admin1="Wadi Al Hayaa", feature="town", country_code="LY", match="exact", score=1.0, geo_precision=1)
    fields.update(kw)
    return PlaceMention(start=start, end=start + len(text), text=text, relative=relative, **fields)


_SOUTH_OF_UBARI = RelativeOffset(anchor_name="Ubari", anchor_latitude=26.59, anchor_longitude=12.78, distance_km=20.0,
                                 bearing_deg=180.0, latitude=26.41, longitude=12.78)


def _write_sample(store) -> None:
    with store.transaction():
        store.write_articles([
            (Article(id="a", text="Ubari x", content_hash="a"), [make_event("a", 0)],
             [_mention(0), _mention(20, "south of Ubari", _SOUTH_OF_UBARI, match="relative", geo_precision=2)]),
            (Article(id="b", text="Ubari y", content_hash="b"), [make_event("b", 0)], [_mention(3, name_ar=None)]),
            (Article(id="c", text="Sabha", content_hash="c"),
             [make_event("c", 0, location="Sabha", latitude=27.03, longitude=14.43, event_date="2018-02-03")],
             [_mention(0, "Sabha", place_id="geonames:2", name="Sabha", latitude=27.03, longitude=14.43)]),
        ], dedupe=True)


def _rows(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {
            "place_mentions": conn.execute(f"SELECT {_MENTION_COLUMNS} FROM place_mentions ORDER BY article_id, start").fetchall(),
            "event_sources": conn.execute("SELECT event_id, report_id, article_id, position FROM event_sources"
                                          " ORDER BY event_id, report_id").fetchall(),
        }
    finally:
        conn.close()


def _without_rowid(path) -> dict[str, bool]:
    conn = sqlite3.connect(path)
    try:
        return {name: "WITHOUT ROWID" in sql.upper() for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ('place_mentions', 'event_sources')")}
    finally:
        conn.close()


def test_new_database_keeps_mentions_and_sources_without_rowid(tmp_path):
    with open_store(tmp_path / "new.sqlite") as store:
        _write_sample(store)
    assert SCHEMA_VERSION == 3
    assert _without_rowid(tmp_path / "new.sqlite") == {"place_mentions": True, "event_sources": True}


def test_version_2_database_is_upgraded_with_every_row_and_reads_the_same(tmp_path):
    old, new = tmp_path / "old.sqlite", tmp_path / "new.sqlite"
    _database_at(old, 2)
    # Rows written while the database is still at version 2 (as the Rasd of that version wrote them).
    conn = sqlite3.connect(old, isolation_level=None)
    with Store(conn, str(old)) as store:
        _write_sample(store)
    before = _rows(old)
    assert before["place_mentions"] and before["event_sources"]
    assert _without_rowid(old) == {"place_mentions": False, "event_sources": False}

    conn = sqlite3.connect(old, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    assert migrate(conn) == 2 and conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert _rows(old) == before
    assert _without_rowid(old) == {"place_mentions": True, "event_sources": True}

    with open_store(new) as store:
        _write_sample(store)
    assert _rows(new) == before
    assert load_place_mentions_frame(old).equals(load_place_mentions_frame(new))
    events_old, events_new = load_events_frame(old), load_events_frame(new)
    assert events_old.equals(events_new) and len(events_old) == 2
    for event_id in events_old["event_id"]:
        assert load_event_reports(old, event_id).equals(load_event_reports(new, event_id))


def test_upgraded_database_keeps_its_rules(tmp_path):
    """Keys, NOT NULL columns and the cascade from articles still hold after the upgrade."""
    path = tmp_path / "old.sqlite"
    _database_at(path, 2)
    with open_store(path) as store:   # migrates to the current version
        _write_sample(store)
        conn = store.conn
        assert conn.execute("SELECT count(*) FROM place_mentions WHERE article_id = 'a'").fetchone()[0] == 2
        # Writing an article again replaces its mentions (same key: no duplicate rows).
        with store.transaction():
            store.write_article(Article(id="a", text="Ubari z", content_hash="a2"), [make_event("a", 0)],
                                [_mention(0, name="Awbari")])
        assert conn.execute("SELECT name FROM place_mentions WHERE article_id = 'a'").fetchall() == [("Awbari",)]
        try:
            conn.execute("INSERT INTO place_mentions(article_id, start, \"end\", text) VALUES ('a', NULL, 1, 'x')")
        except sqlite3.IntegrityError:
            pass
        else:
            raise AssertionError("a mention without a start was accepted")
        # Deleting an article deletes its mentions (ON DELETE CASCADE).
        with store.transaction():
            store.delete_article("c")
        assert conn.execute("SELECT count(*) FROM place_mentions WHERE article_id = 'c'").fetchone()[0] == 0
