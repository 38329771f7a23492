"""The result cache, through the real command: a file whose content, name,
rules, options and wenlint are unchanged is not linted again, and its
result is replayed exactly; anything else is linted afresh.

A probe rule, installed as a plugin would be, logs every document it lints:
a file missing from the log of a run was replayed from the cache."""

from __future__ import annotations

import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS
from rule_packages import install_rules

from wenlint.cache import ENTRIES, FORMAT, ResultCache
from wenlint.config import Settings
from wenlint.results import FileResult
from wenlint.runner import Job

pytestmark = pytest.mark.slow  # each test runs the command a few times, a second or so each

PROBE = """\
import os

from wenlint import Example, Option, Rule

if "PROBE_IMPORTS" in os.environ:
    with open(os.environ["PROBE_IMPORTS"], "a", encoding="utf-8") as log:
        log.write("imported\\n")


class Probe(Rule):
    code = "Z950"
    name = "probe"
    summary = "Flags a word; logs every document it lints"
    flags = "The word of its option `word`, by default `坏`."
    good = (Example("好的。"),)
    options = {"word": Option("坏", "the word to flag")}

    def check(self, doc):
        with open(os.environ["PROBE_LOG"], "a", encoding="utf-8") as log:
            log.write(os.path.basename(doc.path) + "\\n")
        word = self.settings["word"]
        start = doc.text.find(word)
        if start != -1:
            yield self.diagnostic(start, start + len(word), f"`{word}`")
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a config, two documents, the probe installed; the cache at its default place."""
    monkeypatch.delenv("WENLINT_CACHE_DIR")
    for key, value in install_rules(tmp_path / "site", "wenlint_test_probe", PROBE).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("PROBE_LOG", str(tmp_path / "probe.log"))
    monkeypatch.setenv("PROBE_IMPORTS", str(tmp_path / "imports.log"))
    root = tmp_path / "project"
    root.mkdir()
    (root / "wenlint.toml").write_text('extend-select = ["Z950"]\n', encoding="utf-8")
    (root / "a.txt").write_text("今天,天气坏。\n", encoding="utf-8")
    (root / "b.md").write_text("# 标题\n\n天气好。\n", encoding="utf-8")
    return root


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "wenlint", "check", *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=120, check=False)


def linted(project: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """A run and the files linted in it (as against replayed), each named once."""
    log = Path(os.environ["PROBE_LOG"])
    log.unlink(missing_ok=True)
    result = run(project, *args)
    names = set(log.read_text(encoding="utf-8").split()) if log.exists() else set()
    return result, sorted(names - {"example.txt"})  # before starting workers, rules run on their examples


def entries(directory: Path) -> list[Path]:
    return sorted((directory / ENTRIES).iterdir())


def imported(project: Path, *args: str) -> bool:
    """Whether a run imported the probe's rule module."""
    log = Path(os.environ["PROBE_IMPORTS"])
    log.unlink(missing_ok=True)
    run(project, *args)
    return log.exists()


def test_entries_are_whole_files_with_the_usual_mode(project):
    umask = os.umask(0o022)
    os.umask(umask)
    assert run(project).returncode == 1
    kept = entries(project / ".wenlint_cache")
    assert [len(entry.name) for entry in kept] == [40, 40]  # no temporary file left beside them
    assert {stat.S_IMODE(entry.stat().st_mode) for entry in kept} == {0o666 & ~umask}


def test_a_second_run_replays_every_result_exactly(project):
    assert linted(project)[1] == ["a.txt", "b.md"]
    for output in (
        ["full"],
        ["concise"],
        ["json"],
        ["sarif"],
        ["github"],
        ["full", "--statistics"],
        ["json", "--statistics"],
    ):
        fresh = run(project, "--no-cache", "--output-format", *output)
        replayed, files = linted(project, "--output-format", *output)
        assert files == []
        assert (replayed.returncode, replayed.stdout, replayed.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)
    assert fresh.returncode == 1 and "Z950" in fresh.stdout and "M001" in fresh.stdout
    assert len(entries(project / ".wenlint_cache")) == 2


def test_the_seeds_replay_the_same_report_and_exit_code(tmp_path, own_result_cache):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "wenlint.toml").write_text('per-file-ignores = { "seeds/DEFECTS.md" = ["ALL"] }\n', encoding="utf-8")
    runs = [run(tmp_path, "seeds", "--output-format", "json", "--statistics") for _ in range(2)]
    runs += [run(tmp_path, "seeds") for _ in range(2)]
    assert runs[0].returncode == 1 and runs[0].stdout
    assert (runs[0].returncode, runs[0].stdout) == (runs[1].returncode, runs[1].stdout)
    assert (runs[2].returncode, runs[2].stdout) == (runs[3].returncode, runs[3].stdout)
    assert len(entries(own_result_cache)) == 6  # five seeds and DEFECTS.md (no rule runs on it: nothing found)


def test_the_default_cache_is_at_the_project_root_and_ignored_by_git(project):
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    (project / "sub").mkdir()
    (project / "sub" / "c.txt").write_text("好的。\n", encoding="utf-8")
    result = run(project / "sub", ".")
    assert result.returncode == 0, result.stderr
    assert not (project / "sub" / ".wenlint_cache").exists()
    assert (project / ".wenlint_cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    status = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True, check=True)
    assert ".wenlint_cache" not in status.stdout and "sub/" in status.stdout


def test_a_run_that_replays_every_result_imports_no_rule(project):
    assert imported(project)
    assert not imported(project)
    assert not imported(project, "--statistics", "--output-format", "json")
    assert imported(project, "--output-format", "sarif")  # which describes every rule
    (project / "a.txt").write_text("今天,天气很坏。\n", encoding="utf-8")
    assert imported(project)


MODULES = "import sys; from wenlint.cli import main; main(sys.argv[1:]); print(*sorted(sys.modules), file=sys.stderr)"


def test_a_run_that_replays_every_result_loads_no_engine(project):
    """Nor the rules' regular expressions, the document model or worker processes."""
    command = [sys.executable, "-c", MODULES, "check", "."]
    loaded = [subprocess.run(command, cwd=project, capture_output=True, text=True, check=False) for _ in range(2)]
    assert {"wenlint.engine", "regex"} <= set(loaded[0].stderr.split())
    assert {"wenlint.engine", "wenlint.document", "regex", "multiprocessing"}.isdisjoint(loaded[1].stderr.split())
    assert loaded[1].stdout == loaded[0].stdout


def test_the_rules_are_kept_afresh_when_a_rule_package_changes(project, tmp_path, monkeypatch):
    run(project)
    probe = tmp_path / "site" / "wenlint_test_probe.py"
    probe.write_text(PROBE.replace('name = "probe"', 'name = "renamed-probe"'), encoding="utf-8")
    assert "Z950  renamed-probe" in run(project).stdout  # the summary's name of the rule
    other = PROBE.replace("Z950", "Z951").replace("class Probe", "class Other")
    for key, value in install_rules(tmp_path / "other-site", "wenlint_test_other", other).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("PYTHONPATH", f"{tmp_path / 'site'}{os.pathsep}{tmp_path / 'other-site'}")
    result = run(project, "--select", "Z951")  # known only from the new package's entry point
    assert result.returncode == 1 and "Z951" in result.stdout, result.stderr


RULE_DAMAGE = {
    "empty": lambda data, rules: b"",
    "cut off": lambda data, rules: data[: len(data) // 2],
    "not a pickle": lambda data, rules: b"\xc1" * 40,
    "another shape": lambda data, rules: pickle.dumps(list(rules)),
    "a rule of another shape": lambda data, rules: pickle.dumps({code: tuple(info) for code, info in rules.items()}),
    "a field of another type": lambda data, rules: pickle.dumps({**rules, "Z950": rules["Z950"]._replace(qualname=1)}),
    "under another code": lambda data, rules: pickle.dumps({**rules, "Z950": rules["M001"]}),
}


def test_damaged_kept_rules_are_read_afresh(project, tmp_path, monkeypatch):
    """The rules are kept in the table cache (see wenlint.registry.known_rules)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    first = run(project)
    (kept,) = (tmp_path / "cache-home" / "wenlint" / "tables").glob("rules-*.pickle")
    data = kept.read_bytes()
    for damage in RULE_DAMAGE.values():
        kept.write_bytes(damage(data, pickle.loads(data)))
        assert run(project).stdout == first.stdout
        assert not imported(project)  # written again, whole
        assert kept.read_bytes() == data


def test_a_file_is_kept_once_however_it_is_named(project):
    assert linted(project, "a.txt")[1] == ["a.txt"]
    (project.parent / "alias").symlink_to(project)  # the folder by another name
    (project / "other").mkdir()
    (project / "other" / "a.txt").symlink_to(project / "a.txt")  # a link of the same name to the file
    for name in ("./a.txt", str(project / "a.txt"), "../project/a.txt", "../alias/a.txt", "other/a.txt"):
        result, files = linted(project, name)
        assert files == [] and f"{name}:1:3: M001" in result.stdout
    (project / "a.md").symlink_to(project / "a.txt")  # the same file, as Markdown
    assert linted(project, "a.md")[1] == ["a.md"]


def test_a_changed_file_is_linted_again_and_the_others_are_not(project):
    linted(project)
    (project / "a.txt").write_text("今天,天气很坏。\n", encoding="utf-8")
    result, files = linted(project)
    assert files == ["a.txt"]
    assert "a.txt:1:7: Z950" in result.stdout


def test_a_renamed_file_is_linted_again(project):
    linted(project)
    (project / "b.md").rename(project / "b.txt")  # Markdown no more
    assert linted(project)[1] == ["b.txt"]


@pytest.mark.parametrize(
    "change",
    [
        ("--select", "Z950"),  # the rule selection
        ("--ignore", "M001"),
        ("--preview",),
    ],
)
def test_another_rule_selection_lints_again(project, change):
    linted(project)
    before = run(project).stdout
    result, files = linted(project, *change)
    assert files == ["a.txt", "b.md"]
    assert result.stdout != before or change == ("--preview",)
    assert linted(project, *change)[1] == []  # now kept for that selection too


def test_changed_settings_lint_again(project):
    linted(project)
    (project / "wenlint.toml").write_text('extend-select = ["Z950"]\n[rules.probe]\nword = "天气"\n', encoding="utf-8")
    result, files = linted(project)
    assert files == ["a.txt", "b.md"]
    assert result.stdout.count("Z950") >= 2
    (project / "wenlint.toml").write_text(
        'extend-select = ["Z950"]\n[rules.probe]\nword = "天气"\n[per-file-ignores]\n"b.md" = ["Z"]\n', encoding="utf-8"
    )
    result, files = linted(project)
    assert files == ["a.txt"]  # any setting counts; b.md is linted again too, without the probe
    assert "a.txt:1:4: Z950" in result.stdout and "b.md:3:1: Z950" not in result.stdout


VERSION = "import sys, wenlint; wenlint.__version__ = sys.argv[1]; from wenlint.cli import main; main(sys.argv[2:])"


def test_another_wenlint_version_lints_again(project):
    linted(project)
    log = Path(os.environ["PROBE_LOG"])
    log.unlink()
    command = [sys.executable, "-c", VERSION, "99.0", "check", "."]
    subprocess.run(command, cwd=project, capture_output=True, timeout=120, check=False)
    assert sorted(log.read_text(encoding="utf-8").split()) == ["a.txt", "b.md"]


def test_no_cache_neither_reads_nor_writes(project):
    assert linted(project, "--no-cache")[1] == ["a.txt", "b.md"]
    assert not (project / ".wenlint_cache").exists()
    linted(project)
    assert linted(project, "--no-cache")[1] == ["a.txt", "b.md"]


def test_cache_dir_and_the_environment_choose_the_folder(project, tmp_path, monkeypatch):
    linted(project, "--cache-dir", str(tmp_path / "chosen"))
    assert len(entries(tmp_path / "chosen")) == 2
    monkeypatch.setenv("WENLINT_CACHE_DIR", str(tmp_path / "from-env"))
    assert linted(project)[1] == ["a.txt", "b.md"]
    assert len(entries(tmp_path / "from-env")) == 2
    assert linted(project, "--cache-dir", str(tmp_path / "chosen"))[1] == []  # the option wins
    assert not (project / ".wenlint_cache").exists()


HEAD = b"\x93" + bytes([FORMAT]) + b"\xd9\x28"  # msgpack: a list of 3, the format, a string of 40 bytes (a key)
DAMAGE = {
    "empty": lambda key: b"",
    "cut off": lambda key: HEAD + key,
    "not msgpack": lambda key: b"\xc1" * 40,
    "another key": lambda key: HEAD + bytes(reversed(key)) + b"\x94\xc0\x90\x90\xc0",
    "wrong shape": lambda key: HEAD + key + b"\x94\xa1x\x90\x91\x93\x01\x02\x03\xc0",
    "another format": lambda key: b"\x93\x7f\xd9\x28" + key + b"\x94\xc0\x90\x90\xc0",
}


def test_damaged_or_foreign_entries_are_linted_again(project):
    for number in range(len(DAMAGE) - 2):
        (project / f"c{number}.txt").write_text(f"第{number}天,天气坏。\n", encoding="utf-8")
    first = run(project)
    kept = entries(project / ".wenlint_cache")
    assert len(kept) == len(DAMAGE)
    for entry, damage in zip(kept, DAMAGE.values()):
        entry.write_bytes(damage(entry.name.encode()))
    result, files = linted(project)
    assert len(files) == len(DAMAGE)
    assert (result.returncode, result.stdout) == (first.returncode, first.stdout)
    assert linted(project)[1] == []  # written again, whole


def test_fix_relints_only_the_files_with_fixes(project):
    linted(project)
    result, files = linted(project, "--fix")
    assert files == ["a.txt"]  # b.md has no fix to apply: its kept result stands
    assert (project / "a.txt").read_text(encoding="utf-8") == "今天，天气坏。\n"
    assert result.returncode == 1 and "Z950" in result.stdout
    assert linted(project)[1] == ["a.txt"]  # the fixed file is new content
    assert linted(project, "--fix")[1] == []  # and, with nothing left to fix, kept
    assert linted(project, "--diff")[1] == []


def test_a_result_fixing_changed_is_never_kept(tmp_path):
    """Its findings are the fixed text's, not those of the content its key
    was made from: kept, they would be replayed should that content come back.
    (The file's new time keeps the command from it, but not where a file
    system's times are coarse and fixing kept the size: `坏` to `壞`.)"""
    cache = ResultCache(tmp_path / "cache")
    for changed in (True, False):
        cache.put(f"{changed}", FileResult("a.txt", changed=changed, score=100, chars=4))
    assert cache.get("False", Job()) is not None
    assert cache.get("True", Job()) is None


def test_a_result_is_kept_only_when_its_file_is_as_it_was_keyed(tmp_path):
    """A file changed while it was linted (here, before): the result is not
    that of the content its key was made from, so it is not kept."""
    path = tmp_path / "a.txt"
    path.write_text("天气好。\n", encoding="utf-8")
    cache = ResultCache(tmp_path / "cache")
    key = cache.key(str(path), Settings())
    path.write_text("天气很好。\n", encoding="utf-8")
    cache.keep(str(path), key, FileResult("a.txt", score=100, chars=4))
    assert cache.get(key[0], Job()) is None
    key = cache.key(str(path), Settings())
    cache.keep(str(path), key, FileResult("a.txt", score=100, chars=5))
    assert cache.get(key[0], Job()) is not None


def test_signals_are_replayed_only_when_they_were_kept(project):
    plain, files = linted(project, "--statistics")
    assert files == ["a.txt", "b.md"]
    first, files = linted(project, "--statistics", "--signals")
    assert files == ["a.txt", "b.md"] and first.stdout != plain.stdout  # kept without signals: linted again
    second, files = linted(project, "--statistics", "--signals")
    assert files == [] and second.stdout == first.stdout
    assert linted(project, "--statistics")[1] == []  # a result with signals serves a run without them


def test_workers_fill_the_cache_the_same_way(project, monkeypatch):
    monkeypatch.setenv("WENLINT_PARALLEL_BYTES", "0")
    first, files = linted(project, "--workers", "2")
    assert files == ["a.txt", "b.md"]
    second, files = linted(project, "--workers", "2")
    assert files == [] and (second.returncode, second.stdout) == (first.returncode, first.stdout)
    run(project, "--workers", "1", "--cache-dir", "here")  # the entries written in the main process
    written = {entry.name: entry.read_bytes() for entry in entries(project / ".wenlint_cache")}
    assert {entry.name: entry.read_bytes() for entry in entries(project / "here")} == written


def test_a_cache_that_workers_cannot_write_warns_once(project, monkeypatch):
    """The folder of entries is there, but no entry can be made in it: each
    worker fails, and the main process warns once for them all."""
    monkeypatch.setenv("WENLINT_PARALLEL_BYTES", "0")
    for number in range(6):
        (project / f"c{number}.txt").write_text(f"第{number}天,天气坏。\n", encoding="utf-8")
    cache = project.parent / "cache"
    cache.mkdir()
    (cache / ENTRIES).symlink_to("/proc")  # a folder no file can be created in, even by root
    expected = run(project, "--no-cache")
    result, files = linted(project, "--workers", "2", "--cache-dir", str(cache))
    assert (result.returncode, result.stdout) == (expected.returncode, expected.stdout)
    assert result.stderr.startswith("warning: cannot write the cache ") and result.stderr.count("\n") == 1
    assert len(files) == 8


def test_a_cache_that_cannot_be_written_warns_once_and_changes_nothing_else(project, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    expected = run(project, "--no-cache")
    result = run(project, "--cache-dir", str(blocked / "cache"))
    assert (result.returncode, result.stdout) == (expected.returncode, expected.stdout)
    assert result.stderr.startswith("warning: cannot write the cache ") and result.stderr.count("\n") == 1


CRASH = PROBE.replace("word = self.settings", "raise RuntimeError('probe')\n        word = self.settings")


def test_crashes_and_unreadable_files_are_not_kept(tmp_path, monkeypatch, own_result_cache):
    for key, value in install_rules(tmp_path / "site", "wenlint_test_crash", CRASH).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("PROBE_LOG", str(tmp_path / "probe.log"))
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "a.txt").write_text("天气坏。\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"abc\x00def\x00ghi")
    for _ in range(2):
        result, files = linted(tmp_path, "a.txt", "binary.txt", "--select", "Z950")
        assert result.returncode == 2 and "X001" in result.stdout and "binary.txt" in result.stderr
        assert files == ["a.txt"]
    assert not (own_result_cache / ENTRIES).exists() or entries(own_result_cache) == []


def test_clean_removes_the_cache(project):
    run(project)
    assert (project / ".wenlint_cache").is_dir()
    result = subprocess.run(
        [sys.executable, "-m", "wenlint", "clean"], cwd=project, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "removed the cache" in result.stdout
    assert not (project / ".wenlint_cache").exists()
    assert linted(project)[1] == ["a.txt", "b.md"]


def test_clean_leaves_what_is_not_the_caches(project, tmp_path):
    chosen = tmp_path / "shared"
    chosen.mkdir()
    (chosen / "notes.txt").write_text("mine", encoding="utf-8")
    (chosen / "results-2024").mkdir()  # the user's, named like a folder of entries
    (chosen / "results-2024" / "q1.txt").write_text("mine too", encoding="utf-8")
    run(project, "--cache-dir", str(chosen))
    assert entries(chosen)
    command = [sys.executable, "-m", "wenlint", "clean", "--cache-dir", str(chosen)]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "left alone" in result.stdout
    assert sorted(path.name for path in chosen.iterdir()) == ["notes.txt", "results-2024"]
    assert (chosen / "results-2024" / "q1.txt").read_text(encoding="utf-8") == "mine too"
