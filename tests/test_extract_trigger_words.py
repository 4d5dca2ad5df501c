"""Trigger words from pipeline/data/triggers.toml that name an air raid by its verb or its aircraft
("drones hit", أغارت): a strike told without the noun 'airstrike' is still an air strike."""
import pytest

from pipeline.extract import extract_events
from tests.extract_support import FakeGazetteer, article

GZ = FakeGazetteer()


def events(text, **kw):
    return extract_events(article(text, **kw), GZ)


@pytest.mark.parametrize("text", [
    "On Tuesday, drones hit a pickup truck on the road out of Sabha.",
    "Unidentified jets bombed a farm on the edge of Derna on Tuesday.",
    "A drone struck a house in Sirte on Tuesday, residents said.",
    "أغارت طائرة حربية مجهولة يوم الثلاثاء على مزرعة في ضواحي سبها.",
    "وكانت طائرات مجهولة قد أغارت يوم الثلاثاء على مواقع في درنة من دون أن تسجل إصابات.",
])
def test_an_air_raid_told_by_its_verb_is_an_air_strike(text):
    found = events(text, published="2019-05-10")
    assert len(found) == 1
    assert found[0].sub_event_type == "Air/drone strike"
    assert found[0].event_date == "2019-05-07"


def test_a_word_that_only_contains_the_raid_verb_is_no_trigger():
    # الأغوار (lowlands) holds the letters of أغار inside a longer word
    assert events("زار الوفد منطقة الأغوار في سبها يوم الثلاثاء.") == []


@pytest.mark.parametrize("text", [
    "A booby-trapped car exploded near a checkpoint in Sabha on Tuesday, killing two guards.",
    "An explosive device went off at the gate of a police station in Derna on Tuesday, killing two guards.",
    "انفجرت سيارة مفخخة يوم الثلاثاء قرب حاجز أمني في سبها ما أدى إلى مقتل اثنين من الحراس.",
])
def test_an_explosion_told_by_its_verb_or_device_is_an_explosive_event(text):
    found = events(text, published="2019-05-10")
    assert len(found) == 1
    assert found[0].sub_event_type == "Remote explosive/landmine/IED"
    assert (found[0].event_date, found[0].fatalities) == ("2019-05-07", 2)
