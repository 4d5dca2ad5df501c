"""Folded view of an article for matching, with offsets back to the original text.

All dictionaries (triggers, actors, dates, numbers) are matched on one folded copy of the article:
Arabic spelling variants unified (أ/إ/آ -> ا, ى -> ي, ة -> ه, ؤ -> و, ئ -> ي), diacritics and
tatweel removed, Arabic-Indic digits made ASCII, Latin lower-cased, typographic quotes made plain.
Folding is one `str.translate` (fast); only removed marks shift offsets, and `to_original` maps a
folded offset back with a binary search over the removed positions.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

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


# _TABLE as a list over the Basic Multilingual Plane (identity for unchanged code points, None for
# the marks): str.translate is much slower on a code point its mapping lacks (a LookupError per
# character), a list is faster to index than a dict, and one pass then also tells whether any mark
# was removed (the usual case: none). Code points beyond U+FFFF are left as they are (no fold).
_DENSE_TABLE: list[int | str | None] = list(range(0x10000))
for _ch in _MARK_CHARS:
    _DENSE_TABLE[ord(_ch)] = None
for _c, _to in _TABLE.items():
    _DENSE_TABLE[_c] = _to
del _ch, _c, _to
_DASH_TATWEEL = re.compile(" \u0640 ")

# What _DENSE_TABLE changes, character by character ('' for a removed mark). str.translate costs
# tens of ns per character on non-ASCII text, while an article holds few distinct characters to
# change: finding those with one regex and replacing each is several times cheaper (fold_text).
_CHANGED = {ch: "" for ch in sorted(_MARK_CHARS)}
_CHANGED.update((chr(c), to) for c, to in _TABLE.items() if to != chr(c))
_CHANGED_RE = re.compile("[" + "".join(map(re.escape, sorted(_CHANGED))) + "]")
# a replacement that is itself a changed character would be changed twice by a chain of replaces
_CHAINED = frozenset(ch for ch, to in _CHANGED.items() if to in _CHANGED)


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
    present = set(_CHANGED_RE.findall(text_in))
    if present.isdisjoint(_MARK_CHARS):  # no mark removed (the usual case): offsets are the original ones
        if present.isdisjoint(_CHAINED):
            cased = text_in
            for ch in present:
                cased = cased.replace(ch, _CHANGED[ch])
        else:
            cased = text_in.translate(_DENSE_TABLE)
        return FoldedText(text, _lower(cased), cased, (), ())
    removed = [m.start() for m in _MARKS.finditer(text_in)]
    if removed:
        stripped = _MARKS.sub("", text_in)
        removed_folded = tuple(pos - k for k, pos in enumerate(removed))
    else:
        stripped = text_in
        removed_folded = ()
    cased = stripped.translate(_TABLE)
    return FoldedText(text, _lower(cased), cased, removed_folded, tuple(removed))
