"""The SQLite store: schema/migration, WAL, writing articles with events, the read API."""
from __future__ import annotations

import sqlite3

import pandas as pd

from pipeline.records import EXPORT_COLUMNS, Article, PlaceMention, Quarantined, RelativeOffset
from pipeline.store import (
    EVENT_FRAME_COLUMNS, SCHEMA_VERSION, db_state_token, load_article, load_articles_frame, load_event_reports,
    load_events_frame, load_place_mentions_frame, load_quarantine_frame, open_store,
)
from foundation_support import make_event


def article(aid, text="A drone struck near Ubari.", **kw):
    return Article(id=aid, text=text, title=kw.pop("title", f"Title {aid}"), content_hash=kw.pop("content_hash", f"h-{aid}"), **kw)


def mention(start, end, text, **kw):
    fields = dict(place_id="geonames:1", name="Ubari", name_ar="أوباري", latitude=26.59, longitude=12.78,
                  admin1="Wadi Al Hayaa", feature="town", country_code="LY", match="exact", score=1.0, geo_precision=1)
    fields.update(kw)
    return PlaceMention(start=start, end=end, text=text, **fields)


def write(store, art, events=(), mentions=()):
    with store.transaction():
        touched = store.write_article(art, list(events), list(mentions))
        store.rebuild_events(touched)


def test_schema_created_in_wal_mode_with_version(tmp_path):
    db = tmp_path / "sub" / "x.sqlite"
    with open_store(db) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "events", "event_sources", "canonical_events", "place_mentions", "quarantine", "meta"} <= tables
    with open_store(db) as store:  # reopening does not migrate twice
        assert store.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)


def test_read_api_on_missing_or_empty_db(tmp_path):
    missing = tmp_path / "none.sqlite"
    df = load_events_frame(missing)
    assert list(df.columns) == list(EVENT_FRAME_COLUMNS) and df.empty
    assert not missing.exists()  # reading never creates a database
    assert load_article(missing, "x") is None
    assert db_state_token(missing) == "missing"
    db = tmp_path / "empty.sqlite"
    open_store(db).close()
    assert load_events_frame(db).empty and list(load_events_frame(db).columns) == list(EVENT_FRAME_COLUMNS)
    assert load_articles_frame(db).empty and load_quarantine_frame(db).empty and load_place_mentions_frame(db).empty


def test_events_frame_has_contract_columns_and_merged_sources(tmp_path):
    db = tmp_path / "x.sqlite"
    with open_store(db) as store:
        write(store, article("a", url="https://example.org/a", language="en", published="2019-05-02"),
              [make_event("a", 0, fatalities=3, actor1="United States", actor2="ISIS", evidence_start=0, evidence_end=10)])
        write(store, article("b", url="https://example.org/b", language="ar", published="2019-05-01"),
              [make_event("b", 0, fatalities=4, latitude=26.6, longitude=12.8)])
        write(store, article("c", language="en"), [make_event("c", 0, event_type="Battles", sub_event_type="Armed clash")])
    df = load_events_frame(db)
    assert list(df.columns)[: len(EXPORT_COLUMNS)] == list(EXPORT_COLUMNS)
    assert len(df) == 2
    merged = df[df.sources.str.contains(";")].iloc[0]
    assert merged.sources == "a;b"
    assert merged.source_urls == "https://example.org/a;https://example.org/b"
    assert merged.languages == "en;ar" and merged.titles == "Title a;Title b"
    assert merged.published == "2019-05-01"  # earliest
    assert merged.fatalities == 3  # a was published later: its toll wins
    assert merged.year == 2019 and merged.role == "primary"
    assert merged.evidence_start == 0 and merged.evidence_end == 10
    reports = load_event_reports(db, merged.event_id)
    assert list(reports.article_id) == ["a", "b"] and list(reports.fatalities) == [3, 4]
    arts = load_articles_frame(db)
    assert list(arts.columns) == ["id", "title", "url", "language", "published", "source_path", "source_format",
                                  "ingested_at", "n_events"]
    assert dict(zip(arts.id, arts.n_events)) == {"a": 1, "b": 1, "c": 1}


def test_rewriting_an_article_replaces_its_events_and_mentions(tmp_path):
    db = tmp_path / "x.sqlite"
    with open_store(db) as store:
        write(store, article("a"), [make_event("a", 0), make_event("a", 1, event_date="2018-01-01")],
              [mention(0, 5, "Ubari")])
        write(store, article("b"), [make_event("b", 0)])
        assert store.counts()["events"] == 2  # a#0 merged with b#0, a#1 alone
        write(store, article("a", text="Changed.", content_hash="h2"), [make_event("a", 0, event_date="2017-03-03")],
              [mention(1, 6, "Ubari"), mention(10, 15, "Sabha", name="Sabha")])
        counts = store.counts()
    assert counts["reports"] == 2 and counts["events"] == 2 and counts["place_mentions"] == 2
    df = load_events_frame(db)
    assert sorted(df.sources) == ["a", "b"]
    assert sorted(df.event_date) == ["2017-03-03", "2019-05-01"]
    assert load_article(db, "a")["full_text"] == "Title a\n\nChanged."


def test_place_mentions_with_relative_point(tmp_path):
    db = tmp_path / "x.sqlite"
    rel = RelativeOffset("Sirte", 31.2, 16.58, 160.0, 135.0, 30.2, 17.8, "160 km southeast of Sirte")
    with open_store(db) as store:
        write(store, article("a"), [], [mention(3, 8, "Sirte", name="Sirte", match="relative", geo_precision=2, relative=rel)])
    pm = load_place_mentions_frame(db)
    assert list(pm.columns[:10]) == ["article_id", "start", "end", "text", "name", "latitude", "longitude", "admin1",
                                     "match", "country_code"]
    row = pm.iloc[0]
    assert (row.start, row.end, row.match, row.point_latitude, row.point_longitude) == (3, 8, "relative", 30.2, 17.8)


def test_quarantine_upsert_and_clear(tmp_path):
    db = tmp_path / "x.sqlite"
    with open_store(db) as store:
        with store.transaction():
            store.record_quarantine([Quarantined("f.jsonl", "malformed_json", "line 2", "2"), Quarantined("e.txt", "empty")])
        with store.transaction():
            store.record_quarantine([Quarantined("e.txt", "empty", "still empty")])
    q = load_quarantine_frame(db)
    assert list(q.columns) == ["path", "record", "reason", "detail", "last_seen"]
    assert len(q) == 2 and q[q.path == "e.txt"].detail.iloc[0] == "still empty"
    with open_store(db) as store, store.transaction():
        store.clear_quarantine(["f.jsonl"])
    assert list(load_quarantine_frame(db).path) == ["e.txt"]


def test_state_token_changes_with_content_only(tmp_path):
    db = tmp_path / "x.sqlite"
    with open_store(db) as store:
        t0 = db_state_token(db)
        assert db_state_token(db) == t0
        write(store, article("a"), [make_event("a")])
        t1 = db_state_token(db)
        assert t1 != t0
        write(store, article("b"), [])
        assert db_state_token(db) != t1


def test_failed_transaction_rolls_back(tmp_path):
    db = tmp_path / "x.sqlite"
    with open_store(db) as store:
        try:
            with store.transaction():
                store.write_article(article("a"), [make_event("a")])
                raise RuntimeError("crash mid-article")
        except RuntimeError:
            pass
        assert store.counts()["articles"] == 0 and store.counts()["reports"] == 0


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "x.sqlite"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    try:
        open_store(db)
    except RuntimeError as exc:
        assert "newer" in str(exc)
    else:
        raise AssertionError("a newer schema must not be opened")


def test_events_frame_types(tmp_path):
    db = tmp_path / "x.sqlite"
    with open_store(db) as store:
        write(store, article("a"), [make_event("a", 0, fatalities=None, event_date=None, date_precision=None)])
    row = load_events_frame(db).iloc[0]
    assert row.event_date is None and pd.isna(row.year) and pd.isna(row.fatalities)
    assert isinstance(row.latitude, float)
