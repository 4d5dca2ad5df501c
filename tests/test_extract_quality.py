"""Event-level rules for stories told from the ground: classification, place choice, dates, claims (own sentences)."""
from pipeline.extract import extract_events
from tests.extract_support import FakeGazetteer, article

GZ = FakeGazetteer()


def events(text, **kw):
    return extract_events(article(text, **kw), GZ)


def one(text, **kw):
    evs = events(text, **kw)
    assert len(evs) == 1, [(e.location, e.event_date, e.actor1, e.actor2) for e in evs]
    return evs[0]


# --- classification ---------------------------------------------------------------------------

def test_ground_attack_on_an_air_base_is_a_battle_not_an_air_strike():
    ev = one("شنت القوة الثالثة هجوما يوم الخميس على قاعدة تمنهنت الجوية قرب سبها وقتلت عشرات من جنود الجيش الوطني الليبي.")
    assert ev.event_type == "Battles"
    assert (ev.actor1, ev.actor2) == ("Third Force", "LNA")
    ev = one("Fighters of the Third Force stormed the air base near Sabha on Thursday, killing dozens of LNA soldiers.")
    assert ev.event_type == "Battles" and ev.sub_event_type != "Air/drone strike"


def test_a_state_ground_raid_is_not_an_air_strike():
    ev = one("Egyptian commandos stormed a camp of Ansar al-Sharia in Derna on Monday.")
    assert ev.sub_event_type != "Air/drone strike" and ev.actor2 == "Ansar al-Sharia"


def test_entering_a_town_is_a_battle():
    ev = one("LNA troops pushed into Sirte on Monday after the GNA brigades withdrew.")
    assert ev.event_type == "Battles"


def test_shooting_at_protesters_is_violence_against_civilians():
    ev = one("أطلق مسلحون النار على متظاهرين أمام مبنى البلدية في طرابلس يوم الجمعة، ما أدى إلى مقتل خمسة أشخاص.")
    assert ev.event_type == "Violence against civilians" and ev.actor2 == "Civilians" and ev.fatalities == 5
    ev = one("Gunmen burst into a wedding hall in Misrata on Friday and opened fire, killing seven people.")
    assert ev.event_type == "Violence against civilians" and ev.fatalities == 7


def test_cluster_munitions_fired_into_a_town_are_shelling():
    ev = one("Human Rights Watch said on Friday that troops loyal to Muammar Gaddafi fired cluster munitions into "
             "Misrata. Submunitions burst over homes in the city on Thursday night.", published="2011-04-17")
    assert ev.sub_event_type == "Shelling/artillery/missile attack"
    assert ev.actor1 == "Gaddafi forces" and ev.event_date == "2011-04-14"


# --- who did it ------------------------------------------------------------------------------

def test_claim_of_responsibility_in_its_own_sentence_names_the_attacker():
    ev = one("Gunmen stormed a hotel in Tripoli on Sunday, killing six guests. A group calling itself the "
             "Islamic State claimed responsibility.")
    assert (ev.actor1, ev.actor2) == ("ISIS", "Civilians")
    ev = one("اقتحم مسلحون فندقا في طرابلس يوم الأحد وقتلوا ستة نزلاء. وتحدثت مواقع مقربة من تنظيم الدولة الإسلامية "
             "عن تبني التنظيم للهجوم.")
    assert (ev.actor1, ev.actor2) == ("ISIS", "Civilians")


def test_battle_between_two_sides_does_not_make_civilians_the_other_side():
    ev = one("اندلعت اشتباكات يوم الأحد في طرابلس بين قوة الردع وكتائب أخرى، وقتل فيها مدنيون.")
    assert ev.actor1 == "Special Deterrence Force" and ev.actor2 != "Civilians"


def test_other_side_of_a_fight_named_elsewhere_in_the_story():
    ev = one("The Libyan National Army said on Thursday it had taken Derna after weeks of fighting. "
             "Its opponents, the Derna Mujahideen Shura Council, vowed to resist.", published="2018-06-29")
    assert (ev.actor1, ev.actor2) == ("LNA", "Derna Mujahideen Shura Council")


# --- where ----------------------------------------------------------------------------------

def test_home_town_in_a_fighters_name_is_not_the_battlefield():
    ev = one("Misrata's Third Force attacked an LNA position in Sabha on Monday.")
    assert ev.location == "Sabha"
    ev = one("Misrata forces clashed with the LNA in Sabha on Monday.")
    assert ev.location == "Sabha"
    ev = one("اشتبكت قوات من الزنتان مع قوات فجر ليبيا في طرابلس يوم الإثنين.")
    assert ev.location == "Tripoli"


def test_where_the_speakers_are_is_not_the_event_place():
    evs = events("Fighters of the Third Force stormed a base in the south on Thursday, killing dozens, "
                 "officials in Benghazi said.")
    assert all(e.location != "Benghazi" for e in evs)
    ev = one("Fighters of the Third Force stormed a base near Sabha on Thursday, killing dozens, officials in "
             "Benghazi said.")
    assert ev.location == "near Sabha"


def test_fighters_coming_from_a_town_do_not_place_the_battle_there():
    ev = one("اشتبك اللواء السابع القادم من مصراتة مع قوات الردع في طرابلس يوم الأحد.")
    assert ev.location == "Tripoli"


# --- when, and which event -----------------------------------------------------------------

def test_weekday_night_and_evening_forms():
    assert one("Rockets hit Benghazi on Saturday night, killing two.").event_date == "2019-05-04"
    assert one("Misrata was shelled late on Thursday.").event_date == "2019-05-09"
    assert one("سقطت قذائف على بنغازي ليلة الخميس.").event_date == "2019-05-09"
    assert one("قصفت طائرات مواقع في سرت مساء الجمعة الماضية.").event_date == "2019-05-03"


def test_earlier_attack_recalled_in_past_perfect_is_its_own_event():
    text = ("أعلن الجيش الوطني الليبي أمس الخميس استعادة السيطرة على مدينة سرت من سرايا الدفاع عن بنغازي.\n\n"
            "وكانت السرايا قد هاجمت سرت يوم 1 مايو/أيار واستولت عليها.")
    evs = events(text)
    assert [(e.event_date, e.actor1, e.actor2) for e in evs] == [
        ("2019-05-09", "LNA", "Benghazi Defence Brigades"),
        ("2019-05-01", "Benghazi Defence Brigades", "LNA"),
    ]


def test_the_two_ports_point_back_to_the_place_named_before():
    text = ("استعادت قوات الجيش الوطني الليبي يوم الثلاثاء ميناء سرت من قوات الجضران.\n\n"
            "وكانت قوات الجضران قد استولت على الميناء في الثالث من مايو/أيار في هجوم مباغت.")
    evs = events(text)
    assert [e.location for e in evs] == ["Sirte", "Sirte"]
    assert evs[1].event_date == "2019-05-03" and evs[1].actor1 == "Jadhran forces"


def test_a_call_to_expel_armed_groups_is_not_a_takeover():
    ev = one("قتل خمسة أشخاص في إطلاق النار على متظاهرين في مصراتة أمس الخميس. ودعا رئيس الحكومة إلى "
             "إخراج المجموعات المسلحة من المدينة.")
    assert ev.event_type == "Violence against civilians" and ev.actor2 == "Civilians"
