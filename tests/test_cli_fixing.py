"""``wenlint check`` as it fixes: patches that apply, counts that agree, the
fixing flags (``--fix-only``, ``--exit-non-zero-on-fix``) and the
``fixable``/``unfixable`` configuration. Real commands, real ``git``."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import SEED_FILES, wenlint
from rule_packages import install_rules

BAD = "今天,我们开会。刘**同志主持。\n"


def files_of(directory):
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_diff_of_files_without_a_final_line_break_applies_with_git(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "wenlint.toml").write_text("", encoding="utf-8")
    for seed in SEED_FILES[:3]:
        text = seed.read_text(encoding="utf-8").rstrip("\n")
        (project / seed.name).write_text(text, encoding="utf-8")  # no final line break, as most scraped text
    (project / "crlf.txt").write_bytes("第一行,\r\n今天,我们".encode())  # CRLF, and no final break either
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    result = wenlint("check", ".", "--diff", cwd=project)
    patch = result.stdout.decode()
    assert result.returncode == 1
    assert patch.count("\\ No newline at end of file\n") >= 2 * 4  # the old and the new last line of each file
    (tmp_path / "fix.patch").write_bytes(result.stdout)
    applied = subprocess.run(["git", "apply", "--check", "-v", "../fix.patch"], cwd=project, capture_output=True)
    assert applied.returncode == 0, applied.stderr.decode()
    subprocess.run(["git", "apply", "../fix.patch"], cwd=project, check=True)
    patched = files_of(project)
    for path in project.glob("*.txt"):
        path.write_bytes(b"")
    for name, data in patched.items():
        (project / name).write_bytes(data)
    assert wenlint("check", ".", "--diff", cwd=project).stdout == b""  # the patch did what --fix does
    assert not patched["crlf.txt"].endswith(b"\n") and b"\r\n" in patched["crlf.txt"]


def test_an_empty_file_is_clean(tmp_path):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    for name in ("empty.md", "empty.txt"):
        (tmp_path / name).write_bytes(b"")
    result = wenlint("check", "empty.md", "empty.txt", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode() == "All checks passed!\n"
    assert wenlint("check", "-", "--fix", stdin=b"", cwd=tmp_path).returncode == 0


def _count(pattern: str, text: str) -> int:
    match = re.search(pattern, text)
    assert match, (pattern, text)
    return int(match.group(1))


def test_the_summary_counts_what_diff_and_fix_then_do(seeds_copy):
    """Over overlapping fixes (M003 and M001 on the same pinyin), fixes that
    take several passes, and a Markdown fix the engine leaves for review."""
    (seeds_copy / "list.md").write_text("１２３. 第一条,见下文。\n", encoding="utf-8")  # made display-only
    report = wenlint("check", str(seeds_copy), "--output-format", "concise").stdout.decode()
    safe = _count(r"(\d+) fixable with `--fix`", report)
    unsafe = _count(r"(\d+) more fixable with `--fix --unsafe-fixes`", report)
    assert "list.md:1:1: M004 " in report  # a fix for review: no [*]
    diff = wenlint("check", str(seeds_copy), "--diff").stderr.decode()
    assert _count(r"Would fix (\d+) findings", diff) == safe
    both = wenlint("check", str(seeds_copy), "--diff", "--unsafe-fixes").stderr.decode()
    assert _count(r"Would fix (\d+) findings", both) == safe + unsafe
    fixed = wenlint("check", str(seeds_copy), "--fix", "--output-format", "concise").stdout.decode()
    assert _count(r"Fixed (\d+) findings", fixed) == safe
    assert "fixable with `--fix`." not in fixed


def test_fix_only_fixes_and_reports_nothing_left(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    result = wenlint("check", str(path), "--fix-only")
    assert result.returncode == 0 and result.stdout.decode() == "Fixed 1 finding.\n"
    assert path.read_text(encoding="utf-8") == "今天，我们开会。刘**同志主持。\n"  # P001 is left, and not reported
    again = wenlint("check", str(path), "--fix-only")
    assert again.returncode == 0 and again.stdout.decode() == "No fixes applied.\n"
    assert wenlint("check", str(path), "--fix-only", "--exit-non-zero-on-fix").returncode == 0


def test_the_diff_goes_to_the_output_file_and_machine_formats_leave_out_its_summary(tmp_path):
    """As in ruff, whatever the format ``--diff`` prints the diff; the summary
    line is for the text formats. ``-o FILE`` takes the diff, as it takes the report."""
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    plain = wenlint("check", "a.txt", "--diff", cwd=tmp_path)
    assert plain.stdout.startswith(b"--- a/a.txt\n") and plain.stderr == b"Would fix 1 finding.\n"
    to_file = wenlint("check", "a.txt", "--diff", "-o", "out/fix.patch", cwd=tmp_path)
    assert (to_file.returncode, to_file.stdout, to_file.stderr) == (1, b"", plain.stderr)
    assert (tmp_path / "out" / "fix.patch").read_bytes() == plain.stdout
    for output_format in ("json", "sarif", "github"):
        machine = wenlint("check", "a.txt", "--diff", "--output-format", output_format, cwd=tmp_path)
        assert (machine.returncode, machine.stdout, machine.stderr) == (1, plain.stdout, b"")
    only = wenlint("check", "a.txt", "--fix-only", "--output-format", "json", cwd=tmp_path)
    assert (only.returncode, only.stdout) == (0, b"")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "今天，我们开会。刘**同志主持。\n"


GROWER = """\
from wenlint import Fix, Rule


class Grower(Rule):
    code = "Z960"
    name = "grower"
    summary = "A text with `坏` wants one more at its end"
    flags = "Any `坏`; its fix never settles."

    def check(self, doc):
        if "坏" in doc.text:
            end = len(doc.text)
            yield self.diagnostic(end, end, "more", Fix.replace(end, end, "坏"))
"""


def _with_grower(tmp_path) -> dict[str, str]:
    """A project selecting the rule GROWER, installed: the environment to run wenlint in."""
    env = install_rules(tmp_path / "site", "wenlint_test_grower", GROWER)
    (tmp_path / "wenlint.toml").write_text('extend-select = ["Z960"]\n', encoding="utf-8")
    return env


def test_a_diff_of_fixes_that_do_not_settle_is_not_called_no_fixes(tmp_path):
    env = _with_grower(tmp_path)
    (tmp_path / "a.txt").write_text("天气坏。\n", encoding="utf-8")
    result = wenlint("check", "a.txt", "--diff", cwd=tmp_path, env=env)
    assert result.returncode == 2 and "\n+坏坏" in result.stdout.decode()
    errors, summary = result.stderr.decode().splitlines()
    assert errors.startswith("error: a.txt: fixes did not settle")
    assert summary == "Would change 1 file, fixing no finding."


def test_fixes_that_do_not_settle_say_they_changed_the_file_fixing_no_finding(tmp_path):
    env = _with_grower(tmp_path)
    path = tmp_path / "a.txt"
    for option in ("--fix-only", "--fix"):
        path.write_text("天气坏。\n", encoding="utf-8")
        result = wenlint("check", "a.txt", option, "--no-cache", cwd=tmp_path, env=env)
        assert path.read_text(encoding="utf-8").startswith("天气坏。\n坏坏")
        assert "Changed 1 file, fixing no finding.\n" in result.stdout.decode(), option
        assert "No fixes applied." not in result.stdout.decode()


SWAP = """\
from wenlint import Fix, Rule


class Swap(Rule):
    code = "Z961"
    name = "swap"
    summary = "`坏` and `壞` are flagged; the fix writes `壞`"
    flags = "Any `坏` or `壞`; fixing changes the text, settles, and leaves the finding."

    def check(self, doc):
        for at, char in enumerate(doc.text):
            if char in "坏壞":
                yield self.diagnostic(at, at + 1, "bad", Fix.replace(at, at + 1, "壞"))
"""


def test_a_change_that_fixes_no_finding_still_fails_diff_and_exit_non_zero_on_fix(tmp_path):
    """As in ruff, a diff that is not empty exits 1, and a file fixing changed is a file fixed."""
    env = install_rules(tmp_path / "site", "wenlint_test_swap", SWAP)
    (tmp_path / "wenlint.toml").write_text('extend-select = ["Z961"]\n', encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("天气坏。\n", encoding="utf-8")
    diff = wenlint("check", "a.txt", "--diff", cwd=tmp_path, env=env)
    assert "+天气壞。" in diff.stdout.decode() and diff.stderr == b"Would change 1 file, fixing no finding.\n"
    assert diff.returncode == 1
    fixed = wenlint("check", "a.txt", "--fix-only", "--exit-non-zero-on-fix", cwd=tmp_path, env=env)
    assert path.read_text(encoding="utf-8") == "天气壞。\n" and fixed.returncode == 1
    again = wenlint("check", "a.txt", "--fix-only", "--exit-non-zero-on-fix", cwd=tmp_path, env=env)
    assert again.returncode == 0 and again.stdout == b"No fixes applied.\n"  # nothing changes now


def test_exit_non_zero_on_fix(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("今天,我们开会。\n", encoding="utf-8")
    assert wenlint("check", str(path), "--diff", "--exit-non-zero-on-fix").returncode == 1
    fixed = wenlint("check", str(path), "--fix", "--exit-non-zero-on-fix")
    assert fixed.returncode == 1 and "Fixed 1 finding." in fixed.stdout.decode()
    assert wenlint("check", str(path), "--fix", "--exit-non-zero-on-fix").returncode == 0  # nothing left to fix
    path.write_text("今天,我们开会。\n", encoding="utf-8")
    only = wenlint("check", str(path), "--fix-only", "--exit-non-zero-on-fix")
    assert only.returncode == 1 and path.read_text(encoding="utf-8") == "今天，我们开会。\n"
    path.write_text("今天,我们开会。\n", encoding="utf-8")
    assert wenlint("check", str(path), "--fix", "--exit-non-zero-on-fix", "--exit-zero").returncode == 0


def test_unfixable_rules_stay_on_but_fix_leaves_them_alone(tmp_path):
    text = "今天,我们开会。２０２２年。\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    config = tmp_path / "wenlint.toml"
    config.write_text('unfixable = ["M001"]\n', encoding="utf-8")
    report = wenlint("check", str(path), "--output-format", "concise").stdout.decode()
    assert ":1:3: M001 half-width" in report and "M004 [*]" in report  # M001 found, but no fix marker
    assert "1 fixable with `--fix`." in report
    result = wenlint("check", str(path), "--fix", "--output-format", "concise")
    assert path.read_text(encoding="utf-8") == "今天,我们开会。2022年。\n"
    assert result.returncode == 1 and "Fixed 1 finding." in result.stdout.decode()
    path.write_text(text, encoding="utf-8")
    config.write_text('fixable = ["M001"]\nextend-fixable = ["M004"]\nunfixable = ["M"]\n', encoding="utf-8")
    wenlint("check", str(path), "--fix")  # the more specific selector wins, as in ruff
    assert path.read_text(encoding="utf-8") == "今天，我们开会。2022年。\n"
    config.write_text('unfixable = ["Q9"]\n', encoding="utf-8")
    bad = wenlint("check", str(path))
    assert bad.returncode == 2 and "'unfixable'" in bad.stderr.decode() and "'Q9'" in bad.stderr.decode()
