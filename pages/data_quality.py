"""Articles & data quality page: what was ingested, what was quarantined and why, events the map cannot
place or date, and a place to try an article before adding it to the database."""
from __future__ import annotations

import hashlib
import json
from datetime import date

import pandas as pd
import streamlit as st

from pipeline.ingest import format_summary
from pipeline.records import Article
from pipeline.ui import data, preview
from pipeline.ui.highlight import md_text
from pipeline.ui.sidebar import open_page

page = open_page("Articles & data quality", "🧾")
st.title("Articles & data quality")

articles = data.load_articles(page.path)
quarantine = data.load_quarantine(page.path)
selection = page.selection
lat = pd.to_numeric(selection["latitude"], errors="coerce")
unplaced = selection[lat.isna()]
undated = selection[selection["event_date"].isna() | (selection["event_date"].astype(str) == "")]

cols = st.columns(4)
cols[0].metric("Articles", f"{len(articles):,}")
cols[1].metric("Quarantined inputs", f"{len(quarantine):,}")
cols[2].metric("Selected events without a place", f"{len(unplaced):,}")
cols[3].metric("Selected events without a date", f"{len(undated):,}")

tabs = st.tabs(["Articles", "Quarantined", "Places not found", "Undated events", "Try an article"])

with tabs[0]:
    st.caption("Every article read into the database (all of them: the sidebar filters apply to events).")
    st.dataframe(articles[["title", "language", "published", "n_events", "source_format", "source_path", "url",
                           "ingested_at", "id"]],
                 hide_index=True, width="stretch", height=420,
                 column_config={"title": "Title", "language": "Language", "published": "Published",
                                "n_events": st.column_config.NumberColumn("Events", format="%d"),
                                "source_format": "Format", "source_path": "File", "url": "URL",
                                "ingested_at": "Ingested", "id": "Article id"})

with tabs[1]:
    if quarantine.empty:
        st.success("No input was quarantined: every file could be read.")
    else:
        st.caption("Inputs that could not be read, and why. Fix the file and run `rasd ingest` again.")
        counts = quarantine["reason"].value_counts()
        st.markdown(" · ".join(f"**{md_text(reason)}**: {n:,}" for reason, n in counts.items()))
        st.dataframe(quarantine, hide_index=True, width="stretch")

with tabs[2]:
    if unplaced.empty:
        st.success("Every selected event has coordinates.")
    else:
        st.caption("Selected events whose place the gazetteer did not resolve, grouped by the place as written "
                   "(blank: the article named no place). Adding the name to the gazetteer fixes them on re-ingest.")
        names = unplaced["location"].fillna("").astype(str).replace("", "(no place named)")
        st.dataframe(names.value_counts().rename_axis("place as written").reset_index(name="events"),
                     hide_index=True, width="stretch")

with tabs[3]:
    if undated.empty:
        st.success("Every selected event has a date.")
    else:
        st.caption("Selected events the articles give no date for (Rasd never invents one).")
        st.dataframe(undated[["event_id", "sub_event_type", "location", "actor1", "sources", "evidence"]],
                     hide_index=True, width="stretch")

with tabs[4]:
    st.caption("Paste or upload an article to see the events the pipeline extracts. Nothing is stored until "
               "you press **Add to the database**.")
    source = st.radio("Article from", ["Paste text", "Upload a file"], horizontal=True, key="try_source")
    name, content = "", b""
    if source == "Paste text":
        title = st.text_input("Title", key="try_title")
        published = st.date_input("Published", value=None, key="try_published", format="YYYY-MM-DD")
        text = st.text_area("Article text (Arabic or English)", height=200, key="try_text")
        if text.strip():
            payload = preview.pasted_payload(text, title, published.isoformat() if isinstance(published, date) else "")
            content = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
            name = f"pasted-{hashlib.sha1(content).hexdigest()[:12]}.json"
    else:
        upload = st.file_uploader("Article file (.txt, .md, .json, .jsonl, .html)", key="try_upload",
                                  type=["txt", "md", "json", "jsonl", "html", "htm"])
        if upload is not None:
            name, content = upload.name, upload.getvalue()
    if content:
        items = preview.read_upload(name, content)
        for item in items:
            if not isinstance(item, Article):
                st.error(f"This input cannot be read: {md_text(item.reason)}: {md_text(item.detail)}")
                continue
            events = preview.extract(item)
            st.markdown(f"**{md_text(item.title or item.id)}** · language {md_text(item.language or '?')} · "
                        f"published {md_text(item.published or 'unknown')}: **{len(events)} events** extracted")
            if events:
                st.dataframe(preview.events_frame(events), hide_index=True, width="stretch")
            else:
                st.info("The pipeline found no violent event in this article.")
        if any(isinstance(i, Article) for i in items) and st.button("Add to the database", key="try_add"):
            summary = preview.add_to_database(page.path, name, content)
            st.success(f"Added to the database: {summary.new + summary.changed} article(s), {summary.events} event(s).")
            st.code(format_summary(summary), language=None)
            st.caption("The other pages show the new events on their next refresh.")
