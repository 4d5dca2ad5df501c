"""Tolerant matching: one typo (edit distance 1) in a Libyan place name of 5+ letters.

Only for words the automaton left unmatched, only right after a place cue word ("مدينة", "near",
"in"…), never for guarded common words, never for a name plus an ending (طرابلسي, Sirtean, Misrati:
adjectives and surnames), and always scored below an exact match. Candidates come from a
deletion index (each name with one letter deleted), so a lookup costs a few dict probes.
"""
from __future__ import annotations

import bisect
import re
from typing import Collection

import ahocorasick
from rapidfuzz.distance import OSA

from gazetteer import arabic
from gazetteer.matcher import Folded, Hit, KeyEntry, chars_folding_to, fold_char, is_arabic_key, word_shape
from gazetteer.places import Place

MIN_LETTERS = 5
_WORD = re.compile(r"[^\W\d_]+")  # a word: a run of letters (what the reference tokeniser splits on)
_SENTENCE_END = re.compile(r"[.!?:;\n]")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")  # is_arabic_key's test, searched within a span


def _is_letter(ch: str) -> bool:
    return ch.isalnum() and not ch.isdecimal()  # = [^\W\d_] (checked on every character in the tests)


def _charset(chars) -> str:
    return "[" + "".join(map(re.escape, sorted(chars))) + "]"


def _ascii_folds_plainly() -> bool:
    """fold_text maps every ASCII character to one ASCII character, keeping letters letters (and
    lower-casing them) and non-letters non-letters: then ASCII text can be read for words, cues and
    sentence ends without folding it (removals there are only repeated separators, not letters)."""
    for code in range(128):
        ch, to = chr(code), fold_char(chr(code))
        if len(to) != 1 or not to.isascii() or _is_letter(ch) != _is_letter(to):
            return False
        if _is_letter(ch) and to != ch.lower():
            return False
    return True


_ASCII_PLAIN = _ascii_folds_plainly()


_ASCII_DIGITS = [(d, d.encode()) for d in "0123456789"]
_ASCII_LOWER = re.compile(b"[a-z]")


def _letter_shape(shape: str, ascii_chars: bytes) -> str | None:
    """The word shape `shape` (every character that is not alphanumeric a space) with every
    character that is not a letter a space too (a run of non-spaces is then a _WORD), or None when
    that takes more than blanking the ASCII digits (a rare other digit or number character).
    ascii_chars: the text's ASCII characters (a short string to look for digits in)."""
    for digit, byte in _ASCII_DIGITS:
        if byte in ascii_chars:
            shape = shape.replace(digit, " ")
    rest = shape.replace(" ", "")
    # isalpha: no decimal character left (letters as _is_letter reads them, and no more)
    return shape if not rest or rest.isalpha() else None


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class FuzzyIndex:
    def __init__(self, places: list[Place], keys: dict[str, list[KeyEntry]], blocked: set[str]):
        self.blocked = blocked
        self.entries: dict[str, list[KeyEntry]] = {}   # core form -> entries of Libyan places
        self.index: dict[str, set[str]] = {}
        self.shapes: set[tuple[str, int]] = set()  # (first letter, length) of possible typos: a quick filter
        for key, entries in keys.items():
            if " " in key or "'" in key or "." in key:
                continue
            ly = [e for e in entries if e.place >= 0 and not e.contracted and not e.guarded
                  and places[e.place].country_code == "LY" and not places[e.place].imported]
            if not ly:
                continue
            core = arabic.strip_article(key) if is_arabic_key(key) else key
            if len(core) < MIN_LETTERS or core in blocked:
                continue
            self.entries.setdefault(core, []).extend(ly)
            for n in (len(core) - 1, len(core), len(core) + 1):
                self.shapes.add((core[0], n))
            for form in {core} | _deletes(core):
                self.index.setdefault(form, set()).add(core)
        # A Latin typo is a capitalised word, so it begins with an upper-case letter that folds to
        # the first letter of some name: searching for those is how Latin candidates are found.
        first_letters = {first for first, _ in self.shapes}
        self.capitals = frozenset(c for c in chars_folding_to(first_letters) if c.isupper())
        self._capitals_re = re.compile(_charset(self.capitals)) if self.capitals else None
        # every capital folds to an ASCII letter: folded text without one holds no capital
        self._capitals_fold_ascii = all(fold_char(c) in "abcdefghijklmnopqrstuvwxyz" for c in self.capitals)
        self._cue_finders: dict[int, tuple[Collection[str], _CueFinder]] = {}

    def candidates(self, token: str) -> list[int]:
        """Place indices whose name is one edit away from the folded token."""
        return sorted({e.place for core in self._match(token) for e in self.entries[core]})

    def _match(self, token: str) -> list[str]:
        if len(token) < MIN_LETTERS - 1 or (token[:1], len(token)) not in self.shapes:
            return []
        found = set()
        for form in {token} | _deletes(token):
            found |= self.index.get(form, set())
        out = []
        for core in found:
            if core == token or OSA.distance(core, token) != 1:
                continue
            if core[0] != token[0] or token.startswith(core) or core.startswith(token):
                continue  # a name plus/minus an ending: adjective, plural, surname
            if token[-1] in "يi" and core[-1] not in "يi":
                continue  # nisba: مصراتي, Misrati
            out.append(core)
        return out

    def find(self, text: str, folded: Folded, chosen: list[Hit], cue_words: Collection[str],
             shape: str | None = None) -> list[Hit]:
        """Edit-distance-1 names in words that follow a cue word and no automaton hit covers.

        Same answer as reading every word with the word before it, but only two kinds of word can
        hold a typo, and each is searched for directly instead of tokenising the whole text:
        Latin words (capitalised) from their capital letter, Arabic words from the cue before them.
        shape: word_shape(folded.text), when the caller has it already."""
        finder = self._cue_finder(cue_words)
        ftext = folded.text
        capitals_re = self._capitals_re
        ascii_chars = b""
        if not ftext.isascii():
            ascii_chars = ftext.encode("ascii", "ignore")  # digits, spaces, punctuation, Latin letters
            if self._capitals_fold_ascii and _ASCII_LOWER.search(ascii_chars) is None:
                capitals_re = None  # no Latin letter at all (most Arabic texts): no capital to search for
        candidates = finder.latin_words(text, folded, capitals_re)  # (word start, word end), folded
        if not ftext.isascii() and _ARABIC_LETTER.search(ftext):  # (isascii costs nothing, the search a pass)
            letters = _letter_shape(word_shape(ftext) if shape is None else shape, ascii_chars)
            candidates += finder.arabic_words(ftext, letters)
            candidates.sort()
        if not candidates:
            return []
        covered = bytearray(len(ftext) + 1)
        for h in chosen:
            covered[h.word_start:h.end] = b"\x01" * (h.end - h.word_start)
        hits: list[Hit] = []
        for w_start, w_end in candidates:
            if covered.find(1, w_start, w_end) != -1:
                continue  # most words after a cue are names the automaton found
            word = ftext[w_start:w_end]
            if word in self.blocked:
                continue
            if is_arabic_key(word):
                readings = []
                for reading in arabic.strip_proclitics(word):
                    plen = len(word) - len(reading) if word.endswith(reading) else 0
                    readings.append((arabic.strip_article(reading), w_start + plen))
            else:
                readings = [(word, w_start)]  # capitalised: latin_words found it by its capital
            for core_token, start in readings:
                if core_token in self.blocked:
                    continue
                cores = self._match(core_token)
                if len(cores) == 1:  # one clear candidate, else leave the word alone
                    hits.append(Hit(start, w_end, w_start, cores[0], self.entries[cores[0]], fuzzy=True))
                    break
        return hits

    def _cue_finder(self, cue_words: Collection[str]) -> _CueFinder:
        """The search structures for one set of cue words (the Gazetteer passes the same set every time)."""
        known = self._cue_finders.get(id(cue_words))
        if known is None or known[0] is not cue_words:
            known = self._cue_finders[id(cue_words)] = (cue_words, _CueFinder(cue_words, self.capitals))
        return known[1]


class _CueFinder:
    """Finds the words of 5+ letters that follow a cue word (the previous word is a cue, and the gap
    between them holds no sentence end), in the two shapes a typo can take:

    - Latin words that begin with a capital that can start a name: each such capital is checked
      backwards (gap, then the word before it). In ASCII text one regex over the reversed text does
      the whole check: capital, 4 more letters, gap, cue.
    - Words with an Arabic letter: an Aho-Corasick automaton finds the cue words, and the word after
      each is read forwards.
    """

    def __init__(self, cue_words: Collection[str], capitals: frozenset[str]):
        self.cue_words = cue_words
        cues = {w for w in cue_words if w}
        self.longest_cue = max(map(len, cues), default=0)
        # the word that ends where a search ends, if it is at most longest_cue letters long
        self._word_before = re.compile(r"[^\W\d_]{1,%d}\Z" % (self.longest_cue + 1))
        # Each cue occurrence ends with exactly one key: the cues no other cue ends (حي for بحي, وحي…).
        self._cue_ends = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for cue in cues:
            if not any(cue[i:] in cues for i in range(1, len(cue))):  # no other cue ends it
                self._cue_ends.add_word(cue, len(cue))
        self._has_cue_ends = len(self._cue_ends) > 0
        if self._has_cue_ends:
            self._cue_ends.make_automaton()
        self._whole_cues = self._whole_cue_automaton(cues)
        self._ascii_re = self._reversed_ascii_pattern(cues, capitals) if _ASCII_PLAIN else None

    @staticmethod
    def _reversed_ascii_pattern(cues: set[str], capitals: frozenset[str]) -> re.Pattern | None:
        """Capital, 4 more letters, a gap without sentence end, a cue word: on ASCII text reversed
        (so the regex starts at the rare capital). Letters, gaps and cues are matched on the original
        characters through their folds, so the pattern agrees with the folded text exactly."""
        ascii_chars = [chr(c) for c in range(128)]
        letters = _charset(c for c in ascii_chars if _is_letter(c))
        gap = _charset(c for c in ascii_chars if not _is_letter(c) and not _SENTENCE_END.match(fold_char(c)))
        caps = [c for c in capitals if c.isascii()]
        ascii_cues = [w for w in cues if w.isascii() and all(_is_letter(c) for c in w)]
        if not caps or not ascii_cues:
            return None

        def spelled(ch: str) -> str:  # the ASCII characters that fold to the letter ch
            return _charset(c for c in ascii_chars if fold_char(c) == ch)

        # The cues reversed, as a trie (shared endings factored out): at each capital the engine then
        # tries one branch per distinct last letter, not every cue. Same strings, and inside a
        # lookahead only whether one matches counts.
        trie: dict = {}
        for cue in ascii_cues:
            node = trie
            for ch in reversed(cue):
                node = node.setdefault(ch, {})
            node[""] = {}

        def emit(node: dict) -> str:
            branches = [spelled(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
            if not branches:
                return ""
            body = "(?:" + "|".join(branches) + ")"
            return body + "?" if "" in node else body

        alternatives = emit(trie)
        return re.compile(f"{_charset(caps)}(?<={letters}{{{MIN_LETTERS}}})(?!{letters})"
                          f"(?={gap}*(?:{alternatives})(?!{letters}))")

    @staticmethod
    def _whole_cue_automaton(cues: set[str]) -> ahocorasick.Automaton | None:
        """The cues that are runs of letters (no other cue is ever a whole word), each between two
        spaces, for reading a letter shape: every key begins with a space, so the automaton stays at
        its root (one child) through the letters of the text instead of walking every word."""
        automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
        for cue in cues:
            if all(_is_letter(c) for c in cue):
                automaton.add_word(f" {cue} ")
        if len(automaton) == 0:
            return None
        automaton.make_automaton()
        return automaton

    def _cue_ends_at(self, ftext: str, end: int) -> bool:
        """Is the word ending at folded offset end a cue word?"""
        word = self._word_before.search(ftext, max(0, end - self.longest_cue - 1), end)
        return word is not None and end - word.start() <= self.longest_cue and ftext[word.start():end] in self.cue_words

    def latin_words(self, text: str, folded: Folded, capitals_re: re.Pattern | None) -> list[tuple[int, int]]:
        """Words without Arabic letters that begin with a capital and follow a cue."""
        if capitals_re is None:
            return []
        ftext, removed = folded.text, folded.removed
        found = []
        if self._ascii_re is not None and text.isascii():
            last = len(text) - 1
            for m in self._ascii_re.finditer(text[::-1]):
                q = last - m.start()  # the capital, in the original text
                p = q - bisect.bisect_left(removed, q) if removed else q  # capitals are never removed
                found.append((p, _WORD.match(ftext, p).end()))
            found.reverse()
            return found
        for m in capitals_re.finditer(text):
            q = m.start()
            p = q - bisect.bisect_left(removed, q) if removed else q
            if p == 0 or _is_letter(ftext[p - 1]):
                continue  # inside a word, or the text's first word
            word = _WORD.match(ftext, p)
            if word is None or word.end() - p < MIN_LETTERS or _ARABIC_LETTER.search(ftext, p, word.end()):
                continue  # not a word; too short; an Arabic word (arabic_words reads those)
            gap_start = p - 1
            while gap_start > 0 and not _is_letter(ftext[gap_start - 1]):
                gap_start -= 1
            if gap_start == 0 or _SENTENCE_END.search(ftext, gap_start, p) or not self._cue_ends_at(ftext, gap_start):
                continue
            found.append((p, word.end()))
        return found

    def arabic_words(self, ftext: str, letters: str | None = None) -> list[tuple[int, int]]:
        """Words with an Arabic letter that follow a cue. letters: _letter_shape(word_shape(ftext)),
        when known: the cues are then found as whole words by one cheap automaton pass over it, and
        the word after each is the next run of non-spaces."""
        if not self._has_cue_ends:
            return []
        if letters is not None and self._whole_cues is not None:
            found = []
            n = len(ftext)
            # the padded shape " " + letters + " ": a key " cue " ends at the padded index of the
            # space after the cue, which is the cue's (folded) end + 1
            for last, _ in self._whole_cues.iter(f" {letters} "):
                end = last - 1
                w_start = end + 1
                while w_start < n and letters[w_start] == " ":
                    w_start += 1
                if w_start >= n:
                    continue
                w_end = letters.find(" ", w_start)
                if w_end == -1:
                    w_end = n
                if w_end - w_start < MIN_LETTERS or not _ARABIC_LETTER.search(ftext, w_start, w_end):
                    continue  # short; or a Latin word (latin_words reads those)
                if (w_start - end > 1 or ftext[end] != " ") and _SENTENCE_END.search(ftext, end, w_start):
                    continue
                found.append((w_start, w_end))
            return found
        n = len(ftext)
        found = []
        for last, length in self._cue_ends.iter(ftext):
            end = last + 1
            if end < n and _is_letter(ftext[end]):
                continue  # the cue is only the start of a longer word
            if not self._cue_ends_at(ftext, end):
                continue
            w_start = end
            while w_start < n and not _is_letter(ftext[w_start]):
                w_start += 1
            if w_start == n:
                continue
            w_end = _WORD.match(ftext, w_start).end()
            if w_end - w_start < MIN_LETTERS or not _ARABIC_LETTER.search(ftext, w_start, w_end):
                continue  # short; or a Latin word (latin_words reads those)
            if _SENTENCE_END.search(ftext, end, w_start):
                continue
            found.append((w_start, w_end))
        return found
