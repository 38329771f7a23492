"""P family: placeholder and redaction markers, on the seeds and on ordinary text."""

from __future__ import annotations

import pytest
from conftest import findings, seed


def seed_findings(prefix: str, code: str) -> list[str]:
    return findings(seed(prefix).read_text(encoding="utf-8"), code)


def test_asterisk_masks_in_seed_000():
    flagged = seed_findings("000", "P001")
    text = seed("000").read_text(encoding="utf-8")
    # Every mask in the seed: 刘**同志, “**”, **台街道, **社区, 到**年, **年度 ...
    assert len(flagged) == text.count("**") == 19
    assert set(flagged) == {"**"}


def test_asterisk_mask_in_seed_004_upload_line():
    text = seed("004").read_text(encoding="utf-8")
    doc_findings = findings(text, "P001")
    assert doc_findings == ["**"]
    assert "上传人:小**" in text


def test_cross_masks_in_seed_003():
    text = seed("003").read_text(encoding="utf-8")
    flagged = findings(text, "P002")
    assert flagged.count("XX") == text.count("XX")
    assert "2022年" in text  # a record: its crosses stand for what was removed
    for excerpt in ("××县××社区等×个社区", "不低于××%", "仅有××个", "不足×平米", "省委××届××全会"):
        assert excerpt in text
        expected = findings("2022年," + excerpt, "P002")
        assert expected and "".join(expected) == excerpt.count("×") * "×"


@pytest.mark.parametrize("prefix", ["001", "002"])
def test_seeds_without_masks_have_none(prefix):
    for code in ("P001", "P002", "P003", "P005"):
        assert seed_findings(prefix, code) == []


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("刘**同志传达了精神。", "P001", ["**"]),
        ("创建“**”平安和谐社区", "P001", ["**"]),
        ("到**年,全区80%的社区", "P001", ["**"]),
        ("2022年,为建设“XX”提供支撑", "P002", ["XX"]),
        ("2022年,××县××社区等×个社区", "P002", ["××", "××", "×"]),
        ("××县××社区等×个社区", "P002", ["×"]),
        ("不低于××%", "P002", ["××"]),
        ("第×届全会", "P002", ["×"]),
        ("联系电话：138XXXX1234", "P002", ["XXXX"]),
        ("2021年3月,本市共有ＸＸ个社区、XX%的住户", "P002", ["ＸＸ", "XX"]),
        ("○○县人民政府", "P003", ["○○"]),
        ("□□□同志", "P003", ["□□□"]),
        ("被告人王某某", "P004", ["某某"]),
        ("某某县人民政府", "P004", ["某某"]),
        ("姓名______", "P005", ["______"]),
        ("答案是（  ）。", "P005", ["（  ）"]),
    ],
)
def test_flags_markers(text, code, expected):
    assert findings(text, code) == expected


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("这是**重要**的内容,请**务必**记住。", "notes.md"),
        ("**bold** and __bold__", "notes.md"),
        ("***", "notes.md"),
        ("面积为3×4平方米,约12平方米。", "a.txt"),
        ("3 × 4 = 12", "a.txt"),
        ("长×宽×高", "a.txt"),
        ("尺码有XXL、XL和XS。", "a.txt"),
        ("XX世纪初", "a.txt"),
        ("罗马数字XIV和XX都对。", "a.txt"),
        ("拍了一张X光片。", "a.txt"),
        ("二○○八年", "a.txt"),
        ("某些人认为", "a.txt"),
        ("到年底完成", "a.txt"),
        ("天天向上", "a.txt"),
        ("```\nprint('**')\n```\n代码里的 `a**b` 不算。", "a.md"),
        ("| 姓名 | 年龄 |\n|---|---|\n| 张三 | 30 |", "a.md"),
        ("**注意：**本产品**（一）指导思想**与**“双减”**政策", "a.md"),
        ("单价×件数,人×天,基底面积×层数", "a.txt"),
        ("XX染色体和XY染色体;44+XX;微信号是abc_xx", "a.txt"),
        ("罗马数字XX表示二十,ＸＸ世纪", "a.txt"),
        ("评分：●●●○○", "a.txt"),
        ("这是___非常重要___的内容。", "a.md"),
        ("________华丽的分割线________", "a.txt"),
    ],
)
def test_ordinary_text_is_not_flagged(text, path):
    for code in ("P001", "P002", "P003", "P004", "P005"):
        assert findings(text, code, path=path) == [], code


@pytest.mark.parametrize(
    "text",
    [
        # mismatched runs the Markdown parser still reads as emphasis (docs-zh-009)
        "**此 API 目前在 `Alpha` 并且只能在 gRPC 上使用。 在将 API 认证为 `Stable` 状态之前，将提供支持版本。*",
        # bold split over lines of one paragraph
        "**此处的某些规则可能暂时和旧有的\n翻译不太一致**，如果你曾参与过翻译，请留意。",
        # bold broken by a space beside a Latin word (docs-zh-020)
        "1. 运行一个用于状态存储和消息代理的** Redis 容器实例**.\n1. 运行用于本地 actor 支持的** Dapr placement 服务容器实例**.",
        "创建具有上述组件定义的**默认组件 Redis **。",
        # a bold CommonMark does not close after punctuation
        "**`review` 字段必须是中文译文。**直接照搬英文 `incoming` 是错误的。",
    ],
)
def test_p001_leaves_markdown_bold_alone_even_when_broken(text):
    assert findings(text, "P001", path="notes.md") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("参会人员：王** 李**，均已签到。", ["**", "**"]),
        ("太少的饱和脂肪摄取会危害到**激素和类胰岛增长因子。", ["**"]),
    ],
)
def test_p001_flags_masks_in_markdown(text, expected):
    assert findings(text, "P001", path="notes.md") == expected


RECORD = "2021年3月5日,区委召开会议。"


@pytest.mark.parametrize(
    "text",
    [
        "写简历时要点明XX公司的XX部门、职位和起止时间。",
        "我们的项目用的是spring xxx,数据库用xx。",
        "他问：我看你是xxx学校毕业的吧？你们xxx课程讲过xx理论吗？",
        "设想西部是xx国,东部是xxxx国。",
        "服务器返回5xx错误时,页面显示2xx以外的状态码。",
        "请在XX市XX区的办事大厅填写20XX年度的表格。",
    ],
)
def test_p002_leaves_xx_as_a_variable_alone(text):
    assert findings(text, "P002") == []
    # a document that states a real date does not turn a variable into a mask either
    assert findings(RECORD + text, "P002") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年投入XX万元,覆盖率达到xx%。", ["XX", "xx"]),
        ("第XX届理事会已换届,第××次会议召开。", ["XX", "××"]),
        ("主持人：张XX。会上李xx同志讲话。", ["XX", "xx"]),
        ("张××主持会议。", ["××"]),
    ],
)
def test_p002_flags_a_mask_in_a_numbers_or_a_names_place_anywhere(text, expected):
    assert findings(text, "P002") == expected
    assert findings(RECORD + text, "P002") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("为建设“XX”提供有力支撑。", ["XX"]),
        ("截至XX年XX月,已完成××年度目标。", ["XX", "XX", "××"]),
        ("××县××社区负责同志作了交流发言。", ["××", "××"]),
        ("××县人民政府关于××的通知", ["××", "××"]),
    ],
)
def test_p002_flags_masked_dates_quotations_and_crosses_only_in_a_record(text, expected):
    assert findings(RECORD + text, "P002") == expected
    assert findings(text, "P002") == []  # the same words without a real date: a template


def test_p002_flags_a_masked_phone_number_anywhere():
    assert findings("咨询电话：138XXXX1234,身份证号110101XXXXXXXX1234。", "P002") == ["XXXX", "XXXXXXXX"]


COURT = (
    "上诉人（原审被告）张某某，男，1975年出生。被上诉人（原审原告）李某某，女。"
    "上诉人张某某因与被上诉人李某某民间借贷纠纷一案，不服一审判决，向本院提起上诉。"
    "本院审理查明，张某某于2019年向李某某借款。"
)


def test_p004_is_quiet_where_anonymising_is_the_documents_convention():
    assert COURT.count("某某") == 6
    assert findings(COURT, "P004") == []
    assert findings("上訴人陳某某因與被上訴人林某某請求損害賠償事件，本院判決如下。", "P004") == []
    assert findings("患者王某某，男，45岁，因胸痛2小时入院，主诉胸闷。", "P004") == []
    assert findings("警方通报：犯罪嫌疑人刘某某已被公安机关刑事拘留。", "P004") == []


def test_p004_still_flags_masking_on_a_page_that_is_no_such_write_up():
    page = "据网友爆料，张某某在小区门口与保安发生争执，某某公司已介入。"
    assert findings(page, "P004") == ["某某", "某某"]
    assert findings(page + "当事人称已报警。", "P004") == ["某某", "某某"]  # one word of the vocabulary is not enough


def test_p004_leaves_so_and_so_alone():
    assert findings("他嘴边挂着的永远是「某某某学历高，可是能力不行」。", "P004") == []
    assert findings("某某说过，做人要踏实。", "P004") == []
    assert findings("那个人说：「是某某某！」我就跟某某说了。", "P004") == []


@pytest.mark.parametrize("mark", "○◯□△")
def test_p003_flags_each_mark_repeated(mark):
    # the quick test for the marks before the pattern must let each of them through
    assert findings(f"{mark * 2}县人民政府办公室。", "P003") == [mark * 2]
