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
    for excerpt in ("××县××社区等×个社区", "不低于××%", "仅有××个", "不足×平米", "省委××届××全会"):
        assert excerpt in text
        expected = findings(excerpt, "P002")
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
        ("建设“XX”提供支撑", "P002", ["XX"]),
        ("××县××社区等×个社区", "P002", ["××", "××", "×"]),
        ("不低于××%", "P002", ["××"]),
        ("第×届全会", "P002", ["×"]),
        ("XXX公司的员工", "P002", ["XXX"]),
        ("XX公司生产的维生素C很好", "P002", ["XX"]),
        ("他在XX单位工作,职务是I级", "P002", ["XX"]),
        ("ＸＸ县", "P002", ["ＸＸ"]),
        ("○○县人民政府", "P003", ["○○"]),
        ("□□□同志", "P003", ["□□□"]),
        ("被告人王某某", "P004", ["某某"]),
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
