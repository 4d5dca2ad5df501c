"""Settings shared by the CLI commands: where the database is, how large an input file may be.

Database: `--db FILE`, else the environment variable RASD_DB; otherwise the command stops and says so
(no hidden default file is created in whatever folder you happen to be in).
Largest input file: `--max-bytes N` (suffixes k, M, G allowed), else RASD_MAX_BYTES, else 20 MB.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from pipeline.errors import UserError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DB_ENV = "RASD_DB"
MAX_BYTES_ENV = "RASD_MAX_BYTES"
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)


def resolve_db(cli_value: str | None, must_exist: bool = False) -> Path:
    value = cli_value or os.environ.get(DB_ENV)
    if not value:
        raise UserError(f"no database given: pass --db FILE (for example --db events.sqlite) or set {DB_ENV}")
    path = Path(value).expanduser()
    if path.is_dir():
        raise UserError(f"--db {value} is a folder; give a database file such as {path / 'events.sqlite'}")
    if must_exist and not path.exists():
        raise UserError(f"database not found: {value} (create it first with: rasd ingest ARTICLES/ --db {value})")
    return path


def parse_size(value: str) -> int:
    m = _SIZE.match(str(value))
    if not m:
        raise UserError(f"cannot read the size {value!r}: use bytes or a number with k, M or G (e.g. 20M)")
    factor = {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}[m.group(2).lower()]
    size = int(float(m.group(1)) * factor)
    if size <= 0:
        raise UserError(f"the size limit must be positive, got {value!r}")
    return size


def resolve_max_bytes(cli_value: str | None) -> int:
    if cli_value:
        return parse_size(cli_value)
    env = os.environ.get(MAX_BYTES_ENV)
    if env:
        return parse_size(env)
    return DEFAULT_MAX_BYTES
