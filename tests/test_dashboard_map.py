"""pipeline.ui.mapview: the folium map, its size at scale, its offline assets and its escaping."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from pipeline.records import EXPORT_COLUMNS
from pipeline.ui.assets import external_links
from pipeline.ui.mapview import (OTHER, PALETTE, MapOptions, build_map, categories, colour_table,
                                 district_rows, event_popup_html, event_rows, heat_points, key_figures,
                                 map_html, place_rows, radius_for_fatalities, safe_link)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE = SCRIPT + IMG


def events(n: int, **overrides) -> pd.DataFrame:
    towns = [("Sirte", "Sirte", 31.2089, 16.5887), ("Derna", "Derna", 32.767, 22.6367),
             ("Sabha", "Sabha", 27.0377, 14.4283), ("Misrata", "Misrata", 32.3754, 15.0925)]
    rows = []
    for i in range(n):
        town, district, lat, lon = towns[i % len(towns)]
        row = {c: None for c in EXPORT_COLUMNS}
        row.update(event_id=f"ev-{i:06d}", event_date=f"{2012 + i % 10}-0{1 + i % 9}-1{i % 10}",
                   date_precision="day", year=2012 + i % 10, event_type="Explosions/Remote violence",
                   sub_event_type="Air/drone strike", actor1=f"Group {'ABCDE'[i % 5]}", location=town,
                   admin1=district, latitude=lat + (i % 7) * 0.001, longitude=lon, geo_precision=1,
                   fatalities=i % 6, sources=f"art-{i}", source_urls=f"https://news.example.org/{i}",
                   notes="", evidence=f"Sentence number {i} about a strike.")
        row.update(overrides)
        rows.append(row)
    return pd.DataFrame(rows)


def hostile_event() -> pd.DataFrame:
    return events(1, location=f"Sirte {HOSTILE}", actor1=f"Group {HOSTILE}", actor2=HOSTILE,
                  evidence=f"A drone struck {HOSTILE} near the port.", notes=HOSTILE, admin1=HOSTILE,
                  source_urls="javascript:alert(1)", sub_event_type=f"Air/drone strike{IMG}")


def embedded_rows(html: str) -> list[list]:
    """The JSON rows PointLayer embeds in the page (decoded as the browser would)."""
    found = re.findall(r"var rows = (\[.*?\]);\n", html, flags=re.S)
    assert found, "no PointLayer data in the map"
    return [row for chunk in found for row in json.loads(chunk)]


# --- safety -----------------------------------------------------------------------------------

def test_popup_escapes_every_article_derived_field():
    popup = event_popup_html(hostile_event().iloc[0].to_dict())
    assert "<script" not in popup and "<img" not in popup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in popup
    assert "&lt;img src=x onerror=alert(1)&gt;" in popup
    assert 'href="javascript' not in popup and "<a " not in popup   # a javascript: URL is never a link


@pytest.mark.parametrize("options", [MapOptions(), MapOptions(popup_limit=0), MapOptions(view="districts"),
                                     MapOptions(heatmap=True)])
def test_map_html_never_contains_the_raw_tags(options):
    df = pd.concat([events(20), hostile_event().assign(event_id="ev-hostile")], ignore_index=True)
    html = map_html(build_map(df, options))
    assert SCRIPT not in html and IMG not in html and "onerror=alert(1)>" not in html
    # The escaped form is what reaches the browser (inside JSON, with <, > and & as \\u escapes).
    assert "\\u0026lt;script\\u0026gt;" in html
    decoded = "".join(str(cell) for row in embedded_rows(html) for cell in row)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in decoded
    assert "<script" not in decoded and "<img" not in decoded


def test_legend_labels_are_escaped():
    html = map_html(build_map(hostile_event()))
    legend = re.search(r"div.innerHTML = (\".*?\");", html).group(1)
    text = json.loads(legend)
    assert "<script" not in text and "&lt;script&gt;" in text


def test_safe_link_only_links_http_urls():
    assert safe_link("https://example.org/a?b=1&c=<x>", "example.org").startswith('<a href="https://example.org/a?b=1&amp;c=&lt;x&gt;"')
    assert safe_link("javascript:alert(1)", "click") == "click"
    assert safe_link("data:text/html,<script>", "x") == "x"
    assert "<a" not in safe_link("JaVaScRiPt:alert(1)", HOSTILE)


# --- offline ----------------------------------------------------------------------------------

@pytest.mark.parametrize("options", [MapOptions(), MapOptions(popup_limit=0, heatmap=True),
                                     MapOptions(view="districts")])
def test_map_loads_nothing_from_the_network_by_default(options):
    html = map_html(build_map(events(30), options))
    assert external_links(html) == []
    assert "cdn." not in html and "tile.openstreetmap" not in html
    assert "data:text/javascript;base64," in html      # Leaflet itself is inlined


def test_online_tiles_only_when_asked():
    html = map_html(build_map(events(3), MapOptions(online_tiles=True)))
    assert "tile.openstreetmap.org" in html


# --- content and scale ------------------------------------------------------------------------

def test_small_selection_draws_one_marker_per_located_event():
    df = pd.concat([events(12), events(2, latitude=None, longitude=None)], ignore_index=True)
    rows = event_rows(df, colour_table(categories(df, "group")), "group")
    assert len(rows) == 12
    assert all(row[6] == 1 for row in rows)
    assert key_figures(df)["not_on_map"] == 2


def test_popup_shows_date_place_precisions_actors_toll_evidence_and_sources():
    row = events(1, actor2="Militia Y", assoc_actor_1="Brigade Z", fatalities=7, geo_precision=2,
                 date_precision="month", event_date="2016-03").iloc[0].to_dict()
    popup = event_popup_html(row)
    for text in ("2016-03", "month precision", "Sirte", "geo precision 2", "Group A", "with Brigade Z",
                 "against Militia Y", "<b>Fatalities:</b> 7", "Sentence number 0", 'href="https://news.example.org/0"'):
        assert text in popup, text


def test_large_selection_is_aggregated_and_still_counts_every_event():
    df = events(3000)
    html = map_html(build_map(df, MapOptions(popup_limit=2000)))
    rows = embedded_rows(html)
    assert len(rows) <= 20                       # one circle per place, not 3000 markers
    assert sum(row[6] for row in rows) == 3000   # cluster icons sum these counts
    assert "Narrow the filters" in rows[0][4]


def test_place_aggregation_is_bounded_whatever_the_spread():
    df = events(5000)
    df["latitude"] = 25 + (df.index % 997) * 0.007      # thousands of distinct coordinates
    df["longitude"] = 12 + (df.index % 991) * 0.009
    rows = place_rows(df, {}, "group", 2000, max_places=300)
    assert len(rows) <= 300
    assert sum(r[6] for r in rows) == 5000


def test_district_view_sums_events_per_admin1():
    df = events(40)
    rows = district_rows(df, {}, "group")
    assert len(rows) == 4
    assert sorted(r[6] for r in rows) == [10, 10, 10, 10]
    assert all("District:" in r[4] for r in rows)


def test_heat_points_are_weighted_places():
    points = heat_points(events(40))
    assert 1 <= len(points) <= 40
    assert max(p[2] for p in points) == 1.0


def test_colour_table_is_stable_and_bounded():
    many = pd.Series([f"Group {i}" for i in range(30) for _ in range(30 - i)])
    table = colour_table(many)
    assert table["Group 0"] == PALETTE[0]
    assert len([c for c in table if c.startswith("Group")]) == len(PALETTE)
    shown = categories(events(10), "group")
    assert set(shown) <= {"Group A", "Group B", "Group C", "Group D", "Group E"}
    assert OTHER not in table


def test_radius_grows_with_fatalities_and_is_capped():
    r = radius_for_fatalities(pd.Series([None, 0, 1, 10, 100, 200, 10_000])).tolist()
    assert r == sorted(r)
    assert r[0] == r[1] and r[1] < r[2] < r[3] < r[4]
    assert r[-1] == r[-2] < 30                     # huge tolls do not cover the map


def test_key_figures():
    df = events(8)
    df.loc[0, "fatalities"] = None
    df.loc[1, "sub_event_type"] = "Armed clash"
    figures = key_figures(df)
    assert figures["events"] == 8
    assert figures["fatalities"] == int(df["fatalities"].fillna(0).sum())
    assert figures["with_toll"] == 7
    assert figures["strikes"] == 7
    assert figures["places"] == 4
    assert figures["first_date"] <= figures["last_date"]


def test_empty_selection_still_builds_a_map():
    html = map_html(build_map(events(0)))
    assert "Libya" in html
