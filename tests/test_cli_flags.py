"""``wenlint check`` flags as a ruff user expects them: how loud, which
colour, where the report goes, what would be checked and how, and the
command line's own rules (no abbreviations, ``-V``, ``--workers``)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
from conftest import ROOT, wenlint

BAD = "今天,我们开会。刘**同志主持。\n"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def project(tmp_path):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_quiet_silent_and_verbose(project):
    quiet = wenlint("check", "a.txt", "-q", "--output-format", "concise", cwd=project)
    assert quiet.returncode == 1
    assert [line.split(": ")[1].split()[0] for line in quiet.stdout.decode().splitlines()] == ["M001", "P001"]
    silent = wenlint("check", "a.txt", "--silent", cwd=project)
    assert (silent.returncode, silent.stdout, silent.stderr) == (1, b"", b"")
    assert wenlint("check", "a.txt", "-s", "--fix", cwd=project).stdout == b""
    clean = wenlint("check", "a.txt", "-q", cwd=project)  # fixed above: only P001 left, no summary
    assert "Found" not in clean.stdout.decode() and "P001" in clean.stdout.decode()
    verbose = wenlint("check", "a.txt", "-v", "--no-cache", cwd=project)
    said = verbose.stderr.decode()
    assert f"config file for a.txt: {project / 'wenlint.toml'}" in said and "1 file to check" in said
    assert "checking 1 file in this process" in said
    wenlint("check", "a.txt", cwd=project)
    cached = wenlint("check", "a.txt", "--verbose", cwd=project).stderr.decode()
    assert "checking 0 files in this process" in cached and "1 result from the cache" in cached
    both = wenlint("check", "a.txt", "-q", "-s", cwd=project)
    assert both.returncode == 2 and "not allowed with" in both.stderr.decode()


def test_color_flag_and_environment(project):
    def painted(*args, env_extra=None):
        import os

        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
        env.update(env_extra or {})
        out = wenlint("check", "a.txt", "--output-format", "concise", *args, cwd=project, env=env).stdout.decode()
        assert "M001" in out
        return bool(ANSI.search(out))

    assert not painted()  # a pipe
    assert painted("--color", "always")
    assert painted("--color", "always", env_extra={"NO_COLOR": "1"})  # the flag wins over the environment
    assert painted(env_extra={"FORCE_COLOR": "1"})
    assert not painted("--color", "never", env_extra={"FORCE_COLOR": "1"})
    assert not painted(env_extra={"FORCE_COLOR": "1", "NO_COLOR": "1"})


def test_output_file_short_flag_creates_its_folders(project):
    result = wenlint("check", "a.txt", "-o", "reports/ci/wenlint.json", "--output-format", "json", cwd=project)
    assert result.returncode == 1 and result.stdout == b""
    found = json.loads((project / "reports" / "ci" / "wenlint.json").read_text(encoding="utf-8"))
    assert [item["code"] for item in found] == ["M001", "P001"]


def test_statistics_honour_the_json_format(project):
    as_json = wenlint("check", "a.txt", "--statistics", "--output-format", "json", cwd=project)
    rows = json.loads(as_json.stdout)
    assert rows == [
        {"code": "M001", "name": "halfwidth-punctuation", "count": 1, "fixable": True, "applicability": "safe"},
        {"code": "P001", "name": "masked-asterisks", "count": 1, "fixable": False, "applicability": None},
    ]
    table = wenlint("check", "a.txt", "--statistics", cwd=project).stdout.decode()
    assert "      1\tM001\t[*] halfwidth-punctuation\n" in table


def test_rules_are_not_cut_when_piped():
    listing = wenlint("rules").stdout.decode()
    from wenlint.registry import all_rules

    for code, rule in all_rules().items():
        row = next(line for line in listing.splitlines() if line.startswith(code + " "))
        assert rule.name in row and rule.summary in row, row
    assert "…" not in listing


def test_write_baseline_reports_only_the_count_and_the_score_leaves_out_what_it_hides(project):
    written = wenlint("check", "a.txt", "--write-baseline", "base.json", cwd=project)
    assert written.returncode == 0 and written.stdout == b""
    assert written.stderr.decode() == "wrote 2 findings to baseline base.json\n"
    (project / "a.txt").write_text(BAD + "明天,再说。\n", encoding="utf-8")
    report = wenlint("check", "a.txt", "--baseline", "base.json", "--output-format", "concise", cwd=project)
    (project / "b.txt").write_text("明天,再说。\n", encoding="utf-8")  # the one new finding, alone
    alone = wenlint("check", "b.txt", "--output-format", "concise", cwd=project).stdout.decode()
    full = wenlint("check", "a.txt", "--output-format", "concise", cwd=project).stdout.decode()
    score = re.search(r"Quality score: (\d+)/100", report.stdout.decode()).group(1)
    assert score != re.search(r"Quality score: (\d+)/100", full).group(1)  # the hidden findings do not count
    assert int(score) > int(re.search(r"Quality score: (\d+)/100", full).group(1))
    assert int(score) == int(re.search(r"Quality score: (\d+)/100", alone).group(1))  # one finding, short texts
    updated = wenlint("check", "a.txt", "--baseline", "base.json", "--write-baseline", "new.json", cwd=project)
    assert updated.stderr.decode() == "wrote 3 findings to baseline new.json\n"  # the accepted ones are kept


def test_show_files_and_show_settings(project):
    (project / "sub").mkdir()
    (project / "sub" / "b.md").write_text(BAD, encoding="utf-8")
    (project / "sub" / "wenlint.toml").write_text('ignore = ["P"]\nunfixable = ["M001"]\n', encoding="utf-8")
    files = wenlint("check", ".", "--show-files", cwd=project)
    assert (files.returncode, files.stdout.decode()) == (0, "./a.txt\n./sub/b.md\n")
    shown = wenlint("check", "a.txt", "sub", "--show-settings", cwd=project).stdout.decode()
    first, second = shown.split("\n\n")
    assert first.startswith("Files (1):\n  a.txt\nConfig file: " + str(project / "wenlint.toml"))
    assert "  P001\n" in first and "  M001 *\n" in first and "include = ['*.txt', '*.md']" in first
    assert second.startswith("Files (1):\n  sub/b.md\nConfig file: " + str(project / "sub" / "wenlint.toml"))
    assert "P001" not in second and "  M001\n" in second and "unfixable = ['M001']" in second


def test_exclude_and_per_file_ignores_on_the_command_line(project):
    (project / "sub").mkdir()
    (project / "sub" / "b.txt").write_text(BAD, encoding="utf-8")
    (project / "wenlint.toml").write_text('exclude = ["a.txt"]\n', encoding="utf-8")
    assert wenlint("check", ".", "--show-files", cwd=project).stdout.decode() == "./sub/b.txt\n"
    replaced = wenlint("check", ".", "--show-files", "--exclude", "sub/", cwd=project).stdout.decode()
    assert replaced == "./a.txt\n"
    extended = wenlint("check", ".", "--show-files", "--extend-exclude", "b.txt", cwd=project)
    assert extended.stdout == b"" and "warning: no files to check in ." in extended.stderr.decode()
    inside = wenlint("check", ".", "--show-files", "--exclude", "b.txt", cwd=project / "sub")  # relative to here
    assert inside.stdout == b""
    ignored = wenlint(
        "check", ".", "--output-format", "concise", "--per-file-ignores", "sub/*.txt:P001,*.txt:m0", cwd=project
    )
    assert ignored.returncode == 0 and "All checks passed!" in ignored.stdout.decode()
    extend = wenlint("check", ".", "--output-format", "concise", "--extend-per-file-ignores", "b.txt:M", cwd=project)
    assert [line.split(": ")[1].split()[0] for line in extend.stdout.decode().splitlines() if ".txt:" in line] == [
        "P001"
    ]
    bad = wenlint("check", ".", "--per-file-ignores", "sub/*.txt", cwd=project)
    assert bad.returncode == 2 and "GLOB:CODE" in bad.stderr.decode()
    unknown = wenlint("check", ".", "--per-file-ignores", "*.txt:Q9", cwd=project)
    assert unknown.returncode == 2 and "'Q9'" in unknown.stderr.decode()


def test_exclude_and_per_file_ignores_from_above_the_config_root(project):
    """Run from the folder above the project (a monorepo's top, say): the
    globs are still relative to the current directory, not ignored."""
    (project / "sub").mkdir()
    (project / "sub" / "b.txt").write_text(BAD, encoding="utf-8")
    name = project.name

    def shown(*args):
        return wenlint("check", name, "--show-files", *args, cwd=project.parent).stdout.decode().splitlines()

    assert shown() == [f"{name}/a.txt", f"{name}/sub/b.txt"]
    assert shown("--exclude", "b.txt") == [f"{name}/a.txt"]  # no slash: at any depth
    assert shown("--exclude", f"{name}/sub/") == [f"{name}/a.txt"]
    assert shown("--extend-exclude", f"{name}/a.txt") == [f"{name}/sub/b.txt"]
    assert shown("--exclude", "elsewhere/a.txt") == [f"{name}/a.txt", f"{name}/sub/b.txt"]
    ignored = wenlint(
        "check",
        name,
        "--output-format",
        "concise",
        "--per-file-ignores",
        f"{name}/sub/*.txt:P,*.txt:M",
        cwd=project.parent,
    )
    codes = [line.split(": ")[1].split()[0] for line in ignored.stdout.decode().splitlines() if ".txt:" in line]
    assert codes == ["P001"]  # a.txt's; sub/b.txt has neither


def test_no_file_matched_is_a_warning_not_all_checks_passed(project):
    (project / "notes.html").write_text(BAD, encoding="utf-8")
    (project / "a.txt").unlink()
    result = wenlint("check", ".", cwd=project)
    assert result.returncode == 0 and result.stdout == b""
    assert result.stderr.decode() == "warning: no files to check in . (see include, exclude and .gitignore)\n"
    for flag in ("-q", "-s"):  # "no summary or other message"
        assert wenlint("check", ".", flag, cwd=project).stderr == b""


def test_version_abbreviations_and_workers():
    for flag in ("-V", "--version"):
        result = wenlint(flag)
        assert result.returncode == 0 and result.stdout.decode().startswith("wenlint ")
    for abbreviated in (["check", "--stat", "seeds/"], ["check", "--output-f", "json", "seeds/"]):
        result = wenlint(*abbreviated, cwd=ROOT)
        assert result.returncode == 2 and "unrecognized arguments" in result.stderr.decode()
    for workers in ("0", "-3"):
        result = wenlint("check", "--workers", workers, "seeds/", cwd=ROOT)
        assert result.returncode == 2 and result.stdout == b""
        assert result.stderr.decode() == f"error: --workers must be at least 1, not {workers}\n"


def test_paths_may_come_after_options(project):
    (project / "b.txt").write_text(BAD, encoding="utf-8")
    (project / "-c.txt").write_text(BAD, encoding="utf-8")
    result = wenlint("check", "a.txt", "--exit-zero", "b.txt", "--output-format", "concise", "-q", cwd=project)
    assert result.returncode == 0
    assert sorted({line.split(":")[0] for line in result.stdout.decode().splitlines()}) == ["a.txt", "b.txt"]
    for args in (
        ["a.txt", "--show-files", "b.txt", "--", "-c.txt"],
        ["--show-files", "--", "-c.txt", "a.txt", "b.txt"],
    ):
        shown = wenlint("check", *args, cwd=project)
        assert shown.stdout.decode().split() == ["-c.txt", "a.txt", "b.txt"], args
    unknown = wenlint("check", "a.txt", "--exit-zero", "b.txt", "--bogus", cwd=project)
    assert unknown.returncode == 2 and "unrecognized arguments: --bogus" in unknown.stderr.decode()


def test_every_new_flag_is_in_the_help_and_the_readme():
    help_text = wenlint("check", "--help").stdout.decode()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for flag in (
        "--fix-only",
        "--exit-non-zero-on-fix",
        "--quiet",
        "--silent",
        "--verbose",
        "--show-files",
        "--show-settings",
        "--color",
        "--per-file-ignores",
        "--extend-per-file-ignores",
        "--exclude",
        "--extend-exclude",
        "-o FILE, --output-file",
    ):
        assert flag in help_text, flag
        assert flag.split(", ")[-1] in readme, flag
    for key in ("fixable", "extend-fixable", "unfixable"):
        assert f"\n{key} = " in readme, key


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_info_exclude_and_core_excludes_file_are_honoured(project, tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config")}
    env = {key: value for key, value in env.items() if not key.startswith("GIT_")}
    subprocess.run(["git", "init", "-q"], cwd=project, check=True, env=env)
    for name in ("private/p.txt", "draft.txt", "mine.txt", "sub/kept.txt"):
        (project / name).parent.mkdir(exist_ok=True)
        (project / name).write_text(BAD, encoding="utf-8")
    (project / ".git" / "info").mkdir(exist_ok=True)
    (project / ".git" / "info" / "exclude").write_text("private/\n", encoding="utf-8")
    (home / "config" / "git").mkdir(parents=True)
    (home / "config" / "git" / "ignore").write_text("draft.txt\n", encoding="utf-8")  # git's default excludes file

    def checked():
        out = wenlint("check", ".", "--show-files", cwd=project, env=env).stdout.decode()
        return out.splitlines()

    assert checked() == ["./a.txt", "./mine.txt", "./sub/kept.txt"]
    (home / "excludes").write_text("mine.txt\n", encoding="utf-8")
    subprocess.run(["git", "config", "core.excludesFile", str(home / "excludes")], cwd=project, check=True, env=env)
    assert checked() == ["./a.txt", "./draft.txt", "./sub/kept.txt"]  # the configured file replaces the default
    (project / "wenlint.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert len(checked()) == 5
