"""A real editor as the client: headless Neovim runs the snippet that
docs/editors.md gives for Neovim 0.7 on a file, and its diagnostics are read
back through Neovim's own API."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytest.importorskip("pygls", reason="wenlint server needs the server extra")

#: Reads what Neovim made of the server's diagnostics, then quits.
PROBE = """
vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(found, { lnum = d.lnum, col = d.col, end_col = d.end_col, code = d.code or lsp.code, source = d.source })
end
vim.fn.writefile({ vim.fn.json_encode({ found = found, messages = vim.fn.execute("messages") }) }, os.getenv("PROBE_OUT"))
vim.cmd("qa!")
"""


def neovim() -> str:
    """The nvim command, or a skip saying why there is none."""
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("Neovim is not installed (.ci/run installs Debian's neovim package: apt-get install neovim)")
    version = subprocess.run([nvim, "--version"], capture_output=True, text=True, check=True).stdout
    found = re.match(r"NVIM v(\d+)\.(\d+)", version)
    if not found or (int(found[1]), int(found[2])) < (0, 7):
        pytest.skip(f"Neovim 0.7 or newer is needed, not {version.splitlines()[0]}")
    return nvim


def documented_snippet() -> str:
    """The Lua block docs/editors.md gives for Neovim 0.7."""
    editors = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    section = editors.split("## Neovim 0.7 and newer", 1)[1]
    return re.search(r"```lua\n(.*?)```", section, re.DOTALL)[1]


@pytest.mark.slow
def test_neovim_shows_the_findings_at_the_right_columns(tmp_path: Path):
    nvim = neovim()
    (tmp_path / "init.lua").write_text(documented_snippet(), encoding="utf-8")
    (tmp_path / "probe.lua").write_text(PROBE, encoding="utf-8")
    # Neovim counts columns in bytes: 😀 is 4 bytes (2 UTF-16 units), 今 and 天 3 each.
    (tmp_path / "note.md").write_text("# 标题\n\n😀今天,我们讨论**重要**的事情。\n", encoding="utf-8")
    env = {**os.environ, "PROBE_OUT": str(tmp_path / "found.json"), "HOME": str(tmp_path)}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"  # the `wenlint` this Python installed
    subprocess.run(
        [nvim, "--headless", "-i", "NONE", "-u", "init.lua", "note.md", "-c", "luafile probe.lua"],
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=True,
        stdin=subprocess.DEVNULL,
        capture_output=True,
    )
    probed = json.loads((tmp_path / "found.json").read_text(encoding="utf-8"))
    assert probed["found"] == [{"lnum": 2, "col": 10, "end_col": 11, "code": "M001", "source": "wenlint"}]
    assert "wenlint" not in probed["messages"]  # no error shown (the snippet's empty init_options arrive as [])
