"""Refuse a ZIP bomb: a 2 MB DOCX whose document part inflates to 2 GB.

Run from the repository root::

    .venv/bin/python benchmarks/bench_zip_bomb.py [--inflated-gb 2]

Builds the bomb (a real Word package whose ``word/document.xml`` is the XML start and then
spaces), then measures two ways of meeting it, each in a fresh process: ``aligner align``
with it and a small English text (exit code, the one line on stderr, wall time, peak
resident memory against the same command on an honest DOCX), and three uploads of it at once
to ``aligner serve`` on 127.0.0.1 (status, time to the answer, the server's peak memory
before and after).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
import zipfile
from pathlib import Path

import docx
import httpx

ROOT = Path(__file__).resolve().parent.parent
_HEAD = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'


def _honest() -> bytes:
    document = docx.Document()
    for n in range(200):
        document.add_paragraph(f"Paragraph {n}: the harbour reopens on Monday {n}.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _bomb(inflated: int) -> bytes:
    """The honest package with its document part replaced by ``inflated`` bytes."""
    honest = zipfile.ZipFile(io.BytesIO(_honest()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as target:
        for info in honest.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, honest.read(info))
        with target.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(_HEAD)
            block = b" " * (16 * 2**20)
            left = inflated - len(_HEAD)
            while left > 0:
                part.write(block[:left])
                left -= len(block)
    return out.getvalue()


def _align(path: Path, english: Path, out: Path) -> tuple[int, str, float, int]:
    """Run ``aligner align`` in a child; return (exit code, stderr, seconds, peak KiB)."""
    code = "import sys; from aligner.cli import main; sys.exit(main(sys.argv[1:]))"
    argv = [sys.executable, "-c", code, "align", f"ru={path}", f"en={english}", "-o", str(out)]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(child.pid, 0)  # this child's own peak memory
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode("utf-8", errors="replace").strip()
    return child.returncode, message, seconds, usage.ru_maxrss


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _memory_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def _serve_three(bomb: bytes, english: bytes, store: Path) -> None:
    port = _free_port()
    argv = [sys.executable, "-m", "aligner.cli", "serve", "--port", str(port), "--store",
            str(store), "--max-upload-mb", "20"]  # fmt: skip
    server = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/documents", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise SystemExit("aligner serve did not start") from None
                time.sleep(0.1)
        before = _memory_kib(server.pid, "VmRSS")
        answers: list[tuple[int, float, str]] = []

        def upload() -> None:
            files = [("files", ("ru.docx", bomb, "application/octet-stream")),
                     ("files", ("en.txt", english, "text/plain"))]  # fmt: skip
            start = time.perf_counter()
            response = httpx.post(f"{base}/documents", files=files, timeout=600)
            answers.append((response.status_code, time.perf_counter() - start,
                            response.json().get("detail", "")))  # fmt: skip

        threads = [threading.Thread(target=upload) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        peak = _memory_kib(server.pid, "VmHWM")
    finally:
        server.terminate()
        server.wait(timeout=30)
    for status, seconds, detail in answers:
        print(f"  upload: {status} in {seconds:.2f} s: {detail}")
    print(f"  server memory: {before / 1024:.0f} MiB before, {peak / 1024:.0f} MiB at peak")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inflated-gb", type=float, default=2.0, help="document part size (2)")
    args = parser.parse_args(argv)
    inflated = int(args.inflated_gb * 2**30)
    start = time.perf_counter()
    bomb = _bomb(inflated)
    print(f"bomb: {len(bomb) / 2**20:.1f} MiB DOCX, word/document.xml inflates to "
          f"{inflated / 2**30:.1f} GiB (built in {time.perf_counter() - start:.0f} s)")  # fmt: skip
    english = b"The harbour reopens on Monday.\n\nShips may dock from 6 a.m.\n"
    from aligner.errors import FormatError
    from aligner.readers import read_bytes

    tracemalloc.start()
    start = time.perf_counter()
    with contextlib.suppress(FormatError):
        read_bytes(bomb, filename="ru.docx")
    seconds = time.perf_counter() - start
    extra = tracemalloc.get_traced_memory()[1] - len(bomb)
    tracemalloc.stop()
    print(f"reader, in process: refused in {seconds * 1000:.0f} ms, "
          f"{max(extra, 0) / 2**20:.1f} MiB allocated at most")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="bench-zip-") as tmp:
        folder = Path(tmp)
        (folder / "ru.docx").write_bytes(_honest())
        (folder / "bomb.docx").write_bytes(bomb)
        (folder / "en.txt").write_bytes(english)
        code, err, seconds, honest_peak = _align(
            folder / "ru.docx", folder / "en.txt", folder / "a.xml"
        )
        print(
            f"aligner align, honest DOCX: exit {code}, {seconds:.2f} s, "
            f"peak {honest_peak / 1024:.0f} MiB"
        )
        code, err, seconds, peak = _align(folder / "bomb.docx", folder / "en.txt", folder / "b.xml")
        print(f"aligner align, bomb: exit {code}, {seconds:.2f} s, peak {peak / 1024:.0f} MiB")
        print(f"  stderr: {err}")
        print("three uploads of the bomb at once to aligner serve:")
        _serve_three(bomb, english, folder / "store")
    return 0 if code == 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
