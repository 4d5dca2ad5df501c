"""Text normalisation shared by the gazetteer and the extractor.

Arabic news spells the same word many ways (أوباري/اوباري, صبراتة/صبراته, مصراتة/مصراته, ليبيا/ليبيا
with tatweel or diacritics); dictionary keys are compared on a *folded* form where those differences
vanish. The hot paths fold whole articles with offset maps of their own (gazetteer/matcher.py,
pipeline/extract/text.py), built from the same character folds.
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

ARABIC_PROCLITICS = ("و", "ف", "ب", "ل", "ك")  # conjunctions and prepositions glued to the next word


def arabic_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters)


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
