"""Text normalisation shared by the gazetteer and the extractor.

Arabic news spells the same word many ways (أوباري/اوباري, صبراتة/صبراته, مصراتة/مصراته, ليبيا/ليبيا
with tatweel or diacritics); matching works on a *folded* form where those differences vanish.

`fold_arabic` keeps the string length unchanged (one output character per input character, with
removed marks mapped to a placeholder and then squeezed by `fold_with_offsets`) so that matches found
in the folded text can be mapped back to offsets in the original text.
"""
from __future__ import annotations

import re
import unicodedata

ARABIC_INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# Characters folded to one representative (hamza forms, alef maqsura, ta marbuta, Persian letters).
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي", "ې": "ي",
    "ؤ": "و",
    "ة": "ه", "ۃ": "ه", "ہ": "ه", "ھ": "ه",
    "ک": "ك", "گ": "ك",
    "پ": "ب", "چ": "ج", "ڤ": "ف", "ڨ": "ق",
}
_FOLD_TABLE = str.maketrans(_FOLD)
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # diacritics + tatweel
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")

ARABIC_PROCLITICS = ("و", "ف", "ب", "ل", "ك")  # conjunctions and prepositions glued to the next word


def is_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER.search(text or ""))


def arabic_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters)


def to_ascii_digits(text: str) -> str:
    """'٣ يوليو ٢٠١٩' -> '3 يوليو 2019' (length preserved)."""
    return text.translate(ARABIC_INDIC_DIGITS)


def fold_arabic(text: str) -> str:
    """Fold Arabic spelling variants; removes diacritics and tatweel (length may shrink)."""
    text = _ARABIC_MARKS.sub("", text)
    return text.translate(_FOLD_TABLE).translate(ARABIC_INDIC_DIGITS)


def fold_latin(text: str) -> str:
    """Lower-case, strip diacritics and typographic apostrophes ('Ţubruq' -> 'tubruq')."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bf", "'").replace("\u02be", "'")
    return text.lower()


def fold(text: str) -> str:
    """Fold both scripts: what dictionaries and the gazetteer compare."""
    return fold_latin(fold_arabic(text))


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold `text` and return (folded, offsets) where offsets[i] is the index in `text` of folded[i].

    Used to run a matcher over folded text and report spans in the original text.
    """
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if _ARABIC_MARKS.match(ch):
            continue
        folded = fold_latin(ch.translate(_FOLD_TABLE).translate(ARABIC_INDIC_DIGITS))
        for c in folded:
            out.append(c)
            offsets.append(i)
    offsets.append(len(text))
    return "".join(out), offsets


def normalize_whitespace(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200f", "").replace("\u200e", "")
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
