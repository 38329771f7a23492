"""What the review screen shows, as Rich renderables: a finding's row, its
place in the document, its fix as an inline diff, and the summary; and its
SVG screenshot with CJK text at its true width.

Styles that carry meaning (the flagged span, deleted and inserted text) use
reverse, strike and underline as well as colour, so they still read under
NO_COLOR. Widths are terminal cells, so CJK text lines up.
"""

from __future__ import annotations

import html
import re

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from wenlint.diagnostic import Applicability, Diagnostic, Edit
from wenlint.document import Document
from wenlint.report.text import printable
from wenlint.review.session import ReviewFile, Tally
from wenlint.rule import Rule

#: Characters of context shown around a span on its own line, and of the lines around it.
SPAN_CONTEXT = 160
LINE_CONTEXT = 60
CONTEXT_LINES = 2
#: Longest deleted or inserted text shown whole in a fix; longer is shown as its two ends.
FIX_SHOWN = 240
FIX_CONTEXT = 8

SPAN = "bold reverse red"
DELETED = "strike red"
INSERTED = "bold underline green"


def visible(text: str) -> str:
    """``text`` with line breaks shown as ⏎ and other control characters as one cell."""
    return printable(text.replace("\n", "⏎"))


_MARKERS = {Applicability.SAFE: "*", Applicability.UNSAFE: "-", Applicability.DISPLAY_ONLY: "?"}
_FIX_NOTES = {
    Applicability.SAFE: " · safe fix",
    Applicability.UNSAFE: " · unsafe fix: read it first",
    Applicability.DISPLAY_ONLY: " · fix for review: it edits what is not prose",
}


def marker(diagnostic: Diagnostic) -> str:
    """``*`` safe fix, ``-`` unsafe fix, ``?`` a fix for review, blank for none (as ``[*]``/``[-]`` in the report)."""
    if diagnostic.fix is None:
        return " "
    return _MARKERS[diagnostic.fix.applicability]


def finding_row(diagnostic: Diagnostic, skipped: bool) -> Text:
    """One line of the findings list: ``  12:3   M001 * message``."""
    where = f"{diagnostic.line}:{diagnostic.column}"
    row = Text(f"{where:>9} ", style="dim")
    row.append(diagnostic.code, style="bold")
    row.append(f" {marker(diagnostic)} ", style="green" if marker(diagnostic) == "*" else "yellow")
    row.append("skipped: " if skipped else "", style="italic")
    row.append(visible(diagnostic.message))
    if skipped:
        row.stylize("dim")
    return row


def file_row(item: ReviewFile) -> Text:
    """The heading of a file's findings: its path and counts."""
    state = item.state
    pending = len(state.pending)
    row = Text(("● " if item.unsaved else "") + item.name, style="bold")
    row.append(f"  {pending} left", style="cyan")
    if state.fixed:
        row.append(f", {sum(state.fixed.values())} fixed", style="green")
    return row


def context(doc: Document, diagnostic: Diagnostic) -> Table:
    """The lines around a finding, numbered, its span highlighted; long
    lines are shown as a window around the span."""
    first, last = diagnostic.line, diagnostic.end_line
    lines = len(doc.line_starts)
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="dim")
    table.add_column(overflow="fold")
    for number in range(max(1, first - CONTEXT_LINES), min(lines, last + CONTEXT_LINES) + 1):
        line = doc.line(number)
        if first <= number <= last:
            body = _span_line(doc.text, line.start, line.end, diagnostic.start, diagnostic.end)
        elif number < first:
            body = _clipped(doc.text[line.start : line.end], keep_end=True)
        else:
            body = _clipped(doc.text[line.start : line.end], keep_end=False)
        table.add_row(str(number), body)
    return table


def _span_line(text: str, start: int, end: int, span_start: int, span_end: int) -> Text:
    """A line holding (part of) the span, the span reversed."""
    lo = max(start, min(span_start, end) - SPAN_CONTEXT)
    hi = min(end, max(span_end, start) + SPAN_CONTEXT)
    a, b = max(lo, span_start), min(hi, span_end)
    out = Text("…" if lo > start else "")
    out.append(visible(text[lo:a]))
    if a < b:
        out.append(visible(text[a:b]), style=SPAN)
    elif span_start == span_end:
        out.append("‸", style=SPAN)  # an empty span: the place where something is missing
    out.append(visible(text[max(a, b) : hi]))
    out.append("…" if hi < end else "")
    return out


def _clipped(line: str, keep_end: bool) -> Text:
    if len(line) <= LINE_CONTEXT:
        return Text(visible(line), style="dim")
    shown = "…" + line[-LINE_CONTEXT:] if keep_end else line[:LINE_CONTEXT] + "…"
    return Text(visible(shown), style="dim")


def fix_diff(doc: Document, diagnostic: Diagnostic, replacement: str | None = None) -> Text:
    """The fix as an inline diff of the text: context, deleted text struck
    through, inserted text underlined (``replacement`` overrides a one-edit fix)."""
    fix = diagnostic.fix
    if fix is None:
        return Text("no fix: edit the text yourself, or skip", style="italic")
    edits = sorted(fix.edits, key=lambda e: e.start)
    if replacement is not None and len(edits) == 1:
        edits = [Edit(edits[0].start, edits[0].end, replacement)]
    if all(e.start == e.end and not e.content for e in edits):  # re-encode or normalise line breaks
        return Text(fix.message or "rewrite the file", style="italic")
    text = doc.text
    out = Text()
    cursor = max(0, edits[0].start - FIX_CONTEXT)
    out.append(("…" if cursor else "") + visible(text[cursor : edits[0].start]))
    cursor = edits[0].start
    for edit in edits:
        if cursor < edit.start:
            between = text[cursor : edit.start]
            out.append(
                visible(
                    between if len(between) <= 2 * FIX_CONTEXT else between[:FIX_CONTEXT] + "…" + between[-FIX_CONTEXT:]
                )
            )
        out.append(_shortened(text[edit.start : edit.end]), style=DELETED)
        out.append(_shortened(edit.content), style=INSERTED)
        cursor = edit.end
    tail = text[cursor : cursor + FIX_CONTEXT]
    out.append(visible(tail) + ("…" if cursor + FIX_CONTEXT < len(text) else ""))
    return out


def _shortened(piece: str) -> str:
    if len(piece) <= FIX_SHOWN:
        return visible(piece)
    half = FIX_SHOWN // 2
    return f"{visible(piece[:half])}…({len(piece) - FIX_SHOWN} more)…{visible(piece[-half:])}"


def explanation(
    rule: type[Rule] | None, diagnostic: Diagnostic, doc: Document, replacement: str | None = None
) -> RenderableType:
    """The panel under the document: the rule, the message and the fix."""
    head = Text(diagnostic.code, style="bold")
    if rule is not None:
        head.append(f" {rule.name}", style="bold")
    head.append(f" · {diagnostic.severity.value}")
    if diagnostic.fix is not None:
        safe = diagnostic.fix.applicability is Applicability.SAFE
        head.append(_FIX_NOTES[diagnostic.fix.applicability], style="green" if safe else "yellow")
    parts: list[RenderableType] = [head]
    if rule is not None:
        parts.append(Text(rule.summary, style="dim italic"))
    parts.append(Text(visible(diagnostic.message)))
    diff = Text("fix: ", style="bold")
    diff.append_text(fix_diff(doc, diagnostic, replacement))
    parts.append(diff)
    return Group(*parts)


BAR_WIDTH = 16


def tally_table(tally: Tally, rules: dict[str, type[Rule]]) -> Table:
    """Findings per rule, as counts and a bar: █ fixed, ▒ skipped, ░ left."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("rule", no_wrap=True, overflow="ellipsis", ratio=1)
    for name in ("found", "fixed", "skipped", "left"):
        table.add_column(name, justify="right")
    table.add_column("", no_wrap=True)
    counts = {code: (tally.fixed[code], tally.skipped[code], tally.left[code]) for code in tally.codes}
    widest = max((max(tally.found[code], sum(c)) for code, c in counts.items()), default=1) or 1
    for code, (fixed, skipped, left) in counts.items():
        bar = Text()
        for count, glyph, style in ((fixed, "█", "green"), (skipped, "▒", "yellow"), (left, "░", "")):
            cells = round(count * BAR_WIDTH / widest)
            bar.append(glyph * (cells or (1 if count else 0)), style=style)
        name = rules[code].name if code in rules else ""
        table.add_row(f"{code} {name}", str(tally.found[code]), str(fixed), str(skipped), str(left), bar)
    return table


def scores_table(files: list[ReviewFile]) -> Table:
    """Each file's quality score when the review started and now."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("file", overflow="fold")
    table.add_column("score before", justify="right")
    table.add_column("now", justify="right")
    table.add_column("", justify="left")
    for item in files:
        before, now = item.score_before, item.score_now
        change = Text(f"{now - before:+d}" if now != before else "", style="green" if now > before else "red")
        table.add_row(item.name + (" (unsaved)" if item.unsaved else ""), str(before), str(now), change)
    return table


_SVG_TEXT = re.compile(r'(<text\b[^>]*\btextLength=")([\d.]+)("[^>]*>)(.*?)(</text>)', re.S)


def wide_text_fitted(svg: str) -> str:
    """An SVG screenshot with each text run as wide as its terminal cells.

    The exporter sizes a run by its number of characters, which squeezes
    CJK characters (two cells each) into half their width."""

    def fitted(match: re.Match) -> str:
        text = html.unescape(match[4])
        if not text or cell_len(text) == len(text):
            return match[0]
        width = float(match[2]) / len(text) * cell_len(text)
        return f"{match[1]}{width:g}{match[3]}{match[4]}{match[5]}"

    return _SVG_TEXT.sub(fitted, svg)
