"""The review app's widgets and dialogs: the findings list, a text prompt, a
choice among options and a page of text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from wenlint.diagnostic import Diagnostic
from wenlint.engine import in_text_order
from wenlint.review import views
from wenlint.review.session import Session


def place(row: Row) -> tuple:
    """Where a row sorts: its file, then its finding's (start, end, code); a heading first."""
    d = row.diagnostic
    return (row.file, -1, -1, "") if d is None else (row.file, *in_text_order(d))


class Row(NamedTuple):
    """A line of the findings list: a file's heading, or one of its findings."""

    file: int
    diagnostic: Diagnostic | None = None


class FindingList(ScrollView, can_focus=True):
    """The findings, grouped by file, drawn a screen line at a time so that
    a list of a hundred thousand findings costs no more than one of ten."""

    DEFAULT_CSS = """
    FindingList { width: 40%; min-width: 30; border-right: solid $primary-darken-2; overflow-x: hidden; }
    """

    BINDINGS = [  # the cursor moves, not just the view (a ScrollView's own keys scroll)
        Binding("down", "app.move(1)", show=False),
        Binding("up", "app.move(-1)", show=False),
        Binding("pagedown", "app.move(20)", show=False),
        Binding("pageup", "app.move(-20)", show=False),
        Binding("home", "app.move(-1000000000)", show=False),
        Binding("end", "app.move(1000000000)", show=False),
    ]

    class Moved(Message):
        """The cursor is on another row."""

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.rows: list[Row] = []
        self.cursor = 0

    def show(self, rows: list[Row], cursor: int) -> None:
        self.rows = rows
        self.virtual_size = Size(1, len(rows))
        self.move_to(cursor)
        self.refresh()

    @property
    def current(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def move_to(self, index: int) -> None:
        self.cursor = max(0, min(index, len(self.rows) - 1))
        self._reveal_cursor()
        self.refresh()
        self.post_message(self.Moved())

    def _reveal_cursor(self) -> None:
        """Scroll the cursor's row into view; before the list has a size
        (rows can come before the first layout) its resize does it."""
        if self.size.height:
            self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, force=True)

    def on_resize(self) -> None:
        self._reveal_cursor()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= len(self.rows):
            return Strip.blank(width, Style.null())
        row = self.rows[index]
        item = self.session.files[row.file]
        if row.diagnostic is None:
            text = views.file_row(item)
        else:
            text = views.finding_row(row.diagnostic, item.state.is_skipped(row.diagnostic))
        text.truncate(width, overflow="ellipsis")
        if index == self.cursor:
            text.stylize("reverse" if self.has_focus else "underline")
        null = Style.null()  # a segment without a style breaks Textual's NO_COLOR filter
        segments = [Segment(part, style or null) for part, style, _ in text.render(self.app.console, end="")]
        return Strip(segments).extend_cell_length(width, null).crop(0, width)

    def on_click(self, event: Click) -> None:
        self.move_to(self.scroll_offset.y + event.y)


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text; None when cancelled with Escape."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]
    DEFAULT_CSS = """
    TextPrompt { align: center middle; }
    TextPrompt > Vertical { width: 70; max-width: 95%; height: auto; border: round $primary; padding: 0 1; }
    """

    def __init__(self, title: str, value: str, hint: str) -> None:
        super().__init__()
        self.title_text, self.value, self.hint = title, value, hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text, style="bold"))
            yield Input(self.value, id="prompt")
            yield Static(Text(self.hint, style="dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Choice(ModalScreen[str | None]):
    """Pick one of some options; None when cancelled with Escape."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]
    DEFAULT_CSS = """
    Choice { align: center middle; }
    Choice > Vertical { width: 76; max-width: 95%; height: auto; max-height: 90%; border: round $primary; padding: 0 1; }
    Choice OptionList { height: auto; max-height: 18; }
    """

    def __init__(self, title: str, options: Sequence[tuple[str, Text | str]]) -> None:
        super().__init__()
        self.title_text, self.options = title, options

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text, style="bold"))
            yield OptionList(*(Option(label, id=value) for value, label in self.options))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Page(ModalScreen[None]):
    """A page of text (a rule's documentation, the summary); Escape or q closes it."""

    BINDINGS = [Binding("escape,q", "close", "close")]
    DEFAULT_CSS = """
    Page { align: center middle; }
    Page > VerticalScroll { width: 96; max-width: 100%; height: 90%; border: round $primary; padding: 0 1; }
    """

    def __init__(self, *renderables) -> None:
        super().__init__()
        self.renderables = renderables

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            for renderable in self.renderables:
                yield Static(renderable)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
