"""L006: a clause or sentence mark doubled by extraction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_FILES, findings, seed

from wenlint import Document
from wenlint.engine import fix
from wenlint.registry import all_rules

RULE = all_rules()["L006"]
CSC = Path(__file__).resolve().parents[2] / "shared" / "data" / "csc"


def fixed(text: str, *rules) -> str:
    return fix(Document(text), list(rules) or [RULE()]).doc.text


def test_seed_004_fake_bold_full_stop():
    text = seed("004").read_text(encoding="utf-8")
    assert findings(text, "L006") == ["。 。"]
    result = fixed(text)
    assert "坚强组织坚强组织堡堡垒垒。 健全完善" in result
    assert result == text.replace("堡堡垒垒。 。 健全", "堡堡垒垒。 健全")


@pytest.mark.parametrize("path", SEED_FILES[:4], ids=lambda p: p.name[:3])
def test_nothing_on_seeds_000_to_003(path):
    assert findings(path.read_text(encoding="utf-8"), "L006") == []


@pytest.mark.parametrize(
    ("text", "flagged", "expected"),
    [
        ("社区的各类组织，，在社区建设上。", ["，，"], "社区的各类组织，在社区建设上。"),
        ("贯彻省、、市精神。", ["、、"], "贯彻省、市精神。"),
        ("工作落实；；形成合力。", ["；；"], "工作落实；形成合力。"),
        ("会议指出：　：要加强领导。", ["：　："], "会议指出：要加强领导。"),
        ("今天,,我们召开会议。", [",,"], "今天,我们召开会议。"),
        ("一是落实;;二是推进。", [";;"], "一是落实;二是推进。"),
    ],
)
def test_doubled_marks(text, flagged, expected):
    assert findings(text, "L006") == flagged
    assert fixed(text) == expected
    assert fixed(expected) == expected


def test_with_m001_the_doubled_ascii_comma_becomes_one_fullwidth_comma():
    m001 = all_rules()["M001"]()
    assert fixed("今天,,我们召开全区社区建设工作会议。", RULE(), m001) == "今天，我们召开全区社区建设工作会议。"


@pytest.mark.parametrize(
    "text",
    [
        "他沉默了很久……然后说：“好吧——就这样。”",  # ellipsis and dash are two characters by rule
        "太好了！！我们赢了？？真的吗？！",  # emphasis: style, not damage
        "嗯。。。我再想想，，，",  # three or more: an informal ellipsis
        "等等...然后呢",
        "社区，。居民",  # two different marks: not this rule
        "姓名,,年龄\n张三,,30",  # an empty CSV field
        "std::vector 和 a,,b 都不是中文。",
    ],
)
def test_left_alone(text):
    assert findings(text, "L006") == []


def test_markdown_code_is_left_alone():
    assert findings("运行 `case $x in a) echo 1;; esac` 或 `社区，，居民` 即可。", "L006", path="notes.md") == []


@pytest.mark.skipif(not CSC.is_dir(), reason="development data not present")
def test_clean_sentences():
    flagged = []
    for path in sorted(CSC.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            sentence = json.loads(line)["tgt"]
            flagged += [(sentence, span) for span in findings(sentence, "L006")]
    # the one finding is a real doubled comma left in a corrected sentence
    assert [span for _, span in flagged] == ["，，"]
    assert "该怎么办，，它是学校中不可或缺的东西" in flagged[0][0]


@pytest.mark.parametrize("mark", "，。、；：,;")
def test_each_mark_doubled_across_each_blank(mark):
    # the quick test run before the pattern must let every one of them through
    for blank in ("", " ", "\u00a0", "\u3000", "  "):
        assert findings(f"社区建设，各类组织{mark}{blank}{mark}在社区。", "L006") == [f"{mark}{blank}{mark}"], blank
