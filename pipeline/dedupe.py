"""Cross-article deduplication: reports of the same event from several articles become one event.

Pure functions, no I/O. `merge_reports(reports)` takes every event report of one *block* (same
event_type family and same year, or both undated; see `block_key`) and returns the canonical events.
The result depends only on the set of reports, never on the order they were ingested, so an
interrupted ingest that is rerun gives the same events as an uninterrupted one.

Two reports are the same event when all of these hold (`compatible`):
- they come from different articles (one article's extractor already separated its own events);
- same event_type family (guaranteed by the block);
- dates compatible: both known and overlapping ('2016' overlaps '2016-02-19'; two day dates at most
  one day apart, because outlets in different time zones date the same night strike differently).
  An unknown date is never compatible with a known one. Two undated reports merge only when their
  evidence sentences are the same text (the same wire story republished);
- both have coordinates, at most MERGE_RADIUS_KM apart;
- no conflicting actor: when both name who acted (actor1), the names are the same.
Clustering is complete-linkage and greedy in a canonical order (most precise date first, then most
precise place, then report id), so every member of an event is compatible with every other member.

The merged row (documented rule):
- date, date_precision, evidence (+ offsets), event type and actors: from the *lead* report, the first
  in canonical order (the most precisely dated one); blank actor fields are filled from the others;
- place: from the report with the most precise place (lowest geo_precision), ties in canonical order;
- fatalities: an exact figure before a vague word ("dozens" = 12; the extractor notes it), then a
  report that tells the event as news of the day before a background recap, then the most recently
  published article that gives a count (tolls are revised as news develops); ties: the most
  precisely dated report, then the higher count;
- role: 'primary' when any report is news of the day;
- sources: article ids, the lead report's article first, then by publication date, then id;
- notes: the lead report's notes plus why each other report was merged.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

MERGE_RADIUS_KM = 25.0
DAY_TOLERANCE = 1          # days between two day-precise dates still read as the same event
WEEK_TOLERANCE = 7

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_UNKNOWN_RANK = 4
_CELL_DEG = 0.25           # spatial grid for candidate lookup; a cell is wider than the merge radius in latitude


@dataclass(frozen=True)
class Report:
    """One event as read from one article (a row of the store's events table)."""

    report_id: str
    article_id: str
    role: str = "primary"
    event_type: str | None = None
    sub_event_type: str | None = None
    event_date: str | None = None
    date_precision: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    location: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    notes: str = ""
    evidence: str = ""
    evidence_start: int | None = None
    evidence_end: int | None = None
    place_id: str | None = None
    published: str | None = None     # the article's publication date (ISO) or None


_REPORT_FIELDS = tuple(Report.__dataclass_fields__)


def report_from_values(values: Iterable) -> Report:
    """`Report(*values)` for a complete row of values (one per field, in field order), about 3x faster:
    the frozen dataclass __init__ sets each field through object.__setattr__, and the store builds
    one Report per event row it writes or reads."""
    report = object.__new__(Report)
    report.__dict__.update(zip(_REPORT_FIELDS, values))
    return report


@dataclass
class MergedEvent:
    """A canonical event: one or more reports merged."""

    event_id: str
    block: str
    role: str
    event_date: str | None
    date_precision: str | None
    year: int | None
    event_type: str | None
    sub_event_type: str | None
    actor1: str | None
    assoc_actor_1: str | None
    actor2: str | None
    location: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    sources: list[str]
    notes: str
    evidence: str
    evidence_start: int | None
    evidence_end: int | None
    place_id: str | None
    lead_report_id: str
    report_ids: list[str] = field(default_factory=list)   # in source order


def block_key(event_type: str | None, event_date: str | None) -> str:
    """Reports can only merge within one block: same event family and same year (or both undated)."""
    year = event_date[:4] if event_date else "undated"
    return f"{event_type or '?'}|{year}"


def event_id_for(report_ids: list[str]) -> str:
    """Canonical id: a hash of the cluster's smallest report id (stable when later reports join)."""
    return "ev-" + hashlib.sha1(min(report_ids).encode("utf-8")).hexdigest()[:12]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def _precision(report: Report) -> str | None:
    if not report.event_date:
        return None
    if report.date_precision in _PRECISION_RANK:
        return report.date_precision
    return {4: "year", 7: "month"}.get(len(report.event_date), "day")


# Written in an event's notes by the extractor when its toll comes from a vague word only.
VAGUE_TOLL_NOTE = "fatalities: vague figure"


def _rank(report: Report) -> int:
    p = _precision(report)
    return _PRECISION_RANK[p] if p else _UNKNOWN_RANK


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def dates_compatible(a: Report, b: Report) -> tuple[bool, str]:
    """(compatible?, why) for the dates of two reports."""
    if not a.event_date and not b.event_date:
        same = a.evidence.strip() != "" and " ".join(a.evidence.split()) == " ".join(b.evidence.split())
        return same, "both undated, same evidence sentence" if same else "both undated"
    if not a.event_date or not b.event_date:
        return False, "one date unknown"
    if a.event_date[:4] != b.event_date[:4]:
        return False, "different years"
    pa, pb = _precision(a), _precision(b)
    if "year" in (pa, pb):
        return True, f"same year {a.event_date[:4]}"
    if "month" in (pa, pb):
        ok = a.event_date[:7] == b.event_date[:7]
        return ok, f"same month {a.event_date[:7]}" if ok else "different months"
    da, db = _day(a.event_date), _day(b.event_date)
    if da is None or db is None:
        return False, "unreadable date"
    tolerance = WEEK_TOLERANCE if "week" in (pa, pb) else DAY_TOLERANCE
    gap = abs((da - db).days)
    if gap > tolerance:
        return False, f"{gap} days apart"
    return True, "same day" if gap == 0 else f"{gap} day(s) apart"


def compatible(a: Report, b: Report) -> tuple[bool, str]:
    """(same event?, why) for two reports of one block."""
    if a.article_id == b.article_id:
        return False, "same article"
    if (a.event_type or "") != (b.event_type or ""):
        return False, "different event types"
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False, "no coordinates"
    if a.actor1 and b.actor1 and a.actor1.casefold() != b.actor1.casefold():
        return False, "different actors"
    ok, why = dates_compatible(a, b)  # before the distance: cheaper, and rejects most candidates
    if not ok:
        return False, why
    km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
    if km > MERGE_RADIUS_KM:
        return False, f"{km:.0f} km apart"
    return True, f"{why}, {km:.1f} km apart"


def is_compatible(a: Report, b: Report) -> bool:
    """`compatible(a, b)[0]`, without building the reason (what clustering asks thousands of times)."""
    if a.article_id == b.article_id or (a.event_type or "") != (b.event_type or ""):
        return False
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return False
    if a.actor1 and b.actor1 and a.actor1.casefold() != b.actor1.casefold():
        return False
    date_a, date_b = a.event_date, b.event_date
    if not date_a or not date_b:
        if date_a or date_b:
            return False  # one date unknown
        if not (a.evidence.strip() != "" and " ".join(a.evidence.split()) == " ".join(b.evidence.split())):
            return False
    elif date_a[:4] != date_b[:4]:
        return False
    else:
        pa, pb = _precision(a), _precision(b)
        if pa != "year" and pb != "year":
            if pa == "month" or pb == "month":
                if date_a[:7] != date_b[:7]:
                    return False
            else:
                da, db = _day(date_a), _day(date_b)
                if da is None or db is None:
                    return False
                if abs((da - db).days) > (WEEK_TOLERANCE if "week" in (pa, pb) else DAY_TOLERANCE):
                    return False
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= MERGE_RADIUS_KM


def _canonical_order(report: Report) -> tuple:
    return (_rank(report), report.geo_precision if report.geo_precision is not None else 9, report.report_id)


def _cell(report: Report) -> tuple[int, int] | None:
    if report.latitude is None or report.longitude is None:
        return None
    return (math.floor(report.latitude / _CELL_DEG), math.floor(report.longitude / _CELL_DEG))


def _time_bucket(report: Report) -> int | None:
    """Day/week-precise reports: an 8-day bucket (wider than any day/week tolerance); else None."""
    if _precision(report) not in ("day", "week"):
        return None
    day = _day(report.event_date or "")
    return day.toordinal() // (WEEK_TOLERANCE + 1) if day else None


def cluster(reports: list[Report]) -> list[list[tuple[Report, str]]]:
    """Group reports into events: each cluster is [(report, why it joined)], the lead first."""
    clusters: list[list[tuple[Report, str]]] = []
    # Candidate lookup by the lead's grid cell (and, for day/week-precise leads, its time bucket).
    # Leads are processed first (canonical order), so a day/week report only ever joins a day/week lead.
    by_cell: dict[tuple[int, int], list[int]] = {}
    by_time: dict[int, dict[tuple[int, int], list[int]]] = {}   # time bucket -> cell -> cluster indexes
    for report in sorted(reports, key=_canonical_order):
        cell = _cell(report)
        bucket = _time_bucket(report)
        joined = False
        if cell is not None:
            y, x = cell
            near = ((y - 1, x - 1), (y - 1, x), (y - 1, x + 1), (y, x - 1), cell, (y, x + 1),
                    (y + 1, x - 1), (y + 1, x), (y + 1, x + 1))
            candidates: list[int] = []
            if bucket is not None:
                for b in (bucket - 1, bucket, bucket + 1):
                    cells = by_time.get(b)
                    if cells:
                        for c in near:
                            found = cells.get(c)
                            if found:
                                candidates.extend(found)
            else:
                for c in near:
                    found = by_cell.get(c)
                    if found:
                        candidates.extend(found)
            candidates.sort()
            for i in candidates:
                members = clusters[i]
                lead = members[0][0]
                # The lead first: most candidates fail there.
                if is_compatible(report, lead) and all(is_compatible(report, member) for member, _ in members[1:]):
                    members.append((report, f"{report.article_id}: {compatible(report, lead)[1]}"))
                    joined = True
                    break
        if not joined:
            clusters.append([(report, "")])
            if cell is not None:
                # Indexed by the lead's cell: every member lies within the merge radius of the lead.
                index = len(clusters) - 1
                by_cell.setdefault(cell, []).append(index)
                if bucket is not None:
                    by_time.setdefault(bucket, {}).setdefault(cell, []).append(index)
    return clusters


# --- incremental deduplication ----------------------------------------------------------------
#
# `cluster` on a block equals `cluster` run separately on each connected component of the block's
# "compatible" graph (reports are nodes, compatible pairs are edges), unioned: a report only ever joins
# a cluster whose lead it is compatible with, and every member of a cluster is compatible with every
# other, so a cluster never spans two components, and each report's decision only looks at clusters of
# its own component, met in the same relative order. Hence after a write only the components holding a
# new report, or a report that shared an event with a removed one, need clustering again; the rest of
# the block keeps its events unchanged, and the result is exactly what a full rebuild gives.

_EARTH_RADIUS_KM = 6371.0088


def _date_keys(report: Report) -> tuple[str, tuple[str, ...]]:
    """(the key a report is filed under, the keys of every report it could be date-compatible with).

    A superset of `dates_compatible` (the candidates are then checked with `compatible`): undated
    reports by their normalised evidence sentence, year-precise ones with everything dated, month-precise
    ones with their month, day/week-precise ones with the months of the days within a week either side."""
    if not report.event_date:
        sentence = " ".join(report.evidence.split())
        key = "undated:" + sentence
        return key, ((key,) if sentence else ())
    precision = _precision(report)
    if precision == "year":
        return "year", ("*",)
    if precision == "month":
        return report.event_date[:7], ("year", report.event_date[:7])
    day = _day(report.event_date)
    if day is None:
        return report.event_date[:7], ("year", report.event_date[:7])
    months = {date.fromordinal(day.toordinal() + offset).isoformat()[:7] for offset in (-WEEK_TOLERANCE, 0, WEEK_TOLERANCE)}
    return report.event_date[:7], ("year", *sorted(months))


def _lon_cells_to_search(lat_max: float) -> int | None:
    """How many longitude cells either side can hold a report within the merge radius of a report at
    most `lat_max` degrees from the equator (None: all).

    hav(d) >= cos(lat1) cos(lat2) hav(dlon), so within radius D: sin(dlon/2) <= sin(D/2R) / cos(lat_max)."""
    bound = math.sin(MERGE_RADIUS_KM * 1.001 / (2 * _EARTH_RADIUS_KM)) / max(math.cos(math.radians(min(lat_max, 90.0))), 1e-12)
    if bound >= 1:
        return None
    return math.ceil(math.degrees(2 * math.asin(bound)) / _CELL_DEG)


_N_LON_CELLS = round(360 / _CELL_DEG)


class ReportIndex:
    """The reports of one block filed by grid cell and date key, to find connected components
    (`connected`). Reports can be added and removed, so a block kept in memory across write batches
    keeps its index instead of rebuilding it over the whole block for every batch."""

    __slots__ = ("_by_id", "_cells", "_lookups", "_lat_max")

    def __init__(self, reports: Iterable[Report] = ()) -> None:
        self._by_id: dict[str, Report] = {}
        # cell -> date key -> report id -> report (dicts: removal without a scan)
        self._cells: dict[tuple[int, int], dict[str, dict[str, Report]]] = {}
        self._lookups: dict[str, tuple[tuple[int, int], str, tuple[str, ...]]] = {}  # id -> (cell, filed under, keys it may match)
        # Only ever grows (removals leave it): a larger bound searches more cells, never fewer, so the
        # components found are the same.
        self._lat_max = 0.0
        for report in reports:
            self.add(report)

    def add(self, report: Report) -> None:
        """File a report (replacing a report with the same id)."""
        rid = report.report_id
        if rid in self._by_id:
            self.remove(rid)
        self._by_id[rid] = report
        if report.latitude is not None:
            self._lat_max = max(self._lat_max, abs(report.latitude))
            if report.longitude is None:
                return
        else:
            return  # no coordinates: compatible with nothing
        cell = (math.floor(report.latitude / _CELL_DEG), math.floor(report.longitude / _CELL_DEG) % _N_LON_CELLS)
        filed, wanted = _date_keys(report)
        self._cells.setdefault(cell, {}).setdefault(filed, {})[rid] = report
        self._lookups[rid] = (cell, filed, wanted)

    def remove(self, report_id: str) -> None:
        if self._by_id.pop(report_id, None) is None:
            return
        found = self._lookups.pop(report_id, None)
        if found is None:
            return
        cell, filed, _wanted = found
        by_key = self._cells[cell]
        group = by_key[filed]
        del group[report_id]
        if not group:
            del by_key[filed]
            if not by_key:
                del self._cells[cell]

    def connected(self, seeds) -> set[str]:
        """Ids of the reports connected to any seed report id by a chain of compatible pairs (the seeds'
        connected components in the block's compatible graph), seeds included."""
        by_id = self._by_id
        found = {s for s in seeds if s in by_id}
        lookups = self._lookups
        cells = self._cells
        lon_span = _lon_cells_to_search(self._lat_max)
        n_lon = _N_LON_CELLS
        all_lon = lon_span is None or 2 * lon_span + 1 >= n_lon
        frontier = [rid for rid in found if rid in lookups]
        while frontier:
            rid = frontier.pop()
            report = by_id[rid]
            cell, _filed, wanted = lookups[rid]
            if not wanted:
                continue
            lon_cells = range(n_lon) if all_lon else [(cell[1] + dx) % n_lon for dx in range(-lon_span, lon_span + 1)]
            # Latitude: the merge radius (25 km) is under one cell (0.25 degrees, ~27.8 km).
            for lat_cell in (cell[0] - 1, cell[0], cell[0] + 1):
                for lon_cell in lon_cells:
                    filed = cells.get((lat_cell, lon_cell))
                    if not filed:
                        continue
                    groups = filed.values() if wanted == ("*",) else (filed.get(k, ()) for k in wanted)
                    for group in groups:
                        for other_id in group:
                            if other_id not in found and is_compatible(report, group[other_id]):
                                found.add(other_id)
                                frontier.append(other_id)
        return found


def connected_reports(reports: list[Report], seeds) -> set[str]:
    """Ids of the reports connected to any seed report id by a chain of compatible pairs (the seeds'
    connected components in the block's compatible graph), seeds included. `reports`: one block."""
    return ReportIndex(reports).connected(seeds)


def _first(values):
    return next((v for v in values if v not in (None, "")), None)


def _toll_order(r: Report) -> tuple:
    """Which report's fatalities an event shows: the smallest of these keys."""
    return (VAGUE_TOLL_NOTE in (r.notes or ""),          # an exact figure beats a vague word (dozens = 12)
            r.role not in (None, "", "primary"),         # the news of the day beats a later recap
            -(int(r.published.replace("-", "")) if r.published and r.published[:4].isdigit() else 0),
            _rank(r), -int(r.fatalities), r.report_id)


def merge_cluster(members: list[tuple[Report, str]], block: str) -> MergedEvent:
    reports = [r for r, _ in members]
    lead = reports[0]
    place = lead if len(reports) == 1 else min(
        reports, key=lambda r: (r.geo_precision if r.geo_precision is not None else 9, 0 if r.latitude is not None else 1))
    counted = [r for r in reports if r.fatalities is not None]
    toll = None
    if counted:  # the first smallest by _toll_order, as sorted(...)[0] gave
        toll = counted[0] if len(counted) == 1 else min(counted, key=_toll_order)
    sources = [lead.article_id]
    if len(reports) > 1:
        published_of = {r.article_id: r.published or "9999" for r in reports}
        sources += sorted({r.article_id for r in reports} - {lead.article_id}, key=lambda a: (published_of[a], a))
    by_article = {r.article_id: r.report_id for r in reports}
    notes = lead.notes or ""
    if len(reports) > 1:
        why = "; ".join(reason for _, reason in members[1:])
        merged_note = f"merged {len(reports)} reports of this event ({why})"
        if toll is not None and toll.article_id != lead.article_id:
            merged_note += f"; fatalities from {toll.article_id} (latest report with a count)"
        notes = f"{notes} | {merged_note}" if notes else merged_note
    return MergedEvent(
        event_id=event_id_for([r.report_id for r in reports]),
        block=block,
        role="primary" if any(r.role == "primary" for r in reports) else (lead.role or "background"),
        event_date=lead.event_date,
        date_precision=_precision(lead),
        year=int(lead.event_date[:4]) if lead.event_date and lead.event_date[:4].isdigit() else None,
        event_type=lead.event_type,
        sub_event_type=lead.sub_event_type or _first(r.sub_event_type for r in reports),
        actor1=lead.actor1 or _first(r.actor1 for r in reports),
        assoc_actor_1=lead.assoc_actor_1 or _first(r.assoc_actor_1 for r in reports),
        actor2=lead.actor2 or _first(r.actor2 for r in reports),
        location=place.location,
        admin1=place.admin1,
        latitude=place.latitude,
        longitude=place.longitude,
        geo_precision=place.geo_precision,
        fatalities=toll.fatalities if toll is not None else None,
        sources=sources,
        notes=notes,
        evidence=lead.evidence,
        evidence_start=lead.evidence_start,
        evidence_end=lead.evidence_end,
        place_id=place.place_id,
        lead_report_id=lead.report_id,
        report_ids=[by_article[a] for a in sources],
    )


def merge_reports(reports: list[Report]) -> list[MergedEvent]:
    """Canonical events for a set of reports (any blocks; each block clustered on its own)."""
    blocks: dict[str, list[Report]] = {}
    for r in reports:
        blocks.setdefault(block_key(r.event_type, r.event_date), []).append(r)
    merged: list[MergedEvent] = []
    for key in sorted(blocks):
        merged.extend(merge_cluster(members, key) for members in cluster(blocks[key]))
    return merged
