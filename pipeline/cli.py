"""`python -m pipeline` (also the `rasd` command): one CLI with a subcommand per task.

Each subcommand lives in its own module under pipeline/commands/ and exposes
`register(subparsers)`; it sets `func(args) -> int` on its parser. User mistakes raise
`UserError`, which is printed as one clear line (no traceback) with exit code 2.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from pipeline.errors import UserError

# Order here is the order shown by --help.
COMMAND_MODULES = (
    "pipeline.commands.ingest",
    "pipeline.commands.export",
    "pipeline.commands.toponyms",
    "pipeline.commands.gazetteer",
    "pipeline.commands.evaluate",
    "pipeline.commands.demo",
)

EPILOG = """\
examples:
  rasd ingest articles/ --db events.sqlite        read every article under articles/ into the database
  rasd export --db events.sqlite --out events.csv --year-from 2016 --group ISIS
  rasd export --db events.sqlite --out events.geojson --format geojson
  rasd toponyms articles/ --out places.csv        list every place each article names
  rasd gazetteer lookup "Awbari"                  show gazetteer candidates for a name
  rasd evaluate --gold gold/ --articles articles/ score the pipeline on your own annotated articles

The database defaults to $RASD_DB when set. Run 'rasd COMMAND --help' for each command's options.
"""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The CLI's parser. With `command` (the subcommand about to run), only that command is set up:
    importing and registering all of them costs ~6 ms of every start, and the others cannot be used
    in that run anyway. `--help` and unknown commands see them all."""
    parser = argparse.ArgumentParser(
        prog="rasd",
        description="Rasd: turn news articles about armed conflict in Libya (Arabic and English) "
                    "into geocoded event rows, stored in SQLite and exported as CSV, GeoJSON or GeoPackage.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from pipeline import __version__
    parser.add_argument("--version", action="version", version=f"rasd {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = COMMAND_MODULES
    if command is not None and f"pipeline.commands.{command}" in COMMAND_MODULES:
        modules = (f"pipeline.commands.{command}",)  # each module registers the command of its own name
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # command not written yet; the rest of the CLI still works
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv[0] if argv else None)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"rasd {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted: work committed so far is kept; rerun the same command to finish.", file=sys.stderr)
        return 130
