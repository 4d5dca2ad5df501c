"""Every dashboard page through Streamlit's AppTest, on a small synthetic database.

Checks what an analyst relies on: the filters change the counts, the filter follows them from page to
page and into the URL, an empty selection and a missing or empty database explain what to do, and
text from articles (here carrying <script> and <img onerror>) is shown escaped.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipeline.filters import EventFilter, apply_filters
from pipeline.store import load_events_frame, open_store
from tests.testdb_support import build_test_db

ROOT = Path(__file__).resolve().parents[1]
MAP_PAGE = str(ROOT / "dashboard.py")  # the router; its default page is the map
TIMELINE = str(ROOT / "pages" / "timeline.py")
EVENTS = str(ROOT / "pages" / "events.py")
ARTICLES = str(ROOT / "pages" / "data_quality.py")
RAW_TAGS = ("<script>", "<img src=x")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("dash") / "events.sqlite"
    build_test_db(path, 240, seed=11, hostile=True)
    return path


@pytest.fixture(scope="module")
def events(db):
    return load_events_frame(db)


@pytest.fixture
def use_db(db, monkeypatch):
    monkeypatch.setenv("RASD_DB", str(db))
    return db


def run(page: str, **query) -> AppTest:
    at = AppTest.from_file(page, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def all_markdown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [e.label for e in at.expander] + [s.value for s in at.subheader]
    return "\n".join(parts)


# --- Map page ---------------------------------------------------------------------------------

def test_map_page_counts_follow_the_year_filter_and_the_url(use_db, events):
    at = run(MAP_PAGE)
    assert metric(at, "Events") == f"{len(events):,}"
    at.sidebar.slider(key="flt_years").set_value((2015, 2017)).run()
    expected = apply_filters(events, EventFilter(year_from=2015, year_to=2017))
    assert 0 < len(expected) < len(events)
    assert metric(at, "Events") == f"{len(expected):,}"
    assert metric(at, "Fatalities") == f"{int(expected['fatalities'].fillna(0).sum()):,}"
    assert at.query_params["year_from"] == "2015" and at.query_params["year_to"] == "2017"


def test_map_page_group_filter_matches_any_actor_column(use_db, events):
    at = run(MAP_PAGE)
    at.sidebar.multiselect(key="flt_groups").set_value(["Group B"]).run()
    expected = apply_filters(events, EventFilter(groups=["Group B"]))
    assert metric(at, "Events") == f"{len(expected):,}"
    hits = events[(events["actor1"] == "Group B") | (events["actor2"] == "Group B")
                  | (events["assoc_actor_1"] == "Group B")]
    assert len(expected) == len(hits)


def test_shared_link_opens_with_its_filter(use_db, events):
    at = run(MAP_PAGE, year_from="2018", year_to="2018", groups="Group C")
    expected = apply_filters(events, EventFilter(year_from=2018, year_to=2018, groups=["Group C"]))
    assert metric(at, "Events") == f"{len(expected):,}"
    assert at.sidebar.slider(key="flt_years").value == (2018, 2018)
    assert at.sidebar.multiselect(key="flt_groups").value == ["Group C"]


def test_shared_link_with_unknown_values_does_not_break_the_page(use_db, events):
    at = run(MAP_PAGE, groups="No Such Group", year_from="not-a-year", min_fatalities="x")
    assert metric(at, "Events") == f"{len(events):,}"


def test_empty_selection_gives_a_friendly_message(use_db):
    at = run(MAP_PAGE)
    at.sidebar.number_input(key="flt_min_fatalities").set_value(100_000).run()
    assert metric(at, "Events") == "0"
    assert any("No events match these filters" in i.value for i in at.info)
    assert not at.download_button  # nothing to download


def test_reset_clears_every_filter(use_db, events):
    at = run(MAP_PAGE, year_from="2016", text="Report")
    assert metric(at, "Events") != f"{len(events):,}"
    at.sidebar.button[0].click().run()
    assert metric(at, "Events") == f"{len(events):,}"
    assert dict(at.query_params) == {}


def test_map_page_offers_three_downloads_built_only_on_click(use_db):
    # The file name and content are checked in tests/test_browser.py (a real download).
    at = run(MAP_PAGE, year_from="2016", year_to="2019", groups="Group A")
    assert [b.proto.label for b in at.download_button] == ["Download CSV", "Download GeoJSON", "Download Excel"]
    for button in at.download_button:
        assert button.proto.deferred_file_id and button.proto.ignore_rerun   # no file built per rerun


def test_filters_persist_across_pages(use_db, events):
    at = run(MAP_PAGE)
    at.sidebar.slider(key="flt_years").set_value((2013, 2014)).run()
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    assert at.sidebar.slider(key="flt_years").value == (2013, 2014)
    expected = apply_filters(events, EventFilter(year_from=2013, year_to=2014))
    assert any(f"of {len(expected):,} selected events" in c.value for c in at.caption)


# --- Missing / empty database -----------------------------------------------------------------

@pytest.mark.parametrize("page", [MAP_PAGE, TIMELINE, EVENTS, ARTICLES])
def test_missing_database_explains_how_to_ingest(page, tmp_path, monkeypatch):
    monkeypatch.setenv("RASD_DB", str(tmp_path / "nothing-here.sqlite"))
    at = run(page)
    assert any("There is no database" in w.value for w in at.warning)
    text = all_markdown(at)
    assert "ingest" in text and "RASD_DB" in text


def test_empty_database_explains_how_to_ingest(tmp_path, monkeypatch):
    path = tmp_path / "empty.sqlite"
    open_store(path).close()
    monkeypatch.setenv("RASD_DB", str(path))
    at = run(MAP_PAGE)
    assert any("has no events yet" in w.value for w in at.warning)
    assert "python -m pipeline ingest" in all_markdown(at)


# --- Timeline ---------------------------------------------------------------------------------

def test_timeline_counts_and_month_stepping(use_db, events):
    at = run(TIMELINE)
    caption = next(c.value for c in at.caption if "selected events" in c.value)
    assert f"of {len(events):,} selected events" in caption
    first_month = at.select_slider(key="tl_month").value
    at.button(key="tl_prev").click().run()
    assert at.select_slider(key="tl_month").value < first_month
    at.radio(key="tl_freq").set_value("year").run()
    assert not at.exception
    at.sidebar.multiselect(key="flt_event_types").set_value(["Battles"]).run()
    expected = apply_filters(events, EventFilter(event_types=["Battles"]))
    assert any(f"of {len(expected):,} selected events" in c.value for c in at.caption)


def test_timeline_empty_selection(use_db):
    at = run(TIMELINE, text="no such words anywhere")
    assert any("No events match these filters" in i.value for i in at.info)


# --- Events -----------------------------------------------------------------------------------

def test_events_table_follows_filters_and_shows_evidence(use_db, events):
    at = run(EVENTS)
    assert at.dataframe[0].value.shape[0] == len(events)
    at.sidebar.multiselect(key="flt_event_types").set_value(["Air/drone strike"]).run()
    expected = apply_filters(events, EventFilter(event_types=["Air/drone strike"]))
    assert at.dataframe[0].value.shape[0] == len(expected)
    chosen = at.selectbox(key="ev_pick").value
    row = events.loc[events["event_id"] == chosen].iloc[0]
    html = "\n".join(m.value for m in at.markdown)
    assert '<mark class="rasd-evidence-mark">' in html
    assert row["evidence"].split(":")[0] in html   # 'Report N' opens the highlighted sentence


def test_events_empty_selection(use_db):
    at = run(EVENTS, min_fatalities="100000")
    assert any("No events match these filters" in i.value for i in at.info)


# --- Articles & data quality ------------------------------------------------------------------

def test_articles_page_reports_undated_events_per_selection(use_db, events):
    at = run(ARTICLES)
    undated = int(events["event_date"].isna().sum())
    assert metric(at, "Selected events without a date") == f"{undated:,}"
    assert metric(at, "Quarantined inputs") == "0"
    at.sidebar.slider(key="flt_years").set_value((2020, 2021)).run()
    assert metric(at, "Selected events without a date") == "0"   # a year filter keeps dated events only


def test_articles_page_previews_a_pasted_article_without_storing_it(use_db, events):
    at = run(ARTICLES)
    at.text_area(key="try_text").set_value("Clashes erupted in the city centre, residents said.").run()
    assert not at.exception
    assert any("events** extracted" in m.value for m in at.markdown)
    assert len(load_events_frame(use_db)) == len(events)     # nothing written before "Add"


# --- Safety: article text is shown as text ------------------------------------------------------

def test_hostile_article_renders_as_text_on_the_events_page(use_db):
    at = run(EVENTS, text="onerror")
    assert at.dataframe[0].value.shape[0] == 1
    text = all_markdown(at)
    assert "&lt;script&gt;" in text and "&lt;img src=x onerror=alert" in text
    for tag in RAW_TAGS:
        assert tag not in text
    assert "javascript:alert" not in "".join(m.value for m in at.markdown if "<a " in m.value)


def test_map_views_and_colourings_all_render(use_db):
    at = run(MAP_PAGE)
    at.toggle(key="map_heat").set_value(True).run()
    at.radio(key="map_view").set_value("districts").run()
    at.selectbox(key="map_colour").set_value("sub_event_type").run()
    assert not at.exception
    assert metric(at, "Events") != "0"


def test_adding_a_pasted_article_stores_it(db, tmp_path, monkeypatch):
    import shutil

    copy = tmp_path / "copy.sqlite"
    shutil.copy(db, copy)
    monkeypatch.setenv("RASD_DB", str(copy))
    at = run(ARTICLES)
    before = int(metric(at, "Articles").replace(",", ""))
    at.text_input(key="try_title").set_value("Dashboard test article")
    at.text_area(key="try_text").set_value("Residents reported clashes near the old market on Monday.").run()
    at.button(key="try_add").click().run()
    assert not at.exception
    assert any("Added to the database: 1 article" in s.value for s in at.success)
    assert "new: 1" in at.code[0].value
    assert (tmp_path / "added-from-dashboard").is_dir()
    at.run()
    assert int(metric(at, "Articles").replace(",", "")) == before + 1
