"""Settings for each open document, resolved as ``wenlint check`` resolves them.

The nearest ``wenlint.toml`` or ``pyproject.toml`` with a ``[tool.wenlint]``
table above the document (see :func:`wenlint.config.find_config_file`),
read again whenever the file changes on disk; the client's
``initializationOptions`` (select, extendSelect, ignore, preview) layered on
top as the command line's options are.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wenlint.config import ConfigError, Settings, find_config_file, load_settings

#: The client's options: initializationOptions key → with_overrides argument.
_SELECTORS = {"select": "select", "extendSelect": "extend_select", "ignore": "ignore"}
#: The initializationOptions the server reads besides the selectors.
_OTHER_OPTIONS = ("preview", "maxDiagnostics")


@dataclass(frozen=True)
class ClientOptions:
    """What the client asked for in ``initializationOptions``."""

    select: list[str] | None = None
    extend_select: list[str] | None = None
    ignore: list[str] | None = None
    preview: bool | None = None
    #: At most this many findings are shown per document (a scraped page of megabytes may hold tens of thousands).
    max_diagnostics: int = 1000

    @classmethod
    def parse(cls, options: Any) -> ClientOptions:
        """Options from ``initializationOptions`` (a ``wenlint`` table in it
        also works); raises ConfigError naming a bad key."""
        if not options:  # none, or empty: Neovim sends an empty Lua table as []
            return cls()
        if isinstance(options, dict) and isinstance(options.get("wenlint"), dict):
            options = options["wenlint"]
        if not isinstance(options, dict):
            raise ConfigError("initializationOptions: must be an object")
        values: dict[str, Any] = {}
        for key, value in options.items():
            if key in _SELECTORS:
                if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
                    raise ConfigError(f"initializationOptions: {key!r} must be a list of rule codes")
                values[_SELECTORS[key]] = [code.strip().upper() for code in value]
            elif key == "preview" and isinstance(value, bool):
                values["preview"] = value
            elif key == "maxDiagnostics" and isinstance(value, int) and not isinstance(value, bool) and value > 0:
                values["max_diagnostics"] = value
            elif key in _OTHER_OPTIONS:
                raise ConfigError(f"initializationOptions: bad value for {key!r}: {value!r}")
            else:
                raise ConfigError(f"initializationOptions: unknown key {key!r}")
        return cls(**values)


class DocumentSettings:
    """Settings per document path, each config file read again when it changes."""

    def __init__(self, options: ClientOptions) -> None:
        self.options = options
        #: config file → (its stat signature, the settings it gives)
        self._loaded: dict[Path | None, tuple[tuple[int, ...], Settings]] = {}

    def for_path(self, path: Path) -> Settings:
        """The settings for a document at ``path`` (raises ConfigError)."""
        config_file = find_config_file(path)
        signature = _signature(config_file)
        cached = self._loaded.get(config_file)
        if cached is None or cached[0] != signature:
            options = self.options
            settings = load_settings(config_file).with_overrides(
                options.select, options.extend_select, options.ignore, options.preview
            )
            cached = self._loaded[config_file] = (signature, settings)
        return cached[1]


def _signature(config_file: Path | None) -> tuple[int, ...]:
    """What changes when a config file is edited: its modification time, size and inode."""
    if config_file is None:
        return ()
    try:
        status = os.stat(config_file)
    except OSError:
        return ()
    return status.st_mtime_ns, status.st_size, status.st_ino


def checked(settings: Settings, path: Path) -> bool:
    """Whether ``wenlint check`` of the project would check ``path``: included and not excluded."""
    return settings.is_included(path) and not settings.is_excluded(path)
