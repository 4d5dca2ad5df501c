"""The parts every page shares: opening the database, the filter sidebar, the 'nothing to show' notes.

Filter state: the session's canonical EventFilter lives in st.session_state[FILTER_KEY] (so it
survives switching pages) and in the URL query parameters (so a view can be shared by link). On a
session's first run it is read from the URL. A widget's own state does not survive a page switch
(each page has its own widgets), so every run sets each widget's value from the canonical filter,
and every widget's on_change callback (which runs before the script) copies the widgets back into
the canonical filter first. The filter is then written back to the URL.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from pipeline.filters import EventFilter, apply_filters, from_query_params, to_query_params
from pipeline.ui import data
from pipeline.ui.state import (
    GEO_PRECISION_LABELS, K_ACTORS, K_DATE_FROM, K_DATE_PREC, K_DATE_TO, K_GEO, K_GROUPS, K_LANGS,
    K_MIN_KILLED, K_SOURCES, K_TEXT, K_TYPES, K_YEARS, WIDGET_KEYS, FilterChoices, filter_choices,
    filter_from_widgets, sanitize, widget_values,
)

FILTER_KEY = "rasd_filter"


@dataclass
class PageData:
    """What a page works with: the database, all its events, the filter and the filtered selection."""

    path: data.Path
    events: pd.DataFrame
    flt: EventFilter
    selection: pd.DataFrame


@st.cache_resource(max_entries=4, show_spinner=False)
def _choices(path: str, token: str) -> FilterChoices:
    return filter_choices(data.load_events(data.Path(path)))


def open_page(title: str, icon: str = "🗺️") -> PageData:
    """Page config, database check, sidebar filters; stops the page with a friendly note when the
    database is missing or empty. Returns the filtered selection."""
    st.set_page_config(page_title=f"Rasd · {title}", page_icon=icon, layout="wide")
    path = data.db_path()
    try:
        events = data.load_events(path)
    except Exception as exc:  # a corrupt or foreign file: say so instead of a traceback
        st.title(title)
        st.error(f"Could not read the database `{path}`: {type(exc).__name__}: {exc}")
        st.markdown(data.HOW_TO_INGEST)
        st.stop()
    status = data.check_db(path, events)
    if not status.ok:
        st.title(title)
        st.warning(status.problem)
        st.markdown(data.HOW_TO_INGEST)
        st.stop()
    flt = filter_sidebar(path)
    selection = apply_filters(events, flt)
    return PageData(path, events, flt, selection)


def _widgets_changed(choices: FilterChoices) -> None:
    """A widget changed: its new value (and the others') becomes the canonical filter."""
    values = {key: st.session_state.get(key) for key in WIDGET_KEYS}
    st.session_state[FILTER_KEY] = filter_from_widgets(values, choices)


def _reset() -> None:
    st.session_state[FILTER_KEY] = EventFilter()
    for key in WIDGET_KEYS:
        st.session_state.pop(key, None)


def filter_sidebar(path) -> EventFilter:
    """Draw the filters in the sidebar and return the EventFilter they show."""
    ss = st.session_state
    choices = _choices(str(path), data.state_token(path))
    if FILTER_KEY not in ss:
        ss[FILTER_KEY] = from_query_params(st.query_params.to_dict())
    flt = sanitize(ss[FILTER_KEY], choices)
    for key, value in widget_values(flt, choices).items():
        ss[key] = value
    changed = {"on_change": _widgets_changed, "args": (choices,)}

    with st.sidebar:
        st.header("Filters")
        if choices.year_min is not None and choices.year_min < choices.year_max:
            st.slider("Years", min_value=choices.year_min, max_value=choices.year_max, key=K_YEARS, **changed)
        elif choices.year_min is not None:
            st.caption(f"All dated events are from {choices.year_min}.")
        st.multiselect("Groups", choices.groups, key=K_GROUPS, **changed,
                       help="Events where the group acted (actor1), joined (assoc_actor_1) or was the target (actor2).")
        st.multiselect("Event types", choices.event_types, key=K_TYPES, **changed,
                       help="An event type (e.g. Battles) or a sub-event type (e.g. Air/drone strike).")
        st.number_input("Minimum fatalities", min_value=0, step=1, key=K_MIN_KILLED, **changed)
        st.text_input("Search evidence, notes and places", key=K_TEXT, placeholder="e.g. airport", **changed)
        with st.expander("More filters"):
            st.date_input("From date", key=K_DATE_FROM, format="YYYY-MM-DD", **changed)
            st.date_input("To date", key=K_DATE_TO, format="YYYY-MM-DD", **changed)
            st.multiselect("Actors (who acted)", choices.actors, key=K_ACTORS, **changed)
            st.multiselect("Geo precision", list(choices.geo_precisions), key=K_GEO, **changed,
                           format_func=lambda p: GEO_PRECISION_LABELS.get(p, str(p)))
            st.multiselect("Date precision", list(choices.date_precisions), key=K_DATE_PREC, **changed)
            st.multiselect("Article language", choices.languages, key=K_LANGS, **changed)
            st.text_input("Source article ids (comma-separated)", key=K_SOURCES, **changed)
        st.button("Reset filters", on_click=_reset, width="stretch")

    flt = filter_from_widgets({key: ss.get(key) for key in WIDGET_KEYS}, choices)
    ss[FILTER_KEY] = flt
    params = to_query_params(flt)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    n = len(data.load_events(path))
    st.sidebar.caption(f"Database: `{path}` · {n:,} events")
    return flt


def no_match_note(flt: EventFilter) -> None:
    st.info("No events match these filters. Widen the year range, clear a group or event type, or press "
            "**Reset filters** in the sidebar.")
