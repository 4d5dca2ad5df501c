"""Rasd dashboard: `streamlit run dashboard.py` (or `bash dev.sh dashboard`).

The router: it declares the pages (in pages/) with the labels and addresses the navigation shows,
and runs the one the visitor asked for. Shows the database named by $RASD_DB, else data/demo.sqlite.
Pages hold UI only: loading, filtering, map building and downloads live in pipeline.ui and
pipeline.filters.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).resolve().parent / "pages"

# url_path keeps the addresses of the earlier pages/ layout, so shared links still open the same page.
navigation = st.navigation([
    st.Page(PAGES / "map.py", title="Map", default=True),
    st.Page(PAGES / "timeline.py", title="Timeline", url_path="Timeline"),
    st.Page(PAGES / "events.py", title="Events", url_path="Events"),
    st.Page(PAGES / "data_quality.py", title="Articles & data quality",
            url_path="Articles_and_data_quality"),
])
navigation.run()
