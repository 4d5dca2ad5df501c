"""The combined scan of a text without non-ASCII characters (which runs the automaton of the ASCII
keys alone) finds what each dictionary's own pass finds, overlaps and repeated spans included."""
from __future__ import annotations

import random

from pipeline.extract import events, lexicon
from pipeline.extract.text import fold_text


def test_ascii_text_scan_equals_each_dictionary_pass():
    dictionaries = tuple(d for d in events._dictionaries() if not d._empty)
    latin = [k for d in dictionaries for k in d._payloads if k.isascii()]
    glue = [" ", " ", "", "\n", ".", ",", "_", "s", "ed", "a", "'", "-", "1"]
    rng = random.Random(5)
    for _ in range(1500):
        text = "".join(rng.choice(glue) + rng.choice(latin) + rng.choice(glue) for _ in range(rng.randint(1, 8)))
        folded = fold_text(text).folded
        assert folded.isascii()
        scan = lexicon.Scan(folded, dictionaries)
        for d in dictionaries:
            assert scan.found(d) == lexicon._collect(d._automaton, folded, 0, len(folded), 1)[0], (text, d)
