"""Loads the analyst-editable dictionaries in pipeline/data/*.toml once, and matches word lists.

Word lists (triggers, actors, cue words) become one Aho-Corasick automaton each (`Dictionary`), so a
text is scanned once per list rather than once per entry; patterns with structure (dates, counts)
are regular expressions tried only where a list word occurs.
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
            self._automaton.add_word(key, (len(key), items))
        self._empty = not payloads
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, object]]:
        if self._empty:
            return []
        end = len(text) if end is None else end
        found = []
        for last, (length, items) in self._automaton.iter(text, start, end):
            s = last - length + 1
            e = last + 1
            right_is_word = e < end and (text[e].isalnum() or text[e] == "_")
            left_is_word = s > start and (text[s - 1].isalnum() or text[s - 1] == "_")
            for value, stem, arabic, bare in items:
                if right_is_word and not stem:
                    continue
                ws = s
                if left_is_word:
                    if not arabic:
                        continue
                    while ws > start and ws > s - 5 and (text[ws - 1].isalnum() or text[ws - 1] == "_"):
                        ws -= 1
                    if ws > start and (text[ws - 1].isalnum() or text[ws - 1] == "_"):
                        continue
                    prefix = text[ws:s]
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
                found.append((ws, me, value))
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

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool:
        return bool(self.find(text, start, end))
