"""Ingest: files and folders of articles -> read -> extract -> store (idempotent, atomic, resumable).

Reading and extraction run in worker processes when `workers > 1`; writing stays in this process.
Articles are written in batches: one transaction holds whole articles only (an article, its events
and its place mentions always commit together, written with a few bulk statements) and ends by
updating the deduplicated events the batch can have changed (`Store.update_events`: only the touched
components of the touched blocks are clustered again, with exactly the result of a full rebuild), so the
database is consistent after every commit. A crash or kill loses at most the open
batch; rerunning the same command skips what was committed (same content hash) and finishes the rest.

Quarantine reasons: the readers' (empty, binary, undecodable, malformed_json, too_large, no_text,
unreadable) plus extract_error (the extractor failed on this article; retried on the next run) and
duplicate_id (a second, different text under an article id already read in this run).
"""
from __future__ import annotations

import gc
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pipeline.readers import DEFAULT_MAX_BYTES, iter_input_files, read_path
from pipeline.records import Article, ExtractedEvent, IngestSummary, PlaceMention, Quarantined
from pipeline.store import open_store

BATCH_SECONDS = 1.0       # commit about this often, so an interrupt loses little work…
WRITE_SHARE = 0.2         # …but rarely enough that writing + deduplicating stays under ~20% of the run
BATCH_ARTICLES = 5000     # and at most this many articles per transaction (bounds memory)
_INGEST_GC_THRESHOLD = 10_000   # young-generation collector threshold while a single process ingests


@dataclass
class ReadArticle:
    """An article read (and extracted unless unchanged) by a worker."""

    article: Article
    events: list[ExtractedEvent] | None = None      # None: unchanged, extraction skipped
    mentions: list[PlaceMention] = field(default_factory=list)


@dataclass
class FileResult:
    path: str
    items: list[ReadArticle | Quarantined]


# --- worker side ------------------------------------------------------------------------------

_known_hashes: dict[str, str] = {}
_max_bytes: int = DEFAULT_MAX_BYTES
_gazetteer_cache: list = []


def _gazetteer():
    """The default gazetteer, or None while the gazetteer package is not available (loaded once per process)."""
    if not _gazetteer_cache:
        try:
            from gazetteer import default_gazetteer
        except ImportError:
            _gazetteer_cache.append(None)
        else:
            _gazetteer_cache.append(default_gazetteer())
    return _gazetteer_cache[0]


def _init_worker(known_hashes: dict[str, str], max_bytes: int, in_pool: bool = False) -> None:
    global _known_hashes, _max_bytes
    if in_pool:  # Ctrl-C is handled once, by the writer process, which stops the pool
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _known_hashes = known_hashes
    _max_bytes = max_bytes


def process_file(path: str) -> FileResult:
    """Read one file and extract events from every changed article in it (pure apart from reading)."""
    from pipeline import extract  # looked up at call time, so tests can substitute the extractor

    items: list[ReadArticle | Quarantined] = []
    for item in read_path(path, _max_bytes):
        if isinstance(item, Quarantined):
            items.append(item)
            continue
        if _known_hashes.get(item.id) == item.content_hash:
            items.append(ReadArticle(item))
            continue
        gz = _gazetteer()
        try:
            # One gazetteer pass per article: the same mentions are stored and given to the extractor.
            mentions = list(gz.find(item.full_text)) if gz is not None else []
            events = list(extract.extract_events(item, gz, mentions=mentions if gz is not None else None))
        except Exception as exc:  # one article the extractor cannot handle must not stop the run
            items.append(Quarantined(path, "extract_error", f"article {item.id}: {type(exc).__name__}: {exc}",
                                     item.id))
            continue
        items.append(ReadArticle(item, events, mentions))
    return FileResult(path, items)


# --- writer side --------------------------------------------------------------------------------

def _results(files: list[str], workers: int, known: dict[str, str], max_bytes: int) -> Iterator[FileResult]:
    if workers <= 1 or len(files) < 2:
        _init_worker(known, max_bytes)
        # The first changed article loads the gazetteer, dictionaries and patterns: tens of thousands of
        # objects that last the whole run and make no garbage. Collections while they load would only walk them
        # again and again, so the collector pauses for the first file; once the gazetteer is loaded,
        # everything loaded is frozen (out of the collector's sight: later collections skip it).
        # After that, young collections come every 700 net allocations (the default) and find almost no
        # garbage (extraction's objects die young, by reference counting): a higher threshold for the run
        # halves the collector's time (~60 collections -> ~4 for 3,000 articles).
        collecting = gc.isenabled()
        thresholds = gc.get_threshold()
        gc.disable()
        frozen = False
        try:
            for f in files:
                result = process_file(f)
                if not frozen and _gazetteer_cache:
                    gc.freeze()
                    gc.set_threshold(max(thresholds[0], _INGEST_GC_THRESHOLD), *thresholds[1:])
                    frozen = True
                if collecting:
                    gc.enable()
                yield result
        finally:
            if frozen:
                gc.unfreeze()
                gc.set_threshold(*thresholds)
            if collecting:
                gc.enable()
        return
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    if method == "fork":
        # Load the extractor and the gazetteer once, here: forked workers share them (copy-on-write)
        # instead of each spending ~0.5 s of CPU loading its own. gc.freeze keeps the collector from
        # touching (and so copying) those shared objects in every worker.
        from pipeline import extract  # noqa: F401
        _gazetteer()
        gc.freeze()
    import multiprocessing  # only here: a single-process run skips its ~40 ms import

    ctx = multiprocessing.get_context(method)
    with ctx.Pool(workers, initializer=_init_worker, initargs=(known, max_bytes, True)) as pool:
        try:
            yield from pool.imap(process_file, files, chunksize=max(1, min(32, len(files) // (workers * 8) or 1)))
        except BaseException:
            pool.terminate()
            raise
        finally:
            gc.unfreeze()


def _unique_indexes(events: list[ExtractedEvent]) -> list[ExtractedEvent]:
    """Report ids are '<article>#<index>': make indexes unique if an extractor repeated one."""
    if len({e.index for e in events}) == len(events):
        return events
    for position, event in enumerate(events):
        event.index = position
    return events


def ingest(paths: Iterable[str | Path], db_path: str | Path, *, workers: int = 1,
           max_bytes: int = DEFAULT_MAX_BYTES, progress: bool | None = None,
           on_batch: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Read every article under `paths` into the database at `db_path`. Raises FileNotFoundError for a
    missing path (before anything is written)."""
    files: list[str] = []
    seen_files: set[str] = set()
    real_dirs: dict[str, str] = {}
    for p in iter_input_files(paths):  # a file named directly and inside a named folder is read once
        name = str(p)
        folder, base = os.path.split(name)
        if os.path.islink(name):
            key = os.path.realpath(name)
        else:  # realpath(folder/base) is realpath(folder)/base when base is no link: once per folder
            real_folder = real_dirs.get(folder)
            if real_folder is None:
                real_folder = real_dirs[folder] = os.path.realpath(folder)
            key = os.path.join(real_folder, base)
        if key not in seen_files:
            seen_files.add(key)
            files.append(name)
    summary = IngestSummary(files=len(files))
    store = open_store(db_path)
    store.checkpoint_in_background()  # the disk waits of checkpoints overlap reading and extraction
    try:
        known = store.content_hashes()
        claimed: dict[str, tuple[str, str]] = {}  # article id -> (content hash, path) first read in this run
        batch: list[FileResult] = []
        batch_articles = 0
        last_commit = time.monotonic()
        interval = BATCH_SECONDS
        bar = _progress_bar(len(files), progress)
        with bar:
            for result in _results(files, workers, known, max_bytes):
                batch.append(result)
                batch_articles += len(result.items)
                bar.update(1)
                if batch_articles >= BATCH_ARTICLES or time.monotonic() - last_commit >= interval:
                    started = time.monotonic()
                    _write_batch(store, batch, known, claimed, summary)
                    last_commit = time.monotonic()
                    # Deduplication cost grows with the database: space commits out to keep it a small share.
                    interval = max(BATCH_SECONDS, (last_commit - started) / WRITE_SHARE)
                    batch, batch_articles = [], 0
                    if on_batch:
                        on_batch(summary)
            _write_batch(store, batch, known, claimed, summary)
    finally:
        store.close()
    return summary


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def update(self, n: int = 1) -> None:
        pass


def _progress_bar(total: int, progress: bool | None):
    """A tqdm bar on stderr; None: only when stderr is a terminal. tqdm is imported only when shown (~50 ms)."""
    if progress is False or (progress is None and not sys.stderr.isatty()):
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="file", desc="ingest", file=sys.stderr, dynamic_ncols=True)


def _write_batch(store, batch: list[FileResult], known: dict[str, str], claimed: dict[str, tuple[str, str]],
                 summary: IngestSummary) -> None:
    if not batch:
        return
    to_write: list[tuple[Article, list[ExtractedEvent], list[PlaceMention]]] = []
    pending: dict[str, str] = {}
    counts = {"new": 0, "changed": 0, "unchanged": 0, "read": 0, "events": 0}
    quarantined: list[Quarantined] = []
    with store.transaction():
        store.clear_quarantine([r.path for r in batch])
        for result in batch:
            for item in result.items:
                if isinstance(item, Quarantined):
                    quarantined.append(item)
                    continue
                article = item.article
                first = claimed.setdefault(article.id, (article.content_hash, result.path))
                if first[0] != article.content_hash:
                    # Two different texts claim one id: keep the first (files are read in sorted order), so
                    # reruns stay idempotent instead of each copy replacing the other every time.
                    quarantined.append(Quarantined(result.path, "duplicate_id",
                                                   f"article id {article.id!r} already used by {first[1]} with other text",
                                                   article.id))
                    continue
                counts["read"] += 1
                previous = pending.get(article.id, known.get(article.id))
                if previous == article.content_hash:
                    counts["unchanged"] += 1
                    continue
                if item.events is None:  # unchanged when read, but changed since in this same run
                    counts["unchanged"] += 1
                    continue
                counts["changed" if previous is not None else "new"] += 1
                events = _unique_indexes(item.events)
                counts["events"] += len(events)
                to_write.append((article, events, item.mentions))
                pending[article.id] = article.content_hash
        # Incremental dedupe in the same transaction: only what this batch can have changed.
        store.write_articles(to_write, dedupe=True)
        store.record_quarantine(quarantined)
    # Only after the commit: what is now in the database.
    known.update(pending)
    for key, value in counts.items():
        setattr(summary, key, getattr(summary, key) + value)
    summary.quarantined += len(quarantined)
    summary.quarantine_reasons.extend(quarantined)


def format_summary(summary: IngestSummary, totals: dict[str, int] | None = None) -> str:
    """The run summary shown at the end of `rasd ingest`."""
    lines = [
        f"files: {summary.files}  articles read: {summary.read}  new: {summary.new}  changed: {summary.changed}"
        f"  unchanged: {summary.unchanged}  quarantined: {summary.quarantined}  events extracted: {summary.events}"
    ]
    if summary.quarantine_reasons:
        by_reason: dict[str, int] = {}
        for q in summary.quarantine_reasons:
            by_reason[q.reason] = by_reason.get(q.reason, 0) + 1
        lines.append("quarantined by reason: " + ", ".join(f"{r} {n}" for r, n in sorted(by_reason.items())))
        shown = summary.quarantine_reasons[:20]
        for q in shown:
            where = f"{q.path}" + (f" [record {q.record}]" if q.record else "")
            lines.append(f"  {q.reason}: {where}: {q.detail}")
        if len(summary.quarantine_reasons) > len(shown):
            lines.append(f"  … and {len(summary.quarantine_reasons) - len(shown)} more (see the quarantine table)")
    if totals is not None:
        lines.append(f"database now holds {totals['articles']} articles, {totals['events']} events "
                     f"(from {totals['reports']} reports), {totals['quarantined']} quarantined inputs")
    return "\n".join(lines)
