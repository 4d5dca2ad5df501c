"""Event assembly: segmentation, merging within an article, places, roles (own sentences)."""
import json
from pathlib import Path

import pytest

from pipeline.extract import extract_events
from pipeline.records import EVENT_TAXONOMY
from tests.extract_support import FakeGazetteer, article

GZ = FakeGazetteer()


def events(text, **kw):
    return extract_events(article(text, **kw), GZ)


def test_one_strike_told_three_times_is_one_event():
    text = ("Warplanes struck an ISIS camp near Derna on Wednesday, killing 6 militants, officials said.\n\n"
            "\"The airstrike hit the camp at dawn,\" a local official said.\n\n"
            "A later statement said the strike had killed 9 fighters.")
    evs = events(text)
    assert len(evs) == 1
    ev = evs[0]
    assert (ev.event_date, ev.date_precision) == ("2019-05-08", "day")
    assert ev.location == "near Derna" and ev.fatalities == 9 and ev.actor2 == "ISIS"
    assert ev.role == "primary"
    assert ev.sub_event_type in EVENT_TAXONOMY[ev.event_type]


def test_lead_without_place_joins_the_first_placed_report():
    text = ("قتل عدد من مسلحي داعش في غارات أمريكية في ليبيا، بحسب بيان للقيادة يوم الخميس.\n\n"
            "ونفذت الطائرات الأمريكية ضربة جوية يوم الأربعاء على بعد 50 كم جنوب سرت.")
    evs = events(text)
    assert len(evs) == 1
    assert evs[0].event_date == "2019-05-08"
    assert evs[0].actor1 == "United States" and evs[0].actor2 == "ISIS"
    assert evs[0].geo_precision == 2 and evs[0].latitude < 31.2  # projected south of Sirte


def test_new_date_with_coreference_is_a_second_event_at_the_same_place():
    text = ("شنت القوات الأمريكية غارة جوية يوم الثلاثاء على بعد 100 كم جنوب سرت.\n\n"
            "وأسفرت غارة أخرى يوم الأحد عن مقتل 5 مسلحين من داعش في المنطقة نفسها.")
    evs = events(text)
    assert [e.event_date for e in evs] == ["2019-05-07", "2019-05-05"]
    assert evs[0].latitude == evs[1].latitude and evs[1].fatalities == 5


def test_dateline_is_not_the_event_place():
    evs = events("طرابلس - قصفت طائرات حربية موقعا قرب مدينة سبها أمس، ما أدى إلى مقتل أربعة.")
    assert len(evs) == 1 and evs[0].location == "near Sabha" and evs[0].fatalities == 4


def test_dateline_city_counts_when_the_event_sentence_names_it():
    evs = events("طرابلس - انفجرت سيارة مفخخة في وسط طرابلس أمس وقتلت 3 أشخاص.")
    assert len(evs) == 1 and evs[0].location == "Tripoli"
    assert evs[0].sub_event_type == "Remote explosive/landmine/IED"


def test_seat_of_an_actor_is_not_a_place():
    evs = events("Forces of the Tripoli-based government clashed with gunmen on Monday.")
    assert evs == []
    evs = events("قصفت قوات حكومة الوفاق ومقرها طرابلس مواقع لداعش أمس.")
    assert evs == []


def test_descriptive_distance_describes_the_town():
    evs = events("Jets hit a farm on the outskirts of Misrata, about 200 km east of Tripoli, on Tuesday.")
    assert len(evs) == 1 and evs[0].location == "near Misrata"


def test_foreign_violence_is_not_a_libyan_event():
    text = ("The airstrike near Sirte on Monday killed 4 ISIS fighters.\n\n"
            "The group was behind attacks in Tunis last year that killed 60 people.")
    evs = events(text)
    assert len(evs) == 1 and evs[0].fatalities == 4


def test_habitual_statement_is_not_an_event():
    evs = events("ودائما ما تشن الطائرات الأمريكية غارات على مواقع داعش في سرت.")
    assert evs == []
    evs = events("US aircraft regularly strike militants in Sabha.")
    assert evs == []


def test_background_events_need_a_year_and_are_marked():
    text = ("Aircraft bombed an al-Qaeda hideout near Ubari on Thursday.\n\n"
            "In 2017, a previous strike in Sabha had killed 3 people.\n\n"
            "An earlier strike hit a convoy in Benghazi.")
    evs = events(text)
    assert [(e.location, e.role, e.event_date) for e in evs] == [
        ("near Ubari", "primary", "2019-05-09"), ("Sabha", "background", "2017")]
    assert evs[1].fatalities == 3


def test_without_publication_date_dates_stay_unknown():
    text = ("قصفت طائرات أمريكية موقعا لتنظيم القاعدة بضواحي أوباري الأربعاء.\n\n"
            "وشهدت المنطقة نفسها غارة في يناير/كانون الثاني 2017.")
    evs = events(text, published=None)
    assert [(e.event_date, e.date_precision) for e in evs] == [(None, None), ("2017-01", "month")]
    assert evs[0].actor2 == "al-Qaeda" and evs[1].location == evs[0].location


def test_event_without_libyan_place_is_dropped():
    assert events("Jets struck a camp in Cairo on Monday, killing 3.") == []
    assert events("شنت الطائرات غارة في ليبيا أمس.") == []


def test_headline_adds_details_but_does_not_start_an_event():
    text = "Airstrike kills 12 ISIS fighters in Libya\n\nUS aircraft struck a camp near Sabha on Tuesday."
    evs = events(text)
    assert len(evs) == 1 and evs[0].fatalities == 12 and evs[0].event_date == "2019-05-07"


def test_evidence_and_notes_are_kept():
    text = "Warplanes struck an ISIS camp near Derna on Wednesday, killing 6 militants."
    ev = events(text)[0]
    full = article(text).full_text
    assert "Derna" in ev.evidence and full[ev.evidence_start:ev.evidence_end].startswith("Warplanes")
    assert "Wednesday" in ev.notes and ev.field_evidence["fatalities"].startswith("Warplanes")


def test_no_triggers_no_events_and_empty_text():
    assert events("The council met in Sirte on Monday to discuss the budget.") == []
    assert events("   ") == []


SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed" / "articles" / "seed-ubari-strike.json"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/corpus/seed not present (read in place, never copied)")
def test_seed_article_end_to_end_with_real_gazetteer():
    from gazetteer import default_gazetteer
    from pipeline.records import Article

    data = json.loads(SEED.read_text(encoding="utf-8"))
    art = Article(id=data["id"], text=data["text"], title=data.get("title"), published=data.get("published"))
    evs = extract_events(art, default_gazetteer())
    got = sorted(((e.location.replace("near ", ""), e.event_date, e.fatalities) for e in evs), key=str)
    assert got == sorted([("Ubari", None, 2), ("Ubari", "2018-03", None), ("Sabratha", "2016", None),
                          ("Sirte", "2016", None)], key=str)
    # nothing at the dateline Tripoli (32.887, 13.187)
    assert all(abs(e.latitude - 32.887) + abs(e.longitude - 13.187) > 0.3 for e in evs)
    primary = next(e for e in evs if e.event_date is None)
    assert primary.role == "primary" and primary.actor1 == "United States" and primary.actor2 in ("al-Qaeda", "AQIM")


def test_listed_days_are_one_event_each_with_their_tolls():
    text = "US aircraft conducted three strikes on 19, 24 and 26 April near Sabha, killing 8, 11 and 17 ISIS fighters."
    evs = events(text)
    assert [(e.event_date, e.fatalities) for e in evs] == [("2019-04-19", 8), ("2019-04-24", 11), ("2019-04-26", 17)]
    assert {e.location for e in evs} == {"near Sabha"}
    text = "شنت الطائرات الأمريكية ثلاث غارات أيام 3 و5 و8 مايو قرب سبها."
    assert [e.event_date for e in events(text)] == ["2019-05-03", "2019-05-05", "2019-05-08"]


def test_the_libyan_capital_is_tripoli_and_origin_is_not_the_place():
    evs = events("بنغازي - هاجم مسلحون قدموا من مصراتة فندقا في العاصمة الليبية أمس وقتلوا 5 أشخاص.")
    assert len(evs) == 1 and evs[0].location == "Tripoli" and evs[0].fatalities == 5


def test_place_inside_an_actor_name_is_not_the_place():
    evs = events("استعادت قوات الجيش الوطني الليبي يوم الثلاثاء ميناء سبها من سرايا الدفاع عن بنغازي بعد معارك.")
    assert len(evs) == 1 and evs[0].location == "Sabha"
    assert evs[0].actor1 == "LNA" and evs[0].actor2 == "Benghazi Defence Brigades"


def test_ordinal_arabic_date():
    evs = events("وكانت الطائرات قد قصفت مواقع لداعش في سرت في الخامس والعشرين من أبريل/نيسان 2016.")
    assert [(e.event_date, e.role) for e in evs] == [("2016-04-25", "background")]


def test_another_countrys_capital_is_not_tripoli():
    assert events("وجاءت الغارات بعد قمة استضافتها العاصمة المصرية أمس.") == []


def test_government_seat_is_not_the_event_place():
    evs = events("دخلت القوات ميناء سبها بعد معارك قصيرة أمس، فيما دعت حكومة الوفاق في طرابلس إلى التهدئة.")
    assert len(evs) == 1 and evs[0].location == "Sabha"


def test_place_after_the_trigger_wins_over_the_source_of_the_news():
    evs = events("Officials in Misrata said an airstrike on Monday hit a depot in Sirte.")
    assert len(evs) == 1 and evs[0].location == "Sirte"


def test_fighting_between_two_sides():
    evs = events("Fighting between the Seventh Brigade and the Special Deterrence Force in Tripoli killed 12 on Sunday.")
    assert (evs[0].actor1, evs[0].actor2, evs[0].fatalities) == ("Seventh Brigade", "Special Deterrence Force", 12)
    assert evs[0].event_type == "Battles"


def test_press_release_style_english():
    text = ("In coordination with the Libyan Government of National Accord, U.S. Africa Command conducted an airstrike "
            "in the vicinity of Sabha, Libya, on May 7, 2019, killing three (3) ISIS-Libya militants.")
    (ev,) = events(text, published="2019-05-09")
    assert (ev.event_date, ev.fatalities, ev.actor1, ev.assoc_actor_1, ev.actor2) == (
        "2019-05-07", 3, "United States", "GNA", "ISIS")
    assert ev.location == "near Sabha" and ev.sub_event_type == "Air/drone strike"


def test_statement_weekday_is_the_reference_arabic():
    text = ("أعلنت القيادة العسكرية الأمريكية في أفريقيا (أفريكوم)، في بيان لها الخميس، أنها نفذت غارة جوية يوم الثلاثاء "
            "قرب مدينة سبها جنوب ليبيا، أسفرت عن مقتل ثلاثة من عناصر تنظيم داعش.")
    (ev,) = events(text)  # published Friday 10 May; statement Thursday 9 May
    assert (ev.event_date, ev.fatalities, ev.actor2) == ("2019-05-07", 3, "ISIS")


def test_statement_date_stands_in_when_the_event_has_none():
    (ev,) = events("The LNA said on Wednesday its forces had captured the port of Sabha after heavy fighting.")
    assert ev.event_date == "2019-05-08" and "statement" in ev.notes


def test_evidence_offsets_survive_diacritics_and_tatweel():
    text = "عاجل\n\nقُتِلَ خمسةُ مسلحين من داعـــش في غارةٍ جويةٍ قرب مدينة سرت أمس.\n\nوقال مسؤول إن الغارة دمرت مخزنا."
    (ev,) = events(text)
    full = article(text).full_text
    assert full[ev.evidence_start:ev.evidence_end].startswith("قُتِلَ") and full[ev.evidence_start:ev.evidence_end].endswith("أمس.")
    assert ev.fatalities == 5 and ev.actor2 == "ISIS" and ev.event_date == "2019-05-09"


def test_headline_place_when_the_body_names_none():
    (ev,) = events("US airstrike near Sabha kills 11 militants\n\nThe strike on Tuesday killed 11 ISIS fighters, AFRICOM said.")
    assert (ev.location, ev.event_date, ev.fatalities) == ("near Sabha", "2019-05-07", 11)
    (ev,) = events("غارة أمريكية قرب سبها\n\nقتل 4 من عناصر داعش في غارة جوية أمس.")
    assert (ev.location, ev.event_date, ev.fatalities) == ("near Sabha", "2019-05-09", 4)


def test_history_and_trigger_sentences_found_from_their_words():
    from pipeline.extract import events as E
    from pipeline.extract.sentences import split_sentences
    from pipeline.extract.text import fold_text
    text = ("Since the fall of Gaddafi in 2011, after the ouster, following the   revolution and losing ground. "
            "منذ سقوط القذافي عام 2011 وبعد الاطاحه بالنظام. عقب رحيل الحكومة.\n\nthe fall of nothing")
    folded = fold_text(text).folded
    assert [m.span() for m in E._history_matches(folded)] == [m.span() for m in E._HISTORY.finditer(folded)]
    ft = fold_text(text)
    sentences = split_sentences(ft.cased, ft.folded)
    positions = [0, 5, 40, len(folded) - 3]
    expected = []
    for s in sentences:
        inside = [i for i, p in enumerate(positions) if s.start <= p < s.end]
        if inside:
            expected.append((s, inside[0], inside[-1] + 1))
    assert E._sentences_holding(sentences, [s.start for s in sentences], positions) == expected


def test_choose_place_ranks_as_one_sort_over_every_test():
    """The locative test is made only among the most specific places after the trigger: the choice is
    the one a single sort by (specificity, after trigger, place_rank, distance) makes."""
    from pipeline.extract.places import LocatedMention, choose_place, place_rank, specificity
    from pipeline.extract.text import fold_text
    from tests.extract_support import FakeGazetteer

    def by_one_sort(candidates, folded, triggers):
        ranked = [(place_rank(folded, lm), lm) for lm in candidates]
        ranked = [(r, lm) for r, lm in ranked if r < 2]
        if not ranked:
            return None
        ends = sorted(e for _, e in triggers)

        def rank(item):
            r, lm = item
            before = [e for e in ends if e <= lm.start]
            after, distance = (0, lm.start - before[-1]) if before else ((1 if ends else 0), lm.start)
            return (specificity(lm.mention), after, r, distance)
        return min(ranked, key=rank)[1]

    texts = ["Officials in Tripoli said a strike near Sirte and another in Misrata killed 4",
             "Fighters from Misrata attacked Sirte, Derna and Benghazi",
             "مصادر في طرابلس قالت إن غارة استهدفت سرت ومصراتة، وقتل مسلحون قادمون من بنغازي",
             "Sirte, Derna: the strike hit Benghazi and Tripoli",
             "clashes in\nSirte and\nDerna after fighters came from Tripoli"]
    for text in texts:
        ft = fold_text(text)
        mentions = [LocatedMention(m, ft.to_folded(m.start), ft.to_folded(m.end)) for m in FakeGazetteer().find(text)]
        assert len(mentions) >= 2
        for cut in range(len(ft.folded) + 1):
            triggers = [(cut, cut)] if cut % 3 else []
            assert choose_place(mentions, 0, ft.folded, triggers) is by_one_sort(mentions, ft.folded, triggers)
