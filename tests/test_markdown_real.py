"""Real documentation Markdown (shared/data/real/markdown.jsonl): fixing it,
safe fixes or all, leaves its Markdown structure as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import wenlint
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real" / "markdown.jsonl"
#: Tokens whose content is code, HTML or front matter: kept character for character.
VERBATIM_BLOCKS = {"fence", "code_block", "html_block", "front_matter"}
VERBATIM_INLINE = {"code_inline", "html_inline"}


def structure(text: str) -> list[tuple]:
    """The Markdown structure of ``text``: every block token's type, nesting,
    markup and (for code, HTML and front matter) content; every inline
    token's code, HTML, link and image destinations."""
    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    shape = []
    for token in md.parse(text):
        content = token.content if token.type in VERBATIM_BLOCKS else ""
        shape.append((token.type, token.tag, token.nesting, token.markup, token.info, content))
        for child in token.children or ():
            if child.type in VERBATIM_INLINE or child.type in ("link_open", "image"):
                shape.append((child.type, child.content if child.type in VERBATIM_INLINE else "", child.attrs))
    return shape


@pytest.mark.slow
@pytest.mark.skipif(not REAL.exists(), reason=f"the real Markdown is not here ({REAL})")
@pytest.mark.parametrize("unsafe", [False, True], ids=["fix", "unsafe-fixes"])
def test_fixing_real_markdown_keeps_its_structure(tmp_path, unsafe):
    docs = [json.loads(line) for line in REAL.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(docs) > 100
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    before = {}
    for index, doc in enumerate(docs):
        path = tmp_path / f"{index:03}.md"
        path.write_text(doc["text"], encoding="utf-8")
        before[path] = doc["text"]
    result = wenlint("check", "--fix", *(["--unsafe-fixes"] if unsafe else []), "--statistics", str(tmp_path))
    assert result.returncode in (0, 1), result.stderr.decode()
    changed = [path for path, text in before.items() if path.read_text(encoding="utf-8") != text]
    assert changed  # the fixes did run
    damaged = [path.name for path in changed if structure(path.read_text(encoding="utf-8")) != structure(before[path])]
    assert damaged == []
