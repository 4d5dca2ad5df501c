"""The place table: shipped GeoNames-derived rows + curated overlay + countries + user's GeoNames import.

Every place carries its names (Arabic and Latin); the matcher turns them into automaton keys.
"""
from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from gazetteer.build import DATA_DIR, PLACES_TSV, read_places

OVERLAY_TOML = DATA_DIR / "overlay.toml"
COUNTRIES_TOML = DATA_DIR / "countries.toml"
COMMON_WORDS_TOML = DATA_DIR / "common_words.toml"
RELATIVE_TOML = DATA_DIR / "relative.toml"

# Feature -> geo_precision when the overlay does not say.
_PRECISION = {"region": 3, "country_part": 3, "country": 3, "district": 3, "water": 3, "admin1": 3,
              "neighbourhood": 1}


@dataclass(eq=False)  # identity comparison: places are compared often while resolving
class Place:
    place_id: str
    name: str
    name_ar: str | None
    latitude: float
    longitude: float
    feature: str
    country_code: str
    admin1: str | None
    population: int = 0
    names: list[str] = field(default_factory=list)
    source: str = ""
    precision: int = 1
    curated: bool = False        # named in the overlay (its names were chosen by hand)
    imported: bool = False       # from the user's GeoNames import (least trusted)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def load_toml(path: Path) -> dict:
    with open(path, "rb") as f:
        return tomllib.load(f)


def user_data_dir() -> Path:
    """Where `rasd gazetteer import-geonames` writes its extension ($RASD_GAZETTEER_DIR or ~/.rasd/gazetteer)."""
    env = os.environ.get("RASD_GAZETTEER_DIR")
    return Path(env) if env else Path.home() / ".rasd" / "gazetteer"


def imported_path() -> Path:
    return user_data_dir() / "geonames_import.tsv"


def _row_to_place(row: dict, *, imported: bool = False) -> Place:
    names = [n for n in (row.get("names") or "").split("|") if n]
    return Place(
        place_id=row["place_id"], name=row["name"], name_ar=row.get("name_ar") or None,
        latitude=float(row["latitude"]), longitude=float(row["longitude"]),
        feature=row.get("feature") or "village", country_code=row.get("country_code") or "",
        admin1=row.get("admin1") or None, population=int(float(row.get("population") or 0)),
        names=names, source=row["place_id"] if row["place_id"].startswith("geonames:") else "",
        precision=_PRECISION.get(row.get("feature") or "", 1), imported=imported,
    )


def load_places(places_tsv: Path = PLACES_TSV, overlay_toml: Path = OVERLAY_TOML,
                countries_toml: Path = COUNTRIES_TOML, imported_tsv: Path | None = None) -> list[Place]:
    places: dict[str, Place] = {}
    for row in read_places(places_tsv):
        p = _row_to_place(row)
        places[p.place_id] = p
    if imported_tsv is not None and imported_tsv.exists():
        for row in read_places(imported_tsv):
            p = _row_to_place(row, imported=True)
            if p.place_id in places:  # known place: the import only adds names
                known = places[p.place_id]
                known.names.extend(n for n in p.names if n not in known.names)
                if not known.name_ar and p.name_ar:
                    known.name_ar = p.name_ar
            else:
                places[p.place_id] = p
    _apply_overlay(places, load_toml(overlay_toml))
    _apply_countries(places, load_toml(countries_toml))
    _fill_admin1(places)
    return list(places.values())


def _apply_overlay(places: dict[str, Place], overlay: dict) -> None:
    for item in overlay.get("place", []):
        pid = item["id"]
        if pid in places:
            p = places[pid]
            if item.get("remove"):
                del places[pid]
                continue
            for key in ("name", "name_ar", "feature", "admin1"):
                if key in item:
                    setattr(p, key, item[key] or None if key != "name" else item[key])
            drop = set(item.get("drop", []))
            p.names = [n for n in p.names if n not in drop]
            if p.name_ar in drop:
                p.name_ar = None
            p.names.extend(n for n in item.get("names", []) if n not in p.names)
            if "precision" in item:
                p.precision = int(item["precision"])
            p.curated = True
            continue
        if not pid.startswith("overlay:"):
            raise ValueError(f"overlay: {pid} is not in the place table; new places need an 'overlay:' id")
        if "at" in item:
            anchor = places[item["at"]]
            lat, lon = anchor.latitude, anchor.longitude
        else:
            lat, lon = float(item["lat"]), float(item["lon"])
        feature = item.get("feature", "town")
        places[pid] = Place(
            place_id=pid, name=item["name"], name_ar=item.get("name_ar"), latitude=lat, longitude=lon,
            feature=feature, country_code=item.get("country", "LY"),
            admin1=item.get("admin1"), population=int(item.get("population", 0)),
            names=list(dict.fromkeys([item["name"], *([item["name_ar"]] if item.get("name_ar") else []),
                                      *item.get("names", [])])),
            source=item["source"], precision=int(item.get("precision", _PRECISION.get(feature, 1))),
            curated=True,
        )
    for d in overlay.get("district", []):
        seat = places[d["at"]]
        admin1, name_ar = d["admin1"], d["name_ar"]
        names = [f"شعبية {name_ar}", f"{admin1} District", f"{admin1} district"]
        if not d.get("city_named"):
            names = [name_ar, admin1, *d.get("names", []), *names]
        places[f"overlay:district:{admin1}"] = Place(
            place_id=f"overlay:district:{admin1}", name=f"{admin1} District", name_ar=f"شعبية {name_ar}",
            latitude=seat.latitude, longitude=seat.longitude, feature="district", country_code="LY",
            admin1=admin1, names=list(dict.fromkeys(names)), source=f"{d['at']} (district seat)",
            precision=3, curated=True,
        )


def _apply_countries(places: dict[str, Place], countries: dict) -> None:
    by_iso = {p.country_code: p for p in places.values() if p.feature == "country"}
    for iso, item in countries.items():
        p = by_iso.get(iso)
        if p is None:
            continue
        p.names.extend(n for n in item.get("names", []) if n not in p.names)
        arabic = [n for n in item.get("names", []) if not n.isascii()]
        if arabic and not p.name_ar:
            p.name_ar = arabic[0]
        p.curated = True


def _fill_admin1(places: dict[str, Place]) -> None:
    """Libyan places without a district get the district of the nearest GeoNames town."""
    towns = [p for p in places.values() if p.country_code == "LY" and p.admin1 and p.place_id.startswith("geonames:")]
    for p in places.values():
        if p.country_code == "LY" and p.admin1 is None and p.feature not in ("country", "country_part", "region", "water"):
            nearest = min(towns, key=lambda t: haversine_km(p.latitude, p.longitude, t.latitude, t.longitude))
            p.admin1 = nearest.admin1


@lru_cache(maxsize=1)
def common_words() -> dict:
    return load_toml(COMMON_WORDS_TOML)


@lru_cache(maxsize=1)
def relative_words() -> dict:
    return load_toml(RELATIVE_TOML)


@lru_cache(maxsize=1)
def country_cues() -> dict[str, list[str]]:
    return {iso: item.get("cues", []) for iso, item in load_toml(COUNTRIES_TOML).items()}


__all__ = ["Place", "load_places", "haversine_km", "common_words", "relative_words", "country_cues",
           "user_data_dir", "imported_path", "replace"]
