"""Helpers for the foundation tests (readers, store, ingest, dedupe, export, CLI).

`marker_extractor` stands in for the real extractor: it reads events from lines of the form
    EVENT type=Battles sub=Armed clash date=2019-05-01 prec=day lat=32.1 lon=13.2 killed=3 actor=X target=Y place=Z
so a test controls exactly which events an article yields, independent of extraction quality.
All article text here is written for these tests.
"""
from __future__ import annotations

import os
import re
import sqlite3
import time

from pipeline.store import open_store

from pipeline.records import Article, ExtractedEvent

SHARED_SEED = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus", "seed")

_FIELD = re.compile(r"(\w+)=(.*?)(?=\s+\w+=|$)")


def make_event(article_id: str, index: int = 0, **fields) -> ExtractedEvent:
    defaults = dict(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                    event_date="2019-05-01", date_precision="day", latitude=26.59, longitude=12.78,
                    location="Ubari", admin1="Wadi Al Hayaa", geo_precision=1, evidence=f"Evidence of {article_id}.")
    defaults.update(fields)
    return ExtractedEvent(article_id=article_id, index=index, **defaults)


def marker_extractor(article, gazetteer=None, mentions=None):
    events = []
    for line in article.full_text.splitlines():
        if not line.startswith("EVENT "):
            continue
        f = dict(_FIELD.findall(line[6:]))
        start = article.full_text.find(line)
        events.append(ExtractedEvent(
            article_id=article.id, index=len(events),
            event_type=f.get("type", "Explosions/Remote violence"), sub_event_type=f.get("sub", "Air/drone strike"),
            event_date=f.get("date") or None, date_precision=f.get("prec") or None,
            latitude=float(f["lat"]) if "lat" in f else None, longitude=float(f["lon"]) if "lon" in f else None,
            geo_precision=1 if "lat" in f else None, location=f.get("place"),
            fatalities=int(f["killed"]) if "killed" in f else None,
            actor1=f.get("actor"), actor2=f.get("target"), evidence=line,
            evidence_start=start, evidence_end=start + len(line)))
    return events


def slow_marker_extractor(article, gazetteer=None, mentions=None):
    time.sleep(0.01)  # lets a test kill an ingest while it is still running
    return marker_extractor(article, gazetteer)


def write_corpus(folder, n: int) -> None:
    """n small English articles; every pair of consecutive articles reports the same strike."""
    os.makedirs(folder, exist_ok=True)
    for i in range(n):
        pair = i // 2
        lat = 25.0 + (pair % 40) * 0.5
        lon = 10.0 + (pair // 40) * 0.5
        day = 1 + pair % 28
        killed = 2 + (i % 2)  # the two reports disagree on the toll
        text = (f"published: 2019-06-{1 + i % 28:02d}\n"
                f"Strike number {pair} reported by outlet {i % 2}\n\n"
                f"Aircraft hit a position in the desert, witnesses said. This is report {i}.\n"
                f"EVENT date=2019-05-{day:02d} prec=day lat={lat} lon={lon} killed={killed} place=Spot{pair}\n")
        with open(os.path.join(folder, f"article-{i:04d}.txt"), "w", encoding="utf-8") as fh:
            fh.write(text)


TIMESTAMP_COLUMNS = {"ingested_at", "first_seen", "last_seen"}


def dump_db(path) -> dict[str, list[tuple]]:
    """Every table's rows (sorted, timestamps and the write counter left out), for comparing two databases."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        out = {}
        for table in tables:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in TIMESTAMP_COLUMNS]
            rows = conn.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} FROM {table}").fetchall()
            if table == "meta":
                rows = [r for r in rows if r[0] != "revision"]
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        conn.close()


def build_db(path):
    """Four events of my own making: years 2016-2019, several groups, types and tolls; one without a place."""
    specs = [
        ("a", dict(event_date="2016-02-19", actor1="United States", actor2="ISIS", fatalities=40, latitude=32.79,
                   longitude=12.48, location="Sabratha")),
        ("b", dict(event_date="2017-09-22", date_precision="day", actor1="United States", actor2="ISIS", fatalities=17,
                   latitude=30.2, longitude=17.8, location="southeast of Sirte", geo_precision=2)),
        ("c", dict(event_type="Battles", sub_event_type="Armed clash", event_date="2018", date_precision="year",
                   actor1="LNA", assoc_actor_1="Tebu militia", actor2="GNA", fatalities=None, latitude=None, longitude=None,
                   location=None, geo_precision=None)),
        ("d", dict(event_date="2019-08-04", actor1="LNA", actor2="=HYPERLINK(\"http://evil\")", fatalities=-3,
                   latitude=25.9, longitude=-0.5, location="+Murzuq", evidence="@cmd|' /C calc'!A0",
                   notes="-2+3 pending\tconfirm")),
    ]
    with open_store(path) as store, store.transaction():
        touched = set()
        for aid, fields in specs:
            art = Article(id=aid, text=f"Text of {aid}.", title=f"T{aid}", url=f"https://example.org/{aid}",
                          language="en", content_hash=aid)
            touched |= store.write_article(art, [make_event(aid, 0, **fields)])
        store.rebuild_events(touched)
    return path
