"""Relative place phrases: distance + bearing, direction only, near/suburbs; projected with geopy."""
import pytest
from geopy.distance import geodesic

from gazetteer import default_gazetteer

SIRTE = (31.20892, 16.58866)


@pytest.fixture(scope="module")
def gz():
    return default_gazetteer()


def only(gz, text):
    found = [m for m in gz.find(text) if m.feature not in ("country", "country_part")]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, km, bearing", [
    ("Drones struck a convoy 160 km southeast of Sirte on Monday.", 160, 135),
    ("A camp some 30 miles south-west of Sirte was hit.", 30 * 1.609344, 225),
    ("a site about 80 kilometres (50 miles) north-northwest of the town of Sirte", 80, 337.5),
    ("استهدفت الغارة موقعا يبعد حوالي 160 كيلومترا جنوب شرقي مدينة سرت", 160, 135),
    ("موقع على بعد نحو 240 كم جنوب شرق مدينة سرت", 240, 135),
    ("معسكر يقع على مسافة 70 كلم إلى الجنوب الغربي من سرت", 70, 225),
    ("منطقة تبعد 40 ميلا غربي سرت", 40 * 1.609344, 270),
    ("منطقة تبعد نحو ألف كلم جنوب سرت", 1000, 180),
])
def test_distance_and_bearing_are_projected(gz, text, km, bearing):
    m = only(gz, text)
    assert m.match == "relative" and m.geo_precision == 2
    assert (m.latitude, m.longitude) == SIRTE  # the named place's own coordinates
    r = m.relative
    assert r.distance_km == pytest.approx(km, abs=0.1) and r.bearing_deg == bearing
    assert geodesic(SIRTE, m.point).km == pytest.approx(km, abs=0.5)
    assert "سرت" in r.text or "Sirte" in r.text


@pytest.mark.parametrize("text", [
    "a farmhouse on the outskirts of Sirte", "strikes near Sirte", "in the vicinity of Sirte",
    "قرب مدينة سرت", "بالقرب من سرت", "غارة بضواحي مدينة سرت", "في ضواحي سرت", "في محيط سرت",
])
def test_near_phrases_keep_the_anchor_point(gz, text):
    m = only(gz, text)
    assert m.match == "relative" and m.geo_precision == 2
    assert m.relative.distance_km is None and m.relative.bearing_deg is None
    assert m.point == SIRTE


def test_direction_without_distance_and_distance_without_direction(gz):
    m = only(gz, "منزل في حي سكني شرق سرت")
    assert (m.relative.bearing_deg, m.relative.distance_km, m.point) == (90.0, None, SIRTE)
    m = only(gz, "a base 20 km from Sirte")
    assert (m.relative.bearing_deg, m.relative.distance_km, m.point) == (None, 20.0, SIRTE)


def test_plain_mentions_are_not_relative(gz):
    m = only(gz, "وقعت الغارة في مدينة سرت")
    assert m.match == "exact" and m.relative is None and m.point == SIRTE
    # a region name containing a compass word is a region, not an offset from Libya
    found = gz.find("غارة في جنوب ليبيا")
    assert [(x.name, x.relative) for x in found] == [("southern Libya", None)]
