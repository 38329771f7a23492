"""Reporters: how findings are shown. Each streams file by file."""

from __future__ import annotations

import codecs
import io
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from wenlint.diagnostic import Applicability, Diagnostic
from wenlint.formats import FORMATS, TEXT_FORMATS
from wenlint.results import RESERVED_NAMES, FileResult, SourceLines, file_error, plural

if TYPE_CHECKING:
    from wenlint.registry import RuleInfo
    from wenlint.rule import Rule

__all__ = ["FORMATS", "FileResult", "Reporter", "SourceLines", "Summary", "make_reporter", "use_color"]

LOWEST_SHOWN = 5
_SAFE, _DISPLAY_ONLY = Applicability.SAFE.value, Applicability.DISPLAY_ONLY.value


def use_color(stream: TextIO) -> bool:
    """Colour on a terminal only; NO_COLOR always wins, FORCE_COLOR forces it."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


@dataclass
class Summary:
    """Totals over a whole run."""

    files: int = 0
    flagged_files: int = 0
    by_code: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    fixable_safe: int = 0
    fixable_unsafe: int = 0
    fixed: Counter[str] = field(default_factory=Counter)
    changed: int = 0  # the files fixing changes (--diff, --fix)
    errors: int = 0
    fixable_by_code: dict[str, str] = field(default_factory=dict)  # code -> "safe"/"unsafe"
    scores: list[int] = field(default_factory=list)
    lowest: list[tuple[int, str]] = field(default_factory=list)  # the worst-scoring files, worst first

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.fixed.update(result.fixed)
        if result.changed:
            self.changed += 1
        if result.error:
            self.errors += 1
        kinds = result.kinds()
        if kinds:
            self.flagged_files += 1
        if result.score is not None:
            self.scores.append(result.score)
            self.lowest = sorted([*self.lowest, (result.score, result.path)])[:LOWEST_SHOWN]
        for code, severity, applicability in kinds:
            self.by_code[code] += 1
            self.by_severity[severity] += 1
            if applicability is not None and applicability != _DISPLAY_ONLY:
                safe = applicability == _SAFE
                if safe:
                    self.fixable_safe += 1
                else:
                    self.fixable_unsafe += 1
                if self.fixable_by_code.get(code) != "safe":
                    self.fixable_by_code[code] = "safe" if safe else "unsafe"

    @property
    def total(self) -> int:
        return sum(self.by_code.values())

    def unsettled(self, verb: str) -> str:
        """What fixing did when it changed files but fixed no finding (its fixes
        did not settle): ``{verb} N files, fixing no finding.``"""
        return f"{verb} {plural(self.changed, 'file')}, fixing no finding."


class Reporter:
    """Base class: ``start``, then ``file`` for each file with findings and
    ``file_error`` for each file that could not be read, checked or written,
    then ``finish``."""

    #: Whether a file error is reported as an X002 finding (machine formats);
    #: the text formats leave it to the ``error:`` line on stderr.
    errors_as_findings = False

    def __init__(self, out: TextIO, rules: dict[str, type[Rule]] | dict[str, RuleInfo], color: bool = False) -> None:
        self.out = out
        self.rules = rules
        self.color = color
        self.summarise = True  # False (--quiet): the findings only, no closing summary

    def start(self) -> None:
        pass

    def file(self, result: FileResult) -> None:
        raise NotImplementedError

    def file_error(self, path: str, message: str) -> None:
        if self.errors_as_findings:
            self.file(file_error(path, message))

    def finish(self, summary: Summary) -> None:
        pass

    def rule_name(self, diagnostic: Diagnostic) -> str:
        rule = self.rules.get(diagnostic.code)
        return rule.name if rule else RESERVED_NAMES.get(diagnostic.code, "internal-error")


def fit_stream(out: TextIO, utf8: bool) -> None:
    """Make ``out`` write whatever the locale: in UTF-8 (``utf8``: a machine
    format), or else in its own encoding, showing what that cannot hold as
    escapes (``\\uff0c``) instead of failing."""
    if not isinstance(out, io.TextIOWrapper) or codecs.lookup(out.encoding).name == "utf-8":
        return
    if utf8:
        out.reconfigure(encoding="utf-8")
    else:
        out.reconfigure(errors="backslashreplace")


def make_reporter(name: str, out: TextIO, color: bool) -> Reporter:
    """The reporter for an ``--output-format`` name, writing to ``out`` (made
    fit for it). Those that describe each rule (SARIF, rdjson, GitLab) are
    given the rules' classes; the others only :func:`~wenlint.registry.known_rules`,
    which a run replayed from the result cache reads without importing a rule."""
    from wenlint.registry import all_rules, known_rules

    fit_stream(out, utf8=name not in TEXT_FORMATS)
    if name in TEXT_FORMATS:
        from wenlint.report.text import ConciseReporter, FullReporter

        return (FullReporter if name == "full" else ConciseReporter)(out, known_rules(), color)
    if name == "sarif":
        from wenlint.report.sarif import SarifReporter

        return SarifReporter(out, all_rules())
    if name in ("rdjson", "gitlab"):
        from wenlint.report.services import GitlabReporter, RdjsonReporter

        return (RdjsonReporter if name == "rdjson" else GitlabReporter)(out, all_rules())
    from wenlint.report.machine import GithubReporter, JsonLinesReporter, JsonReporter

    return {"json": JsonReporter, "json-lines": JsonLinesReporter, "github": GithubReporter}[name](out, known_rules())
