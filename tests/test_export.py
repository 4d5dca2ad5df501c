"""Export: CSV contract columns, every filter, formula injection, GeoJSON and GeoPackage round trips."""
from __future__ import annotations

import csv
import io
import json

import geopandas as gpd
import pytest

from pipeline.export import events_to_csv_bytes, export_events, filtered_events, neutralise
from pipeline.filters import EventFilter
from pipeline.records import EXPORT_COLUMNS
from pipeline.store import load_events_frame, open_store
from foundation_support import build_db


@pytest.fixture
def db(tmp_path):
    return build_db(tmp_path / "events.sqlite")


def read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_csv_has_exactly_the_contract_columns(db, tmp_path):
    out = tmp_path / "e.csv"
    result = export_events(db, out, "csv")
    assert result.rows == 4
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8").splitlines()[0].split(",")
    assert tuple(header) == EXPORT_COLUMNS
    rows = {r["sources"]: r for r in read_csv(raw)}
    a = rows["a"]
    assert (a["event_date"], a["date_precision"], a["year"], a["fatalities"], a["geo_precision"]) == (
        "2016-02-19", "day", "2016", "40", "1")
    assert (a["latitude"], a["longitude"], a["source_urls"]) == ("32.79", "12.48", "https://example.org/a")
    c = rows["c"]
    assert (c["event_date"], c["date_precision"], c["year"], c["fatalities"], c["latitude"]) == ("2018", "year", "2018", "", "")


def test_csv_neutralises_formula_injection_but_keeps_negative_numbers(db):
    data = events_to_csv_bytes(load_events_frame(db))
    row = next(r for r in read_csv(data) if r["sources"] == "d")
    assert row["actor2"] == "'=HYPERLINK(\"http://evil\")"
    assert row["location"] == "'+Murzuq"
    assert row["evidence"] == "'@cmd|' /C calc'!A0"
    assert row["notes"] == "'-2+3 pending\tconfirm"
    assert row["longitude"] == "-0.5" and row["fatalities"] == "-3"  # numbers stay numbers
    for text in ("\tx", "\rx", "=1", "+1", "-1", "@x"):
        assert neutralise(text) == "'" + text
    assert neutralise("Sirte") == "Sirte"


@pytest.mark.parametrize("flt,expected", [
    (EventFilter(year_from=2017), {"b", "c", "d"}),
    (EventFilter(year_to=2017), {"a", "b"}),
    (EventFilter(year_from=2017, year_to=2018), {"b", "c"}),
    (EventFilter(groups=["isis"]), {"a", "b"}),
    (EventFilter(groups=["Tebu militia", "GNA"]), {"c"}),
    (EventFilter(actors=["LNA"]), {"c", "d"}),
    (EventFilter(actors=["ISIS"]), set()),
    (EventFilter(event_types=["Battles"]), {"c"}),
    (EventFilter(event_types=["Air/drone strike"]), {"a", "b", "d"}),
    (EventFilter(min_fatalities=17), {"a", "b"}),
    (EventFilter(year_from=2016, groups=["ISIS"], min_fatalities=20), {"a"}),
])
def test_every_filter(db, flt, expected):
    assert set(filtered_events(db, flt).sources) == expected
    assert {r["sources"] for r in read_csv(events_to_csv_bytes(filtered_events(db, flt)))} == expected


def test_empty_export_has_header_only(tmp_path):
    db = tmp_path / "empty.sqlite"
    open_store(db).close()
    out = tmp_path / "e.csv"
    assert export_events(db, out, "csv").rows == 0
    assert out.read_text(encoding="utf-8").strip() == ",".join(EXPORT_COLUMNS)


def test_geojson_round_trip(db, tmp_path):
    out = tmp_path / "e.geojson"
    result = export_events(db, out, "geojson")
    assert (result.rows, result.excluded) == (3, 1)
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    feature = next(f for f in collection["features"] if f["properties"]["sources"] == "a")
    assert feature["geometry"] == {"type": "Point", "coordinates": [12.48, 32.79]}
    assert feature["properties"]["fatalities"] == 40 and feature["properties"]["year"] == 2016
    assert tuple(feature["properties"]) == EXPORT_COLUMNS
    gdf = gpd.read_file(out)
    assert len(gdf) == 3 and sorted(gdf.sources) == ["a", "b", "d"]


def test_gpkg_round_trip(db, tmp_path):
    out = tmp_path / "e.gpkg"
    result = export_events(db, out, "gpkg", EventFilter(year_from=2016))
    assert (result.rows, result.excluded) == (3, 1)
    gdf = gpd.read_file(out, layer="events")
    assert gdf.crs.to_epsg() == 4326
    assert set(EXPORT_COLUMNS) <= set(gdf.columns)
    row = gdf[gdf.sources == "d"].iloc[0]
    assert (row.geometry.x, row.geometry.y) == (-0.5, 25.9)
    assert row.actor2 == "=HYPERLINK(\"http://evil\")"  # not a spreadsheet: kept verbatim
    assert int(row.fatalities) == -3 and row.event_date == "2019-08-04"
    export_events(db, out, "gpkg", EventFilter(year_to=2016))  # overwriting gives a fresh file
    assert len(gpd.read_file(out, layer="events")) == 1
