"""P005 fill-in-blank: a line of many blanks is judged once (issue 19)."""

from __future__ import annotations

from conftest import findings

import wenlint_rules.placeholder.fill_in_blank as fill_in_blank


class _CountedPattern:
    """A compiled pattern that counts the lines it is asked to judge."""

    def __init__(self, pattern):
        self.pattern = pattern
        self.calls = 0

    def fullmatch(self, *args):
        self.calls += 1
        return self.pattern.fullmatch(*args)


def test_every_blank_of_a_long_line_is_flagged_and_the_line_read_once(monkeypatch):
    counted = _CountedPattern(fill_in_blank._DIVIDER)
    monkeypatch.setattr(fill_in_blank, "_DIVIDER", counted)
    text = "答" + "（    ）" * 5000 + "\n姓名______\n________华丽的分割线________\n"
    flagged = findings(text, "P005")
    assert flagged == ["（    ）"] * 5000 + ["______"]
    assert counted.calls == 3  # once per line with Chinese text and blanks, not once per blank


def test_blanks_on_a_line_without_chinese_or_in_markdown_emphasis_are_left_alone():
    assert findings("（    ）" * 100 + "\n", "P005") == []
    assert findings("这是___非常重要___的内容，请填写______。", "P005", path="a.md") == []
