"""P004: `某某` in place of a name."""

from __future__ import annotations

import regex

from wenlint import Diagnostic, Document, Example, Rule, Severity

_RUN = regex.compile(r"某{2,}")


class AnonymizedName(Rule):
    code = "P004"
    name = "anonymized-name"
    summary = "`某某` stands in for a name that was removed"
    flags = """
        Court rulings and redacted reports replace names with `某某`
        (`张某某`, `某某县`). The text is deliberately anonymised, which may be
        what a corpus wants, so this is reported as information. A single
        `某` (`某人`, `某些`, `某种`) is ordinary Chinese and never flagged.
        No fix.
    """
    severity = Severity.INFO
    bad = (Example("被告人张某某于案发当日到达现场。"), Example("某某县人民政府。"))
    good = (Example("某些人认为这种说法不对。"), Example("某年某月某日,他来到这里。"))

    def check(self, doc: Document) -> list[Diagnostic]:
        if "某某" not in doc.text:
            return []
        return [
            self.diagnostic(m.start(), m.end(), f"`{m[0]}` stands in for a removed name")
            for m in _RUN.finditer(doc.text)
            if not doc.is_verbatim(m.start())
        ]
