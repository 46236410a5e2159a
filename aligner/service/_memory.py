"""Give memory back to the system when the service falls idle.

Uploads and exports run in worker threads (up to 40 at once). glibc gives busy threads
malloc arenas of their own and keeps the pages they free for later, so after a burst the
process stays near its peak although Python holds little. Two measures bring it back to
near where it started:

* at most two malloc arenas (``mallopt(M_ARENA_MAX, 2)``): the work holds the GIL anyway,
  so more arenas buy no speed, only fragmentation;
* when the last request in flight has finished, a garbage collection and
  ``malloc_trim(0)`` run in the background (at most once a second), returning free pages
  of every arena to the system.

On a C library without these calls (musl, macOS) nothing is done.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import gc
import threading
import time

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["IdleTrim", "limit_arenas", "trim"]

_M_ARENA_MAX = -8  # from glibc's malloc.h
_PAUSE = 1.0  # seconds between two trims


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None


_LIBC = _libc()
_TRIMMING = threading.Lock()


def limit_arenas(arenas: int = 2) -> bool:
    """Let malloc use at most ``arenas`` arenas; return whether the C library took it."""
    return bool(_LIBC is not None and _LIBC.mallopt(_M_ARENA_MAX, arenas))


def trim() -> None:
    """Collect garbage and return free heap pages to the system (one trim at a time)."""
    if not _TRIMMING.acquire(blocking=False):
        return
    try:
        gc.collect()
        if _LIBC is not None:
            _LIBC.malloc_trim(0)
    finally:
        _TRIMMING.release()


class IdleTrim:
    """ASGI middleware: :func:`trim` in the background once no request is in flight."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.in_flight = 0
        self.last = 0.0
        self.pending = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
            if self.in_flight == 0 and not self.pending:
                self.pending = True
                wait = max(0.0, self.last + _PAUSE - time.monotonic())
                asyncio.get_running_loop().call_later(wait, self._when_idle)

    def _when_idle(self) -> None:
        self.pending = False
        if self.in_flight == 0:
            self.last = time.monotonic()
            asyncio.get_running_loop().run_in_executor(None, trim)
