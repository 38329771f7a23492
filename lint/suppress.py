"""In-document suppression comments.

``<!-- wenlint-disable [RULE ...] -->`` turns rules off until
``<!-- wenlint-enable [RULE ...] -->`` or the end of the file;
``<!-- wenlint-disable-next-line [RULE ...] -->`` covers the next line.
A RULE is a code, a code prefix (``P``) or a rule name
(``placeholder-stars``), in any case, separated by spaces or commas; none
means every rule. In Markdown a comment may stand anywhere; in plain text
it must be a line of its own, so that a comment quoted inside a sentence
is never read as one.

The engine drops the findings a comment covers and records which
comments did something (:class:`Usage`), so a rule can report comments
that suppress nothing or name no rule (see ``Rule.review_suppressions``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from wenlint.diagnostic import Diagnostic
from wenlint.document import Document

_DIRECTIVE = regex.compile(
    r"<!--[ \t]*wenlint-(disable-next-line|disable|enable)\b([^\n>]*?)[ \t]*-->",
    regex.IGNORECASE,
)
_TOKEN = regex.compile(r"[^\s,]+")
#: What every directive holds, in any case.
_MENTIONED = re.compile("wenlint-", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Directive:
    """One disable comment as written: where it is, and what it names."""

    #: ``disable`` or ``disable-next-line``.
    kind: str
    start: int
    end: int
    #: The code selectors it names (codes or prefixes, upper case); empty: every rule.
    codes: tuple[str, ...]
    #: The names it gives that are no rule's code, prefix or name, as written.
    unknown: tuple[str, ...] = ()

    @property
    def every_rule(self) -> bool:
        """Whether it names no rule at all, and so switches every rule off."""
        return not self.codes and not self.unknown


@dataclass(frozen=True, slots=True)
class Suppression:
    """A stretch of text in which a directive switches rules off."""

    start: int
    end: int
    directive: Directive

    @property
    def codes(self) -> tuple[str, ...]:
        return self.directive.codes

    def covers(self, code: str, offset: int) -> bool:
        if not self.start <= offset < self.end:
            return False
        return self.directive.every_rule or any(code.startswith(prefix) for prefix in self.codes)


@dataclass(slots=True)
class Usage:
    """Which directives of a document suppressed which codes in one lint pass."""

    suppressions: list[Suppression]
    used: dict[Directive, set[str]] = field(default_factory=dict)

    @property
    def directives(self) -> list[Directive]:
        return list(dict.fromkeys(s.directive for s in self.suppressions))

    def keep(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """``diagnostics`` less the ones a suppression covers, noting which did the covering."""
        kept = []
        for diagnostic in diagnostics:
            covering = [s for s in self.suppressions if s.covers(diagnostic.code, diagnostic.start)]
            for suppression in covering:
                self.used.setdefault(suppression.directive, set()).add(diagnostic.code)
            if not covering:
                kept.append(diagnostic)
        return kept


def resolve(token: str) -> str | None:
    """The code selector ``token`` stands for (a code, a code prefix or a rule name, any case), or None."""
    from wenlint.registry import all_rules  # late: the registry imports every rule

    rules = all_rules()
    upper = token.upper()
    if regex.fullmatch(r"[A-Z][0-9]{0,3}", upper) and any(code.startswith(upper) for code in rules):
        return upper
    lower = token.lower()
    return next((code for code, rule in rules.items() if rule.name == lower), None)


def _directive(match: regex.Match[str]) -> Directive:
    kind = match[1].lower()
    codes, unknown = [], []
    for token in _TOKEN.findall(match[2]):
        code = resolve(token)
        (codes if code else unknown).append(code or token)
    return Directive(kind, match.start(), match.end(), tuple(dict.fromkeys(codes)), tuple(unknown))


def own_line(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    """The whole line (with its line break) holding ``start:end``, when
    nothing but blanks stands beside it there; None otherwise."""
    line_start = doc.text.rfind("\n", 0, start) + 1
    line_end = doc.text.find("\n", end)
    line_end = len(doc.text) if line_end < 0 else line_end
    if doc.text[line_start:start].strip() or doc.text[end:line_end].strip():
        return None
    return line_start, min(line_end + 1, len(doc.text))


def suppressions(doc: Document) -> list[Suppression]:
    """The ranges of ``doc`` in which some rules are switched off."""
    # every directive opens a comment: `in` finds one in C far faster than a case-blind search
    # for `wenlint-` (not `in doc.text.lower()` either: a copy of the whole text per lint)
    if "<!--" not in doc.text or _MENTIONED.search(doc.text) is None:
        return []
    found: list[Suppression] = []
    # keyed by what a comment names: a name that is no rule's keeps it from
    # being taken for (or ended as) a comment for every rule
    open_ranges: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[int, Directive]] = {}
    for match in _DIRECTIVE.finditer(doc.text):
        if not doc.is_markdown and own_line(doc, match.start(), match.end()) is None:
            continue
        directive = _directive(match)
        if directive.kind == "disable-next-line":
            line_number, _ = doc.position(match.end())
            if line_number < len(doc.line_starts):
                line = doc.line(line_number + 1)
                found.append(Suppression(line.start, line.end + 1, directive))
            else:
                found.append(Suppression(match.end(), match.end(), directive))
        elif directive.kind == "disable":
            open_ranges.setdefault((directive.codes, directive.unknown), (match.start(), directive))
        else:
            closing = [key for key in open_ranges if _ends(directive, *key)]
            for key in closing:
                start, opened = open_ranges.pop(key)
                found.append(Suppression(start, match.end(), opened))
    found.extend(Suppression(start, len(doc.text) + 1, opened) for start, opened in open_ranges.values())
    return found


def _ends(enable: Directive, codes: tuple[str, ...], unknown: tuple[str, ...]) -> bool:
    """Whether ``enable`` ends a ``disable`` comment naming ``codes`` and ``unknown``:
    it names no rule at all, or every rule the comment names (so a comment
    X100 has rid of a name is still ended), or, naming only unknown names,
    the same ones."""
    if enable.every_rule:
        return True
    if enable.codes:
        return bool(codes) and all(any(code.startswith(name) for name in enable.codes) for code in codes)
    return not codes and unknown == enable.unknown


def comment(kind: str, codes: Iterable[str]) -> str:
    """A suppression comment of ``kind`` naming ``codes`` (every rule when none)."""
    return " ".join(("<!-- wenlint-" + kind, *codes, "-->"))


def disable_comment(doc: Document, codes: Iterable[str], line: int | None = None) -> tuple[int, str]:
    """Where to insert, and what, to switch ``codes`` off for one line
    (1-based ``line``) or, with no line, for the whole file: a
    ``disable-next-line`` comment on a line of its own above that line
    (indented as the line is; or ``codes`` added to such a comment already
    there), or a ``disable`` comment at the top (after any front matter)."""
    if line is not None:
        above = _next_line_comment_above(doc, line)
        if above is not None:  # a second comment between would take the line from it: name the codes in it
            return above, "".join(f" {code}" for code in codes)
        target = doc.line(line)
        indent = regex.match(r"[ \t]*", doc.text, pos=target.start)[0]  # (inside a list item, stay in it)
        return target.start, indent + comment("disable-next-line", codes) + "\n"
    offset = 0
    if doc.is_markdown:
        fence = regex.match(r"(---|\+\+\+)[ \t]*\n", doc.text)
        if fence:
            closing = regex.compile(rf"^{regex.escape(fence[1])}[ \t]*$(\n|\Z)", regex.MULTILINE)
            end = closing.search(doc.text, fence.end())
            if end:
                offset = end.end()
                if not end[1]:  # front matter closing the file without a line break
                    return offset, "\n" + comment("disable", codes)
    return offset, comment("disable", codes) + "\n"


def _next_line_comment_above(doc: Document, line: int) -> int | None:
    """Where codes may be added to a ``disable-next-line`` comment naming
    rules that stands alone on the line above ``line``; None when there is none."""
    if line < 2:
        return None
    above = doc.line(line - 1)
    match = _DIRECTIVE.search(doc.text, above.start, above.end)
    if match is None or match[1].lower() != "disable-next-line" or not match[2].strip():
        return None
    if doc.text[above.start : match.start()].strip() or doc.text[match.end() : above.end].strip():
        return None
    return match.end(2)
