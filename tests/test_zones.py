"""The zone view: head, body and tail lines of a document."""

from __future__ import annotations

import pytest
from conftest import seed

from wenlint import Document
from wenlint.engine import lint
from wenlint.registry import all_rules
from wenlint.zones import Zone, Zones, is_prose

BODY = "今天,我们召开全区社区建设工作会议,主要是贯彻省、市会议精神。"


def zones(text: str) -> Zones:
    return Document(text).zones


@pytest.mark.parametrize(
    ("prefix", "first", "last"),
    [("000", 9, 47), ("001", 11, 79), ("002", 9, 39), ("003", 15, 106), ("004", 20, 50)],
)
def test_body_of_each_seed(prefix, first, last):
    """1-based numbers of the first and last body lines."""
    found = zones(seed(prefix).read_text(encoding="utf-8"))
    assert (found.body_start + 1, found.body_end) == (first, last)


def test_seed_head_and_tail_lines():
    found = zones(seed("004").read_text(encoding="utf-8"))
    assert found.text(found.head[-2]).startswith("《全市街道社区党组织书记培训班辅导讲义》由会员分享")
    assert [found.text(i) for i in found.tail if found.text(i)][:3] == ["展开阅读全文", "相关资源", "相关搜索"]
    assert found.zone(0) is Zone.HEAD and found.zone(19) is Zone.BODY and found.zone(51) is Zone.TAIL


def test_zone_of_offsets():
    text = f"标题\n{BODY}\n推荐访问:党建 讲话"
    found = zones(text)
    assert [found.zone_at(text.index(part)) for part in ("标题", "今天", "推荐")] == [Zone.HEAD, Zone.BODY, Zone.TAIL]
    assert found.is_edge(0) and not found.is_edge(1) and found.is_edge(2)


def test_a_line_about_the_document_does_not_open_the_body():
    text = f"社区建设会议上讲话\n\n下面是为大家整理的社区建设会议上讲话,希望对你有用。\n\n{BODY}"
    found = zones(text)
    assert found.body_start == 4


def test_site_chrome_that_reads_as_a_sentence_does_not_bound_the_body():
    text = (
        f"{BODY}\n\n{BODY}\n\n上一篇文章：社区工作总结怎么写？\n\n"
        "本站文章均来自网络，如有侵权请告知，我们将及时删除。\n\n返回顶部"
    )
    found = zones(text)
    assert (found.body_start, found.body_end) == (0, 3)
    assert [d.code for d in lint(Document(text), [all_rules()["S011"]()])] == ["S011"]
    # A sentence that mentions such words is still prose, and still body.
    mention = f"{BODY}\n\n上一篇论文中作者指出，社区治理的关键在于居民的参与。"
    assert zones(mention).body_end == 3


def test_a_long_paragraph_quoting_the_title_opens_the_body():
    paragraph = "发挥党组织领导核心作用 辅导讲义 大家好:很高兴,再次能够和大家共同学习探讨社区党建工作。" * 3
    found = zones(f"辅导讲义\n\n{paragraph}")
    assert found.body_start == 2


def test_a_labelled_list_is_not_prose():
    assert not is_prose("标签:社区治理,党建引领,讲话稿,工作总结")
    assert is_prose("摘要:本文研究社区治理,提出了三条建议。")
    assert is_prose(BODY)
    assert not is_prose("建设局社区建设会议上讲话范文")
    found = zones(f"{BODY}\n\n标签:社区治理,党建引领,讲话稿,工作总结")
    assert list(found.tail) == [1, 2]


def test_without_prose_everything_is_body():
    found = zones("社区工作\n\n第一章\n\n相关搜索")
    assert not found.has_body_bounds
    assert list(found.head) == [] and list(found.tail) == [] and list(found.body) == [0, 1, 2, 3, 4]


def test_one_prose_sentence_is_all_body():
    found = zones(BODY)
    assert (found.body_start, found.body_end) == (0, 1)


def test_removal_spans_leave_no_blank_line_at_the_edges():
    text = f"网站\n\n标题\n\n{BODY}\n\n{BODY}\n\n页脚一\n页脚二\n"
    doc = Document(text)
    found = doc.zones

    def without(index: int) -> str:
        start, end = found.removal_span(index)
        return text[:start] + text[end:]

    assert without(0) == f"标题\n\n{BODY}\n\n{BODY}\n\n页脚一\n页脚二\n"
    assert without(2) == f"网站\n\n{BODY}\n\n{BODY}\n\n页脚一\n页脚二\n"
    assert without(6) == f"网站\n\n标题\n\n{BODY}\n\n{BODY}\n\n页脚一\n页脚二\n".replace(f"{BODY}\n\n{BODY}", BODY)
    assert without(8) == f"网站\n\n标题\n\n{BODY}\n\n{BODY}\n页脚二\n"
    assert without(9) == f"网站\n\n标题\n\n{BODY}\n\n{BODY}\n\n页脚一\n"
    assert Document("页脚\n").zones.removal_span(0) == (0, 2)
    assert Document("\n\n页脚").zones.removal_span(2) == (0, 4)


class CountingZones(Zones):
    """The real zone view, counting how often it is built."""

    built = 0

    def __init__(self, doc: Document) -> None:
        CountingZones.built += 1
        super().__init__(doc)


def test_zones_are_built_once_per_document(monkeypatch):
    import wenlint.document

    monkeypatch.setattr(wenlint.document, "Zones", CountingZones)
    rules = [rule() for code, rule in all_rules().items() if code.startswith("S")]
    texts = [seed(prefix).read_text(encoding="utf-8") for prefix in ("000", "001", "004")]
    CountingZones.built = 0
    for text in texts:
        doc = Document(text)
        assert lint(doc, rules)
        assert doc.zones is doc.zones
    assert CountingZones.built == len(texts)
