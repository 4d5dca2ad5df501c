"""Who acted and who was targeted, in stories where the acting side is not a foreign air power (own sentences)."""
import pytest

from pipeline.extract.actors import assign_roles, find_actors
from pipeline.extract.text import fold_text


def actors(text):
    ft = fold_text(text)
    return find_actors(ft.folded, ft.cased)


def roles(text, air=True):
    r = assign_roles(actors(text), air=air)
    return r.actor1, r.actor2


@pytest.mark.parametrize("text, name", [
    ("اشتبكت كتائب القذافي مع المعارضين", "Gaddafi forces"),
    ("Pro-Gaddafi forces shelled the port", "Gaddafi forces"),
    ("Loyalists fired rockets at the harbour", "Gaddafi forces"),
    ("قصف منزل لأحد أبناء معمر القذافي", "Gaddafi forces"),
    ("انتشر رجال الشرطة في الشوارع", "Police"),
    ("Zintani fighters held the airport", "Zintan brigades"),
    ("حرس المنشآت النفطية يصد هجوما", "Petroleum Facilities Guard"),
    ("سرايا الدفاع عن بنغازي تتقدم", "Benghazi Defence Brigades"),
    ("the Benghazi Defense Brigades advanced", "Benghazi Defence Brigades"),
    ("قوات الجضران تنسحب", "Jadhran forces"),
    ("القوة الثالثة تنسحب من الجنوب", "Third Force"),
    ("قوة حماية درنة تعلن النفير", "Derna Mujahideen Shura Council"),
    ("the Nawasi Brigade and Rada forces", "Nawasi Brigade"),
    ("مقاتلون من المعارضة التشادية", "Chadian armed groups"),
    ("قوات فجر ليبيا تتقدم", "Libya Dawn"),
])
def test_libyan_armed_groups_in_both_languages(text, name):
    assert name in [a.name for a in actors(text)]


def test_branch_name_wins_over_the_parent_in_both_languages():
    assert [a.name for a in actors("عناصر من تنظيم القاعدة في بلاد المغرب الإسلامي")] == ["AQIM"]
    assert [a.name for a in actors("fighters of al-Qaida in the Islamic Maghreb")] == ["AQIM"]


def test_a_nationality_of_civilians_is_not_a_state():
    assert [a.name for a in actors("The video showed Egyptian Christians held on a beach")] == ["Civilians"]
    assert [a.name for a in actors("خطف مسلحون عمالا من العمال المصريين")] == []


def test_subject_of_a_verb_before_it_acted_and_the_side_it_took_from_is_the_target():
    assert roles("Militiamen of the Benghazi Defence Brigades seize two ports from the LNA", air=False) == \
        ("Benghazi Defence Brigades", "LNA")
    assert roles("وكانت قوات الجضران قد هاجمت الميناء واستولت عليه من حرس المنشآت النفطية", air=False) == \
        ("Jadhran forces", "Petroleum Facilities Guard")


def test_an_announcement_is_weaker_than_an_attack_verb():
    # the council announced the death; the alliance's jets did the bombing
    assert roles("أعلن المجلس الوطني الانتقالي مقتل معمر القذافي بعد أن قصفت طائرات حلف الناتو رتلا") == \
        ("NATO", "Gaddafi forces")


def test_a_side_opposed_to_another_then_attacking_is_not_the_other():
    assert roles("Fighters of the Benghazi Defence Brigades, a coalition opposed to Khalifa Haftar, stormed a "
                 "terminal held by the Libyan National Army", air=False) == ("Benghazi Defence Brigades", "LNA")


def test_accused_side_acted_even_with_words_between():
    assert roles("The ministry blamed forces loyal to Khalifa Haftar for the strike on a GNA barracks") == ("LNA", "GNA")
    assert roles("واتهمت مصادر محلية عناصر من جماعة أنصار الشريعة بالهجوم على مقر القنصلية الأمريكية", air=False)[0] == \
        "Ansar al-Sharia"


def test_victims_of_a_state_make_it_the_target_not_the_actor():
    assert roles("Two American diplomats killed as unknown gunmen stormed the US consulate; four Americans were "
                 "killed", air=False) == (None, "United States")


def test_a_date_between_on_and_a_name_is_not_a_target_cue():
    ms = actors("The Pentagon said on Sunday that US jets struck an ISIS compound")
    us = [m for m in ms if m.name == "United States"]
    assert us and not any(m.targeted for m in us)


def test_attacker_account_of_its_target_does_not_outweigh_civilian_victims():
    text = ("A drone strike killed 30 people at a wedding. The LNA said it had targeted Chadian opposition "
            "fighters, not civilians.")
    assert roles(text) == ("LNA", "Civilians")
    text = "قتل 30 شخصا في غارة، وقالت القيادة العامة إن الغارة استهدفت مواقع لمسلحين من المعارضة التشادية."
    assert roles(text)[1] == "Civilians"


def test_group_close_to_a_website_is_not_a_target():
    ms = actors("وتحدثت مواقع مقربة من تنظيم الدولة الإسلامية عن الهجوم")
    assert [(m.name, m.targeted) for m in ms] == [("ISIS", False)]


def test_definite_short_form_points_back_to_the_named_group():
    ms = actors("تقدمت سرايا الدفاع عن بنغازي نحو الموانئ. وكانت السرايا قد استولت عليها في مارس.")
    assert [m.name for m in ms] == ["Benghazi Defence Brigades", "Benghazi Defence Brigades"]
    assert ms[1].claimed
    ms = actors("ISIS fighters held the town. It was the first strike against the group.")
    assert [m.name for m in ms] == ["ISIS", "ISIS"]
