"""The document-level rules' kind: thresholds on document signals (defines no rule).

A rule of this kind lists its checks — a signal of :mod:`wenlint.signals`,
whether the threshold is a maximum or a minimum, and its default, taken from
a published recipe — and each check is an option of the rule named
``max_SIGNAL`` or ``min_SIGNAL``. A threshold of 0 turns its check off, as
in datatrove. A rule may also have the option ``min_chars``: shorter
documents are not judged (their n-grams are too few to say anything). The
rule reports one finding for the document, on its first
line with text, naming every signal past its threshold. A maximum that a
signal's ceiling (:func:`wenlint.signals.ceiling`) stays under, or a
minimum that its floor (:func:`wenlint.signals.floor`) meets, is met
without working out the signal.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

from wenlint import Diagnostic, Document, Option, Rule
from wenlint.signals import ceiling, floor, signal


@dataclass(frozen=True)
class Check:
    """A signal's threshold: ``bound`` is "max" (the value may not exceed it) or "min"."""

    signal: str
    bound: str
    default: float
    source: str  # the recipe the default comes from

    @cached_property
    def option(self) -> str:
        return f"{self.bound}_{self.signal}"

    def fails(self, value: float, threshold: float) -> bool:
        if not threshold:
            return False
        return value > threshold if self.bound == "max" else value < threshold


#: The ``min_chars`` option of the rules that judge repetition and line structure.
MIN_CHARS = Option(200, "shorter documents are not judged; 0 judges every document, as datatrove does")


def defaults(checks: tuple[Check, ...]) -> dict[str, float]:
    """The thresholds ``checks`` turn on by default: the preset of the recipe they come from."""
    return {check.option: check.default for check in checks if check.default}


def check_options(checks: tuple[Check, ...]) -> dict[str, Option]:
    """The options of a rule with ``checks``: one threshold per check."""
    return {
        check.option: Option(
            float(check.default),
            f"the {'largest' if check.bound == 'max' else 'smallest'} {check.signal} a document may have"
            f" (default from {check.source}; 0 turns the check off)",
        )
        for check in checks
    }


class SignalRule(Rule):
    """A document-level rule judging the document by its signals."""

    checks: ClassVar[tuple[Check, ...]] = ()
    #: The thresholds each ``scan --preset`` (wenlint.corpus.presets) gives the rule;
    #: a preset that names the rule selects it, and turns its other checks off.
    presets: ClassVar[dict[str, dict[str, float]]] = {}
    document_level = True
    skip_verbatim = False  # the finding marks the document, not the text it lies on

    def failing(self, doc: Document) -> list[tuple[str, float, float]]:
        """(signal, value, threshold) of every check the document fails, in the rule's order."""
        if len(doc.text) < self.settings.get("min_chars", 0):
            return []
        failed = []
        for check in self.checks:
            threshold = self.settings[check.option]
            if not threshold:
                continue
            if check.bound == "max" and ceiling(doc, check.signal) <= threshold:
                continue  # a signal's ceiling under the maximum: the signal, dearer, is not worked out
            if check.bound == "min" and floor(doc, check.signal) >= threshold:
                continue  # and its floor over the minimum
            value = signal(doc, check.signal)  # only the groups of signals a check needs are computed
            if check.fails(value, threshold):
                failed.append((check.signal, value, threshold))
        return failed

    def check(self, doc: Document) -> list[Diagnostic]:
        failed = self.failing(doc)
        if not failed:
            return []
        sign = {check.signal: ">" if check.bound == "max" else "<" for check in self.checks}
        reasons = ", ".join(f"{signal} {value:.3g} {sign[signal]} {threshold:g}" for signal, value, threshold in failed)
        line = next((line for line in doc.lines if doc.text[line.start : line.end].strip()), doc.lines[0])
        return [self.diagnostic(line.start, line.end, f"{self.verdict}: {reasons}")]

    #: The message's first words: what the document is.
    verdict: ClassVar[str] = ""
