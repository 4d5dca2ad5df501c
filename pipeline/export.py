"""Export events: CSV (the EXPORT_COLUMNS contract), GeoJSON and GeoPackage.

The CLI (`rasd export`) and the dashboard's download button both go through `filtered_events` and
`events_to_csv_bytes`, so a download equals the CLI export for the same filter.
CSV cells are neutralised against spreadsheet formula injection: a text cell starting with
= + - @ TAB or CR gets a leading apostrophe. Numeric columns are written as plain numbers (a
negative longitude stays a number). Spatial formats leave out events without coordinates and say how many.
"""
from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.filters import EventFilter, apply_filters
from pipeline.records import EXPORT_COLUMNS
from pipeline.store import load_events_frame

FORMATS = ("csv", "geojson", "gpkg")
INTEGER_COLUMNS = ("year", "geo_precision", "fatalities")
FLOAT_COLUMNS = ("latitude", "longitude")
NUMERIC_COLUMNS = INTEGER_COLUMNS + FLOAT_COLUMNS
TEXT_COLUMNS = tuple(c for c in EXPORT_COLUMNS if c not in NUMERIC_COLUMNS)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GPKG_LAYER = "events"


@dataclass
class ExportResult:
    path: str
    format: str
    rows: int          # rows written
    excluded: int = 0  # events left out of a spatial format for lack of coordinates


def filtered_events(db_path, flt: EventFilter | None = None) -> pd.DataFrame:
    """The events of the database that pass `flt`: the same code path as the dashboard's table."""
    df = load_events_frame(db_path)
    return apply_filters(df, flt) if flt is not None else df


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_number(value, column: str) -> str:
    """A numeric cell as plain text: '' when unknown, integers without '.0', coordinates to 6 decimals."""
    if _missing(value) or value == "":
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return neutralise(str(value))  # not a number after all: treat it as untrusted text
    if math.isnan(number) or math.isinf(number):
        return ""
    if column in INTEGER_COLUMNS:
        return str(int(round(number)))
    return f"{number:.6f}".rstrip("0").rstrip(".")


def neutralise(text: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would read as a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def export_rows(df: pd.DataFrame) -> list[list[str]]:
    """The CSV body: one list of cells per event, columns EXPORT_COLUMNS, every cell a safe string."""
    rows = []
    for record in df.itertuples(index=False, name=None) if not df.empty else []:
        values = dict(zip(df.columns, record))
        cells = []
        for column in EXPORT_COLUMNS:
            value = values.get(column)
            if column in NUMERIC_COLUMNS:
                cells.append(format_number(value, column))
            else:
                cells.append("" if _missing(value) else neutralise(str(value)))
        rows.append(cells)
    return rows


def events_to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV (header = EXPORT_COLUMNS) of an events frame: what `rasd export --format csv` writes."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    writer.writerows(export_rows(df))
    return buf.getvalue().encode("utf-8")


def _has_point(df: pd.DataFrame) -> pd.Series:
    lat = pd.to_numeric(df.get("latitude"), errors="coerce")
    lon = pd.to_numeric(df.get("longitude"), errors="coerce")
    return lat.notna() & lon.notna()


def _native(value, column: str):
    """A cell as a JSON/GeoPackage value: None when unknown, int/float for numeric columns."""
    if _missing(value) or (column not in NUMERIC_COLUMNS and value == ""):
        return None
    if column in INTEGER_COLUMNS:
        return int(round(float(value)))
    if column in FLOAT_COLUMNS:
        return float(value)
    return str(value)


def events_to_geojson(df: pd.DataFrame) -> tuple[dict, int]:
    """(FeatureCollection of points in WGS84 with EXPORT_COLUMNS as properties, number left out)."""
    if df.empty:
        return {"type": "FeatureCollection", "features": []}, 0
    mask = _has_point(df)
    features = []
    for _, row in df[mask].iterrows():
        props = {c: _native(row.get(c), c) for c in EXPORT_COLUMNS}
        features.append({
            "type": "Feature",
            "id": props["event_id"],
            "geometry": {"type": "Point", "coordinates": [props["longitude"], props["latitude"]]},
            "properties": props,
        })
    return {"type": "FeatureCollection", "features": features}, int((~mask).sum())


def events_to_geodataframe(df: pd.DataFrame):
    """(GeoDataFrame of located events, EPSG:4326, EXPORT_COLUMNS + geometry; number left out)."""
    import geopandas as gpd

    mask = _has_point(df) if not df.empty else pd.Series(dtype=bool)
    located = df[mask] if not df.empty else df
    data = {c: [_native(v, c) for v in (located[c] if c in located.columns else [None] * len(located))]
            for c in EXPORT_COLUMNS}
    frame = pd.DataFrame(data, columns=list(EXPORT_COLUMNS))
    for c in INTEGER_COLUMNS:
        frame[c] = pd.array(frame[c], dtype="Int64")
    for c in FLOAT_COLUMNS:
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
    for c in TEXT_COLUMNS:
        frame[c] = frame[c].astype("object")
    geometry = gpd.points_from_xy(frame["longitude"], frame["latitude"], crs="EPSG:4326")
    excluded = int((~mask).sum()) if not df.empty else 0
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326"), excluded


def write_events(df: pd.DataFrame, out: str | Path, fmt: str) -> ExportResult:
    """Write an events frame to `out` ('-' = standard output for csv/geojson) in `fmt`."""
    out = str(out)
    if fmt == "csv":
        payload = events_to_csv_bytes(df)
        _write_bytes(out, payload)
        return ExportResult(out, fmt, len(df))
    if fmt == "geojson":
        collection, excluded = events_to_geojson(df)
        _write_bytes(out, json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8"))
        return ExportResult(out, fmt, len(collection["features"]), excluded)
    if fmt == "gpkg":
        if out == "-":
            raise ValueError("a GeoPackage cannot be written to standard output")
        gdf, excluded = events_to_geodataframe(df)
        path = Path(out)
        if path.exists():
            path.unlink()  # a fresh file: no stale layers from an earlier export
        gdf.to_file(path, layer=GPKG_LAYER, driver="GPKG", engine="pyogrio")
        return ExportResult(out, fmt, len(gdf), excluded)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _write_bytes(out: str, payload: bytes) -> None:
    if out == "-":
        import sys
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return
    Path(out).write_bytes(payload)


def format_for(out: str, fmt: str | None) -> str:
    """The format asked for, else the one the output file's suffix names, else csv."""
    if fmt:
        return fmt
    suffix = Path(out).suffix.lower()
    return {".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg"}.get(suffix, "csv")


def export_events(db_path, out: str | Path, fmt: str = "csv", flt: EventFilter | None = None) -> ExportResult:
    return write_events(filtered_events(db_path, flt), out, fmt)
