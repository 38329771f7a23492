"""E001: the file is not UTF-8 (GB18030, Big5, UTF-16 …)."""

from __future__ import annotations

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Option, Rule
from wenlint.decode import CONFIDENT, label


class NonUtf8Source(Rule):
    code = "E001"
    name = "non-utf8-source"
    summary = "The file is not UTF-8"
    flags = """
        Anything but UTF-8 is flagged once per file, naming the encoding found
        and how sure the detection is (0–1; 1 for a byte-order mark).

        Archives that must keep GB18030 (a Chinese national standard) can set
        `target = "gb18030"`: then every file in another encoding, UTF-8
        included, is flagged and the fix rewrites it as GB18030.
    """
    why = """
        wenlint reads UTF-8 (with or without a byte-order mark), UTF-16 and
        UTF-32 with a byte-order mark, and the legacy Chinese encodings
        GB18030 (and so GBK and GB2312) and Big5, which it detects.
    """
    leaves_alone = """
        A UTF-8 file with a byte-order mark is UTF-8 and not flagged.
    """
    fix_safety = """
        The fix rewrites the file as UTF-8 without a byte-order mark; the text
        itself does not change (`--diff` shows the change of encoding in its
        header lines). It is safe when the detection is sure (at least 0.8:
        the bytes decode strictly and read as ordinary Chinese), and unsafe
        otherwise, for instance for a few characters whose GB18030 and Big5
        readings are both plausible.
    """
    #: A finding about the file, whatever its text holds.
    needs_han = False
    fix = FixAvailability.SOMETIMES
    options = {
        "target": Option("utf-8", "the encoding every file should be in", ("utf-8", "gb18030")),
    }
    bad = (
        Example("会议通知：明天上午九点开会。", fixed="会议通知：明天上午九点开会。", options={"target": "gb18030"}),
    )
    good = (
        Example("会议通知：明天上午九点开会。"),
        Example("\ufeff會議通知：明天上午九點開會。"),
        Example("Plain ASCII text is UTF-8 too."),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        target = self.settings["target"]
        if doc.encoding == target:
            return []
        sure = doc.confidence >= CONFIDENT
        fix = Fix.rewrite(
            0,
            encoding=target,
            safe=sure,
            message=f"rewrite the file as {label(target)}"
            + ("" if sure else "; the detection is unsure, check that the text reads right"),
        )
        message = f"the file is {label(doc.encoding)} (confidence {doc.confidence:.2f}), not {label(target)}"
        return [self.diagnostic(0, 0, message, fix)]
