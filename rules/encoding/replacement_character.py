"""E004: U+FFFD replacement characters, where a decoder gave up on bytes."""

from __future__ import annotations

import regex

from wenlint import Diagnostic, Document, Example, Rule

_RUN = regex.compile("\ufffd+")


class ReplacementCharacter(Rule):
    code = "E004"
    name = "replacement-character"
    summary = "U+FFFD `�`: characters a decoder could not read and threw away"
    flags = """
        A decoder that meets bytes it cannot read in the encoding it assumed
        puts U+FFFD (`�`) in their place and goes on. Whatever those bytes
        said is gone: the sentence has a hole in it, and usually one that
        cannot be filled from the text alone.

        Flagged: each run of U+FFFD, as one finding. Left alone: the name
        `U+FFFD` written out, and U+FFFD inside URLs and Markdown code
        (where a document about encodings may show it on purpose). No fix:
        what was lost must be recovered from the source.
    """
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

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        if "\ufffd" not in text:
            return []
        found = []
        for match in _RUN.finditer(text):
            start, end = match.span()
            if doc.is_verbatim(start):
                continue
            count = end - start
            what = "a replacement character" if count == 1 else f"{count} replacement characters"
            found.append(self.diagnostic(start, end, f"{what} (U+FFFD): text lost in decoding"))
        return found
