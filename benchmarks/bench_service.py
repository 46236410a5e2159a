"""Load the HTTP service with concurrent clients that upload, read and export documents.

Run from the repository root::

    .venv/bin/python benchmarks/bench_service.py [--seconds 60] [--clients 50]

Starts ``aligner serve`` on 127.0.0.1 (a free port, a temporary store) as a subprocess,
then each client thread loops: upload five language versions (a third of the uploads are
new texts that must be aligned, the rest repeat earlier bytes and are answered from the
store), read the document, export it in a format picked in turn. Prints requests per
second, p50/p99 latency per kind of request, the error count and the server's resident
memory (from /proc, since psutil is not installed): at start; ``--after`` seconds (30 by
default) after one request of each kind, so that what loads on first use (the sentence
encoder, the PDF fonts...) is loaded and the service idle; at the load's peak (VmHWM); and
``--after`` seconds after the load ended, to show that a burst leaves nothing behind.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from _serving import free_port, start_server

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "aligner" / "service" / "data"
FORMATS = ("docx", "pdf", "tmx", "xliff", "csv", "xlsx", "tei")


def _memory_kib(pid: int, field: str) -> int | None:
    """Return ``VmRSS`` (now) or ``VmHWM`` (peak) of process ``pid`` in KiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _mib(kib: int | None) -> str:
    return f"{kib / 1024:.0f} MiB" if kib else "?"


class _Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latency[kind].append(seconds)
            if error:
                self.errors.append(f"{kind}: {error}")


def _client(
    n: int, base: str, until: float, texts: list[tuple[str, bytes]], results: _Results
) -> None:
    formats = itertools.cycle(FORMATS[n % len(FORMATS) :] + FORMATS[: n % len(FORMATS)])
    with httpx.Client(base_url=base, timeout=120) as http:
        for run in itertools.count():
            if time.monotonic() >= until:
                return
            fresh = run % 3 == 0
            tag = f"\n\nRef. {n}-{run}.\n".encode() if fresh else b""
            files = [("files", (name, data + tag, "text/plain")) for name, data in texts]
            uploaded = _timed(results, "upload", http.post, "/documents", files=files)
            if uploaded is None:
                continue
            doc_id = uploaded.json()["id"]
            _timed(results, "read", http.get, f"/documents/{doc_id}")
            fmt = next(formats)
            _timed(results, f"export {fmt}", http.get, f"/documents/{doc_id}/export?to={fmt}")


def _first_use(base: str, texts: list[tuple[str, bytes]], results: _Results) -> None:
    """Upload, read and export one document in every format: what loads on first use loads."""
    with httpx.Client(base_url=base, timeout=120) as http:
        files = [("files", (name, data, "text/plain")) for name, data in texts]
        uploaded = _timed(results, "upload", http.post, "/documents", files=files)
        if uploaded is None:
            return
        doc_id = uploaded.json()["id"]
        _timed(results, "read", http.get, f"/documents/{doc_id}")
        for fmt in FORMATS:
            _timed(results, f"export {fmt}", http.get, f"/documents/{doc_id}/export?to={fmt}")


def _timed(
    results: _Results,
    kind: str,
    method: Callable[..., httpx.Response],
    url: str,
    **kwargs: Any,
) -> httpx.Response | None:
    """Make one request and record its latency; return the response, or None if it failed."""
    start = time.perf_counter()
    response: httpx.Response | None = None
    error = None
    try:
        response = method(url, **kwargs)
        if response.status_code >= 400:
            error = f"{response.status_code} {response.text[:200]}"
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"
    results.add(kind, time.perf_counter() - start, error)
    return None if error else response


def _percentile(values: list[float], q: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to load (60)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--after", type=float, default=30.0, help="wait, then read memory (30)")
    args = parser.parse_args(argv)

    texts = [(p.name, p.read_bytes()) for p in sorted(DATA.glob("harbour.*.txt"))]
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="bench-service-") as tmp:
        server = start_server(port, Path(tmp) / "store", Path(tmp) / "server.log")
        try:
            results = _Results()
            base = f"http://127.0.0.1:{port}"
            before = _memory_kib(server.pid, "VmRSS")
            first = _Results()  # its latencies are not the load's; its errors count
            _first_use(base, texts, first)
            results.errors += first.errors
            time.sleep(args.after)
            warm = _memory_kib(server.pid, "VmRSS")
            start = time.monotonic()
            until = start + args.seconds
            threads = [
                threading.Thread(target=_client, args=(n, base, until, texts, results))
                for n in range(args.clients)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.monotonic() - start
            peak = _memory_kib(server.pid, "VmHWM")
            stored = len(httpx.get(f"{base}/documents", timeout=30).json())
            time.sleep(args.after)
            after = _memory_kib(server.pid, "VmRSS")
        finally:
            server.terminate()
            server.wait(timeout=30)
        log = (Path(tmp) / "server.log").read_text(errors="replace")
    tracebacks = [line for line in log.splitlines() if "Error" in line and "INFO" not in line]

    everything = [x for values in results.latency.values() for x in values]
    print(f"{args.clients} clients, {elapsed:.1f} s, {stored} documents stored")
    print(f"requests: {len(everything)}  ({len(everything) / elapsed:.1f} per second)")
    print(f"{'kind':<14}{'count':>7}{'p50 ms':>10}{'p99 ms':>10}")
    for kind in sorted(results.latency):
        values = results.latency[kind]
        p50, p99 = _percentile(values, 50) * 1000, _percentile(values, 99) * 1000
        print(f"{kind:<14}{len(values):>7}{p50:>10.0f}{p99:>10.0f}")
    p50, p99 = _percentile(everything, 50) * 1000, _percentile(everything, 99) * 1000
    print(f"{'all':<14}{len(everything):>7}{p50:>10.0f}{p99:>10.0f}")
    print(f"errors: {len(results.errors)}")
    for line in results.errors[:10]:
        print(f"  {line}")
    for line in tracebacks[:10]:
        print(f"  server: {line}")
    print(
        f"server memory: {_mib(before)} at start, {_mib(warm)} {args.after:.0f} s after one "
        f"request of each kind, {_mib(peak)} at peak (VmHWM), {_mib(after)} "
        f"{args.after:.0f} s after the load"
    )
    return 1 if results.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
