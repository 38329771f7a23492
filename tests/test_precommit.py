"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit.

pre-commit installs the hooks the way another repository's config does: it
clones the hook repository, builds a virtualenv and pip-installs wenlint into
it (dependencies come from the package index, so this needs the index pip is
configured with). That takes a few seconds; the hook environment is kept in
the module's pre-commit home, so the tests pointing at the same commit build
it once (``pre-commit try-repo`` would build a fresh one at every call).

The hook repository is a committed snapshot of this working tree, not the
working tree itself: pre-commit installs from a commit, so a new, not yet
committed file (the hook manifest itself, say) would be missing from it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pre_commit")

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600  # per command; building a hook environment normally takes seconds

BAD_TXT = "今天,我们开会。\n"
FIXED_TXT = "今天，我们开会。\n"
BAD_MD = "# 会议\n\n今天,我们开会。\n"
FIXED_MD = "# 会议\n\n今天，我们开会。\n"
PYTHON = "# 今天,我们开会。\n"  # not a file type the hooks take

# Variables that would point git at another repository (set when the tests
# run inside a git hook), or change what pre-commit and wenlint do.
DROPPED = {
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_COMMON_DIR",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_PREFIX",
    "SKIP",
    "PRE_COMMIT_COLOR",
    "WENLINT_OUTPUT_FORMAT",
}


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
    return result.stdout


def _commit_all(repo: Path, env: dict[str, str], message: str) -> None:
    _git("add", "-A", cwd=repo, env=env)
    _git("-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", message, cwd=repo, env=env)


def _init(repo: Path, env: dict[str, str]) -> None:
    _git("init", "-q", cwd=repo, env=env)
    _git("config", "user.name", "wenlint tests", cwd=repo, env=env)
    _git("config", "user.email", "tests@wenlint.invalid", cwd=repo, env=env)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    clean = {key: value for key, value in os.environ.items() if key not in DROPPED}
    # pre-commit keeps state (and a database) in PRE_COMMIT_HOME, by default
    # ~/.cache/pre-commit; keep the tests out of the user's.
    clean["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    return clean


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """A one-commit copy of the working tree: tracked files as they are on
    disk, plus untracked files that are not ignored."""
    if not (ROOT / ".git").exists():
        pytest.skip("the project is not a git checkout")
    listing = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT, env=env)
    snapshot = tmp_path_factory.mktemp("hook-repo")
    for name in filter(None, listing.split("\0")):
        source = ROOT / name
        if not os.path.lexists(source):  # deleted, not yet committed
            continue
        target = snapshot / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()
    _init(snapshot, env)
    _commit_all(snapshot, env, "snapshot of the working tree")
    return snapshot


def _hook_config(repo: Path, env: dict[str, str], *hooks: str) -> str:
    """A .pre-commit-config.yaml using ``hooks`` of ``repo`` at its HEAD."""
    rev = _git("rev-parse", "HEAD", cwd=repo, env=env).strip()
    return f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n" + "".join(f"      - id: {h}\n" for h in hooks)


def _run_hooks(project: Path, env: dict[str, str], *args: str) -> tuple[int, str]:
    """``pre-commit run ARGS`` in ``project``: its exit code and output."""
    command = [sys.executable, "-m", "pre_commit", "run", "--color", "never", "--verbose", *args]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    return result.returncode, result.stdout + result.stderr


@pytest.mark.slow
def test_hooks_report_then_fix(tmp_path: Path, hook_repo: Path, env: dict[str, str]):
    project = tmp_path / "project"
    project.mkdir()
    _init(project, env)
    (project / "wenlint.toml").write_text("", encoding="utf-8")  # the defaults, whatever is above tmp_path
    config = _hook_config(hook_repo, env, "wenlint", "wenlint-fix")
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _commit_all(project, env, "initial")
    (project / "bad.txt").write_text(BAD_TXT, encoding="utf-8")
    (project / "bad.md").write_text(BAD_MD, encoding="utf-8")
    (project / "notes.py").write_text(PYTHON, encoding="utf-8")
    # Staged, as at commit time: pre-commit notices a hook changed a file by
    # diffing the work tree against the index, so it sees no untracked files.
    _git("add", "bad.txt", "bad.md", "notes.py", cwd=project, env=env)
    files = ["--files", "bad.txt", "bad.md", "notes.py"]

    code, output = _run_hooks(project, env, "wenlint", *files)
    assert code != 0, output
    assert "- exit code: 1" in output, output  # findings, not an error (2)
    assert "bad.txt:1:3: M001" in output, output
    assert "bad.md:3:3: M001" in output, output
    assert "notes.py" not in output, output  # not a .txt or .md file
    assert (project / "bad.txt").read_text(encoding="utf-8") == BAD_TXT  # the check hook changes nothing

    code, output = _run_hooks(project, env, "wenlint-fix", *files)
    assert code != 0, output  # it changed files, so the commit must be retried
    assert "files were modified by this hook" in output, output
    assert (project / "bad.txt").read_text(encoding="utf-8") == FIXED_TXT
    assert (project / "bad.md").read_text(encoding="utf-8") == FIXED_MD
    assert (project / "notes.py").read_text(encoding="utf-8") == PYTHON  # never handed to the hook

    code, output = _run_hooks(project, env, "wenlint", *files)
    assert code == 0, output
    assert "M001" not in output, output


def test_the_projects_own_hooks_are_local_and_run_ruff():
    """The project's .pre-commit-config.yaml fetches nothing: local hooks run
    the wenlint and ruff on PATH (the [dev] extra), ruff as lint and format check."""
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = {hook["id"]: hook for hook in config["repos"][0]["hooks"]}
    assert {hook["language"] for hook in hooks.values()} == {"system"}
    assert hooks["ruff"]["entry"] == "ruff check"
    assert hooks["ruff-format"]["entry"] == "ruff format --check"
    assert hooks["ruff"]["types"] == hooks["ruff-format"]["types"] == ["python"]


#: What the hook environment must not hold: the extras `check` does not need.
NOT_FOR_CHECK = ("numpy", "textual", "pyarrow", "ray", "pygls", "lsprotocol", "zstandard")
PROBE = "import importlib.util, sys; print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m)))"


def _own_home(env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """``env`` with a pre-commit home of its own, holding only this test's environments."""
    return {**env, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}


def _hook_python(env: dict[str, str]) -> Path:
    """The Python of the one hook environment in ``env``'s pre-commit home."""
    (python,) = Path(env["PRE_COMMIT_HOME"]).glob("repo*/py_env-*/bin/python")
    return python


@pytest.mark.slow
def test_the_hook_environment_holds_only_what_check_needs(tmp_path: Path, hook_repo: Path, env: dict[str, str]):
    """pre-commit installs the hook from a snapshot of this working tree
    into an environment of its own (the one test_hooks_report_then_fix
    runs, when it ran first), which must hold no extra."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", project, ignore=shutil.ignore_patterns("*.md"))
    (project / ".pre-commit-config.yaml").write_text(_hook_config(hook_repo, env, "wenlint"), encoding="utf-8")
    (project / "wenlint.toml").write_text("", encoding="utf-8")
    _init(project, env)
    _commit_all(project, env, "the seeds")
    code, output = _run_hooks(project, env, "--all-files")
    assert code == 1 and "M001" in output, output  # the seeds have findings
    python = _hook_python(env)
    installed = subprocess.run(
        [python, "-c", PROBE, "wenlint", *NOT_FOR_CHECK], capture_output=True, text=True, check=True
    ).stdout.split()
    assert installed == ["wenlint"]


def _readme_hook_config() -> str:
    """The README's `.pre-commit-config.yaml` for another repository."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("In another repository's `.pre-commit-config.yaml`:", 1)[1]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


@pytest.mark.slow
def test_the_readmes_pre_commit_config_works_against_a_clone(tmp_path: Path, env: dict[str, str]):
    """The README's config as written, with a clone of this repository for
    its URL: the commit it pins exists, and the hook installs and runs."""
    env = _own_home(env, tmp_path)
    if not (ROOT / ".git").exists():
        pytest.skip("the project is not a git checkout")
    clone = tmp_path / "clone"
    _git("clone", "-q", str(ROOT), str(clone), cwd=tmp_path, env=env)
    config = _readme_hook_config()
    assert "YOUR-HOST" in config and "rev: v" not in config
    config = config.replace("https://YOUR-HOST/wenlint.git", str(clone))
    project = tmp_path / "project"
    project.mkdir()
    _init(project, env)
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (project / "wenlint.toml").write_text("", encoding="utf-8")
    (project / "bad.txt").write_text(BAD_TXT, encoding="utf-8")
    _commit_all(project, env, "a bad file")
    code, output = _run_hooks(project, env, "--all-files")
    assert code == 1, output
    assert "bad.txt:1:3: M001" in output, output
