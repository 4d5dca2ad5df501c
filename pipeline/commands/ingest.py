"""`rasd ingest PATH... --db FILE`: read articles into the database."""
from __future__ import annotations

import argparse
import os

from pipeline.config import DB_ENV, MAX_BYTES_ENV, resolve_db, resolve_max_bytes
from pipeline.errors import UserError

DESCRIPTION = """\
Read news articles into the Rasd database: every file named, and every supported file under each
folder named (recursively). Formats: .txt/.md (first non-empty line is the headline; optional
front matter with published:, url:, language:, id:), article JSON / JSON Lines (keys id, url,
language, title, published, text), news-please JSON (title, maintext, date_publish, url, language),
and .html pages (main text extracted with trafilatura). Encoding (UTF-8, UTF-8 BOM, UTF-16,
windows-1256) and language are detected.

Safe to rerun: an article already stored with the same content is skipped, a changed article
replaces its own events, and an interrupted run (Ctrl-C, crash) keeps everything committed so far;
rerun the same command to finish. Files that cannot be read (empty, binary, undecodable, malformed
JSON, too large, no text) are listed in the summary and kept in the quarantine table; they never
stop the run."""

EPILOG = f"""\
examples:
  rasd ingest articles/ --db events.sqlite
  rasd ingest news.jsonl extra/story.html --db events.sqlite --workers 4
  {DB_ENV}=events.sqlite rasd ingest articles/

exit codes:
  0  done (also when some files were quarantined: the summary lists them)
  2  usage error (no --db, a path that does not exist, a bad option value)
  130 interrupted (committed work is kept; rerun to finish)

environment:
  {DB_ENV}          database file used when --db is not given
  {MAX_BYTES_ENV}   largest input file read when --max-bytes is not given (default 20M)
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "ingest", help="read article files/folders into the database",
        description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (read recursively)")
    p.add_argument("--db", help=f"SQLite database file, created when missing (default: ${DB_ENV})")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="processes reading and extracting in parallel (default 1; try the number of cores)")
    p.add_argument("--max-bytes", metavar="SIZE",
                   help=f"skip (quarantine) files larger than this, e.g. 5M (default: ${MAX_BYTES_ENV} or 20M)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args) -> int:
    from pipeline.ingest import format_summary, ingest
    from pipeline.store import open_store

    db = resolve_db(args.db)
    max_bytes = resolve_max_bytes(args.max_bytes)
    if args.workers < 1:
        raise UserError(f"--workers must be 1 or more, got {args.workers}")
    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        raise UserError("path not found: " + ", ".join(missing))
    summary = ingest(args.paths, db, workers=args.workers, max_bytes=max_bytes,
                     progress=False if args.no_progress else None)
    with open_store(db) as store:
        totals = store.counts()
    print(format_summary(summary, totals))
    if summary.files == 0:
        print("note: no supported files found (.txt .md .json .jsonl .ndjson .html .htm)")
    elif summary.quarantined:
        print(f"note: {summary.quarantined} input(s) quarantined and skipped; the rest was stored.")
    return 0
