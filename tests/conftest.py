"""Shared fixtures: the seeds, and running the real command line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from syrupy.extensions.json import JSONSnapshotExtension

from wenlint import Document
from wenlint.engine import lint
from wenlint.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))

# Hypothesis runs the same cases every time (seeded, no example database), with
# a deadline a loaded 2-core machine keeps; `--hypothesis-profile` picks another.
hypothesis_settings.register_profile(
    "wenlint",
    derandomize=True,
    database=None,
    deadline=5000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
hypothesis_settings.load_profile("wenlint")


def seed(prefix: str) -> Path:
    """The seed document whose name starts with ``prefix`` (``"000"`` ...)."""
    return next(path for path in SEED_FILES if path.name.startswith(prefix))


def findings(text: str, code: str, path: str = "doc.txt", **options) -> list[str]:
    """The flagged substrings of ``text`` for one rule, in order."""
    rule = all_rules()[code](**options)
    doc = Document.from_source(text, path)
    return [doc.text[d.start : d.end] for d in lint(doc, [rule]) if d.code == code]


def lengths_read(monkeypatch: pytest.MonkeyPatch, module, name: str, method: str) -> list[int]:
    """The length of text (``end - start``) each later call of ``method``
    (``search``, ``fullmatch``…) of the pattern ``module.name`` is given,
    in order: a test that a rule reads a long line once."""
    real, lengths = getattr(module, name), []

    def counted(text: str, start: int, end: int):
        lengths.append(end - start)
        return getattr(real, method)(text, start, end)

    monkeypatch.setattr(module, name, SimpleNamespace(**{method: counted}))
    return lengths


def wenlint(*args: str, cwd: Path | None = None, stdin: bytes | None = None, env=None) -> subprocess.CompletedProcess:
    """Run the real ``wenlint`` command (as ``python -m wenlint``)."""
    return subprocess.run(
        [sys.executable, "-m", "wenlint", *args], cwd=cwd, input=stdin, capture_output=True, env=env, check=False
    )


@pytest.fixture(autouse=True, scope="session")
def shared_bytecode(tmp_path_factory: pytest.TempPathFactory):
    """The Python processes the tests start (``python -m wenlint`` hundreds
    of times) keep compiled modules in one folder of the session's, so that
    only the first compiles them; where the environment turns bytecode off
    (PYTHONDONTWRITEBYTECODE) every start would compile the project's
    modules again (~0.1 CPU-s). The project's own folders stay clean."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
        patch.setenv("PYTHONPYCACHEPREFIX", str(tmp_path_factory.mktemp("bytecode")))
        yield


@pytest.fixture(autouse=True)
def own_result_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's runs of ``wenlint check`` keep results in a cache of the
    test's own (through ``WENLINT_CACHE_DIR``, which commands it starts
    inherit), never in the project's or another test's."""
    directory = tmp_path_factory.mktemp("wenlint-cache") / "cache"
    monkeypatch.setenv("WENLINT_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A copy of seeds/ (without the project's config above it)."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    (target / "DEFECTS.md").unlink()
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    return target


@pytest.fixture
def snapshot_json(snapshot):
    """A syrupy snapshot kept as JSON (tests/__snapshots__/MODULE/TEST.json),
    readable in review. Update one with ``--snapshot-update`` only after
    reading its diff, and say why in the commit."""
    return snapshot.use_extension(JSONSnapshotExtension)


def opencc_keys(config: str):
    """Every key of the OpenCC dictionaries ``config`` uses, read from the
    installed files (marisa tries behind an ``OPENCC_MARISA_0.2.5`` header)."""
    import marisa_trie
    import opencc

    folder = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    files, todo = set(), [json.loads((folder / f"{config}.json").read_text(encoding="utf-8"))]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            if node.get("type") == "ocd2":
                files.add(node["file"])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    header = b"OPENCC_MARISA_0.2.5"
    for name in sorted(files):
        data = (folder / name).read_bytes()
        assert data.startswith(header), name
        trie = marisa_trie.Trie()
        trie.frombytes(data[len(header) :])
        yield from trie.keys()


#: Nag Mundari digits one to three (Unicode 15): regex's \d matches them, and an int() whose
#: Unicode is older cannot read them (see textclass.DIGIT_CLASS and textclass.digits_value).
NEWER_DIGITS = "\U0001e4f1\U0001e4f2\U0001e4f3"


def low_bytes(text: str) -> bytes:
    """The low byte of each code point of ``text``, one by one: what
    :func:`wenlint.codepoints.marks` is given (han_bytes.low_and_han works it out with the Chinese characters)."""
    return bytes(ord(char) & 0xFF for char in text)


def restorings(view, worth: dict[str, dict[int, int]]) -> dict[str, list]:
    """For each character of T005's gaps worth restoring (``worth``: character
    -> gap -> sides it fits), and each of its gaps, in order: the text around
    the gap (a Gap) and the place stripped_character._restoring finds there (None: none)."""
    from wenlint_rules.typo import stripped_character

    found = {}
    for char, sides in worth.items():
        found[char] = []
        for gap, fits in sides.items():
            around = stripped_character._around(view, gap)
            found[char].append((around, stripped_character._restoring(around, view.text, gap, char, fits)))
    return found
