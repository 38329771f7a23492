"""P004: `某某` in place of a name."""

from __future__ import annotations

from wenlint import Example, Severity
from wenlint.kinds import PatternRule


class AnonymizedName(PatternRule):
    code = "P004"
    name = "anonymized-name"
    summary = "`某某` stands in for a name that was removed"
    flags = """
        Court rulings and redacted reports replace names with `某某`
        (`张某某`, `某某县`).
    """
    why = """
        The text is deliberately anonymised, which may be what a corpus
        wants, so this is reported as information.
    """
    leaves_alone = """
        A single `某` (`某人`, `某些`, `某种`) is ordinary Chinese and never
        flagged.
    """
    severity = Severity.INFO
    pattern = r"某{2,}"
    requires = ("某某",)
    message = "`{0}` stands in for a removed name"
    bad = (Example("被告人张某某于案发当日到达现场。"), Example("某某县人民政府。"))
    good = (Example("某些人认为这种说法不对。"), Example("某年某月某日,他来到这里。"))
