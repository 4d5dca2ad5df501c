"""One real-browser test: Debian chromium (driven by Playwright, no browser download) against
`streamlit run dashboard.py` on a database this test builds.

The map shows markers for every selected event, moving the year slider changes them, the CSV
download holds exactly the filtered rows (byte for byte what `rasd export` writes), and an event whose
text carries <script>/<img onerror> shows that text in its popup without running it.
"""
from __future__ import annotations

import csv
import io
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from pipeline.filters import EventFilter, apply_filters
from pipeline.store import load_events_frame
from pipeline.ui.downloads import csv_bytes
from pipeline.ui.serve import CHROMIUM_ARGS, MAP_FRAME, chromium_path, dashboard_server, map_event_count
from tests.testdb_support import build_test_db

pytestmark = pytest.mark.browser
WAIT_MS = 60_000  # (generous: the first run of a page on a loaded 2-core machine can take half a minute)


def _poll(condition, timeout_s: float = 60.0, what: str = "condition"):
    """Wait until condition() is truthy (re-checked every 200 ms); returns its value."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "events.sqlite"
    build_test_db(path, 400, seed=5, hostile=True)
    return path


def test_map_markers_year_filter_and_csv_download(db, tmp_path):
    chromium = chromium_path()
    if chromium is None:
        pytest.skip("Debian chromium is not installed (apt-get install chromium); dev.sh test installs it")
    from playwright.sync_api import sync_playwright

    events = load_events_frame(db)
    dialogs: list[str] = []
    with dashboard_server(db, log_path=tmp_path / "streamlit.log") as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            page.set_default_timeout(WAIT_MS)
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(url)

            # 1. The map shows every event of the database.
            page.frame_locator(MAP_FRAME).locator(".rasd-cluster, path.rasd-marker").first.wait_for()
            located = int(events["latitude"].notna().sum())
            _poll(lambda: map_event_count(page) == located, what=f"{located} events on the map")

            # 2. Move the lower year handle: the URL, the KPI and the markers follow.
            thumbs = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"] input[type="range"]')
            thumbs.first.focus()
            for _ in range(4):
                thumbs.first.press("ArrowRight")
            page.wait_for_url(re.compile(r"year_from=\d{4}"))
            _poll(lambda: "year_from" in parse_qs(urlparse(page.url).query)
                  and thumbs.first.input_value() == parse_qs(urlparse(page.url).query)["year_from"][0],
                  what="the slider and the URL to agree")
            year_from = int(parse_qs(urlparse(page.url).query)["year_from"][0])
            flt = EventFilter(year_from=year_from)
            selected = apply_filters(events, flt)
            assert 0 < len(selected) < len(events)
            events_metric = (page.locator('[data-testid="stMetric"]').filter(has_text="Events").first
                             .locator('[data-testid="stMetricValue"]'))
            _poll(lambda: events_metric.inner_text().strip() == f"{len(selected):,}",
                  what=f"the Events figure to read {len(selected):,}")
            expected_on_map = int(selected["latitude"].notna().sum())
            _poll(lambda: map_event_count(page) == expected_on_map, what=f"{expected_on_map} events on the map")

            # 3. The CSV download holds the filtered rows, exactly as the CLI export would.
            with page.expect_download() as info:
                page.get_by_role("button", name="Download CSV").click()
            download = info.value
            assert download.suggested_filename == f"{flt.describe()}.csv"
            content = Path(download.path()).read_bytes()
            rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
            assert {r["event_id"] for r in rows} == set(selected["event_id"])
            assert all(int(r["year"]) >= year_from for r in rows)
            assert content == csv_bytes(selected)

            # 4. Hostile text: search for it, open its popup, read it as text; nothing runs.
            search = page.get_by_label("Search evidence, notes and places")
            search.fill("onerror")
            search.press("Enter")
            _poll(lambda: events_metric.inner_text().strip() == "1", what="one event")
            marker = page.frame_locator(MAP_FRAME).locator("path.rasd-marker")
            _poll(lambda: map_event_count(page) == 1 and marker.count() == 1, what="the single marker")
            marker.first.click(force=True)
            popup = page.frame_locator(MAP_FRAME).locator(".rasd-popup")
            popup.wait_for()
            text = popup.inner_text()
            assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
            assert popup.locator("script, img").count() == 0
            assert dialogs == []

            # 5. The navigation names every page; the filter follows the analyst to the Events page.
            nav = page.locator('[data-testid="stSidebarNav"]')
            for label in ("Map", "Timeline", "Events", "Articles & data quality"):
                assert nav.get_by_text(label, exact=True).count() == 1, label
            nav.get_by_text("Events", exact=True).click()
            page.wait_for_url(re.compile(r"/Events\?"))
            page.get_by_text("1 events.", exact=False).first.wait_for()
            assert "onerror" in parse_qs(urlparse(page.url).query).get("text", [""])[0]
            assert dialogs == []
        finally:
            browser.close()
