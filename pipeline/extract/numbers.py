"""Death tolls: how many were killed, read from folded text (never the wounded).

Reads digits and number words in both languages ("killed 11", "مقتل 17 مسلحا", "40 قتيلا",
"مقتل فردين", "killing two militants", "at least 46" -> 46, "killed an Iraqi" -> 1) and vague
words with ACLED's conventions (pipeline/data/numbers.toml). A figure for "dead and wounded"
together ("العشرات من القتلى والجرحى") is no count of the dead and gives nothing.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.lexicon import Dictionary, Scan, load, WORD_CHAR
from pipeline.extract.text import fold_key


@dataclass(slots=True)
class Toll:  # (a plain slots dataclass: built for every figure, never hashed or changed)
    value: int | None        # None: deaths said but not counted ("a number of", dead+wounded together)
    vague: bool              # from a vague word (dozens, العشرات), used only when no exact figure exists
    start: int
    end: int
    series: tuple[int, ...] = ()  # "killing 8, 11 and 17": one figure per event of a listed series
    update: bool = False     # "the toll rose to 15": a revised figure for an event already told


def _alt(entries) -> str:
    keys = sorted({fold_key(e) for e in entries if e}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in k.split()) for k in keys)


@lru_cache(maxsize=None)
def _lexicon():
    data = load("numbers")
    W = WORD_CHAR
    units = {fold_key(k): v for k, v in data["units"].items()}
    vague = {fold_key(k): v for k, v in data["vague"].items() if k != "modifiers"}
    modifiers = data["vague"].get("modifiers", [])
    word = _alt(units)
    number = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{word})(?:(?:\s*-\s*|\s+و\s*|\s+and\s+|\s+|\s*و)(?:{word}))*)"
    mod = rf"(?:(?:{_alt(modifiers)})\s+)?"
    vague_re = _alt(vague)
    duals = _alt(data["duals"]["words"])
    wounded = _alt(data["killed"]["wounded"])
    units_after = _alt(data["killed"]["non_person_units"])
    count = rf"(?:(?P<num>{number})|(?P<vague>{vague_re})|(?P<dual>{duals}))"
    return {
        "units": units,
        "vague": vague,
        "after_cue": Dictionary({c: True for c in data["killed"]["after"]}),
        "before_cue": Dictionary({c: True for c in data["killed"]["before"]}),
        # "سقوط قتيلين", "عثر على جثتي الناشطين" (the bodies of the two activists)
        "dual_kill_words": Dictionary({"قتيلين": True, "قتيلان": True, "جثتين": True, "جثتان": True, "جثتي": True}),
        "after_list": re.compile(rf"[\s\"'«»:،,]*(?:(?:من|ل|of|to)\s+)?(?P<list>(?:\d+|{word})(?:\s*(?:,|،|and|و)\s*(?:and\s+|و\s*)?(?:\d+|{word}))+)(?!{W})"),
        # "killed the ambassador and three other Americans", "مقتل قائد واثنين آخرين": the named one + N
        # (the look-behind "(?<!\w)" after each opening word's first letter: the same matches, found by a scan
        # for those letters instead of a match attempt at every position)
        "and_others": re.compile(rf"(?:و(?<!{W}و)\s*|a(?<!{W}a)nd\s+|a(?<!{W}a)long\s+with\s+|t(?<!{W}t)ogether\s+with\s+)(?P<num>{number})\s+(?:[^\s.،,]+\s+){{0,2}}?(?:اخرين|اخريات|اخري|other|others)(?!{W})"),
        # "وقُتل معه اثنان من حراسه", "killed along with two of his guards": the named one + N
        "with_him": re.compile(rf"(?<!{W})(?:[وف]?(?:قتل|قتلت)\s+(?:معه|معها)\s+|(?:killed|died)\s+(?:along\s+)?with\s+)"
                               # (one word or figure: parse_number reads it; the full number pattern is long to compile)
                               rf"(?P<num>\d+|[^\s\d.،,]+)\s+(?:من|of)\s+(?:his|her|its|\S+(?:ه|ها))(?!{W})"),
        "toll_rose": re.compile(
            rf"(?:(?:ارتفاع|ارتفع|ارتفعت|وصل|وصلت|بلغ|بلغت)\s+(?:عدد|حصيله)\s+(?:ال)?قتلي[^.\n]{{0,160}}?\s(?:الي|ل)\s*|"
            rf"(?:حصيله|عدد)\s+(?:ال)?(?:قتلي|ضحايا|الضحايا|الوفيات)(?:\s+[^\s.،]+){{0,4}}?\s+(?:ارتفعت|ارتفع|وصلت|وصل|بلغت|بلغ)\s+(?:الي|ل)\s*|"
            rf"(?<!\w)قبل\s+ان\s+(?:ترتفع|يرتفع)\s+(?:\S+\s+){{0,2}}?(?:الي|ل)\s*|"
            # "رفعت مصادر محلية الحصيلة صباح اليوم إلى ثمانية", "medics raised the death toll to 9"
            rf"(?<!\w)[وف]?(?:رفعت|رفع|رفعوا)\s+(?:[^\s.،]+\s+){{0,3}}?(?:ال)?حصيله(?:\s+[^\s.،]+){{0,3}}?\s+(?:الي|ل)\s*|"
            rf"(?<!\w)raised\s+the\s+(?:death\s+)?toll(?:\s+[^\s.,]+){{0,3}}?\s+to\s+|"
            rf"(?:death\s+toll|toll|number\s+of\s+(?:the\s+)?dead)[^.\n]{{0,120}}?\s(?:rose|risen|climbed|increased|reached|jumped|grew|grown)\s+to\s+)"
            rf"{mod}(?P<num>{number})(?!{W})"),
        # "killing a family of four", "مقتل أسرة من خمسة أفراد": the members are the count
        "after_count": re.compile(rf"[\s\"'«»:،,]*(?:(?:من|ل|of|to)\s+)?"
                                  rf"(?:(?:an?\s+|the\s+|his\s+|their\s+)?family\s+of\s+|(?:[وب]?ال)?(?:اسره|عائله|عايله)\s+(?:مكونه\s+)?من\s+)?"
                                  rf"{mod}{count}(?!{W})"),
        "before_count": re.compile(rf"(?<!{W}){mod}{count}(?P<tail>(?:\s+[^\s]+){{0,3}}?)\s+(?:(?:were|have\s+been|had\s+been|was|are|من)\s+)?$"),
        "indefinite": re.compile(r"\s+an?\s+(?!number|total|estimated|few|dozen|unknown|handful|unspecified|further|additional)[a-z\d]"),
        "wounded_next": re.compile(rf"\s*(?:و\s*|and\s+|or\s+|/\s*)(?:ال)?(?:{wounded})(?!{W})"),
        "unit_next": re.compile(rf"\s*(?:{units_after})(?!{W})"),
        "number_word": re.compile(rf"{word}"),
        "none": re.compile(rf"(?<!{W})(?:" + "|".join(f"(?:{r})" for r in data["killed"]["none"]) + ")")
                if data["killed"].get("none") else None,
        # "وقتل في الهجوم اثنان": a short prepositional phrase between the verb and its count
        # or its plural subject ("قتل مسلحون جنديين")
        # or a preposition with its pronoun ("وقتل فيها خمسة", "قتل خلاله ثلاثة")
        "after_pp": re.compile(r"\s+(?:(?:في|خلال|جراء|اثر|اثناء|بسبب)\s+[^\s\d.،,]+|(?:في|خلال|جراء|اثر|اثناء|بسبب)(?:ها|ه|هم)"
                               r"|[\u0621-\u064a]{3,}ون(?:\s+[\u0621-\u064a]{3,}ون)?)(?=\s)"),  # "مسلحون (مجهولون)"
    }


def parse_number(text: str) -> int | None:
    """'46' -> 46, 'خمسة وعشرين' -> 25, 'twenty-five' -> 25, 'three hundred' -> 300."""
    lex = _lexicon()
    text = fold_key(text).replace(",", "")
    if text.isdigit():
        return int(text)
    total, last = 0, 0
    for m in lex["number_word"].finditer(text):
        v = lex["units"].get(" ".join(m.group(0).split()))
        if v is None:
            continue
        if v == 100 and 0 < last < 10:
            total += last * 99
        else:
            total += v
        last = v
    return total or None


def _value(m: re.Match) -> tuple[int | None, bool] | None:
    lex = _lexicon()
    if m.group("dual"):
        return 2, False
    if m.group("vague"):
        v = lex["vague"].get(" ".join(m.group("vague").split()))
        return (None if v is None or v < 0 else v), True
    n = parse_number(m.group("num"))
    if n is None or 1900 <= n <= 2100:
        return None
    return n, False


def _word_starts(text: str, start: int, end: int) -> list[int]:
    """Starts of the words in text[start:end], left to right."""
    out = [] if start > 0 and not text[start - 1].isspace() else [start]
    i = text.find(" ", start, end)
    while i >= 0:
        out.append(i + 1)
        i = text.find(" ", i + 1, end)
    return out


def dictionaries() -> tuple[Dictionary, ...]:
    """The word lists matched here (for one combined Scan of an article)."""
    lex = _lexicon()
    return lex["after_cue"], lex["before_cue"], lex["dual_kill_words"]


_CIVILIAN_NEXT = re.compile(r"\s*(?:من\s+)?(?:بين\s+)?(?:ال)?مدني|\s*(?:among\s+)?civilian")
_KILL_VERBS_AR = frozenset({"قتل", "قتلت", "يقتل", "تقتل"})
_SUBJECT_AR = re.compile(r"\s+(?!(?:في|من|علي|الي|عن)\s)[\u0621-\u064a]{3,}(?=\s)")
# Every "toll rose to" phrase holds one of these verbs (a cheap test before the regex).
_ROSE_HINTS = ("ارتف", "وصل", "بلغ", "ترتفع", "يرتفع", "رفع", "raised", "rose", "risen", "climbed", "increased", "reached", "jumped", "grew", "grown")
# Every "nobody died" phrase in numbers.toml holds one of these (a cheap test before the regex, which
# is tried at every position). "لم " alone is in most Arabic stories ("ولم يصدر اي تعليق"): there
# the phrase's verbs are looked for too.
_NONE_HINTS = ("no one", "nobody", "no casualt", "no fatal", "no death", "no injur", "without", "دون", "لا توجد", "لا يوجد")
_NONE_LAM_VERBS = tuple(f"لم {verb}" for verb in ("ترد", "يرد", "تسجل", "يسجل", "تقع", "يقع", "تسفر", "يسفر", "يسقط", "تسقط"))
_LIST_SEP = re.compile(r"\s*(?:,|،|\band\b)\s*|\s+و\s*|(?<=\d)\s*و")
_DIGIT_NEXT = re.compile(r"\s*(?:\S+\s+)?\d")
_DEAD_AND_WOUNDED_AR = re.compile(r"\s*(?:من\s+)?(?:ال)?(?:قتلي|القتلي)\s*و\s*(?:ال)?جرحي")
_DEAD_AND_WOUNDED_EN = re.compile(r"\s*(?:dead|killed)\s+(?:and|or)\s+(?:wounded|injured)")
# Every "and N others" match ends in one of these (a cheap test before the regex, which is tried at
# every "و" of an Arabic text otherwise).
_OTHERS_HINTS = ("اخر", "other")
_WITH_HIM_HINTS = ("معه", "معها", " with ")
_COUNT_BEFORE = re.compile(r"\d|" + "|".join(["العشرات", "عشرات", "dozens"]))
_DIGIT_OR_PUNCT = re.compile(r"\d|[،,.;:]")


def find_tolls(folded: str, start: int = 0, end: int | None = None, scan: Scan | None = None,
               date_spans: list[tuple[int, int]] = ()) -> list[Toll]:
    """Every killed-count in folded[start:end], in text order. A number inside one of `date_spans`
    (the day of "a strike on Sept. 24 killed 11") is part of a date, never a toll."""
    lex = _lexicon()
    end = len(folded) if end is None else end
    out: list[Toll] = []
    date_starts = [s for s, _ in date_spans]

    def in_date(m: re.Match) -> bool:
        if not date_spans or m.group("num") is None:
            return False
        ns = m.start("num")
        k = bisect_right(date_starts, ns) - 1
        return k >= 0 and date_spans[k][1] > ns

    after_cues = lex["after_cue"].find(folded, start, end, scan)
    before_cues = lex["before_cue"].find(folded, start, end, scan)
    for cue_start, cue_end, _ in after_cues:
        if lex["wounded_next"].match(folded, cue_end, end):
            out.append(Toll(None, False, cue_start, cue_end))
            continue
        lm = lex["after_list"].match(folded, cue_end, min(end, cue_end + 60))
        if lm:
            parts = _LIST_SEP.split(lm.group("list"))
            series = tuple(v for v in (parse_number(p) for p in parts if p.strip()) if v is not None)
            compound = (len(series) == 2 and not any(ch.isdigit() for ch in lm.group("list"))
                        and series[0] < 10 and series[1] >= 20 and series[1] % 10 == 0)  # خمسة وعشرين = 25
            if len(series) > 1 and not compound and not any(1900 <= n <= 2100 for n in series):
                out.append(Toll(None, False, cue_start, lm.end(), series))
                continue
        m = lex["after_count"].match(folded, cue_end, min(end, cue_end + 60))
        if m is None:
            pp = lex["after_pp"].match(folded, cue_end, min(end, cue_end + 40))
            if pp is None and folded[cue_start:cue_end].strip() in _KILL_VERBS_AR:
                pp = _SUBJECT_AR.match(folded, cue_end, min(end, cue_end + 40))  # "قتل انتحاري أربعة حراس"
            if pp:
                m = lex["after_count"].match(folded, pp.end(), min(end, pp.end() + 60))
                if m is not None and m.group("num") is None and m.group("dual") is None:
                    m = None  # only a counted figure after the phrase ("قتل في عدد من" is no count)
        if m and in_date(m):
            continue
        if m:
            if lex["unit_next"].match(folded, m.end(), end):
                continue
            wounded = lex["wounded_next"].match(folded, m.end(), end)
            if wounded and not _DIGIT_NEXT.match(folded[wounded.end():wounded.end() + 20]):
                continue  # "10 killed and wounded": no count of the dead alone
            nxt = folded[m.end():m.end() + 30]
            if _DEAD_AND_WOUNDED_AR.match(nxt) or _DEAD_AND_WOUNDED_EN.match(nxt):
                out.append(Toll(None, False, cue_start, m.end()))
                continue
            val = _value(m)
            if val:
                out.append(Toll(val[0], val[1], cue_start, m.end()))
            continue
        if lex["indefinite"].match(folded, cue_end, end) and folded[cue_start:cue_end].strip().startswith("kill"):
            out.append(Toll(1, False, cue_start, cue_end + 3))
    for cue_start, cue_end, _ in before_cues:
        if lex["wounded_next"].match(folded, cue_end, end):
            window = folded[max(start, cue_start - 45):cue_start]
            if _COUNT_BEFORE.search(window):
                out.append(Toll(None, False, cue_start, cue_end))
            continue
        window_start = max(start, cue_start - 45)
        m = None
        for pos in _word_starts(folded, window_start, cue_start):
            m = lex["before_count"].match(folded, pos, cue_start)
            if m:
                break
        if m and in_date(m):
            continue
        if m:
            sub = _SUBSET_BEFORE.search(folded, max(start, m.start() - 20), m.start())
            if sub is not None:
                # "سبعة مدنيين بينهم ثلاثة أطفال قتلوا": the three are among the seven, who are the count
                # (with no count before, the part counted is the least toll: kept)
                for pos in _word_starts(folded, max(start, sub.start() - 40), sub.start()):
                    whole = lex["before_count"].match(folded, pos, sub.start())
                    if whole:
                        m = whole
                        break
        if m and not lex["unit_next"].match(folded, m.end("num") if m.group("num") else m.end(), end):
            tail = m.group("tail") or ""
            if _DIGIT_OR_PUNCT.search(tail):
                continue
            val = _value(m)
            if val:
                out.append(Toll(val[0], val[1], m.start(), cue_end))
    cues_at = [c[0] for c in after_cues] + [c[0] for c in before_cues]
    others = lex["and_others"].finditer(folded, start, end) if _has_any(folded, _OTHERS_HINTS, start, end) else ()
    for m in others:
        n = parse_number(m.group("num"))
        near_cue = any(-40 <= m.start() - c <= 160 for c in cues_at)
        if n is not None and near_cue and not lex["wounded_next"].match(folded, m.end(), end):
            out = [t for t in out if not (t.value == n and m.start() <= t.start <= m.end())]
            out.append(Toll(n + 1, False, m.start(), m.end()))
    with_him = lex["with_him"].finditer(folded, start, end) if _has_any(folded, _WITH_HIM_HINTS, start, end) else ()
    for m in with_him:
        n = parse_number(m.group("num"))
        if n is not None:
            out = [t for t in out if not (t.value == n and m.start() <= t.start <= m.end())]
            out.append(Toll(n + 1, False, m.start(), m.end()))
    rose = lex["toll_rose"].finditer(folded, start, end) if any(h in folded for h in _ROSE_HINTS) else ()
    for m in rose:
        if in_date(m):
            continue
        n = parse_number(m.group("num"))
        if n is not None and not 1900 <= n <= 2100:
            out = [t for t in out if not (m.start() <= t.start < m.end() and t.value == n)]
            if _CAMPAIGN_COUNT.search(folded, m.start(), m.end()):
                continue  # "the toll since the offensive began rose to 254": a campaign's count, no event's
            out.append(Toll(n, False, m.start(), m.end(), update=True))
    for s, e, _ in lex["dual_kill_words"].find(folded, start, end, scan):
        out.append(Toll(2, False, s, e))
    if lex["none"] is not None and (any(h in folded for h in _NONE_HINTS)
                                    or "لم " in folded and any(h in folded for h in _NONE_LAM_VERBS)):
        for m in lex["none"].finditer(folded, start, end):
            if _CIVILIAN_NEXT.match(folded, m.end()):
                continue  # "no civilian casualties": says nothing of the fighters killed
            # "no one was killed": the "one" is no count of the dead
            out = [t for t in out if not (m.start() <= t.start < m.end() or m.start() < t.end <= m.end())]
            out.append(Toll(0, False, m.start(), m.end()))
    if _has_any(folded, _SINGULAR_HINTS, start, end):
        # "Abu Nabil was killed", "a soldier was shot dead", "لقي حتفه": one dead, though no figure is given
        taken = [(t.start, t.end) for t in out]
        for m in _ONE_DEAD.finditer(folded, start, end):
            if _NOBODY_BEFORE.search(folded, max(start, m.start() - 30), m.start()):
                continue  # "it was not clear whether anyone was killed"
            if not any(a < m.end() and m.start() - 40 < b for a, b in taken):
                # (the toll's span is the verb of death: "was captured | and killed near Sirte" may be cut in two)
                out.append(Toll(1, False, m.start("en") if m.group("en") else m.start(), m.end()))
    if _has_any(folded, _ONE_DEAD_AR_HINTS, start, end):
        for m in _ONE_DEAD_AR.finditer(folded, start, end):
            if not any(t.start < m.end() + 40 and m.start() - 40 < t.end for t in out):
                out.append(Toll(1, False, m.start(), m.end()))
    if _has_any(folded, ("bodies", "corpses"), start, end):
        # "Dozens of bodies lay around the trucks", "12 bodies were recovered": the count right before
        # (only there: "several security bodies" are no dead)
        for m in _BODIES.finditer(folded, start, end):
            if not any(t.start < m.end() and m.start() < t.end for t in out):
                n = parse_number(m.group("n"))
                if n is not None:
                    out.append(Toll(n, False, m.start(), m.end()))
                elif m.group("n") in lex["vague"]:
                    out.append(Toll(lex["vague"][m.group("n")], True, m.start(), m.end()))
    if _has_any(folded, ("واحد",), start, end):
        # "مقتل شخص واحد": the count after its noun
        for m in _NOUN_THEN_ONE.finditer(folded, start, end):
            if not any(t.start < m.end() and m.start() < t.end for t in out):
                out.append(Toll(1, False, m.start(), m.end()))
    if out and _has_any(folded, _SINCE_WORDS, start, end):
        # "more than 700 people have been killed since the start of the offensive": a campaign's running
        # total, no event's toll
        out = [t for t in out if t.value is None or not (_SINCE_START.match(folded, t.end, min(end, t.end + 60))
                                                         or _SINCE_START_BEFORE.search(folded, max(start, t.start - 140), t.start))]
    out.sort(key=lambda t: t.start)
    return out


# A singular verb of death with no figure: one person died. Every match holds one of the hints.
_SINGULAR_HINTS = ("was ", "لقي ", "لقيت ")
_MET_DEATH = r"\s+(?:[^\s.،,]+\s+){0,2}?(?:حتفه|حتفها|مصرعه|مصرعها)"  # (لقي) "حتفه", "مصرعه"
# r"(?<!\w)(?:was\s+…(?P<en>killed|shot\s+dead)|[وف]?(?:لقي|لقيت)\s+…)(?!\w)" with the look-behind after each
# branch's first letter: the same matches, but a search scans for those letters (w, و, ف, ل) instead of
# trying the pattern at every position of the text.
_ONE_DEAD = re.compile(r"(?:w(?<!\ww)as\s+(?:(?:captured|wounded|shot|abducted|kidnapped|tortured)\s+and\s+)?(?P<en>killed|shot\s+dead)"
                       rf"|و(?<!\wو)(?:لقي|لقيت){_MET_DEATH}|ف(?<!\wف)(?:لقي|لقيت){_MET_DEATH}|ل(?<!\wل)(?:قي|قيت){_MET_DEATH})(?!\w)")
# "فأردوه قتيلا" (and shot him dead), "الطبيب الذي قتل صباح اليوم" (the doctor who was killed this
# morning: a passive verb, followed by when, where or how, not by an object): one dead
_ONE_DEAD_AR = re.compile(
    r"(?<!\w)[وف]?(?:اردوه|ارداه|اردته|اردوها|ارداها|اردتها)\s+قتيل(?:ا|ه)?(?!\w)"
    r"|(?<!\w)(?:الذي|التي)\s+(?:قتل|قتلت|اغتيل|اغتيلت)(?=\s*[،,.]|\s+(?:صباح|مساء|ليله|فجر|ظهر|امس|اليوم|يوم|في|عندما"
    r"|جراء|اثر|برصاص|بقذيفه|بانفجار|خلال|اثناء|قبل|بعد)(?!\w))")
_ONE_DEAD_AR_HINTS = ("اردو", "ارداه", "اردت", "ارداها", "الذي قتل", "التي قتل", "الذي اغتيل", "التي اغتيل")
_BODIES = re.compile(r"(?<![\w-])(?P<n>\d+|dozens|scores|hundreds|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                     r"\s+(?:of\s+)?(?:bodies|corpses)(?!\w)")
_SUBSET_BEFORE = re.compile(r"(?<!\w)(?:بينهم|بينهن|من\s+بينهم|منهم|including|among\s+them)\s*[,،:]?\s*$")
_NOUN_THEN_ONE = re.compile(r"(?<!\w)[وبل]?(?:مقتل|مصرع)\s+[^\s\d.،,]+\s+(?:واحد|واحده)(?!\w)")
_NOBODY_BEFORE = re.compile(r"(?<!\w)(?:anyone|anybody|no\s+one|nobody|whether|if|who|which|none)(?:\s+\S+){0,2}\s*$")
_SINCE_WORDS = ("since", "منذ")
_SINCE_START = re.compile(
    r"(?:\s+[^\s.،,;]+){0,3}?\s+(?:since\s+(?:the\s+)?(?:start|beginning|outbreak|launch)\s+of|since\s+the\s+(?:offensive|war|campaign|conflict|fighting)"
    r"\s+(?:began|started|erupted|broke\s+out)|منذ\s+(?:بدء|بدايه|اندلاع|انطلاق))(?!\w)")


# "Since the start of the offensive on 4 April, the mission has documented at least 100 civilian deaths":
# the same running total, its start told first (in the same sentence)
_SINCE_START_BEFORE = re.compile(
    r"(?:since\s+(?:the\s+)?(?:start|beginning|outbreak|launch)\s+of|منذ\s+(?:بدء|بدايه|اندلاع|انطلاق))(?!\w)[^.!?؟\n]*$")


# A running total counted from a start ("منذ بدء الهجوم", "since the offensive began") inside a
# "the toll rose to N" phrase.
# "has since risen", "منذ ذلك الحين" (since then) only say the figure was revised later.
_CAMPAIGN_COUNT = re.compile(r"(?<!\w)(?:منذ(?!\s+ذلك)|since(?!\s+(?:then|risen|rose|climbed|increased|grown|gone|reached)))(?!\w)")


def _has_any(text: str, words: tuple[str, ...], start: int, end: int) -> bool:
    return any(text.find(w, start, end) >= 0 for w in words)


def unverified(folded: str, start: int, end: int) -> bool:
    """Does folded[start:end] say its figure could not be verified?"""
    regex, hints = _unverified_re()
    if regex is None or not any(folded.find(h, start, end) >= 0 for h in hints):
        return False
    return regex.search(folded, start, end) is not None


@lru_cache(maxsize=None)
def _unverified_re():
    """The pattern, and a word of each phrase (its longest): a match holds one of them."""
    words = load("numbers")["killed"].get("unverified", [])
    if not words:
        return None, ()
    hints = {max(fold_key(w).split(), key=len) for w in words if fold_key(w)}
    return re.compile(f"(?<!{WORD_CHAR})(?:{_alt(words)})"), tuple(sorted(hints))


def best_toll(tolls: list[Toll]) -> int | None:
    """The figure for an event told in several places: the highest exact figure (an update, or
    the total rather than a named part of it); a vague figure only when no exact one exists."""
    exact = [t.value for t in tolls if t.value is not None and not t.vague]
    if exact:
        return max(exact)
    vague = [t.value for t in tolls if t.value is not None]
    return max(vague) if vague else None
