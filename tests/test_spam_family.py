"""The S family together, on the seeds and on clean text (the acceptance
tests of the spam-and-boilerplate issue)."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED_FILES, seed, wenlint
from hypothesis import example, given, settings
from hypothesis import strategies as st

from wenlint import Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules
from wenlint.script import converter
from wenlint_rules.spam import patterns as _patterns

CODES = [*(f"S00{n}" for n in range(1, 10)), "S011", "S012"]
S_RULES = [all_rules()[code]() for code in CODES]
CSC = ROOT.parent / "shared" / "data" / "csc"
REAL = ROOT.parent / "shared" / "data" / "real"


def fixed(text: str, *codes: str, unsafe: bool = False, path: str = "doc.txt", **options) -> str:
    """``text`` fixed by the given S rules (default: all but S010)."""
    rules = [all_rules()[code](**options) for code in codes] if codes else S_RULES
    return fix(Document.from_source(text, path), rules, unsafe=unsafe).doc.text


def s_findings(text: str, path: str = "doc.txt") -> list[tuple[str, str]]:
    doc = Document.from_source(text, path)
    return [(d.code, text[d.start : d.end]) for d in lint(doc, S_RULES)]


def read(prefix: str) -> str:
    return seed(prefix).read_text(encoding="utf-8")


# -- 1. every boilerplate line of the seeds, and nothing else ------------------------

#: (line, code) of every S finding on each seed, before any fix.
EXPECTED = {
    "000": [(1, "S009"), (3, "S008")],
    "001": [(1, "S001"), (3, "S002"), (5, "S008"), (7, "S003")],
    "002": [(1, "S008"), (3, "S004"), (5, "S003")],
    "003": [(1, "S008"), (3, "S004"), (5, "S003"), (7, "S008"), (108, "S007")],
    "004": [
        (3, "S004"),
        *[(line, "S005") for line in range(4, 17)],
        (18, "S003"),
        (52, "S005"),
        (53, "S005"),
        (54, "S005"),
        (56, "S002"),
        (58, "S006"),
        (59, "S006"),
    ],
}

#: The excerpts of seeds/DEFECTS.md ("Spam headers") and the rule that flags each.
DEFECTS = [
    ("000", "美章网 资料文库 ", "S009"),
    ("001", "日韩有码亚洲专区|国产探花在线播放|", "S001"),
    ("001", "首頁 > 文章中心 > 正文", "S002"),
    ("001", "前言:本站為你精心整理了", "S003"),
    ("002", "時間:2022-09-21 03:23:00", "S004"),
    ("002", "導語:社區構建問題報告一文來源于網友上傳", "S003"),
    ("003", "时间:2022-07-04 11:15:02 来源:网友投稿", "S004"),
    ("003", "下面是小编为大家整理的", "S003"),
    ("003", "推荐访问:会上 观摩 党建 ", "S007"),
    ("004", "上传人:小** 文档编号:54424334 上传时间:2018-09-12 格式:DOC 页数:27 大小:71KB", "S004"),
    ("004", "返回 下载 相关 举报", "S005"),
    ("004", "全市街道社区党组织书记培训班辅导讲义_第1页", "S005"),
    ("004", "第1页 / 共27页", "S005"),
    ("004", "点击查看更多>>", "S005"),
    ("004", "资源描述", "S005"),
    ("004", "《全市街道社区党组织书记培训班辅导讲义》由会员分享,可在线阅读", "S003"),
    ("004", "展开阅读全文", "S005"),
    ("004", "电脑版\xa0|金锄头文库版权所有", "S006"),
    ("004", "经营许可证:蜀ICP备13022795号", "S006"),
    ("001", "社區(qū)發(fā)展工作大會講話", "S008"),
    ("002", "社區構建問題報告", "S008"),
    ("003", "在党建引领社区治理体系建设观摩推进会上讲话(2022年)", "S008"),
]

#: 1-based numbers of the original lines the safe fixes remove.
REMOVED = {
    "000": [1, 2, 3, 4],
    "001": list(range(1, 9)),
    "002": list(range(1, 7)),
    "003": [*range(1, 9), 107, 108],
    "004": [*range(3, 20), *range(51, 60)],
}

FIRST_AND_LAST = {
    "000": ("建设局社区建设会议上讲话", "谢谢大家!"),
    "001": ("社區(qū)發(fā)展工作大會講話", "同志們,建設宜居城市,守護美好家園,"),
    "002": ("社區構建問題報告", "3、堅持以服務居民群眾為重點,"),
    "003": (
        "在党建引领社区治理体系建设观摩推进会上的讲话",
        "同志们,党建引领社区治理体系建设是一项创新性、开拓性工程。",
    ),
    "004": ("全市街道社区党组织书记培训班辅导讲义", "16、门的门栋, 门栋治安状况好转了,"),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_every_boilerplate_line_of_the_seed_is_flagged(prefix):
    doc = Document(read(prefix))
    assert [(d.line, d.code) for d in lint(doc, S_RULES)] == EXPECTED[prefix]


@pytest.mark.parametrize(("prefix", "excerpt", "code"), DEFECTS)
def test_defects_md_excerpt_is_flagged_by_its_rule(prefix, excerpt, code):
    text = read(prefix)
    start = text.index(excerpt)
    line_start = text.rfind("\n", 0, start) + 1
    codes = {d.code for d in lint(Document(text), S_RULES) if line_start <= d.start <= start + len(excerpt)}
    assert codes == {code}


def _without_lines(text: str, numbers: list[int]) -> str:
    """``text`` without the lines of the given 1-based numbers."""
    return "\n".join(line for number, line in enumerate(text.split("\n"), 1) if number not in numbers)


@pytest.mark.parametrize("prefix", sorted(REMOVED))
def test_safe_fix_removes_exactly_the_boilerplate_lines(prefix):
    original = read(prefix)
    result = fixed(original)
    assert result == _without_lines(original, REMOVED[prefix])
    first, last = FIRST_AND_LAST[prefix]
    lines = result.split("\n")
    assert lines[0] == first
    assert lines[-1].startswith(last)
    assert fixed(result) == result
    assert s_findings(result) == []


def test_fix_on_the_command_line(seeds_copy):
    result = wenlint("check", "--select", ",".join(CODES), "--fix", str(seeds_copy))
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
    for path in sorted(seeds_copy.glob("*.txt")):
        first, last = FIRST_AND_LAST[path.name[:3]]
        lines = path.read_text(encoding="utf-8").split("\n")
        assert lines[0] == first and lines[-1].startswith(last)


def test_extra_patterns_from_the_configuration(tmp_path):
    (tmp_path / "wenlint.toml").write_text(
        'select = ["S"]\n[rules.seo-spam-line]\nextra-patterns = ["快樂體育註冊", "快乐体育官网"]\n'
        '[rules.S009]\nextra-patterns = ["范文网"]\n',
        encoding="utf-8",
    )
    page = tmp_path / "page.txt"
    page.write_text(
        "范文网 | 社区工作总结\n快乐体育|快乐体育注册|快乐体育官网\n\n今天的大会,是一次重要会议。今天的大会,是一次重要会议。\n",
        encoding="utf-8",
    )
    result = wenlint("check", "--output-format", "concise", str(page), cwd=tmp_path)
    out = result.stdout.decode()
    assert "page.txt:1:1: S009" in out and "page.txt:2:1: S001" in out
    bad = tmp_path / "wenlint.toml"
    bad.write_text("[rules.S001]\nextra-patterns = [1]\n", encoding="utf-8")
    result = wenlint("check", str(page), cwd=tmp_path)
    assert result.returncode == 2 and b"extra-patterns" in result.stderr


# -- 2. nothing on clean Chinese ----------------------------------------------------------


def body_paragraphs() -> list[str]:
    """Every body line of the seeds, in its own script and in the other."""
    paragraphs = []
    for path in SEED_FILES:
        doc = Document(path.read_text(encoding="utf-8"))
        for index in doc.zones.body:
            line = doc.zones.text(index).strip()
            if line:
                simplified = converter("t2s").convert(line)
                paragraphs += [line, converter("s2t").convert(line) if simplified == line else simplified]
    return paragraphs


def test_no_finding_on_body_paragraphs():
    paragraphs = body_paragraphs()
    assert len(paragraphs) >= 200
    assert [(p[:20], s_findings(p)) for p in paragraphs if s_findings(p)] == []


def test_no_finding_on_body_paragraphs_shuffled_into_documents():
    paragraphs = body_paragraphs()
    shuffle = random.Random(20240601)
    for _ in range(300):
        text = "\n\n".join(shuffle.sample(paragraphs, shuffle.randint(1, 8)))
        assert s_findings(text) == [], text[:60]


MENTIONS = [
    "我读过一篇网友投稿的文章,写的是社区志愿者的故事,很感人。",
    "我们的版权所有人已经同意授权,这部作品可以免费借阅。",
    "会议安排如下:时间:下午三点,地点:三楼会议室,请准时参加。",
    "这些照片来源于网友上传,记者核实后确认属实。",
    "下面我讲几点意见,供大家参考。",
    "他在澳门工作了三年,回到内地后和毛开云一起开办了一家视频公司。",
    "小区的首页设计 > 原来的方案,居民们都很满意。",
    "点击下载按钮,然后返回首页,如果发现问题可以举报。",
    "上一篇论文中作者指出,社区治理需要多方参与。",
    "澳门的葡式建筑很有特色,每年都吸引大量游客。",
    "著作权人有权许可他人使用作品,并依照约定获得报酬。",
    "这次培训让我分享到了很多经验,收获很大。",
    "扫一扫二维码就能付款,非常方便。",
    "银河娱乐集团公布业绩,收入比上年增长两成。",
    "很多网站的页脚写着“如有侵权请联系删除”,但这并不能免责。",
    "他的文章阅读(1234)次,评论很多。",
    "警方提醒：所谓“导师带赚钱”“亏损包赔”都是网络赌博的骗局。",
    "他原创了一首歌，朋友们都说很好听。",
    "复制代码之前，请先读一读许可证的要求。",
    "版权声明是出版物的重要组成部分，不能随意删改。",
    "原文链接在文末，感兴趣的读者可以去看看。",
    "本文关键词的选择，要兼顾准确和简洁。",
    "数据表的最后一列是来源，填写时不能为空。",
]


@pytest.mark.parametrize("sentence", MENTIONS)
def test_no_finding_on_sentences_that_mention_the_words(sentence):
    paragraph = "今天,我们召开全区社区建设工作会议,主要是贯彻省、市会议精神。"
    placements = (
        sentence,
        f"{paragraph}{sentence}{paragraph}",
        f"{sentence}\n\n{paragraph}",
        f"{paragraph}\n\n{sentence}",
    )
    for text in placements:
        assert s_findings(text) == [], text


@pytest.mark.skipif(not CSC.is_dir(), reason="needs ../shared/data/csc")
def test_no_finding_on_csc_sentences():
    sentences = [
        json.loads(line)["tgt"]
        for path in sorted(CSC.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert len(sentences) > 3000
    assert [(s, s_findings(s)) for s in sentences if s_findings(s)] == []


@pytest.mark.skipif(not REAL.is_dir(), reason="needs ../shared/data/real")
@pytest.mark.parametrize(
    "name",
    ["clean-simplified.jsonl", "clean-traditional.jsonl", pytest.param("markdown.jsonl", marks=pytest.mark.slow)],
)
def test_no_finding_on_real_clean_documents(name):
    documents = [json.loads(line) for line in (REAL / name).read_text(encoding="utf-8").splitlines()]
    found = [
        (document["id"], code, excerpt)
        for document in documents
        for code, excerpt in s_findings(document["text"], path="doc.md" if name == "markdown.jsonl" else "doc.txt")
    ]
    assert found == []


# -- 2b. real pages with site chrome and web spam ---------------------------------------------

_recall_spec = importlib.util.spec_from_file_location("spam_recall", ROOT / "bench" / "spam_recall.py")
spam_recall = sys.modules["spam_recall"] = importlib.util.module_from_spec(_recall_spec)
_recall_spec.loader.exec_module(spam_recall)  # registered first: its dataclasses look the module up
REAL_SPAM = [json.loads(line) for line in spam_recall.REAL.read_text(encoding="utf-8").splitlines()]


def test_real_spam_sample_is_well_formed():
    kinds = {kind for group in spam_recall.GROUPS.values() for kind in group}
    assert len(REAL_SPAM) >= 40
    for record in REAL_SPAM:
        lines = record["lines"]
        assert record["source"] and all(0 < len(line) <= 40 for line in lines), record["id"]
        for label in record["labels"]:
            assert label["kind"] in kinds and 0 <= label["line"] <= label["end_line"] < len(lines), record["id"]
            assert label.get("excerpt", "") in lines[label["line"]], record["id"]


def test_s_family_on_the_real_spam_sample():
    """Recall of every kind the sample holds at least 0.8, precision at least 0.95."""
    rules = [rule for rule in spam_recall.s_rules(preview=False) if rule.code != "S010"]
    tally = spam_recall.measure([spam_recall.real_page(record) for record in REAL_SPAM], rules)
    for group, kinds in spam_recall.GROUPS.items():
        labels = sum(tally.labels[kind] for kind in kinds)
        if labels:
            assert sum(tally.recalled[kind] for kind in kinds) >= 0.8 * labels, (group, tally.missed)
    assert tally.right >= 0.95 * (tally.right + len(tally.wrong)), tally.wrong


# -- 3. built once ---------------------------------------------------------------------------


def test_automaton_is_built_once_per_process_and_scan_once_per_document(monkeypatch):
    counts = {"automaton": 0, "scan": 0}
    build, scan = _patterns._build_automaton, _patterns._scan

    def counting_build(entries):
        counts["automaton"] += 1
        return build(entries)

    def counting_scan(doc):
        counts["scan"] += 1
        return scan(doc)

    monkeypatch.setattr(_patterns, "_build_automaton", counting_build)
    monkeypatch.setattr(_patterns, "_scan", counting_scan)
    _patterns._anchor_automaton.cache_clear()
    try:
        for path in SEED_FILES:
            assert lint(Document(path.read_text(encoding="utf-8")), S_RULES)
    finally:
        _patterns._anchor_automaton.cache_clear()
    assert counts == {"automaton": 1, "scan": len(SEED_FILES)}


def test_normalised_text_keeps_offsets():
    text = read("002")
    normal = _patterns.normalise(text)
    assert len(normal) == len(text) and normal.startswith("社区构建问题报告\n\n时间:")
    # A conversion that changes a line's length (`U盘` → `隨身碟`) falls back
    # to converting that line character by character.
    line = "我把U盘插上了"
    assert _patterns._normalise_line(line, converter("s2twp").convert) == "我把U盤插上了"


def test_packs_match_both_scripts_and_both_cases():
    seo = _patterns.pack("seo")["strong"]
    assert {"av网", "AV网"} <= seo and "澳门" not in seo and "开云" not in seo
    assert "首页" in _patterns.pack("breadcrumb")["home"]
    assert Path(_patterns.DATA / "spam_seo.txt").is_file()


def _direct_candidates(rule, doc: Document) -> list[tuple]:
    """A rule's candidates worked out line by line, as each rule did before
    the scan shared them: the lines with its anchors' hits (and its extra
    phrases'), and every line of the zones it browses."""
    found = _patterns.scan(doc)
    tags = {f"{rule.pack}:{section}" for section in rule.anchors} | ({"extra"} if rule.extra_anchors else set())
    hits = [hit for tag, tagged in found.hits.items() if tag in tags for hit in tagged]
    if rule.extra_anchors:
        hits += found.extra_hits(rule.extra)
    zones, browse = doc.zones, rule.browse & rule.zone_policy.flags
    indexes = {found.line_index(hit.start) for hit in hits}
    indexes |= {index for index in range(len(doc.line_starts)) if zones.zone(index) in browse}
    lines = []
    for index in sorted(indexes):
        start, end = found.line_span(index)
        raw = found.text[start:end]
        start += len(raw) - len(raw.lstrip())
        line_hits = sorted((hit for hit in hits if found.line_index(hit.start) == index), key=lambda hit: hit.start)
        lines.append((index, zones.zone(index), start, raw.strip(), line_hits))
    return lines


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_shared_candidates_are_each_rules_own(prefix):
    """The scan makes each line's candidate once and the lines a zone set
    holds once, for every S rule: each rule still gets the lines, zones,
    texts and hits it would work out on its own (hits compared as a set by
    start: the rules read them so), on seeds with head, body and tail,
    with and without extra phrases."""
    text = read(prefix)
    lines = text.split("\n")
    text = "\n".join([*lines[:3], "相关阅读", "上一篇：社区工作总结 下一篇：没有了", *lines[3:], "分享到：微信 微博"])
    compared = []
    for options in ({}, {"extra-patterns": ["社区", "工作"]}):
        doc = Document.from_source(text, "doc.txt")
        for code in CODES:
            rule = all_rules()[code](**(options if "extra-patterns" in all_rules()[code].options else {}))
            got = [
                (line.index, line.zone, line.start, line.text, sorted(line.hits, key=lambda hit: hit.start))
                for line in rule.candidates(doc)
            ]
            assert got == _direct_candidates(rule, doc), code
            compared += got
    assert any(line[4] for line in compared) and any(not line[4] for line in compared)


def test_plain_quick_test_is_the_marks_test():
    """``plain`` takes a line as it is when its one search finds no mark;
    that search finds exactly the lines holding `[`, `*`, `_`, `>`, `- ` or
    `+ ` (every string of up to four characters of those and others)."""
    from itertools import product

    marks = ("[", "*", "_", ">", "- ", "+ ")
    for size in range(5):
        for chars in product("[*_>-+ \t中a", repeat=size):
            line = "".join(chars)
            assert bool(_patterns._MARKUP_MARK.search(line)) == any(mark in line for mark in marks), line


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="关注我们首页𠀀ab", min_size=0, max_size=4), max_size=6),
    st.text(alphabet="关注我们首页𠀀ab\n", max_size=40),
)
@example(["我们", "b", "关注我们"], "关注我们")  # two phrases of one tag ending at one place: the longer first
def test_the_automaton_finds_every_occurrence_in_the_order_they_end(phrases, text):
    """Overlapping and nested phrases too, in code points (astral ones are
    one), ordered by where they end and then the longer first."""
    entries = tuple((phrase, f"t{n % 2}") for n, phrase in enumerate(phrases))
    found = _patterns._find(_patterns._build_automaton(entries), text)
    expected: dict[str, list] = {}
    for start in range(len(text)):
        for phrase, tag in sorted(set(entries)):
            if phrase and text.startswith(phrase, start):
                expected.setdefault(tag, []).append((start + len(phrase), start, phrase))
    assert {tag: [(hit.end, hit.start, hit.phrase) for hit in hits] for tag, hits in found.items()} == {
        tag: sorted(hits, key=lambda hit: (hit[0], hit[1])) for tag, hits in expected.items()
    }
