"""A document's quality score, 0–100, computed from its findings.

The formula
-----------
Findings are counted per rule. A rule's *density* is its number of findings
per 1000 characters of the document::

    density(rule) = findings(rule) × 1000 / max(length, MIN_LENGTH)

Its penalty grows with the square root of the density, weighted by the
findings' severity::

    penalty(rule) = WEIGHT[severity] × √density(rule)

A *document-level* rule (``D001`` truncated-document) is not a matter of
density — a truncated document is incomplete however long it is — so each of
its findings adds a fixed ``DOCUMENT_PENALTY`` instead. Then::

    score = ⌊100 × e^(−Σ penalty)⌋        (exactly 100 when nothing counts)

Internal errors (``X001``, a rule that crashed) say nothing about the text
and do not count.

What follows from it
--------------------
* **Bounds.** 0 ≤ score ≤ 100, and 100 exactly when there are no findings;
  any finding takes the score below 100.
* **Monotone.** One more finding never raises the score.
* **Length-normalised.** The same findings per 1000 characters give the same
  score in a short document and a long one. Documents shorter than
  ``MIN_LENGTH`` (500) characters count as that long, so one finding in a
  ten-character snippet is not a catastrophe.
* **Kinds add up, repetition saturates.** The square root makes a rule's
  hundredth finding cost less than its first (50 half-width commas are one
  problem with one fix), while every kind of defect adds its own penalty.
* **Families multiply.** ``e^(−Σ)`` is a product, so the score is 100 times
  the product of each family's own factor; :func:`assess` returns each
  family's score alone (its "breakdown") to show what pulled a document down.

Reading a score
---------------
====================================================  =====
one warning per 1000 characters                          95
one warning in a document of 500 characters or fewer     93
one error per 1000 characters                            85
one warning per 100 characters                           85
truncated, nothing else wrong                            70
====================================================  =====

So ``--min-score 90`` keeps documents with a few cosmetic findings, ``70``
drops truncated and visibly damaged ones, and below ``40`` lie spam, encoding
wrecks and documents with several kinds of damage at once.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from wenlint.diagnostic import Diagnostic, Severity
from wenlint.rule import FAMILIES

#: Shorter documents count as this many characters.
MIN_LENGTH = 500
#: Penalty per √(findings per 1000 characters), by severity.
WEIGHT = {Severity.ERROR: 0.16, Severity.WARNING: 0.05, Severity.INFO: 0.015}
#: Rules whose findings concern the whole document, not a density of defects.
DOCUMENT_LEVEL = frozenset({"D001"})
#: Penalty of each document-level finding: e^(−0.35) ≈ 0.70.
DOCUMENT_PENALTY = 0.35
#: Codes that report on wenlint itself, not on the text.
IGNORED_PREFIX = "X"


@dataclass(frozen=True)
class Score:
    """A document's score and, for each family with findings, that family's score alone."""

    value: int
    families: dict[str, int]


def score(diagnostics: Sequence[Diagnostic], length: int) -> int:
    """The quality score (0–100) of a document of ``length`` characters."""
    return assess(diagnostics, length).value


def assess(diagnostics: Sequence[Diagnostic], length: int) -> Score:
    """The score with its breakdown by family (``{"placeholder": 91, ...}``)."""
    penalties = _penalties(diagnostics, length)
    by_family: Counter[str] = Counter()
    for code, penalty in penalties.items():
        by_family[FAMILIES.get(code[0], "other")] += penalty
    families = {family: _to_score(penalty) for family, penalty in sorted(by_family.items())}
    return Score(_to_score(sum(penalties.values())), families)


def _penalties(diagnostics: Sequence[Diagnostic], length: int) -> dict[str, float]:
    """The penalty of each rule code that has findings."""
    counts = Counter((d.code, d.severity) for d in diagnostics if not d.code.startswith(IGNORED_PREFIX))
    per_thousand = 1000 / max(length, MIN_LENGTH)
    penalties: Counter[str] = Counter()
    for (code, severity), count in counts.items():
        if code in DOCUMENT_LEVEL:
            penalties[code] += DOCUMENT_PENALTY * count
        else:
            penalties[code] += WEIGHT[Severity(severity)] * math.sqrt(count * per_thousand)
    return dict(penalties)


def _to_score(penalty: float) -> int:
    if penalty <= 0:
        return 100
    return min(99, math.floor(100 * math.exp(-penalty)))
