"""Human-readable reporters: ``full`` (the default) and ``concise``."""

from __future__ import annotations

import json
import re
from operator import attrgetter
from typing import TYPE_CHECKING, TextIO

from wenlint.diagnostic import Applicability, Diagnostic
from wenlint.report import Reporter, SourceLines, Summary
from wenlint.results import FileResult, escape_controls, plural

if TYPE_CHECKING:
    from wenlint.registry import RuleInfo

#: Lines wider than this (in terminal cells) are shown as a window around the span.
MAX_WIDTH = 100
WINDOW_CHARS = 24
FIX_CONTEXT = 4

_STYLES = {
    "path": "1",
    "code": "1;31",
    "gutter": "1;34",
    "caret": "1;31",
    "error": "1;31",
    "warning": "1;33",
    "info": "1;36",
    "fix": "32",
    "dim": "2",
    "unsafe": "33",
}


#: Characters rich's ``cell_len`` measures as one terminal cell, and as two
#: (tests/test_report.py checks each against it): the usual Chinese and Latin text.
_NARROW = (
    "\x20-\x7e\xa0-\u02ff\u0370-\u03ff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2100-\u22ff\u2460-\u25fc\ue000-\uf8ff"
)
_WIDE = "\u3000-\u3029\u3030-\u303e\u3105-\u312f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60"
_MEASURED = re.compile(f"[{_NARROW}{_WIDE}]*")
_WIDE_CHARACTER = re.compile(f"[{_WIDE}]")


def cells(text: str) -> int:
    """The terminal cells ``text`` takes, as rich's ``cell_len`` counts them;
    without it (a character at a time) when ``text`` holds only the usual characters."""
    if _MEASURED.fullmatch(text):
        return len(text) + len(_WIDE_CHARACTER.findall(text))
    from rich.cells import cell_len  # only for other characters: its tables are slow to load

    return cell_len(text)


def printable(text: str) -> str:
    """The text with tabs and other control characters shown as one cell each."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ("␉" if ch == "\t" else "·") for ch in text)


#: How the full format names a fix of each applicability.
_FIX_LABELS = {
    Applicability.SAFE: "fix",
    Applicability.UNSAFE: "unsafe fix",
    Applicability.DISPLAY_ONLY: "fix for review",
}


class ConciseReporter(Reporter):
    """One line per finding: ``path:line:col: CODE [*] message``."""

    def paint(self, text: str, style: str) -> str:
        return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if self.color else text

    def marker(self, diagnostic: Diagnostic) -> str:
        if diagnostic.fix is None or diagnostic.fix.applicability is Applicability.DISPLAY_ONLY:
            return ""
        if diagnostic.fix.applicability is Applicability.SAFE:
            return self.paint("[*]", "fix") + " "
        return self.paint("[-]", "unsafe") + " "

    def header(self, path: str, d: Diagnostic) -> str:
        where = self.paint(f"{escape_controls(path)}:{d.line}:{d.column}:", "path")
        return f"{where} {self.paint(d.code, 'code')} {self.marker(d)}{d.message}\n"

    def file(self, result: FileResult) -> None:
        self.out.write("".join(self.header(result.path, d) for d in result.diagnostics))

    def finish(self, summary: Summary) -> None:
        if self.summarise:
            self.out.write(summary_text(summary, self.rules, self.paint))


class FullReporter(ConciseReporter):
    """Each finding with its source line, a caret under the span and its fix."""

    def file(self, result: FileResult) -> None:
        source = SourceLines(result.lines)
        parts = []
        for d in result.diagnostics:
            parts.append(self.header(result.path, d))
            parts.append(self.snippet(d, source))
        self.out.write("".join(parts))

    def snippet(self, d: Diagnostic, source: SourceLines) -> str:
        line_start, text = source.lines[d.line]
        start = d.column - 1
        end = min(len(text), d.end - line_start) if d.end_line == d.line else len(text)
        prefix, suffix = "", ""
        left, right = 0, len(text)
        if len(text) > MAX_WIDTH or (len(text) * 2 > MAX_WIDTH and cells(text) > MAX_WIDTH):
            left = max(0, start - WINDOW_CHARS)
            right = min(len(text), max(end, start + 1) + WINDOW_CHARS)
            prefix = "…" if left > 0 else ""
            suffix = "…" if right < len(text) else ""
        shown = printable(text[left:right])
        indent = cells(prefix) + cells(printable(text[left:start]))
        width = max(1, cells(printable(text[start:end])))
        number = str(d.line)
        bar = self.paint(" " * len(number) + " |", "gutter")
        lines = [
            bar,
            f"{self.paint(number + ' |', 'gutter')} {prefix}{shown}{suffix}",
            f"{bar} {' ' * indent}{self.paint('^' * width, 'caret')}",
        ]
        if d.fix is not None:
            lines.append(f"{bar} {self.fix_line(d, source)}")
        return "\n".join(lines) + "\n\n"

    def fix_line(self, d: Diagnostic, source: SourceLines) -> str:
        fix = d.fix
        assert fix is not None
        label = _FIX_LABELS[fix.applicability]
        if all(edit.start == edit.end and not edit.content for edit in fix.edits):  # how the file is written
            return self.paint(f"= {label}: ", "fix" if label == "fix" else "unsafe") + fix.message
        edits = sorted(fix.edits, key=_start)
        first = edits[0].start
        last = max(edit.end for edit in edits)
        lo, hi = first - FIX_CONTEXT, last + FIX_CONTEXT
        line_start, text = source.lines[source.position(first)[0]]
        lo = max(lo, line_start)
        hi = min(hi, max(last, line_start + len(text)))
        before = source.slice(lo, hi)
        after, cursor = [], lo
        for edit in edits:
            after.append(source.slice(cursor, edit.start))
            after.append(edit.content)
            cursor = edit.end
        after.append(source.slice(cursor, hi))
        message = f" ({fix.message})" if fix.message else ""
        arrow = f"{printable(before)} → {printable(''.join(after))}"
        return self.paint(f"= {label}: ", "fix" if label == "fix" else "unsafe") + arrow + message


_start = attrgetter("start")


def summary_text(summary: Summary, rules: dict, paint) -> str:
    """The closing lines: totals by rule and severity, and what --fix would do."""
    lines = []
    if summary.fixed:
        lines.append(f"Fixed {plural(sum(summary.fixed.values()), 'finding')}.")
    elif summary.changed:
        lines.append(summary.unsettled("Changed"))
    total = summary.total
    if total == 0:
        if not summary.fixed and not summary.errors:
            lines.append("All checks passed!")
        return "\n".join(lines) + ("\n" if lines else "")
    severities = ", ".join(
        f"{n} info" if name == "info" else plural(n, name) for name, n in sorted(summary.by_severity.items())
    )
    lines.append(
        paint(
            f"Found {plural(total, 'finding')} ({severities}) in {summary.flagged_files} of {plural(summary.files, 'file')}.",
            "path",
        )
    )
    for code, count in sorted(summary.by_code.items(), key=lambda item: (-item[1], item[0])):
        name = rules[code].name if code in rules else "internal-error"
        lines.append(f"  {count:>6}  {code}  {name}")
    lines.extend(score_lines(summary))
    if summary.fixable_safe:
        lines.append(f"{summary.fixable_safe} fixable with `--fix`.")
    if summary.fixable_unsafe:
        lines.append(f"{summary.fixable_unsafe} more fixable with `--fix --unsafe-fixes`.")
    return "\n".join(lines) + "\n"


def score_lines(summary: Summary) -> list[str]:
    """The quality scores: each file's when there are few, else the mean and the lowest."""
    scores = summary.scores
    if not scores:
        return []
    if len(scores) == 1:
        return [f"Quality score: {scores[0]}/100."]
    mean = sum(scores) / len(scores)
    shown = ", ".join(f"{escape_controls(path)} {value}" for value, path in summary.lowest)
    return [f"Quality score: mean {mean:.0f}/100; lowest: {shown}."]


def write_statistics(summary: Summary, rules: dict[str, RuleInfo], out: TextIO, output_format: str) -> None:
    """``--statistics``: one row per rule with findings (count, code, whether
    fixable, name), most found first; a JSON list for ``json``, an object per
    line for ``json-lines``, else a table."""
    rows = []
    for code, count in sorted(summary.by_code.items(), key=lambda item: (-item[1], item[0])):
        fixable = summary.fixable_by_code.get(code)
        name = rules[code].name if code in rules else "internal-error"
        rows.append(
            {"code": code, "name": name, "count": count, "fixable": fixable is not None, "applicability": fixable}
        )
    if output_format == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif output_format == "json-lines":
        out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    else:
        marks = {"safe": "[*]", "unsafe": "[-]", None: "   "}
        out.writelines(
            f"{row['count']:>7}\t{row['code']}\t{marks[row['applicability']]} {row['name']}\n" for row in rows
        )
        if summary.fixable_by_code:
            out.write("[*] fixable with --fix, [-] with --fix --unsafe-fixes\n")
