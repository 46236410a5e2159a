"""Abuse the HTTP service as issue 23 did: a huge document's exports, a pathological upload.

Run from the repository root, one case at a time (each is heavy)::

    .venv/bin/python benchmarks/bench_abuse.py big-export [--mb 20] [--exports 45] [--aligned]
    .venv/bin/python benchmarks/bench_abuse.py repeated-html [--paragraphs 500000]

``big-export`` uploads a German-French pair of about ``--mb`` MB a side (the book of
``bench_big.py``, made from the shared Text+Berg corpus, cut to the service's limit of 20
MiB a file) so that the service aligns it (a 20 MB pair is over the service's default
limits, so the service runs with the limits raised as an operator would: `--max-align-mb`
and `--job-memory-mb` 8192, `--deadline` and `--job-cpu` at ``--deadline``), then asks
``--exports`` times at once for its DOCX (``GET /documents/{id}/export?to=docx``; with
``--aligned`` the pair is aligned first by ``aligner archive add`` and the service serves
that archive's store, so only the exports run in the service) while one
client asks ``GET /`` every half second. ``repeated-html`` uploads an HTML page of
``--paragraphs`` identical paragraphs (13 MB at the default) against a text of two
paragraphs, twice: once waiting for the answer, once leaving after ``--leave-after``
seconds, and then looks whether the service still runs any work for it.

Both print what each request answered and when, the latency of ``GET /`` meanwhile, the
service's memory (the server and all its processes: resident, sampled every half second)
at the peak and its CPU seconds (user + sys of every process of the service, as last seen).
A memory guard stops the run (and the server) when the service passes ``--max-gb`` or the
machine has less than ``--min-free-gb`` available. Everything is on 127.0.0.1; every loop
ends (each request has a timeout, the run a deadline).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from _serving import free_port, start_server
from bench_big import make_pair

from aligner.evaluate import find_corpus

_TICK = os.sysconf("SC_CLK_TCK")
_LIMIT = 20 * 2**20  # the service's largest file (max_upload_bytes)


def _table() -> dict[int, tuple[int, float]]:
    """Return every process's parent and CPU seconds (user + sys), from /proc."""
    found: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            found[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK)
    return found


def _tree(pid: int, table: dict[int, tuple[int, float]]) -> set[int]:
    tree, frontier = {pid}, {pid}
    while frontier:
        frontier = {c for c, (parent, _) in table.items() if parent in frontier} - tree
        tree |= frontier
    return tree


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def _available_kib() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1])
    return 0


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


class _Watch(threading.Thread):
    """Every half second: the service's resident memory (peak kept), its CPU, the guard."""

    def __init__(self, server: Any, max_gb: float, min_free_gb: float) -> None:
        super().__init__(daemon=True)
        self.server = server
        self.max_kib = int(max_gb * 2**20)
        self.min_free_kib = int(min_free_gb * 2**20)
        self.peak = 0
        self.now = 0
        self.cpu: dict[int, float] = {}  # per process of the service, as last seen
        self.tripped = ""
        self.done = threading.Event()

    def sample(self) -> None:
        table = _table()
        tree = _tree(self.server.pid, table)
        self.now = sum(_rss_kib(p) for p in tree)
        self.peak = max(self.peak, self.now)
        for p in tree:
            self.cpu[p] = table[p][1]

    def run(self) -> None:
        while not self.done.wait(0.5):
            self.sample()
            if self.now > self.max_kib:
                self.tripped = f"the service passed {self.max_kib / 2**20:g} GB"
            elif _available_kib() < self.min_free_kib:
                self.tripped = f"the machine had less than {self.min_free_kib / 2**20:g} GB left"
            if self.tripped:
                self.server.kill()
                return

    def working(self) -> list[int]:
        """Return the service's processes that are neither the server nor its helpers."""
        table = _table()
        helpers = ("multiprocessing.forkserver import main", "resource_tracker import main")
        return [
            p
            for p in _tree(self.server.pid, table) - {self.server.pid}
            if not (table[p][0] == self.server.pid and any(h in _cmdline(p) for h in helpers))
        ]


def _percentile(values: list[float], q: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


class _Pinger(threading.Thread):
    """Ask ``GET /`` every half second until told to stop; keep latencies and failures."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        self.base = base
        self.took: list[float] = []
        self.failed = 0
        self.done = threading.Event()

    def run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=30) as http:
            while not self.done.is_set():
                asked = time.perf_counter()
                try:
                    if http.get("/").status_code != 200:
                        self.failed += 1
                except httpx.HTTPError:
                    self.failed += 1
                self.took.append(time.perf_counter() - asked)
                self.done.wait(0.5)

    def report(self) -> str:
        if not self.took:
            return "GET / meanwhile: none asked"
        ms = [t * 1000 for t in self.took]
        return (
            f"GET / meanwhile: {len(ms)} requests, {self.failed} failed, p50 "
            f"{_percentile(ms, 50):.0f} ms, p99 {_percentile(ms, 99):.0f} ms, max {max(ms):.0f} ms"
        )


def _status(response: httpx.Response) -> str:
    if response.status_code < 400:
        return str(response.status_code)
    try:
        kind = str(response.json().get("type", "")).rsplit("/", 1)[-1]
    except ValueError:
        kind = ""
    return f"{response.status_code} {kind}".strip()


def _upload(base: str, files: list[tuple[str, bytes]], timeout: float) -> tuple[str, float, Any]:
    """POST the files as one upload; return what came of it, the seconds, the answer."""
    form = [("files", (name, data, "application/octet-stream")) for name, data in files]
    start = time.perf_counter()
    try:
        response = httpx.post(f"{base}/documents", files=form, timeout=timeout)
        said: Any = response.json() if "json" in response.headers.get("content-type", "") else {}
        return _status(response), time.perf_counter() - start, said
    except httpx.HTTPError as exc:
        return type(exc).__name__, time.perf_counter() - start, {}


def _fit(folder: Path, mb: float, corpus: Path) -> tuple[Path, Path]:
    """Make the pair of ``mb`` MB a side, smaller until both files fit the service's limit."""
    folder.mkdir(parents=True, exist_ok=True)
    while True:
        de, fr = make_pair(mb, folder, corpus)
        if max(de.stat().st_size, fr.stat().st_size) <= _LIMIT:
            return de, fr
        mb *= _LIMIT / max(de.stat().st_size, fr.stat().st_size) * 0.99


def _aligned_first(tmp: Path) -> Path:
    """Align the pair in ``tmp/pair`` into an archive with the command line, say what it
    took, and return the archive's document store, which the service then serves."""
    command = [sys.executable, "-m", "aligner.cli", "archive", "add", str(tmp / "pair"),
               "--archive", str(tmp / "archive"), "--no-embeddings"]  # fmt: skip
    before = os.times()
    start = time.monotonic()
    subprocess.run(command, check=True, capture_output=True)
    after = os.times()
    cpu = (
        after.children_user + after.children_system - before.children_user - before.children_system
    )
    took = f"{time.monotonic() - start:.0f} s wall, {cpu:.0f} s CPU"
    print(f"aligned beforehand by `aligner archive add` ({took})")
    return tmp / "archive" / "documents"


def _big_export(args: argparse.Namespace, tmp: Path, base: str, watch: _Watch) -> int:
    pinger = _Pinger(base)
    pinger.start()
    if args.aligned:  # aligned beforehand on the command line: the service only exports
        doc_id = httpx.get(f"{base}/documents", timeout=60).json()[0]["id"]
    else:
        de, fr = (tmp / "pair" / name for name in ("de.txt", "fr.txt"))
        sizes = f"{de.stat().st_size / 2**20:.1f} + {fr.stat().st_size / 2**20:.1f} MiB"
        files = [(p.name, p.read_bytes()) for p in (de, fr)]
        status, seconds, said = _upload(base, files, timeout=args.deadline)
        del files
        print(f"upload of de.txt and fr.txt ({sizes}): {status} in {seconds:.0f} s")
        if not status.startswith("20") or "id" not in said:
            print(f"  {said.get('detail', '') if isinstance(said, dict) else ''}")
            pinger.done.set()
            print(pinger.report())
            return 1
        doc_id = said["id"]
    tei = sum(p.stat().st_size for p in tmp.rglob("doc-*/*.xml")) / 2**20
    print(f"stored as {doc_id}: {tei:.0f} MiB of TEI; service peak so far "
          f"{watch.peak / 2**20:.2f} GiB")  # fmt: skip
    outcomes: Counter[str] = Counter()
    took: list[float] = []
    lock = threading.Lock()

    def one() -> None:
        start = time.perf_counter()
        try:
            got = _status(httpx.get(f"{base}/documents/{doc_id}/export?to=docx", timeout=900))
        except httpx.HTTPError as exc:
            got = type(exc).__name__
        with lock:
            outcomes[got] += 1
            took.append(time.perf_counter() - start)

    cpu_before = sum(watch.cpu.values())
    exporters = [threading.Thread(target=one, daemon=True) for _ in range(args.exports)]
    started = time.monotonic()
    for t in exporters:
        t.start()
    for t in exporters:
        t.join(timeout=max(1.0, started + 960 - time.monotonic()))
        if watch.tripped:
            break
    elapsed = time.monotonic() - started
    pinger.done.set()
    pinger.join(timeout=40)
    print(f"{args.exports} concurrent DOCX exports: all ended in {elapsed:.0f} s: "
          + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())))  # fmt: skip
    if took:
        print(f"export latency: p50 {_percentile(took, 50):.0f} s, max {max(took):.0f} s")
    print(pinger.report())
    print(f"service peak {watch.peak / 2**20:.2f} GiB; CPU of the exports "
          f"{sum(watch.cpu.values()) - cpu_before:.0f} s")  # fmt: skip
    time.sleep(args.after)
    watch.sample()
    print(f"{args.after:.0f} s later: service {watch.now / 2**10:.0f} MiB, "
          f"work still running: {len(watch.working())} processes")  # fmt: skip
    return 0 if not pinger.failed else 1


def _repeated_html(args: argparse.Namespace, tmp: Path, base: str, watch: _Watch) -> int:
    body = b"<p>The same words again.</p>\n" * args.paragraphs + b"</body></html>\n"
    other = "Zwei Absätze, nicht mehr.\n\nDer zweite ist auch kurz.\n".encode()

    def files(n: int) -> list[tuple[str, bytes]]:  # a new upload each time, not a stored one
        head = f'<!DOCTYPE html>\n<html lang="en"><head><title>Same {n}</title></head><body>\n'
        return [("en.html", head.encode() + body), ("de.txt", other)]

    page = files(0)[0][1]
    print(f"en.html: {len(page) / 2**20:.1f} MiB, {args.paragraphs:,} identical paragraphs; "
          f"de.txt: two paragraphs")  # fmt: skip
    pinger = _Pinger(base)
    pinger.start()
    failed = 0
    # once waiting for the answer, once leaving after a while
    for n, leave in enumerate((None, args.leave_after)):
        cpu_before = sum(watch.cpu.values())
        watch.peak = 0
        status, seconds, said = _upload(base, files(n), timeout=leave or args.deadline)
        detail = said.get("detail", "") if isinstance(said, dict) else ""
        how = "waited for" if leave is None else f"left after {leave:g} s"
        print(f"upload ({how}): {status} in {seconds:.0f} s {detail[:160]}")
        deadline = time.monotonic() + 60
        while watch.working() and time.monotonic() < deadline:
            time.sleep(0.5)
        watch.sample()
        left = watch.working()
        gone = "none" if not left else f"{len(left)} still running after 60 s"
        cpu = sum(watch.cpu.values()) - cpu_before
        print(f"  service peak {watch.peak / 2**20:.2f} GiB, CPU {cpu:.0f} s, "
              f"work left running once it ended: {gone}")  # fmt: skip
        failed += bool(left)
        if watch.tripped:
            break
    pinger.done.set()
    pinger.join(timeout=40)
    print(pinger.report())
    return 1 if failed or pinger.failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", choices=("big-export", "repeated-html"))
    parser.add_argument("--mb", type=float, default=20.0, help="big-export: MB a side (20)")
    parser.add_argument("--exports", type=int, default=45, help="big-export: at once (45)")
    parser.add_argument(
        "--aligned", action="store_true", help="big-export: align on the command line first"
    )
    parser.add_argument("--paragraphs", type=int, default=500_000, help="repeated-html (500000)")
    parser.add_argument("--leave-after", type=float, default=60.0, help="repeated-html (60 s)")
    parser.add_argument("--deadline", type=float, default=1800.0, help="per upload (1800 s)")
    parser.add_argument("--after", type=float, default=30.0, help="then memory again (30 s)")
    parser.add_argument("--max-gb", type=float, default=12.0, help="the memory guard (12)")
    parser.add_argument("--min-free-gb", type=float, default=4.0, help="machine's floor (4)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-abuse-") as folder:
        tmp = Path(folder)
        store = tmp / "store"
        if args.case == "big-export":
            corpus = find_corpus()
            if corpus is None or not (corpus / "textberg-dev").is_dir():
                print("shared corpus (../shared/corpus/textberg-dev) not found: nothing to measure")
                return 1
            _fit(tmp / "pair", args.mb, corpus)
            if args.aligned:
                store = _aligned_first(tmp)
        port = free_port()
        # the big pair is over the service's default limits: raised as an operator would,
        # so that the exports of the stored document can be tried at all
        limits = ["--max-align-mb", "8192", "--deadline", str(args.deadline),
                  "--job-cpu", str(int(args.deadline)), "--job-memory-mb", "8192"]  # fmt: skip
        options = limits if args.case == "big-export" else []
        server = start_server(port, store, tmp / "server.log", options=options)
        watch = _Watch(server, args.max_gb, args.min_free_gb)
        watch.start()
        base = f"http://127.0.0.1:{port}"
        try:
            run = _big_export if args.case == "big-export" else _repeated_html
            code = run(args, tmp, base, watch)
        finally:
            watch.done.set()
            server.terminate()
            server.wait(timeout=30)
        tracebacks = [
            line
            for line in (tmp / "server.log").read_text(errors="replace").splitlines()
            if "Traceback" in line
        ]
    print(f"CPU of the service in all: {sum(watch.cpu.values()):.0f} s; server tracebacks: "
          f"{len(tracebacks)}")  # fmt: skip
    if watch.tripped:
        print(f"memory guard: {watch.tripped}; the server was stopped")
        return 1
    return code


if __name__ == "__main__":
    raise SystemExit(main())
