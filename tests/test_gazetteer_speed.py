"""The gazetteer's shortcuts for speed give the same answers as the plain algorithms they replace.

No wall-clock assertions: each fast path is compared with its exact reference on our own sentences,
and the expensive steps (one automaton pass, full phrase-pattern searches) are counted.
"""
from __future__ import annotations

import re

import pytest

from gazetteer import arabic, default_gazetteer, relative
from gazetteer.fuzzy import MIN_LETTERS, _SENTENCE_END
from gazetteer.matcher import NameMatcher, _fold_slow, fold_text, is_arabic_key
from gazetteer.relative import _ORDER, _patterns, _search, find_relative

ENGLISH = (
    "TRIPOLI, Libya — A drone strike hit a farm 45 km southwest of Sirte on Tuesday, officials in "
    "Misrata said. Fighters moved from Bani Walid toward the outskirts of Derna; residents of Ubari "
    "and Sabha heard jets. Clashes broke out 100 miles (160 km) south of the town of Tobruk and in "
    "the vicinity of Murzuq. Convoys near Zawiya, north of Gharyan, and forty kilometres from Brega "
    "were hit. Tripoli's Abu Salim district was calm. The Government of National Accord met in Rome."
)
ARABIC = (
    "طرابلس - قال مسؤول في مدينة مصراتة إن غارة استهدفت موقعا على بعد نحو 45 كم جنوب غرب مدينة سرت، "
    "وإن العربات وصلت من بني وليد بالقرب من ترهونة. وأفاد سكان بضواحي أوباري وفي سبها بسماع طائرات. "
    "ووقعت اشتباكات على بعد 160 كيلومترا جنوب شرق طبرق وفي محيط مرزق، وشمال غربي غريان، وقرب الزاوية، "
    "وللزاوية وبالبيضاء وشرقي البريقة. وقال مسؤولون في تونس إن المعبر مفتوح."
)
ODD = (  # folding edge cases: marks, tatweel, zero-width characters, runs of separators, '¨'
    "غارةٌ على  سِرْت —\u200b  قرب مــرزق\n\n\t Sirte ¨ Ubari\u00a0\u00a0 Derna -- Awbari \u2028 near  Sabha\r\n"
)
TEXTS = [ENGLISH, ARABIC, ODD, ENGLISH + "\n\n" + ARABIC]


@pytest.mark.parametrize("text", TEXTS + [ODD * 3, "", " ", "\u200b", "  a", "a  ", "ـ", "x\u0651\u0651 y"])
def test_fold_fast_path_equals_the_slow_path(text):
    fast, slow = fold_text(text), _fold_slow(text)
    assert (fast.text, fast.removed) == (slow.text, slow.removed)


def test_fold_fast_path_on_every_basic_multilingual_character():
    for code in range(0x20, 0x10000, 1):
        if 0xD800 <= code < 0xE000:
            continue
        ch = chr(code)
        text = f"a{ch} {ch}{ch}b"
        fast, slow = fold_text(text), _fold_slow(text)
        assert (fast.text, fast.removed) == (slow.text, slow.removed), hex(code)


def _windows(text: str):
    folded = fold_text(text).text
    for m in re.finditer(r"\S+", folded):
        yield folded, m.start()


@pytest.mark.parametrize("text", TEXTS)
def test_relative_prefilters_never_change_the_phrase_found(text):
    patterns, _ = _patterns()
    for folded, start in _windows(text):
        lo = max(0, start - relative.WINDOW)
        window = folded[lo:start]
        expected = _search(window, lo, patterns, _ORDER) if window.endswith(" ") else None
        assert find_relative(folded, start) == expected, folded[lo:start + 10]


def test_relative_prefilters_with_case_twins():
    # 'ı' and the Kelvin sign match 'i'/'k' case-insensitively: the patterns still see them.
    folded = "a convoy 45 \u212am southwest of sirte and 10 mıles north of ubari"
    for _, start in _windows(folded):
        lo = max(0, start - relative.WINDOW)
        window = folded[lo:start]
        expected = _search(window, lo, _patterns()[0], _ORDER) if window.endswith(" ") else None
        assert find_relative(folded, start) == expected


def test_relative_phrases_are_still_read():
    gz = default_gazetteer()
    found = {m.name: m for m in gz.find(ENGLISH) if m.relative}
    assert found["Sirte"].relative.distance_km == 45.0 and found["Sirte"].relative.bearing_deg == 225.0
    assert found["Tobruk"].relative.distance_km == pytest.approx(160.9, abs=0.1)
    found_ar = {m.name: m for m in gz.find(ARABIC) if m.relative}
    assert found_ar["Sirte"].relative.distance_km == 45.0 and found_ar["Sirte"].relative.bearing_deg == 225.0


def test_full_phrase_searches_only_where_a_phrase_can_end(monkeypatch):
    """Names after 'in', 'and', commas: no regex search of the window at all."""
    calls = []
    original = relative._search
    monkeypatch.setattr(relative, "_search", lambda *a: calls.append(a[0]) or original(*a))
    gz = default_gazetteer()
    mentions = gz.find("Fighting in Sirte, Misrata and Derna. Calm in Sabha, Ubari and Tobruk.")
    assert len(mentions) == 6 and not calls
    gz.find("Clashes 45 km southwest of Sirte.")
    assert len(calls) == 1


def test_one_automaton_pass_per_find(monkeypatch):
    scans = []
    original = NameMatcher.scan
    monkeypatch.setattr(NameMatcher, "scan", lambda self, folded, *shape: scans.append(1) or original(self, folded, *shape))
    default_gazetteer().find(ENGLISH + "\n" + ARABIC)
    assert len(scans) == 1


def _fuzzy_reference(fz, text, folded, chosen, cue_words):
    """The plain token loop the fuzzy step replaces: every word, with the word before it."""
    ftext = folded.text
    covered = bytearray(len(ftext) + 1)
    for h in chosen:
        covered[h.word_start:h.end] = b"\x01" * (h.end - h.word_start)
    hits, prev_end, prev_word = [], -1, ""
    for m in re.finditer(r"[^\W\d_]+", ftext):
        word, w_start = m.group(), m.start()
        prev_end, prev_word, before_end, before = m.end(), word, prev_end, prev_word
        if len(word) < MIN_LETTERS or word in fz.blocked or before_end < 0:
            continue
        if _SENTENCE_END.search(ftext, before_end, w_start) or before not in cue_words:
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
                continue
            readings = [(word, w_start)]
        for core_token, start in readings:
            if core_token in fz.blocked:
                continue
            cores = fz._match(core_token)
            if len(cores) == 1:
                hits.append((start, m.end(), w_start, cores[0]))
                break
    return hits


@pytest.mark.parametrize("text", [
    "Strikes hit near Gharyaan and in Misrota, then in Ghadamis; in. Sabhia was calm near Zawiyya.",
    "غارة في مدينة غذامس ثم قرب مصرتة وفي سبهاا. في. طرابلسي وبمدينة غرياان ومنطقة اوبارى",
    ENGLISH, ARABIC,
])
def test_fuzzy_finds_what_a_plain_token_loop_finds(text):
    gz = default_gazetteer()
    folded = fold_text(text)
    chosen = [h for h in gz.matcher.scan(folded.text) if h.entries[0].place >= 0]
    hits = gz.fuzzy.find(text, folded, chosen, gz.cue_words)
    assert [(h.start, h.end, h.word_start, h.key) for h in hits] == _fuzzy_reference(
        gz.fuzzy, text, folded, chosen, gz.cue_words)


def test_fuzzy_sentences_above_do_have_typos():
    gz = default_gazetteer()
    for text, typos in (("Strikes hit near Gharyaan and in Misrota, then in Ghadamis; in. Sabhia was calm "
                         "near Zawiyya.", ["gharyan", "misrata", "zawiya"]),
                        ("غارة في مدينة غذامس ثم قرب مصرتة وبمدينة غرياان", ["غدامس", "مصراته", "غريان"])):
        assert [h.key for h in gz.fuzzy.find(text, fold_text(text), [], gz.cue_words)] == typos


# ------------------------------------------------------------------ fast paths added for speed
TRICKY_TYPOS = [
    # a cue word that is itself a capitalised candidate; cues in capitals; gaps with digits, quotes, dashes
    "Fighting near Village Misrota and IN Gharyaan, then in 2011 Zawiyya; near (Sabhia) and near \"Ghadamis\".",
    "Convoys from Misrota—toward Gharyaan–near Zawiyya's outskirts, near_Sabhia and near\tGhadamis.",
    "Convoys from Misrota--toward Gharyaan - near Zawiyya`s outskirts, near_Sabhia and near\r\nGhadamis.",
    # accents, marks, zero-width characters and runs of separators shift the folded offsets
    "Clashes near Éghariyan and in Misrotá, in \u200bGharyaan, near  \n\n Zawiyya and in Ghar\u0301yaan.",
    "ıN Misrota ın Gharyaan İN Zawiyya near Sabhia\u00a0\u00a0and near MISROTA",
    # mixed scripts: Latin typo after an Arabic cue, Arabic typo after a Latin cue, a word of both
    "قرب Gharyaan و near مصرتة وفي مدينة غرياان in Misrotaمصرتة near غذامسx",
    "غارة في مدينة غذامس ثم قرب مصرتة.مدينة غرياان، قرب  \u200bمصرتة وبمدينة غرياان ومنطقة اوبارى",
    "ŉ Misrota near ۂ Gharyaan",
    "Gharyaan near", "near", "", "near Gharyaan",
    # digits glued to Arabic cues and words (the cue test reads runs of letters), other digits and
    # number characters (the letter shape then falls back on the cue automaton), a Latin word after a cue
    "في2020غرياان وقرب3مصرتة و2في غذامس1 بمدينة 12 اوبارى. قرب: غرياان",
    "في१غرياان قرب مصرتة",
    "في² غرياان قرب مصرتة", "قربⅫ مصرتة وقرب غرياانⅫ في ߃قرب غذامس",
    "قرب Gharyaan في مصرتة في",
]


@pytest.mark.parametrize("text", TRICKY_TYPOS)
def test_fuzzy_fast_paths_find_what_a_plain_token_loop_finds(text):
    gz = default_gazetteer()
    folded = fold_text(text)
    scanned = [h for h in gz.matcher.scan(folded.text) if h.entries[0].place >= 0]
    for chosen in (scanned, []):
        for cue_words in (gz.cue_words, gz.fuzzy_cue_words):
            hits = gz.fuzzy.find(text, folded, chosen, cue_words)
            assert [(h.start, h.end, h.word_start, h.key) for h in hits] == _fuzzy_reference(
                gz.fuzzy, text, folded, chosen, cue_words)


def test_fuzzy_tricky_sentences_do_have_typos():
    gz = default_gazetteer()
    found = [h.key for text in TRICKY_TYPOS[:3] for h in gz.fuzzy.find(text, fold_text(text), [], gz.fuzzy_cue_words)]
    assert len(found) >= 8


def test_fuzzy_letter_test_is_the_tokeniser_class():
    from gazetteer.fuzzy import _is_letter
    letter = re.compile(r"[^\W\d_]")
    for code in range(0x10000):
        if not 0xD800 <= code < 0xE000:
            assert _is_letter(chr(code)) == bool(letter.match(chr(code))), hex(code)


@pytest.mark.parametrize("text", TEXTS + TRICKY_TYPOS + ["ŉʼ ۂہ ة Ŋ", "ۂ" * 3 + "ة", "Ĳ ŉ", "ﻻ ﷲ"])
def test_translate_by_replacing_equals_str_translate(text):
    from gazetteer.matcher import _DENSE_TABLE, _translate
    assert _translate(text) == text.translate(_DENSE_TABLE)

