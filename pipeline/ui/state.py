"""The sidebar filters as data: what can be chosen, widget values <-> EventFilter (pure, no Streamlit).

The canonical filter of a session is an EventFilter (kept in st.session_state by pipeline.ui.sidebar,
mirrored in the URL with pipeline.filters.to_query_params). These functions translate it to the values
the sidebar widgets show and back, after checking it against what the database offers, so a shared
link naming a group this database does not have cannot break the page.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from pipeline.filters import GROUP_COLUMNS, EventFilter

DATE_PRECISION_CHOICES = ("day", "week", "month", "year", "unknown")
GEO_PRECISION_LABELS = {1: "1 · the place itself", 2: "2 · near / part of a place", 3: "3 · a region"}

# Widget keys in st.session_state (one per EventFilter field group).
K_YEARS = "flt_years"
K_DATE_FROM = "flt_date_from"
K_DATE_TO = "flt_date_to"
K_GROUPS = "flt_groups"
K_ACTORS = "flt_actors"
K_TYPES = "flt_event_types"
K_MIN_KILLED = "flt_min_fatalities"
K_GEO = "flt_geo_precisions"
K_DATE_PREC = "flt_date_precisions"
K_LANGS = "flt_languages"
K_SOURCES = "flt_sources"
K_TEXT = "flt_text"
WIDGET_KEYS = (K_YEARS, K_DATE_FROM, K_DATE_TO, K_GROUPS, K_ACTORS, K_TYPES, K_MIN_KILLED, K_GEO, K_DATE_PREC,
               K_LANGS, K_SOURCES, K_TEXT)


@dataclass(frozen=True)
class FilterChoices:
    """What the database offers to filter on."""

    year_min: int | None = None
    year_max: int | None = None
    groups: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    geo_precisions: tuple[int, ...] = (1, 2, 3)
    date_precisions: tuple[str, ...] = DATE_PRECISION_CHOICES


def _values(df: pd.DataFrame, columns) -> tuple[str, ...]:
    seen: set[str] = set()
    for col in columns:
        if col in df.columns:
            seen |= {str(v).strip() for v in df[col].dropna().unique() if str(v).strip()}
    return tuple(sorted(seen, key=str.lower))


def filter_choices(events: pd.DataFrame) -> FilterChoices:
    if events.empty:
        return FilterChoices()
    years = pd.to_numeric(events["year"], errors="coerce").dropna()
    langs: set[str] = set()
    if "languages" in events.columns:
        for value in events["languages"].dropna().unique():
            langs |= {v for v in str(value).split(";") if v}
    # Event types first (in taxonomy order of appearance), then their sub-types.
    types = _values(events, ("event_type",)) + _values(events, ("sub_event_type",))
    return FilterChoices(
        year_min=int(years.min()) if len(years) else None,
        year_max=int(years.max()) if len(years) else None,
        groups=_values(events, GROUP_COLUMNS),
        actors=_values(events, ("actor1", "assoc_actor_1")),
        event_types=tuple(dict.fromkeys(types)),
        languages=tuple(sorted(langs)),
    )


def _keep(values, allowed) -> list:
    lowered = {str(a).lower(): a for a in allowed}
    out = []
    for v in values:
        hit = lowered.get(str(v).lower())
        if hit is not None and hit not in out:
            out.append(hit)
    return out


def sanitize(flt: EventFilter, choices: FilterChoices) -> EventFilter:
    """The filter restricted to what this database offers (unknown names dropped, years clamped)."""
    year_from, year_to = flt.year_from, flt.year_to
    if choices.year_min is None:
        year_from = year_to = None
    else:
        if year_from is not None:
            year_from = min(max(year_from, choices.year_min), choices.year_max)
        if year_to is not None:
            year_to = min(max(year_to, choices.year_min), choices.year_max)
        if year_from is not None and year_to is not None and year_from > year_to:
            year_from, year_to = year_to, year_from
        if year_from == choices.year_min:
            year_from = None
        if year_to == choices.year_max:
            year_to = None
    return replace(
        flt,
        year_from=year_from,
        year_to=year_to,
        groups=_keep(flt.groups, choices.groups),
        actors=_keep(flt.actors, choices.actors),
        event_types=_keep(flt.event_types, choices.event_types),
        geo_precisions=[p for p in flt.geo_precisions if p in choices.geo_precisions],
        date_precisions=_keep(flt.date_precisions, choices.date_precisions),
        languages=_keep(flt.languages, choices.languages),
        min_fatalities=flt.min_fatalities if flt.min_fatalities and flt.min_fatalities > 0 else None,
    )


def widget_values(flt: EventFilter, choices: FilterChoices) -> dict[str, object]:
    """Session-state values for every sidebar widget showing `flt` (already sanitized)."""
    values: dict[str, object] = {
        K_DATE_FROM: flt.date_from,
        K_DATE_TO: flt.date_to,
        K_GROUPS: list(flt.groups),
        K_ACTORS: list(flt.actors),
        K_TYPES: list(flt.event_types),
        K_MIN_KILLED: int(flt.min_fatalities or 0),
        K_GEO: list(flt.geo_precisions),
        K_DATE_PREC: list(flt.date_precisions),
        K_LANGS: list(flt.languages),
        K_SOURCES: ", ".join(flt.sources),
        K_TEXT: flt.text,
    }
    if choices.year_min is not None:
        values[K_YEARS] = (flt.year_from if flt.year_from is not None else choices.year_min,
                           flt.year_to if flt.year_to is not None else choices.year_max)
    return values


def filter_from_widgets(values: dict, choices: FilterChoices) -> EventFilter:
    """The EventFilter the widgets show (the inverse of widget_values)."""
    year_from = year_to = None
    years = values.get(K_YEARS)
    if years and choices.year_min is not None:
        low, high = int(years[0]), int(years[1])
        year_from = low if low > choices.year_min else None
        year_to = high if high < choices.year_max else None
    date_from, date_to = values.get(K_DATE_FROM), values.get(K_DATE_TO)
    sources = [s.strip() for s in str(values.get(K_SOURCES) or "").split(",") if s.strip()]
    min_killed = int(values.get(K_MIN_KILLED) or 0)
    return EventFilter(
        year_from=year_from,
        year_to=year_to,
        date_from=date_from if isinstance(date_from, date) else None,
        date_to=date_to if isinstance(date_to, date) else None,
        groups=list(values.get(K_GROUPS) or []),
        actors=list(values.get(K_ACTORS) or []),
        event_types=list(values.get(K_TYPES) or []),
        min_fatalities=min_killed if min_killed > 0 else None,
        geo_precisions=[int(p) for p in values.get(K_GEO) or []],
        date_precisions=list(values.get(K_DATE_PREC) or []),
        languages=list(values.get(K_LANGS) or []),
        sources=sources,
        text=str(values.get(K_TEXT) or "").strip(),
    )
