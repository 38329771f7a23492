"""Worker processes (wenlint.workers): a worker that dies costs only what it
held, workers die with their parent, and Ctrl-C stops a run cleanly — through
the real pool, and through the real command with a rule package that kills
or stalls the process checking a marked document."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import SEED_FILES, SEEDS
from rule_packages import install_rules

from wenlint import runner
from wenlint.cli import _ending_signals_raise
from wenlint.config import Settings
from wenlint.formats import FORMATS
from wenlint.runner import _batches, _dispatch_order
from wenlint.workers import Pool, RemoteTraceback, WorkerDied

linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")

HAZARDS = """\
import os
import signal
import time
from pathlib import Path

from wenlint import Example, Rule


class KillsItsWorker(Rule):
    code = "Z901"
    name = "kills-its-worker"
    summary = "Kills the process checking a document that holds 自尽标记"
    flags = "A hazard for tests."
    good = (Example("好的。"),)

    def check(self, doc):
        if "自尽标记" in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return []


class Stalls(Rule):
    code = "Z902"
    name = "stalls"
    summary = "Sleeps on a document that holds 睡眠标记, after touching $HAZARD_ASLEEP"
    flags = "A hazard for tests."
    good = (Example("好的。"),)

    def check(self, doc):
        if "睡眠标记" in doc.text:
            Path(os.environ["HAZARD_ASLEEP"]).touch()
            time.sleep(120)
        return []
"""


@pytest.fixture
def hazards(tmp_path: Path) -> dict[str, str]:
    """The environment of a command that has the hazard rules installed and
    uses worker processes for any input."""
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    return {
        **install_rules(tmp_path / "site", "wenlint_test_hazards", HAZARDS),
        "WENLINT_PARALLEL_BYTES": "0",
        "HAZARD_ASLEEP": str(tmp_path / "asleep"),
    }


def _documents(folder: Path, marked: dict[int, str], count: int = 6) -> list[Path]:
    """``count`` documents with one finding each (a half-width comma); those in ``marked`` hold a marker."""
    folder.mkdir()
    paths = []
    for number in range(count):
        path = folder / f"doc{number}.txt"
        path.write_text(f"第{number}篇,好的。{marked.get(number, '')}\n", encoding="utf-8")
        paths.append(path)
    return paths


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "wenlint", *args]


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid``."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _gone(pid: int) -> bool:
    """Whether ``pid`` has exited (a zombie waiting for its new parent counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except (OSError, IndexError):
        return True


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


# -- the pool ----------------------------------------------------------------------------


def _square(number: int) -> int:
    return number * number


def _die_on_three(number: int) -> int:
    if number == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return number


def _die_the_first_time(flag: str) -> str:
    if not os.path.exists(flag):
        Path(flag).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return "second try"


def _fail(number: int) -> int:
    raise ValueError(f"no good: {number}")


def test_pool_gives_results_in_order():
    with Pool(2, in_flight_per_worker=2) as pool:
        assert list(pool.ordered(_square, ((n, n) for n in range(50)))) == [(n, n * n) for n in range(50)]


@pytest.mark.parametrize("size", [1, 2])
def test_an_argument_that_kills_its_worker_every_time_is_given_up_and_the_rest_go_on(size):
    with Pool(size) as pool:
        results = dict(pool.ordered(_die_on_three, ((n, n) for n in range(8))))
    assert results.pop(3) == WorkerDied(-signal.SIGKILL)
    assert results == {n: n for n in range(8) if n != 3}
    assert str(WorkerDied(-9)) == "worker process died (signal 9)"
    assert str(WorkerDied(None)) == "worker process died"  # how is unknown (a Ray task's worker)


def test_an_argument_whose_worker_died_once_is_tried_again(tmp_path):
    flag = str(tmp_path / "died-once")
    with Pool(2) as pool:
        assert list(pool.ordered(_die_the_first_time, [("a", flag)])) == [("a", "second try")]


def test_a_worker_killed_from_outside_costs_nothing():
    def calls():
        for number in range(20):
            if number == 10:
                for worker in multiprocessing.active_children():
                    worker.kill()
                    worker.join()
            yield number, number

    with Pool(2) as pool:
        assert list(pool.ordered(_square, calls())) == [(n, n * n) for n in range(20)]


def test_an_error_in_the_function_is_raised_with_the_workers_traceback():
    with Pool(2) as pool, pytest.raises(ValueError, match="no good: 1") as raised:
        list(pool.ordered(_fail, [(1, 1)]))
    assert isinstance(raised.value.__cause__, RemoteTraceback)
    assert "_fail" in str(raised.value.__cause__)


def _terminate_self(number: int) -> str:
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(5)
    return "survived"


def _ending_signal_handlers(number: int) -> list[str]:
    return [getattr(signal.getsignal(s), "name", "the command's handler") for s in (signal.SIGTERM, signal.SIGHUP)]


def test_sigterm_kills_a_worker_outright_under_the_commands_handlers():
    """The command's handler, copied by the fork, would raise inside the function."""
    with _ending_signals_raise(), Pool(1) as pool:
        [(_, result)] = pool.ordered(_terminate_self, [(1, 1)])
    assert result == WorkerDied(-signal.SIGTERM)


def test_workers_take_the_default_ending_signals_and_keep_an_ignored_one():
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under nohup
    try:
        with _ending_signals_raise(), Pool(1) as pool:
            [(_, handlers)] = pool.ordered(_ending_signal_handlers, [(1, 1)])
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert handlers == ["SIG_DFL", "SIG_IGN"]


@linux_only
def test_the_watchdog_ends_a_worker_whose_parent_died_where_there_is_no_parent_death_signal(tmp_path):
    script = textwrap.dedent(
        """
        import multiprocessing, os, signal, sys, time
        from wenlint.workers import die_with_parent

        def child(parent):
            die_with_parent(parent, use_prctl=False)
            time.sleep(60)

        if __name__ == "__main__":
            process = multiprocessing.get_context("fork").Process(target=child, args=(os.getpid(),))
            process.start()
            time.sleep(0.3)
            print(process.pid, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    (tmp_path / "parent.py").write_text(script)
    finished = subprocess.run([sys.executable, str(tmp_path / "parent.py")], capture_output=True, timeout=30)
    child = int(finished.stdout)
    assert _wait_for(lambda: _gone(child), 5), "the orphaned worker is still running"


# -- check -------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("count", "first_batch"), [(6, 1), (40, 5)])
def test_check_reports_a_file_that_kills_its_worker_and_checks_the_rest(tmp_path, hazards, count, first_batch):
    """Files go to the workers alone or in batches of several (of forty, the
    first five together): a batch whose worker dies is checked again one file
    at a time, so only the file that kills its worker is lost."""
    paths = _documents(tmp_path / "docs", {2: "自尽标记"}, count=count)
    assert len(next(_batches(_dispatch_order([(str(path), 0) for path in paths], 2), 2))) == first_batch
    run = subprocess.run(
        _command("check", str(tmp_path / "docs"), "--workers", "2", "--output-format", "concise"),
        capture_output=True,
        env=hazards,
        timeout=120,
    )
    out, err = run.stdout.decode(), run.stderr.decode()
    assert run.returncode == 2, err
    assert "Traceback" not in err
    assert err.splitlines() == [f"error: {paths[2]}: worker process died (signal 9) while checking it"]
    flagged = {line.split(":")[0] for line in out.splitlines() if line.startswith(str(tmp_path)) and " M001 " in line}
    assert flagged == {str(path) for n, path in enumerate(paths) if n != 2}
    assert "fixable with `--fix`" in out  # the summary


def test_batches_of_files_hold_them_all_in_order_and_shorten_towards_the_end(tmp_path):
    small = list(enumerate((str(_file(tmp_path / f"s{n:03}.txt", 1000)), 0) for n in range(200)))
    batches = list(_batches(small, 2))
    assert [file for batch in batches for file in batch] == small
    lengths = [len(batch) for batch in batches]
    assert lengths[0] == 25 and lengths == sorted(lengths, reverse=True) and lengths[-8:] == [1] * 8
    large = list(enumerate((str(_file(tmp_path / f"l{n}.txt", 100_000)), 0) for n in range(40)))
    assert [len(batch) for batch in _batches(large, 2)][:3] == [
        2,
        2,
        2,
    ]  # BATCH_BYTES: 128 KiB, and the file that passes it


def test_the_last_files_are_checked_biggest_first(tmp_path, monkeypatch):
    """So that no long file is left for the end, one worker busy with it and
    the others idle; not when fixing, and not in a run of no more files."""
    monkeypatch.setattr(runner, "TAIL_FILES", 2)  # per worker: the last four files
    sizes = [5000, 100, 4000, 200, 1000, 3000, 50, 2000]
    files = [(str(_file(tmp_path / f"{n}.txt", size)), 0) for n, size in enumerate(sizes)]
    order = _dispatch_order(files, 2)
    assert [number for number, _ in order] == [0, 1, 2, 3, 5, 7, 4, 6]
    assert all(files[number] == file for number, file in order)
    assert [number for number, _ in _dispatch_order(files, 2, reorder=False)] == list(range(8))
    assert [number for number, _ in _dispatch_order(files[4:], 2)] == [0, 1, 2, 3]


def test_results_checked_out_of_order_are_reported_in_order(tmp_path, monkeypatch):
    """Real workers, a tail of growing files checked biggest first: the
    results come back in the files' order, each with its own file's finding."""
    monkeypatch.setattr(runner, "TAIL_FILES", 8)
    paths = []
    for number in range(30):
        paths.append(tmp_path / f"doc{number:02}.txt")
        paths[-1].write_text(f"第{number}篇,好的。" + "天气很好。" * number * 40 + "\n", encoding="utf-8")
    settings = Settings()
    results = list(runner._in_workers([(str(path), settings) for path in paths], runner.Job(), 2))
    assert [result.path for result in results] == [str(path) for path in paths]
    assert [result.lines[1][1].split(",")[0] for result in results] == [f"第{number}篇" for number in range(30)]


def test_a_result_crosses_to_the_main_process_packed_and_is_built_where_read():
    """Every seed's result, pickled as a worker sends it: counted without
    building its findings, and, once they are read, the same findings, fixes
    and fingerprints (worked out from the text they left behind)."""
    for path in SEED_FILES:
        result = runner.check_file(str(path), Settings(), runner.Job())
        kinds = result.kinds()
        sent = pickle.loads(pickle.dumps(result))
        assert sent.kinds() == kinds and "diagnostics" not in vars(sent)
        assert sent == result and "diagnostics" in vars(sent)
        assert [d.fingerprint for d in sent.diagnostics] == [d.fingerprint for d in result.diagnostics]
        assert any(d.fix for d in result.diagnostics) and sent.kinds() == kinds


def test_findings_given_to_a_result_sent_packed_are_those_counted():
    """Findings set on a result unpickled, never read (a baseline that drops
    them, say), replace the packed ones in what a summary counts."""
    result = runner.check_file(str(SEED_FILES[0]), Settings(), runner.Job())
    sent = pickle.loads(pickle.dumps(result))
    sent.diagnostics = result.diagnostics[:1]
    assert len(result.kinds()) > 1 and sent.kinds() == result.kinds()[:1]


def _file(path: Path, size: int) -> Path:
    path.write_bytes(b"x" * size)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("output_format", FORMATS)
def test_every_format_is_the_same_from_worker_processes(tmp_path, output_format):
    """The seeds as 40 files, a Markdown file and an unreadable one, checked in
    batches of several files by two workers and in one process, with the
    result cache empty and full, and counted (``--statistics``): the same bytes."""
    for n in range(40):
        shutil.copyfile(SEED_FILES[n % len(SEED_FILES)], tmp_path / f"{n:02}.txt")
    shutil.copyfile(SEEDS / "DEFECTS.md", tmp_path / "defects.md")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    env = {**os.environ, "WENLINT_PARALLEL_BYTES": "0"}
    cache = str(tmp_path.parent / "cache")
    for counted in ((), ("--statistics",)):
        outcomes = []
        for workers, cached in (("1", "--no-cache"), ("2", "--no-cache"), ("2", "empty"), ("2", "full")):
            caching = ("--no-cache",) if cached == "--no-cache" else ("--cache-dir", cache)
            if cached == "empty":
                shutil.rmtree(cache, ignore_errors=True)
            command = _command("check", ".", *caching, "--output-format", output_format, "--workers", workers, "-v")
            run = subprocess.run([*command, *counted], capture_output=True, env=env, cwd=tmp_path, timeout=120)
            err = run.stderr.decode().splitlines()
            checked = {"1": "42 files in this process", "2": "42 files in 2 worker processes"}[workers]
            if cached == "full":  # all but the unreadable file, whose error is never kept
                checked = "41 results from the cache"
            assert any(checked in line for line in err)
            outcomes.append((run.returncode, run.stdout, [line for line in err if not line.startswith("verbose:")]))
        assert outcomes[1:] == outcomes[:1] * 3
        assert outcomes[0][0] == 2 and outcomes[0][1]


@pytest.mark.slow
@pytest.mark.parametrize("output_format", ["full", "json"])
def test_a_cache_kept_by_workers_counting_findings_replays_whole_reports(tmp_path, output_format):
    """Workers send a ``--statistics`` run's results without the lines their
    findings touch, but keep them whole in the result cache: a report
    replayed from that cache shows the same lines as one checked afresh."""
    for n in range(8):
        shutil.copyfile(SEED_FILES[n % len(SEED_FILES)], tmp_path / f"{n:02}.txt")
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    env = {**os.environ, "WENLINT_PARALLEL_BYTES": "0"}
    cache = ("--cache-dir", str(tmp_path.parent / "cache"))

    def check(*args: str) -> subprocess.CompletedProcess:
        command = _command("check", ".", "--output-format", output_format, "--workers", "2", *args)
        return subprocess.run(command, capture_output=True, env=env, cwd=tmp_path, timeout=120)

    afresh = check("--no-cache")
    counted = check("--statistics", *cache, "-v")
    replayed = check(*cache, "-v")
    assert "8 files in 2 worker processes" in counted.stderr.decode()
    assert "8 results from the cache" in replayed.stderr.decode()
    assert (replayed.returncode, replayed.stdout) == (afresh.returncode, afresh.stdout)
    assert afresh.returncode == 1 and afresh.stdout


@pytest.mark.slow
def test_baselines_written_and_read_by_workers_are_those_of_one_process(tmp_path):
    """A baseline written from workers' results (findings sent without their
    lines) and one applied to counted findings: the same as in one process."""
    for n in range(8):
        shutil.copyfile(SEED_FILES[n % len(SEED_FILES)], tmp_path / f"{n:02}.txt")
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    env = {**os.environ, "WENLINT_PARALLEL_BYTES": "0"}
    outcomes = []
    for workers in ("1", "2"):
        check = _command("check", ".", "--no-cache", "--workers", workers)
        subprocess.run([*check, "--write-baseline", f"{workers}.json"], env=env, cwd=tmp_path, timeout=120, check=True)
        shutil.copyfile(SEED_FILES[-1], tmp_path / "00.txt")  # findings the baseline does not hold
        counted = subprocess.run(
            [*check, "--statistics", "--baseline", f"{workers}.json"], capture_output=True, env=env, cwd=tmp_path
        )
        shutil.copyfile(SEED_FILES[0], tmp_path / "00.txt")
        outcomes.append(((tmp_path / f"{workers}.json").read_bytes(), counted.returncode, counted.stdout))
    assert outcomes[1] == outcomes[0] and outcomes[0][2]


@pytest.mark.parametrize("reads", list(runner.Reads))
def test_a_worker_sends_what_the_run_reads_and_keeps_whole_results(tmp_path, monkeypatch, reads):
    """A worker's result carries the lines findings touch only for a report,
    and the findings only for a report or a baseline (a summary reads their
    kinds); the result cache keeps each whole all the same."""
    from wenlint.cache import ResultCache

    path = tmp_path / "doc.txt"
    shutil.copyfile(SEED_FILES[0], path)
    cache = ResultCache(tmp_path / "cache")
    key = cache.key(str(path), Settings())
    monkeypatch.setattr(runner, "_worker_settings", [Settings()])
    monkeypatch.setattr(runner, "_worker_cache", cache)
    (result,), _ = runner._check_in_worker(([(str(path), 0, key)], runner.Job(reads=reads)))
    whole = runner.check_file(str(path), Settings(), runner.Job())
    sent = pickle.loads(pickle.dumps(result))
    assert sent.kinds() == whole.kinds() and len(whole.kinds()) > 1
    assert sent.lines == (whole.lines if reads is runner.Reads.LINES else {})
    assert ("diagnostics" in vars(sent) or "_packed" in vars(sent)) == (reads is not runner.Reads.KINDS)
    if reads is not runner.Reads.KINDS:
        assert sent.diagnostics == whole.diagnostics
    kept = cache.get(key[0], runner.Job())
    assert kept is not None and (kept.lines, kept.diagnostics) == (whole.lines, whole.diagnostics)


@pytest.mark.slow
@linux_only
def test_check_workers_exit_when_the_check_is_killed(tmp_path, hazards):
    _documents(tmp_path / "docs", {1: "睡眠标记", 2: "睡眠标记"})
    process = subprocess.Popen(
        _command("check", str(tmp_path / "docs"), "--workers", "2"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=hazards,
    )
    try:
        assert _wait_for(lambda: Path(hazards["HAZARD_ASLEEP"]).exists(), 60)
        workers = _children(process.pid)
        assert len(workers) == 2
        process.kill()
        process.wait(10)
        assert _wait_for(lambda: all(_gone(pid) for pid in workers), 5), "workers outlived their parent"
    finally:
        process.kill()


def _signal_once_asleep(command: list[str], env: dict[str, str], signum: int, settle: float = 0.0):
    """Run ``command``; once a rule sleeps (and ``settle`` seconds more), send
    it ``signum``. Its exit status, stdout, stderr and worker processes."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        assert _wait_for(lambda: Path(env["HAZARD_ASLEEP"]).exists(), 60)
        workers = _children(process.pid)
        time.sleep(settle)
        process.send_signal(signum)
        out, err = (stream.decode() for stream in process.communicate(timeout=20))
    finally:
        process.kill()
    return process.returncode, out, err, workers


@pytest.mark.slow
@linux_only
def test_ctrl_c_stops_check_with_what_was_done_and_exit_130(tmp_path, hazards):
    paths = _documents(tmp_path / "docs", {1: "睡眠标记"}, count=3)
    command = _command("check", str(tmp_path / "docs"), "--workers", "2", "--output-format", "concise")
    code, out, err, workers = _signal_once_asleep(command, hazards, signal.SIGINT, settle=1)  # doc0 is done by then
    assert code == 130, err
    assert "Traceback" not in err
    assert err.splitlines() == ["interrupted: 1 of 3 files checked, the rest not"]
    assert f"{paths[0]}:1:" in out and str(paths[1]) not in out
    assert _wait_for(lambda: all(_gone(pid) for pid in workers), 5), "workers outlived the interrupted run"


@pytest.mark.slow
@linux_only
def test_an_interrupted_check_still_writes_whole_json_and_no_baseline(tmp_path, hazards):
    paths = _documents(tmp_path / "docs", {1: "睡眠标记"}, count=3)
    command = _command("check", str(tmp_path / "docs"), "--workers", "2", "--output-format", "json")
    code, out, err, _ = _signal_once_asleep(command, hazards, signal.SIGINT, settle=1)
    assert code == 130, err
    assert err.splitlines() == ["interrupted: 1 of 3 files checked, the rest not"]
    assert [(f["filename"], f["code"]) for f in json.loads(out)] == [(str(paths[0]), "M001")]
    # --write-baseline prints no report, and an interrupted run writes no baseline
    Path(hazards["HAZARD_ASLEEP"]).unlink()
    baseline = tmp_path / "baseline.json"
    code, out, err, _ = _signal_once_asleep([*command, "--write-baseline", str(baseline)], hazards, signal.SIGINT, 1)
    assert (code, out) == (130, ""), err
    assert err.splitlines() == [
        "interrupted: 1 of 3 files checked, the rest not",
        f"baseline {baseline} not written: the run was interrupted",
    ]
    assert not baseline.exists()


@pytest.mark.slow
def test_ctrl_c_stops_a_check_without_workers(tmp_path, hazards):
    _documents(tmp_path / "docs", {0: "睡眠标记"}, count=1)
    env = {**hazards, "WENLINT_PARALLEL_BYTES": ""}
    code, _, err, _ = _signal_once_asleep(_command("check", str(tmp_path / "docs")), env, signal.SIGINT)
    assert code == 130
    assert err.splitlines() == ["interrupted: 0 of 1 files checked, the rest not"]


@pytest.mark.slow
def test_sigterm_during_a_rule_ends_a_check_without_workers(tmp_path, hazards):
    """The command's Terminated is raised inside the rule: the engine must let it
    through (as KeyboardInterrupt), not report it as the rule's internal error."""
    _documents(tmp_path / "docs", {0: "睡眠标记"}, count=2)
    env = {**hazards, "WENLINT_PARALLEL_BYTES": ""}
    command = _command("check", str(tmp_path / "docs"), "--output-format", "concise")
    code, out, err, _ = _signal_once_asleep(command, env, signal.SIGTERM)
    assert "X001" not in out, out
    assert code == 143 and "Traceback" not in err


@pytest.mark.slow
def test_standard_input_beside_files_checked_in_workers_is_read_by_the_command(tmp_path, hazards):
    _documents(tmp_path / "docs", {}, count=2)
    run = subprocess.run(
        _command("check", "-", str(tmp_path / "docs"), "--workers", "2", "--output-format", "concise"),
        input="标准输入,好的。\n".encode(),
        capture_output=True,
        env=hazards,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr.decode()
    assert run.stdout.decode().startswith("-:1:5: M001 ")


def test_a_file_that_cannot_be_read_adds_nothing_to_the_input_that_starts_workers(tmp_path, monkeypatch, capsys):
    from wenlint.cli import main

    _documents(tmp_path / "docs", {}, count=2)
    (tmp_path / "docs" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    monkeypatch.setenv("WENLINT_PARALLEL_BYTES", str(2**20))
    assert main(["check", str(tmp_path / "docs"), "--workers", "2", "--no-cache", "-v"]) == 2
    err = capsys.readouterr().err
    assert "checking 3 files in this process" in err and "gone.txt: cannot read" in err, err


def test_a_parallel_threshold_that_is_not_a_number_is_one_error_line(tmp_path, monkeypatch, capsys):
    from wenlint.cli import main

    _documents(tmp_path / "docs", {}, count=2)
    monkeypatch.setenv("WENLINT_PARALLEL_BYTES", "lots")
    assert main(["check", str(tmp_path / "docs")]) == 2
    assert capsys.readouterr().err == "error: WENLINT_PARALLEL_BYTES must be a number of bytes, not 'lots'\n"


# -- scan --------------------------------------------------------------------------------


def _write_records(path: Path, records: list[dict]) -> None:
    if path.suffix == ".parquet":
        pyarrow = pytest.importorskip("pyarrow")
        from pyarrow import parquet

        parquet.write_table(pyarrow.Table.from_pylist(records), path)
    else:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_scan_reports_a_record_that_kills_its_worker_and_writes_the_rest(tmp_path, hazards, kind):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = [{"id": str(n), "text": "自尽标记" if n == 7 else f"第{n}篇,好的。"} for n in range(20)]
    _write_records(corpus / f"a.{kind}", records)
    run = subprocess.run(
        _command("scan", str(corpus), "-o", str(tmp_path / "out.jsonl"), "--workers", "2", "--no-progress"),
        capture_output=True,
        env=hazards,
        timeout=120,
    )
    err = run.stderr.decode()
    assert run.returncode == 2, err
    assert "Traceback" not in err
    assert err.splitlines() == [
        f"error: {corpus / f'a.{kind}'}:8: worker process died (signal 9) while scanning this record"
    ]
    written = [json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert written == [str(n) for n in range(20) if n != 7]
    assert "bad records 1" in run.stdout.decode()


@pytest.mark.slow
@linux_only
def test_scan_workers_exit_when_the_scan_is_killed(tmp_path, hazards):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text(json.dumps({"text": "睡眠标记"}, ensure_ascii=False) + "\n", "utf-8")
    process = subprocess.Popen(
        _command("scan", str(corpus), "-o", str(tmp_path / "out"), "--workers", "2", "--no-progress"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=hazards,
    )
    try:
        assert _wait_for(lambda: Path(hazards["HAZARD_ASLEEP"]).exists(), 60)
        workers = _children(process.pid)
        assert workers
        process.kill()
        process.wait(10)
        assert _wait_for(lambda: all(_gone(pid) for pid in workers), 5), "workers outlived their parent"
    finally:
        process.kill()


# -- review ------------------------------------------------------------------------------


@pytest.mark.slow
@linux_only
def test_the_review_worker_exits_when_the_review_is_killed():
    script = "import time\nfrom wenlint.review.checker import start_worker\nstart_worker()\nprint(flush=True)\ntime.sleep(60)\n"
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    try:
        process.stdout.readline()
        workers = _children(process.pid)
        assert workers
        process.kill()
        process.wait(10)
        assert _wait_for(lambda: all(_gone(pid) for pid in workers), 10), "the review's worker outlived it"
    finally:
        process.kill()


SLOW_FORK = """\
import os
import time
from pathlib import Path

from wenlint import Example, Rule


def _forking():
    \"\"\"Before the first fork: touch $SLOW_FORK, then take long, as an at-fork hook written in Python may.\"\"\"
    marker = Path(os.environ["SLOW_FORK"])
    if not marker.exists():
        marker.touch()
        time.sleep(3)


os.register_at_fork(before=_forking)


class Quiet(Rule):
    code = "Z903"
    name = "quiet"
    summary = "Flags nothing; its module makes forking slow"
    flags = "A hazard for tests."
    good = (Example("好的。"),)

    def check(self, doc):
        return []
"""


@pytest.mark.slow
@linux_only
def test_ctrl_c_while_a_worker_forks_is_not_lost_in_an_at_fork_hook(tmp_path):
    """Python runs its at-fork hooks (logging's, say) in the parent, and prints
    a KeyboardInterrupt raised in one as unraisable and drops it: SIGINT is
    held back while a worker forks, and delivered after."""
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    env = {
        **install_rules(tmp_path / "site", "wenlint_test_slow_fork", SLOW_FORK),
        "WENLINT_PARALLEL_BYTES": "0",
        "SLOW_FORK": str(tmp_path / "forking"),
    }
    _documents(tmp_path / "docs", {}, count=4)
    command = _command("check", str(tmp_path / "docs"), "--workers", "2", "--no-cache", "--output-format", "concise")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        assert _wait_for(lambda: (tmp_path / "forking").exists(), 60)
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the whole process group
        out, err = (stream.decode() for stream in process.communicate(timeout=30))
    finally:
        process.kill()
    assert process.returncode == 130, err
    assert err.splitlines() == ["interrupted: 0 of 4 files checked, the rest not"], err


def _blocked_signals(_: object) -> int:
    """The signal mask of this process (a worker), from /proc."""
    status = Path("/proc/self/status").read_text(encoding="ascii")
    return int(next(line for line in status.splitlines() if line.startswith("SigBlk:")).split()[1], 16)


@linux_only
def test_a_worker_forked_with_sigint_held_back_does_not_keep_it_blocked():
    """(What it runs, a command a rule starts say, would inherit the mask.)"""
    with Pool(1, context=multiprocessing.get_context("fork")) as pool:
        [(_, mask)] = pool.ordered(_blocked_signals, [(None, None)])
    assert not mask & 1 << (signal.SIGINT - 1)
