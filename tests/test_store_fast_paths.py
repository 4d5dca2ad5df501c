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


def test_report_of_event_is_what_the_events_table_reads_back(tmp_path):
    from foundation_support import make_event
    from pipeline.records import Article
    from pipeline.store import _report_of_event, open_store

    event = make_event("a", 3, actor1="LNA", fatalities=2, notes="n", evidence_start=1, evidence_end=9,
                       field_evidence={"actor1": "s"})
    article = Article(id="a", text="x", content_hash="h", published="2019-05-02")
    with open_store(tmp_path / "db.sqlite") as store:
        with store.transaction():
            store.write_article(article, [event])
        read_back = store._load_block(next(iter(store.conn.execute("SELECT block FROM events")))[0]).reports["a#3"]
    built = _report_of_event("a#3", "a", event, event.notes, event.evidence, None, article.published)
    assert built == read_back and hash(built) == hash(read_back)
    assert list(vars(built)) == list(Report.__dataclass_fields__)
