"""The M family together: clean text in either script, made from the seeds'
bodies with OpenCC, gets no M finding other than the punctuation house style."""

from __future__ import annotations

import pytest
from conftest import seed

from wenlint import Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules, on_by_default
from wenlint.script import converter

M_RULES = [rule() for code, rule in all_rules().items() if code.startswith("M") and on_by_default(rule)]
NOT_PUNCTUATION = [rule for rule in M_RULES if rule.code != "M001"]


def clean_body(prefix: str) -> str:
    """A seed with its M defects repaired (safe fixes), as clean prose."""
    return fix(Document(seed(prefix).read_text(encoding="utf-8")), M_RULES).doc.text


@pytest.mark.parametrize("prefix", ["000", "003"])
@pytest.mark.parametrize("config", ["t2s", "s2t", "s2tw", "s2hk"])
def test_clean_text_in_either_script_has_no_m_findings(prefix, config):
    text = converter(config).convert(clean_body(prefix))
    found = lint(Document(text), NOT_PUNCTUATION)
    assert [(d.code, text[d.start : d.end]) for d in found] == []


def test_english_words_and_numbers_inside_chinese():
    text = (
        "我们使用Python 3.12和NumPy处理了2,000条数据,准确率达到98.5%。"
        "他在iPhone 15上看了NBA比赛,又用Windows 10写了一份A/B测试报告。"
        "GDP增长6.5%,CPI上涨2.1个百分点。"
    )
    assert lint(Document(text), NOT_PUNCTUATION) == []


def test_seed_defects_are_flagged():
    codes = {
        prefix: {d.code for d in lint(Document(seed(prefix).read_text(encoding="utf-8")), NOT_PUNCTUATION)}
        for prefix in ("000", "001", "002", "003")
    }
    assert "M005" in codes["000"]  # `—、充分认识`
    assert "M003" in codes["001"]  # `社區(qū)`
    assert "M002" in codes["002"]  # `并亟待` in Traditional text
    assert "M006" in codes["003"]  # `“下基层”"抓堵点”`
