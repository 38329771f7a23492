"""Whether an edit would change how Markdown reads the lines it touches.

A safe fix may edit prose and still reshape the document: full-width digits
made ASCII at the start of a line (`１２３.` becomes the ordered-list item
`123.`), a zero-width space removed before `<!--` (an HTML block), a form
feed turned into a line break before `## ` (a heading). The engine asks
:func:`changes_blocks` of every safe fix in a Markdown document and leaves
one that does for review. A line's *openers* are the block markers it starts
with, container markers (quotes, list items) followed into what they hold,
and so is an indentation: in an admonition's body or a list item's
continuation, what follows it is Markdown, not code.

Within a line, a fix can reshape the text too: a zero-width space removed
between two code spans (`` `a`\u200b`b` ``) joins their backticks into one
run of two, and the two spans become one. :func:`joins_delimiters` tells
such a fix.
"""

from __future__ import annotations

import regex

from wenlint.diagnostic import Fix

#: What a line (or what a container marker leaves of it) starts with.
_OPENER = regex.compile(
    r"(?P<indented> {4}|\t)"
    r"|(?P<quote> {0,3}>[ \t]?)"
    r"|(?P<bullet> {0,3}[-+*](?:[ \t]+|$))"
    r"|(?P<ordered> {0,3}[0-9]{1,9}[.)](?:[ \t]+|$))"
    r"|(?P<heading> {0,3}#{1,6}(?:[ \t]|$))"
    r"|(?P<fence> {0,3}(?:`{3,}|~{3,}))"
    r"|(?P<html> {0,3}<[A-Za-z!?/])"
    r"|(?P<underline> {0,3}(?:=+|-+)[ \t]*$)"
    r"|(?P<other> {0,3}(?:\||:[ \t]|!!!|\$\$|\[\^?[^\]\n]*\]:))"
)
#: Containers followed into what they hold, at most this deep.
MAX_DEPTH = 4
_LINE_BREAK = regex.compile(r"\r\n|\r|\n")
#: A line break (a lone CR too), searched for forwards and backwards: each search stops at the nearest.
_BREAK = regex.compile(r"[\r\n]")
_BREAK_BEFORE = regex.compile(r"[\r\n]", regex.REVERSE)


def openers(line: str) -> tuple[str, ...]:
    """The block markers ``line`` starts with (``()`` for a line of text, ``("blank",)`` for an empty one)."""
    found: list[str] = []
    rest = line
    for _ in range(MAX_DEPTH):
        if not rest.strip():
            found.append("blank")
            break
        match = _OPENER.match(rest)
        if match is None:
            break
        found.append(match.lastgroup)
        if match.lastgroup not in ("indented", "quote", "bullet", "ordered"):
            break
        rest = rest[match.end() :]
    return tuple(found)


def changes_blocks(text: str, fix: Fix) -> bool:
    """Whether applying ``fix`` to ``text`` changes the openers of a line it touches, or their number."""
    for edit in fix.edits:
        # (not ``rfind``/``find`` of each break: one with no CR in the text would scan all of it, per fix)
        before_break, after_break = _BREAK_BEFORE.search(text, 0, edit.start), _BREAK.search(text, edit.end)
        start = before_break.end() if before_break else 0
        end = after_break.start() if after_break else len(text)
        before = _LINE_BREAK.split(text[start:end])
        after = _LINE_BREAK.split(text[start : edit.start] + edit.content + text[edit.end : end])
        if list(map(openers, before)) != list(map(openers, after)):
            return True
    return False


#: Inline delimiters two of which side by side are one run, read differently from two.
_DELIMITERS = frozenset("`*_~")


def joins_delimiters(text: str, fix: Fix) -> bool:
    """Whether applying ``fix`` to ``text`` puts, where an edit meets the
    text it keeps, two equal inline delimiters side by side (`` ` `` ``*``
    ``_`` ``~``) where they were not. (A backslash and what follows it are
    syntax in the prose map, so no safe fix edits next to one.)"""
    for edit in fix.edits:
        before, after = text[edit.start - 1 : edit.start], text[edit.end : edit.end + 1]
        old_first, old_last = text[edit.start : edit.start + 1] or after, text[edit.end - 1 : edit.end] or before
        new_first, new_last = edit.content[:1] or after, edit.content[-1:] or before
        if new_first != old_first and before == new_first in _DELIMITERS:
            return True
        if new_last != old_last and new_last == after in _DELIMITERS:
            return True
    return False
