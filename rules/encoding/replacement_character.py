"""E004: U+FFFD replacement characters, where a decoder gave up on bytes."""

from __future__ import annotations

from wenlint import Example
from wenlint.kinds import PatternRule

#: A character that may lie between replacement characters of one run: any but a
#: Chinese one or a blank line. A gap holds up to eight of them, or up to four either
#: side of one Chinese character (a wrong decoding leaves stray ones: `��蹤�`).
_GAP = r"(?:[^\p{Han}\ufffd\n]|\n(?![^\S\n]*\n))"


class ReplacementCharacter(PatternRule):
    code = "E004"
    name = "replacement-character"
    summary = "U+FFFD `�`: characters a decoder could not read and threw away"
    flags = """
        Each run of damage as one finding: U+FFFD (`�`) characters, with what
        lies between them when that is a few characters (at most eight,
        with no more than one Chinese character and no blank line), as a
        page decoded in the wrong encoding leaves them (`���죬�����ٿ�`).
        The message counts the replacement characters.
    """
    why = """
        A decoder that meets bytes it cannot read in the encoding it assumed
        puts U+FFFD (`�`) in their place and goes on. Whatever those bytes
        said is gone: the sentence has a hole in it, and usually one that
        cannot be filled from the text alone.
    """
    leaves_alone = """
        The name `U+FFFD` written out, and U+FFFD inside URLs and Markdown
        code (where a document about encodings may show it on purpose).
    """
    fix_safety = "No fix: what was lost must be recovered from the source."
    #: A text whose every Chinese character was lost is still damaged text.
    needs_han = False
    pattern = rf"\ufffd+(?:(?:{_GAP}{{1,8}}|{_GAP}{{0,4}}\p{{Han}}{_GAP}{{0,4}})\ufffd+)*"
    requires = ("\ufffd",)
    message = "{what}: text lost in decoding"
    bad = (
        Example("社区建设工作取得了\ufffd\ufffd成效。"),
        Example("\ufffd年,我市确定了目标。"),
        Example("会议由主任\ufffd持。"),
        Example("\ufffd\ufffd\ufffd\u05f7\ufffd\ufffd\ufffd2019\ufffd\ufffd"),
    )
    good = (
        Example("社区建设工作取得了显著成效。"),
        Example("解码失败时会出现替换字符 U+FFFD。"),
        Example("乱码示例：`\ufffd\ufffd`。", path="example.md"),
    )

    def fields(self, doc, match):
        count, size = match[0].count("\ufffd"), len(match[0])
        what = "a replacement character (U+FFFD)" if count == 1 else f"{count} replacement characters (U+FFFD)"
        return {"what": what if count == size else f"{what} in a stretch of {size} characters"}
