#!/usr/bin/env python
"""Take a PNG screenshot of the dashboard's Map page (for the README).

    python scripts/screenshot.py                       # data/demo.sqlite (or $RASD_DB) -> docs/screenshot.png
    python scripts/screenshot.py --db events.sqlite --out /tmp/map.png --query "year_from=2016&groups=ISIS"

Starts `streamlit run dashboard.py` on the database, opens it in Debian's chromium through Playwright
(no browser download), waits until the map has drawn its markers, and saves the page.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from pipeline.ui.serve import CHROMIUM_ARGS, MAP_FRAME, REPO_ROOT, chromium_path, dashboard_server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=os.environ.get("RASD_DB") or str(REPO_ROOT / "data" / "demo.sqlite"),
                        help="database to show (default: $RASD_DB, else data/demo.sqlite)")
    parser.add_argument("--out", default=str(REPO_ROOT / "docs" / "screenshot.png"), help="PNG file to write")
    parser.add_argument("--query", default="", help="URL query string with filters, e.g. 'year_from=2016'")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    args = parser.parse_args(argv)

    if not Path(args.db).exists():
        print(f"no database at {args.db}: build the demo with `python -m pipeline demo build` or pass --db",
              file=sys.stderr)
        return 2
    chromium = chromium_path()
    if chromium is None:
        print("chromium not found: apt-get install chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    log = Path(tempfile.gettempdir()) / "rasd-screenshot-streamlit.log"
    with dashboard_server(args.db, log_path=log) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.goto(f"{url}/?{args.query}" if args.query else url)
            page.frame_locator(MAP_FRAME).locator(".rasd-cluster, path.rasd-marker").first.wait_for(timeout=60_000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)   # let marker-cluster animations settle before the picture
            page.screenshot(path=str(out))
        finally:
            browser.close()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
