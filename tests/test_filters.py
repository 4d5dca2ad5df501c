"""pipeline.filters: the one filter definition shared by `rasd export` and every dashboard page."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from pipeline.filters import EventFilter, apply_filters, from_query_params, to_query_params
from pipeline.records import EXPORT_COLUMNS


def frame(*rows: dict) -> pd.DataFrame:
    base = {c: None for c in EXPORT_COLUMNS}
    base["languages"] = ""
    records = []
    for i, row in enumerate(rows):
        rec = {**base, "event_id": f"ev-{i}", "notes": "", "evidence": "", **row}
        if rec.get("event_date") and rec.get("year") is None:
            rec["year"] = int(rec["event_date"][:4])
        records.append(rec)
    return pd.DataFrame(records)


EVENTS = frame(
    dict(event_date="2016-02-19", date_precision="day", event_type="Explosions/Remote violence",
         sub_event_type="Air/drone strike", actor1="Air Force X", actor2="Militia Y", fatalities=12,
         geo_precision=1, languages="en", sources="a1", location="Sabratha", evidence="Jets struck a farm."),
    dict(event_date="2016-03", date_precision="month", event_type="Battles", sub_event_type="Armed clash",
         actor1="Militia Y", assoc_actor_1="Brigade Z", actor2="Army W", fatalities=None, geo_precision=2,
         languages="ar", sources="a2;a3", location="Sirte", notes="Date from the month named."),
    dict(event_date="2019", date_precision="year", event_type="Explosions/Remote violence",
         sub_event_type="Shelling/artillery/missile attack", actor1="Army W", fatalities=3, geo_precision=3,
         languages="en;ar", sources="a3", location="Fezzan", evidence="Shells fell near the AIRPORT."),
    dict(event_date=None, date_precision=None, event_type="Violence against civilians", sub_event_type="Attack",
         actor1=None, actor2="Civilians", fatalities=0, geo_precision=None, languages="ar", sources="a4"),
)


def ids(df: pd.DataFrame) -> list[str]:
    return df["event_id"].tolist()


def test_empty_filter_keeps_everything():
    assert EventFilter().is_empty()
    assert ids(apply_filters(EVENTS, EventFilter())) == ids(EVENTS)


def test_year_range_is_inclusive_and_drops_undated_events():
    assert ids(apply_filters(EVENTS, EventFilter(year_from=2016, year_to=2016))) == ["ev-0", "ev-1"]
    assert ids(apply_filters(EVENTS, EventFilter(year_from=2017))) == ["ev-2"]
    assert ids(apply_filters(EVENTS, EventFilter(year_to=2018))) == ["ev-0", "ev-1"]


def test_date_range_keeps_coarse_dates_whose_period_overlaps():
    # A month-precise '2016-03' overlaps 10-20 March; a year-precise '2019' overlaps June 2019.
    march = EventFilter(date_from=date(2016, 3, 10), date_to=date(2016, 3, 20))
    assert ids(apply_filters(EVENTS, march)) == ["ev-1"]
    june = EventFilter(date_from=date(2019, 6, 1), date_to=date(2019, 6, 30))
    assert ids(apply_filters(EVENTS, june)) == ["ev-2"]
    assert ids(apply_filters(EVENTS, EventFilter(date_to=date(2016, 2, 19)))) == ["ev-0"]


def test_group_matches_actor_partner_and_target_case_insensitively():
    assert ids(apply_filters(EVENTS, EventFilter(groups=["militia y"]))) == ["ev-0", "ev-1"]
    assert ids(apply_filters(EVENTS, EventFilter(groups=["Brigade Z"]))) == ["ev-1"]
    assert ids(apply_filters(EVENTS, EventFilter(groups=["Civilians", "Army W"]))) == ["ev-1", "ev-2", "ev-3"]


def test_actor_matches_only_who_acted():
    assert ids(apply_filters(EVENTS, EventFilter(actors=["Army W"]))) == ["ev-2"]
    assert ids(apply_filters(EVENTS, EventFilter(actors=["Brigade Z"]))) == ["ev-1"]


def test_event_type_matches_type_or_sub_type():
    assert ids(apply_filters(EVENTS, EventFilter(event_types=["Explosions/Remote violence"]))) == ["ev-0", "ev-2"]
    assert ids(apply_filters(EVENTS, EventFilter(event_types=["Air/drone strike", "Attack"]))) == ["ev-0", "ev-3"]


def test_min_fatalities_treats_unknown_tolls_as_zero():
    assert ids(apply_filters(EVENTS, EventFilter(min_fatalities=3))) == ["ev-0", "ev-2"]
    assert ids(apply_filters(EVENTS, EventFilter(min_fatalities=0))) == ids(EVENTS)


def test_precision_filters_include_unknown():
    assert ids(apply_filters(EVENTS, EventFilter(geo_precisions=[2, 3]))) == ["ev-1", "ev-2"]
    assert ids(apply_filters(EVENTS, EventFilter(date_precisions=["unknown", "year"]))) == ["ev-2", "ev-3"]


def test_language_and_source_match_any_of_the_joined_values():
    assert ids(apply_filters(EVENTS, EventFilter(languages=["en"]))) == ["ev-0", "ev-2"]
    assert ids(apply_filters(EVENTS, EventFilter(sources=["a3"]))) == ["ev-1", "ev-2"]


def test_text_searches_evidence_notes_and_place_case_insensitively():
    assert ids(apply_filters(EVENTS, EventFilter(text="airport"))) == ["ev-2"]
    assert ids(apply_filters(EVENTS, EventFilter(text="month named"))) == ["ev-1"]
    assert ids(apply_filters(EVENTS, EventFilter(text="sabratha"))) == ["ev-0"]
    assert ids(apply_filters(EVENTS, EventFilter(text="(unbalanced["))) == []   # not a regex


def test_filters_combine_with_and():
    flt = EventFilter(year_from=2016, groups=["Army W"], min_fatalities=1)
    assert ids(apply_filters(EVENTS, flt)) == ["ev-2"]


def test_apply_filters_on_an_empty_frame():
    empty = EVENTS.iloc[0:0]
    assert apply_filters(empty, EventFilter(year_from=2016)).empty


def test_query_params_round_trip_every_field():
    flt = EventFilter(year_from=2016, year_to=2019, date_from=date(2016, 1, 2), date_to=date(2019, 12, 31),
                      groups=["Militia Y", "Army W"], actors=["Army W"], event_types=["Battles"],
                      min_fatalities=5, geo_precisions=[1, 2], date_precisions=["day", "unknown"],
                      languages=["ar"], sources=["a1", "a2"], text="airport")
    params = to_query_params(flt)
    assert all(isinstance(v, str) for v in params.values())
    assert from_query_params(params) == flt


def test_default_filter_has_no_query_params():
    assert to_query_params(EventFilter()) == {}
    assert from_query_params({}) == EventFilter()


@pytest.mark.parametrize("params", [
    {"year_from": "twenty"}, {"date_from": "2016-13-45"}, {"geo_precisions": "1,x"}, {"min_fatalities": "1.5"},
])
def test_malformed_query_params_are_ignored(params):
    assert from_query_params(params) == EventFilter()


def test_describe_gives_a_safe_file_name():
    slug = EventFilter(year_from=2016, year_to=2019, groups=["ISIS / Daesh"], min_fatalities=10).describe()
    assert slug.startswith("events_2016-2019_")
    assert "min10killed" in slug
    assert all(c.isalnum() or c in "-_+" for c in slug)
    assert EventFilter().describe() == "events"
    assert len(EventFilter(groups=["x" * 300]).describe()) <= 120
