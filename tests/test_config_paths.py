"""How settings name a path: relative to their root, with forward slashes."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from wenlint.config import Settings


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
