"""Code actions: a quick fix per finding, and comments that disable a rule.

The comments are the ones the CLI reads (see :mod:`wenlint.suppress`):
``<!-- wenlint-disable-next-line CODE -->`` on a line of its own above the
finding, or ``<!-- wenlint-disable CODE -->`` at the top of the file
(after Markdown front matter). A ``disable-next-line`` comment already above
the line gets the code added, since only the comment right above a line
covers it.
"""

from __future__ import annotations

import re

from lsprotocol import types

from wenlint.server.positions import units
from wenlint.server.text import TextBuffer
from wenlint.server.worker import Finding, FixEdits, Range

#: A disable-next-line comment standing alone on its line; group 1 ends where a code may be added.
_NEXT_LINE_COMMENT = re.compile(r"^\s*(<!--\s*wenlint-disable-next-line\b[^\n>]*?)\s*-->\s*$")
_FRONT_MATTER = re.compile(
    r"\A(?:---|\+\+\+)\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE
)
#: How a fix is labelled, by applicability.
_LABEL = {"safe": "", "unsafe": " (unsafe: may change the meaning)", "display-only": " (for review: edits non-prose)"}


def to_range(span: Range) -> types.Range:
    return types.Range(types.Position(span[0], span[1]), types.Position(span[2], span[3]))


def text_edits(edits: tuple[tuple[Range, str], ...] | list[tuple[Range, str]]) -> list[types.TextEdit]:
    return [types.TextEdit(to_range(span), content) for span, content in edits]


def workspace_edit(uri: str, version: int | None, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    """Edits of one document, refused by the client when the document has changed since ``version``."""
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(document, edits)])


def fix_title(finding: Finding, fix: FixEdits) -> str:
    """``M001: replace `,` with `，```, or the fix's own message, and what kind of fix it is."""
    if len(fix.edits) == 1 and fix.edits[0][1]:
        what = f"replace with `{fix.edits[0][1]}`"
    elif all(not content for _, content in fix.edits):
        what = "delete"
    else:
        what = "fix"
    return f"{finding.code}: {what}{_LABEL.get(fix.applicability, '')}"


def quick_fix(uri: str, version: int, finding: Finding, diagnostic: types.Diagnostic) -> types.CodeAction | None:
    """The quick fix of ``finding``, when it has one; safe fixes are preferred."""
    fix = finding.fix
    if fix is None:
        return None
    return types.CodeAction(
        title=fix_title(finding, fix),
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=fix.applicability == "safe",
        edit=workspace_edit(uri, version, text_edits(fix.edits)),
    )


def disable_for_line(uri: str, version: int, buffer: TextBuffer, code: str, line: int) -> types.CodeAction:
    """Insert the disable-next-line comment above ``line``, or add ``code`` to the one there."""
    above = buffer.line(line - 1) if line > 0 else ""
    existing = _NEXT_LINE_COMMENT.match(above.rstrip("\r\n"))
    if existing:
        at = types.Position(line - 1, units(above[: existing.end(1)], buffer.encoding))
        edit = types.TextEdit(types.Range(at, at), f" {code}")
    else:
        indent = re.match(r"[ \t]*", buffer.line(line))[0]
        at = types.Position(line, 0)
        edit = types.TextEdit(types.Range(at, at), f"{indent}<!-- wenlint-disable-next-line {code} -->{buffer.newline}")
    return types.CodeAction(
        title=f"Disable {code} for this line",
        kind=types.CodeActionKind.QuickFix,
        edit=workspace_edit(uri, version, [edit]),
    )


def disable_for_file(uri: str, version: int, buffer: TextBuffer, code: str) -> types.CodeAction:
    """Insert ``<!-- wenlint-disable CODE -->`` at the top, after any front matter."""
    comment = f"<!-- wenlint-disable {code} -->{buffer.newline}"
    front = _FRONT_MATTER.match(buffer.text)
    if front is None:
        at = types.Position(0, 0)
    elif front[0].endswith("\n"):
        at = types.Position(front[0].count("\n"), 0)
    else:  # nothing but front matter, without a final line break
        at = buffer.end()
        comment = buffer.newline + comment
    return types.CodeAction(
        title=f"Disable {code} for this file",
        kind=types.CodeActionKind.QuickFix,
        edit=workspace_edit(uri, version, [types.TextEdit(types.Range(at, at), comment)]),
    )
