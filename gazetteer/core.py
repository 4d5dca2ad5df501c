"""The Gazetteer: find every place a text names (Arabic and Latin script) and resolve it."""
from __future__ import annotations

import bisect
import re
from dataclasses import fields
from functools import lru_cache

from gazetteer import arabic
from gazetteer.fuzzy import FuzzyIndex
from gazetteer.matcher import (Folded, Hit, KeyEntry, NameMatcher, fold_key, fold_text, is_arabic_key,
                               key_forms, previous_word, select_longest, word_shape)
from gazetteer.places import Place, common_words, imported_path, load_places
from gazetteer.relative import BEARING_DEG, PhraseReader, project
from gazetteer.resolve import choose
from pipeline.records import PlaceMention, RelativeOffset

_BASE_SCORE = {"exact": 0.95, "variant": 0.85, "fuzzy": 0.55}
# (match, ambiguous, guarded) -> the mention's score, as _resolve rounds it
_SCORE = {(match, ambiguous, guarded): round(base * (0.8 if ambiguous else 1.0) * (0.9 if guarded else 1.0), 3)
          for match, base in _BASE_SCORE.items() for ambiguous in (False, True) for guarded in (False, True)}
_NOT_ANCHORS = ("country", "country_part")  # relative phrases are not read off countries
_LATIN_WORD = re.compile(r"[^\W\d_]+")
# _resolve passes PlaceMention's fields by position, in this order
assert [f.name for f in fields(PlaceMention)] == [
    "start", "end", "text", "place_id", "name", "name_ar", "latitude", "longitude", "admin1", "feature",
    "country_code", "match", "score", "geo_precision", "relative"]
assert [f.name for f in fields(RelativeOffset)] == [
    "anchor_name", "anchor_latitude", "anchor_longitude", "distance_km", "bearing_deg", "latitude",
    "longitude", "text"]


class _FoldedNames(dict):
    """name -> fold_key(name), folded at the first lookup."""

    def __missing__(self, name: str) -> str:
        key = self[name] = fold_key(name)
        return key


class Gazetteer:
    """Offline place finder. Build with `default_gazetteer()` (cached) or from a list of places."""

    def __init__(self, places: list[Place]):
        self.places = places
        words = common_words()
        self.never = {fold_key(w) for w in words.get("never", [])}
        self.guarded = {fold_key(w) for w in words.get("guarded", [])}
        cues_ar = {fold_key(w) for w in words.get("cues_ar", [])}
        # with every clitic form spelled out (بمدينة، ولمدينة، للمنطقة), so a cue test is one set lookup
        self.cues_ar = {p + c for c in cues_ar for p in arabic.PLAIN_PREFIXES} | {
            p + "لل" + c[2:] for c in cues_ar if c.startswith(arabic.ARTICLE) for p in ("", *arabic.CONJUNCTIONS)}
        self.cues_en = {fold_key(w) for w in words.get("cues_en", [])}
        self.cue_words = frozenset(w for w in self.cues_en | self.cues_ar if w)  # what _is_cue_word accepts
        weak_ar = {fold_key(w) for w in words.get("fuzzy_weak_cues_ar", [])}
        weak_ar = {p + c for c in weak_ar for p in arabic.PLAIN_PREFIXES}
        self.fuzzy_cue_words = frozenset(w for w in self.cue_words if w not in weak_ar)  # cues for a typo
        drop_latin = {fold_key(w) for w in words.get("drop_latin", [])}
        keys: dict[str, list[KeyEntry]] = {}
        folds = _FoldedNames()  # a place's own names are among its names: each is folded once
        for idx, place in enumerate(places):
            own = {folds[place.name], folds[place.name_ar or ""]}
            for name in place.names:
                upper_only = name.replace(".", "").isupper() and name.isascii() and len(name.replace(".", "")) <= 4
                name_key = folds[name]
                own_name = name_key in own
                for key, contracted in key_forms(name, name_key):
                    if key in self.never or key in drop_latin:
                        continue
                    is_ar = is_arabic_key(key)
                    if not is_ar and len(key.replace(" ", "")) < 3 and not upper_only:
                        continue
                    if is_ar and len(key.replace(" ", "")) < 3:
                        continue
                    base = key if not contracted else arabic.ARTICLE + key
                    entry = KeyEntry(idx, base in own or own_name and key == name_key,
                                     contracted, base in self.guarded or key in self.guarded, upper_only, is_ar)
                    bucket = keys.setdefault(key, [])
                    if not any(e.place == idx and e.contracted == contracted for e in bucket):
                        bucket.append(entry)
        for phrase in words.get("stop_phrases", []):
            for key, contracted in key_forms(phrase)[:1]:
                keys.setdefault(key, []).append(KeyEntry(-1, True, False, False, False, is_arabic_key(key)))
        self._drop_shadowed_variants(keys)
        self.matcher = NameMatcher(keys, self.never)
        fuzzy_never = {fold_key(w) for w in words.get("fuzzy_never", [])}
        fuzzy_never |= {arabic.strip_article(w) for w in fuzzy_never if is_arabic_key(w)}
        self.fuzzy = FuzzyIndex(places, keys, self.never | self.guarded | fuzzy_never)
        self._by_key = keys
        # per place index: can it anchor a relative phrase (not a country); is it a Libyan anchor
        self._phrase_anchor = [p.feature not in _NOT_ANCHORS for p in places]
        self._libyan_anchor = [p.country_code == "LY" and p.feature not in _NOT_ANCHORS for p in places]

    def _drop_shadowed_variants(self, keys: dict[str, list[KeyEntry]]) -> None:
        """A non-curated Libyan alternate name that is also the name of a bigger foreign city
        ('Homs', 'سوسة') belongs to that city."""
        for key, entries in keys.items():
            foreign = [self.places[e.place].population for e in entries
                       if e.place >= 0 and self.places[e.place].country_code not in ("LY", "")]
            if not foreign:
                continue
            biggest = max(foreign)
            keys[key] = [e for e in entries if e.place < 0 or not (
                self.places[e.place].country_code == "LY" and not self.places[e.place].curated
                and self.places[e.place].population < biggest)]

    # ------------------------------------------------------------------ find
    def find(self, text: str) -> list[PlaceMention]:
        """Every place mention in text order, non-overlapping, longest match preferred."""
        if not text:
            return []
        folded = fold_text(text)
        ftext = folded.text
        shape = word_shape(ftext)  # read by the name scan and the typo step
        hits, guarded_misses = [], []
        for h in self.matcher.scan(ftext, shape):
            entries = [e for e in h.entries  # an unguarded Arabic name needs no check
                       if (e.arabic and not e.guarded) or self._entry_ok(e, h, text, folded)]
            if entries:
                h.entries = entries
                hits.append(h)
            elif any(e.guarded for e in h.entries):
                guarded_misses.append(h)
        chosen = select_longest(hits, len(ftext))
        chosen = [h for h in chosen if h.entries[0].place >= 0]  # stop phrases mask, then vanish
        if guarded_misses:
            chosen = self._coordinated(chosen, guarded_misses, text, folded)
        chosen.extend(self.fuzzy.find(text, folded, chosen, self.fuzzy_cue_words, shape))
        chosen.sort(key=lambda h: h.start)
        return self._resolve(text, folded, chosen)

    def _entry_ok(self, e: KeyEntry, h: Hit, text: str, folded: Folded, guard: bool = True) -> bool:
        if not e.arabic:
            start, end = folded.span(h.start, h.end)
            span = text[start:end]
            if e.upper_only:
                if not span.replace(".", "").isupper():
                    return False
            elif not (span[:1].isalpha() and span[:1].isupper()) and not any(  # fast path: 'Sirte'
                    w[:1].isupper() for w in _LATIN_WORD.findall(span)):
                return False  # Latin names are capitalised: 'fun', 'hun', 'homs' in lower case are words
        if guard and e.guarded and not (e.arabic and arabic.has_preposition(folded.text[h.word_start:h.start])):
            # (a Latin name may also be followed by its place noun: "in the Abu Salim district")
            return self._cue_before(folded.text, h.word_start) or \
                (not e.arabic and _PLACE_NOUN_AFTER.match(folded.text, h.end) is not None)
        return True

    def _coordinated(self, chosen: list[Hit], misses: list[Hit], text: str, folded: Folded) -> list[Hit]:
        """A guarded name listed next to a recognised Libyan place is a place too: "بين البيضاء وطبرق",
        "Tobruk and Marj" (a coordinated list of towns is as good a cue as "in" or "مدينة")."""
        ftext = folded.text
        chosen = sorted(chosen, key=lambda h: h.start)
        pending = sorted(misses, key=lambda h: h.start)
        changed = True
        while changed and pending:
            changed = False
            for miss in list(pending):
                k = bisect.bisect_left([h.start for h in chosen], miss.start)
                prev = chosen[k - 1] if k > 0 else None
                nxt = chosen[k] if k < len(chosen) else None
                if (prev is not None and prev.end > miss.word_start) or (nxt is not None and nxt.word_start < miss.end):
                    pending.remove(miss)  # overlaps a longer name
                    continue
                linked = (nxt is not None and self._libyan_hit(nxt)
                          and _listed(ftext[miss.end:nxt.word_start], ftext[nxt.word_start:nxt.start])) or \
                         (prev is not None and self._libyan_hit(prev)
                          and _listed(ftext[prev.end:miss.word_start], ftext[miss.word_start:miss.start]))
                if not linked:
                    continue
                entries = [e for e in miss.entries if e.guarded and self._entry_ok(e, miss, text, folded, guard=False)]
                pending.remove(miss)
                if entries:
                    miss.entries = entries
                    chosen.insert(k, miss)
                    changed = True
        return chosen

    def _libyan_hit(self, h: Hit) -> bool:
        return self._libyan_anchor[h.entries[0].place]

    def _cue_before(self, ftext: str, word_start: int) -> bool:
        word = previous_word(ftext, word_start)
        if word == "the":  # "in the Abu Salim district": the word before the article
            word = previous_word(ftext, ftext.rfind("the", 0, word_start))
        return self._is_cue_word(word)

    def _is_cue_word(self, word: str) -> bool:
        """A word after which a name is read as a place: 'in', 'near', 'مدينة', 'بمدينة', 'في'…"""
        if not word:
            return False
        return word in self.cues_en or word in self.cues_ar

    def _resolve(self, text: str, folded: Folded, hits: list[Hit]) -> list[PlaceMention]:
        ftext = folded.text
        places, libyan_anchor, phrase_anchor = self.places, self._libyan_anchor, self._phrase_anchor
        place_fields = self._place_fields()
        anchors_by_place: dict[int, Place] = {}  # the article's unambiguous Libyan places, in text order
        for h in hits:
            idx = h.entries[0].place
            if libyan_anchor[idx] and (len(h.entries) == 1 or all(e.place == idx for e in h.entries)):
                anchors_by_place.setdefault(idx, places[idx])
        anchors = list(anchors_by_place.values())
        mentions = []
        unshifted = not folded.removed  # folded offsets are original offsets
        phrases = None  # the text's PhraseReader, made at the first name that can anchor a phrase
        for h in hits:
            if len(h.entries) == 1:  # the usual case: one candidate, nothing to choose
                entry = h.entries[0]
                ambiguous = False
            else:
                candidates = list({e.place: places[e.place] for e in h.entries}.values())
                place, ambiguous = choose(candidates, ftext, h.start, h.end, anchors)
                entry = next(e for e in h.entries if places[e.place] is place)
            idx = entry.place
            match = "fuzzy" if h.fuzzy else ("exact" if entry.exact else "variant")
            score = _SCORE[match, ambiguous, entry.guarded]
            start, end = (h.start, h.end) if unshifted and h.end > h.start else folded.span(h.start, h.end)
            relative = None
            precision = self._precision[idx]
            if phrase_anchor[idx]:
                if phrases is None:
                    phrases = PhraseReader(ftext)
                phrase = phrases.before(h.word_start)
                if phrase is not None:
                    place = places[idx]
                    lat, lon = project(place.latitude, place.longitude, phrase.distance_km, phrase.bearing)
                    p_start = folded.to_original(phrase.start)
                    # RelativeOffset(anchor_name, anchor_latitude, anchor_longitude, distance_km,
                    # bearing_deg, latitude, longitude, text), by position (cheaper than keywords)
                    relative = RelativeOffset(
                        place.name, place.latitude, place.longitude,
                        round(phrase.distance_km, 1) if phrase.distance_km else None,
                        BEARING_DEG[phrase.bearing] if phrase.bearing else None,
                        lat, lon, text[p_start:end])
                    match = "relative"
                    precision = max(2, precision)
            # PlaceMention(start, end, text, place_id, name, name_ar, latitude, longitude, admin1,
            # feature, country_code, match, score, geo_precision, relative), the place's own fields
            # read once per place (_place_fields)
            mentions.append(PlaceMention(start, end, text[start:end], *place_fields[idx],
                                         match, score, precision, relative))
        return mentions

    def _place_fields(self) -> list[tuple]:
        """Per place index: the PlaceMention fields that come from the place itself, in field order
        (place_id, name, name_ar, latitude, longitude, admin1, feature, country_code); made once.
        Places are not changed once a Gazetteer is built (see resolve._distance_km)."""
        per_place = self.__dict__.get("_mention_fields")
        if per_place is None or len(per_place) != len(self.places):
            per_place = self._mention_fields = [
                (p.place_id, p.name, p.name_ar, p.latitude, p.longitude, p.admin1, p.feature, p.country_code)
                for p in self.places]
            self._precision = [p.precision for p in self.places]
        return per_place

    # ------------------------------------------------------------------ lookup
    def lookup(self, name: str, limit: int = 10) -> list[PlaceMention]:
        """Candidates for one name, best first, with scores (exact key, then edit-distance-1 names)."""
        keys = [k for k, _ in key_forms(name)]
        found: dict[int, tuple[float, str]] = {}
        for k in keys:
            for e in self._by_key.get(k, []):
                if e.place >= 0:
                    found.setdefault(e.place, (1.0, "exact" if e.exact else "variant"))
        for idx in self.fuzzy.candidates(fold_key(name)):
            found.setdefault(idx, (0.6, "fuzzy"))
        ranked = []
        for idx, (base, match) in found.items():
            p = self.places[idx]
            from gazetteer.resolve import candidate_score
            ranked.append((base * 10 + candidate_score(p, cue=False, near_anchor=False), match, p))
        ranked.sort(key=lambda t: t[0], reverse=True)
        top = ranked[0][0] if ranked else 1.0
        out = []
        for s, match, p in ranked[:limit]:
            out.append(PlaceMention(
                start=0, end=len(name), text=name, place_id=p.place_id, name=p.name, name_ar=p.name_ar,
                latitude=p.latitude, longitude=p.longitude, admin1=p.admin1, feature=p.feature,
                country_code=p.country_code, match=match, score=round(_BASE_SCORE[match] * s / top, 3),
                geo_precision=p.precision))
        return out

    def place(self, place_id: str) -> Place | None:
        return next((p for p in self.places if p.place_id == place_id), None)


_LIST_GAP = re.compile(r"\s*(?:,|،|and|or|و|او)?\s*(?:and\s+)?")


_PLACE_NOUN_AFTER = re.compile(r"\s+(?:district|area|neighbou?rhood|quarter|suburb)(?!\w)")


def _listed(gap: str, prefix: str) -> bool:
    """Two names side by side in a list: 'X وY' (conjunction glued on), 'X, Y', 'X and Y', 'X، وY'."""
    if len(gap) > 8 or not _LIST_GAP.fullmatch(gap):
        return False
    return prefix.startswith("و") or bool(gap.strip())


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer plus the user's GeoNames import, built once per process."""
    return Gazetteer(load_places(imported_tsv=imported_path()))
