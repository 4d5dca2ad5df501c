"""`rasd evaluate` and the scoring it reimplements."""
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.evaluate import date_verdict, gold_point, group_family, parse_date, rows_by_article, score

SHARED = Path(__file__).resolve().parents[2] / "shared"


def gold_event(**kw):
    base = {"role": "primary", "event_date": "2019-05-07", "date_precision": "day", "target_group": "ISIS",
            "lat": 31.2, "lon": 16.6, "geo_precision": "exact", "relative": None, "fatalities": 4}
    base.update(kw)
    return base


def row(**kw):
    base = {"sources": "a1", "event_date": "2019-05-07", "date_precision": "day", "latitude": 31.21,
            "longitude": 16.61, "fatalities": 4, "actor2": "ISIS"}
    base.update(kw)
    return base


def test_all_right():
    result, _ = score({"a1": {"article_id": "a1", "events": [gold_event()]}}, rows_by_article([row()]))
    assert result["event_accuracy"] == 1.0 and result["f1"] == 1.0 and result["primary_geo_acc25"] == 1.0


def test_fabricated_date_wrong_toll_and_group_family():
    gold = {"a1": {"article_id": "a1", "events": [gold_event(event_date=None, date_precision=None,
                                                              target_group="AQIM")]}}
    result, _ = score(gold, rows_by_article([row(fatalities=5, actor2="al-Qaeda")]))
    assert result["date_fabricated"] == 1 and result["fatalities_accuracy"] == 0.0
    assert result["group_accuracy"] == 1.0  # AQIM and al-Qaeda are one family
    assert result["event_accuracy"] == 0.0


def test_too_far_is_missed_and_extra_lowers_precision():
    gold = {"a1": {"article_id": "a1", "events": [gold_event()]}}
    result, details = score(gold, rows_by_article([row(latitude=33.5, longitude=20.0)]))
    assert result["recall"] == 0.0 and result["precision"] == 0.0
    assert any("MISSED" in line for line in details[0].lines)


def test_optional_event_is_neither_owed_nor_wrong():
    gold = {"a1": {"article_id": "a1", "events": [gold_event(), gold_event(role="optional", event_date="2019-04",
                                                                           date_precision="month", lat=32.0)]}}
    rows = [row(), row(event_date="2019-04", date_precision="month", latitude=32.0)]
    result, _ = score(gold, rows_by_article(rows))
    assert result["precision"] == 1.0 and result["recall"] == 1.0


def test_relative_gold_place_is_projected():
    lat, lon, tol = gold_point(gold_event(relative={"anchor_lat": 31.2, "anchor_lon": 16.6, "distance_km": 100,
                                                    "bearing": "S"}))
    assert abs(lat - (31.2 - 0.9)) < 0.02 and tol == 50.0


def test_date_helpers():
    assert parse_date("2019-05-07", "week") == (2019, 5, None, 2)
    assert date_verdict({"event_date": "2019-05-07", "date_precision": "day"}, parse_date("2019-05", "month")) == "coarse"
    assert group_family("Islamic State") == {"ISIS"}


def _write(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_evaluate_command_on_own_articles(tmp_path, capsys):
    arts, gold = tmp_path / "articles", tmp_path / "gold"
    arts.mkdir()
    gold.mkdir()
    _write(arts / "x1.json", {"id": "x1", "language": "en", "title": "Strike near Sirte", "published": "2019-05-10",
                              "text": "US aircraft struck an ISIS camp in Sirte on Tuesday, killing 4 militants."})
    _write(gold / "x1.json", {"article_id": "x1", "events": [gold_event(lat=31.20892, lon=16.58866)]})
    scores = tmp_path / "s.json"
    assert main(["evaluate", "--gold", str(gold), "--articles", str(arts), "--json", str(scores), "-v"]) == 0
    out = capsys.readouterr().out
    assert "== x1" in out and "event_accuracy" in out
    assert json.loads(scores.read_text())["event_accuracy"] == 1.0


def test_evaluate_command_user_errors(tmp_path, capsys):
    assert main(["evaluate", "--gold", str(tmp_path / "nope"), "--articles", str(tmp_path)]) == 2
    assert main(["evaluate", "--gold", str(tmp_path), "--articles", str(tmp_path)]) == 2
    assert "no gold files" in capsys.readouterr().err


@pytest.mark.skipif(not (SHARED / "tools" / "score_events.py").exists(), reason="../shared (reference scorer) not present")
def test_same_figures_as_the_reference_scorer(tmp_path):
    """Run both scorers on one events CSV (our pipeline's output on the dev corpus, read in place)."""
    from pipeline.evaluate import load_gold
    from pipeline.ingest import ingest
    from pipeline.store import load_events_frame

    corpus = SHARED / "corpus"
    db = tmp_path / "e.sqlite"
    ingest([corpus / "dev" / "articles", corpus / "seed" / "articles"], db, progress=False)
    frame = load_events_frame(db)
    frame = frame.iloc[::-1]  # some events lost and shuffled would still score identically in both
    path = tmp_path / "events.csv"
    cols = ["sources", "event_date", "date_precision", "latitude", "longitude", "fatalities", "actor2", "location"]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        for i, r in enumerate(frame.to_dict("records")):
            out = {c: ("" if r.get(c) is None or str(r.get(c)) in ("<NA>", "nan") else r.get(c)) for c in cols}
            if i % 3 == 0:
                out["fatalities"] = ""  # perturb so that not every score is 1.0
            if i % 4 == 1:
                out["event_date"], out["date_precision"] = "2015", "year"
            w.writerow(out)
    ref_json = tmp_path / "ref.json"
    subprocess.run([sys.executable, str(SHARED / "tools" / "score_events.py"), "--gold", str(corpus / "dev" / "gold"),
                    "--gold", str(corpus / "seed" / "gold"), "--events", str(path), "--json", str(ref_json)],
                   check=True, capture_output=True)
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ours, _ = score(load_gold([corpus / "dev" / "gold", corpus / "seed" / "gold"]), rows_by_article(rows))
    assert ours == json.loads(ref_json.read_text())
