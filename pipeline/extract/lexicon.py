"""Loads the analyst-editable dictionaries in pipeline/data/*.toml once, and matches word lists.

Word lists (triggers, actors, cue words) become one Aho-Corasick automaton each (`Dictionary`), so a
text is scanned once per list rather than once per entry; `Scan` matches all the lists of an article
in one pass over one combined automaton (same results as each list's own pass). Patterns with
structure (dates, counts) are regular expressions tried only where a list word occurs.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from pipeline.extract.text import fold_key

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

WORD_CHAR = r"\w"  # Python's \w covers Arabic letters; Arabic punctuation (، ؛ ؟) is not a word character
_AR = re.compile("[\u0600-\u06ff]")


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    with open(DATA_DIR / f"{name}.toml", "rb") as f:
        return tomllib.load(f)


# --- Fast dictionary matching (Aho-Corasick) -------------------------------------------------
# A long alternation regex is tried at every character; an automaton finds every entry in one
# pass. Word boundaries, Arabic proclitics and '*' stems are then checked only where an entry
# occurs.

_PROCLITIC_PREFIXES = frozenset(
    a + b + c
    for a in ("", "و", "ف")
    for b in ("", "ب", "ل", "ك")
    for c in ("", "ال")
) | frozenset({"لل", "ولل", "فلل"})
_ARTICLE_PREFIXES = frozenset({"ال", "وال", "فال", "بال", "كال", "وبال", "فبال", "لل", "ولل", "فلل", "ل", "ول", "فل", "ب", "وب"})


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Dictionary:
    """Entries (with values) found in folded text: longest non-overlapping matches, text order."""

    def __init__(self, entries: dict[str, object]):
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        payloads: dict[str, list] = {}
        for entry, value in entries.items():
            stem = entry.endswith("*")
            key = " ".join(fold_key(entry.rstrip("*")).split())
            if not key:
                continue
            arabic = bool(_AR.search(key))
            payloads.setdefault(key, []).append((value, stem, arabic, False))
            if arabic and key.startswith("ال") and len(key) > 3:
                # "للقاعدة": the article merges with the preposition ل; match the bare word after a prefix
                payloads.setdefault(key[2:], []).append((value, stem, arabic, True))
        for key, items in payloads.items():
            self._automaton.add_word(key, _payload(key, ((0, items),)))
        self._payloads = payloads
        self._empty = not payloads
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str, start: int = 0, end: int | None = None, scan: "Scan | None" = None) -> list[tuple[int, int, object]]:
        """`scan`: a Scan of this whole text that includes this dictionary (one pass for all lists)."""
        if self._empty:
            return []
        end = len(text) if end is None else end
        if scan is not None and start == 0 and end == len(text) and scan.text is text:
            found = scan.found(self)
            if found is not None:
                return found
        return _collect(self._automaton, text, start, end, 1)[0]

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool:
        return bool(self.find(text, start, end))


def _collect(automaton, text: str, start: int, end: int, slots: int) -> list[list[tuple[int, int, object]]]:
    """Run one automaton over text[start:end] (payloads from _payload, one slot per dictionary).
    Returns each slot's longest non-overlapping matches in text order."""
    found: list[list] = [[] for _ in range(slots)]
    for last, (length, arabic, any_stem, groups) in automaton.iter(text, start, end):
        e = last + 1
        s = e - length
        right_is_word = e < end and (text[e].isalnum() or text[e] == "_")
        if right_is_word and not any_stem:
            continue  # "on" in "long": only a stem may run on into a longer word
        left_is_word = s > start and (text[s - 1].isalnum() or text[s - 1] == "_")
        if left_is_word and not arabic:
            continue  # only Arabic words take a prefix (proclitics, the article)
        if not left_is_word and not right_is_word:
            # The usual hit, a whole word: every entry but the article-less forms matches text[s:e]
            # as it stands (a stem cannot run on past a non-word character).
            for slot, items in groups:
                append = found[slot].append
                for value, _, _, bare in items:
                    if not bare:
                        append((s, e, value))
            continue
        ws_word = None  # the word start and prefix before s, computed once for every entry at this hit
        for slot, items in groups:
            out = found[slot]
            for value, stem, _, bare in items:
                if right_is_word and not stem:
                    continue
                ws = s
                if left_is_word:
                    if ws_word is None:
                        ws = s
                        while ws > start and ws > s - 5 and (text[ws - 1].isalnum() or text[ws - 1] == "_"):
                            ws -= 1
                        if ws > start and (text[ws - 1].isalnum() or text[ws - 1] == "_"):
                            ws_word = (ws, None)
                        else:
                            ws_word = (ws, text[ws:s])
                    ws, prefix = ws_word
                    if prefix is None:
                        continue
                    if bare:
                        if prefix not in _ARTICLE_PREFIXES:
                            continue
                    elif prefix not in _PROCLITIC_PREFIXES:
                        continue
                elif bare:
                    continue
                me = e
                if stem:
                    while me < end and (text[me].isalnum() or text[me] == "_"):
                        me += 1
                out.append((ws, me, value))
    return [_longest(f) for f in found]


def _longest(found: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    if not found:
        return []
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out = []
    last_end = -1
    for s, e, value in found:
        if s >= last_end:
            out.append((s, e, value))
            last_end = e
    return out


def _payload(key: str, groups: tuple) -> tuple:
    """Automaton value of one key: its length, whether it is Arabic, whether any entry is a stem,
    and its entries per dictionary slot ((slot, [(value, stem, arabic, bare), ...]), ...)."""
    arabic = bool(_AR.search(key))
    any_stem = any(stem for _, items in groups for _, stem, _, _ in items)
    return len(key), arabic, any_stem, groups


class Scan:
    """Several dictionaries matched over one whole text in a single automaton pass.

    Each Dictionary.find(text, scan=...) then reads its matches from here (identical to its own
    pass). The combined automaton is built once per set of dictionaries."""

    def __init__(self, text: str, dictionaries: tuple[Dictionary, ...]):
        self.text = text
        combined = _combined(dictionaries)
        if combined is None:
            self._found: dict[int, list] = {}
            return
        automaton, slot_of = combined
        results = _collect(automaton, text, 0, len(text), len(slot_of))
        self._found = {key: results[slot] for key, slot in slot_of.items()}

    def found(self, dictionary: Dictionary) -> list[tuple[int, int, object]] | None:
        return self._found.get(id(dictionary))


@lru_cache(maxsize=8)
def _combined(dictionaries: tuple[Dictionary, ...]):
    import ahocorasick

    live = [d for d in dictionaries if not d._empty]
    if not live:
        return None
    merged: dict[str, list] = {}
    for slot, d in enumerate(live):
        for key, items in d._payloads.items():
            merged.setdefault(key, []).append((slot, items))
    automaton = ahocorasick.Automaton()
    for key, groups in merged.items():
        automaton.add_word(key, _payload(key, tuple(groups)))
    automaton.make_automaton()
    return automaton, {id(d): slot for slot, d in enumerate(live)}
