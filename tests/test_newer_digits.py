"""Digits newer than Python's Unicode: ``regex``'s ``\\d`` matches them and
``int()`` cannot read them (see ``textclass.DIGIT_CLASS`` and
``textclass.digits_value``). No rule may fail on them."""

from __future__ import annotations

import pytest
from conftest import NEWER_DIGITS

from wenlint import Document
from wenlint.engine import lint
from wenlint.registry import all_rules

NEWER = NEWER_DIGITS[:2]
#: Numbers of such digits where rules read numbers: list and chunk markers,
#: chapters, page numbers and footers, figures, sections, references, dates,
#: prices, a number inside a sentence.
TEXT = "".join(
    f"{n}{NEWER}、内容很多，还没有写完\n{n}{NEWER}、还有内容。\n第{n}{NEWER}章 总则\n第 {n}{NEWER} 页\n— {n}{NEWER} —\n"
    f"{n}{NEWER}\n图{n}{NEWER} 说明\n{n}{NEWER}.1 小节\n[{n}{NEWER}] 文献\n{n}{NEWER}年{n}{NEWER}月\n"
    f"价格{NEWER}元，增长{NEWER}%。这是特 {n}{NEWER} 别的内容。\n{NEWER}\n"
    for n in range(1, 4)
)


@pytest.mark.parametrize("path", ["doc.txt", "doc.md"])
def test_no_rule_fails_on_digits_python_cannot_read(path):
    if NEWER.isdecimal():
        pytest.skip("this Python's Unicode knows these digits")
    rules = [rule() for rule in all_rules().values()]
    assert [d.message for d in lint(Document(TEXT, path), rules) if d.code.startswith("X")] == []
