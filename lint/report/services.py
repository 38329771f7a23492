"""Reports for review services: reviewdog's ``rdjson`` and GitLab's Code Quality ``gitlab``.

rdjson is reviewdog's Diagnostic Format (a ``DiagnosticResult`` message of
its ``reviewdog.proto``, as JSON); its paths are relative to the
repository, as the ``github`` format's, and its columns count UTF-8 bytes,
not characters. The GitLab Code Quality report is a JSON list of issues
(``description``, ``check_name``, ``fingerprint``, ``severity``,
``location.path`` relative to the repository, ``location.lines.begin``).
Both stream as files come in; a file that could not be read is one X002
finding, as in the JSON format.
"""

from __future__ import annotations

from collections import Counter
from hashlib import blake2b
from typing import Any

from wenlint.diagnostic import Diagnostic
from wenlint.docs import rule_url
from wenlint.report import SourceLines
from wenlint.report.location import repository_path, repository_root
from wenlint.report.machine import JsonListReporter
from wenlint.results import FileResult


class RdjsonReporter(JsonListReporter):
    """reviewdog's rdjson: ``{"source": …, "diagnostics": [...]}``."""

    SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
    head = '{"source": {"name": "wenlint"}, "diagnostics": ['
    tail = "]}"

    def start(self) -> None:
        super().start()
        self._root = repository_root("GITHUB_WORKSPACE")

    def items(self, result: FileResult) -> list[dict[str, Any]]:
        source = SourceLines(result.lines)
        path = repository_path(result.path, self._root)
        return [self.diagnostic(path, d, source) for d in result.diagnostics]

    def diagnostic(self, path: str, d: Diagnostic, source: SourceLines) -> dict[str, Any]:
        code: dict[str, str] = {"value": d.code}
        rule = self.rules.get(d.code)
        if rule and (url := rule_url(rule)):
            code["url"] = url
        item: dict[str, Any] = {
            "message": d.message,
            "location": {"path": path, "range": _range(source, d.start, d.end)},
            "severity": self.SEVERITIES[d.severity.value],
            "code": code,
        }
        if d.fix is not None:
            edits = [e for e in d.fix.edits if e.start != e.end or e.content]  # not a change of encoding
            if edits:
                item["suggestions"] = [{"range": _range(source, e.start, e.end), "text": e.content} for e in edits]
        return item


def _range(source: SourceLines, start: int, end: int) -> dict[str, dict[str, int]]:
    """An rdjson range: 1-based lines, columns counted in UTF-8 bytes, the end exclusive."""
    return {"start": _position(source, start), "end": _position(source, end)}


def _position(source: SourceLines, offset: int) -> dict[str, int]:
    line, column = source.position(offset)
    text = source.lines[line][1]
    return {"line": line, "column": len(text[: column - 1].encode("utf-8", "surrogatepass")) + 1}


class GitlabReporter(JsonListReporter):
    """GitLab's Code Quality report: a list of issues, paths relative to the repository."""

    SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}

    def start(self) -> None:
        super().start()
        self._root = repository_root("CI_PROJECT_DIR")

    def items(self, result: FileResult) -> list[dict[str, Any]]:
        path = repository_path(result.path, self._root)
        seen: Counter[tuple[str, str]] = Counter()
        issues = []
        for d in result.diagnostics:
            seen[d.code, d.fingerprint] += 1  # the same text flagged twice in a file: each its own issue
            key = f"{path}\0{d.code}\0{d.fingerprint}\0{seen[d.code, d.fingerprint]}"
            issue: dict[str, Any] = {
                "description": f"{d.code} {d.message}",
                "check_name": d.code,
                "fingerprint": blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest(),
                "severity": self.SEVERITIES[d.severity.value],
                "location": {"path": path, "lines": {"begin": d.line, "end": d.end_line}},
            }
            issues.append(issue)
        return issues
