"""The ``wenlint`` command line."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

from wenlint import __version__
from wenlint.config import ConfigError, Settings, find_config_file, load_settings
from wenlint.registry import RegistryError, all_rules
from wenlint.runner import Job, Mode

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

DESCRIPTION = """\
wenlint: a document-quality linter for scraped Chinese text.

Exit codes (every output format): 0 no findings left, 1 findings left,
2 error (bad configuration, unreadable input, wrong usage, a rule crashed).
"""

CHECK_EPILOG = """\
Configuration comes from [tool.wenlint] in pyproject.toml or from
wenlint.toml, the nearest one above each checked path (or --config).
Selectors are rule codes or prefixes: P, M0, M001, or ALL.

examples:
  wenlint check seeds/                    report every finding
  wenlint check --fix docs/               apply safe fixes in place
  wenlint check --diff --unsafe-fixes .   show what all fixes would change
  cat a.txt | wenlint check - --fix       fixed text on stdout
  wenlint check --output-format github .  annotations in GitHub Actions
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wenlint", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"wenlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser(
        "check", help="check files and directories (and fix them)", description="Check files and directories.",
        epilog=CHECK_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to check ('-' reads stdin); default: .")
    fixing = check.add_argument_group("fixing")
    fixing.add_argument("--fix", action="store_true", help="apply fixes in place (safe ones only, unless --unsafe-fixes)")
    fixing.add_argument("--unsafe-fixes", action="store_true", help="also apply (or show) fixes that might change the meaning")
    fixing.add_argument("--diff", action="store_true", help="print the unified diff of what --fix would change; write nothing")
    fixing.add_argument("--show-fixes", action="store_true", help="with --fix, list what was fixed in each file")
    rules = check.add_argument_group("rule selection")
    rules.add_argument("--select", type=_codes, metavar="CODES", help="comma-separated codes or prefixes to run (replaces the configured set)")
    rules.add_argument("--extend-select", type=_codes, metavar="CODES", help="codes or prefixes to run in addition")
    rules.add_argument("--ignore", type=_codes, metavar="CODES", help="codes or prefixes not to run")
    output = check.add_argument_group("output")
    output.add_argument("--output-format", choices=("full", "concise", "json", "json-lines", "sarif", "github"),
                        default=os.environ.get("WENLINT_OUTPUT_FORMAT", "full"),
                        help="how findings are shown (default: full)")
    output.add_argument("--output-file", type=Path, metavar="FILE", help="write the report to FILE instead of stdout")
    output.add_argument("--statistics", action="store_true", help="print a count per rule instead of each finding")
    output.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings are left (errors still exit 2)")
    config = check.add_argument_group("configuration and baseline")
    config.add_argument("--config", type=Path, metavar="FILE", help="use this wenlint.toml or pyproject.toml, not the nearest one")
    config.add_argument("--stdin-filename", metavar="NAME", help="the name of the text read from '-' (for Markdown and per-file-ignores)")
    config.add_argument("--baseline", type=Path, metavar="FILE", help="report only findings not recorded in this baseline file")
    config.add_argument("--write-baseline", type=Path, metavar="FILE", help="record every current finding in FILE and exit 0")
    config.add_argument("--workers", type=int, metavar="N", help="processes to use (default: one per core)")

    rule = commands.add_parser("rule", help="show a rule's documentation and examples", description="Show a rule's documentation.")
    rule.add_argument("code", metavar="CODE", help="a rule code such as P001, or its name")
    commands.add_parser("rules", help="list every rule", description="List every installed rule.")
    return parser


def _codes(value: str) -> list[str]:
    return [part.strip().upper() for part in value.split(",") if part.strip()]


def _error(message: str) -> None:
    sys.stderr.write(f"error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``wenlint`` console script."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "rule":
            from wenlint.docs import print_rule

            return print_rule(args.code, sys.stdout)
        if args.command == "rules":
            from wenlint.docs import print_rule_table

            return print_rule_table(sys.stdout)
        return check(args)
    except (ConfigError, RegistryError, ValueError) as error:
        _error(str(error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _settings_resolver(args: argparse.Namespace):
    """A function from a checked path to its Settings, cached per config file."""
    cache: dict[Path | None, Settings] = {}

    def settings_for(path: str) -> Settings:
        config_file = args.config if args.config else find_config_file(Path(os.path.abspath(path)))
        if config_file not in cache:
            cache[config_file] = load_settings(config_file).with_overrides(args.select, args.extend_select, args.ignore)
        return cache[config_file]

    if args.config and not args.config.is_file():
        raise ConfigError(f"{args.config}: no such config file")
    return settings_for


def check(args: argparse.Namespace) -> int:
    from wenlint.baseline import Baseline, write_baseline
    from wenlint.discover import discover
    from wenlint.report import Summary, make_reporter, use_color
    from wenlint.runner import run

    paths = args.paths or ["."]
    settings_for = _settings_resolver(args)
    found = discover(paths, settings_for)
    for path, message in found.errors:
        _error(f"{path}: {message}")
    mode = Mode.DIFF if args.diff else Mode.FIX if args.fix else Mode.CHECK
    job = Job(mode, args.unsafe_fixes, args.stdin_filename or "-")
    baseline = Baseline(args.baseline) if args.baseline else None
    stdin_fix = mode is Mode.FIX and any(path == "-" for path, _ in found.files)

    with ExitStack() as stack:
        out: TextIO = sys.stdout
        if args.output_file:
            out = stack.enter_context(args.output_file.open("w", encoding="utf-8"))
        elif stdin_fix or mode is Mode.DIFF:
            out = sys.stderr  # stdout carries the fixed text or the diff
        rules = all_rules()
        reporter = make_reporter(args.output_format, out, rules, use_color(out) and not args.output_file)
        summary = Summary()
        recorded = []
        internal_errors = 0
        if not (args.statistics or mode is Mode.DIFF):
            reporter.start()
        for result in run(found.files, job, args.workers):
            if result.error:
                _error(f"{result.path}: {result.error}")
            if result.diff:
                sys.stdout.write(result.diff)
            if result.fixed_source is not None:
                sys.stdout.write(result.fixed_source)
            if not result.converged:
                _error(f"{result.path}: fixes did not settle after repeated passes; the file may need a second look")
            if baseline:
                baseline.filter(result)
            internal_errors += sum(d.code == "X001" for d in result.diagnostics)
            summary.add(result)
            if args.write_baseline:
                recorded.append(result)
            if args.show_fixes and result.fixed:
                fixed = ", ".join(f"{n} × {code}" for code, n in sorted(result.fixed.items()))
                sys.stderr.write(f"fixed {result.path}: {fixed}\n")
            if result.diagnostics and not (args.statistics or mode is Mode.DIFF):
                reporter.file(result)
        if args.write_baseline:
            count = write_baseline(args.write_baseline, recorded)
            sys.stderr.write(f"wrote {count} findings to baseline {args.write_baseline}\n")
        elif args.statistics:
            from wenlint.docs import print_statistics

            print_statistics(summary, rules, out)
        elif mode is Mode.DIFF:
            would = summary.fixed and sum(summary.fixed.values())
            sys.stderr.write(f"Would fix {would} findings.\n" if would else "No fixes available.\n")
        else:
            reporter.finish(summary)

    if summary.errors or found.errors or internal_errors:
        return EXIT_ERROR
    if args.write_baseline or args.exit_zero:
        return EXIT_CLEAN
    if mode is Mode.DIFF:
        return EXIT_FINDINGS if summary.fixed else EXIT_CLEAN
    return EXIT_FINDINGS if summary.total else EXIT_CLEAN
