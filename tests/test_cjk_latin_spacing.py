"""M007: spacing between Chinese and Latin letters or digits, in both house styles."""

from __future__ import annotations

import pytest
from conftest import SEED_FILES, findings, lengths_read, seed, wenlint

from wenlint import Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules

RULE = all_rules()["M007"]


def fixed(text: str, path: str = "a.txt", **options) -> str:
    return fix(Document.from_source(text, path), [RULE(**options)]).doc.text


def test_off_by_default_and_forbid_by_default():
    assert RULE.default_enabled is False
    assert RULE().settings["style"] == "forbid"
    out = wenlint("check", str(seed("004")), "--output-format", "concise", "--exit-zero").stdout.decode()
    assert "M007" not in out


def test_seed_004_layout_spaces_are_removed():
    text = seed("004").read_text(encoding="utf-8")
    result = fixed(text)
    for before, after in [
        ("(2013 年 4 月)", "(2013年4月)"),
        ("2005 年市委", "2005年市委"),
        ("特 3 别是", "特3别是"),
    ]:
        assert before in text and after in result and before not in result
    # field separators of the upload-metadata line are kept
    assert "文档编号:54424334 上传时间:2018-09-12 格式:DOC 页数:27 大小:71KB" in result
    assert findings(result, "M007") == []
    assert fixed(result) == result


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_forbid_fix_only_removes_spaces(path):
    before = path.read_text(encoding="utf-8")
    after = fixed(before)
    assert before.replace(" ", "") == after.replace(" ", "")


def test_seed_counts():
    counts = {p.name[:3]: len(findings(p.read_text(encoding="utf-8"), "M007")) for p in SEED_FILES}
    assert counts["000"] == counts["001"] == counts["002"] == 0
    assert counts["003"] == 0
    assert counts["004"] > 100
    text = seed("003").read_text(encoding="utf-8")
    assert findings(text, "M007", style="require") == ["个1", "D经"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们使用 Python 编程。", "我们使用Python编程。"),
        ("2005 年市委召开了会议。", "2005年市委召开了会议。"),
        ("共有 5 个社区", "共有5个社区"),
        ("学习 C++ 语言", "学习C++语言"),
        ("他说 Hello World 然后走了", "他说Hello World然后走了"),
    ],
)
def test_forbid_removes_the_space(text, expected):
    assert set(findings(text, "M007")) == {" "}
    assert fixed(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "我们使用Python编程，2013年建成。",
        "访问 https://example.com 了解详情，或写信到 a@example.com 联系。",
        "1 总则\n3.1 术语和定义",
        "项目    2019    2020\n收入    100     200",
        "姓名\tName\t年龄",
        "上传人:小** 文档编号:54424334 上传时间:2018-09-12 格式:DOC 页数:27 大小:71KB",
        "我们用 “Python” 编程，50% 的人同意。",
        "Python\n编程",
        "运行 `pip install x` 安装。",
    ],
)
def test_forbid_leaves_alone(text):
    assert findings(text, "M007", path="a.md") == []


@pytest.mark.parametrize(
    ("text", "flagged", "expected"),
    [
        ("我们使用Python编程。", ["用P", "n编"], "我们使用 Python 编程。"),
        ("新款iPhone15发布了。", ["款i", "5发"], "新款 iPhone15 发布了。"),
        ("推进CBD经济", ["进C", "D经"], "推进 CBD 经济"),
        ("承擔了15大類工作", ["了1", "5大"], "承擔了 15 大類工作"),
        ("使用Node.js和C++开发", ["用N", "s和", "和C", "+开"], "使用 Node.js 和 C++ 开发"),
    ],
)
def test_require_inserts_a_space(text, flagged, expected):
    assert findings(text, "M007", style="require") == flagged
    assert fixed(text, style="require") == expected
    assert fixed(expected, style="require") == expected


@pytest.mark.parametrize(
    "text",
    [
        "我们使用 Python 编程。",
        "2022年7月4日，全市共有5个社区，覆盖率达到80%以上，第3章，1.5万人。",
        "面積達58.3萬平方米，投入900余萬元，100多項工作，3至5年，5—7名，5-7%。",
        "每天工作8小时，等了10分钟，20世纪。",
        "A股和B股都涨了，买了件T恤，补充维生素C。",
        "访问https://example.com了解详情。",
        "运行`pip`安装。",
    ],
)
def test_require_leaves_alone(text):
    assert findings(text, "M007", path="a.md", style="require") == []


def test_require_never_asks_for_a_space_the_forbid_style_would_not_remove_around_units():
    # A number glued to its unit stays glued in both styles (the layout rules remove `2013 年`).
    text = "在2013年建成5个社区"
    assert findings(text, "M007", style="require") == []
    assert fixed("在 2013 年建成 5 个社区") == "在2013年建成5个社区"


def test_cli_extend_select(tmp_path):
    out = wenlint(
        "check",
        str(seed("004")),
        "--select",
        "M007",
        "--extend-select",
        "M007",
        "--output-format",
        "concise",
        "--exit-zero",
    ).stdout.decode()
    assert out.count(": M007 [*]") > 100


def test_a_long_line_of_spaces_is_read_once(monkeypatch):
    """Whether a section number (`3.2 概述`) opens the line is read back over
    the characters such a number takes before each space (it was the whole
    line before it: quadratic on a long line)."""
    import wenlint_rules.script.cjk_latin_spacing as module

    searched = lengths_read(monkeypatch, module, "_SECTION", "fullmatch")
    spaces = 2000
    text = "3.2 概述" + "中文 abc " * spaces
    doc = Document.from_source(text, "a.txt")
    assert len(lint(doc, [RULE()])) == 2 * spaces - 1  # each space but the last and the section number's
    assert sum(searched) <= 4 * spaces
