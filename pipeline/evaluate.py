"""Measure the pipeline on annotated articles: the same scores as the project's reference scorer.

Gold: one JSON file per article ({"article_id", "events": [...], "toponyms": [...]}, see the
README's "Evaluate" section). Each gold event is matched, within its own article, to at most one
system event that lies within the gold event's distance tolerance (50 km; 250 km for a region; a
relative place is projected from its anchor, tolerance max(50, 0.3 x distance)) and does not
contradict its year. Then:

- precision, recall (all events and primary events), F1: events found; an 'optional' gold event is
  neither owed nor wrong;
- date accuracy: share of matched dated gold events whose date is right at the gold precision
  (week counts as month); a system date where the gold says unknown is 'fabricated';
- fatalities accuracy: matched gold events with a count whose system count is an accepted figure;
- group accuracy: matched gold events with a known target group whose system actor2 is of the same
  family (AQIM and al-Qaeda are one family);
- event accuracy: gold events found with date, fatalities and group all right;
- primary placement: distance from each primary gold event to the nearest system event of its
  article (median, share within 25 km and 161 km).
"""
from __future__ import annotations

import glob
import json
import math
import os
import re
import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

EARTH_KM = 6371.0088
BEARINGS = {"N": 0, "NNE": 22.5, "NE": 45, "ENE": 67.5, "E": 90, "ESE": 112.5, "SE": 135, "SSE": 157.5,
            "S": 180, "SSW": 202.5, "SW": 225, "WSW": 247.5, "W": 270, "WNW": 292.5, "NW": 315, "NNW": 337.5}
PRECISION_RANK = {"day": 3, "week": 2, "month": 2, "year": 1}

# Group families: (canonical, family, pattern over lower-cased text). Names of the same family count as right.
GROUP_FAMILIES = [
    ("AQIM", "al-Qaeda", r"aqim|islamic maghreb|المغرب الإسلامي"),
    ("al-Qaeda", "al-Qaeda", r"qa'?i?da|qaeda|القاعدة"),
    ("ISIS", "ISIS", r"\bisis\b|\bisil\b|islamic state|daesh|\bis\b|داعش|الدولة الإسلامية"),
    ("Ansar al-Sharia", "Ansar al-Sharia", r"ansar al.?shari|أنصار الشريعة"),
    ("LNA", "LNA", r"\blna\b|libyan national army|haftar|الجيش الوطني|حفتر"),
    ("GNA", "GNA", r"\bgna\b|national accord|government of national|الوفاق"),
    ("United States", "United States", r"united states|\bu\.?s\.?\b|africom|american|أمريك|أميرك|أفريكوم"),
]
_FAMILY_RES = [(family, re.compile(pattern)) for _, family, pattern in GROUP_FAMILIES]
DATE_QUALITY = {"exact": 0, "right_unknown": 0, "coarse": 1, "missing": 2, "fabricated": 2}


def group_family(text: str | None) -> set[str]:
    text = (text or "").lower()
    return {family for family, regex in _FAMILY_RES if regex.search(text)}


def haversine_km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def destination(lat, lon, distance_km, bearing_deg):
    d, b = distance_km / EARTH_KM, math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180


def gold_point(event: dict) -> tuple[float, float, float]:
    """(lat, lon, tolerance_km) of a gold event; a relative place is projected from its anchor."""
    rel = event.get("relative")
    if rel and rel.get("distance_km") and rel.get("bearing"):
        bearing = BEARINGS.get(str(rel["bearing"]).upper().replace("-", ""))
        if bearing is not None:
            lat, lon = destination(rel.get("anchor_lat", event["lat"]), rel.get("anchor_lon", event["lon"]),
                                   float(rel["distance_km"]), bearing)
            return lat, lon, max(50.0, 0.3 * float(rel["distance_km"]))
    tol = {"region": 250.0, "approximate": 100.0}.get(event.get("geo_precision") or "", 50.0)
    return event["lat"], event["lon"], tol


def parse_date(value, precision):
    """-> (year, month, day, rank) with parts beyond the precision dropped; None when unknown."""
    value = (value or "").strip() if isinstance(value, str) else ("" if value is None else str(value))
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2) and int(m.group(2)), m.group(3) and int(m.group(3))
    prec = (precision or "").strip().lower() if isinstance(precision, str) else ""
    rank = PRECISION_RANK.get(prec)
    if rank is None:
        rank = 3 if d else 2 if mo else 1
    return (y, mo if rank >= 2 else None, d if rank >= 3 else None, rank)


def date_verdict(gold: dict, system) -> str:
    g = parse_date(gold.get("event_date"), gold.get("date_precision"))
    if g is None:
        return "fabricated" if system is not None else "right_unknown"
    if system is None:
        return "missing"
    if system[0] != g[0]:
        return "wrong"
    if system[3] < g[3]:
        return "coarse" if all(s == x for s, x in zip(system[:system[3]], g[:system[3]])) else "wrong"
    return "exact" if system[:g[3]] == g[:g[3]] else "wrong"


def _float(value):
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def load_gold(dirs) -> dict[str, dict]:
    """Gold files (*.json) from each folder, keyed by article_id."""
    gold: dict[str, dict] = {}
    for d in dirs:
        for path in sorted(glob.glob(os.path.join(str(d), "*.json"))):
            with open(path, encoding="utf-8") as f:
                item = json.load(f)
            gold[item["article_id"]] = item
    return gold


def rows_by_article(rows) -> dict[str, list[dict]]:
    """System event rows (dicts with a 'sources' column, ';'-separated article ids) per article."""
    out: dict[str, list[dict]] = {}
    for row in rows:
        ids = row.get("sources") or row.get("article_id") or ""
        for article in {a.strip() for a in str(ids).split(";") if a.strip()}:
            out.setdefault(article, []).append(row)
    return out


@dataclass
class ArticleDetail:
    article_id: str
    lines: list[str] = field(default_factory=list)


def score(gold: dict[str, dict], system: dict[str, list[dict]]) -> tuple[dict, list[ArticleDetail]]:
    t = dict(gold_events=0, gold_primary=0, system_mentions=0, matched=0, matched_primary=0,
             date_exact=0, date_coarse=0, date_wrong=0, date_missing=0, date_fabricated=0,
             date_right_unknown=0, fat_gold=0, fat_exact=0, group_gold=0, group_right=0, all_right=0)
    nearest_primary: list[float] = []
    details: list[ArticleDetail] = []
    for article_id, item in sorted(gold.items()):
        events = item.get("events", [])
        rows = system.get(article_id, [])
        t["gold_events"] += sum(e.get("role") != "optional" for e in events)
        t["gold_primary"] += sum(e.get("role") == "primary" for e in events)
        t["system_mentions"] += len(rows)
        pts = [(_float(r.get("latitude")), _float(r.get("longitude"))) for r in rows]
        dates = [parse_date(r.get("event_date"), r.get("date_precision")) for r in rows]
        candidates = []
        for gi, e in enumerate(events):
            glat, glon, tol = gold_point(e)
            gdate = parse_date(e.get("event_date"), e.get("date_precision"))
            best = math.inf
            for si, (lat, lon) in enumerate(pts):
                if lat is None or lon is None:
                    continue
                dist = haversine_km(glat, glon, lat, lon)
                best = min(best, dist)
                if dist > tol or (gdate and dates[si] and gdate[0] != dates[si][0]):
                    continue
                candidates.append((DATE_QUALITY.get(date_verdict(e, dates[si]), 3), dist, gi, si))
            if e.get("role") == "primary":
                nearest_primary.append(best)
        used_g, used_s, pairs = set(), set(), []
        for quality, dist, gi, si in sorted(candidates, key=lambda c: (events[c[2]].get("role") == "optional", c)):
            if gi in used_g or si in used_s:
                continue
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gi, si, dist))
        detail = ArticleDetail(article_id)
        detail.lines.append(f"== {article_id}: gold {len(events)}, system {len(rows)}, matched {len(pairs)}")
        for gi, si, dist in pairs:
            e, r = events[gi], rows[si]
            if e.get("role") == "optional":
                t["system_mentions"] -= 1
                continue
            t["matched"] += 1
            t["matched_primary"] += e.get("role") == "primary"
            verdict = date_verdict(e, dates[si])
            t["date_" + verdict] += 1
            right = verdict in ("exact", "right_unknown")
            if isinstance(e.get("fatalities"), int):
                accepted = {float(n) for n in e.get("fatalities_accept") or [e["fatalities"]]}
                t["fat_gold"] += 1
                ok = _float(r.get("fatalities")) in accepted
                t["fat_exact"] += ok
                right = right and ok
            target = e.get("target_group")
            if target and target.lower() != "unknown" and group_family(target):
                t["group_gold"] += 1
                got = group_family(" ".join(str(r.get(c) or "") for c in ("actor2", "target_group", "group", "groups")))
                ok = bool(group_family(target) & got)
                t["group_right"] += ok
                right = right and ok
            t["all_right"] += right
        for gi, e in enumerate(events):
            hit = next(((si, d) for g, si, d in pairs if g == gi), None)
            mark = f"matched {hit[1]:.0f} km, date {date_verdict(e, dates[hit[0]])}" if hit else "MISSED"
            detail.lines.append(f"   gold {e.get('role', '?'):10} {e.get('event_date')} {e.get('location_name')}: {mark}")
        for si, r in enumerate(rows):
            if si not in used_s:
                detail.lines.append(f"   extra     {r.get('event_date') or None} {r.get('location')} "
                                    f"({r.get('latitude')},{r.get('longitude')})")
        details.append(detail)
    ratio = lambda a, b: round(a / b, 3) if b else None  # noqa: E731
    precision, recall = ratio(t["matched"], t["system_mentions"]), ratio(t["matched"], t["gold_events"])
    dated = t["date_exact"] + t["date_coarse"] + t["date_wrong"] + t["date_missing"]
    finite = [d for d in nearest_primary if d != math.inf]
    result = {
        "articles": len(gold), **t,
        "precision": precision, "recall": recall,
        "recall_primary": ratio(t["matched_primary"], t["gold_primary"]),
        "f1": round(2 * precision * recall / (precision + recall), 3) if precision and recall else 0.0,
        "event_accuracy": ratio(t["all_right"], t["gold_events"]),
        "date_accuracy": ratio(t["date_exact"], dated),
        "fatalities_accuracy": ratio(t["fat_exact"], t["fat_gold"]),
        "group_accuracy": ratio(t["group_right"], t["group_gold"]),
        "primary_geo_acc25": ratio(sum(d <= 25 for d in nearest_primary), len(nearest_primary)),
        "primary_geo_acc161": ratio(sum(d <= 161 for d in nearest_primary), len(nearest_primary)),
        "primary_geo_median_km": round(statistics.median(finite), 1) if finite else None,
    }
    return result, details


SUMMARY_KEYS = ("articles", "gold_events", "gold_primary", "system_mentions", "matched", "matched_primary",
                "precision", "recall", "recall_primary", "f1", "event_accuracy", "date_accuracy", "date_fabricated",
                "fatalities_accuracy", "group_accuracy", "primary_geo_acc25", "primary_geo_acc161",
                "primary_geo_median_km")


def format_scores(result: dict, details: list[ArticleDetail] | None = None) -> str:
    lines = []
    for d in details or []:
        lines.extend(d.lines)
        lines.append("")
    lines.extend(f"{key:24} {result.get(key)}" for key in SUMMARY_KEYS)
    return "\n".join(lines)


def evaluate(gold_dirs, article_paths, *, db_path: str | Path | None = None, workers: int = 1,
             progress: bool | None = False) -> tuple[dict, list[ArticleDetail], int]:
    """Ingest the articles (into `db_path`, or a temporary database removed afterwards), load the
    deduplicated events and score them. Returns (scores, per-article details, number of events)."""
    from pipeline.ingest import ingest
    from pipeline.store import load_events_frame

    gold = load_gold(gold_dirs)
    with tempfile.TemporaryDirectory(prefix="rasd-evaluate-") as tmp:
        db = Path(db_path) if db_path else Path(tmp) / "evaluate.sqlite"
        ingest([str(p) for p in article_paths], db, workers=workers, progress=progress)
        frame = load_events_frame(db)
    rows = frame.to_dict("records")
    result, details = score(gold, rows_by_article(rows))
    return result, details, len(rows)
