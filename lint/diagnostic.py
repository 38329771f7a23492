"""Findings and the fixes attached to them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from hashlib import blake2b

#: Code of the diagnostic reported when a rule raises (see :mod:`wenlint.engine`).
INTERNAL_ERROR = "X001"


class Severity(str, enum.Enum):
    """How bad a finding is; every severity counts towards exit code 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(str, enum.Enum):
    """Whether a fix may be applied without a human looking at it.

    ``SAFE`` fixes cannot change what the text means and run with ``--fix``;
    ``UNSAFE`` ones might, and also need ``--unsafe-fixes``; ``DISPLAY_ONLY``
    ones are shown (and offered by ``wenlint review``) but never applied by
    ``--fix``: the engine makes a fix display-only when it edits what is not
    prose (see :mod:`wenlint.engine`).
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


class FixAvailability(str, enum.Enum):
    """What a rule's fixes are, as documented in ``wenlint rules``."""

    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"
    SOMETIMES = "sometimes"  # safe in some contexts, unsafe in others


# Edit and Fix are frozen, so their __init__ cannot simply assign the fields.
# The generated one calls object.__setattr__ for each; the ones below call
# the slots' own setters, which is about twice as fast, and nearly every
# finding makes an Edit and a Fix.


@dataclass(frozen=True, slots=True, init=False)
class Edit:
    """Replace the code points ``start:end`` of the text with ``content``."""

    start: int
    end: int
    content: str

    def __init__(self, start: int, end: int, content: str) -> None:
        _edit_start(self, start)
        _edit_end(self, end)
        _edit_content(self, content)

    def __reduce__(self):  # pickled by constructor: much faster than dataclass state
        return Edit, (self.start, self.end, self.content)


_edit_start, _edit_end, _edit_content = Edit.start.__set__, Edit.end.__set__, Edit.content.__set__


@dataclass(frozen=True, slots=True, init=False)
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

    def __init__(
        self,
        edits: tuple[Edit, ...],
        applicability: Applicability,
        message: str = "",
        encoding: str | None = None,
        newline: str | None = None,
    ) -> None:
        _fix_edits(self, edits)
        _fix_applicability(self, applicability)
        _fix_message(self, message)
        _fix_encoding(self, encoding)
        _fix_newline(self, newline)

    @classmethod
    def replace(cls, start: int, end: int, content: str, *, safe: bool = True, message: str = "") -> Fix:
        """A fix made of one edit."""
        return cls((Edit(start, end, content),), _SAFE if safe else _UNSAFE, message)

    @classmethod
    def rewrite(
        cls, at: int, *, encoding: str | None = None, newline: str | None = None, safe: bool = True, message: str = ""
    ) -> Fix:
        """A fix that leaves the text alone and writes the file in another
        ``encoding`` or with uniform ``newline``. It holds one empty edit at
        ``at`` so that every report format can place and show it."""
        applicability = Applicability.SAFE if safe else Applicability.UNSAFE
        return cls((Edit(at, at, ""),), applicability, message, encoding, newline)

    def allowed(self, unsafe: bool) -> bool:
        """Whether ``--fix`` applies this fix under the given ``--unsafe-fixes`` setting."""
        return self.applicability is Applicability.SAFE or (unsafe and self.applicability is Applicability.UNSAFE)

    def __reduce__(self):
        return Fix, (self.edits, self.applicability, self.message, self.encoding, self.newline)


_fix_edits, _fix_applicability, _fix_message, _fix_encoding, _fix_newline = (
    Fix.edits.__set__,
    Fix.applicability.__set__,
    Fix.message.__set__,
    Fix.encoding.__set__,
    Fix.newline.__set__,
)
_SAFE, _UNSAFE = Applicability.SAFE, Applicability.UNSAFE


@dataclass(slots=True)
class Diagnostic:
    """One finding: a rule code, a span of the text and what is wrong there.

    ``start``/``end`` are code-point offsets into the decoded text. Line and
    column (1-based, in characters) are filled in by the engine once the
    rule has run; rules never compute them. So is ``fingerprint``, which
    baselines match findings by (see :func:`wenlint.engine.resolve`): it is
    computed when first read, as most runs never read it.
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
    _fingerprint: str = field(default="", compare=False, repr=False)
    #: Until the fingerprint is first read: (code, text, start, end, start of the line).
    _pending: tuple[str, str, int, int, int] | None = field(default=None, compare=False, repr=False)

    @property
    def fingerprint(self) -> str:
        """Identifies the finding in a baseline (see :func:`fingerprint`)."""
        if self._pending is not None:
            self._fingerprint = fingerprint(*self._pending)
            self._pending = None
        return self._fingerprint

    @fingerprint.setter
    def fingerprint(self, value: str) -> None:
        self._fingerprint, self._pending = value, None

    def fingerprint_from(self, text: str, line_start: int) -> None:
        """Have :attr:`fingerprint` computed, when first read, from ``text``
        and the start of the finding's line."""
        self._pending = (self.code, text, self.start, self.end, line_start)

    def __reduce__(self):
        """By constructor; a fingerprint not yet read travels as the stretch of
        text it is worked out from, not as the document, and is worked out
        where it is read (a worker's results: not at all for most runs)."""
        pending = self._pending
        if pending is not None:
            pending = (self.code, *_stretch(pending))
        return Diagnostic, (
            self.code,
            self.start,
            self.end,
            self.message,
            self.severity,
            self.fix,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self._fingerprint,
            pending,
        )


#: Characters of the line on each side of a finding that its fingerprint includes.
FINGERPRINT_CONTEXT = 6


def _stretch(pending: tuple[str, str, int, int, int]) -> tuple[str, int, int, int]:
    """Of a fingerprint not yet worked out, what it is worked out from besides
    the code: the stretch of text around the finding, where it lies in it, and 0 for the line's start."""
    _, text, start, end, line_start = pending
    low = max(line_start, start - FINGERPRINT_CONTEXT)
    return text[low : end + FINGERPRINT_CONTEXT], start - low, end - low, 0


#: A finding as plain values (see :func:`pack`): code, start, end, message,
#: severity, fix or None (edits as (start, end, content), applicability,
#: message, encoding, newline), line, column, end line, end column,
#: fingerprint, and what a fingerprint not yet worked out is worked out from, or None.
Packed = tuple


def pack(diagnostics: list[Diagnostic]) -> list[Packed]:
    """``diagnostics`` as tuples of plain values, a message or an edit's content
    that comes again being the same string (pickled once): what a worker
    sends, far cheaper to pickle and unpickle than the objects, which the
    main process then builds (:func:`unpack`) only where it reads more than
    a finding's kind (:func:`kind`)."""
    same: dict[str, str] = {}
    packed = []
    for d in diagnostics:
        fix = d.fix
        if fix is not None:
            edits = tuple((edit.start, edit.end, same.setdefault(edit.content, edit.content)) for edit in fix.edits)
            fix = (edits, fix.applicability.value, fix.message, fix.encoding, fix.newline)
        pending = d._pending
        if pending is not None:
            pending = _stretch(pending)
        message = same.setdefault(d.message, d.message)
        position = (d.line, d.column, d.end_line, d.end_column)
        packed.append((d.code, d.start, d.end, message, d.severity.value, fix, *position, d._fingerprint, pending))
    return packed


def unpack(packed: list[Packed]) -> list[Diagnostic]:
    """The findings :func:`pack` packed."""
    made = []
    for code, start, end, message, severity, fix, line, column, end_line, end_column, printed, pending in packed:
        if fix is not None:
            edits, applicability, fix_message, encoding, newline = fix
            made_edits = tuple([Edit(*edit) for edit in edits])
            fix = Fix(made_edits, _APPLICABILITY[applicability], fix_message, encoding, newline)
        if pending is not None:
            pending = (code, *pending)
        severity = _SEVERITY[severity]
        made.append(
            Diagnostic(code, start, end, message, severity, fix, line, column, end_line, end_column, printed, pending)
        )
    return made


def kinds(packed: list[Packed]) -> list[tuple[str, str, str | None]]:
    """Each packed finding's code, severity and fix's applicability (None: no fix), as values."""
    return [(finding[0], finding[4], None if finding[5] is None else finding[5][1]) for finding in packed]


_SEVERITY = {severity.value: severity for severity in Severity}
_APPLICABILITY = {applicability.value: applicability for applicability in Applicability}


def fingerprint(code: str, text: str, start: int, end: int, line_start: int) -> str:
    """The baseline fingerprint of a finding of ``code`` at ``text[start:end]``
    on the line starting at ``line_start``: a hash of the code, the flagged
    text and up to FINGERPRINT_CONTEXT characters of the line either side."""
    before = text[max(line_start, start - FINGERPRINT_CONTEXT) : start]
    after = text[end : end + FINGERPRINT_CONTEXT].partition("\n")[0]
    return blake2b(f"{code}\0{before}\0{text[start:end]}\0{after}".encode(), digest_size=8).hexdigest()
