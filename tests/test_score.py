"""The quality score: bounds, monotonicity and length normalisation, on the seeds."""

from __future__ import annotations

import pytest
from conftest import SEED_FILES
from hypothesis import given
from hypothesis import strategies as st

from wenlint import Diagnostic, Document, Severity
from wenlint.engine import lint
from wenlint.pipeline import document_level
from wenlint.registry import all_rules, on_by_default
from wenlint.score import MIN_LENGTH, score

RULES = [rule() for rule in all_rules().values() if on_by_default(rule)]
#: The codes the score counts once per finding (D001), as the pipeline passes them.
DOCUMENT_LEVEL = document_level(RULES)

#: Ordinary, correct Chinese prose (written for this test).
CLEAN = (
    "今天上午，市委召开全市社区建设工作会议，总结去年的工作，部署今年的任务。\n\n"
    "会议指出，近年来全市社区服务设施不断完善，居民的获得感和幸福感明显增强。"
    "会议要求，各区要把社区建设作为民生工程，加大投入，补齐短板。\n\n"
    "会议强调，要坚持以人民为中心，推动社区治理重心下移，让群众办事更方便。\n"
)


def _seed(path) -> tuple[list[Diagnostic], int]:
    doc = Document.from_source(path.read_text(encoding="utf-8"), str(path))
    return lint(doc, RULES), len(doc.text)


def _finding(code: str, severity: Severity = Severity.WARNING) -> Diagnostic:
    return Diagnostic(code, 0, 1, "", severity)


SEEDS = {path.name[:3]: _seed(path) for path in SEED_FILES}


@pytest.mark.parametrize("length", [0, 10, MIN_LENGTH, 100_000])
def test_no_findings_scores_100(length):
    assert score([], length) == 100


def test_clean_prose_scores_100():
    doc = Document.from_source(CLEAN)
    assert score(lint(doc, RULES), len(CLEAN)) == 100


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seeds_score_between_0_and_100(prefix):
    diagnostics, length = SEEDS[prefix]
    assert diagnostics
    assert 0 <= score(diagnostics, length) < 100


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_each_further_finding_never_raises_the_score(prefix):
    diagnostics, length = SEEDS[prefix]
    scores = [score(diagnostics[:n], length) for n in range(len(diagnostics) + 1)]
    assert scores[0] == 100 and scores[1] < 100
    assert all(later <= earlier for earlier, later in zip(scores, scores[1:]))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
@pytest.mark.parametrize("times", [2, 3, 10])
def test_same_density_in_a_longer_document_gives_the_same_score(prefix, times):
    diagnostics, length = SEEDS[prefix]
    assert score(diagnostics * times, length * times) == score(diagnostics, length)


def test_the_document_level_rules_are_learned_from_the_rules():
    assert {"D001"} == DOCUMENT_LEVEL


def test_truncation_counts_the_same_at_any_length():
    truncated = [_finding("D001")]
    assert score(truncated, 500, DOCUMENT_LEVEL) == score(truncated, 50_000, DOCUMENT_LEVEL) == 70


def test_a_rule_not_declared_document_level_counts_by_density():
    truncated = [_finding("D001")]
    assert score(truncated, 500) != score(truncated, 50_000)


def test_seed_004_is_truncated_and_scores_below_the_cap():
    diagnostics, length = SEEDS["004"]
    assert "D001" in {d.code for d in diagnostics}
    assert score(diagnostics, length, DOCUMENT_LEVEL) < 70


def test_short_documents_count_as_min_length():
    one = [_finding("M001")]
    assert score(one, 10) == score(one, MIN_LENGTH) == 93
    assert score(one, 1000) == 95


def test_errors_cost_more_than_warnings_and_warnings_more_than_info():
    scores = [
        score([_finding("E001", severity)], 1000) for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    ]
    assert scores == sorted(scores) and len(set(scores)) == 3


def test_internal_errors_do_not_count():
    assert score([_finding("X001", Severity.ERROR)], 1000) == 100


def test_floor_at_zero():
    assert score([_finding(f"E{n:03}", Severity.ERROR) for n in range(100)] * 1000, 1000) == 0


_codes = st.sampled_from(["M001", "M002", "P001", "E001", "S001", "D001", "D002"])
_severities = st.sampled_from(list(Severity))
_findings = st.lists(st.builds(_finding, _codes, _severities), max_size=60)


@given(_findings, _codes, _severities, st.integers(min_value=0, max_value=200_000))
def test_adding_any_finding_never_raises_the_score(found, code, severity, length):
    before = score(found, length, DOCUMENT_LEVEL)
    after = score([*found, _finding(code, severity)], length, DOCUMENT_LEVEL)
    assert 0 <= after <= before <= 100
    assert after < 100
    assert (before == 100) == (not found)
