"""The one document pipeline that ``check``, ``scan`` and ``review`` call.

::

    path ──rules_for──▶ rules
    path ──load──▶ Document ──run (lint, or fix to a fixpoint)──▶ Checked ──▶ FileResult

:func:`run` lints a document (or fixes it to a fixpoint with the fixer of
:mod:`wenlint.engine`) and scores what remains; :class:`Checked` holds the
outcome and gives the result a front-end sends on: the findings and the
lines they touch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from wenlint import engine
from wenlint.config import Settings
from wenlint.diagnostic import Diagnostic
from wenlint.document import Document
from wenlint.results import FileResult, touched_lines
from wenlint.rule import Rule
from wenlint.score import score
from wenlint.storage import read_document

_rule_cache: dict[tuple[int, tuple[str, ...]], list[Rule]] = {}


def make_rules(settings: Settings, path: str) -> list[Rule]:
    """The rules ``settings`` select for ``path``, made anew."""
    return settings.make_rules(settings.codes_for(path))


def rules_for(settings: Settings, path: str) -> list[Rule]:
    """The rules ``settings`` select for ``path``, made once per selection
    (for settings that live as long as the process)."""
    codes = settings.codes_for(path)
    key = (id(settings), codes)
    if key not in _rule_cache:
        _rule_cache[key] = settings.make_rules(codes)
    return _rule_cache[key]


def load(path: str, settings: Settings, name: str) -> Document:
    """Read and decode ``path`` (``-``: standard input), known as ``name``
    from here on. Raises :class:`wenlint.decode.InputError`."""
    doc = read_document(path, settings.max_file_size_mb * 2**20)
    doc.path = name
    return doc


def document_level(rules: Sequence[Rule]) -> frozenset[str]:
    """The codes of the rules whose findings judge the whole document."""
    return frozenset(rule.code for rule in rules if rule.document_level)


def score_of(doc: Document, diagnostics: Sequence[Diagnostic], rules: Sequence[Rule]) -> int:
    """The quality score of ``doc`` with ``diagnostics``, found by ``rules``."""
    return score(diagnostics, len(doc.text), document_level(rules))


@dataclass
class Checked:
    """A document after the pipeline: as it now is (fixed, when fixing),
    its findings and its score; ``fixed`` counts per rule the findings that
    fixing resolved (:attr:`wenlint.engine.FixOutcome.resolved`)."""

    doc: Document
    diagnostics: list[Diagnostic]
    score: int
    fixed: Counter[str] = field(default_factory=Counter)
    converged: bool = True

    def result(self, name: str) -> FileResult:
        """The result a front-end sends on: findings and the lines they touch.
        The document's views are dropped first: every rule has run, and the
        lines copied here should not add to their memory."""
        self.doc.forget_views()
        lines = touched_lines(self.doc, self.diagnostics)
        return FileResult(
            name,
            self.diagnostics,
            lines,
            self.fixed,
            converged=self.converged,
            score=self.score,
            chars=len(self.doc.text),
        )


def run(doc: Document, rules: Sequence[Rule], fix: bool = False, unsafe: bool = False) -> Checked:
    """Lint ``doc``, or with ``fix`` apply the allowed fixes to a fixpoint; then score it."""
    if not fix:
        diagnostics = engine.lint(doc, rules)
        return Checked(doc, diagnostics, score_of(doc, diagnostics, rules))
    outcome = engine.fix(doc, rules, unsafe=unsafe)
    return Checked(
        outcome.doc,
        outcome.diagnostics,
        score_of(outcome.doc, outcome.diagnostics, rules),
        outcome.resolved,
        outcome.converged,
    )


def fixable(diagnostics: Sequence[Diagnostic], unsafe: bool) -> bool:
    """Whether any of ``diagnostics`` has a fix the fixer may apply."""
    return any(d.fix is not None and d.fix.allowed(unsafe) for d in diagnostics)
