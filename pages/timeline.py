"""Timeline page: events and fatalities per month or year, stacked by group or type, and a month-by-month map."""
from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from pipeline.ui import data
from pipeline.ui.mapview import COLOUR_BY_LABELS, MapOptions, build_map
from pipeline.ui.sidebar import no_match_note, open_page
from pipeline.ui.timeline import (FREQS, MEASURES, events_in_month, left_out, months_with_events, period_counts,
                                  stacked_chart)

page = open_page("Timeline", "📈")
st.title("Timeline")

if page.selection.empty:
    no_match_note(page.flt)
    st.stop()

opts = st.columns(3)
freq = opts[0].radio("Per", list(FREQS), format_func=FREQS.get, horizontal=True, key="tl_freq")
measure = opts[1].radio("Count", list(MEASURES), format_func=MEASURES.get, horizontal=True, key="tl_measure")
stack_by = opts[2].selectbox("Stack by", list(COLOUR_BY_LABELS), format_func=COLOUR_BY_LABELS.get, key="tl_stack")

counts = period_counts(page.selection, freq=freq, stack_by=stack_by)
missing = left_out(page.selection, freq)
total = len(page.selection)
st.caption(f"{total - missing:,} of {total:,} selected events are dated precisely enough for a {freq} chart"
           + (f"; {missing:,} (undated{' or dated only to the year' if freq == 'month' else ''}) are left out."
              if missing else "."))
if counts.empty:
    st.info(f"None of the selected events has a date precise enough for a {freq} chart. Try **Per: Year**.")
else:
    colours = data.event_colours(page.path, stack_by)
    st.altair_chart(stacked_chart(counts, measure, freq, COLOUR_BY_LABELS[stack_by], colours), width="stretch")

st.subheader("Month by month")
months = months_with_events(page.selection)
if not months:
    st.info("No selected event is dated to the month, week or day, so there is nothing to step through.")
    st.stop()

if "tl_month" not in st.session_state or st.session_state["tl_month"] not in months:
    st.session_state["tl_month"] = months[-1]


def _step(delta: int) -> None:
    at = months.index(st.session_state["tl_month"])
    st.session_state["tl_month"] = months[max(0, min(len(months) - 1, at + delta))]


nav = st.columns([1.6, 7, 1.6])
nav[0].button("◀ Previous", on_click=_step, args=(-1,), key="tl_prev", width="stretch")
nav[2].button("Next ▶", on_click=_step, args=(1,), key="tl_next", width="stretch")
if len(months) > 1:
    nav[1].select_slider("Month", options=months, key="tl_month", label_visibility="collapsed")
else:
    nav[1].caption(f"Only one month has events: {months[0]}")
cumulative = st.toggle("Include every earlier month too", key="tl_cumulative")
month = st.session_state["tl_month"]
shown = events_in_month(page.selection, month, cumulative=cumulative)
killed = int(shown["fatalities"].fillna(0).sum()) if len(shown) else 0
st.markdown(f"**{month}{' and before' if cumulative else ''}:** {len(shown):,} events, {killed:,} fatalities")
fmap = build_map(shown, MapOptions(colour_by=stack_by), colours=data.event_colours(page.path, stack_by))
st_folium(fmap, returned_objects=[], height=480, use_container_width=True, key="tl_map")
