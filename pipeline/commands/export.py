"""`rasd export --db FILE --out FILE`: write events as CSV, GeoJSON or GeoPackage."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.config import DB_ENV, resolve_db
from pipeline.errors import UserError

DESCRIPTION = """\
Write the database's events, one row per (deduplicated) event, to a file. The CSV has exactly the
contract columns event_id, event_date, date_precision, year, event_type, sub_event_type, actor1,
assoc_actor_1, actor2, location, admin1, latitude, longitude, geo_precision, fatalities, sources,
source_urls, notes, evidence (UTF-8; cells a spreadsheet would run as a formula are prefixed with ').
GeoJSON and GeoPackage (layer 'events', EPSG:4326; opens in QGIS) hold the events that have
coordinates; the command says how many were left out. Filters are the dashboard's filters."""

EPILOG = f"""\
examples:
  rasd export --db events.sqlite --out events.csv
  rasd export --db events.sqlite --out isis-2016-2019.csv --year-from 2016 --year-to 2019 --group ISIS
  rasd export --db events.sqlite --out strikes.gpkg --event-type "Air/drone strike" --min-fatalities 1
  rasd export --db events.sqlite --out - --format geojson > events.geojson

--group matches actor1, assoc_actor_1 or actor2 (actor2 is the target side); --actor matches who acted
(actor1 or assoc_actor_1); --event-type matches event_type or sub_event_type. Repeat them to allow
several values. Matching ignores case.

exit codes:
  0  written (possibly with zero rows: the command says so)
  2  usage error (no --db, database not found, bad year or option value)

environment:
  {DB_ENV}   database file used when --db is not given
"""


def _year(value: str) -> int:
    try:
        year = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {value!r} (use four digits, e.g. 2016)")
    if not 1900 <= year <= 2100:
        raise argparse.ArgumentTypeError(f"year {year} is outside 1900-2100")
    return year


def _count(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}")
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {n}")
    return n


FORMATS = ("csv", "geojson", "gpkg")  # as pipeline.export.FORMATS; not imported here to keep --help fast


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export", help="write events to CSV, GeoJSON or GeoPackage (with filters)",
        description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", help=f"SQLite database written by 'rasd ingest' (default: ${DB_ENV})")
    p.add_argument("--out", required=True, metavar="FILE", help="output file ('-' for standard output, csv/geojson)")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="csv, geojson or gpkg (default: from the --out suffix, else csv)")
    p.add_argument("--year-from", type=_year, metavar="YEAR", help="events in this year or later")
    p.add_argument("--year-to", type=_year, metavar="YEAR", help="events in this year or earlier")
    p.add_argument("--group", action="append", default=[], metavar="NAME",
                   help="events involving this group on either side (repeatable)")
    p.add_argument("--actor", action="append", default=[], metavar="NAME", help="events this actor carried out (repeatable)")
    p.add_argument("--event-type", action="append", default=[], metavar="TYPE",
                   help="ACLED event type or sub-event type, e.g. Battles or 'Air/drone strike' (repeatable)")
    p.add_argument("--min-fatalities", type=_count, metavar="N", help="events with at least N people killed")
    p.set_defaults(func=run)


def build_filter(args):
    from pipeline.filters import EventFilter

    if args.year_from is not None and args.year_to is not None and args.year_from > args.year_to:
        raise UserError(f"--year-from {args.year_from} is after --year-to {args.year_to}")
    return EventFilter(
        year_from=args.year_from, year_to=args.year_to, groups=list(args.group), actors=list(args.actor),
        event_types=list(args.event_type), min_fatalities=args.min_fatalities,
    )


def run(args) -> int:
    from pipeline.export import export_events, format_for

    db = resolve_db(args.db, must_exist=True)
    flt = build_filter(args)
    fmt = format_for(args.out, args.format)
    if args.out == "-" and fmt == "gpkg":
        raise UserError("a GeoPackage cannot go to standard output: give --out FILE.gpkg")
    if args.out != "-":
        parent = Path(args.out).expanduser().resolve().parent
        if not parent.is_dir():
            raise UserError(f"output folder does not exist: {parent}")
    result = export_events(db, args.out, fmt, flt)
    where = "standard output" if args.out == "-" else args.out
    message = f"wrote {result.rows} event(s) to {where} ({fmt})"
    if not flt.is_empty():
        message += f", filter: {flt.describe()}"
    if result.excluded:
        message += f"; {result.excluded} event(s) without coordinates left out of the {fmt} file"
    # To stderr when the data itself goes to stdout.
    print(message, file=sys.stderr if args.out == "-" else sys.stdout)
    return 0
