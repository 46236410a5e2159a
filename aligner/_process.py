"""What a worker process does first: die with its parent, and keep within its limits."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import resource
import signal
from dataclasses import dataclass
from multiprocessing import forkserver

__all__ = ["WorkLimits", "die_with_fork_server", "die_with_parent", "limit_cpu", "limit_memory"]

_PR_SET_PDEATHSIG = 1  # from linux/prctl.h


@dataclass(frozen=True)
class WorkLimits:
    """How much one request's heavy work may take (see :mod:`aligner.service.workers`)."""

    seconds: float = 600.0  # waiting and working, per request
    cpu_seconds: int = 900  # CPU time per job
    memory_mb: int = 4096  # address space per job, beyond what a fresh worker maps
    processes: int = 0  # jobs at once; 0: one per core


def die_with_parent(parent: int | None = None) -> bool:
    """Ask the kernel to kill this process when its parent dies; return whether it took.

    ``parent`` is the pid the caller expects as its parent: if that parent has died
    already (this process was handed to init before the call), this process exits at once.
    Only Linux has the parent-death signal; elsewhere nothing happens.
    """
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return False
    if prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return False
    if parent is not None and os.getppid() != parent:
        os._exit(1)  # the parent went before the signal was asked for
    return True


def die_with_fork_server() -> None:
    """Make this worker die with the process that asked for it, when a fork server forked it.

    A worker of a ``forkserver`` context is the fork server's child, and the fork server
    lives while any process holds the pipe end its caller hands to every worker. A worker
    holding it would keep the server alive when the caller dies, so it closes it; then the
    caller's death ends the server, and the server's death (the parent-death signal) the
    worker. For a worker forked or spawned by its caller, only the signal is asked for.
    """
    server = getattr(forkserver, "_forkserver", None)
    alive = getattr(server, "_forkserver_alive_fd", None)
    if alive is not None:
        with contextlib.suppress(OSError):
            os.close(alive)
        setattr(server, "_forkserver_alive_fd", None)  # noqa: B010
    die_with_parent(os.getppid())


def limit_cpu(seconds: int) -> None:
    """Stop this process (SIGXCPU, then SIGKILL) after ``seconds`` more seconds of CPU."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    now = int(used.ru_utime + used.ru_stime) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = now + seconds
    new_hard = soft + 5 if hard == resource.RLIM_INFINITY else min(hard, soft + 5)
    resource.setrlimit(resource.RLIMIT_CPU, (min(soft, new_hard), new_hard))


def limit_memory(extra_bytes: int) -> None:
    """Let this process map at most ``extra_bytes`` more than it has mapped now."""
    mapped = 0
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", "rb") as status:
        for line in status:
            if line.startswith(b"VmSize:"):
                mapped = int(line.split()[1]) * 1024
    limit = mapped + extra_bytes
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
