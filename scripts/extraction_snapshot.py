#!/usr/bin/env python3
"""Snapshot of what the pipeline extracts, to prove a speed change kept the output identical.

    .venv/bin/python scripts/extraction_snapshot.py save SNAPSHOT.jsonl PATH...
    .venv/bin/python scripts/extraction_snapshot.py compare SNAPSHOT.jsonl PATH...

For every article read under PATH (files or folders, any supported format) it records the gazetteer
mentions and the extracted events (every field, evidence included) as one JSON line. `compare` runs
the pipeline again and lists the articles whose output changed (exit 1 when any did). A developer
tool, not a test: the snapshot depends on the articles given.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time


def snapshot_lines(paths: list[str]):
    from gazetteer import default_gazetteer
    from pipeline import extract
    from pipeline.readers import iter_input_files, read_path
    from pipeline.records import Quarantined

    gz = default_gazetteer()
    for path in sorted(str(p) for p in iter_input_files(paths)):
        for item in read_path(path, 10**9):
            if isinstance(item, Quarantined):
                continue
            mentions = list(gz.find(item.full_text))
            events = list(extract.extract_events(item, gz, mentions=mentions))
            yield item.id, json.dumps({"id": item.id, "mentions": [dataclasses.asdict(m) for m in mentions],
                                       "events": [dataclasses.asdict(e) for e in events]},
                                      ensure_ascii=False, sort_keys=True, default=str)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["save", "compare"])
    ap.add_argument("snapshot")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    lines = list(snapshot_lines(args.paths))
    took = time.perf_counter() - started
    if args.mode == "save":
        with open(args.snapshot, "w", encoding="utf-8") as out:
            for _, line in lines:
                out.write(line + "\n")
        print(f"saved {len(lines)} articles in {took:.2f} s")
        return 0
    with open(args.snapshot, encoding="utf-8") as f:
        before = {json.loads(line)["id"]: line.rstrip("\n") for line in f}
    changed = [aid for aid, line in lines if before.get(aid) != line]
    missing = set(before) - {aid for aid, _ in lines}
    print(f"compared {len(lines)} articles in {took:.2f} s: {len(changed)} changed, {len(missing)} missing")
    for aid in changed[:10]:
        old = json.loads(before.get(aid, "{}") or "{}")
        new = json.loads(dict(lines)[aid])
        for key in ("mentions", "events"):
            if old.get(key) != new.get(key):
                o, n = old.get(key) or [], new.get(key) or []
                print(f"  {aid}: {key} differ ({len(o)} -> {len(n)})")
                for a, b in zip(o, n):
                    if a != b:
                        diff = {k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)}
                        print(f"     {json.dumps(diff, ensure_ascii=False)[:400]}")
                        break
    return 1 if changed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
