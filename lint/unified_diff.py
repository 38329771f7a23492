"""The unified diff ``check --diff`` prints of what fixing a file would change."""

from __future__ import annotations

import difflib
import os
from typing import TYPE_CHECKING

from wenlint.decode import label
from wenlint.results import escape_controls

if TYPE_CHECKING:
    from wenlint.document import Document

#: How a unified diff marks a line that ends without a line break.
NO_NEWLINE = "\n\\ No newline at end of file\n"


def _describe(doc: Document) -> str:
    """``GB18030, CRLF``: how a document is written."""
    bom = " with BOM" if doc.bom else ""
    breaks = "CRLF" if doc.newline == "\r\n" else "LF"
    mixed = ", mixed line breaks" if doc.mixed_newline_at is not None else ""
    return f"{label(doc.encoding)}{bom}, {breaks}{mixed}"


def unified_diff(name: str, before: Document, after: Document) -> str:
    """The unified diff of the text; when the encoding or line breaks change,
    the header lines say how (``--- a/x.txt<TAB>(GB18030, LF)``) even if no line does.
    Control characters in ``name`` are escaped, so a header stays one line.
    A path under the current directory is named relative to it, so that
    ``git apply`` takes the patch (``./x.txt`` is ``x.txt``).
    Lines end as in the file (CRLF stays CRLF when the style is kept), and
    a last line without a line break is marked as ``diff`` and ``git apply``
    expect (``\\ No newline at end of file``)."""
    name = escape_controls(_patch_path(name))
    dates = ("", "")
    if before.layout != after.layout:
        dates = (f"({_describe(before)})", f"({_describe(after)})")
    newline = before.newline if before.newline == after.newline else "\n"
    diff = "".join(
        line if line.endswith("\n") else line + NO_NEWLINE
        for line in difflib.unified_diff(
            _lines(before.text, newline),
            _lines(after.text, newline),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
            fromfiledate=dates[0],
            tofiledate=dates[1],
        )
    )
    if not diff and dates[0]:
        diff = f"--- a/{name}\t{dates[0]}\n+++ b/{name}\t{dates[1]}\n"
    return diff


def _patch_path(name: str) -> str:
    """``name`` relative to the current directory when it lies under it, else normalised."""
    relative = os.path.relpath(name) if os.path.isabs(name) else os.path.normpath(name)
    return relative if not relative.startswith("..") else os.path.normpath(name)


def _lines(text: str, newline: str) -> list[str]:
    """The lines of ``text``, split at line feeds only (``git`` keeps a form
    feed or U+2028 inside a line), each ending with ``newline`` but the last
    when the text does not end with a break."""
    lines = [line + newline for line in text.split("\n")]
    lines[-1] = lines[-1][: -len(newline)]
    return lines if lines[-1] else lines[:-1]
