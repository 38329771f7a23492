"""Machine-readable reporters: json, json-lines and GitHub annotations.

The JSON finding object (one per finding, shared by ``json`` and
``json-lines``, and by ``wenlint scan``) is documented and built in
:mod:`wenlint.results`. A file that could not be read is one X002 finding.
"""

from __future__ import annotations

import json
from typing import Any

from wenlint.report import Reporter, SourceLines, Summary
from wenlint.report.location import repository_path, repository_root
from wenlint.results import FileResult, escape_controls, finding_object


class JsonLinesReporter(Reporter):
    """One JSON finding object per line."""

    errors_as_findings = True

    def file(self, result: FileResult) -> None:
        source = SourceLines(result.lines)
        for diagnostic in result.diagnostics:
            obj = finding_object(diagnostic, self.rule_name(diagnostic), source, result.path)
            self.out.write(json.dumps(obj, ensure_ascii=False) + "\n")


class JsonListReporter(Reporter):
    """A JSON document ending in a list, each file's items written as they come."""

    errors_as_findings = True
    head = "["
    tail = "]"

    def start(self) -> None:
        self._first = True
        self.out.write(self.head)

    def items(self, result: FileResult) -> list[dict[str, Any]]:
        raise NotImplementedError

    def file(self, result: FileResult) -> None:
        for item in self.items(result):
            self.out.write(("\n  " if self._first else ",\n  ") + json.dumps(item, ensure_ascii=False))
            self._first = False

    def finish(self, summary: Summary) -> None:
        self.out.write(("" if self._first else "\n") + self.tail + "\n")


class JsonReporter(JsonListReporter):
    """A JSON list of finding objects."""

    def items(self, result: FileResult) -> list[dict[str, Any]]:
        source = SourceLines(result.lines)
        return [finding_object(d, self.rule_name(d), source, result.path) for d in result.diagnostics]


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: one annotation per finding, its
    path relative to the repository (GitHub attaches no other to a diff)."""

    LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
    errors_as_findings = True

    def start(self) -> None:
        self._root = repository_root("GITHUB_WORKSPACE")

    def file(self, result: FileResult) -> None:
        shown = escape_controls(repository_path(result.path, self._root))  # shown in a log, as the text formats
        path = _escape_property(shown)
        for d in result.diagnostics:
            level = self.LEVELS[d.severity.value]
            title = _escape_property(f"wenlint ({d.code})")
            self.out.write(
                f"::{level} title={title},file={path},line={d.line},col={d.column},"
                f"endLine={d.end_line},endColumn={d.end_column}::"
                f"{_escape_data(f'{d.code} {d.message}')}\n"
            )
