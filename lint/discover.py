"""Turning the paths on the command line into the files to check."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wenlint.config import Settings
from wenlint.storage import open_regular

if TYPE_CHECKING:
    import pathspec

ALWAYS_SKIPPED = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "build",
        "dist",
    }
)


@dataclass
class Discovery:
    """Files to check (with the settings that apply) and inputs in error."""

    files: list[tuple[str, Settings]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)


def _patterns(*files: str) -> pathspec.PathSpec | None:
    """The gitignore patterns in ``files`` (those that exist) as one spec, or None."""
    lines: list[str] = []
    for file in files:
        try:
            with open_regular(file) as handle:
                lines += handle.read().decode("utf-8", "replace").splitlines()
        except OSError:  # none, or not a regular file (a FIFO would block)
            pass
    if not lines:
        return None
    import pathspec  # only for a folder with patterns: the default include globs are matched without it

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _git(root: str, *args: str) -> str | None:
    """What ``git ARGS`` prints in the repository ``root`` (a path made absolute), or None."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, env=environment, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):  # no git, or a git that hangs
        return None
    value = done.stdout.decode("utf-8", "surrogateescape").strip()
    return os.path.join(root, value) if done.returncode == 0 and value else None


def repository_excludes(root: str) -> pathspec.PathSpec | None:
    """The patterns git ignores in the repository at ``root`` besides its
    .gitignore files: ``.git/info/exclude`` (in the common git directory of a
    worktree) and the file named by ``core.excludesFile`` (by default
    ``$XDG_CONFIG_HOME/git/ignore``), both relative to ``root``."""
    info = _git(root, "rev-parse", "--git-path", "info/exclude") or os.path.join(root, ".git", "info", "exclude")
    config_home = os.environ.get("XDG_CONFIG_HOME") or os.path.expanduser("~/.config")
    personal = _git(root, "config", "--path", "--get", "core.excludesFile") or os.path.join(
        config_home, "git", "ignore"
    )
    return _patterns(info, personal)


class _GitIgnores:
    """What git ignores: the .gitignore files that apply to a directory, from
    the repository root down, and the repository's other exclude files."""

    def __init__(self) -> None:
        self._specs: dict[str, tuple[tuple[str, pathspec.PathSpec], ...]] = {}

    def _applying(self, directory: str) -> tuple[tuple[str, pathspec.PathSpec], ...]:
        """The patterns that apply in ``directory`` (absolute), each with the
        directory its paths are relative to: its own .gitignore's, then its
        parents', up to the repository root, whose exclude files come last.
        Worked out once per directory: its files share them."""
        climbed: list[tuple[str, tuple[tuple[str, pathspec.PathSpec], ...]]] = []  # up to a known directory
        above: tuple[tuple[str, pathspec.PathSpec], ...] = ()
        while directory not in self._specs:
            own = _patterns(os.path.join(directory, ".gitignore"))
            climbed.append((directory, ((directory, own),) if own is not None else ()))
            parent = os.path.dirname(directory)
            if os.path.lexists(os.path.join(directory, ".git")):  # a folder, or a file in a worktree or submodule
                excludes = repository_excludes(directory)
                above = ((directory, excludes),) if excludes is not None else ()
                break
            if parent == directory:
                break
            directory = parent
        else:
            above = self._specs[directory]
        for name, own in reversed(climbed):
            above = self._specs[name] = own + above
        return above

    def ignored(self, path: str, is_dir: bool) -> bool:
        absolute = os.path.abspath(path)
        mark = "/" if is_dir else ""
        specs = self._applying(os.path.dirname(absolute))
        return any(spec.match_file(os.path.relpath(absolute, directory) + mark) for directory, spec in specs)


def discover(paths: list[str], settings_for: Callable[[str], Settings]) -> Discovery:
    """Expand ``paths`` into files, sorted by path.

    A file named on the command line is checked whatever its extension
    (unless excluded); directories are searched for files matching
    ``include``, skipping ``exclude``, .gitignore'd paths and VCS folders.
    Symlinks are followed; a directory loop is reported, not followed.
    """
    result = Discovery()
    ignores = _GitIgnores()
    for given in paths:
        if given == "-":
            result.files.append(("-", settings_for(".")))
            continue
        try:
            os.lstat(given)
        except OSError as error:  # missing, or a name too long for the file system
            result.errors.append((given, (error.strerror or str(error)).lower()))
            continue
        settings = settings_for(given)
        if os.path.isdir(given):
            _walk(given, settings, ignores, result)
        elif not settings.is_excluded(given):
            result.files.append((given, settings))
    unique = {path: settings for path, settings in result.files}
    result.files = sorted(unique.items(), key=lambda item: item[0])
    return result


def _walk(top: str, settings: Settings, ignores: _GitIgnores, result: Discovery) -> None:
    seen: dict[tuple[int, int], str] = {}

    def on_error(error: OSError) -> None:
        result.errors.append((error.filename or top, f"cannot read directory: {error.strerror}"))

    for directory, subdirs, files in os.walk(top, onerror=on_error, followlinks=True):
        try:
            info = os.stat(directory)
        except OSError as error:  # gone since it was listed
            on_error(error)
            subdirs[:] = []
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            first = seen[key]
            if directory.startswith(first.rstrip(os.sep) + os.sep):
                result.errors.append((directory, f"directory loop: links back to {first}, not followed"))
            subdirs[:] = []
            continue
        seen[key] = directory
        kept = []
        for name in sorted(subdirs):
            path = os.path.join(directory, name)
            if name in ALWAYS_SKIPPED or settings.is_excluded(path, is_dir=True):
                continue
            if settings.respect_gitignore and ignores.ignored(path, is_dir=True):
                continue
            kept.append(name)
        subdirs[:] = kept
        for name in files:
            path = os.path.join(directory, name)
            if not settings.is_included(path) or settings.is_excluded(path):
                continue
            if settings.respect_gitignore and ignores.ignored(path, is_dir=False):
                continue
            result.files.append((path, settings))
