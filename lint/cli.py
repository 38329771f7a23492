"""The ``wenlint`` command line: the commands ``check``, ``review``, ``scan`` and ``server``."""

from __future__ import annotations

import argparse
import atexit
import io
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from wenlint.arguments import parser
from wenlint.errors import OutputError, UsageError, WenlintError

# Importing this module loads only the arguments: each command imports what
# it runs, so `--version`, `rules` or `clean` start at once (tests/test_startup.py).

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def print_error(message: str) -> None:
    """One ``error:`` line; control characters (in a file name, say) are escaped, so it stays one line."""
    from wenlint.results import escape_controls

    sys.stderr.write(f"error: {escape_controls(message)}\n")


class Terminated(BaseException):
    """An ending signal, raised where the program is so that its cleanups
    run (a fix's temporary file is removed); not an ``Exception``, so no
    handler of errors takes it for one."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.exit_code = 128 + signum


@contextmanager
def _ending_signals_raise() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP end the run the way Ctrl-C does, but
    with cleanups: they raise :class:`Terminated`, unless they were ignored.
    (In a forked process before it resets them, as a worker does at once,
    ``SystemExit``, which ends it quietly.) Only in the main thread, where
    Python runs signal handlers."""
    from wenlint.process import ENDING_SIGNALS

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pid = os.getpid()

    def raise_terminated(signum: int, frame: object) -> None:
        raise Terminated(signum) if os.getpid() == pid else SystemExit(128 + signum)

    previous = {}
    for signum in ENDING_SIGNALS:
        if signal.getsignal(signum) != signal.SIG_IGN:  # under nohup, SIGHUP stays ignored
            previous[signum] = signal.signal(signum, raise_terminated)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)


def main(argv: list[str] | None = None) -> int:
    """The command line on ``argv`` (default: ``sys.argv``); returns the exit status (see :func:`entry`)."""
    from wenlint.process import collect_less

    args = parser().parse_args(argv)
    collect_less()
    try:
        return _command(args)
    except WenlintError as error:  # the user's to fix; any other exception is a bug and keeps its traceback
        print_error(str(error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Terminated as ended:
        return ended.exit_code


def entry() -> NoReturn:
    """The console script and ``python -m wenlint``: :func:`main`, then exit at
    once. The exit handlers run and the output is flushed first; what is
    skipped is the interpreter freeing every object one by one (a fifth of a
    second after the rules' tables are built). In-process callers use :func:`main`."""
    for name in ("stdout", "stderr"):
        setattr(sys, name, _outliving_its_reader(getattr(sys, name)))
    code = main()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if not stream.closed:  # (the language server's client closes stdout)
                stream.flush()
        except OSError:  # a full disk, say: as Python's own exit would, fail
            code = max(code, EXIT_ERROR)
    os._exit(code)


class _ReaderMayLeave(io.RawIOBase):
    """A standard stream's file descriptor that, once its reader has gone
    (``wenlint check … | head -1``), is pointed at /dev/null, as Python's
    documentation of SIGPIPE does: what is still written is dropped, and the
    run goes on to the end and the exit code it would have had, quietly."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return os.isatty(self.fd)

    def write(self, data) -> int:
        try:
            return os.write(self.fd, data)
        except BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.fd)
            os.close(devnull)
            return len(data)


def _outliving_its_reader(stream):
    """``stream`` (standard output or error) written through :class:`_ReaderMayLeave`, as it was configured.
    A terminal has no reader to lose, and keeps its own stream (on Windows, the console's)."""
    if not isinstance(stream, io.TextIOWrapper) or stream.isatty():  # (None: the descriptor was closed)
        return stream
    stream.flush()
    return io.TextIOWrapper(
        io.BufferedWriter(_ReaderMayLeave(stream.fileno())),
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=stream.line_buffering,
        write_through=stream.write_through,
    )


def _command(args: argparse.Namespace) -> int:
    """Run the command ``args`` name."""
    if args.command == "rule":
        from wenlint.docs import print_rule

        return print_rule(None if args.all else args.code, sys.stdout, args.output_format)
    if args.command == "rules":
        from wenlint.docs import print_rule_table

        return print_rule_table(sys.stdout, args.output_format)
    if args.command == "clean":
        from wenlint.cache import cache_directory, clean
        from wenlint.report import fit_stream

        fit_stream(sys.stdout, utf8=False)  # a folder's name, shown escaped where stdout cannot hold it
        sys.stdout.write(clean(cache_directory(args.cache_dir, args.config)) + "\n")
        return EXIT_CLEAN
    if args.command == "completion":
        from wenlint.completion import completion_script

        sys.stdout.write(completion_script(parser(), args.shell))
        return EXIT_CLEAN
    if args.command == "review":
        return review(args)  # the review app keeps the terminal's signals its own
    if args.command == "server":
        return server()
    with _ending_signals_raise():
        return scan(args) if args.command == "scan" else check(args)


def check(args: argparse.Namespace) -> int:
    """``wenlint check`` (see :mod:`wenlint.check_command`)."""
    from wenlint.check_command import check as check_command

    return check_command(args)


def review(args: argparse.Namespace) -> int:
    """``wenlint review``: the interactive review app."""
    try:
        import textual  # noqa: F401 - only to tell a missing extra from a bug
    except ImportError:
        raise WenlintError("wenlint review needs the review extra: pip install 'wenlint[review]'") from None
    from wenlint.check_command import settings_resolver
    from wenlint.discover import discover
    from wenlint.review.app import ReviewApp

    if "-" in args.paths:
        raise UsageError("review needs files: standard input cannot be saved back")
    found = discover(args.paths or ["."], settings_resolver(args))
    unique: dict[str, tuple] = {}  # one entry per file, however it is spelled: two would overwrite each other's fixes
    for path, settings in found.files:
        unique.setdefault(os.path.realpath(path), (path, settings))
    found.files = list(unique.values())
    if not found.files:
        for path, message in found.errors:
            print_error(f"{path}: {message}")
        if not found.errors:
            print_error("no files to review")
        return EXIT_ERROR
    if args.screenshot is None and not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("review is interactive and needs a terminal; `wenlint check` writes a report")
    app = ReviewApp(found.files, found.errors, args.screenshot)
    code = app.run(headless=args.screenshot is not None)
    for path, message in app.session.errors:
        print_error(f"{path}: {message}")
    return EXIT_ERROR if code is None else code


def server() -> int:
    """``wenlint server``: the language server, until the editor ends it."""
    try:
        import lsprotocol  # noqa: F401 - only to tell a missing extra from a bug
        import pygls  # noqa: F401
    except ImportError:
        raise WenlintError("wenlint server needs the server extra: pip install 'wenlint[server]'") from None
    from wenlint.server import serve

    return serve()


def scan(args: argparse.Namespace) -> int:
    """``wenlint scan``: lint every record of a corpus; write rows with a ``wenlint`` field and a summary."""
    import importlib.util

    if importlib.util.find_spec("numpy") is None:  # the line counts of the corpus rules (wenlint.linekeys)
        raise WenlintError("wenlint scan needs the scan extra: pip install 'wenlint[scan]'")
    from wenlint.check_command import check_workers, settings_resolver
    from wenlint.corpus import MissingExtra
    from wenlint.corpus.batch import ScanJob
    from wenlint.corpus.local import default_workers
    from wenlint.corpus.shards import find_shards, plan
    from wenlint.corpus.summary import progress_enabled
    from wenlint.registry import all_rules
    from wenlint.report import fit_stream
    from wenlint.results import escape_controls
    from wenlint.storage import write_atomic

    if args.rejected is not None and args.min_score is None and args.preset is None:
        raise UsageError("--rejected needs --min-score or --preset")
    check_workers(args.workers)
    shards = find_shards(args.inputs)
    for path in (args.output, args.rejected):
        _check_name(path)
    layout = plan(shards, args.output, args.rejected)
    _prepare_outputs(layout)
    settings_for = settings_resolver(args)
    for shard in shards:
        settings_for(str(shard.path))  # a bad configuration fails before any work
    job = ScanJob(
        text_field=args.text_field,
        id_field=args.id_field or None,
        fix=args.fix or args.unsafe_fixes,
        unsafe=args.unsafe_fixes,
        max_record_bytes=int(args.max_record_mb * 2**20),
        min_score=args.min_score,
        full_findings=args.findings == "full",
        preset=args.preset,
    )
    workers = args.workers or default_workers()
    progress = progress_enabled(sys.stderr) and not args.no_progress
    try:
        _require_extras(layout, args.engine)
        if args.engine == "ray":
            from wenlint.corpus.ray_engine import run_ray

            summary = run_ray(layout, settings_for, job, args.ray_address, workers, progress)
        else:
            from wenlint.corpus.local import run_local

            summary = run_local(layout, settings_for, job, workers, progress)
    except MissingExtra as error:
        print_error(str(error))
        return EXIT_ERROR
    try:
        write_atomic(layout.summary, summary.dumps())
    except OSError as error:
        raise OutputError.from_os(layout.summary, error) from None
    fit_stream(sys.stdout, utf8=False)  # the report is for people: what stdout cannot hold is shown escaped
    summary.render(sys.stdout, {code: rule.name for code, rule in all_rules().items()})
    sys.stdout.write(f"summary: {escape_controls(str(layout.summary))}\n")
    return EXIT_ERROR if summary.bad_records else EXIT_CLEAN


def _check_name(path: Path | None) -> None:
    """Fail when ``path`` cannot even be looked up (a name too long for the file system)."""
    try:
        if path is not None:
            path.stat()
    except (FileNotFoundError, NotADirectoryError):
        pass  # made, or reported, when the output folders are prepared
    except OSError as error:
        raise OutputError.from_os(path, error) from None


def _prepare_outputs(layout) -> None:
    """Create the folders the scan writes to, failing at once when one cannot be written."""
    folders = {path.parent for _, output, rejected in layout.outputs for path in (output, rejected) if path}
    for folder in sorted(folders | {layout.summary.parent}):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise OutputError(f"cannot write in {folder}: not a directory") from None
        except OSError as error:
            raise OutputError.from_os(folder, error) from None
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError(f"cannot write {folder}: permission denied")


def _require_extras(layout, engine: str) -> None:
    """Fail at once, naming the extra, when an optional library the run needs is missing."""
    from wenlint.corpus import require
    from wenlint.corpus.shards import format_of

    paths = [path for shard, output, rejected in layout.outputs for path in (shard.path, output, rejected) if path]
    formats = [format_of(path) for path in paths]
    if any(f and f.kind == "parquet" for f in formats):
        require("pyarrow", "parquet", "Parquet")
    if any(f and f.compression == "zstd" for f in formats):
        require("zstandard", "zstd", ".zst compression")
    if engine == "ray":
        require("ray", "ray", "--engine ray")
