"""Split an article into sentences (with offsets), and find headings and the dateline.

Works on the folded text (see text.py); offsets are folded offsets. A heading is a short line
without closing punctuation (headline, sub-heading, caption-like furniture): it may add details to
an event told in the body but never starts one. The dateline ("طرابلس - ", "TRIPOLI, Libya
(Reuters) -", "WASHINGTON —") tells where the story was filed, not where anything happened.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen maj lt col sgt capt cpt adm brig st no vs etc jan feb mar apr jun jul aug sep sept oct nov "
    "dec mo ala ariz calif fla ga ill mass mich minn nev okla pa tenn tex va wash wis u.s u.n u.k e.g i.e inc corp "
    "co ltd jr sr rep sen gov pres approx est fig".split()
)
# A sentence ends at a run of stops, its closing quotes or brackets, and white space (or straight
# into an Arabic word). Only tried where a stop is (found with str.find, see _stops).
_STOP_CHARS = ".!?؟۔"
_BOUNDARY = re.compile(r"[.!?؟۔]+[\"'»)\]]*(?:\s+|(?=[\u0600-\u06ff]))")
_HEADING_END_CHARS = frozenset(".!?؟:;")  # closing punctuation: a line ending so is no heading
# Closing quotes and brackets end a sentence only after a stop ('… he said.»'): a headline may end on a
# quoted name ('طرابلس تعلن الحداد بعد «مجزرة غرغور»', 'Strike hits "terrorist camp"').
_CLOSERS = "\"'»”)]"
_DATELINE = re.compile(
    r"\s*(?:"
    r"[A-Z][A-Z.'\- ]{2,30}(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?)?"  # "BANI WALID, Libya, Oct 24 (Reuters) -"
    r"(?:\s*\([^)]{1,40}\))?\s*[-\u2013\u2014:]+"
    r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:,\s*[A-Z][a-z]+)?\s*\((?:AFP|AP|Reuters|dpa|Xinhua|ANSA|Anadolu|UPI|LANA|LNA|ANA)\)\s*[-\u2013\u2014:]+"
    r"|[\u0600-\u06ff]{2,15}(?:\s[\u0600-\u06ff]{2,15}){0,2}(?:\s*\([^)]{1,30}\))?\s*[-\u2013\u2014]+"
    r"(?:\s*[\u0600-\u06ff]{2,12}(?:\s[\u0600-\u06ff]{1,12})?\s*:)?"
    r")\s*"
)
# A line of a timeline or a live blog ("- 12 May 2014: a car bomb killed …", "19 مايو 2014 – …") tells
# an event even without a closing stop: no heading.
_DATED_ITEM = re.compile(r"(?:[-–—•*·▪●]\s*)?(?:\d{1,2}\s+[^\W\d]+\.?,?\s+\d{4}|[^\W\d]+\.?\s+\d{1,2},?\s+\d{4}"
                         r"|(?:19|20)\d\d|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})\s*[:\-–—]")
_WORD = re.compile(r"\w+")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]?")


@dataclass(slots=True, unsafe_hash=True)
class Sentence:  # (not frozen, which sets each field through object.__setattr__; never changed after construction)
    start: int          # folded offsets
    end: int
    heading: bool = False
    dateline_end: int | None = None   # end of the dateline prefix (folded offset) when the sentence opens with one


def split_sentences(cased: str, folded: str) -> list[Sentence]:
    """Sentences of the folded text; `cased` (folded, case kept) is used for the dateline test."""
    out: list[Sentence] = []
    lines_with_stop = 0
    raw: list[tuple[int, int, bool]] = []
    pos = 0
    for line in folded.split("\n"):
        body = line.lstrip()
        if body:
            lead = len(line) - len(body)
            body = body.rstrip()
            # _HEADING_END on a stripped line is its last character; words counted only then (up to 26)
            heading = body.rstrip(_CLOSERS)[-1:] not in _HEADING_END_CHARS and len(body.split(None, 25)) <= 25 \
                and not _DATED_ITEM.match(body)
            raw.append((pos + lead, pos + lead + len(body), heading))
            if not heading:
                lines_with_stop += 1
        pos += len(line) + 1
    # Text scraped without punctuation at all: then no line is a heading.
    # Every dateline form ends in a dash or colon: none can start after the last one of the text.
    last_dash = max(cased.rfind("-"), cased.rfind(":"), cased.rfind("\u2013"), cased.rfind("\u2014"))
    stops = _stops(folded)
    boundary = _BOUNDARY.match
    for start, end, heading in raw:
        heading = heading and lines_with_stop > 0
        if heading:
            out.append(Sentence(start, end, True))
            continue
        dl = _DATELINE.match(cased, start) if start <= last_dash else None
        dateline_end = dl.end() if dl and not _looks_like_sentence_start(cased[start:dl.end()]) else None
        if dateline_end is not None and dateline_end >= end - 1:
            continue  # a line that is only a dateline ("طرابلس - وكالات:")
        s = start
        k = bisect_left(stops, start)
        while k < len(stops) and stops[k] < end:
            m = boundary(folded, stops[k], end)
            if m is None:
                k += 1
                continue
            after = m.end()
            k = bisect_left(stops, after, k)  # the next search starts after this match, as finditer's would
            cut = m.start()
            if folded[cut] == "." and _period_not_a_stop(folded, cased, s, cut, after):
                continue
            out.append(Sentence(s, after, False, dateline_end if s == start else None))
            s = after
        if s < end:
            out.append(Sentence(s, end, False, dateline_end if s == start else None))
    return out


def _stops(folded: str) -> list[int]:
    """Offsets of every stop character, in text order (str.find scans faster than a regex search for
    a set of characters)."""
    out: list[int] = []
    for ch in _STOP_CHARS:
        i = folded.find(ch)
        while i >= 0:
            out.append(i)
            i = folded.find(ch, i + 1)
    out.sort()
    return out


def _period_not_a_stop(folded: str, cased: str, s: int, cut: int, after: int) -> bool:
    """A period after an abbreviation, an initial, or before a lower-case word or a digit."""
    nxt = cased[after:after + 1]
    if nxt and (nxt.islower() and nxt.isascii() or nxt.isdigit()):
        return True
    if cut - s >= 2:
        # The usual stop: after a word that ends in a digit, in a letter beyond ASCII (Arabic) with a
        # second character before it, or in seven letters. Every abbreviation and initial is shorter
        # and written in [a-z.], a single letter has no second character: no need to find the word.
        last_char = folded[cut - 1]
        if "0" <= last_char <= "9" or (not last_char.isascii() and not last_char.isspace()
                                       and not folded[cut - 2].isspace()):
            return False
        if cut - s >= 7 and folded[cut - 7:cut].isalpha():
            return False
    # The last word before the period: from a short window, the whole sentence so far only when the
    # window holds no space before it.
    window = max(s, cut - 32)
    words = folded[window:cut].rsplit(None, 1)
    if len(words) < 2 and window > s:
        words = folded[s:cut].rsplit(None, 1)
    last = words[-1].lower() if words else ""
    last_word = last.rstrip(".")
    return last_word in ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()) or bool(_INITIALS.fullmatch(last))


def _looks_like_sentence_start(prefix: str) -> bool:
    """An Arabic 'word word -' prefix is a dateline only if short; guard against a sentence dash."""
    return len(_WORD.findall(prefix)) > 6
