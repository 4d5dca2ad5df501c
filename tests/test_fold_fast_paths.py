"""fold_text's fast paths (common folds by str.replace, lower() skipped for caseless text) give what
one str.translate of the whole table and a lower() give."""
import random

from pipeline.extract import text as T


def _reference(text: str) -> tuple:
    """fold_text written plainly: marks removed, the table applied, lower-cased."""
    if " \u0640" in text:
        text = T._DASH_TATWEEL.sub(" - ", text)
    removed = tuple(m.start() for m in T._MARKS.finditer(text))
    cased = T._MARKS.sub("", text).translate(T._TABLE)
    return T._lower(cased), cased, tuple(pos - k for k, pos in enumerate(removed)), removed


def _fold(text: str) -> tuple:
    ft = T.fold_text(text)
    assert ft.original == text
    return ft.folded, ft.cased, ft._removed_folded, ft._removed_original


def test_no_replacement_is_itself_changed():
    # a chain of replaces equals the table only when no character is changed twice
    assert not any(to in T._CHANGED for to in T._CHANGED.values())


def test_caseless_ranges_are_caseless():
    for a, b in T._CASELESS_RANGES:
        for c in range(a, b + 1):
            assert chr(c).lower() == chr(c), hex(c)


def test_folded_characters_have_no_case():
    # fold_text reads whether lower() changes anything from the text before folding
    for ch, to in T._CHANGED.items():
        assert ch.lower() == ch and to.lower() == to


def test_unusual_covers_everything_but_common_folds_and_caseless():
    common = {ch for ch, _ in T._COMMON_FOLDS}
    for c in range(0x10000):
        ch = chr(c)
        if 0xD800 <= c <= 0xDFFF:
            continue
        plain = T._UNUSUAL_RE.match(ch) is None
        if plain:
            assert ch.lower() == ch and (ch not in T._CHANGED or ch in common), hex(c)
    assert T._UNUSUAL_RE.match("\U00010400") and T._MAY_LOWER_RE.match("\U00010400")


def test_fold_text_matches_the_plain_fold():
    rng = random.Random(7)
    pool = (list(T._CHANGED) + [chr(c) for c in range(0x600, 0x700)] + list("abcXYZ ÀİſK\u00b5\u2126 .,«»")
            + ["\U00010400", "\U0001d400", " \u0640 ", "\u0640"])
    base = "قال مسؤول إن قوات الجيش استهدفت مواقع تنظيم الدولة في سرت، وأكدت مقتل عنصرين. "
    texts = [base, base + "US", "ABC", "abc", "", " \u0640 ", base.replace("ا", "\u064b")]
    for _ in range(3000):
        ins = "".join(rng.choice(pool) for _ in range(rng.randrange(1, 8)))
        i = rng.randrange(len(base))
        texts.append(base[:i] + ins + base[i:])
    for text in texts:
        assert _fold(text) == _reference(text), ascii(text)


def test_caseless_arabic_text_shares_one_string():
    ft = T.fold_text("قالت مصادر أمنية إن الهجوم استهدف مقر الكتيبة")
    assert ft.folded is ft.cased
    assert "ة" not in ft.folded and "أ" not in ft.folded
