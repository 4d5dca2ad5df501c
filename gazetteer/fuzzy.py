"""Tolerant matching: one typo (edit distance 1) in a Libyan place name of 5+ letters.

Only for words the automaton left unmatched, only right after a place cue word ("مدينة", "near",
"in"…), never for guarded common words, never for a name plus an ending (طرابلسي, Sirtean, Misrati:
adjectives and surnames), and always scored below an exact match. Candidates come from a
deletion index (each name with one letter deleted), so a lookup costs a few dict probes.
"""
from __future__ import annotations

import re
from itertools import accumulate, compress
from typing import Collection

from rapidfuzz.distance import OSA

from gazetteer import arabic
from gazetteer.matcher import Folded, Hit, KeyEntry, is_arabic_key
from gazetteer.places import Place

MIN_LETTERS = 5
_TOKEN_SPLIT = re.compile(r"([^\W\d_]+)")  # -> [gap, word, gap, word, …, gap]
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

    def find(self, text: str, folded: Folded, chosen: list[Hit], cue_words: Collection[str]) -> list[Hit]:
        """Edit-distance-1 names in words that follow a cue word and no automaton hit covers."""
        ftext = folded.text
        # Words and the gaps between them, split in C; only words right after a cue are looked at,
        # so the Python work is per cue word, not per word of the text.
        parts = _TOKEN_SPLIT.split(ftext)
        words = parts[1::2]
        after_cue = [i for i in compress(range(1, len(words)), map(cue_words.__contains__, words))
                     if len(words[i]) >= MIN_LETTERS]
        if not after_cue:
            return []
        ends = list(accumulate(map(len, parts)))  # ends[k]: folded offset where parts[k] ends
        covered = bytearray(len(ftext) + 1)
        for h in chosen:
            covered[h.word_start:h.end] = b"\x01" * (h.end - h.word_start)
        hits: list[Hit] = []
        for i in after_cue:
            w_start, w_end = ends[2 * i], ends[2 * i + 1]
            if covered.find(1, w_start, w_end) != -1:
                continue  # most words after a cue are names the automaton found
            word = words[i]
            if word in self.blocked or _SENTENCE_END.search(parts[2 * i]):
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
                    hits.append(Hit(start, w_end, w_start, cores[0], self.entries[cores[0]], fuzzy=True))
                    break
        return hits
