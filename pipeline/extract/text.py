"""Folded view of an article for matching, with offsets back to the original text.

All dictionaries (triggers, actors, dates, numbers) are matched on one folded copy of the article:
Arabic spelling variants unified (أ/إ/آ -> ا, ى -> ي, ة -> ه, ؤ -> و, ئ -> ي), diacritics and
tatweel removed, Arabic-Indic digits made ASCII, Latin lower-cased, typographic quotes made plain.
Folding gives what one `str.translate` of the table gives, by a str.replace of each character that
changes (fold_text); only removed marks shift offsets, and `to_original` maps a folded offset back
with a binary search over the removed positions.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي", "ې": "ي", "ؤ": "و",
    "ة": "ه", "ۃ": "ه", "ہ": "ه", "ھ": "ه", "ک": "ك", "گ": "ك",
    "پ": "ب", "چ": "ج", "ڤ": "ف", "ڨ": "ق",
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ",
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u060c": "،",
}
# The marks folding removes (Arabic diacritics and Quranic marks, tatweel, zero-width and direction
# controls), as ranges of code points: the set of them and the pattern are both made from these.
_MARK_RANGES = ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x0640, 0x0640),
                (0x200C, 0x200F), (0x202A, 0x202E))
_MARKS = re.compile("[" + "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in _MARK_RANGES) + "]")
_MARK_CHARS = frozenset(chr(c) for a, b in _MARK_RANGES for c in range(a, b + 1))
_TABLE = str.maketrans({**_LETTERS, **{c: str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")},
                        **{c: str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")}})

_DASH_TATWEEL = re.compile(" \u0640 ")

# What folding changes, character by character ('' for a removed mark). str.translate costs
# tens of ns per character on non-ASCII text, while an article holds few distinct characters to
# change: replacing each of those is several times cheaper (fold_text). No replacement is itself a
# changed character (tests check it), so a chain of replaces gives what the table gives.
_CHANGED = {ch: "" for ch in sorted(_MARK_CHARS)}
_CHANGED.update((chr(c), to) for c, to in _TABLE.items() if to != chr(c))
# The changed letters of most Arabic news (hamza forms, alif maqsura, ta marbuta), always replaced
# (a replace of an absent character is one fast scan); the others, rare, are looked for first.
_COMMON_FOLDS = tuple((ch, _CHANGED[ch]) for ch in "أإآىةؤئ")
_RARE_CHANGED = frozenset(_CHANGED) - {ch for ch, _ in _COMMON_FOLDS}
_RARE_CHANGED_RE = re.compile("[" + "".join(map(re.escape, sorted(_RARE_CHANGED))) + "]")
# Code points whose lower() is the character itself: ASCII but A-Z, the rest of Latin-1 below its
# letters, the Arabic block, general punctuation (tests check it).
_CASELESS_RANGES = ((0x00, 0x40), (0x5B, 0xBF), (0x0600, 0x06FF), (0x2000, 0x206F))


def _class_of(codes: list[int]) -> str:
    """A regex character class body for the code points `codes` (sorted), written as ranges."""
    parts = []
    first = last = None
    for c in codes + [-1]:
        if last is not None and c != last + 1:
            parts.append(re.escape(chr(first)) if first == last else f"{re.escape(chr(first))}-{re.escape(chr(last))}")
            first = None
        if first is None:
            first = c
        last = c
    return "".join(parts)


_CASELESS = [c for a, b in _CASELESS_RANGES for c in range(a, b + 1)]
# A character lower() may change (outside the caseless ranges).
_MAY_LOWER_RE = re.compile(f"[^{_class_of(_CASELESS)}]")
# A character that needs more than the common folds: one lower() may change, a mark, a rare fold.
_UNUSUAL_RE = re.compile(f"[^{_class_of([c for c in _CASELESS if chr(c) not in _RARE_CHANGED])}]")


def _fold_letters(text: str, pos: int) -> str:
    """text.translate(_TABLE) for a text without marks and without a rare fold before `pos`."""
    for ch, to in _COMMON_FOLDS:
        text = text.replace(ch, to)
    for ch in set(_RARE_CHANGED_RE.findall(text, pos)):
        text = text.replace(ch, _CHANGED[ch])
    return text


@lru_cache(maxsize=None)
def _dense_table() -> list[int | str | None]:
    """_TABLE and the marks as a str.translate list over the Basic Multilingual Plane (identity for
    unchanged code points, None for the marks): the plain one-pass fold that tests compare with."""
    table: list[int | str | None] = list(range(0x10000))
    for ch in _MARK_CHARS:
        table[ord(ch)] = None
    for c, to in _TABLE.items():
        table[c] = to
    return table


def __getattr__(name: str):
    if name == "_DENSE_TABLE":  # built only when asked for (fold_text does not use it)
        return _dense_table()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def fold_key(text: str) -> str:
    """Fold a dictionary entry the same way as article text (no offsets needed)."""
    return _lower(_MARKS.sub("", text).translate(_TABLE)).strip()


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):  # a few characters (İ) lower-case to two: keep one per character
        low = "".join(c.lower()[:1] for c in text)
    return low


@dataclass(frozen=True)
class FoldedText:
    original: str
    folded: str                        # folded and lower-cased
    cased: str                         # folded, case kept (same length as folded): for US, IS, datelines
    _removed_folded: tuple[int, ...]   # folded position where each removed original char sat
    _removed_original: tuple[int, ...]  # original positions of removed chars

    def to_original(self, i: int) -> int:
        if not self._removed_folded:
            return i
        return i + bisect_right(self._removed_folded, i)

    def to_folded(self, i: int) -> int:
        if not self._removed_original:
            return i
        return i - bisect_left(self._removed_original, i)


def fold_text(text: str) -> FoldedText:
    if " \u0640" in text:
        text_in = _DASH_TATWEEL.sub(" - ", text)  # "طرابلس ـ قال": a tatweel used as a dash (same length)
    else:
        text_in = text
    if text_in.isascii():  # no ASCII character folds (the table changes Arabic and typographic ones)
        return FoldedText(text, _lower(text_in), text_in, (), ())
    unusual = _UNUSUAL_RE.search(text_in)
    if unusual is None:  # only common folds, nothing lower() changes (most Arabic news): one string for both
        cased = _fold_letters(text_in, len(text_in))
        return FoldedText(text, cased, cased, (), ())
    pos = unusual.start()  # nothing before it but common folds: no mark, no rare fold, no case
    # (no folded character has a case: whether lower() changes anything is read from the text as it is)
    caseless = _MAY_LOWER_RE.search(text_in, pos) is None
    removed = [m.start() for m in _MARKS.finditer(text_in, pos)]
    if not removed:  # no mark removed (the usual case): offsets are the original ones
        cased = _fold_letters(text_in, pos)
        return FoldedText(text, cased if caseless else _lower(cased), cased, (), ())
    stripped = _MARKS.sub("", text_in)  # (the same as text_in before pos)
    cased = _fold_letters(stripped, pos)
    removed_folded = tuple(at - k for k, at in enumerate(removed))
    return FoldedText(text, cased if caseless else _lower(cased), cased, removed_folded, tuple(removed))
