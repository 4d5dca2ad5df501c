#!/usr/bin/env python3
"""Ingest benchmark: generate a few thousand varied synthetic articles and time `rasd ingest`.

    .venv/bin/python scripts/benchmark.py [--articles 3000] [--runs 3] [--keep DIR]

The articles are written by this script from templates (Arabic and English; strikes, clashes,
bombings, background history, quotes, filler), as article JSON, JSON Lines and plain text. Each
ingest runs in a fresh process on a fresh database, single-process and with --workers 2, `--runs`
times each (median reported: a shared machine is noisy);
the script prints articles/s, events stored and peak memory (RSS) of each run. Not a test: numbers
depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

PLACES_AR = ["سرت", "بنغازي", "درنة", "أوباري", "سبها", "مرزق", "مصراتة", "طرابلس", "الزاوية", "أجدابيا", "الكفرة",
             "غات", "طبرق", "بني وليد", "غريان", "صبراتة", "تاجوراء", "ترهونة"]
PLACES_EN = ["Sirte", "Benghazi", "Derna", "Ubari", "Sabha", "Murzuq", "Misrata", "Tripoli", "Zawiya", "Ajdabiya",
             "Kufra", "Ghat", "Tobruk", "Bani Walid", "Gharyan", "Sabratha", "Tajoura", "Tarhuna"]
ACTORS_AR = ["القوات الأمريكية", "القيادة العسكرية الأميركية في أفريقيا", "قوات حفتر", "قوات حكومة الوفاق",
             "الجيش الوطني الليبي", "الطيران المصري"]
ACTORS_EN = ["U.S. Africa Command", "US forces", "the Libyan National Army", "GNA forces", "Egyptian jets",
             "forces loyal to Haftar"]
GROUPS_AR = ["تنظيم داعش", "تنظيم القاعدة", "أنصار الشريعة", "تنظيم الدولة الإسلامية", "مجلس شورى ثوار بنغازي"]
GROUPS_EN = ["ISIS", "al-Qaeda", "Ansar al-Sharia", "the Islamic State group", "AQIM"]
WEEKDAYS_AR = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS_AR = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
NUMBERS_AR = ["اثنين", "ثلاثة", "أربعة", "خمسة", "سبعة", "عشرة"]
NUMBERS_EN = ["two", "three", "four", "five", "seven", "ten"]
FILLER_AR = [
    "وتعاني البلاد من انقسام سياسي منذ سنوات بين حكومتين متنافستين.",
    "وأكد مسؤول محلي أن السكان يعيشون في حالة من القلق بسبب تدهور الأوضاع الأمنية.",
    "ودعت الأمم المتحدة جميع الأطراف إلى ضبط النفس والعودة إلى طاولة الحوار.",
    "ولم يصدر أي تعليق رسمي من الحكومة حتى ساعة إعداد هذا التقرير.",
    "وأشار المصدر إلى أن التحقيقات ما زالت جارية لمعرفة ملابسات ما حدث.",
    "وتشهد المنطقة نقصا حادا في الوقود والكهرباء منذ أسابيع.",
]
CONTEXT_AR = [
    "وتشهد ليبيا فوضى أمنية منذ الإطاحة بنظام معمر القذافي عام 2011، وتتنازع السلطة فيها حكومتان.",
    "واستغلت الجماعات المتطرفة حالة الانقسام لتعزيز وجودها في الجنوب الليبي الشاسع قليل السكان.",
    "وقال شهود عيان إنهم سمعوا دوي انفجارات قوية وشاهدوا أعمدة الدخان تتصاعد من المكان.",
    "وأعلنت وزارة الصحة في وقت لاحق حصيلة أولية للضحايا، مشيرة إلى أن المستشفى استقبل عددا من المصابين.",
    "ويقول محللون إن الضربات الجوية وحدها لن تكفي للقضاء على الخلايا النائمة في الصحراء.",
    "وطالب أعيان المنطقة بفتح تحقيق مستقل وتعويض المتضررين من العمليات العسكرية.",
]
CONTEXT_EN = [
    "Libya has been mired in chaos since the 2011 uprising that toppled and killed Moammar Gadhafi.",
    "Militants have exploited the security vacuum to regroup in the vast and sparsely populated south.",
    "Witnesses said they heard several loud explosions and saw plumes of smoke rising over the area.",
    "The health ministry later gave a preliminary toll, saying the local hospital had received wounded.",
    "Analysts said air power alone would not defeat cells hiding in the desert near the southern borders.",
    "Tribal elders demanded an independent inquiry and compensation for families affected by the operations.",
]
FILLER_EN = [
    "The country has been divided between rival administrations for years.",
    "Residents said shops remained closed and fuel was scarce across the region.",
    "The United Nations called on all sides to exercise restraint and return to talks.",
    "There was no immediate comment from the government, a spokesman said.",
    "Officials said an investigation was under way to establish what happened.",
    "Analysts say the fighting has complicated efforts to hold national elections.",
]


def _context(rng: random.Random, context: list[str], filler: list[str]) -> list[str]:
    """0-6 more paragraphs of background and filler, so lengths vary like real reports (~400-3,000 chars)."""
    return [" ".join(rng.sample(context, rng.randint(1, 2)) + rng.sample(filler, rng.randint(0, 2)))
            for _ in range(rng.choice([0, 1, 1, 2, 3, 4, 5, 6]))]


def article_ar(rng: random.Random, i: int, published: date) -> dict:
    place, place2 = rng.sample(PLACES_AR, 2)
    actor, group = rng.choice(ACTORS_AR), rng.choice(GROUPS_AR)
    wd = WEEKDAYS_AR[(published - timedelta(days=rng.randint(0, 3))).weekday()]
    n = rng.choice(NUMBERS_AR + [str(rng.randint(2, 40))])
    year = rng.randint(2011, published.year - 1)
    paras = [
        f"{rng.choice(['طرابلس', 'بنغازي', 'القاهرة'])} - شنت {actor} غارة جوية يوم {wd} على مواقع {group} "
        f"{rng.choice(['قرب', 'بضواحي', 'في'])} مدينة {place}، ما أدى إلى مقتل {n} من عناصر التنظيم.",
        rng.choice(FILLER_AR),
        f"وقال متحدث باسم {actor} في بيان إن الضربة استهدفت مخزنا للأسلحة والذخيرة.",
        rng.choice(FILLER_AR),
        f"وكانت مدينة {place2} قد شهدت في {rng.choice(MONTHS_AR)} {year} اشتباكات عنيفة بين {actor} و{group}.",
        rng.choice(FILLER_AR) + " " + rng.choice(FILLER_AR),
        *_context(rng, CONTEXT_AR, FILLER_AR),
    ]
    rng.shuffle(paras[1:4])
    return {"id": f"bench-ar-{i}", "language": "ar", "title": f"غارة على مواقع {group} في {place}",
            "published": published.isoformat(), "text": "\n\n".join(paras)}


def article_en(rng: random.Random, i: int, published: date) -> dict:
    place, place2 = rng.sample(PLACES_EN, 2)
    actor, group = rng.choice(ACTORS_EN), rng.choice(GROUPS_EN)
    wd = WEEKDAYS_EN[(published - timedelta(days=rng.randint(0, 3))).weekday()]
    n = rng.choice(NUMBERS_EN + [str(rng.randint(2, 40))])
    km = rng.choice([20, 45, 100, 160])
    direction = rng.choice(["south", "southeast", "southwest", "east", "west"])
    paras = [
        f"{rng.choice(['TRIPOLI, Libya (Reuters) -', 'WASHINGTON -', 'CAIRO -'])} {actor} carried out an airstrike on "
        f"{wd} against {group} fighters about {km} km {direction} of {place}, killing {n} militants, officials said.",
        rng.choice(FILLER_EN),
        f"\"The strike destroyed a weapons depot,\" a spokesman for {actor} said in a statement.",
        rng.choice(FILLER_EN),
        f"In {rng.choice(MONTHS_EN)} {rng.randint(2011, published.year - 1)}, clashes between {actor} and {group} "
        f"in {place2} killed {rng.randint(3, 30)} people.",
        rng.choice(FILLER_EN) + " " + rng.choice(FILLER_EN),
        *_context(rng, CONTEXT_EN, FILLER_EN),
    ]
    rng.shuffle(paras[1:4])
    return {"id": f"bench-en-{i}", "language": "en", "title": f"Airstrike hits {group} near {place}",
            "published": published.isoformat(), "text": "\n\n".join(paras)}


def generate(folder: Path, count: int, seed: int = 7) -> tuple[int, int]:
    """Write `count` articles: a third as single JSON files, a third in JSON Lines, a third as .txt.
    Returns (articles, characters of headline + text)."""
    rng = random.Random(seed)
    chars = 0
    folder.mkdir(parents=True, exist_ok=True)
    jsonl = open(folder / "batch.jsonl", "w", encoding="utf-8")
    try:
        for i in range(count):
            published = date(2015, 1, 1) + timedelta(days=rng.randint(0, 365 * 7))
            art = (article_ar if i % 2 else article_en)(rng, i, published)
            chars += len(art["title"]) + len(art["text"])
            kind = i % 3
            if kind == 0:
                (folder / f"{art['id']}.json").write_text(json.dumps(art, ensure_ascii=False), encoding="utf-8")
            elif kind == 1:
                jsonl.write(json.dumps(art, ensure_ascii=False) + "\n")
            else:
                (folder / f"{art['id']}.txt").write_text(
                    f"published: {art['published']}\nlanguage: {art['language']}\nid: {art['id']}\n---\n"
                    f"{art['title']}\n\n{art['text']}\n", encoding="utf-8")
    finally:
        jsonl.close()
    return count, chars


RUNNER = """
import json, resource, sys, time
from pipeline.cli import main
t = time.perf_counter()
code = main(sys.argv[1:])
elapsed = time.perf_counter() - t
self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": code, "seconds": elapsed, "peak_rss_mb": round(max(self_kb, child_kb) / 1024, 1)}),
      file=sys.stderr)
"""


def run_ingest(folder: Path, db: Path, workers: int) -> dict:
    for old in db.parent.glob(db.name + "*"):
        old.unlink()  # a fresh database each run
    cmd = [sys.executable, "-c", RUNNER, "ingest", str(folder), "--db", str(db), "--workers", str(workers),
           "--no-progress"]
    # Python's usual byte-code cache, as on a user's machine (some environments switch it off, which
    # would time the compiling of every lazily imported module)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    last = [line for line in proc.stderr.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not last:
        raise SystemExit(f"ingest failed:\n{proc.stdout}\n{proc.stderr}")
    result = json.loads(last[-1])
    result["summary"] = proc.stdout.strip().splitlines()[0] if proc.stdout.strip() else ""
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000, help="how many articles to generate (default 3000)")
    ap.add_argument("--keep", help="write the articles here and keep them (default: a temporary folder)")
    ap.add_argument("--runs", type=int, default=3,
                    help="ingest runs per setting, each on a fresh database; the median is reported (default 3)")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="rasd-bench-"))
    folder = Path(args.keep) if args.keep else tmp / "articles"
    try:
        t = time.perf_counter()
        n, chars = generate(folder, args.articles)
        print(f"generated {n} articles in {time.perf_counter() - t:.1f} s ({folder}), "
              f"{chars / n:.0f} characters of text per article on average")
        for workers in (1, 2):
            db = tmp / f"bench-{workers}.sqlite"
            runs = [run_ingest(folder, db, workers) for _ in range(max(1, args.runs))]
            seconds = [r["seconds"] for r in runs]
            median = statistics.median(seconds)
            print(f"ingest --workers {workers}: {n / median:.0f} articles/s (median of {len(runs)} runs: {median:.2f} s "
                  f"for {n}; {chars / median / 1000:.0f}k characters/s; runs {', '.join(f'{s:.2f}' for s in seconds)} s), "
                  f"peak RSS {max(r['peak_rss_mb'] for r in runs)} MB")
            print(f"   {runs[-1]['summary']}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
