"""The Arrow batch function the Ray engine runs for JSON Lines output
(``tables.lines_table``): the same lines, split the same way, as the local
engine's ``batch.scan_lines`` on the same records. No Ray needed: Ray's
workers call exactly these functions."""

from __future__ import annotations

import json

import pytest

pa = pytest.importorskip("pyarrow")
import pyarrow.json  # noqa: E402
from conftest import SEED_FILES  # noqa: E402

from wenlint.config import Settings  # noqa: E402
from wenlint.corpus import batch, tables  # noqa: E402
from wenlint.corpus.batch import ScanJob, Setup  # noqa: E402

RECORDS = [
    {"id": "clean", "text": "今天，我们召开全区社区建设工作会议，主要是总结经验、部署工作。"},
    {"id": "noisy", "text": "今天,我们开会!!!   明天也开会,,,后天 也开会。。。"},
    {"id": "numbers", "text": "第1季度收入为 1,234 万元，同比增长 12%。"},
    *({"id": path.stem, "text": path.read_text(encoding="utf-8")} for path in SEED_FILES[:2]),
]


@pytest.mark.parametrize("keep_rejected", [False, True])
def test_lines_table_writes_what_scan_lines_writes(keep_rejected):
    job = ScanJob(unsafe=True, fix=True, min_score=60, keep_rejected=keep_rejected)
    setup = Setup(Settings(), job, "in.jsonl", "tables-test")
    raw = [(json.dumps(record, ensure_ascii=False) + "\n").encode() for record in RECORDS]
    local = batch.scan_lines(setup, list(enumerate(raw, 1)))
    scanned = tables.lines_table(pyarrow.json.read_json(pa.py_buffer(b"".join(raw))), setup)

    assert scanned.column_names == [tables.HELPER, tables.LINE]
    assert tables.selected_lines(scanned, job, keep=True) == local.kept
    assert local.kept and (local.rejected or not keep_rejected)
    if keep_rejected:
        assert tables.selected_lines(scanned, job, keep=False) == local.rejected
    stats, errors = tables.table_stats(scanned, 1)
    assert stats == local.stats and errors == []
