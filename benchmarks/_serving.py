"""Start ``aligner serve`` on a free loopback port for the service benchmarks."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """Return a loopback port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(
    port: int, store: Path, log: Path, *, wait: float = 60, options: Sequence[str] = ()
) -> subprocess.Popen[bytes]:
    """Start the service over ``store`` and return once it answers; its output goes to ``log``.

    ``options`` are more of ``aligner serve``'s options (limits an operator would raise).

    The log is appended to, so a benchmark that restarts the server keeps every run's output
    (and a pipe nobody reads would block the access log).
    """
    argv = [
        sys.executable,
        "-m",
        "aligner.cli",
        "serve",
        "--port",
        str(port),
        "--store",
        str(store),
        *options,
    ]
    with open(log, "ab") as out:
        server = subprocess.Popen(argv, cwd=ROOT, stdout=out, stderr=out)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if server.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:]
            raise SystemExit(f"aligner serve exited with {server.returncode}:\n{tail}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/documents", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"aligner serve did not answer within {wait:.0f} s")
