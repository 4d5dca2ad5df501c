"""Ingest: end to end, idempotent, changed articles, quarantine, workers, and a kill mid-run."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

import pipeline.extract
import pipeline.ingest
from pipeline.ingest import format_summary, ingest
from pipeline.records import PlaceMention
from pipeline.store import (
    load_article, load_articles_frame, load_events_frame, load_place_mentions_frame, load_quarantine_frame, open_store,
)
from foundation_support import SHARED_SEED, dump_db, marker_extractor, write_corpus

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(TESTS_DIR)


@pytest.fixture
def markers(monkeypatch):
    """Events from marker lines; no gazetteer, so these tests do not depend on the gazetteer's data or speed."""
    monkeypatch.setattr(pipeline.extract, "extract_events", marker_extractor)
    monkeypatch.setattr(pipeline.ingest, "_gazetteer", lambda: None)


class FakeGazetteer:
    """Finds the word 'Ubari' wherever it is written."""

    def find(self, text):
        out, start = [], text.find("Ubari")
        while start >= 0:
            out.append(PlaceMention(start, start + 5, "Ubari", "geonames:2219235", "Ubari", "أوباري", 26.59, 12.78,
                                    "Wadi Al Hayaa", "town", "LY", "exact", 1.0, 1))
            start = text.find("Ubari", start + 5)
        return out


def test_place_mentions_stored_and_extractor_gets_the_gazetteer(tmp_path, monkeypatch):
    seen = []
    gz = FakeGazetteer()
    monkeypatch.setattr(pipeline.ingest, "_gazetteer", lambda: gz)
    monkeypatch.setattr(pipeline.extract, "extract_events", lambda a, g=None, mentions=None: seen.append(g) or [])
    src = tmp_path / "in"
    src.mkdir()
    article_file(src, "a.txt", "Strike near Ubari", "Aircraft hit Ubari twice, residents of Ubari said.")
    db = tmp_path / "db.sqlite"
    ingest([src], db, progress=False)
    assert seen == [gz]
    mentions = load_place_mentions_frame(db)
    assert len(mentions) == 3 and set(mentions.name) == {"Ubari"}
    full_text = load_article(db, mentions.article_id.iloc[0])["full_text"]
    assert all(full_text[s:e] == "Ubari" for s, e in zip(mentions.start, mentions.end))


def article_file(folder, name, title, body, events=(), front=""):
    lines = [front + title, "", body, *events]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ingest_mixed_folder_with_bad_files(tmp_path, markers):
    src = tmp_path / "in"
    (src / "deep").mkdir(parents=True)
    article_file(src, "one.txt", "Strike near Ubari", "Aircraft hit a camp near Ubari on Monday.",
                 ["EVENT date=2019-05-01 prec=day lat=26.59 lon=12.78 killed=3 place=Ubari"], front="published: 2019-05-02\n")
    (src / "deep" / "two.json").write_text(json.dumps({
        "id": "two", "title": "Clash in the south", "language": "en", "published": "2019-05-03",
        "text": "Fighters clashed for hours.\nEVENT type=Battles sub=Armed clash date=2019-05-02 prec=day lat=27.03 lon=14.43"}))
    (src / "feed.jsonl").write_text(
        json.dumps({"id": "f1", "title": "Feed one", "text": "A strike was reported near Ubari.\n"
                    "EVENT date=2019-05-01 prec=day lat=26.6 lon=12.8 killed=4 place=Ubari"}) + "\n{broken\n")
    (src / "empty.txt").write_bytes(b"")
    (src / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
    (src / "bad.json").write_text("{\"id\": ")
    db = tmp_path / "db.sqlite"
    summary = ingest([src], db, progress=False)
    assert (summary.files, summary.read, summary.new, summary.quarantined) == (6, 3, 3, 4)
    assert summary.events == 3
    assert sorted(q.reason for q in summary.quarantine_reasons) == ["binary", "empty", "malformed_json", "malformed_json"]
    events = load_events_frame(db)
    assert len(events) == 2  # the two Ubari reports are one event
    ubari = events[events.location == "Ubari"].iloc[0]
    assert set(ubari.sources.split(";")) == {"f1", load_articles_frame(db).query("title == 'Strike near Ubari'").id.iloc[0]}
    q = load_quarantine_frame(db)
    assert len(q) == 4 and set(q.reason) == {"binary", "empty", "malformed_json"}
    assert q[q.path.str.endswith("feed.jsonl")].record.tolist() == ["2"]
    text = format_summary(summary, open_store(db).counts())
    assert "quarantined: 4" in text and "malformed_json 2" in text and "empty.txt" in text


def test_reingest_is_idempotent(tmp_path, markers):
    src = tmp_path / "in"
    write_corpus(src, 20)
    db = tmp_path / "db.sqlite"
    first = ingest([src], db, progress=False)
    before = dump_db(db)
    revision = sqlite3.connect(db).execute("SELECT value FROM meta WHERE key='revision'").fetchone()[0]
    again = ingest([src], db, progress=False)
    assert (first.new, again.new, again.changed, again.unchanged, again.events) == (20, 0, 0, 20, 0)
    assert dump_db(db) == before
    # Nothing was written, so the dashboard's cache key did not move either.
    assert sqlite3.connect(db).execute("SELECT value FROM meta WHERE key='revision'").fetchone()[0] == revision
    assert len(load_events_frame(db)) == 10


def test_changed_article_replaces_its_events(tmp_path, markers):
    src = tmp_path / "in"
    src.mkdir()
    path = article_file(src, "a.txt", "Strike", "Body.", ["EVENT date=2019-05-01 prec=day lat=26.59 lon=12.78 killed=1",
                                                          "EVENT date=2018-01-01 prec=day lat=32.0 lon=13.0"],
                        front="id: story-a\n")
    article_file(src, "b.txt", "Other", "Body.", ["EVENT date=2017-02-02 prec=day lat=31.2 lon=16.6"], front="id: story-b\n")
    db = tmp_path / "db.sqlite"
    ingest([src], db, progress=False)
    assert len(load_events_frame(db)) == 3
    path.write_text("id: story-a\nStrike (updated)\n\nBody.\nEVENT date=2019-05-01 prec=day lat=26.59 lon=12.78 killed=7\n")
    summary = ingest([src], db, progress=False)
    assert (summary.new, summary.changed, summary.unchanged, summary.events) == (0, 1, 1, 1)
    events = load_events_frame(db)
    assert sorted(events.event_date) == ["2017-02-02", "2019-05-01"]
    assert events[events.sources == "story-a"].fatalities.iloc[0] == 7
    assert load_articles_frame(db).query("id == 'story-a'").title.iloc[0] == "Strike (updated)"


def test_quarantine_never_touches_stored_articles_and_clears_when_fixed(tmp_path, markers):
    src = tmp_path / "in"
    src.mkdir()
    good = src / "story.json"
    good.write_text(json.dumps({"id": "s", "title": "T", "text": "Aircraft struck.\nEVENT date=2019-01-01 prec=day lat=26 lon=12"}))
    db = tmp_path / "db.sqlite"
    ingest([src], db, progress=False)
    good.write_text("{\"id\": \"s\", \"text\": ")  # the file is later broken
    summary = ingest([src], db, progress=False)
    assert summary.quarantined == 1 and summary.read == 0
    assert load_articles_frame(db).id.tolist() == ["s"] and len(load_events_frame(db)) == 1
    good.write_text(json.dumps({"id": "s", "title": "T", "text": "Aircraft struck.\nEVENT date=2019-01-01 prec=day lat=26 lon=12"}))
    ingest([src], db, progress=False)
    assert load_quarantine_frame(db).empty


def test_extractor_failure_is_quarantined_not_fatal(tmp_path, monkeypatch):
    def broken(article, gazetteer=None, mentions=None):
        if "boom" in article.text:
            raise ValueError("cannot parse")
        return marker_extractor(article)
    monkeypatch.setattr(pipeline.extract, "extract_events", broken)
    src = tmp_path / "in"
    src.mkdir()
    article_file(src, "a.txt", "A", "boom")
    article_file(src, "b.txt", "B", "fine", ["EVENT date=2019-01-01 prec=day lat=26 lon=12"])
    db = tmp_path / "db.sqlite"
    summary = ingest([src], db, progress=False)
    assert summary.new == 1 and summary.quarantined == 1
    assert summary.quarantine_reasons[0].reason == "extract_error"
    assert len(load_articles_frame(db)) == 1  # retried on the next run, not stored half-done


def test_same_file_twice_and_conflicting_ids(tmp_path, markers):
    src = tmp_path / "in"
    src.mkdir()
    first = article_file(src, "a.txt", "First", "One text.", front="id: same\n")
    article_file(src, "b.txt", "Second", "Another text.", front="id: same\n")
    db = tmp_path / "db.sqlite"
    summary = ingest([src, first], db, progress=False)
    assert (summary.files, summary.new, summary.quarantined) == (2, 1, 1)
    assert summary.quarantine_reasons[0].reason == "duplicate_id"
    again = ingest([src], db, progress=False)
    assert (again.unchanged, again.changed, again.quarantined) == (1, 0, 1)
    assert load_articles_frame(db).title.tolist() == ["First"]


def test_workers_give_the_same_database(tmp_path, markers):
    src = tmp_path / "in"
    write_corpus(src, 60)
    ingest([src], tmp_path / "one.sqlite", progress=False)
    ingest([src], tmp_path / "four.sqlite", workers=3, progress=False)
    assert dump_db(tmp_path / "one.sqlite") == dump_db(tmp_path / "four.sqlite")


def test_missing_path_raises_before_writing(tmp_path):
    with pytest.raises(FileNotFoundError):
        ingest([tmp_path / "nope"], tmp_path / "db.sqlite", progress=False)
    assert not (tmp_path / "db.sqlite").exists()


@pytest.mark.skipif(not os.path.isdir(SHARED_SEED), reason="../shared/corpus/seed/ is absent (it exists in CI)")
def test_seed_article_ingested_in_place_as_text_and_json(tmp_path, markers):
    db = tmp_path / "db.sqlite"
    summary = ingest([os.path.join(SHARED_SEED, "seed-ubari-strike.ar.txt"),
                      os.path.join(SHARED_SEED, "articles", "seed-ubari-strike.json")], db, progress=False)
    assert (summary.read, summary.new, summary.quarantined) == (2, 2, 0)
    arts = load_articles_frame(db)
    assert "seed-ubari-strike" in set(arts.id)
    assert set(arts.language) == {"ar"} and arts.published.isna().all()


def test_ingest_speed_with_a_fast_extractor(tmp_path, markers):
    src = tmp_path / "in"
    write_corpus(src, 1000)
    start = time.perf_counter()
    summary = ingest([src], tmp_path / "db.sqlite", progress=False)
    elapsed = time.perf_counter() - start
    assert summary.new == 1000
    assert summary.read / elapsed > 250, f"{summary.read / elapsed:.0f} articles/s"  # ~2000/s on a dev laptop


KILL_SCRIPT = """
import sys
import pipeline.extract
import pipeline.ingest
from foundation_support import slow_marker_extractor
pipeline.extract.extract_events = slow_marker_extractor
import pipeline.ingest
pipeline.ingest._gazetteer = lambda: None  # as in the in-process runs it is compared with
from pipeline.cli import main
sys.exit(main(["ingest", sys.argv[1], "--db", sys.argv[2], "--no-progress"]))
"""


def _count_articles(db) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_killed_ingest_then_rerun_equals_uninterrupted_run(tmp_path, markers):
    src = tmp_path / "in"
    total = 300
    write_corpus(src, total)
    killed_db = tmp_path / "killed.sqlite"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([TESTS_DIR, REPO, os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(src), str(killed_db)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while _count_articles(killed_db) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the ingest finished before it could be killed: " + proc.stderr.read().decode()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    committed = _count_articles(killed_db)
    assert 0 < committed < total
    conn = sqlite3.connect(killed_db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Consistent after the kill: every stored article's events are deduplicated, none orphaned.
    assert conn.execute("SELECT count(*) FROM events WHERE event_id IS NULL").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0] == 0
    conn.close()

    rerun = ingest([src], killed_db, progress=False)
    assert (rerun.unchanged, rerun.new) == (committed, total - committed)
    clean_db = tmp_path / "clean.sqlite"
    ingest([src], clean_db, progress=False)
    assert dump_db(killed_db) == dump_db(clean_db)
    assert len(load_events_frame(clean_db)) == total // 2


def test_background_checkpoints_leave_no_thread_and_an_empty_wal(tmp_path, markers):
    import threading

    src = tmp_path / "in"
    write_corpus(src, 50)
    db = tmp_path / "db.sqlite"
    before = threading.active_count()
    ingest([src], db, progress=False)
    assert threading.active_count() == before
    assert not os.path.exists(f"{db}-wal") or os.path.getsize(f"{db}-wal") == 0  # checkpointed on close
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
