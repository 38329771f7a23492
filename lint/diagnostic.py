"""Findings and the fixes attached to them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    """How bad a finding is; every severity counts towards exit code 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(str, enum.Enum):
    """Whether a fix may be applied without a human looking at it.

    ``SAFE`` fixes cannot change what the text means and run with ``--fix``;
    ``UNSAFE`` ones might, and also need ``--unsafe-fixes``.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"


class FixAvailability(str, enum.Enum):
    """What a rule's fixes are, as documented in ``wenlint rules``."""

    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"
    SOMETIMES = "sometimes"  # safe in some contexts, unsafe in others


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the code points ``start:end`` of the text with ``content``."""

    start: int
    end: int
    content: str

    def __reduce__(self):  # pickled by constructor: much faster than dataclass state
        return Edit, (self.start, self.end, self.content)


@dataclass(frozen=True, slots=True)
class Fix:
    """Edits applied together or not at all.

    ``encoding`` and ``newline``, when set, change how the fixed file is
    written rather than its text: its encoding (the bytes are re-encoded,
    without a byte-order mark) or its line breaks (all made ``newline``).
    """

    edits: tuple[Edit, ...]
    applicability: Applicability
    message: str = ""
    encoding: str | None = None
    newline: str | None = None

    @classmethod
    def replace(cls, start: int, end: int, content: str, *, safe: bool = True, message: str = "") -> Fix:
        """A fix made of one edit."""
        applicability = Applicability.SAFE if safe else Applicability.UNSAFE
        return cls((Edit(start, end, content),), applicability, message)

    @classmethod
    def rewrite(cls, at: int, *, encoding: str | None = None, newline: str | None = None,
                safe: bool = True, message: str = "") -> Fix:
        """A fix that leaves the text alone and writes the file in another
        ``encoding`` or with uniform ``newline``. It holds one empty edit at
        ``at`` so that every report format can place and show it."""
        applicability = Applicability.SAFE if safe else Applicability.UNSAFE
        return cls((Edit(at, at, ""),), applicability, message, encoding, newline)

    def allowed(self, unsafe: bool) -> bool:
        """Whether this fix runs under the given ``--unsafe-fixes`` setting."""
        return unsafe or self.applicability is Applicability.SAFE

    def __reduce__(self):
        return Fix, (self.edits, self.applicability, self.message, self.encoding, self.newline)


@dataclass(slots=True)
class Diagnostic:
    """One finding: a rule code, a span of the text and what is wrong there.

    ``start``/``end`` are code-point offsets into the decoded text. Line and
    column (1-based, in characters) are filled in by the engine once the
    rule has run; rules never compute them.
    """

    code: str
    start: int
    end: int
    message: str
    severity: Severity = Severity.WARNING
    fix: Fix | None = None
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    fingerprint: str = field(default="", compare=False)

    def __reduce__(self):
        return Diagnostic, (self.code, self.start, self.end, self.message, self.severity, self.fix,
                            self.line, self.column, self.end_line, self.end_column, self.fingerprint)
