"""Give memory back to the system when the service falls idle.

Uploads and exports run in worker threads (up to 40 at once). glibc gives busy threads
malloc arenas of their own and keeps the pages they free for later, so after a burst the
process stays near its peak although Python holds little. And most of what a burst leaves
behind is not the burst's at all: models and tables loaded on first use and kept for the
next request. Measured after 50 clients for a minute (``benchmarks/bench_service.py``),
next to the ~80 MB of a fresh start: the sentence encoder ~140 MB (weights and tokeniser),
the language identifier ~80 MB, the hyphenation patterns of the PDF export ~20 MB, the
PDF fonts and the locale data ~25 MB. Three measures bring the process back to its start
plus the fonts, the locale data and the code of the modules first use loaded:

* at most two malloc arenas (``mallopt(M_ARENA_MAX, 2)``): the work holds the GIL anyway,
  so more arenas buy no speed, only fragmentation;
* when the last request in flight has finished, a garbage collection and
  ``malloc_trim(0)`` run in the background (at most once a second), returning free pages
  of every arena to the system;
* after ``release_after`` seconds with no request (``aligner serve --release-after``), what
  reloads on demand is let go before that trim: the sentence encoder's weights, the language
  identifier, the hyphenation patterns, the remembered sentence vectors, the aligner's word
  caches (stems and transliterations, up to ~15 MB each when full) and the store's parsed
  documents; and the workers' fork server stops, with the encoder and the fonts it holds
  for its workers (~150 MB). The next request that needs one loads it again (one or two
  seconds for the encoder or the identifier, about a second for a language's patterns, some
  seconds for the next job's fork server);
* except while a page shows a document (:class:`Viewers`: the page says so every
  :data:`VIEW_LEASE` / 3 seconds): then nothing is let go, so the first correction after a
  pause does not wait for a reload.

On a C library without these calls (musl, macOS) only the Python side is done.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import gc
import sys
import threading
import time
from collections.abc import Callable, Sequence

from starlette.types import ASGIApp, Receive, Scope, Send

from aligner.align import embeddings, features
from aligner.settings import DEFAULT_SETTINGS
from languages import identify

__all__ = ["RELEASE_AFTER", "VIEW_LEASE", "IdleTrim", "Viewers", "limit_arenas", "release", "trim"]

_M_ARENA_MAX = -8  # from glibc's malloc.h
_PAUSE = 1.0  # seconds between two trims
#: idle seconds before what reloads on demand is let go
RELEASE_AFTER = DEFAULT_SETTINGS.release_after
#: seconds a page's word that it shows a document holds (the page repeats it more often)
VIEW_LEASE = 60.0


class Viewers:
    """The documents pages are showing, each until its lease runs out."""

    def __init__(self, lease: float = VIEW_LEASE, clock: Callable[[], float] = time.monotonic):
        self.lease = lease
        self._clock = clock
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()

    def touch(self, doc_id: str) -> None:
        """Say a page shows ``doc_id`` now."""
        with self._lock:
            self._until[doc_id] = self._clock() + self.lease

    def active(self) -> bool:
        """Tell whether any page has shown a document within its lease."""
        now = self._clock()
        with self._lock:
            self._until = {doc: t for doc, t in self._until.items() if t > now}
            return bool(self._until)


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


def release(also: Sequence[Callable[[], object]] = ()) -> None:
    """Let go of what reloads on demand, call each of ``also``, then :func:`trim`."""
    embeddings.forget()
    features.forget_words()
    identify.unload()
    pyphen = sys.modules.get("pyphen")  # loaded by the PDF export, through reportlab
    if pyphen is not None:
        pyphen.hdcache.clear()
    for forget in also:
        forget()
    trim()


class IdleTrim:
    """ASGI middleware: :func:`trim` once no request is in flight, :func:`release` later.

    ``release_after`` is the idle time, in seconds, before :func:`release` runs (with
    ``also``); 0 or less never releases. While ``keep`` says so (a page shows a document),
    the release waits another ``release_after``.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        release_after: float = RELEASE_AFTER,
        also: Sequence[Callable[[], object]] = (),
        keep: Callable[[], bool] | None = None,
    ) -> None:
        self.app = app
        self.release_after = release_after
        self.also = tuple(also)
        self.keep = keep
        self.in_flight = 0
        self.last = 0.0
        self.pending = False
        self.releasing: asyncio.TimerHandle | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
            if self.in_flight == 0:
                loop = asyncio.get_running_loop()
                if not self.pending:
                    self.pending = True
                    wait = max(0.0, self.last + _PAUSE - time.monotonic())
                    loop.call_later(wait, self._when_idle)
                if self.release_after > 0:
                    if self.releasing is not None:
                        self.releasing.cancel()
                    self.releasing = loop.call_later(self.release_after, self._when_still_idle)

    def _when_idle(self) -> None:
        self.pending = False
        if self.in_flight == 0:
            self.last = time.monotonic()
            asyncio.get_running_loop().run_in_executor(None, trim)

    def _when_still_idle(self) -> None:
        self.releasing = None
        if self.in_flight != 0:
            return
        loop = asyncio.get_running_loop()
        if self.keep is not None and self.keep():
            self.releasing = loop.call_later(self.release_after, self._when_still_idle)
            return
        loop.run_in_executor(None, release, self.also)
