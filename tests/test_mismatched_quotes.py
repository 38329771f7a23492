"""M006: Chinese quotes paired with ASCII `"`, and unbalanced quotes and brackets."""

from __future__ import annotations

import re

import pytest
from conftest import SEED_FILES, findings, lengths_read, seed
from hypothesis import example, given, settings
from hypothesis import strategies as st

from wenlint import Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules
from wenlint.textclass import HAN

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


_PARAGRAPH = st.lists(st.sampled_from([*"“”《》（）【】「」『』中a `\n"]), max_size=6).map(
    lambda marks: "中" + "".join(marks)
)


@settings(max_examples=3000, deadline=None)
@given(
    st.one_of(
        st.lists(_PARAGRAPH, max_size=4).map("\n\n".join),
        st.lists(st.sampled_from([*"“”《》（）中a \u3000", "\n", "\n\n", "\n \n", '"', "’", "‘"]), max_size=16).map(
            "".join
        ),
    )
)
@example("中“\n\n中”")
@example("中（\n \n中）")
@example("a‘中’")
def test_nested_marks_quick_test_finds_what_each_paragraph_finds(text):
    """Where every paragraph's marks nest, the quick test in C says there is
    nothing to find: the same findings as looking paragraph by paragraph
    (ASCII `"` and `’`, which turn the quick test off, kept rare)."""
    rule = RULE()
    for doc in (Document(text), Document(text, "a.md")):  # in Markdown, marks in code (`` ` ``) pair with none
        found = [(d.start, d.message) for d in rule.check(doc)]
        assert found == [(d.start, d.message) for d in _mark_by_mark(rule, doc)]


def _mark_by_mark(rule, doc: Document) -> list:
    """The findings with every paragraph holding a mark and a Chinese character read mark by mark."""
    text, paragraphs, found = doc.text, doc.paragraphs, []
    for number, (start, end) in enumerate(paragraphs):
        group = [
            (m.start(), m[0]) for m in re.finditer(r"[“”\"‘’《》（）【】「」『』]", text[:end]) if m.start() >= start
        ]
        group = [token for token in group if not doc.is_verbatim(token[0])]
        if group and HAN.search(text, start, end):
            following = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
            found.extend(rule._paragraph(text, start, group, following))
    return found


def test_marks_nested_deep_take_a_few_passes_of_the_quick_test(monkeypatch):
    """The quick test takes away a level of nesting a pass, each over every
    mark: marks nested thousands deep are read mark by mark after a few
    passes (time growing with their number, not its square), with the
    findings of reading them so."""
    import sys

    module = sys.modules[RULE.__module__]
    passes = []
    adjacent_pair = module._ADJACENT_PAIR

    class Counted:
        def sub(self, *args):
            passes.append(1)
            return adjacent_pair.sub(*args)

    monkeypatch.setattr(module, "_ADJACENT_PAIR", Counted())
    rule = RULE()
    for text in (
        "他说" + "“《" * 2000 + "好" + "》”" * 2000 + "。",
        "他说" + "“《" * 2000 + "好" + "》”" * 1999 + "》。",
    ):
        passes.clear()
        doc = Document(text)
        found = [(d.start, d.message) for d in rule.check(doc)]
        assert found == [(d.start, d.message) for d in _mark_by_mark(rule, doc)]
        assert len(passes) <= 2 * module._NESTING_PASSES
    assert found  # the second text's first `“` is left open


def test_nested_marks_quick_test_takes_nested_paragraphs_only():
    from rules.script.mismatched_quotes import _nested_in_paragraphs

    assert _nested_in_paragraphs("他说“《人民日报》（第三版）”。\n\n「好」")
    assert not _nested_in_paragraphs("他说“第一段\n\n第二段”")  # a pair across paragraphs
    assert not _nested_in_paragraphs("“《”》")  # each kind balanced, but crossed
    assert not _nested_in_paragraphs('他说"好"。') and not _nested_in_paragraphs("it’s“好”")


@given(st.lists(st.sampled_from([*"“”《》（）中a \t\u3000\n", "\n\n", "\n \n", '"', "’"]), max_size=16).map("".join))
@example("“\n \n\n”\n")
def test_marks_and_paragraph_breaks_are_found_as_the_two_patterns_find_them(text):
    """The quick test's one pattern, opening with a class, finds what the
    alternation of the blank lines and the marks finds."""
    from rules.script.mismatched_quotes import _MARK_OR_PARAGRAPH_BREAK, _MARKS
    from wenlint.document import BLANK_LINES

    either = re.compile(f"{BLANK_LINES.pattern}|{_MARKS.pattern}")
    assert [m.span() for m in _MARK_OR_PARAGRAPH_BREAK.finditer(text)] == [m.span() for m in either.finditer(text)]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("“一\n“二”\n丙“丁", [("“", "”\n丙“丁")]),  # the first is exempt: the second opens a line
        ("“一\n“二”。”\n丙“丁", [("“", "”\n丙“丁")]),  # both closed: the third is open on its own
        ("丙“丁\n“一\n“二”", []),
    ],
)
def test_a_quote_opening_a_line_exempts_the_quotes_still_open(text, flagged):
    assert spans(text) == flagged


def test_a_long_line_of_closers_is_read_once(monkeypatch):
    """Each `）` without an opener is checked for a list number (`1）`)
    before it in the few characters such a number takes (it was the whole
    line before it: quadratic on a long line)."""
    import wenlint_rules.script.mismatched_quotes as module

    searched = lengths_read(monkeypatch, module, "_LIST_NUMBER", "search")
    closers = 2000
    assert len(findings("中文内容）" * closers, "M006")) == closers
    assert len(searched) == closers and sum(searched) <= 4 * closers
