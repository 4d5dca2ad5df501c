"""Relative place phrases: "160 km southeast of Sirte", "نحو 240 كم جنوب شرق مدينة سرت",
"27 miles southwest of Sirte", "near Ubari", "on the outskirts of Sabratha", "بضواحي أوباري".

Each phrase is read from the (folded) text just before a place mention, with regexes anchored at
the mention, so the cost is one short regex search per mention, not per place. The event point is
projected from the anchor along the WGS-84 geodesic (geographiclib, as geopy's geodesic does); the
offset is kept on the record.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

# geopy's geodesic().destination() is exactly this Direct call on WGS-84 (km); calling geographiclib
# (geopy's own dependency) directly skips importing geopy's geocoders and requests at start-up.
from geographiclib.geodesic import Geodesic

from gazetteer.matcher import fold_key
from gazetteer.places import relative_words

BEARING_DEG = {"N": 0.0, "NNE": 22.5, "NE": 45.0, "ENE": 67.5, "E": 90.0, "ESE": 112.5, "SE": 135.0,
               "SSE": 157.5, "S": 180.0, "SSW": 202.5, "SW": 225.0, "WSW": 247.5, "W": 270.0,
               "WNW": 292.5, "NW": 315.0, "NNW": 337.5}
MILE_KM = 1.609344
WINDOW = 80  # folded characters before the mention that can hold the phrase


class RelativePhrase(NamedTuple):  # a named tuple: made per phrase found, much cheaper than a frozen dataclass
    start: int                   # folded offset where the phrase begins
    distance_km: float | None
    bearing: str | None          # 'SE', …; None for "near"
    kind: str                    # offset | direction | distance | near


def _alt(words) -> str:
    forms = sorted({fold_key(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms if f)


def _last_words(words) -> list[str]:
    """The last word of each (folded) phrase."""
    return [fold_key(w).split()[-1] for w in words if fold_key(w)]


# Besides a-z and A-Z, the only characters an IGNORECASE pattern matches to ASCII letters (re docs).
# Folded text is lower-case ASCII, so without these the prefilters can compare literally.
_CASE_TWINS = re.compile("[A-Z\u0130\u0131\u017f\u212a]")


class _FirstOf(NamedTuple):
    """A core that occurs where either of two patterns does (search: the first one's match, else
    the second one's; only whether there is one counts)."""

    first: re.Pattern
    second: re.Pattern

    def search(self, window: str) -> re.Match | None:
        return self.first.search(window) or self.second.search(window)


@dataclass(frozen=True)
class _Prefilter:
    """Cheap necessary conditions for the phrase patterns, checked before their (slow) searches.

    Every pattern is anchored at the name (`\\s+$`), so it ends with one of a few known words:
    `endings_by_tail` gives each such word with the patterns that can end with it, looked up on the
    end of the text before the name. And every pattern contains a literal core (a number and its unit, a
    compass word then "of", a "near" word): `cores` are plain alternations that the regex engine
    skips through quickly, unlike the patterns, which begin with a lookbehind. A match implies
    both, so skipping a pattern that fails them changes no result."""

    cores: dict[str, tuple[re.Pattern | _FirstOf, ...]]  # pattern name -> what must occur in the window
    # the last two letters of an ending word (all have 2+; most words before a name end otherwise)
    # -> (ending word, the patterns that can end with it, in _ORDER) for the ending words with them
    endings_by_tail: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]

    def candidates(self, last: str) -> tuple[str, ...]:
        """Patterns that can end with `last` (the text after the last space, without trailing
        spaces), in _ORDER."""
        endings = self.endings_by_tail.get(last[-2:])
        if endings is None:
            return ()
        found = [names for word, names in endings if last.endswith(word)]
        if len(found) <= 1:
            return found[0] if found else ()
        return tuple(n for n in _ORDER if any(n in names for names in found))

    def cores_found(self, name: str, window: str, memo: dict) -> bool:
        """Does the window hold every core of pattern `name`? memo: id(core) -> found, per window
        (keyed by id: hashing a compiled pattern hashes its whole code each time)."""
        for core in self.cores[name]:
            found = memo.get(id(core))
            if found is None:
                found = memo[id(core)] = core.search(window) is not None
            if not found:
                return False
        return True


def _any_of(fragments, tail: str = "") -> re.Pattern:
    return re.compile("(?:" + "|".join(sorted(set(fragments), key=len, reverse=True)) + ")" + tail)


def _trie(words, space: str = r"\s+") -> str:
    """A regex matching exactly the given folded words (a space matching `space`: \\s+ as in _alt),
    with shared beginnings factored out: the engine then tries one branch per position, not every word."""
    root: dict = {}
    for word in {fold_key(w) for w in words}:
        if word:
            node = root
            for ch in word:
                node = node.setdefault(ch, {})
            node[""] = {}

    def emit(node: dict) -> str:
        branches = [(space if ch == " " else re.escape(ch)) + emit(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 else branches[0]
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@lru_cache(maxsize=1)
def _case_sensitive_patterns() -> dict[str, re.Pattern]:
    """_patterns() without IGNORECASE, about a third cheaper to search. Folded text is lower case and
    the pattern letters are lower-case ASCII or Arabic, so on a window without case twins
    (_CASE_TWINS) both versions match the same text at the same place, with the same groups."""
    return {name: re.compile(p.pattern, p.flags & ~re.IGNORECASE) if p.flags & re.IGNORECASE else p
            for name, p in _patterns()[0].items()}


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, re.Pattern], _Prefilter]:
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
    # Each pattern begins with "\W" and is searched on " " + window (_search): a match begins right
    # after a non-word character, as "(?<!\w)" would say, but the engine, which tries "(?<!\w)" at
    # every position, finds the non-word characters by a quick character-class scan instead.
    # The phrase then begins at m.start() + 1 in the padded window, which is m.start() in the window.
    patterns = {
        "en_offset": re.compile(rf"\W{num}\s*{unit}\.?{paren}\s+(?:to\s+the\s+)?{bear_en}{of_en}", flags),
        "en_distance": re.compile(rf"\W{num}\s*{unit}\.?{paren}\s+(?:away\s+)?(?:from|outside(?:\s+of)?)\s+(?:the\s+)?(?:(?:{nouns_en})\s+of\s+)?$", flags),
        "en_direction": re.compile(rf"\W(?:(?:just|to\s+the)\s+)?{bear_en}{of_en}", flags),
        "en_near": re.compile(rf"\W(?:{near_en})\s+(?:the\s+)?(?:(?:{nouns_en})\s+(?:of\s+)?)?$", flags),
        "ar_offset": re.compile(rf"\W{num}\s*{unit}\s+(?:(?:الي|في|باتجاه)\s+)?{bear_ar}{of_ar}"),
        "ar_distance": re.compile(rf"\W{num}\s*{unit}\s+(?:من|عن)\s+(?:(?:[لب]|ال)?(?:{nouns_ar})\s+)?$"),
        "ar_direction": re.compile(rf"\W[وفبل]?{bear_ar}{of_ar}"),
        "ar_near": re.compile(rf"\W[وفبلك]?(?:{near_ar})\s+(?:(?:[لب]|ال)?(?:{nouns_ar})\s+)?$"),
    }
    # Prefilters (keep in step with the patterns above when editing one): the words each pattern
    # can end with, and the literal cores each match contains.
    nouns_en_last, nouns_ar_last = _last_words(data["place_nouns"]["en"]), _last_words(data["place_nouns"]["ar"])
    ar_bearing_last = [w + suffix for w in ar_words.values() for suffix in ("", "ي")]  # (?:ال)?w(?:ي)?
    endings = {
        "en_offset": ["of", "the"],
        "en_distance": ["from", "outside", "of", "the"],
        "en_direction": ["of", "the"],
        "en_near": [*_last_words(data["near"]["en"]), "the", *nouns_en_last, "of"],
        "ar_offset": [*ar_bearing_last, "من", "عن", *nouns_ar_last],
        "ar_distance": ["من", "عن", *nouns_ar_last],
        "ar_direction": [*ar_bearing_last, "من", "عن", *nouns_ar_last],
        "ar_near": [*_last_words(data["near"]["ar"]), *nouns_ar_last],
    }
    by_word: dict[str, set[str]] = {}
    for name, words in endings.items():
        for w in words:
            by_word.setdefault(w, set()).add(name)
    units = _trie([*data["units"]["km"], *data["units"]["mile"]])
    unit = re.compile(units)  # cheaper than number_unit, which it is implied by: checked first
    # {num}\s*{unit}, as two searches: each pattern then begins with a character set (a digit; the
    # first letters of the number words), which the engine scans for quickly, where one pattern
    # "(?:\d|words)…" is tried branch by branch at every position of the window
    number_unit = _FirstOf(re.compile(rf"\d\s*(?:{units})"), re.compile(rf"(?:{_trie(numbers)})\s*(?:{units})"))
    from_outside = re.compile(r"(?:from|outside)\s")  # en_distance: (?:from|outside(?:\s+of)?)\s+
    bearing_of_en = _any_of(map(re.escape, singles_en.values()), r"\s+of\s")  # …west{of_en}
    bearing_ar = _any_of(map(re.escape, ar_words.values()))
    near_en_core, near_ar_core = _any_of([_trie(data["near"]["en"])], r"\s"), _any_of([_trie(data["near"]["ar"])], r"\s")
    cores = {"en_offset": (bearing_of_en, unit, number_unit), "en_distance": (from_outside, unit, number_unit),
             "en_direction": (bearing_of_en,), "en_near": (near_en_core,),
             "ar_offset": (bearing_ar, unit, number_unit), "ar_distance": (unit, number_unit),
             "ar_direction": (bearing_ar,), "ar_near": (near_ar_core,)}
    assert min(map(len, by_word)) >= 2
    endings_by_tail: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for w, names in by_word.items():
        endings_by_tail.setdefault(w[-2:], []).append((w, tuple(n for n in _ORDER if n in names)))
    prefilter = _Prefilter(cores, {tail: tuple(found) for tail, found in endings_by_tail.items()})
    return patterns, prefilter


@lru_cache(maxsize=1)
def _number_words() -> dict[str, int]:
    return {fold_key(k): v for k, v in relative_words()["numbers"].items()}


def _number(text: str) -> float:
    if text.isdigit() and text.isascii():  # the usual '45': no number word is all digits
        return float(text)
    folded = fold_key(text)
    numbers = _number_words()
    if folded in numbers:
        return float(numbers[folded])
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


@lru_cache(maxsize=1)
def _bearing_groups() -> dict[str, tuple[tuple[int, str], ...]]:
    """Per pattern: (index in m.groups(), bearing code) of its bearing groups, in group order."""
    return {name: tuple((index - 1, group[3:]) for group, index in sorted(p.groupindex.items(), key=lambda g: g[1])
                        if group[:3] in ("en_", "ar_"))
            for name, p in _patterns()[0].items()}


def _bearing(m: re.Match, name: str) -> str | None:
    """The bearing of a match of pattern `name`: the first bearing group that matched text."""
    groups = m.groups()
    for index, code in _bearing_groups()[name]:
        if groups[index]:
            return code
    return None


@lru_cache(maxsize=1)
def _triggers() -> re.Pattern:
    """Words one of which must stand near the end of any relative phrase (a cheap pre-check),
    as one alternation: a substring test for all of them in one regex search."""
    data = relative_words()
    words = {fold_key(w) for table in ("bearings_en", "bearings_ar") for ws in data[table].values() for w in ws}
    words |= {fold_key(w).split()[0] for w in data["near"]["en"] + data["near"]["ar"]}
    words |= {"from", "outside", "من", "عن"}
    return re.compile(_trie(words, space=" "))


TAIL = 32  # the trigger word lies within this many characters of the name
_ORDER = tuple(f"{script}_{kind}" for kind in ("offset", "distance", "direction", "near") for script in ("ar", "en"))


def find_relative(folded: str, word_start: int) -> RelativePhrase | None:
    """The relative phrase ending right before the word at folded offset word_start, if any."""
    return PhraseReader(folded).before(word_start)


class PhraseReader:
    """find_relative for the names of one folded text: one reader per text, asked once per name.
    (Whether the text holds a case twin is still checked per window: a search of the whole text
    costs more than the few short searches of the windows that get that far.)"""

    __slots__ = ("folded", "patterns", "prefilter")

    def __init__(self, folded: str):
        self.folded = folded
        self.patterns, self.prefilter = _patterns()

    def before(self, word_start: int) -> RelativePhrase | None:
        """The relative phrase ending right before the word at folded offset word_start, if any."""
        folded = self.folded
        lo = max(0, word_start - WINDOW)
        if word_start <= lo or folded[word_start - 1] != " ":
            return None  # the window folded[lo:word_start] must end with a space
        # The last word of the window, without slicing the window: most names follow a word no
        # pattern ends with ('in', 'and', a comma) and are settled here.
        end = word_start - 1
        while end > lo and folded[end - 1].isspace():
            end -= 1
        last = folded[max(lo, folded.rfind(" ", lo, end) + 1):end]
        if _CASE_TWINS.search(last):  # rare: every pattern searches, as the prefilters can't judge
            return _search(folded[lo:word_start], lo, self.patterns, _ORDER)
        names = self.prefilter.candidates(last)
        if not names:
            return None
        window = folded[lo:word_start]
        if _CASE_TWINS.search(window):
            return _search(window, lo, self.patterns, names)
        # The trigger test first (one search of the window's tail, failing for most windows), then
        # each pattern's cores only when the patterns before it did not match: the first pattern whose
        # cores are found and which matches is the one a search of every candidate would return.
        if _triggers().search(window, max(0, len(window) - TAIL)) is None:
            return None
        return _search(window, lo, _case_sensitive_patterns(), names, self.prefilter)


def _search(window: str, lo: int, patterns: dict[str, re.Pattern], names,
            prefilter: _Prefilter | None = None) -> RelativePhrase | None:
    """The first of the patterns `names` (in _ORDER) that matches the window. With a prefilter, the
    caller found a trigger word already, and a pattern is searched only where its cores are found."""
    if prefilter is None and (not names or _triggers().search(window, max(0, len(window) - TAIL)) is None):
        return None
    padded = " " + window  # see _patterns: the patterns begin with a non-word character
    memo: dict = {}
    for name in names:
        if prefilter is not None and not prefilter.cores_found(name, window, memo):
            continue
        m = patterns[name].search(padded)
        if not m:
            continue
        kind = name[3:]
        distance = None
        if kind in ("offset", "distance"):
            distance = _number(m.group("num"))
            if m.group("mile"):
                distance *= MILE_KM
        bearing = _bearing(m, name) if kind in ("offset", "direction") else None
        return RelativePhrase(lo + m.start(), distance, bearing, kind)
    return None


@lru_cache(maxsize=4096)
def project(lat: float, lon: float, distance_km: float | None, bearing: str | None) -> tuple[float, float]:
    """The point distance_km along bearing from (lat, lon) (geodesic); the anchor itself otherwise."""
    if not distance_km or bearing is None:
        return lat, lon
    # = _WGS84.Direct(lat, lon, azimuth, distance_km, _LAT_LON), which builds this same line and
    # reads one position off it: the line is the costly part and depends on the anchor and bearing only
    dest = _geodesic_line(float(lat), float(lon), BEARING_DEG[bearing]).Position(float(distance_km), _LAT_LON)
    return round(dest["lat2"], 5), round(dest["lon2"], 5)


@lru_cache(maxsize=4096)
def _geodesic_line(lat: float, lon: float, azimuth: float):
    return _WGS84.Line(lat, lon, azimuth, _LAT_LON | Geodesic.DISTANCE_IN)


_WGS84 = Geodesic(6378.137, 1 / 298.257223563)  # geopy's 'WGS-84' ellipsoid, in km
_LAT_LON = Geodesic.LATITUDE | Geodesic.LONGITUDE
