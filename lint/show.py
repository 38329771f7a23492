"""``check --show-files`` and ``check --show-settings``: what a run would check, and how."""

from __future__ import annotations

from dataclasses import fields
from typing import TextIO

from wenlint.config import Settings
from wenlint.registry import all_rules
from wenlint.results import display_name, escape_controls
from wenlint.rule import FixAvailability


def _name(path: str) -> str:
    return escape_controls(display_name(path))


def show_files(files: list[tuple[str, Settings]], out: TextIO) -> None:
    """The files a run would check, one per line, in the order they are checked."""
    out.writelines(f"{_name(path)}\n" for path, _ in files)


def show_settings(files: list[tuple[str, Settings]], out: TextIO) -> None:
    """For each group of files with the same settings and rules: the files,
    the config file, every resolved setting and the rules that run."""
    groups: dict[tuple[int, tuple[str, ...]], list[str]] = {}
    settings_of: dict[int, Settings] = {}
    for path, settings in files:
        key = (id(settings), settings.codes_for(path))
        groups.setdefault(key, []).append(path)
        settings_of[id(settings)] = settings
    rules = all_rules()
    blocks = []
    for (settings_id, codes), paths in groups.items():
        settings = settings_of[settings_id]
        lines = [f"Files ({len(paths)}):", *(f"  {_name(path)}" for path in paths)]
        lines.append(f"Config file: {settings.config_file or 'none (the defaults)'}")
        lines.append("Settings:")
        for setting in fields(Settings):
            if setting.name != "config_file":
                lines.append(f"  {setting.name.replace('_', '-')} = {_value(getattr(settings, setting.name))}")
        fixable = {code for code in settings.fixable_codes if rules[code].fix is not FixAvailability.NONE}
        lines.append(f"Rules ({len(codes)}; * with fixes --fix may apply):")
        lines.extend(f"  {code}{' *' if code in fixable else ''}" for code in codes)
        blocks.append("\n".join(lines) + "\n")
    out.write("\n".join(blocks))


def _value(value: object) -> str:
    """A setting as the configuration would write it (lists in brackets, nothing for None)."""
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(_pair(item) if isinstance(item, tuple) else repr(item) for item in value) + "]"
    return str(value)


def _pair(item: tuple) -> str:
    """A per-file-ignores entry or a rule's options: ``glob = [codes]``."""
    key, values = item
    return f"{key!r} = {_value(values)}"
