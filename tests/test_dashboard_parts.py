"""Dashboard logic without Streamlit: filter state, evidence highlighting, timeline counts, downloads."""
from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main as rasd
from pipeline.filters import EventFilter, apply_filters
from pipeline.store import load_events_frame
from pipeline.ui.downloads import csv_bytes, excel_bytes, file_stem, geojson_bytes
from pipeline.ui.highlight import find_evidence, highlight_html, md_text
from pipeline.ui.state import (K_GROUPS, K_MIN_KILLED, K_SOURCES, K_YEARS, FilterChoices, filter_choices,
                               filter_from_widgets, sanitize, widget_values)
from pipeline.ui.timeline import events_in_month, left_out, months_with_events, period_counts, stacked_chart
from tests.testdb_support import build_test_db



@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("parts") / "events.sqlite"
    build_test_db(path, 150, seed=3, hostile=True)
    return path


@pytest.fixture(scope="module")
def events(db) -> pd.DataFrame:
    return load_events_frame(db)


# --- filter state -----------------------------------------------------------------------------

CHOICES = FilterChoices(year_min=2011, year_max=2024, groups=("Group A", "Group B"), actors=("Group A",),
                        event_types=("Battles",), languages=("ar", "en"))


def test_widgets_round_trip_a_filter():
    flt = EventFilter(year_from=2014, year_to=2016, groups=["Group B"], min_fatalities=3, sources=["a1", "a2"],
                      date_from=date(2014, 2, 1), text="port")
    values = widget_values(flt, CHOICES)
    assert values[K_YEARS] == (2014, 2016) and values[K_SOURCES] == "a1, a2" and values[K_MIN_KILLED] == 3
    assert filter_from_widgets(values, CHOICES) == flt


def test_full_year_range_and_zero_fatalities_mean_no_filter():
    values = widget_values(EventFilter(), CHOICES)
    assert values[K_YEARS] == (2011, 2024)
    assert filter_from_widgets(values, CHOICES).is_empty()


def test_sanitize_drops_unknown_names_and_clamps_years():
    flt = EventFilter(year_from=1990, year_to=2030, groups=["group b", "Nobody"], languages=["fr"],
                      geo_precisions=[2, 9], min_fatalities=0)
    clean = sanitize(flt, CHOICES)
    assert clean.year_from is None and clean.year_to is None          # clamped to the full range
    assert clean.groups == ["Group B"] and clean.languages == [] and clean.geo_precisions == [2]
    assert clean.min_fatalities is None
    assert sanitize(EventFilter(year_from=2020, year_to=2015), CHOICES).year_from == 2015


def test_filter_choices_from_the_database(events):
    choices = filter_choices(events)
    assert choices.year_min <= choices.year_max
    assert "Group A" in choices.groups and "Battles" in choices.event_types
    assert "Air/drone strike" in choices.event_types
    assert set(choices.languages) == {"ar", "en"}
    assert filter_choices(events.iloc[0:0]) == FilterChoices()
    assert widget_values(EventFilter(), FilterChoices()).get(K_YEARS) is None
    assert widget_values(EventFilter(groups=["x"]), CHOICES)[K_GROUPS] == ["x"]


# --- highlighting -----------------------------------------------------------------------------

def test_highlight_escapes_before_marking():
    text = "Intro <b>bold</b>. The strike hit <script>alert(1)</script> here. End."
    sentence = "The strike hit <script>alert(1)</script> here."
    start = text.index(sentence)
    out = highlight_html(text, sentence, start, start + len(sentence))
    assert "<script>" not in out and "<b>" not in out
    assert '<mark class="rasd-evidence-mark">The strike hit &lt;script&gt;alert(1)&lt;/script&gt; here.</mark>' in out
    assert out.count("<mark") == 1


def test_highlight_finds_the_evidence_when_offsets_are_stale():
    text = "First line.\nThe  drone\nstruck the depot. Last."
    assert find_evidence(text, "The drone struck the depot.", 0, 5) == (12, 40)
    assert find_evidence(text, "not in the text", None, None) is None
    assert "<mark" not in highlight_html(text, "not in the text")
    assert find_evidence(text, "", 0, 5) == (0, 5)
    assert find_evidence("abc", "", 2, 99) is None


def test_highlight_handles_arabic_and_missing_values():
    text = "قصفت طائرة مسيرة موقعا قرب سرت. وقال شهود إن القصف استمر."
    sentence = "قصفت طائرة مسيرة موقعا قرب سرت."
    out = highlight_html(text, sentence, pd.NA, None)
    assert 'dir="auto"' in out and f"<mark class=\"rasd-evidence-mark\">{sentence}</mark>" in out


def test_md_text_neutralises_markdown_and_html():
    out = md_text("[click](javascript:alert(1)) <img src=x onerror=alert(1)> *bold* $x$")
    assert "<img" not in out and "&lt;img" in out
    assert "\\[click\\]\\(javascript\\:alert\\(1\\)\\)" in out
    assert "\\*bold\\*" in out and "\\$x\\$" in out
    assert md_text(None) == "" and md_text(float("nan")) == ""


# --- timeline ---------------------------------------------------------------------------------

def test_period_counts_add_up_to_the_dated_events(events):
    monthly = period_counts(events, "month", "group")
    yearly = period_counts(events, "year", "event_type")
    assert monthly["events"].sum() + left_out(events, "month") == len(events)
    assert yearly["events"].sum() + left_out(events, "year") == len(events)
    assert left_out(events, "year") == int(events["event_date"].isna().sum())
    assert yearly["fatalities"].sum() == int(events.loc[events["event_date"].notna(), "fatalities"].fillna(0).sum())
    assert set(yearly["stack"]) <= {"Explosions/Remote violence", "Battles", "Violence against civilians"}


def test_period_counts_group_small_categories_as_other(events):
    counts = period_counts(events, "year", "group", top_n=3)
    assert counts["stack"].nunique() == 4 and "Other" in set(counts["stack"])


def test_months_and_month_selection(events):
    months = months_with_events(events)
    assert months == sorted(months) and all(len(m) == 7 for m in months)
    one = events_in_month(events, months[0])
    upto = events_in_month(events, months[1], cumulative=True)
    assert len(one) >= 1 and len(upto) > len(one)
    assert all(str(d).startswith(months[0]) for d in one["event_date"])


def test_stacked_chart_uses_the_map_colours(events):
    counts = period_counts(events, "year", "group")
    first = counts["stack"].iloc[0]
    spec = stacked_chart(counts, "fatalities", "year", "Group", {first: "#123456"}).to_dict()
    assert spec["mark"]["type"] == "bar"
    assert "#123456" in spec["encoding"]["color"]["scale"]["range"]
    assert spec["encoding"]["y"]["field"] == "fatalities"


def test_timeline_of_nothing():
    empty = pd.DataFrame(columns=["event_date", "date_precision", "fatalities", "actor1"])
    assert period_counts(empty).empty and months_with_events(empty) == [] and left_out(empty, "month") == 0


# --- downloads --------------------------------------------------------------------------------

def test_csv_download_equals_the_cli_export(db, events, tmp_path):
    flt = EventFilter(year_from=2014, year_to=2020, groups=["Group C"], min_fatalities=1)
    out = tmp_path / "cli.csv"
    assert rasd(["export", "--db", str(db), "--out", str(out), "--year-from", "2014", "--year-to", "2020",
                 "--group", "Group C", "--min-fatalities", "1"]) == 0
    download = csv_bytes(apply_filters(events, flt))
    assert download == out.read_bytes()
    assert download.count(b"\n") == len(apply_filters(events, flt)) + 1


def test_geojson_and_excel_hold_the_same_rows(events):
    selection = apply_filters(events, EventFilter(year_from=2019, year_to=2019))
    collection = json.loads(geojson_bytes(selection))
    located = selection["latitude"].notna().sum()
    assert len(collection["features"]) == located
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(excel_bytes(selection)))["events"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == len(selection) + 1 and rows[0][0] == "event_id"
    assert {r[0] for r in rows[1:]} == set(selection["event_id"])


def test_excel_neutralises_formulas_and_keeps_numbers():
    from openpyxl import load_workbook

    df = pd.DataFrame([{"event_id": "ev-1", "notes": "=HYPERLINK(\"http://x\")", "evidence": "a\x07b",
                        "fatalities": 4, "latitude": 31.2, "longitude": 16.5, "year": 2019}])
    sheet = load_workbook(io.BytesIO(excel_bytes(df)))["events"]
    header, row = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    values = dict(zip(header, row))
    assert values["notes"].startswith("'=")
    assert values["evidence"] == "ab"
    assert values["fatalities"] == 4 and values["latitude"] == 31.2 and values["year"] == 2019


def test_file_names_follow_the_filter():
    assert file_stem(EventFilter()) == "events"
    assert file_stem(EventFilter(year_from=2016, year_to=2019, groups=["Group A"])) == "events_2016-2019_Group-A"
