"""Tables kept between runs (wenlint.tablecache): built once, loaded after;
built again when their source changes or their entry is damaged; built in
memory where nothing can be kept. The cache folder is a temporary one
(platformdirs follows XDG_CACHE_HOME)."""

from __future__ import annotations

import os
import pickle
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from wenlint.tablecache import entry_path, kept


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    return tmp_path / "cache-home"


def counting_build(source: Path, builds: list[str]):
    def build() -> dict[str, str]:
        builds.append(source.read_text(encoding="utf-8"))
        return dict(line.split("\t") for line in source.read_text(encoding="utf-8").splitlines())

    return build


def test_a_table_is_built_once_and_then_loaded(tmp_path):
    source = tmp_path / "words.tsv"
    source.write_text("好的\ta\n天气\tn\n", encoding="utf-8")
    builds: list[str] = []
    first = kept("words", counting_build(source, builds), [source])
    again = kept("words", counting_build(source, builds), [source])
    assert first == again == {"好的": "a", "天气": "n"}
    assert len(builds) == 1
    assert entry_path("words", [source], 1).is_file()


def test_a_changed_source_or_layout_builds_it_again(tmp_path):
    source = tmp_path / "words.tsv"
    source.write_text("好的\ta\n", encoding="utf-8")
    builds: list[str] = []
    kept("words", counting_build(source, builds), [source])
    source.write_text("好的\ta\n天气\tn\n", encoding="utf-8")
    assert kept("words", counting_build(source, builds), [source]) == {"好的": "a", "天气": "n"}
    assert kept("words", counting_build(source, builds), [source], version=2) == {"好的": "a", "天气": "n"}
    assert len(builds) == 3


@pytest.mark.parametrize("damage", [b"", b"\x80\x05garbage", b"not a pickle"])
def test_a_damaged_entry_is_built_again_and_replaced(tmp_path, damage):
    source = tmp_path / "words.tsv"
    source.write_text("好的\ta\n", encoding="utf-8")
    builds: list[str] = []
    kept("words", counting_build(source, builds), [source])
    entry_path("words", [source], 1).write_bytes(damage)
    assert kept("words", counting_build(source, builds), [source]) == {"好的": "a"}
    assert kept("words", counting_build(source, builds), [source]) == {"好的": "a"}
    assert len(builds) == 2


def test_a_loaded_table_that_is_not_valid_is_built_again_and_replaced(tmp_path):
    source = tmp_path / "words.tsv"
    source.write_text("好的\ta\n", encoding="utf-8")
    builds: list[str] = []
    kept("words", counting_build(source, builds), [source])
    entry_path("words", [source], 1).write_bytes(pickle.dumps(["好的"]))  # a pickle, of another shape
    for _ in range(2):
        assert kept("words", counting_build(source, builds), [source], valid=lambda table: isinstance(table, dict))
    assert len(builds) == 2


def test_where_nothing_can_be_kept_the_table_is_built_in_memory(tmp_path, cache_home):
    cache_home.write_text("a file, not a folder", encoding="utf-8")
    builds: list[str] = []
    source = tmp_path / "words.tsv"
    source.write_text("好的\ta\n", encoding="utf-8")
    for _ in range(2):
        assert kept("words", counting_build(source, builds), [source]) == {"好的": "a"}
    assert len(builds) == 2


BUILD_ON_A_TERMINAL = "from wenlint.tablecache import kept; kept('probe', lambda: {'a': 1}); kept('probe', dict)"


def test_building_says_so_on_a_terminal_only(tmp_path, cache_home):
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    controller, terminal = pty.openpty()
    with os.fdopen(controller, "rb", buffering=0) as screen:
        process = subprocess.Popen([sys.executable, "-c", BUILD_ON_A_TERMINAL], stderr=terminal, env=env)
        os.close(terminal)
        assert process.wait(timeout=60) == 0
        said = screen.read(4096).decode()
    assert said.startswith("wenlint: building the probe table (once; kept in ") and said.count("\n") == 1
    piped = subprocess.run(
        [sys.executable, "-c", BUILD_ON_A_TERMINAL.replace("probe", "other")], env=env, capture_output=True
    )
    assert piped.returncode == 0 and piped.stderr == b""


def test_the_word_tags_load_as_they_were_built():
    probe = "from wenlint_rules.layout.counting import word_tags; t = word_tags(); print(len(t), t.get('天气')[:1])"
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout
    count, tag = runs[0].stdout.split()
    assert int(count) > 100_000 and tag == "n"
