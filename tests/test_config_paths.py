"""How settings name a path: relative to their root, with forward slashes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import assume, example, given
from hypothesis import strategies as st

from wenlint.config import ConfigError, Settings, parse_settings


def relative_by_paths(root: Path, path: str) -> str:
    """:meth:`Settings.relative` as it was, a Path per path: what its quick way must give."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix().lstrip("/")


PARTS = st.sampled_from(["", ".", "..", "a", "b", "ab", "a.txt", "中文", "a b", "a\\b"])
#: Paths and roots written every way: absolute or not, with doubled, trailing, `.` and `..` parts.
WRITTEN = st.builds(
    lambda lead, parts, trail: lead + "/".join(parts) + trail,
    st.sampled_from(["", "/", "//", "///"]),
    st.lists(PARTS, max_size=5),
    st.sampled_from(["", "/", "//"]),
).filter(bool)


@given(root=WRITTEN, path=WRITTEN)
@example(root="/", path="//a")  # to a Path, `//a` is not under `/`
@example(root="/a", path="/a/")  # the root itself is `.`
@example(root="/a", path="/a/.b/..c")  # names starting with dots
def test_a_path_is_named_relative_to_the_root_as_the_path_objects_name_it(root: str, path: str):
    assert Settings(root=Path(root)).relative(path) == relative_by_paths(Path(root), path)


def test_paths_under_the_root_its_parent_and_the_root_itself(tmp_path: Path):
    root = tmp_path / "project"
    settings = Settings(root=root)
    assert settings.relative(str(root / "docs" / "a.md")) == "docs/a.md"
    assert settings.relative(str(root)) == "."
    assert settings.relative(str(root) + "/") == "."
    assert settings.relative(str(root) + "x/a.md") == relative_by_paths(root, str(root) + "x/a.md")
    assert settings.relative(str(tmp_path / "a.md")) == (tmp_path / "a.md").as_posix().lstrip("/")
    assert Settings(root=Path("/")).relative("/a/b.md") == "a/b.md"


NAME_CHARACTERS = st.sampled_from(["a", "t", "x", "m", "d", ".", "*", "?", "[", "]", "!", "\\", " ", "\n", "中"])
NAMES = st.text(NAME_CHARACTERS, min_size=1, max_size=7).filter(lambda name: name not in (".", ".."))
GLOBS = st.one_of(
    st.sampled_from(["*.txt", "*.md", "*.TXT", "*txt", "*", "*.t?t", "*.[tm]d", "a/*.txt", "!*.md", "*.txt ", "*.中"]),
    st.builds(lambda name: "*" + name, NAMES),
)


@given(names=st.lists(NAMES, min_size=1, max_size=4), include=st.lists(GLOBS, max_size=3))
@example(names=["a.txt", "b.csv"], include=["*.txt"])  # a folder's ending includes all in it
@example(names=["a.txt"], include=["*.txt "])  # a glob's trailing blank is dropped
@example(names=["a.txt\n"], include=["*.txt"])  # a glob's `$` matches before a last line feed
@example(names=["a.txt", "b\nc"], include=["*.txt"])  # even with a line feed after it
@example(names=["x\ny", "a.txt"], include=["*.txt"])  # but not under a name with a line feed
@example(names=["a.md"], include=["*.[tm]d"])  # a glob with a class asks for more than an ending
def test_include_matches_as_the_compiled_globs_do(names: list[str], include: list[str]):
    try:
        settings = parse_settings({"include": include}, Path("/project/wenlint.toml"))
    except ConfigError:  # a glob no configuration may hold
        assume(False)
    path = os.path.join(settings.root, *names)
    assert settings.is_included(path) == settings.include_spec.match_file(settings.relative(path))


def test_a_folder_without_ignore_files_is_discovered_without_compiling_globs(tmp_path: Path):
    """The default include globs are matched by their endings: pathspec (10 ms to import) is not loaded."""
    (tmp_path / "docs").mkdir()
    for name in ("a.txt", "b.md", "c.csv", "docs/d.txt"):
        (tmp_path / name).write_text("文本", encoding="utf-8")
    probe = (
        "import sys; from pathlib import Path; from wenlint.config import Settings; from wenlint.discover import discover;"
        "settings = Settings(root=Path(sys.argv[1]));"
        "print(*[path for path, _ in discover([sys.argv[1]], lambda path: settings).files], 'pathspec' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, check=True)
    names = [os.path.relpath(path, tmp_path) for path in run.stdout.split()[:-1]]
    assert names == ["a.txt", "b.md", os.path.join("docs", "d.txt")]
    assert run.stdout.split()[-1] == "False"
