"""Refuse ZIP packages (DOCX, XLSX) that would inflate beyond sane limits: the one door.

Every package that comes from outside (an input DOCX, a reviewed XLSX or DOCX table, and
whatever is zipped later) is opened through :func:`open_zip`, or checked with
:func:`check_zip` before a library opens it, in every command and route.

A 2 MB DOCX can hold a ``word/document.xml`` that inflates to gigabytes. Before a package
reader touches the file, :func:`check_zip` reads the central directory and refuses a package
whose declared sizes or compression ratios are over :class:`ZipLimits`; then it inflates
every part as a stream through a byte counter, in small chunks, so a part whose declared
size lies is also stopped at the limit, and a damaged part is found before parsing. Nothing
is kept: the check costs the time of one inflation and a chunk of memory.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from aligner.errors import FormatError

__all__ = ["ZipLimits", "check_zip", "open_zip"]

_CHUNK = 1 << 20


@dataclass(frozen=True)
class ZipLimits:
    """How far a package may inflate.

    ``ratio`` (inflated : compressed) applies to every part larger than ``ratio_from`` and
    to the package as a whole; text-heavy Office parts rarely pass 30:1, bombs pass 1000:1.
    """

    part_bytes: int = 128 * 2**20
    total_bytes: int = 256 * 2**20
    ratio: int = 200
    ratio_from: int = 2**20
    parts: int = 10_000


def check_zip(
    data: bytes, *, path: str, kind: str = "ZIP", limits: ZipLimits = ZipLimits()
) -> None:
    """Raise :class:`FormatError` unless ``data`` is a readable ZIP package within ``limits``.

    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("word/document.xml", b"<w:document/>" + b" " * 2**21)
    >>> check_zip(buffer.getvalue(), path="bomb.docx")
    Traceback (most recent call last):
    ...
    aligner.errors.FormatError: bomb.docx: word/document.xml inflates 2.1 MB from 2.1 kB (1016:1); more than 200:1 is refused as a ZIP bomb
    """  # noqa: E501
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    # NotImplementedError: a directory entry asks for a ZIP version zipfile cannot read
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise FormatError(f"not a readable {kind} file ({exc})", path=path) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.parts:
            raise FormatError(
                f"the package has {len(infos)} parts; at most {limits.parts} are read", path=path
            )
        for info in infos:
            _check_sizes(
                info.filename, info.file_size, info.compress_size, limits.part_bytes, limits, path
            )
        total_cap = limits.total_bytes
        declared = sum(i.file_size for i in infos)
        _check_sizes("the package", declared, len(data), total_cap, limits, path)
        inflated = 0
        for info in infos:
            part = 0
            try:
                with archive.open(info) as stream:
                    while chunk := stream.read(_CHUNK):
                        part += len(chunk)
                        inflated += len(chunk)
                        cap = limits.part_bytes
                        _check_sizes(info.filename, part, info.compress_size, cap, limits, path)
                        _check_sizes("the package", inflated, len(data), total_cap, limits, path)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
                raise FormatError(f"{info.filename} is damaged ({exc})", path=path) from None
            except RuntimeError as exc:  # an encrypted part
                raise FormatError(f"{info.filename} cannot be read ({exc})", path=path) from None


def _check_sizes(what: str, size: int, packed: int, cap: int, limits: ZipLimits, path: str) -> None:
    if size > cap:
        raise FormatError(f"{what} inflates to {_size(size)}; the limit is {_size(cap)}", path=path)
    ratio = size / max(packed, 1)
    if size > limits.ratio_from and ratio > limits.ratio:
        raise FormatError(
            f"{what} inflates {_size(size)} from {_size(packed)} ({ratio:.0f}:1); "
            f"more than {limits.ratio}:1 is refused as a ZIP bomb",
            path=path,
        )


def _size(n: int) -> str:
    """Return ``n`` bytes in words.

    >>> _size(512), _size(2_100), _size(3 * 10**9)
    ('512 bytes', '2.1 kB', '3.0 GB')
    """
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def open_zip(
    data: bytes, *, path: str, kind: str = "ZIP", limits: ZipLimits = ZipLimits()
) -> zipfile.ZipFile:
    """Return ``data`` opened as a ZIP package once :func:`check_zip` has let it through."""
    check_zip(data, path=path, kind=kind, limits=limits)
    return zipfile.ZipFile(io.BytesIO(data))
