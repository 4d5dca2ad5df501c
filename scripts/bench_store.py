#!/usr/bin/env python
"""Time the store's read API (what the dashboard loads) on a big database.

    python scripts/make_test_db.py --out /tmp/test-100k.sqlite     # once, ~1 minute
    python scripts/bench_store.py /tmp/test-100k.sqlite [--repeat 3]

Prints, for each loader, the rows returned, the first call's wall time (a fresh process, as after a
dashboard restart), and the best and median over --repeat runs (each run opens the database afresh,
as a dashboard cache miss after an ingest does). The machine's other load shows up in these numbers:
compare runs made back to back.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from pipeline import store

LOADERS = (
    ("load_events_frame", store.load_events_frame),
    ("load_articles_frame", store.load_articles_frame),
    ("load_place_mentions_frame", store.load_place_mentions_frame),
    ("load_quarantine_frame", store.load_quarantine_frame),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", help="database to read (make one with scripts/make_test_db.py)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per loader (default 3)")
    args = parser.parse_args(argv)
    if not Path(args.db).exists():
        print(f"no database at {args.db}; make one with scripts/make_test_db.py --out {args.db}", file=sys.stderr)
        return 2
    print(f"{'loader':28} {'rows':>9} {'first s':>8} {'best s':>8} {'median s':>9}")
    for name, load in LOADERS:
        times, rows = [], 0
        for _ in range(max(1, args.repeat)):
            started = time.perf_counter()
            frame = load(args.db)
            times.append(time.perf_counter() - started)
            rows = len(frame)
            del frame  # free it outside the timed part, not while the next frame is loading
        print(f"{name:28} {rows:>9,} {times[0]:>8.2f} {min(times):>8.2f} {statistics.median(times):>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
