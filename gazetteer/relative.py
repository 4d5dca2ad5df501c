"""Relative place phrases: "160 km southeast of Sirte", "نحو 240 كم جنوب شرق مدينة سرت",
"27 miles southwest of Sirte", "near Ubari", "on the outskirts of Sabratha", "بضواحي أوباري".

Each phrase is read from the (folded) text just before a place mention, with regexes anchored at
the mention, so the cost is one short regex search per mention, not per place. The event point is
projected from the anchor with geopy's geodesic destination; the offset is kept on the record.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geopy.distance import geodesic

from gazetteer.matcher import fold_key
from gazetteer.places import relative_words

BEARING_DEG = {"N": 0.0, "NNE": 22.5, "NE": 45.0, "ENE": 67.5, "E": 90.0, "ESE": 112.5, "SE": 135.0,
               "SSE": 157.5, "S": 180.0, "SSW": 202.5, "SW": 225.0, "WSW": 247.5, "W": 270.0,
               "WNW": 292.5, "NW": 315.0, "NNW": 337.5}
MILE_KM = 1.609344
WINDOW = 80  # folded characters before the mention that can hold the phrase


@dataclass(frozen=True)
class RelativePhrase:
    start: int                   # folded offset where the phrase begins
    distance_km: float | None
    bearing: str | None          # 'SE', …; None for "near"
    kind: str                    # offset | direction | distance | near


def _alt(words) -> str:
    forms = sorted({fold_key(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms if f)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    data = relative_words()
    numbers = {fold_key(k): v for k, v in data["numbers"].items()}
    num = r"(?P<num>\d+(?:[.,]\d+)?|" + _alt(numbers) + ")"
    km, mile = _alt(data["units"]["km"]), _alt(data["units"]["mile"])
    unit = rf"(?:(?P<km>{km})|(?P<mile>{mile}))"
    paren = r"(?:\s*\([^()]{0,40}\))?"

    en_words = {code: fold_key(w[0]) for code, w in data["bearings_en"].items()}
    singles_en = {c: en_words[c] for c in ("N", "E", "S", "W")}
    en_bear = []
    for code in sorted(BEARING_DEG, key=len, reverse=True):
        parts = [singles_en[ch] for ch in code]
        en_bear.append(f"(?P<en_{code}>" + r"\s*".join(parts) + ")")
    bear_en = "(?:" + "|".join(en_bear) + ")"
    nouns_en = _alt(data["place_nouns"]["en"])
    of_en = rf"\s+of\s+(?:the\s+)?(?:(?:{nouns_en})\s+of\s+)?$"
    near_en = _alt(data["near"]["en"])

    ar_words = {code: fold_key(w[0]) for code, w in data["bearings_ar"].items()}

    def ar_part(ch: str) -> str:
        return f"(?:ال)?{ar_words[ch]}(?:ي)?"

    ar_bear = []
    for code in ("NE", "NW", "SE", "SW", "N", "E", "S", "W"):
        ar_bear.append(f"(?P<ar_{code}>" + r"\s+".join(ar_part(ch) for ch in code) + ")")
    bear_ar = "(?:" + "|".join(ar_bear) + ")"
    nouns_ar = _alt(data["place_nouns"]["ar"])
    of_ar = rf"(?:\s+(?:من|عن))?\s+(?:(?:[لب]|ال)?(?:{nouns_ar})\s+)?$"
    near_ar = _alt(data["near"]["ar"])

    flags = re.IGNORECASE
    return {
        "en_offset": re.compile(rf"(?<!\w){num}\s*{unit}\.?{paren}\s+(?:to\s+the\s+)?{bear_en}{of_en}", flags),
        "en_distance": re.compile(rf"(?<!\w){num}\s*{unit}\.?{paren}\s+(?:away\s+)?(?:from|outside(?:\s+of)?)\s+(?:the\s+)?(?:(?:{nouns_en})\s+of\s+)?$", flags),
        "en_direction": re.compile(rf"(?<!\w)(?:(?:just|to\s+the)\s+)?{bear_en}{of_en}", flags),
        "en_near": re.compile(rf"(?<!\w)(?:{near_en})\s+(?:the\s+)?(?:(?:{nouns_en})\s+(?:of\s+)?)?$", flags),
        "ar_offset": re.compile(rf"(?<!\w){num}\s*{unit}\s+(?:(?:الي|في|باتجاه)\s+)?{bear_ar}{of_ar}"),
        "ar_distance": re.compile(rf"(?<!\w){num}\s*{unit}\s+(?:من|عن)\s+(?:(?:[لب]|ال)?(?:{nouns_ar})\s+)?$"),
        "ar_direction": re.compile(rf"(?<!\w)[وفبل]?{bear_ar}{of_ar}"),
        "ar_near": re.compile(rf"(?<!\w)[وفبلك]?(?:{near_ar})\s+(?:(?:[لب]|ال)?(?:{nouns_ar})\s+)?$"),
    }


@lru_cache(maxsize=1)
def _number_words() -> dict[str, int]:
    return {fold_key(k): v for k, v in relative_words()["numbers"].items()}


def _number(text: str) -> float:
    folded = fold_key(text)
    numbers = _number_words()
    if folded in numbers:
        return float(numbers[folded])
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


def _bearing(m: re.Match) -> str | None:
    for name, value in m.groupdict().items():
        if value and name[:3] in ("en_", "ar_"):
            return name[3:]
    return None


@lru_cache(maxsize=1)
def _triggers() -> tuple[str, ...]:
    """Words one of which must stand near the end of any relative phrase (a cheap pre-check)."""
    data = relative_words()
    words = {fold_key(w) for table in ("bearings_en", "bearings_ar") for ws in data[table].values() for w in ws}
    words |= {fold_key(w).split()[0] for w in data["near"]["en"] + data["near"]["ar"]}
    words |= {"from", "outside", "من", "عن"}
    return tuple(sorted(w for w in words if w))


TAIL = 32  # the trigger word lies within this many characters of the name


def find_relative(folded: str, word_start: int) -> RelativePhrase | None:
    """The relative phrase ending right before the word at folded offset word_start, if any."""
    lo = max(0, word_start - WINDOW)
    window = folded[lo:word_start]
    if not window.endswith(" "):
        return None
    tail = window[-TAIL:]
    if not any(t in tail for t in _triggers()):
        return None
    p = _patterns()
    for kind in ("offset", "distance", "direction", "near"):
        for script in ("ar", "en"):
            m = p[f"{script}_{kind}"].search(window)
            if not m:
                continue
            distance = None
            if kind in ("offset", "distance"):
                distance = _number(m.group("num"))
                if m.group("mile"):
                    distance *= MILE_KM
            bearing = _bearing(m) if kind in ("offset", "direction") else None
            return RelativePhrase(lo + m.start(), distance, bearing, kind)
    return None


@lru_cache(maxsize=4096)
def project(lat: float, lon: float, distance_km: float | None, bearing: str | None) -> tuple[float, float]:
    """The point distance_km along bearing from (lat, lon) (geodesic); the anchor itself otherwise."""
    if not distance_km or bearing is None:
        return lat, lon
    dest = geodesic(kilometers=distance_km).destination((lat, lon), BEARING_DEG[bearing])
    return round(dest.latitude, 5), round(dest.longitude, 5)
