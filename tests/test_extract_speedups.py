"""The faster forms in dates/sentences/numbers keep what the plain forms match."""
import random
import re

from pipeline.extract.dates import _alt, _trie_alt
from pipeline.extract.lexicon import load
from pipeline.extract.numbers import _NONE_LAM_VERBS
from pipeline.extract.sentences import split_sentences
from pipeline.extract.text import fold_key, fold_text


def test_trie_alternation_matches_the_plain_one():
    names = ["mar", "march", "may", "ma", "في", "في اليوم", "في  اليوم التالي", "فيفري", "a.b", "a", "x y z", "x y"]
    plain = re.compile(rf"(?:{_alt(names)})(?:\s*\w)?")
    tree = re.compile(rf"(?:{_trie_alt(names)})(?:\s*\w)?")
    tokens = ["mar", "ch", "may", "m", "a", "في", " ", "  ", "اليوم", "التالي", "ف", "يفري", ".", "b", "x", "y", "z", "\n"]
    rng = random.Random(5)
    for _ in range(4000):
        text = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 8)))
        for pos in range(len(text)):
            a, b = plain.match(text, pos), tree.match(text, pos)
            assert (a and a.span()) == (b and b.span()), (text, pos)


def test_lam_verbs_of_the_no_casualties_phrase_are_hints():
    # The "لم <verb> ... قتلى" phrase is looked for only where "لم <verb>" is: every verb it lists must be a hint.
    for phrase in load("numbers")["killed"]["none"]:
        m = re.match(r"\(\?:لم\|ولم\) \(\?:([^)]*)\)", phrase)
        if m:
            assert {f"لم {fold_key(v)}" for v in m.group(1).split("|")} <= set(_NONE_LAM_VERBS)


def test_sentence_ends_found_by_stop_characters():
    # (expected: what the regex-scan version gave)
    text = "Gen. Haftar said on Jan. 5 that 3.5 km were taken! Was it? Yes.\nقال المتحدث. ثم غادر؟ نعم۔ لا.\nU.S. forces. 12. Then"
    ft = fold_text(text)
    assert [ft.folded[s.start:s.end] for s in split_sentences(ft.cased, ft.folded)] == [
        "gen. haftar said on jan. 5 that 3.5 km were taken! ", "was it? ", "yes.", "قال المتحدث. ", "ثم غادر؟ ", "نعم۔ ", "لا.",
        "u.s. forces. 12. then"]
