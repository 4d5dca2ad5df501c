"""Fast paths of the name matcher, the folds and the dictionary scan give the plain algorithms' answers."""
from __future__ import annotations

import functools
import random

import ahocorasick
import pytest

from gazetteer import arabic, default_gazetteer
from gazetteer.matcher import _CLITIC_PREFIXES, _word_shape, fold_text
from pipeline.extract import lexicon, text as extract_text

SENTENCES = [
    "Clashes near Sirte, in Misrata and Bani Walid; 'Ajaylat and al Bayda' were calm. Sirte5 Sirtean U.S. u s",
    "غارة على سرت ومصراتة وبني وليد وللزاوية وبالبيضاء والزاوية فبنغازي وكبنغازي سرتي 5سرت سرت5",
    "قال مسؤول في مدينة مصراتة إن غارة استهدفت موقعا على بعد نحو 45 كم جنوب غرب مدينة سرت، وفي طرابلس.",
    "x'ajaylat 'ajaylat' bayda' bayda'x zawiyat al bayda' zawiyat  al bayda'",
    "", " ", "سرت", "Sirte", "وسرت.", "بلبنغازي", "ولبنغازي", "وبنغازي،وسرت",
]


@functools.lru_cache(maxsize=1)
def _plain_automaton(matcher):
    automaton = ahocorasick.Automaton()
    for kid, key in enumerate(matcher.key_list):
        automaton.add_word(key, (len(key), kid))
    automaton.make_automaton()
    return automaton


def _reference_scan(matcher, folded: str):
    """The plain Aho-Corasick pass over the folded text with per-hit boundary and clitic checks."""
    automaton = _plain_automaton(matcher)
    hits, n = [], len(folded)
    for end, (klen, kid) in automaton.iter(folded):
        e = end + 1
        if e < n and folded[e].isalnum():
            continue
        start = ws = e - klen
        prefix = ""
        if start > 0 and folded[start - 1].isalnum():
            if not matcher.key_is_arabic[kid]:
                continue
            ws = start - 1
            while ws > 0 and folded[ws - 1].isalpha() and start - ws < arabic.MAX_PREFIX:
                ws -= 1
            if ws > 0 and folded[ws - 1].isalnum():
                continue
            prefix = folded[ws:start]
            if prefix not in _CLITIC_PREFIXES or folded[ws:e] in matcher.never:
                continue
        entries = matcher._allowed(kid, prefix)
        if entries:
            hits.append((start, e, ws, matcher.key_list[kid], list(entries)))
    return hits


def _mixed_texts(count: int, seed: int):
    gz = default_gazetteer()
    rng = random.Random(seed)
    words = [w for s in SENTENCES for w in s.split()] + gz.matcher.key_list[::7]
    glue = ["", "و", "ب", "وب", "لل", "فلل", "ال", "x", "'", "1"]
    seps = [" ", " ", ", ", "'", ".", " (", ") ", "-", "؛ ", "", "«", "\n\n", "  "]
    for _ in range(count):
        yield "".join((rng.choice(glue) if rng.random() < 0.3 else "") + rng.choice(words) + rng.choice(seps)
                      for _ in range(rng.randint(1, 8)))


@pytest.mark.parametrize("text", SENTENCES)
def test_name_scan_equals_the_plain_automaton_pass(text):
    gz = default_gazetteer()
    folded = fold_text(text).text
    got = [(h.start, h.end, h.word_start, h.key, h.entries) for h in gz.matcher.scan(folded)]
    assert got == _reference_scan(gz.matcher, folded)


def test_name_scan_equals_the_plain_automaton_pass_on_mixed_text():
    gz = default_gazetteer()
    for text in _mixed_texts(1500, 11):
        folded = fold_text(text).text
        got = [(h.start, h.end, h.word_start, h.key, h.entries) for h in gz.matcher.scan(folded)]
        assert got == _reference_scan(gz.matcher, folded), text


def test_word_shapes_blank_exactly_the_non_word_characters():
    rng = random.Random(5)
    alphabet = [chr(c) for c in [*range(0x250), *range(0x600, 0x700), 0x2028, 0x3000, 0xFB50, 0x1F600, 0x10400]]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        for t in (text, text.encode("ascii", "ignore").decode()):
            assert _word_shape(t) == "".join(c if c.isalnum() else " " for c in t)
            assert lexicon._word_shape(t) == " " + "".join(c if c.isalnum() or c == "_" else " " for c in t) + " "


def test_extraction_fold_equals_the_translate_table():
    rng = random.Random(7)
    alphabet = list("abc XYZ-_\n.,'") + [chr(c) for c in range(0x600, 0x700)] + list(
        "\u200c\u200f\u202a\u2019\u2013\u00a0İ\U0001F600ـ٣")
    for text in SENTENCES + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20))) for _ in range(3000)]:
        ft = extract_text.fold_text(text)
        if len(text.translate(extract_text._DENSE_TABLE)) == len(text):  # no mark: the one-translate result
            cased = text.translate(extract_text._DENSE_TABLE)
            assert (ft.cased, ft.folded, ft._removed_original) == (cased, extract_text._lower(cased), ())
        else:
            assert ft._removed_original and len(ft.cased) < len(text)


def test_dictionary_scan_with_closed_arabic_keys_equals_each_dictionary_pass():
    from pipeline.extract.events import _dictionaries

    dictionaries = _dictionaries()
    for text in [*SENTENCES, *_mixed_texts(300, 13)]:
        folded = extract_text.fold_text(text).folded
        scan = lexicon.Scan(folded, dictionaries)
        for d in dictionaries:
            if not d._empty:
                assert scan.found(d) == lexicon._collect(d._automaton, folded, 0, len(folded), 1)[0], (text, d)

