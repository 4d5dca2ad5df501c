"""`rasd toponyms PATH... --out FILE.csv`: one row per place mention in each article.

Rows list the Libyan places an article names, with the named place's own coordinates (for "160 km
southeast of Sirte" the row is Sirte; the projected point is what the events export uses).
Countries, parts of the country ("southern Libya") and foreign places are left out unless --all.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

from pipeline.errors import UserError

COLUMNS = ("article_id", "start", "end", "text", "name", "name_ar", "place_id", "latitude", "longitude",
           "admin1", "match")
EXTRA_COLUMNS = ("feature", "country_code", "geo_precision", "point_latitude", "point_longitude")
NOT_PLACES = ("country", "country_part")

EPILOG = """\
examples:
  rasd toponyms articles/ --out places.csv             every Libyan place each article names
  rasd toponyms a.json b.txt --out places.csv --all    also countries, "southern Libya", foreign places
  python3 ../shared/tools/score_events.py --gold gold/ --toponyms places.csv -v
"""


def register(subparsers) -> None:
    import argparse
    p = subparsers.add_parser(
        "toponyms", help="list the places each article names (CSV)",
        description="Find every place name in the articles (Arabic and English) and write one CSV row per "
                    "mention: article_id,start,end,text,name,name_ar,place_id,latitude,longitude,admin1,match. "
                    "start/end are character offsets in the article's headline + text.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (txt, json, jsonl, html)")
    p.add_argument("--out", required=True, metavar="FILE.csv", help="where to write the CSV ('-' for stdout)")
    p.add_argument("--all", action="store_true",
                   help="also list countries, parts of Libya and foreign places (adds feature/country columns)")
    p.set_defaults(func=run)


def _safe(value) -> str:
    """Neutralise spreadsheet formulas in text cells."""
    s = "" if value is None else str(value)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def mention_rows(article_id: str, mentions, include_all: bool = False) -> list[dict]:
    rows = []
    for m in mentions:
        if not include_all and (m.country_code != "LY" or m.feature in NOT_PLACES):
            continue
        row = {"article_id": article_id, "start": m.start, "end": m.end, "text": _safe(m.text),
               "name": _safe(m.name), "name_ar": _safe(m.name_ar), "place_id": m.place_id,
               "latitude": m.latitude, "longitude": m.longitude, "admin1": _safe(m.admin1), "match": m.match}
        if include_all:
            lat, lon = m.point
            row.update(feature=m.feature, country_code=m.country_code, geo_precision=m.geo_precision,
                       point_latitude=lat, point_longitude=lon)
        rows.append(row)
    return rows


def run(args) -> int:
    from gazetteer import default_gazetteer
    from pipeline.readers import iter_input_files, read_path
    from pipeline.records import Article

    for p in args.paths:
        if not Path(p).exists():
            raise UserError(f"no such file or folder: {p}")
    files = list(iter_input_files(args.paths))
    if not files:
        raise UserError("no article files found under " + ", ".join(args.paths))
    gz = default_gazetteer()
    columns = COLUMNS + (EXTRA_COLUMNS if args.all else ())
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="")
    n_articles = n_rows = n_skipped = 0
    try:
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        for path in files:
            for item in read_path(path):
                if not isinstance(item, Article):
                    n_skipped += 1
                    continue
                rows = mention_rows(item.id, gz.find(item.full_text), args.all)
                writer.writerows(rows)
                n_articles += 1
                n_rows += len(rows)
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"{n_articles} articles, {n_rows} place mentions -> {args.out}"
          + (f" ({n_skipped} inputs skipped: unreadable)" if n_skipped else ""), file=sys.stderr)
    return 0
