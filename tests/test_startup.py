"""Start-up: the CLI setting up only the command it runs, the fuzzy cue finder's set-up rule, and
ingest leaving the garbage collector as it found it."""
from __future__ import annotations

import gc
import io
from contextlib import redirect_stdout

import pytest

from gazetteer.core import default_gazetteer
from gazetteer.fuzzy import _CueFinder
from pipeline.cli import COMMAND_MODULES, build_parser
from pipeline.ingest import ingest


def test_cue_finder_keeps_the_cues_no_other_cue_ends():
    gz = default_gazetteer()
    cues = {w for w in gz.fuzzy_cue_words if w}
    finder = _CueFinder(gz.fuzzy_cue_words, gz.fuzzy.capitals)
    expected = {c for c in cues if not any(c.endswith(o) and o != c for o in cues)}  # the rule, spelled out
    assert set(finder._cue_ends.keys()) == expected
    assert len(expected) < len(cues)  # (some cues do end others: the rule is exercised)


# --------------------------------------------------------------------------- CLI

def _help(parser, command):
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit):
        parser.parse_args([command, "--help"])
    return out.getvalue()


@pytest.mark.parametrize("module", COMMAND_MODULES)
def test_cli_sets_up_only_the_command_it_runs_with_the_same_options(module):
    command = module.rsplit(".", 1)[1]
    alone = build_parser(command)
    assert list(alone._subparsers._group_actions[0].choices) == [command]
    assert _help(alone, command) == _help(build_parser(), command)


def test_cli_with_no_or_unknown_command_sets_up_all():
    every = [m.rsplit(".", 1)[1] for m in COMMAND_MODULES]
    for first in (None, "--help", "no-such-command", "--version"):
        assert list(build_parser(first)._subparsers._group_actions[0].choices) == every


# --------------------------------------------------------------------------- ingest and the collector

def test_ingest_leaves_the_collector_as_it_found_it(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(f"published: 2019-05-0{i + 1}\nStrike {i}\n\nAircraft hit a camp near Ubari, killing {i + 2}.\n")
    assert gc.get_freeze_count() == 0
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            summary = ingest([folder], tmp_path / f"db-{enabled}.sqlite")
            assert summary.new == 3 and summary.events >= 1
            assert gc.isenabled() is enabled and gc.get_freeze_count() == 0
        finally:
            gc.enable()
