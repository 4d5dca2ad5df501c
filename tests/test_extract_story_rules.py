"""Rules for how a story frames its events (own sentences): spans of time counted 'since', statements
that end before a date, possessive weekdays, a family counted as its members, 'the outskirts' and
'المدينة' pointing at the story's town, a place-describing name that is no actor, and a dated event
told without a place where all the story's news happens at one place."""
from pipeline.extract import extract_events
from pipeline.extract.actors import find_actors
from pipeline.extract.numbers import find_tolls
from pipeline.extract.text import fold_text
from tests.extract_support import FakeGazetteer, article

GZ = FakeGazetteer()


def events(text, **kw):
    return extract_events(article(text, **kw), GZ)


def tolls(text):
    return [(t.value, t.update) for t in find_tolls(fold_text(text).folded)]


def names(text):
    ft = fold_text(text)
    return [a.name for a in find_actors(ft.folded, ft.cased)]


def test_since_the_end_of_a_war_is_history_not_the_events_date():
    # 2019-05-10 is a Friday: "on Tuesday" is 7 May; "last year's war" only frames the fighting
    evs = events("Rival brigades clashed in Misrata on Tuesday, in the heaviest fighting since the end of last year's war.")
    assert len(evs) == 1
    assert (evs[0].event_date, evs[0].role) == ("2019-05-07", "primary")
    evs = events("اندلعت اشتباكات عنيفة في مصراتة يوم الثلاثاء هي الأعنف منذ نهاية حرب العام الماضي.")
    assert len(evs) == 1
    assert (evs[0].event_date, evs[0].role) == ("2019-05-07", "primary")


def test_a_statement_that_ended_before_the_date_does_not_make_it_a_statement_date():
    evs = events("U.S. drones struck a convoy near Sirte on May 1, officials said. On May 4, drones hit a truck in the city.")
    assert [e.event_date for e in evs] == ["2019-05-01", "2019-05-04"]
    assert all(e.location and "Sirte" in e.location for e in evs)


def test_a_possessive_weekday_dates_the_strikes_not_the_statement():
    evs = events("The command said Wednesday's strikes hit militant positions in Sirte.")
    assert len(evs) == 1 and evs[0].event_date == "2019-05-08"
    assert "Wednesday" in evs[0].notes


def test_a_family_counts_as_its_members():
    assert tolls("Shells landed on a house, killing a family of four.") == [(4, False)]
    assert tolls("وأسفر القصف عن مقتل عائلة من ستة أشخاص") == [(6, False)]
    assert tolls("مقتل أسرة مكونة من خمسة أفراد") == [(5, False)]
    assert tolls("killing a child") == [(1, False)]


def test_a_kill_verb_with_a_pronoun_phrase_before_its_count():
    assert tolls("وقتل فيها خمسة من المسلحين") == [(5, False)]
    assert tolls("قتل خلاله ثلاثة جنود") == [(3, False)]


def test_a_toll_that_has_risen_is_an_update():
    assert tolls("The death toll has risen to 9, officials said.") == [(9, True)]
    assert tolls("The toll has since grown to 12.") == [(12, True)]


def test_the_outskirts_point_back_to_the_town_just_named():
    text = ("Misrata brigades fought their way into Sirte on Wednesday.\n\n"
            "Residents said shells landed on a house on the northern outskirts on Sunday, killing a family of four.")
    evs = events(text)
    shelled = [e for e in evs if e.fatalities == 4]
    assert len(shelled) == 1
    assert shelled[0].location == "Sirte" and shelled[0].event_date == "2019-05-05"


def test_the_city_in_a_story_without_violence_news_is_the_story_town():
    # a school reopening in Sabha recalls an old air strike on "the city"'s notables
    text = ("سبها - أعادت بلدية سبها اليوم افتتاح مدرسة ابتدائية بعد أعمال صيانة.\n\n"
            "وقال عميد البلدية إن الحي كان من أكثر الأحياء تضررا، مستذكرا الغارة الجوية التي استهدفت في الرابع من "
            "أغسطس 2017 اجتماعا لأعيان المدينة وأودت بحياة 20 شخصا.")
    evs = events(text)
    assert len(evs) == 1
    ev = evs[0]
    assert (ev.location, ev.event_date, ev.fatalities, ev.role) == ("Sabha", "2017-08-04", 20, "background")


def test_the_city_does_not_override_an_event_already_placed():
    text = ("قتل 15 مدنيا في غارة جوية استهدفت ليل الاثنين حيا سكنيا في درنة.\n\n"
            "ونفى الجيش أن تكون طائراته قد نفذت أي طلعات فوق المدينة صباح اليوم.")
    evs = events(text)
    assert [e.location for e in evs] == ["Derna"]


def test_a_hometown_or_former_stronghold_of_someone_is_no_actor():
    assert "Gaddafi forces" not in names("U.S. jets struck Sirte, the hometown of the late dictator Moammar Gadhafi, on Monday.")
    assert "Gaddafi forces" not in names("Militias fought in Bani Walid, a former stronghold of Muammar Gaddafi.")
    assert "ISIS" in names("U.S. jets struck Sirte, the stronghold of ISIS.")  # a stronghold today is a target


def test_a_dated_event_without_a_place_happens_where_the_story_news_is():
    text = ("U.S. drones struck Islamic State positions in Sirte on Monday, officials said.\n\n"
            "On Thursday, government forces said they seized the conference centre after hours of street fighting.")
    evs = events(text, published="2016-08-13")
    assert [(e.event_date, e.location) for e in evs] == [("2016-08-08", "Sirte"), ("2016-08-11", "Sirte")]
    assert "story's only place" in evs[1].notes


def test_a_placeless_event_a_day_from_the_story_event_is_not_made_a_new_one():
    # the next day at the same place: more likely the same event told again than a new one
    text = ("U.S. drones struck Islamic State positions in Sirte on Monday, officials said.\n\n"
            "On Tuesday, government forces said they attacked the conference centre.")
    evs = events(text, published="2016-08-13")
    assert [(e.event_date, e.location) for e in evs] == [("2016-08-08", "Sirte")]


def test_unplaced_events_stay_unplaced_when_the_story_has_two_places():
    text = ("U.S. drones struck Islamic State positions in Sirte on Monday.\n\n"
            "Warplanes bombed a camp in Derna on Tuesday.\n\n"
            "On Thursday, government forces said they seized the conference centre after hours of street fighting.")
    evs = events(text, published="2016-08-13")
    assert [e.location for e in evs] == ["Sirte", "Derna"]


def test_and_condemned_is_not_waddan():
    from gazetteer import default_gazetteer
    gz = default_gazetteer()
    assert [m.name for m in gz.find("ودان المجلس الرئاسي الهجوم ودعا إلى التهدئة")] == []
    assert [m.name for m in gz.find("قصفت طائرات مدينة ودان")] == ["Waddān"]
    assert [m.name for m in gz.find("وقع انفجار في ودان")] == ["Waddān"]


def test_the_seat_of_a_government_is_no_event_place():
    evs = events("Haftar's forces seized the port last September from a guard force loyal to the government in Tripoli.")
    assert all(e.location != "Tripoli" for e in evs)
    evs = events("هاجمت قوات حفتر الميناء الشهر الماضي بعد طرد قوة موالية لحكومة الوحدة الوطنية في طرابلس.")
    assert all(e.location != "Tripoli" for e in evs)
    evs = events("Warplanes of the government in Tripoli bombed a camp near Sirte on Monday.")
    assert [e.location for e in evs] == ["near Sirte"]


def test_a_running_total_since_a_campaign_began_is_no_events_toll():
    assert tolls("The United Nations says more than 700 people have been killed since the start of the offensive.") == []
    assert tolls("وقتل أكثر من 700 شخص منذ بدء الهجوم على طرابلس") == []
    assert tolls("Five people have been killed since the war began.") == []
    assert tolls("At least 43 people were killed in the fighting since Monday.") == [(43, False)]


def test_a_singular_verb_of_death_is_one_dead():
    assert tolls("Abu Nabil was killed in the strike, the Pentagon said.") == [(1, False)]
    assert tolls("The former ruler was captured and killed near the town.") == [(1, False)]
    assert tolls("ولقي جندي حتفه في الهجوم") == [(1, False)]
    assert tolls("It was not clear whether anyone was killed.") == []
    assert tolls("No one was killed.") == [(0, False)]
    assert tolls("One soldier was killed.") == [(1, False)]


def test_along_with_others_adds_the_named_victim():
    from pipeline.extract.numbers import best_toll, find_tolls
    assert best_toll(find_tolls(fold_text("The ambassador was killed along with three other Americans.").folded)) == 4


def test_a_side_that_denies_or_keeps_silent_is_not_said_to_have_acted():
    assert names("ولم تعلن أي جهة مسؤوليتها عن الضربة، كما لم يصدر تعليق من القيادة العامة.") == []
    assert names("فيما نفى المتحدث باسم الجيش الوطني الليبي أن تكون طائراته قد نفذت الغارة.") == []
    assert names("The LNA denied carrying out the strike.") == []
    assert names("LNA warplanes struck Gharyan.") == ["LNA"]


def test_a_dated_dateline_is_the_reference_when_the_story_has_no_publication_date():
    text = ("سرت - الثلاثاء ١٢ سبتمبر/أيلول ٢٠٢٣\n\n"
            "استهدفت طائرة مسيرة فجر يوم الجمعة الماضي آليات لمسلحين في منطقة صحراوية قرب سرت.")
    evs = events(text, published=None)
    assert len(evs) == 1
    assert (evs[0].event_date, evs[0].date_precision) == ("2023-09-08", "day")
    assert "dateline" in evs[0].notes
    # without the dated dateline the weekday stays unknown
    evs = events(text.split("\n\n", 1)[1], published=None)
    assert len(evs) == 1 and evs[0].event_date is None


def test_an_event_date_in_the_lead_is_not_taken_for_a_dateline():
    text = ("Drones struck a convoy near Sirte on 3 May 2019, killing four.\n\n"
            "On Friday, warplanes bombed a camp in Derna.")
    evs = events(text, published=None)
    assert [e.event_date for e in evs] == ["2019-05-03", None]


def test_an_english_dateline_with_its_date():
    text = "SIRTE, Libya, May 7, 2019 (Reuters) - Warplanes bombed a camp near Derna on Sunday."
    evs = events(text, published=None)
    assert [(e.location, e.event_date) for e in evs] == [("near Derna", "2019-05-05")]


def test_a_lasting_state_since_some_time_is_no_event():
    text = ("AFRICOM said a strike on May 1 killed eight militants near Sabha and another on May 4 killed 11.\n\n"
            "Sabha has been shaken by fighting since the LNA moved into the south earlier this year.")
    evs = events(text)
    assert [(e.event_date, e.sub_event_type, e.fatalities) for e in evs] == [
        ("2019-05-01", "Air/drone strike", 8), ("2019-05-04", "Air/drone strike", 11)]
    evs = events("وتشهد سبها اشتباكات متقطعة منذ أشهر بين قبائل المدينة.")
    assert evs == []
    # a clash that began at a date is still an event
    evs = events("Clashes erupted in Sabha on Tuesday between rival tribes, residents said.")
    assert len(evs) == 1


def test_an_accused_side_in_quotation_marks_is_still_accused():
    ft = fold_text("وحمّلت حكومة الوفاق الوطني «قوات حفتر» المسؤولية عن الغارة")
    assert [(a.name, a.claimed) for a in find_actors(ft.folded, ft.cased)] == [("GNA", False), ("LNA", True)]


def test_a_headline_ending_on_a_quoted_name_is_a_heading_not_an_event():
    # the headline names no date: as a sentence it would be an undated event that swallows the body's
    text = ("مصراتة تعلن الحداد بعد «مجزرة السوق»\n"
            "ارتفع عدد قتلى إطلاق النار على متظاهرين في مصراتة أمس الخميس إلى عشرين قتيلا.\n"
            "وكان قائد كتيبة قد قتل في اشتباك في بنغازي في الثالث من مايو الجاري.")
    evs = events(text)
    assert sorted((e.event_date, e.location) for e in evs) == [("2019-05-03", "Benghazi"), ("2019-05-09", "Misrata")]


def test_a_dated_city_word_after_a_placed_event_is_the_story_town():
    text = ("اندلعت معارك عنيفة في سرت يوم أمس الخميس أسفرت عن مقتل عشرة مسلحين.\n"
            "وصباح اليوم الجمعة، قصفت القوات أحياء المدينة بالصواريخ ما أسفر عن مقتل مدنيين اثنين.")
    evs = events(text)
    assert sorted((e.event_date, e.location, e.fatalities) for e in evs) == [
        ("2019-05-09", "Sirte", 10), ("2019-05-10", "Sirte", 2)]


def test_the_same_day_is_not_today_and_tells_another_happening():
    text = ("قتل خمسة أشخاص في اشتباكات أمس الخميس في مدينة سبها.\n"
            "وأضاف المصدر أن قذائف هاون سقطت مساء اليوم ذاته على نفس المنطقة وقتلت ثلاثة مدنيين.")
    evs = events(text)
    assert sorted((e.event_date, e.location, e.fatalities) for e in evs) == [
        ("2019-05-09", "Sabha", 3), ("2019-05-09", "Sabha", 5)]


def test_a_statements_date_counts_the_weekdays_told_after_it_not_the_lede():
    # published Friday 2019-05-10; the video was released on Wednesday, after the strike of "Friday" (today)
    text = ("Warplanes struck militant positions in Derna at dawn on Friday, the army said.\n"
            "A video released on Wednesday showed the group killing hostages, officials said.")
    evs = events(text)
    assert [(e.event_date, e.location) for e in evs if e.location == "Derna"] == [("2019-05-10", "Derna")]


def test_a_day_a_statement_stood_is_not_the_events_day():
    text = ("شنت طائرة غارة على درنة مساء الخميس.\n"
            "ولم يؤكد أي مصدر في درنة حتى مساء أمس مقتل القيادي، فيما سمع سكان دوي انفجار في المدينة.")
    evs = events(text)
    assert [(e.event_date, e.location) for e in evs] == [("2019-05-09", "Derna")]


def test_the_same_building_points_back_to_the_place_told_before():
    text = ("قتل عشرون مهاجرا في غارة جوية على مركز إيواء في مصراتة أمس الخميس.\n"
            "وكانت قذيفة قد سقطت في مارس الماضي على بعد أمتار من المركز نفسه، دون أن تسفر عن قتلى.")
    evs = events(text)
    assert sorted((e.event_date, e.location) for e in evs) == [("2019-03", "Misrata"), ("2019-05-09", "Misrata")]
    evs = events("A drone struck a warehouse in Misrata on Thursday. In March, a shell had hit the same building.")
    assert sorted((e.event_date, e.location) for e in evs) == [("2019-03", "Misrata"), ("2019-05-09", "Misrata")]


def test_hours_after_the_event_told_is_another_event_that_day():
    text = ("قتل خمسة جنود في تفجير سيارة مفخخة عند بوابة أمنية قرب سرت أمس الخميس.\n"
            "وعقب التفجير بساعات، اشتبك مسلحون مع القوات في مصراتة.")
    evs = events(text)
    assert sorted((e.event_date, e.location) for e in evs) == [("2019-05-09", "Misrata"), ("2019-05-09", "near Sirte")]
    evs = events("A car bomb killed five soldiers near Sirte on Thursday. Hours after the bombing, gunmen clashed "
                 "with troops in Misrata.")
    assert sorted((e.event_date, e.location) for e in evs) == [("2019-05-09", "Misrata"), ("2019-05-09", "near Sirte")]


def test_fighting_that_spread_to_another_town_is_another_event_that_day():
    text = ("اندلعت اشتباكات في بنغازي أمس الخميس أسفرت عن مقتل ستة أشخاص.\n"
            "وفي المساء، امتدت الاشتباكات إلى مدينة درنة، ما أسفر عن مقتل شخصين.")
    evs = events(text)
    assert sorted((e.event_date, e.location, e.fatalities) for e in evs) == [
        ("2019-05-09", "Benghazi", 6), ("2019-05-09", "Derna", 2)]
    # spreading inside the same town is the same clash
    evs = events("Clashes erupted in Benghazi on Thursday, killing six. The fighting later spread to the port of Benghazi.")
    assert [(e.event_date, e.location) for e in evs] == [("2019-05-09", "Benghazi")]


def test_meanwhile_a_fight_elsewhere_is_dated_by_the_event_told_before():
    text = ("Rival militias clashed in Tripoli on Thursday, killing eight people.\n"
            "Meanwhile, forces from Misrata fought local gunmen 20 km south of Sirte.")
    evs = events(text)
    assert sorted((e.event_date, e.location) for e in evs) == [("2019-05-09", "20 km S of Sirte"), ("2019-05-09", "Tripoli")]


def test_a_street_named_after_a_town_is_not_the_town():
    evs = events("اندلعت اشتباكات عنيفة في طرابلس أمس الخميس وامتدت إلى شارع الزاوية.")
    assert [(e.event_date, e.location) for e in evs] == [("2019-05-09", "Tripoli")]
    evs = events("Gunmen opened fire on a checkpoint on Zawiya Street in Misrata on Thursday.")
    assert [e.location for e in evs] == ["Misrata"]


def test_dated_fighting_in_two_quarters_of_a_city_is_two_events():
    text = ("اندلعت اشتباكات عنيفة في حي أبو سليم فجر الخميس.\n"
            "لكن ليل الخميس اندلعت مواجهات أعنف في منطقة سوق الجمعة قتل فيها ستة أشخاص.")
    evs = events(text)
    assert sorted((e.location, e.fatalities) for e in evs) == [("Abu Salim", None), ("Souq al-Juma", 6)]
    # the quarter of a town told again with its town is one event
    evs = events("A drone struck Tripoli on Thursday. The strike on Thursday hit a house in Abu Salim.")
    assert len(evs) == 1


def test_a_toll_raised_by_a_source_is_an_update():
    assert tolls("بينما رفعت مصادر محلية الحصيلة صباح اليوم إلى ثمانية قتلى") == [(8, True)]
    assert tolls("Medics later raised the death toll to 9.") == [(9, True)]


def test_meanwhile_a_clash_at_a_distance_from_the_city_is_not_the_citys_fighting():
    text = ("اندلعت اشتباكات عنيفة في طرابلس أمس الخميس أسفرت عن مقتل عشرة أشخاص.\n"
            "وفي الأثناء، اشتبكت قوات قادمة من مصراتة مع قوات الحكومة على بعد 27 كلم غرب طرابلس.")
    evs = events(text)
    assert sorted((e.event_date, e.location) for e in evs) == [("2019-05-09", "27 km W of Tripoli"), ("2019-05-09", "Tripoli")]


def test_where_a_witness_spoke_from_is_not_the_event_place():
    text = ("Rockets hit houses in Misrata on Friday, killing eight people.\n"
            "On Wednesday, rockets hit a market, a doctor reached by telephone from Benghazi said.")
    evs = events(text)
    assert [(e.event_date, e.location) for e in evs] == [("2019-05-10", "Misrata"), ("2019-05-08", "Misrata")]


def test_where_people_fled_to_is_not_the_event_place():
    evs = events("واندلعت المواجهات في سبها في مارس 2014، ونزح بسببها آلاف إلى أوباري.")
    assert [(e.event_date, e.location) for e in evs] == [("2014-03", "Sabha")]
    evs = events("Fighting broke out in March 2014 and thousands of families fled to Ubari.")
    assert [e.location for e in evs] == []


def test_strikes_asked_for_are_not_strikes():
    text = ("Forces loyal to Gaddafi shelled Misrata on Friday, killing eight people, as rebel leaders pleaded for more "
            "NATO air strikes.")
    evs = events(text)
    assert len(evs) == 1
    assert evs[0].sub_event_type == "Shelling/artillery/missile attack" and evs[0].actor1 != "NATO"
    evs = events("قصفت القوات مدينة مصراتة يوم الجمعة، فيما طالب السكان بمزيد من الغارات الجوية على مواقعها.")
    assert len(evs) == 1 and evs[0].sub_event_type != "Air/drone strike"


def test_history_told_right_after_a_sentence_about_the_city_happened_there():
    text = ("Gunmen stormed a hotel in Benghazi on Thursday, killing three guards.\n"
            "It was not the first attack on foreign targets in the city. In March, a bomb exploded outside the "
            "consulate's gate, and in January gunmen attacked a convoy of diplomats, killing two.")
    evs = events(text)
    assert sorted((e.event_date, e.location) for e in evs) == [
        ("2019-01", "Benghazi"), ("2019-03", "Benghazi"), ("2019-05-09", "Benghazi")]
    # history that names a country abroad is not the city's
    text = ("Gunmen stormed a hotel in Benghazi on Thursday, killing three guards.\n"
            "It was not the first attack in the city. Tunisia saw two big attacks last year.")
    assert [e.location for e in events(text)] == ["Benghazi"]


def test_a_government_seat_told_with_its_full_name_or_a_city_adjective_is_no_event_place():
    text = ("U.S. drones struck a camp 45 km southwest of Sirte on Wednesday, killing 20 militants.\n"
            "The strikes were conducted in coordination with the Government of National Accord in Tripoli, "
            "officials said.")
    assert [e.location for e in events(text)] == ["45 km SW of Sirte"]
    text = ("Egyptian jets struck Derna on Monday. The government, based in the eastern city of Benghazi, "
            "welcomed the strikes.")
    assert [e.location for e in events(text)] == ["Derna"]


def test_every_town_people_fled_to_is_no_event_place():
    evs = events("واندلعت المواجهات في مصراتة في مارس 2014.\nوفي أبريل 2014 قصفت القوات الأحياء، ونزح آلاف إلى سبها وأوباري.")
    assert not {"Sabha", "Ubari"} & {e.location for e in evs}


def test_one_told_after_its_noun_and_no_deaths_caused():
    assert tolls("امتدت الاشتباكات ما أسفر عن مقتل شخص واحد، بحسب مصدر أمني") == [(1, False)]
    assert tolls("وسقطت قذيفة قرب المركز وأصابت مهاجرين اثنين بجروح، دون أن تسفر عن قتلى.") == [(0, False)]


def test_killed_with_him_counts_the_named_one_too():
    assert tolls("قتل القائد مساء الاثنين داخل المعسكر، وقتل معه اثنان من حراسه.") == [(3, False)]
    assert tolls("The commander was killed along with two of his bodyguards.") == [(3, False)]


def test_bodies_bearing_gunshot_wounds_and_executions_are_violence():
    evs = events("The bodies of 12 men, many bearing gunshot wounds to the head, were found near Benghazi on 3 May 2019.")
    assert [(e.event_date, e.location) for e in evs] == [("2019-05-03", "near Benghazi")]
    evs = events("A video showed a commander executing ten prisoners in Benghazi on 2 May 2019.")
    assert [(e.event_date, e.location) for e in evs] == [("2019-05-02", "Benghazi")]


def test_a_second_strike_elsewhere_in_the_same_sentence_is_another_event_that_day():
    text = ("وأمس الخميس، قصفت مسيرة قاربا في نفس المنطقة من سرت، فيما طالت ضربة ثانية استراحة على بعد 30 كلم "
            "جنوب سرت، قتل فيها ثلاثة أشخاص.")
    evs = events(text)
    assert sorted((e.event_date, e.location, e.fatalities) for e in evs) == [
        ("2019-05-09", "30 km S of Sirte", 3), ("2019-05-09", "Sirte", None)]
    evs = events("Drones hit a boat in Misrata on Thursday, while a second strike hit a farm 30 km south of Sirte, "
                 "killing three people.")
    assert sorted((e.event_date, e.location) for e in evs) == [("2019-05-09", "30 km S of Sirte"), ("2019-05-09", "Misrata")]


def test_one_strike_recalled_in_a_story_that_places_nothing_happened_in_its_town():
    text = ("MISRATA — Cranes are rising along the new quay of Misrata's free zone, where traders hope to double "
            "their traffic.\nThe city's airport now handles daily flights. It has had a turbulent history: in "
            "August 2017, an air strike hit a hangar at the air force college. No one was killed.")
    evs = events(text)
    assert [(e.event_date, e.location, e.role) for e in evs] == [("2017-08", "Misrata", "background")]
    # a town named only in the dateline is where the story was filed, not where the strike was
    text = ("MISRATA — Traders hope to double their traffic.\nIn August 2017, an air strike hit a hangar at "
            "the air force college.")
    assert events(text) == []


def test_timeline_lines_without_a_stop_tell_events():
    text = ("Key dates in the city's war:\n"
            "- 12 March 2014: a car bomb killed five soldiers at a checkpoint in Benghazi\n"
            "- 3 April 2014: gunmen stormed a police station in Derna, killing two officers\n"
            "١٩ مايو ٢٠١٤ – غارات جوية على معسكرات في بنغازي\n"
            "The government has promised an inquiry.")
    evs = events(text)
    assert sorted((e.event_date, e.location, e.fatalities) for e in evs) == [
        ("2014-03-12", "Benghazi", 5), ("2014-04-03", "Derna", 2), ("2014-05-19", "Benghazi", None)]
    # related links under "اقرأ أيضا" carry no date: still headings, no events
    assert events("اقرأ أيضا:\n- مقتل خمسة في اشتباكات في سبها\n- غارة على درنة") == []


def test_the_days_news_told_place_by_place_is_one_event_per_place():
    # 2019-05-10 is a Friday: both attacks were on Thursday 9 May, at two quarters of Tripoli
    evs = events("قتل مسلحون مجهولون ثلاثة أشخاص في حي أبو سليم بطرابلس أمس الخميس. "
                 "وبعد ساعات، سقطت قذائف على منطقة عين زارة فقتلت طفلين.")
    assert [(e.event_date, e.location, e.fatalities) for e in evs] == [
        ("2019-05-09", "Abu Salim", 3), ("2019-05-09", "Ain Zara", 2)]
    evs = events("Gunmen shot dead a guard in Abu Salim on Thursday. Later, a rocket hit a house in Ain Zara, "
                 "killing two children. Fighters also battled around Mitiga airport.")
    assert [(e.event_date, e.location) for e in evs] == [
        ("2019-05-09", "Abu Salim"), ("2019-05-09", "Ain Zara"), ("2019-05-09", "Mitiga Airport")]


def test_a_statement_or_the_same_attacks_told_again_at_another_quarter_is_no_new_event():
    evs = events("Clashes erupted in Abu Salim on Thursday. The emergency centre said four people were killed, "
                 "among them a woman hit by a shell in Souq al-Juma.")
    assert len(evs) == 1 and evs[0].fatalities == 4
    evs = events("اندلعت اشتباكات عنيفة في حي أبو سليم أمس الخميس. وجاءت الهجمات على سوق الجمعة ثأرا لمقتل قائد.")
    assert len(evs) == 1


def test_the_place_by_place_rule_is_for_the_news_of_the_day_only():
    # a recalled strike nine days before publication, then a sentence about Ain Zara: no date is lent
    evs = events("On 1 May, an air strike hit a farm in Abu Salim. Clashes in Ain Zara have displaced thousands.")
    assert [e.event_date for e in evs if e.location == "Ain Zara"] in ([], [None])


def test_a_quarter_tells_more_precisely_where_than_its_town():
    evs = events("Fighting broke out in Tripoli on Thursday. Shells fell on houses in Abu Salim, killing three.")
    assert len(evs) == 1
    assert (evs[0].location, evs[0].fatalities) == ("Abu Salim", 3)


def test_one_dead_told_without_a_figure():
    assert tolls("أطلق مجهولون النار على حارس فأردوه قتيلا") == [(1, False)]
    assert tolls("نعت الجمعية المسعف الذي قتل صباح اليوم عندما أصابت قذيفة سيارته") == [(1, False)]
    assert tolls("القصف الذي قتل خمسة أشخاص") == [(5, False)]  # an active verb with its object: the figure
    assert tolls("shelling killed a 45-year-old shopkeeper") == [(1, False)]
    assert tolls("وعثر على جثتي شابين مقتولين قرب الطريق") == [(2, False)]


def test_hours_earlier_tells_another_event_of_the_same_day():
    evs = events("Fighters stormed the port of Sirte on Thursday, killing a commander. "
                 "Hours earlier, warplanes had struck a convoy leaving the city.")
    assert [(e.event_date, e.sub_event_type) for e in evs] == [
        ("2019-05-09", evs[0].sub_event_type), ("2019-05-09", "Air/drone strike")]
    assert evs[0].sub_event_type != "Air/drone strike"
    evs = events("اقتحم مسلحون مقر الشرطة في سرت يوم الخميس. وقبل ذلك بساعات، شنت طائرات غارة على رتل قرب سرت.")
    assert [e.event_date for e in evs] == ["2019-05-09", "2019-05-09"]


def test_air_strikes_by_another_armed_actor_are_another_event_of_the_day():
    evs = events("ISIS fighters stormed a checkpoint in Sirte on Thursday, killing four soldiers. "
                 "LNA warplanes then struck the attackers' positions.")
    assert [(e.event_date, e.sub_event_type) for e in evs] == [
        ("2019-05-09", evs[0].sub_event_type), ("2019-05-09", "Air/drone strike")]
    assert evs[0].sub_event_type != "Air/drone strike" and evs[0].fatalities == 4
    # the same air strikes told again, or given as the reason for a claimed attack: no new event
    evs = events("ISIS fighters stormed a checkpoint in Sirte on Thursday, killing four soldiers. "
                 "ISIS claimed the attack, saying it was revenge for the LNA air strikes on Derna.")
    assert [e.event_date for e in evs if e.sub_event_type == "Air/drone strike"] in ([], [None])


def test_where_fighters_come_from_is_no_event_place():
    evs = events("Militias, most of them from the coastal city of Misrata, attacked the port of Sirte on Thursday.")
    assert [e.location for e in evs] == ["Sirte"]
    evs = events("هاجم مسلحو اللواء القادم من مدينة مصراتة ميناء سرت يوم الخميس.")
    assert [e.location for e in evs] == ["Sirte"]
    evs = events("Rockets hit houses in Sirte on Thursday. A Misrata commander denied his men had shelled homes.")
    assert [e.location for e in evs] == ["Sirte"]


def test_also_tells_another_town_struck_that_day_but_a_recalled_campaign_is_not_dated_by_it():
    evs = events("Warplanes struck militant camps in Derna on Thursday, killing 12. Jets also bombed targets in Sirte.")
    assert [(e.event_date, e.location) for e in evs] == [("2019-05-09", "Derna"), ("2019-05-09", "Sirte")]
    evs = events("A suicide bomber attacked the court in Misrata on Thursday, killing four. "
                 "Misrata brigades led the campaign to drive the militants from Sirte, backed by air strikes.")
    assert [e.event_date for e in evs if e.location == "Sirte"] in ([], [None])


def test_days_later_counts_from_the_event_just_told():
    evs = events("Clashes in Derna on Thursday left five dead. The unrest began in March: more than 20 people were "
                 "killed in Benghazi on 16 March. Two days later, gunmen stormed a police station in Sirte, killing two.")
    assert ("2019-03-18", "Sirte", 2) in [(e.event_date, e.location, e.fatalities) for e in evs]


def test_yesterday_named_with_its_weekday_and_a_toll_of_yesterday_evening():
    # 2019-05-10 is a Friday: "صباح أمس الخميس" is 9 May, not the day before the evening's first toll
    evs = events("ارتفعت حصيلة ضحايا التفجير الذي استهدف صباح أمس الخميس مقر الشرطة في سرت إلى عشرين قتيلا، "
                 "وفق ما أفاد مصدر طبي، بعد أن أعلنت مصادر أمنية مساء أمس حصيلة أولى من عشرة قتلى.")
    assert [(e.event_date, e.location) for e in evs] == [("2019-05-09", "Sirte")]


def test_a_sides_own_dead_told_as_martyrs():
    assert tolls("jets bombed our column, and four of our fighters were martyred.") == [(4, False)]
    assert (3, False) in tolls("أسفر القصف عن سقوط ثلاثة شهداء من أبناء المدينة")
    assert tolls("وقالت كتيبة الشهيد محمد إن قواتها تقدمت") == []


def test_a_live_blogs_day_headings_date_its_undated_entries():
    text = ("LIVE: fighting in southern Tripoli\n\nTuesday 7 May\n\n14:00\nGunmen shot dead a guard in Abu Salim.\n\n"
            "Monday 6 May\n\n22:00\nA rocket hit a house in Ain Zara, killing two.\n")
    evs = events(text, published="2019-05-07")
    assert [(e.event_date, e.location) for e in evs] == [("2019-05-07", "Abu Salim"), ("2019-05-06", "Ain Zara")]
    text = ("تغطية مباشرة\n\nالثلاثاء 7 مايو\n\n14:00\nقتل مسلحون حارسا في حي أبو سليم.\n\n"
            "الاثنين 6 مايو\n\n22:00\nسقطت قذيفة على منزل في عين زارة فقتلت طفلين.\n")
    evs = events(text, published="2019-05-07")
    assert [(e.event_date, e.location) for e in evs] == [("2019-05-07", "Abu Salim"), ("2019-05-06", "Ain Zara")]


def test_a_running_total_told_after_since_the_start_is_no_toll():
    assert tolls("Since the start of the offensive on 4 April, the mission has documented at least 90 civilian deaths.") == []
    assert tolls("ومنذ بدء الهجوم على المدينة، قتل 200 شخص على الأقل") == []
    assert tolls("Since the start of the offensive, fighting has raged. On Monday a strike killed 5.") == [(5, False)]


def test_the_day_a_toll_was_announced_is_no_event_date():
    # 2019-05-10 is a Friday: the clashes began on Monday 6 May; "مساء أمس" is when the first toll was announced
    evs = events("ارتفعت حصيلة الاشتباكات في مدينة سرت إلى 40 قتيلا، بعد أن كانت الحصيلة المعلنة مساء أمس 20 قتيلا. "
                 "واندلعت المواجهات مساء الاثنين في وسط المدينة.")
    assert [(e.event_date, e.fatalities) for e in evs] == [("2019-05-06", 40)]


def test_that_fighting_is_the_history_just_told():
    evs = events("Gunmen stormed a bank in Tripoli on Thursday, killing two guards. The attack came weeks after "
                 "fighting broke out on 26 March in the city between rival brigades. That fighting killed at least 40 people.")
    assert sorted((e.event_date, e.fatalities) for e in evs) == [("2019-03-26", 40), ("2019-05-09", 2)]


def test_no_dead_patterns_are_written_in_folded_letters():
    # the "none" patterns are regexes over folded text: a letter folding changes (ئ, ة, أ …) never matches
    from pipeline.extract.lexicon import load
    for pattern in load("numbers")["killed"]["none"]:
        assert not set(pattern) & set("أإآةىئؤ"), pattern
    assert tolls("ولم تسفر الغارة عن خسائر بشرية") == [(0, False)]


def test_a_charge_is_no_event_but_an_accusation_of_the_attack_still_tells_one():
    evs = events("تطارد القوات في سرت المطلوبين، ومن بينهم متهمون بخطف وتعذيب ناشط، منذ أسابيع.")
    assert evs == []
    evs = events("Police in Misrata arrested a man wanted for the murder of a judge.")
    assert evs == []
    evs = events("اتهم المجلس المحلي ميليشيات مسلحة بقصف مدينة سرت يوم الخميس.")
    assert [e.event_date for e in evs] == ["2019-05-09"]


def test_a_commander_from_a_town_names_no_event_place():
    evs = events("سقطت قذائف على وسط مدينة سرت يوم الخميس، وهو ما نفاه آمر ميداني من مصراتة.")
    assert [e.location for e in evs] == ["Sirte"]


def test_opening_fire_at_another_quarter_is_another_event_of_the_day():
    evs = events("قتل مسلحون ثلاثة أشخاص في حي أبو سليم بطرابلس أمس الخميس. "
                 "وعند العصر، أطلق مجهولون النار على حارس في منطقة عين زارة فأردوه قتيلا.")
    assert [(e.event_date, e.location, e.fatalities) for e in evs] == [
        ("2019-05-09", "Abu Salim", 3), ("2019-05-09", "Ain Zara", 1)]


def test_the_city_after_an_event_placed_near_the_storys_town_is_that_town():
    evs = events("اندلعت اشتباكات عنيفة في مدينة سرت أمس الخميس. وكان مسلحون قد قتلوا يوم الأربعاء جنديين في كمين "
                 "على بعد 40 كلم جنوب سرت. وصباح اليوم الجمعة، سقطت قذائف على أحياء سكنية في وسط المدينة.")
    assert ("2019-05-10", "Sirte") in [(e.event_date, e.location) for e in evs]


def test_claims_and_reactions_tell_of_events_told_before_not_new_ones():
    evs = events("A car bomb killed six at a checkpoint in Sirte on Thursday. No group claimed the bombing, "
                 "but officials blamed militants based in Derna.")
    assert [e.location for e in evs] == ["Sirte"]
    evs = events("انفجرت سيارة مفخخة عند بوابة أمنية في سرت يوم الخميس فقتلت ستة أشخاص. "
                 "ودان المجلس الرئاسي، الذي يعقد اجتماعاته في طرابلس، الهجوم.")
    assert [e.location for e in evs] == ["Sirte"]


def test_a_count_among_the_dead_is_no_toll_of_its_own():
    assert tolls("وقال سكان إن سبعة مدنيين بينهم ثلاثة أطفال قتلوا في القصف") == [(7, False)]
    assert tolls("وقال سكان إن مدنيين بينهم ثلاثة أطفال قتلوا في القصف") == [(3, False)]


def test_no_casualties_told_in_the_next_sentence():
    evs = events("A rocket hit Mitiga airport on Thursday, forcing a suspension of flights. There were no casualties.")
    assert [(e.location, e.fatalities) for e in evs] == [("Mitiga Airport", 0)]
    evs = events("شنت طائرة حربية غارة على مطار معيتيقة يوم الخميس. إدارة المطار: لم تسجل أي إصابات بشرية.")
    assert [e.fatalities for e in evs] == [0]


def test_more_dual_nouns_count_two():
    assert tolls("هاجم مسلحون البوابة فقتلوا حارسين") == [(2, False)]
    assert tolls("أسفر القصف عن مقتل امرأتين") == [(2, False)]


def test_more_armed_groups_in_the_dictionary():
    assert names("Fighters of the SSA and Rada battled overnight") == ["Stability Support Apparatus", "Special Deterrence Force"]
    assert names("اشتباكات بين مسلحين من قبيلتي التبو والزوية") == ["Tebu militias", "Zway militias"]
    assert names("أعلنت عملية بركان الغضب تقدم قواتها") == ["GNA"]


def test_bodies_counted_are_the_dead():
    assert tolls("وتم انتشال 11 جثة من تحت الأنقاض") == [(11, False)]
    assert tolls("وصلت جثث القتلى إلى المستشفى") == []


def test_a_town_naming_who_leads_a_militia_is_no_event_place():
    evs = events("On 18 March, jets bombed positions of Misrata-led militias around the port of Sirte.")
    assert [(e.event_date, e.location) for e in evs] == [("2019-03-18", "Sirte")]


def test_soldiers_killed_are_of_the_army_the_story_names_most():
    evs = events("تقدمت قوات الجيش الوطني الليبي نحو مدينة سرت أمس الخميس. "
                 "وكان مسلحو تنظيم داعش قد نصبوا يوم الثلاثاء كمينا قرب سرت قتل فيه ثلاثة جنود، وأصيب أشخاص آخرون.")
    assert any(e.actor2 == "LNA" and e.fatalities == 3 for e in evs)


def test_bodies_counted_in_english():
    assert tolls("Dozens of bodies lay around the burned-out trucks") == [(12, False)]
    assert tolls("Twelve bodies were recovered from the rubble") == [(12, False)]
    assert tolls("the premier ordered the dissolution of several security bodies") == []
