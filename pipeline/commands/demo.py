"""`rasd demo build|path`: the bundled demo database the dashboard opens on first launch."""
from __future__ import annotations

import argparse

from pipeline.config import DB_ENV

DESCRIPTION = """\
The demo: about seventy short news reports (Arabic and English, 2011-2023) in demo/articles/,
written by the project, about strikes and battles in Libya. `rasd demo build` turns them into a
database with the normal ingest (read, extract, geocode, deduplicate, store), once: later runs
reuse it. The dashboard opens the same database."""

EPILOG = f"""\
examples:
  rasd demo build                       build data/demo.sqlite if missing (progress bar), else reuse it
  rasd demo build --force               rebuild it from scratch
  rasd demo build --db /tmp/demo.sqlite build the demo somewhere else
  rasd demo path                        print the database the dashboard will open
  {DB_ENV}=events.sqlite rasd demo path    your own database: the dashboard opens it instead

Which database: --db, else ${DB_ENV}, else data/demo.sqlite in the repository. An existing
database is never rebuilt unless it is a demo database whose articles or extraction code changed
since it was built, or you pass --force (which refuses to delete a database holding other articles).
The corpus and the events each report describes are listed in demo/index.toml.
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "demo", help="build or locate the bundled demo database",
        description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="demo_command", metavar="ACTION")

    b = sub.add_parser("build", help="build the demo database once (later runs reuse it)",
                       description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("--db", help=f"database file (default: ${DB_ENV}, else data/demo.sqlite)")
    b.add_argument("--force", action="store_true", help="rebuild even if the database exists")
    b.add_argument("--no-progress", action="store_true", help="no progress bar")
    b.set_defaults(func=run_build)

    q = sub.add_parser("path", help="print the database the dashboard will open",
                       description="Print the database the dashboard will open: "
                                   f"${DB_ENV} when set, else data/demo.sqlite in the repository.")
    q.add_argument("--db", help="print this instead (as the dashboard would with the same setting)")
    q.set_defaults(func=run_path)

    def _usage(args) -> int:
        p.print_help()
        return 2
    p.set_defaults(func=_usage)


def run_build(args) -> int:
    from pipeline.demo import build_demo_db

    result = build_demo_db(args.db, force=args.force, progress=False if args.no_progress else None)
    if result.built:
        s = result.summary
        print(f"demo database {result.reason}: {result.path}")
        if s is not None:
            print(f"  {s.read} articles read, {s.events} event reports extracted, {s.quarantined} quarantined")
    else:
        print(f"demo database {result.reason}: {result.path}")
        print("  (rasd demo build --force rebuilds it)")
    return 0


def run_path(args) -> int:
    from pipeline.demo import dashboard_db_path

    print(dashboard_db_path(args.db))
    return 0
