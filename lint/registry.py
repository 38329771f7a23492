"""Finding rules through the ``wenlint.rules`` entry point, and selecting them.

Rules are on by default, off by default (opt-in house style such as M007),
or in the **preview** group: rules that have not yet shown a precision of
0.9 on real text (a judged sample in ``bench/judged/``). A preview rule
runs in preview mode (``--preview``, ``preview = true``), where it counts
as on by default and any selector that matches it selects it; outside
preview mode it runs only when selected by its full code, never by a prefix
or ``ALL``. An opt-in rule stays off in preview mode too.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterable
from functools import cache, lru_cache
from hashlib import blake2b
from importlib.metadata import entry_points
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

from wenlint.errors import UsageError, WenlintError
from wenlint.fingerprint import package_fingerprint, top_package
from wenlint.results import RESERVED_NAMES

if TYPE_CHECKING:
    from wenlint.rule import Rule

ENTRY_POINT_GROUP = "wenlint.rules"
REQUIRED = ("code", "name", "summary", "flags")


class RuleInfo(NamedTuple):
    """What choosing rules and reporting findings need of a rule, read without
    importing it when the table cache kept it (see :func:`known_rules`)."""

    code: str
    name: str
    default_enabled: bool
    preview: bool
    document_level: bool
    module: str
    qualname: str  # the class's name in ``module``


class RegistryError(WenlintError):
    """A rule package is broken: a duplicate code or missing metadata."""


def _rules_in(obj: object) -> Iterable[type[Rule]]:
    """Rule classes an entry point offers: a package or module (searched,
    with its submodules), a Rule subclass, or an iterable of them."""
    from wenlint.rule import Rule

    if inspect.isclass(obj) and issubclass(obj, Rule):
        yield obj
    elif isinstance(obj, ModuleType):
        modules = [obj]
        if hasattr(obj, "__path__"):
            for info in pkgutil.walk_packages(obj.__path__, obj.__name__ + "."):
                modules.append(importlib.import_module(info.name))
        for module in modules:
            for value in vars(module).values():
                if (
                    inspect.isclass(value)
                    and issubclass(value, Rule)
                    and value.__module__ == module.__name__
                    and "code" in vars(value)
                ):
                    yield value
    else:
        for value in obj:  # type: ignore[attr-defined]
            yield from _rules_in(value)


def _validate(rule: type[Rule], origin: str) -> None:
    from wenlint.rule import CODE_PATTERN

    missing = [attr for attr in REQUIRED if not getattr(rule, attr, "")]
    if missing:
        raise RegistryError(f"rule {rule.__qualname__} from {origin} lacks {', '.join(missing)}")
    if not CODE_PATTERN.fullmatch(rule.code):
        raise RegistryError(
            f"rule {rule.__qualname__} from {origin} has code {rule.code!r}; want a letter and 3 digits"
        )
    if rule.code in RESERVED_NAMES:
        raise RegistryError(
            f"rule {rule.__qualname__} from {origin} has code {rule.code!r}, reserved for {RESERVED_NAMES[rule.code]}"
        )


@lru_cache(maxsize=1)
def all_rules() -> dict[str, type[Rule]]:
    """Every installed rule by code, sorted by code."""
    found: dict[str, tuple[type[Rule], str]] = {}
    for point in entry_points(group=ENTRY_POINT_GROUP):
        origin = f"entry point {point.name!r} ({point.value})"
        for rule in _rules_in(point.load()):
            _validate(rule, origin)
            if rule.code in found and found[rule.code][0] is not rule:
                raise RegistryError(f"rule code {rule.code} is defined twice: by {found[rule.code][1]} and by {origin}")
            found[rule.code] = (rule, origin)
    return {code: found[code][0] for code in sorted(found)}


def rule_class(code: str) -> type[Rule]:
    """The class of the installed rule ``code``, from its own module when the
    rules are known without importing them (see :func:`known_rules`)."""
    if all_rules.cache_info().currsize:
        return all_rules()[code]
    info = known_rules()[code]
    found: object = importlib.import_module(info.module)
    for name in info.qualname.split("."):
        found = getattr(found, name, None)
    if inspect.isclass(found) and getattr(found, "code", None) == code:
        return found
    return all_rules()[code]  # (not there by that name: defined inside a function, say)


@lru_cache(maxsize=1)
def rule_entry_points() -> list[tuple[str, str]]:
    """The name and value of each ``wenlint.rules`` entry point, in a fixed order: where the rules come from."""
    return sorted((point.name, point.value) for point in entry_points(group=ENTRY_POINT_GROUP))


@cache
def entry_tops() -> frozenset[str]:
    """wenlint and the top-level packages of the modules the ``wenlint.rules`` entry points name."""
    return frozenset({"wenlint"} | {top_package(value.partition(":")[0]) for _, value in rule_entry_points()})


def rules_key() -> str:
    """What decides the installed rules: the ``wenlint.rules`` entry points,
    and the fingerprint of wenlint and of the packages they name."""
    decided = (rule_entry_points(), package_fingerprint(entry_tops()))
    return blake2b(repr(decided).encode("utf-8", "surrogateescape"), digest_size=20).hexdigest()


def keyed(rules: Iterable[RuleInfo]) -> bool:
    """Whether :func:`rules_key` changes with every file ``rules`` come from:
    each is a rule of wenlint or of a package an entry point names (one
    offering a class of another package's would have its changes missed)."""
    return {top_package(info.module) for info in rules} <= entry_tops()


@lru_cache(maxsize=1)
def known_rules() -> dict[str, RuleInfo]:
    """Every installed rule's RuleInfo by code, sorted by code: those kept
    between runs (in the table cache, under :func:`rules_key`, when it sees
    changes to every rule: see :func:`keyed`), else read from
    :func:`all_rules`. A run then imports only the rules it makes (see
    :func:`rule_class`), and one that replays every result from the result cache, none."""
    from wenlint.tablecache import kept

    infos = kept("rules", _infos, key=rules_key(), quiet=True, valid=_well_formed)
    return infos if keyed(infos.values()) else _infos()  # (else read afresh: the key misses changes to some)


#: The type of each field of a RuleInfo.
_FIELD_TYPES = (str, str, bool, bool, bool, str, str)


def _well_formed(infos: object) -> bool:
    """Whether ``infos``, loaded from the table cache, is RuleInfo by code, each field of its type (not a damaged entry)."""
    return isinstance(infos, dict) and all(
        isinstance(info, RuleInfo) and info.code == code and all(map(isinstance, info, _FIELD_TYPES))
        for code, info in infos.items()
    )


def _infos() -> dict[str, RuleInfo]:
    return {
        code: RuleInfo(
            code, rule.name, rule.default_enabled, rule.preview, rule.document_level, rule.__module__, rule.__qualname__
        )
        for code, rule in all_rules().items()
    }


def check_selectors(selectors: Iterable[str], known: Iterable[str], where: str) -> None:
    """Raise UsageError naming the first selector that matches no rule."""
    codes = list(known)
    for selector in selectors:
        if selector != "ALL" and not any(code.startswith(selector) for code in codes):
            raise UsageError(f"{where}: unknown rule code or prefix {selector!r}")


def in_preview(rule: type[Rule] | RuleInfo) -> bool:
    """Whether ``rule`` is in the preview group (its class attribute ``preview``)."""
    return rule.preview


def on_by_default(rule: type[Rule] | RuleInfo, preview: bool = False) -> bool:
    """Whether ``rule`` runs when nothing selects it: default-enabled and, unless in preview mode, not in preview."""
    return rule.default_enabled and (preview or not in_preview(rule))


def _specificity(code: str, selectors: Iterable[str], exact_only: bool = False) -> int:
    """Length of the longest selector matching ``code`` (ALL counts as 0), -1 if none;
    with ``exact_only``, only the full code matches."""
    best = -1
    for selector in selectors:
        if exact_only and selector != code:
            continue
        if selector == "ALL":
            best = max(best, 0)
        elif code.startswith(selector):
            best = max(best, len(selector))
    return best


def select_codes(
    rules: dict[str, type[Rule]] | dict[str, RuleInfo],
    select: list[str] | None,
    extend_select: list[str],
    ignore: list[str],
    preview: bool = False,
) -> list[str]:
    """Codes enabled by ruff-style selectors: the more specific selector wins,
    and an ignore wins a tie. Without ``select``, the rules on by default run.
    Outside ``preview`` mode a preview rule is selected only by its full code."""
    enabled = []
    for code, rule in rules.items():
        exact_only = in_preview(rule) and not preview
        if select is None:
            chosen = 0 if on_by_default(rule, preview) else -1
        else:
            chosen = _specificity(code, select, exact_only)
        chosen = max(chosen, _specificity(code, extend_select, exact_only))
        if chosen >= 0 and chosen > _specificity(code, ignore):
            enabled.append(code)
    return enabled
