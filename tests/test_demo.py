"""The bundled demo: its corpus and index, `rasd demo build|path`, and what the pipeline makes of it.

The corpus tests read demo/articles and demo/index.toml; the pipeline tests build the demo database
with the real ingest (read -> extract -> geocode -> dedupe -> store) into temporary files.
"""
from __future__ import annotations

import json
import math
import re
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from pipeline import demo
from pipeline.cli import main
from pipeline.demo import (DEMO_ARTICLES_DIR, build_demo_db, dashboard_db_path, demo_article_files,
                           load_demo_index, read_stamp, stamp_path)
from pipeline.normalize import fold
from pipeline.readers import read_path
from pipeline.store import load_articles_frame, load_events_frame, load_place_mentions_frame

SHARED_CORPUS = demo.REPO_ROOT.parent / "shared" / "corpus"
SOURCE_KINDS = {"wire report", "military statement", "local media", "NGO report"}
FILE_NAME = re.compile(r"^(ar|en)-(\d{4})-(\d{2})-[a-z0-9-]+\.(json|jsonl|txt|html)$")
PLACE_TOLERANCE_KM = 25.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def index():
    return load_demo_index()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    result = build_demo_db(tmp_path_factory.mktemp("demo1") / "demo.sqlite", progress=False)
    assert result.built
    return result.path


@pytest.fixture(scope="module")
def demo_db_again(tmp_path_factory):
    return build_demo_db(tmp_path_factory.mktemp("demo2") / "demo.sqlite", progress=False).path


# --- the corpus and its index ------------------------------------------------------------------

def test_corpus_size_languages_and_formats(index):
    assert len(index) >= 66
    langs = [r.language for r in index]
    assert langs.count("ar") * 2 >= len(index), "at least half the reports are in Arabic"
    assert langs.count("en") * 3 >= len(index), "at least a third are in English"
    assert {r.format for r in index} >= {"json", "txt", "jsonl", "newsplease", "html"}
    assert sum(r.format == "jsonl" for r in index) >= 2, "the JSON Lines file holds several reports"
    assert {r.source_kind for r in index} == SOURCE_KINDS


def test_index_and_folder_agree(index):
    on_disk = {p.name for p in demo_article_files()}
    in_index = {r.file for r in index}
    assert on_disk == in_index
    first_published: dict[str, str] = {}
    for r in index:
        first_published[r.file] = min(r.published, first_published.get(r.file, r.published))
    for r in index:
        m = FILE_NAME.match(r.file)
        assert m, f"{r.file}: name should be <lang>-<yyyy>-<mm>-<slug>.<ext>"
        assert m.group(1) == r.language
        # a file with several reports (JSON Lines) is named after its earliest one
        assert f"{m.group(2)}-{m.group(3)}" == first_published[r.file][:7], f"{r.file}: name and publication month differ"
        assert r.events, f"{r.file}: every report describes at least one event"
        for e in r.events:
            assert str(e.year) == e.date[:4] and e.date <= r.published, f"{r.file}: event after publication"
            assert 19.0 < e.latitude < 34.0 and 9.0 < e.longitude < 26.0, f"{r.file}: {e.place} is not in Libya"


def test_every_report_reads_with_its_metadata(index):
    read = {}
    for path in demo_article_files():
        for item in read_path(path):
            assert not hasattr(item, "reason"), f"{path.name} was quarantined: {item}"
            read.setdefault(path.name, []).append(item)
    for r in index:
        articles = [a for a in read[r.file] if r.id is None or a.id == r.id]
        assert len(articles) == 1, f"{r.file} id={r.id}"
        a = articles[0]
        assert a.language == r.language and a.published == r.published, r.file
        assert a.url is None or a.url.startswith("https://example.org/"), f"{r.file}: placeholder URLs only"


def test_demo_text_is_not_copied_from_the_shared_corpus():
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"{SHARED_CORPUS} not present: nothing to compare against")

    def shingles(text: str, n: int = 10) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", fold(text))
        return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}

    shared: set[tuple[str, ...]] = set()
    for path in SHARED_CORPUS.rglob("*"):
        if path.is_file() and path.suffix in (".json", ".txt") and "gold" not in path.parts:
            raw = path.read_text(encoding="utf-8", errors="replace")
            try:
                obj = json.loads(raw)
                raw = f"{obj.get('title') or ''}\n{obj.get('text') or ''}" if isinstance(obj, dict) else raw
            except ValueError:
                pass
            shared |= shingles(raw)
    for path in demo_article_files():
        for article in read_path(path):
            common = shingles(article.full_text) & shared
            assert not common, f"{path.name} shares a 10-word passage with ../shared: {' '.join(next(iter(common)))}"


# --- the demo database -------------------------------------------------------------------------

def _article_ids(db_path: Path, index) -> dict[tuple[str, str | None], str]:
    arts = load_articles_frame(db_path)
    arts["file"] = arts["source_path"].map(lambda p: Path(p).name)
    ids = {}
    for r in index:
        rows = arts[(arts["file"] == r.file) & ((arts["id"] == r.id) if r.id else True)]
        assert len(rows) == 1, f"{r.file} id={r.id}: {len(rows)} stored articles"
        ids[(r.file, r.id)] = rows["id"].iloc[0]
    return ids


def test_demo_build_stores_every_report(demo_db, index):
    assert len(load_articles_frame(demo_db)) == len(index)
    assert len(_article_ids(demo_db, index)) == len(index)
    assert read_stamp(demo_db)["fingerprint"] == demo.demo_fingerprint()


def test_demo_build_is_deterministic(demo_db, demo_db_again):
    first, second = load_events_frame(demo_db), load_events_frame(demo_db_again)
    pd.testing.assert_frame_equal(first.sort_values("event_id").reset_index(drop=True),
                                  second.sort_values("event_id").reset_index(drop=True))
    m1, m2 = load_place_mentions_frame(demo_db), load_place_mentions_frame(demo_db_again)
    assert len(m1) > 0
    pd.testing.assert_frame_equal(m1.sort_values(["article_id", "start"]).reset_index(drop=True),
                                  m2.sort_values(["article_id", "start"]).reset_index(drop=True))


def test_demo_database_spans_places_years_and_both_languages(demo_db):
    events = load_events_frame(demo_db)
    located = events.dropna(subset=["latitude", "longitude"])
    # distinct places: events more than 25 km from every place already counted
    places: list[tuple[float, float]] = []
    for lat, lon in zip(located["latitude"], located["longitude"]):
        if all(haversine_km(lat, lon, a, b) > PLACE_TOLERANCE_KM for a, b in places):
            places.append((lat, lon))
    assert len(places) >= 8, f"events in {len(places)} distinct places"
    years = set(events["year"].dropna().astype(int))
    assert len(years) >= 5, f"events in years {sorted(years)}"
    languages = set(";".join(events["languages"]).split(";"))
    assert {"ar", "en"} <= languages, f"events from languages {languages}"


def test_index_events_come_out_of_the_pipeline(demo_db, index):
    """Each checked event of each report: an event sourced from that report with the same year,
    a place within 25 km of the index point (or the same place name) and the same target group."""
    events = load_events_frame(demo_db)
    ids = _article_ids(demo_db, index)
    by_article: dict[str, list[dict]] = {}
    for row in events.to_dict("records"):
        for source in str(row["sources"]).split(";"):
            by_article.setdefault(source, []).append(row)

    def place_ok(row, e) -> bool:
        if pd.notna(row["latitude"]) and pd.notna(row["longitude"]):
            if haversine_km(row["latitude"], row["longitude"], e.latitude, e.longitude) <= PLACE_TOLERANCE_KM:
                return True
        return bool(row["location"]) and fold(e.place) in fold(str(row["location"]))

    def describe(row) -> str:
        return (f"{row['event_date']} {row['location']} ({row['latitude']}, {row['longitude']}) "
                f"{row['actor1']} -> {row['actor2']}")

    failures = []
    checked = 0
    for r in index:
        rows = by_article.get(ids[(r.file, r.id)], [])
        for e in r.events:
            if not e.check:
                continue
            checked += 1
            year_ok = [row for row in rows if pd.notna(row["year"]) and int(row["year"]) == e.year]
            placed = [row for row in year_ok if place_ok(row, e)]
            grouped = [row for row in placed if fold(str(row["actor2"] or "")) == fold(e.group)]
            if grouped:
                continue
            if not rows:
                why = "no events extracted from this report"
            elif not year_ok:
                why = "no event in that year; got " + "; ".join(describe(x) for x in rows)
            elif not placed:
                why = "wrong place; got " + "; ".join(describe(x) for x in year_ok)
            else:
                why = "wrong group; got " + "; ".join(describe(x) for x in placed)
            failures.append(f"{r.file}: {e.date} {e.place} {e.group}: {why}")
    assert checked >= 60
    assert not failures, f"{len(failures)} of {checked} index events not found:\n" + "\n".join(failures)


# --- rasd demo build / path ----------------------------------------------------------------------

@pytest.fixture
def small_demo(tmp_path):
    """Three demo articles in a folder of their own, for fast build tests."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in demo_article_files()[:3]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_demo_path_prefers_db_then_env_then_default(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("RASD_DB", raising=False)
    assert main(["demo", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(demo.DEFAULT_DEMO_DB)
    assert demo.DEFAULT_DEMO_DB == demo.REPO_ROOT / "data" / "demo.sqlite"
    monkeypatch.setenv("RASD_DB", str(tmp_path / "mine.sqlite"))
    assert main(["demo", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "mine.sqlite")
    assert dashboard_db_path(tmp_path / "other.sqlite") == tmp_path / "other.sqlite"


def test_build_once_then_reuse(tmp_path, small_demo):
    db = tmp_path / "d.sqlite"
    first = build_demo_db(db, progress=False, articles_dir=small_demo)
    assert first.built and first.summary.read == 3
    mtime = db.stat().st_mtime_ns
    again = build_demo_db(db, progress=False, articles_dir=small_demo)
    assert not again.built and "reused" in again.reason
    assert db.stat().st_mtime_ns == mtime
    assert not list(tmp_path.glob(".*building*")), "no temporary files left behind"


def test_cli_build_prints_where_the_database_is(tmp_path, monkeypatch, capsys, small_demo):
    db = tmp_path / "cli.sqlite"
    # the CLI builds the real corpus; point its builder at the small one for speed
    real = demo.build_demo_db
    monkeypatch.setattr(demo, "build_demo_db",
                        lambda path, force=False, progress=None: real(path, force=force, progress=progress,
                                                                      articles_dir=small_demo))
    assert main(["demo", "build", "--db", str(db), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "built" in out and str(db) in out
    assert main(["demo", "build", "--db", str(db), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "reused" in out and str(db) in out


def test_stale_demo_database_is_rebuilt(tmp_path, small_demo):
    db = tmp_path / "d.sqlite"
    build_demo_db(db, progress=False, articles_dir=small_demo)
    stamp_path(db).write_text(json.dumps({"fingerprint": "from-an-older-checkout"}))
    result = build_demo_db(db, progress=False, articles_dir=small_demo)
    assert result.built and "changed" in result.reason
    assert read_stamp(db)["fingerprint"] == demo.demo_fingerprint()


def test_own_database_is_reused_and_never_replaced(tmp_path, monkeypatch, capsys):
    from pipeline.ingest import ingest

    own = tmp_path / "own"
    own.mkdir()
    (own / "note.txt").write_text("---\npublished: 2020-02-02\n---\nMy headline\n\nMy own report, "
                                  "written for this test.\n", encoding="utf-8")
    db = tmp_path / "mine.sqlite"
    ingest([own], db, progress=False)
    monkeypatch.setenv("RASD_DB", str(db))
    result = build_demo_db(progress=False)
    assert not result.built and result.path == db and "your own" in result.reason
    assert main(["demo", "build", "--force", "--no-progress"]) == 2
    assert "refusing" in capsys.readouterr().err
    assert len(load_articles_frame(db)) == 1


def test_interrupted_build_leaves_no_database(tmp_path, monkeypatch, small_demo):
    import pipeline.ingest

    def interrupted(paths, db_path, **kw):
        sqlite3.connect(db_path).execute("CREATE TABLE half (x)").connection.close()
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline.ingest, "ingest", interrupted)
    db = tmp_path / "d.sqlite"
    with pytest.raises(KeyboardInterrupt):
        build_demo_db(db, progress=False, articles_dir=small_demo)
    assert not db.exists() and not stamp_path(db).exists()
    assert not [p for p in tmp_path.iterdir() if p.name != "articles"]
