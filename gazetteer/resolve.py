"""Choosing among places that share a name.

Libya is the frame: a Libyan place is preferred, unless the text names the foreign place's
country (or its people) near the mention: "طرابلس" is Libya's capital unless "لبنان"/"Lebanese" is
close by. Then population (a big town over a hamlet), curated entries over raw GeoNames rows,
shipped data over the user's import, and closeness to the article's other unambiguous places.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from gazetteer.places import Place, country_cues, haversine_km
from pipeline.normalize import fold

CUE_WINDOW = 200      # folded characters on each side of a mention searched for country cues
NEARBY_KM = 150.0


@lru_cache(maxsize=None)
def _cue_stems(iso: str) -> tuple[str, ...]:
    return tuple(fold(s) for s in country_cues().get(iso, []))


@lru_cache(maxsize=None)
def _cue_regex(iso: str) -> re.Pattern | None:
    stems = _cue_stems(iso)
    if not stems:
        return None
    # A stem may carry clitics/article before it and a nisba/plural ending after it.
    return re.compile(r"(?<!\w)(?:[وفبلك]?(?:ال|لل)?)(?:" + "|".join(map(re.escape, stems)) + r")\w{0,4}(?!\w)")


def country_named_near(folded: str, start: int, end: int, iso: str) -> bool:
    rx = _cue_regex(iso)
    if rx is None:
        return False
    lo, hi = max(0, start - CUE_WINDOW), min(len(folded), end + CUE_WINDOW)
    # A match holds one of the stems as written: most windows hold none, and str.find is much
    # cheaper than the regex, which begins with a lookbehind and so is tried at every position.
    for stem in _cue_stems(iso):
        if folded.find(stem, lo, hi) != -1:
            return rx.search(folded, lo, hi) is not None
    return False


@lru_cache(maxsize=1 << 16)
def _distance_km(a: Place, b: Place) -> float:
    """haversine_km from a to b, remembered per pair: the same towns are compared in every article.
    (Places compare by identity and are not changed once a Gazetteer is built.)"""
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def candidate_score(place: Place, *, cue: bool, near_anchor: bool) -> float:
    s = math.log10(place.population + 10) / 2
    if place.country_code == "LY":
        s += 2.0
    if cue:
        s += 4.0
    if place.curated:
        s += 0.5
    if place.imported:
        s -= 1.0
    if place.feature in ("city", "town"):
        s += 0.2
    if near_anchor:
        s += 1.0
    return s


def choose(places: list[Place], folded: str, start: int, end: int,
           anchors: list[Place]) -> tuple[Place, bool]:
    """(best place, ambiguous?) for one mention. `anchors`: the article's unambiguous Libyan places."""
    if len(places) == 1:
        return places[0], False
    scored = []
    for p in places:
        cue = p.country_code not in ("LY", "") and country_named_near(folded, start, end, p.country_code)
        near = False
        for a in anchors:  # a loop, not any(): one generator per candidate costs more than the test
            if a is not p and _distance_km(a, p) <= NEARBY_KM:
                near = True
                break
        scored.append((candidate_score(p, cue=cue, near_anchor=near), -len(p.place_id), p))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    best = scored[0][2]
    distinct = [p for _, _, p in scored[1:] if _distance_km(p, best) > 25]
    ambiguous = bool(distinct) and scored[0][0] - max(s for s, _, p in scored if p in distinct) < 2.0
    return best, ambiguous
