"""Cross-article deduplication: which reports merge, what the merged row holds, determinism."""
from __future__ import annotations

import random

from pipeline.dedupe import Report, block_key, compatible, dates_compatible, merge_reports

UBARI = (26.59, 12.78)


def rep(rid, article, date="2019-05-01", prec="day", lat=UBARI[0], lon=UBARI[1], **kw):
    return Report(report_id=f"{article}#{rid}", article_id=article, event_type=kw.pop("event_type", "Explosions/Remote violence"),
                  event_date=date, date_precision=prec, latitude=lat, longitude=lon, **kw)


def test_same_strike_from_two_articles_merges():
    a = rep(0, "a", fatalities=3, evidence="A drone hit Ubari.", geo_precision=2, location="near Ubari", published="2019-05-02")
    b = rep(0, "b", lat=26.62, lon=12.75, fatalities=5, geo_precision=1, location="Ubari", published="2019-05-04")
    [event] = merge_reports([a, b])
    assert event.sources == ["b", "a"]  # same date precision: the more precisely placed report leads
    assert event.location == "Ubari" and event.geo_precision == 1           # most precise place
    assert event.fatalities == 5                                              # latest published report's toll
    assert "merged 2 reports" in event.notes and "same day" in event.notes
    assert event.report_ids == ["b#0", "a#0"]


def test_year_precision_compatible_with_day_and_day_date_wins():
    coarse = rep(0, "a", date="2016", prec="year", evidence="In 2016 aircraft struck Ubari.")
    precise = rep(0, "b", date="2016-02-19", prec="day", evidence="On 19 February a strike hit Ubari.")
    [event] = merge_reports([coarse, precise])
    assert (event.event_date, event.date_precision, event.year) == ("2016-02-19", "day", 2016)
    assert event.sources[0] == "b" and event.evidence.startswith("On 19 February")


def test_unknown_date_never_merges_with_known():
    assert not dates_compatible(rep(0, "a", date=None, prec=None), rep(0, "b"))[0]
    events = merge_reports([rep(0, "a", date=None, prec=None), rep(0, "b")])
    assert len(events) == 2
    assert block_key("X", None) != block_key("X", "2019-05-01")


def test_two_undated_reports_merge_only_with_same_evidence():
    same = "A drone struck a camp near Ubari, killing three."
    assert len(merge_reports([rep(0, "a", date=None, prec=None, evidence=same),
                              rep(0, "b", date=None, prec=None, evidence=" " + same)])) == 1
    assert len(merge_reports([rep(0, "a", date=None, prec=None, evidence=same),
                              rep(0, "b", date=None, prec=None, evidence="Another strike hit Ubari.")])) == 2


def test_no_merge_when_far_apart_other_type_other_dates_same_article_or_other_actor():
    base = rep(0, "a", actor1="United States")
    assert not compatible(base, rep(0, "b", lat=27.0, lon=14.4))[0]                      # Sabha, ~170 km away
    assert not compatible(base, rep(0, "b", event_type="Battles"))[0]
    assert not compatible(base, rep(0, "b", date="2019-05-05"))[0]
    assert compatible(base, rep(0, "b", date="2019-05-02"))[0]                          # one day apart: time zones
    assert not compatible(base, rep(1, "a"))[0]
    assert not compatible(base, rep(0, "b", actor1="LNA"))[0]
    assert compatible(base, rep(0, "b", actor1="united states"))[0]
    assert not compatible(base, rep(0, "b", date="2019-06", prec="month"))[0]
    assert compatible(base, rep(0, "b", date="2019-05", prec="month"))[0]
    assert not compatible(base, rep(0, "b", lat=None, lon=None))[0]


def test_complete_linkage_no_chaining():
    # b and c are both compatible with the year-only report a, but not with each other (months apart).
    a = rep(0, "a", date="2019", prec="year")
    b = rep(0, "b", date="2019-02-01")
    c = rep(0, "c", date="2019-09-01")
    events = merge_reports([a, b, c])
    assert len(events) == 2
    assert sorted(len(e.sources) for e in events) == [1, 2]


def test_result_independent_of_input_order_and_ids_deterministic():
    reports = [rep(i, f"art{i}", date=f"2019-05-0{1 + i % 3}", lat=26.5 + (i % 4) * 0.1, fatalities=i,
                   published=f"2019-06-{10 + i:02d}") for i in range(12)]
    first = merge_reports(reports)
    for seed in range(5):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        again = merge_reports(shuffled)
        assert [(e.event_id, e.sources, e.fatalities, e.notes) for e in again] == \
               [(e.event_id, e.sources, e.fatalities, e.notes) for e in first]


def test_primary_role_wins_and_blank_actors_filled():
    a = rep(0, "a", role="background", actor1=None, actor2="ISIS")
    b = rep(0, "b", role="primary", actor1="United States", date="2019-05-01")
    [event] = merge_reports([a, b])
    assert event.role == "primary"
    assert event.actor1 == "United States" and event.actor2 == "ISIS"


def test_singleton_keeps_its_own_fields():
    [event] = merge_reports([rep(3, "solo", fatalities=None, notes="date from the dateline")])
    assert event.sources == ["solo"] and event.fatalities is None and event.notes == "date from the dateline"
    assert event.event_id.startswith("ev-")


def test_is_compatible_agrees_with_compatible_on_random_pairs():
    from pipeline.dedupe import is_compatible

    rng = random.Random(11)
    dates = [None, "", "2019", "2019-05", "2019-05-01", "2019-05-02", "2019-05-09", "2019-06-01", "2018-05-01",
             "2019-13-40", "2019-05-xx"]
    for i in range(4000):
        pair = []
        for side in "ab":
            pair.append(Report(
                report_id=f"{side}{i}#0", article_id=rng.choice([f"{side}{i}", "same"]),
                event_type=rng.choice(["Battles", "Battles", None, ""]),
                event_date=rng.choice(dates), date_precision=rng.choice([None, "day", "week", "month", "year", "odd"]),
                latitude=rng.choice([None, 26.59, 26.7, 26.9]), longitude=rng.choice([None, 12.78, 12.8]),
                actor1=rng.choice([None, "", "LNA", "lna", "GNA"]),
                evidence=rng.choice(["", "  ", "A strike.", " A  strike. ", "Another."])))
        assert is_compatible(*pair) == compatible(*pair)[0], pair


def test_single_report_event_equals_the_general_merge():
    """A one-report cluster (most clusters) keeps the report's own fields, blanks as None."""
    from pipeline.dedupe import MergedEvent, event_id_for, merge_cluster

    rng = random.Random(5)
    for i in range(300):
        blank = lambda: rng.choice([None, "", "X"])  # noqa: E731
        r = Report(report_id=f"a{i}#0", article_id=f"a{i}", role=rng.choice(["primary", "background", "", None]),
                   event_type="Battles", sub_event_type=blank(), event_date=rng.choice([None, "2019", "2019-05-01"]),
                   date_precision=rng.choice([None, "day", "year"]), actor1=blank(), assoc_actor_1=blank(),
                   actor2=blank(), latitude=rng.choice([None, 26.5]), longitude=12.7, geo_precision=rng.choice([None, 1, 2]),
                   fatalities=rng.choice([None, 0, 3]), notes=rng.choice(["", "n"]), evidence="e", published=rng.choice([None, "2019-05-02"]))
        event = merge_cluster([(r, "")], "b")
        blank_none = lambda v: v if v not in (None, "") else None  # noqa: E731
        assert event == MergedEvent(
            event_id=event_id_for([r.report_id]), block="b",
            role="primary" if r.role == "primary" else (r.role or "background"), event_date=r.event_date,
            date_precision=event.date_precision, year=int(r.event_date[:4]) if r.event_date else None,
            event_type="Battles", sub_event_type=blank_none(r.sub_event_type), actor1=blank_none(r.actor1),
            assoc_actor_1=blank_none(r.assoc_actor_1), actor2=blank_none(r.actor2), location=None, admin1=None,
            latitude=r.latitude, longitude=12.7, geo_precision=r.geo_precision, fatalities=r.fatalities,
            sources=[r.article_id], notes=r.notes, evidence="e", evidence_start=None, evidence_end=None,
            place_id=None, lead_report_id=r.report_id, report_ids=[r.report_id])
