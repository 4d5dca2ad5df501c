"""A tiny stand-in gazetteer for extraction tests: same find() contract as gazetteer.Gazetteer.

It knows a handful of places (Latin and Arabic names) and two relative forms ("near X"/"قرب X",
"N km DIRECTION of X"/"N كلم جنوب X"), so the extractor's own rules can be tested without depending
on the real gazetteer's data.
"""
from __future__ import annotations

import math
import re

from pipeline.records import Article, PlaceMention, RelativeOffset

PLACES = {
    # key: (place_id, name, name_ar, lat, lon, feature, country, admin1, aliases)
    "sirte": ("t:sirte", "Sirte", "سرت", 31.20892, 16.58866, "city", "LY", "Sirte", ["Sirte", "سرت"]),
    "derna": ("t:derna", "Derna", "درنة", 32.76704, 22.63669, "city", "LY", "Derna", ["Derna", "درنة", "درنه"]),
    "benghazi": ("t:benghazi", "Benghazi", "بنغازي", 32.11486, 20.06859, "city", "LY", "Benghazi", ["Benghazi", "بنغازي"]),
    "tripoli": ("t:tripoli", "Tripoli", "طرابلس", 32.88743, 13.18733, "city", "LY", "Tripoli", ["Tripoli", "طرابلس"]),
    "misrata": ("t:misrata", "Misrata", "مصراتة", 32.37535, 15.09254, "city", "LY", "Misrata", ["Misrata", "مصراتة"]),
    "sabha": ("t:sabha", "Sabha", "سبها", 27.03766, 14.42832, "city", "LY", "Sabha", ["Sabha", "سبها"]),
    "ubari": ("t:ubari", "Ubari", "أوباري", 26.59034, 12.77511, "town", "LY", "Wadi al Hayaa", ["Ubari", "أوباري", "اوباري"]),
    "zawiya": ("t:zawiya", "Zawiya", "الزاوية", 32.7571, 12.72764, "city", "LY", "Zawiya", ["Zawiya", "الزاوية"]),
    "abu salim": ("t:abusalim", "Abu Salim", "أبو سليم", 32.855, 13.18, "neighbourhood", "LY", "Tripoli",
                  ["Abu Salim", "أبو سليم"]),
    "ain zara": ("t:ainzara", "Ain Zara", "عين زارة", 32.79, 13.22, "neighbourhood", "LY", "Tripoli", ["Ain Zara", "عين زارة"]),
    "mitiga airport": ("t:mitiga", "Mitiga Airport", "مطار معيتيقة", 32.8941, 13.276, "airport", "LY", "Tripoli",
                       ["Mitiga airport", "مطار معيتيقة"]),
    "souq al-juma": ("t:souq", "Souq al-Juma", "سوق الجمعة", 32.89, 13.225, "neighbourhood", "LY", "Tripoli",
                     ["Souq al-Juma", "سوق الجمعة"]),
    "tunisia": ("t:tunisia", "Tunisia", "تونس", 34.0, 9.0, "country", "TN", None, ["Tunisia"]),
    "libya": ("t:libya", "Libya", "ليبيا", 26.0, 17.0, "country", "LY", None, ["Libya", "ليبيا"]),
    "southern libya": ("t:south", "southern Libya", "جنوب ليبيا", 26.0, 14.5, "region", "LY", None, ["southern Libya", "جنوب ليبيا"]),
    "tunis": ("t:tunis", "Tunis", "تونس", 36.81897, 10.16579, "city", "TN", None, ["Tunis", "تونس"]),
    "cairo": ("t:cairo", "Cairo", "القاهرة", 30.06263, 31.24967, "city", "EG", None, ["Cairo", "القاهرة"]),
}
BEARINGS = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225, "west": 270,
            "northwest": 315, "شمال": 0, "شمال شرق": 45, "شرق": 90, "جنوب شرق": 135, "جنوب": 180, "جنوب غرب": 225,
            "غرب": 270, "شمال غرب": 315}


def _destination(lat, lon, km, bearing):
    d, b = km / 6371.0, math.radians(bearing)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), math.degrees(l2)


class FakeGazetteer:
    def __init__(self):
        names = []
        self.by_alias = {}
        for key, row in PLACES.items():
            for alias in row[8]:
                names.append(alias)
                self.by_alias[alias.lower()] = row
        names.sort(key=len, reverse=True)
        self.regex = re.compile(r"(?<!\w)(?:[وبل]|ال)?(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.I)
        dirs = "|".join(sorted(BEARINGS, key=len, reverse=True))
        self.distance = re.compile(rf"(\d+)\s*(?:km|kilometers|كلم|كم)\s+({dirs})(?:\s+of)?\s+(?:مدينة\s+)?$", re.I)
        self.near = re.compile(r"(?:near|outskirts of|vicinity of|قرب|بالقرب من|ضواحي|بضواحي)\s+(?:the\s+)?(?:town of\s+|مدينة\s+)?$", re.I)

    def find(self, text: str) -> list[PlaceMention]:
        out = []
        for m in self.regex.finditer(text):
            row = self.by_alias[m.group(1).lower()]
            pid, name, name_ar, lat, lon, feature, cc, admin1, _ = row
            before = text[max(0, m.start(1) - 40):m.start(1)]
            rel, match, precision = None, "exact", 3 if feature in ("country", "region") else 1
            d = self.distance.search(before)
            n = self.near.search(before)
            if d:
                km, bearing = float(d.group(1)), BEARINGS[d.group(2).lower()]
                plat, plon = _destination(lat, lon, km, bearing)
                rel = RelativeOffset(name, lat, lon, km, bearing, plat, plon, d.group(0) + m.group(1))
                match, precision = "relative", 2
            elif n:
                rel = RelativeOffset(name, lat, lon, None, None, lat, lon, n.group(0) + m.group(1))
                match, precision = "relative", 2
            out.append(PlaceMention(m.start(1), m.end(1), m.group(1), pid, name, name_ar, lat, lon, admin1, feature,
                                    cc, match, 1.0, precision, rel))
        return out


def article(text: str, published: str | None = "2019-05-10", title: str | None = None, id: str = "t1",
            language: str | None = None) -> Article:
    return Article(id=id, text=text, title=title, published=published, language=language)
