"""Reading only regular files, writing so that a failure never leaves a half-written one, locks.

The store (:mod:`aligner.store`) and the archive write through :func:`write_bytes_atomic`
and take their locks with :func:`file_lock`.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from aligner.errors import AlignerError, InputError, StorageError

_CHUNK = 1 << 20


def read_regular(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> bytes:
    """Return the bytes of the regular file at ``path``, refusing devices, pipes and sockets.

    A file over ``max_bytes`` is refused as the bytes are counted, not by the size the file
    system reports (``/dev/zero`` and ``/proc`` files report none). The file is opened
    without blocking, so a pipe with no writer is refused at once too. ``OSError`` (a file
    not found, a folder) passes to the caller.
    """
    where = os.fspath(path)
    fd = os.open(where, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb", buffering=0) as fh:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", where)
        if not stat.S_ISREG(mode):
            raise InputError(
                "is not a regular file (a device, a pipe or a socket): only files are read",
                path=where,
            )
        os.set_blocking(fd, True)
        pieces: list[bytes] = []
        size = 0
        while chunk := fh.read(_CHUNK):
            size += len(chunk)
            if max_bytes is not None and size > max_bytes:
                raise InputError(
                    f"is over the {max_bytes / 2**20:g} MB limit (--max-mb raises it)", path=where
                )
            pieces.append(chunk)
    return b"".join(pieces)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, then rename.

    Missing folders are made. The data is fsynced before the rename, so a crash leaves the
    old file or the new one, never a mixture, and a failure leaves nothing behind. A new
    file gets the permissions the user's umask gives, a replaced one keeps its own; a
    symbolic link is written through (its target is replaced, the link stays).
    """
    target = Path(os.path.realpath(path))
    if target.is_dir() or os.fspath(path).endswith(os.sep):
        raise AlignerError("is a directory: give a file name", path=os.fspath(path))
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as exc:
        raise StorageError.from_os_error(exc, path) from None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(target)
        prefix = _temporary_prefix(target)
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise StorageError.from_os_error(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise StorageError.from_os_error(exc, path) from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _temporary_prefix(target: Path) -> str:
    """Return the start of a temporary file's name beside ``target``: it names this process."""
    return f".{target.name}.{os.getpid()}-"


def temporary_path(target: str | os.PathLike[str]) -> Path:
    """Return a temporary file's path beside ``target``, marked with this process's id.

    A process killed while writing leaves it; :func:`remove_stale_temporaries` removes it
    on the next write to the same target, once that process is gone.
    """
    where = Path(target)
    return where.with_name(f"{_temporary_prefix(where)}{os.urandom(4).hex()}.tmp")


def remove_stale_temporaries(target: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files beside ``target`` left by processes no longer running."""
    where = Path(target)
    removed = []
    with contextlib.suppress(OSError):
        for entry in where.parent.glob(f".{glob_escape(where.name)}.*-*.tmp"):
            pid = entry.name[len(where.name) + 2 :].split("-", 1)[0]
            if pid.isdigit() and not _running(int(pid)):
                with contextlib.suppress(FileNotFoundError):
                    entry.unlink()
                    removed.append(entry)
    return removed


def glob_escape(name: str) -> str:
    """Return ``name`` with the characters glob reads as patterns escaped."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _umask() -> int:
    """Return the process's umask without changing it where the system tells (Linux)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # elsewhere: read it by setting it, and put it back at once
    os.umask(mask)
    return mask


class Busy(Exception):
    """The lock is held by someone else and the caller would not wait."""


@contextlib.contextmanager
def file_lock(path: str | os.PathLike[str], *, wait: bool = True) -> Iterator[None]:
    """Hold an exclusive lock on the file ``path`` (made if missing) against other processes.

    Without ``wait``, raise :class:`Busy` at once when another holds it. A lock file removed
    while we waited for it (its owner deleted what it guarded) is not held: the new file at
    ``path`` is locked instead, so two holders never think they hold the same lock.
    """
    where = os.fspath(path)
    while True:
        try:
            fh = open(where, "a+b")  # noqa: SIM115 - closed below, or when the lock is let go
        except OSError as exc:
            raise StorageError.from_os_error(exc, where) from None
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            fh.close()
            raise Busy(where) from None
        try:
            if os.stat(where).st_ino == os.fstat(fh.fileno()).st_ino:
                break
        except FileNotFoundError:
            pass
        fh.close()
    try:
        yield
    finally:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
        fh.close()
