"""The document-level rules on signals (D003–D006): thresholds worked out by hand on small documents."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from wenlint import Document, pipeline, signals
from wenlint_rules.document.boilerplate_document import BoilerplateDocument
from wenlint_rules.document.list_like_document import ListLikeDocument
from wenlint_rules.document.not_chinese_document import NotChineseDocument
from wenlint_rules.document.repetitive_document import RepetitiveDocument

PROSE = (
    "社区是城市社会的基本构成单元，也是构建和谐社会的重要基石。近年来，我们坚持把社区建设摆在突出位置，"
    "不断完善社区服务体系，持续改善居民生活环境。\n"
    "会议要求各街道认真总结经验，查找不足，明确下一阶段的目标任务，切实把各项工作落到实处。\n"
    "明年将新建三个养老服务中心，改造老旧小区十二个，增加停车位两千个，让群众得到更多实惠。\n"
)


def codes(rule, text: str) -> list[str]:
    return [d.code for d in rule.check(Document(text))]


def test_ordinary_prose_passes_every_rule():
    for rule in (RepetitiveDocument(), BoilerplateDocument(), NotChineseDocument(), ListLikeDocument()):
        assert codes(rule, PROSE) == [], rule.code


def test_a_line_repeated_down_the_page_is_repetitive():
    text = "点击下载最新版本\n" * 30  # 270 characters; 30 lines and the empty one after the last break
    rule = RepetitiveDocument()
    (finding,) = rule.check(Document(text))
    failed = {signal: value for signal, value, _ in rule.failing(Document(text))}
    assert failed["dup_line_frac"] == 29 / 31  # 29 copies among 31 lines
    assert failed["char_dup_ratio"] == 29 * 8 / 240  # copied characters of the 240 that are not breaks
    assert finding.message.startswith("repetitive document: dup_line_frac 0.935 > 0.287")
    assert (finding.start, finding.end) == (0, 8)  # on the first line


def test_a_threshold_of_zero_turns_its_check_off():
    text = "点击下载最新版本\n" * 30
    rule = RepetitiveDocument(max_dup_line_frac=0.0, max_char_dup_ratio=0.0)
    assert "dup_line_frac" not in [signal for signal, _, _ in rule.failing(Document(text))]


def test_short_documents_are_not_judged_unless_asked():
    assert codes(RepetitiveDocument(), "好的。好的。\n") == []
    assert codes(RepetitiveDocument(min_chars=0), "好的。好的。\n") == ["D003"]


def test_a_page_of_menu_lines_is_chrome():
    menu = "首页\n新闻中心\n产品展示\n联系我们\n关于我们\n在线留言\n网站地图\n友情链接\n版权所有 © 2023\n"
    rule = BoilerplateDocument()
    assert rule.failing(Document(menu)) == [("line_punct_ratio", 0.0, 0.106)]
    # one line in nine ends a sentence: 0.111, over the threshold
    assert codes(rule, menu.replace("版权所有 © 2023", "本站内容仅供参考。")) == []


def test_not_chinese_enough():
    english = "Download the latest version here.\n中文\n"
    # 2 Chinese characters of the 31 that are not blanks
    assert NotChineseDocument().failing(Document(english)) == [("han_ratio", 2 / 31, 0.3)]
    assert codes(NotChineseDocument(), "我们使用 Python 处理数据。\n") == []
    # the stop-word check, when asked for: 的 and 在 are two of FineWeb-2's list
    assert codes(NotChineseDocument(min_stop_words=2.0), "我的书在桌子上。\n") == []
    assert codes(NotChineseDocument(min_stop_words=2.0), "今天天气很好。\n") == ["D005"]


def test_a_column_of_items_is_list_like():
    items = "".join(f"商品{n}\n" for n in range(1, 60))  # 59 lines of `商品` and a number: 2 words a line
    rule = ListLikeDocument()
    assert rule.failing(Document(items)) == [("list_ratio", 59 / 118, 0.178)]
    assert codes(ListLikeDocument(min_avg_line_length=10.0, max_list_ratio=0.0), PROSE) == []


@pytest.mark.parametrize("rule", [RepetitiveDocument, BoilerplateDocument, NotChineseDocument, ListLikeDocument])
def test_each_rule_is_document_level_and_costs_a_fixed_share_of_the_score(rule):
    assert rule.document_level
    text = "点击下载最新版本\n" * 30 if rule is not NotChineseDocument else "Download it here.\n" * 12
    if rule is BoilerplateDocument or rule is ListLikeDocument:
        text = "".join(f"商品{n}\n" for n in range(1, 60))
    checked = pipeline.run(Document(text), [rule()])
    assert [d.code for d in checked.diagnostics] == [rule.code]
    assert checked.score == 70  # e^(−0.35), whatever the length


#: Runs `wenlint` in this interpreter, then says on stderr whether it split words (loaded rjieba).
SPLIT_WORDS = "import sys; from wenlint.cli import main; code = main(sys.argv[1:]); print('rjieba' in sys.modules, file=sys.stderr)"


@pytest.mark.parametrize(("selected", "split"), [("D004,D005", False), ("D006", True)])
def test_words_are_split_only_for_a_rule_whose_checks_read_them(tmp_path, selected, split):
    """D004 and D005 read no word signal at their default thresholds; D006 reads `list_ratio`."""
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "a.txt").write_text(PROSE * 3, encoding="utf-8")
    command = [sys.executable, "-c", SPLIT_WORDS, "check", "a.txt", "--preview", "--select", selected, "--no-cache"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"{split}\n"


class Recording(Document):
    """A document that notes the views asked of it (each is computed when first asked)."""

    def view(self, factory):
        self.__dict__.setdefault("asked", set()).add(factory.__name__)
        return super().view(factory)


@pytest.mark.parametrize(
    ("rule", "computed"),
    [
        # the top n-grams' ceilings (here, their values: a short document's n-grams are the reference's)
        (
            RepetitiveDocument(),
            {"line_signals", "document_words", "word_grams", "top_gram_ceilings", "duplicated_gram_signals"},
        ),
        (BoilerplateDocument(), {"line_signals"}),
        # the share of Chinese characters is met by its floor
        (NotChineseDocument(), {"character_floors"}),
        (ListLikeDocument(), {"document_words", "word_count_signals"}),
        # checks that are off by default read groups of their own, computed only when turned on
        (
            RepetitiveDocument(max_dup_para_frac=0.3),
            {
                "paragraph_signals",
                "line_signals",
                "document_words",
                "word_grams",
                "top_gram_ceilings",
                "duplicated_gram_signals",
            },
        ),
        (NotChineseDocument(max_special_char_ratio=0.25), {"character_floors", "special_character_signals"}),
        (BoilerplateDocument(max_short_line_ratio=0.67), {"line_signals", "line_length_signals"}),
        (ListLikeDocument(min_avg_line_length=10.0), {"document_words", "word_count_signals", "line_length_signals"}),
    ],
)
def test_each_rule_computes_only_the_signals_its_checks_read(rule, computed):
    doc = Recording(PROSE * 3)
    rule.check(doc)
    assert doc.asked == computed


@pytest.mark.parametrize(
    ("text", "failing"),
    [
        # Chinese characters of extension B, which the floor does not count: the share itself is worked out
        ("".join(map(chr, range(0x20000, 0x20000 + 60))) + "。\n", []),
        # characters of U+9FA6–U+9FFF send the floor to 0 (Chinese in newer Unicode versions only)
        ("\u9fa6\u9fa7" * 30 + "。\n", []),
        # a floor under the minimum, and the share under it too
        ("Download it here. 下载\n" * 5, [("han_ratio", 10 / 85, 0.3)]),  # 10 of 85 not blanks
    ],
)
def test_a_share_of_chinese_the_floor_does_not_meet_is_worked_out(text, failing):
    doc = Recording(text)
    assert NotChineseDocument().failing(doc) == failing
    assert doc.asked == {"character_floors", "character_signals"}


def test_a_long_documents_top_n_grams_are_worked_out_only_where_their_ceilings_pass_a_maximum():
    pytest.importorskip("numpy")  # imported: a long document's n-grams are NumPy's, with ceilings cheaper than them
    characters = [chr(code) for code in range(0x4E00, 0x4E00 + 3000)]
    sentences = random.Random(0).choices(characters, k=2400)
    prose = "".join(f"{''.join(sentences[start : start + 12])}，" for start in range(0, 2400, 12)) + "。\n"
    doc = Recording(prose)
    assert len(signals.words_of(prose)) >= signals.VECTOR_FROM
    assert RepetitiveDocument().check(doc) == []
    assert "top_gram_ceilings" in doc.asked and "top_gram_signals" not in doc.asked
    # a document past a maximum: the message gives the top n-gram's own value, not its ceiling
    repeated = "好消息好消息好消息，今天全场五折。\n" * 40
    doc = Recording(repeated)
    (finding,) = RepetitiveDocument().check(doc)
    assert "top_gram_signals" in doc.asked
    words = signals.words_of(repeated)
    assert len(words) >= signals.VECTOR_FROM
    for n, top in signals.top_grams(words, signals.TOP_GRAMS).items():
        assert f"top_{n}_gram {top / len(repeated):.3g} > " in finding.message
