#!/usr/bin/env python
"""Time the dashboard's filter -> map path on a big database (make one with scripts/make_test_db.py).

    python scripts/bench_dashboard.py data/test-100k.sqlite

Prints: loading the events frame (once per database change, then cached), and for a series of filter
changes the time to filter, build the folium map and serialise it the way streamlit-folium does, plus
the size of what is sent to the browser; then full Map-page reruns through Streamlit's AppTest.
"""
from __future__ import annotations

import os
import statistics
import sys
import time

from pipeline.filters import EventFilter, apply_filters
from pipeline.store import load_events_frame
from pipeline.ui.mapview import MapOptions, build_map, categories, colour_table


def _st_folium_payload(m) -> int:
    """What st_folium computes from a map on every rerun (its private helpers), returned as a size."""
    import streamlit_folium as sf

    m.get_root().render()
    html, header = sf._get_html(m), sf._get_header(m)
    script = sf._get_map_string(m)
    return len(html) + len(header) + len(script)


def main(argv: list[str]) -> int:
    db = argv[0] if argv else "data/test-100k.sqlite"
    started = time.perf_counter()
    events = load_events_frame(db)
    print(f"load_events_frame: {len(events):,} events in {time.perf_counter() - started:.2f} s (cached afterwards)")
    colours = colour_table(categories(events, "group"))
    cases = [
        ("no filter (all events)", EventFilter(), MapOptions()),
        ("years 2016-2019", EventFilter(year_from=2016, year_to=2019), MapOptions()),
        ("one group", EventFilter(groups=["Group C"]), MapOptions()),
        ("group + year 2019 + min 5 killed", EventFilter(groups=["Group C"], year_from=2019, year_to=2019,
                                                         min_fatalities=5), MapOptions()),
        ("text search 'Misrata'", EventFilter(text="misrata"), MapOptions()),
        ("all, districts view", EventFilter(), MapOptions(view="districts")),
        ("all, heat map on", EventFilter(), MapOptions(heatmap=True)),
        ("year 2020, by event type", EventFilter(year_from=2020, year_to=2020), MapOptions(colour_by="sub_event_type")),
    ]
    print(f"{'case':38} {'rows':>8} {'filter':>8} {'map':>8} {'serialise':>9} {'total':>8} {'payload':>9}")
    for name, flt, opts in cases:
        timings = []
        for _ in range(3):
            t0 = time.perf_counter()
            sel = apply_filters(events, flt)
            t1 = time.perf_counter()
            m = build_map(sel, opts, colours=colours)
            t2 = time.perf_counter()
            size = _st_folium_payload(m)
            t3 = time.perf_counter()
            timings.append((t1 - t0, t2 - t1, t3 - t2, t3 - t0))
        f, b, s, t = (statistics.median(x) for x in zip(*timings))
        print(f"{name:38} {len(sel):>8,} {f:>7.3f}s {b:>7.3f}s {s:>8.3f}s {t:>7.3f}s {size / 1e6:>7.2f}MB")

    # Whole Map page reruns (script time, what a filter change costs on the server).
    from streamlit.testing.v1 import AppTest

    os.environ["RASD_DB"] = db
    here = os.path.dirname(os.path.abspath(__file__))
    at = AppTest.from_file(os.path.join(here, "..", "dashboard.py"), default_timeout=120)
    t0 = time.perf_counter()
    at.run()
    print(f"Map page first run (loads and caches the db): {time.perf_counter() - t0:.2f} s")
    for years in [(2016, 2019), (2012, 2012), (2011, 2024), (2020, 2021)]:
        t0 = time.perf_counter()
        at.sidebar.slider(key="flt_years").set_value(years).run()
        shown = at.metric[0].value
        print(f"Map page rerun, years {years[0]}-{years[1]}: {time.perf_counter() - t0:.2f} s ({shown} events)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
