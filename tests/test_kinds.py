"""The declarative rule kinds: pattern rules and substitution rules."""

from __future__ import annotations

import random

import regex
from conftest import ROOT

from wenlint import Document, Example, FixAvailability
from wenlint.engine import fix, lint
from wenlint.kinds import PatternRule, SubstitutionRule, Substitutions


class Laughter(PatternRule):
    code = "Z101"
    name = "laughter"
    summary = "Laughter in a formal document"
    flags = "`哈哈` and longer runs."
    pattern = r"(?P<first>哈)(?P<rest>哈+)"
    requires = ("哈哈",)
    message = "`{0}` ({count} characters)"
    replacement = ""
    fix_group = "rest"
    fix_message = "keep one `{first}`"
    fix = FixAvailability.UNSAFE
    bad = (Example("哈哈,好的。", fixed="哈,好的。"),)
    good = (Example("好的。"),)

    def keep(self, doc, match):
        return not doc.text.startswith("哈哈镜", match.start())

    def fields(self, doc, match):
        return {"count": len(match[0])}


class Years(PatternRule):
    code = "Z102"
    name = "years"
    summary = "Two patterns, two messages"
    flags = "`到年,` and `年月日`."
    patterns = {r"(?<=到)年(?=,)": "a year is missing before `{0}`", r"年月日": "a date is missing: `{0}`"}


class Login(SubstitutionRule):
    code = "Z103"
    name = "login"
    summary = "`登陆` for `登录`"
    flags = "`登陆账号`, `登陆密码`."
    table = {"登陆账号": "登录账号", "登陆密码": "登录密码", "陆账": "X"}
    message = "`{wrong}`: write `{right}`"

    def keep(self, doc, hit):
        return hit.right != "X"


def _lint(rule, text, path="a.txt"):
    return lint(Document.from_source(text, path), [rule()])


def test_pattern_rule_message_fields_and_fix_group():
    [finding] = _lint(Laughter, "他说哈哈哈,好的。")
    assert (finding.start, finding.end, finding.message) == (2, 5, "`哈哈哈` (3 characters)")
    assert [(e.start, e.end, e.content) for e in finding.fix.edits] == [(3, 5, "")]
    assert finding.fix.message == "keep one `哈`" and not finding.fix.allowed(unsafe=False)
    assert fix(Document.from_source("哈哈哈,好的。"), [Laughter()], unsafe=True).doc.text == "哈,好的。"


def test_pattern_rule_keep_hook_and_engine_filters():
    assert _lint(Laughter, "一面哈哈镜。") == []
    assert _lint(Laughter, "见 `哈哈`。", "a.md") == []  # verbatim: the engine's filter
    assert _lint(Laughter, "ha ha") == []


def test_pattern_rule_pre_check_skips_the_expression():
    class Never(Laughter):
        requires = ("不在文中",)

    assert _lint(Never, "哈哈,好的。") == []


def test_pattern_rule_character_pre_check_skips_the_expression():
    class Laughing(Laughter):
        requires_match = "[哈呵]"

    class Silent(Laughter):
        requires_match = "[呵嘿]"

    assert [d.message for d in _lint(Laughing, "哈哈,好的。")] == ["`哈哈` (2 characters)"]
    assert _lint(Silent, "哈哈,好的。") == []


def test_pattern_rule_character_pre_check_declared_empty_always_runs():
    class Silent(Laughter):
        requires_match = "[呵嘿]"

    class Again(Silent):  # a subclass may take its parent's pre-check off
        requires_match = ""

    assert [d.message for d in _lint(Again, "哈哈,好的。")] == ["`哈哈` (2 characters)"]


def test_several_patterns_each_with_its_message():
    messages = [d.message for d in _lint(Years, "到年,会议于年月日召开。")]
    assert messages == ["a year is missing before `年`", "a date is missing: `年月日`"]


def test_substitution_rule_inline_table_and_guard():
    [finding] = _lint(Login, "请先登陆账号。")
    assert finding.message == "`登陆账号`: write `登录账号`"
    assert fix(Document.from_source("请先登陆账号。"), [Login()]).doc.text == "请先登录账号。"


def test_substitution_table_from_a_file(tmp_path):
    path = tmp_path / "table.tsv"
    path.write_text("# wrong\tright\n登陆\t登录\n", encoding="utf-8")

    class FromFile(Login):
        table = path

    assert [d.message for d in _lint(FromFile, "登陆了。")] == ["`登陆`: write `登录`"]


def test_substitutions_find_every_occurrence_overlapping_ones_too():
    table = Substitutions({"一以惯之": "一以贯之", "惯之": "贯之", "之": "者"})
    text = "一以惯之,一以惯之。"
    hits = [(h.start, h.wrong) for h in table.find(text)]
    assert hits == [(0, "一以惯之"), (2, "惯之"), (3, "之"), (5, "一以惯之"), (7, "惯之"), (8, "之")]
    large = Substitutions({f"{chr(0x4E00 + n)}{chr(0x4E01 + n)}": "x" for n in range(100)})
    assert [h.start for h in large.find("甲一丁乙")] == [1]
    assert [(h.start, h.end) for h in table.find("𠀀惯之")] == [(1, 3), (2, 3)]  # offsets in characters
    assert Substitutions({}).find("之") == []


def test_a_large_table_finds_every_occurrence_even_of_characters_special_to_patterns():
    """A table of many entries finds each of them wherever it stands, of
    whatever characters it is made."""
    alphabet = "]^-\\[一丁七万丈三上下不与"
    starts = [a + b for a in alphabet for b in alphabet][::3]
    large = Substitutions({start + "了": "x" for start in starts})
    rng = random.Random(9)
    for _ in range(2000):
        text = "".join(rng.choice(alphabet + "了") for _ in range(rng.randint(0, 12)))
        expected = [i for i in range(len(text)) if any(text.startswith(start + "了", i) for start in starts)]
        assert [h.start for h in large.find(text)] == expected, text


def test_the_readme_rule_examples_run_and_hold():
    """Every Python block of the README's "Writing a rule" runs, and each
    rule it defines flags (and fixes) its bad examples and not its good ones."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Writing a rule", 1)[1].split("\n## ", 1)[0]
    blocks = regex.findall(r"```python\n(.*?)```", section, flags=regex.S)
    rules = []
    for block in blocks:
        namespace: dict = {}
        exec(compile(block, "README.md", "exec"), namespace)
        rules += [value for value in namespace.values() if isinstance(value, type) and "code" in vars(value)]
    assert len(rules) >= 4
    for rule in rules:
        for example in rule.bad:
            doc = Document.from_source(example.text, example.path)
            assert lint(doc, [rule()]), (rule.code, example.text)
            if example.fixed is not None:
                assert fix(doc, [rule()], unsafe=True).doc.text == example.fixed
        for example in rule.good:
            assert lint(Document.from_source(example.text, example.path), [rule()]) == [], (rule.code, example.text)
