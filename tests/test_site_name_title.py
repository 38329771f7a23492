"""S009 site-name-title."""

from __future__ import annotations

from conftest import findings, seed
from test_spam_family import fixed

BODY = "今年以来,我们扎实推进社区建设工作,取得了明显成效。"


def test_seed_000_site_name():
    text = seed("000").read_text(encoding="utf-8")
    assert findings(text, "S009") == ["美章网 资料文库 "]
    assert fixed(text, "S009").startswith("建设局社区建设会议上讲话范文\n\n建设局社区建设会议上讲话范文\n")


def test_prefix_suffix_and_bare_site_name():
    assert fixed(f"社区工作总结_百度文库\n{BODY}", "S009") == f"社区工作总结\n{BODY}"
    assert fixed(f"社区工作总结 - 豆丁网\n{BODY}", "S009") == f"社区工作总结\n{BODY}"
    assert fixed(f"美章網 | 范文大全 | 社区工作总结\n{BODY}", "S009") == f"社区工作总结\n{BODY}"
    assert fixed(f"美章网\n社区工作总结\n{BODY}", "S009") == f"社区工作总结\n{BODY}"


def test_site_names_in_the_body_and_words_that_start_alike():
    for text in (
        "社区工作总结\n\n我在百度文库上找到了这篇讲话,觉得写得很好,值得大家学习借鉴。",
        f"学科网络建设的几点思考\n\n{BODY}",
        f"豆丁的故事\n\n{BODY}",
        f"{BODY}\n\n美章网 资料文库 建设局社区建设会议上讲话范文\n\n{BODY}",
    ):
        assert findings(text, "S009") == [], text


def test_extra_patterns():
    text = f"某某范文站 社区工作总结\n{BODY}"
    assert findings(text, "S009") == []
    assert fixed(text, "S009", **{"extra-patterns": ["某某范文站"]}) == f"社区工作总结\n{BODY}"
