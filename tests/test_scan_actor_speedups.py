"""The faster forms of the combined dictionary scan and of the actor role patterns give what the
plain forms give: the combined scan equals each dictionary's own pass, ties and glued prefixes
included; the possessive role patterns match exactly where the
backtracking ones do; the per-text hint positions answer as the per-window searches."""
from __future__ import annotations

import random
import re

from pipeline.extract import actors, events, lexicon
from pipeline.extract.text import fold_text

# The role patterns as they were written before their quantifiers were made possessive.
_CLAIM_AFTER_PLAIN = re.compile(actors._CLAIM_AFTER.pattern.replace("*+", "*").replace("++", "+"))
_VICTIM_AFTER_PLAIN = re.compile(actors._VICTIM_AFTER.pattern.replace("*+", "*").replace("++", "+"))


def _dictionaries():
    return tuple(d for d in events._dictionaries() if not d._empty)


def test_combined_scan_keeps_the_order_of_matches_of_one_span():
    """'القاعده' whole and 'قاعده' after 'ال' give one span: the plain pass keeps the longer key's
    entry first, and so must the combined scan."""
    base = lexicon.Dictionary({"القاعدة": "whole"})
    other = lexicon.Dictionary({"قاعدة": "bare"})
    both = lexicon.Dictionary({"القاعدة": "A", "قاعدة": "B", "قاعدة*": "C", "قاع*": "D"})
    texts = ["والقاعدة", "للقاعدة", "القاعدة", "بالقاعدتين", "قاعدة", "فكالقاعدة ال قاعدة", "xالقاعدة", "وقاعدة"]
    for text in texts:
        folded = fold_text(text).folded
        scan = lexicon.Scan(folded, (base, other, both))
        for d in (base, other, both):
            assert scan.found(d) == lexicon._collect(d._automaton, folded, 0, len(folded), 1)[0], (text, d)


def test_combined_scan_equals_each_dictionary_pass_on_glued_words():
    dictionaries = _dictionaries()
    keys = [k for d in dictionaries for k in d._payloads]
    arabic = [k for k in keys if lexicon._AR.search(k)]
    prefixes = sorted(lexicon._PROCLITIC_PREFIXES | lexicon._ARTICLE_PREFIXES) + ["م", "ي", "ت", "وو", "الال", "x", "1"]
    glue = [" ", " ", "", "\n", ".", "،", "_", "ون", "ات", "ه", "ها", "a", "'", "-"]
    rng = random.Random(23)
    for _ in range(2000):
        text = "".join(rng.choice(glue) + rng.choice(prefixes) + rng.choice(arabic if rng.random() < 0.7 else keys)
                       + rng.choice(glue) for _ in range(rng.randint(1, 8)))
        folded = fold_text(text).folded
        scan = lexicon.Scan(folded, dictionaries)
        for d in dictionaries:
            assert scan.found(d) == lexicon._collect(d._automaton, folded, 0, len(folded), 1)[0], (text, d)


def test_longest_keeps_sorted_non_overlapping_matches_as_they_are():
    rng = random.Random(3)
    for _ in range(3000):
        found = []
        for _ in range(rng.randint(0, 6)):
            s = rng.randint(0, 30)
            found.append((s, s + rng.randint(1, 6), rng.choice("abc")))
        # the reference: the two sorts and the greedy loop alone
        ref = sorted(sorted(found, key=lambda f: f[1], reverse=True), key=lambda f: f[0])
        kept, last_end = [], -1
        for f in ref:
            if f[0] >= last_end:
                kept.append(f)
                last_end = f[1]
        assert lexicon._longest(list(found)) == (kept if len(found) > 1 else found)


def _role_windows():
    """Text after every actor mention of the sample texts, and random text around role words."""
    texts = [
        "Islamic State claimed responsibility for the attack on the hotel.",
        "ISIS's fighters stormed the checkpoint, killing three.",
        "The LNA, said that it had seized the port",
        "the LNA ’s forces have taken the airport", "Ansar al-Sharia , , ' claimed it",
        "أعلن تنظيم داعش مسؤوليته عن الهجوم", "قوات حفتر قد هاجمت المدينة", "مسلحو التنظيم شنوا هجوما",
        "Americans were killed in the attack", "US soldiers were wounded", "the ambassador killed",
        "X s  claimed", "X , s drones struck", "X  were\n\nkilled", "X has been killed", "X diplomats hit",
    ]
    words = ("claimed claims said says announced that it they had has have seized taken stormed attacked carried "
             "out fighters drones took control opened fire were was been killed wounded ambassador soldiers s "
             "مسوولته مسووليته تبن قد هاجم شنوا , ' ’ x").split()
    rng = random.Random(9)
    for _ in range(3000):
        texts.append("".join(rng.choice(words) + rng.choice([" ", "  ", ", ", "\n", "", "'"]) for _ in range(rng.randint(1, 8))))
    out = []
    for text in texts:
        folded = fold_text(text).folded
        for e in range(len(folded) + 1):
            out.append((folded, e, min(len(folded), e + 40), min(len(folded), e + 60)))
    return out


def test_possessive_role_patterns_match_where_the_plain_ones_do():
    assert _CLAIM_AFTER_PLAIN.pattern != actors._CLAIM_AFTER.pattern
    for folded, e, claim_end, victim_end in _role_windows():
        a, b = actors._CLAIM_AFTER.match(folded, e, claim_end), _CLAIM_AFTER_PLAIN.match(folded, e, claim_end)
        assert (a is None) == (b is None), (folded, e)
        a, b = actors._VICTIM_AFTER.match(folded, e, victim_end), _VICTIM_AFTER_PLAIN.match(folded, e, victim_end)
        assert (a is None) == (b is None), (folded, e)


def test_hints_answer_as_searching_each_window():
    rng = random.Random(4)
    words = ("نفي", "تنفي", "comment", "town", "معقل")
    for _ in range(500):
        text = "".join(rng.choice(["نفي", "ت", "comm", "ent", "town", " ", "معقل", "x", "ينفي"]) for _ in range(rng.randint(0, 12)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        hints = actors._Hints(words, text, start, end)
        for _ in range(20):
            lo = rng.randint(start, end)
            hi = rng.randint(lo, end)
            assert hints.within(lo, hi) == any(text.find(w, lo, hi) >= 0 for w in words), (text, lo, hi)
