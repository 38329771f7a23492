"""The line rule kind (wenlint.kinds.line) and the S family's use of it."""

from __future__ import annotations

from wenlint import Applicability, Document, FixAvailability
from wenlint.engine import fix, lint
from wenlint.kinds.line import ANYWHERE, EDGES, HEAD, LineRule, ZonePolicy
from wenlint.registry import all_rules
from wenlint.zones import Zone
from wenlint_rules.spam import patterns

BODY = "今天,我们召开全区社区建设工作会议,主要是贯彻省、市会议精神。"


class ReadMore(LineRule):
    """The example of the kind's docstring."""

    code = "Z201"
    name = "read-more"
    summary = "A `read more` button left as a line"
    flags = "A line holding `阅读全文`, in the head or tail."
    zone_policy = EDGES
    requires = ("阅读全文",)

    def judge(self, doc, line):
        return "read-more button" if "阅读全文" in line.text else None


class ReadMoreAnywhere(ReadMore):
    zone_policy = ANYWHERE


def test_fix_availability_follows_the_zone_policy():
    assert ReadMore.fix is FixAvailability.SAFE and ReadMoreAnywhere.fix is FixAvailability.SOMETIMES
    assert ZonePolicy(frozenset({Zone.BODY}), frozenset()).fix is FixAvailability.UNSAFE
    assert HEAD.fix is FixAvailability.SAFE


def test_a_line_in_the_tail_is_flagged_and_deleted():
    text = f"{BODY}\n\n  阅读全文 \n"
    (finding,) = lint(Document(text), [ReadMore()])
    assert text[finding.start : finding.end] == "阅读全文"
    assert finding.message == "read-more button; delete the line"
    assert finding.fix.applicability is Applicability.SAFE
    assert fix(Document(text), [ReadMore()]).doc.text == f"{BODY}\n"


def test_the_zone_policy_decides_where_and_how_safely():
    text = f"{BODY}\n阅读全文\n{BODY}"
    assert lint(Document(text), [ReadMore()]) == []
    (finding,) = lint(Document(text), [ReadMoreAnywhere()])
    assert finding.fix.applicability is Applicability.UNSAFE
    assert fix(Document(text), [ReadMoreAnywhere()]).doc.text == text
    assert fix(Document(text), [ReadMoreAnywhere()], unsafe=True).doc.text == f"{BODY}\n{BODY}"


def test_lines_starting_in_verbatim_text_are_left_alone_others_holding_a_url_are_not():
    starts = f"{BODY}\n\nhttps://example.com/a 阅读全文"
    assert lint(Document(starts), [ReadMore()]) == []
    holds = f"{BODY}\n\n阅读全文 https://example.com/a"
    assert [d.code for d in lint(Document(holds), [ReadMore()])] == ["Z201"]


def test_no_line_is_judged_without_a_required_string():
    class Never(ReadMore):
        requires = ("从不出现",)

    assert lint(Document(f"{BODY}\n\n阅读全文"), [Never()]) == []


def test_each_spam_rule_declares_its_anchors():
    all_rules()
    anchors = set(patterns._ANCHORS)
    assert ("metadata", "strong", (":", "：", "(", "（")) in anchors and ("promo", "search", ("",)) in anchors
    assert {name for name, _, _ in anchors} == {
        "seo",
        "breadcrumb",
        "promo",
        "metadata",
        "chrome",
        "licence",
        "tags",
        "navigation",
        "brands",
    }


def test_a_new_spam_rule_adds_its_anchor_section_to_the_automaton():
    before = dict(patterns._ANCHORS)
    try:

        class WeakTags(patterns.SpamLineRule):
            code = "Z202"
            name = "weak-tags"
            summary = flags = "A tag label"
            pack = "tags"
            anchors = ("weak",)
            browse = frozenset()

            def judge(self, doc, line):
                return "tags" if line.hits else None

        assert ("tags", "weak", ("",)) in patterns._ANCHORS
        text = f"{BODY}\n{BODY}\n延伸阅读\n{BODY}"
        found = [(d.line, d.message) for d in lint(Document(text), [WeakTags()])]
        assert found == [(3, "tags; delete the line")]
    finally:
        patterns._ANCHORS.clear()
        patterns._ANCHORS.update(before)


def test_in_markdown_lines_in_front_matter_or_html_are_left_alone_and_deleting_syntax_is_left_for_review():
    front = f"---\ntitle: 阅读全文\n---\n\n{BODY}\n"
    assert lint(Document(front, "a.md"), [ReadMoreAnywhere()]) == []
    html = f"{BODY}\n\n<div>\n阅读全文\n</div>\n"
    assert lint(Document(html, "a.md"), [ReadMoreAnywhere()]) == []
    item = f"{BODY}\n\n- 阅读全文\n"
    (finding,) = lint(Document(item, "a.md"), [ReadMore()])
    assert finding.fix.applicability is Applicability.DISPLAY_ONLY
    assert fix(Document(item, "a.md"), [ReadMore()], unsafe=True).doc.text == item
    assert fix(Document(item, "a.txt"), [ReadMore()]).doc.text == f"{BODY}\n"
