"""E004: U+FFFD replacement characters, where a decoder gave up on bytes."""

from __future__ import annotations

from wenlint import Example
from wenlint.kinds import PatternRule


class ReplacementCharacter(PatternRule):
    code = "E004"
    name = "replacement-character"
    summary = "U+FFFD `�`: characters a decoder could not read and threw away"
    flags = """
        Each run of U+FFFD (`�`), as one finding.
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
    pattern = "\ufffd+"
    requires = ("\ufffd",)
    message = "{what} (U+FFFD): text lost in decoding"
    bad = (
        Example("社区建设工作取得了\ufffd\ufffd成效。"),
        Example("\ufffd年,我市确定了目标。"),
        Example("会议由主任\ufffd持。"),
    )
    good = (
        Example("社区建设工作取得了显著成效。"),
        Example("解码失败时会出现替换字符 U+FFFD。"),
        Example("乱码示例：`\ufffd\ufffd`。", path="example.md"),
    )

    def fields(self, doc, match):
        count = len(match[0])
        return {"what": "a replacement character" if count == 1 else f"{count} replacement characters"}
