"""Shortcuts in Gazetteer.find and its helpers give the same answers as the plain steps they replace.

No wall-clock assertions: each fast path is compared with its reference on our own or random input.
"""
from __future__ import annotations

import random
import re

import pytest
from geographiclib.geodesic import Geodesic

from gazetteer import default_gazetteer, relative
from gazetteer.matcher import _CHAINED, _CHANGED, _DENSE_TABLE, Hit, _translate, fold_text, select_longest
from gazetteer.relative import (BEARING_DEG, PhraseReader, _case_sensitive_patterns, _number, _patterns,
                                find_relative, project)


def test_translate_by_one_resumed_scan_equals_str_translate():
    rng = random.Random(11)
    changed = sorted(_CHANGED)
    alphabet = ([chr(c) for c in range(0x600, 0x700)] + list("abc XYZ-_\n.,'") + changed[:: max(1, len(changed) // 300)]
                + sorted(_CHAINED) + ["\u0651", "\u064e", "\u0640", "\u200f", "ŉ", "ʼ"])
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert _translate(text) == text.translate(_DENSE_TABLE), text


def _select_longest_reference(hits, length):
    occupied = bytearray(length + 1)
    chosen = []
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if occupied.find(1, h.start, h.end) != -1:
            continue
        occupied[h.start:h.end] = b"\x01" * (h.end - h.start)
        chosen.append(h)
    chosen.sort(key=lambda h: h.start)
    return chosen


def test_select_longest_without_overlaps_equals_the_greedy_choice():
    rng = random.Random(3)
    for _ in range(3000):
        hits = []
        for _ in range(rng.randint(0, 6)):
            start = rng.randint(0, 30)
            hits.append(Hit(start, start + rng.randint(0, 6), start, "k", []))
        assert select_longest(list(hits), 40) == _select_longest_reference(hits, 40)


def test_projection_along_a_remembered_line_equals_geodesic_direct():
    rng = random.Random(5)
    wgs84, lat_lon = relative._WGS84, Geodesic.LATITUDE | Geodesic.LONGITUDE
    for _ in range(3000):
        lat, lon = rng.uniform(19.0, 34.0), rng.uniform(9.0, 26.0)
        bearing = rng.choice(list(BEARING_DEG))
        km = rng.choice([float(rng.randint(1, 400)), rng.uniform(0.1, 900.0), rng.randint(1, 300) * relative.MILE_KM])
        dest = wgs84.Direct(lat, lon, BEARING_DEG[bearing], km, lat_lon)
        assert project(lat, lon, km, bearing) == (round(dest["lat2"], 5), round(dest["lon2"], 5))


@pytest.mark.parametrize("number", ["45", "160", "0", "1.5", "2,5", "1,500", "twenty", "ثلاثين", "one hundred"])
def test_number_fast_path(number):
    numbers = relative._number_words()
    folded = relative.fold_key(number)
    if folded in numbers:
        expected = float(numbers[folded])
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+", number):
        expected = float(number.replace(",", ""))
    else:
        expected = float(number.replace(",", "."))
    assert _number(number) == expected


def test_case_sensitive_patterns_are_the_same_patterns():
    caseless, _ = _patterns()
    plain = _case_sensitive_patterns()
    assert caseless.keys() == plain.keys()
    for name, p in caseless.items():
        assert plain[name].pattern == p.pattern and plain[name].groupindex == p.groupindex
        assert not plain[name].flags & re.IGNORECASE


TEXT = ("Clashes 45 km southwest of Sirte and 10 miles north of the town of Ubari, near Derna, just east "
        "of Tobruk; outskirts of Sabha. غارة على بعد 45 كم جنوب غرب مدينة سرت وبضواحي مدينة أوباري وشمال غربي غريان "
        "وعلى بعد ثلاثين كيلومترا من مدينة درنة. A convoy 45 \u212am southwest of sirte and 10 mıles north of ubari")


def test_one_reader_per_text_finds_what_find_relative_finds():
    folded = fold_text(TEXT).text
    reader = PhraseReader(folded)
    found = 0
    for m in re.finditer(r"\S+", folded):
        phrase = reader.before(m.start())
        assert phrase == find_relative(folded, m.start())
        found += phrase is not None
    assert found >= 8


def test_mentions_keep_their_fields_and_relative_offsets():
    gz = default_gazetteer()
    mentions = gz.find(TEXT)
    sirte = next(m for m in mentions if m.name == "Sirte" and m.relative)
    assert sirte.match == "relative" and sirte.relative.distance_km == 45.0 and sirte.relative.bearing_deg == 225.0
    assert sirte.text == TEXT[sirte.start:sirte.end] and sirte.geo_precision == 2
    place = next(p for p in gz.places if p.place_id == sirte.place_id)
    assert (sirte.name, sirte.name_ar, sirte.latitude, sirte.longitude, sirte.admin1, sirte.feature,
            sirte.country_code) == (place.name, place.name_ar, place.latitude, place.longitude, place.admin1,
                                    place.feature, place.country_code)
