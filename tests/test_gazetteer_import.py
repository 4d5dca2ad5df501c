"""`rasd gazetteer import-geonames` and `lookup`: a small dump in GeoNames' format, written here."""
import zipfile

import pytest

from gazetteer.core import Gazetteer
from gazetteer.geonames_import import GeoNamesFormatError, parse_dump
from gazetteer.places import imported_path, load_places
from pipeline.cli import main

# geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 admin1 admin2 admin3 admin4 pop elev dem tz date
DUMP = "\n".join("\t".join(cols) for cols in [
    ["9000001", "Bi’r Tāmat", "Bir Tamat", "Bir Tamat,بئر تامات", "27.1", "14.9", "H", "WLL", "LY", "",
     "75", "", "", "", "0", "", "412", "Africa/Tripoli", "2020-01-01"],
    ["9000002", "Wādī Zamzam", "Wadi Zamzam", "Wadi Zamzam,وادي زمزم", "31.3", "14.2", "H", "WAD", "LY", "",
     "72", "", "", "", "0", "", "200", "Africa/Tripoli", "2020-01-01"],
    ["2219235", "Ubari", "Ubari", "Awbari,Ubari Oasis", "26.59034", "12.77511", "P", "PPLA", "LY", "",
     "84", "", "", "", "33569", "", "450", "Africa/Tripoli", "2020-01-01"],
]) + "\n"


@pytest.fixture()
def user_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("RASD_GAZETTEER_DIR", str(tmp_path / "gz"))
    return tmp_path


def test_parse_dump_reads_features_and_districts(tmp_path):
    path = tmp_path / "LY.txt"
    path.write_text(DUMP, encoding="utf-8")
    rows = parse_dump(path)
    assert [r["feature"] for r in rows] == ["well", "wadi", "city"]
    assert rows[0]["admin1"] == "Sabha" and rows[1]["name_ar"] == "وادي زمزم"


def test_import_extends_the_gazetteer_txt_and_zip(user_dir, capsys):
    txt = user_dir / "LY.txt"
    txt.write_text(DUMP, encoding="utf-8")
    zpath = user_dir / "LY.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr("readme.txt", "not data")
        zf.writestr("LY.txt", DUMP)
    for path in (txt, zpath):
        assert main(["gazetteer", "import-geonames", str(path)]) == 0
        assert "imported 3 GeoNames features" in capsys.readouterr().out
    assert imported_path().exists()
    gz = Gazetteer(load_places(imported_tsv=imported_path()))
    found = gz.find("اشتباكات قرب وادي زمزم وفي Wadi Zamzam")
    assert [(m.name, m.feature) for m in found] == [("Wādī Zamzam", "wadi")] * 2
    ubari = gz.find("near Ubari Oasis")[0]   # a known place gains the import's names, keeps its own data
    assert ubari.place_id == "geonames:2219235" and ubari.admin1 == "Wadi al Hayat"


def test_import_rejects_files_that_are_not_dumps(user_dir, capsys):
    bad = user_dir / "bad.txt"
    bad.write_text("name,lat,lon\nSirte,31,16\n", encoding="utf-8")
    with pytest.raises(GeoNamesFormatError):
        parse_dump(bad)
    assert main(["gazetteer", "import-geonames", str(bad)]) == 2
    assert "cannot import" in capsys.readouterr().err
    assert main(["gazetteer", "import-geonames", str(user_dir / "missing.zip")]) == 2


def test_lookup_command_prints_candidates(capsys):
    assert main(["gazetteer", "lookup", "Awbari"]) == 0
    out = capsys.readouterr().out
    assert "Ubari" in out and "geonames:2219235" in out and "Wadi al Hayat" in out
    assert main(["gazetteer", "lookup", "Qqqzzzville"]) == 1


def test_shipped_table_is_what_the_build_command_produces():
    """gazetteer/data/places.tsv is derived data: `rasd gazetteer build` must reproduce it."""
    from gazetteer.build import PLACES_TSV, build_rows, read_places

    rebuilt = [{k: str(v) for k, v in row.items()} for row in build_rows()]
    shipped = read_places(PLACES_TSV)
    assert rebuilt == shipped
    assert sum(r["country_code"] == "LY" for r in shipped) == 119
