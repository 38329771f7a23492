"""D002: a paragraph that appears twice in one document."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Option, Rule
from wenlint.textclass import HAN_CLASS

#: What a comparison ignores: spaces, punctuation and symbols (after NFKC, so `,` and `，` are one).
_NOISE = regex.compile(r"[\s\p{P}\p{S}]+")
#: A paragraph says something: it holds the end of a sentence. Titles and headings do not.
_SENTENCE_END = re.compile(r"[。！？；…!?;]")
_SPACES = " \t\u3000\xa0"
#: A numbered provision or list item: `（2）`, `2）`, `三、`, `(c)`, `第五条`, `7.4.1`, `- `, `•`.
#: Laws, contracts and manuals repeat such items on purpose.
_NUMBERED = regex.compile(
    r"(?:[-*+•●◆■▪·]\s*|[(（]?(?:\d{1,3}|[一二三四五六七八九十百]+|[a-zA-Z])[)）、.．]|\d{1,3}(?:\.\d+)+"
    r"|第[一二三四五六七八九十百千零〇\d]+[条款项章节编])"
)


@lru_cache(maxsize=8)
def _han_at_least(count: int) -> re.Pattern[str]:
    """A pattern that matches text holding ``count`` or more Chinese characters."""
    return re.compile(f"(?:[^{HAN_CLASS}]*+[{HAN_CLASS}]){{{count}}}")


@lru_cache(maxsize=8)
def _lines_at_least(count: int) -> re.Pattern[str]:
    """A pattern that matches a whole line of ``count`` or more characters."""
    return re.compile(r"^[^\n]{%d,}" % count, re.MULTILINE)


#: Characters NFKC turns into ones of the main block of Chinese characters
#: (radicals, enclosed and compatibility ideographs: `⼀` `〸` `㊀` `豈`; a test reads every code point).
_MAKES_MAIN_HAN = re.compile(
    "[\u2e80-\u2fdf\u3038-\u303a\u3190-\u319f\u3200-\u33ff\uf900-\ufaff\U0001f200-\U0001f2ff\U0002f800-\U0002fa1f]"
)
_NOT_MAIN_HAN = re.compile("[^\u4e00-\u9fff]+")
#: Anything but spaces and line breaks, found from the end.
_CONTENT_FROM_END = regex.compile(r"[^ \t\u3000\xa0\n]", regex.REVERSE)


#: A paragraph long enough to be compared, for the examples.
_PARAGRAPH = (
    "社区是城市社会的基本构成单元，也是构建和谐社会的重要基石。近年来，我们坚持把社区建设摆在突出位置，"
    "不断完善社区服务体系，持续改善居民生活环境，社区面貌发生了深刻变化，群众的获得感和幸福感明显增强。"
)


#: What might compose with a character before it under NFKC: combining marks,
#: Hangul vowels and finals, and what NFKC turns into one (`ำ`, compatibility
#: and half-width Hangul `ㅢ`, half-width `ﾞ`; a test finds them all in Unicode).
_COMPOSES = regex.compile(r"[\p{M}\u1100-\u11ff\ud7b0-\ud7ff\u0e33\u0eb3\u3131-\u318e\uff9e-\uffdc]")


@cache
def _nfkc_noise() -> re.Pattern[str]:
    """Full-width and CJK punctuation, symbols and spaces that NFKC turns into
    other punctuation, symbols or spaces (`，` → `,`). (`re`: it removes them
    three times faster than `regex`.)"""
    blocks = (range(0x2000, 0x2070), range(0x3000, 0x3040), range(0xFE10, 0xFE70), range(0xFF00, 0xFF66))
    noise = [chr(code) for block in blocks for code in block if _NOISE.fullmatch(chr(code))]
    turned = [char for char in noise if unicodedata.normalize("NFKC", char) not in ("", char)]
    return re.compile(
        "[" + re.escape("".join(c for c in turned if _NOISE.fullmatch(unicodedata.normalize("NFKC", c)))) + "]+"
    )


def _normalise(content: str) -> str:
    """``content`` compared: NFKC, case folded, without noise. The noise NFKC
    would only turn into other noise goes first (most of NFKC's work on
    Chinese), unless something might have composed with it."""
    if _COMPOSES.search(content) is None:
        content = _nfkc_noise().sub("", content)
    return _NOISE.sub("", unicodedata.normalize("NFKC", content).casefold())


def _han_key(content: str) -> str:
    """The characters of the main Chinese block (U+4E00–U+9FFF) that
    :func:`_normalise` keeps of ``content``, in order, found without it for
    most lines: lines normalised alike have the same key."""
    if _MAKES_MAIN_HAN.search(content):
        content = _normalise(content)
    return _NOT_MAIN_HAN.sub("", content)


def _content_end_before(text: str, start: int) -> int:
    """Where the last line with content (more than spaces) before the line
    holding ``start`` ends; 0 when there is none."""
    match = _CONTENT_FROM_END.search(text, 0, text.rfind("\n", 0, start) + 1)
    return 0 if match is None else text.find("\n", match.start())


class DuplicatedParagraph(Rule):
    code = "D002"
    name = "duplicated-paragraph"
    summary = "A paragraph repeats an earlier one in the same document"
    why = """
        Scrapers and copy-paste leave the same paragraph twice in a document:
        a page fetched with its print view, a preview followed by the full
        text, a block pasted twice. The copy adds nothing and skews any
        statistics built on the corpus.
    """
    flags = """
        A paragraph is a line (scraped text puts one paragraph on a line). A
        line is flagged when it repeats an earlier line of the document,
        either exactly or after ignoring spaces, punctuation and symbols and
        the difference between full- and half-width forms (`今天,我们` and
        `今天，我们` are the same). Only lines that are sentences are
        compared: they end a sentence somewhere (`。！？；…`), hold at least
        80 Chinese characters (option `min_chars`) and are not numbered.
    """
    leaves_alone = """
        Short lines that rightly recur (`谢谢大家！`, `同志们：`, `是。`) and
        shorter paragraphs (a note repeated under each section of a manual,
        a sentence a prospectus restates from its contract), numbered
        provisions and list items (`（2）…`, `2）…`, `三、…`, `第五条…`,
        `- …`: laws and contracts repeat them on purpose), titles repeated at
        the top of a page (the spam rules report those), headings, table
        rows, signatures and Markdown code.
    """
    fix_safety = """
        The fix removes the later copy with the line break before it. It is
        unsafe: a copy that differs in punctuation is not quite the same, and
        a repetition can be deliberate.
    """
    fix = FixAvailability.UNSAFE
    options = {
        "min_chars": Option(80, "the fewest Chinese characters a line needs to be compared"),
    }
    bad = (
        Example(
            _PARAGRAPH + "\n加强社区党建，打牢党在城市的群众基础。\n" + _PARAGRAPH + "\n",
            fixed=_PARAGRAPH + "\n加强社区党建，打牢党在城市的群众基础。\n",
        ),
        Example(
            _PARAGRAPH.replace("，", ",") + "\n\n会议很重要。\n\n" + _PARAGRAPH + "\n\n谢谢大家！",
            fixed=_PARAGRAPH.replace("，", ",") + "\n\n会议很重要。\n\n谢谢大家！",
        ),
    )
    good = (
        Example("同志们：\n\n会议开始。\n\n同志们：\n\n谢谢大家！\n\n谢谢大家！"),
        Example(
            "在党建引领社区治理体系建设观摩推进会上讲话(2022年)\n\n"
            "在党建引领社区治理体系建设观摩推进会上讲话(2022年)\n\n同志们：会议开始。"
        ),
        Example(
            "一、坚持政治站位、深化思想认识，以高度的责任感抓好社区治理体系建设\n"
            "正文。\n一、坚持政治站位、深化思想认识，以高度的责任感抓好社区治理体系建设\n"
        ),
        Example(
            "第一条 本办法适用于全市所有街道社区的党组织建设工作。\n"
            "第二条 本办法适用于全市所有街道社区的党组织建设工作。\n"
        ),
        Example(
            "（2）基金管理人因解散、破产、撤销等事由，不能继续担任基金管理人的职务，"
            "而在六个月内无其他适当的基金管理公司承接其原有权利义务，基金合同应当终止；\n正文。\n"
            "（2）基金管理人因解散、破产、撤销等事由，不能继续担任基金管理人的职务，"
            "而在六个月内无其他适当的基金管理公司承接其原有权利义务，基金合同应当终止；\n"
        ),
        Example(
            "注意：这个钩子仅在开发模式下可用，且在服务器端渲染期间不会被调用。\n正文。\n"
            "注意：这个钩子仅在开发模式下可用，且在服务器端渲染期间不会被调用。\n"
        ),
        Example(
            "```\n这一行代码里的文字重复出现了两次，但是代码块不归它管。\n"
            "这一行代码里的文字重复出现了两次，但是代码块不归它管。\n```\n",
            path="example.md",
        ),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        if not doc.has_han:
            return []
        text = doc.text
        min_chars = max(1, self.settings["min_chars"])
        compared = []  # (start, end) of each line compared, its content stripped of spaces
        for match in _lines_at_least(min_chars).finditer(text):
            raw = match[0]
            content = raw.strip(_SPACES)
            if self._compared(doc, match.start(), content, min_chars):
                start = match.start() + len(raw) - len(raw.lstrip(_SPACES))
                compared.append((start, start + len(content)))
        if len(compared) < 2:
            return []
        keys = [_han_key(text[start:end]) for start, end in compared]
        sharing = Counter(keys)
        first_seen: dict[str, tuple[int, str]] = {}  # normalised line -> (its start, as written)
        found = []
        for (start, end), key in zip(compared, keys):
            if sharing[key] < 2:
                continue  # no other line holds its Chinese characters: it is no copy, and has none
            content = text[start:end]
            first, first_content = first_seen.setdefault(_normalise(content), (start, content))
            if first != start:
                exact = content == first_content
                line_end = text.find("\n", end)
                cut_to = len(text) if line_end < 0 else line_end
                line = doc.position(first)[0]
                found.append(self._duplicate(start, end, _content_end_before(text, start), cut_to, line, exact))
        return found

    @staticmethod
    def _compared(doc: Document, start: int, content: str, min_chars: int) -> bool:
        return (
            len(content) >= min_chars
            and _SENTENCE_END.search(content) is not None
            and not doc.is_verbatim(start)
            and not _NUMBERED.match(content)
            and _han_at_least(min_chars).match(content) is not None
        )

    def _duplicate(self, start: int, end: int, cut_from: int, cut_to: int, first: int, exact: bool) -> Diagnostic:
        """The finding on a copy; its fix cuts from the end of the line with content before it."""
        how = "" if exact else " (ignoring spaces and punctuation)"
        message = f"this paragraph repeats line {first}{how}; remove the copy"
        fix = Fix.replace(cut_from, cut_to, "", safe=False, message="remove the repeated paragraph")
        return self.diagnostic(start, end, message, fix)
