"""Rule documentation and tables: ``wenlint rule``, ``wenlint rules``, ``--statistics``."""

from __future__ import annotations

import re
import textwrap
from typing import TextIO

from wenlint.errors import UsageError
from wenlint.registry import all_rules, in_preview
from wenlint.report import Summary
from wenlint.rule import Example, Rule
from wenlint.signals import NAMES as SIGNAL_NAMES

EXIT_OK = 0


def find_rule(key: str) -> type[Rule] | None:
    """A rule by code (any case) or by name."""
    rules = all_rules()
    if key.upper() in rules:
        return rules[key.upper()]
    return next((rule for rule in rules.values() if rule.name == key), None)


def sections(rule: type[Rule]) -> list[tuple[str, str]]:
    """The rule's documentation as (heading, text) pairs, in reading order:
    what every front-end (``wenlint rule``, SARIF, the review) shows."""
    parts = (
        ("What it flags", rule.flags),
        ("Why it matters", rule.why),
        ("What it leaves alone", rule.leaves_alone),
        ("Fix safety", rule.fix_safety),
    )
    return [(heading, textwrap.dedent(body).strip()) for heading, body in parts if body.strip()]


def rule_markdown(rule: type[Rule], examples: bool = False) -> str:
    """The rule's documentation as Markdown (SARIF ``help``, a docs site),
    with its examples too when asked (the language server's hover)."""
    out = [f"# {rule.code} {rule.name}", "", rule.summary]
    for heading, body in sections(rule):
        out += ["", f"## {heading}", "", body]
    if examples and rule.bad:
        out += ["", "## Flagged", ""]
        for example in rule.bad:
            fixed = f" → {_code(example.fixed)}" if example.fixed is not None else ""
            out.append(f"- ✗ {_code(example.text)}{fixed}{_setting(example)}")
    if examples and rule.good:
        out += ["", "## Not flagged", ""]
        out += [f"- ✓ {_code(example.text)}{_setting(example)}" for example in rule.good]
    return "\n".join(out) + "\n"


def _code(text: str) -> str:
    """``text`` as a Markdown code span, fenced by more backticks than it holds in a row."""
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def rule_text(rule: type[Rule]) -> str:
    """A rule's full documentation, as plain text with its examples."""
    fix = {
        "none": "no fix",
        "safe": "safe fix",
        "unsafe": "unsafe fix (needs --unsafe-fixes)",
        "sometimes": "safe fix in some contexts, unsafe in others",
    }[rule.fix.value]
    out = [
        f"{rule.code} {rule.name}",
        "",
        rule.summary,
        "",
        f"family: {rule.family()}   severity: {rule.severity.value}   fix: {fix}   default: {default_state(rule)}",
    ]
    if in_preview(rule):
        out += ["", PREVIEW_NOTE]
    for heading, body in sections(rule):
        out += ["", heading, textwrap.indent(body, "  ")]
    if rule.options:
        out += ["", "Options (in [tool.wenlint.rules." + rule.code + "]):"]
        for name, option in rule.options.items():
            choices = f" one of {', '.join(map(repr, option.choices))};" if option.choices else ""
            out.append(f"  {name} = {option.default!r}  —{choices} {option.help}")
    if rule.bad:
        out += ["", "Flagged:"]
        for example in rule.bad:
            out.append(f"  ✗ {example.text}{_setting(example)}")
            if example.fixed is not None:
                out.append(f"  → {example.fixed}")
    if rule.good:
        out += ["", "Not flagged:"]
        out += [f"  ✓ {example.text}{_setting(example)}" for example in rule.good]
    return "\n".join(out) + "\n"


#: What ``wenlint rule`` says of a rule in the preview group.
PREVIEW_NOTE = (
    "In preview: not yet shown to be right on real text (precision 0.9 on a judged sample),\n"
    "so it runs only with --preview (or preview = true), or when selected by its code."
)


def default_state(rule: type[Rule]) -> str:
    """``on``, ``off`` (an opt-in rule) or ``preview`` (off until it graduates)."""
    if in_preview(rule) and rule.default_enabled:
        return "preview"
    return "on" if rule.default_enabled else "off"


def _setting(example: Example) -> str:
    """What an example needs besides its text: options, a file type."""
    needs = [f"{key} = {value!r}" for key, value in example.options.items()]
    if example.path != Example.path:
        needs.append(f"in a {example.path.rsplit('.', 1)[-1]} file" if "." in example.path else example.path)
    return f"    ({'; '.join(needs)})" if needs else ""


def print_rule(key: str, out: TextIO) -> int:
    rule = find_rule(key)
    if rule is None:
        raise UsageError(f"no rule {key!r}; `wenlint rules` lists them")
    out.write(rule_text(rule))
    return EXIT_OK


def print_rule_table(out: TextIO) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table("code", "name", "family", "fix", "default", "summary", box=None, pad_edge=False)
    for code, rule in all_rules().items():
        table.add_row(code, rule.name, rule.family(), rule.fix.value, default_state(rule), rule.summary)
    Console(file=out, soft_wrap=True).print(table)
    return EXIT_OK


def print_signals(rows: list[tuple[str, dict[str, float]]], out: TextIO) -> None:
    """Each file's document signals (wenlint.signals), tab-separated under a header line."""
    out.write("\t".join(("path", *SIGNAL_NAMES)) + "\n")
    for path, values in sorted(rows):
        out.write("\t".join((path, *(f"{values[name]:.4g}" for name in SIGNAL_NAMES))) + "\n")


def print_statistics(summary: Summary, rules: dict[str, type[Rule]], out: TextIO) -> None:
    """One line per rule with findings: count, code, fixability, name."""
    for code, count in sorted(summary.by_code.items(), key=lambda item: (-item[1], item[0])):
        fixable = {"safe": "[*]", "unsafe": "[-]"}.get(summary.fixable_by_code.get(code, ""), "   ")
        name = rules[code].name if code in rules else "internal-error"
        out.write(f"{count:>7}\t{code}\t{fixable} {name}\n")
    if summary.fixable_by_code:
        out.write("[*] fixable with --fix, [-] with --fix --unsafe-fixes\n")
