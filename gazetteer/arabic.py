"""Arabic clitics around place names: which glued prefixes still leave a name a name.

Arabic glues conjunctions (و ف) and prepositions (ب ل ك) to the next word, and the article ال
to the name itself: وطرابلس، بسرت، لمدينة، والزاوية، بالزاوية. With ل the article contracts:
ل + الزاوية = للزاوية. No suffix is allowed: طرابلسي and التونسية are adjectives, not places.
"""
from __future__ import annotations

from pipeline.normalize import ARABIC_PROCLITICS

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = tuple(c for c in ARABIC_PROCLITICS if c not in CONJUNCTIONS)  # ب ل ك
ARTICLE = "ال"

# Every prefix allowed before a name (folded text): optional conjunction, then optional preposition.
PLAIN_PREFIXES = frozenset(
    c + p for c in ("", *CONJUNCTIONS) for p in ("", *PREPOSITIONS)
)
# Before the article-less form of a name that has the article: ل + ال contracted (للزاوية).
CONTRACTED_PREFIXES = frozenset(c + "لل" for c in ("", *CONJUNCTIONS))
MAX_PREFIX = 3
_PREFIXES_LONGEST_FIRST = tuple(sorted(PLAIN_PREFIXES | CONTRACTED_PREFIXES, key=len, reverse=True))


def has_article(folded_name: str) -> bool:
    return folded_name.startswith(ARTICLE) and len(folded_name) > len(ARTICLE) + 1


def strip_article(folded_name: str) -> str:
    return folded_name[len(ARTICLE):] if has_article(folded_name) else folded_name


def prefix_allowed(prefix: str, contracted_form: bool) -> bool:
    """Is `prefix` (letters glued before the matched name in the same word) a clitic chain?"""
    if contracted_form:
        return prefix in CONTRACTED_PREFIXES
    return prefix in PLAIN_PREFIXES


def has_preposition(prefix: str) -> bool:
    """بسرت، للخمس: a glued preposition is itself evidence that a place follows."""
    return any(p in prefix for p in PREPOSITIONS)


def strip_proclitics(word: str) -> list[str]:
    """Readings of a folded word with its clitics removed, longest stripping first: 'وبمدينه' ->
    ['مدينه', 'بمدينه', 'وبمدينه']. Used to recognise cue words (بمدينة = ب + مدينة)."""
    out = []
    for prefix in _PREFIXES_LONGEST_FIRST:
        if prefix and word.startswith(prefix) and len(word) - len(prefix) >= 2:
            rest = word[len(prefix):]
            out.append("ال" + rest if prefix.endswith("لل") else rest)
    out.append(word)
    return list(dict.fromkeys(out))
