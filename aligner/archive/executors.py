"""Where the documents of a batch are aligned: here, in local processes, or on a Dask cluster.

Every executor runs the same function on the same jobs with the same shared value (the
lexicon as the batch found it), so the results do not depend on where or in which order
the jobs ran. A job's result comes back as soon as it is done; at most a few jobs per
worker are in flight, so memory stays flat however long the batch.

=========================  ==================================================================
``serial``                 one job after the other in this process
``processes[:N]``          N worker processes on this machine (default: one per core)
``dask://HOST:PORT``       the workers of a running Dask scheduler (``dask scheduler``)
``dask``                   a Dask ``LocalCluster`` started for the batch
an object                  from the Python API: a ``distributed.Client`` (the lexicon is sent
                           to each worker once) or any ``concurrent.futures.Executor``
=========================  ==================================================================
"""

from __future__ import annotations

import concurrent.futures as cf
import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from aligner._process import die_with_parent
from aligner.errors import InputError

__all__ = ["ExecutorSpec", "run"]

J = TypeVar("J")
S = TypeVar("S")
R = TypeVar("R")

#: a name, a ``concurrent.futures.Executor`` or a ``distributed.Client``
ExecutorSpec = str | cf.Executor | Any
#: jobs in flight per worker: enough to keep workers busy, few enough to keep memory flat
_PER_WORKER = 2

_shared: Any = None


def _install(shared: object, parent: int) -> None:
    """Start a worker process: it dies with the batch's process, and keeps the shared value."""
    global _shared
    die_with_parent(parent)  # a killed batch leaves no workers behind
    _shared = shared


def _call_with_installed(fn: Callable[[Any, Any], Any], job: object) -> Any:
    return fn(job, _shared)


def run(
    fn: Callable[[J, S], R],
    jobs: Iterable[J],
    shared: S,
    *,
    executor: ExecutorSpec = "processes",
) -> Iterator[R]:
    """Yield ``fn(job, shared)`` for every job, in the order they finish.

    ``fn`` must return its failures as values: an exception raised by ``fn`` ends the run.
    ``executor`` is a name (see the module docstring), a ``concurrent.futures.Executor``
    or a ``distributed.Client``.

    >>> sorted(run(pow, [1, 2, 3], 2, executor="serial"))
    [1, 4, 9]
    """
    if _is_dask_client(executor):
        yield from _dask(executor, fn, jobs, shared)
        return
    if isinstance(executor, cf.Executor):
        pool = executor
        yield from _windowed(lambda job: pool.submit(fn, job, shared), jobs, os.cpu_count() or 1)
        return
    if not isinstance(executor, str):
        raise TypeError(f"not an executor: {executor!r}")
    kind, _, arg = executor.partition(":")
    if executor == "serial":
        for job in jobs:
            yield fn(job, shared)
    elif kind == "processes":
        workers = _count(arg, executor) if arg else (os.cpu_count() or 1)
        with cf.ProcessPoolExecutor(
            workers, initializer=_install, initargs=(shared, os.getpid())
        ) as pool:
            yield from _windowed(
                lambda job: pool.submit(_call_with_installed, fn, job), jobs, workers
            )
    elif kind == "dask":
        with _dask_client(executor) as client:
            yield from _dask(client, fn, jobs, shared)
    else:
        raise InputError(
            f"unknown executor {executor!r}: give serial, processes[:N], dask or dask://HOST:PORT"
        )


def _is_dask_client(executor: object) -> bool:
    return type(executor).__name__ == "Client" and hasattr(executor, "scatter")


def _count(arg: str, spec: str) -> int:
    if not arg.isdigit() or int(arg) < 1:
        raise InputError(f"executor {spec!r}: the number of processes must be a positive number")
    return int(arg)


def _windowed(
    submit: Callable[[Any], cf.Future[Any]], jobs: Iterable[Any], workers: int
) -> Iterator[Any]:
    """Submit jobs a few at a time and yield results as they finish."""
    window = max(1, workers * _PER_WORKER)
    pending: set[cf.Future[Any]] = set()
    for job in jobs:
        pending.add(submit(job))
        if len(pending) >= window:
            done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            for future in done:
                yield future.result()
    for future in cf.as_completed(pending):
        yield future.result()


@contextmanager
def _dask_client(spec: str) -> Iterator[Any]:
    distributed: Any = importlib.import_module("distributed")  # slow to import: only now
    address = spec.removeprefix("dask://") if spec.startswith("dask://") else None
    cluster: Any = None
    try:
        if address is None:
            cluster = distributed.LocalCluster(processes=True, dashboard_address=None)
            client = distributed.Client(cluster)
        else:
            client = distributed.Client(address, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask(client: Any, fn: Callable[..., Any], jobs: Iterable[Any], shared: Any) -> Iterator[Any]:
    """Run on a Dask client: the shared value is sent to every worker once."""
    distributed: Any = importlib.import_module("distributed")
    remote_shared = client.scatter(shared, broadcast=True, hash=False)
    workers = max(1, sum(client.nthreads().values()))
    window = workers * _PER_WORKER
    queue = distributed.as_completed()
    in_flight = 0
    for job in jobs:
        queue.add(client.submit(fn, job, remote_shared, pure=False))
        in_flight += 1
        if in_flight >= window:
            yield next(queue).result()
            in_flight -= 1
    for future in queue:
        yield future.result()
