"""M006: Chinese quotes paired with ASCII `"`, and unbalanced quotes and brackets."""

from __future__ import annotations

import pytest
from conftest import SEED_FILES, findings, seed

from wenlint import Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules

RULE = all_rules()["M006"]


def fixed(text: str, path: str = "a.txt") -> str:
    return fix(Document.from_source(text, path), [RULE()]).doc.text


def spans(text: str) -> list[tuple[str, str]]:
    """(flagged text, a few characters around it) for every finding."""
    doc = Document.from_source(text, "a.txt")
    return [(text[d.start : d.end], text[d.start - 3 : d.end + 3]) for d in lint(doc, [RULE()])]


def test_seed_003_mixed_pairs_are_flagged_and_fixed():
    text = seed("003").read_text(encoding="utf-8")
    assert spans(text) == [('"', '基层”"抓堵点'), ('"', '六稳”"六保”')]
    result = fixed(text)
    assert "在“下基层”“抓堵点”“增效能”等方面" in result
    assert "积极投身“六稳”“六保”工作" in result
    assert '"' not in result
    assert findings(result, "M006") == []
    assert fixed(result) == result


def test_seed_findings_are_the_damaged_quotes():
    # 001 and 002: an opening quote eaten by the lossy GBK step; 004: a quote cut by a preview-page break.
    assert [s for s, _ in spans(seed("001").read_text(encoding="utf-8"))] == ["”", "”"]
    assert [ctx for _, ctx in spans(seed("002").read_text(encoding="utf-8"))] == ["要發展”。我們"]
    assert [ctx for _, ctx in spans(seed("004").read_text(encoding="utf-8"))] == [":就是“社区居", "的事情”。举一"]
    assert findings(seed("000").read_text(encoding="utf-8"), "M006") == []


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_fix_only_changes_quotes(path):
    before = path.read_text(encoding="utf-8")
    after = fixed(before)
    assert len(after) == len(before)
    assert [a for a, b in zip(before, after) if a != b] in ([], ['"', '"'])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('在“下基层”"抓堵点”“增效能”等方面', "在“下基层”“抓堵点”“增效能”等方面"),
        ('投身"六保”工作', "投身“六保”工作"),
        ('他说“明天再来"，就走了。', "他说“明天再来”，就走了。"),
        ('他说“好的"，然后“走了”。', "他说“好的”，然后“走了”。"),
    ],
)
def test_mixed_pairs_are_fixed(text, expected):
    assert findings(text, "M006") == ['"']
    assert fixed(text) == expected


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("“看病难”、看病贵”是问题。", ["”"]),
        ("请阅读《社区建设纲要，并提出意见。", ["《"]),
        ("会议（扩大会议在北京召开。", ["（"]),
        ("会议扩大会议）在北京召开。", ["）"]),
        ("【注意\n内容", ["【"]),
        ("他说‘好，就走了。", ["‘"]),
        ("「你认为呢？妈妈说：「别想了！」", ["「"]),
        ("“第一段没有结束。\n\n第二段不是引文。", ["“"]),
        ("第一章》的内容", ["》"]),
    ],
)
def test_unbalanced_marks_are_flagged_without_fix(text, flagged):
    assert findings(text, "M006") == flagged
    assert fixed(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "他说：“我们要把‘为人民服务’落到实处。”",
        "“第一段\n“第二段\n“第三段结束。”",
        "“第一段\n\n\u3000\u3000“第二段\n\n“第三段结束。”",
        "「第一段\n\n「第二段結束。」",
        "这是“一个\n跨行的引文”。",
        "工作分三步：1）摸底；2）整改；3）验收。",
        "（1）加强领导\n2）落实责任\n一）其他\nb）附则",
        "It's the students’ choice, don’t ask, the ’90s. 他们说。",
        "“Hello,” she said. 她说了“你好”。",
        '他说"好的"，然后走了。',
        'He said "hello" and left, 然后我们开会。',
        '屏幕 27" 大，“很好”。',
        "a》b 表示 a 大于 b。",
        "括号（未闭合\n下一行）闭合。",
        "【摘要】本文讨论「社区」与『街道』的关系，见《人民日报》（第三版）。",
        "No Chinese here: “unbalanced and (",
    ],
)
def test_clean_text_is_left_alone(text):
    assert findings(text, "M006") == []


def test_markdown_code_is_skipped():
    text = '运行 `echo "hi”` 即可。'
    assert findings(text, "M006", path="a.md") == []
    assert findings(text, "M006", path="a.txt") == ["”"]


def test_cli_reports_seed_003(tmp_path):
    from conftest import wenlint

    result = wenlint("check", str(seed("003")), "--select", "M006", "--output-format", "concise", "--exit-zero")
    out = result.stdout.decode()
    assert out.count(": M006 ") == 2 and ":80:134: M006 [*]" in out and ":88:71: M006 [*]" in out
