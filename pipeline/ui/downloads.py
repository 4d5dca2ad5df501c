"""The files behind the download buttons: CSV (identical to `rasd export`), GeoJSON and Excel.

CSV and GeoJSON come from pipeline.export, so a download equals the CLI export for the same filter.
The Excel sheet holds the same cells as the CSV (formula-neutralised text, numbers as numbers).
"""
from __future__ import annotations

import io
import json
import re

import pandas as pd

from pipeline.export import (INTEGER_COLUMNS, NUMERIC_COLUMNS, events_to_csv_bytes, events_to_geojson,
                             export_rows)
from pipeline.filters import EventFilter
from pipeline.records import EXPORT_COLUMNS

# Characters openpyxl refuses in cells (XML 1.0 control characters).
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def file_stem(flt: EventFilter) -> str:
    return flt.describe() or "events"


def csv_bytes(events: pd.DataFrame) -> bytes:
    return events_to_csv_bytes(events)


def geojson_bytes(events: pd.DataFrame) -> bytes:
    collection, _excluded = events_to_geojson(events)
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


def excel_bytes(events: pd.DataFrame) -> bytes:
    """An .xlsx workbook with one 'events' sheet: the CSV's cells, numbers typed as numbers."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("events")
    ws.append(list(EXPORT_COLUMNS))
    for cells in export_rows(events):
        row = []
        for column, cell in zip(EXPORT_COLUMNS, cells):
            if column in NUMERIC_COLUMNS and cell != "":
                row.append(int(cell) if column in INTEGER_COLUMNS else float(cell))
            else:
                row.append(_ILLEGAL_XML.sub("", cell))
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


MIME = {
    "csv": "text/csv",
    "geojson": "application/geo+json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
