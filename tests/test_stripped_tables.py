"""T005's tables of every character (rules/typo/stripped_tables.py), kept
between runs beside the lexicon's cache: each character's are those its own
entries in the lexicon make, and they are built again when the lexicon's
cache is, or WORSE changes."""

from __future__ import annotations

import os
import shutil

import pytest

from wenlint_rules.typo import stripped_tables
from wenlint_rules.typo.lexicon import lexicon, vector
from wenlint_rules.typo.lexicon.cache import cache_path

np = pytest.importorskip("numpy")


def own_tables(char: str) -> list:
    """What the tables of ``char`` hold, as sorted keys (vector.piece_keys), from its own entries in the lexicon."""
    lex = lexicon()

    def keys(pieces, length: int):
        return np.unique(vector.piece_keys(vector.numbers("".join(pieces)).reshape(-1, length).T))

    cheap_before, cheap_after = stripped_tables.cheap_neighbours(char)
    first, middle, last = (beginnings[char] for beginnings in lex.beginning_sets)
    return [
        keys(cheap_before, 1),
        keys(cheap_after, 1),
        keys(first, 2),
        keys(middle, 2),
        keys(last, 2),
        keys(lex.leader_sets[char], 1),
        keys(lex.common_leader_sets[char], 1),
        keys(lex.common_follower_sets[char], 1),
    ]


def test_every_characters_kept_tables_are_those_of_its_own_entries():
    chars = vector.characters(np.arange(1, vector.numbered()))  # every character of a word's pairs
    sizes = np.zeros(8, dtype=np.int64)
    for char in chars:
        kept = [pieces._keys for pieces in stripped_tables.cheap_pieces(char)]
        kept += stripped_tables.common_neighbours(char)
        own = own_tables(char)
        assert [table.tolist() for table in kept] == [table.tolist() for table in own], char
        assert all(table.dtype == np.int64 for table in kept)  # vector.held adds a set's index to its keys
        sizes += [*map(len, kept)]
    assert (sizes > 10_000).all()  # every table holds many pieces
    # a character no word pairs is numbered 0: it has none
    none = [pieces._keys for pieces in stripped_tables.cheap_pieces("a")] + [*stripped_tables.common_neighbours("a")]
    assert not any(map(len, none))


def test_the_characters_by_frequency_kept_between_runs_are_those_found():
    from wenlint_rules.typo import stripped_character

    shares, chars = stripped_character._by_frequency()
    assert (shares, chars) == stripped_character._built_by_frequency()
    assert 1_000 < len(chars) == len(shares) and chars.startswith("的") and "們" not in chars


@pytest.fixture
def lexicon_cache(tmp_path, monkeypatch) -> os.PathLike:
    """A copy of the lexicon's cache in a cache folder of the test's own."""
    real = cache_path()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    copy = cache_path()
    copy.parent.mkdir(parents=True)
    shutil.copy2(real, copy)
    return copy


def test_the_kept_tables_are_built_again_when_the_lexicons_cache_or_worse_changes(lexicon_cache, monkeypatch):
    builds = []

    def counting_build():
        builds.append(True)
        return built

    built = stripped_tables._built()
    monkeypatch.setattr(stripped_tables, "_built", counting_build)
    tables = stripped_tables._tables.__wrapped__
    kept = tables()
    assert len(builds) == 1 and tables() is not built and len(builds) == 1  # built once, then read
    assert all(
        (mine == theirs).all()
        for kept_table, built_table in zip(kept, built)
        for mine, theirs in zip(kept_table, built_table)
    )
    info = os.stat(lexicon_cache)
    os.utime(lexicon_cache, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))  # as building it again does
    tables()
    assert len(builds) == 2
    monkeypatch.setattr(stripped_tables, "WORSE", stripped_tables.WORSE + 1)  # the cheap neighbours are others
    tables()
    assert len(builds) == 3


def test_without_a_lexicon_cache_the_tables_are_built_in_memory(lexicon_cache, monkeypatch):
    lexicon_cache.unlink()
    builds = []
    monkeypatch.setattr(stripped_tables, "_built", lambda: builds.append(True) or [])
    for _ in range(2):
        assert stripped_tables._tables.__wrapped__() == []
    assert len(builds) == 2 and not any(lexicon_cache.parent.rglob("t005-*"))
