"""Event filters: one definition shared by `python -m pipeline export` and every dashboard page.

A filter is a plain dataclass; `apply_filters` applies it to an events DataFrame whose columns are the
export contract (pipeline.records.EXPORT_COLUMNS) plus `languages` (';'-joined article languages).
`to_query_params`/`from_query_params` mirror a filter in URL query parameters so a view can be shared.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

import pandas as pd

GROUP_COLUMNS = ("actor1", "assoc_actor_1", "actor2")


@dataclass
class EventFilter:
    year_from: int | None = None
    year_to: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    groups: list[str] = field(default_factory=list)        # matches actor1, assoc_actor_1 or actor2
    actors: list[str] = field(default_factory=list)        # matches actor1 or assoc_actor_1 (who acted)
    event_types: list[str] = field(default_factory=list)   # matches event_type or sub_event_type
    min_fatalities: int | None = None
    geo_precisions: list[int] = field(default_factory=list)
    date_precisions: list[str] = field(default_factory=list)  # day|week|month|year|unknown
    languages: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)       # article ids
    text: str = ""                                          # free text over evidence, notes, location

    def is_empty(self) -> bool:
        return self == EventFilter()

    def describe(self) -> str:
        """Short slug for file names: 'events_2016-2019_ISIS'."""
        parts = []
        if self.year_from or self.year_to:
            parts.append(f"{self.year_from or ''}-{self.year_to or ''}")
        for values in (self.groups, self.actors, self.event_types):
            if values:
                parts.append("+".join(values))
        if self.min_fatalities:
            parts.append(f"min{self.min_fatalities}killed")
        slug = "_".join(["events", *parts])
        return "".join(c if c.isalnum() or c in "-_+" else "-" for c in slug)[:120]


def _in_any(df: pd.DataFrame, columns: tuple[str, ...], wanted: list[str]) -> pd.Series:
    wanted_lower = {w.lower() for w in wanted}
    mask = pd.Series(False, index=df.index)
    for col in columns:
        if col in df.columns:
            mask |= df[col].fillna("").astype(str).str.lower().isin(wanted_lower)
    return mask


def apply_filters(df: pd.DataFrame, flt: EventFilter) -> pd.DataFrame:
    """Return the rows of `df` that pass `flt` (a view, index preserved)."""
    if df.empty or flt.is_empty():
        return df
    mask = pd.Series(True, index=df.index)
    years = pd.to_numeric(df["year"], errors="coerce")
    if flt.year_from is not None:
        mask &= years >= flt.year_from
    if flt.year_to is not None:
        mask &= years <= flt.year_to
    if flt.date_from is not None or flt.date_to is not None:
        # Compare on the earliest day the event can have been ('2016' -> 2016-01-01), so a
        # coarse date is kept when its period overlaps the range.
        dates = df["event_date"].fillna("").astype(str)
        start = pd.to_datetime(dates.str.pad(10, side="right", fillchar="#")
                               .str.replace("-##-##", "-01-01", regex=False)
                               .str.replace("-##", "-01", regex=False)
                               .str.replace("#", "", regex=False), errors="coerce", format="mixed")
        if flt.date_from is not None:
            end = start + _period_length(df["date_precision"])
            mask &= end > pd.Timestamp(flt.date_from)
        if flt.date_to is not None:
            mask &= start <= pd.Timestamp(flt.date_to)
    if flt.groups:
        mask &= _in_any(df, GROUP_COLUMNS, flt.groups)
    if flt.actors:
        mask &= _in_any(df, ("actor1", "assoc_actor_1"), flt.actors)
    if flt.event_types:
        mask &= _in_any(df, ("event_type", "sub_event_type"), flt.event_types)
    if flt.min_fatalities is not None and flt.min_fatalities > 0:
        mask &= pd.to_numeric(df["fatalities"], errors="coerce").fillna(0) >= flt.min_fatalities
    if flt.geo_precisions:
        mask &= pd.to_numeric(df["geo_precision"], errors="coerce").isin(flt.geo_precisions)
    if flt.date_precisions:
        prec = df["date_precision"].fillna("").astype(str).replace("", "unknown")
        mask &= prec.isin(flt.date_precisions)
    if flt.languages and "languages" in df.columns:
        langs = df["languages"].fillna("").astype(str)
        mask &= langs.apply(lambda s: bool(set(s.split(";")) & set(flt.languages)))
    if flt.sources:
        srcs = df["sources"].fillna("").astype(str)
        mask &= srcs.apply(lambda s: bool(set(s.split(";")) & set(flt.sources)))
    if flt.text.strip():
        needle = flt.text.strip().lower()
        hay = (df["evidence"].fillna("").astype(str) + " " + df["notes"].fillna("").astype(str)
               + " " + df["location"].fillna("").astype(str)).str.lower()
        mask &= hay.str.contains(needle, regex=False)
    return df[mask]


def _period_length(precisions: pd.Series) -> pd.Series:
    days = precisions.fillna("").map({"day": 1, "week": 7, "month": 31, "year": 366}).fillna(1)
    return pd.to_timedelta(days, unit="D")


_LIST_FIELDS = {"groups", "actors", "event_types", "date_precisions", "languages", "sources"}


def to_query_params(flt: EventFilter) -> dict[str, str]:
    """Non-default fields as URL query parameters (lists joined by ',')."""
    params: dict[str, str] = {}
    default = EventFilter()
    for f in fields(EventFilter):
        value = getattr(flt, f.name)
        if value == getattr(default, f.name):
            continue
        if isinstance(value, list):
            params[f.name] = ",".join(str(v) for v in value)
        elif isinstance(value, date):
            params[f.name] = value.isoformat()
        else:
            params[f.name] = str(value)
    return params


def from_query_params(params: dict[str, str]) -> EventFilter:
    """Inverse of to_query_params; ignores unknown or malformed values (a shared link must not crash)."""
    flt = EventFilter()
    for f in fields(EventFilter):
        raw = params.get(f.name)
        if raw in (None, ""):
            continue
        try:
            if f.name in _LIST_FIELDS:
                setattr(flt, f.name, [v for v in str(raw).split(",") if v])
            elif f.name == "geo_precisions":
                setattr(flt, f.name, [int(v) for v in str(raw).split(",") if v])
            elif f.name in ("date_from", "date_to"):
                setattr(flt, f.name, date.fromisoformat(str(raw)))
            elif f.name in ("year_from", "year_to", "min_fatalities"):
                setattr(flt, f.name, int(raw))
            else:
                setattr(flt, f.name, str(raw))
        except ValueError:
            continue
    return flt
