"""The review's state: decisions through the fixer, relinting, skip, undo, save."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest
from conftest import seed, wenlint

from wenlint import Document
from wenlint.config import load_settings
from wenlint.diagnostic import Edit
from wenlint.registry import all_rules
from wenlint.review.checker import Checker, start_worker, stop_worker
from wenlint.review.session import ReviewError, Session, key, open_file, shifted
from wenlint.storage import read_document


def _session(path, select=None) -> Session:
    settings = load_settings(None).with_overrides(select)
    session = Session()
    session.add(str(path), *open_file(str(path), settings))
    return session


def _json_findings(path, select: str) -> list[dict]:
    result = wenlint("check", str(path), "--select", select, "--output-format", "json")
    return json.loads(result.stdout)


@pytest.fixture
def seed000(tmp_path):
    target = tmp_path / "000.txt"
    shutil.copyfile(seed("000"), target)
    return target


def test_accepting_applies_exactly_that_fix_and_relints(seed000):
    session = _session(seed000, ["M001"])
    item = session.files[0]
    first = item.state.pending[0]
    session.accept(0, first)
    original = seed000.read_text(encoding="utf-8")
    # The reference edit comes from the command line's JSON, not from the session.
    (edit,) = _json_findings(seed000, "M001")[0]["fix"]["edits"]
    expected = original[: edit["offset"]] + edit["content"] + original[edit["end_offset"] :]
    assert item.state.doc.text == expected
    assert key(first) not in {key(d) for d in item.state.diagnostics}
    assert len(item.state.diagnostics) == len(item.initial.diagnostics) - 1
    assert item.state.fixed == {"M001": 1}
    assert item.unsaved and seed000.read_text(encoding="utf-8") == original  # nothing written yet


def test_skipped_finding_stays_skipped_when_an_earlier_fix_shifts_it(seed000):
    session = _session(seed000, ["M001", "P001"])
    state = session.files[0].state
    later = next(d for d in state.diagnostics if d.code == "P001")
    session.skip(0, later)
    earlier = next(d for d in state.diagnostics if d.code == "M001" and d.end < later.start)
    session.accept(0, earlier)
    now = session.files[0].state
    assert [d for d in now.diagnostics if now.is_skipped(d)] != []
    moved = next(d for d in now.diagnostics if now.is_skipped(d))
    assert now.doc.text[moved.start : moved.end] == "**"
    assert (moved.start, moved.end) == (later.start, later.end)  # ， replaces , one for one


def test_a_skipped_span_that_an_insertion_lengthens_before_it_moves():
    text = "甲，乙**丙"
    session = Session()
    settings = load_settings(None).with_overrides(["P001"])
    session.add("x.txt", Document(text, "x.txt"), Checker(settings.make_rules(("P001",))))
    (masked,) = session.files[0].state.diagnostics
    session.skip(0, masked)
    start, end = masked.start, masked.end
    assert shifted(start, end, [Edit(0, 0, "前言")]) == (start + 2, end + 2)
    assert shifted(start, end, [Edit(start, start + 1, "")]) is None  # edited inside: a new finding
    assert shifted(start, end, [Edit(end, end, "x")]) == (start, end)  # after it


def test_undo_restores_the_state_before_each_decision(seed000):
    session = _session(seed000, ["M001"])
    item = session.files[0]
    before = item.state
    a, b = before.pending[:2]
    session.accept(0, a)
    after_a = item.state
    session.skip(0, next(d for d in after_a.pending if d.start > a.start))
    assert session.undo().label.startswith("skip")
    assert item.state is after_a
    session.undo()
    assert item.state is before and not item.unsaved
    assert session.undo() is None


def test_edited_replacement_is_applied_instead_of_the_proposed_one(seed000):
    session = _session(seed000, ["M001"])
    first = session.files[0].state.pending[0]
    session.accept(0, first, replacement="；")
    text = session.files[0].state.doc.text
    assert text[first.start] == "；"


def test_accept_rule_equals_check_fix_of_that_rule(seed000, tmp_path):
    other = tmp_path / "other.txt"
    shutil.copyfile(seed000, other)
    session = _session(seed000, ["M001", "P001"])
    session.accept_rule(0, "M001")
    state = session.files[0].state
    assert not [d for d in state.diagnostics if d.code == "M001"]
    masked = [d for d in _json_findings(other, "P001")]
    assert [d.code for d in state.diagnostics].count("P001") == len(masked) > 0
    assert session.save() == []
    wenlint("check", str(other), "--select", "M001", "--fix")
    assert seed000.read_bytes() == other.read_bytes()


def test_decisions_without_a_fix_are_refused(seed000):
    session = _session(seed000, ["P001"])
    masked = session.files[0].state.pending[0]
    with pytest.raises(ReviewError):
        session.accept(0, masked)
    with pytest.raises(ReviewError):
        session.accept_rule(0, "P001")
    assert session.history == []


def test_save_writes_only_changed_files_atomically_in_their_encoding(tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("今天,我们召开全区社区建设工作会议,主要是贯彻精神。\r\n".encode("gb18030"))
    clean = tmp_path / "clean.txt"
    clean.write_text("今天，我们开会。\n", encoding="utf-8")
    session = _session(gbk, ["M001"])
    settings = load_settings(None).with_overrides(["M001"])
    session.add(str(clean), read_document(str(clean), 2**20), Checker(settings.make_rules(("M001",))))
    before = clean.stat().st_mtime_ns
    session.accept_rule(0, "M001")
    assert session.save() == []
    assert gbk.read_bytes() == "今天，我们召开全区社区建设工作会议，主要是贯彻精神。\r\n".encode("gb18030")
    assert clean.stat().st_mtime_ns == before
    assert not session.unsaved


def test_tally_counts_fixed_skipped_and_left(seed000):
    session = _session(seed000, ["M001", "P001"])
    state = session.files[0].state
    session.accept(0, next(d for d in state.pending if d.code == "M001"))
    session.skip(0, next(d for d in session.files[0].state.pending if d.code == "P001"))
    tally = session.tally()
    found = Counter(d["code"] for d in _json_findings(seed000, "M001,P001"))
    assert tally.found == found
    assert (tally.fixed["M001"], tally.left["M001"]) == (1, found["M001"] - 1)
    assert (tally.skipped["P001"], tally.left["P001"]) == (1, found["P001"] - 1)
    assert session.files[0].score_now >= session.files[0].score_before


def test_findings_resting_on_their_siblings_survive_accepting_those_one_by_one():
    """L004 needs three chunk markers in a row: accepting one removes the
    evidence for the others, which the review keeps until their own text changes."""
    rule = all_rules()["L004"]
    example = rule.bad[0]
    session = Session()
    session.add("x.txt", Document(example.text, "x.txt"), Checker([rule()]))
    middle = session.files[0].state.pending[1]
    session.accept(0, middle)
    assert rule().check(session.files[0].state.doc) == []  # a fresh check no longer sees them
    assert len(session.files[0].state.pending) == 2
    while pending := session.files[0].state.pending:
        session.accept(0, pending[-1])
    assert session.files[0].state.doc.text == example.fixed


def test_findings_of_other_rules_are_not_carried_over(seed000):
    session = _session(seed000, ["M001"])
    assert not all_rules()["M001"].sibling_evidence
    first = session.files[0].state.pending[0]
    session.accept(0, first)
    fresh = [key(d) for d in all_rules()["M001"]().check(session.files[0].state.doc)]
    assert sorted(fresh) == sorted(key(d) for d in session.files[0].state.diagnostics)


def test_large_documents_are_linted_in_a_worker_process_with_the_same_findings(seed000):
    settings = load_settings(None)
    rules = settings.make_rules(settings.codes_for(str(seed000)))
    doc = read_document(str(seed000), 2**20)
    here = Checker(rules)(doc)
    start_worker()
    try:
        there = Checker(rules, threshold=0)(doc)  # every document counts as large
        session = Session()
        session.add(str(seed000), doc, Checker(rules, threshold=0))
        first = next(d for d in session.files[0].state.pending if d.fix is not None)
        session.accept(0, first)
    finally:
        stop_worker()  # later tests start their own
    assert [(d.code, d.start, d.end, d.fix, d.fingerprint) for d in there] == [
        (d.code, d.start, d.end, d.fix, d.fingerprint) for d in here
    ]
    assert key(first) not in {key(d) for d in session.files[0].state.diagnostics}


def test_stripped_characters_put_back_one_by_one_equal_check_fix(tmp_path):
    """T005 reports a character only while the document never uses it: the
    first place accepted would hide the others from a fresh check."""
    reviewed, reference = tmp_path / "a.txt", tmp_path / "b.txt"
    for path in (reviewed, reference):
        shutil.copyfile(seed("001"), path)
    session = _session(reviewed, ["T005"])
    places = len(session.files[0].state.pending)
    assert places >= 6
    while pending := [d for d in session.files[0].state.pending if d.fix is not None]:
        session.accept(0, pending[0])
    assert sum(session.files[0].state.fixed.values()) == places
    assert session.save() == []
    wenlint("check", str(reference), "--select", "T005", "--fix", "--unsafe-fixes")
    assert reviewed.read_bytes() == reference.read_bytes()
