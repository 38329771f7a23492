"""Machine-readable reporters: json, json-lines and GitHub annotations.

The JSON finding object (one per finding, shared by ``json`` and
``json-lines``, and by ``wenlint scan``) is documented and built in
:mod:`wenlint.results`.
"""

from __future__ import annotations

import json

from wenlint.report import Reporter, SourceLines, Summary
from wenlint.results import FileResult, escape_controls, finding_object


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
        path = _escape_property(escape_controls(result.path))  # shown in a log, as the human-readable formats
        for d in result.diagnostics:
            level = self.LEVELS[d.severity.value]
            title = _escape_property(f"wenlint ({d.code})")
            self.out.write(
                f"::{level} title={title},file={path},line={d.line},col={d.column},"
                f"endLine={d.end_line},endColumn={d.end_column}::"
                f"{_escape_data(f'{d.code} {d.message}')}\n"
            )
