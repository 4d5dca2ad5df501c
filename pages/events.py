"""Events page: the filtered table; picking an event shows its evidence highlighted in the article text
and every source merged into it."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from pipeline.ui import data
from pipeline.ui.highlight import highlight_html, md_text
from pipeline.ui.mapview import GEO_PRECISION_MEANING, safe_link
from pipeline.ui.sidebar import no_match_note, open_page

TABLE_LIMIT = 5000   # rows sent to the browser; the downloads on the Map page hold every row
TABLE_COLUMNS = ["event_date", "date_precision", "sub_event_type", "actor1", "actor2", "location", "admin1",
                 "fatalities", "geo_precision", "evidence", "event_id"]

page = open_page("Events", "📋")
st.title("Events")

if page.selection.empty:
    no_match_note(page.flt)
    st.stop()

ordered = page.selection.sort_values(["event_date", "event_id"], ascending=False, na_position="last")
shown = ordered.head(TABLE_LIMIT)
if len(ordered) > TABLE_LIMIT:
    st.caption(f"Showing the {TABLE_LIMIT:,} most recent of {len(ordered):,} events. Narrow the filters, or "
               "download them all from the Map page.")
else:
    st.caption(f"{len(ordered):,} events. Click a column to sort; use the table's search (magnifier) to find text; "
               "select a row to read its evidence.")

table = st.dataframe(
    shown[TABLE_COLUMNS], hide_index=True, width="stretch", height=380, key="ev_table",
    on_select="rerun", selection_mode="single-row",
    column_config={
        "event_date": st.column_config.TextColumn("Date"),
        "date_precision": st.column_config.TextColumn("Date precision"),
        "sub_event_type": st.column_config.TextColumn("Type"),
        "actor1": st.column_config.TextColumn("Actor"),
        "actor2": st.column_config.TextColumn("Target"),
        "location": st.column_config.TextColumn("Place"),
        "admin1": st.column_config.TextColumn("District"),
        "fatalities": st.column_config.NumberColumn("Killed", format="%d"),
        "geo_precision": st.column_config.NumberColumn("Geo precision", format="%d"),
        "evidence": st.column_config.TextColumn("Evidence", width="large"),
        "event_id": st.column_config.TextColumn("Event id"),
    },
)

ids = shown["event_id"].tolist()
rows = table.selection.rows if table is not None and hasattr(table, "selection") else []
if rows:
    st.session_state["ev_pick"] = ids[rows[0]]
elif st.session_state.get("ev_pick") not in ids:
    st.session_state["ev_pick"] = ids[0]
labels = {r.event_id: f"{r.event_date or 'undated'} · {r.location or 'unknown place'} · {r.sub_event_type} · {r.event_id}"
          for r in shown[["event_id", "event_date", "location", "sub_event_type"]].itertuples()}
event_id = st.selectbox("Event", ids, format_func=lambda i: labels.get(i, i), key="ev_pick")
event = shown.loc[shown["event_id"] == event_id].iloc[0]

st.subheader(f"{md_text(event['sub_event_type'])} · {md_text(event['event_date'] or 'undated')}")
gp = None if pd.isna(event["geo_precision"]) else int(event["geo_precision"])
killed = None if pd.isna(event["fatalities"]) else int(event["fatalities"])
facts = [
    ("Date", f"{md_text(event['event_date'] or 'unknown')} ({md_text(event['date_precision'] or 'unknown')} precision)"),
    ("Place", f"{md_text(event['location'] or 'unknown')}, {md_text(event['admin1'] or '')} "
              f"(geo precision {gp or '?'}: {GEO_PRECISION_MEANING.get(gp, 'unknown')})"),
    ("Actors", (md_text(event["actor1"]) or "unknown actor")
               + (f" with {md_text(event['assoc_actor_1'])}" if md_text(event["assoc_actor_1"]) else "")
               + (f" against {md_text(event['actor2'])}" if md_text(event["actor2"]) else "")),
    ("Fatalities", str(killed) if killed is not None else "not reported"),
    ("Notes", md_text(event["notes"])),
]
st.markdown("  \n".join(f"**{k}:** {v}" for k, v in facts), unsafe_allow_html=True)

reports = data.load_reports(page.path, event_id)
st.markdown(f"**Sources ({len(reports)}):**")
if reports.empty:
    st.info("This event has no stored source reports.")
for n, report in enumerate(reports.itertuples(index=False), start=1):
    title = md_text(report.title or report.article_id)
    with st.expander(f"Source {n}: {title}", expanded=(n == 1)):
        url = report.url or ""
        link = safe_link(url, url) if url.lower().startswith(("http://", "https://")) else md_text(url or "no URL")
        st.markdown(f"**{title}** · {md_text(report.language or '?')} · published "
                    f"{md_text(report.published or 'unknown')} · {link}", unsafe_allow_html=True)
        article = data.load_article(page.path, report.article_id)
        if article is None:
            st.warning("The article text is not in the database.")
            continue
        st.markdown(highlight_html(article.get("full_text") or "", report.evidence or "", report.evidence_start,
                                   report.evidence_end), unsafe_allow_html=True)
