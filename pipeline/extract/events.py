"""Assemble events from sentences: segmentation, within-article merging, roles and fields.

Each sentence with a trigger is a *report*. A report joins an event already being told when its
date and place are compatible with it; one with no place and no date of its own joins the news of
the day (or waits for the first event, as a lead sentence does). A new explicit date, a new place
or a past marker starts a distinct event. Headings only add details to the main event. Habitual
statements and violence in foreign places are not events. An event needs a Libyan place.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from pipeline.extract import actors as _actors, dates as D, numbers as _numbers, triggers as _triggers
from pipeline.extract.actors import ActorMention, ArticleActors, Roles, assign_roles
from pipeline.extract.lexicon import Dictionary, Scan
from pipeline.extract.numbers import Toll, best_toll, find_tolls
from pipeline.extract.places import (COREFERENCE_WORDS, LocatedMention, capital_mentions, choose_place, event_places,
                                     find_coreference, find_weak_coreference, named_as_elsewhere, names_the_town, is_foreign, is_foreign_location, is_libyan, is_seat,
                                     specificity)
from pipeline.extract.sentences import Sentence, split_sentences
from pipeline.extract.text import FoldedText, fold_text
from pipeline.extract.triggers import Trigger, find_triggers, marker_spans, past_after_trigger, pluperfect_spans
from pipeline.dedupe import VAGUE_TOLL_NOTE
from pipeline.records import Article, ExtractedEvent, PlaceMention

AIR_POWERS = {"United States", "France", "Egypt", "United Arab Emirates", "Turkey", "Russia", "LNA"}
_LIBYA_WORD = re.compile(r"(?<!\w)[وبل]?(?:ليبيا|libya)(?!\w)")
_COMPASS = ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"]


@dataclass(slots=True)  # (built for every report sentence: no per-instance dict)
class Report:
    sentence: Sentence
    triggers: list[Trigger]
    own_date: D.ResolvedDate | None
    own_date_mention: D.DateMention | None
    reporting_date: D.ResolvedDate | None
    place: LocatedMention | None
    coref: bool
    libyan: bool
    foreign: bool
    tolls: list[Toll]
    actors: list[ActorMention]
    past: bool
    habitual: bool
    air: bool = False
    pluperfect: bool = False  # "وكانت قوات X قد هاجمت": told as earlier than the news it follows
    relative: tuple[int, int, int] | None = None  # (direction, min days, max days) from another event
    same_day: int | None = None  # "وفي اليوم نفسه" (0), "the next day" (1): days after the event told before
    town_word: bool = False  # names no place but says "المدينة" (the city)
    coref_weak: bool = False  # the coreference is a definite noun ("the port", "المطار"), not "the city"
    ongoing: bool = False  # "has been shaken by fighting since …": a lasting state (its date is when it began)
    spread: bool = False  # "the clashes spread to X": the violence reached another place
    names_abroad: bool = False  # names a place or country outside Libya
    folded: str = ""  # the article's folded text (read by the word tests below, which only some rules need)

    # Word tests of the sentence, computed when a rule asks (most reports never reach those rules).
    def told_again(self) -> bool:
        """Are its violence words all definite nouns ("الهجمات", "the attacks"): violence told before?"""
        # ("أطلق مجهولون النار على": "النار" is part of the verb phrase, no violence told before)
        return all(_definite(self.folded, t.start) and not self.folded.startswith("النار", t.start)
                   for t in self.triggers if t.group.strength >= 3)

    def statement(self) -> bool:
        """Does a reporting word or a reaction come before its violence ("أعلن المركز مقتل أربعة …")?"""
        start = self.sentence.start
        return _said_before(self.folded, start, next((t.start for t in self.triggers if t.group.strength >= 3), start))

    def also(self) -> bool:
        """"Libyan jets also bombed Sirte", "كما قصفت … أيضا": told as an addition to the news before?"""
        return _ALSO.search(self.folded, self.sentence.start, self.sentence.end) is not None

    def that_one(self) -> bool:
        """"That fighting killed 63", "تلك الاشتباكات": the violence just told, by a distal demonstrative?"""
        return any(_THAT_BEFORE.search(self.folded, max(self.sentence.start, t.start - 12), t.start)
                   for t in self.triggers if t.group.strength >= 3)


@dataclass
class Draft:
    reports: list[Report] = field(default_factory=list)
    date: D.ResolvedDate | None = None
    date_report: Report | None = None
    place: LocatedMention | None = None
    place_report: Report | None = None
    background: bool = False
    place_from_story: bool = False  # no place of its own: the one place where the story's news happens


def _published(article: Article) -> date | None:
    try:
        return date.fromisoformat((article.published or "")[:10])
    except ValueError:
        return None


def _haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _same_place(a: LocatedMention, b: LocatedMention) -> bool:
    ma, mb = a.mention, b.mention
    if ma.place_id == mb.place_id:
        return True
    if specificity(ma) >= 3 or specificity(mb) >= 3:
        return _haversine(ma.point, mb.point) <= 450
    return _haversine(ma.point, mb.point) <= 60


def _same_town(town: LocatedMention, placed: LocatedMention) -> bool:
    """Is `placed` the town itself or a place inside it (a quarter, its port)?"""
    return town.mention.place_id == placed.mention.place_id or \
        (specificity(placed.mention) <= 1 and _haversine(town.mention.point, placed.mention.point) <= 15)


_TOWN_FEATURES = frozenset(("city", "town", "village", "oasis"))
def _inside(outer: LocatedMention, inner: LocatedMention) -> bool:
    """Is `inner` the place `outer` or a quarter or site of the town `outer` (Ain Zara in Tripoli, Mitiga
    airport in Tripoli)? A quarter holds no other quarter or site."""
    mo, mi = outer.mention, inner.mention
    if mo.place_id == mi.place_id:
        return True
    return mo.feature in _TOWN_FEATURES and mi.feature not in _TOWN_FEATURES and \
        _haversine(mo.point, mi.point) <= 15


def _quarter_of(town: LocatedMention, placed: LocatedMention) -> bool:
    """Is `placed` a quarter or site of the town `town`, so that it tells more precisely where?"""
    return town.mention.place_id != placed.mention.place_id and placed.mention.relative is None \
        and town.mention.relative is None and _inside(town, placed)


def _distinct_sites(a: LocatedMention, b: LocatedMention) -> bool:
    """Two named places, more than a km apart, neither of which holds the other: two quarters of a city, a
    quarter and an airport, two towns."""
    ma, mb = a.mention, b.mention
    if specificity(ma) != 1 or specificity(mb) != 1:  # (a place N km from a town is no site of its own)
        return False
    return not _inside(a, b) and not _inside(b, a) and _haversine(ma.point, mb.point) > 1


def _date_compatible(report_date: D.ResolvedDate | None, event_date: D.ResolvedDate | None) -> bool:
    if report_date is None or event_date is None:
        return True
    return D.compatible(report_date, event_date)


def _within_a_day(a: D.ResolvedDate | None, b: D.ResolvedDate | None) -> bool:
    """Could the two dates be the same day or consecutive days? (Unknown: yes.)"""
    ra = a.day_range() if a is not None else None
    rb = b.day_range() if b is not None else None
    if ra is None or rb is None:
        return True
    return ra[0] - timedelta(days=1) <= rb[1] and rb[0] - timedelta(days=1) <= ra[1]


def extract_from_article(article: Article, place_mentions: list[PlaceMention]) -> list[ExtractedEvent]:
    text = article.full_text
    if not text or not text.strip():
        return []
    ft = fold_text(text)
    folded = ft.folded
    scan = Scan(folded, _dictionaries())  # every word list of every stage in one pass over the text
    triggers_all = find_triggers(folded, scan=scan)
    requested: list[tuple[int, int]] = []  # "pleaded for more NATO air strikes": the words asked for
    if triggers_all and (" for " in folded or "طالب" in folded or "دع" in folded):
        for t in triggers_all:
            asked_at = _requested(folded, t.start)
            if asked_at is not None:  # up to the end of the phrase ("… الغارات الجوية على مواقعها")
                stop = _PHRASE_END.search(folded, t.end, t.end + 40)
                requested.append((asked_at, stop.start() if stop else min(len(folded), t.end + 40)))
    if triggers_all and any(h in folded for h in _CHARGE_HINTS):
        for m in _CHARGED.finditer(folded):
            # "متهمون بخطف وتعذيب الثائر", "a man charged with murder": the charge, up to the phrase's end
            stop = _PHRASE_END.search(folded, m.end(), m.end() + 60)
            requested.append((m.start(), stop.start() if stop else min(len(folded), m.end() + 60)))
    if requested:
        triggers_all = [t for t in triggers_all if not _inside_spans(requested, t.start)]
    if not triggers_all:
        return []
    sentences = split_sentences(ft.cased, folded)
    published = _published(article)
    mentions = _locate(ft, place_mentions)
    date_mentions = D.find_dates(folded, triggers=[(t.start, t.end) for t in triggers_all], scan=scan)
    if date_mentions and mentions:
        # "سوق الجمعة" (Friday market), "سوق الثلاثاء": a weekday inside a place's name is no date
        spans = [(lm.start, lm.end) for lm in mentions]
        date_mentions = [dm for dm in date_mentions if not any(s <= dm.start and dm.end <= e for s, e in spans)]
    if published is None:
        # a story without publication date whose dateline is dated ("مرزق - الثلاثاء ١٢ سبتمبر ٢٠٢٣"): that day
        # is when it was written, the day its weekdays and "yesterday" count from
        published = _dateline_date(sentences, date_mentions, triggers_all)

    section_dates = _section_dates(folded, sentences, date_mentions, published)
    section_starts = [st for st, _, _ in section_dates]
    # The date of a statement the story reports is the reference for the weekdays told from there on
    # (a lede told before it counts from the publication day).
    article_ref = None
    article_ref_at = 0
    trig_at = [t.start for t in triggers_all]
    sentence_starts = [s.start for s in sentences]
    with_triggers = _sentences_holding(sentences, sentence_starts, trig_at)
    trigger_sentences = [s for s, _, _ in with_triggers if not s.heading]
    sent_starts = [s.start for s in trigger_sentences]
    for dm in date_mentions:
        k = bisect_left(sent_starts, dm.start + 1) - 1
        if dm.reporting and dm.kind in ("weekday", "relday", "monthday", "explicit") and \
                k >= 0 and dm.start < trigger_sentences[k].end:
            r = D.resolve(dm, published)
            if r.value and r.precision == "day":
                article_ref = date.fromisoformat(r.value)
                article_ref_at = trigger_sentences[k].start
                break

    # "منذ سقوط القذافي عام 2011", "since the fall of Gaddafi in 2011": history that frames the story;
    # its actor, trigger and date never govern the event told around it.
    hist = _historical_spans(folded, date_mentions) + requested  # (what was asked for is no event either)
    if hist:
        triggers_all = [t for t in triggers_all if not _inside_spans(hist, t.start)]
        trig_at = [t.start for t in triggers_all]
        if not triggers_all:
            return []
        with_triggers = _sentences_holding(sentences, sentence_starts, trig_at)
        date_mentions = [_as_since(dm) if _inside_spans(hist, dm.start) else dm for dm in date_mentions]
    actors = ArticleActors(folded, ft.cased, scan=scan)

    def actors_between(start: int, end: int) -> list[ActorMention]:
        found = actors.between(start, end)
        return [a for a in found if not _inside_spans(hist, a.start)] if hist else found

    tolls_all = find_tolls(folded, scan=scan, date_spans=[(dm.start, dm.end) for dm in date_mentions])
    past_at, habitual_at, air_at = marker_spans(folded, scan)
    if hist:  # "the fiercest fighting since the end of last year's war": that history is not the event's
        past_at = [p for p in past_at if not _inside_spans(hist, p)]
        if requested:  # "pleaded for more air strikes" tells nothing of the aircraft of the event
            air_at = [p for p in air_at if not _inside_spans(requested, p)]
    pluperfect_at = pluperfect_spans(folded)
    places_at = [lm.start for lm in mentions]
    dates_at = [dm.start for dm in date_mentions]
    tolls_at = [t.start for t in tolls_all]
    capital_named = folded.find("عاصمه") >= 0 or folded.find("capital") >= 0  # else capital_mentions finds none
    # the words of the coreference pattern this text holds (each sentence then looks for those alone)
    coref_words = tuple(w for w in COREFERENCE_WORDS if w in folded)
    reports: list[Report] = []

    # (sentence or clause, its triggers, "another", its dates and places: those of the whole
    # sentence when it is not cut, else None)
    parts: list[tuple[Sentence, list[Trigger], bool, list | None, list | None]] = []
    same_day_parts: set[int] = set()  # starts of clauses telling "a second strike" elsewhere, the same day
    for whole, lo, hi in with_triggers:
        w_trig = triggers_all[lo:hi]
        w_dates = _between(date_mentions, dates_at, whole.start, whole.end)
        w_places = _between(mentions, places_at, whole.start, whole.end)
        segs = _clauses(folded, whole, w_trig, w_dates, w_places, published) if len(w_dates) > 1 else None
        if segs is None and len(w_trig) > 1 and w_places:
            segs = _another_elsewhere(folded, whole, w_trig, w_dates, w_places)
            if segs is not None:
                parts.extend((p, t, False, None, None) for p, t in segs)
                same_day_parts.add(segs[1][0].start)
                continue
        if segs is None or len(segs) == 1:
            parts.append((whole, w_trig, False, w_dates, w_places))
            continue
        if any(a for _, _, a in segs):
            segs = [(p, t, True) for p, t, _ in segs]  # "a strike on 19 … and another on 24 …": a series at one place
        parts.extend((p, t, a, None, None) for p, t, a in segs)
    for sent, s_trig, another, s_dates, s_places in parts:
        start, end = sent.start, sent.end
        if s_places is None:
            s_places = _between(mentions, places_at, start, end)
            s_dates = _between(date_mentions, dates_at, start, end)
        if sent.dateline_end:
            s_places = [lm for lm in s_places if lm.start >= sent.dateline_end]
            if s_dates:
                s_dates = [dm for dm in s_dates if dm.start >= sent.dateline_end]  # the dateline's date: when it was written
        if capital_named and not any(is_foreign(lm.mention) for lm in s_places):  # "outside the capital" in a story about Tunis
            capitals = capital_mentions(folded, sent.dateline_end or start, end, mentions)
            if capitals:
                s_places = sorted(s_places + capitals, key=lambda lm: lm.start)
        rep = _report(ft, sent, s_trig, s_dates, s_places, published, article_ref if start >= article_ref_at else None,
                      actors_between(start, end),
                      _between(tolls_all, tolls_at, start, end), coref_words)
        rep.past = rep.past or _any_between(past_at, start, end)
        rep.ongoing = _ongoing(folded, start, end, s_trig)
        rep.habitual = rep.ongoing or _any_between(habitual_at, start, end)
        rep.air = _any_between(air_at, start, end)
        rep.pluperfect = _any_between(pluperfect_at, start, end)
        if rep.own_date is None and not sent.heading:
            rep.relative = _relative_to_event(folded, start, end)
        if rep.place is None and not rep.coref:
            rep.town_word = names_the_town(folded, start, end)
        elif rep.own_date is None and _spread(folded, start, end):
            rep.spread = True
        if another and rep.place is None and not rep.coref:
            rep.coref = True  # "and another on 24 September killed 11": where the one before it was
        if start in same_day_parts and rep.own_date is None and rep.same_day is None and rep.relative is None:
            rep.same_day = 0
        if section_starts and rep.own_date is None and not sent.heading and not rep.past and rep.relative is None \
                and rep.same_day is None:
            k = bisect_right(section_starts, start) - 1
            if k >= 0:  # an undated entry of a live blog's day ("Monday 12 May" … "23:50 … was shot dead")
                rep.own_date_mention, rep.own_date = section_dates[k][1], section_dates[k][2]
        if s_dates and not sent.heading:
            reports.extend(_split_series(rep, s_dates, published))
        else:
            reports.append(rep)

    zero_tolls = [t for t in tolls_all if t.value == 0]
    if zero_tolls and reports:
        # "إدارة المطار: لم تسجل أي إصابات بشرية", "There were no casualties.": a sentence with no violence word
        # right after a report tells that report's toll
        by_end = {r.sentence.end: r for r in reports}
        for t in zero_tolls:
            k = bisect_right(sentence_starts, t.start) - 1
            if k < 1 or sentences[k].heading or _any_between(trig_at, sentences[k].start, sentences[k].end):
                continue
            before = next((by_end[e] for e in range(sentences[k].start, sentences[k].start - 4, -1) if e in by_end), None)
            if before is not None and t not in before.tolls:
                before.tolls = [*before.tolls, t]
    datelines = [(st.start, st.dateline_end) for st in sentences if st.dateline_end]
    drafts = _assemble(reports, published, lambda: _story_town(folded, mentions),
                       lambda: _story_town(folded, [lm for lm in mentions if not _inside_spans(datelines, lm.start)
                                                    and not named_as_elsewhere(folded, lm)]))
    events: list[ExtractedEvent] = []
    for draft in drafts:
        inherited = Roles(events[-1].actor1, events[-1].assoc_actor_1, events[-1].actor2) if events else None
        ev = _finish(article, ft, draft, published, len(events), inherited, lambda: actors_between(0, len(folded)))
        if ev is not None:
            events.append(ev)
    return events


# "Murzuq has been shaken by fighting since the LNA moved in", "وتشهد المدينة اشتباكات متقطعة منذ أشهر": a state
# that has lasted, not an event.
# (written with the look-behind "(?<!\w)" after each branch's first letter: the same matches, found by a scan
# for those letters instead of a match attempt at every position)
_ONGOING_AR = r"\s+[^.؛:]{0,50}?"
_ONGOING = re.compile(r"(?:h(?<!\wh)(?:as|ave)\s+been\s+[^.;:]{0,50}?"
                      rf"|و(?<!\wو)(?:تشهد|يشهد|تعيش|يعيش){_ONGOING_AR}|ف(?<!\wف)(?:تشهد|يشهد|تعيش|يعيش){_ONGOING_AR}"
                      rf"|ت(?<!\wت)(?:شهد|عيش){_ONGOING_AR}|ي(?<!\wي)(?:شهد|عيش){_ONGOING_AR})"
                      r"\s(?:since|for\s+(?:years|months|weeks)|منذ)(?!\w)")


# "rebel leaders pleaded for more NATO air strikes", "طالبوا بمزيد من الغارات": violence asked for, not done.
_REQUESTED_BEFORE = re.compile(
    r"(?<!\w)(?:plead|pleads|pleaded|pleading|called|calling|calls|call|appealed|appealing|asked|asking|pressed|pressing|lobbied)\s+for\s+"
    r"(?:more|further|new|heavier|additional|renewed|an?|the)?\s*(?:[^\s.,;]+\s+){0,2}?$"
    r"|(?<!\w)[وف]?(?:طالب|طالبت|طالبوا|يطالب|تطالب|دعا|دعت|دعوا|يدعو|تدعو)\s+(?:[^\s.،]+\s+){0,4}?"
    r"(?:بمزيد\s+من|بالمزيد\s+من|بشن|الي\s+شن)\s+(?:ال)?$")


_PHRASE_END = re.compile(r"[.,،;؛:!?؟\n]")
# "المطلوبين … ومن بينهم متهمون بخطف وتعذيب الثائر", "a man wanted for the murder of": a charge, not an
# event told (a verb of accusing with its object, "اتهم المجلس ميليشيات مصراتة بقصف المدينة", still tells one)
_CHARGED = re.compile(
    r"(?<!\w)(?:[وف]?(?:ال)?متهم(?:ون|ين|ه|ان|ا)?\s+ب|[وف]?بتهمه\s|(?:charged\s+with|accused\s+of|suspected\s+of|wanted\s+for"
    r"|convicted\s+of)\s)")
_CHARGE_HINTS = ("متهم", "تهمه", "charged with", "accused of", "suspected of", "wanted for", "convicted of")


def _section_dates(folded: str, sentences: list[Sentence], date_mentions: list[D.DateMention],
                   published: date | None) -> list[tuple[int, D.DateMention, D.ResolvedDate]]:
    """A live blog's or a timeline's day headings: lines that are only a date ("Tuesday 13 May",
    "الاثنين 12 مايو"), when the story has two or more of them for different days (a single date line is
    the page's date). (line start, its mention, its day), in text order."""
    if not date_mentions:
        return []
    days = [dm for dm in date_mentions if dm.kind in ("explicit", "monthday", "numeric")]
    if len(days) < 2:
        return []
    starts = [dm.start for dm in days]
    found = []
    for st in sentences:
        if st.heading and st.end - st.start <= 40:
            k = bisect_left(starts, st.start)
            dm = days[k] if k < len(days) and days[k].start < st.end else None
            # (the date may follow its weekday: "الاثنين 6 مايو", where "الاثنين" is read as no weekday)
            if dm is not None and len(folded[st.start:dm.start].split()) <= 1 \
                    and not any(ch.isdigit() for ch in folded[st.start:dm.start]) \
                    and not folded[dm.end:st.end].strip(" .,:،-–—"):
                day = D.resolve(dm, published)
                if day.value and day.precision == "day":
                    found.append((st.start, dm, day))
    return found if len({day.value for _, _, day in found}) >= 2 else []


def _requested(folded: str, at: int) -> int | None:
    """Where the request for the violence told at `at` starts, if it is one."""
    lo = max(0, at - 60)
    window = folded[lo:at]
    if " for " not in window and "طالب" not in window and "دع" not in window:
        return None  # (one of them is in every match)
    m = _REQUESTED_BEFORE.search(folded, lo, at)
    return m.start() if m else None


_SPREAD = re.compile(r"(?<!\w)[وف]?(?:امتدت|امتد|اتسعت|انتقلت|انتقل)\s+(?:رقعه\s+)?(?:ال\S+\s+)?(?:الي|لتشمل)\s"
                     r"|(?<!\w)(?:spread|spilled\s+over|extended)\s+(?:in)?to\s")


def _spread(folded: str, start: int, end: int) -> bool:
    """"وامتدت الاشتباكات إلى تاجوراء", "the fighting spread to X": the violence reached another place."""
    if folded.find("الي", start, end) < 0 and folded.find("لتشمل", start, end) < 0 and folded.find("to ", start, end) < 0:
        return False
    return _SPREAD.search(folded, start, end) is not None


def _ongoing(folded: str, start: int, end: int, triggers: list[Trigger]) -> bool:
    """Are all the sentence's event words inside a "has been … since" statement?"""
    if folded.find("since", start, end) < 0 and folded.find("منذ", start, end) < 0 and folded.find(" for ", start, end) < 0:
        return False
    spans = [(m.start(), m.end()) for m in _ONGOING.finditer(folded, start, end)]
    return bool(spans) and all(any(a <= t.start < b for a, b in spans) for t in triggers)


def _dateline_date(sentences: list[Sentence], date_mentions: list[D.DateMention],
                   triggers: list[Trigger]) -> date | None:
    """The full date of the story's dateline: inside a dateline prefix, or alone on one of the first
    lines with at most a place and a weekday ("طرابلس - الثلاثاء 12 سبتمبر 2023"), no event word."""
    for sent in sentences[:3]:
        if sent.start > 300:
            break
        line_only = sent.end - sent.start <= 60 and not any(sent.start <= t.start < sent.end for t in triggers)
        if sent.dateline_end is None and not line_only:
            continue
        limit = sent.end if line_only else sent.dateline_end
        for dm in date_mentions:
            if sent.start <= dm.start < limit and dm.kind in ("explicit", "numeric") and dm.year and dm.month and dm.day:
                try:
                    return date(dm.year, dm.month, dm.day)
                except ValueError:
                    return None
    return None


def _sentences_holding(sentences: list[Sentence], sentence_starts: list[int],
                       positions: list[int]) -> list[tuple[Sentence, int, int]]:
    """(sentence, lo, hi) for each sentence (text order) holding some of the sorted positions:
    positions[lo:hi] are in it. Found from the positions (an article's few triggers), not by
    looking through every sentence."""
    out = []
    i, n = 0, len(positions)
    while i < n:
        k = bisect_right(sentence_starts, positions[i]) - 1
        if k < 0 or positions[i] >= sentences[k].end:
            i += 1  # between two sentences (white space)
            continue
        j = bisect_left(positions, sentences[k].end, i)
        out.append((sentences[k], i, j))
        i = j
    return out


def _between(items: list, starts: list[int], start: int, end: int) -> list:
    """The items (sorted by their `starts`) that start in [start, end)."""
    return items[bisect_left(starts, start):bisect_left(starts, end)]


def _any_between(starts: list[int], start: int, end: int) -> bool:
    return bisect_left(starts, start) < bisect_left(starts, end)


@lru_cache(maxsize=None)
def _dictionaries() -> tuple[Dictionary, ...]:
    return (*_triggers.dictionaries(), *_actors.dictionaries(), *_numbers.dictionaries(), *D.dictionaries())


def _locate(ft: FoldedText, mentions: list[PlaceMention]) -> list[LocatedMention]:
    folded = ft.folded
    out = [LocatedMention(m, ft.to_folded(m.start), ft.to_folded(m.end)) for m in mentions]
    if "شارع" in folded or "street" in folded:
        out = [lm for lm in out if not _street_name(folded, lm)]
    out.sort(key=lambda lm: lm.start)
    return out


_STREET_BEFORE = re.compile(r"(?<!\w)[وبف]?(?:ال)?شارع\s+$")
_STREET_AFTER = re.compile(r"\s+street(?!\w)")


def _street_name(folded: str, lm: LocatedMention) -> bool:
    """"شارع الزاوية" in Tripoli, "Tripoli Street" in Misrata: a street named after a town, not the town."""
    return _STREET_BEFORE.search(folded, max(0, lm.start - 8), lm.start) is not None or \
        _STREET_AFTER.match(folded, lm.end) is not None


def _libya_named(folded: str, start: int, end: int) -> bool:
    if folded.find("ليبيا", start, end) < 0 and folded.find("libya", start, end) < 0:
        return False
    return bool(_LIBYA_WORD.search(folded, start, end))


def _report(ft, sent, s_trig, s_dates, s_places, published, article_ref, s_actors, s_tolls,
            coref_words: tuple[str, ...] = COREFERENCE_WORDS) -> Report:
    """`coref_words`: the words of the coreference pattern the text holds."""
    folded = ft.folded
    start, end = sent.start, sent.end
    reporting_date = same_day = own_date = own_mention = None
    if s_dates:
        reporting_date, same_day, own_date, own_mention = _sentence_dates(folded, sent, s_trig, s_dates, published, article_ref)
    candidates = event_places(folded, s_places, [(a.start, a.end) for a in s_actors]) if s_places else []
    coref = find_coreference(folded, start, end, coref_words) if coref_words else None
    if coref is not None and candidates and any(lm.start < coref.start() for lm in candidates):
        coref = None  # "… in Benghazi, the deadliest attack in the city …": the city just named
    any_foreign = False
    libyan_named = bool(candidates)
    for lm in s_places:
        code = lm.mention.country_code
        if code == "LY":
            libyan_named = True
        elif code:  # is_foreign
            any_foreign = True
    weak = False
    if coref is None and not candidates and not any_foreign:
        coref = find_weak_coreference(folded, start, end)
        weak = coref is not None
    if coref:
        place = None
    elif candidates:
        place = choose_place(candidates, s_trig[0].start, folded, [(t.start, t.end) for t in s_trig])
    else:
        place = None
    libyan = libyan_named or _libya_named(folded, start, end) or bool(coref)
    if s_tolls and _numbers.unverified(folded, start, end):
        s_tolls = []  # "IS said it killed 16, a figure that could not be verified"
    abroad = [lm for lm in s_places if is_foreign_location(folded, lm) and not is_seat(folded, lm)] \
        if any_foreign else []
    foreign = bool(abroad)
    if abroad and s_tolls:
        # a toll told next to a foreign place ("… an attack in Minya, Egypt, that killed 29") is that
        # place's, not the Libyan event's
        s_tolls = [t for t in s_tolls if not _nearest_is_abroad(t, abroad, candidates)]
    return Report(
        sentence=sent, triggers=s_trig, own_date=own_date, own_date_mention=own_mention,
        reporting_date=reporting_date, place=place, coref=bool(coref), coref_weak=weak,
        libyan=libyan, foreign=foreign, names_abroad=any_foreign,
        tolls=s_tolls,
        actors=s_actors,
        past=past_after_trigger(folded, sent.end, s_trig),
        habitual=False,
        same_day=same_day,
        folded=folded,
    )


_THAT_BEFORE = re.compile(r"(?<!\w)(?:that|those|تلك|ذلك)\s+$")


# "دان المجلس الرئاسي الهجوم", "the UN condemned the attack": a reaction to violence told before
_REACTION = re.compile(r"(?<!\w)[وف]?(?:دان|دانت|ادان|ادانت|استنكر|استنكرت|ندد|نددت|condemned|condemns|denounced)(?!\w)")


def _said_before(folded: str, start: int, at: int) -> bool:
    """Does a reporting word or a reaction come before `at` in the sentence?"""
    return D.reporting_cue_in(folded, start, at) or _REACTION.search(folded, start, at) is not None


_ALSO = re.compile(r"(?<!\w)(?:also|too|as\s+well|ايضا|كذلك)(?!\w)")


_DEFINITE_EN = frozenset(("the", "these", "those", "this", "that", "its", "their", "his", "her"))


def _definite(folded: str, at: int) -> bool:
    """Is the word at `at` a definite noun: "الهجوم", "والتفجيرات", "للهجوم", "the attack", "these strikes"?"""
    word_start = max(folded.rfind(" ", 0, at), folded.rfind("\n", 0, at)) + 1
    head = folded[word_start:word_start + 3]
    if head[:2] in ("ال", "لل") or (head[0:1] in ("و", "ف", "ب", "ك") and head[1:3] in ("ال", "لل")):
        return True
    before = folded[max(0, word_start - 8):word_start].split()
    return bool(before) and before[-1] in _DEFINITE_EN


def _sentence_dates(folded: str, sent: Sentence, s_trig: list[Trigger], s_dates: list[D.DateMention],
                    published: date | None, article_ref: date | None):
    """(reporting date, same-day offset, own date, own date's mention) of a report's sentence."""
    if len(s_dates) > 1:
        # "صباح أمس الخميس", "yesterday, Thursday": the weekday only names the day of "yesterday"
        s_dates = [dm for i, dm in enumerate(s_dates)
                   if not (i and dm.kind == "weekday" and s_dates[i - 1].kind == "relday"
                           and not folded[s_dates[i - 1].end:dm.start].strip(" ,،"))]
    reporting = [dm for dm in s_dates if dm.reporting and dm.kind != "numeric"]
    reporting_date = None
    if reporting and not sent.heading:
        reporting_date = D.resolve(reporting[0], published, article_ref if reporting[0].kind == "weekday" else None)
    sentence_ref = None
    if reporting_date is not None and reporting_date.value and reporting_date.precision == "day" \
            and reporting[0].kind != "relday":
        # (a statement of "مساء أمس" is itself counted from the publication day, as is every "أمس" near it)
        sentence_ref = date.fromisoformat(reporting_date.value)
    same_day = next((dm.offset for dm in s_dates if dm.kind == "same"), None)
    own = [dm for dm in s_dates if not dm.reporting and dm.kind not in ("numeric", "same") and not dm.since
           and not _as_of(folded, dm)]
    if own:
        not_since = [dm for dm in own if not _is_since(folded, dm)]
        if not_since:
            own = not_since  # "controlled since 2011": a state's start, not the event
    own_date = own_mention = None
    if own and not sent.heading:
        own_mention = own[0] if len(own) == 1 else min(own, key=lambda dm: min(abs(dm.start - t.start) for t in s_trig))
        if own_mention.kind == "weekday":
            ref = sentence_ref or article_ref
        elif own_mention.kind in ("relday", "week"):
            ref = sentence_ref
        else:
            ref = None
        own_date = D.resolve(own_mention, published, ref)
    return reporting_date, same_day, own_date, own_mention


_SINCE_BEFORE = re.compile(r"(?<!\w)(?:منذ|since)(?:\s+[^\s,،.;؛:]+){0,6}\s*$")
_HISTORY = re.compile(
    r"(?<!\w)(?:منذ|بعد|عقب|since|after|following)\s+(?:(?:ال)?(?:سقوط|الاطاحه|اسقاط|رحيل|مقتل|ثوره|انتفاضه|انهيار|طرد|هزيمه|تحرير|خروج)\S*\s"
    r"|the\s+(?:fall|ouster|overthrow|toppling|downfall|death|killing|revolution|uprising|expulsion|defeat|liberation)\s"
    r"|(?:losing|being\s+driven\s+out\s+of|being\s+expelled\s+from)\s)"
    # "since the end of last year's war", "منذ اندلاع الحرب": a span of time that frames the story
    r"|(?<!\w)(?:منذ|since)\s+(?:(?:ال)?(?:بدء|بدايه|اندلاع|نهايه|انتهاء)\s|the\s+(?:start|beginning|outbreak|end)\s+of\s)")
_HISTORY_END = re.compile(r"[,،.;؛:\n]|(?<!\w)(?:و|and|but|لكن)\s")


def _historical_spans(folded: str, date_mentions: list[D.DateMention]) -> list[tuple[int, int]]:
    """Spans of 'since/after the fall of X (in 2011)' clauses: up to the year that closes them, else
    up to six words or the next clause break."""
    spans = []
    for m in _history_matches(folded):
        brk = _HISTORY_END.search(folded, m.end(), m.end() + 120)
        end = brk.start() if brk else min(len(folded), m.end() + 120)
        dated = next((dm for dm in date_mentions if m.end() <= dm.start < end and dm.kind != "same"), None)
        if dated is not None:
            end = dated.end
        else:
            words = folded[m.end():end].split()
            end = m.end() + len(" ".join(words[:5])) if len(words) > 5 else end
        spans.append((m.start(), end))
    return spans


_HISTORY_WORDS = ("منذ", "بعد", "عقب", "since", "after", "following")  # every _HISTORY match begins with one


def _history_matches(folded: str) -> list[re.Match]:
    """_HISTORY.finditer(folded), the pattern tried only where one of its first words occurs (else
    it is tried at every character)."""
    begins = []
    for word in _HISTORY_WORDS:
        i = folded.find(word)
        while i >= 0:
            begins.append(i)
            i = folded.find(word, i + 1)
    out = []
    resume = 0  # matches do not overlap: the next one begins after the last one's end
    for pos in sorted(begins):
        if pos >= resume:
            m = _HISTORY.match(folded, pos)
            if m is not None:
                out.append(m)
                resume = m.end()
    return out


def _inside_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _as_since(dm: D.DateMention) -> D.DateMention:
    return replace(dm, since=True)


_AS_OF_BEFORE = re.compile(r"(?<!\w)(?:حتي|as\s+of)\s+$")


def _as_of(folded: str, dm: D.DateMention) -> bool:
    """"لم يؤكد أي مصدر حتى مساء أمس مقتله", "as of Friday": the day a statement stood, not the event's."""
    return dm.kind == "relday" and _AS_OF_BEFORE.search(folded, max(0, dm.start - 8), dm.start) is not None


def _is_since(folded: str, dm: D.DateMention) -> bool:
    """A year that starts a state ("تسيطر على المطار منذ عام 2011", "held since 2014"), not an event's day."""
    if dm.since:
        return True
    if dm.month is not None or dm.kind not in ("year", "explicit"):
        return False  # "clashes since 26 August": the day the fighting told began
    lo = max(0, dm.start - 50)
    if folded.find("منذ", lo, dm.start) < 0 and folded.find("since", lo, dm.start) < 0:
        return False  # in every _SINCE_BEFORE match
    return bool(_SINCE_BEFORE.search(folded, lo, dm.start))


# Where one clause of a sentence ends and the next begins ("…، وفي نوفمبر 2015 …", "…; in May …",
# "… and another on 24 September …").
_CLAUSE_GAP = re.compile(r"[,،;؛]\s*(?:و|ف|and\s+|while\s+|whereas\s+|بينما\s+|فيما\s+)?|\s(?:و(?=\S)|and\s|while\s|whereas\s|بينما\s|فيما\s)")
# A clause that tells "another" strike of the same kind, at the place told before it.
_ANOTHER = re.compile(r"(?<!\w)(?:another|a second|a third|اخري|ثانيه|ثالثه|مماثله?)(?!\w)")


_SECOND = re.compile(r"(?<!\w)(?:another|a second|a third|اخري|ثانيه|ثالثه)(?!\w)")  # (not "a similar attack": that one is older)


def _another_elsewhere(folded: str, sent: Sentence, s_trig: list[Trigger], s_dates: list[D.DateMention],
                       s_places: list[LocatedMention]) -> list[tuple[Sentence, list[Trigger]]] | None:
    """"…، فيما طالت ضربة ثانية استراحة على بعد 30 كلم غرب الزاوية", "while a second strike hit a farm near X":
    a clause telling another strike at another place, with no date of its own, is cut off the sentence
    (it happened the same day)."""
    m = _SECOND.search(folded, sent.start, sent.end)
    if m is None or any(dm.start > m.start() for dm in s_dates):
        return None
    gaps = list(_CLAUSE_GAP.finditer(folded, sent.start, m.start()))
    if not gaps:
        return None
    cut = gaps[-1].start()
    before = [t for t in s_trig if t.start < cut]
    after = [t for t in s_trig if t.start >= cut]
    places_after = [lm for lm in s_places if lm.start >= cut and is_libyan(lm.mention)]
    if not before or not after or not places_after or m.end() > after[0].end + 30:
        return None  # (the "second" word must go with the clause's own trigger)
    return [(replace(sent, end=cut), before), (replace(sent, start=cut, dateline_end=None), after)]


def _clauses(folded: str, sent: Sentence, s_trig: list[Trigger], s_dates: list[D.DateMention],
             s_places: list[LocatedMention], published: date | None) -> list[tuple[Sentence, list[Trigger], bool]]:
    """A sentence that tells two happenings, each with its own date, is cut in two clauses: "In
    February jets struck a camp near X, and in November 2015 a raid on Y killed Z" -> two reports.
    Cut only between two incompatible dates, at the last clause boundary before the later one, when
    the later clause has its own trigger (or says "another") and its own place (or says "another")."""
    own = [dm for dm in s_dates if not dm.reporting and dm.series_len == 1 and dm.kind not in ("numeric", "same")
           and not _is_since(folded, dm)]
    whole = [(sent, s_trig, False)]
    if len(own) < 2 or sent.heading:
        return whole
    cuts: list[tuple[int, bool]] = []
    prev = own[0]
    for dm in own[1:]:
        if D.compatible(D.resolve(prev, published), D.resolve(dm, published)):
            continue
        gaps = list(_CLAUSE_GAP.finditer(folded, prev.end, dm.start))
        prev = dm
        if not gaps:
            continue
        cut = gaps[-1].start()
        floor = cuts[-1][0] if cuts else sent.start
        if not any(floor <= t.start < cut for t in s_trig):
            continue  # the clause before it tells nothing violent
        stop = next((o.start for o in own if o.start > dm.end), sent.end)
        seg_end = max(stop, dm.end)
        another = bool(_ANOTHER.search(folded, cut, seg_end))
        has_trigger = any(cut <= t.start < seg_end for t in s_trig)
        has_place = any(cut <= lm.start < seg_end and not is_foreign(lm.mention) for lm in s_places)
        placeless = not has_place and not any(not is_foreign(lm.mention) for lm in s_places)
        if (has_trigger or another) and (has_place or another or placeless):
            cuts.append((cut, another))  # (a sentence that names no place: both happened where the story is)
    if not cuts:
        return whole
    out = []
    bounds = [(sent.start, False), *cuts, (sent.end, False)]
    for i in range(len(bounds) - 1):
        a, another = bounds[i]
        b = bounds[i + 1][0]
        part = replace(sent, start=a, end=b, dateline_end=sent.dateline_end if i == 0 else None)
        trig = [t for t in s_trig if a <= t.start < b] or [s_trig[0]]
        out.append((part, trig, another))
    return out


def _nearest_is_abroad(toll: Toll, abroad: list[LocatedMention], home: list[LocatedMention]) -> bool:
    def gap(lm: LocatedMention) -> int:
        return max(lm.start - toll.end, toll.start - lm.end, 0)
    nearest_abroad = min(gap(lm) for lm in abroad)
    return not home or nearest_abroad < min(gap(lm) for lm in home)


def _split_series(rep: Report, s_dates: list[D.DateMention], published: date | None) -> list[Report]:
    """'Strikes on 19, 24 and 26 September … killing 8, 11 and 17': one report per listed day, each
    with its own figure when the tolls are listed in the same order (else no figure)."""
    series = [dm for dm in s_dates if dm.series_len > 1 and not dm.reporting]
    if rep.sentence.heading or not series:
        return [rep]
    first = [dm for dm in series if dm.start == series[0].start]
    toll_list = next((t for t in rep.tolls if len(t.series) == len(first)), None)
    out = []
    for i, dm in enumerate(first):
        tolls = [Toll(toll_list.series[i], False, toll_list.start, toll_list.end)] if toll_list else []
        out.append(replace(rep, own_date=D.resolve(dm, published), own_date_mention=dm, tolls=tolls))
    return out


def _is_old(d: D.ResolvedDate | None, published: date | None) -> bool:
    """A date well before publication: history recalled, not the news of the day."""
    if d is None or not d.value:
        return False
    rng = d.day_range()
    if published is None:
        return d.precision in ("month", "year")
    return rng[1] < published - timedelta(days=14)


def _to_the_day(draft: Draft | None) -> bool:
    """Is the draft dated to a known day?"""
    return draft is not None and draft.date is not None and bool(draft.date.value) and draft.date.precision == "day"


def _news_of_the_day(draft: Draft | None, published: date | None) -> bool:
    """Is the draft dated to a day, and the news the article was published for: that day or the two before?"""
    if not _to_the_day(draft) or draft.background:
        return False
    if published is None:
        return True
    return 0 <= (published - date.fromisoformat(draft.date.value)).days <= 2


def _story_town(folded: str, mentions: list[LocatedMention]) -> LocatedMention | None:
    """The Libyan town the article names most (its dateline counted, a government's seat not; the first
    named on a tie): what "the city" means in a sentence that follows no placed event."""
    towns = [lm for lm in mentions if is_libyan(lm.mention) and lm.mention.relative is None
             and specificity(lm.mention) == 1 and not is_seat(folded, lm)]
    if not towns:
        return None
    counts = Counter(lm.mention.name for lm in towns)
    top = max(counts.values())
    return next(lm for lm in towns if counts[lm.mention.name] == top)


def _assemble(reports: list[Report], published: date | None,
              story_town: Callable[[], LocatedMention | None] = lambda: None,
              body_town: Callable[[], LocatedMention | None] = lambda: None) -> list[Draft]:
    """Reports -> events. story_town: the town the story names most; body_town: the same, its datelines
    not counted."""
    drafts: list[Draft] = []
    pending: list[Report] = []
    headings: list[Report] = []
    last_placed: Draft | None = None
    last_draft: Draft | None = None
    prev_place: LocatedMention | None = None  # where the report just before happened, and where its sentence ends
    prev_end = -10

    def current_primary() -> Draft | None:
        return next((d for d in reversed(drafts) if not d.background), None)

    for rep in reports:
        if rep.habitual and (rep.own_date is None or rep.ongoing):
            continue
        if rep.foreign and not rep.libyan:
            continue  # violence abroad (Tunis, Missouri): not a Libyan event
        if rep.foreign and rep.place is None and not rep.coref:
            continue  # "an attack on a town in southeastern Tunisia, near the Libyan border": abroad too
        if rep.sentence.heading:
            if not rep.past:
                headings.append(rep)
            continue
        place = rep.place
        if rep.coref and last_placed is not None:
            place = last_placed.place
        elif ((rep.coref and not rep.coref_weak) or rep.town_word) and place is None and last_placed is None:
            place = story_town()  # "the city" before any placed event: the town the story is about
        elif rep.town_word and place is None and rep.own_date is not None:
            # a dated "المدينة" after a placed event: the story's town when that event happened in it (Arabic
            # says "the city" of whatever city the writer has in mind, so nothing else is assumed; an undated
            # one adds to the event told before)
            town = story_town()
            if town is not None and (last_placed.place.mention.relative is None
                                     or last_placed.place.mention.place_id == town.mention.place_id) \
                    and _same_town(town, last_placed.place):
                place = town
        elif place is None and not rep.coref and not rep.names_abroad and prev_place is not None \
                and rep.sentence.start - prev_end <= 3 \
                and rep.own_date is not None and (rep.past or _is_old(rep.own_date, published)) \
                and max(t.group.strength for t in rep.triggers) >= 3:
            # "It was not the first attack in the city. In June, a bomb exploded outside the consulate": history
            # told right after a sentence placed in a town, naming no place of its own, happened there too
            place = prev_place
        prev_place, prev_end = place, rep.sentence.end
        if any(t.update for t in rep.tolls) and drafts:
            # "the toll rose to 15 on Friday": a revised figure for an event told before, never a new
            # event; its date is the day of the update
            target = next((d for d in reversed(drafts) if place is not None and d.place is not None
                           and _same_place(place, d.place)), None) or last_draft or drafts[-1]
            target.reports.append(rep)
            continue
        own_date = rep.own_date
        rel_anchor = another = None  # another: told as another happening than this draft's (same day, spread)
        if own_date is None and rep.same_day is not None and place is not None and _to_the_day(last_draft):
            # "the same day, a suicide bomber struck Y": another event that day (or the day after)
            d = date.fromisoformat(last_draft.date.value) + timedelta(days=rep.same_day)
            own_date = D.ResolvedDate(d.isoformat(), "day", f"d:{d.year}-{d.month}-{d.day}", "the day of the event before")
            if max(t.group.strength for t in rep.triggers) >= 3:
                rel_anchor = another = last_draft  # told as another happening than the one its day is counted from
        if own_date is None and rep.spread and place is not None and _to_the_day(last_draft) \
                and last_draft.place is not None \
                and not _same_town(last_draft.place, place) and not _same_town(place, last_draft.place):
            # "وامتدت الاشتباكات إلى تاجوراء": another place than the event told before, the same day
            own_date = last_draft.date
            rel_anchor = another = last_draft
        if own_date is None and place is not None and not rep.past and not rep.pluperfect and rep.relative is None \
                and not rep.coref and _news_of_the_day(last_draft, published) \
                and last_draft.place is not None \
                and _distinct_sites(place, last_draft.place) and (_same_place(place, last_draft.place) or rep.also()) \
                and max(t.group.strength for t in rep.triggers) >= 3 \
                and rep.reporting_date is None and not rep.told_again() and not rep.statement() \
                and not any(t.group.name == "claim" for t in rep.triggers):
            # the day's news told place by place ("… in Fwayhat. Hours later, gunmen killed two soldiers in
            # Sidi Hussein"): an attack at another quarter, site or town is another event of that day
            own_date = last_draft.date
            rel_anchor = another = last_draft
        if own_date is None and not rep.past and not rep.pluperfect and rep.relative is None and rep.same_day is None \
                and _news_of_the_day(last_draft, published) and _air_reply(rep, last_draft) \
                and (place is None or last_draft.place is None or _same_place(place, last_draft.place)):
            # "… the attackers stormed the checkpoint. LNA warplanes then struck their positions": the air
            # strikes of another armed actor are another event of that day, not the ground attack (where no
            # place is told, around the place of that attack)
            own_date = last_draft.date
            rel_anchor = another = last_draft
            if place is None and not rep.coref and last_draft.place is not None:
                place = last_draft.place
        if own_date is None and rep.relative is not None and place is not None:
            own_date, rel_anchor = _date_from_anchor(rep.relative, drafts, last_draft)
        if own_date is None and place is None:
            if rep.past:
                continue
            target = current_primary()
            if last_draft is not None and last_draft.background and rep.that_one():
                target = last_draft  # "… fighting that broke out on August 26. That fighting killed 63": the one just told
            if target is None:
                pending.append(rep)
            else:
                target.reports.append(rep)
            continue
        background = rep.past or _is_old(own_date, published)
        match = None
        order = list(reversed(drafts))
        if own_date is None:  # a dated-less report is about the news of the day when that fits
            order = [d for d in order if d.background == background] + [d for d in order if d.background != background]
        for draft in order:
            if background != draft.background and own_date is not None and draft.date is None:
                continue
            if draft.date is not None and own_date is not None and not _date_compatible(own_date, draft.date):
                continue
            if own_date is not None and own_date.value and draft.date is None and draft.place is not None \
                    and draft.background != background:
                continue
            if own_date is not None and draft.date is not None and own_date.value is None and draft.date.value is None \
                    and own_date.key != draft.date.key:
                continue
            if place is not None and draft.place is not None and not _same_place(place, draft.place):
                continue
            if rep.own_date is not None and draft.date is not None and place is not None and draft.place is not None \
                    and _distinct_sites(place, draft.place):
                continue  # dated news from two quarters or sites of a city (two towns): two events
            if draft is rel_anchor:
                continue
            if another is not None and (draft.place is None or place is None or draft.place.mention.place_id != place.mention.place_id
                                        or draft.place.mention.relative != place.mention.relative):
                continue  # "meanwhile, forces clashed 27 km west of Tripoli": not the Tripoli fighting either  # "days after the strike": another event than the strike
            if _other_happening(rep, draft):
                continue  # "… fighting since the LNA moved in" after a US strike: another actor, another kind
            if rep.pluperfect and own_date is not None and own_date.value and draft.date is None \
                    and not all(_date_compatible(own_date, r.reporting_date) for r in draft.reports):
                continue  # "X announced on Thursday it retook the port … X had attacked it on 14 June": two events
            match = draft
            break
        if match is None and own_date is None and drafts and any(t.group.name == "claim" for t in rep.triggers):
            continue  # "no one claimed the Ras Lanuf bombing, but blamed militants based in Sirte": no new event
        if match is None and own_date is None and drafts and rep.told_again() and rep.statement():
            continue  # "the council, which has not yet entered Tripoli, condemned the attack": said of a told event
        if match is None:
            match = Draft(background=background)
            drafts.append(match)
            if pending and not background:
                match.reports.extend(pending)
                pending = []
        match.reports.append(rep)
        last_draft = match
        if own_date is not None and (match.date is None or _more_precise(own_date, match.date)):
            match.date, match.date_report = own_date, rep
        if place is not None and (match.place is None or specificity(place.mention) < specificity(match.place.mention)
                                  or _quarter_of(match.place, place)):
            match.place, match.place_report = place, rep
        if match.place is not None:
            last_placed = match
    first_primary = next((d for d in drafts if not d.background), None)
    placed_heading = next((h for h in headings if h.place is not None), None)
    if first_primary is None and placed_heading is not None and pending:
        # the body tells the strike but only the headline says where ("US strike near Murzuq kills 11")
        first_primary = Draft()
        drafts.insert(0, first_primary)
    if first_primary is not None:
        first_primary.reports[:0] = headings + pending
        if first_primary.place is None and placed_heading is not None:
            first_primary.place, first_primary.place_report = placed_heading.place, placed_heading
    _place_from_story(drafts)
    _lone_history_at_body_town(drafts, body_town)
    return drafts


def _lone_history_at_body_town(drafts: list[Draft], body_town: Callable[[], LocatedMention | None]) -> None:
    """A story that places nothing and recalls one dated strike or attack without a place ("It has had a
    turbulent history: in August 2019, an air strike hit a hangar at the college", in a feature about a
    town's port): it happened in the town the story is about, named in its body (a dateline alone says
    only where the story was filed)."""
    if not drafts or any(d.place is not None for d in drafts):
        return
    recalled = [d for d in drafts if d.date is not None and d.date.value
                and max(t.group.strength for r in d.reports for t in r.triggers) >= 3]
    if len(recalled) != 1 or not recalled[0].background or any(r.names_abroad for r in recalled[0].reports):
        return
    town = body_town()
    if town is not None:
        recalled[0].place, recalled[0].place_from_story = town, True


def _place_from_story(drafts: list[Draft]) -> None:
    """A dated event of the day told without a place ("forces said they seized the conference centre on
    Wednesday") happened where the story's news happens, when all its placed news is at one place."""
    # (an attack, a clash, a takeover: a death told alone, "مقتل القيادي", may be a late confirmation or a toll
    # of an event told elsewhere)
    unplaced = [d for d in drafts if d.place is None and not d.background and d.date is not None
                and max(t.group.strength for r in d.reports for t in r.triggers) >= 3]
    if not unplaced:
        return
    placed = [d for d in drafts if d.place is not None and not d.background and is_libyan(d.place.mention)]
    if not placed or any(not _same_place(placed[0].place, d.place) for d in placed[1:]):
        return
    setting = min((d.place for d in placed), key=lambda lm: specificity(lm.mention))
    for d in unplaced:
        if any(_within_a_day(d.date, p.date) for p in placed):
            continue  # a day apart at the story's place: more likely the event told again (a late toll, a claim)
        d.place, d.place_from_story = setting, True


# "بعد نحو شهر من هجوم مماثل استهدف X", "days after the strike": a date counted from another event.
_SPAN_DAYS = {"ساعات": (0, 0), "hours": (0, 0), "ايام": (2, 10), "يومين": (2, 2), "اسبوع": (5, 10), "اسبوعين": (12, 16), "شهر": (25, 40),
              "شهرين": (50, 70), "اشهر": (60, 150), "days": (2, 10), "a week": (5, 10), "weeks": (10, 25),
              "a month": (25, 40), "two months": (50, 70), "months": (60, 150),
              "a day": (1, 1), "two days": (2, 2), "three days": (3, 3), "ثلاثه ايام": (3, 3)}
_RELATIVE_EVENT = re.compile(
    r"(?<!\w)[وف]?(?:بعد|عقب)\s+(?:نحو\s+|حوالي\s+|قرابه\s+)?(?P<ar>ساعات|ايام|يومين|اسبوعين|اسبوع|شهرين|شهر|اشهر)\s+(?:فقط\s+)?(?:من|علي)\s+(?P<ar_def>ال)?"
    # "وعقب التفجير بساعات": hours after the event just told
    r"|(?<!\w)[وف]?(?:بعد|عقب)\s+(?P<ar_def2>ال)\S+\s+ب(?P<ar2>ساعات)(?!\w)"
    r"|(?<!\w)(?:about\s+|some\s+|nearly\s+|just\s+|only\s+)?(?P<en>hours|days|a\s+week|weeks|a\s+month|two\s+months|months)\s+after\s+(?P<en_def>the\s+|this\s+|that\s+)?"
    # "Hours earlier, NATO aircraft had struck …", "وقبل ذلك بساعات": the same day as the event just told
    r"|(?<!\w)(?P<en_earlier>hours)\s+earlier(?!\w)|(?<!\w)[وف]?قبل\s+(?:ذلك|هذا|ها)\s+ب(?P<ar_earlier>ساعات)(?!\w)"
    # "Two days later, militiamen stormed …", "وبعد يومين، …": counted from the event just told
    r"|(?<!\w)(?P<en_later>a\s+day|two\s+days|three\s+days|a\s+week)\s+later(?!\w)"
    r"|(?<!\w)[وف]?بعد\s+(?P<ar_later>يومين|ثلاثه\s+ايام|اسبوع)\s*[،,]")


def _relative_to_event(folded: str, start: int, end: int) -> tuple[int, int, int] | None:
    """(direction, min days, max days): +1 when the sentence's event came after an event already told
    ("بعد أيام من الغارة، اندلعت …", "days after the strike"), -1 when the sentence names an earlier
    one ("يأتي الهجوم بعد نحو شهر من هجوم مماثل في X": X's attack was a month before the news)."""
    if folded.find("بعد", start, end) < 0 and folded.find("after", start, end) < 0 and folded.find("عقب", start, end) < 0 \
            and folded.find("earlier", start, end) < 0 and folded.find("قبل", start, end) < 0 \
            and folded.find("later", start, end) < 0:
        return None
    m = _RELATIVE_EVENT.search(folded, start, end)
    if m is None:
        return None
    earlier = m.group("en_earlier") or m.group("ar_earlier") or m.group("en_later") or m.group("ar_later")
    unit = " ".join((m.group("ar") or m.group("ar2") or m.group("en") or earlier).split())
    lo, hi = _SPAN_DAYS[unit]
    definite = bool(m.group("ar_def") or m.group("ar_def2") or m.group("en_def") or earlier)
    return (1 if definite else -1, lo, hi)


def _date_from_anchor(relative: tuple[int, int, int], drafts: list[Draft],
                      last: Draft | None) -> tuple[D.ResolvedDate | None, Draft | None]:
    """The month (or year) the counted span lands in, when both ends of the span agree (else no
    date), and the event it was counted from."""
    direction, lo, hi = relative
    anchor = None
    if direction > 0:
        anchor = last if last is not None and last.date is not None else None
    else:
        anchor = next((d for d in drafts if not d.background and d.date is not None), None)
    if anchor is None or anchor.date.precision != "day" or not anchor.date.value:
        return None, anchor
    day = date.fromisoformat(anchor.date.value)
    a, b = day + timedelta(days=direction * lo), day + timedelta(days=direction * hi)
    if a == b:  # "hours after the strike": its day
        return D.ResolvedDate(a.isoformat(), "day", f"d:{a.year}-{a.month}-{a.day}", "counted from another event"), anchor
    if (a.year, a.month) == (b.year, b.month):
        return D.ResolvedDate(f"{a.year:04d}-{a.month:02d}", "month", f"m:{a.year}-{a.month}", "counted from another event"), anchor
    if a.year == b.year:
        return D.ResolvedDate(f"{a.year:04d}", "year", f"y:{a.year}", "counted from another event"), anchor
    return None, anchor


_ARMED = ("group", "militia", "force", "state")


def _other_happening(rep: Report, draft: Draft) -> bool:
    """A dated report whose armed actors and kind of violence both differ from an event's tells
    another happening, even when its date and place fit."""
    if rep.own_date is None or any(t.group.name == "claim" for t in rep.triggers):
        return False  # an undated sentence or a claim of responsibility adds to the event told before
    mine = {a.name for a in rep.actors if a.kind in _ARMED}
    if not mine:
        return False
    theirs = {a.name for r in draft.reports for a in r.actors if a.kind in _ARMED}
    if not theirs or mine & theirs:
        return False
    kinds = {t.group.name for r in draft.reports for t in r.triggers}
    return not any(t.group.name in kinds for t in rep.triggers)


def _air_reply(rep: Report, draft: Draft) -> bool:
    """Does the report tell air strikes by an armed actor who took no part in the draft's event, which had no
    air strike?"""
    if not rep.air and not any(t.group.name == "air" for t in rep.triggers):
        return False
    mine = {a.name for a in rep.actors if a.kind in _ARMED}
    if not mine or any(r.air or any(t.group.name == "air" for t in r.triggers) for r in draft.reports):
        return False
    theirs = {a.name for r in draft.reports for a in r.actors if a.kind in _ARMED}
    if not theirs or not mine - theirs:  # (the report may name its target, the draft's actor)
        return False
    # "… in revenge for the Egyptian air strikes on Derna": strikes claimed, or told before
    return not any(t.group.name == "claim" for t in rep.triggers) and not rep.told_again()


def _more_precise(new: D.ResolvedDate, old: D.ResolvedDate) -> bool:
    order = {"day": 3, "week": 2, "month": 2, "year": 1, None: 0}
    return order[new.precision] > order[old.precision] or (old.value is None and new.value is not None)


def _compass(bearing: float | None) -> str:
    if bearing is None:
        return ""
    return _COMPASS[int((bearing % 360) / 22.5 + 0.5) % 16]


def _location_label(m: PlaceMention) -> str:
    rel = m.relative
    if rel is None:
        return m.name
    if rel.distance_km:
        return f"{rel.distance_km:g} km {_compass(rel.bearing_deg)} of {rel.anchor_name}".replace("  ", " ")
    return f"near {rel.anchor_name or m.name}"


_SOLDIERS = re.compile(r"(?<!\w)(?:[وبل]?(?:ال)?(?:جنود|جنديين|جنديان|جندي|عسكريين|عسكريون)|soldiers?|troops|servicemen)(?!\w)")


def _other_side(actor1: str, assoc: str | None, inherited: Roles | None,
                article_actors: Callable[[], list[ActorMention]]) -> str | None:
    """The target of an event that names only the side that acted: the other side of the fight told
    just before ("X had attacked the area" after "Y retook the ports from X"), else the armed side the
    rest of the article names most ("Its opponents, the Derna Protection Force, …")."""
    if inherited is not None and actor1 in (inherited.actor1, inherited.actor2):
        other = inherited.actor2 if actor1 == inherited.actor1 else inherited.actor1
        if other is not None and other != assoc:
            return other
    others = [m for m in article_actors() if m.kind in ("group", "militia", "force", "state") and not m.assoc
              and m.name not in (actor1, assoc)]
    if not others:
        return None
    counts = Counter(m.name for m in others)
    best = max(counts.values())
    return next(m.name for m in others if counts[m.name] == best)


def _finish(article: Article, ft: FoldedText, draft: Draft, published: date | None, index: int,
            inherited: Roles | None = None, article_actors: Callable[[], list[ActorMention]] = list) -> ExtractedEvent | None:
    """`article_actors`: every actor mention of the article, asked for only when an event names
    one side alone (working out every mention's roles is the costly part)."""
    if draft.place is None or not is_libyan(draft.place.mention):
        return None
    body = [r for r in draft.reports if not r.sentence.heading] or draft.reports
    date_value = draft.date
    notes = []
    if date_value is None or date_value.value is None:
        # no date of its own: the day of the statement that reports it (ACLED uses the report's date)
        stated = next((r.reporting_date for r in body if r.reporting_date and r.reporting_date.value
                       and r.reporting_date.precision == "day"), None)
        if stated is None:
            # "أعلنت في مارس الماضي مقتل …": the month of the announcement, no finer
            stated = next((r.reporting_date for r in body if r.reporting_date and r.reporting_date.value
                           and r.reporting_date.precision == "month"), None)
        if stated is not None:
            date_value = stated
            notes.append(f"date: the {stated.precision} of the statement reporting it")
    if date_value is not None and date_value.value is None:
        date_value = None
    if draft.background and (draft.date is None or (draft.date.value is None and not draft.date.key.startswith(("y", "m", "d")))):
        return None  # history recalled must be dated at least to a year
    if draft.date_report is not None and draft.date_report.own_date_mention is not None and date_value is draft.date:
        dm = draft.date_report.own_date_mention
        counted = "" if date_value is None or dm.kind in ("explicit", "numeric", "year") or article.published \
            else f" (counted from the dateline's date, {published.isoformat()})"
        notes.append(f"date: '{_orig(ft, dm.start, dm.end)}'" + (counted if date_value else " (no publication date: unknown)"))
    if draft.place_report is not None:
        notes.append(f"place: '{_orig(ft, draft.place.start, draft.place.end)}'")
    elif draft.place_from_story:
        notes.append(f"place: none named; the story's only place of news, '{_orig(ft, draft.place.start, draft.place.end)}'")
    elif draft.place is not None:
        notes.append("place: the same area as the event before")

    group = None  # the strongest trigger's (the first of equals)
    actors = []
    any_air = False
    for r in draft.reports:
        for t in r.triggers:
            if group is None or t.group.strength > group.strength:
                group = t.group
        actors += r.actors
        any_air = any_air or r.air
    air = group.name == "air" or any_air
    roles = assign_roles(actors, air=air)
    if not actors and inherited is not None:
        roles = inherited  # "Strikes on 19 and 24 September near the same town…": the actors told before
    elif roles.actor2 is None and roles.actor1 is not None:
        roles = replace(roles, actor2=_other_side(roles.actor1, roles.assoc_actor_1, inherited, article_actors))
    if roles.actor2 in (None, "Civilians") and any(_SOLDIERS.search(ft.folded, r.sentence.start, r.sentence.end)
                                                   for r in draft.reports):
        # "a convoy was ambushed, killing three soldiers": the soldiers' army, the force the article names most
        forces = Counter(m.name for m in article_actors()
                         if m.kind == "force" and not m.assoc and m.name not in (roles.actor1, roles.assoc_actor_1))
        ranked = forces.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            roles = replace(roles, actor2=ranked[0][0])
    if group.name == "clash" and roles.actor2 == "Civilians":
        # a battle is fought between armed sides; civilians caught in it are its victims, not the other side
        roles = replace(roles, actor2=_other_side(roles.actor1, roles.assoc_actor_1, None, article_actors)
                        if roles.actor1 else None)
    event_type, sub_type = group.event_type, group.sub_event_type
    if group.name in ("takeover", "regain"):
        kinds = {a.name: a.kind for a in actors}
        government = kinds.get(roles.actor1) in ("force", "state")
        sub_type = "Government regains territory" if government else "Non-state actor overtakes territory"
    if group.name in ("attack", "killing", "explosive", "ground"):
        air = any_air
        ground = any(t.group.name == "ground" for r in draft.reports for t in r.triggers)
        if not ground and (air or (roles.actor1 in AIR_POWERS and group.name != "explosive")):
            event_type, sub_type = "Explosions/Remote violence", "Air/drone strike"
        elif group.name != "explosive" and roles.actor2 != "Civilians" and roles.actor2 is not None:
            event_type, sub_type = "Battles", "Armed clash"
    tolls = [t for r in draft.reports for t in r.tolls]
    fatalities = best_toll(tolls)
    if fatalities is not None and not any(t.value is not None and not t.vague for t in tolls):
        notes.append(VAGUE_TOLL_NOTE)  # dedupe prefers another report's exact figure

    m = draft.place.mention
    lat, lon = m.point
    first = body[0].sentence
    texts: dict[tuple[int, int], str] = {}  # a sentence's text, cut once (the fields' evidence is often one sentence)

    def text_of(r: Report) -> str:
        key = (r.sentence.start, r.sentence.end)
        text = texts.get(key)
        if text is None:
            text = texts[key] = _orig(ft, key[0], key[1]).strip()
        return text

    evidence = " … ".join([text_of(r) for r in body[:4]])
    field_evidence = {}
    if draft.date_report is not None:
        field_evidence["event_date"] = text_of(draft.date_report)
    if draft.place_report is not None:
        field_evidence["location"] = text_of(draft.place_report)
    if fatalities is not None:
        toll_report = next((r for r in draft.reports for t in r.tolls if t.value == fatalities), None)
        if toll_report is not None:
            field_evidence["fatalities"] = text_of(toll_report)
    actor2 = roles.actor2
    actor_report = next((r for r in draft.reports if any(a.name == actor2 for a in r.actors)), None)
    if actor_report is not None:
        field_evidence["actor2"] = text_of(actor_report)
    return ExtractedEvent(
        article_id=article.id,
        index=index,
        role="background" if draft.background else "primary",
        event_type=event_type,
        sub_event_type=sub_type,
        event_date=date_value.value if date_value else None,
        date_precision=date_value.precision if date_value else None,
        actor1=roles.actor1,
        assoc_actor_1=roles.assoc_actor_1,
        actor2=roles.actor2,
        location=_location_label(m),
        admin1=m.admin1,
        latitude=round(lat, 5),
        longitude=round(lon, 5),
        geo_precision=m.geo_precision,
        fatalities=fatalities,
        notes="; ".join(notes),
        evidence=evidence,
        evidence_start=ft.to_original(first.start),
        evidence_end=ft.to_original(first.end),
        place=m,
        field_evidence=field_evidence,
    )


def _orig(ft: FoldedText, start: int, end: int) -> str:
    return ft.original[ft.to_original(start):ft.to_original(end)]
