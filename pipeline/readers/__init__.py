"""Readers: one file on disk -> Article records (or Quarantined records saying why not).

`read_path(path)` picks the reader from the file's suffix (sniffing the content when the suffix is
unknown), detects the encoding, and never raises for a bad file: every problem becomes a
`Quarantined(path, reason, detail, record)` with reason one of QUARANTINE_REASONS.
`iter_input_files(paths)` expands folders recursively into the files the readers understand.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.config import DEFAULT_MAX_BYTES
from pipeline.readers.encoding import DecodeProblem, decode
from pipeline.readers.html import NoMainText, decode_html, read_html
from pipeline.readers.jsonfmt import read_json, read_jsonl
from pipeline.readers.text import read_text
from pipeline.records import Article, Quarantined

QUARANTINE_REASONS = ("empty", "binary", "undecodable", "malformed_json", "too_large", "no_text", "unreadable")

SUFFIX_KINDS = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}


def kind_for(path: str | Path, head: bytes = b"") -> str:
    """Reader for a file: from its suffix, else from its first non-blank bytes."""
    kind = SUFFIX_KINDS.get(os.path.splitext(path)[1].lower())
    if kind:
        return kind
    start = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n\x00")[:64].lower()
    if start.startswith((b"{", b"[")):
        return "json"
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")):
        return "html"
    return "txt"


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def read_path(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article | Quarantined]:
    """Every article in one file, or the reason(s) it cannot be read. Never raises for a bad file."""
    name = str(path)
    try:
        # One descriptor for the size and the bytes (os.read: no file object, no path looked up twice).
        fd = os.open(name, _READ_FLAGS)
        try:
            info = os.fstat(fd)
            size = info.st_size
            if size > max_bytes:
                return [Quarantined(name, "too_large", f"{size:,} bytes is over the {max_bytes:,}-byte limit (--max-bytes)")]
            if size == 0:
                return [Quarantined(name, "empty", "the file is empty (0 bytes)")]
            # Ask for the size fstat gave (+1 to notice growth): read(max_bytes + 1) allocated a buffer
            # of the whole limit (20 MB) for every small article file.
            data = os.read(fd, size + 1)
            # A regular file's read returns less than asked only at its end, so a file that did not grow
            # needs no second read to see its end (that doubled the reads). Otherwise read on until the end
            # (a read may return less) or past the limit, in chunks: read(n) allocates n bytes first.
            at_end = len(data) <= size and stat.S_ISREG(info.st_mode)
            while not at_end and len(data) <= max_bytes:
                more = os.read(fd, min(1 << 16, max_bytes + 1 - len(data)))
                at_end = not more
                data += more
        finally:
            os.close(fd)
    except OSError as exc:
        return [Quarantined(name, "unreadable", f"cannot read the file: {exc.strerror or exc}")]
    if len(data) > max_bytes:  # grew while we read it
        return [Quarantined(name, "too_large", f"over the {max_bytes:,}-byte limit (--max-bytes)")]
    kind = kind_for(name, data[:256])
    try:
        decoded = decode_html(data) if kind == "html" else decode(data)[0]
    except DecodeProblem as exc:
        return [Quarantined(name, exc.reason, exc.detail)]
    if not decoded.strip():
        return [Quarantined(name, "empty", "the file holds only whitespace")]
    try:
        if kind in ("txt", "md"):
            items: list[Article | Quarantined] = [read_text(decoded, name, markdown=kind == "md")]
        elif kind == "json":
            items = read_json(decoded, name)
        elif kind == "jsonl":
            items = read_jsonl(decoded, name)
        else:
            items = [read_html(decoded, name)]
    except NoMainText as exc:
        return [Quarantined(name, "no_text", str(exc))]
    except Exception as exc:  # a reader bug or a pathological file must not stop a long run
        return [Quarantined(name, "unreadable", f"{type(exc).__name__}: {exc}")]
    return [_require_text(item) for item in items]


def _require_text(item: Article | Quarantined) -> Article | Quarantined:
    if isinstance(item, Article) and not item.text.strip():
        return Quarantined(item.source_path or "", "no_text", "no article text after reading", None)
    return item


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files to read, in a stable (sorted) order: each named file as given, folders walked recursively
    for the supported suffixes; hidden files and folders are skipped. Missing paths raise FileNotFoundError."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = []
            top = str(p)
            for root, dirs, files in os.walk(top):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                # Sorted as Paths sort (part by part), keyed without building a Path per file.
                parts = p.parts + tuple(part for part in root[len(top):].split(os.sep) if part)
                for f in files:
                    if not f.startswith(".") and os.path.splitext(f)[1].lower() in SUFFIX_KINDS:
                        found.append((parts + (f,), root, f))
            found.sort(key=lambda entry: entry[0])
            for _parts, root, f in found:
                yield Path(root) / f
        elif p.exists():
            yield p
        else:
            raise FileNotFoundError(str(p))
