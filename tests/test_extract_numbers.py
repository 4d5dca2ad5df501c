"""Death tolls: killed only, in both languages, with ACLED conventions for vague words."""
import pytest

from pipeline.extract.numbers import best_toll, find_tolls, parse_number
from pipeline.extract.text import fold_key


def tolls(sentence):
    return [t.value for t in find_tolls(fold_key(sentence)) if t.value is not None]


@pytest.mark.parametrize("sentence, expected", [
    ("أسفرت الغارة عن مقتل 9 مسلحين", 9),
    ("أسفرت الغارة عن مقتل ٩ مسلحين", 9),
    ("أدت الضربة إلى مقتل ما لا يقل عن 23 عنصرا", 23),
    ("سقط 14 قتيلا و20 جريحا في القصف", 14),
    ("أعلنت الوزارة مقتل شخصين في القصف", 2),
    ("أسفر القصف عن سقوط قتيلين", 2),
    ("مقتل ثلاثة عناصر من التنظيم", 3),
    ("مقتل خمسة وعشرين مقاتلا", 25),
    ("The strike killed 7 fighters near the town", 7),
    ("killing at least 31 people", 31),
    ("killing more than 60 militants", 60),
    ("Nine soldiers were killed in the ambush", 9),
    ("the raid killed a senior commander", 1),
    ("the attack killed twenty-five people", 25),
])
def test_counts(sentence, expected):
    assert expected in tolls(sentence)


@pytest.mark.parametrize("sentence", [
    "أصيب 12 شخصا بجروح في القصف",
    "wounding 14 civilians",
    "سقوط العشرات من القتلى والجرحى",          # dead and wounded together: no count of the dead
    "The blast left 30 killed and wounded",
    "he was overthrown and killed eight years ago",
    "ومقتله في 2011 شهدت البلاد فوضى",
    "no civilians were injured or killed",
    "قتل عدد من المسلحين",                      # "a number of": no count
])
def test_no_count(sentence):
    assert tolls(sentence) == []


def test_vague_words_follow_acled_and_yield_to_exact_figures():
    found = find_tolls(fold_key("killing dozens of fighters"))
    assert [(t.value, t.vague) for t in found] == [(12, True)]
    assert best_toll(found) == 12
    later = find_tolls(fold_key("the strike killed 17 fighters"))
    assert best_toll(found + later) == 17
    assert best_toll(find_tolls(fold_key("قتل العشرات من المسلحين"))) == 12
    assert best_toll(find_tolls(fold_key("hundreds were killed"))) == 100


def test_updated_toll_wins():
    first = find_tolls(fold_key("A first report said 4 people were killed"))
    update = find_tolls(fold_key("The death toll rose to 9"))
    assert best_toll(first + update) == 9


def test_parse_number_words():
    assert parse_number("أربعة") == 4
    assert parse_number("three hundred") == 300
    assert parse_number("1,200") == 1200


def test_named_victim_and_others():
    assert best_toll(find_tolls(fold_key("The envoy and three other staff were killed when gunmen stormed the compound"))) == 4
    assert best_toll(find_tolls(fold_key("مقتل قائد ميداني وثلاثة عناصر آخرين في القصف"))) == 4


def test_toll_rose_to():
    assert best_toll(find_tolls(fold_key("The death toll from Sunday's blast rose to 33"))) == 33
    assert best_toll(find_tolls(fold_key("ارتفعت حصيلة القتلى في قصف المدرسة إلى سبعة عشر"))) == 17


def test_listed_tolls():
    (toll,) = find_tolls(fold_key("the raids killed 4, 9 and 6 fighters respectively"))
    assert toll.series == (4, 9, 6) and toll.value is None
    assert best_toll(find_tolls(fold_key("مقتل ستة وثلاثين مسلحا"))) == 36


def test_a_campaign_total_since_its_start_is_not_the_events_toll():
    from pipeline.extract import extract_events
    from tests.extract_support import FakeGazetteer, article

    text = ("اندلعت اشتباكات عنيفة أمس الاثنين في سرت ما أدى إلى مقتل خمسة مقاتلين. وارتفعت حصيلة القتلى "
            "منذ بدء الهجوم على المدينة في مارس الماضي إلى 254 قتيلا.")
    found = extract_events(article(text, published="2019-05-07"), FakeGazetteer())
    assert [e.fatalities for e in found] == [5]
    update = ("اندلعت اشتباكات عنيفة أمس الاثنين في سرت ما أدى إلى مقتل خمسة مقاتلين. "
              "وارتفعت حصيلة القتلى منذ ذلك الحين إلى تسعة.")  # "since then": the same event's revised toll
    assert [e.fatalities for e in extract_events(article(update, published="2019-05-07"), FakeGazetteer())] == [9]
