"""Counts per month or year, stacked by group or event type, and the Altair charts drawn from them.

Only events whose date is precise enough for the period are counted in it: a month chart uses events
dated to the day, week or month; a year-only date counts in the year chart but not the month chart;
undated events are counted apart (the page says how many were left out, never guesses a date).
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from pipeline.ui.mapview import OTHER, categories

FREQS = {"month": "Month", "year": "Year"}
MEASURES = {"events": "Events", "fatalities": "Fatalities"}
_MONTHLY_PRECISIONS = {"day", "week", "month"}


def _dated(events: pd.DataFrame, freq: str) -> pd.Series:
    """Period label per event ('2016-03' or '2016'), NA where the date is too coarse or unknown."""
    dates = events["event_date"].astype(object).where(events["event_date"].notna(), "").astype(str)
    if freq == "year":
        label = dates.str[:4]
        return label.where(label.str.fullmatch(r"\d{4}"))
    precision = events["date_precision"].astype(object).where(events["date_precision"].notna(), "").astype(str)
    # A 'YYYY-MM…' date with no recorded precision still names its month.
    fine = precision.isin(_MONTHLY_PRECISIONS) | ((precision == "") & (dates.str.len() >= 7))
    label = dates.str[:7]
    return label.where(fine & label.str.fullmatch(r"\d{4}-\d{2}"))


def period_counts(events: pd.DataFrame, freq: str = "month", stack_by: str = "group",
                  top_n: int = 8) -> pd.DataFrame:
    """Columns: period ('2016-03'), start (Timestamp), stack, events, fatalities. Categories beyond
    the top_n most frequent are summed as 'Other'."""
    columns = ["period", "start", "stack", "events", "fatalities"]
    if events.empty:
        return pd.DataFrame(columns=columns)
    period = _dated(events, freq)
    keep = period.notna()
    if not keep.any():
        return pd.DataFrame(columns=columns)
    cats = categories(events.loc[keep], stack_by)
    leaders = set(cats.value_counts().index[:top_n])
    stack = cats.where(cats.isin(leaders), OTHER)
    frame = pd.DataFrame({
        "period": period[keep],
        "stack": stack,
        "killed": pd.to_numeric(events.loc[keep, "fatalities"], errors="coerce").fillna(0),
    })
    out = (frame.groupby(["period", "stack"], sort=True)
           .agg(events=("killed", "size"), fatalities=("killed", "sum")).reset_index())
    out["fatalities"] = out["fatalities"].astype(int)
    out["start"] = pd.to_datetime(out["period"], format="%Y" if freq == "year" else "%Y-%m")
    return out[columns]


def left_out(events: pd.DataFrame, freq: str) -> int:
    """How many events the chart for `freq` cannot place (undated, or too coarse for months)."""
    if events.empty:
        return 0
    return int(_dated(events, freq).isna().sum())


def stacked_chart(counts: pd.DataFrame, measure: str = "events", freq: str = "month",
                  stack_label: str = "Group", colours: dict[str, str] | None = None) -> alt.Chart:
    """Stacked bars of `measure` per period; colours follow the map's when given."""
    time_unit = "year" if freq == "year" else "yearmonth"
    colour = alt.Color("stack:N", title=stack_label)
    if colours:
        domain = [c for c in colours if c in set(counts["stack"])]
        domain += sorted(set(counts["stack"]) - set(domain))
        scale_range = [colours.get(c, "#7f7f7f") for c in domain]
        colour = alt.Color("stack:N", title=stack_label, scale=alt.Scale(domain=domain, range=scale_range))
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X(f"{time_unit}(start):T", title=FREQS.get(freq, freq)),
            y=alt.Y(f"sum({measure}):Q", title=MEASURES.get(measure, measure)),
            color=colour,
            tooltip=[alt.Tooltip("period:N", title=FREQS.get(freq, freq)), alt.Tooltip("stack:N", title=stack_label),
                     alt.Tooltip("events:Q", title="Events"), alt.Tooltip("fatalities:Q", title="Fatalities")],
        )
        .properties(height=320)
    )


def months_with_events(events: pd.DataFrame) -> list[str]:
    """'YYYY-MM' labels that have at least one event dated that precisely, in order."""
    if events.empty:
        return []
    return sorted(_dated(events, "month").dropna().unique().tolist())


def events_in_month(events: pd.DataFrame, month: str, cumulative: bool = False) -> pd.DataFrame:
    """The events of one month (or, cumulative, of every month up to it) for the playback map."""
    period = _dated(events, "month")
    mask = (period <= month) if cumulative else (period == month)
    return events[mask.fillna(False).astype(bool)]
