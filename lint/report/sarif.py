"""SARIF 2.1.0 output, for code-scanning dashboards.

A file's ``artifactLocation`` is its path relative to the repository (as
the ``github`` format's, see :mod:`wenlint.report.location`), with the
``uriBaseId`` ``%SRCROOT%`` that the run's ``originalUriBaseIds`` resolve,
as the SARIF specification (3.4.4) and GitHub code scanning ask; a file
outside the repository has its absolute ``file:`` URI.

A file that could not be read is a tool execution notification of the run's
invocation (``descriptor`` X002, the file as its location), not a result.
"""

from __future__ import annotations

import json
import os
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import quote

from wenlint.diagnostic import Diagnostic, Severity
from wenlint.docs import rule_markdown, rule_text, rule_url, sections
from wenlint.registry import in_preview, on_by_default
from wenlint.report import Reporter, SourceLines, Summary
from wenlint.report.location import repository_path, repository_root
from wenlint.results import FILE_ERROR, RESERVED_NAMES, FileResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SRCROOT = "%SRCROOT%"


def _base_uri(folder: str) -> str:
    """The ``file:`` URI of ``folder``, ending with ``/`` as a base URI must."""
    uri = Path(folder).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _region(source: SourceLines, start: int, end: int) -> dict[str, int]:
    start_line, start_column = source.position(start)
    end_line, end_column = source.position(end)
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}


class SarifReporter(Reporter):
    """One SARIF log with a single run; results stream in as files finish."""

    def start(self) -> None:
        self._root = repository_root("GITHUB_WORKSPACE")
        self._codes = list(self.rules)
        self._index = {code: index for index, code in enumerate(self._codes)}
        driver = {
            "name": "wenlint",
            "version": version("wenlint"),
            "informationUri": "https://pypi.org/project/wenlint/",
            "rules": [self._descriptor(code) for code in self._codes],
            "notifications": [
                {
                    "id": FILE_ERROR,
                    "name": RESERVED_NAMES[FILE_ERROR],
                    "shortDescription": {"text": "A file could not be read, checked or written"},
                }
            ],
        }
        head = {"$schema": SCHEMA, "version": "2.1.0"}
        run = {
            "tool": {"driver": driver},
            "originalUriBaseIds": {SRCROOT: {"uri": _base_uri(self._root)}},
            "columnKind": "unicodeCodePoints",
        }
        text = json.dumps(head, ensure_ascii=False)[:-1]
        run_text = json.dumps(run, ensure_ascii=False)[:-1]
        self.out.write(f'{text}, "runs": [{run_text}, "results": [')
        self._first = True
        self._notifications: list[dict[str, Any]] = []

    def _descriptor(self, code: str) -> dict[str, Any]:
        rule = self.rules[code]
        descriptor: dict[str, Any] = {
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": "\n\n".join(body for _, body in sections(rule))},
            "help": {"text": rule_text(rule), "markdown": rule_markdown(rule)},
            "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": on_by_default(rule)},
            "properties": {"fix": rule.fix.value, "family": rule.family(), "preview": in_preview(rule)},
        }
        if url := rule_url(rule):
            descriptor["helpUri"] = url
        return descriptor

    def _artifact(self, path: str) -> dict[str, str]:
        """The ``artifactLocation`` of ``path``: relative to the repository, or absolute outside it."""
        relative = repository_path(path, self._root)
        if os.path.isabs(relative):
            return {"uri": Path(relative).as_uri()}
        return {"uri": quote(relative), "uriBaseId": SRCROOT}

    def _result(self, path: str, d: Diagnostic, source: SourceLines) -> dict[str, Any]:
        location = {"artifactLocation": self._artifact(path), "region": _region(source, d.start, d.end)}
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": LEVELS[d.severity],
            "message": {"text": d.message},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {"wenlint/v1": d.fingerprint},
        }
        if d.code in self._index:
            result["ruleIndex"] = self._index[d.code]
        if d.fix is not None:
            replacements = [
                {"deletedRegion": _region(source, e.start, e.end), "insertedContent": {"text": e.content}}
                for e in d.fix.edits
            ]
            result["fixes"] = [
                {
                    "description": {"text": d.fix.message or f"{d.fix.applicability.value} fix"},
                    "artifactChanges": [{"artifactLocation": self._artifact(path), "replacements": replacements}],
                }
            ]
        return result

    def file(self, result: FileResult) -> None:
        source = SourceLines(result.lines)
        for d in result.diagnostics:
            self.out.write(
                ("\n" if self._first else ",\n") + json.dumps(self._result(result.path, d, source), ensure_ascii=False)
            )
            self._first = False

    def file_error(self, path: str, message: str) -> None:
        location = {"physicalLocation": {"artifactLocation": self._artifact(path)}}
        self._notifications.append(
            {
                "descriptor": {"id": FILE_ERROR},
                "level": "error",
                "message": {"text": message},
                "locations": [location],
            }
        )

    def finish(self, summary: Summary) -> None:
        # The analysis ran to its end; the files it could not read are its error notifications.
        invocation = {"executionSuccessful": True, "toolExecutionNotifications": self._notifications}
        self.out.write(f'], "invocations": [{json.dumps(invocation, ensure_ascii=False)}]}}]}}\n')
