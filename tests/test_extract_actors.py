"""Actor and group dictionary, and who-did-what-to-whom."""
from pipeline.extract.actors import assign_roles, find_actors
from pipeline.extract.text import fold_text


def actors(sentence):
    ft = fold_text(sentence)
    return find_actors(ft.folded, ft.cased)


def roles(sentence):
    return assign_roles(actors(sentence))


def test_aliases_both_languages():
    assert [a.name for a in actors("قصفت قوات حفتر مواقع لداعش")] == ["LNA", "ISIS"]
    assert [a.name for a in actors("Haftar's forces shelled Islamic State positions")] == ["LNA", "ISIS"]
    assert [a.name for a in actors("غارة للأفريكوم على عناصر للقاعدة")] == ["United States", "al-Qaeda"]


def test_longest_alias_wins():
    assert [a.name for a in actors("قيادي في تنظيم القاعدة في بلاد المغرب الإسلامي")] == ["AQIM"]
    assert [a.name for a in actors("a commander of al-Qaeda in the Islamic Maghreb")] == ["AQIM"]


def test_case_sensitive_short_forms():
    assert [a.name for a in actors("US jets hit an IS camp")] == ["United States", "ISIS"]
    assert actors("it is what it is, said one of us") == []


def test_joint_operation_partner_is_associated():
    r = roles("In coordination with the Government of National Accord, AFRICOM struck ISIS fighters")
    assert (r.actor1, r.assoc_actor_1, r.actor2) == ("United States", "GNA", "ISIS")
    r = roles("نفذت القوات الأمريكية غارة بالتنسيق مع حكومة الوفاق على مسلحي داعش")
    assert (r.actor1, r.assoc_actor_1, r.actor2) == ("United States", "GNA", "ISIS")


def test_claimed_attack_makes_the_group_the_actor():
    r = roles("فجر انتحاري نفسه في سوق شعبي في هجوم أعلن تنظيم داعش مسؤوليته عنه وقتل مدنيين")
    assert r.actor1 == "ISIS"
    assert r.actor2 == "Civilians"


def test_group_is_target_of_a_state_strike():
    r = roles("Egyptian warplanes bombed Ansar al-Sharia camps")
    assert (r.actor1, r.actor2) == ("Egypt", "Ansar al-Sharia")


def test_branch_is_preferred_over_parent_group():
    r = roles("US drones struck al-Qaeda fighters near the border; two AQIM members were killed")
    assert r.actor2 == "AQIM"


def test_two_sided_fight_and_targets_among_armed_sides():
    r = roles("استعادت قوات حكومة الوفاق السيطرة على المدينة بعد معارك مع قوات حفتر")
    assert (r.actor1, r.actor2) == ("GNA", "LNA")
    r = roles("A warplane of the Libyan National Army struck a base held by GNA forces")
    assert (r.actor1, r.actor2) == ("LNA", "GNA")
    r = roles("NATO aircraft hit a convoy of Gaddafi forces")
    assert (r.actor1, r.actor2) == ("NATO", "Gaddafi forces")
