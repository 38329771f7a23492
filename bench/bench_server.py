"""How quickly `wenlint server` answers an editor. Not a test.

Starts the real `wenlint server` and drives it over stdio with pygls's LSP
client, on Markdown built from the real documents in
``../shared/data/real/markdown.jsonl``:

    python bench/bench_server.py                 # 20 KB and 5 MB documents
    python bench/bench_server.py --rounds 40 --keys 200 --runs 5

1. **Diagnostics after a change**: a 20 KB document is open; a character is
   typed (``didChange``) and the time until the diagnostics of that version
   arrive is measured, ``--rounds`` times (0.4 s apart). It includes the
   server's 0.05 s debounce, and on a loaded machine the waits for a CPU,
   so the CPU time of the server's and the worker's main threads is given
   too.
2. **Typing into 5 MB**, ``--runs`` times: a 5 MB document is opened (the
   round trip of a first ``hover`` says when the server has taken it in,
   its worker starts and the text is handed to it), then ``--keys``
   characters are typed into it 30 ms apart while its check runs; after
   each one a ``hover`` request is sent and its round trip timed. A server
   busy with the keystroke (or with anything else) answers late, so the
   slowest round trip bounds how long a keystroke blocks it; on a loaded
   machine it also holds the waits for a CPU, so the CPU time the server's
   event-loop thread ran meanwhile, and how long it waited for a CPU
   (``/proc/PID/task/PID/schedstat``), are given too. The 20 KB
   document's diagnostics latency is measured again meanwhile, and the
   server process's CPU time (its main process, not the workers) over the
   whole phase is read from /proc. Each run but the last closes the
   document after typing (which stops its worker, so each run's first
   keystroke comes while a new worker starts); the last waits for the
   diagnostics of its last version. The slowest keystroke of each run, the
   first one after opening among them, and of all runs are given.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real" / "markdown.jsonl"


def markdown(size: int) -> str:
    """Real Markdown documents one after another, cut to ``size`` bytes of UTF-8 at a line break."""
    docs = [json.loads(line)["text"] for line in REAL.open(encoding="utf-8")]
    pieces, total = [], 0
    while total < size:
        for doc in docs:
            pieces.append(doc + "\n\n")
            total += len(doc.encode()) + 2
            if total >= size:
                break
    text = "".join(pieces).encode()[:size].decode(errors="ignore")
    return text[: text.rfind("\n") + 1]


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of one process so far (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def loop_cpu(pid: int) -> float:
    """CPU seconds the main thread of ``pid`` (the server's event loop) has run, to the nanosecond."""
    return int(Path(f"/proc/{pid}/task/{pid}/schedstat").read_text().split()[0]) / 1e9


def loop_waited(pid: int) -> float:
    """Seconds the main thread of ``pid`` has waited, ready to run, for a CPU."""
    return int(Path(f"/proc/{pid}/task/{pid}/schedstat").read_text().split()[1]) / 1e9


def children(pid: int) -> list[int]:
    """The child processes of ``pid``, started by any of its threads (the workers start on a thread of their own)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += map(int, (task / "children").read_text().split())
        except FileNotFoundError:  # a thread that has just ended
            pass
    return found


def main_threads_cpu(pid: int) -> float:
    """:func:`loop_cpu` of ``pid`` and of its child processes (the workers)."""
    return loop_cpu(pid) + sum(loop_cpu(child) for child in children(pid))


class Bench:
    def __init__(self) -> None:
        self.client = LanguageClient("bench", "0")
        self.versions: dict[str, int] = {}
        self.arrived: dict[tuple[str, int], float] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.arrived[(params.uri, params.version)] = time.perf_counter()

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def message(params: types.ShowMessageParams) -> None:
            print("server says:", params.message)

    async def start(self, root: Path) -> None:
        await self.client.start_io(sys.executable, "-m", "wenlint", "server")
        await self.client.initialize_async(
            types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri())
        )
        self.client.initialized(types.InitializedParams())

    async def diagnostics(self, uri: str, version: int, timeout: float = 600) -> float:
        """Wait for the diagnostics of ``version``; when they arrived."""
        deadline = time.perf_counter() + timeout
        while (uri, version) not in self.arrived:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no diagnostics for {uri} version {version}")
            await asyncio.sleep(0.002)
        return self.arrived[(uri, version)]

    def open(self, path: Path, text: str) -> str:
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        self.versions[uri] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text))
        )
        return uri

    def type(self, uri: str, line: int, text: str = "，") -> int:
        """Type ``text`` at the start of ``line``; the new version."""
        self.versions[uri] += 1
        at = types.Position(line, 0)
        change = types.TextDocumentContentChangePartial(range=types.Range(at, at), text=text)
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]), [change]
            )
        )
        return self.versions[uri]

    async def hover_round_trip(self, uri: str) -> float:
        sent = time.perf_counter()
        await self.client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 0))
        )
        return time.perf_counter() - sent

    async def change_latency(self, uri: str, line: int) -> float:
        sent = time.perf_counter()
        version = self.type(uri, line)
        return await self.diagnostics(uri, version) - sent


def summary(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    return f"{name}: n={len(ms)} median {statistics.median(ms):.0f} ms, p90 {p90:.0f} ms, max {ms[-1]:.0f} ms"


async def main(args: argparse.Namespace) -> None:
    bench = Bench()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "wenlint.toml").write_text(f"max-file-size-mb = {args.big_mb * 2 + 1}\n")
        await bench.start(root)
        small_text = markdown(20_000)
        small = bench.open(root / "small.md", small_text)
        started = time.perf_counter()
        await bench.diagnostics(small, 1)
        print(f"20 KB document ({len(small_text)} characters): first diagnostics {time.perf_counter() - started:.2f} s")
        lines = small_text.count("\n")
        server_pid = bench.client._server.pid
        latencies, costs = [], []
        for round_ in range(args.rounds):
            before = main_threads_cpu(server_pid)
            latencies.append(await bench.change_latency(small, (round_ * 7) % lines))
            costs.append(main_threads_cpu(server_pid) - before)
            await asyncio.sleep(0.4)
        print(summary("  didChange -> diagnostics (includes the 0.05 s debounce)", latencies))
        print(summary("    CPU of the server's and the worker's main threads meanwhile", costs))

        big_text = markdown(args.big_mb * 2**20)
        worst = []
        for run in range(args.runs):
            print(f"run {run + 1} of {args.runs}:")
            last = run == args.runs - 1
            worst.append(await type_into_big(bench, root / f"big{run}.md", big_text, small, lines, args, last))
        firsts = [first for first, _ in worst]
        print(f"slowest keystroke of each run: {', '.join(f'{ms:.0f}' for _, ms in worst)} ms", end="; ")
        print(f"the first after opening: {', '.join(f'{ms:.0f}' for ms in firsts)} ms")
        print(
            f"slowest keystroke of all {args.runs} runs, the first after opening included: {max(w for _, w in worst):.0f} ms"
        )
        await bench.client.shutdown_async(None)
        bench.client.exit(None)
        await bench.client.stop()


async def type_into_big(
    bench: Bench, path: Path, big_text: str, small: str, lines: int, args: argparse.Namespace, last: bool
) -> tuple[float, float]:
    """Phase 2 once: open the big document, type into it, close it (or, ``last``, wait
    for its diagnostics); the round trips of the first keystroke and of the slowest, in ms."""
    server_pid = bench.client._server.pid
    cpu_before = process_cpu(server_pid)
    opened = time.perf_counter()
    big = bench.open(path, big_text)
    opening = await bench.hover_round_trip(big)  # answered once the server has taken in the document
    print(f"  {args.big_mb} MB document ({len(big_text)} characters) opened: taken in after {opening * 1000:.0f} ms")
    big_lines = big_text.count("\n")
    round_trips, small_during, loop_costs, loop_waits = [], [], [], []
    for key in range(args.keys):
        before, waited = loop_cpu(server_pid), loop_waited(server_pid)
        bench.type(big, (key * 101) % big_lines)
        round_trips.append(await bench.hover_round_trip(big))
        loop_costs.append(loop_cpu(server_pid) - before)
        loop_waits.append(loop_waited(server_pid) - waited)
        if key % 25 == 12:
            small_during.append(await bench.change_latency(small, key % lines))
        await asyncio.sleep(0.03)
    typing = time.perf_counter() - opened
    cpu = process_cpu(server_pid) - cpu_before
    print(summary("  keystroke + hover round trip while the 5 MB check runs", round_trips))
    slowest = sorted(range(len(round_trips)), key=round_trips.__getitem__)[-3:]
    print(
        "    slowest (keystroke: ms, of which the event loop ran / waited for a CPU):",
        ", ".join(
            f"{i}: {round_trips[i] * 1000:.0f} ({loop_costs[i] * 1000:.0f}/{loop_waits[i] * 1000:.0f})"
            for i in reversed(slowest)
        ),
    )
    print(summary("    of which the server's event loop ran (CPU)", loop_costs))
    print(summary("  20 KB didChange -> diagnostics meanwhile", small_during))
    print(f"  server main process: {cpu:.2f} CPU s over {typing:.1f} s of typing (open included)")
    if last:
        settled = await bench.diagnostics(big, bench.versions[big])
        print(f"  diagnostics of the last version {settled - opened - typing:.1f} s after the last keystroke")
    else:
        bench.client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(big)))
    return round_trips[0] * 1000, max(round_trips) * 1000


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="changes to the 20 KB document (default 20)")
    parser.add_argument("--keys", type=int, default=100, help="characters typed into the big document (default 100)")
    parser.add_argument(
        "--runs", type=int, default=3, help="times the big document is opened and typed into (default 3)"
    )
    parser.add_argument("--big-mb", type=int, default=5, help="size of the big document in MB (default 5)")
    asyncio.run(main(parser.parse_args()))
