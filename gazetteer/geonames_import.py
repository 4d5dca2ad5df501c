"""Import a GeoNames country dump (LY.txt or LY.zip from download.geonames.org/export/dump/).

The dump is tab-separated, one feature per line, 19 columns: geonameid, name, asciiname,
alternatenames (comma-separated), latitude, longitude, feature class, feature code, country code,
cc2, admin1 code, admin2, admin3, admin4, population, elevation, dem, timezone, modification date.
Every feature is kept (wells, wadis, oases, airfields…) and written, in the shipped table's format,
to the user's gazetteer folder, where `default_gazetteer()` picks it up. Shipped places keep their
curated names; the import only adds names to them.
"""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from gazetteer.build import LIBYA_ADMIN1, TSV_COLUMNS, clean_names, feature_for_population
from gazetteer.places import imported_path

# GeoNames feature class/code -> our feature names.
FEATURE_CODES = {
    "ADM1": "district", "ADM2": "district", "PPLC": "city", "PPLA": "city", "AIRB": "base", "AIRP": "airport",
    "AIRF": "airport", "PRT": "port", "OILF": "oilfield", "OILT": "port", "OAS": "oasis", "WLL": "well",
    "WLLS": "well", "WAD": "wadi", "MT": "mountain", "MTS": "mountains", "PPLX": "neighbourhood",
    "MILB": "base", "RGN": "region", "DSRT": "region",
}
FEATURE_CLASS = {"P": None, "A": "district", "H": "water", "T": "terrain", "S": "site", "L": "region",
                 "R": "road", "V": "vegetation", "U": "undersea"}


class GeoNamesFormatError(ValueError):
    """The file is not a GeoNames dump."""


def _lines(path: Path):
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            members = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            if not members:
                raise GeoNamesFormatError(f"{path}: the zip holds no .txt GeoNames dump")
            with zf.open(members[0]) as f:
                yield from io.TextIOWrapper(f, encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as f:
            yield from f


def parse_dump(path: Path) -> list[dict]:
    rows = []
    for lineno, line in enumerate(_lines(path), start=1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 15:
            raise GeoNamesFormatError(f"{path}:{lineno}: {len(cols)} columns, a GeoNames dump line has 19")
        try:
            lat, lon = float(cols[4]), float(cols[5])
            pop = int(cols[14] or 0)
        except ValueError:
            raise GeoNamesFormatError(f"{path}:{lineno}: latitude/longitude/population are not numbers") from None
        fclass, fcode, cc = cols[6], cols[7], cols[8]
        feature = FEATURE_CODES.get(fcode) or FEATURE_CLASS.get(fclass) or feature_for_population(pop)
        names = clean_names([n for n in cols[3].split(",") if n] + [cols[2]], cols[1])
        arabic = [n for n in names if not n.isascii() and any("\u0600" <= c <= "\u06ff" for c in n)]
        rows.append({
            "place_id": f"geonames:{cols[0]}", "name": cols[1], "name_ar": arabic[0] if arabic else "",
            "latitude": lat, "longitude": lon, "feature": feature, "country_code": cc,
            "admin1": LIBYA_ADMIN1.get(cols[10], "") if cc == "LY" else "", "population": pop,
            "names": "|".join(names),
        })
    if not rows:
        raise GeoNamesFormatError(f"{path}: no GeoNames features found")
    return rows


def import_geonames(path: Path, out: Path | None = None) -> tuple[int, Path]:
    rows = parse_dump(path)
    out = out or imported_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=TSV_COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows), out
