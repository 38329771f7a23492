"""Settings: ``[tool.wenlint]`` in pyproject.toml or a ``wenlint.toml``."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wenlint.errors import WenlintError
from wenlint.registry import all_rules, check_selectors, known_rules, rule_class, select_codes
from wenlint.storage import open_regular

CONFIG_FILES = ("wenlint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt", "*.md")
#: An ``include`` glob that only asks for an ending (`*.txt`): `*`, then no character a glob reads specially.
_ENDING_GLOB = re.compile(r"\*([^*?\[\]\\/!\s]+)")
#: The largest ``max-file-size-mb`` accepted (1 TiB): a sanity bound, far above what fits in memory.
MAX_FILE_SIZE_MB = 2**20


class ConfigError(WenlintError):
    """The configuration cannot be used; the message names the key."""


if TYPE_CHECKING:
    import pathspec

    from wenlint.rule import Rule


def _glob_spec(patterns: list[str]) -> pathspec.GitIgnoreSpec:
    import pathspec  # only when a glob is matched: it loads asyncio, a fifth of the start-up

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _checked_globs(key: str, value: Any, where: str) -> tuple[str, ...]:
    """A list of globs from the configuration, each one compiled once to prove it valid."""
    globs = _strings(key, value, where)
    for glob in globs:
        try:
            _glob_spec([glob])
        except (ValueError, re.error) as error:  # pathspec raises both, for different mistakes
            raise ConfigError(f"{where}: {key!r}: bad glob {glob!r}: {error}") from None
    return globs


@dataclass(frozen=True)
class Settings:
    """Everything that decides which rules run on which file, and how."""

    root: Path = field(default_factory=Path.cwd)
    config_file: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    preview: bool = False  # preview rules run too (see wenlint.registry)
    max_file_size_mb: int = 64
    rule_options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    fixable: tuple[str, ...] = ("ALL",)  # selectors of the rules whose fixes --fix may apply
    extend_fixable: tuple[str, ...] = ()
    unfixable: tuple[str, ...] = ()

    @cached_property
    def include_spec(self) -> pathspec.PathSpec:
        return _glob_spec(list(self.include))

    @cached_property
    def exclude_spec(self) -> pathspec.PathSpec:
        return _glob_spec(list(self.exclude))

    @cached_property
    def _per_file_specs(self) -> list[tuple[pathspec.PathSpec, tuple[str, ...]]]:
        return [(_glob_spec([glob]), codes) for glob, codes in self.per_file_ignores]

    def relative(self, path: str | Path) -> str:
        """``path`` relative to the config root, with forward slashes."""
        absolute = os.path.abspath(path)
        under = str(self.root) + os.sep  # how an absolute path under the root starts
        if absolute.startswith(under):  # the same name as below, without a Path per file
            return absolute[len(under) :].replace(os.sep, "/")
        try:
            return Path(absolute).relative_to(self.root).as_posix()
        except ValueError:
            return Path(absolute).as_posix().lstrip("/")

    def is_excluded(self, path: str | Path, is_dir: bool = False) -> bool:
        if not self.exclude:
            return False
        rel = self.relative(path) + ("/" if is_dir else "")
        return self.exclude_spec.match_file(rel)

    @cached_property
    def _include_endings(self) -> tuple[str, ...] | None:
        """The endings ``include`` asks for, when each of its globs only asks
        for one (as the default ``*.txt`` and ``*.md`` do); else None."""
        endings = tuple(match[1] for glob in self.include if (match := _ENDING_GLOB.fullmatch(glob)))
        return endings if len(endings) == len(self.include) else None

    def is_included(self, path: str | Path) -> bool:
        rel = self.relative(path)
        endings = self._include_endings
        if endings is not None and "\n" not in rel:
            # As the globs match: a name with the ending, or a folder's (all in it), without compiling them.
            return any(part.endswith(endings) for part in rel.split("/"))
        return self.include_spec.match_file(rel)

    @cached_property
    def selected_codes(self) -> tuple[str, ...]:
        """The rule codes the selectors enable, before per-file ignores
        (worked out once: every file of a run asks)."""
        select = None if self.select is None else list(self.select)
        return tuple(select_codes(known_rules(), select, list(self.extend_select), list(self.ignore), self.preview))

    def codes_for(self, path: str) -> tuple[str, ...]:
        """The rule codes that run on ``path``: the selection, less the
        per-file ignores matching it (which no selector overrides)."""
        codes = self.selected_codes
        if path != "-" and self.per_file_ignores:
            rel = self.relative(path)
            ignored = [code for spec, codes in self._per_file_specs if spec.match_file(rel) for code in codes]
            codes = [code for code in codes if not any(i == "ALL" or code.startswith(i) for i in ignored)]
        return tuple(codes)

    @cached_property
    def fixable_codes(self) -> frozenset[str]:
        """The codes whose fixes may be applied: ``fixable`` and
        ``extend-fixable``, less ``unfixable`` (the more specific selector wins)."""
        rules = known_rules()
        return frozenset(select_codes(rules, list(self.fixable), list(self.extend_fixable), list(self.unfixable), True))

    def make_rules(self, codes: tuple[str, ...]) -> list[Rule]:
        """Instances of the rules ``codes``, with their configured options
        (and, for an unfixable rule, ``fixes_applied`` off)."""
        options = dict(self.rule_options)
        made = []
        for code in codes:
            rule = rule_class(code)(**dict(options.get(code, ())))
            rule.fixes_applied = code in self.fixable_codes
            made.append(rule)
        return made

    def with_overrides(
        self,
        select: list[str] | None = None,
        extend_select: list[str] | None = None,
        ignore: list[str] | None = None,
        preview: bool | None = None,
    ) -> Settings:
        """These settings with command-line selectors (and ``--preview`` or ``--no-preview``) applied on top."""
        return Overrides(select, extend_select or [], ignore or [], preview).apply(self)


@dataclass(frozen=True)
class Overrides:
    """What the command line sets on top of every configuration: selectors,
    ``--preview``, and excludes and per-file ignores (globs relative to the
    current directory, as ``(glob, code)`` pairs for the ignores)."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    preview: bool | None = None
    exclude: list[str] | None = None
    extend_exclude: list[str] = field(default_factory=list)
    per_file_ignores: list[tuple[str, str]] | None = None
    extend_per_file_ignores: list[tuple[str, str]] = field(default_factory=list)

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with these overrides on top (checked first)."""
        self.check()
        changes: dict[str, Any] = {
            "extend_select": settings.extend_select + tuple(self.extend_select),
            "ignore": settings.ignore + tuple(self.ignore),
        }
        if self.select is not None:
            changes["select"] = tuple(self.select)
        if self.preview is not None:
            changes["preview"] = self.preview
        here = (Path(os.path.abspath(Path.cwd())), Path(os.path.abspath(settings.root)))
        exclude = settings.exclude if self.exclude is None else tuple(_from_cwd(g, *here) for g in self.exclude)
        changes["exclude"] = exclude + tuple(_from_cwd(glob, *here) for glob in self.extend_exclude)
        ignores = settings.per_file_ignores
        if self.per_file_ignores is not None:
            ignores = tuple((_from_cwd(glob, *here), (code,)) for glob, code in self.per_file_ignores)
        extra = tuple((_from_cwd(glob, *here), (code,)) for glob, code in self.extend_per_file_ignores)
        changes["per_file_ignores"] = ignores + extra
        return replace(settings, **changes)

    def check(self) -> None:
        """Raise an error naming the first unknown rule selector or bad glob."""
        known = known_rules()
        check_selectors(self.select or [], known, "--select")
        check_selectors(self.extend_select, known, "--extend-select")
        check_selectors(self.ignore, known, "--ignore")
        for flag, pairs in (
            ("--per-file-ignores", self.per_file_ignores or []),
            ("--extend-per-file-ignores", self.extend_per_file_ignores),
        ):
            check_selectors([code for _, code in pairs], known, flag)
            _checked_globs(flag, [glob for glob, _ in pairs], "the command line")
        _checked_globs("--exclude", self.exclude or [], "the command line")
        _checked_globs("--extend-exclude", self.extend_exclude, "the command line")


def _from_cwd(glob: str, cwd: Path, root: Path) -> str:
    """A glob relative to the current directory ``cwd`` as a glob relative to
    the config ``root`` (as :meth:`Settings.relative` names paths). From
    inside the root, one without a slash but at its end still matches at any
    depth, but only under ``cwd``. From above the root, an anchored glob
    loses the path from ``cwd`` down to the root (``proj/sub/`` is ``sub/``
    for the root ``proj``), and one without a slash matches at any depth."""
    negated = glob.startswith("!")
    body = glob[1:] if negated else glob
    anchored = "/" in body.rstrip("/")
    if cwd.is_relative_to(root):
        here = cwd.relative_to(root).as_posix()
        if here != ".":
            body = f"{here}/{body.lstrip('/')}" if anchored else f"{here}/**/{body}"
    elif anchored:
        inner = body.lstrip("/")
        above = root.relative_to(cwd).as_posix() + "/" if root.is_relative_to(cwd) else None
        if above and inner.startswith(above):
            body = inner[len(above) :]
        else:  # outside the root: named as Settings.relative names such a path
            body = f"{cwd.as_posix().lstrip('/')}/{inner}"
    return ("!" if negated else "") + body


def find_config_file(start: Path) -> Path | None:
    """The nearest wenlint.toml, or pyproject.toml with a [tool.wenlint]
    table, in ``start`` or one of its parents."""
    directory = start if _is_dir(start) else start.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if _is_file(candidate) and (name == "wenlint.toml" or _has_wenlint_table(candidate)):
                return candidate
    return None


def _is_dir(path: Path) -> bool:
    """``path.is_dir()``, False also for a name too long for the file system
    (which ``is_dir`` raises; the input is reported when it is read)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _is_file(path: Path) -> bool:
    """``path.is_file()``, False also for a name too long for the file system."""
    try:
        return path.is_file()
    except OSError:
        return False


def _has_wenlint_table(pyproject: Path) -> bool:
    try:
        return "wenlint" in _read_toml(pyproject).get("tool", {})
    except ConfigError:
        return False


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open_regular(path) as handle:
            return tomllib.load(handle)
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{path}: not UTF-8 (byte 0x{error.object[error.start]:02x} at offset {error.start})"
        ) from None
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from None


def load_settings(config_file: Path | None) -> Settings:
    """Settings from a config file, or the defaults when there is none."""
    if config_file is None:
        return Settings()
    data = _read_toml(config_file)
    if config_file.name == "pyproject.toml":
        data = data.get("tool", {}).get("wenlint", {})
    return parse_settings(data, config_file)


def _strings(key: str, value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def parse_settings(data: dict[str, Any], config_file: Path) -> Settings:
    """Validate a ``[tool.wenlint]`` table. Unknown keys and codes are errors."""
    where = str(config_file)
    known = known_rules()
    values: dict[str, Any] = {"root": config_file.parent.resolve(), "config_file": config_file}
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    for key, value in data.items():
        if key in ("select", "extend-select", "ignore", "fixable", "extend-fixable", "unfixable"):
            selectors = _strings(key, value, where)
            check_selectors(selectors, known, f"{where}: {key!r}")
            values[key.replace("-", "_")] = selectors
        elif key == "include":
            include = _checked_globs(key, value, where)
        elif key == "extend-include":
            include = include + _checked_globs(key, value, where)
        elif key in ("exclude", "extend-exclude"):
            exclude = exclude + _checked_globs(key, value, where)
        elif key in ("respect-gitignore", "preview"):
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: {key!r} must be true or false")
            values[key.replace("-", "_")] = value
        elif key == "max-file-size-mb":
            if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= MAX_FILE_SIZE_MB:
                raise ConfigError(f"{where}: 'max-file-size-mb' must be a positive integer up to {MAX_FILE_SIZE_MB}")
            values["max_file_size_mb"] = value
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [codes]")
            entries = []
            for glob, codes in value.items():
                _checked_globs("per-file-ignores", [glob], where)
                codes = _strings(f"per-file-ignores.{glob}", codes, where)
                check_selectors(codes, known, f"{where}: 'per-file-ignores.{glob}'")
                entries.append((glob, codes))
            values["per_file_ignores"] = tuple(entries)
        elif key == "rules":
            values["rule_options"] = _parse_rule_options(value, all_rules(), where)
        else:
            raise ConfigError(f"{where}: unknown key {key!r}")
    values["include"] = include
    values["exclude"] = exclude
    return Settings(**values)


def _parse_rule_options(table: Any, known: dict[str, type[Rule]], where: str) -> tuple:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: 'rules' must be a table of rule code or name = {{options}}")
    by_name = {rule.name: code for code, rule in known.items()}
    parsed = []
    for key, options in table.items():
        code = key if key in known else by_name.get(key)
        if code is None:
            raise ConfigError(f"{where}: unknown rule {key!r} in 'rules'")
        if not isinstance(options, dict):
            raise ConfigError(f"{where}: 'rules.{key}' must be a table of options")
        try:
            known[code](**options)
        except ValueError as error:
            raise ConfigError(f"{where}: 'rules.{key}': {error}") from None
        parsed.append((code, tuple(sorted(options.items()))))
    return tuple(parsed)
