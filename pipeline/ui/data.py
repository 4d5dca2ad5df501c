"""Which database the dashboard shows, whether it has anything to show, and cached loading.

The database is $RASD_DB when set, else data/demo.sqlite (built by `python -m pipeline demo build`).
Frames are cached per (path, db_state_token): the token changes with every write, so a new ingest
shows up on the next rerun, while reruns caused by filter changes reuse the loaded frame.
st.cache_resource (not cache_data) keeps ONE shared frame instead of unpickling a copy of 100,000 rows
on every rerun; callers must treat cached frames as read-only (filtering returns new frames).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from pipeline import store
from pipeline.ui.mapview import categories, colour_table


HOW_TO_INGEST = """\
**How to fill it:**

1. Read your articles into a database:
   `python -m pipeline ingest PATH/TO/ARTICLES --db FILE.sqlite` (the `rasd ingest` command)
2. Point the dashboard at it: `RASD_DB=FILE.sqlite streamlit run dashboard.py`

Or build the bundled demo database: `python -m pipeline demo build` (writes `data/demo.sqlite`,
which the dashboard opens when `RASD_DB` is not set).
"""


def db_path() -> Path:
    """$RASD_DB, else the demo database: the same rule as `rasd demo path`, so both always agree."""
    from pipeline.demo import DEFAULT_DEMO_DB

    configured = os.environ.get("RASD_DB", "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_DEMO_DB


@dataclass(frozen=True)
class DbStatus:
    path: Path
    ok: bool
    problem: str = ""      # one friendly sentence when not ok; HOW_TO_INGEST says what to do


def check_db(path: Path, events: pd.DataFrame | None = None) -> DbStatus:
    if not path.exists():
        source = "set by RASD_DB" if os.environ.get("RASD_DB", "").strip() else "the default"
        return DbStatus(path, False, f"There is no database at `{path}` ({source}) yet.")
    if events is not None and events.empty:
        return DbStatus(path, False, f"The database `{path}` has no events yet.")
    return DbStatus(path, True)


def state_token(path: Path) -> str:
    try:
        return store.db_state_token(path)
    except Exception:  # a half-written or foreign file: load errors are shown by the loaders
        return "unreadable"


@st.cache_resource(max_entries=2, show_spinner="Loading events…")
def _events(path: str, token: str) -> pd.DataFrame:
    return store.load_events_frame(path)


@st.cache_resource(max_entries=4, show_spinner=False)
def _colours(path: str, token: str, colour_by: str) -> dict[str, str]:
    return colour_table(categories(_events(path, token), colour_by))


@st.cache_data(max_entries=8, show_spinner=False)
def _articles(path: str, token: str) -> pd.DataFrame:
    return store.load_articles_frame(path)


@st.cache_data(max_entries=8, show_spinner=False)
def _quarantine(path: str, token: str) -> pd.DataFrame:
    return store.load_quarantine_frame(path)


@st.cache_data(max_entries=8, show_spinner=False)
def _mentions(path: str, token: str) -> pd.DataFrame:
    return store.load_place_mentions_frame(path)


@st.cache_data(max_entries=64, show_spinner=False)
def _article(path: str, token: str, article_id: str) -> dict | None:
    return store.load_article(path, article_id)


@st.cache_data(max_entries=64, show_spinner=False)
def _reports(path: str, token: str, event_id: str) -> pd.DataFrame:
    return store.load_event_reports(path, event_id)


def load_events(path: Path) -> pd.DataFrame:
    """Every deduplicated event (read-only, shared between reruns and sessions)."""
    if not path.exists():
        return pd.DataFrame(columns=list(store.EVENT_FRAME_COLUMNS))
    return _events(str(path), state_token(path))


def event_colours(path: Path, colour_by: str) -> dict[str, str]:
    """Category -> colour computed over the whole database, so colours stay put as filters change."""
    return _colours(str(path), state_token(path), colour_by)


def load_articles(path: Path) -> pd.DataFrame:
    return _articles(str(path), state_token(path))


def load_quarantine(path: Path) -> pd.DataFrame:
    return _quarantine(str(path), state_token(path))


def load_mentions(path: Path) -> pd.DataFrame:
    return _mentions(str(path), state_token(path))


def load_article(path: Path, article_id: str) -> dict | None:
    return _article(str(path), state_token(path), article_id)


def load_reports(path: Path, event_id: str) -> pd.DataFrame:
    return _reports(str(path), state_token(path), event_id)
