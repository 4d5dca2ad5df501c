"""Event extraction: Article -> list[ExtractedEvent]. Pure functions, no I/O, safe to run in parallel."""
from __future__ import annotations

from pipeline.records import Article, ExtractedEvent


def extract_events(article: Article, gazetteer=None) -> list[ExtractedEvent]:
    """All violent events the article reports (news of the day and history recalled).

    PLACEHOLDER until the extraction module lands: returns no events.
    """
    return []
