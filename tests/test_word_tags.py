"""jieba's words and their part-of-speech tags, as the layout rules (and
T004) look them up: a marisa trie with a tag byte per key id."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from wenlint_rules.layout.counting import _WORD_LINE, word_tags


def _dictionary() -> dict[str, str]:
    """jieba's two- and four-character words and tags, parsed from its dict.txt as before."""
    spec = importlib.util.find_spec("jieba")
    assert spec is not None and spec.submodule_search_locations
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return dict(_WORD_LINE.findall(path.read_text(encoding="utf-8")))


def test_every_word_has_the_tag_the_dictionary_gives_it():
    tags, expected = word_tags(), _dictionary()
    assert len(tags) == len(expected) > 100_000
    assert all(word in tags and tags.get(word) == tag for word, tag in expected.items())


def test_a_word_gives_its_tag():
    tags = word_tags()
    assert "天气" in tags and tags.get("天气") == "n"
    assert tags.get("组织") == "v" and tags.get("高高兴兴") == "ns"  # as jieba has them


@pytest.mark.parametrize("probe", ["组织组织", "天", "天气好", "不是词啊", "", "天\ud800", "\ud800\udc00", "组\x00"])
def test_what_is_no_word_is_absent(probe):
    """Three-character strings (never kept), one character, no word, and
    lone surrogates, which the trie's UTF-8 cannot hold: absent, not an error."""
    tags = word_tags()
    assert probe not in tags
    assert tags.get(probe) is None and tags.get(probe, "") == ""
