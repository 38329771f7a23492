"""Start-up and exit of the command: importing the command line loads none
of the heavy libraries (the rules load what they need when they run), and
the console entry point exits without tearing down the heap, after the exit
handlers ran and the output was flushed; worker processes start from a
command that already built the tables. Fresh interpreters, never timed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rule_packages import install_rules

#: Libraries `import wenlint.cli` must not load: the review app's, the rules'
#: tables, the corpus engines', the rules themselves, and what only a command
#: that checks needs (globs, worker processes, regular expressions).
HEAVY = (
    "ahocorasick_rs",
    "asyncio",
    "charset_normalizer",
    "ftfy",
    "jieba",
    "linkify_it",
    "marisa_trie",
    "markdown_it",
    "msgpack",
    "multiprocessing",
    "numpy",
    "opencc",
    "pathspec",
    "pyarrow",
    "pypinyin",
    "ray",
    "regex",
    "rich",
    "rjieba",
    "textual",
    "wenlint_rules",
    "wordfreq",
    "zstandard",
)


def _python(code: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
    )


def test_importing_the_command_line_loads_no_heavy_library():
    probe = "import sys, wenlint.cli; print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    run = _python(probe)
    assert run.returncode == 0, run.stderr
    assert set(run.stdout.split()) & set(HEAVY) == set()


#: Microseconds `import wenlint.cli` may take, as `python -X importtime` counts it (issue 20).
IMPORT_BUDGET_US = 80_000


def _import_time_of_the_command_line(env: dict[str, str]) -> int:
    """Microseconds the import of ``wenlint.cli`` took in a fresh interpreter."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import wenlint.cli"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    rows = [line.split("|") for line in run.stderr.splitlines() if line.startswith("import time:")]
    return next(int(cumulative) for _, cumulative, name in rows if name.strip() == "wenlint.cli")


def test_importing_the_command_line_stays_within_its_budget(tmp_path):
    """Best of five fresh interpreters, with bytecode compiled as an installed
    wenlint has it (into a folder of the test's own, not the project's)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "bytecode")
    _import_time_of_the_command_line(env)  # compiles
    best = min(_import_time_of_the_command_line(env) for _ in range(5))
    assert best <= IMPORT_BUDGET_US, f"import wenlint.cli took {best / 1000:.0f} ms"


def test_the_public_names_import_on_first_use():
    probe = "import sys, wenlint; print(all(getattr(wenlint, name) for name in wenlint.__all__))"
    run = _python(probe)
    assert run.stdout == "True\n", run.stderr
    run = _python("from wenlint import Rule, Nothing")
    assert "cannot import name 'Nothing'" in run.stderr


RULES_LOADED = """\
import sys
from wenlint.cli import main
from wenlint.registry import all_rules, known_rules, rule_class

main(sys.argv[1:])
loaded = {name for name in sys.modules if name.startswith("wenlint_rules.")}
print(" ".join(sorted(loaded)))
print({code: rule_class(code) for code in known_rules()} == all_rules())
"""


def test_a_check_imports_only_the_rules_it_runs(tmp_path):
    """The rules' codes and groups are kept between runs (see
    wenlint.registry.known_rules), so a check without the result cache too
    imports the modules of the rules it selects, and no other rule's."""
    (tmp_path / "doc.txt").write_text("好的。\n", encoding="utf-8")
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache-home")}
    command = [sys.executable, "-c", RULES_LOADED, "check", "doc.txt", "--no-cache", "--select", "E004"]
    for _ in range(2):  # the first run keeps the rules
        run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False)
        assert run.returncode == 0, run.stderr
    loaded, same = run.stdout.splitlines()[-2:]  # after the report
    assert "wenlint_rules.encoding.replacement_character" in loaded.split()
    assert "wenlint_rules.layout.fake_bold" not in loaded.split()
    assert same == "True"  # the class of each rule, found from its module, is the one every rule's import finds


FOREIGN_RULE = """\
from wenlint import Example, Rule


class Foreign(Rule):
    code = "Z960"
    name = "foreign"
    summary = "Flags `坏`"
    flags = "The word `坏`."
    good = (Example("好的。"),)

    def check(self, doc):
        start = doc.text.find("坏")
        if start != -1:
            yield self.diagnostic(start, start + 1, "`坏`")
"""


def test_a_rule_from_a_package_no_entry_point_names_is_read_afresh(tmp_path):
    """The rules are kept under a key that sees the files of the packages the
    entry points name: a rule one of them takes from another package is read
    afresh each run, so a change to it is seen."""
    source = "from wenlint_test_foreign import Foreign  # noqa: F401\n"
    env = _project_with_rule(tmp_path, "wenlint_test_entry", source, "wenlint_test_entry:Foreign")
    # (no bytecode kept: the rule edited within the second, to the same size, would be read from it)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    for code in ("Z960", "Z961"):
        (tmp_path / "site" / "wenlint_test_foreign.py").write_text(FOREIGN_RULE.replace("Z960", code), encoding="utf-8")
        run = _check_doc(tmp_path, env)
        assert run.returncode == 1 and f"doc.txt:1:3: {code} `坏`" in run.stdout, run.stdout + run.stderr


INHERITED_CODE = (
    FOREIGN_RULE.replace("Foreign", "Base").replace("Z960", "Z970")
    + """

class Child(Base):
    name = "child"

    def check(self, doc):
        for finding in super().check(doc):
            yield self.diagnostic(finding.start, finding.end, "child")
"""
)


def test_a_rule_that_inherits_its_code_is_made_from_its_own_class(tmp_path):
    """The entry point names Child, which takes its code from Base in the same
    module: runs that read the rules kept between runs make Child, not Base."""
    env = _project_with_rule(tmp_path, "wenlint_test_inherit", INHERITED_CODE, "wenlint_test_inherit:Child")
    for _ in range(2):  # the first run keeps the rules, the second reads them
        run = _check_doc(tmp_path, env)
        assert run.returncode == 1 and "doc.txt:1:3: Z970 child" in run.stdout, run.stdout + run.stderr


def _project_with_rule(tmp_path: Path, module: str, source: str, entry_point: str) -> dict[str, str]:
    """``doc.txt`` with a `坏` and a config selecting Z9 rules in ``tmp_path``, the rule
    module installed in ``tmp_path/site``; the environment of a command that has it,
    with a user cache folder of its own."""
    (tmp_path / "doc.txt").write_text("天气坏。\n", encoding="utf-8")
    (tmp_path / "wenlint.toml").write_text('extend-select = ["Z9"]\n', encoding="utf-8")
    env = install_rules(tmp_path / "site", module, source, entry_point)
    return {**env, "XDG_CACHE_HOME": str(tmp_path / "cache-home")}


def _check_doc(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "wenlint", "check", "doc.txt", "--no-cache", "--output-format", "concise"]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False)


ENTRY = """\
import atexit, sys
from wenlint.cli import entry

class Torn:
    def __del__(self):
        sys.stderr.write("torn down\\n")

kept = Torn()
atexit.register(lambda: sys.stderr.write("exit handler ran\\n"))
sys.argv = ["wenlint", *sys.argv[1:]]
entry()
"""


def test_the_entry_point_flushes_runs_exit_handlers_and_keeps_the_exit_code(tmp_path):
    lines = "".join(f"第{n}行,还有一行。\n" for n in range(3000))  # a report far larger than any buffer
    (tmp_path / "doc.txt").write_text(lines, encoding="utf-8")
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    run = _python(ENTRY, "check", "doc.txt", "--select", "M001", "--output-format", "json", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert len(json.loads(run.stdout)) == 3000
    assert run.stderr == "exit handler ran\n"  # and the heap was left as it was: nothing torn down


def test_main_returns_to_an_in_process_caller(tmp_path):
    (tmp_path / "doc.txt").write_text("好的。\n", encoding="utf-8")
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    run = _python(
        "import sys; from wenlint.cli import main; print('returned', main(sys.argv[1:]))",
        "check",
        "doc.txt",
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.endswith("returned 0\n")


TABLE_RULE = """\
import functools
import os

from wenlint import Example, Rule


@functools.cache
def table():
    with open(os.environ["TABLE_LOG"], "a") as log:
        log.write(f"built {os.getpid()}\\n")
    return {"好"}


class UsesATable(Rule):
    code = "Z903"
    name = "uses-a-table"
    summary = "Builds a table on first use, and logs that and every check with its process id"
    flags = "A probe for tests."
    good = (Example("好的。"),)

    def check(self, doc):
        table()
        with open(os.environ["TABLE_LOG"], "a") as log:
            log.write(f"checked {os.getpid()}\\n")
        return []
"""


def _check_in_two_workers(tmp_path: Path, rule: str, code: str, documents: dict[str, str]) -> tuple[int, list[str]]:
    """``wenlint check docs --workers 2 --select CODE`` with the test rule
    ``rule`` installed, over ``documents`` (name -> text): the command's
    process id, and the lines the rule logged."""
    log = tmp_path / "table.log"
    env = {
        **install_rules(tmp_path / "site", f"wenlint_test_{code.lower()}", rule),
        "WENLINT_PARALLEL_BYTES": "0",
        "TABLE_LOG": str(log),
    }
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    for name, text in documents.items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "wenlint", "check", "docs", "--workers", "2", "--select", code]
    process = subprocess.Popen(command, env=env, cwd=tmp_path)
    assert process.wait(timeout=120) == 0
    return process.pid, log.read_text().splitlines()


def _numbered(count: int) -> dict[str, str]:
    return {f"doc{number}.txt": f"第{number}篇。\n" for number in range(count)}


def test_workers_share_the_tables_the_command_built_before_starting_them(tmp_path):
    pid, entries = _check_in_two_workers(tmp_path, TABLE_RULE, "Z903", _numbered(6))
    assert entries[0] == f"built {pid}"  # by the command, before any worker started
    checked_in = {entry.split()[1] for entry in entries if entry.startswith("checked ")}
    assert len(checked_in - {str(pid)}) == 2, entries  # two workers checked the documents …
    assert [entry for entry in entries if entry.startswith("built ")] == [f"built {pid}"]  # … and built nothing


MARKDOWN_TABLE_RULE = (
    TABLE_RULE.replace("Z903", "Z904")
    .replace('good = (Example("好的。"),)', 'good = (Example("好的。"), Example("# 标题", path="notes.md"))')
    .replace("        table()\n", "        if doc.is_markdown:\n            table()\n")
)


@pytest.mark.parametrize(
    ("markdown", "builders"),
    [(None, "none"), ("a.md", "the command"), ("notes.md", "workers")],
    ids=["plain text", "Markdown first", "Markdown after plain text"],
)
def test_what_only_markdown_needs_is_built_before_the_workers_start_only_when_the_first_file_needs_it(
    tmp_path, markdown, builders
):
    documents = _numbered(4) | ({markdown: "# 标题\n"} if markdown else {})  # checked in the order of their names
    pid, entries = _check_in_two_workers(tmp_path, MARKDOWN_TABLE_RULE, "Z904", documents)
    built = [int(entry.split()[1]) for entry in entries if entry.startswith("built ")]
    if builders == "none":  # though the rule's examples hold Markdown
        assert built == []
    elif builders == "the command":  # before the workers, from the start of the first file
        assert built == [pid]
    else:  # by the worker that met the Markdown file, after the fork
        assert len(built) == 1 and built[0] != pid, entries


EXAMPLE_TABLE_RULE = (
    TABLE_RULE.replace("Z903", "Z905")
    .replace('good = (Example("好的。"),)', 'good = (Example("好的。"), Example("這是繁體字。"))')
    .replace("        table()\n", "        if '這' in doc.text:\n            table()\n")
)


def test_a_table_only_the_rules_examples_need_is_not_built_for_a_run_whose_text_does_not(tmp_path):
    pid, entries = _check_in_two_workers(tmp_path, EXAMPLE_TABLE_RULE, "Z905", _numbered(4))
    assert [entry for entry in entries if entry.startswith("built ")] == []
    assert len([entry for entry in entries if entry.startswith("checked ") and entry != f"checked {pid}"]) == 4


FIRST_CHARACTER_RULE = TABLE_RULE.replace("Z903", "Z906").replace(
    'log.write(f"checked {os.getpid()}\\n")', 'log.write(f"checked {os.getpid()} {doc.text[:1]}\\n")'
)


def test_a_large_first_file_is_not_read_before_the_workers_start(tmp_path):
    from wenlint.runner import WARM_FILE_BYTES

    line = "好的。\n"
    large = "大" + line * (WARM_FILE_BYTES // len(line.encode()) + 1)
    documents = {"doc0.txt": large, "doc1.txt": "小\n", "doc2.txt": "中\n"}
    pid, entries = _check_in_two_workers(tmp_path, FIRST_CHARACTER_RULE, "Z906", documents)
    assert entries[:2] == [f"built {pid}", f"checked {pid} 小"]  # the start of the first small file
    assert sorted(entry.split()[2] for entry in entries[2:]) == ["中", "大", "小"]  # then each file in a worker


def test_workers_for_plain_text_start_without_the_markdown_parser():
    probe = (
        "import sys; from wenlint.config import Settings; from wenlint.runner import warm; "
        "warm([Settings()], markdown=sys.argv[1] == 'markdown'); print('markdown_it' in sys.modules)"
    )
    plain, markdown = (_python(probe, kind) for kind in ("plain", "markdown"))
    assert (plain.stdout, plain.stderr) == ("False\n", "")
    assert (markdown.stdout, markdown.stderr) == ("True\n", "")
