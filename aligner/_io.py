"""Writing files so that a failure never leaves a half-written one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from aligner.errors import AlignerError


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
        raise AlignerError(f"cannot write here: {exc.strerror}", path=os.fspath(path)) from None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise AlignerError(f"cannot write here: {exc.strerror}", path=os.fspath(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    """Return the process's umask without changing it where the system tells (Linux)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # elsewhere: read it by setting it, and put it back at once
    os.umask(mask)
    return mask
