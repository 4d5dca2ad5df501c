"""Incremental deduplication: re-clustering only the touched components gives exactly a full rebuild."""
from __future__ import annotations

import random
import sqlite3

import pytest

from foundation_support import make_event
from pipeline.dedupe import Report, block_key, cluster, connected_reports, merge_reports
from pipeline.records import Article
from pipeline.store import open_store

# A few towns of my own choosing; reports scatter up to ~30 km around them, so some pairs are just
# inside the 25 km merge radius and some just outside.
CENTRES = [(26.59, 12.78), (31.2, 16.6), (32.9, 13.2), (32.75, 22.64)]
ACTORS = [None, None, "United States", "LNA"]


def random_fields(rng: random.Random) -> dict:
    lat, lon = rng.choice(CENTRES)
    kind = rng.random()
    if kind < 0.08:
        when = dict(event_date=None, date_precision=None)
    elif kind < 0.2:
        when = dict(event_date=f"201{rng.randint(6, 7)}", date_precision="year")
    elif kind < 0.4:
        when = dict(event_date=f"201{rng.randint(6, 7)}-0{rng.randint(1, 3)}", date_precision="month")
    else:
        when = dict(event_date=f"201{rng.randint(6, 7)}-0{rng.randint(1, 3)}-{rng.randint(1, 28):02d}",
                    date_precision=rng.choice(["day", "day", "day", "week"]))
    placed = rng.random() > 0.05
    return dict(
        **when,
        event_type=rng.choice(["Explosions/Remote violence", "Battles"]),
        latitude=lat + rng.uniform(-0.25, 0.25) if placed else None,
        longitude=lon + rng.uniform(-0.25, 0.25) if placed else None,
        geo_precision=rng.choice([1, 2]) if placed else None,
        actor1=rng.choice(ACTORS), fatalities=rng.choice([None, 1, 2, 5]),
        evidence=rng.choice(["A strike hit the town.", "Clashes broke out in the town.", "Shelling was heard."]),
    )


def random_article(rng: random.Random, article_id: str, version: int) -> tuple[Article, list]:
    published = f"2017-04-{rng.randint(1, 28):02d}" if rng.random() > 0.2 else None
    article = Article(id=article_id, text=f"Text of {article_id} v{version}.", title=f"{article_id} v{version}",
                      published=published, content_hash=f"{article_id}-{version}")
    events = [make_event(article_id, i, **random_fields(rng)) for i in range(rng.randint(0, 3))]
    return article, events


def dedupe_tables(path) -> tuple:
    conn = sqlite3.connect(path)
    try:
        return tuple(sorted(conn.execute(sql).fetchall(), key=repr) for sql in (
            "SELECT * FROM canonical_events", "SELECT * FROM event_sources", "SELECT report_id, event_id FROM events"))
    finally:
        conn.close()



def rebuilt_tables(path, final):
    """The dedupe tables of a database built from scratch with the final articles (in another order)."""
    with open_store(path) as store, store.transaction():
        for article, events in sorted(final.values(), key=lambda item: item[0].id, reverse=True):
            store.write_article(article, events)
        store.rebuild_events()
    return dedupe_tables(path)

def test_connected_components_cluster_like_the_whole_block():
    rng = random.Random(3)
    for _ in range(30):
        reports = []
        for i in range(40):
            f = random_fields(rng)
            f["event_type"] = "Explosions/Remote violence"
            reports.append(Report(report_id=f"a{i % 25}#{i}", article_id=f"a{i % 25}",
                                  **{k: f[k] for k in ("event_type", "event_date", "date_precision", "latitude",
                                                        "longitude", "geo_precision", "actor1", "evidence")}))
        whole = {tuple(sorted(r.report_id for r, _ in members)) for members in cluster(reports)}
        seed = rng.choice(reports).report_id
        component = connected_reports(reports, [seed])
        assert seed in component
        part = {tuple(sorted(r.report_id for r, _ in members))
                for members in cluster([r for r in reports if r.report_id in component])}
        assert part <= whole  # the component's clusters are exactly the block's clusters over it
        assert {rid for members in part for rid in members} == component


@pytest.mark.parametrize("method", ["update_events", "rebuild_events"])
def test_per_batch_updates_equal_a_full_rebuild_over_random_histories(tmp_path, method):
    """Both the incremental update and the per-block rebuild, after each batch of a random history."""
    for trial in range(6):
        rng = random.Random(trial)
        live = tmp_path / f"live{trial}.sqlite"
        final: dict[str, tuple[Article, list]] = {}
        with open_store(live) as store:
            for version in range(8):  # batches of new, changed (often to another block) and deleted articles
                with store.transaction():
                    touched: set[str] = set()
                    for _ in range(rng.randint(1, 12)):
                        article_id = f"art{rng.randint(0, 30)}"
                        if article_id in final and rng.random() < 0.2:
                            touched |= store.delete_article(article_id)
                            del final[article_id]
                            continue
                        article, events = random_article(rng, article_id, version)
                        touched |= store.write_article(article, events)
                        final[article_id] = (article, events)
                    getattr(store, method)(touched)
        assert dedupe_tables(live) == rebuilt_tables(tmp_path / f"rebuilt{trial}.sqlite", final), f"trial {trial}"
        live_tables = dedupe_tables(live)
        assert all(event_id is not None for _, event_id in live_tables[2])


def test_update_events_touches_only_the_changed_component(tmp_path):
    db = tmp_path / "db.sqlite"
    far_a = dict(latitude=26.59, longitude=12.78)    # two towns far apart: separate components
    far_b = dict(latitude=32.75, longitude=22.64)
    with open_store(db) as store, store.transaction():
        touched = store.write_article(Article(id="a", text="x", content_hash="a"), [make_event("a", 0, **far_a)])
        touched |= store.write_article(Article(id="b", text="y", content_hash="b"), [make_event("b", 0, **far_b)])
        store.update_events(touched)
    with open_store(db) as store, store.transaction():
        touched = store.write_article(Article(id="c", text="z", content_hash="c"), [make_event("c", 0, **far_a)])
        assert store.update_events(touched) == 1  # only the merged a+c event is rewritten, not b's
    conn = sqlite3.connect(db)
    rows = dict(conn.execute("SELECT lead_report_id, sources FROM canonical_events").fetchall())
    assert sorted(rows.values()) == ["a;c", "b"] or sorted(rows.values()) == ["b", "c;a"]
    assert block_key("Explosions/Remote violence", "2019-05-01") == conn.execute(
        "SELECT DISTINCT block FROM canonical_events").fetchone()[0]
    conn.close()
    assert len(merge_reports([])) == 0


def test_write_articles_with_dedupe_keeps_every_batch_equal_to_a_full_rebuild(tmp_path):
    """The ingest path: write_articles(dedupe=True) in one long-lived Store (blocks cached between
    transactions), with deletions, a rolled-back batch and writes by another connection in between."""
    for trial in range(6):
        rng = random.Random(100 + trial)
        live = tmp_path / f"live{trial}.sqlite"
        final: dict[str, tuple[Article, list]] = {}
        with open_store(live) as store:
            for version in range(10):
                batch = []
                if rng.random() < 0.15:  # a batch that fails half-way: nothing of it may stay, in the db or in memory
                    with pytest.raises(RuntimeError), store.transaction():
                        article, events = random_article(rng, f"art{rng.randint(0, 30)}", version)
                        store.write_articles([(article, events, None)], dedupe=True)
                        raise RuntimeError("interrupted")
                if rng.random() < 0.2:  # another writer commits between two of our transactions
                    with open_store(live) as other, other.transaction():
                        article, events = random_article(rng, f"art{rng.randint(0, 30)}", version)
                        other.update_events(other.write_article(article, events))
                        final[article.id] = (article, events)
                with store.transaction():
                    for _ in range(rng.randint(1, 12)):
                        article_id = f"art{rng.randint(0, 30)}"
                        if article_id in final and rng.random() < 0.2:
                            store.update_events(store.delete_article(article_id))
                            del final[article_id]
                            batch = [item for item in batch if item[0].id != article_id]
                            continue
                        batch.append(random_article(rng, article_id, version))
                    store.write_articles([(a, e, None) for a, e in batch], dedupe=True)
                for article, events in batch:
                    final[article.id] = (article, events)
                with sqlite3.connect(live) as check:  # every committed state is deduplicated
                    assert check.execute("SELECT count(*) FROM events WHERE event_id IS NULL").fetchone()[0] == 0
        assert dedupe_tables(live) == rebuilt_tables(tmp_path / f"rebuilt{trial}.sqlite", final), f"trial {trial}"


def test_write_articles_with_dedupe_equals_write_then_update(tmp_path):
    rng = random.Random(7)
    history = [[random_article(rng, f"art{rng.randint(0, 15)}", version) for _ in range(rng.randint(1, 10))]
               for version in range(8)]
    combined, separate = tmp_path / "combined.sqlite", tmp_path / "separate.sqlite"
    with open_store(combined) as store:
        for batch in history:
            with store.transaction():
                store.write_articles([(a, e, None) for a, e in batch], now="t", dedupe=True)
    with open_store(separate) as store:
        for batch in history:
            with store.transaction():
                store.update_events(store.write_articles([(a, e, None) for a, e in batch], now="t"))
    from foundation_support import dump_db
    assert dump_db(combined) == dump_db(separate)


def test_report_index_kept_across_changes_finds_what_a_fresh_index_finds():
    """A block's index updated by adds and removals (as the store keeps it between batches) finds the
    same components as an index built from scratch over the block as it is now."""
    from pipeline.dedupe import ReportIndex

    rng = random.Random(11)
    for _ in range(20):
        kept = ReportIndex()
        current: dict[str, Report] = {}
        for step in range(60):
            if current and rng.random() < 0.3:
                gone = rng.choice(sorted(current))
                del current[gone]
                kept.remove(gone)
            else:
                f = random_fields(rng)
                f["event_type"] = "Battles"
                rid = f"a{rng.randint(0, 30)}#{rng.randint(0, 2)}"   # sometimes replaces a report
                report = Report(report_id=rid, article_id=rid.split("#")[0],
                                **{k: f[k] for k in ("event_type", "event_date", "date_precision", "latitude",
                                                      "longitude", "geo_precision", "actor1", "evidence")})
                current[rid] = report
                kept.add(report)
            if current and step % 5 == 0:
                seeds = rng.sample(sorted(current), min(3, len(current)))
                assert kept.connected(seeds) == connected_reports(list(current.values()), seeds)


def test_update_events_keeps_the_untouched_events_of_a_touched_component(tmp_path):
    """A new report joins one event of its component: the component's other events stay as stored."""
    db = tmp_path / "db.sqlite"
    with open_store(db) as store, store.transaction():
        # Different actors: two events, until a report without an actor links them into one component.
        touched = store.write_article(Article(id="a", text="x", content_hash="a"), [make_event("a", 0, actor1="LNA")])
        touched |= store.write_article(Article(id="b", text="y", content_hash="b"),
                                       [make_event("b", 0, actor1="United States")])
        assert store.update_events(touched) == 2
    with open_store(db) as store, store.transaction():
        touched = store.write_article(Article(id="c", text="z", content_hash="c"), [make_event("c", 0)])
        assert store.update_events(touched) == 1  # a+c rewritten; b's event kept
    with open_store(db) as store, store.transaction():
        assert store.rebuild_events() == 2  # and a full rebuild gives the same two events
    conn = sqlite3.connect(db)
    assert sorted(r[0] for r in conn.execute("SELECT sources FROM canonical_events")) == ["a;c", "b"]
    conn.close()
