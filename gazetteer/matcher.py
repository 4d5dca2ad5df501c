"""One-pass name matching: fold the text once, run one Aho-Corasick automaton over it.

Folding (hamza forms, ta marbuta, alef maqsura, diacritics, tatweel, case, Latin accents, dashes,
runs of spaces) is done with one regex removal and one str.translate, so a 3 KB article folds in
microseconds; removed positions are kept to map folded offsets back to the original text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import ahocorasick

from gazetteer import arabic
from pipeline.normalize import fold

_SPACES = "\t\n\r\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015_"
_APOSTROPHES = "\u2019\u2018\u02bf\u02be\u02bc`\u00b4\u2032"
_ZERO_WIDTH = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


def _build_table() -> tuple[dict[int, str], str]:
    table: dict[int, str] = {}
    removed: list[str] = list(_ZERO_WIDTH)
    ranges = [(0x20, 0x250), (0x300, 0x370), (0x600, 0x700), (0x1E00, 0x1F00), (0x660, 0x66A), (0x6F0, 0x6FA)]
    for lo, hi in ranges:
        for code in range(lo, hi):
            ch = chr(code)
            f = fold(ch)
            if f == ch:
                continue
            if f == "":
                removed.append(ch)
            else:
                table[code] = f[0]
    for ch in _SPACES + _DASHES:
        table[ord(ch)] = " "
    for ch in _APOSTROPHES:
        table[ord(ch)] = "'"
    return table, "".join(removed)


_TABLE, _REMOVED_CHARS = _build_table()
_SEP = re.escape(" " + _SPACES + _DASHES)
# Removed: marks, tatweel, zero-width characters, and every separator that follows another one.
_REMOVE_RE = re.compile(f"[{re.escape(_REMOVED_CHARS)}]|(?<=[{_SEP}])[{_SEP}]+")


@dataclass
class Folded:
    """Folded text and the positions of the original text that folding removed."""

    text: str
    removed: list[int]
    # removed[k] - k: the folded offset before which the k-th removal sits (one bisect per lookup)
    _shifts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._shifts = [r - k for k, r in enumerate(self.removed)]

    def to_original(self, i: int) -> int:
        """Index in the original text of folded character i (i may equal len(text): the end)."""
        return i + bisect.bisect_right(self._shifts, i) if self._shifts else i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the folded span [start, end)."""
        if end <= start:
            s = self.to_original(start)
            return s, s
        return self.to_original(start), self.to_original(end - 1) + 1


def _dense_table() -> dict[int, int | None]:
    """_TABLE plus removals (-> None) plus identity entries for the code points news text uses.

    str.translate is much slower on a code point the mapping lacks (a KeyError per character), so
    every Basic Latin, Arabic, punctuation and Arabic presentation-form code point has an entry."""
    table: dict[int, int | None] = {c: c for c in (*range(0x3100), *range(0xFB00, 0x10000))}
    table.update({code: ord(ch) for code, ch in _TABLE.items()})
    table.update({ord(ch): None for ch in _REMOVED_CHARS})
    return table


_DENSE_TABLE = _dense_table()
# The characters folding changes, and what into ('' when it removes them), for folding non-ASCII
# text by str.replace: str.translate has a fast path for ASCII text only, and costs about 80 ns per
# character otherwise, while an article holds few distinct characters to change.
_CHANGED = {chr(code): "" if to is None else chr(to) for code, to in _DENSE_TABLE.items() if to != code}
_CHANGED_RE = re.compile("[" + "".join(map(re.escape, sorted(_CHANGED))) + "]")
# 'ŉ' -> 'ʼ' -> "'": translate maps a character once, a chain of replaces would map it twice
_CHAINED = frozenset(ch for ch, to in _CHANGED.items() if to in _CHANGED)


def _ascii_byte_table(table: dict[int, int | None]) -> bytes | None:
    """table as a bytes.translate table for ASCII text, when it maps every ASCII character to one
    ASCII character (else None): bytes.translate costs about a cycle per byte, str.translate's ASCII
    path a dict probe per character."""
    mapped = [table.get(code, code) for code in range(128)]
    if any(to is None or to >= 128 for to in mapped):
        return None
    return bytes(mapped) + bytes(range(128, 256))


_ASCII_FOLD = _ascii_byte_table(_DENSE_TABLE)


def _translate_ascii(text: str, table: bytes | None, fallback: dict) -> str:
    """text.translate(fallback) for ASCII text, by bytes.translate when table is not None."""
    if table is None:
        return text.translate(fallback)
    return text.encode("ascii").translate(table).decode("ascii")


def _translate(text: str) -> str:
    """text.translate(_DENSE_TABLE), faster."""
    if text.isascii():
        return _translate_ascii(text, _ASCII_FOLD, _DENSE_TABLE)
    # Each distinct changed character is replaced everywhere as soon as one scan reaches it; the scan
    # then resumes where it stood: nothing before holds a changed character, and the replacement is
    # final (no replacement is itself a changed character, unless chained) or '' (which only shortens
    # the text after that point). One pass of the regex, no match object per changed character.
    original = text
    found = _CHANGED_RE.search(text)
    while found is not None:
        ch = found.group()
        if ch in _CHAINED:
            return original.translate(_DENSE_TABLE)
        text = text.replace(ch, _CHANGED[ch])
        found = _CHANGED_RE.search(text, found.start())
    return text
_SEP_CHARS = frozenset(" " + _SPACES + _DASHES)


def _fold_slow(text: str) -> Folded:
    removed: list[int] = []
    for m in _REMOVE_RE.finditer(text):
        removed.extend(range(m.start(), m.end()))
    stripped = _REMOVE_RE.sub("", text) if removed else text
    return Folded(stripped.translate(_DENSE_TABLE), removed)  # = _TABLE here: removed chars are gone


def fold_text(text: str) -> Folded:
    # One translate pass folds and deletes marks. When it deleted nothing (the usual case) folded
    # and original offsets agree, and the only removals left are separators following another
    # separator: those sit inside runs of spaces of the translated text (checked on the original,
    # since a few other characters, like '¨', also fold to a space).
    translated = _translate(text)
    if len(translated) != len(text):
        return _fold_slow(text)  # marks, tatweel or zero-width characters: map removals one by one
    if "  " not in translated:
        return Folded(translated, [])
    removed: list[int] = []
    sep = _SEP_CHARS
    n = len(translated)
    run = translated.find("  ")  # str.find, not a regex: a regex for "  +" stops at every single space
    while run != -1:
        end = run + 2
        while end < n and translated[end] == " ":
            end += 1
        for i in range(run + 1, end):  # usually one position: a paragraph break "\n\n"
            if text[i] in sep and text[i - 1] in sep:
                removed.append(i)
        run = translated.find("  ", end)
    if not removed:
        return Folded(translated, removed)
    parts, prev = [], 0
    for i in removed:
        parts.append(translated[prev:i])
        prev = i + 1
    parts.append(translated[prev:])
    return Folded("".join(parts), removed)


def fold_char(ch: str) -> str:
    """What fold_text turns the single character ch into ('' when it removes it)."""
    code = _DENSE_TABLE.get(ord(ch), ord(ch))
    return "" if code is None else chr(code)


def chars_folding_to(targets) -> set[str]:
    """Every character that fold_text turns into one of the single characters `targets`."""
    found = {chr(code) for code, to in _DENSE_TABLE.items() if to is not None and to != code and chr(to) in targets}
    return found | {t for t in targets if fold_char(t) == t}


def fold_key(name: str) -> str:
    """The folded form of a dictionary name, comparable with fold_text output.

    = " ".join(fold_text(name).text.split()): fold_text translates and then only removes characters
    that the translation deletes anyway or separators after another separator, which split() drops."""
    return " ".join(_translate(name).split())


_LATIN_ARTICLE = re.compile(r"^(?:al|el|as|ash|at|az|ad|ar|an|ath|adh|er|es|ez|et|ed|en|ech|ad|l) (?=\S{3})")
_ARABIC_LETTERS = re.compile("[\u0621-\u064a]")


def is_arabic_key(key: str) -> bool:
    return bool(_ARABIC_LETTERS.search(key))


def key_forms(name: str, key: str | None = None) -> list[tuple[str, bool]]:
    """Automaton keys for one name: [(key, contracted_form)]. Latin names also without their
    article ('az zawiyah' -> 'zawiyah') and apostrophes; Arabic names with the article also in the
    article-less form used after ل (للزاوية), which is valid only after that contraction.
    key: fold_key(name), when the caller has it already."""
    if key is None:
        key = fold_key(name)
    if not key:
        return []
    if is_arabic_key(key):
        forms = [(key, False)]
        if arabic.has_article(key):
            forms.append((arabic.strip_article(key), True))
        return forms
    keys = [key]
    no_apostrophe = " ".join(key.replace("'", "").split())
    keys.append(no_apostrophe)
    for k in list(keys):
        core = _LATIN_ARTICLE.sub("", k)
        if core != k:
            keys.append(core)
    return [(k, False) for k in dict.fromkeys(keys) if len(k.replace(" ", "")) >= 2]


@dataclass(frozen=True)
class KeyEntry:
    place: int            # index into the Gazetteer's places; -1 for a stop phrase
    exact: bool           # the key is the place's own name (else a variant spelling)
    contracted: bool      # article-less Arabic form, valid only after لل
    guarded: bool         # common word: needs a cue word before it
    upper_only: bool      # written in capitals only (US, UK): must be capitals in the text
    arabic: bool


@dataclass(slots=True)  # one per name found: slots make them cheaper to make and read
class Hit:
    start: int            # folded offsets of the name (clitics excluded)
    end: int
    word_start: int       # folded offset where the word carrying the name begins (clitics included)
    key: str
    entries: list[KeyEntry]
    fuzzy: bool = False   # found by tolerant matching (edit distance 1), not by the automaton


_CLITIC_PREFIXES = arabic.PLAIN_PREFIXES | arabic.CONTRACTED_PREFIXES
# The separators of most folded Arabic text, replaced one by one (str.replace is fast), before one
# check that nothing else but spaces and alphanumerics is left.
_COMMON_NON_ALNUM = ".,\u060c"
_OTHER_NON_ALNUM = re.compile(r"[^\w ]|_")  # not str.isalnum(), and not a space
# ASCII text: one bytes.translate
_ASCII_SHAPE = {c: c if chr(c).isalnum() else 0x20 for c in range(128)}
_ASCII_SHAPE_BYTES = _ascii_byte_table(_ASCII_SHAPE)


def word_shape(folded: str) -> str:
    """folded with every character that is not alphanumeric a space (same offsets)."""
    if folded.isascii():
        return _translate_ascii(folded, _ASCII_SHAPE_BYTES, _ASCII_SHAPE)
    shape = folded
    for ch in _COMMON_NON_ALNUM:
        if ch in shape:
            shape = shape.replace(ch, " ")
    rest = shape.replace(" ", "")
    if rest and not rest.isalnum():  # some other separator: each one replaced everywhere when the
        found = _OTHER_NON_ALNUM.search(shape)  # scan reaches it, the scan resuming there (as in _translate)
        while found is not None:
            shape = shape.replace(found.group(), " ")
            found = _OTHER_NON_ALNUM.search(shape, found.start())
    return shape


_word_shape = word_shape


class NameMatcher:
    """Aho-Corasick automaton over folded keys, with the boundary and clitic rules of arabic.py.

    The automaton runs over the text's word shape (every character that is not alphanumeric a space,
    one space of padding at each end) read backwards, and each key is written backwards after a
    space: " تازغنب", " atrasim " (a Latin key with the space before it too). A hit then ends where a
    word ends and, for a Latin key, begins where a word begins; an Arabic key may still follow letters
    of its word, which must be a clitic chain (checked per hit, as before). Since every key begins
    with a space, the automaton stays at its root (one child) through most of the text instead of
    walking every word's letters, which makes the pass several times cheaper."""

    def __init__(self, keys: dict[str, list[KeyEntry]], never_words: set[str]):
        self.keys = keys
        self.never = never_words
        self.key_list = list(keys)
        self.key_is_arabic = [is_arabic_key(k[:1]) for k in self.key_list]  # may follow proclitics
        self._entries: dict[tuple[int, str], list[KeyEntry]] = {}  # (key id, prefix) -> allowed entries
        # automaton word -> its keys: (key id, key length, may follow a clitic chain, the key to
        # compare with the text or None when the word shape says it all)
        readings: dict[str, list[tuple[int, int, bool, str | None]]] = {}
        for kid, key in enumerate(self.key_list):
            exact = None if key.isalnum() else key
            backwards = (key if exact is None else _word_shape(key))[::-1]
            glued = self.key_is_arabic[kid]
            word = f" {backwards}" if glued else f" {backwards} "
            readings.setdefault(word, []).append((kid, len(key), glued, exact))
        self.automaton = ahocorasick.Automaton()
        for word, found in readings.items():
            self.automaton.add_word(word, tuple(found))
        self.automaton.make_automaton()

    def _allowed(self, kid: int, prefix: str) -> list[KeyEntry]:
        """Entries of key kid that the glued prefix allows (computed once per key and prefix)."""
        found = self._entries.get((kid, prefix))
        if found is None:
            found = [en for en in self.keys[self.key_list[kid]]
                     if (en.arabic and arabic.prefix_allowed(prefix, en.contracted))
                     or (not en.arabic and not prefix)]
            self._entries[(kid, prefix)] = found
        return found

    def scan(self, folded: str, shape: str | None = None) -> list[Hit]:
        """Every occurrence of a key that sits on word boundaries (allowing Arabic proclitics).
        shape: word_shape(folded), when the caller has it already."""
        hits: list[Hit] = []
        if shape is None:
            shape = word_shape(folded)
        # backwards[j] is shape[n - j] (1 <= j <= n), with a space of padding at each end
        n = len(folded)
        key_list, allowed, never = self.key_list, self._allowed, self.never
        for last, found in self.automaton.iter(f" {shape[::-1]} "):
            for kid, klen, glued, key in found:
                # backwards index j is shape index n - j: " yek" ends at the key's first letter,
                # " yek " at the space before it
                start = n - last if glued else n - last + 1
                e = start + klen
                if key is not None and not folded.startswith(key, start):
                    continue  # same words, other separators between them
                prefix = ""
                ws = start
                if glued and start > 0 and shape[start - 1] != " ":  # letters glued before the key
                    ws = shape.rfind(" ", max(0, start - arabic.MAX_PREFIX - 1), start) + 1
                    if ws == 0 and start > arabic.MAX_PREFIX:
                        continue  # more than a clitic chain before it
                    prefix = folded[ws:start]
                    if prefix not in _CLITIC_PREFIXES or folded[ws:e] in never:
                        continue  # letters glued before the name that are no clitic chain: no entry allows them
                entries = allowed(kid, prefix)
                if entries:
                    hits.append(Hit(start, e, ws, key_list[kid], list(entries)))
        if len(hits) > 1:
            hits.sort(key=_end_start)  # the order of a pass over the text: by end, longest first
        return hits


def _end_start(h: Hit) -> tuple[int, int]:
    return h.end, h.start


def _start(h: Hit) -> int:
    return h.start



def previous_word(folded: str, pos: int) -> str:
    """The word before folded position pos (skipping spaces and light punctuation), folded."""
    i = pos
    while i > 0 and not folded[i - 1].isalnum():
        if folded[i - 1] in ".!?:;\n":
            return ""
        i -= 1
    j = i
    while j > 0 and folded[j - 1].isalnum():
        j -= 1
    return folded[j:i]


def select_longest(hits: list[Hit], length: int) -> list[Hit]:
    """Non-overlapping hits, longest first (بني وليد over وليد), then leftmost."""
    by_start = sorted(hits, key=_start)
    reach = 0
    for h in by_start:
        if h.start < reach or h.end <= h.start:
            break
        reach = h.end
    else:  # no two hits overlap (the usual case): every hit is chosen
        return by_start
    occupied = bytearray(length + 1)
    chosen: list[Hit] = []
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if occupied.find(1, h.start, h.end) != -1:
            continue
        occupied[h.start:h.end] = b"\x01" * (h.end - h.start)
        chosen.append(h)
    chosen.sort(key=lambda h: h.start)
    return chosen
