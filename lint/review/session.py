"""The state of an interactive review: documents, their findings, and the
decisions taken on them, with undo. No user interface here.

Files are opened through the document pipeline (:func:`open_file`), and
every change goes through the fixer of ``wenlint check --fix``
(:func:`wenlint.engine.fix_pass`) and is followed by a fresh lint, so the
findings always describe the current text.
Nothing touches the disk until :meth:`Session.save`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from wenlint import engine, pipeline
from wenlint.config import Settings
from wenlint.diagnostic import Diagnostic, Edit, Fix
from wenlint.document import Document
from wenlint.errors import WenlintError
from wenlint.results import display_name
from wenlint.review.checker import Checker
from wenlint.storage import write_document

#: A finding is known by its rule and span, which survive relinting.
Key = tuple[str, int, int]


def key(diagnostic: Diagnostic) -> Key:
    """How a finding is recognised again after its document is relinted."""
    return diagnostic.code, diagnostic.start, diagnostic.end


@dataclass(frozen=True)
class FileState:
    """One document at one moment of the review. Immutable, so undo is a swap."""

    doc: Document
    diagnostics: tuple[Diagnostic, ...]
    skipped: frozenset[Key] = frozenset()
    fixed: Counter[str] = field(default_factory=Counter)

    def is_skipped(self, diagnostic: Diagnostic) -> bool:
        return bool(self.skipped) and key(diagnostic) in self.skipped

    @property
    def pending(self) -> list[Diagnostic]:
        """Findings neither fixed nor skipped."""
        if not self.skipped:
            return list(self.diagnostics)
        return [d for d in self.diagnostics if key(d) not in self.skipped]


@dataclass
class ReviewFile:
    """A file under review: where it came from, what it was, what it is now."""

    path: str
    checker: Checker
    initial: FileState
    state: FileState
    saved: Document  # what the file on disk holds

    @property
    def name(self) -> str:
        """The path as it can be shown (see :func:`wenlint.results.display_name`)."""
        return self.initial.doc.path

    @property
    def unsaved(self) -> bool:
        doc, saved = self.state.doc, self.saved
        return (doc.text, doc.layout) != (saved.text, saved.layout)

    @property
    def score_before(self) -> int:
        return pipeline.score_of(self.initial.doc, self.initial.diagnostics, self.checker.rules)

    @property
    def score_now(self) -> int:
        return pipeline.score_of(self.state.doc, self.state.diagnostics, self.checker.rules)


class ReviewError(WenlintError):
    """A decision that cannot be taken (no fix, nothing changes, …)."""


def load(doc: Document, checker: Checker) -> FileState:
    """The first state of a document: its findings."""
    return FileState(doc, tuple(checker(doc)))


def open_file(path: str, settings: Settings) -> tuple[Document, Checker, FileState]:
    """Read ``path`` through the pipeline, with its rules and first state.
    Raises :class:`wenlint.decode.InputError`."""
    name = display_name(path)
    doc = pipeline.load(path, settings, name)
    checker = Checker(pipeline.rules_for(settings, name))
    return doc, checker, load(doc, checker)


def accepted(state: FileState, checker: Checker, diagnostic: Diagnostic, replacement: str | None = None) -> FileState:
    """``state`` after applying ``diagnostic``'s fix, its single replacement
    text changed to ``replacement`` when given."""
    fix = diagnostic.fix
    if fix is None:
        raise ReviewError(f"{diagnostic.code} has no fix to accept")
    if replacement is not None:
        if not editable(diagnostic):
            raise ReviewError("only a fix that replaces one span can be edited")
        (edit,) = fix.edits
        fix = replace(fix, edits=(Edit(edit.start, edit.end, replacement),))
    return _apply(state, checker, [fix], diagnostic.code)


def accepted_rule(state: FileState, checker: Checker, code: str) -> FileState:
    """``state`` after applying every pending fix of rule ``code``, pass after
    pass as ``check --fix`` does, until none is left."""
    start = state
    for _ in range(engine.MAX_FIX_PASSES):
        chosen = [d.fix for d in state.pending if d.code == code and d.fix is not None]
        if not chosen:
            break
        try:
            state = _apply(state, checker, chosen, code)
        except ReviewError:
            break
    if state is start:
        raise ReviewError(f"no {code} fix to accept in this file")
    return state


def _apply(state: FileState, checker: Checker, fixes: list[Fix], code: str) -> FileState:
    """``state`` after the fixer applies ``fixes`` (all of rule ``code``) and relints."""
    doc, applied = engine.fix_pass(state.doc, fixes)
    taken = [fixes[i] for i in applied]
    if doc is None:
        raise ReviewError("the fix changes nothing")
    edits = sorted((e for f in taken for e in f.edits), key=lambda e: e.start)
    skipped = frozenset(k for k in (_shifted_key(k, edits) for k in state.skipped) if k)
    fixed = state.fixed + Counter({code: len(taken)})
    return FileState(doc, _relinted(state, doc, checker, edits), skipped, fixed)


def _relinted(state: FileState, doc: Document, checker: Checker, edits: list[Edit]) -> tuple[Diagnostic, ...]:
    """The findings of ``doc``; but a finding of a rule with ``sibling_evidence``
    that the edits left untouched stays as it was, even where a fresh check,
    short of the evidence the fixes took, sees nothing or something else."""
    carried = {}
    for old in state.diagnostics:
        if old.code in checker.keeps and (moved := _moved(old, edits)):
            engine.resolve(doc, moved)
            carried[key(moved)] = moved
    found = checker(doc)  # in text order
    if carried:
        found = [d for d in found if key(d) not in carried] + list(carried.values())
        found.sort(key=engine.in_text_order)
    return tuple(found)


def _moved(d: Diagnostic, edits: list[Edit]) -> Diagnostic | None:
    """``d`` with its span and fix moved past ``edits``; None when they touch it."""
    span = shifted(d.start, d.end, edits)
    if span is None:
        return None
    fix = d.fix
    if fix is not None:
        moved = [shifted(e.start, e.end, edits) for e in fix.edits]
        if None in moved:
            return None
        fix = replace(fix, edits=tuple(Edit(*where, e.content) for where, e in zip(moved, fix.edits)))
    return replace(d, start=span[0], end=span[1], fix=fix)


def _shifted_key(k: Key, edits: list[Edit]) -> Key | None:
    span = shifted(k[1], k[2], edits)
    return (k[0], *span) if span else None


def shifted(start: int, end: int, edits: list[Edit]) -> tuple[int, int] | None:
    """The span ``start:end`` after ``edits`` (sorted, disjoint); None when
    an edit touched it."""
    delta = 0
    for edit in edits:
        if edit.end < start or (edit.end == start and edit.start < edit.end):
            delta += len(edit.content) - (edit.end - edit.start)
        elif not (edit.start > end or (edit.start == end and start < end)):
            return None
    return start + delta, end + delta


def skipped(state: FileState, diagnostic: Diagnostic) -> FileState:
    """``state`` with ``diagnostic`` marked as seen and left as it is."""
    return replace(state, skipped=state.skipped | {key(diagnostic)})


def editable(diagnostic: Diagnostic) -> bool:
    """Whether the fix's replacement text can be edited before accepting:
    one edit of the text, not a change of encoding or line breaks."""
    fix = diagnostic.fix
    return fix is not None and len(fix.edits) == 1 and fix.encoding is None and fix.newline is None


@dataclass
class Step:
    """One undoable decision: the file it changed, its state before, and the
    finding it was taken on (where the cursor goes back to on undo)."""

    file: int
    before: FileState
    label: str
    finding: Diagnostic | None = None


@dataclass
class Session:
    """Every file under review, and the history of decisions."""

    files: list[ReviewFile] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, reason) of unreadable inputs
    history: list[Step] = field(default_factory=list)

    def add(self, path: str, doc: Document, checker: Checker, state: FileState | None = None) -> ReviewFile:
        """Start reviewing ``doc``; ``state`` when already linted (off the UI thread)."""
        state = state or load(doc, checker)
        item = ReviewFile(path, checker, state, state, doc)
        self.files.append(item)
        return item

    def commit(self, index: int, state: FileState, label: str, finding: Diagnostic | None = None) -> None:
        """Make ``state`` the current state of file ``index``, undoably."""
        item = self.files[index]
        self.history.append(Step(index, item.state, label, finding))
        item.state = state

    def undo(self) -> Step | None:
        """Take back the last decision; the step undone, or None."""
        if not self.history:
            return None
        step = self.history.pop()
        self.files[step.file].state = step.before
        return step

    # Synchronous forms of the decisions, for callers without a UI thread.
    def accept(self, index: int, diagnostic: Diagnostic, replacement: str | None = None) -> None:
        item = self.files[index]
        self.commit(
            index, accepted(item.state, item.checker, diagnostic, replacement), f"accept {diagnostic.code}", diagnostic
        )

    def accept_rule(self, index: int, code: str) -> None:
        item = self.files[index]
        self.commit(index, accepted_rule(item.state, item.checker, code), f"accept all {code}")

    def skip(self, index: int, diagnostic: Diagnostic) -> None:
        self.commit(index, skipped(self.files[index].state, diagnostic), f"skip {diagnostic.code}", diagnostic)

    @property
    def unsaved(self) -> list[ReviewFile]:
        return [item for item in self.files if item.unsaved]

    def save(self) -> list[tuple[str, str]]:
        """Write every changed file atomically; (path, reason) of those that failed."""
        failed = []
        for item in self.unsaved:
            reason = write_document(item.path, item.state.doc)
            if reason:
                failed.append((item.name, reason))
            else:
                item.saved = item.state.doc
        return failed

    def tally(self) -> Tally:
        return Tally.of(self.files)


@dataclass
class Tally:
    """What the review has done so far, per rule: found, fixed, skipped, left."""

    found: Counter[str] = field(default_factory=Counter)
    fixed: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    left: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, files: Iterable[ReviewFile]) -> Tally:
        tally = cls()
        for item in files:
            state = item.state
            tally.found.update(d.code for d in item.initial.diagnostics)
            tally.fixed.update(state.fixed)
            for d in state.diagnostics:
                (tally.skipped if state.is_skipped(d) else tally.left)[d.code] += 1
        return tally

    @property
    def codes(self) -> list[str]:
        return sorted(set(self.found) | set(self.fixed) | set(self.skipped) | set(self.left))


def matching(filter_codes: Sequence[str], severities: Sequence[str]) -> Callable[[Diagnostic], bool]:
    """A predicate for the findings a filter shows: code prefixes and severities (empty: all)."""

    def shown(d: Diagnostic) -> bool:
        if filter_codes and not any(d.code.startswith(prefix) for prefix in filter_codes):
            return False
        return not severities or d.severity.value in severities

    return shown
