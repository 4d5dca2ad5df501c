"""Loads the analyst-editable dictionaries in pipeline/data/*.toml once, and matches word lists.

Word lists (triggers, actors, cue words) become one Aho-Corasick automaton each (`Dictionary`), so a
text is scanned once per list rather than once per entry; `Scan` matches all the lists of an article
in one pass over one combined automaton (same results as each list's own pass). Patterns with
structure (dates, counts) are regular expressions tried only where a list word occurs.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from pipeline.extract.text import fold_key

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

WORD_CHAR = r"\w"  # Python's \w covers Arabic letters; Arabic punctuation (، ؛ ؟) is not a word character
_AR = re.compile("[\u0600-\u06ff]")


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    with open(DATA_DIR / f"{name}.toml", "rb") as f:
        return tomllib.load(f)


# --- Fast dictionary matching (Aho-Corasick) -------------------------------------------------
# A long alternation regex is tried at every character; an automaton finds every entry in one
# pass. Word boundaries, Arabic proclitics and '*' stems are then checked only where an entry
# occurs.

_PROCLITIC_PREFIXES = frozenset(
    a + b + c
    for a in ("", "و", "ف")
    for b in ("", "ب", "ل", "ك")
    for c in ("", "ال")
) | frozenset({"لل", "ولل", "فلل"})
_ARTICLE_PREFIXES = frozenset({"ال", "وال", "فال", "بال", "كال", "وبال", "فبال", "لل", "ولل", "فلل", "ل", "ول", "فل", "ب", "وب"})
# prefix -> (a proclitic prefix, an article prefix): one look-up where a key follows a prefix
_PREFIX_KINDS = {p: (p in _PROCLITIC_PREFIXES, p in _ARTICLE_PREFIXES) for p in _PROCLITIC_PREFIXES | _ARTICLE_PREFIXES}


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Dictionary:
    """Entries (with values) found in folded text: longest non-overlapping matches, text order."""

    def __init__(self, entries: dict[str, object]):
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        payloads: dict[str, list] = {}
        for entry, value in entries.items():
            stem = entry.endswith("*")
            key = " ".join(fold_key(entry.rstrip("*")).split())
            if not key:
                continue
            arabic = bool(_AR.search(key))
            payloads.setdefault(key, []).append((value, stem, arabic, False))
            if arabic and key.startswith("ال") and len(key) > 3:
                # "للقاعدة": the article merges with the preposition ل; match the bare word after a prefix
                payloads.setdefault(key[2:], []).append((value, stem, arabic, True))
        for key, items in payloads.items():
            self._automaton.add_word(key, _payload(key, ((0, items),)))
        self._payloads = payloads
        self._empty = not payloads
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str, start: int = 0, end: int | None = None, scan: "Scan | None" = None) -> list[tuple[int, int, object]]:
        """`scan`: a Scan of this whole text that includes this dictionary (one pass for all lists)."""
        if self._empty:
            return []
        end = len(text) if end is None else end
        if scan is not None and start == 0 and end == len(text) and scan.text is text:
            found = scan.found(self)
            if found is not None:
                return found
        return _collect(self._automaton, text, start, end, 1)[0]

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool:
        return bool(self.find(text, start, end))


def _collect(automaton, text: str, start: int, end: int, slots: int) -> list[list[tuple[int, int, object]]]:
    """Run one automaton over text[start:end] (payloads from _payload, one slot per dictionary).
    Returns each slot's longest non-overlapping matches in text order."""
    found: list[list] = [[] for _ in range(slots)]
    for last, (length, arabic, any_stem, groups) in automaton.iter(text, start, end):
        e = last + 1
        s = e - length
        right_is_word = e < end and (text[e].isalnum() or text[e] == "_")
        if right_is_word and not any_stem:
            continue  # "on" in "long": only a stem may run on into a longer word
        left_is_word = s > start and (text[s - 1].isalnum() or text[s - 1] == "_")
        if left_is_word and not arabic:
            continue  # only Arabic words take a prefix (proclitics, the article)
        if not left_is_word and not right_is_word:
            # The usual hit, a whole word: every entry but the article-less forms matches text[s:e]
            # as it stands (a stem cannot run on past a non-word character).
            for slot, items in groups:
                append = found[slot].append
                for value, _, _, bare in items:
                    if not bare:
                        append((s, e, value))
            continue
        ws_word = None  # the word start and prefix before s, computed once for every entry at this hit
        for slot, items in groups:
            out = found[slot]
            for value, stem, _, bare in items:
                if right_is_word and not stem:
                    continue
                ws = s
                if left_is_word:
                    if ws_word is None:
                        ws = s
                        while ws > start and ws > s - 5 and (text[ws - 1].isalnum() or text[ws - 1] == "_"):
                            ws -= 1
                        if ws > start and (text[ws - 1].isalnum() or text[ws - 1] == "_"):
                            ws_word = (ws, None)
                        else:
                            ws_word = (ws, text[ws:s])
                    ws, prefix = ws_word
                    if prefix is None:
                        continue
                    if bare:
                        if prefix not in _ARTICLE_PREFIXES:
                            continue
                    elif prefix not in _PROCLITIC_PREFIXES:
                        continue
                elif bare:
                    continue
                me = e
                if stem:
                    while me < end and (text[me].isalnum() or text[me] == "_"):
                        me += 1
                out.append((ws, me, value))
    return [_longest(f) for f in found]


def _longest(found: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    if len(found) < 2:
        return found
    # most often the matches come in text order already, none overlapping the one before (so their
    # starts increase): then sorting would leave them as they are, and all are kept (a plain loop:
    # cheaper than a chain of maps over these short lists)
    last_end = -1
    for start, end, _ in found:
        if start < last_end:
            break
        last_end = end
    else:
        return found
    # order by start, longer first at one start, ties kept in the order found: two stable sorts with
    # C-level keys (cheaper than one sort on a Python key function)
    found.sort(key=_END, reverse=True)
    found.sort(key=_START)
    out = []
    last_end = -1
    for f in found:
        if f[0] >= last_end:
            out.append(f)
            last_end = f[1]
    return out


_START = itemgetter(0)
_END = itemgetter(1)


def _payload(key: str, groups: tuple) -> tuple:
    """Automaton value of one key: its length, whether it is Arabic, whether any entry is a stem,
    and its entries per dictionary slot ((slot, [(value, stem, arabic, bare), ...]), ...)."""
    arabic = bool(_AR.search(key))
    any_stem = any(stem for _, items in groups for _, stem, _, _ in items)
    return len(key), arabic, any_stem, groups


class Scan:
    """Several dictionaries matched over one whole text in a single automaton pass.

    Each Dictionary.find(text, scan=...) then reads its matches from here (identical to its own
    pass). The combined automaton is built once per set of dictionaries (see _word_shape_automaton)."""

    def __init__(self, text: str, dictionaries: tuple[Dictionary, ...]):
        self.text = text
        combined = _combined(dictionaries)
        if combined is None:
            self._found: dict[int, list] = {}
            return
        automaton, slot_of = combined
        results = _collect_word_shape(automaton, text, len(slot_of))
        self._found = {key: results[slot] for key, slot in slot_of.items()}

    def found(self, dictionary: Dictionary) -> list[tuple[int, int, object]] | None:
        return self._found.get(id(dictionary))


@lru_cache(maxsize=8)
def _combined(dictionaries: tuple[Dictionary, ...]):
    live = [d for d in dictionaries if not d._empty]
    if not live:
        return None
    return _word_shape_automaton(live), {id(d): slot for slot, d in enumerate(live)}


# --- The combined scan: matches anchored at word boundaries --------------------------------
# Most automaton hits of a dictionary word on plain text fall inside longer words ("at" in "that",
# "on" in "long") and are thrown away by the boundary checks. The combined scan instead runs over the
# text's "word shape" (same length, every non-word character a space, one space of padding at each
# end). A Latin key is written " key " (" key" when an entry is a stem), so it is only found where a
# word starts and, unless a stem, ends. Arabic keys may follow a prefix (proclitics, the article),
# which is checked where they occur, as in _collect. Same results as _collect, with fewer hits.

# The non-word characters of most news text: replaced one by one (str.replace is fast); any other
# text takes the per-character table (a list: faster than a dict) or, beyond U+FFFF, the regex.
_COMMON_NON_WORD = "\n.,-،\"()'«»/:;!?؟؛%\t"
_NON_WORD = re.compile(r"\W")  # \W is exactly "not (isalnum() or '_')"
_ASCII_SHAPE = {c: c if (chr(c).isalnum() or c == 0x5F) else 0x20 for c in range(128)}


@lru_cache(maxsize=None)
def _space_for_non_word() -> list[int]:
    """str.translate table over the Basic Multilingual Plane (built on first use)."""
    return [c if (chr(c).isalnum() or c == 0x5F) else 0x20 for c in range(0x10000)]


def _word_shape(text: str) -> str:
    """The text with every non-word character a space (same offsets), padded with one space at each end."""
    if text.isascii():  # str.translate has a fast path for ASCII text and an ASCII table
        return f" {text.translate(_ASCII_SHAPE)} "
    shape = text
    for ch in _COMMON_NON_WORD:
        if ch in shape:
            shape = shape.replace(ch, " ")
    rest = shape.replace(" ", "").replace("_", "")
    if rest and not rest.isalnum():  # some other non-word character
        if len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):  # none beyond U+FFFF
            shape = text.translate(_space_for_non_word())
        else:
            shape = _NON_WORD.sub(" ", text)
    return f" {shape} "


def _word_shape_automaton(dictionaries: list[Dictionary]):
    """Automata over word shapes (all keys; the ASCII keys alone). Value of a key: (key length, slot,
    value, (Arabic, ends with a space, any stem, forms, whole)): slot and value of the one entry a
    whole-word hit of a key closed by a space appends, else None; forms: (key length, key to check
    against the text or None, ((slot, value, stem, bare), ...)), one per dictionary key of that shape ("u.s" and "u s" share one); whole: ((slot, value), ...), what
    a hit that is a whole word (no prefix, no run-on) appends, when that needs no check of the text
    (one form, without punctuation or spacing to compare), else None."""
    entries_of: dict[str, list] = {}  # key -> [(slot, value, stem, bare), ...] over all dictionaries
    for slot, d in enumerate(dictionaries):
        for key, items in d._payloads.items():
            entries_of.setdefault(key, []).extend((slot, value, stem, bare) for value, stem, _, bare in items)
    keys_of: dict[str, list[str]] = {}  # automaton key -> dictionary keys
    for key, entries in entries_of.items():
        key_shape = _word_shape(key)[1:-1]
        if _AR.search(key):
            keys_of.setdefault(key_shape, []).append(key)
        elif any(stem for _, _, stem, _ in entries):
            keys_of.setdefault(f" {key_shape}", []).append(key)
        else:
            keys_of.setdefault(f" {key_shape} ", []).append(key)
    _close_arabic_words(keys_of, entries_of)
    values = {}
    for word, keys in keys_of.items():
        key = keys[0]
        closed = word.endswith(" ")
        forms = tuple((len(k), None if k.replace("_", "a").isalnum() else k, tuple(entries_of[k])) for k in keys)
        any_stem = any(stem for _, _, entries in forms for _, _, stem, _ in entries)
        whole = None
        if len(forms) == 1 and forms[0][1] is None:
            whole = tuple((slot, value) for slot, value, _, bare in forms[0][2] if not bare)
        # the usual hit, a key closed by a space with one entry for a whole word: (slot, value) read
        # straight from the hit (see _collect_word_shape)
        slot, value = whole[0] if closed and whole is not None and len(whole) == 1 else (None, None)
        values[word] = (len(key), slot, value, (bool(_AR.search(key)), closed, any_stem, forms, whole))
    # Text without any non-ASCII character can only hold keys without one: an automaton of those
    # alone (its states have far fewer next letters to try) gives the same hits in the same order.
    full = _automaton_of(values)
    ascii_only = _automaton_of({word: value for word, value in values.items() if word.isascii()})
    return full, ascii_only


def _automaton_of(values: dict):
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for word, value in values.items():
        automaton.add_word(word, value)
    if values:
        automaton.make_automaton()
    return automaton


def _close_arabic_words(keys_of: dict[str, list[str]], entries_of: dict[str, list]) -> None:
    """Write Arabic automaton keys without stems with the space after them: they must end where a word
    ends, and so are no longer found inside longer words at all.

    Hits of keys that end at one place can give the same span ('القاعده' whole, 'قاعده' after 'ال'),
    which _longest keeps in the order found: so keys one of which ends with the other are closed
    together or not at all (not when one of them is a stem or a Latin key), and their hits keep their
    order."""
    open_words = [w for w in keys_of if not w.endswith(" ")]
    parent = {w: w for w in open_words}

    def root(w: str) -> str:
        while parent[w] != w:
            w = parent[w]
        return w

    for w in open_words:  # link each key with the keys it ends with
        for i in range(1, len(w)):
            if w[i:] in parent:
                parent[root(w[i:])] = root(w)
    blocked = {root(w) for w in open_words
               if not _AR.search(w) or any(stem for k in keys_of[w] for _, _, stem, _ in entries_of[k])}
    for w in open_words:
        if root(w) not in blocked and w + " " not in keys_of:
            keys_of[w + " "] = keys_of.pop(w)


def _collect_word_shape(automata, text: str, slots: int) -> list[list[tuple[int, int, object]]]:
    """Same results as _collect(automaton of the same dictionaries, text, 0, len(text), slots).
    `automata`: from _word_shape_automaton."""
    found: list[list] = [[] for _ in range(slots)]
    shape = _word_shape(text)  # shape[i + 1] is text[i]
    automaton = automata[1] if text.isascii() else automata[0]
    for last, (length, slot, value, slow) in automaton.iter(shape):
        if slot is not None:  # a key closed by a space (it ends where a word ends), one entry
            e = last - 1
            s = e - length
            if shape[s] == " ":  # and starts where a word starts: the usual hit
                found[slot].append((s, e, value))
                continue
        arabic, closed, any_stem, forms, whole = slow
        if closed:  # found with the space after it: the word ends here
            e = last - 1
            run_on = False
        else:
            e = last
            run_on = shape[last + 1] != " "
            if run_on and not any_stem:
                continue  # only a stem may run on into a longer word
        s = e - length
        if shape[s] == " " and not run_on and whole is not None:
            # a whole word, nothing glued before it or run on after it
            for slot, value in whole:
                found[slot].append((s, e, value))
            continue
        if arabic and shape[s] != " ":  # a word character before: only a known prefix may be there
            ws = shape.rfind(" ", 0, s)  # where the word starts (a space in the shape at i is text[i - 1])
            kinds = _PREFIX_KINDS.get(text[ws:s])
            if kinds is None:
                continue
            proclitic, article = kinds
        else:  # Latin keys are only found where a word starts
            ws = s
            proclitic = True
            article = False  # an article-less form needs the article before it
        word_end = shape.find(" ", last + 1) - 1 if run_on else e
        for key_length, key, entries in forms:
            if key is not None and text[e - key_length:e] != key:
                continue  # the shape matched but the punctuation or spacing inside the key differs
            for slot, value, stem, bare in entries:
                if article if bare else proclitic:
                    if stem:
                        end = word_end
                    elif not run_on:
                        end = e
                    else:
                        continue
                    out = found[slot]
                    # a span already found (by another key or entry) is never kept a second time
                    # by _longest: one copy is enough
                    if not out or out[-1][0] != ws or out[-1][1] != end:
                        out.append((ws, end, value))
    return [f if len(f) < 2 else _longest(f) for f in found]
