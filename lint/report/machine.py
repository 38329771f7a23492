"""Machine-readable reporters: json, json-lines and GitHub annotations.

The JSON finding object (one per finding, shared by ``json`` and
``json-lines``, and by ``wenlint scan``) is::

    {"code": "M001", "name": "halfwidth-punctuation", "message": "...",
     "severity": "warning", "filename": "a.txt",
     "location": {"line": 1, "column": 3}, "end_location": {"line": 1, "column": 4},
     "offset": 2, "end_offset": 3, "fingerprint": "…",
     "fix": null | {"applicability": "safe" | "unsafe", "message": "...",
                    "edits": [{"offset": 2, "end_offset": 3, "content": "，",
                               "location": {...}, "end_location": {...}}]}}

Lines and columns are 1-based and count characters (code points);
``end_location`` is the position just after the span. Offsets are
code-point offsets into the decoded text (BOM removed, CRLF read as LF).
"""

from __future__ import annotations

import json
from typing import Any

from wenlint.diagnostic import Diagnostic
from wenlint.report import Reporter, SourceLines, Summary
from wenlint.runner import FileResult


def _location(line: int, column: int) -> dict[str, int]:
    return {"line": line, "column": column}


def finding_object(diagnostic: Diagnostic, name: str, source: SourceLines, filename: str | None) -> dict[str, Any]:
    """The documented JSON shape of one finding (without ``filename`` when None)."""
    fix = None
    if diagnostic.fix is not None:
        fix = {
            "applicability": diagnostic.fix.applicability.value,
            "message": diagnostic.fix.message,
            "edits": [
                {
                    "offset": edit.start,
                    "end_offset": edit.end,
                    "content": edit.content,
                    "location": _location(*source.position(edit.start)),
                    "end_location": _location(*source.position(edit.end)),
                }
                for edit in diagnostic.fix.edits
            ],
        }
    found: dict[str, Any] = {
        "code": diagnostic.code,
        "name": name,
        "message": diagnostic.message,
        "severity": diagnostic.severity.value,
    }
    if filename is not None:
        found["filename"] = filename
    found.update(
        location=_location(diagnostic.line, diagnostic.column),
        end_location=_location(diagnostic.end_line, diagnostic.end_column),
        offset=diagnostic.start,
        end_offset=diagnostic.end,
        fingerprint=diagnostic.fingerprint,
        fix=fix,
    )
    return found


class JsonLinesReporter(Reporter):
    """One JSON finding object per line."""

    def file(self, result: FileResult) -> None:
        source = SourceLines(result.lines)
        for diagnostic in result.diagnostics:
            obj = finding_object(diagnostic, self.rule_name(diagnostic), source, result.path)
            self.out.write(json.dumps(obj, ensure_ascii=False) + "\n")


class JsonReporter(Reporter):
    """A JSON list of finding objects, written as the files come in."""

    def start(self) -> None:
        self._first = True
        self.out.write("[")

    def file(self, result: FileResult) -> None:
        source = SourceLines(result.lines)
        for diagnostic in result.diagnostics:
            obj = finding_object(diagnostic, self.rule_name(diagnostic), source, result.path)
            self.out.write(("\n  " if self._first else ",\n  ") + json.dumps(obj, ensure_ascii=False))
            self._first = False

    def finish(self, summary: Summary) -> None:
        self.out.write("]\n" if self._first else "\n]\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: one annotation per finding."""

    LEVELS = {"error": "error", "warning": "warning", "info": "notice"}

    def file(self, result: FileResult) -> None:
        path = _escape_property(result.path)
        for d in result.diagnostics:
            level = self.LEVELS[d.severity.value]
            title = _escape_property(f"wenlint ({d.code})")
            self.out.write(
                f"::{level} title={title},file={path},line={d.line},col={d.column},"
                f"endLine={d.end_line},endColumn={d.end_column}::"
                f"{_escape_data(f'{d.code} {d.message}')}\n"
            )
