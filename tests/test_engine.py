"""The engine: applying fixes, the fixpoint, broken rules, suppression comments."""

from __future__ import annotations

import dataclasses
import hashlib
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wenlint import Applicability, Diagnostic, Document, Edit, Example, Fix, Rule
from wenlint.diagnostic import INTERNAL_ERROR, fingerprint
from wenlint.engine import MAX_FIX_PASSES, NOT_PROSE, apply_fixes, fix, lint
from wenlint.registry import all_rules


def test_apply_fixes_skips_overlapping_fix_for_the_next_pass():
    fixes = [Fix.replace(0, 2, "AB"), Fix.replace(1, 3, "xy"), Fix.replace(3, 4, "D")]
    text, applied = apply_fixes("abcd", fixes)
    assert text == "ABcD"
    assert applied == [0, 2]


def test_apply_fixes_takes_a_multi_edit_fix_whole_or_not_at_all():
    pair = Fix((Edit(0, 1, "（"), Edit(4, 5, "）")), Applicability.SAFE)
    clash = Fix.replace(4, 5, "]")
    # The pair starts first, so it wins; the clashing edit waits for the next pass.
    text, applied = apply_fixes("(abc)", [clash, pair])
    assert text == "（abc）" and applied == [1]
    # A fix whose edits overlap each other is never applied.
    broken = Fix((Edit(0, 3, "x"), Edit(2, 4, "y")), Applicability.SAFE)
    text, applied = apply_fixes("(abc)", [broken, clash])
    assert text == "(abc]" and applied == [1]


def test_two_insertions_at_one_point_conflict():
    text, applied = apply_fixes("ab", [Fix.replace(1, 1, "x"), Fix.replace(1, 1, "y")])
    assert text == "axb" and applied == [0]


class Doubler(Rule):
    """A test rule whose fix needs several passes: it collapses "aa" to "a"."""

    code = "Z901"
    name = "test-doubler"
    summary = "doubled a"
    flags = "test"
    bad = (Example("aa"),)
    good = (Example("a"),)
    needs_han = False  # it judges Latin text

    def check(self, doc):
        start = 0
        while (index := doc.text.find("aa", start)) != -1:
            yield self.diagnostic(index, index + 2, "doubled", Fix.replace(index, index + 2, "a"))
            start = index + 2


class Crasher(Rule):
    code = "Z902"
    name = "test-crasher"
    summary = "raises"
    flags = "test"

    def check(self, doc):
        yield self.diagnostic(0, 1, "partial")
        raise RuntimeError("boom")


def test_fix_repeats_to_a_fixpoint():
    outcome = fix(Document("aaaaaaaa"), [Doubler()])
    assert outcome.doc.text == "a"
    assert outcome.diagnostics == []
    assert outcome.fixed["Z901"] == 7
    assert outcome.converged


def test_a_crashing_rule_becomes_one_internal_error_and_others_still_run():
    found = lint(Document("aa 今天,我们"), [Crasher(), Doubler(), all_rules()["M001"]()])
    codes = [d.code for d in found]
    assert codes.count(INTERNAL_ERROR) == 1
    assert "Z902" not in codes  # partial findings of the broken rule are dropped
    assert "Z901" in codes and "M001" in codes
    message = next(d.message for d in found if d.code == INTERNAL_ERROR)
    assert "Z902" in message and "boom" in message


def test_diagnostics_get_line_and_column():
    found = lint(Document("第一行\n今天,我们"), [all_rules()["M001"]()])
    assert [(d.line, d.column, d.end_line, d.end_column) for d in found] == [(2, 3, 2, 4)]


def test_lines_are_made_from_the_line_starts_when_read():
    """Issue 20: the lines are offsets in an array, each Line made when it is
    read, with the list's indexing, slicing and reversing."""
    from array import array

    from wenlint.document import Line

    doc = Document("ab\ncd\n\nefgh")
    expected = [Line(1, 0, 2), Line(2, 3, 5), Line(3, 6, 6), Line(4, 7, 11)]
    assert isinstance(doc.line_starts, array) and doc.line_starts.tolist() == [0, 3, 6, 7]
    assert list(doc.lines) == expected and len(doc.lines) == 4
    assert list(reversed(doc.lines)) == expected[::-1]
    assert doc.lines[1:3] == expected[1:3] and doc.lines[-1] == expected[-1] == doc.line(4)
    assert [doc.line_text(n) for n in range(1, 5)] == ["ab", "cd", "", "efgh"]
    with pytest.raises(IndexError):
        doc.lines[4]
    assert list(Document("").lines) == [Line(1, 0, 0)]


def test_positions_of_spans_over_several_lines():
    class Spanner(Rule):
        code, name, summary, flags = "Z903", "test-spanner", "spans", "test"
        needs_han = False

        def check(self, doc):
            return [self.diagnostic(2, 9, "across"), self.diagnostic(0, 0, "empty"), self.diagnostic(9, 11, "end")]

    found = lint(Document("ab\ncd\n\nefgh"), [Spanner()])
    assert [(d.start, d.line, d.column, d.end_line, d.end_column) for d in found] == [
        (0, 1, 1, 1, 1),
        (2, 1, 3, 4, 3),
        (9, 4, 3, 4, 5),
    ]


def test_fingerprint_is_computed_on_first_read_and_keeps_its_value():
    text = "第一行\n今天,我们开会,讨论问题"
    found = lint(Document(text), [all_rules()["M001"]()])
    assert len(found) == 2
    first, second = found
    # the code, the flagged text and up to six characters of its line either side
    expected = hashlib.blake2b("M001\0今天\0,\0我们开会,讨".encode(), digest_size=8).hexdigest()
    moved = dataclasses.replace(second, start=0, end=1)  # a copy, made before either is read
    assert first.fingerprint == expected == fingerprint("M001", text, 6, 7, 4)
    assert moved.fingerprint == second.fingerprint != first.fingerprint  # keeps the one it had
    assert pickle.loads(pickle.dumps(second)).fingerprint == second.fingerprint
    second.fingerprint = "set by hand"
    assert second.fingerprint == "set by hand"


def test_a_pickled_finding_carries_what_its_fingerprint_needs_not_the_document_nor_the_fingerprint():
    text = "今天开会\n讨论问题\n" + "长" * 50_000 + "\n末行"
    ends = len(text)

    class Spans(Rule):  # at line starts and ends, inside a line, across lines, at the end of the text
        code, name, summary, flags = "Z903", "test-spans", "spans", "test"
        needs_han = False

        def check(self, doc):
            spans = [(0, 1), (2, 3), (3, 4), (4, 6), (5, 5), (9, 10), (30_000, 30_001), (ends - 1, ends), (ends, ends)]
            return [self.diagnostic(start, end, "here") for start, end in spans]

    found = lint(Document(text), [Spans()])
    copies = pickle.loads(pickle.dumps(found))
    assert all(len(pickle.dumps(diagnostic)) < 1000 for diagnostic in found)  # not the 50,000-character line
    assert all(copy._pending is not None for copy in copies)  # worked out only where it is read
    assert [copy.fingerprint for copy in copies] == [
        fingerprint("Z903", text, d.start, d.end, text.rfind("\n", 0, d.start) + 1) for d in found
    ]
    assert [copy.fingerprint for copy in copies] == [diagnostic.fingerprint for diagnostic in found]


def test_edits_and_fixes_are_frozen_values():
    edit, fix_ = Edit(1, 2, "x"), Fix.replace(1, 2, "x", safe=False, message="m")
    assert fix_ == Fix((Edit(1, 2, "x"),), Applicability.UNSAFE, "m", None, None)
    assert hash(fix_) == hash(Fix((Edit(1, 2, "x"),), Applicability.UNSAFE, message="m"))
    assert dataclasses.replace(fix_, message="n").message == "n"
    assert pickle.loads(pickle.dumps(fix_)) == fix_
    for value, field in ((edit, "start"), (fix_, "message")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, field, 0)


def test_markdown_disable_comments():
    rules = [all_rules()["M001"](), all_rules()["P001"]()]
    text = (
        "甲,乙\n"
        "<!-- wenlint-disable M001 -->\n"
        "丙,丁 刘**同志\n"
        "<!-- wenlint-enable -->\n"
        "戊,己\n"
        "<!-- wenlint-disable-next-line -->\n"
        "庚,辛 王**同志\n"
        "壬,癸\n"
    )
    found = lint(Document(text, "a.md"), rules)
    assert [(d.code, d.line) for d in found] == [("M001", 1), ("P001", 3), ("M001", 5), ("M001", 8)]
    # In plain text a comment counts only on a line of its own.
    assert [(d.code, d.line) for d in lint(Document(text, "a.txt"), rules)] == [(d.code, d.line) for d in found]
    inline = "丙,丁 <!-- wenlint-disable-next-line --> 戊,己\n庚,辛\n"
    assert [d.line for d in lint(Document(inline, "a.txt"), rules)] == [1, 1, 2]
    assert [d.line for d in lint(Document(inline, "a.md"), rules)] == [1, 1]


chinese = st.text(alphabet="今天我们开会社区建设,.:;!?()（）“”\n 3a", max_size=60)


@settings(max_examples=300, deadline=None)
@given(chinese)
def test_fixing_twice_equals_fixing_once(text):
    rules = [rule() for rule in all_rules().values()]
    once = fix(Document(text), rules, unsafe=True)
    assert once.converged
    assert fix(once.doc, rules, unsafe=True).doc.text == once.doc.text


@settings(max_examples=300, deadline=None)
@given(chinese)
def test_safe_fixes_keep_every_letter_and_character(text):
    once = fix(Document(text), [rule() for rule in all_rules().values()])
    keep = lambda s: [ch for ch in s if ch.isalnum()]
    assert keep(once.doc.text) == keep(text)
    assert not any(
        isinstance(d, Diagnostic) and d.fix and d.fix.applicability.value == "safe" for d in once.diagnostics
    )


class Commas(Rule):
    """A test rule: every `,` becomes `，`, safely; it looks into verbatim text too."""

    code = "Z903"
    name = "test-commas"
    summary = "commas"
    flags = "test"
    skip_verbatim = False
    safe = True

    def check(self, doc):
        for index, char in enumerate(doc.text):
            if char == ",":
                yield self.diagnostic(index, index + 1, "comma", Fix.replace(index, index + 1, "，", safe=self.safe))


class UnsafeCommas(Commas):
    code = "Z904"
    safe = False


class SkippingCommas(Commas):
    code = "Z905"
    skip_verbatim = True


MARKDOWN_WITH_CODE = "## 标题,一\n\n正文,好 `代码,` [链接](https://a.b/c,d)\n"


def _fixes(found):
    return [(MARKDOWN_WITH_CODE[d.start : d.end + 3], d.fix and d.fix.applicability.value) for d in found]


def test_a_safe_fix_that_edits_non_prose_becomes_display_only_and_says_why():
    found = lint(Document(MARKDOWN_WITH_CODE, "a.md"), [Commas()])
    assert _fixes(found) == [
        (",一\n\n", "safe"),
        (",好 `", "safe"),
        (",` [", "display-only"),
        (",d)\n", "display-only"),
    ]
    assert found[2].fix.message == NOT_PROSE
    # In plain text the same characters are prose, but for the URL.
    plain = lint(Document(MARKDOWN_WITH_CODE, "a.txt"), [Commas()])
    assert [d.fix.applicability.value for d in plain] == ["safe", "safe", "safe", "display-only"]


def test_an_unsafe_fix_that_edits_non_prose_is_dropped_and_the_finding_kept():
    found = lint(Document(MARKDOWN_WITH_CODE, "a.md"), [UnsafeCommas()])
    assert _fixes(found) == [(",一\n\n", "unsafe"), (",好 `", "unsafe"), (",` [", None), (",d)\n", None)]


class CommasNoFix(Commas):
    """Every `,`, found in verbatim text too, with no fix."""

    code = "Z906"

    def check(self, doc):
        for diagnostic in super().check(doc):
            diagnostic.fix = None
            yield diagnostic


def test_findings_with_nothing_to_confine_keep_the_prose_map_unbuilt():
    # a rule that judges verbatim text too and fixes nothing: its findings all stay, and the
    # document's prose map (Markdown parsed) is never built for them
    doc = Document(MARKDOWN_WITH_CODE, "a.md")
    assert len(lint(doc, [CommasNoFix()])) == 4
    assert "prose" not in doc.__dict__
    doc = Document(MARKDOWN_WITH_CODE, "a.md")
    assert len(lint(doc, [Commas()])) == 4
    assert "prose" in doc.__dict__


class SkippingCommasNoFix(CommasNoFix):
    code = "Z907"
    skip_verbatim = True


def test_findings_without_fixes_of_a_rule_that_skips_verbatim_text_are_still_dropped_there():
    found = lint(Document(MARKDOWN_WITH_CODE, "a.md"), [SkippingCommasNoFix()])
    assert _fixes(found) == [(",一\n\n", None), (",好 `", None)]


def test_a_rule_that_skips_verbatim_text_has_its_findings_there_dropped():
    found = lint(Document(MARKDOWN_WITH_CODE, "a.md"), [SkippingCommas()])
    assert _fixes(found) == [(",一\n\n", "safe"), (",好 `", "safe")]


def test_fixes_never_change_non_prose_even_with_unsafe_fixes():
    for rule, unsafe in ((Commas(), False), (Commas(), True), (UnsafeCommas(), True)):
        outcome = fix(Document(MARKDOWN_WITH_CODE, "a.md"), [rule], unsafe=unsafe)
        assert outcome.doc.text == "## 标题，一\n\n正文，好 `代码,` [链接](https://a.b/c,d)\n"
    left = [d for d in outcome.diagnostics if d.fix is not None]
    assert left == [] and [d.code for d in outcome.diagnostics] == ["Z904", "Z904"]
    demoted = [d.fix for d in fix(Document(MARKDOWN_WITH_CODE, "a.md"), [Commas()], unsafe=True).diagnostics]
    assert len(demoted) == 2 and all(
        f.applicability is Applicability.DISPLAY_ONLY and not f.allowed(True) for f in demoted
    )


def test_rewriting_fixes_with_an_empty_edit_in_code_are_kept():
    doc = Document.from_source("```\r\n代码\n```\r\n正文\r\n", "a.md")
    outcome = fix(doc, [all_rules()["E006"]()])
    assert outcome.fixed == {"E006": 1} and outcome.doc.to_source() == "```\r\n代码\r\n```\r\n正文\r\n"


class Raiser(Rule):
    code = "Z906"
    name = "test-raiser"
    summary = "raises what it is given"
    flags = "test"
    needs_han = False

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error

    def check(self, doc):
        raise self.error


def test_a_rule_raising_system_exit_is_an_internal_error_and_keyboard_interrupt_stops_the_run():
    found = lint(Document("今天,我们"), [Raiser(SystemExit(3)), all_rules()["M001"]()])
    assert [d.code for d in found] == [INTERNAL_ERROR, "M001"]
    assert "SystemExit: 3" in found[0].message
    with pytest.raises(KeyboardInterrupt):
        lint(Document("今天,我们"), [Raiser(KeyboardInterrupt())])


class BadEdits(Rule):
    code = "Z907"
    name = "test-bad-edits"
    summary = "proposes the edits it is given"
    flags = "test"
    needs_han = False

    def __init__(self, *edits: Edit) -> None:
        super().__init__()
        self.edits = edits

    def check(self, doc):
        yield self.diagnostic(0, 1, "bad", Fix(self.edits, Applicability.SAFE))


@pytest.mark.parametrize(
    "edits, complaint",
    [
        ((Edit(3, 1, "x"),), "outside the text or reversed"),
        ((Edit(0, 99, ""),), "outside the text or reversed"),
        ((Edit(-1, 0, "x"),), "outside the text or reversed"),
        ((Edit(0, 2, "x"), Edit(1, 3, "y")), "overlap"),
        ((Edit(1, 1, "x"), Edit(1, 1, "y")), "overlap"),
    ],
)
def test_a_rule_proposing_an_invalid_edit_is_an_internal_error_for_the_document(edits, complaint):
    found = lint(Document("abcdef"), [BadEdits(*edits), Doubler()])
    assert [d.code for d in found] == [INTERNAL_ERROR]
    assert "Z907" in found[0].message and complaint in found[0].message
    outcome = fix(Document("abcdef"), [BadEdits(*edits)], unsafe=True)
    assert outcome.doc.text == "abcdef"


def test_edits_that_touch_without_overlapping_are_valid():
    found = lint(Document("abcdef"), [BadEdits(Edit(1, 1, "x"), Edit(1, 2, "y"), Edit(2, 3, "z"))])
    assert [d.code for d in found] == ["Z907"]


class Grower(Rule):
    """A test rule whose fix never settles: it always appends one more `a`."""

    code = "Z908"
    name = "test-grower"
    summary = "never enough"
    flags = "test"
    needs_han = False

    def check(self, doc):
        end = len(doc.text)
        yield self.diagnostic(0, end, "more", Fix.replace(end, end, "a"))


def test_a_fix_loop_that_does_not_settle_is_one_internal_error_naming_the_rule_and_keeps_the_last_text():
    outcome = fix(Document("今天,我们"), [Grower(), all_rules()["M001"]()])
    assert not outcome.converged
    assert outcome.doc.text == "今天，我们" + "a" * MAX_FIX_PASSES
    unsettled = [d for d in outcome.diagnostics if d.code == INTERNAL_ERROR]
    assert len(unsettled) == 1 and (unsettled[0].line, unsettled[0].column) == (1, 1)
    assert f"after {MAX_FIX_PASSES} passes: Z908 kept changing" in unsettled[0].message
    assert "M001" not in unsettled[0].message


@pytest.mark.parametrize(
    ("text", "start", "end", "content"),
    [
        ("１２３.\n", 0, 3, "123"),  # full-width digits made ASCII: an ordered-list item
        ("１２３. 第一条", 0, 3, "123"),  # the same in a document that is all prose (no non-prose to confine)
        ("!!! note\n    １２３.\n", 13, 16, "123"),  # the same in an admonition's indented body
        ("- 甲\n\n    １２３.\n", 9, 12, "123"),  # the same in a list item's indented continuation
        ("\u200b<!-- 注 -->文字\n", 0, 1, ""),  # a zero-width space removed: an HTML block
        ("甲\x0c## 标题\n", 1, 2, "\n"),  # a form feed made a line break: a heading
        ("- 甲\u2028- 乙\n", 3, 4, "\n"),  # a line separator made a line break: a second item
        ("`等等(1)`\u200b`环境`\n", 7, 8, ""),  # two code spans joined into one (found by fix_properties --seed 31)
        ("**甲**\u200b**乙**\n", 5, 6, ""),  # two bold runs' markers joined into a run of four
        ("~~甲~~\u200b~~乙~~\n", 5, 6, ""),  # two strike-through runs' markers joined
        ("`甲`，`乙`\n", 3, 4, "`"),  # a backtick written where the comma was: a run of three
    ],
)
def test_a_safe_fix_that_would_reshape_markdown_is_left_for_review(text, start, end, content):
    reshapes = _one_edit(start, end, content)
    (found,) = lint(Document(text, "a.md"), [reshapes])
    assert found.fix.applicability is Applicability.DISPLAY_ONLY and found.fix.message.startswith("left for review")
    (plain,) = lint(Document(text, "a.txt"), [reshapes])
    assert plain.fix.applicability is Applicability.SAFE
    assert fix(Document(text, "a.md"), [reshapes]).doc.text == text


def _one_edit(start: int, end: int, content: str) -> Rule:
    """A rule proposing one safe fix: ``text[start:end]`` made ``content``."""

    class OneEdit(Rule):
        code = "Z906"
        name = "one-edit"
        summary = "Proposes one edit"
        flags = "A probe."
        skip_verbatim = False
        needs_han = False

        def check(self, doc):
            yield self.diagnostic(start, end, "m", Fix.replace(start, end, content))

    return OneEdit()


@pytest.mark.parametrize(
    ("text", "start", "end", "content"),
    [
        ("`甲`,中文\n", 3, 4, "，"),  # a comma after a code span made full-width
        ("甲\u200b乙`丙`\n", 1, 2, ""),  # a zero-width space removed beside one code span
        ("**甲**\u200b乙\n", 5, 6, ""),  # ... after a bold run
        ("`甲` ，`乙`\n", 3, 4, ""),  # a blank dropped between a code span and a mark
        ("**甲** **乙**\n", 5, 6, " "),  # a blank kept a blank
    ],
)
def test_a_safe_fix_beside_markdown_syntax_that_joins_nothing_stays_safe(text, start, end, content):
    (found,) = lint(Document(text, "a.md"), [_one_edit(start, end, content)])
    assert found.fix.applicability is Applicability.SAFE


def test_a_text_with_an_unpaired_surrogate_is_refused_with_where_it_is():
    """No file can hold a lone surrogate (decoding replaces it), and most views
    cannot encode one: the Document refuses it in one clear error, where every
    rule needing the text as UTF-8 would otherwise fail on its own."""
    for make in (Document, Document.from_source):
        with pytest.raises(ValueError, match=r"unpaired surrogate \(U\+DC80 at character 3\)"):
            make("今天我\udc80们")
    assert Document("今天😀我们\ufffd").text == "今天😀我们\ufffd"  # astral characters and U+FFFD are text
