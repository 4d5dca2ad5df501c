"""Choosing where an event happened from the gazetteer's place mentions in its sentence.

Not event places: the dateline (handled by the caller), foreign places and countries, the seat of
an actor ("ومقرها طرابلس", "التي تتخذ من العاصمة طرابلس مقرا لها", "Tripoli-based"), and a
place that only describes where another place lies (", about 75 km west of Tripoli",
"صبراتة غربي طرابلس"). Coreference ("نفس المنطقة", "the same area") points back to the previous
event's place; a descriptive clause after it does not move it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from pipeline.records import PlaceMention

# "based in the eastern city of Bayda", "في العاصمة الليبية"
_SEAT_TAIL = (r"\s*(?:في\s+)?(?:the\s+)?(?:العاصمه\s+)?(?:الليبيه\s+)?(?:مدينه\s+)?"
              r"(?:(?:north|south|east|west)(?:ern)?\s+|central\s+|coastal\s+)?(?:capital\s+)?(?:(?:city|town)\s+of\s+)?$")
_SEAT_OF = r"(?:\s+of(?:\s+[a-z]+){1,3}?)?\s+in"  # "the Government of National Accord in"
_SEAT_COUNCIL_GAP = r"(?:\s+[^\s\d.،,]+){0,2}?\s+في"
# Searched only for whether it matches (is_seat): written with every branch opening with a letter (the
# word groups "(?:government|…)\s+in" spelled out one word at a time), which matches the same texts but
# lets a search scan for those letters instead of trying the pattern at every position.
_SEAT_BEFORE = re.compile(
    r"(?:مقره|مقرها|مقرهم|ومقره|ومقرها|مقر\s+(?:حكومه|الحكومه)|تتخذ\s+من|يتخذ\s+من|based\s+in|headquartered\s+in|"
    r"seat\s+in|capital,?|"
    # "the U.N.-backed government in Tripoli", "حكومة الوحدة الوطنية في طرابلس": where it sits
    rf"government{_SEAT_OF}|authorities{_SEAT_OF}|administration{_SEAT_OF}|parliament{_SEAT_OF}|cabinet{_SEAT_OF}|"
    rf"حكومه{_SEAT_COUNCIL_GAP}|الحكومه{_SEAT_COUNCIL_GAP}|البرلمان{_SEAT_COUNCIL_GAP}|المجلس\s+الرئاسي{_SEAT_COUNCIL_GAP})"
    + _SEAT_TAIL
)
_SEAT_AFTER = re.compile(r"^(?:-based|\s+based|\s+مقرا|\s*مقرا)")
_DESCRIPTOR_GAP = re.compile(
    r"^[\s,،()\-]*(?:(?:about|some|roughly|nearly|around|approximately|approx\.?|which\s+(?:is|lies)|located|lying|"
    r"situated|on|the|of|in|نحو|حوالي|حوالى|قرابه|التي|الذي|تبعد|يبعد|تقع|يقع|الواقعه|الواقع|علي\s+بعد|"
    r"\d+(?:[.,]\d+)?|km|kilometers|kilometres|miles|كلم|كم|كيلومترا|كيلومتر|ميلا|"
    r"north\w*|south\w*|east\w*|west\w*|شمال\w*|جنوب\w*|شرق\w*|غرب\w*|مدينه|بلده|منطقه|العاصمه)[\s,،()\-]*)*$"
)
# "نفس المنطقة", "المركز نفسه", "ذات الموقع": the place (or the building) told just before
_SAME_PLACE_NOUNS = "(?:منطقه|مدينه|موقع|مكان|بلده|مركز|مقر|مبني|مخيم|معسكر|حي|سوق|مستشفي|مطار|ميناء|قاعده|طريق|بوابه|مصنع|قريه)"
COREFERENCE = re.compile(
    rf"(?<!\w)(?:[وبل]?نفس\s+(?:ال)?{_SAME_PLACE_NOUNS}|[وبل]?(?:ال)?{_SAME_PLACE_NOUNS}\s+(?:نفسها|نفسه|ذاتها|ذاته)|"
    rf"ذات\s+(?:ال)?{_SAME_PLACE_NOUNS}|the\s+same\s+(?:area|region|location|place|site|town|city|spot|cent(?:re|er)|"
    r"building|camp|compound|base|facility|neighbou?rhood|district|road|checkpoint|market|hospital|airport|port|village)|"
    r"(?:the|that)\s+(?:city|town)(?!\s+of)|"
    # "on the northern outskirts", "في ضواحي المدينة": the edge of the town just named
    r"the\s+(?:(?:northern|southern|eastern|western|north|south|east|west)\s+)?outskirts(?!\s+of))(?!\w)"
)

# Specificity: lower is better. A point projected from a distance is the most precise statement of
# where a strike was; a named town next; "near X" as good as X; districts and regions last.
_FEATURE_RANK = {"city": 1, "town": 1, "village": 1, "site": 1, "suburb": 1, "neighbourhood": 1, "airport": 1,
                 "base": 1, "port": 1, "oilfield": 1, "oasis": 1, "well": 1, "district": 3, "region": 3,
                 "country_part": 3, "terrain": 3, "water": 3, "country": 9}


def specificity(m: PlaceMention) -> int:
    if m.relative is not None and m.relative.distance_km:
        return 0
    if m.geo_precision >= 3:
        return 3
    return _FEATURE_RANK.get(m.feature, 2)


@dataclass
class LocatedMention:
    mention: PlaceMention
    start: int   # folded offsets
    end: int


def is_libyan(m: PlaceMention) -> bool:
    return m.country_code == "LY" and m.feature != "country"


def is_foreign(m: PlaceMention) -> bool:
    return m.country_code not in ("LY", "", None)


_LOCATIVE_BEFORE = re.compile(r"(?:(?<!\w)(?:in|at|near|outside|في|قرب|بالقرب\s+من)\s+(?:the\s+)?(?:\S+\s+){0,2}?|(?<!\w)ب"
                              r"|(?<!\w)(?:[وب]?العاصمه|[وب]?مدينه|[وب]?محافظه|capital|city\s+of|town\s+of)\s+(?:\S+\s+)?)$")


_IN_COUNTRY_BEFORE = re.compile(r"(?<!\w)(?:(?:in|في|داخل)\s+(?:(?:the\s+)?(?:south|north|east|west)\S*\s+)?"
                                r"|(?:جنوب|شمال|شرق|غرب)\S*(?:\s+(?:شرق|غرب)\S*)?\s+)$")


def is_foreign_location(folded: str, lm: LocatedMention) -> bool:
    """A foreign place said to be where something happened ("in Tunis", "في تونس"), not a
    nationality or a government named as an actor ("U.S. officials", "the US")."""
    if not is_foreign(lm.mention):
        return False
    before = folded[max(0, lm.start - 30):lm.start]
    if lm.mention.feature == "country":
        return bool(_IN_COUNTRY_BEFORE.search(before))
    return bool(_LOCATIVE_BEFORE.search(before))


def is_seat(folded: str, lm: LocatedMention) -> bool:
    before = folded[max(0, lm.start - 40):lm.start]
    return bool(_SEAT_BEFORE.search(before) or _SEAT_AFTER.match(folded[lm.end:lm.end + 12]))


def _after_space(folded: str, pos: int) -> bool:
    """Is the character before pos a space? A pattern whose every match ends in a space (and "$")
    can match only there."""
    return pos > 0 and folded[pos - 1].isspace()


def event_places(folded: str, mentions: list[LocatedMention],
                 actor_spans: list[tuple[int, int]] = ()) -> list[LocatedMention]:
    """Libyan places in one sentence that can be where its event happened (text order). A place
    inside an actor's name ("سرايا الدفاع عن بنغازي", "Benghazi Revolutionaries Shura Council") is
    not one."""
    libyan = []
    for lm in mentions:
        if not is_libyan(lm.mention) or is_seat(folded, lm) or named_as_elsewhere(folded, lm):
            continue
        if actor_spans and _actor_place(folded, lm, actor_spans):
            continue
        libyan.append(lm)
    out: list[LocatedMention] = []
    for i, lm in enumerate(libyan):
        prev = libyan[i - 1] if i else None
        if prev is not None and lm.start - prev.end <= 45 and _DESCRIPTOR_GAP.match(folded[prev.end:lm.start]) \
                and specificity(prev.mention) <= 2 and not _DISTANCE_BEFORE.search(folded[max(0, prev.start - 40):prev.start]):
            continue  # "Sabratha, about 75 km west of Tripoli": describes Sabratha
        out.append(lm)
    return out


def _actor_place(folded: str, lm: LocatedMention, actor_spans) -> bool:
    """A place inside an actor's name, naming the home of the fighters named next, or the seat of a
    government named just before it."""
    return any(s <= lm.start and lm.end <= e for s, e in actor_spans) or _names_fighters(folded, lm, actor_spans) \
        or any(0 <= lm.start - e <= 12 and _ACTOR_SEAT_GAP.fullmatch(folded, e, lm.start) and _GOVERNMENT.search(folded, s, e)
               for s, e in actor_spans)


# "sent reinforcements to the area from Ajdabiya", "إرسال تعزيزات إلى المنطقة من اجدابيا": where help
# came from, not where anything happened.
# "a doctor reached by telephone from Benghazi", "في اتصال هاتفي من بنغازي": where a witness spoke from.
_ORIGIN_BEFORE = re.compile(r"(?:تعزيزات|reinforcements|ارسال|ارسل|ارسلت|sent|dispatched|telephone|phone|speaking|"
                            r"هاتفي|هاتفيا|الهاتف)[^.،,;:\n]{0,50}?"
                            r"(?<!\w)(?:من|from)\s+(?:(?:مدينه|the\s+city\s+of|the)\s+)?$")
# "ونزح بسببها آلاف إلى غات", "thousands fled to Tunisia": where people fled to, not where the violence was.
_FLED_TO_BEFORE = re.compile(r"(?<!\w)[وف]?(?:نزح|نزوح|فرار|هرب|لجا|fled|flee|fleeing|displaced|evacuated)\S*"
                             r"[^.،,;:\n]{0,50}?(?<!\w)(?:الي|to|into|towards|نحو)\s+(?:(?:مدينه|the\s+city\s+of|the)\s+)?"
                             r"(?:[^\s.،,;:]+\s*(?:[,،]\s*|and\s+|و\s*))?$")  # "إلى غات وسبها": both


# "militias, most of them from the coastal city of Misrata", "fighters from the mountain town of Zintan",
# "اللواء السابع القادم من مدينة ترهونة": where the fighters come from, not where they fought.
_FIGHTERS_FROM_BEFORE = re.compile(
    r"(?<!\w)(?:fighters|militias|militiamen|militia|gunmen|forces|men|brigades?|groups|them|tribesmen|troops)"
    r"(?:\s+[^\s.,;:]+){0,3}?\s+from\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?(?:(?:city|town|village|region)\s+of\s+)?$"
    r"|(?<!\w)(?:القادم|القادمه|القادمين|القادمون|المنحدر|المنحدره|المنحدرين|ينحدرون|ينحدر|تنحدر)\s+من\s+(?:مدينه\s+|بلده\s+|منطقه\s+)?$"
    # "آمر ميداني من مصراتة", "مسلحون من الزنتان": a commander or fighters from a town
    r"|(?<!\w)[وف]?(?:امر|قائد|مسلح\S*|مقاتل\S*|عناصر|كتائب|ميليشيات|مليشيات)\s+(?:[^\s.،,]+\s+)?من\s+(?:مدينه\s+|بلده\s+)?$")
# (one of these is in every match of _FIGHTERS_FROM_BEFORE)
_FIGHTERS_HINTS = ("fight", "milit", "gunmen", "forces", "men ", "brigade", "groups", "them", "tribes", "troops",
                   "القادم", "المنحدر", "ينحدر", "تنحدر", "امر", "قائد", "مسلح", "مقاتل", "عناصر", "كتائب", "يليشيات")
# "a Zintan commander", "Misrata fighters": a town naming where people are from
_PEOPLE_AFTER = re.compile(r"(?:-(?:led|based|backed|allied|aligned))?\s+(?:commanders?|fighters|militiamen|militias?|gunmen|brigades?|forces|tribesmen|elders|"
                           r"officials?|natives?|residents\s+of)(?!\w)")


def named_as_elsewhere(folded: str, lm: LocatedMention) -> bool:
    """Is the place named as where help came from, a witness spoke from or people fled to? Does _ORIGIN_BEFORE (or _FLED_TO_BEFORE) match just before the place? Every match ends in a space
    after "من"/"from" ("إلى"/"to") and at most three words ("the city of"): the pattern is tried only when
    the words say it can."""
    lo = max(0, lm.start - 70)
    last_words = folded[lo:lm.start].split()[-4:]
    if _after_space(folded, lm.start) and any(w.endswith(("من", "from")) for w in last_words) \
            and (_ORIGIN_BEFORE.search(folded, lo, lm.start)
                 or (any(h in folded[lo:lm.start] for h in _FIGHTERS_HINTS)
                     and _FIGHTERS_FROM_BEFORE.search(folded, lo, lm.start))):
        return True
    if _PEOPLE_AFTER.match(folded, lm.end, lm.end + 20):
        return True
    return any(w in ("الي", "to", "into", "towards", "نحو") for w in last_words) and \
        _FLED_TO_BEFORE.search(folded, lo, lm.start) is not None


def _names_fighters(folded: str, lm: LocatedMention, actor_spans) -> bool:
    """"Tarhuna's Seventh Brigade", "Misrata-based Third Force": a place naming the home of an actor."""
    m = _POSSESSIVE_AFTER.match(folded, lm.end, lm.end + 10)
    return bool(m) and any(s == m.end() for s, _ in actor_spans)


# "حكومة الوفاق في طرابلس", "the government in Tripoli": where an actor sits, not an event place.
_ACTOR_SEAT_GAP = re.compile(r"(?:\s+(?:الوطني|الليبي|الليبيه))?\s*(?:في|in|based\s+in|ب)\s*")
_GOVERNMENT = re.compile(r"حكومه|government|council|المجلس|وزاره|ministry|parliament|البرلمان|مجلس|administration")
_DISTANCE_BEFORE = re.compile(r"(?:\d|km|miles|كلم|كم|كيلومتر)\S*\s+\S*\s*$")


_LOCATIVE = re.compile(
    r"(?:(?<!\w)(?:in|at|on|near|outside|inside|into|around|over|of|across|throughout|في|قرب|بالقرب\s+من|على|علي|"
    r"محيط|ضواحي|داخل|وسط|شمال\w*|جنوب\w*|شرق\w*|غرب\w*|مدينه|بلده|منطقه|قريه|مطار|ميناء|قاعده)"
    r"(?:\s+(?:the|town|city|village|area|of|port|مدينه|بلده|منطقه|حي|ميناء|مطار))*\s+|(?<!\w)[بو]?[بف](?:ال)?)$"
)
_ORIGIN = re.compile(
    r"(?:(?:came|coming|flew|flying|launched|took\s+off|arrived|fled|mostly|mainly|largely|hailing)\s+(?:\w+\s+)?from|"
    r"(?:قدموا|قادمين|قادمه|قادمون|القادم|القادمه|القادمين|انطلقت|انطلقوا|انطلاقا|اقلعت|معظمها|معظمهم|اغلبهم|اغلبها|ينحدرون|فروا|نزحوا)"
    r"\s+(?:\S+\s+)?من(?:\s+جهه)?|(?:group|groups|militia|militias|fighters|forces|brigade|brigades|men|troops|unit)\s+from|"
    r"(?:مجموعه|مجموعات|كتيبه|كتايب|مليشيات|ميليشيات|مسلحون|مسلحين|مقاتلون|مقاتلين)\s+(?:\S+\s+)?من|from|من)"
    r"\s+(?:an?\s+)?(?:the\s+)?(?:\w+\s+)?(?:town\s+of\s+|city\s+of\s+|مدينه\s+)?$"
)
_STRONG_ORIGIN = re.compile(r"(?:came|coming|flew|flying|launched|took\s+off|arrived|mostly|mainly|largely|hailing|"
                            r"القادم|القادمه|القادمين|"
                            r"(?:group|groups|militia|militias|fighters|forces|brigade|brigades|men|troops|unit)\s+from|"
                            r"قدموا|قادمين|قادمه|قادمون|انطلقت|انطلقوا|انطلاقا|اقلعت|معظمها|معظمهم|اغلبهم|اغلبها|ينحدرون|"
                            r"(?:مجموعه|مجموعات|كتيبه|كتايب|مليشيات|ميليشيات|مسلحون|مسلحين|مقاتلون|مقاتلين)\s+(?:\S+\s+)?من)")


# "officials in eastern Libya said", "مصادر في بنغازي": where the people speaking are, not the event.
_SPEAKERS_IN = re.compile(r"(?<!\w)(?:officials?|sources?|spokes\w+|authorities|residents|witnesses|journalists|"
                          r"مسوول\w*|مصادر|مصدر|متحدث\w*|شهود|سكان)\s+(?:\S+\s+)?(?:in|from|في|ب|من)\s+(?:the\s+)?$")
_SPEAKERS_PREPOSITIONS = frozenset({"in", "from", "في", "ب", "من"})
# "Tarhuna's Seventh Brigade": the home of the fighters named next.
_POSSESSIVE_AFTER = re.compile(r"'s?\s+|-based\s+")


def place_rank(folded: str, lm: LocatedMention) -> int:
    """0: said to be where something happened (in/at/near/قرب/في…), 1: plain, 2: where someone came from
    or where the people telling it are."""
    if _came_from(folded, lm):
        return 2
    return _locative_rank(folded, lm)


def _came_from(folded: str, lm: LocatedMention) -> bool:
    """Where someone came from or where the people telling it are (place_rank 2)."""
    if not _after_space(folded, lm.start):
        return False  # both patterns end in a space before the name
    before = folded[max(0, lm.start - 35):lm.start]
    if "من" in before or "from" in before:  # in every _ORIGIN match
        origin = _ORIGIN.search(before)
        if origin and _STRONG_ORIGIN.search(origin.group(0)):
            return True
    # every _SPEAKERS_IN match ends in a whole word "in"/"في"/… and at most "the" after it
    return any(w in _SPEAKERS_PREPOSITIONS for w in before.split()[-2:]) and bool(_SPEAKERS_IN.search(before))


def _locative_rank(folded: str, lm: LocatedMention) -> int:
    """place_rank of a place not _came_from: 0 said to be where something happened, else 1."""
    if lm.mention.relative is not None or _LOCATIVE.search(folded[max(0, lm.start - 35):lm.start]):
        return 0
    return 1


def choose_place(candidates: list[LocatedMention], anchor: int | None = None, folded: str = "",
                 triggers: list[tuple[int, int]] = ()) -> LocatedMention | None:
    """The best candidate: never a place someone came from; then the most specific; then one named
    after a trigger word (news writes "a strike near X"; places before it are often the source:
    "officials in X said"); then one said to be where something happened (in/near/قرب/في); then the
    nearest to the trigger before it."""
    if folded:
        candidates = [lm for lm in candidates if not _came_from(folded, lm)]  # not where it happened
    if not candidates:
        return None
    ends = sorted(e for _, e in triggers)
    keyed = []
    for lm in candidates:
        k = bisect_right(ends, lm.start)  # triggers ending at or before the place
        if k:
            after_trigger, distance = 0, lm.start - ends[k - 1]
        else:  # all named before the trigger: the first named ("X, Y and Z were hit")
            after_trigger, distance = (1 if ends else 0), lm.start
        keyed.append(((specificity(lm.mention), after_trigger), distance, lm))
    best = min(key for key, _, _ in keyed)
    tied = [(distance, lm) for key, distance, lm in keyed if key == best]
    if len(tied) == 1:
        return tied[0][1]
    # the locative test only among the best so far (the first of equals wins, as in one sort)
    return min(tied, key=lambda item: (_locative_rank(folded, item[1]) if folded else 1, item[0]))[1]


# "the Libyan capital", "بالعاصمة": Tripoli, unless the name follows ("العاصمة طرابلس" is found by the gazetteer).
CAPITAL = re.compile(
    r"(?<!\w)(?:(?:the\s+)?libyan\s+capital|libya's\s+capital|the\s+capital(?!\s+of)|(?:[وفبل]|في\s+|من\s+)?(?:ب|لل)?(?:ال)?عاصمه"
    r"(?:\s+الليبيه)?)(?!\w)"
)
_OTHER_NATION = re.compile(r"\s+(?!الليبيه)ال\w+يه(?!\w)")
TRIPOLI = PlaceMention(0, 0, "Tripoli", "geonames:2210247", "Tripoli", "طرابلس", 32.88743, 13.18733, "Tripoli",
                       "city", "LY", "exact", 0.9, 1)


_SEAT_WORD_AFTER = re.compile(r"\s*مقرا")


def capital_mentions(folded: str, start: int, end: int, mentions: list[LocatedMention]) -> list[LocatedMention]:
    """'The capital' named without its name, as a Tripoli mention (the article's own Tripoli when it has one)."""
    out = []
    if folded.find("عاصمه", start, end) < 0 and folded.find("capital", start, end) < 0:
        return out  # every CAPITAL match holds one of these words
    for m in CAPITAL.finditer(folded, start, end):
        if any(0 <= lm.start - m.end() <= 3 for lm in mentions):
            continue  # "العاصمة طرابلس": the name itself is a mention
        if _OTHER_NATION.match(folded, m.end()):
            continue  # "العاصمة الفرنسية": another country's capital
        if _SEAT_BEFORE.search(folded[max(0, m.start() - 30):m.start()] + " ") or _SEAT_WORD_AFTER.match(folded[m.end():m.end() + 8]):
            continue
        tripoli = next((lm.mention for lm in mentions if lm.mention.name == "Tripoli" and lm.mention.country_code == "LY"
                        and lm.mention.relative is None), TRIPOLI)
        out.append(LocatedMention(tripoli, m.start(), m.end()))
    return out


def find_coreference(folded: str, start: int, end: int,
                     words: tuple[str, ...] | None = None) -> re.Match | None:
    """`words`: those of COREFERENCE_WORDS the text holds, when the caller knows them."""
    if not any(folded.find(w, start, end) >= 0 for w in (COREFERENCE_WORDS if words is None else words)):
        return None
    return COREFERENCE.search(folded, start, end)


COREFERENCE_WORDS = ("نفس", "ذات", "same", "city", "town", "outskirts")  # one is in every COREFERENCE match

# "أعيان المدينة", "وسط المدينة": the city (not Medina, a sports city or a campus). Weaker than the
# coreference above (Arabic says "the city" of any city the sentence has in mind): used only when no
# event was placed before, for the town the story is about.
TOWN_WORD = re.compile(r"(?<![^\sوبل])(?:ال|لل)مدينه(?!\s+(?:المنوره|الرياضيه|الجامعيه))(?!\w)")


def names_the_town(folded: str, start: int, end: int) -> bool:
    return folded.find("مدينه", start, end) >= 0 and TOWN_WORD.search(folded, start, end) is not None  # one is in every COREFERENCE match


# Definite nouns that point back to places already named, when the sentence names no place of its own
# ("استولت على الميناءين", "the two ports", "المطار", "the base").
_WEAK_NOUNS_AR = "(?:ميناء|ميناءين|ميناءان|مواني|ميناين|مدينتين|قاعده|مطار|منطقه|معسكر|بلده)"
# rf"(?<!\w)(?:[وبل]?ال{_WEAK_NOUNS_AR}|the\s+…)(?!\w)" with the look-behind after each branch's first letter:
# the same matches, but every branch opens with a letter, so a search scans for those letters instead
# of trying the pattern at every position of the sentence.
WEAK_COREFERENCE = re.compile(
    rf"(?:و(?<!\wو)ال{_WEAK_NOUNS_AR}|ب(?<!\wب)ال{_WEAK_NOUNS_AR}|ل(?<!\wل)ال{_WEAK_NOUNS_AR}|ا(?<!\wا)ل{_WEAK_NOUNS_AR}|"
    r"t(?<!\wt)he\s+(?:two\s+|oil\s+)?(?:ports|terminals|base|airport|area|compound|camp))(?!\w)"
)


def find_weak_coreference(folded: str, start: int, end: int) -> re.Match | None:
    return WEAK_COREFERENCE.search(folded, start, end)
