"""Event triggers (words that say violence happened) and sentence markers (past, habitual).

Dictionary: pipeline/data/triggers.toml. One combined regex over all trigger words, longest
first, so "قصف جوي" (air strike) wins over "قصف" (bombardment) at the same place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.lexicon import Dictionary, Scan, load


@dataclass(frozen=True)
class TriggerGroup:
    name: str
    event_type: str
    sub_event_type: str
    strength: int


@dataclass(slots=True, unsafe_hash=True)
class Trigger:  # (built for every trigger word: not frozen, which sets each field through object.__setattr__; never changed)
    start: int
    end: int
    group: TriggerGroup


@lru_cache(maxsize=None)
def _lexicon():
    data = load("triggers")
    mapping: dict[str, TriggerGroup] = {}
    for g in data["group"]:
        group = TriggerGroup(g["name"], g["event_type"], g["sub_event_type"], int(g["strength"]))
        for word in g["words"]:
            mapping.setdefault(word, group)
    markers: dict[str, str] = {}
    for section in ("habitual", "past", "air_context"):  # one automaton for the three marker lists
        for w in data[section]["words"]:
            markers.setdefault(w, section)
    return Dictionary(mapping), Dictionary(markers)


def dictionaries() -> tuple[Dictionary, ...]:
    """The word lists matched here (for one combined Scan of an article)."""
    return _lexicon()


def find_triggers(folded: str, start: int = 0, end: int | None = None, scan: Scan | None = None) -> list[Trigger]:
    return [Trigger(s, e, group) for s, e, group in _lexicon()[0].find(folded, start, end, scan)]



_PAST_AFTER_TRIGGER = re.compile(r"^(?:\s+\S+){0,2}?\s+(?:ال)?سابق(?:ه|ين|ات)?(?!\w)")


# "قاعدة براك الشاطئ الجوية", "air force base": the name of a base, not a sign that the attack came from the air.
_BASE_BEFORE = re.compile(r"(?<!\w)[وبل]?(?:ال)?(?:قاعده|مطار|كليه)(?:\s+\S+){0,3}\s+$")
_BASE_AFTER = re.compile(r"\s+(?:base|academy|college|station)(?!\w)")
# "وكانت قوات X قد هاجمت", "had attacked": an earlier event recalled (Arabic past perfect).
_PAST_PERFECT = re.compile(r"(?<!\w)و?كان(?:ت|وا)?\s+(?:\S+\s+){0,4}?قد\s+\S+")


def marker_spans(folded: str, scan: Scan | None = None) -> tuple[list[int], list[int], list[int]]:
    """Start offsets of past, habitual and air-context markers in the whole text (one pass)."""
    spans: dict[str, list[int]] = {"past": [], "habitual": [], "air_context": []}
    for s, e, kind in _lexicon()[1].find(folded, scan=scan):
        if kind == "air_context" and (_BASE_AFTER.match(folded, e, e + 12) or _BASE_BEFORE.search(folded, max(0, s - 40), s)):
            continue
        spans[kind].append(s)
    return spans["past"], spans["habitual"], spans["air_context"]


def pluperfect_spans(folded: str) -> list[int]:
    """Start offsets of Arabic past-perfect clauses ("وكانت قوات X قد هاجمت"): an earlier event recalled."""
    if "قد" not in folded:
        return []
    # Same matches as _PAST_PERFECT.finditer, tried only where "كان" (or "وكان") starts: a pattern that
    # opens with a look-behind is otherwise tried at every position of the text.
    out = []
    last_end = 0
    i = folded.find("كان")
    while i >= 0:
        for pos in (i - 1, i) if i and folded[i - 1] == "و" else (i,):
            if pos >= last_end:
                m = _PAST_PERFECT.match(folded, pos)
                if m:
                    out.append(pos)
                    last_end = m.end()
        i = folded.find("كان", i + 1)
    return out


def past_after_trigger(folded: str, end: int, triggers: list[Trigger]) -> bool:
    return any(folded.find("سابق", t.end, min(end, t.end + 40)) >= 0  # in every match: skip the regex without it
               and _PAST_AFTER_TRIGGER.match(folded[t.end:min(end, t.end + 40)]) for t in triggers)
