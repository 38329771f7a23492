"""A document's quality score, 0–100, computed from its findings.

The formula
-----------
Findings are counted per rule. A rule's *density* is its number of findings
per 1000 characters of the document::

    density(rule) = findings(rule) × 1000 / max(length, MIN_LENGTH)

Its penalty grows with the square root of the density, weighted by the
findings' severity::

    penalty(rule) = WEIGHT[severity] × √density(rule)

A *document-level* rule (one that sets ``Rule.document_level``: D001
truncated-document, and the rules that judge a document by its signals,
D003 repetitive, D004 mostly page chrome, D005 not Chinese enough, D006
list-like) is not a matter of density — a truncated or repetitive document
is one however long it is — so each of its findings adds a fixed
``DOCUMENT_PENALTY`` instead. Then::

    score = ⌊100 × e^(−Σ penalty)⌋        (exactly 100 when nothing counts)

Internal errors (``engine.INTERNAL_ERROR``, a rule that crashed) say
nothing about the text and do not count.

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
  the product of each family's own factor.

Reading a score
---------------
====================================================  =====
one warning per 1000 characters                          95
one warning in a document of 500 characters or fewer     93
one error per 1000 characters                            85
one warning per 100 characters                           85
truncated, nothing else wrong                            70
flagged by one signal rule (D003–D006), nothing else     70
flagged by three of them                                 34
====================================================  =====

So ``--min-score 90`` keeps documents with a few cosmetic findings, ``70``
drops truncated and visibly damaged ones, and below ``40`` lie spam, encoding
wrecks and documents with several kinds of damage at once.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Sequence

from wenlint.diagnostic import INTERNAL_ERROR, Diagnostic, Severity

#: Shorter documents count as this many characters.
MIN_LENGTH = 500
#: Penalty per √(findings per 1000 characters), by severity.
WEIGHT = {Severity.ERROR: 0.16, Severity.WARNING: 0.05, Severity.INFO: 0.015}
#: Penalty of each document-level finding: e^(−0.35) ≈ 0.70.
DOCUMENT_PENALTY = 0.35


def score(diagnostics: Sequence[Diagnostic], length: int, document_level: Collection[str] = ()) -> int:
    """The quality score (0–100) of a document of ``length`` characters;
    ``document_level`` holds the codes of the document-level rules."""
    counts = Counter((d.code, d.severity) for d in diagnostics if d.code != INTERNAL_ERROR)
    per_thousand = 1000 / max(length, MIN_LENGTH)
    penalty = 0.0
    for (code, severity), count in counts.items():
        if code in document_level:
            penalty += DOCUMENT_PENALTY * count
        else:
            penalty += WEIGHT[Severity(severity)] * math.sqrt(count * per_thousand)
    if penalty <= 0:
        return 100
    return min(99, math.floor(100 * math.exp(-penalty)))
