#!/usr/bin/env python
"""Write a Rasd database full of synthetic events, for testing the dashboard at real sizes.

    python scripts/make_test_db.py --out data/test-100k.sqlite              # 100,000 events
    python scripts/make_test_db.py --out /tmp/small.sqlite --events 300 --hostile
    RASD_DB=data/test-100k.sqlite streamlit run dashboard.py

Everything goes through the Store API (pipeline/store.py), like a real ingest: synthetic articles,
each with a few event reports, then the store's deduplication. Reports of different articles that
describe the same strike (same family, dates a day apart, within 25 km, same actor) merge, as they
would in real data; the generator adds reports until at least --events events remain (count printed).
All text is made up here (no corpus text). --hostile adds one article whose title, evidence and place
name carry HTML/JS payloads, to check that the dashboard shows them as text.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from pipeline.records import Article, ExtractedEvent
from pipeline.store import open_store

# (name, district, latitude, longitude): Libyan towns, coordinates rounded.
PLACES: tuple[tuple[str, str, float, float], ...] = (
    ("Tripoli", "Tripoli", 32.8872, 13.1913), ("Benghazi", "Benghazi", 32.1167, 20.0667),
    ("Misrata", "Misrata", 32.3754, 15.0925), ("Sirte", "Sirte", 31.2089, 16.5887),
    ("Derna", "Derna", 32.7670, 22.6367), ("Tobruk", "Butnan", 32.0836, 23.9764),
    ("Sabha", "Sabha", 27.0377, 14.4283), ("Ubari", "Wadi al Hayaa", 26.5900, 12.7800),
    ("Murzuq", "Murzuq", 25.9155, 13.9184), ("Ghat", "Ghat", 24.9647, 10.1728),
    ("Kufra", "Kufra", 24.1833, 23.2833), ("Ajdabiya", "Al Wahat", 30.7554, 20.2263),
    ("Brega", "Al Wahat", 30.4066, 19.5739), ("Ras Lanuf", "Sirte", 30.5000, 18.5667),
    ("Bani Walid", "Misrata", 31.7566, 13.9942), ("Gharyan", "Al Jabal al Gharbi", 32.1722, 13.0203),
    ("Zawiya", "Zawiya", 32.7571, 12.7276), ("Sabratha", "Nuqat al Khams", 32.7933, 12.4885),
    ("Zuwara", "Nuqat al Khams", 32.9312, 12.0820), ("Zintan", "Al Jabal al Gharbi", 31.9316, 12.2529),
    ("Nalut", "Nalut", 31.8685, 10.9812), ("Ghadames", "Nalut", 30.1337, 9.5007),
    ("Hun", "Al Jufrah", 29.1268, 15.9477), ("Waddan", "Al Jufrah", 29.1614, 16.1390),
    ("Al Bayda", "Al Jabal al Akhdar", 32.7627, 21.7551), ("Marj", "Marj", 32.4996, 20.8297),
    ("Khoms", "Murqub", 32.6486, 14.2619), ("Tarhuna", "Murqub", 32.4350, 13.6332),
    ("Awjila", "Al Wahat", 29.1080, 21.2870), ("Brak", "Wadi al Shatii", 27.5500, 14.2667),
    ("Qatrun", "Murzuq", 24.9300, 14.6400), ("Umm al Aranib", "Murzuq", 26.1500, 14.7600),
)
GROUPS = tuple(f"Group {letter}" for letter in "ABCDEFGHIJKL")
TYPES = (
    ("Explosions/Remote violence", "Air/drone strike", 0.55),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 0.15),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 0.05),
    ("Battles", "Armed clash", 0.20),
    ("Violence against civilians", "Attack", 0.05),
)
LANGUAGES = ("en", "ar")
FIRST_DAY, LAST_DAY = date(2011, 1, 1), date(2024, 12, 31)
HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(1)>'


def _pick_type(rng: random.Random) -> tuple[str, str]:
    x, acc = rng.random(), 0.0
    for family, sub, weight in TYPES:
        acc += weight
        if x < acc:
            return family, sub
    return TYPES[0][0], TYPES[0][1]


def _date(rng: random.Random, day: date) -> tuple[str | None, str | None]:
    roll = rng.random()
    if roll < 0.80:
        return day.isoformat(), "day"
    if roll < 0.88:
        return day.isoformat()[:7], "month"
    if roll < 0.94:
        return day.isoformat()[:4], "year"
    return None, None


def _sentence(serial: int, sub: str, actor: str, target: str | None, place: str, killed: int | None,
              when: str | None) -> str:
    toll = f", killing {killed} people" if killed else (", with no deaths reported" if killed == 0 else "")
    on = f" on {when}" if when else ""
    against = f" against {target}" if target else ""
    return f"Report {serial}: {actor} carried out a {sub.lower()}{against} near {place}{on}{toll}, observers said."


def synthetic_articles(n_events: int, seed: int = 7, per_article: int = 4):
    """Yield (Article, [ExtractedEvent]) pairs with about n_events event reports in all."""
    rng = random.Random(seed)
    span = (LAST_DAY - FIRST_DAY).days
    made, serial, article_no = 0, 0, 0
    while made < n_events:
        article_no += 1
        count = min(n_events - made, rng.randint(1, 2 * per_article - 1))
        day = FIRST_DAY + timedelta(days=rng.randrange(span))
        language = LANGUAGES[article_no % len(LANGUAGES)]
        title = f"Synthetic bulletin {article_no}"
        sentences, specs = [], []
        for index in range(count):
            serial += 1
            family, sub = _pick_type(rng)
            name, district, lat, lon = rng.choice(PLACES)
            actor = rng.choice(GROUPS)
            target = rng.choice([g for g in GROUPS if g != actor]) if rng.random() < 0.6 else None
            assoc = rng.choice([g for g in GROUPS if g not in (actor, target)]) if rng.random() < 0.1 else None
            killed = rng.choice([None, None, 0, 1, 2, 3, 5, 8, 12, 20, 40]) if rng.random() < 0.9 else None
            event_date, precision = _date(rng, day - timedelta(days=rng.randrange(3)))
            geo = rng.choice((1, 1, 1, 2, 3))
            if geo == 2:  # "40 km south of X": moved off the town, as the gazetteer's relative places are
                lat, lon = round(lat + rng.uniform(-0.6, 0.6), 4), round(lon + rng.uniform(-0.6, 0.6), 4)
            sentences.append(_sentence(serial, sub, actor, target, name, killed, event_date))
            specs.append((index, family, sub, actor, assoc, target, name, district, lat, lon, geo, killed,
                          event_date, precision))
        text = " ".join(sentences)
        article = Article(id=f"synthetic-{article_no:06d}", text=text, title=title,
                          url=f"https://news.example.org/{article_no}", language=language,
                          published=day.isoformat(), source_path=f"synthetic/{article_no}.txt", source_format="txt",
                          content_hash=hashlib.sha256(text.encode()).hexdigest())
        full = article.full_text
        events, cursor = [], 0
        for sentence, spec in zip(sentences, specs):
            (index, family, sub, actor, assoc, target, name, district, lat, lon, geo, killed,
             event_date, precision) = spec
            start = full.index(sentence, cursor)
            cursor = start + len(sentence)
            events.append(ExtractedEvent(
                article_id=article.id, index=index, event_type=family, sub_event_type=sub,
                event_date=event_date, date_precision=precision, actor1=actor, assoc_actor_1=assoc,
                actor2=target, location=name, admin1=district, latitude=lat, longitude=lon, geo_precision=geo,
                fatalities=killed, notes=f"synthetic event {index + 1} of {article.id}", evidence=sentence,
                evidence_start=start, evidence_end=cursor))
        made += count
        yield article, events


def hostile_article() -> tuple[Article, list[ExtractedEvent]]:
    """An article whose title, text, place and actor carry markup that must be shown as text."""
    sentence = f"A drone struck {HOSTILE} near Sirte on 2019-05-05, killing 3 people {HOSTILE}."
    title = f"Headline {HOSTILE}"
    text = f"Opening paragraph. {sentence} Closing paragraph."
    article = Article(id="hostile-0001", text=text, title=title, url="javascript:alert(1)", language="en",
                      published="2019-05-06", source_path=f"hostile/{HOSTILE}.txt", source_format="txt",
                      content_hash=hashlib.sha256(text.encode()).hexdigest())
    start = article.full_text.index(sentence)
    event = ExtractedEvent(
        article_id=article.id, index=0, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        event_date="2019-05-05", date_precision="day", actor1=f"Group {HOSTILE}", location=f"Sirte {HOSTILE}",
        admin1="Sirte", latitude=31.2089, longitude=16.5887, geo_precision=1, fatalities=3,
        notes=f"note {HOSTILE}", evidence=sentence, evidence_start=start, evidence_end=start + len(sentence))
    return article, [event]


def build_test_db(path: str | Path, n_events: int = 100_000, seed: int = 7, hostile: bool = False,
                  batch: int = 2000) -> int:
    """Write the synthetic database at `path` (replacing it) with at least n_events events after
    deduplication (reports that merge are topped up); returns the number of events stored."""
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    source = synthetic_articles(10 * n_events + 10, seed=seed)   # pulled from lazily, never exhausted
    store = open_store(path)
    try:
        def write(n_reports: int, extra: list | None = None) -> set[str]:
            touched: set[str] = set()
            pending = list(extra or [])
            made = 0
            while made < n_reports or pending:
                while made < n_reports and len(pending) < batch:
                    article, events = next(source)
                    pending.append((article, events))
                    made += len(events)
                with store.transaction():
                    for article, events in pending:
                        touched |= store.write_article(article, events)
                pending = []
            return touched

        blocks = write(n_events, [hostile_article()] if hostile else None)
        while True:
            with store.transaction():
                store.rebuild_events(blocks)
            stored = store.counts()["events"]
            if stored >= n_events:
                return stored
            blocks = write(int((n_events - stored) * 1.3) + 1)
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="database file to write (replaced if it exists)")
    parser.add_argument("--events", type=int, default=100_000, help="events to store, at least (default 100000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--hostile", action="store_true", help="add an article carrying HTML/JS payloads")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    stored = build_test_db(args.out, args.events, seed=args.seed, hostile=args.hostile)
    print(f"wrote {args.out}: {stored:,} events "
          f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
