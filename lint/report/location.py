"""File paths as CI services want them: relative to the repository's top folder."""

from __future__ import annotations

import os
from pathlib import PurePath


def repository_root(variable: str) -> str:
    """The folder CI paths are relative to: the environment variable
    ``variable`` when set (``GITHUB_WORKSPACE``, ``CI_PROJECT_DIR``), else
    the top folder of the git repository holding the working directory,
    else the working directory."""
    if os.environ.get(variable):
        return os.path.abspath(os.environ[variable])
    here = os.getcwd()
    folder = here
    while not os.path.exists(os.path.join(folder, ".git")):  # a folder, or a file in a worktree
        parent = os.path.dirname(folder)
        if parent == folder:
            return here
        folder = parent
    return folder


def repository_path(path: str, root: str) -> str:
    """``path`` relative to ``root``, with ``/`` and no ``./``; a path
    outside ``root`` stays absolute. Symbolic links are resolved only when
    the path as written is not under ``root``. Standard input stays ``-``."""
    if path == "-":
        return path
    for resolve in (os.path.abspath, os.path.realpath):
        full, top = resolve(path), resolve(root)
        if os.path.commonpath([full, top]) == top:
            return PurePath(os.path.relpath(full, top)).as_posix()
    return PurePath(os.path.abspath(path)).as_posix()
