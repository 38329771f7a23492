"""The pattern rule kind: a rule declared by a regular expression.

A pattern rule names what it looks for and says what a match means; the
kind runs it. The class declares the expression (``pattern``, or several
with their own messages in ``patterns``), an optional cheap pre-check
(``requires``: the text must hold one of these strings before any
expression runs; ``requires_match``: a match of this ``re`` expression), a ``message`` template, and optionally a fix (a
``replacement`` template, applied to the match or to its group
``fix_group``; safe or not by the rule's ``fix`` availability). Judgement
goes in the hooks: :meth:`PatternRule.keep` decides whether a match is a
finding, :meth:`PatternRule.fields` adds values for the templates::

    class Laughter(PatternRule):
        code = "Z101"
        name = "laughter"
        summary = "Laughter in a formal document"
        flags = "`哈哈` and longer runs."
        pattern = r"哈{2,}"
        requires = ("哈哈",)
        message = "`{0}` in a formal document"
        replacement = ""
        fix = FixAvailability.UNSAFE

Templates are :meth:`str.format` strings: ``{0}`` is the match, ``{1}``…
its groups (``""`` when a group took no part), named groups by name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar

import regex

from wenlint.diagnostic import Diagnostic, Fix, FixAvailability
from wenlint.document import Document
from wenlint.rule import Rule


class PatternRule(Rule):
    """A rule whose findings are the kept matches of its expressions."""

    #: The expression (the ``regex`` module's syntax; flags inline, as ``(?m)``).
    pattern: ClassVar[str] = ""
    #: Several expressions, each with its own message template: ``{expression: message}``.
    patterns: ClassVar[Mapping[str, str]] = {}
    #: The text must hold one of these strings, or no expression runs (empty: always run).
    requires: ClassVar[tuple[str, ...]] = ()
    #: The text must hold a match of this ``re`` expression, or no expression
    #: runs: a cheap test of what every finding holds (a class of characters,
    #: say, of the Basic Multilingual Plane), which plain ``re`` looks for
    #: several times as fast as the ``regex`` module searches (empty: always run).
    requires_match: ClassVar[str] = ""
    #: What a finding says (a template); ``patterns`` give their own.
    message: ClassVar[str] = ""
    #: The fix's new text (a template), or None for no fix.
    replacement: ClassVar[str | None] = None
    #: The group (number or name) the replacement takes the place of: 0, the whole match.
    fix_group: ClassVar[int | str] = 0
    #: The fix's description (a template).
    fix_message: ClassVar[str] = ""
    _compiled: ClassVar[tuple[tuple[regex.Pattern, str], ...]] = ()
    _required_match: ClassVar[re.Pattern | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "pattern" in vars(cls) or "patterns" in vars(cls):
            declared = {cls.pattern: cls.message} if cls.pattern else dict(cls.patterns)
            cls._compiled = tuple((regex.compile(expression), message) for expression, message in declared.items())
        if "requires_match" in vars(cls):
            cls._required_match = re.compile(cls.requires_match) if cls.requires_match else None

    def keep(self, doc: Document, match: regex.Match) -> bool:
        """Whether ``match`` is a finding (the hook for judgement)."""
        return True

    def fields(self, doc: Document, match: regex.Match) -> dict[str, Any]:
        """More values for the templates, beyond the match and its groups."""
        return {}

    def fix_is_safe(self, doc: Document, match: regex.Match) -> bool:
        """Whether the fix of ``match`` is safe; by default, as ``fix`` declares."""
        return self.fix is not FixAvailability.UNSAFE

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        if self.requires and not any(needle in text for needle in self.requires):
            return []
        if self._required_match and not self._required_match.search(text):
            return []
        found = []
        for expression, message in self._compiled:
            for match in expression.finditer(text):
                if self.keep(doc, match):
                    found.append(self._finding(doc, match, message))
        return found

    def _finding(self, doc: Document, match: regex.Match, message: str) -> Diagnostic:
        values = (match[0], *match.groups(""))
        named = {**match.groupdict(""), **self.fields(doc, match)}
        fix = None
        if self.replacement is not None:
            start, end = match.span(self.fix_group)
            fix = Fix.replace(
                start,
                end,
                self.replacement.format(*values, **named),
                safe=self.fix_is_safe(doc, match),
                message=self.fix_message.format(*values, **named),
            )
        return self.diagnostic(match.start(), match.end(), message.format(*values, **named), fix)
