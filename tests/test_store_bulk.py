"""Bulk writes (what ingest uses) store exactly what one-by-one writes store; the ingest path stays light."""
from __future__ import annotations

import subprocess
import sys

from foundation_support import dump_db, make_event
from pipeline.records import Article, PlaceMention
from pipeline.store import open_store


def _article(aid: str, version: int = 0) -> Article:
    return Article(id=aid, text=f"Body of {aid}, version {version}.", title=f"{aid} v{version}",
                   published="2019-05-02", content_hash=f"{aid}-{version}")


def _mention(start: int) -> PlaceMention:
    return PlaceMention(start=start, end=start + 5, text="Ubari", place_id="p-ubari", name="Ubari", name_ar=None,
                        latitude=26.59, longitude=12.78, admin1=None, feature="town", country_code="LY",
                        match="exact", score=1.0, geo_precision=1)


def _items(version: int):
    return [(_article(aid, version), [make_event(aid, i, fatalities=version + i) for i in range(n)],
             [_mention(0), _mention(10)] if n else None)
            for aid, n in (("a", 1), ("b", 2), ("c", 0), ("d", 3))]


def test_write_articles_equals_write_article_one_by_one_including_replacements(tmp_path):
    one, bulk = tmp_path / "one.sqlite", tmp_path / "bulk.sqlite"
    touched_one, touched_bulk = set(), set()
    with open_store(one) as store:
        for version in (0, 1):  # the second round replaces every article (and its events and mentions)
            with store.transaction():
                for article, events, mentions in _items(version):
                    touched_one |= store.write_article(article, events, mentions, now="t")
                store.rebuild_events(touched_one)
    with open_store(bulk) as store:
        for version in (0, 1):
            with store.transaction():
                touched_bulk |= store.write_articles(_items(version), now="t")
                store.update_events(touched_bulk)
    assert touched_one == touched_bulk
    assert dump_db(one) == dump_db(bulk)


def test_write_articles_keeps_the_last_of_repeated_ids(tmp_path):
    with open_store(tmp_path / "db.sqlite") as store, store.transaction():
        store.write_articles([(_article("a", 0), [make_event("a", 0)], None),
                              (_article("a", 1), [], None)])
        assert store.conn.execute("SELECT content_hash FROM articles").fetchall() == [("a-1",)]
        assert store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == 0


def test_ingest_path_does_not_import_heavy_libraries():
    # pandas (~0.7 s), trafilatura/lxml (~0.2 s), charset-normalizer and tqdm are loaded only when needed.
    code = ("import sys, pipeline.cli, pipeline.ingest, pipeline.commands.ingest; "
            "heavy = {'pandas', 'numpy', 'geopandas', 'pyogrio', 'trafilatura', 'lxml', 'charset_normalizer', 'tqdm'}; "
            "print(sorted(heavy & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
