"""Date expressions in folded text, and their resolution against a reference day.

Finds explicit dates (Latin and both Arabic month series, "19 يناير/ كانون الثاني 2017",
"Jan. 18, 2017", "on 24 March", "In November", "في 2016", Hijri dates), weekdays ("يوم
الثلاثاء", "الجمعة الماضية", "on Friday"), relative days (اليوم, أمس, yesterday, overnight) and
periods (last week/month/year). Resolution never invents: without a reference day a weekday or
"today" stays unknown (value None) but keeps a symbolic key so two mentions of "Wednesday" in one
story can still be recognised as the same day.
"""
from __future__ import annotations

import math
import re
import sys
from array import array
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from pipeline.extract.lexicon import Dictionary, Scan, load, WORD_CHAR
from pipeline.extract.text import fold_key


# DateMention and ResolvedDate are built for every date of every article: plain slots classes (a
# frozen dataclass sets each field through object.__setattr__), hashable by value as before, and
# never changed after construction (events.py derives changed copies with dataclasses.replace).
@dataclass(slots=True, unsafe_hash=True)
class DateMention:
    start: int
    end: int
    kind: str                 # explicit | monthday | month | year | numeric | weekday | relday | week | lastmonth | lastyear | thisyear | same
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset: int = 0           # relday: days from the reference
    last: bool = False        # weekday said "last"/"الماضي": strictly before the reference
    reporting: bool = False   # the date of a statement about the event, not of the event
    series: int = 0           # position in a list of days ("on 19, 24 and 26 September"): one event each
    series_len: int = 1
    since: bool = False       # inside a "since the fall of X in 2011" clause: history, not the event's day

    @property
    def absolute(self) -> bool:
        """Carries its own year (does not need the publication date)."""
        return self.kind in ("explicit", "year", "numeric")


@dataclass(slots=True, unsafe_hash=True)
class ResolvedDate:
    value: str | None         # 'YYYY-MM-DD' | 'YYYY-MM' | 'YYYY' | None
    precision: str | None     # day | week | month | year | None
    key: str                  # comparable identity, also for unresolved mentions ('wd:2')
    basis: str = ""

    def day_range(self) -> tuple[date, date] | None:
        if not self.value:
            return None
        y = int(self.value[:4])
        if self.precision == "year":
            return date(y, 1, 1), date(y, 12, 31)
        m = int(self.value[5:7])
        if self.precision == "month":
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return date(y, m, 1), nxt - timedelta(days=1)
        d = date.fromisoformat(self.value)
        if self.precision == "week":
            return d - timedelta(days=3), d + timedelta(days=3)
        return d, d


UNKNOWN = ResolvedDate(None, None, "")


def _names(table: dict) -> dict[str, int]:
    return {fold_key(name): int(num) for num, names in table.items() for name in names}


def _alt(names) -> str:
    parts = sorted(set(names), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in n.split()) for n in parts)


def _name_tree(names) -> dict:
    """The names as a tree of characters (" " between words, "" at a name's end)."""
    root: dict = {}
    for name in set(names):
        node = root
        for ch in " ".join(name.split()):
            node = node.setdefault(ch, {})
        node[""] = {}
    return root


def _tree_alt(node: dict) -> str:
    """The regex of a _name_tree: a word gap matches \\s+, shared beginnings are written once.

    Matches exactly what _alt(names) matches, in the same order of preference: all names that match
    at one place are beginnings of one another (their first differing character or gap would have to
    match the same text), and a longer one is tried before a shorter one, as in _alt's longest-first
    order. The engine then follows one branch per character instead of trying every name."""
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _tree_alt(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return _opt(body) if "" in node else body


def _opt(part: str) -> str:
    """The optional `part` as a branch with an empty alternative: what "(?:part)?" matches, in the same
    order (with the part first), without the repeat the engine opens for "?" on more than one character."""
    return f"(?:{part}|)"


def _trie_alt(names) -> str:
    """Same matches as _alt(names), written as a tree of shared beginnings (see _tree_alt)."""
    return _tree_alt(_name_tree(names))


def _alt_at_word_start(names) -> str:
    """rf"(?<!\\w)(?:{_alt(names)})" with the look-behind after each name's first letter ("s(?<!\\ws)aid"):
    the same matches, but the pattern then opens with a set of letters, which a search finds by a fast
    scan instead of a match attempt at every position. The names after one first letter share that
    look-behind and are written as a tree (see _tree_alt)."""
    root = _name_tree(names)
    branches = []
    for ch, child in sorted(root.items()):
        if ch:
            first = re.escape(ch)
            branches.append(rf"{first}(?<!\w{first}){_tree_alt(child)}")
    if "" in root:  # an empty name: the look-behind alone
        branches.append(r"(?<!\w)")
    return "|".join(branches)


@lru_cache(maxsize=None)
def _lexicon():
    data = load("dates")
    months = _names(data["months"])
    hijri = _names(data["hijri_months"])
    weekdays = _names(data["weekdays"])
    reldays = _names(data["relative_days"])
    W = WORD_CHAR
    mon = _trie_alt(months)
    hmon = _trie_alt(hijri)
    # Optional parts are written _opt(x), "(?:x|)", unless a single character: same matches, but the
    # engine's "?" on a longer part opens a repeat that copies all ~45 group marks at each try.
    suffix = _opt("st|nd|rd|th")
    of = _opt(r"of\s+")
    day = rf"[0-3]?\d{suffix}"
    year = r"(?:19|20)\d\d"
    ar_pre = r"(?:[وبل]|في\s+|)"
    other_mon = _opt(rf"\s*[/(\-]\s*(?:{mon})\s*\)?")  # "19 يناير/ كانون الثاني"
    explicit = (
        _opt(rf"(?P<d1>{day})") + rf"\s*{of}{ar_pre}(?P<m1>{mon})\.?{other_mon}"
        + _opt(rf"\s*,?\s*(?P<y1>{year})\s*" + _opt(rf"م(?!{W})"))
    )
    sep = r"\s*(?:,|،|and|و)\s*" + _opt(r"and\s+|و\s*")
    day_list = (rf"(?P<dl>[0-3]?\d{suffix}(?:{sep}[0-3]?\d{suffix})+)\s+{of}{ar_pre}(?P<ml>{mon})\.?{other_mon}"
                + _opt(rf"\s*,?\s*(?P<yl>{year})")
                + rf"|(?P<ml2>{mon})\.?\s+(?P<dl2>[0-3]?\d(?:{sep}[0-3]?\d)+)(?!\d)" + _opt(rf"\s*,?\s*(?P<yl2>{year})"))
    latin_mdy = rf"(?P<m2>{mon})\.?\s+(?P<d2>[0-3]?\d){suffix}(?!\d)" + _opt(rf"\s*,?\s*(?P<y2>{year})")
    ordinals = _ordinals(data["ordinals"])
    ordinal_re = (rf"(?P<od>{_trie_alt(ordinals)})\s+من\s+" + _opt(r"شهر\s+") + rf"(?P<om>{mon}){other_mon}"
                  + _opt(r"\s+(?:الجاري|الحالي|الماضي|المنصرم)") + _opt(rf"\s*,?\s*(?P<oy>{year})"))
    hijri_re = (_opt(r"(?P<hd>[0-3]?\d)") + rf"\s*(?P<hm>{hmon})\s+(?P<hy>1[34]\d\d)\s*"
                + _opt(rf"هـ|ه(?!{W})|h(?!{W})"))
    numeric = rf"(?P<iso>{year}-[01]?\d-[0-3]?\d)|(?P<dmy>[0-3]?\d[-/.][01]?\d[-/.]{year})"
    cues = _trie_alt(fold_key(c) for c in data["phrases"]["year_cues"])
    year_re = rf"(?:{cues})\s+" + _opt(r"(?:early|late|mid|the\s+year)\s+") + rf"(?P<yy>{year})(?![\d\-/])"
    wd_cue = _trie_alt("يوم اليوم مساء صباح ليله ليل فجر ظهر عصر صبيحه on last this late early since".split())
    wd_last = _trie_alt(fold_key(w) for w in data["phrases"]["weekday_last"])
    weekday_re = (_opt(rf"(?P<wdcue>(?:{wd_cue})\s+)") + rf"[وب]?(?P<wd>{_trie_alt(weekdays)})" + _opt("'s")
                  + _opt(rf"\s+(?P<wdlast>{wd_last})"))
    # "مساء اليوم ذاته": the evening of the day just told, not of today
    relday_re = rf"(?P<rd>{_trie_alt(reldays)})(?!\s+(?:ذاته|نفسه)(?!{W}))"
    week_re = rf"(?P<wk>{_trie_alt(fold_key(w) for w in data['phrases']['last_week'])})"
    lm_re = rf"(?P<lm>{_trie_alt(fold_key(w) for w in data['phrases']['last_month'])})"
    ly_re = rf"(?P<ly>{_trie_alt(fold_key(w) for w in data['phrases']['last_year'])})"
    same_re = rf"(?P<same>{_trie_alt(fold_key(w) for w in data['phrases']['same_day'])})"
    ty_re = rf"(?P<ty>{_trie_alt(fold_key(w) for w in data['phrases']['this_year'])})"
    pattern = "|".join(
        f"(?:{p})" for p in (numeric, hijri_re, ordinal_re, day_list, latin_mdy, explicit, same_re, year_re, week_re, lm_re, ly_re, ty_re,
                             weekday_re, relday_re)
    )
    regex = re.compile(rf"(?<!{W})(?:{pattern})(?!{W})")
    reporting_cues = [fold_key(c) for c in data["phrases"]["reporting_cues"]]
    cues_re = re.compile(rf"(?:{_alt_at_word_start(reporting_cues)}){W}*")
    # Words at the heart of a date expression (names, relative words). The big regex is tried only at
    # such a word, a digit, or up to three words before one ("في 2016", "on Friday", "the day before").
    phrases = [*months, *hijri, *weekdays, *reldays, *ordinals]
    for key in ("last_week", "last_month", "last_year", "this_year", "same_day"):
        phrases += data["phrases"][key]
    # value: how many words before the key word a match can start (its place in the phrase, plus one
    # for a leading "في"/"on"/"يوم"/"in"/"the")
    back: dict[str, int] = {}
    for p in phrases:
        for i, w in enumerate(fold_key(p).split()):
            if w not in {"the", "day", "before", "of", "this", "يوم", "من"}:
                back[w] = max(back.get(w, 0), i + 1)
    starters = Dictionary(back)
    return regex, months, hijri, weekdays, reldays, cues_re, starters, ordinals


_AMBIGUOUS_MONTHS = {"may", "march", "mar", "jun", "jan", "dec", "sep", "oct", "aug", "اب", "ماي"}
_CLAUSE_BREAK = re.compile(r"(?<!\w)(?:ان|بان|that|:)(?!\w)")
# "… officials said. On Aug. 4, drones hit …": the statement ended before the date. (A full stop
# after a word of two letters or more, or a digit, so that "U.S." is no end.)
_SENTENCE_END = re.compile(r"(?:[^\W\d]{2}|\d)[.!?؟](?:\s|$)|[!?؟\n]")


def reporting_cue_in(folded: str, start: int, end: int) -> bool:
    """Does folded[start:end] hold a reporting word ("said", "وأعلن", "بيان")?"""
    return _reporting_word().search(folded, start, end) is not None


@lru_cache(maxsize=None)
def _reporting_word() -> re.Pattern:
    cues = sorted({fold_key(c) for c in load("dates")["phrases"]["reporting_cues"]}, key=len, reverse=True)
    return re.compile(rf"(?<!\w)[وف]?(?:{'|'.join(map(re.escape, cues))})(?!\w)")


def dictionaries() -> tuple[Dictionary, ...]:
    """The word lists matched here (for one combined Scan of an article)."""
    return (_lexicon()[6],)


def find_dates(folded: str, start: int = 0, end: int | None = None, triggers: list[tuple[int, int]] = (),
               scan: Scan | None = None) -> list[DateMention]:
    """Every date expression in folded[start:end], in text order."""
    regex, months, hijri, weekdays, reldays, cues, starters, ordinals = _lexicon()
    end = len(folded) if end is None else end
    out: list[DateMention] = []
    for m in _matches(regex, starters, folded, start, end, scan):
        g = m.group  # each group read when needed (groupdict would cut out all ~45 of them)
        s, e = m.span()
        mention = None
        if g("iso") or g("dmy"):
            txt = g("iso") or g("dmy")
            parts = [int(p) for p in _NUMERIC_SEP.split(txt)]
            y, mo, d = (parts[0], parts[1], parts[2]) if g("iso") else (parts[2], parts[1], parts[0])
            if _valid(y, mo, d):
                mention = DateMention(s, e, "numeric", y, mo, d)
        elif g("dl") or g("dl2"):
            days = [int(_NON_DIGIT.sub("", x)) for x in _LIST_DAY.findall(g("dl") or g("dl2"))]
            mo = months.get(_norm(g("ml") or g("ml2")))
            y = g("yl") or g("yl2")
            if mo is None or not all(1 <= d <= 31 for d in days):
                continue
            for i, d in enumerate(days):
                out.append(DateMention(s, e, "explicit" if y else "monthday", int(y) if y else None, mo, d,
                                       series=i, series_len=len(days)))
            continue
        elif g("od"):
            d, mo = ordinals[_norm(g("od"))], months[_norm(g("om"))]
            if g("oy"):
                mention = DateMention(s, e, "explicit", int(g("oy")), mo, d)
            else:
                mention = DateMention(s, e, "monthday", None, mo, d)
        elif g("hm"):
            hy, hmo = int(g("hy")), hijri[_norm(g("hm"))]
            hd = int(g("hd")) if g("hd") else None
            gd = hijri_to_gregorian(hy, hmo, hd or 15)
            mention = DateMention(s, e, "explicit", gd.year, gd.month, gd.day if hd else None)
        elif g("m2") is not None or g("m1") is not None:
            if g("m2") is not None:
                name, d, y = g("m2"), g("d2"), g("y2")
            else:
                name, d, y = g("m1"), g("d1"), g("y1")
            key = _norm(name)
            mo = months.get(key)
            d = int(_NON_DIGIT.sub("", d)) if d else None
            y = int(y) if y else None
            if mo is None or (d is not None and not 1 <= d <= 31):
                continue
            if d is None and y is None:
                cue = _month_cue(folded, s, m.start("m1"), e, key in _AMBIGUOUS_MONTHS)
                if cue is None:
                    continue
                mention = DateMention(s, e, "month", None, mo, last=cue == "last")
            elif y is None:
                mention = DateMention(s, e, "monthday", None, mo, d)
            else:
                mention = DateMention(s, e, "explicit", y, mo, d)
        elif g("same"):
            # "the same day": the day of the event being told (the caller knows which); no date of its own
            nxt = any(w in g("same") for w in ("next", "following", "التالي"))
            mention = DateMention(s, e, "same", offset=1 if nxt else 0)
        elif g("yy"):
            mention = DateMention(s, e, "year", int(g("yy")))
        elif g("wk"):
            mention = DateMention(s, e, "week")
        elif g("lm"):
            mention = DateMention(s, e, "lastmonth")
        elif g("ly"):
            mention = DateMention(s, e, "lastyear")
        elif g("ty"):
            mention = DateMention(s, e, "thisyear")
        elif g("wd"):
            wd = weekdays[_norm(g("wd"))]
            cue = (g("wdcue") or "").strip()
            if wd == 0 and _norm(g("wd")) != "monday" and not cue and not g("wdlast"):
                continue  # الاثنين without يوم/الماضي is usually "the two"
            if cue == "اليوم":
                mention = DateMention(s, e, "relday", weekday=wd, offset=0)
            else:
                mention = DateMention(s, e, "weekday", weekday=wd, last=bool(g("wdlast")) or cue == "last")
        elif g("rd"):
            mention = DateMention(s, e, "relday", offset=reldays[_norm(g("rd"))])
        if mention is not None:
            out.append(mention)
    out = [mn for mn in out if not _is_name(folded, mn)]
    out = _merge_adjacent(out, folded)
    if not out:
        return out
    return [_mark_reporting(mn, folded, start, end, cues, triggers, out) for mn in out]


_DIGIT_RUN = re.compile(r"\d+")
_NUMERIC_SEP = re.compile(r"[-/.]")
_NON_DIGIT = re.compile(r"\D")
_LIST_DAY = re.compile(r"\d+(?:st|nd|rd|th)?")
# Words that can open a date expression before its key word (cues of the patterns in _lexicon).
_OPENERS = frozenset(fold_key(w) for w in (
    "في", "وفي", "فى", "on", "in", "of", "the", "day", "before", "this", "last", "late", "early", "mid", "since",
    "during", "until", "يوم", "اليوم", "مساء", "صباح", "ليلة", "ليل", "فجر", "ظهر", "عصر", "صبيحة", "عام", "سنة",
    "العام", "خلال", "منذ", "مطلع", "أواخر", "أوائل", "منتصف", "نهاية", "بداية", "شهر", "أول", "من", "قبل", "ب", "و",
    "and", "and the", "earlier", "later", "past", "هذا", "الليلة",
    "صيف", "شتاء", "ربيع", "خريف", "الصيف", "الشتاء", "الربيع", "الخريف", "summer", "winter", "spring", "autumn", "fall",
))


def _matches(regex, starters, folded: str, start: int, end: int, scan: Scan | None = None):
    """Like regex.finditer, but only tried near a date word or a digit (see _lexicon)."""
    positions = set()
    add = positions.add
    keys = [(key, steps) for key, _, steps in starters.find(folded, start, end, scan)]
    keys += [(i, 1) for i in _digit_run_starts(folded, start, end)]
    for key, steps in keys:
        add(key)
        pos = key
        for _ in range(steps):  # the words before that can open the expression ("في", "on", "19", "the day before")
            gap = _word_gap(folded, start, pos)
            if gap < start or pos - gap > 40:
                break
            word = folded[gap + 1:pos].strip(" ,،")
            if not (word in _OPENERS or word[:1].isdigit()):
                break
            add(gap + 1)
            pos = gap + 1
    last_end = start
    match = regex.match
    for pos in sorted(positions):
        if pos < last_end:
            continue
        m = match(folded, pos, end)
        if m:
            last_end = m.end()
            yield m


def _word_gap(folded: str, start: int, pos: int) -> int:
    """The last space or newline in folded[start:pos - 1] (-1 if none): the newline is looked for only
    after the space (same result as the larger of both rfinds, without scanning back a paragraph)."""
    gap = folded.rfind(" ", start, pos - 1)
    newline = folded.rfind("\n", max(start, gap + 1), pos - 1)
    return newline if newline > gap else gap


@lru_cache(maxsize=None)
def _bmp_digit_run():
    """\\d+ as a set of the decimal digits of the Basic Multilingual Plane, written "[d][d]*": a pattern
    that opens with a character set is searched by a fast scan for it, \\d+ by a match attempt at every
    position. Built on first use (\\d itself picks the digits out of the plane)."""
    digits = "[" + re.escape("".join(_DIGIT_RUN.findall(_bmp_plane()))) + "]"
    return re.compile(f"{digits}{digits}*")


def _bmp_plane() -> str:
    """Every character of the Basic Multilingual Plane, in order: "".join(map(chr, range(0x10000))),
    decoded in one call from their 4-byte codes (making 65,536 one-character strings takes ~30 ms)."""
    codes = array("I", range(0x10000))
    if codes.itemsize != 4:
        return "".join(map(chr, range(0x10000)))
    return codes.tobytes().decode("utf-32-le" if sys.byteorder == "little" else "utf-32-be", "surrogatepass")


def _digit_run_starts(text: str, start: int, end: int) -> list[int]:
    """Where the maximal digit runs of text[start:end] start (the starts of \\d+ matches), in any order.
    In ASCII text the only digits are 0-9, found by str.find (faster than any regex scan)."""
    if not text.isascii():
        return [m.start() for m in _digit_runs(text).finditer(text, start, end)]
    out = []
    for digit in "0123456789":
        i = text.find(digit, start, end)
        while i >= 0:
            if i == start or not "0" <= text[i - 1] <= "9":
                out.append(i)
            i = text.find(digit, i + 1, end)
    return out


def _digit_runs(text: str):
    """The regex of maximal digit runs (same matches as \\d+) for this text."""
    if len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):  # no character beyond U+FFFF
        return _bmp_digit_run()
    return _DIGIT_RUN


def _ordinals(table: dict) -> dict[str, int]:
    units = [fold_key(u) for u in table["units"]]
    one = fold_key(table["one_in_compounds"])
    out = {u: i + 1 for i, u in enumerate(units)}
    out[fold_key(table["ten"])] = 10
    teen = fold_key(table["teen_suffix"])
    out[f"{one} {teen}"] = 11
    for i, u in enumerate(units[1:], start=2):
        out[f"{u} {teen}"] = 10 + i
    for word, value in table["tens"].items():
        w = fold_key(word)
        out[w] = value
        if value < 31:
            out[f"{one} و{w}"] = value + 1
        for i, u in enumerate(units[1:], start=2):
            if value + i <= 31:
                out[f"{u} و{w}"] = value + i
    return out


def _norm(text: str) -> str:
    return " ".join(text.split()).rstrip(".")


_MONTH_CUES = frozenset({"in", "during", "since", "early", "late", "mid", "until", "by", "between",
                         "في", "خلال", "منذ", "مطلع", "اواخر", "اوايل", "منتصف", "نهايه", "بدايه", "شهر", "حتي", "بين"})
_MONTH_CUES_LAST = frozenset({"last", "past"})
# "a June strike", "the November attack": an article before an unambiguous month name
_MONTH_CUES_WEAK = frozenset({"a", "an", "the", "that", "this"})
_MONTH_AFTER_LAST = frozenset({"الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفايت", "الفايته", "السابق"})
_MONTH_AFTER = frozenset({"الجاري", "الحالي"})


def _month_cue(folded: str, start: int, month_start: int, end: int, ambiguous: bool) -> str | None:
    """A month name alone is a date only after in/during/since/last/في/خلال/منذ… ("In November",
    "ففي فبراير") or before الماضي/الجاري ("مايو الماضي"). Returns None (no date), "last" (strictly
    before the publication month) or "in". Ambiguous names (May, March) need a strong cue."""
    after = folded[end:end + 12].split()
    nxt = after[0].strip(".,،") if after else ""
    if nxt in _MONTH_AFTER_LAST:
        return "last"
    if nxt in _MONTH_AFTER:
        return "in"
    if start < month_start and folded[start] in "بل":
        return "in"  # "بفبراير", "لشهر"
    before = folded[max(0, month_start - 14):month_start].split()
    if not before:
        return None
    word = before[-1]
    if word[:1] in "وف" and word[1:] in _MONTH_CUES:
        word = word[1:]  # "وفي", "ففي"
    if word in _MONTH_CUES_LAST:
        return "last"
    if word in _MONTH_CUES:
        return "in"
    if word in _MONTH_CUES_WEAK and not ambiguous:
        return "in"
    return None


_NAME_BEFORE = re.compile(r"(?:ثوره|كتيبه|كتايب|سرايا|شهداء|ذكري|احتفالات|انتفاضه|حركه|ميدان|شارع|revolution\s+of|anniversary\s+of)\s*$")
_NAME_AFTER = re.compile(r"\s*(?:revolution|martyrs|brigade|uprising|movement|square|street|anniversary|coalition|ثوره)")


def _is_name(folded: str, mn: DateMention) -> bool:
    """'the February 17 Martyrs Brigade', 'ثورة 17 فبراير': a name that holds a date, not a date."""
    if mn.kind not in ("explicit", "monthday") or mn.day is None:
        return False
    return bool(_NAME_BEFORE.search(folded[max(0, mn.start - 20):mn.start]) or _NAME_AFTER.match(folded, mn.end))


def _valid(y, mo, d) -> bool:
    try:
        date(y, mo, d)
        return True
    except ValueError:
        return False


_ADJACENT_GAP = re.compile(r"[\s,،\-(]*(?:الموافق|الموافق ل|الماضي|الماضيه|)?[\s,،\-(]*")


def _merge_adjacent(mentions: list[DateMention], folded: str) -> list[DateMention]:
    """'Wednesday Jan. 18, 2017', 'اليوم الأربعاء، الموافق 3 يوليو 2019': the explicit date governs."""
    out: list[DateMention] = []
    for mn in mentions:
        if out and out[-1].kind in ("weekday", "relday") and mn.kind in ("explicit", "monthday"):
            gap = folded[out[-1].end:mn.start]
            if len(gap) <= 14 and _ADJACENT_GAP.fullmatch(gap):
                prev = out.pop()
                mn = DateMention(prev.start, mn.end, mn.kind, mn.year, mn.month, mn.day, prev.weekday)
        out.append(mn)
    return out


def _mark_reporting(mn: DateMention, folded: str, start: int, end: int, cues, triggers, all_mentions) -> DateMention:
    """A date right after 'said'/'في بيان' (or before 'X confirmed that …') dates a statement.
    `cues`: the regex of reporting cues."""
    if mn.kind in ("lastmonth", "lastyear", "thisyear", "year", "week", "same"):
        return mn
    if folded.startswith(("'s", "’s"), mn.end - 2):
        return mn  # "AFRICOM said Wednesday's strikes targeted …": the day of the strikes, not of the statement
    cues_re = cues
    window_start = max(start, mn.start - 60)
    before = folded[window_start:mn.start]
    reporting = False
    # (cues_re opens with the first letters of its words: one search tells as quickly as a test of each
    # cue word whether the window holds any cue; the loop runs only where it does)
    for cue in cues_re.finditer(before) if cues_re.search(before) else ():
        gap = before[cue.end():]
        if len(gap.split()) <= 7 and not _CLAUSE_BREAK.search(gap) and not _SENTENCE_END.search(before, max(0, cue.end() - 2)) \
                and not _has_trigger(triggers, window_start + cue.end(), mn.start):
            reporting = True
    if not reporting:
        after_end = min(end, mn.end + 70)
        after = folded[mn.end:after_end]
        cue = cues_re.search(after)
        if cue and len(after[:cue.start()].split()) <= 6 and not _has_trigger(triggers, mn.end, mn.end + cue.start()):
            rest = folded[mn.end + cue.end():end]
            if _CLAUSE_BREAK.match(rest.lstrip()) and any(o.start > mn.end + cue.end() for o in all_mentions):
                reporting = True
    if reporting:
        return DateMention(mn.start, mn.end, mn.kind, mn.year, mn.month, mn.day, mn.weekday, mn.offset, mn.last, True,
                           mn.series, mn.series_len)
    return mn


def _has_trigger(triggers, a: int, b: int) -> bool:
    return any(a <= ts < b for ts, _ in triggers)


def resolve(mn: DateMention, published: date | None, reference: date | None = None) -> ResolvedDate:
    """Resolve one mention. `reference` is the day weekdays are counted back from (a statement's
    date when the story reports one, else the publication day); relative days count from
    `published` unless a reference is given for them by the caller."""
    ref = reference or published
    if mn.kind in ("explicit", "numeric"):
        if mn.day:
            return ResolvedDate(f"{mn.year:04d}-{mn.month:02d}-{mn.day:02d}", "day", f"d:{mn.year}-{mn.month}-{mn.day}")
        if mn.month:
            return ResolvedDate(f"{mn.year:04d}-{mn.month:02d}", "month", f"m:{mn.year}-{mn.month}")
        return ResolvedDate(f"{mn.year:04d}", "year", f"y:{mn.year}")
    if mn.kind == "year":
        return ResolvedDate(f"{mn.year:04d}", "year", f"y:{mn.year}")
    if mn.kind == "monthday":
        if published is None:
            return ResolvedDate(None, None, f"md:{mn.month}-{mn.day}")
        y = published.year
        if (mn.month, mn.day) > (published.month, published.day):
            y -= 1
        if not _valid(y, mn.month, mn.day):
            return ResolvedDate(None, None, f"md:{mn.month}-{mn.day}")
        return ResolvedDate(f"{y:04d}-{mn.month:02d}-{mn.day:02d}", "day", f"d:{y}-{mn.month}-{mn.day}")
    if mn.kind == "month":
        if published is None:
            return ResolvedDate(None, None, f"mo:{mn.month}")
        # the most recent such month on or before publication ("last May": strictly before)
        y = published.year - (mn.month > published.month or (mn.last and mn.month == published.month))
        return ResolvedDate(f"{y:04d}-{mn.month:02d}", "month", f"m:{y}-{mn.month}")
    if mn.kind == "weekday":
        if ref is None:
            return ResolvedDate(None, None, f"wd:{mn.weekday}")
        back = (ref.weekday() - mn.weekday) % 7
        if back == 0 and mn.last:
            back = 7
        d = ref - timedelta(days=back)
        return ResolvedDate(d.isoformat(), "day", f"d:{d.year}-{d.month}-{d.day}")
    if mn.kind == "relday":
        base = reference if (reference and mn.offset) else published
        if base is None:
            return ResolvedDate(None, None, f"wd:{mn.weekday}" if mn.weekday is not None else f"rd:{mn.offset}")
        d = base + timedelta(days=mn.offset)
        return ResolvedDate(d.isoformat(), "day", f"d:{d.year}-{d.month}-{d.day}")
    if mn.kind == "same":
        return UNKNOWN
    if published is None:
        return ResolvedDate(None, None, mn.kind)
    if mn.kind == "week":
        d = (reference or published) - timedelta(days=7)
        return ResolvedDate(d.isoformat(), "week", f"w:{d.isoformat()}")
    if mn.kind == "lastmonth":
        y, m = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
        return ResolvedDate(f"{y:04d}-{m:02d}", "month", f"m:{y}-{m}")
    if mn.kind == "lastyear":
        return ResolvedDate(f"{published.year - 1:04d}", "year", f"y:{published.year - 1}")
    if mn.kind == "thisyear":
        return ResolvedDate(f"{published.year:04d}", "year", f"y:{published.year}")
    return UNKNOWN


def compatible(a: ResolvedDate, b: ResolvedDate) -> bool:
    """Could two dates be the same day? Unknown on either side is compatible."""
    if not a.key or not b.key:
        return True
    if a.key == b.key:
        return True
    ra, rb = a.day_range(), b.day_range()
    if ra and rb:
        if a.precision == "day" and b.precision == "day":
            return False
        return ra[0] <= rb[1] and rb[0] <= ra[1]
    return False


def hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """Hijri -> Gregorian date: the Umm al-Qura calendar (hijridate: the one Arab newsrooms print,
    1343-1500 AH), else the tabular (arithmetical) calendar, which can differ by a day or two."""
    try:
        from hijridate import Hijri  # imported here: only articles with a Hijri date need it

        return Hijri(year, month, day).to_gregorian()
    except (ImportError, ValueError, OverflowError):
        pass  # outside the table's years, or a day the month does not have there
    jdn = day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30 + 1948439
    return date.fromordinal(jdn - 1721425)
