"""M003 pinyin-residue: `社區(qū)發(fā)展` left by a GB2312-only converter."""

from __future__ import annotations

import re
import shutil

from conftest import findings, seed, wenlint

from wenlint import Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules

#: Independent of the rule: a parenthesised run of lower-case Latin letters
#: (with tone marks) is exactly what seed 001's annotations look like.
_ANNOTATION = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]")


def _fixed(text: str, path: str = "doc.txt", **options) -> str:
    return fix(Document.from_source(text, path), [all_rules()["M003"](**options)]).doc.text


def test_seed_001_every_annotation_flagged_and_removed():
    text = seed("001").read_text(encoding="utf-8")
    annotations = _ANNOTATION.findall(text)
    assert annotations
    flagged = findings(text, "M003")  # each annotation with the character it annotates
    assert all(span.endswith(note) for span, note in zip(flagged, annotations, strict=True))
    fixed = _fixed(text)
    assert not re.search(r"[(（]\s*[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]", fixed)
    # nothing but the annotations was removed
    assert fixed == _ANNOTATION.sub("", text)
    assert "社區發展工作大會講話" in fixed
    assert "提升水平?,F在城市" in fixed
    assert _fixed(fixed) == fixed


def test_seed_001_excerpts_exact_spans():
    assert findings("社區(qū)發(fā)展工作大會講話", "M003") == ["區(qū)", "發(fā)"]
    assert findings("以構(gòu)建和諧社會為目標", "M003") == ["構(gòu)"]
    assert findings("區縣、街道(鄉(xiāng)鎮(zhèn))、居委會", "M003") == ["鄉(xiāng)", "鎮(zhèn)"]
    assert _fixed("區縣、街道(鄉(xiāng)鎮(zhèn))、居委會") == "區縣、街道(鄉鎮)、居委會"


def test_annotation_after_encoding_damage():
    text = "接再厲,提升水平?,F(xiàn)在城市"
    assert findings(text, "M003") == ["F(xiàn)"]
    assert _fixed(text) == "接再厲,提升水平?,F在城市"
    # no damage before the letter, or no tone mark: not an annotation
    assert findings("版本F(xiàn)和水平?,F(xian)", "M003") == []


def test_forms_of_annotation():
    assert findings("社區（qū）建設", "M003") == ["區（qū）"]
    assert findings("社區(qu1)建設", "M003") == ["區(qu1)"]
    assert findings("社區(qu)建設", "M003") == ["區(qu)"]
    assert findings("綠(lv4)化和綠(lü)化", "M003") == ["綠(lv4)", "綠(lü)"]
    assert findings("社區(qu\u0304)建設", "M003") == ["區(qu\u0304)"]  # combining macron
    assert _fixed("社區（qū）建設") == "社區建設"


def test_syllable_must_be_a_reading_of_the_character():
    assert findings("區(a)類項目、區(Python)版本、區(xiàn)域", "M003") == []
    assert findings("表(qu)格", "M003") == []
    assert findings("說明(注)和說明(見附件)", "M003") == []
    assert findings("社區(qū dōng)和龃龉(jǔ yǔ)", "M003") == []


def test_gb2312_characters_left_alone_unless_asked():
    text = "拼音课：妈(mā)妈(ma)爱我。"
    assert findings(text, "M003") == []
    assert findings(text, "M003", outside_gb2312=False) == ["妈(mā)", "妈(ma)"]


def test_quoted_gloss_left_alone():
    assert findings("他的名字是“堃(kūn)”。", "M003") == []
    assert findings("他叫王堃(kūn)。", "M003") == ["堃(kūn)"]


def test_markdown_code_left_alone():
    assert findings("示例：`社區(qū)發(fā)展`。", "M003", path="a.md") == []


def test_other_seeds_and_clean_text_yield_nothing():
    for prefix in ("000", "002", "003", "004"):
        assert findings(seed(prefix).read_text(encoding="utf-8"), "M003") == [], prefix
    assert findings("建立起區縣、街道(鄉鎮)、居委會(村委會)三級網絡。", "M003") == []
    assert findings("他在 Python (a language) 里写代码。", "M003") == []


def test_cli_fix_with_m001_leaves_no_annotation_and_balanced_parentheses(tmp_path):
    copy = tmp_path / seed("001").name
    shutil.copy(seed("001"), copy)
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    result = wenlint("check", copy.name, "--select", "M001,M003", "--fix", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    fixed = copy.read_text(encoding="utf-8")
    assert not _ANNOTATION.search(fixed)
    assert fixed.count("（") == fixed.count("）") == 16
    assert "(" not in fixed
    assert "社區發展工作大會講話" in fixed


def test_remembered_readings_follow_the_option():
    # the reading check is cached per character, syllable and option value
    rule = all_rules()["M003"]
    for _ in range(2):
        assert [d.start for d in lint(Document("这个(ge4)问题"), [rule(outside_gb2312=False)])] == [1]
        assert lint(Document("这个(ge4)问题"), [rule()]) == []
