"""The Rule base class: metadata, options and the ``check`` hook."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

import regex

from wenlint.diagnostic import Diagnostic, Fix, FixAvailability, Severity
from wenlint.document import Document

if TYPE_CHECKING:
    from wenlint.suppress import Usage

CODE_PATTERN = regex.compile(r"[A-Z][0-9]{3}")
FAMILIES = {
    "E": "encoding",
    "S": "spam",
    "M": "mixed-script",
    "P": "placeholder",
    "T": "typo",
    "L": "layout",
    "D": "document",
    "X": "wenlint",
}


@dataclass(frozen=True)
class Example:
    """A documented example. A bad one must be flagged by its rule; when
    ``fixed`` is given, fixing ``text`` (unsafe fixes included) must give it."""

    text: str
    fixed: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    path: str = "example.txt"


@dataclass(frozen=True)
class Option:
    """A per-rule setting, read from ``[tool.wenlint.rules.CODE]``."""

    default: Any
    help: str
    choices: tuple[Any, ...] = ()

    def validate(self, name: str, value: Any) -> Any:
        if type(value) is not type(self.default):
            raise ValueError(f"option {name!r} must be {type(self.default).__name__}, not {value!r}")
        if self.choices and value not in self.choices:
            allowed = ", ".join(map(repr, self.choices))
            raise ValueError(f"option {name!r} must be one of {allowed}, not {value!r}")
        return value


class Rule:
    """Base class of every rule.

    A subclass sets the metadata below and implements :meth:`check`, which
    yields Diagnostics (usually through :meth:`diagnostic`). Rules never
    print and never change the document. Options declared in ``options``
    arrive, validated, in ``self.settings``.

    The engine holds every rule to this, so a rule need not check it: a
    fix that edits what is not prose (Markdown syntax, code, HTML, URLs…)
    is made display-only (shown, never applied by ``--fix``) when it was
    safe and dropped when it was unsafe; a rule
    that raises (SystemExit too), reports a span outside the text or
    proposes an invalid fix (an edit outside the text or reversed, two
    edits of one fix overlapping) gives one ``X001`` finding for the
    document instead of its findings.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    #: One line: what a finding means.
    summary: ClassVar[str]
    #: The documentation's fixed parts (Markdown-ish plain text, indented as
    #: the source has it): what the rule flags, why it matters, what it
    #: leaves alone, and what its fix may and may not change.
    flags: ClassVar[str]
    why: ClassVar[str] = ""
    leaves_alone: ClassVar[str] = ""
    fix_safety: ClassVar[str] = ""
    bad: ClassVar[tuple[Example, ...]] = ()
    good: ClassVar[tuple[Example, ...]] = ()
    fix: ClassVar[FixAvailability] = FixAvailability.NONE
    severity: ClassVar[Severity] = Severity.WARNING
    default_enabled: ClassVar[bool] = True
    #: Off by default until a judged sample on real text shows precision ≥ 0.9
    #: (``bench/judged/CODE.jsonl``); runs with ``--preview`` (see wenlint.registry).
    preview: ClassVar[bool] = False
    options: ClassVar[dict[str, Option]] = {}
    #: Whether a finding rests on evidence elsewhere in the text (a sequence
    #: of page numbers, a neighbouring doubled heading) that fixing the other
    #: findings removes. ``check --fix`` sees the evidence in its first pass;
    #: ``wenlint review``, which checks again after each accepted fix, keeps
    #: such a finding until its own text changes.
    sibling_evidence: ClassVar[bool] = False
    #: The engine drops findings that touch verbatim text (code, HTML, URLs,
    #: e-mail addresses, front matter: ``Document.verbatim``) or lie wholly
    #: in syntax (Markdown markers, table gaps: see ``wenlint.prose``); a rule
    #: that judges such text itself sets this to False. Whatever it says, a
    #: fix that edits what is not prose is never safe (see ``engine.lint``).
    skip_verbatim: ClassVar[bool] = True
    #: The engine runs the rule only on documents holding a Chinese
    #: character; a rule that also judges other text sets this to False.
    needs_han: ClassVar[bool] = True
    #: Whether a finding judges the whole document (a truncated text) rather
    #: than a stretch of it: the score counts it once, not per character.
    document_level: ClassVar[bool] = False
    #: False when the configuration makes the rule unfixable (``unfixable``):
    #: the engine then makes its fixes display-only, shown but never applied.
    fixes_applied: bool = True

    def __init__(self, **settings: Any) -> None:
        unknown = set(settings) - set(self.options)
        if unknown:
            raise ValueError(f"{self.code} has no option {sorted(unknown)[0]!r}")
        self.settings = {key: option.default for key, option in self.options.items()}
        for key, value in settings.items():
            self.settings[key] = self.options[key].validate(key, value)

    @classmethod
    def family(cls) -> str:
        return FAMILIES.get(cls.code[0], "other")

    def check(self, doc: Document) -> Iterator[Diagnostic]:  # pragma: no cover - abstract
        raise NotImplementedError

    def review_suppressions(self, doc: Document, usage: Usage, ran: frozenset[str]) -> Iterable[Diagnostic]:
        """Findings about ``doc``'s suppression comments, once every rule has
        run and the comments have dropped what they cover: ``usage`` says
        which comment suppressed what, ``ran`` holds the codes of the rules
        that ran. Only a rule about the comments themselves has any."""
        return ()

    def diagnostic(self, start: int, end: int, message: str, fix: Fix | None = None) -> Diagnostic:
        """A Diagnostic of this rule's code and severity."""
        return Diagnostic(self.code, start, end, message, self.severity, fix)
