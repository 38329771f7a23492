"""``wenlint completion bash|zsh|fish``: each script loads in the real shell
and completes a subcommand, an option and an option's value."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import wenlint

BASH_PROBE = """
source "$1"
complete_line() {  # the candidates bash would offer for the words given
    COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=()
    _wenlint
    echo "${COMPREPLY[*]}"
}
complete -p wenlint
complete_line wenlint ch
complete_line wenlint check --output-f
complete_line wenlint check --output-format gi
complete_line wenlint rule M00
complete_line wenlint check --select P00
"""

#: Types in an interactive zsh (no rc files) and waits for the line tab completion makes.
ZSH_PROBE = """
zmodload zsh/zpty
zpty z 'zsh -f -i'
zpty -w z "PS1='> '; fpath=($1 \\$fpath); autoload -U compinit; compinit -u -D"
zpty -w -n z $'wenlint chec\\t--output-format gi\\t'
zpty -r z out '*check*--output-format git*'
zpty -d z
"""


def _script(shell: str, folder: Path, name: str) -> Path:
    result = wenlint("completion", shell)
    assert result.returncode == 0, result.stderr.decode()
    path = folder / name
    path.write_bytes(result.stdout)
    return path


def test_bash_completes_commands_options_and_values(tmp_path: Path):
    script = _script("bash", tmp_path, "wenlint.bash")
    result = subprocess.run(["bash", "-c", BASH_PROBE, "probe", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "complete -o filenames -F _wenlint wenlint",
        "check",
        "--output-format --output-file",
        "github gitlab",
        "M001 M002 M003 M004 M005 M006 M007",
        "P001 P002 P003 P004 P005",
    ]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_completes_a_command_and_a_value(tmp_path: Path):
    _script("zsh", tmp_path, "_wenlint")
    result = subprocess.run(
        ["timeout", "60", "zsh", "-f", "-c", ZSH_PROBE, "probe", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, (result.stdout, result.stderr)  # the line was completed before the timeout


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_commands_options_and_values(tmp_path: Path):
    script = _script("fish", tmp_path, "wenlint.fish")

    def complete(line: str) -> list[str]:
        probe = f"source {script}; complete -C '{line}'"
        result = subprocess.run(["fish", "--no-config", "-c", probe], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return [candidate.split("\t")[0] for candidate in result.stdout.splitlines()]

    assert complete("wenlint ch") == ["check"]
    assert complete("wenlint check --output-f") == ["--output-file", "--output-format"]
    assert complete("wenlint check --output-format gi") == ["github", "gitlab"]
    assert complete("wenlint completion ") == ["bash", "fish", "zsh"]


def test_an_unknown_shell_is_a_usage_error():
    result = wenlint("completion", "powershell")
    assert result.returncode == 2
    assert "invalid choice: 'powershell'" in result.stderr.decode()
