"""``wenlint review``: a full-screen terminal app to walk the findings of some
files and accept, edit or skip each fix before saving.

The app only shows the :class:`~wenlint.review.session.Session` and sends it
decisions; linting and fixing run on a worker thread, so keys keep working
while a large document is re-checked.
"""

from __future__ import annotations

import bisect
import gc
import os
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Static

from wenlint.config import Settings
from wenlint.decode import InputError
from wenlint.diagnostic import Diagnostic, Severity
from wenlint.docs import rule_text
from wenlint.document import Document
from wenlint.registry import all_rules
from wenlint.results import display_name
from wenlint.review import views
from wenlint.review.checker import PROCESS_THRESHOLD, Checker, start_worker, stop_worker
from wenlint.review.session import (
    FileState,
    ReviewError,
    Session,
    accepted,
    accepted_rule,
    editable,
    matching,
    open_file,
    skipped,
)
from wenlint.review.widgets import Choice, FindingList, Page, Row, TextPrompt, place

SEVERITIES = tuple(s.value for s in Severity)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # reported when it is read


class ReviewApp(App[int]):
    """Walk the findings of ``files``; accept, edit or skip each fix; save."""

    TITLE = "wenlint review"
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #bar { height: 1; background: $primary-background; color: $text; padding: 0 1; }
    #main { height: 1fr; }
    #right { width: 1fr; }
    #document { height: 1fr; padding: 0 1; }
    #explanation { height: auto; max-height: 50%; border-top: solid $primary-darken-2; padding: 0 1; }
    """
    BINDINGS = [
        Binding("j", "move(1)", "next"),
        Binding("k", "move(-1)", "prev"),
        Binding("a", "accept", "accept"),
        Binding("s", "skip", "skip"),
        Binding("e", "edit", "edit"),
        Binding("A", "accept_rule", "all of rule", key_display="A"),
        Binding("u", "undo", "undo"),
        Binding("f", "jump", "file"),
        Binding("slash", "filter", "filter", key_display="/"),
        Binding("question_mark", "rule_doc", "doc", key_display="?"),
        Binding("t", "tally", "summary"),
        Binding("w,ctrl+s", "save", "save", key_display="w"),
        Binding("q", "quit_review", "quit"),
    ]

    def __init__(
        self,
        files: list[tuple[str, Settings]],
        errors: list[tuple[str, str]] | None = None,
        screenshot: Path | None = None,
    ) -> None:
        super().__init__()
        self.inputs = files
        if any(_size(path) >= PROCESS_THRESHOLD for path, _ in files):  # bytes: at least as many as characters
            start_worker()
        self.session = Session(errors=list(errors or []))
        self.rules = all_rules()
        self.codes: tuple[str, ...] = ()
        self.severities: tuple[str, ...] = ()
        self.busy = "checking"
        self.screenshot = screenshot

    def compose(self) -> ComposeResult:
        yield Static(id="bar")
        with Horizontal(id="main"):
            yield FindingList(self.session, id="findings")
            with Vertical(id="right"):
                yield VerticalScroll(Static(id="document-text"), id="document")
                yield Static(id="explanation")
        yield Footer(compact=True)

    @property
    def findings(self) -> FindingList:
        return self.query_one(FindingList)

    def on_mount(self) -> None:
        self.findings.focus()
        self.refresh_bar()
        self.load_files()

    def on_unmount(self) -> None:
        stop_worker()  # a re-check still running is of no use now
        gc.unfreeze()  # what the review kept alive may go now

    # -- loading ------------------------------------------------------------

    @work(thread=True, exclusive=True, group="change")
    def load_files(self) -> None:
        """Read and lint every file, adding each to the list as it is ready."""
        for path, settings in self.inputs:
            try:
                doc, checker, state = open_file(path, settings)
            except InputError as error:
                self.call_from_thread(self.input_error, display_name(path), str(error))
                continue
            self.call_from_thread(self.add_file, path, doc, checker, state)
        self.call_from_thread(self.loaded)

    def input_error(self, path: str, reason: str) -> None:
        self.session.errors.append((path, reason))
        self.notify(f"{path}: {reason}", title="cannot review", severity="error")

    def add_file(self, path: str, doc: Document, checker: Checker, state: FileState) -> None:
        self.session.add(path, doc, checker, state)
        keep = self.findings.current
        self.refresh_rows(keep or Row(0))

    def loaded(self) -> None:
        self.busy = ""
        gc.freeze()  # findings and lexicons live until the end: keep the collector from walking them again and again
        if not self.session.files and not self.session.errors:
            self.notify("no files to review", severity="warning")
        self.refresh_bar()
        if self.screenshot:
            self.call_after_refresh(self._save_screenshot)

    def _save_screenshot(self) -> None:
        assert self.screenshot is not None
        self.screenshot.write_text(views.wide_text_fitted(self.export_screenshot()), encoding="utf-8")
        self.exit(0)

    # -- what is shown ------------------------------------------------------

    def rows(self) -> list[Row]:
        filtered = bool(self.codes or self.severities)
        shown = matching(self.codes, self.severities)
        rows: list[Row] = []
        for index, item in enumerate(self.session.files):
            found = item.state.diagnostics
            findings = [Row(index, d) for d in (filter(shown, found) if filtered else found)]
            if findings or not filtered:
                rows.append(Row(index))
                rows.extend(findings)
        return rows

    def refresh_rows(self, near: Row, after: bool = False) -> None:
        """Rebuild the list and put the cursor on ``near``'s finding, or the
        first pending finding after its place (``after``: strictly after)."""
        rows = self.rows()
        self.findings.show(rows, self._nearest(rows, near, after))
        self.refresh_bar()

    def _nearest(self, rows: list[Row], near: Row, after: bool) -> int:
        here = place(near)
        positions = [place(row) for row in rows]
        index = bisect.bisect_right(positions, here) if after else bisect.bisect_left(positions, here)
        if near.diagnostic is not None and not after and index < len(rows) and positions[index] == here:
            return index  # the same finding, still there
        for i in range(index, len(rows)):
            row = rows[i]
            if row.diagnostic is not None and not self.session.files[row.file].state.is_skipped(row.diagnostic):
                return i
        return min(index, len(rows) - 1) if rows else 0

    def refresh_bar(self) -> None:
        tally = self.session.tally()
        left, fixed, skip = (sum(c.values()) for c in (tally.left, tally.fixed, tally.skipped))
        files = len(self.session.files)
        bar = Text(f"wenlint review · {files} file{'s' if files != 1 else ''} · ", style="bold")
        bar.append(f"{left} left · {fixed} fixed · {skip} skipped")
        if self.codes or self.severities:
            bar.append(f" · filter: {' '.join(self.codes + self.severities)}", style="cyan")
        unsaved = len(self.session.unsaved)
        if unsaved:
            bar.append(f" · {unsaved} unsaved", style="bold yellow")
        if self.busy:
            bar.append(f" · {self.busy}…", style="italic")
        self.query_one("#bar", Static).update(bar)

    def on_finding_list_moved(self, _: FindingList.Moved) -> None:
        self.show_current()

    def show_current(self, replacement: str | None = None) -> None:
        row = self.findings.current
        document = self.query_one("#document-text", Static)
        panel = self.query_one("#explanation", Static)
        if row is None:
            document.update(Text("no findings" if not self.busy else "checking…", style="italic"))
            panel.update("")
            return
        item = self.session.files[row.file]
        if row.diagnostic is None:
            document.update(views.scores_table([item]))
            panel.update(Text(f"{len(item.state.diagnostics)} findings; j/k to walk them", style="italic"))
            return
        d = row.diagnostic
        document.update(views.context(item.state.doc, d))
        panel.update(views.explanation(self.rules.get(d.code), d, item.state.doc, replacement))
        self.query_one("#document", VerticalScroll).scroll_home(animate=False)

    # -- navigation -----------------------------------------------------------

    def action_move(self, step: int) -> None:
        rows, index = self.findings.rows, self.findings.cursor
        target = index + step
        if abs(step) == 1:  # skip file headings
            while 0 <= target < len(rows) and rows[target].diagnostic is None:
                target += step
            if not 0 <= target < len(rows):
                return
        self.findings.move_to(target)

    def action_jump(self) -> None:
        options = [(str(i), views.file_row(item)) for i, item in enumerate(self.session.files)]

        def jump(choice: str | None) -> None:
            if choice is None:
                return
            file = int(choice)
            state = self.session.files[file].state
            rows = self.findings.rows
            here = [i for i, row in enumerate(rows) if row.file == file]
            pending = [i for i in here if rows[i].diagnostic is not None and not state.is_skipped(rows[i].diagnostic)]
            if here:  # its first finding still to decide, else its heading
                self.findings.move_to((pending or here)[0])
            else:
                self.notify("the filter hides every finding of that file")

        self.push_screen(Choice("jump to file", options), jump)

    def action_filter(self) -> None:
        hint = "rule codes or prefixes (L, M001) and/or severities (error, warning, info); empty shows all"

        def apply(value: str | None) -> None:
            if value is None:
                return
            words = value.replace(",", " ").split()
            severities = tuple(w.lower() for w in words if w.lower() in SEVERITIES)
            codes = tuple(w.upper() for w in words if w.lower() not in SEVERITIES)
            unknown = [c for c in codes if not any(code.startswith(c) for code in self.rules)]
            if unknown:
                self.notify(f"no rule matches {', '.join(unknown)}", severity="error")
                return
            self.codes, self.severities = codes, severities
            self.refresh_rows(self.findings.current or Row(0))

        self.push_screen(TextPrompt("filter findings", " ".join(self.codes + self.severities), hint), apply)

    def action_rule_doc(self) -> None:
        row = self.findings.current
        if row is None or row.diagnostic is None or row.diagnostic.code not in self.rules:
            return
        self.push_screen(Page(Text(rule_text(self.rules[row.diagnostic.code]))))

    def action_tally(self) -> None:
        self.push_screen(
            Page(
                Text("Findings per rule: █ fixed ▒ skipped ░ left\n", style="bold"),
                views.tally_table(self.session.tally(), self.rules),
                Text("\nQuality score (0–100)\n", style="bold"),
                views.scores_table(self.session.files),
            )
        )

    # -- decisions ------------------------------------------------------------

    def idle(self) -> bool:
        """Whether a decision can be taken now; says why not when it cannot."""
        if self.busy:
            self.notify(f"still {self.busy}; try again in a moment", severity="warning")
        return not self.busy

    def _finding(self) -> tuple[int, Diagnostic] | None:
        """The finding under the cursor, when a decision can be taken on it."""
        if not self.idle():
            return None
        row = self.findings.current
        if row is None or row.diagnostic is None:
            return None
        return row.file, row.diagnostic

    def action_accept(self) -> None:
        if found := self._finding():
            index, d = found
            self.decide(index, d, f"accept {d.code}", lambda state, checker: accepted(state, checker, d))

    def action_edit(self) -> None:
        found = self._finding()
        if not found:
            return
        index, d = found
        if not editable(d):
            self.notify("only a fix that replaces one span can be edited", severity="warning")
            return
        hint = "Enter accepts this text as the fix; Escape cancels"

        def apply(value: str | None) -> None:
            if value is not None:
                self.decide(
                    index, d, f"accept edited {d.code}", lambda state, checker: accepted(state, checker, d, value)
                )

        self.push_screen(
            TextPrompt(f"replace `{views.visible(self._span_text(index, d))}` with", d.fix.edits[0].content, hint),
            apply,
        )

    def action_accept_rule(self) -> None:
        if found := self._finding():
            index, d = found
            self.decide(index, d, f"accept all {d.code}", lambda state, checker: accepted_rule(state, checker, d.code))

    def action_skip(self) -> None:
        if found := self._finding():
            index, d = found
            if self.session.files[index].state.is_skipped(d):
                self.action_move(1)
                return
            self.session.commit(index, skipped(self.session.files[index].state, d), f"skip {d.code}", d)
            self.refresh_rows(Row(index, d), after=True)

    def decide(self, index: int, d: Diagnostic, label: str, change: Callable) -> None:
        """Compute ``change`` of file ``index``'s state off the UI thread, then commit it."""
        self.busy = "re-checking"
        self.refresh_bar()
        self._change(index, d, label, change)

    @work(thread=True, exclusive=True, group="change")
    def _change(self, index: int, d: Diagnostic, label: str, change: Callable) -> None:
        item = self.session.files[index]
        try:
            state = change(item.state, item.checker)
        except ReviewError as error:
            self.call_from_thread(self._refused, str(error))
            return
        self.call_from_thread(self._committed, index, d, state, label)

    def _refused(self, reason: str) -> None:
        self.busy = ""
        self.refresh_bar()
        self.notify(reason, severity="warning")

    def _committed(self, index: int, d: Diagnostic, state: FileState, label: str) -> None:
        self.busy = ""
        self.session.commit(index, state, label, d)
        gc.freeze()
        self.refresh_rows(Row(index, d))

    def _span_text(self, index: int, d: Diagnostic) -> str:
        edit = d.fix.edits[0] if d.fix else None
        text = self.session.files[index].state.doc.text
        return text[edit.start : edit.end] if edit else text[d.start : d.end]

    def action_undo(self) -> None:
        if not self.idle():
            return
        step = self.session.undo()
        if step is None:
            self.notify("nothing to undo")
            return
        self.notify(f"undone: {step.label}")
        self.refresh_rows(Row(step.file, step.finding))  # back to the finding, as it was

    def action_save(self) -> None:
        if not self.idle():
            return
        count = len(self.session.unsaved)
        failed = self.session.save()
        for path, reason in failed:
            self.notify(f"{path}: {reason}", title="not saved", severity="error")
        if count - len(failed):
            self.notify(f"saved {count - len(failed)} file(s)")
        elif not failed:
            self.notify("nothing to save")
        self.refresh_rows(self.findings.current or Row(0))

    async def action_quit(self) -> None:
        """Textual's own quit (ctrl+q) asks about unsaved changes too."""
        self.action_quit_review()

    def action_quit_review(self) -> None:
        if not self.session.unsaved:
            self.exit(self.exit_code())
            return
        names = ", ".join(item.name for item in self.session.unsaved)
        options = [("save", "save and quit"), ("discard", "quit without saving"), ("cancel", "go back")]

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
                if not self.session.unsaved:
                    self.exit(self.exit_code())
            elif choice == "discard":
                self.exit(self.exit_code())

        self.push_screen(Choice(f"unsaved changes in {names}", options), answer)

    def exit_code(self) -> int:
        """2 when some input could not be reviewed or saved, else 0."""
        return 2 if self.session.errors else 0
