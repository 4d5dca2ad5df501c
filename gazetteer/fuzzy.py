"""Tolerant matching: one typo (edit distance 1) in a Libyan place name of 5+ letters.

Only for words the automaton left unmatched, only right after a place cue word ("مدينة", "near",
"in"…), never for guarded common words, never for a name plus an ending (طرابلسي, Sirtean, Misrati:
adjectives and surnames), and always scored below an exact match. Candidates come from a
deletion index (each name with one letter deleted), so a lookup costs a few dict probes.
"""
from __future__ import annotations

import re
from typing import Callable

from rapidfuzz.distance import OSA

from gazetteer import arabic
from gazetteer.matcher import Folded, Hit, KeyEntry, is_arabic_key
from gazetteer.places import Place

MIN_LETTERS = 5
_TOKEN = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?:;\n]")


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

    def find(self, text: str, folded: Folded, chosen: list[Hit], is_cue: Callable[[str], bool]) -> list[Hit]:
        ftext = folded.text
        covered = bytearray(len(ftext) + 1)
        for h in chosen:
            covered[h.word_start:h.end] = b"\x01" * (h.end - h.word_start)
        hits: list[Hit] = []
        prev_end, prev_word = -1, ""
        for m in _TOKEN.finditer(ftext):
            word, w_start = m.group(), m.start()
            prev_end, prev_word, before_end, before = m.end(), word, prev_end, prev_word
            if len(word) < MIN_LETTERS or word in self.blocked or before_end < 0:
                continue
            if _SENTENCE_END.search(ftext, before_end, w_start) or not is_cue(before):
                continue
            if covered.find(1, w_start, m.end()) != -1:
                continue
            if is_arabic_key(word):
                readings = []
                for reading in arabic.strip_proclitics(word):
                    plen = len(word) - len(reading) if word.endswith(reading) else 0
                    readings.append((arabic.strip_article(reading), w_start + plen))
            else:
                if not text[folded.to_original(w_start)].isupper():
                    continue  # Latin place names are capitalised
                readings = [(word, w_start)]
            for core_token, start in readings:
                if core_token in self.blocked:
                    continue
                cores = self._match(core_token)
                if len(cores) == 1:  # one clear candidate, else leave the word alone
                    hits.append(Hit(start, m.end(), w_start, cores[0], self.entries[cores[0]], fuzzy=True))
                    break
        return hits
