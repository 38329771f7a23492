"""The line rule kind: boilerplate lines of a scraped page, deleted whole.

A line rule declares where it may flag (its :class:`ZonePolicy`: which
zones of the page, see :mod:`wenlint.zones`, and in which of them deleting
the line is safe), which lines it looks at (:meth:`LineRule.candidates`:
by default every line of those zones) and a predicate,
:meth:`LineRule.judge`, that says what a line is, or ``None``. The kind
does the rest once for every such rule: lines starting in verbatim text
(Markdown code, a URL, an address) are left alone, the finding covers the
line's text, and its fix deletes the line with the blank lines beside it,
safe or unsafe by the zone policy::

    class ReadMore(LineRule):
        code = "Z201"
        name = "read-more"
        summary = "A `read more` button left as a line"
        flags = "A line holding `阅读全文`, in the head or tail."
        zone_policy = EDGES  # head and tail only, where the fix is safe
        requires = ("阅读全文",)

        def judge(self, doc, line):
            return "read-more button" if "阅读全文" in line.text else None
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from wenlint.diagnostic import Diagnostic, Fix, FixAvailability
from wenlint.document import Document
from wenlint.rule import Rule
from wenlint.zones import Zone


@dataclass(frozen=True)
class ZonePolicy:
    """The zones a line rule may flag in, and those where its fix is safe."""

    flags: frozenset[Zone]
    safe: frozenset[Zone]

    @property
    def fix(self) -> FixAvailability:
        """What the policy makes of a rule's fix: safe everywhere it flags,
        nowhere, or in some zones."""
        if self.flags <= self.safe:
            return FixAvailability.SAFE
        return FixAvailability.SOMETIMES if self.flags & self.safe else FixAvailability.UNSAFE


def indent(line: str) -> int:
    """How many blanks a line starts with."""
    return len(line) - len(line.lstrip())


_EDGES = frozenset({Zone.HEAD, Zone.TAIL})
#: Any zone; safe in the head and tail, where boilerplate words are strong
#: evidence, unsafe in the body, where they are usually prose.
ANYWHERE = ZonePolicy(frozenset(Zone), _EDGES)
#: The head and the tail only, always safe.
EDGES = ZonePolicy(_EDGES, _EDGES)
#: The head only (titles), always safe.
HEAD = ZonePolicy(frozenset({Zone.HEAD}), frozenset({Zone.HEAD}))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A line a rule looks at: its 0-based ``index``, its zone, its text as
    the rule reads it (stripped; a rule may read a normalised text of the
    same length), where that text starts in ``doc.text``, and what
    :meth:`LineRule.candidates` found in it."""

    index: int
    zone: Zone
    start: int
    text: str
    hits: tuple[Any, ...] = ()

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def edge(self) -> bool:
        """Whether the line is in the head or the tail."""
        return self.zone is not Zone.BODY


class LineRule(Rule):
    """A rule that flags whole lines and deletes them (see the module)."""

    zone_policy: ClassVar[ZonePolicy] = ANYWHERE
    #: The text must hold one of these strings, or no line is judged (empty: always).
    requires: ClassVar[tuple[str, ...]] = ()
    #: What the message tells to do, after what :meth:`judge` says the line is.
    action: ClassVar[str] = "delete the line"
    #: A line rule judges a line by where it starts (see :meth:`starts_verbatim`),
    #: so a footer holding a URL is still a footer.
    skip_verbatim = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.fix = cls.zone_policy.fix

    def candidates(self, doc: Document) -> Iterable[Candidate]:
        """The lines to judge, in order: by default every line of the zones
        the rule may flag in."""
        zones = doc.zones
        for index in range(len(doc.line_starts)):
            zone = zones.zone(index)
            if zone in self.zone_policy.flags:
                raw = zones.text(index)
                yield Candidate(index, zone, doc.line_starts[index] + indent(raw), raw.strip())

    def judge(self, doc: Document, line: Candidate) -> str | Diagnostic | None:  # pragma: no cover - abstract
        """What the line is (`breadcrumb navigation line`), making a finding
        that deletes it; ``None`` to leave it; or the rule's own finding, when
        it should fix something other than the whole line."""
        raise NotImplementedError

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if self.requires and not any(needle in doc.text for needle in self.requires):
            return
        for line in self.candidates(doc):
            if not line.text or line.zone not in self.zone_policy.flags or self.starts_verbatim(doc, line.index):
                continue
            verdict = self.judge(doc, line)
            if isinstance(verdict, str):
                yield self.line_finding(doc, line.index, f"{verdict}; {self.action}")
            elif verdict is not None:
                yield verdict

    @staticmethod
    def starts_verbatim(doc: Document, index: int) -> bool:
        """Whether line ``index`` starts in Markdown code, a URL or an address."""
        if not doc.verbatim:
            return False
        line = doc.line(index + 1)
        return doc.is_verbatim(line.start + indent(doc.text[line.start : line.end]))

    def line_finding(self, doc: Document, index: int, message: str) -> Diagnostic:
        """A finding on the text of line ``index``, fixed by deleting the line
        (see ``Zones.removal_span``), safe where the zone policy says so."""
        line = doc.line(index + 1)
        text = doc.text[line.start : line.end]
        start = line.start + indent(text)
        end = line.start + len(text.rstrip())
        zones = doc.zones
        remove_start, remove_end = zones.removal_span(index)
        safe = zones.zone(index) in self.zone_policy.safe
        return self.diagnostic(
            start, end, message, Fix.replace(remove_start, remove_end, "", safe=safe, message="delete the line")
        )
