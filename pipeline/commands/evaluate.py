"""`rasd evaluate --gold DIR --articles DIR`: run the pipeline on annotated articles and score it."""
from __future__ import annotations

import argparse
import json
import os

from pipeline.errors import UserError

DESCRIPTION = """\
Measure Rasd on your own annotated articles: the articles are ingested into a temporary database
(or --db), their events deduplicated and exported, and compared with gold events (one JSON file
per article: {"article_id": ..., "events": [{"role": "primary|background|optional",
"event_date": "YYYY-MM-DD|YYYY-MM|YYYY|null", "date_precision": "day|month|year|null",
"target_group": "ISIS", "lat": 31.2, "lon": 16.58, "geo_precision": "exact|near|region",
"relative": null, "fatalities": 17, "fatalities_accept": [17]}]}).

Scores: precision, recall (all and primary events), F1, date accuracy (and fabricated dates:
a date where the gold says the article does not tell), fatalities and group accuracy, event
accuracy (found with date, fatalities and group all right), and how far primary events were
placed (median km, share within 25 and 161 km)."""

EPILOG = """\
examples:
  rasd evaluate --gold gold/ --articles articles/
  rasd evaluate --gold gold/ --gold more-gold/ --articles a/ --articles b/ -v
  rasd evaluate --gold gold/ --articles articles/ --json scores.json --db eval.sqlite

exit codes: 0 scored; 2 usage error (missing folder, no gold files)
"""


def register(subparsers) -> None:
    p = subparsers.add_parser("evaluate", help="score the pipeline on annotated articles (gold JSON)",
                              description=DESCRIPTION, epilog=EPILOG,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--gold", action="append", required=True, metavar="DIR",
                   help="folder of gold JSON files, one per article (repeatable)")
    p.add_argument("--articles", action="append", required=True, metavar="PATH",
                   help="article files or folders to run the pipeline on (repeatable)")
    p.add_argument("--db", help="keep the database here instead of a temporary one")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="processes for ingest (default 1)")
    p.add_argument("--json", metavar="FILE", help="also write the scores as JSON")
    p.add_argument("-v", "--verbose", action="store_true", help="per-article detail: every gold event matched or missed")
    p.set_defaults(func=run)


def run(args) -> int:
    from pipeline.evaluate import evaluate, format_scores, load_gold

    for d in args.gold:
        if not os.path.isdir(d):
            raise UserError(f"gold folder not found: {d}")
    missing = [p for p in args.articles if not os.path.exists(p)]
    if missing:
        raise UserError("articles path not found: " + ", ".join(missing))
    if args.workers < 1:
        raise UserError(f"--workers must be 1 or more, got {args.workers}")
    if not load_gold(args.gold):
        raise UserError("no gold files (*.json) found in: " + ", ".join(args.gold))
    result, details, n_events = evaluate(args.gold, args.articles, db_path=args.db, workers=args.workers)
    print(format_scores(result, details if args.verbose else None))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1)
    return 0
