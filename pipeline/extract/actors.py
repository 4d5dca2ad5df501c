"""Actors and groups named in a text, and who did what to whom in an event.

Dictionary: pipeline/data/actors.toml (canonical name, kind, Arabic and English aliases).
Roles: a partner introduced by "in coordination with"/"بالتنسيق مع"/"بدعم" is assoc_actor_1; a
group that claims the attack ("أعلن تنظيم داعش مسؤوليته", "ISIS claimed responsibility") acted;
otherwise states and government forces act and armed groups are the target; civilians are the
target only when no armed group is named.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.lexicon import Dictionary, Scan, load, WORD_CHAR


class ActorMention:
    """One actor named in a text and the roles the words around it give it.

    A plain slots class rather than a frozen dataclass (built for every mention, never hashed):
    `alleged` is worked out only when asked for (assign_roles reads it only in events that name
    civilians), from a deferred test given as `alleged_test`."""

    __slots__ = ("start", "end", "name", "kind", "assoc", "claimed", "targeted", "announced", "_alleged", "_alleged_test")

    def __init__(self, start: int, end: int, name: str, kind: str, assoc: bool = False, claimed: bool = False,
                 targeted: bool = False, announced: bool = False, alleged: bool = False, alleged_test=None):
        self.start = start
        self.end = end
        self.name = name
        self.kind = kind              # state | force | group | civilians
        self.assoc = assoc            # introduced as a partner ("with the support of")
        self.claimed = claimed        # claimed the attack / subject of an attack verb
        self.targeted = targeted      # introduced as the target ("against", "ضد", "استهدف")
        self.announced = announced    # only said to have announced it ("أعلن الجيش …"): a weaker sign of who acted
        self._alleged = alleged
        self._alleged_test = alleged_test  # (callable, *args) -> bool, or None when `alleged` is known

    @property
    def alleged(self) -> bool:
        """Named as the target only by its attacker ("said it had targeted Chadian fighters")."""
        test = self._alleged_test
        if test is not None:
            self._alleged = bool(test[0](*test[1:]))
            self._alleged_test = None
        return self._alleged

    def _key(self) -> tuple:
        return (self.start, self.end, self.name, self.kind, self.assoc, self.claimed, self.targeted, self.announced,
                self.alleged)

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None  # mutable, like a non-frozen dataclass

    def __repr__(self) -> str:
        return ("ActorMention(start={!r}, end={!r}, name={!r}, kind={!r}, assoc={!r}, claimed={!r}, targeted={!r}, "
                "announced={!r}, alleged={!r})").format(*self._key())


_W = WORD_CHAR
# Words just before an actor that tell its role (found once per text; an actor counts as introduced
# by a cue when at most three words separate them).
ASSOC_CUES = ["in coordination with", "in conjunction with", "in cooperation with", "together with", "alongside",
              "with the support of", "with the help of", "with the assistance of", "with the backing of", "backed by",
              "supported by", "requested by", "بالتنسيق مع", "بالتعاون مع", "بالاشتراك مع", "بمساندة", "بدعم", "بمشاركة"]
TARGET_CUES = ["against", "targeting", "targeted", "on", "at", "struck", "attacked", "stormed", "raided", "shelled",
               "bombed", "hit", "ambushed", "killing", "killed", "base of", "bases of", "positions of", "headquarters of",
               "camp of", "camps of", "convoy of", "held by", "controlled by", "under the control of", "clashes with",
               "clashed with", "fighting with", "battles with", "fought", "drove out", "expelled", "drive", "drove", "expel",
               "oust", "ousted", "pitted", "against the", "opposed to", "hostile to", "retook", "recaptured",
               "المناهضة ل", "المعارضة ل", "المناوئة ل",
               "ضد", "استهدف*", "تستهدف", "يستهدف", "على", "معاقل", "مواقع", "موقع", "عناصر", "مسلحي", "أعضاء", "أفراد",
               "قياديا", "قيادي", "قيادات", "مقاتلي", "إرهابيي", "متشددي", "أنصار", "مسلحين", "معسكر", "معسكرات", "معسكرا",
               "صفوف", "مقتل", "قتل", "قُتل", "لسيطرة", "سيطرة", "معارك مع", "اشتباكات مع", "اشتبكت مع", "اشتبكوا مع",
               "مواجهات مع", "مع", "طرد", "إخراج", "مقر", "مقار", "قاعدة", "رتل", "رتلا", "آليات", "مركز", "مركزا", "مبنى",
               "كلية", "سفارة", "قنصلية", "بعثة", "البعثة", "academy", "college", "station", "compound", "building",
               "mission", "embassy", "consulate", "checkpoint", "حاجز", "بوابة"]
# Before a group: it claimed or is blamed for the attack, or is the subject of an Arabic attack verb
# ("شن مسلحو تنظيم الدولة هجوما", "اتهمت مصادر عناصر من أنصار الشريعة").
CLAIM_BEFORE_CUES = ["تبنى", "تبنت", "اتهمت", "اتهم", "يتهم", "تتهم", "حملت", "حمل", "blamed", "accused",
                     "attributed to", "blamed on", "fighting between", "clashes between", "battles between",
                     "اشتباكات بين", "معارك بين", "المواجهات بين", "مواجهات بين", "carried out by", "launched by", "conducted by", "نفذها", "نفذتها",
                     "شنها", "شنته", "شن", "شنت", "شنّ", "هاجم", "هاجمت", "اقتحم", "اقتحمت", "فجر", "نفذ", "نفذت", "تابعة ل", "تابعه ل", "التابعة ل", "by",
                     "قصفت", "استهدفت طائرات", "استهدفت طائرة", "استعادت", "استعاد", "سيطرت", "استولت", "استولى", "دخلت", "تقدمت"]
# Before a group: it announced the operation ("أعلن الجيش الوطني استعادة …", "LNA announced"): acted, unless
# someone named as the subject of an attack verb did.
ANNOUNCE_CUES = ["أعلن", "أعلنت", "اعلن", "اعلنت"]
# After a name: the side that suffered ("Americans were killed", "soldiers were wounded").
# (Possessive quantifiers where giving characters back cannot lead to a match — what follows them
# cannot start with a character they take — so a failing window is given up at once: same matches.)
_VICTIM_AFTER = re.compile(r"\s*+(?:(?:\S++\s++){0,2}?(?:were|was|have\s+been|had\s+been)\s+|(?:ambassador|envoy|diplomats?|"
                           r"soldiers|troops|officials|citizens|nationals|workers|contractors|hostages|consul)\s+)"
                           r"(?:killed|wounded|injured|abducted|kidnapped|targeted|attacked|hit|struck)(?!\w)")
# After a name: "X claimed", "X fighters stormed …" (English subject before its verb).
_CLAIM_AFTER = re.compile(
    r"[\s,'’]*+(?:s\s+)?(?:(?:\S++\s++){0,2}?(?:claimed|claims|مسوولي?ته|تبن)|"
    r"(?:\S++\s++){0,1}?(?:said|says|announced|announces)\s+(?:that\s+)?(?:it|they)\s+(?:had|has|have)\s+(?:seized|taken|captured|"
    r"retaken|recaptured|stormed|attacked|carried\s+out|conducted)|(?:(?:fighters|militants|gunmen|forces|troops|"
    r"members|jihadists|units|brigades?|militias?|warplanes?|aircraft|jets|drones?)\s+)?(?:attacked|stormed|struck|launched|"
    r"detonated|seized|captured|fired|shelled|overran|ambushed|blew|bombed|raided|took\s+control|hit|killed|executed|opened\s+fire|"
    r"carried\s+out|conducted|pushed|advanced|(?:had\s+|has\s+)?(?:taken|retaken|seized|captured|stormed|attacked)|attacks?|storms?|seizes?|captures?|strikes|hits|kills|bombs|shells|raids|"
    r"takes?\s+control|retakes?|retook|recaptured?s?|recaptures|drives?\s+out|drove\s+out|entered|enters|"
    r"(?:قد\s+)?(?:هاجم|هاجمت|هاجموا|شن|شنت|شنوا|اقتحم|اقتحمت|اقتحموا|قصف|قصفت|قصفوا|استولت|استولي|استولوا|سيطرت|"
    r"سيطروا|استعادت|استعاد|دخلت|دخلوا|نفذت|نفذ|فجر|فجروا)))(?!\w)"
)
# "اتهمت مصادر أمنية عناصر من جماعة X", "the government blamed forces loyal to X": X is said to have done it.
_ACCUSED_BEFORE = re.compile(r"(?<!\w)[وف]?(?:اتهم\w*|يتهم|تتهم|حمل\w*|accus\w*|blam\w*)\s+(?:[^\s.،,;:!?؟]+\s+){0,6}[«\"“']?$")
# An Arabic accusing verb directly before an actor: that actor is its subject, the accuser.
_ACCUSER_AR = re.compile(r"(?<!\w)[وف]?(?:اتهمت|اتهم|يتهم|تتهم|حملت|حمل|يحمل|تحمل)\s+$")
# "seized the ports from Y", "استعادة السدرة من سرايا الدفاع": Y lost them, Y is the target.
_TAKEN_FROM_BEFORE = re.compile(r"(?<!\w)(?:seiz|captur|retook|retak|recaptur|wrest|took|taken|overr|استعاد|انتزع|حرر|تحرير)\w*"
                                r"\s+(?:[^\s.،,;:!?؟]+\s+){0,6}(?:from|من)\s+(?:the\s+)?(?:\S+\s+)?$")
# A nationality before/after civilians ("Egyptian Christians", "عمال مصريين"): the victims' origin, not a state's forces.
_CIVILIAN_NOUN_BEFORE = re.compile(r"(?:عمال|العمال|مواطنين|المواطنين|رعايا|صيادين|مهندسين|اطباء)\s+$")
# A gap that says a group is close to, not the target of, the word before ("مواقع مقربة من تنظيم الدولة").
_AFFILIATION_GAP = re.compile(r"(?<!\w)(?:مقرب\w*|قريب\w*|close|linked|affiliated|allied|loyal|"
                             # a clause or a date between: "said on Saturday that US jets …" (the cue is "on Saturday")
                             r"that|said|says|who|which|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                             r"ان|انه|بان|الذي|التي|الذين)(?!\w)")
# "X said it had targeted Y", "قالت القيادة العامة إن الغارة استهدفت مواقع لY": the target as its attacker tells it;
# civilians reported killed by others still make civilians the target.
_ALLEGED_TARGET_BEFORE = re.compile(
    r"(?:(?<!\w)(?:said|says|claimed|insisted|maintained|stated)\s+(?:that\s+)?(?:it|they|its\s+\w+)\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:only\s+)?(?:targeted|struck|hit|was\s+targeting|were\s+targeting)|"
    r"(?<!\w)[وف]?(?:قال|قالت|اكد|اكدت|زعم|زعمت|ذكر|ذكرت)\s+(?:\S+\s+){0,4}?(?:ان|إن)\s+(?:\S+\s+){0,2}?(?:استهدف\w*|ضرب\w*|قصف\w*))"
    r"\s+(?:[^\s.،,;:!?؟]+\s+){0,4}$")
# Words every match of the pattern above begins with, after at most `lead` letters (a proclitic و/ف,
# the first letter of "اتهم"): the (slow, backtracking) pattern is tried only there, rather than at
# every character of the window. Their occurrences are found once per text (_Anchored).
_ACCUSED_WORDS = ("تهم", "حمل", "accus", "blam")  # lead 2: "واتهم"
_TAKEN_FROM_WORDS = ("seiz", "captur", "retook", "retak", "recaptur", "wrest", "took", "taken", "overr", "استعاد",
                     "انتزع", "حرر", "تحرير")  # lead 0
_ALLEGED_WORDS = ("said", "says", "claimed", "insisted", "maintained", "stated", "قال", "اكد", "زعم", "ذكر")  # lead 1: "وقال"
# Words one of which every match of the pattern also holds (its verb of attack; its "from").
_ALLEGED_NEEDS = ("target", "struck", "hit", "استهدف", "ضرب", "قصف")
_TAKEN_FROM_NEEDS = ("from", "من")


class _Anchored:
    """A pattern whose every match begins with one of `words` (at most `lead` letters before it),
    searched for in windows of one text by trying it only where the words occur. The words are
    looked for on the first search (some patterns are never needed for a text). `needs`: words one
    of which every match also holds (a window without any cannot match)."""

    def __init__(self, pattern: re.Pattern, words: tuple[str, ...], lead: int, text: str, start: int, end: int,
                 needs: tuple[str, ...] = ()):
        self.pattern, self.words, self.lead, self.text, self.span, self.needs = pattern, words, lead, text, (start, end), needs
        self.starts: list[int] | None = None
        self.ends: list[int] = []

    def _find_words(self) -> None:
        self.starts, self.ends = _word_spans(self.words, self.text, *self.span)

    def search(self, lo: int, hi: int) -> bool:
        """bool(pattern.search(text, lo, hi))."""
        text = self.text
        if self.starts is None:
            # a window without a needed word ("from" in English text, most often) needs no search
            # of the whole text for the words
            if self.needs and not any(text.find(w, lo, hi) >= 0 for w in self.needs):
                return False
            self._find_words()
        starts, ends, pattern = self.starts, self.ends, self.pattern
        k = bisect_left(starts, lo)
        if k == len(starts) or starts[k] >= hi:
            return False
        if self.needs and not any(text.find(w, lo, hi) >= 0 for w in self.needs):
            return False
        tried = lo - 1  # positions up to here are tried already
        for k in range(k, len(starts)):
            if starts[k] >= hi:
                break
            if ends[k] > hi:
                continue  # the word runs past the window: no match inside it holds this occurrence
            for pos in range(max(tried + 1, starts[k] - self.lead), starts[k] + 1):
                if pattern.match(text, pos, hi):
                    return True
            tried = max(tried, starts[k])
        return False


def _word_spans(words: tuple[str, ...], text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """(starts, ends) of every occurrence of the words in text[start:end], in text order."""
    found = []
    for w in words:
        i = text.find(w, start, end)
        while i >= 0:
            found.append((i, i + len(w)))
            i = text.find(w, i + 1, end)
    found.sort()
    return [s for s, _ in found], [e for _, e in found]


# A text of one language holds none of the other language's hint and anchor words above, which
# are then not looked for (each word looked for is one str.find pass over the text): an Arabic word
# (one beyond ASCII) cannot occur in ASCII text, an English one (each has a vowel) not in text
# without any vowel (five one-letter searches, far cheaper than a search for each word).
_VOWELS = "aeiou"


def _scripts(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(whether text[start:end] holds a vowel, whether it may hold a character beyond ASCII)."""
    vowel = False
    for v in _VOWELS:
        if text.find(v, start, end) >= 0:
            vowel = True
            break
    return vowel, not text.isascii()


@lru_cache(maxsize=None)
def _in_scripts(words: tuple[str, ...], vowel: bool, beyond_ascii: bool) -> tuple[str, ...]:
    """The words that can occur in a text as _scripts tells it."""
    return tuple(w for w in words if (beyond_ascii if not w.isascii() else vowel or not any(v in w for v in _VOWELS)))


class _Hints:
    """Where the words occur in text[start:end], found on first use: whether one lies inside a
    window of it is then a bisect rather than a search of the window for every word."""

    def __init__(self, words: tuple[str, ...], text: str, start: int, end: int):
        self.words, self.text, self.span = words, text, (start, end)
        self.starts: list[int] | None = None
        self.ends: list[int] = []

    def found(self) -> bool:
        """Whether any of the words occurs in text[start:end]."""
        if self.starts is None:
            self.starts, self.ends = _word_spans(self.words, self.text, *self.span)
        return bool(self.starts)

    def within(self, lo: int, hi: int) -> bool:
        """any(text.find(w, lo, hi) >= 0 for w in words), for start <= lo and hi <= end."""
        starts = self.starts
        if starts is None:
            starts, self.ends = _word_spans(self.words, self.text, *self.span)
            self.starts = starts
        ends = self.ends
        for k in range(bisect_left(starts, lo), len(starts)):
            if starts[k] >= hi:
                break
            if ends[k] <= hi:
                return True
        return False


_GAP_OK = {  # words allowed between a cue and the actor it introduces (same line, no punctuation)
    "assoc": re.compile(r"[ \t\"'«(]*(?:[^\s.،,;:!?؟]+[ \t\"'«(]+){0,3}$"),
    "target": re.compile(r"[ \t\"'«(]*(?:[^\s.،,;:!?؟]+[ \t\"'«(]+){0,3}$"),
    "claim": re.compile(r"[ \t\"'«(]*(?:[^\s.،,;:!?؟]+[ \t\"'«(]+){0,1}$"),
    "announce": re.compile(r"[ \t\"'«(]*(?:[^\s.،,;:!?؟]+[ \t\"'«(]+){0,2}$"),
}
_GAP_ASSOC, _GAP_TARGET, _GAP_CLAIM, _GAP_ANNOUNCE = (_GAP_OK[r] for r in ("assoc", "target", "claim", "announce"))


@lru_cache(maxsize=None)
def _lexicon():
    data = load("actors")
    mapping, case_mapping = {}, {}
    for actor in data["actor"]:
        for alias in actor.get("aliases", []):
            mapping.setdefault(alias, (actor["name"], actor["kind"]))
        for alias in actor.get("case_aliases", []):
            case_mapping[alias] = (actor["name"], actor["kind"])
    regex = Dictionary(mapping)
    case_items = sorted(case_mapping, key=len, reverse=True)
    case_regex = re.compile(
        r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in case_items) + r")(?![\w]|\.\w)"
    ) if case_items else None
    cues = {**{c: "assoc" for c in ASSOC_CUES}, **{c: "target" for c in TARGET_CUES},
            **{c: "claim" for c in CLAIM_BEFORE_CUES}, **{c: "announce" for c in ANNOUNCE_CUES}}
    return regex, Dictionary(cues), case_regex, case_mapping


@lru_cache(maxsize=None)
def _case_aliases() -> tuple[str, ...]:
    """The literals every case-alias match begins with: an alias that begins with another one
    ("USA", "US") adds no place to try."""
    aliases = tuple(_lexicon()[3])
    return tuple(a for a in aliases if not any(b != a and a.startswith(b) for b in aliases))


@lru_cache(maxsize=None)
def _case_alias_letter() -> str | None:
    """A character every case alias holds ("S"), if any: a text without it names none of them."""
    common = set.intersection(*map(set, _lexicon()[3])) if _lexicon()[3] else set()
    return min(common) if common else None


def dictionaries() -> tuple[Dictionary, ...]:
    """The word lists matched here (for one combined Scan of an article)."""
    return _lexicon()[:2]


def find_actors(folded: str, cased: str, start: int = 0, end: int | None = None,
                scan: Scan | None = None) -> list[ActorMention]:
    return ArticleActors(folded, cased, start, end, scan).between(start, len(folded) if end is None else end)


class ArticleActors:
    """The actors named in folded[start:end]. The names (and the anaphora pointing back to them)
    are found in the whole text at once; a mention's roles, read from the words around it, are
    worked out only for the mentions asked for (an article's event sentences, most often), and
    once each. `between` gives what find_actors gives for the same span of the text."""

    def __init__(self, folded: str, cased: str, start: int = 0, end: int | None = None,
                 scan: Scan | None = None):
        regex, role_cues, case_regex, case_mapping = _lexicon()
        end = len(folded) if end is None else end
        self.folded, self.start, self.end, self.scan = folded, start, end, scan
        found: list[tuple[int, int, str, str]] = [(s, e, name, kind) for s, e, (name, kind) in regex.find(folded, start, end, scan)]
        letter = _case_alias_letter()
        if case_regex is not None and (letter is None or cased.find(letter, start, end) >= 0):
            taken_starts = [f[0] for f in found]
            for m in _literal_matches(case_regex, _case_aliases(), cased, start, end):
                k = bisect_right(taken_starts, m.start()) - 1
                if k < 0 or m.start() >= found[k][1]:
                    name, kind = case_mapping[m.group(0)]
                    found.append((m.start(), m.end(), name, kind))
        found.sort()
        # which scripts the span holds: the hint and anchor words of the other script are not looked for
        self._scripts = _scripts(folded, start, end) if found else None
        self.found = _resolve_anaphora(folded, found, start, end, self._scripts) if found else found
        self.starts = [f[0] for f in self.found]
        self._described: dict[int, ActorMention | None] = {}
        self._context = None

    def between(self, start: int, end: int) -> list[ActorMention]:
        """The mentions that start in [start, end), text order."""
        starts = self.starts
        lo = bisect_left(starts, start)
        hi = bisect_left(starts, end, lo)
        if lo == hi:
            return []
        out = []
        described = self._described
        for i in range(lo, hi):
            m = described[i] if i in described else self._describe(i)
            if m is not None:
                out.append(m)
        return out

    def _describe(self, i: int) -> ActorMention | None:
        folded, start, end, found = self.folded, self.start, self.end, self.found
        context = self._context
        if context is None:
            # cue words found once per text, already in text order (longest non-overlapping
            # matches: their ends increase too); the anchor words of the slow patterns that occur;
            # the hint words of the place-descriptor and denial tests (asked for at every mention:
            # found now, so a text without any skips those tests at once)
            cues = _lexicon()[1].find(folded, max(0, start - 60), end, self.scan)
            scripts = self._scripts
            accused_before = _Anchored(_ACCUSED_BEFORE, _in_scripts(_ACCUSED_WORDS, *scripts), 2, folded, start, end)
            accused_before._find_words()
            place_hints = _Hints(_in_scripts(_PLACE_DESCRIPTOR_HINTS, *scripts), folded, start, end)
            denial_hints = _Hints(_in_scripts(_DENIAL_HINTS, *scripts), folded, start, end)
            context = self._context = (
                cues, [c[1] for c in cues], accused_before if accused_before.starts else None,
                _Anchored(_TAKEN_FROM_BEFORE, _in_scripts(_TAKEN_FROM_WORDS, *scripts), 0, folded, start, end,
                          _TAKEN_FROM_NEEDS),
                _Anchored(_ALLEGED_TARGET_BEFORE, _in_scripts(_ALLEGED_WORDS, *scripts), 1, folded, start, end,
                          _ALLEGED_NEEDS),
                place_hints if place_hints.found() else None, denial_hints if denial_hints.found() else None)
        cues, cue_ends, accused_before, taken_from_before, alleged_target_before, place_hints, denial_hints = context
        s, e, name, kind = found[i]
        mention = None
        if not (kind == "state" and _nationality_of_civilians(folded, found, i)) \
                and not (place_hints is not None and _describes_place(folded, start, s, place_hints)) \
                and not (denial_hints is not None and _denies(folded, start, end, s, e, denial_hints)):
            assoc = target = claim = announce = False  # introduced by a cue of that role
            lo = bisect_left(cue_ends, s - 40)
            hi = bisect_right(cue_ends, s, lo)
            if lo < hi:
                for cs, ce, role in cues[lo:hi]:
                    # (a role already given needs no second test)
                    if role == "target":
                        if not target and _GAP_TARGET.match(folded, ce, s) and not _AFFILIATION_GAP.search(folded, ce, s):
                            target = True
                    elif role == "claim":
                        claim = claim or bool(_GAP_CLAIM.match(folded, ce, s))
                    elif role == "assoc":
                        assoc = assoc or bool(_GAP_ASSOC.match(folded, ce, s))
                    else:
                        announce = announce or bool(_GAP_ANNOUNCE.match(folded, ce, s))
            # (windows clipped to the span by comparisons: cheaper than max()/min() calls)
            accuser = False
            if accused_before is None:
                accused = False
            else:
                accused = accused_before.search(s - 70 if s - 70 > start else start, s)
                # "اتهمت حكومة الوفاق قوات حفتر": the subject right after the verb accuses
                if accused and _ACCUSER_AR.search(folded, s - 20 if s - 20 > start else start, s) \
                        and i + 1 < len(found) and found[i + 1][0] - e <= 40:
                    accused = False
                    accuser = True
            # (the cheap tests first: the patterns are tried only when they decide)
            claimed = not accuser and (claim or accused or bool(_CLAIM_AFTER.match(folded, e, e + 40 if e + 40 < end else end)))
            targeted = not accused and (target or bool(_VICTIM_AFTER.match(folded, e, e + 60 if e + 60 < end else end))
                                        or taken_from_before.search(s - 80 if s - 80 > start else start, s))
            mention = ActorMention(s, e, name, kind, assoc, claimed, targeted, announce and not claimed,
                                   alleged_test=(alleged_target_before.search, s - 90 if s - 90 > start else start, s))
        self._described[i] = mention
        return mention


# "Sirte, the hometown of the late dictator Gaddafi", "a former stronghold of X", "مسقط رأس القذافي": the
# name describes the place, it is no side of the event told there.
_PLACE_DESCRIPTOR_BEFORE = re.compile(
    r"(?<!\w)(?:(?:home\s*town|birth\s*place|native\s+town|former\s+(?:stronghold|bastion|bastions|strongholds))\s+of"
    r"|(?:[وب]?مسقط\s+راس|[وب]?(?:ال)?معقل\s+(?:ال)?سابق\s+ل|[وب]?(?:ال)?معاقل\s+(?:ال)?سابقه\s+ل))"
    r"\s*(?:[^\s.،,;:!?؟]+\s+){0,3}$")
_PLACE_DESCRIPTOR_HINTS = ("town", "birth", "former", "مسقط", "معقل", "معاقل")


# "ولم يصدر تعليق من القيادة العامة", "نفى المتحدث باسم الجيش …", "the LNA denied carrying out the strike": a side
# that only denies or keeps silent is named by the story, not said to have acted.
_DENIAL_BEFORE = re.compile(
    r"(?<!\w)(?:[وف]?(?:نفي|نفت|ينفي|تنفي)(?:\s+(?:المتحدث|الناطق)\s+(?:باسم|الرسمي\s+باسم))?|"
    r"(?:تعليق|تعقيب)\s+(?:رسمي\s+)?(?:من|عن)|no\s+(?:immediate\s+)?comment\s+from|(?:a\s+)?spokesman\s+for\s+(?:the\s+)?\S*\s*denied)"
    r"\s*(?:ال|the\s+)?$")
_DENIAL_AFTER = re.compile(r"[\s,'’]*(?:s\s+)?(?:\S+\s+){0,2}?(?:denied|denies|did\s+not\s+comment|declined\s+to\s+comment)(?!\w)")
# (a hint word holding another one, as ينفي and تنفي hold نفي, would add no window: not looked for)
_DENIAL_HINTS = ("نفي", "نفت", "تعليق", "تعقيب", "comment", "denied", "denies")


def _denies(folded: str, start: int, end: int, s: int, e: int, hints: _Hints | None = None) -> bool:
    """`hints`: the _DENIAL_HINTS of folded[start:end] (found once per text)."""
    lo, hi = max(start, s - 40), min(end, e + 40)
    if not (hints.within(lo, hi) if hints is not None else any(folded.find(h, lo, hi) >= 0 for h in _DENIAL_HINTS)):
        return False
    return _DENIAL_BEFORE.search(folded, lo, s) is not None or _DENIAL_AFTER.match(folded, e, hi) is not None


def _describes_place(folded: str, start: int, s: int, hints: _Hints | None = None) -> bool:
    """`hints`: the _PLACE_DESCRIPTOR_HINTS of folded[start:...] (found once per text)."""
    lo = max(start, s - 70)
    if not (hints.within(lo, s) if hints is not None else any(folded.find(h, lo, s) >= 0 for h in _PLACE_DESCRIPTOR_HINTS)):
        return False
    return _PLACE_DESCRIPTOR_BEFORE.search(folded, lo, s) is not None


# Definite short forms that point back to an actor named before ("وكانت السرايا قد استولت", "تبني التنظيم للهجوم",
# "the first US strike against the group"): head word -> test on the earlier mention (its text, its kind).
_ANAPHORA = re.compile(r"(?<!\w)(?:[وف]?(?:ال|بال|لل)(?P<ar>سرايا|كتيبه|تنظيم|جماعه)|the\s+(?P<en>group|brigades?|militia))(?!\w)")
_ANAPHOR_HEADS = {"سرايا": ("text", "سرايا"), "كتيبه": ("text", "كتيب"), "تنظيم": ("kind", "group"),
                  "جماعه": ("kind", "group"), "group": ("kind", "group"), "brigade": ("text", "brigade"),
                  "brigades": ("text", "brigade"), "militia": ("kind", "militia")}


def _literal_matches(pattern: re.Pattern, literals: tuple[str, ...], text: str, start: int, end: int) -> list[re.Match]:
    """pattern.finditer(text, start, end) for a pattern whose every match begins with one of
    `literals`: tried only where one occurs (else it is tried at every character)."""
    begins = set()
    for w in literals:
        i = text.find(w, start, end)
        while i >= 0:
            begins.add(i)
            i = text.find(w, i + 1, end)
    return _matches_from(pattern, begins, text, start, end)


def _matches_from(pattern: re.Pattern, begins, text: str, start: int, end: int) -> list[re.Match]:
    """The matches finditer gives, when every match begins at one of `begins` (positions)."""
    out = []
    resume = start  # matches do not overlap: the next one begins after the last one's end
    for pos in sorted(begins):
        if pos >= resume:
            m = pattern.match(text, pos, end)
            if m is not None:
                out.append(m)
                resume = m.end()
    return out


_ANAPHOR_HEADS_AR = ("سرايا", "كتيبه", "تنظيم", "جماعه")
_ANAPHOR_HEADS_EN = ("group", "brigade", "militia")


def _anaphora_matches(folded: str, start: int, end: int, scripts: tuple[bool, bool] = (True, True)) -> list[re.Match]:
    """_ANAPHORA.finditer(folded, start, end), the pattern tried only where a match can begin: two
    to four letters (the article and its proclitics) before an Arabic head word, "the" and spaces
    before an English one (else it is tried at every character of the text). `scripts`: see _scripts."""
    begins = set()
    for head in _in_scripts(_ANAPHOR_HEADS_AR, *scripts):
        i = folded.find(head, start, end)
        while i >= 0:
            begins.update((i - 2, i - 3, i - 4))
            i = folded.find(head, i + 1, end)
    for head in _in_scripts(_ANAPHOR_HEADS_EN, *scripts):
        i = folded.find(head, start, end)
        while i >= 0:
            j = i
            while j > start and folded[j - 1].isspace():
                j -= 1
            if j < i:
                begins.add(j - 3)
            i = folded.find(head, i + 1, end)
    return _matches_from(_ANAPHORA, begins, folded, start, end)


def _resolve_anaphora(folded: str, found: list, start: int, end: int, scripts: tuple[bool, bool] = (True, True)) -> list:
    matches = _anaphora_matches(folded, start, end, scripts)
    if not matches:
        return found
    extra = []
    starts = [f[0] for f in found]
    for m in matches:
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and found[k][1] > m.start():
            continue  # part of a name already found ("تنظيم الدولة")
        if k + 1 < len(found) and found[k + 1][0] - m.end() <= 1:
            continue  # "the group Ansar al-Sharia": the name follows
        how, value = _ANAPHOR_HEADS[m.group("ar") or m.group("en")]
        # "the group": the one the story names most so far (its main group), the latest on a tie;
        # a group named once in passing does not take over the story's anaphora
        fits = [(name, kind) for s, e, name, kind in found[max(0, k - 30):k + 1]
                if m.start() - e <= 1500 and ((how == "kind" and kind == value) or (how == "text" and value in folded[s:e]))]
        if fits:
            counts: dict[str, int] = {}
            for name, _ in fits:
                counts[name] = counts.get(name, 0) + 1
            top = max(counts.values())
            name, kind = next(f for f in reversed(fits) if counts[f[0]] == top)
            extra.append((m.start(), m.end(), name, kind))
    return _merged(found, extra) if extra else found


def _merged(found: list, extra: list) -> list:
    """sorted(found + extra), for sorted `found` and `extra` in text order whose starts are none of
    found's (an anaphor never starts where a name starts): each extra goes in by its start alone."""
    out = list(found)
    starts = [f[0] for f in found]
    for k, f in enumerate(extra):  # extra in text order: each lands after the ones before it
        out.insert(bisect_left(starts, f[0]) + k, f)
    return out


def _nationality_of_civilians(folded: str, found: list, i: int) -> bool:
    s, e = found[i][0], found[i][1]
    nxt = found[i + 1] if i + 1 < len(found) else None
    prev = found[i - 1] if i else None
    if nxt is not None and nxt[3] == "civilians" and folded[e:nxt[0]].isspace():
        return True
    if prev is not None and prev[3] == "civilians" and folded[prev[1]:s].isspace():
        return True
    return bool(_CIVILIAN_NOUN_BEFORE.search(folded, max(0, s - 20), s))


@dataclass(frozen=True)
class Roles:
    actor1: str | None
    assoc_actor_1: str | None
    actor2: str | None


ARMED = ("state", "force", "militia")


def assign_roles(mentions: list[ActorMention], air: bool = True) -> Roles:
    """Who acted, with whom, against whom, from every actor mention of one event (text order).

    actor1: the side named as the attacker (claimed, accused, subject of an attack verb) more often
    than as the target; for a bombing or shooting with no army named, the jihadist group named;
    else the armed side named most (first on a tie) that is not a partner or a target.
    assoc_actor_1: a partner ("with the support of", "بالتنسيق مع").
    actor2: the side named most often as the target; else a jihadist group; else civilians when
    victims are named, or the other side of a two-sided fight. A branch (AQIM) is preferred to its
    parent (al-Qaeda) when both are named."""
    # (Two passes over the mentions, each computing at once what the rules read: the first the
    # attacker's side and the partner, the second, with them known, the target.)
    actor1, assoc, civilians = _attacker_and_partner(mentions, air)
    return Roles(actor1, assoc, _target(mentions, actor1, assoc, civilians))


def _attacker_and_partner(mentions: list[ActorMention], air: bool) -> tuple[str | None, str | None, bool]:
    """actor1 and assoc_actor_1 (see assign_roles), and whether civilians are named."""
    net: dict[str, int] = {}  # times named as the attacker less times named as the target, per armed side or group
    claimers: list[str] = []  # claimed and not targeted, text order (a state, force, militia or group)
    announcers: list[str] = []  # announced and not targeted
    doers: list[str] = []  # armed sides neither partner nor target
    free_group = None  # the first group not named as the target
    partners: list[str] = []  # armed sides named as partners
    civilians = False
    for m in mentions:
        kind = m.kind
        if kind in ARMED:
            armed = True
        elif kind == "group":
            armed = False
        else:
            civilians = civilians or kind == "civilians"
            continue  # no side of the fight
        name = m.name
        if m.targeted:
            net[name] = net.get(name, 0) - 1
        else:
            net[name] = net.get(name, 0) + (1 if m.claimed or m.announced else 0)
            if m.claimed:
                claimers.append(name)
            if m.announced:
                announcers.append(name)
            if not armed:
                if free_group is None:
                    free_group = name
            elif not m.assoc:
                doers.append(name)
        if armed and m.assoc:
            partners.append(name)
    # A side acted when it is named as the attacker (claimed, accused, subject of an attack verb)
    # more often than as the target.
    actor1 = next((name for name in claimers if net[name] > 0), None)
    if actor1 is None:  # "أعلن الجيش الوطني استعادة …": the side announcing its operation
        actor1 = next((name for name in announcers if net[name] > 0), None)
    if actor1 is None and not air and not doers:
        # a bombing or shooting with no state or army named: the jihadist group named is the attacker
        actor1 = free_group
    if actor1 is None:
        # a side named more often as the target than as the attacker is not the one that acted
        doers = [name for name in doers if net[name] >= 0]
        if doers:
            actor1 = _most_told(doers)
    assoc = next((name for name in partners if name != actor1), None)
    return actor1, assoc, civilians


def _target(mentions: list[ActorMention], actor1: str | None, assoc: str | None, civilians: bool) -> str | None:
    """actor2 (see assign_roles), given the attacker and the partner."""
    alleged = ()
    if civilians:  # the attacker's own account of its target does not outweigh civilians reported killed
        alleged = {m.name for m in mentions if m.alleged} - {m.name for m in mentions if m.targeted and not m.alleged}
    targets: dict[str, int] = {}  # armed sides and groups named as the target (not the attacker or partner): times named
    groups: dict[str, int] = {}  # groups other than the attacker: times named
    attacker_is_group = False
    other = None  # the first armed side neither attacker nor partner
    for m in mentions:
        name = m.name
        if name in alleged:
            continue
        kind = m.kind
        if kind == "group":
            if name == actor1:
                attacker_is_group = True
            else:
                groups[name] = groups.get(name, 0) + 1
                if m.targeted and name != assoc:
                    targets[name] = targets.get(name, 0) + 1
        elif kind in ARMED and name != actor1 and name != assoc:
            if m.targeted:
                targets[name] = targets.get(name, 0) + 1
            if other is None:
                other = name
    # 1. the side most often named as the target ("against ISIS", "قُتل السفير الأميركي", "مقر البعثة الأميركية")
    target = _most_counted(targets) if targets else None
    if target is None and groups:
        # 2. a jihadist group named in a story of strikes: the target
        target = _most_counted(groups)
    if target is not None:
        if target in groups:  # a group (a group that is the attacker is never the target)
            target = next((child for child in _children().get(target, ()) if child in groups), target)
        return target
    if civilians and (attacker_is_group or other is None):
        return "Civilians"
    if other is not None and actor1 is not None:
        return other
    return None


def _most_counted(counts: dict[str, int]) -> str:
    """The name with the highest count, the first counted on a tie (max keeps the first of equals)."""
    return max(counts, key=counts.__getitem__)


def _most_told(names: list[str]) -> str:
    """The name told most often (the first named on a tie)."""
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return _most_counted(counts)


def _most_named(mentions: list[ActorMention]) -> str:
    """The name told most often (the first named on a tie)."""
    return _most_told([m.name for m in mentions])


@lru_cache(maxsize=None)
def _children() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for actor in load("actors")["actor"]:
        if actor.get("parent"):
            out.setdefault(actor["parent"], []).append(actor["name"])
    return {k: tuple(v) for k, v in out.items()}
