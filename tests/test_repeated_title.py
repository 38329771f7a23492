"""S008 repeated-title."""

from __future__ import annotations

from conftest import findings, seed
from test_spam_family import fixed

BODY = "社区是城市社会的基本单元,也是基层治理的重要基础。"


def test_seed_repeats():
    assert findings(seed("000").read_text(encoding="utf-8"), "S008") == ["建设局社区建设会议上讲话范文"]
    assert findings(seed("001").read_text(encoding="utf-8"), "S008") == ["社區(qū)發(fā)展工作大會講話"]
    assert findings(seed("002").read_text(encoding="utf-8"), "S008") == ["社區構建問題報告"]
    assert (
        findings(seed("003").read_text(encoding="utf-8"), "S008")
        == ["在党建引领社区治理体系建设观摩推进会上讲话(2022年)"] * 2
    )


def test_the_last_repeat_is_kept():
    text = f"推进会上讲话(2022年)\n\n推进会上讲话(2022年)\n\n推进会上的讲话\n\n{BODY}"
    assert fixed(text, "S008") == f"推进会上的讲话\n\n{BODY}"
    text = f"社区工作总结精选\n社区工作总结（通用5篇）\n社区工作总结\n{BODY}"
    assert fixed(text, "S008") == f"社区工作总结\n{BODY}"


def test_different_titles_are_left_alone():
    for head in (
        "第一章 社区建设总则\n第二章 社区建设总则",
        "2021年社区工作总结\n2022年社区工作总结",
        "社区工作总结\n社区工作总结报告书",
        "相关搜索\n相关搜索",  # too short to be a title: the viewer-chrome rule's
    ):
        assert findings(f"{head}\n\n{BODY}", "S008") == [], head


def test_repeats_in_the_body_are_left_alone():
    assert findings(f"社区工作总结\n\n{BODY}\n\n社区工作总结\n\n{BODY}", "S008") == []
