"""Map page: key figures, the map of the selected events (clusters, districts, heat map) and downloads.

Shows the database named by $RASD_DB, else data/demo.sqlite. UI only: loading, filtering, map
building and downloads live in pipeline.ui and pipeline.filters.
"""
from __future__ import annotations

import os

import streamlit as st
from streamlit_folium import st_folium

from pipeline.ui import data
from pipeline.ui.downloads import MIME, csv_bytes, excel_bytes, file_stem, geojson_bytes
from pipeline.ui.mapview import COLOUR_BY_LABELS, VIEWS, MapOptions, build_map, key_figures
from pipeline.ui.sidebar import no_match_note, open_page

page = open_page("Map")
st.title("Strikes and clashes in Libya")

figures = key_figures(page.selection)
cols = st.columns(5)
cols[0].metric("Events", f"{figures['events']:,}")
cols[1].metric("Fatalities", f"{figures['fatalities']:,}",
               help=f"Sum of reported deaths; {figures['with_toll']:,} of the events give a toll.")
cols[2].metric("Air/drone strikes", f"{figures['strikes']:,}")
cols[3].metric("Places", f"{figures['places']:,}")
first, last = figures["first_date"], figures["last_date"]
if first:
    years = first[:4] if first[:4] == last[:4] else f"{first[:4]}–{last[:4]}"
    cols[4].metric("Years", years, help=f"First event {first}, last event {last}.")
else:
    cols[4].metric("Years", "unknown", help="No selected event has a date.")

if page.selection.empty:
    no_match_note(page.flt)
    st.stop()

opts = st.columns([2, 2, 1, 1])
colour_by = opts[0].selectbox("Colour by", list(COLOUR_BY_LABELS), format_func=COLOUR_BY_LABELS.get, key="map_colour")
view = opts[1].radio("Show", list(VIEWS), format_func=VIEWS.get, horizontal=True, key="map_view")
heatmap = opts[2].toggle("Heat map", key="map_heat")
online = opts[3].toggle("Online tiles", key="map_tiles", value=os.environ.get("RASD_ONLINE_TILES") == "1",
                        help="OpenStreetMap background; needs internet. Off: an offline outline of Libya.")

options = MapOptions(colour_by=colour_by, view=view, heatmap=heatmap, online_tiles=online)
fmap = build_map(page.selection, options, colours=data.event_colours(page.path, colour_by))
# returned_objects=[]: panning and zooming the map never reruns the script.
st_folium(fmap, returned_objects=[], height=620, use_container_width=True, key="rasd_map")

notes = []
if figures["not_on_map"]:
    notes.append(f"{figures['not_on_map']:,} of the selected events have no coordinates and are not on the map "
                 "(see Articles & data quality).")
if view == "events" and len(page.selection) > options.popup_limit:
    notes.append(f"{len(page.selection):,} events are shown per place; narrow the filters to "
                 f"{options.popup_limit:,} or fewer to click on single events and read their evidence.")
for note in notes:
    st.caption(note)

stem = file_stem(page.flt)
selection = page.selection
dl = st.columns(3)
# Files are built only when a button is clicked (data=callable), not on every filter change.
dl[0].download_button("Download CSV", data=lambda: csv_bytes(selection), file_name=f"{stem}.csv",
                      mime=MIME["csv"], on_click="ignore", key="dl_csv",
                      help="The export columns, exactly what `rasd export` writes for these filters.")
dl[1].download_button("Download GeoJSON", data=lambda: geojson_bytes(selection), file_name=f"{stem}.geojson",
                      mime=MIME["geojson"], on_click="ignore", key="dl_geojson")
dl[2].download_button("Download Excel", data=lambda: excel_bytes(selection), file_name=f"{stem}.xlsx",
                      mime=MIME["xlsx"], on_click="ignore", key="dl_xlsx")
