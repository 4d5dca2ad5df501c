"""The store's fast paths write what the general code wrote: field_evidence JSON and Reports."""
from __future__ import annotations

import json
import random

from pipeline.dedupe import Report, report_from_values
from pipeline.store import _field_evidence_json


def test_field_evidence_json_is_json_dumps_sorted():
    rng = random.Random(3)
    keys = ["event_date", "location", "actor2", "fatalities", "é", '"k', "😀", ""]
    values = ["a", "", '"q"\n\t\\', "سرت\u2028قصف", "\x00\x1f\x7f", "😀 smile", 1, None, 2.5, ["x"], {"n": 1}]
    for _ in range(5000):
        shared = rng.choice(values)
        evidence = {rng.choice(keys): rng.choice([shared, rng.choice(values)]) for _ in range(rng.randint(0, 5))}
        assert _field_evidence_json(evidence) == json.dumps(evidence, ensure_ascii=False, sort_keys=True)
    assert _field_evidence_json(None) == "{}"


def test_report_from_values_is_report():
    values = [f"v{i}" for i in range(len(Report.__dataclass_fields__))]
    built = report_from_values(values)
    assert built == Report(*values) and hash(built) == hash(Report(*values))
    assert built.published == values[-1]
