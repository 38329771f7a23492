"""Code actions: a quick fix per finding, and the comments that disable its
rule, written by :func:`wenlint.suppress.disable_comment` in the worker."""

from __future__ import annotations

from lsprotocol import types

from wenlint.server.worker import Finding, FixEdits, Range

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


def disable(uri: str, version: int, finding: Finding, for_file: bool) -> types.CodeAction | None:
    """Insert the comment that switches the finding's rule off for its line (or the file)."""
    if finding.disable is None:
        return None
    span, text = finding.disable[for_file]
    return types.CodeAction(
        title=f"Disable {finding.code} for this {'file' if for_file else 'line'}",
        kind=types.CodeActionKind.QuickFix,
        edit=workspace_edit(uri, version, text_edits([(span, text)])),
    )
