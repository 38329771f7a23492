"""T006 stripped-number-name: years and names deleted outright."""

from __future__ import annotations

from conftest import findings, seed

from wenlint import Document
from wenlint.engine import lint
from wenlint.registry import all_rules


def _contexts(text: str) -> list[str]:
    doc = Document(text)
    return [text[d.start - 1 : d.end + 1] for d in lint(doc, [all_rules()["T006"]()])]


def test_seed_001_years_stripped(snapshot_json):
    """The snapshot (each finding with a character either side) was written
    at commit 5be906e, where the test counted 12, and read through: each is
    a place where a year or a number was deleted from seed 001."""
    contexts = _contexts(seed("001").read_text(encoding="utf-8"))
    assert contexts == snapshot_json
    assert "從年起" in contexts and "到年," in contexts and "。年," in contexts
    assert not any("年底" in context for context in contexts)


def test_seed_002_name_stripped():
    assert findings(seed("002").read_text(encoding="utf-8"), "T006") == ["同志"]


def test_other_seeds_get_nothing():
    for prefix in ("000", "003", "004"):
        assert findings(seed(prefix).read_text(encoding="utf-8"), "T006") == []


def test_crafted():
    assert findings("會議於年月日召開,截至年,已完成。", "T006") == ["年月日", "年"]
    assert findings("到年底完成。從年初開始。等到年紀大了。這一年,很好。", "T006") == []
    assert findings("同志們:老同志強調,王明同志指出。", "T006") == []
    assert findings("會上，同志指出:要團結。", "T006") == ["同志"]
