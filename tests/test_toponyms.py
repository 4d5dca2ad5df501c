"""`rasd toponyms PATH... --out FILE.csv` on articles written here, and its score on the shared corpus."""
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.commands.toponyms import COLUMNS

SHARED = Path(__file__).resolve().parents[2] / "shared"


def write_articles(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps({
        "id": "ar-1", "language": "ar", "title": "غارة قرب أوباري",
        "text": "استهدفت غارة جوية موقعا يبعد نحو 50 كم جنوب شرق مدينة سبها، وأكد مسؤول في طرابلس أن "
                "صحفية تونسية كانت في تونس. =HYPERLINK"}, ensure_ascii=False), encoding="utf-8")
    (folder / "b.txt").write_text("Clashes near Sirte\n\nFighting on the outskirts of Sirte and in southern "
                                  "Libya; officials in Washington said.\n", encoding="utf-8")


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_toponyms_csv_lists_libyan_places_with_their_own_coordinates(tmp_path, capsys):
    write_articles(tmp_path / "in")
    out = tmp_path / "places.csv"
    assert main(["toponyms", str(tmp_path / "in"), "--out", str(out)]) == 0
    with open(out, encoding="utf-8") as f:
        assert tuple(next(csv.reader(f))) == COLUMNS
    rows = read_rows(out)
    got = [(r["name"], r["match"]) for r in rows]
    assert got == [("Ubari", "relative"), ("Sabha", "relative"), ("Tripoli", "exact"),
                   ("Sirte", "relative"), ("Sirte", "relative")]
    sabha = rows[1]
    assert (float(sabha["latitude"]), float(sabha["longitude"])) == (27.03766, 14.42832)  # not the offset point
    assert sabha["admin1"] == "Sabha" and sabha["name_ar"] and sabha["place_id"] == "geonames:2212775"
    text_of = json.loads((tmp_path / "in" / "a.json").read_text(encoding="utf-8"))
    full = text_of["title"] + "\n\n" + text_of["text"]
    assert full[int(sabha["start"]):int(sabha["end"])] == sabha["text"] == "سبها"


def test_all_flag_adds_countries_and_foreign_places(tmp_path):
    write_articles(tmp_path / "in")
    out = tmp_path / "all.csv"
    assert main(["toponyms", str(tmp_path / "in"), "--out", str(out), "--all"]) == 0
    rows = read_rows(out)
    assert {(r["name"], r["country_code"]) for r in rows} >= {("Tunisia", "TN"), ("Washington", "US"),
                                                              ("southern Libya", "LY")}
    sabha = next(r for r in rows if r["name"] == "Sabha")
    assert float(sabha["point_latitude"]) < float(sabha["latitude"])  # projected south-east


def test_user_mistakes_are_one_line_errors(tmp_path, capsys):
    assert main(["toponyms", str(tmp_path / "nope"), "--out", str(tmp_path / "x.csv")]) == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.skipif(not (SHARED / "corpus" / "dev").is_dir(), reason="../shared/corpus is not present")
def test_score_on_the_shared_dev_and_seed_corpus(tmp_path):
    out = tmp_path / "t.csv"
    corpus = SHARED / "corpus"
    assert main(["toponyms", str(corpus / "dev" / "articles"), str(corpus / "seed" / "articles"),
                 "--out", str(out)]) == 0
    result = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score_events.py"), "--gold", str(corpus / "dev" / "gold"),
         "--gold", str(corpus / "seed" / "gold"), "--toponyms", str(out), "--json", str(tmp_path / "s.json")],
        capture_output=True, text=True, check=True)
    scores = json.loads((tmp_path / "s.json").read_text())
    assert scores["toponym_precision"] >= 0.95 and scores["toponym_recall"] >= 0.95, result.stdout
