"""Characterization of the store's read side: load_events_frame gives exactly these rows, values, order
and dtypes (pinned before the loader was rewritten for speed), and equals a straightforward reference
implementation (the original pandas groupby version, kept here as the oracle) on a synthetic database."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from pipeline.records import Article, PlaceMention
from pipeline.store import (
    EVENT_FRAME_COLUMNS, load_articles_frame, load_events_frame, load_place_mentions_frame, load_quarantine_frame,
    open_store,
)
from foundation_support import make_event
from tests.testdb_support import build_test_db

NaN, NA = "NaN", "NA"   # cell markers: float NaN and pandas.NA (None stays None)


def _article(aid, **kw):
    return Article(id=aid, text=f"Body of {aid}.", content_hash=f"h-{aid}", **kw)


def build_fixture(path):
    """Eight articles: a strike told by three (one repeating another's url and title), a strike told by two
    articles with no url/language/title/date, an undated wire story told twice, single-source events,
    one article with two events, Arabic and a ';' inside a title."""
    strike = dict(event_date="2019-05-01", actor1="Group A", latitude=26.59, longitude=12.78)
    undated = dict(event_date=None, date_precision=None, actor1=None, latitude=31.2, longitude=16.59,
                   location="Sirte", admin1="Sirte", evidence="Same wire text.")
    place = PlaceMention(start=0, end=5, text="Ubari", place_id="geonames:2214433", name="Ubari", name_ar="أوباري",
                         latitude=26.59, longitude=12.78, admin1="Wadi Al Hayaa", feature="town", country_code="LY",
                         match="exact", score=1.0, geo_precision=1)
    items = [
        (_article("s1", title="Alpha report", url="https://example.org/1", language="en", published="2019-05-03"),
         [make_event("s1", 0, fatalities=3, evidence_start=0, evidence_end=7, place=place, **strike),
          make_event("s1", 1, event_type="Battles", sub_event_type="Armed clash", event_date="2018-03-10",
                     actor1="Group B", fatalities=1, latitude=32.1, longitude=20.0, location="Benghazi",
                     admin1="Benghazi")]),
        (_article("s2", title="تقرير عن الغارة", url="https://example.org/2", language="ar", published="2019-05-01"),
         [make_event("s2", 0, fatalities=5, geo_precision=2, **strike)]),
        (_article("s3", title="Alpha report", url="https://example.org/1", language="en", published=None),
         [make_event("s3", 0, fatalities=None, **strike)]),
        (_article("e1", title=None, url=None, language=None, published=None),
         [make_event("e1", 0, event_date="2017-01-02", actor1="Group C", latitude=30.0, longitude=15.0)]),
        (_article("e2", title="", url="", language="", published=None),
         [make_event("e2", 0, event_date="2017-01-02", actor1="Group C", latitude=30.01, longitude=15.01)]),
        (_article("u1", title="Gamma; late edition", url="https://example.org/u", language="en", published="2020-01-05"),
         [make_event("u1", 0, **undated)]),
        (_article("u2", title="Gamma", url="https://example.org/u2", language="ar", published="2020-01-04"),
         [make_event("u2", 0, **undated)]),
        (_article("m1", title="Month piece", url="https://example.org/m", language="en", published="2016-07-30"),
         [make_event("m1", 0, event_date="2016-07", date_precision="month", actor1="Group D", fatalities=0,
                     assoc_actor_1="Group E", actor2="Group F", notes="my note", role="background",
                     latitude=None, longitude=None, location=None, admin1=None, geo_precision=None)]),
    ]
    with open_store(path) as store, store.transaction():
        touched = set()
        for art, events in items:
            touched |= store.write_article(art, events)
        store.rebuild_events(touched)
    return path


def _cell(value):
    if value is None:
        return None
    if value is pd.NA:
        return NA
    if isinstance(value, float) and value != value:
        return NaN
    return value


def _rows(df: pd.DataFrame) -> list[tuple]:
    return [tuple(_cell(v) for v in row) for row in df.itertuples(index=False)]


EXPECTED_DTYPES = {
    "event_id": "str", "event_date": "object", "date_precision": "object", "year": "Int64", "event_type": "str",
    "sub_event_type": "str", "actor1": "str", "assoc_actor_1": "str", "actor2": "str", "location": "str",
    "admin1": "str", "latitude": "float64", "longitude": "float64", "geo_precision": "Int64", "fatalities": "Int64",
    "sources": "str", "source_urls": "str", "notes": "str", "evidence": "str", "languages": "str", "role": "str",
    "titles": "str", "published": "object", "evidence_start": "Int64", "evidence_end": "Int64", "place_id": "str",
}
NOTES = object()  # the notes cell: checked against the canonical_events table (dedupe writes it)
EXPECTED_ROWS = [
    ("ev-14f440a02f70", "2016-07", "month", 2016, "Explosions/Remote violence", "Air/drone strike", "Group D",
     "Group E", "Group F", NaN, NaN, NaN, NaN, NA, 0, "m1", "https://example.org/m", NOTES, "Evidence of m1.", "en",
     "background", "Month piece", "2016-07-30", NA, NA, NaN),
    ("ev-a61b6f96fe3e", "2017-01-02", "day", 2017, "Explosions/Remote violence", "Air/drone strike", "Group C",
     NaN, NaN, "Ubari", "Wadi Al Hayaa", 30.0, 15.0, 1, NA, "e1;e2", "", NOTES, "Evidence of e1.", "", "primary",
     "", NaN, NA, NA, NaN),
    ("ev-7baa5de1f53a", "2018-03-10", "day", 2018, "Battles", "Armed clash", "Group B", NaN, NaN, "Benghazi",
     "Benghazi", 32.1, 20.0, 1, 1, "s1", "https://example.org/1", NOTES, "Evidence of s1.", "en", "primary",
     "Alpha report", "2019-05-03", NA, NA, NaN),
    ("ev-0850c5db06ea", "2019-05-01", "day", 2019, "Explosions/Remote violence", "Air/drone strike", "Group A",
     NaN, NaN, "Ubari", "Wadi Al Hayaa", 26.59, 12.78, 1, 3, "s1;s2;s3", "https://example.org/1;https://example.org/2",
     NOTES, "Evidence of s1.", "en;ar", "primary", "Alpha report;تقرير عن الغارة", "2019-05-01", 0, 7,
     "geonames:2214433"),
    ("ev-73d3121c5dbe", NaN, NaN, NA, "Explosions/Remote violence", "Air/drone strike", NaN, NaN, NaN, "Sirte",
     "Sirte", 31.2, 16.59, 1, NA, "u1;u2", "https://example.org/u;https://example.org/u2", NOTES, "Same wire text.",
     "en;ar", "primary", "Gamma; late edition;Gamma", "2020-01-04", NA, NA, NaN),
]


def test_events_frame_exact_content(tmp_path):
    db = build_fixture(tmp_path / "fixture.sqlite")
    df = load_events_frame(db)
    assert list(df.columns) == list(EVENT_FRAME_COLUMNS)
    assert {c: str(t) for c, t in df.dtypes.items()} == EXPECTED_DTYPES
    assert isinstance(df.index, pd.RangeIndex) and df.index.start == 0 and len(df) == len(EXPECTED_ROWS)
    with sqlite3.connect(db) as conn:
        notes = dict(conn.execute("SELECT event_id, notes FROM canonical_events"))
    assert notes["ev-14f440a02f70"] == "my note" and notes["ev-0850c5db06ea"].startswith("merged 3 reports")
    notes_at = list(EVENT_FRAME_COLUMNS).index("notes")
    got = _rows(df)
    for row_got, row_expected in zip(got, EXPECTED_ROWS):
        expected = list(row_expected)
        expected[notes_at] = notes[row_got[0]]
        assert row_got == tuple(expected)
        assert all(type(v) is not float or v == v for v in row_got if v not in (NaN, NA))


def test_events_frame_without_any_dated_source_or_place_keeps_plain_objects(tmp_path):
    """When no source has a publication date (or no event a place id), those columns hold None objects."""
    db = tmp_path / "undated.sqlite"
    with open_store(db) as store, store.transaction():
        touched = store.write_article(_article("x1", title="X", url="https://example.org/x", language="en"),
                                      [make_event("x1", 0, event_date="2021-03-04")])
        touched |= store.write_article(_article("x2", title="Y", language="ar"),
                                       [make_event("x2", 0, event_date="2021-03-05", latitude=26.6)])
        touched |= store.write_article(_article("x3", title="Z"), [make_event("x3", 0, event_date="2015")])
        store.rebuild_events(touched)
    df = load_events_frame(db)
    assert str(df.published.dtype) == "object" and str(df.place_id.dtype) == "object"
    assert list(df.published) == [None, None] and list(df.place_id) == [None, None]
    assert list(df.sources) == ["x3", "x1;x2"]
    assert list(df.source_urls) == ["", "https://example.org/x"]
    assert list(df.languages) == ["", "en;ar"] and list(df.titles) == ["Z", "X;Y"]


# -- the oracle: the loader as first written (per-group pandas aggregation), slow but obviously right ----------

def _join_unique(values) -> str:
    seen: list[str] = []
    for v in values:
        if v not in (None, "") and not (isinstance(v, float) and pd.isna(v)) and str(v) not in seen:
            seen.append(str(v))
    return ";".join(seen)


def reference_events_frame(db_path) -> pd.DataFrame:
    conn = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        events = pd.read_sql_query(
            "SELECT event_id, event_date, date_precision, year, event_type, sub_event_type, actor1,"
            " assoc_actor_1, actor2, location, admin1, latitude, longitude, geo_precision, fatalities,"
            " sources, notes, evidence, role, evidence_start, evidence_end, place_id"
            " FROM canonical_events ORDER BY event_date IS NULL, event_date, event_id", conn)
        sources = pd.read_sql_query(
            "SELECT s.event_id, s.position, a.url, a.language, a.title, a.published FROM event_sources s"
            " JOIN articles a ON a.id = s.article_id ORDER BY s.event_id, s.position", conn)
    finally:
        conn.close()
    grouped = sources.groupby("event_id", sort=False)
    agg = pd.DataFrame({
        "source_urls": grouped["url"].agg(_join_unique),
        "languages": grouped["language"].agg(_join_unique),
        "titles": grouped["title"].agg(_join_unique),
        "published": grouped["published"].agg(lambda s: min((v for v in s if isinstance(v, str) and v), default=None)),
    })
    df = events.merge(agg, how="left", left_on="event_id", right_index=True)
    for col in ("source_urls", "languages", "titles"):
        df[col] = df[col].fillna("")
    for col in ("year", "geo_precision", "fatalities", "evidence_start", "evidence_end"):
        df[col] = pd.array(df[col], dtype="Int64")
    for col in ("latitude", "longitude"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    df = df.astype({c: "object" for c in ("event_date", "date_precision", "published")})
    return df[list(EVENT_FRAME_COLUMNS)].reset_index(drop=True)


def _assert_identical(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert list(got.dtypes) == list(expected.dtypes)
    assert _rows(got) == _rows(expected)   # also None vs NaN vs NA, cell by cell


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("store-load") / "synthetic.sqlite"
    build_test_db(path, 400, seed=13, hostile=True)
    return path


def test_events_frame_equals_reference_on_fixture(tmp_path):
    db = build_fixture(tmp_path / "fixture.sqlite")
    _assert_identical(load_events_frame(db), reference_events_frame(db))


def test_events_frame_equals_reference_on_synthetic_db(synthetic_db):
    got = load_events_frame(synthetic_db)
    assert len(got) >= 400 and got.sources.str.contains(";").any()   # some events do merge several articles
    _assert_identical(got, reference_events_frame(synthetic_db))


def test_other_frames_exact_content(tmp_path):
    db = build_fixture(tmp_path / "fixture.sqlite")
    arts = load_articles_frame(db)
    assert list(arts.columns) == ["id", "title", "url", "language", "published", "source_path", "source_format",
                                  "ingested_at", "n_events"]
    assert [(r.id, _cell(r.published), r.n_events) for r in arts.itertuples()] == [
        ("m1", "2016-07-30", 1), ("s2", "2019-05-01", 1), ("s1", "2019-05-03", 2), ("u2", "2020-01-04", 1),
        ("u1", "2020-01-05", 1), ("e1", NaN, 1), ("e2", NaN, 1), ("s3", NaN, 1)]
    assert str(arts.n_events.dtype) == "int64"
    assert load_place_mentions_frame(db).empty and load_quarantine_frame(db).empty
