"""Patterns rewritten to open with a letter (the look-behind moved after it, word groups spelled out)
match exactly what their plain forms matched."""
import re

from pipeline.extract import events, numbers, places

SAMPLES = [
    "the government in tripoli said the area was hit. the two ports and the base were shelled; the airport too",
    "وقال مسؤول في الحكومه في طرابلس ان المطار والمنطقه وبالقاعده تعرضت لقصف، ولقي جندي حتفه وفلقيت امراه مصرعها",
    "abu nabil was captured and killed near sirte; a soldier was shot dead. fwas killed? ولقي ثلاثه حتفهم",
    "the city has been shaken by fighting for months. وتشهد المدينه اشتباكات متقطعه منذ اشهر وتعيش البلده حصارا منذ ايام",
    "killed the ambassador and three other americans, along with two others; مقتل قائد واثنين اخرين وثلاثه اخرين",
    "headquartered in benghazi, the brigade; based in misrata capital, the parliament in tobruk البرلمان المنعقد في طبرق",
    "المجلس الرئاسي في طرابلس ومقرها سرت تتخذ من العاصمه الليبيه مقرا the authorities in the capital city of",
    "the government of national accord in tripoli, based in the eastern city of bayda; في مدينه البيضاء",
    "ابن الميناء الميناءين والمدينتين لالمطار بالمعسكر فالمنطقه the compound the camp other terminals",
]


def _all_matches(regex, text):
    return [(m.span(), m.groupdict().get("en")) for m in regex.finditer(text)] + \
           [(i, bool(regex.search(text, i))) for i in range(len(text))]


def _assert_same(plain: str, rewritten: re.Pattern):
    old = re.compile(plain)
    for text in SAMPLES:
        assert _all_matches(old, text) == _all_matches(rewritten, text), text


def test_weak_coreference_same_matches():
    _assert_same(r"(?<!\w)(?:[وبل]?ال(?:ميناء|ميناءين|ميناءان|مواني|ميناين|مدينتين|قاعده|مطار|منطقه|معسكر|بلده)|"
                 r"the\s+(?:two\s+|oil\s+)?(?:ports|terminals|base|airport|area|compound|camp))(?!\w)", places.WEAK_COREFERENCE)


def test_one_dead_same_matches():
    _assert_same(r"(?<!\w)(?:was\s+(?:(?:captured|wounded|shot|abducted|kidnapped|tortured)\s+and\s+)?(?P<en>killed|shot\s+dead)"
                 r"|[وف]?(?:لقي|لقيت)\s+(?:[^\s.،,]+\s+){0,2}?(?:حتفه|حتفها|مصرعه|مصرعها))(?!\w)", numbers._ONE_DEAD)


def test_ongoing_same_matches():
    _assert_same(r"(?<!\w)(?:(?:has|have)\s+been\s+[^.;:]{0,50}?|(?:[وف]?(?:تشهد|يشهد|تعيش|يعيش)\s+[^.؛:]{0,50}?))"
                 r"\s(?:since|for\s+(?:years|months|weeks)|منذ)(?!\w)", events._ONGOING)


def test_seat_before_matches_the_same_windows():
    plain = re.compile(
        r"(?:مقره|مقرها|مقرهم|ومقره|ومقرها|مقر\s+(?:حكومه|الحكومه)|تتخذ\s+من|يتخذ\s+من|based\s+in|headquartered\s+in|"
        r"seat\s+in|capital,?|(?:government|authorities|administration|parliament|cabinet)(?:\s+of(?:\s+[a-z]+){1,3}?)?\s+in|"
        r"(?:حكومه|الحكومه|البرلمان|المجلس\s+الرئاسي)(?:\s+[^\s\d.،,]+){0,2}?\s+في)\s*(?:في\s+)?(?:the\s+)?(?:العاصمه\s+)?"
        r"(?:الليبيه\s+)?(?:مدينه\s+)?(?:(?:north|south|east|west)(?:ern)?\s+|central\s+|coastal\s+)?(?:capital\s+)?"
        r"(?:(?:city|town)\s+of\s+)?$")
    for text in SAMPLES:
        for i in range(len(text) + 1):
            window = text[max(0, i - 40):i]
            assert bool(plain.search(window)) == bool(places._SEAT_BEFORE.search(window)), window

