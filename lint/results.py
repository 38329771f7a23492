"""What checking a document produces, in the shapes every front-end shares.

:class:`FileResult` is one file's result as ``check`` streams it (small
enough to send between processes); :func:`touched_lines` the lines its
findings touch, and :class:`SourceLines` those lines addressable by offset.
The JSON finding object of ``check --output-format json`` and ``scan`` is
built by :func:`finding_object` from :data:`FINDING_FIELDS`, the field list
that the Parquet schema of ``scan`` is generated from too.

The JSON finding object::

    {"code": "M001", "name": "halfwidth-punctuation", "message": "...",
     "severity": "warning", "filename": "a.txt",
     "location": {"line": 1, "column": 3}, "end_location": {"line": 1, "column": 4},
     "offset": 2, "end_offset": 3, "fingerprint": "…",
     "fix": null | {"applicability": "safe" | "unsafe" | "display-only", "message": "...",
                    "edits": [{"offset": 2, "end_offset": 3, "content": "，",
                               "location": {...}, "end_location": {...}}]}}

Lines and columns are 1-based and count characters (code points);
``end_location`` is the position just after the span. Offsets are
code-point offsets into the decoded text (BOM removed, CRLF read as LF).
``scan`` leaves out ``filename``, and by default writes the compact
finding of :func:`compact_finding_object` instead::

    {"code": "M001", "start": 2, "end": 3,
     "fix": {"applicability": "safe", "edits": [{"start": 2, "end": 3, "content": "，"}]}}

with ``fix`` null when the finding has none.

A file that could not be read, checked or written is reported by the
machine formats as one finding of the reserved code ``X002``
(``file-error``, like ruff's E902) at line 1, column 1, built by
:func:`file_error`; ``X001`` (``internal-error``) is a rule that crashed.
No rule may take either code.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from wenlint.diagnostic import INTERNAL_ERROR, Diagnostic, Edit, Severity, fingerprint, kinds, pack, unpack

if TYPE_CHECKING:
    from wenlint.document import Document

#: The code of the finding that stands for a file that could not be read, checked or written.
FILE_ERROR = "X002"
#: The names of the codes the engine and the reports reserve.
RESERVED_NAMES = {INTERNAL_ERROR: "internal-error", FILE_ERROR: "file-error"}

#: A field's type: a scalar ("string", "int32", "int64"), a struct (a field
#: list) or a list of structs (a field list inside a Python list).
FieldType = str | tuple | list

LOCATION_FIELDS: tuple[tuple[str, FieldType], ...] = (("line", "int32"), ("column", "int32"))
EDIT_FIELDS: tuple[tuple[str, FieldType], ...] = (
    ("offset", "int64"),
    ("end_offset", "int64"),
    ("content", "string"),
    ("location", LOCATION_FIELDS),
    ("end_location", LOCATION_FIELDS),
)
FIX_FIELDS: tuple[tuple[str, FieldType], ...] = (
    ("applicability", "string"),
    ("message", "string"),
    ("edits", [EDIT_FIELDS]),
)
#: The fields of the JSON finding object, in order.
FINDING_FIELDS: tuple[tuple[str, FieldType], ...] = (
    ("code", "string"),
    ("name", "string"),
    ("message", "string"),
    ("severity", "string"),
    ("filename", "string"),
    ("location", LOCATION_FIELDS),
    ("end_location", LOCATION_FIELDS),
    ("offset", "int64"),
    ("end_offset", "int64"),
    ("fingerprint", "string"),
    ("fix", FIX_FIELDS),
)
#: The compact finding of ``scan``'s default output: the span, and the fix when there is one.
COMPACT_EDIT_FIELDS: tuple[tuple[str, FieldType], ...] = (("start", "int64"), ("end", "int64"), ("content", "string"))
COMPACT_FIX_FIELDS: tuple[tuple[str, FieldType], ...] = (
    ("applicability", "string"),
    ("edits", [COMPACT_EDIT_FIELDS]),
)
COMPACT_FINDING_FIELDS: tuple[tuple[str, FieldType], ...] = (
    ("code", "string"),
    ("start", "int64"),
    ("end", "int64"),
    ("fix", COMPACT_FIX_FIELDS),
)


@dataclass
class FileResult:
    """What checking one file produced, small enough to send between processes.

    It is pickled with its findings packed (:func:`~wenlint.diagnostic.pack`),
    and unpickled so: its :attr:`diagnostics` are built when first read, and
    :meth:`kinds` reads the packed ones, so a run that only counts findings
    (``--statistics``) never builds them."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lines: dict[int, tuple[int, str]] = field(default_factory=dict)  # line -> (offset, text), lines findings touch
    fixed: Counter[str] = field(default_factory=Counter)
    error: str | None = None
    diff: str = ""
    changed: bool = False  # fixing changed the text (its diff, its fixed text, the file written)
    fixed_source: str | None = None  # for standard input under --fix
    converged: bool = True
    score: int | None = None  # the document's quality score (see wenlint.score), after any fixes
    signals: dict[str, float] | None = None  # the document's signals (wenlint.signals), when asked for
    chars: int = 0  # the length of the text scored, for a score again after a baseline hides findings

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        if "diagnostics" in state:
            state["_packed"] = pack(state.pop("diagnostics"))
        return state

    def __getattr__(self, name: str) -> Any:
        """The findings of a result unpickled, built when first read (only a missing attribute comes here)."""
        packed = self.__dict__.get("_packed")
        if name != "diagnostics" or packed is None:
            raise AttributeError(name)
        self.diagnostics = unpack(packed)
        del self._packed
        return self.diagnostics

    def keep_kinds(self) -> None:
        """Keep of the findings only their :meth:`kinds` (all a summary reads), not the findings."""
        self.__dict__["_kinds"] = self.kinds()
        self.__dict__.pop("diagnostics", None)
        self.__dict__.pop("_packed", None)

    def kinds(self) -> list[tuple[str, str, str | None]]:
        """The code, severity and fix's applicability (None: no fix) of each
        finding, as values; read from the packed findings when none are built or given."""
        if "_kinds" in self.__dict__:
            return self._kinds
        packed = None if "diagnostics" in self.__dict__ else self.__dict__.get("_packed")
        if packed is not None:
            return kinds(packed)
        return [
            (d.code, d.severity.value, None if d.fix is None else d.fix.applicability.value) for d in self.diagnostics
        ]


def file_error(path: str, message: str) -> FileResult:
    """The result of a file that could not be read, checked or written:
    one X002 error finding, at the start of the file, saying why."""
    diagnostic = Diagnostic(FILE_ERROR, 0, 0, message, Severity.ERROR, None, 1, 1, 1, 1)
    diagnostic.fingerprint = fingerprint(FILE_ERROR, message, 0, 0, 0)
    return FileResult(path, [diagnostic], {1: (0, "")}, error=message)


def touched_lines(doc: Document, diagnostics: list[Diagnostic]) -> dict[int, tuple[int, str]]:
    """line -> (offset, text) of every line a finding or its fix touches."""
    numbers: set[int] = set()
    for diagnostic in diagnostics:
        numbers.update(range(diagnostic.line, diagnostic.end_line + 1))
        if diagnostic.fix is not None:
            for edit in diagnostic.fix.edits:
                first, _ = doc.position(edit.start)
                last, _ = doc.position(edit.end)
                numbers.update(range(first, last + 1))
    return {n: (doc.line_starts[n - 1], doc.line_text(n)) for n in sorted(numbers)}


def plural(count: int, noun: str) -> str:
    """``1 finding``, ``2 findings``: a count for people to read."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def display_name(path: str) -> str:
    """``path`` as it can be printed: bytes that are not UTF-8 in a file
    name (kept by Python as lone surrogates) are shown as ``\\xff``."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


#: Characters a printed name shows escaped: controls (C0, DEL, C1: terminal
#: escape sequences, line breaks), format characters (bidi overrides,
#: zero-width ones), line and paragraph separators, and lone surrogates.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_controls(text: str) -> str:
    """``text`` safe to print on a terminal as one line: each character
    that could move the cursor, restyle or retitle the terminal, reorder
    the line or break it is shown as an escape (``\\n``, ``\\x1b``,
    ``\\u202e``; a byte that is not UTF-8 as ``\\xff``). For human-readable
    output only: machine formats keep the real name."""
    if text.isprintable():
        return text
    return "".join(_escape(ch) if unicodedata.category(ch) in _HIDDEN_CATEGORIES else ch for ch in text)


def _escape(ch: str) -> str:
    if ch in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8, as display_name shows it
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


class SourceLines:
    """The lines of one file that its findings touch, addressable by offset."""

    def __init__(self, lines: dict[int, tuple[int, str]]) -> None:
        self.lines = lines
        self._numbers = sorted(lines)
        self._starts = [lines[n][0] for n in self._numbers]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset inside a touched line."""
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        number = self._numbers[index]
        return number, offset - self.lines[number][0] + 1

    def slice(self, start: int, end: int) -> str:
        """Text between two offsets, across touched lines."""
        pieces = []
        index = max(0, bisect.bisect_right(self._starts, start) - 1)
        line_start, text = self.lines[self._numbers[index]]
        if line_start <= start and end <= line_start + len(text):  # within one line, as a fix's context mostly is
            return text[start - line_start : end - line_start]
        for number in self._numbers[index:]:
            line_start, text = self.lines[number]
            if line_start > end:
                break
            pieces.append(text[max(0, start - line_start) : max(0, end - line_start)])
            if end > line_start + len(text):
                pieces.append("\n")
        return "".join(pieces)[: end - start]


def _location(line: int, column: int) -> dict[str, int]:
    return dict(zip((name for name, _ in LOCATION_FIELDS), (line, column)))


def _edit_object(edit: Edit, source: SourceLines) -> dict[str, Any]:
    values = {
        "offset": edit.start,
        "end_offset": edit.end,
        "content": edit.content,
        "location": _location(*source.position(edit.start)),
        "end_location": _location(*source.position(edit.end)),
    }
    return {name: values[name] for name, _ in EDIT_FIELDS}


def compact_finding_object(diagnostic: Diagnostic) -> dict[str, Any]:
    """The compact finding of ``diagnostic``: code, code-point span, and its fix (None when it has none)."""
    values: dict[str, Any] = {"code": diagnostic.code, "start": diagnostic.start, "end": diagnostic.end, "fix": None}
    fix = diagnostic.fix
    if fix is not None:
        edits = [{"start": edit.start, "end": edit.end, "content": edit.content} for edit in fix.edits]
        values["fix"] = {"applicability": fix.applicability.value, "edits": edits}
    return values


def finding_object(diagnostic: Diagnostic, name: str, source: SourceLines, filename: str | None) -> dict[str, Any]:
    """The JSON finding object of ``diagnostic`` (without ``filename`` when None)."""
    fix = diagnostic.fix
    values: dict[str, Any] = {
        "code": diagnostic.code,
        "name": name,
        "message": diagnostic.message,
        "severity": diagnostic.severity.value,
        "filename": filename,
        "location": _location(diagnostic.line, diagnostic.column),
        "end_location": _location(diagnostic.end_line, diagnostic.end_column),
        "offset": diagnostic.start,
        "end_offset": diagnostic.end,
        "fingerprint": diagnostic.fingerprint,
        "fix": None,
    }
    if fix is not None:
        fixed = {
            "applicability": fix.applicability.value,
            "message": fix.message,
            "edits": [_edit_object(edit, source) for edit in fix.edits],
        }
        values["fix"] = {key: fixed[key] for key, _ in FIX_FIELDS}
    return {key: values[key] for key, _ in FINDING_FIELDS if key != "filename" or filename is not None}
