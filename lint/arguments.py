"""The ``wenlint`` command line's arguments: every command, option and help text."""

from __future__ import annotations

import argparse
from pathlib import Path

from wenlint import __version__
from wenlint.corpus.presets import PRESETS

DESCRIPTION = """\
wenlint: a document-quality linter for scraped Chinese text.

Exit codes (every output format): 0 no findings left, 1 findings left,
2 error (bad configuration, unreadable input, wrong usage, a rule crashed).
"""

SERVER_EPILOG = """\
Speaks the Language Server Protocol on stdin/stdout; an editor starts it.
Settings come from the nearest wenlint.toml or pyproject.toml of each
document, as for check; initializationOptions (select, extendSelect, ignore,
preview, maxDiagnostics) are layered on top. Needs the server extra:
pip install 'wenlint[server]'. Editor set-up: docs/editors.md.
"""


class CommandParser(argparse.ArgumentParser):
    """A command's parser, whose paths may come after its options as well as
    before (``check . --exit-zero b.txt``), as in ruff. (Python 3.11's
    ``parse_intermixed_args`` drops a ``--`` that no path comes before.)"""

    def parse_known_args(self, args=None, namespace=None):
        namespace, extras = super().parse_known_args(args, namespace)
        listed = [action for action in self._get_positional_actions() if action.nargs in ("*", "+")]
        if not listed or not extras:
            return namespace, extras
        # argparse takes one run of paths; those after an option come back unrecognised
        paths, unknown = [], []
        for index, arg in enumerate(extras):
            if arg == "--":  # all that follows is paths
                paths += extras[index + 1 :]
                break
            (unknown if arg.startswith("-") and arg != "-" else paths).append(arg)
        dest = listed[0].dest
        setattr(namespace, dest, [*(getattr(namespace, dest) or []), *paths])
        return namespace, unknown


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wenlint",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument("-V", "--version", action="version", version=f"wenlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=CommandParser)

    from wenlint.check_arguments import add_check_parser  # here: it builds on this module's helpers

    add_check_parser(commands)
    _add_scan_parser(commands)
    _add_review_parser(commands)

    rule = commands.add_parser(
        "rule",
        help="show a rule's documentation and examples",
        description="Show a rule's documentation.",
        allow_abbrev=False,
    )
    which = rule.add_mutually_exclusive_group(required=True)
    which.add_argument("code", nargs="?", metavar="CODE", help="a rule code such as P001, or its name")
    which.add_argument("--all", action="store_true", help="every installed rule's documentation")
    rule.add_argument(
        "--output-format",
        choices=("text", "json", "markdown"),
        default="text",
        help="text (default), a JSON object (a list with --all), or Markdown as in docs/rules/",
    )
    rules = commands.add_parser(
        "rules", help="list every rule", description="List every installed rule.", allow_abbrev=False
    )
    rules.add_argument(
        "--output-format", choices=("text", "json"), default="text", help="a table (default) or a JSON list"
    )
    server = command_parser(
        commands,
        "server",
        "run the language server for editors (LSP over stdio)",
        "Run the language server: diagnostics, quick fixes and rule docs in your editor.",
        SERVER_EPILOG,
    )
    server.add_argument("--stdio", action="store_true", help="talk over stdin and stdout (the default and only way)")
    clean = commands.add_parser(
        "clean",
        help="remove the result cache",
        description="Remove the result cache of `wenlint check`.",
        allow_abbrev=False,
    )
    add_cache_dir(clean)
    add_config(clean)
    completion = command_parser(
        commands,
        "completion",
        "print a shell completion script",
        "Print a completion script for bash, zsh or fish.",
        COMPLETION_EPILOG,
    )
    completion.add_argument("shell", choices=("bash", "zsh", "fish"), help="the shell to complete in")
    return parser


def add_cache_dir(group) -> None:
    group.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="where results are kept (default: $WENLINT_CACHE_DIR, else .wenlint_cache at the project root)",
    )


COMPLETION_EPILOG = """\
install:
  bash  wenlint completion bash > ~/.local/share/bash-completion/completions/wenlint
  zsh   wenlint completion zsh > "${fpath[1]}/_wenlint"   (a folder on $fpath)
  fish  wenlint completion fish > ~/.config/fish/completions/wenlint.fish
"""


def command_parser(commands, name: str, summary: str, description: str, epilog: str) -> argparse.ArgumentParser:
    """A subcommand whose epilog (examples, keys) keeps its line breaks."""
    return commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )


def add_selectors(group) -> None:
    """--select, --extend-select and --ignore, the same for every command."""
    group.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="comma-separated codes or prefixes to run (replaces the configured set)",
    )
    group.add_argument("--extend-select", type=_codes, metavar="CODES", help="codes or prefixes to run in addition")
    group.add_argument("--ignore", type=_codes, metavar="CODES", help="codes or prefixes not to run")
    group.add_argument(
        "--preview",
        action=argparse.BooleanOptionalAction,
        help="also run the preview rules, not yet proven on real text (default: the config's `preview`, else off);"
        " a preview rule selected by its full code runs without it",
    )


def add_config(group) -> None:
    group.add_argument(
        "--config", type=Path, metavar="FILE", help="use this wenlint.toml or pyproject.toml, not the nearest one"
    )


def _codes(value: str) -> list[str]:
    return [part.strip().upper() for part in value.split(",") if part.strip()]


# -- wenlint review ----------------------------------------------------------------

REVIEW_EPILOG = """\
keys:
  j / down, k / up   next / previous finding (pgdn, pgup: 20 rows)
  a                  accept the fix (unsafe ones too: you have read it)
  e                  edit the fix's replacement text, then accept it
  A                  accept every remaining fix of this rule in this file
  s                  skip: leave the text as it is
  u                  undo the last accept or skip
  f                  jump to a file
  /                  filter by rule code or prefix and by severity
  ?                  the rule's documentation (as `wenlint rule CODE`)
  t                  summary: findings per rule, scores before and now
  w, ctrl+s          save every changed file (atomically)
  q                  quit (asks first when changes are unsaved)

Fixes are applied by the same fixer as `check --fix`, and each file is
checked again after every change. Nothing is written before you save.
Exit codes: 0 done; 2 an input could not be read or saved, or wrong usage.

examples:
  wenlint review seeds/004_d9972e5a2f04e8af.txt
  wenlint review docs/ --select L,S     only layout and spam findings
"""


def _add_review_parser(commands) -> None:
    review_parser = command_parser(
        commands,
        "review",
        "walk the findings in a full-screen terminal app; accept, edit or skip each fix",
        "Review findings interactively and choose which fixes to apply.",
        REVIEW_EPILOG,
    )
    review_parser.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to review; default: .")
    add_selectors(review_parser)
    add_config(review_parser)
    review_parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE.svg",
        help="render the first screen to an SVG file and exit (for documentation)",
    )


# -- wenlint scan -----------------------------------------------------------------

SCAN_EPILOG = """\
Inputs are JSON Lines (.jsonl/.ndjson/.json, plain, .gz or .zst) and Parquet
files, or directories of them. Every output row is its input record with one
more field, `wenlint`: {"score": 0-100, "counts": {family letter: n},
"signals": {name: value} (the document signals, as datatrove names them),
"rules": {code: n}, "findings": [{"code", "start", "end", "fix" (null when
there is none)}] (with --findings full: as check --output-format json, without filename,
and no "rules"),
"fixed_text": "..." (with --fix or --unsafe-fixes),
"recipe": {"keep", "reasons"} (with --preset)}. OUTPUT is a file for a
single input shard (its extension picks JSONL or Parquet), else a directory
with one output shard per input shard. Finished output shards are skipped
when the command is run again. Bad records are reported as
`error: SHARD:LINE: reason` and left out of the output.

Exit codes: 0 every record was scanned; 2 there were bad records or shards,
or a usage or configuration error. Findings alone never fail a scan.

examples:
  wenlint scan corpus/ -o scanned/
  wenlint scan crawl.jsonl.zst -o kept.parquet --min-score 70 --rejected dropped.parquet
  wenlint scan shards/ -o out/ --text-field content --id-field meta.url --unsafe-fixes
  wenlint scan shard.jsonl -o kept.jsonl --preset fineweb2-cmn --rejected dropped.jsonl
  wenlint scan shards/ -o out/ --engine ray --ray-address auto
"""


def _add_scan_parser(commands) -> None:
    scan_parser = command_parser(
        commands,
        "scan",
        "scan a corpus of JSONL/Parquet shards (scores, findings, fixed text)",
        "Scan a corpus: one output row per input record.",
        SCAN_EPILOG,
    )
    scan_parser.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="JSONL or Parquet shards, or directories of them"
    )
    scan_parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUTPUT", help="output file (one input shard) or directory"
    )
    records = scan_parser.add_argument_group("records")
    records.add_argument(
        "--text-field",
        default="text",
        metavar="KEY",
        help="the field holding the text; a.b for nested keys (default: text)",
    )
    records.add_argument(
        "--id-field",
        default="id",
        metavar="KEY",
        help="the field naming a record in the summary (default: id; '' for none)",
    )
    records.add_argument(
        "--max-record-mb", type=float, default=16, metavar="MB", help="larger records are bad records (default: 16)"
    )
    filtering = scan_parser.add_argument_group("filtering and fixing")
    filtering.add_argument(
        "--min-score", type=_score, metavar="N", help="write only documents scoring N (0-100) or more"
    )
    filtering.add_argument(
        "--preset",
        choices=tuple(PRESETS),
        help="a published recipe's thresholds (document-level rules D003-D006); its keep/drop decision and "
        "reasons go in wenlint.recipe, and a document it drops is rejected",
    )
    filtering.add_argument(
        "--rejected",
        type=Path,
        metavar="PATH",
        help="with --min-score or --preset, write the documents they reject here",
    )
    filtering.add_argument(
        "--fix", action="store_true", help="add wenlint.fixed_text: the text with safe fixes applied"
    )
    filtering.add_argument(
        "--unsafe-fixes", action="store_true", help="add wenlint.fixed_text with unsafe fixes applied too"
    )
    filtering.add_argument(
        "--findings",
        choices=("compact", "full"),
        default="compact",
        help="compact findings (code, start, end, fix or null; the default) or check's full JSON objects",
    )
    rules = scan_parser.add_argument_group("rule selection and configuration (as for check)")
    add_selectors(rules)
    add_config(rules)
    running = scan_parser.add_argument_group("running")
    running.add_argument("--workers", type=int, metavar="N", help="processes to use, 1 or more (default: one per core)")
    running.add_argument(
        "--engine", choices=("local", "ray"), default="local", help="local processes, or Ray tasks (wenlint[ray])"
    )
    running.add_argument(
        "--ray-address", metavar="ADDRESS", help="the Ray cluster to join (default: start a local Ray instance)"
    )
    running.add_argument(
        "--no-progress", action="store_true", help="no progress bar (it is shown only on a terminal, never in CI)"
    )


def _score(value: str) -> int:
    number = int(value)
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError("a score is between 0 and 100")
    return number
