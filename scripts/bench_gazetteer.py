"""Time `default_gazetteer().find` on news-like Arabic and English text and print ms per KB.

    .venv/bin/python scripts/bench_gazetteer.py            # built-in sample paragraphs
    .venv/bin/python scripts/bench_gazetteer.py --repeat 500
    .venv/bin/python scripts/bench_gazetteer.py --articles ../shared/corpus/dev/articles

The sample paragraphs are written for this benchmark (invented reports in the style of wire news),
so the figures do not depend on any corpus. `--articles DIR` also times the texts of the *.json
articles in DIR, read in place. Not a test: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from gazetteer import default_gazetteer

ENGLISH = """\
TRIPOLI, Libya (Wire) — A drone strike hit a compound about 45 km southwest of Sirte on Tuesday,
killing at least four fighters, a security official in Misrata said. The official, who asked not to be
named, said the vehicles had arrived from the south, near the town of Bani Walid, two days earlier.
Residents of Ubari and Sabha reported hearing aircraft overnight. In Benghazi, the Libyan National Army
said its forces had repelled an attack on positions on the outskirts of Derna, and that clashes had
spread to the Jufra district. The Government of National Accord in Tripoli condemned the shelling of
Mitiga airport and called on the United Nations to investigate. Officials in Tunisia and Egypt said
their border crossings at Ras Ajdir and Salloum would stay open. A spokesman in Washington declined to
comment. Separately, fighting was reported 100 miles south of Tobruk and in the vicinity of Murzuq,
where tribal militias have clashed since March. Aid groups in Zawiya and Gharyan said hospitals were
short of fuel. The oil ports of Ras Lanuf and Brega, in the Oil Crescent, were closed for a third week.
A convoy travelling from Ajdabiya to Kufra was ambushed, local media in Sabratha reported, and three
drivers were wounded. Analysts in Rome and Paris said the strikes in southern Libya showed the reach of
the campaign. Residents of Tarhuna and Zliten staged protests. Farther west, near Zuwara and Nalut, the
Amazigh councils called for calm. Forces loyal to the eastern command took control of Awbari airfield.
"""

ARABIC = """\
طرابلس - قال مسؤول أمني في مدينة مصراتة إن غارة جوية استهدفت مجمعا على بعد نحو 45 كم جنوب غرب مدينة سرت
يوم الثلاثاء، ما أسفر عن مقتل أربعة مسلحين على الأقل. وأضاف أن العربات وصلت من الجنوب، بالقرب من بني وليد،
قبل يومين. وأفاد سكان في أوباري وسبها بسماع أصوات طائرات خلال الليل. وفي بنغازي، قال الجيش الوطني الليبي
إن قواته صدت هجوما على مواقعها بضواحي درنة، وإن الاشتباكات امتدت إلى منطقة الجفرة. ودانت حكومة الوفاق
في طرابلس قصف مطار معيتيقة ودعت الأمم المتحدة إلى التحقيق. وقال مسؤولون في تونس ومصر إن معبري رأس جدير
والسلوم سيبقيان مفتوحين. ورفض متحدث في واشنطن التعليق. وفي سياق منفصل، أفيد بوقوع اشتباكات على بعد 160 كم
جنوب شرق طبرق وفي محيط مرزق، حيث تتقاتل ميليشيات قبلية منذ مارس. وقالت منظمات إغاثة في الزاوية وغريان إن
المستشفيات تعاني نقصا في الوقود. وظلت موانئ رأس لانوف والبريقة في الهلال النفطي مغلقة للأسبوع الثالث.
وتعرضت قافلة متجهة من أجدابيا إلى الكفرة لكمين، بحسب وسائل إعلام محلية في صبراتة، وأصيب ثلاثة سائقين.
وقال محللون في روما وباريس إن الضربات في جنوب ليبيا تظهر مدى اتساع الحملة. ونظم سكان ترهونة وزليتن
احتجاجات. وإلى الغرب، قرب زوارة ونالوت، دعت المجالس الأمازيغية إلى التهدئة. وسيطرت قوات موالية للقيادة
العامة على مطار أوباري، فيما قال شهود إن طائرة مسيرة حلقت فوق وادي الشاطئ وبراك الشاطئ لساعات.
"""


def _time(find, text: str, repeat: int) -> float:
    """Best-of-5 mean milliseconds per call."""
    find(text)  # warm caches
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(repeat):
            find(text)
        best = min(best, (time.perf_counter() - t0) / repeat)
    return best * 1000


def _report(label: str, find, text: str, repeat: int) -> None:
    kb = len(text.encode("utf-8")) / 1024
    ms = _time(find, text, repeat)
    print(f"{label:<34} {kb:6.1f} KB  {ms:7.3f} ms/text  {ms / kb:6.3f} ms/KB  ({len(find(text))} mentions)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=200, help="calls per timing round (default 200)")
    ap.add_argument("--articles", type=Path, help="also time the texts of the *.json articles in this folder")
    args = ap.parse_args()

    t0 = time.perf_counter()
    gz = default_gazetteer()
    print(f"gazetteer built in {(time.perf_counter() - t0) * 1000:.0f} ms ({len(gz.places)} places)")
    english, arabic = ENGLISH * 2, ARABIC * 2  # ~3 KB English, ~5 KB (UTF-8) Arabic
    _report("English sample", gz.find, english, args.repeat)
    _report("Arabic sample", gz.find, arabic, args.repeat)
    if args.articles:
        texts = []
        for path in sorted(args.articles.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            texts.append((path.name, (data.get("title") or "") + "\n" + (data.get("text") or "")))
        for lang in ("ar", "en"):
            joined = "\n\n".join(t for name, t in texts if name.startswith(lang + "-"))
            if joined:
                _report(f"{args.articles.name} [{lang}] (joined)", gz.find, joined, max(1, args.repeat // 4))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
