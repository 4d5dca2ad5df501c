"""Typed records passed between the pipeline's stages.

read (Article) -> extract (ExtractedEvent, using gazetteer PlaceMention) -> store -> export (CSV rows).
Every stage takes and returns these dataclasses, never loose dicts, so each stage can be tested alone.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# The export contract (issue 2): the CSV columns, in order, named exactly so.
EXPORT_COLUMNS: tuple[str, ...] = (
    "event_id", "event_date", "date_precision", "year", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "location", "admin1", "latitude", "longitude",
    "geo_precision", "fatalities", "sources", "source_urls", "notes", "evidence",
)

# ACLED taxonomy used by the extractor: event_type -> allowed sub_event_types.
EVENT_TAXONOMY: dict[str, tuple[str, ...]] = {
    "Explosions/Remote violence": (
        "Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance"),
}

DATE_PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class Article:
    """One news article as read from disk, before any extraction."""

    id: str                      # given id, else a stable hash of the content
    text: str                    # main text (headline not repeated unless the source repeats it)
    title: str | None = None
    url: str | None = None
    language: str | None = None  # 'ar', 'en', … ; detected when the file does not say
    published: str | None = None  # ISO 'YYYY-MM-DD' (time dropped); None when unknown
    source_path: str | None = None
    source_format: str = "txt"   # txt | json | jsonl | newsplease | html
    content_hash: str = ""       # sha256 of title+text+published, to detect changed articles

    @property
    def full_text(self) -> str:
        """Headline and body as one text: what the extractor and the toponym finder read."""
        if self.title and not self.text.lstrip().startswith(self.title.strip()):
            return f"{self.title}\n\n{self.text}"
        return self.text


@dataclass(frozen=True)
class RelativeOffset:
    """"160 km southeast of Sirte": the event lies distance_km along bearing_deg from the anchor."""

    anchor_name: str
    anchor_latitude: float
    anchor_longitude: float
    distance_km: float | None    # None for "near"/"suburbs of" without a distance
    bearing_deg: float | None    # 0 = north, 90 = east; None when no direction given
    latitude: float              # the projected point (geopy geodesic); the anchor itself when no distance
    longitude: float
    text: str = ""               # the phrase as written, e.g. "160 km southeast of Sirte"


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text, resolved to coordinates by the gazetteer."""

    start: int                   # character offsets into the text given to Gazetteer.find
    end: int
    text: str                    # as written (with its clitics stripped from the span)
    place_id: str                # 'geonames:2210247', 'overlay:fezzan', …
    name: str                    # English/Latin name, e.g. 'Ubari'
    name_ar: str | None
    latitude: float              # the named place's own coordinates (for a relative phrase: the anchor's)
    longitude: float
    admin1: str | None           # Libyan district (shabiya) name in English
    feature: str                 # city | town | village | district | region | country | site | …
    country_code: str            # 'LY' for Libyan places; foreign places are reported so callers can skip them
    match: str                   # exact | variant | fuzzy | relative
    score: float                 # 0..1, higher is surer
    geo_precision: int           # 1 the place itself, 2 near/offset/part of it, 3 a region
    relative: RelativeOffset | None = None  # set when the text places something by distance/direction from this place

    @property
    def point(self) -> tuple[float, float]:
        """Where an event said to be at this mention lies: the projected point for a relative phrase."""
        if self.relative is not None:
            return self.relative.latitude, self.relative.longitude
        return self.latitude, self.longitude


@dataclass
class ExtractedEvent:
    """One violent event read from one article (before cross-article deduplication)."""

    article_id: str
    index: int                           # order within the article, for a stable event id
    role: str = "primary"                # primary (news of the day) | background (history recalled)
    event_type: str = "Explosions/Remote violence"
    sub_event_type: str = "Air/drone strike"
    event_date: str | None = None        # 'YYYY-MM-DD' | 'YYYY-MM' | 'YYYY' | None (unknown: never invented)
    date_precision: str | None = None    # day | week | month | year | None
    actor1: str | None = None            # who acted (canonical actor name from the dictionary)
    assoc_actor_1: str | None = None     # partner in a joint operation
    actor2: str | None = None            # target side
    location: str | None = None          # place name shown to analysts
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None        # killed only, never wounded; None when the text gives no count
    notes: str = ""                      # short explanation of how fields were read (date basis, offsets…)
    evidence: str = ""                   # the sentence(s) the event was read from
    evidence_start: int | None = None    # offsets of the evidence in Article.full_text, for highlighting
    evidence_end: int | None = None
    place: PlaceMention | None = None
    field_evidence: dict[str, str] = field(default_factory=dict)  # field name -> sentence it came from

    @property
    def year(self) -> int | None:
        return int(self.event_date[:4]) if self.event_date else None


@dataclass(frozen=True)
class Quarantined:
    """An input that could not be read: recorded with the reason, never stored as an article."""

    path: str
    reason: str                  # short machine-friendly kind: empty | binary | undecodable | malformed_json | too_large | no_text | unreadable
    detail: str = ""             # human explanation shown in the run summary
    record: str | None = None    # for JSON Lines: the line number; for JSON arrays: the item index


@dataclass
class IngestSummary:
    files: int = 0
    read: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    quarantined: int = 0
    events: int = 0
    quarantine_reasons: list[Quarantined] = field(default_factory=list)
