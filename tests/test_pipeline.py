"""The one document pipeline: check, scan and review see the same findings and
score; the finding object and scan's Parquet type share one field list; the
corpus protocol."""

from __future__ import annotations

import ast
import gc

import pytest
from conftest import ROOT, seed

from wenlint import Document, pipeline
from wenlint.config import load_settings
from wenlint.corpus.batch import Annotator, ScanJob, Setup
from wenlint.corpus.schema import wenlint_type
from wenlint.registry import all_rules
from wenlint.results import (
    COMPACT_FINDING_FIELDS,
    FINDING_FIELDS,
    SourceLines,
    compact_finding_object,
    finding_object,
    touched_lines,
)
from wenlint.review.session import open_file
from wenlint.runner import Job, check_file
from wenlint.shardrule import ShardTally, corpus_rules

SETTINGS = load_settings(None)


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_check_scan_and_review_agree(prefix):
    path = str(seed(prefix))
    checked = check_file(path, SETTINGS, Job())
    text = seed(prefix).read_text(encoding="utf-8")
    scanned, score, _ = Annotator(Setup(SETTINGS, ScanJob(), path, "t")).annotate(text)
    _, checker, state = open_file(path, SETTINGS)
    assert checked.diagnostics and checked.score is not None
    assert [d.code for d in state.diagnostics] == [d.code for d in checked.diagnostics]
    assert [f["start"] for f in scanned["findings"]] == [d.start for d in checked.diagnostics]
    review_score = pipeline.score_of(state.doc, state.diagnostics, checker.rules)
    assert checked.score == score == scanned["score"] == review_score


def test_a_scanned_document_is_freed_when_annotated_not_left_to_the_cycle_collector():
    # a wrapped PDF page: its wrap layout view holds the document; were the cycle kept, each
    # document, its words and views would wait for the collector, which scan runs seldom
    text = seed("004").read_text(encoding="utf-8")
    annotate = Annotator(Setup(SETTINGS, ScanJob(), "a.jsonl", "t")).annotate
    annotate(text)  # the tables built once
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        annotate(text)
        gc.collect()
        left = [type(garbage).__name__ for garbage in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert "Document" not in left and "WrapLayout" not in left


def test_the_score_counts_the_declared_document_level_rules_once():
    rules = pipeline.rules_for(SETTINGS.with_overrides(["D"], preview=True), "x.txt")
    assert pipeline.document_level(rules) == {code for code, rule in all_rules().items() if rule.document_level}
    assert {"D001", "D003"} <= pipeline.document_level(rules)


def _names(fields) -> list[str]:
    return [name for name, _ in fields]


def test_finding_object_and_parquet_type_follow_one_field_list():
    doc = Document.from_source("今天,我们开会。\n", "x.txt")
    found = pipeline.run(doc, [all_rules()["M001"]()]).diagnostics
    source = SourceLines(touched_lines(doc, found))
    obj = finding_object(found[0], "halfwidth-punctuation", source, "x.txt")
    assert list(obj) == _names(FINDING_FIELDS)
    assert "filename" not in finding_object(found[0], "halfwidth-punctuation", source, None)
    finding = wenlint_type(("M", "X"), False, full_findings=True).field("findings").type.value_type
    assert [finding.field(i).name for i in range(finding.num_fields)] == [
        name for name in _names(FINDING_FIELDS) if name != "filename"
    ]
    fix = finding.field("fix").type
    assert [fix.field(i).name for i in range(fix.num_fields)] == list(obj["fix"])
    compact = compact_finding_object(found[0])
    assert list(compact) == _names(COMPACT_FINDING_FIELDS)
    finding = wenlint_type(("M", "X"), False).field("findings").type.value_type
    assert [finding.field(i).name for i in range(finding.num_fields)] == list(compact)
    fix = finding.field("fix").type
    assert [fix.field(i).name for i in range(fix.num_fields)] == list(compact["fix"])


def test_the_corpus_protocol_merges_counts_batch_by_batch():
    (rule,) = corpus_rules(pipeline.make_rules(SETTINGS.with_overrides(["S010"]), "x.txt"))
    chrome = "点击查看更多>>"
    bodies = "甲乙丙丁戊己"
    texts = [f"{chrome}\n{body}社区今天召开工作会议，总结去年的工作，部署今年的任务。" for body in bodies]
    tally = ShardTally([rule])
    tally.add({rule.code: rule.count(texts[:2])})
    tally.add({rule.code: rule.count(texts[2:])})
    views = tally.views()
    assert views[rule.code].documents == 6
    doc = Document.from_source(texts[0], "x.txt")
    assert rule.view_of(doc) is None
    doc.corpus = views
    assert rule.view_of(doc) is views[rule.code]
    assert [d.code for d in rule.check(doc)] == ["S010"]


def _private_imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    yield f"{path.relative_to(ROOT)}:{node.lineno} imports {node.module}.{alias.name}"


def test_no_module_imports_a_private_name_from_another():
    wrong = [
        line
        for folder in ("lint", "rules")
        for path in (ROOT / folder).rglob("*.py")
        for line in _private_imports(path)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_result_drops_the_documents_views_and_they_come_back_the_same():
    """Issue 20: once every rule has run, the views rules derived (the
    Simplified copy, the prose map, the typo view …) are dropped before the
    touched lines are copied into the result; read again, they are made again."""
    doc = Document(seed("002").read_text(encoding="utf-8"), "002.txt")
    rules = pipeline.rules_for(SETTINGS, "002.txt")
    checked = pipeline.run(doc, rules)
    dominant, verbatim = doc.script.dominant, list(doc.verbatim)
    assert doc._views and "script" in vars(doc)
    result = checked.result("002.txt")
    assert not doc._views and not {"prose", "zones", "script", "paragraphs"} & vars(doc).keys()
    assert result.lines == touched_lines(doc, result.diagnostics)
    assert doc.script.dominant == dominant and list(doc.verbatim) == verbatim
    assert [(d.code, d.start) for d in pipeline.run(doc, rules).diagnostics] == [
        (d.code, d.start) for d in result.diagnostics
    ]


def test_check_with_signals_computes_each_signal_group_once(monkeypatch):
    """The signals a result carries (``check --statistics --signals``) are the
    ones the document rules (D003-D006) computed: read before the result drops
    the document's views, not computed over again after it."""
    made = []
    view = Document.view

    def recording_view(doc, factory):
        if factory not in doc._views:
            made.append(factory.__name__)
        return view(doc, factory)

    monkeypatch.setattr(Document, "view", recording_view)
    result = check_file(str(seed("000")), SETTINGS.with_overrides(["D"], preview=True), Job(signals=True))
    assert result.signals and "document_words" in made
    assert sorted(made) == sorted(set(made))
