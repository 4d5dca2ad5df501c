"""Event triggers (words that say violence happened) and sentence markers (past, habitual).

Dictionary: pipeline/data/triggers.toml. One combined regex over all trigger words, longest
first, so "قصف جوي" (air strike) wins over "قصف" (bombardment) at the same place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.lexicon import Dictionary, load


@dataclass(frozen=True)
class TriggerGroup:
    name: str
    event_type: str
    sub_event_type: str
    strength: int


@dataclass(frozen=True)
class Trigger:
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


def find_triggers(folded: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    return [Trigger(s, e, group) for s, e, group in _lexicon()[0].find(folded, start, end)]



_PAST_AFTER_TRIGGER = re.compile(r"^(?:\s+\S+){0,2}?\s+(?:ال)?سابق(?:ه|ين|ات)?(?!\w)")


def marker_spans(folded: str) -> tuple[list[int], list[int], list[int]]:
    """Start offsets of past, habitual and air-context markers in the whole text (one pass)."""
    spans: dict[str, list[int]] = {"past": [], "habitual": [], "air_context": []}
    for s, _, kind in _lexicon()[1].find(folded):
        spans[kind].append(s)
    return spans["past"], spans["habitual"], spans["air_context"]


def past_after_trigger(folded: str, end: int, triggers: list[Trigger]) -> bool:
    return any(_PAST_AFTER_TRIGGER.match(folded[t.end:min(end, t.end + 40)]) for t in triggers)
