"""S012 injected-spam-phrase."""

from __future__ import annotations

import pytest
from conftest import findings
from test_spam_family import fixed

LEAD = "昨日上午，区政府召开社区建设工作推进会，研究部署下一阶段的工作。"
BODY = "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。"


@pytest.mark.parametrize(
    ("line", "phrase"),
    [
        ("金沙娱乐城官网：" + LEAD, "金沙娱乐城官网："),
        ("澳门新葡京现金网：" + LEAD, "澳门新葡京现金网："),
        ("昨日上午，威尼斯人贵宾会召开社区建设工作推进会，研究部署下一阶段的工作。", "威尼斯人贵宾会"),
        ("【半岛体育】区政府召开社区建设推进会", "【半岛体育】"),
        ("區政府召開社區建設推進會【開雲體育APP】", "【開雲體育APP】"),
        ("会议指出，澳门金沙网址今年以来各街道扎实推进老旧小区改造。", "澳门金沙网址"),
        ("彩神争霸app下载：" + LEAD, "彩神争霸app下载："),
        ("昨日上午，区政府召开会议。北京赛车pk10开奖直播，研究部署下一阶段的工作。", "北京赛车pk10开奖直播"),
    ],
)
def test_injected_phrase_is_the_span(line, phrase):
    assert findings(f"{BODY}\n{line}\n{BODY}", "S012") == [phrase]
    assert fixed(f"{BODY}\n{line}\n{BODY}", "S012", unsafe=True) == f"{BODY}\n{line.replace(phrase, '')}\n{BODY}"


def test_fix_is_safe_for_a_tag_and_a_head_prefix_only():
    tagged = f"【乐鱼体育app】区政府召开社区建设推进会\n\n{LEAD}"
    assert fixed(tagged, "S012") == f"区政府召开社区建设推进会\n\n{LEAD}"
    head = f"金沙娱乐城：社区建设推进会\n\n{LEAD}"
    assert fixed(head, "S012") == f"社区建设推进会\n\n{LEAD}"
    body = f"{BODY}\n昨日上午，金沙娱乐城召开社区建设工作推进会，研究部署工作。"
    assert fixed(body, "S012") == body


def test_a_line_of_phrases_is_deleted_unless_s001_flags_it():
    for line in ("幸运飞艇计划 幸运飞艇走势", "重庆时时彩开奖记录|腾讯分分彩计划"):
        assert findings(f"{line}\n\n{BODY}", "S012") == [line]
        assert fixed(f"{line}\n\n{BODY}", "S012") == BODY
    seo = "澳门新葡京|百家乐真人娱乐|时时彩 六合彩|网上赌场|金沙娱乐城"
    assert findings(f"{seo}\n\n{BODY}", "S012") == []
    assert findings(f"{seo}\n\n{BODY}", "S001") == [seo]


MENTIONS = [
    "澳门的葡式建筑很有特色,吸引了大量游客。",
    "银河娱乐集团公布业绩,收入比上年增长两成。",
    "金沙江发源于青海,是长江的上游。",
    "山东半岛体育产业发展迅速。",
    "开云体育馆将于明年建成,可容纳一万名观众。",
    "警方捣毁一个利用六合彩赌博的团伙。",
    "皇冠上的明珠,永利公司,太阳城的夜景,星空下的营地。",
    "他在微信上注册了一个账号,登录后就能看到平台的官网。",
    "据银河娱乐官网显示,集团上半年收入增长两成。",
    "孩子们在九游app下载了几款益智游戏。",
    "大阪万博官网公布了参展国家名单。",
]


@pytest.mark.parametrize("sentence", MENTIONS)
def test_mentions_are_left_alone(sentence):
    assert findings(f"{BODY}{sentence}\n{sentence}", "S012") == []


def test_extra_patterns_in_either_script():
    text = f"{BODY}\n昨日上午，快乐体育召开社区建设工作推进会，研究部署工作。"
    assert findings(text, "S012") == []
    assert findings(text, "S012", **{"extra-patterns": ["快樂體育"]}) == ["快乐体育"]


@pytest.mark.parametrize(
    "line",
    [
        "💵首存即送！全网最高赔率！💵",
        "【快3计划】【快3导师】【亏损包赔】",
        "✅点击进入注册👉【 http://AM68.CC 】",
        "✅【网: 𝐀𝐌𝟔𝟖.𝐂𝐂 】🧧【网: 𝐇𝐅𝟕𝟕.𝐕𝐈𝐏 】",
        "如意彩安卓版✅️【—网：３８ＢＦ．ＣＣ —】",
        "VS官网app【Q-——333307——】VS官网app【 辋芷《888yx●vip》 】",
        "免费技巧，2期必中，轻松上岸",
    ],
)
def test_gambling_advert_lines_are_flagged_whole(line):
    assert findings(f"{line}\n\n{BODY}", "S012") == [line]
    if "http" not in line:  # a fix touching a web address is only shown
        assert fixed(f"{line}\n\n{BODY}", "S012", unsafe=True) == BODY


@pytest.mark.parametrize(
    "sentence",
    [
        "警方提醒：所谓“导师带赚钱”“亏损包赔”都是网络赌博的骗局。",
        "警方破获一起以快3计划为诱饵的诈骗案，抓获嫌疑人十二名。",
        "扫码注册即可领取优惠券，活动截止到本月底。",
        "Python 的官网（官网：www.python.org）提供了完整的文档。",
    ],
)
def test_reports_and_ordinary_registration_are_no_advert(sentence):
    assert findings(f"{BODY}\n{sentence}\n{BODY}", "S012") == []
