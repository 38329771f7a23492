"""Rule documentation and tables: ``wenlint rule``, ``wenlint rules``,
and the rule reference ``docs/rules/CODE.md`` (``python -m wenlint.docs docs/rules``
writes it from the registry)."""

from __future__ import annotations

import json
import re
import sys
import textwrap
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from wenlint.errors import UsageError
from wenlint.registry import all_rules, in_preview
from wenlint.report import fit_stream
from wenlint.rule import CODE_PATTERN, Example, Rule
from wenlint.signals import NAMES as SIGNAL_NAMES

EXIT_OK = 0
#: Where the rule reference (``docs/rules/CODE.md``, one page per built-in
#: rule) is published: a rule's ``helpUri`` in SARIF and its ``url``
#: elsewhere. The project has no public host yet; set it when it has.
RULE_PAGES_URL = "https://example.com/wenlint/blob/main/docs/rules"


#: The rule attributes of the structured documentation, and their headings.
DOC_FIELDS = ("flags", "why", "leaves_alone", "fix_safety")
SECTION_HEADINGS = ("What it flags", "Why it matters", "What it leaves alone", "Fix safety")


def find_rule(key: str) -> type[Rule] | None:
    """A rule by code (any case) or by name."""
    rules = all_rules()
    if key.upper() in rules:
        return rules[key.upper()]
    return next((rule for rule in rules.values() if rule.name == key), None)


def sections(rule: type[Rule]) -> list[tuple[str, str]]:
    """The rule's documentation as (heading, text) pairs, in reading order:
    what every front-end (``wenlint rule``, SARIF, the review) shows."""
    parts = zip(SECTION_HEADINGS, (getattr(rule, key) for key in DOC_FIELDS))
    return [(heading, textwrap.dedent(body).strip()) for heading, body in parts if body.strip()]


def built_in(rule: type[Rule]) -> bool:
    """Whether ``rule`` is one of wenlint's own, with a page in the rule reference."""
    return rule.__module__.startswith("wenlint_rules.")


def rule_url(rule: type[Rule]) -> str | None:
    """The rule's page in the published rule reference; None for a rule of another package."""
    return f"{RULE_PAGES_URL}/{rule.code}.md" if built_in(rule) else None


def rule_markdown(rule: type[Rule], examples: bool = False) -> str:
    """The rule's documentation as Markdown (SARIF ``help``); with its examples
    too, its page in the rule reference (and the language server's hover)."""
    out = [f"# {rule.code} {rule.name}", "", rule.summary, "", *_facts(rule)]
    if in_preview(rule):
        out += ["", "> " + PREVIEW_NOTE.replace("\n", " ")]
    for heading, body in sections(rule):
        out += ["", f"## {heading}", "", body]
    if rule.options:
        out += ["", f"## Options (in `[tool.wenlint.rules.{rule.code}]`)", ""]
        for name, option in rule.options.items():
            choices = f"; one of {', '.join(f'`{json.dumps(c)}`' for c in option.choices)}" if option.choices else ""
            out.append(
                f"- `{name}` (default `{json.dumps(option.default, ensure_ascii=False)}`): {option.help}{choices}"
            )
    if examples and rule.bad:
        out += ["", "## Flagged", ""]
        for example in rule.bad:
            fixed = f" → {_code(example.fixed)}" if example.fixed is not None else ""
            out.append(f"- ✗ {_code(example.text)}{fixed}{_setting(example)}")
    if examples and rule.good:
        out += ["", "## Not flagged", ""]
        out += [f"- ✓ {_code(example.text)}{_setting(example)}" for example in rule.good]
    return "\n".join(out) + "\n"


def _facts(rule: type[Rule]) -> list[str]:
    """The rule's family, severity, fix and default state as a Markdown table."""
    return [
        "| family | severity | fix | default |",
        "|---|---|---|---|",
        f"| {rule.family()} | {rule.severity.value} | {rule.fix.value} | {default_state(rule)} |",
    ]


def _code(text: str) -> str:
    """``text`` as a Markdown code span, fenced by more backticks than it holds in a row."""
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def rule_object(rule: type[Rule]) -> dict[str, Any]:
    """The rule's documentation as a JSON object (``wenlint rule --output-format json``)."""
    return {
        **table_object(rule),
        "severity": rule.severity.value,
        "url": rule_url(rule),
        "explanation": {key: textwrap.dedent(getattr(rule, key)).strip() for key in DOC_FIELDS},
        "options": {
            name: {"default": option.default, "choices": list(option.choices), "help": option.help}
            for name, option in rule.options.items()
        },
        "examples": {
            kind: [{"text": e.text, "fixed": e.fixed, "options": e.options, "path": e.path} for e in examples]
            for kind, examples in (("flagged", rule.bad), ("not_flagged", rule.good))
        },
    }


def table_object(rule: type[Rule]) -> dict[str, Any]:
    """The rule's row of ``wenlint rules`` as a JSON object."""
    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family(),
        "fix": rule.fix.value,
        "default": default_state(rule),
        "summary": rule.summary,
    }


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


def print_rule(key: str | None, out: TextIO, output_format: str = "text") -> int:
    """``wenlint rule CODE`` (``key``), or every rule with ``key`` None (``--all``)."""
    if key is None:
        rules = list(all_rules().values())
    elif (found := find_rule(key)) is not None:
        rules = [found]
    else:
        raise UsageError(f"no rule {key!r}; `wenlint rules` lists them")
    fit_stream(out, utf8=output_format != "text")
    if output_format == "json":
        objects = [rule_object(rule) for rule in rules]
        out.write(json.dumps(objects if key is None else objects[0], ensure_ascii=False, indent=2) + "\n")
    else:
        render = partial(rule_markdown, examples=True) if output_format == "markdown" else rule_text
        out.write("\n".join(render(rule) for rule in rules))
    return EXIT_OK


def print_rule_table(out: TextIO, output_format: str = "text") -> int:
    """``wenlint rules``: a table, or a JSON list of its rows."""
    fit_stream(out, utf8=output_format != "text")
    if output_format == "json":
        out.write(json.dumps([table_object(rule) for rule in all_rules().values()], ensure_ascii=False, indent=2))
        out.write("\n")
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table

    table = Table("code", "name", "family", "fix", "default", "summary", box=None, pad_edge=False)
    for code, rule in all_rules().items():
        table.add_row(code, rule.name, rule.family(), rule.fix.value, default_state(rule), rule.summary)
    if hasattr(out, "isatty") and out.isatty():  # fitted to the terminal; whole (never cut) in a pipe or a file
        Console(file=out, soft_wrap=True).print(table)
        return EXIT_OK
    console = Console(width=2**16, color_system=None)
    with console.capture() as captured:
        console.print(table)
    out.writelines(line.rstrip() + "\n" for line in captured.get().splitlines())
    return EXIT_OK


def print_signals(rows: list[tuple[str, dict[str, float]]], out: TextIO) -> None:
    """Each file's document signals (wenlint.signals), tab-separated under a header line."""
    out.write("\t".join(("path", *SIGNAL_NAMES)) + "\n")
    for path, values in sorted(rows):
        out.write("\t".join((path, *(_signal_value(values[name]) for name in SIGNAL_NAMES))) + "\n")


def _signal_value(value: float) -> str:
    """A signal as ``scan`` stores it, rounded to 4 decimals: ``3``, ``0.25``,
    ``12345`` (a count of Chinese characters, never ``1.234e+04``)."""
    value = round(value, 4)
    return str(int(value)) if value.is_integer() else str(value)


def rule_pages() -> dict[str, str]:
    """The rule reference: file name → Markdown, one page per built-in rule and an index, ``README.md``."""
    rules = [rule for rule in all_rules().values() if built_in(rule)]
    pages = {f"{rule.code}.md": rule_markdown(rule, examples=True) for rule in rules}
    index = [
        "# wenlint rules",
        "",
        "Generated from the rule registry by `python -m wenlint.docs docs/rules`; do not edit by hand.",
        "",
        "| code | name | fix | default | summary |",
        "|---|---|---|---|---|",
    ]
    index += [
        f"| [{r.code}]({r.code}.md) | {r.name} | {r.fix.value} | {default_state(r)} | {r.summary} |" for r in rules
    ]
    pages["README.md"] = "\n".join(index) + "\n"
    return pages


def write_rule_pages(folder: Path) -> None:
    """Write the rule reference into ``folder``, removing the pages of rules
    that are gone (and no other file: the folder may be the wrong one)."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = rule_pages()
    for stale in folder.glob("*.md"):
        if stale.name not in pages and CODE_PATTERN.fullmatch(stale.stem):
            stale.unlink()
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8", newline="\n")


if __name__ == "__main__":  # python -m wenlint.docs docs/rules
    write_rule_pages(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/rules"))
