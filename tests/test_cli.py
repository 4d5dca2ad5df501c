"""`rasd ingest` / `rasd export` as a user runs them: messages and exit codes."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pytest

from pipeline.cli import main
from pipeline.records import EXPORT_COLUMNS
from foundation_support import build_db

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, env={**os.environ, **(env or {})}, timeout=120)


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text("published: 2019-05-02\nStrike near Ubari\n\nAircraft hit a camp near Ubari.\n")
    (folder / "two.json").write_text(json.dumps({"id": "two", "title": "Second", "text": "Fighting in the south."}))
    (folder / "broken.json").write_text("{\"id\": ")
    return folder


def test_ingest_then_export_through_the_real_command(tmp_path, articles):
    db = tmp_path / "e.sqlite"
    first = run_cli("ingest", articles, "--db", db)
    assert first.returncode == 0, first.stderr
    assert "new: 2" in first.stdout and "quarantined: 1" in first.stdout and "malformed_json" in first.stdout
    assert "Traceback" not in first.stderr
    second = run_cli("ingest", articles, "--db", db)
    assert second.returncode == 0 and "unchanged: 2" in second.stdout and "new: 0" in second.stdout
    out = tmp_path / "e.csv"
    exported = run_cli("export", "--db", db, "--out", out)
    assert exported.returncode == 0, exported.stderr
    assert "wrote 1 event(s)" in exported.stdout  # the strike near Ubari; "Fighting in the south" has no place
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert dict(zip(rows[0], rows[1]))["location"].startswith(("Ubari", "near Ubari"))


def test_user_mistakes_exit_2_with_one_line_and_no_traceback(tmp_path, articles):
    missing_path = run_cli("ingest", tmp_path / "nope", "--db", tmp_path / "x.sqlite")
    missing_db = run_cli("export", "--db", tmp_path / "absent.sqlite", "--out", tmp_path / "e.csv")
    for result, needle in ((missing_path, "path not found"), (missing_db, "database not found")):
        assert result.returncode == 2
        assert needle in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "absent.sqlite").exists()


def test_no_db_given_uses_env_or_explains(tmp_path, articles, capsys, monkeypatch):
    monkeypatch.delenv("RASD_DB", raising=False)
    assert main(["ingest", str(articles)]) == 2
    assert "pass --db FILE" in capsys.readouterr().err
    monkeypatch.setenv("RASD_DB", str(tmp_path / "env.sqlite"))
    assert main(["ingest", str(articles), "--no-progress"]) == 0
    assert (tmp_path / "env.sqlite").exists()
    assert main(["export", "--out", str(tmp_path / "e.csv")]) == 0


def test_bad_option_values(tmp_path, capsys):
    db = build_db(tmp_path / "e.sqlite")
    out = str(tmp_path / "e.csv")
    for argv, needle in (
        (["--year-from", "20x"], "not a year"),
        (["--year-from", "16"], "outside 1900-2100"),
        (["--min-fatalities", "-1"], "must be 0 or more"),
        (["--format", "xlsx"], "invalid choice"),
    ):
        with pytest.raises(SystemExit) as exc:
            main(["export", "--db", str(db), "--out", out, *argv])
        assert exc.value.code == 2
        assert needle in capsys.readouterr().err
    assert main(["export", "--db", str(db), "--out", out, "--year-from", "2019", "--year-to", "2016"]) == 2
    assert "after --year-to" in capsys.readouterr().err
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "no" / "dir" / "e.csv")]) == 2
    assert "output folder does not exist" in capsys.readouterr().err
    assert main(["ingest", str(tmp_path), "--db", str(db), "--max-bytes", "lots"]) == 2
    assert "cannot read the size" in capsys.readouterr().err
    assert main(["ingest", str(tmp_path), "--db", str(db), "--workers", "0"]) == 2


def test_export_filters_and_formats_from_the_cli(tmp_path, capsys):
    db = build_db(tmp_path / "e.sqlite")
    out = tmp_path / "isis.csv"
    assert main(["export", "--db", str(db), "--out", str(out), "--group", "ISIS", "--year-from", "2017"]) == 0
    assert "wrote 1 event(s)" in capsys.readouterr().out
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["sources"] for r in rows] == ["b"]
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "all.gpkg")]) == 0  # format from the suffix
    message = capsys.readouterr().out
    assert "(gpkg)" in message and "1 event(s) without coordinates left out" in message
    assert main(["export", "--db", str(db), "--out", "-", "--format", "geojson", "--event-type", "Battles",
                 "--actor", "LNA", "--min-fatalities", "0"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["features"] == []  # the Battles event has no coordinates
    assert "1 event(s) without coordinates" in captured.err


def test_quarantine_only_run_still_exits_0(tmp_path, capsys):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    assert main(["ingest", str(folder), "--db", str(tmp_path / "q.sqlite"), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "quarantined: 1" in out and "empty" in out and "note: 1 input(s) quarantined" in out


def test_help_documents_exit_codes_and_examples():
    for command in ("ingest", "export"):
        result = run_cli(command, "--help")
        assert result.returncode == 0
        assert "exit codes:" in result.stdout and "examples:" in result.stdout and "RASD_DB" in result.stdout


def test_max_bytes_from_option_and_environment(tmp_path, articles, capsys, monkeypatch):
    db = str(tmp_path / "m.sqlite")
    monkeypatch.setenv("RASD_MAX_BYTES", "10")
    assert main(["ingest", str(articles), "--db", db, "--no-progress"]) == 0
    assert "too_large 2" in capsys.readouterr().out  # broken.json is smaller than 10 bytes
    assert main(["ingest", str(articles), "--db", db, "--no-progress", "--max-bytes", "1M"]) == 0
    out = capsys.readouterr().out
    assert "new: 2" in out and "too_large" not in out
