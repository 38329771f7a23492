"""E002 mojibake: seed text decoded the wrong way is flagged and, when the
round trip is exact, fixed back exactly; clean Chinese is left alone."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401 - registers "sloppy-windows-1252", the cp1252 browsers use
import pytest
from conftest import SEED_FILES, findings, seed, wenlint
from hypothesis import given, settings
from hypothesis import strategies as st

from wenlint import Applicability, Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules

CSC = Path(__file__).resolve().parents[2] / "shared" / "data" / "csc"


def _cp936_errors(error: UnicodeDecodeError) -> tuple[str, int]:
    """Windows' GBK (cp936): a lone 0x80 is `€`, any other bad byte U+FFFD."""
    return ("€" if error.object[error.start] == 0x80 else "\ufffd"), error.start + 1


codecs.register_error("test-cp936", _cp936_errors)


def _lint(text: str):
    doc = Document.from_source(text)
    return doc, lint(doc, [all_rules()["E002"]()])


def _fixed(text: str, unsafe: bool = False) -> str:
    return fix(Document.from_source(text), [all_rules()["E002"]()], unsafe=unsafe).doc.text


def _line(prefix: str, number: int) -> str:
    return seed(prefix).read_text(encoding="utf-8").split("\n")[number - 1]


SEED_000 = _line("000", 9)  # 今天,我们召开全区社区建设工作会议,…
SEED_002 = _line("002", 9)  # 社區是城市社會的基本構成單元,…


@pytest.mark.parametrize(
    ("codec", "reading"),
    [("utf-8", "latin-1"), ("utf-8", "sloppy-windows-1252"), ("gbk", "sloppy-windows-1252"), ("gbk", "latin-1")],
)
def test_seed_paragraph_misread_is_flagged_and_fixed_exactly(codec, reading):
    mojibake = SEED_000.encode(codec).decode(reading)
    doc, found = _lint(mojibake)
    flagged = "".join(doc.text[d.start : d.end] for d in found)
    assert sum(not char.isascii() for char in mojibake) == sum(not char.isascii() for char in flagged)
    assert all(d.fix.applicability is Applicability.SAFE for d in found)
    assert _fixed(mojibake) == SEED_000


def test_big5_read_as_latin1_is_fixed_exactly():
    mojibake = SEED_002.encode("big5").decode("latin-1")
    assert mojibake.startswith("ªÀ°Ï¬O«°¥«ªÀ·|ªº°ò¥»ºc¦¨³æ¤¸,")
    assert _fixed(mojibake) == SEED_002


def test_exact_spans_and_readings():
    gbk = "½ñÌì,ÎÒÃÇÕÙ¿ª»áÒé"  # 今天,我们召开会议 as GBK read as cp1252
    assert findings(gbk, "E002") == ["½ñÌì", "ÎÒÃÇÕÙ¿ª»áÒé"]
    assert _fixed(gbk) == "今天,我们召开会议"
    utf8 = "会议纪要：ä¼šè®®å¼€å¾—å¾ˆå¥½ã€‚"
    assert findings(utf8, "E002") == ["ä¼šè®®å¼€å¾—å¾ˆå¥½ã€‚"]
    assert _fixed(utf8) == "会议纪要：会议开得很好。"


def test_whole_seed_documents_round_trip_exactly():
    for path, codec in ((seed("000"), "gbk"), (seed("002"), "big5"), (seed("004"), "utf-8")):
        clean = path.read_text(encoding="utf-8").encode(codec, "ignore").decode(codec)
        mojibake = clean.encode(codec).decode("latin-1")
        assert _fixed(mojibake) == clean, path.name


def test_short_runs_count_once_the_document_is_settled():
    # `µÚ1Ò³ / ¹²27Ò³` alone is undecidable; in a GBK-misread document it is `第1页 / 共27页`
    page = "第1页 / 共27页"
    document = "\n".join([SEED_000, page]).encode("gbk").decode("latin-1")
    assert _fixed(document) == "\n".join([SEED_000, page])
    assert findings(page.encode("gbk").decode("latin-1"), "E002") == []


def test_utf8_read_as_gbk_exact():
    assert "今天天气很好".encode().decode("gbk") == "浠婂ぉ澶╂皵寰堝ソ"
    assert findings("浠婂ぉ澶╂皵寰堝ソ", "E002") == ["浠婂ぉ澶╂皵寰堝ソ"]
    assert _fixed("浠婂ぉ澶╂皵寰堝ソ") == "今天天气很好"


def test_utf8_read_as_gbk_lossy_is_flagged_and_fixed_only_unsafely():
    mojibake = SEED_000.encode("utf-8").decode("gbk", "test-cp936")
    assert mojibake.startswith("浠婂ぉ,鎴戜滑鍙\ufffd寮€鍏ㄥ尯")
    doc, found = _lint(mojibake)
    flagged = sum(d.end - d.start for d in found)
    assert flagged > 0.8 * (len(mojibake) - mojibake.count("\ufffd") - mojibake.count(","))
    repaired = _fixed(mojibake, unsafe=True)
    assert repaired.startswith("今天,我们\ufffd开全区社区建\ufffd工作会\ufffd,")
    for phrase in ("交流经验,分析", "研究今后的工作思路", "总结了我区创建工作的基本情况"):
        assert phrase in repaired
    assert _fixed(repaired, unsafe=True) == repaired


def test_utf8_mojibake_ftfy_and_lossy_repairs_are_unsafe():
    # glued to a real `××`: ftfy repairs the run, but it is no exact round trip
    doc, found = _lint("会议纪要××ä¼šè®®å¼€å¾—å¾ˆå¥½ã€‚")
    assert [(doc.text[d.start : d.end], d.fix.edits[0].content) for d in found] == [
        ("××ä¼šè®®å¼€å¾—å¾ˆå¥½ã€‚", "××会议开得很好。")
    ]
    assert found[0].fix.applicability is Applicability.UNSAFE
    assert _fixed("会议纪要××ä¼šè®®å¼€å¾—å¾ˆå¥½ã€‚") == "会议纪要××ä¼šè®®å¼€å¾—å¾ˆå¥½ã€‚"
    # the last byte of `。` lost; a no-break space that became a space
    assert _fixed("ä¼šè®®å¼€å¾—å¾ˆå¥½ã€", unsafe=True) == "会议开得很好"
    assert _fixed("ä¼šè®®Â å¼€å¾—å¾ˆå¥½", unsafe=True) == "会议 开得很好"
    assert _fixed("ä¼šè®®Â å¼€å¾—å¾ˆå¥½") == "ä¼šè®®Â 开得很好"


def test_garbage_of_lost_text_is_flagged_without_fix():
    doc, found = _lint("标题锟斤拷锟斤拷正文，输出烫烫烫烫烫。")
    assert [doc.text[d.start : d.end] for d in found] == ["锟斤拷锟斤拷", "烫烫烫烫烫"]
    assert all(d.fix is None for d in found)
    assert findings("汤太烫烫烫的，屯田和锟斤。", "E002") == []


def test_chinese_typography_and_pinyin_beside_mojibake_left_alone():
    # one GBK-misread line in seed 001: the pinyin (`àn`, `ū`) elsewhere is not GBK
    text = seed("001").read_text(encoding="utf-8")
    line = "今天我们召开全区社区建设工作会议"
    document = text + "\n" + line.encode("gbk").decode("latin-1")
    assert findings(document, "E002") == [line.encode("gbk").decode("latin-1")]
    # `××××` and `“XX”` stay what they are in a settled document
    crosses = "会前，与会同志现场观摩了××××社区，建设“XX”。"
    assert _fixed("½ñÌìÎÒÃÇ¿ª»á\n" + crosses) == "今天我们开会\n" + crosses


def test_latin_mojibake_only_inside_a_word():
    assert findings("他在巴黎的 cafÃ© 见面。", "E002") == ["Ã©"]
    assert _fixed("他在巴黎的 cafÃ© 见面。") == "他在巴黎的 café 见面。"
    assert findings("他在巴黎的 Café de Flore 与 Müller 先生见面，气温30°C±2°C。", "E002") == []


def test_markdown_code_and_urls_left_alone():
    assert findings("乱码示例：`ÄãºÃ` 和 `浣犲ソ`。", "E002", path="a.md") == []
    assert findings("见 https://example.com/ÄãºÃÊÀ½ç 。", "E002") == []


def test_clean_seeds_yield_nothing():
    for path in SEED_FILES:
        assert findings(path.read_text(encoding="utf-8"), "E002") == [], path.name


@pytest.mark.skipif(not CSC.is_dir(), reason="shared csc data not present")
def test_clean_csc_sentences_yield_nothing():
    sentences = [json.loads(line)["tgt"] for path in sorted(CSC.glob("*.jsonl")) for line in path.open()]
    assert len(sentences) > 3000
    assert findings("\n".join(sentences), "E002") == []


def test_cli_fix_repairs_a_misread_file(tmp_path):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    target = tmp_path / "doc.txt"
    target.write_text(SEED_000.encode("gbk").decode("cp1252", "replace") + "\n", encoding="utf-8")
    result = wenlint("check", "doc.txt", "--select", "E002", "--fix", cwd=tmp_path)
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
    assert target.read_text(encoding="utf-8") == SEED_000 + "\n"


def test_mojibake_view_for_rules_that_fix_single_characters():
    from wenlint.damage import inside_mojibake, mojibake

    garbled = "社區".encode("gbk").decode("latin-1") + "(qū)"  # `Éç\x85^`: a C1 control inside
    doc = Document.from_source(garbled + "建设")
    assert [(run.start, run.end) for run in mojibake(doc)] == [(0, 4)]
    assert mojibake(doc) is mojibake(doc), "a view is computed once per document"
    assert inside_mojibake(doc, 2) and not inside_mojibake(doc, 4)
    assert not mojibake(Document.from_source(SEED_000))


# -- repairs reviewed for meaning (issue 15) ------------------------------------

SETTLED = "½ñÌì£¬ÎÒÃÇÕÙ¿ªÈ«Çø»áÒé¡£"  # 今天，我们召开全区会议。 as GBK read as cp1252


@pytest.mark.parametrize(
    "line",
    [
        "————————————",
        "××××××××××××",
        "价格：××××元，联系人：×××",
        "×××× ÷÷÷÷ ±±±± °°°° §§§§ ¤¤¤¤",
        "ÀÀÀÀÀÀ ÃÃÃÃÃÃ ¨¨¨¨¨¨",
        "──────────────",
        "══════════════",
        "……………………",
        "作者：José García、Müller、Zoë",
    ],
)
def test_a_repeated_symbol_or_a_latin_name_is_never_mojibake(line):
    # alone, in a document with Chinese, and beside a settled run of real mojibake
    for text in (line, f"标题\n{line}\n正文内容。", f"{SETTLED}\n{line}", f"{SETTLED}{line}"):
        assert _fixed(text, unsafe=True) == text.replace(SETTLED, "今天，我们召开全区会议。"), text
        assert all(line not in finding for finding in findings(text, "E002")), text


def test_a_run_is_cut_where_one_character_repeats():
    # the real mojibake on either side is still repaired, the dashes stay
    text = SETTLED + "————————" + "ÎÒÃÇ"
    assert findings(text, "E002") == [SETTLED, "ÎÒÃÇ"]
    assert _fixed(text) == "今天，我们召开全区会议。————————我们"
    # GBK's own `——` (A1AA A1AA) read as cp1252 is mojibake, not a repeated symbol
    assert _fixed("¡ª¡ª¡ª¡ª½ñÌì") == "————今天"


def test_utf8_read_as_cp1252_with_undefined_bytes_dropped_is_flagged_without_fix():
    clean = "社区工作会议的后面发展数据来源"
    lossy = clean.encode("utf-8").decode("cp1252", "ignore")
    assert lossy.startswith("ç¤¾åŒºå·¥ä½œ")
    doc, found = _lint("标题\n" + lossy + "\n")
    assert [doc.text[d.start : d.end] for d in found] == [lossy]
    assert found[0].fix is None
    assert "社区工作会议" in found[0].message
    assert _fixed(lossy, unsafe=True) == lossy


def test_cli_reports_lossy_mojibake_and_leaves_the_file(tmp_path):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    lossy = "今天我们开会，后面讨论发展问题。".encode().decode("cp1252", "ignore")
    target = tmp_path / "doc.txt"
    target.write_text("————————\n" + lossy + "\n××××××\n", encoding="utf-8")
    before = target.read_bytes()
    result = wenlint("check", "doc.txt", "--select", "E002", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert result.returncode == 1, result.stderr.decode()
    assert b"E002" in result.stdout and b"doc.txt:2:1" in result.stdout
    assert target.read_bytes() == before


# -- linear time (issue 19) -------------------------------------------------------


def _gbk_made_run(size: int) -> str:
    """A run of the characters GBK makes of UTF-8, cut out of seed text out of step: no reading settles it."""
    from wenlint.codepages import gbk_chars

    chars = gbk_chars()
    run = "".join(c for c in seed("000").read_text(encoding="utf-8").encode().decode("gbk", "replace") if c in chars)
    return (run * (size // len(run) + 1))[:size]


def test_a_long_gbk_made_run_is_read_once(monkeypatch):
    """Every character of a long run is looked at a bounded number of times
    (it was once per rare pair in the run: quadratic)."""
    import wenlint.damage

    examined = []

    def counted(run):
        examined.append(len(run))
        return real(run)

    real = wenlint.damage.mostly_rare
    monkeypatch.setattr(wenlint.damage, "mostly_rare", counted)
    text = "标题" + _gbk_made_run(100_000)
    assert findings(text, "E002") == []
    assert sum(examined) <= 2 * len(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ÄãºÃ§A¦n“”€@~中 ", max_size=16))
def test_the_legacy_runs_are_the_pairs_repeated(text):
    """The pattern opening with its first pair finds the runs of pairs it always did."""
    from wenlint.codepages import HIGH
    from wenlint.damage import _LEGACY_RUN

    pairs = re.compile(rf"(?:[{HIGH}][{HIGH}\x40-\x7e])+")
    assert [m.span() for m in _LEGACY_RUN.finditer(text)] == [m.span() for m in pairs.finditer(text)]
