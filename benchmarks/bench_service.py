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
Uploads and exports run in worker processes, so the memory of the whole service (the server
and its workers, sampled every half second) is printed beside the server's own.

``--idle`` only makes one request of each kind, then prints the memory of the service
(the server, the workers' fork server and the rest) at once and ``--after`` seconds later,
when the idle release has let go of what reloads on demand and stopped the fork server.

``--exports N`` runs the other load instead: ``--big-paragraphs`` paragraphs a language
(written by this script, two languages, aligned one to one) stored as one large document,
then N concurrent exports of it (DOCX, PDF, XLSX, TMX, XLIFF and CSV in turn, at both
levels), while one client asks ``GET /`` every half second. It prints how the exports ended,
the service's peak memory and the latency of ``GET /`` meanwhile. A memory guard stops the
run (and the server) when the service passes ``--max-gb``. Everything is on 127.0.0.1; every
loop ends (each request has a timeout, the run a deadline).
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


def _tree_rss_kib(pid: int) -> int:
    """Return the resident memory of process ``pid`` and all its descendants, in KiB."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = {pid}, {pid}
    while frontier:
        frontier = {c for c, parent in parents.items() if parent in frontier} - tree
        tree |= frontier
    return sum(_memory_kib(p, "VmRSS") or 0 for p in tree)


class _Sampler(threading.Thread):
    """Sample the service's memory (server and workers) every half second; keep the peak.

    Past ``limit_kib`` it kills the server (the guard) and says so.
    """

    def __init__(self, server: Any, limit_kib: int | None = None) -> None:
        super().__init__(daemon=True)
        self.server = server
        self.limit_kib = limit_kib
        self.peak = 0
        self.tripped = False
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            now = _tree_rss_kib(self.server.pid)
            self.peak = max(self.peak, now)
            if self.limit_kib is not None and now > self.limit_kib:
                self.tripped = True
                self.server.kill()
                return


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
    parser.add_argument("--exports", type=int, default=0, help="the export run: N at once")
    parser.add_argument(
        "--big-paragraphs", type=int, default=20_000, help="the export run's document size"
    )
    parser.add_argument("--max-gb", type=float, default=12.0, help="the memory guard (12)")
    parser.add_argument("--idle", action="store_true", help="memory before and after idle")
    args = parser.parse_args(argv)
    if args.exports:
        return _export_run(args)
    if args.idle:
        return _idle_run(args)

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
            sampler = _Sampler(server)
            sampler.start()
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
            sampler.done.set()
            peak = _memory_kib(server.pid, "VmHWM")
            stored = len(httpx.get(f"{base}/documents", timeout=30).json())
            time.sleep(args.after)
            after = _memory_kib(server.pid, "VmRSS")
            tree_after = _tree_rss_kib(server.pid)
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
    print(
        f"service with its workers: {_mib(sampler.peak)} at peak (sampled), "
        f"{_mib(tree_after)} {args.after:.0f} s after the load"
    )
    return 1 if results.errors else 0


def _tree_kib_by_role(pid: int) -> dict[str, int]:
    """Return the resident memory of the server, its fork server and the rest, in KiB."""
    server = _memory_kib(pid, "VmRSS") or 0
    forkservers = [
        p
        for p in _descendants(pid)
        if b"multiprocessing.forkserver" in _cmdline(p) and _parent(p) == pid
    ]
    fork = sum(_memory_kib(p, "VmRSS") or 0 for p in forkservers)
    everything = _tree_rss_kib(pid)
    return {"server": server, "fork server": fork, "rest": everything - server - fork}


def _descendants(pid: int) -> set[int]:
    parents = {p: _parent(p) for p in _pids()}
    tree, frontier = {pid}, {pid}
    while frontier:
        frontier = {c for c, parent in parents.items() if parent in frontier} - tree
        tree |= frontier
    return tree - {pid}


def _pids() -> list[int]:
    return [int(e.name) for e in Path("/proc").iterdir() if e.name.isdigit()]


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _idle_run(args: argparse.Namespace) -> int:
    """One request of each kind, then the service's memory at once and after an idle while."""
    texts = [(p.name, p.read_bytes()) for p in sorted(DATA.glob("harbour.*.txt"))]
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="bench-idle-") as tmp:
        server = start_server(port, Path(tmp) / "store", Path(tmp) / "server.log")
        try:
            start = _tree_kib_by_role(server.pid)
            results = _Results()
            _first_use(f"http://127.0.0.1:{port}", texts, results)
            busy = _tree_kib_by_role(server.pid)
            time.sleep(args.after)
            idle = _tree_kib_by_role(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"errors: {len(results.errors)}")
    for line in results.errors[:10]:
        print(f"  {line}")
    print(f"{'':<34}{'server':>10}{'fork server':>13}{'rest':>10}{'all':>10}")
    for label, kib in (
        ("at start", start),
        ("after one request of each kind", busy),
        (f"{args.after:.0f} s later (idle)", idle),
    ):
        widths = {"server": 10, "fork server": 13, "rest": 10}
        cells = "".join(f"{kib[k] / 1024:>{w - 4}.0f} MiB" for k, w in widths.items())
        print(f"{label:<34}{cells}{sum(kib.values()) / 1024:>6.0f} MiB")
    return 1 if results.errors else 0


def _big_document(paragraphs: int) -> Any:
    """Return a two-language document of ``paragraphs`` paragraphs a side, aligned 1:1."""
    from aligner.model import Alignment, Bead, Block, Change, Document, Sentence, Source, Version

    said = {
        "en": ("Paragraph {n} of the harbour report.", "The board met {n} times and chose {k}."),
        "de": ("Absatz {n} des Hafenberichts.", "Der Vorstand tagte {n} Mal und wählte {k}."),
    }
    versions = []
    for lang, (first, second) in said.items():
        blocks = []
        for n in range(1, paragraphs + 1):
            texts = (first.format(n=n, k=n % 97), second.format(n=n, k=n % 97))
            block = f"{lang}.p{n}"
            sentences = tuple(Sentence(f"{block}.s{i}", t) for i, t in enumerate(texts, 1))
            blocks.append(Block(id=block, kind="p", n=n, text=" ".join(texts), sentences=sentences))
        source = Source(sha256="0" * 64, filename=f"{lang}.txt")
        versions.append(Version(lang=lang, blocks=tuple(blocks), source=source, title="Big"))
    para = tuple(
        Bead(f"al.p{n}", {lang: (f"{lang}.p{n}",) for lang in said}, 0.95 if n % 7 else 0.6)
        for n in range(1, paragraphs + 1)
    )
    sent = tuple(
        Bead(f"al.s{2 * (n - 1) + i}", {lang: (f"{lang}.p{n}.s{i}",) for lang in said}, 0.95)
        for n in range(1, paragraphs + 1)
        for i in (1, 2)
    )
    return Document(
        id="doc-big",
        uuid="00000000-0000-4000-8000-000000000000",
        versions=tuple(versions),
        paragraphs=Alignment("paragraph", para),
        sentences=Alignment("sentence", sent),
        created="2026-01-01T00:00:00Z",
        changes=(Change(when="2026-01-01T00:00:00Z", who="app-aligner", text="Made.", n=1),),
    )


def _export_run(args: argparse.Namespace) -> int:
    """N concurrent exports of one large document; GET / latency and memory meanwhile."""
    from aligner.store import Store

    port = free_port()
    kinds = [(fmt, level) for level in ("paragraph", "sentence") for fmt in FORMATS[:-1]]
    with tempfile.TemporaryDirectory(prefix="bench-exports-") as tmp:
        store = Store(Path(tmp) / "store")
        doc_id, _ = store.create("b" * 64, lambda: _big_document(args.big_paragraphs), "bench")
        tei_mb = store.revision_path(doc_id)[0].stat().st_size / 2**20
        store.forget()
        server = start_server(port, Path(tmp) / "store", Path(tmp) / "server.log")
        base = f"http://127.0.0.1:{port}"
        before = _tree_rss_kib(server.pid)
        sampler = _Sampler(server, limit_kib=int(args.max_gb * 2**20))
        sampler.start()
        outcomes: dict[str, int] = defaultdict(int)
        took: list[float] = []
        lock = threading.Lock()

        def one(n: int) -> None:
            fmt, level = kinds[n % len(kinds)]
            url = f"{base}/documents/{doc_id}/export?to={fmt}&level={level}"
            start = time.perf_counter()
            try:
                status = str(httpx.get(url, timeout=900).status_code)
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            with lock:
                outcomes[status] += 1
                took.append(time.perf_counter() - start)

        page: list[float] = []
        page_errors = 0
        exporters = [threading.Thread(target=one, args=(n,)) for n in range(args.exports)]
        start = time.monotonic()
        try:
            for t in exporters:
                t.start()
            with httpx.Client(base_url=base, timeout=30) as http:
                deadline = start + 960  # every export has ended by then (its timeout is 900 s)
                while any(t.is_alive() for t in exporters) and time.monotonic() < deadline:
                    if sampler.tripped:
                        break
                    asked = time.perf_counter()
                    try:
                        if http.get("/").status_code != 200:
                            page_errors += 1
                    except httpx.HTTPError:
                        page_errors += 1
                    page.append(time.perf_counter() - asked)
                    time.sleep(0.5)
            for t in exporters:
                t.join(timeout=60)
            elapsed = time.monotonic() - start
            sampler.done.set()
            time.sleep(args.after)
            after = _tree_rss_kib(server.pid) if server.poll() is None else 0
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"{args.exports} concurrent exports of one document: {args.big_paragraphs} paragraphs "
        f"a language, {tei_mb:.0f} MB of TEI; {len(kinds)} different exports asked in turn"
    )
    print(
        f"all ended in {elapsed:.0f} s: "
        + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items()))
    )
    if took:
        print(f"export latency: p50 {_percentile(took, 50):.1f} s, max {max(took):.1f} s")
    if page:
        print(
            f"GET / meanwhile: {len(page)} requests, {page_errors} failed, p50 "
            f"{_percentile(page, 50) * 1000:.0f} ms, p99 {_percentile(page, 99) * 1000:.0f} ms, "
            f"max {max(page) * 1000:.0f} ms"
        )
    print(
        f"service with its workers: {_mib(before)} before, {_mib(sampler.peak)} at peak "
        f"(sampled), {_mib(after)} {args.after:.0f} s after"
    )
    if sampler.tripped:
        print(f"memory guard: the service passed {args.max_gb:g} GB and was stopped")
        return 1
    return 0 if page_errors == 0 and set(outcomes) == {"200"} else 1


if __name__ == "__main__":
    raise SystemExit(main())
