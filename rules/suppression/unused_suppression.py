"""X100: a suppression comment that suppresses nothing, or names no rule."""

from __future__ import annotations

from collections.abc import Iterator

from wenlint import Diagnostic, Document, Example, Rule
from wenlint.diagnostic import Applicability, Edit, Fix, FixAvailability
from wenlint.suppress import Directive, Usage, comment, own_line


class UnusedSuppression(Rule):
    code = "X100"
    name = "unused-suppression"
    summary = "a suppression comment that suppresses nothing here, or names no rule"
    flags = """
        A `<!-- wenlint-disable … -->` or `<!-- wenlint-disable-next-line … -->`
        comment that covers no finding of a rule it names, and names that are
        no rule's code, code prefix or name (`<!-- wenlint-disable P01 foo -->`).
    """
    why = """
        A comment left behind after its finding was fixed hides the next real
        finding on that line; a misspelt rule name suppresses nothing at all
        while looking as if it did.
    """
    leaves_alone = """
        Codes of rules that did not run (not selected here, or in the preview
        group): another configuration may need the comment. `wenlint-enable`
        comments.
    """
    fix_safety = """
        The fix removes the names that do nothing, or the whole comment with
        its line when none is left. In Markdown a comment is not prose, so
        the engine leaves that fix for review (`wenlint review`, an editor's
        quick fix); in plain text `--fix` applies it.
    """
    fix = FixAvailability.SAFE
    skip_verbatim = False
    needs_han = False
    bad = (
        Example("<!-- wenlint-disable-next-line no-such-rule -->\n今天开会。\n", path="example.md"),
        Example("<!-- WENLINT-DISABLE P01 -->\n今天开会。\n", path="example.md"),
        Example("<!-- wenlint-disable-next-line no-such-rule -->\n今天开会。\n", fixed="今天开会。\n"),
    )
    good = (
        Example("<!-- wenlint-disable-next-line P001 -->\n某某单位\n", path="example.md"),
        Example("<!-- wenlint-disable unused-suppression -->\n今天开会。\n", path="example.md"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        return iter(())

    def review_suppressions(self, doc: Document, usage: Usage, ran: frozenset[str]) -> list[Diagnostic]:
        found = []
        # Last first: a comment is covered only by comments at or before it, so
        # one that suppresses this rule's finding of a later comment counts as
        # used before it is itself looked at.
        for directive in sorted(usage.directives, key=lambda d: d.start, reverse=True):
            used = usage.used.get(directive, set())
            idle = [c for c in directive.codes if _ran(c, ran) and not any(u.startswith(c) for u in used)]
            if directive.every_rule and not used and ran - {self.code}:
                idle = ["every rule"]
            if idle or directive.unknown:
                finding = self.diagnostic(
                    directive.start, directive.end, _message(idle, directive.unknown), _fix(doc, directive, idle)
                )
                found.extend(usage.keep([finding]))
        return found


def _ran(selector: str, ran: frozenset[str]) -> bool:
    return any(code.startswith(selector) for code in ran)


def _message(idle: list[str], unknown: tuple[str, ...]) -> str:
    parts = []
    if idle:
        parts.append(f"suppresses nothing here: {', '.join(idle)}")
    if unknown:
        parts.append(f"no such rule: {', '.join(unknown)}")
    return "suppression comment " + "; ".join(parts)


def _fix(doc: Document, directive: Directive, idle: list[str]) -> Fix:
    kept = [c for c in directive.codes if c not in idle]
    if kept:
        return Fix(
            (Edit(directive.start, directive.end, comment(directive.kind, kept)),),
            Applicability.SAFE,
            "drop the names that do nothing",
        )
    start, end = own_line(doc, directive.start, directive.end) or (directive.start, directive.end)
    return Fix((Edit(start, end, ""),), Applicability.SAFE, "remove the comment")
