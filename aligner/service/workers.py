"""Run the service's heavy work (aligning, rendering) in worker processes, within limits.

Aligning an upload or rendering an export holds the CPU (and the GIL) for seconds or
minutes and can take gigabytes; in the service's own process one such job slows every
other request and one runaway job can take the process down. So each job runs in a worker
process of its own, forked from a ``multiprocessing`` fork server that has imported the
aligner once:

* jobs run in two lanes: heavy work (aligning, DOCX, PDF and XLSX, anything of a large
  document) and light work (TMX, XLIFF, CSV of a document of a few megabytes, which takes
  seconds at most), so that a light export never waits behind an hour of PDFs. In each lane
  at most ``processes`` jobs run at once (one per core by default); the others wait their
  turn, holding no thread, so the event loop keeps answering reads. Memory is bounded too:
  a job may map at most ``memory_mb`` beyond what its process starts with
  (``RLIMIT_AS``), so the jobs of a busy service take at most ``2 × processes ×
  memory_mb`` (and the light lane's far less, by the size of what it is given);
* a job may use ``cpu_seconds`` of CPU (``RLIMIT_CPU``); over either limit the job fails
  with an ``over-limit`` problem and the service answers the others as before;
* a request waits at most ``seconds`` (queue and work) before a ``timeout`` problem, and a
  job whose every client has left or timed out is killed at once;
* identical jobs (the same export of the same revision, the same upload) asked for at the
  same time run once, and every request that asked gets the result;
* workers run at a lower priority (``nice``), so the requests of the service come first;
* a worker dies with its parent (``PR_SET_PDEATHSIG``): killing the service leaves none;
* the fork server holds what it loaded for its workers (the sentence encoder, the PDF
  fonts: some 150 MB) for as long as it lives, so when the service falls idle
  (:class:`~aligner.service._memory.IdleTrim`) it is stopped (:meth:`Workers.recycle`) and
  the next job starts a fresh one, waiting for it to load (seconds).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import functools
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from multiprocessing import forkserver
from typing import Any, Literal

from starlette.concurrency import run_in_threadpool

from aligner import errors
from aligner._process import WorkLimits, die_with_fork_server, limit_cpu, limit_memory
from aligner.service.problems import Problem, for_error

__all__ = ["Lane", "WorkLimits", "Workers"]

Lane = Literal["heavy", "light"]

_NICE = 10
# imported once by the fork server, so that each worker starts with them loaded
_PRELOAD = ["aligner.service._warm"]


@dataclass
class _Job:
    task: asyncio.Task[Any]
    waiters: int = 0


@dataclass
class Workers:
    """Run jobs in worker processes under :class:`WorkLimits`; see the module docstring."""

    limits: WorkLimits = field(default_factory=WorkLimits)
    _jobs: dict[Hashable, _Job] = field(default_factory=dict)
    _slots: dict[Lane | Literal["here"], asyncio.Semaphore] = field(default_factory=dict)
    _loop: asyncio.AbstractEventLoop | None = None
    # the worker processes started and not yet ended (by id): the fork server stops only
    # when there are none
    _running: set[int] = field(default_factory=set)
    _starting: threading.Lock = field(default_factory=threading.Lock)

    @property
    def processes(self) -> int:
        return self.limits.processes or max(1, os.cpu_count() or 1)

    async def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        key: Hashable | None = None,
        left: Callable[[], Awaitable[bool]] | None = None,
        lane: Lane = "heavy",
    ) -> Any:
        """Return ``fn(*args)`` computed in a worker, or raise the :class:`Problem` it met.

        ``fn`` must be a module-level function and its arguments picklable. ``key`` names
        the job: a job with the same key already running is joined, not run again.
        ``left`` tells whether the client has gone; if so the request stops waiting.
        ``lane`` is where the job waits its turn: ``"light"`` for work of seconds at most.
        """
        loop = asyncio.get_running_loop()
        job = self._jobs.get(key) if key is not None else None
        if job is None:
            job = _Job(loop.create_task(self._execute(fn, args, lane)))
            if key is not None:
                self._jobs[key] = job
                job.task.add_done_callback(functools.partial(self._forget, key, job))
        job.waiters += 1
        deadline = loop.time() + self.limits.seconds
        try:
            while True:
                done, _ = await asyncio.wait({job.task}, timeout=0.2)
                if done:
                    return job.task.result()
                if left is not None and await left():
                    raise Problem("timeout", "the client left before the work was done")
                if loop.time() >= deadline:
                    raise Problem(
                        "timeout",
                        f"not done within {self.limits.seconds:g} s; the service is busy or "
                        "the work too large",
                    )
        finally:
            job.waiters -= 1
            if job.waiters == 0 and not job.task.done():
                job.task.cancel()  # nobody waits for it: the worker is killed

    async def here(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Return ``fn(*args)`` computed in a thread of this process, one such call at a time.

        For work of milliseconds, where a worker process would cost more than the work: one
        at a time, it holds the GIL for at most every other switch interval, so the event
        loop keeps answering.
        """
        async with self._semaphore("here"):
            return await run_in_threadpool(fn, *args)

    def warm(self) -> None:
        """Start the fork server now, in the background, so that the first job waits less."""
        threading.Thread(target=_start_server, name="aligner-workers", daemon=True).start()

    def recycle(self) -> bool:
        """Stop the fork server if no worker runs, letting go of all it holds; say if it did.

        The next job starts a fresh server, which loads what workers share again.
        """
        with self._starting:
            if self._running or _CONTEXT is None:
                return False
            server = forkserver._forkserver
            # closes the server's lifeline and waits for it to end (Python's own tests use it)
            stop = getattr(server, "_stop", None)
            if stop is None or getattr(server, "_forkserver_pid", None) is None:
                return False
            with contextlib.suppress(OSError):
                stop()
            return True

    def _started(self, process: Any) -> None:
        """Start ``process``, counted as running (a fork server stops only at none)."""
        with self._starting:
            self._running.add(id(process))
        process.start()

    def _forget(self, key: Hashable, job: _Job, _task: object) -> None:
        if self._jobs.get(key) is job:
            del self._jobs[key]

    def _semaphore(self, lane: Lane | Literal["here"]) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            self._slots = {}
            self._loop = loop
        if lane not in self._slots:
            self._slots[lane] = asyncio.Semaphore(1 if lane == "here" else self.processes)
        return self._slots[lane]

    async def _execute(self, fn: Callable[..., Any], args: tuple[Any, ...], lane: Lane) -> Any:
        async with self._semaphore(lane):
            context = _context()
            receiving, sending = context.Pipe(duplex=False)
            process = context.Process(
                target=_work,
                args=(sending, fn, args, self.limits.cpu_seconds, self.limits.memory_mb),
                daemon=True,
            )
            # off the event loop: the first start waits for the fork server to import the
            # aligner, and a large upload takes a while to hand over
            started = asyncio.ensure_future(run_in_threadpool(self._started, process))
            try:
                await asyncio.shield(started)
                sending.close()
                await _readable(receiving)
                try:
                    answer = await run_in_threadpool(receiving.recv)
                except (EOFError, OSError):
                    answer = None
            finally:
                if not started.done():  # cancelled while starting: a thread cannot be stopped
                    with contextlib.suppress(Exception):
                        await started
                if process.pid is not None:
                    if process.is_alive():
                        process.kill()
                    await run_in_threadpool(process.join, 10)
                with self._starting:
                    self._running.discard(id(process))
                receiving.close()
                sending.close()
        if answer is None:
            raise _died(process.exitcode, self.limits)
        status, payload = answer
        if status == "ok":
            return payload
        if status == "memory":
            raise Problem(
                "over-limit", f"the work needs more than {self.limits.memory_mb} MB of memory"
            )
        kind, detail, extra = payload
        raise Problem(kind, detail, extra)


def _died(code: int | None, limits: WorkLimits) -> Problem:
    if code in (-signal.SIGXCPU, -signal.SIGKILL):
        return Problem(
            "over-limit",
            f"the work needs more than {limits.cpu_seconds} s of CPU or "
            f"{limits.memory_mb} MB of memory",
        )
    return Problem("over-limit", f"the worker stopped ({_exit(code)}), probably out of memory")


def _exit(code: int | None) -> str:
    if code is None:
        return "no exit status"
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"signal {signal.Signals(-code).name}"
    return f"exit status {code}"


async def _readable(connection: multiprocessing.connection.Connection) -> None:
    """Wait until ``connection`` has something to read (or its writer has gone)."""
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[None] = loop.create_future()
    fd = connection.fileno()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    loop.add_reader(fd, wake)
    try:
        await ready
    finally:
        loop.remove_reader(fd)


_CONTEXT: Any = None


def _context() -> Any:
    """Return the fork-server context, the server told what to import first."""
    global _CONTEXT
    if _CONTEXT is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        _CONTEXT = context
    return _CONTEXT


def _start_server() -> None:
    _context()
    with contextlib.suppress(OSError):
        forkserver.ensure_running()


def _work(
    sending: multiprocessing.connection.Connection,
    fn: Callable[..., Any],
    args: tuple[Any, ...],
    cpu_seconds: int,
    memory_mb: int,
) -> None:
    """Run one job in this worker and send back what came of it."""
    die_with_fork_server()
    with contextlib.suppress(OSError):
        os.nice(_NICE)
    limit_cpu(cpu_seconds)
    limit_memory(memory_mb * 2**20)
    try:
        answer: tuple[str, Any] = ("ok", fn(*args))
    except MemoryError:
        answer = ("memory", None)
    except Problem as problem:
        answer = ("problem", (problem.kind, problem.detail, problem.extra))
    except errors.AlignerError as exc:
        told = for_error(exc)
        answer = ("problem", (told.kind, told.detail, told.extra))
    except Exception as exc:  # a bug, or memory running out where Python cannot say so
        if _out_of_memory(exc):
            answer = ("memory", None)
        else:
            answer = ("problem", ("internal", f"{type(exc).__name__} while working", {}))
    try:
        sending.send(answer)
    except MemoryError:
        sending.send(("memory", None))


def _out_of_memory(exc: BaseException) -> bool:
    """Tell whether ``exc`` (or what led to it) is memory running out.

    Under the limit a library may fail to load (an ``ImportError``: "failed to map segment")
    or the system may refuse a mapping (``ENOMEM``) rather than Python raising MemoryError.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, MemoryError):
            return True
        if isinstance(current, OSError) and current.errno == errno.ENOMEM:
            return True
        text = str(current).lower()
        if "cannot allocate memory" in text or "failed to map segment" in text:
            return True
        current = current.__cause__ or current.__context__
    return False
