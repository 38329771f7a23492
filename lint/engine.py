"""Running rules on a Document, and fixing it to a fixpoint."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from wenlint.blocks import changes_blocks, joins_delimiters
from wenlint.diagnostic import INTERNAL_ERROR, Applicability, Diagnostic, Edit, Fix, Severity
from wenlint.document import Document
from wenlint.rule import Rule
from wenlint.suppress import Usage, suppressions

MAX_FIX_PASSES = 10
#: The order of findings in a document: by start, then end, then code.
in_text_order = attrgetter("start", "end", "code")


def lint(doc: Document, rules: Sequence[Rule]) -> list[Diagnostic]:
    """All findings of ``rules`` on ``doc``, in text order, with positions.

    What the engine guarantees, whatever a rule does:

    - a rule that needs Chinese text is not run on a document without any;
    - a rule that raises an Exception or SystemExit (KeyboardInterrupt and
      the command's termination signals still stop the run), reports a span outside the text or proposes an
      invalid fix (an edit outside the text, one that ends before it starts,
      two edits of one fix that overlap) yields one internal-error finding
      (``X001``) instead of its findings; the other rules still run;
    - the findings of a rule that skips verbatim text (``skip_verbatim``)
      are dropped where they touch verbatim text or lie wholly in syntax
      (see :mod:`wenlint.prose`);
    - a fix that edits what is not prose (verbatim text or syntax) is never
      applied by the fixer: a safe one becomes display-only and is left for
      a human (``wenlint review``; its message says why: ``NOT_PROSE``),
      an unsafe one is dropped; the finding stays;
    - in Markdown, a safe fix that would change a line's block markers or
      join two inline delimiters (see :mod:`wenlint.blocks`) is left for
      review too (``NEW_BLOCKS``, ``NEW_INLINE``).
    """
    found: list[Diagnostic] = []
    for rule in rules:
        if rule.needs_han and not doc.has_han:
            continue
        found.extend(_run(doc, rule, rule.check))
    ranges = suppressions(doc)
    if ranges:
        usage = Usage(ranges)
        found = usage.keep(found)
        ran = frozenset(rule.code for rule in rules)
        for rule in rules:
            found.extend(_run(doc, rule, lambda d, rule=rule: rule.review_suppressions(d, usage, ran)))
    found.sort(key=in_text_order)
    _resolve_all(doc, found)
    return found


def _run(doc: Document, rule: Rule, check: Callable[[Document], Iterable[Diagnostic]]) -> list[Diagnostic]:
    """What ``check`` (one of ``rule``'s hooks) finds in ``doc``, confined to
    what the rule may find and fix, or one X001 finding if it fails."""
    try:
        produced = list(check(doc))
        size = len(doc.text)
        for diagnostic in produced:
            _validate(diagnostic, size)
    except (Exception, SystemExit) as error:  # noqa: BLE001 - a broken rule must not stop the run
        message = f"rule {rule.code} ({rule.name}) failed: {type(error).__name__}: {error}"
        return [Diagnostic(INTERNAL_ERROR, 0, 0, message, Severity.ERROR)]
    if not produced:  # most rules on most documents
        return produced
    produced = _confine(doc, rule, produced)
    if not rule.fixes_applied:
        _leave_for_review(produced, UNFIXABLE)
    return produced


def _validate(diagnostic: Diagnostic, size: int) -> None:
    """Raise ValueError when the span or a fix's edits do not fit the text."""
    if not 0 <= diagnostic.start <= diagnostic.end <= size:
        raise ValueError(f"span {diagnostic.start}:{diagnostic.end} outside the text")
    if diagnostic.fix is None:
        return
    edits = diagnostic.fix.edits
    if len(edits) > 1:  # (most fixes have one edit: nothing to sort, nothing can overlap)
        edits = sorted(edits, key=lambda e: (e.start, e.end))
    for edit in edits:
        if not 0 <= edit.start <= edit.end <= size:
            raise ValueError(f"fix edit {edit.start}:{edit.end} outside the text or reversed")
    for a, b in zip(edits, edits[1:]):
        if a.end > b.start or (a.start == a.end == b.start == b.end):
            raise ValueError(f"fix edits {a.start}:{a.end} and {b.start}:{b.end} overlap")


#: The message of a safe fix the engine made display-only because it edits what is not prose.
NOT_PROSE = "left for review: it edits text that is not prose (Markdown syntax, code, a URL or the like)"
#: The message of a fix the engine made display-only because the configuration makes its rule unfixable.
UNFIXABLE = "left for review: the configuration makes this rule unfixable"
#: The message of a safe fix the engine made display-only because it would reshape the Markdown.
NEW_BLOCKS = "left for review: it would change how Markdown reads the line (a new list item, heading or block)"
NEW_INLINE = (
    "left for review: it would change how Markdown reads the text around it (two code spans or emphasis markers joined)"
)


def _confine(doc: Document, rule: Rule, produced: list[Diagnostic]) -> list[Diagnostic]:
    """``produced`` with the findings a rule may not make in non-prose
    dropped, fixes that edit non-prose made display-only (or dropped, when
    unsafe), and in Markdown safe fixes that would change a line's block
    markers made display-only."""
    if not produced or not rule.skip_verbatim and all(d.fix is None for d in produced):
        return produced  # nothing to drop or to make display-only: the prose map is not needed
    nonprose = doc.prose.nonprose
    markdown = doc.is_markdown
    if not nonprose and not markdown:  # (a Markdown document all prose still has the block check)
        return produced
    if rule.skip_verbatim and nonprose:
        verbatim = doc.prose.verbatim
        produced = [d for d in produced if not (verbatim.touches(d.start, d.end) or nonprose.contains(d.start, d.end))]
    text = doc.text
    for diagnostic in produced:
        fix = diagnostic.fix
        if fix is None:
            continue
        if nonprose and any(e.content != text[e.start : e.end] and nonprose.touches(e.start, e.end) for e in fix.edits):
            diagnostic.fix = _for_review(fix, NOT_PROSE) if fix.applicability is Applicability.SAFE else None
        elif markdown and fix.applicability is Applicability.SAFE:
            if changes_blocks(doc.text, fix):
                diagnostic.fix = _for_review(fix, NEW_BLOCKS)
            elif joins_delimiters(doc.text, fix):
                diagnostic.fix = _for_review(fix, NEW_INLINE)
    return produced


def _leave_for_review(produced: list[Diagnostic], why: str) -> None:
    """Make every fix in ``produced`` that the fixer could apply display-only, saying ``why``."""
    for diagnostic in produced:
        if diagnostic.fix is not None and diagnostic.fix.applicability is not Applicability.DISPLAY_ONLY:
            diagnostic.fix = _for_review(diagnostic.fix, why)


def _for_review(fix: Fix, why: str) -> Fix:
    """``fix`` made display-only, its message saying ``why``."""
    message = f"{why}; {fix.message}" if fix.message else why
    return Fix(fix.edits, Applicability.DISPLAY_ONLY, message, fix.encoding, fix.newline)


def resolve(doc: Document, diagnostic: Diagnostic) -> None:
    """Fill in line/column and the baseline fingerprint of a diagnostic: the
    code, the flagged text and a few characters of the same line around it
    (see :func:`wenlint.diagnostic.fingerprint`; computed when first read)."""
    _resolve_all(doc, (diagnostic,))


def _resolve_all(doc: Document, diagnostics: Iterable[Diagnostic]) -> None:
    """:func:`resolve` each of ``diagnostics``."""
    text, starts = doc.text, doc.line_starts
    for diagnostic in diagnostics:
        start, end = diagnostic.start, diagnostic.end
        line = bisect.bisect_right(starts, start)
        end_line = bisect.bisect_right(starts, end, line)
        line_start = starts[line - 1]
        diagnostic.line, diagnostic.column = line, start - line_start + 1
        diagnostic.end_line, diagnostic.end_column = end_line, end - starts[end_line - 1] + 1
        diagnostic.fingerprint_from(text, line_start)


def _overlap(a: Edit, b: Edit) -> bool:
    """Whether two edits touch the same text (two insertions at one point do)."""
    if a.start == a.end or b.start == b.end:
        return a.start == b.start or (a.start < b.end and b.start < a.end)
    return a.start < b.end and b.start < a.end


def apply_fixes(text: str, fixes: Sequence[Fix]) -> tuple[str, list[int]]:
    """Apply every fix that does not overlap one taken before it.

    Returns the new text and the indexes of the fixes applied; the others
    are left for the next pass, never merged.
    """
    taken: list[Edit] = []  # sorted by (start, end), pairwise disjoint
    applied: list[int] = []
    order = sorted(range(len(fixes)), key=lambda i: min((e.start for e in fixes[i].edits), default=0))
    for index in order:
        edits = sorted(fixes[index].edits, key=lambda e: (e.start, e.end))
        if any(_overlap(a, b) for a, b in zip(edits, edits[1:])):
            continue
        if any(_clashes(edit, taken) for edit in edits):
            continue
        for edit in edits:
            bisect.insort(taken, edit, key=lambda e: (e.start, e.end))
        applied.append(index)
    pieces = []
    cursor = 0
    for edit in taken:
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.content)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces), sorted(applied)


def _clashes(edit: Edit, taken: list[Edit]) -> bool:
    """Whether ``edit`` overlaps a neighbour in the sorted, disjoint ``taken``."""
    index = bisect.bisect_left(taken, (edit.start, edit.end), key=lambda e: (e.start, e.end))
    return any(_overlap(edit, taken[i]) for i in range(max(0, index - 1), min(len(taken), index + 2)))


@dataclass
class FixOutcome:
    """A document after fixing: its text, what remains and what was fixed.

    ``fixed`` counts the fixes applied, pass after pass; ``resolved`` the
    findings of the first pass with a fix the fixer may apply that no such
    finding stands for any more: what a report before fixing called fixable,
    less what fixing left fixable."""

    doc: Document
    diagnostics: list[Diagnostic]
    fixed: Counter[str] = field(default_factory=Counter)
    converged: bool = True
    resolved: Counter[str] = field(default_factory=Counter)


def fix(doc: Document, rules: Sequence[Rule], unsafe: bool = False) -> FixOutcome:
    """Lint, apply allowed fixes, and repeat until nothing changes.

    A fix that sets ``encoding`` or ``newline`` is carried into the returned
    Document (see :func:`rewritten`), so the file is written that way.
    """
    fixed: Counter[str] = Counter()
    applying: set[str] = set()
    first: Counter[str] | None = None
    for _ in range(MAX_FIX_PASSES):
        diagnostics = lint(doc, rules)
        fixable = [d for d in diagnostics if d.fix is not None and d.fix.allowed(unsafe)]
        if first is None:
            first = Counter(d.code for d in fixable)
        if not fixable:
            return FixOutcome(doc, diagnostics, fixed, resolved=first)
        changed, applied = fix_pass(doc, [d.fix for d in fixable])  # type: ignore[misc]
        if changed is None:
            return FixOutcome(doc, diagnostics, fixed, resolved=first - Counter(d.code for d in fixable))
        applying = {fixable[i].code for i in applied}
        fixed.update(fixable[i].code for i in applied)
        doc = changed
    diagnostics = lint(doc, rules)
    assert first is not None
    left = Counter(d.code for d in diagnostics if d.fix is not None and d.fix.allowed(unsafe))
    codes = ", ".join(sorted(applying))
    message = (
        f"fixes did not settle after {MAX_FIX_PASSES} passes: {codes} kept changing the text; fixed as far as it got"
    )
    unsettled = Diagnostic(INTERNAL_ERROR, 0, 0, message, Severity.ERROR)
    resolve(doc, unsettled)
    diagnostics.append(unsettled)
    diagnostics.sort(key=in_text_order)
    return FixOutcome(doc, diagnostics, fixed, converged=False, resolved=first - left)


def fix_pass(doc: Document, fixes: Sequence[Fix]) -> tuple[Document | None, list[int]]:
    """One pass of the fixer: ``doc`` after every fix of ``fixes`` that does
    not overlap one taken before it (None when nothing changes), and the
    indexes of the fixes applied."""
    text, applied = apply_fixes(doc.text, fixes)
    return rewritten(doc, text, [fixes[i] for i in applied]), applied


def rewritten(doc: Document, text: str, applied: Sequence[Fix]) -> Document | None:
    """``doc`` holding ``text`` and written as the ``applied`` fixes say, or
    None when nothing changes. A new encoding drops the byte-order mark; a
    new line-break style makes the breaks uniform."""
    encoding = next((f.encoding for f in applied if f.encoding), None)
    newline = next((f.newline for f in applied if f.newline), None)
    if encoding == doc.encoding and not doc.bom:
        encoding = None
    if text == doc.text and encoding is None and newline is None:
        return None
    return Document(
        text,
        doc.path,
        encoding=encoding or doc.encoding,
        bom=doc.bom and encoding is None,
        newline=newline or doc.newline,
        confidence=1.0 if encoding else doc.confidence,
        corpus=doc.corpus,
    )
