"""Build the folium map of a selection of events (no Streamlit here: testable, and reused by scripts).

Size: the browser gets one compact JSON array per layer and builds the markers itself (PointLayer),
never one folium element per event. Up to `MapOptions.popup_limit` events are drawn one by one, with a
popup each; above that, events are aggregated per place (same coordinates), so 100,000 events become a
few hundred circles whose cluster icons still count events.

Safety: every string that comes from an article (title, evidence, place, actor, URL…) is HTML-escaped
with html.escape before it goes into popup or tooltip HTML; the JSON is embedded with jinja's tojson,
which also escapes <, > and & so nothing can close the <script>.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass
from urllib.parse import urlparse

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from folium.plugins import HeatMap, MarkerCluster
from folium.template import Template

from pipeline.ui.assets import localize
from pipeline.ui.outline import LIBYA_BOUNDS, libya_geojson

COLOUR_BY_LABELS = {
    "group": "Group (who acted)",
    "event_type": "Event type",
    "sub_event_type": "Sub-event type",
}
VIEWS = {"events": "Events and places", "districts": "Districts (admin1)"}

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
           "#bcbd22", "#393b79", "#843c39", "#637939")
OTHER = "Other"
OTHER_COLOUR = "#7f7f7f"
UNKNOWN = "Unknown"

GEO_PRECISION_MEANING = {1: "the place itself", 2: "near or part of the place", 3: "a region"}
EVIDENCE_CHARS = 600      # popups show at most this much evidence; the Events page shows it all
SOURCE_LINKS = 5


@dataclass(frozen=True)
class MapOptions:
    colour_by: str = "group"          # group | event_type | sub_event_type
    view: str = "events"              # events | districts
    heatmap: bool = False
    online_tiles: bool = False        # OpenStreetMap tiles; off by default: the map works offline
    popup_limit: int = 2000           # above this many events, aggregate per place
    cluster: bool = True


# ---------------------------------------------------------------------------------------------
# Colours

def categories(events: pd.DataFrame, colour_by: str) -> pd.Series:
    """The category each event is coloured by ('Unknown' when blank)."""
    column = "actor1" if colour_by == "group" else colour_by
    if column not in events.columns:
        return pd.Series(UNKNOWN, index=events.index, dtype=object)
    values = events[column].astype(object)
    return values.where(values.notna() & (values.astype(str).str.strip() != ""), UNKNOWN).astype(str)


def colour_table(all_categories: pd.Series, max_colours: int = len(PALETTE)) -> dict[str, str]:
    """Category -> colour: the most frequent categories get palette colours (stable: pass every event
    of the database, not just the selection, so colours do not change as filters change)."""
    counts = all_categories.value_counts()
    named = [c for c in counts.index if c != UNKNOWN][:max_colours]
    table = {name: PALETTE[i] for i, name in enumerate(named)}
    table[UNKNOWN] = "#4d4d4d"
    return table


def colours_for(cats: pd.Series, table: dict[str, str]) -> pd.Series:
    return cats.map(table).fillna(OTHER_COLOUR)


def radius_for_fatalities(fatalities: pd.Series) -> pd.Series:
    """Circle radius in pixels: grows with the square root of the death toll (unknown = smallest)."""
    killed = pd.to_numeric(fatalities, errors="coerce").fillna(0).clip(lower=0, upper=200).astype(float)
    return (5 + 1.6 * killed.pow(0.5)).round(1)


def radius_for_count(counts: pd.Series) -> pd.Series:
    return (6 + 3.0 * counts.astype(float).apply(math.log2)).clip(upper=30).round(1)


# ---------------------------------------------------------------------------------------------
# Popup and tooltip HTML (every value escaped)

def esc(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return html.escape(str(value), quote=True)


def _blank(value) -> bool:
    return esc(value).strip() == ""


def safe_link(url: str, label: str) -> str:
    """An <a> for http(s) URLs only (never javascript: or data:); other values shown as plain text."""
    url = (url or "").strip()
    if urlparse(url).scheme.lower() in ("http", "https"):
        return (f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">'
                f"{esc(label)}</a>")
    return esc(label or url)


def source_links(urls: str, sources: str) -> str:
    url_list = [u for u in str(urls or "").split(";") if u.strip()]
    if url_list:
        parts = [safe_link(u, urlparse(u).netloc or u) for u in url_list[:SOURCE_LINKS]]
        more = len(url_list) - SOURCE_LINKS
        return ", ".join(parts) + (f" and {more} more" if more > 0 else "")
    ids = [s for s in str(sources or "").split(";") if s.strip()]
    return esc(", ".join(ids[:SOURCE_LINKS])) if ids else "none recorded"


def _int_or_none(value) -> int | None:
    try:
        if value is None or pd.isna(value):
            return None
        return int(value)
    except (TypeError, ValueError):
        return None


def event_popup_html(row: dict) -> str:
    date = esc(row.get("event_date")) or "unknown date"
    precision = esc(row.get("date_precision")) or "unknown"
    place = ", ".join(p for p in (esc(row.get("location")), esc(row.get("admin1"))) if p) or "unknown place"
    gp = _int_or_none(row.get("geo_precision"))
    gp_text = f"geo precision {gp}: {GEO_PRECISION_MEANING.get(gp, 'unknown')}" if gp else "geo precision unknown"
    actors = esc(row.get("actor1")) or "unknown actor"
    if not _blank(row.get("assoc_actor_1")):
        actors += f" with {esc(row.get('assoc_actor_1'))}"
    if not _blank(row.get("actor2")):
        actors += f" against {esc(row.get('actor2'))}"
    killed = _int_or_none(row.get("fatalities"))
    killed_text = str(killed) if killed is not None else "not reported"
    evidence = str(row.get("evidence") or "")
    if len(evidence) > EVIDENCE_CHARS:
        evidence = evidence[:EVIDENCE_CHARS].rstrip() + " …"
    kind = esc(row.get("sub_event_type")) or esc(row.get("event_type")) or "Event"
    return (
        '<div class="rasd-popup">'
        f"<b>{kind}</b><br>"
        f"<b>Date:</b> {date} <i>({precision} precision)</i><br>"
        f"<b>Place:</b> {place} <i>({gp_text})</i><br>"
        f"<b>Actors:</b> {actors}<br>"
        f"<b>Fatalities:</b> {killed_text}<br>"
        f'<div class="rasd-evidence" dir="auto">{esc(evidence) or "<i>no evidence sentence</i>"}</div>'
        f"<b>Sources:</b> {source_links(row.get('source_urls'), row.get('sources'))}<br>"
        f'<small>{esc(row.get("event_id"))}</small>'
        "</div>"
    )


def event_tooltip_html(row: dict) -> str:
    killed = _int_or_none(row.get("fatalities"))
    parts = [esc(row.get("event_date")) or "undated", esc(row.get("location")) or "unknown place",
             esc(row.get("sub_event_type")) or esc(row.get("event_type"))]
    text = " · ".join(p for p in parts if p)
    return text + (f" · {killed} killed" if killed else "")


def _summary_html(title: str, n: int, killed: int, first, last, top: list[tuple[str, int]],
                  colour_label: str, hint: str) -> str:
    dates = f"{esc(first)} to {esc(last)}" if first and last else "unknown dates"
    rows = "".join(f"<li>{esc(name)}: {count:,}</li>" for name, count in top)
    return (
        '<div class="rasd-popup">'
        f"<b>{title}</b><br>"
        f"<b>Events:</b> {n:,} &nbsp; <b>Fatalities:</b> {killed:,}<br>"
        f"<b>Dates:</b> {dates}<br>"
        f"<b>Top {esc(colour_label.lower())}:</b><ul>{rows}</ul>"
        f"<i>{hint}</i>"
        "</div>"
    )


# ---------------------------------------------------------------------------------------------
# Rows for the browser: [lat, lon, colour, radius, popup_html, tooltip_html, n_events]

_POINT_COLUMNS = ("event_id", "event_date", "date_precision", "event_type", "sub_event_type", "actor1",
                  "assoc_actor_1", "actor2", "location", "admin1", "geo_precision", "fatalities", "sources",
                  "source_urls", "evidence")


def _with_points(events: pd.DataFrame, colour_by: str | None = None, full: bool = False) -> pd.DataFrame:
    """The located events with float _lat/_lon (and _cat when colour_by is given). Only the columns
    needed are copied: with 100,000 events copying everything costs more than the aggregation."""
    wanted = _POINT_COLUMNS if full else ("event_date", "location", "admin1", "fatalities")
    if events.empty or "latitude" not in events.columns or "longitude" not in events.columns:
        return pd.DataFrame(columns=[*wanted, "_lat", "_lon", "_cat"])
    lat = pd.to_numeric(events["latitude"], errors="coerce")
    lon = pd.to_numeric(events["longitude"], errors="coerce")
    ok = (lat.between(-90, 90) & lon.between(-180, 180)).to_numpy()
    out = pd.DataFrame({c: events[c].to_numpy()[ok] for c in wanted if c in events.columns})
    for c in wanted:
        if c not in out.columns:
            out[c] = None
    out["_lat"] = lat.to_numpy(dtype=float, na_value=np.nan)[ok].round(5)
    out["_lon"] = lon.to_numpy(dtype=float, na_value=np.nan)[ok].round(5)
    if colour_by is not None:
        out["_cat"] = categories(events, colour_by).to_numpy()[ok]
    return out


def event_rows(events: pd.DataFrame, table: dict[str, str], colour_by: str) -> list[list]:
    """One row per event (use for selections up to popup_limit)."""
    pts = _with_points(events, colour_by, full=True)
    if pts.empty:
        return []
    colours = colours_for(pts["_cat"], table)
    radii = radius_for_fatalities(pts["fatalities"])
    rows = []
    for rec, colour, radius in zip(pts.to_dict("records"), colours, radii):
        rows.append([rec["_lat"], rec["_lon"], colour, float(radius), event_popup_html(rec),
                     event_tooltip_html(rec), 1])
    return rows


def _top_by(frame: pd.DataFrame, key: str, column: str, n: int = 3) -> dict[object, list[tuple[str, int]]]:
    """For each value of `key`, the n most frequent values of `column` with their counts."""
    counts = frame.groupby([key, column], sort=False).size().rename("n").reset_index()
    counts = counts.sort_values([key, "n", column], ascending=[True, False, True])
    top: dict[object, list[tuple[str, int]]] = {}
    for k, value, count in counts.groupby(key, sort=False).head(n).itertuples(index=False, name=None):
        top.setdefault(k, []).append((value, int(count)))
    return top


def _aggregate(pts: pd.DataFrame, key: str) -> pd.DataFrame:
    """Per key: n, killed, first and last date, mean lat/lon. Dates are ranked as integers first
    ('2016' < '2016-02' < '2016-02-19' sorts as text), which keeps the grouping in fast code."""
    killed = pd.to_numeric(pts["fatalities"], errors="coerce").fillna(0)
    dates = pts["event_date"].astype(object)
    dates = dates.where(dates.notna() & (dates != ""))
    codes, uniques = pd.factorize(dates, sort=True)          # -1 where undated
    big = len(uniques) + 1
    frame = pd.DataFrame({key: pts[key].to_numpy(), "_killed": killed.to_numpy(),
                          "_first": np.where(codes < 0, big, codes), "_last": codes,
                          "_lat": pts["_lat"].to_numpy(), "_lon": pts["_lon"].to_numpy()})
    agg = frame.groupby(key, sort=False).agg(
        n=("_killed", "size"), killed=("_killed", "sum"), first=("_first", "min"), last=("_last", "max"),
        lat=("_lat", "mean"), lon=("_lon", "mean"))
    labels = np.append(np.asarray(uniques, dtype=object), None)
    agg["first"] = labels[np.where(agg["first"].to_numpy() >= big, len(uniques), agg["first"].to_numpy())]
    agg["last"] = labels[np.where(agg["last"].to_numpy() < 0, len(uniques), agg["last"].to_numpy())]
    return agg


GRID_STEPS_DEG = (0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0)


def grid_cells(pts: pd.DataFrame, max_cells: int) -> tuple[pd.Series, float]:
    """A cell id per point on the finest square grid (from GRID_STEPS_DEG) with at most max_cells
    occupied cells: events at one town share a cell; offsets ('40 km south of…') join nearby cells."""
    for step in GRID_STEPS_DEG:
        cell = (np.floor(pts["_lat"] / step).astype(np.int64) * 100_000
                + np.floor(pts["_lon"] / step).astype(np.int64))
        if cell.nunique() <= max_cells:
            break
    return cell, step


MAX_PLACES = 1500   # circles drawn when aggregating: bounds the payload whatever the data


def place_rows(events: pd.DataFrame, table: dict[str, str], colour_by: str, popup_limit: int,
               max_places: int = MAX_PLACES) -> list[list]:
    """One circle per place (events on one grid cell), for selections too large to draw one by one."""
    pts = _with_points(events, colour_by)
    if pts.empty:
        return []
    pts["_cell"], _step = grid_cells(pts, max_places)
    pts["_place"] = (pts["location"].astype(object).where(pts["location"].notna() & (pts["location"] != ""),
                                                         "unnamed place")
                     + pts["admin1"].astype(object).where(pts["admin1"].notna() & (pts["admin1"] != ""), "")
                     .map(lambda d: f", {d}" if d else ""))
    agg = _aggregate(pts, "_cell")
    top = _top_by(pts, "_cell", "_cat")
    names = _top_by(pts, "_cell", "_place", n=1)
    n_names = pts.groupby("_cell", sort=False)["_place"].nunique()
    label = COLOUR_BY_LABELS.get(colour_by, colour_by)
    hint = f"Narrow the filters to {popup_limit:,} events or fewer to see each event and its evidence."
    radii = radius_for_count(agg["n"])
    rows = []
    for (cell, n, killed, first, last, lat, lon), radius in zip(agg.itertuples(name=None), radii):
        leaders = top.get(cell, [])
        colour = table.get(leaders[0][0], OTHER_COLOUR) if leaders else OTHER_COLOUR
        place = esc(names[cell][0][0]) if cell in names else "unnamed place"
        others = int(n_names.get(cell, 1)) - 1
        title = place + (f" and {others} place{'s' if others > 1 else ''} nearby" if others > 0 else "")
        popup = _summary_html(title, int(n), int(killed), first, last, leaders, label, hint)
        rows.append([round(float(lat), 5), round(float(lon), 5), colour, float(radius), popup,
                     f"{title} · {int(n):,} events", int(n)])
    return rows


def district_rows(events: pd.DataFrame, table: dict[str, str], colour_by: str) -> list[list]:
    """One circle per district (admin1) at the mean position of its events."""
    pts = _with_points(events, colour_by)
    if pts.empty:
        return []
    pts["_district"] = pts["admin1"].astype(object).where(pts["admin1"].notna() & (pts["admin1"] != ""),
                                                          "Unknown district")
    agg = _aggregate(pts, "_district")
    top = _top_by(pts, "_district", "_cat")
    label = COLOUR_BY_LABELS.get(colour_by, colour_by)
    rows = []
    for district, n, killed, first, last, lat, lon in agg.itertuples(name=None):
        leaders = top.get(district, [])
        colour = table.get(leaders[0][0], OTHER_COLOUR) if leaders else OTHER_COLOUR
        name = esc(district)
        popup = _summary_html(f"District: {name}", int(n), int(killed), first, last,
                              leaders, label, "Circle at the mean position of the district's events.")
        rows.append([round(float(lat), 5), round(float(lon), 5), colour,
                     float(min(45.0, 8 + 4 * math.sqrt(n) ** 0.8)), popup,
                     f"{name} · {int(n):,} events · {int(killed):,} killed", int(n)])
    return rows


# ---------------------------------------------------------------------------------------------
# Folium elements

_CLUSTER_ICON = """function (cluster) {
    var n = 0, markers = cluster.getAllChildMarkers();
    for (var j = 0; j < markers.length; j++) { n += markers[j].options.events || 1; }
    var size = n < 10 ? 'small' : (n < 100 ? 'medium' : 'large');
    var label = n >= 10000 ? Math.round(n / 1000) + 'k' : String(n);
    return L.divIcon({html: '<div><span>' + label + '</span></div>',
                      className: 'marker-cluster rasd-cluster marker-cluster-' + size,
                      iconSize: new L.Point(40, 40)});
}"""


class PointLayer(MarkerCluster):
    """Circle markers built in the browser from a compact JSON array, optionally clustered.

    rows: [lat, lon, fill colour, radius px, popup HTML, tooltip HTML, events represented]; the HTML
    strings must already be escaped (see event_popup_html)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var rows = {{ this.rows|tojson }};
            {% if this.clustered %}
            var group = L.markerClusterGroup({{ this.options|tojavascript }});
            group.options.iconCreateFunction = {{ this.cluster_icon }};
            {% else %}
            var group = L.featureGroup();
            {% endif %}
            var markers = [];
            for (var i = 0; i < rows.length; i++) {
                var r = rows[i];
                var m = L.circleMarker([r[0], r[1]], {radius: r[3], color: '#222222', weight: 1,
                    fillColor: r[2], fillOpacity: 0.8, events: r[6], className: 'rasd-marker'});
                if (r[4]) { m.bindPopup(r[4], {maxWidth: 380}); }
                if (r[5]) { m.bindTooltip(r[5]); }
                markers.push(m);
            }
            {% if this.clustered %}group.addLayers(markers);{% else %}
            for (var k = 0; k < markers.length; k++) { group.addLayer(markers[k]); }{% endif %}
            return group;
        })();
        {% endmacro %}
    """)

    def __init__(self, rows: list[list], name: str, clustered: bool = True, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show,
                         options={"chunkedLoading": True, "showCoverageOnHover": False, "maxClusterRadius": 50})
        self._name = "PointLayer"
        self.rows = rows
        self.clustered = clustered
        self.cluster_icon = _CLUSTER_ICON
        if not clustered:
            self.default_js, self.default_css = [], []


class Legend(MacroElement):
    """A Leaflet control with colour swatches; `entries` labels are escaped here."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: 'bottomright'});
            legend.onAdd = function () {
                var div = L.DomUtil.create('div', 'rasd-legend');
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, title: str, entries: list[tuple[str, str]], note: str = ""):
        super().__init__()
        self._name = "Legend"
        items = "".join(
            f'<div><span class="rasd-swatch" style="background:{html.escape(colour, quote=True)}"></span>'
            f"{esc(label)}</div>" for label, colour in entries)
        self.html = f"<b>{esc(title)}</b>{items}" + (f"<div class='rasd-note'>{esc(note)}</div>" if note else "")


_STYLE = """<style>
.leaflet-container { background: #cddbe8 !important; font: 13px/1.4 system-ui, sans-serif !important; }
.leaflet-control-layers, .leaflet-popup-content, .leaflet-tooltip { font-size: 13px !important; }
.rasd-popup { max-width: 360px; }
.rasd-popup ul { margin: 2px 0 4px 16px; padding: 0; }
.rasd-evidence { margin: 6px 0; padding: 4px 8px; border-left: 3px solid #999; background: #f6f6f6;
                 max-height: 160px; overflow-y: auto; white-space: pre-wrap; }
.rasd-legend { background: rgba(255,255,255,0.92); padding: 6px 8px; border-radius: 4px; font-size: 12px;
               box-shadow: 0 1px 4px rgba(0,0,0,0.3); max-width: 220px; line-height: 1.5; }
.rasd-swatch { display: inline-block; width: 12px; height: 12px; border-radius: 6px; margin-right: 6px;
               border: 1px solid #222; vertical-align: middle; }
.rasd-note { color: #555; font-size: 11px; margin-top: 4px; }
</style>"""


def legend_entries(table: dict[str, str], shown: pd.Series) -> list[tuple[str, str]]:
    """Legend lines for the categories present in the selection (palette order, then Other/Unknown)."""
    present = set(shown.unique())
    entries = [(c, colour) for c, colour in table.items() if c in present and c != UNKNOWN]
    if any(c not in table for c in present):
        entries.append((OTHER, OTHER_COLOUR))
    if UNKNOWN in present:
        entries.append((UNKNOWN, table.get(UNKNOWN, OTHER_COLOUR)))
    return entries


def build_map(events: pd.DataFrame, options: MapOptions = MapOptions(),
              colours: dict[str, str] | None = None) -> folium.Map:
    """The Libya map of `events` (already filtered). `colours`: category -> colour for stable colours."""
    m = folium.Map(location=(27.0, 17.5), zoom_start=5, tiles=None, control_scale=True)
    # Without a tile layer Leaflet has no zoom limits, and marker clustering needs a maxZoom.
    m.options.update({"minZoom": 4, "maxZoom": 14, "zoomSnap": 0.25})
    if options.online_tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", control=False).add_to(m)
    m.get_root().header.add_child(Element(_STYLE), name="rasd_style")
    folium.GeoJson(libya_geojson(), name="Libya (approximate outline)", control=False,
                   style_function=lambda _: {"color": "#7a6f5a", "weight": 1.5, "fillColor": "#f3efe4",
                                             "fillOpacity": 1.0}).add_to(m)
    cats = categories(events, options.colour_by) if len(events) else pd.Series(dtype=object)
    table = colours if colours is not None else colour_table(cats)
    label = COLOUR_BY_LABELS.get(options.colour_by, options.colour_by)
    if options.view == "districts":
        rows = district_rows(events, table, options.colour_by)
        PointLayer(rows, name="Districts", clustered=False).add_to(m)
        note = "Circle size: events in the district; colour: most frequent."
    elif len(events) <= options.popup_limit:
        rows = event_rows(events, table, options.colour_by)
        PointLayer(rows, name="Events", clustered=options.cluster).add_to(m)
        note = "Circle size: fatalities. Numbers: events in a cluster."
    else:
        rows = place_rows(events, table, options.colour_by, options.popup_limit)
        PointLayer(rows, name="Events by place", clustered=options.cluster).add_to(m)
        note = "One circle per place (size: events, colour: most frequent). Numbers: events."
    if options.heatmap:
        heat = heat_points(events)
        if heat:
            HeatMap(heat, name="Heat map", radius=18, blur=14, min_opacity=0.3).add_to(m)
    if rows:
        Legend(label, legend_entries(table, cats), note).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    m.fit_bounds([list(LIBYA_BOUNDS[0]), list(LIBYA_BOUNDS[1])])
    return localize(m)


def heat_points(events: pd.DataFrame, max_points: int = 5000) -> list[list[float]]:
    """[lat, lon, weight] per grid cell: the heat layer weights places by their number of events."""
    pts = _with_points(events)
    if pts.empty:
        return []
    pts["_cell"], _step = grid_cells(pts, max_points)
    agg = pts.groupby("_cell", sort=False).agg(n=("_lat", "size"), lat=("_lat", "mean"), lon=("_lon", "mean"))
    peak = float(agg["n"].max())
    return [[round(float(lat), 4), round(float(lon), 4), round(float(n) / peak, 4)]
            for n, lat, lon in agg.itertuples(index=False, name=None)]


def map_html(m: folium.Map) -> str:
    """The standalone HTML document of a map (what tests inspect and scripts save)."""
    return m.get_root().render()


# ---------------------------------------------------------------------------------------------
# Key figures for the KPI row

AIR_STRIKE = "Air/drone strike"


def key_figures(events: pd.DataFrame) -> dict[str, object]:
    killed = pd.to_numeric(events.get("fatalities", pd.Series(dtype=float)), errors="coerce")
    dates = events.get("event_date", pd.Series(dtype=object)).dropna().astype(str)
    dates = dates[dates != ""]
    place_key = events.get("place_id", pd.Series(dtype=object))
    if place_key is None or place_key.isna().all():
        place_key = events.get("location", pd.Series(dtype=object))
    located = pd.to_numeric(events.get("latitude", pd.Series(dtype=float)), errors="coerce").notna()
    return {
        "events": int(len(events)),
        "fatalities": int(killed.fillna(0).sum()),
        "with_toll": int(killed.notna().sum()),
        "strikes": int((events.get("sub_event_type", pd.Series(dtype=object)) == AIR_STRIKE).sum()),
        "places": int(place_key.dropna().astype(str).replace("", pd.NA).dropna().nunique()),
        "first_date": dates.min() if len(dates) else None,
        "last_date": dates.max() if len(dates) else None,
        "not_on_map": int((~located).sum()),
    }
