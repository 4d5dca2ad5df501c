"""Event extraction: Article -> list[ExtractedEvent]. Pure functions, no I/O, safe to run in parallel.

Stages (one module each): text (folding), sentences (split, headings, dateline), triggers, dates,
numbers (death tolls), actors, places (choosing the event place among gazetteer mentions), events
(segmentation, within-article merging, roles). Dictionaries live in pipeline/data/*.toml.
"""
from __future__ import annotations

from pipeline.records import Article, ExtractedEvent, PlaceMention


def extract_events(article: Article, gazetteer=None, mentions: list[PlaceMention] | None = None) -> list[ExtractedEvent]:
    """All violent events the article reports (news of the day and history recalled).

    `gazetteer` is an object with `find(text) -> list[PlaceMention]` (gazetteer.default_gazetteer()
    when None and the gazetteer package is available). Without places no event can be placed, so
    none is returned. `mentions`: the gazetteer's `find(article.full_text)` when the caller has
    already computed it (ingest stores them too), so the text is not scanned twice.
    """
    from pipeline.extract.events import extract_from_article

    if mentions is None:
        if gazetteer is None:
            gazetteer = _default_gazetteer()
        mentions = gazetteer.find(article.full_text) if gazetteer is not None else []
    return extract_from_article(article, mentions)


def _default_gazetteer():
    try:
        from gazetteer import default_gazetteer
    except ImportError:
        return None
    return default_gazetteer()
