"""``wenlint check``: find the files, check (fix, diff) them, report, choose the exit code."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from wenlint.cli import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, print_error
from wenlint.config import ConfigError, Overrides, Settings, find_config_file, load_settings
from wenlint.diagnostic import INTERNAL_ERROR
from wenlint.errors import OutputError, UsageError
from wenlint.formats import FORMATS, TEXT_FORMATS
from wenlint.registry import known_rules
from wenlint.report import Summary
from wenlint.results import FileResult, escape_controls, plural
from wenlint.runner import Job, Mode, Reads

if TYPE_CHECKING:
    from wenlint.cache import ResultCache


def overrides(args: argparse.Namespace) -> Overrides:
    """What the command line sets on top of each configuration."""
    return Overrides(
        select=args.select,
        extend_select=args.extend_select or [],
        ignore=args.ignore or [],
        preview=args.preview,
        exclude=getattr(args, "exclude", None),
        extend_exclude=getattr(args, "extend_exclude", None) or [],
        per_file_ignores=getattr(args, "per_file_ignores", None),
        extend_per_file_ignores=getattr(args, "extend_per_file_ignores", None) or [],
    )


def settings_resolver(args: argparse.Namespace) -> Callable[[str], Settings]:
    """A function from a checked path to its Settings, cached per config file."""
    cache: dict[Path | None, Settings] = {}
    on_top = overrides(args)
    on_top.check()

    def settings_for(path: str) -> Settings:
        config_file = args.config if args.config else find_config_file(Path(os.path.abspath(path)))
        if config_file not in cache:
            settings = on_top.apply(load_settings(config_file))
            if getattr(args, "preset", None):
                from wenlint.corpus.presets import with_preset

                settings = with_preset(settings, args.preset)
            cache[config_file] = settings
            if getattr(args, "verbose", False):
                sys.stderr.write(f"verbose: config file for {escape_controls(path)}: {config_file or 'none'}\n")
        return cache[config_file]

    if args.config and not os.path.isfile(args.config):
        raise ConfigError(f"{args.config}: no such config file")
    return settings_for


def _open_output(path: Path) -> TextIO:
    """The ``--output-file`` report, open for writing (its folders created)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.open("w", encoding="utf-8")
    except OSError as error:
        raise OutputError.from_os(path, error) from None


def check_workers(workers: int | None) -> None:
    """Refuse ``--workers`` 0 or less (``check`` and ``scan``)."""
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")


class Loudness:
    """What ``-q``, ``-s`` and ``-v`` let through: the report, the summary, messages."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.report = not args.silent
        self.summary = not (args.quiet or args.silent)
        self.verbose = args.verbose

    def say(self, message: str) -> None:
        """A message for people on stderr (a warning, what was fixed), unless quiet."""
        if self.summary:
            sys.stderr.write(message + "\n")

    def debug(self, message: str) -> None:
        if self.verbose:
            sys.stderr.write(f"verbose: {message}\n")


def check(args: argparse.Namespace) -> int:
    """``wenlint check``: report (or fix, or diff) the findings in files and directories."""
    from wenlint.discover import discover

    check_workers(args.workers)
    if args.output_format not in FORMATS:  # argparse checks the flag's choices, not a default from the environment
        known = ", ".join(FORMATS)
        raise UsageError(f"WENLINT_OUTPUT_FORMAT must be one of {known}, not {args.output_format!r}")
    if args.signals and not args.statistics:
        raise UsageError("--signals goes with --statistics")
    started = time.process_time()
    loud = Loudness(args)
    cache = _result_cache(args)
    paths = args.paths or ["."]
    found = discover(paths, settings_resolver(args))
    for path, message in found.errors:
        print_error(f"{path}: {message}")
    if not found.files and not found.errors:
        shown = ", ".join(escape_controls(path) for path in paths)
        loud.say(f"warning: no files to check in {shown} (see include, exclude and .gitignore)")  # not with -q, as ruff
        return EXIT_CLEAN
    if args.show_files or args.show_settings:
        from wenlint.report import fit_stream
        from wenlint.show import show_files, show_settings

        fit_stream(sys.stdout, utf8=False)  # file names for people, as the text formats show them
        (show_settings if args.show_settings else show_files)(found.files, sys.stdout)
        return EXIT_ERROR if found.errors else EXIT_CLEAN
    loud.debug(f"{plural(len(found.files), 'file')} to check")
    code = _check_files(args, found.files, loud, found.errors, cache)
    loud.debug(f"done in {time.process_time() - started:.2f} s of CPU in this process")
    return code


def _check_files(
    args: argparse.Namespace, files: list, loud: Loudness, discovery_errors: list, cache: ResultCache | None
) -> int:
    """Check ``files`` as ``args`` say (with ``cache``, if any), report, and return the exit code."""
    from wenlint.baseline import Baseline
    from wenlint.report import fit_stream, make_reporter, use_color
    from wenlint.runner import run

    fix_only = args.fix_only
    mode = Mode.DIFF if args.diff else Mode.FIX if args.fix or fix_only else Mode.CHECK
    baseline = Baseline(args.baseline) if args.baseline else None
    stdin_fix = mode is Mode.FIX and any(path == "-" for path, _ in files)
    # Each finding is reported unless the output is a diff, counts, a baseline or only fixing.
    report = loud.report and not (args.statistics or mode is Mode.DIFF or args.write_baseline or fix_only)
    reads = Reads.LINES if report else Reads.FINDINGS if baseline or args.write_baseline else Reads.KINDS
    job = Job(mode, args.unsafe_fixes, args.stdin_filename or "-", args.signals, reads)

    with ExitStack() as stack:
        out: TextIO = stack.enter_context(_open_output(args.output_file)) if args.output_file else sys.stdout
        # --diff writes the diff there, `check - --fix` the fixed text to stdout,
        # in UTF-8 as the machine formats; the report (or the diff's summary)
        # then goes to stderr.
        text_out = out if mode is Mode.DIFF else sys.stdout
        if mode is Mode.DIFF or stdin_fix:
            fit_stream(text_out, utf8=True)
            if text_out is out:
                out = sys.stderr
        color = {"always": True, "never": False}.get(args.color, use_color(out) and not args.output_file)
        reporter = make_reporter(args.output_format, out, color)
        reporter.summarise = loud.summary
        summary = Summary()
        recorded = []
        signal_rows: list[tuple[str, dict[str, float]]] = []
        if report:
            reporter.start()
            for path, message in discovery_errors:
                reporter.file_error(path, message)
        interrupted = False
        try:
            for result in run(files, job, args.workers, cache, loud.debug):
                _write_outcome(result, text_out)
                if args.write_baseline:  # every current finding, those --baseline accepts too
                    recorded.append(FileResult(result.path, list(result.diagnostics)))
                if baseline:
                    baseline.filter(result)
                summary.add(result)
                if result.signals is not None:
                    signal_rows.append((escape_controls(result.path), result.signals))
                if args.show_fixes and result.fixed and loud.summary:
                    fixed = ", ".join(f"{n} × {code}" for code, n in sorted(result.fixed.items()))
                    sys.stderr.write(f"fixed {escape_controls(result.path)}: {fixed}\n")
                if result.error and report:
                    reporter.file_error(result.path, result.error)
                if report and result.diagnostics:
                    reporter.file(result)
        except KeyboardInterrupt:  # the runner has said how far it got; the report is still finished
            interrupted = True
        if cache is not None:
            loud.debug(f"{plural(cache.hits, 'result')} from the cache in {cache.directory}")
        if args.write_baseline:
            _write_baseline(args.write_baseline, recorded, interrupted, loud)
        elif args.statistics and loud.report:
            from wenlint.report.text import write_statistics

            write_statistics(summary, known_rules(), out, args.output_format)
            if args.signals:
                from wenlint.docs import print_signals

                print_signals(signal_rows, out)
        elif mode is Mode.DIFF or fix_only:
            if args.output_format in TEXT_FORMATS:  # as ruff: no summary line in a machine format
                _fix_summary(summary, mode, out, loud)
        elif report:
            reporter.finish(summary)

    if interrupted:
        return 130
    if summary.errors or discovery_errors or summary.by_code[INTERNAL_ERROR]:  # a rule crashed
        return EXIT_ERROR
    return _findings_exit_code(args, mode, summary)


def _result_cache(args: argparse.Namespace) -> ResultCache | None:
    """The result cache ``check`` uses, or None with ``--no-cache``."""
    if args.no_cache:
        return None
    from wenlint.cache import ResultCache, cache_directory

    return ResultCache(cache_directory(args.cache_dir, args.config))


def _fix_summary(summary: Summary, mode: Mode, out: TextIO, loud: Loudness) -> None:
    """The one line after a diff or ``--fix-only``: how many findings (would be) fixed."""
    if not loud.summary:
        return
    count = sum(summary.fixed.values())
    if not count and summary.changed:  # fixes that did not settle, say
        out.write(summary.unsettled("Would change" if mode is Mode.DIFF else "Changed") + "\n")
    elif mode is Mode.DIFF:
        out.write(f"Would fix {plural(count, 'finding')}.\n" if count else "No fixes available.\n")
    else:
        out.write(f"Fixed {plural(count, 'finding')}.\n" if count else "No fixes applied.\n")


def _findings_exit_code(args: argparse.Namespace, mode: Mode, summary: Summary) -> int:
    """0 or 1, as ruff decides it: ``--exit-zero`` wins; a diff fails when it
    would fix something; ``--fix-only`` ignores what is left; and
    ``--exit-non-zero-on-fix`` fails when something was fixed (a file
    fixing changed counts, though it fixed no finding)."""
    if args.write_baseline or args.exit_zero:
        return EXIT_CLEAN
    fixed = bool(summary.fixed or summary.changed)
    if mode is Mode.DIFF:
        return EXIT_FINDINGS if fixed else EXIT_CLEAN
    if args.exit_non_zero_on_fix and fixed:
        return EXIT_FINDINGS
    if args.fix_only:
        return EXIT_CLEAN
    return EXIT_FINDINGS if summary.total else EXIT_CLEAN


def _write_outcome(result: FileResult, text_out: TextIO) -> None:
    """What a file's result says besides its findings: its error, its diff or
    fixed text (to ``text_out``), fixes that did not settle."""
    if result.error:
        print_error(f"{result.path}: {result.error}")
    if result.diff:
        text_out.write(result.diff)
    if result.fixed_source is not None:
        text_out.write(result.fixed_source)
    if not result.converged:
        print_error(f"{result.path}: fixes did not settle after repeated passes; the file may need a second look")


def _write_baseline(file: Path, results: list, interrupted: bool, loud: Loudness) -> None:
    """Record the findings of ``results`` in the baseline ``file``; not after an
    interrupted run, whose baseline would lack the findings of the files not checked."""
    from wenlint.baseline import write_baseline

    name = escape_controls(str(file))
    if interrupted:
        sys.stderr.write(f"baseline {name} not written: the run was interrupted\n")
        return
    count = write_baseline(file, results)
    loud.say(f"wrote {plural(count, 'finding')} to baseline {name}")
