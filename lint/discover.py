"""Turning the paths on the command line into the files to check."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

import pathspec

from wenlint.config import Settings
from wenlint.storage import open_regular

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


class _GitIgnores:
    """The .gitignore files that apply to a directory, from the repository root down."""

    def __init__(self) -> None:
        self._cache: dict[str, pathspec.PathSpec | None] = {}

    def _spec(self, directory: str) -> pathspec.PathSpec | None:
        if directory not in self._cache:
            spec = None
            try:
                with open_regular(os.path.join(directory, ".gitignore")) as handle:
                    spec = pathspec.GitIgnoreSpec.from_lines(handle.read().decode("utf-8", "replace").splitlines())
            except OSError:  # none, or not a regular file (a FIFO would block)
                pass
            self._cache[directory] = spec
        return self._cache[directory]

    def ignored(self, path: str, is_dir: bool) -> bool:
        absolute = os.path.abspath(path)
        directory = os.path.dirname(absolute)
        while True:
            spec = self._spec(directory)
            if spec is not None:
                relative = os.path.relpath(absolute, directory) + ("/" if is_dir else "")
                if spec.match_file(relative):
                    return True
            if os.path.isdir(os.path.join(directory, ".git")):
                return False
            parent = os.path.dirname(directory)
            if parent == directory:
                return False
            directory = parent


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
