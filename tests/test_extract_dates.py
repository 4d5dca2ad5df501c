"""Date rules of the extractor, on sentences written for these tests (Arabic and English)."""
from datetime import date

import pytest

from pipeline.extract.dates import compatible, find_dates, hijri_to_gregorian, resolve
from pipeline.extract.text import fold_key

PUB = date(2019, 5, 10)  # a Friday


def dates_in(sentence, published=PUB, reference=None):
    return [resolve(m, published, reference if m.kind == "weekday" else None) for m in find_dates(fold_key(sentence))]


def one(sentence, published=PUB, reference=None):
    found = dates_in(sentence, published, reference)
    assert len(found) == 1, found
    return found[0].value, found[0].precision


@pytest.mark.parametrize("sentence, expected", [
    ("قصفت الطائرات موقعا في 7 أبريل 2019 جنوب المدينة", ("2019-04-07", "day")),
    ("وقع الهجوم في 12 نيسان 2019", ("2019-04-12", "day")),
    ("وقع الهجوم في ١٢ نيسان ٢٠١٩", ("2019-04-12", "day")),
    ("وقعت الاشتباكات في 3 فبراير/ شباط 2018", ("2018-02-03", "day")),
    ("شهدت المدينة هجوما في أغسطس /آب 2017", ("2017-08", "month")),
    ("The raid took place on Feb. 3, 2018, near the town", ("2018-02-03", "day")),
    ("Fighters were struck on 3 February 2018", ("2018-02-03", "day")),
    ("The drone hit the convoy on March 2", ("2019-03-02", "day")),
    ("the camp was bombed in 2015", ("2015", "year")),
    ("قصفت الطائرات المعسكر عام 2015", ("2015", "year")),
])
def test_explicit_dates(sentence, expected):
    assert one(sentence) == expected


def test_day_and_month_without_year_after_publication_is_last_year():
    assert one("The drone hit the convoy on 20 December") == ("2018-12-20", "day")


def test_month_alone_is_the_latest_such_month():
    assert one("In December, a raid near the port killed a commander") == ("2018-12", "month")
    assert one("خلال مارس قصفت الطائرات المدينة") == ("2019-03", "month")


def test_modal_may_is_not_a_month():
    assert dates_in("The strike may have killed him") == []


@pytest.mark.parametrize("sentence, expected", [
    ("قصفت الطائرات الموقع يوم الثلاثاء", "2019-05-07"),
    ("Aircraft struck the base on Wednesday", "2019-05-08"),
    ("قتل ثلاثة في هجوم الجمعة", "2019-05-10"),
    ("قتل ثلاثة في هجوم الجمعة الماضية", "2019-05-03"),
    ("قصفت الطائرات الموقع أمس", "2019-05-09"),
    ("شنت الطائرات غارة صباح اليوم", "2019-05-10"),
    ("the base was hit yesterday", "2019-05-09"),
])
def test_relative_days_against_publication(sentence, expected):
    assert one(sentence) == (expected, "day")


def test_weekday_counts_back_from_a_statement_date():
    # statement issued Wednesday 8 May; "Friday" is then the Friday before it
    assert one("A raid on Friday killed four", reference=date(2019, 5, 8)) == ("2019-05-03", "day")


def test_no_publication_date_never_invents_a_date():
    for sentence in ("قصفت الطائرات الموقع يوم الثلاثاء", "struck the camp yesterday", "hit on 4 March", "last month"):
        found = dates_in(sentence, published=None)
        assert found and all(d.value is None and d.precision is None for d in found), sentence


def test_unknown_weekdays_stay_comparable():
    a, b = dates_in("غارة يوم الثلاثاء ثم بيان الثلاثاء", published=None)
    assert a.value is None and compatible(a, b)


def test_periods():
    assert one("Officials said last week's strike hit a camp") [1] == "week"
    assert one("a raid last month killed two") == ("2019-04", "month")
    assert one("وقعت غارة العام الماضي") == ("2018", "year")


def test_reporting_date_is_marked():
    found = find_dates(fold_key("قالت القيادة في بيان لها يوم الأحد إن طائراتها قصفت الموقع يوم الجمعة"))
    assert [m.reporting for m in found] == [True, False]
    found = find_dates(fold_key("On 9 May, the command confirmed that on 6 May it had struck a camp"))
    assert [m.reporting for m in found] == [True, False]


def test_weekday_with_explicit_date_keeps_the_explicit_one():
    assert one("اليوم الخميس، الموافق 9 مايو 2019م، شنت الطائرات غارة") == ("2019-05-09", "day")
    assert one("Thursday May 9, 2019, warplanes hit the camp") == ("2019-05-09", "day")


def test_hijri():
    assert hijri_to_gregorian(1440, 9, 5) == date(2019, 5, 10)
    # Umm al-Qura, as printed by Arab outlets (the tabular calendar says 18 October)
    assert hijri_to_gregorian(1435, 12, 23) == date(2014, 10, 17)
    assert one("الجمعة 23 ذو الحجة 1435 هـ") == ("2014-10-17", "day")
    assert hijri_to_gregorian(1200, 1, 1) == date(1785, 11, 4)  # before the table: the tabular calendar
    assert one("في 5 رمضان 1440 هـ قصفت الطائرات") == ("2019-05-10", "day")


def test_names_holding_a_date_are_not_dates():
    assert dates_in("fighters of the February 17 Martyrs Brigade") == []
    assert dates_in("في ذكرى ثورة 17 فبراير") == []


def test_combined_scan_finds_what_each_dictionary_finds():
    """The one-pass Scan over all word lists (anchored at word boundaries) gives each list's own matches:
    whole words, Arabic prefixes and the article-less forms, stems, keys with spaces or punctuation."""
    import random

    from pipeline.extract import events
    from pipeline.extract.lexicon import Scan, _collect

    dictionaries = [d for d in events._dictionaries() if not d._empty]
    keys = [k for d in dictionaries for k in d._payloads]
    prefixes = ["", "", "و", "ب", "ال", "وال", "بال", "لل", "فل", "x", "ab", "5", "_", "ووبال"]
    glue = [" ", "", "\n", ".", "-", "،", "_", "a", "ب", "ون", "ات", " (", "' ", "1", "\U0001F600", "é"]
    rng = random.Random(11)
    texts = ["", "في", "U.S. forces killed 3 militants at the base", "قتل ثلاثة مسلحين وأصيب آخرون في غارة جوية للطيران"]
    for _ in range(1500):
        texts.append("".join(rng.choice(glue) + rng.choice(prefixes) + rng.choice(keys) + rng.choice(glue)
                             for _ in range(rng.randint(1, 10))))
    for text in texts:
        scan = Scan(text, tuple(dictionaries))
        for d in dictionaries:
            assert scan.found(d) == _collect(d._automaton, text, 0, len(text), 1)[0], (text, d)
            assert d.find(text, scan=scan) == d.find(text)


def test_digits_beyond_the_basic_plane_and_reporting_cues():
    # a character beyond U+FFFF in the text (the digit scan then takes \d+), a reporting cue at a word start only
    assert one("\U0001F600 The strike hit the camp on 3 February 2018") == ("2018-02-03", "day")
    said = find_dates(fold_key("The ministry said on Tuesday that jets struck the camp on Monday"))
    assert [m.reporting for m in said] == [True, False]
    unsaid = find_dates(fold_key("The ministry unsaid on Tuesday that jets struck the camp on Monday"))
    assert [m.reporting for m in unsaid] == [False, False]


def test_reporting_cue_pattern_matches_the_look_behind_form():
    import random
    import re

    from pipeline.extract.dates import _alt, _alt_at_word_start

    names = [fold_key(c) for c in ("said", "confirmed", "in a statement", "قال", "في بيان", "أعلنت")] + ["و  x", "a"]
    plain = re.compile(rf"(?<!\w)(?:{_alt(names)})\w*")
    fast = re.compile(rf"(?:{_alt_at_word_start(names)})\w*")
    tokens = names + ["", " ", "x", "و", "\n", ",", "unsaid", "1", "_"]
    rng = random.Random(2)
    for _ in range(3000):
        text = "".join(rng.choice(tokens) + rng.choice(["", " "]) for _ in range(rng.randint(1, 10)))
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in fast.finditer(text)], text
