"""``wenlint check``'s arguments (the shared helpers are in :mod:`wenlint.arguments`)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from wenlint.arguments import add_cache_dir, add_config, add_selectors, command_parser
from wenlint.formats import FORMATS

CHECK_EPILOG = """\
Configuration comes from [tool.wenlint] in pyproject.toml or from
wenlint.toml, the nearest one above each checked path (or --config).
Selectors are rule codes or prefixes: P, M0, M001, or ALL. Rules in
preview (`wenlint rules` says so) run with --preview, or when selected by
their full code.

examples:
  wenlint check seeds/                    report every finding
  wenlint check --fix docs/               apply safe fixes in place
  wenlint check --diff --unsafe-fixes .   show what all fixes would change
  cat a.txt | wenlint check - --fix       fixed text on stdout
  wenlint check --output-format github .  annotations in GitHub Actions
"""


def add_check_parser(commands) -> None:
    """The ``check`` command and its options."""
    check = command_parser(
        commands, "check", "check files and directories (and fix them)", "Check files and directories.", CHECK_EPILOG
    )
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or directories to check ('-' reads stdin); default: ."
    )
    fixing = check.add_argument_group("fixing")
    fixing.add_argument(
        "--fix",
        action="store_true",
        help="apply fixes in place (safe ones only, unless --unsafe-fixes); read-only files are left alone",
    )
    fixing.add_argument(
        "--unsafe-fixes", action="store_true", help="also apply (or show) fixes that might change the meaning"
    )
    fixing.add_argument(
        "--diff", action="store_true", help="print the unified diff of what --fix would change; write nothing"
    )
    fixing.add_argument(
        "--fix-only",
        action="store_true",
        help="apply fixes as --fix does, but report no finding and exit 0 whatever is left (errors still exit 2)",
    )
    fixing.add_argument(
        "--exit-non-zero-on-fix",
        action="store_true",
        help="exit 1 when a file was fixed (or --diff would change one), even if no finding is left",
    )
    fixing.add_argument("--show-fixes", action="store_true", help="with --fix, list what was fixed in each file")
    rules = check.add_argument_group("rule selection")
    add_selectors(rules)
    rules.add_argument(
        "--per-file-ignores",
        type=_per_file_ignores,
        metavar="GLOB:CODES",
        help="GLOB:CODE pairs, comma-separated (docs/*.md:P001,legal/**:P); replaces the configured table",
    )
    rules.add_argument(
        "--extend-per-file-ignores",
        type=_per_file_ignores,
        metavar="GLOB:CODES",
        help="GLOB:CODE pairs added to the configured per-file-ignores",
    )
    files = check.add_argument_group("file selection")
    files.add_argument(
        "--exclude",
        type=_globs,
        metavar="GLOBS",
        help="comma-separated globs of paths to leave out (relative to the current directory); replaces `exclude`",
    )
    files.add_argument(
        "--extend-exclude", type=_globs, metavar="GLOBS", help="globs of paths to leave out, added to `exclude`"
    )
    files.add_argument("--show-files", action="store_true", help="list the files that would be checked, and check none")
    files.add_argument(
        "--show-settings",
        action="store_true",
        help="show the config file, the resolved settings and the rules for each file, and check none",
    )
    output = check.add_argument_group("output")
    output.add_argument(
        "--output-format",
        choices=FORMATS,
        default=os.environ.get("WENLINT_OUTPUT_FORMAT", "full"),
        help="how findings are shown (default: full)",
    )
    output.add_argument(
        "-o",
        "--output-file",
        type=Path,
        metavar="FILE",
        help="write the report (with --diff, the diff) to FILE instead of stdout (its folders are created)",
    )
    output.add_argument(
        "--statistics", action="store_true", help="print a count per rule instead of each finding (json too)"
    )
    output.add_argument(
        "--signals",
        action="store_true",
        help="with --statistics, also print each file's document signals (duplicate lines, n-grams, han_ratio…)",
    )
    output.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when findings are left (errors still exit 2)"
    )
    output.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text report: auto (on a terminal, unless NO_COLOR; FORCE_COLOR forces it), always, never",
    )
    loudness = output.add_mutually_exclusive_group()
    loudness.add_argument(
        "-q", "--quiet", action="store_true", help="print the findings and errors, but no summary or other message"
    )
    loudness.add_argument(
        "-s", "--silent", action="store_true", help="print nothing but errors; the exit code still says what was found"
    )
    loudness.add_argument(
        "-v", "--verbose", action="store_true", help="also say on stderr which config files, files and workers are used"
    )
    config = check.add_argument_group("configuration and baseline")
    add_config(config)
    config.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name of the text read from '-' (for Markdown and per-file-ignores)",
    )
    config.add_argument(
        "--baseline", type=Path, metavar="FILE", help="report only findings not recorded in this baseline file"
    )
    config.add_argument(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="record every current finding in FILE, report only how many, and exit 0",
    )
    config.add_argument("--workers", type=int, metavar="N", help="processes to use, 1 or more (default: one per core)")
    caching = check.add_argument_group("result cache")
    caching.add_argument(
        "--no-cache", action="store_true", help="lint every file, neither reading nor writing the result cache"
    )
    add_cache_dir(caching)


def _globs(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _per_file_ignores(value: str) -> list[tuple[str, str]]:
    """``GLOB:CODE,GLOB:CODE`` as (glob, code) pairs."""
    pairs = []
    for part in _globs(value):
        glob, colon, code = part.rpartition(":")
        if not colon or not glob or not code.strip():
            raise argparse.ArgumentTypeError(f"{part!r} is not GLOB:CODE")
        pairs.append((glob, code.strip().upper()))
    return pairs
