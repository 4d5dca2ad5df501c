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
