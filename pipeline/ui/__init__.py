"""Dashboard logic that is not UI: data loading and caching, filter state, map and chart building,
evidence highlighting and downloads. The Streamlit pages (dashboard.py, pages/) only lay these out."""
