"""M001 half-width punctuation on one long line: the text is searched a
bounded number of times per mark, not to the end of the line for each (issue 19)."""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wenlint import Document
from wenlint.engine import lint
from wenlint.registry import all_rules
from wenlint_rules.script import halfwidth_punctuation


class ScannedText(str):
    """The text, counting the characters its find and rfind calls may look at."""

    scanned = 0

    def find(self, sub, start=0, end=None):
        ScannedText.scanned += (len(self) if end is None else min(end, len(self))) - start
        return super().find(sub, start, *(() if end is None else (end,)))

    def rfind(self, sub, start=0, end=None):
        ScannedText.scanned += (len(self) if end is None else min(end, len(self))) - start
        return super().rfind(sub, start, *(() if end is None else (end,)))


def _scanned(text: str) -> tuple[list[str], int]:
    ScannedText.scanned = 0
    doc = Document(ScannedText(text))
    found = lint(doc, [all_rules()["M001"]()])
    return [doc.text[d.start : d.end] for d in found], ScannedText.scanned


def test_a_long_line_of_unclosed_parentheses_is_searched_once():
    text = "说明(第一条" * 3000
    flagged, scanned = _scanned(text)
    assert flagged == []
    assert scanned <= 10 * len(text)  # it was the whole line per mark: thousands of times the text


def test_a_long_line_of_marks_is_not_searched_to_its_ends_for_each():
    text = "他说:My name is 李明, nice to meet you,好的," * 2000
    flagged, scanned = _scanned(text)
    assert flagged.count(":") == 2000  # the commas beside Latin text are judged from a window around each
    assert scanned <= 10 * len(text)  # it was the whole line per mark: thousands of times the text


def test_parentheses_are_still_paired_on_a_long_line():
    flagged, _ = _scanned("见附件(第一条)的说明," * 1000)
    assert flagged.count("(第一条)") == 1000


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="今天〇,.:;!?() \t\n”），。a3=-", max_size=30))
def test_only_marks_that_cannot_be_flagged_are_passed_over(monkeypatch, text):
    """The marks M001 matches (those beside Chinese text) give the findings of every half-width mark tried."""
    doc = Document(text)
    narrowed = [(d.start, d.end, d.message) for d in lint(doc, [all_rules()["M001"]()])]
    with monkeypatch.context() as patch:
        patch.setattr(halfwidth_punctuation, "_HALF_MARK", regex.compile(r"[,.:;!?]|\((?![^\p{Han}\p{N}()\n]*\))"))
        every = [(d.start, d.end, d.message) for d in lint(Document(text), [all_rules()["M001"]()])]
    assert narrowed == every
