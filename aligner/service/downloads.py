"""How a download is named, packed and sent."""

from __future__ import annotations

import io
import re
import urllib.parse
import zipfile
from collections.abc import Iterator, Sequence

from aligner._display import plain
from aligner.model import Document
from languages.translit import to_latin

__all__ = ["chunks", "disposition", "titled_disposition", "zip_outputs"]

_CHUNK = 64 * 1024


def _file_stem(title: str, doc_id: str) -> tuple[str, str]:
    """Return the file name stem in ASCII and as the title reads, for Content-Disposition."""
    title = plain(title)[:80] or doc_id  # no direction overrides in a file name
    readable = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip() or doc_id
    ascii_stem = re.sub(r"[^a-z0-9]+", "-", to_latin(readable)).strip("-")[:80]
    return ascii_stem or "document", readable


def disposition(document: Document, extension: str, suffix: str) -> str:
    """Return an RFC 6266 attachment header with an ASCII name and the UTF-8 one."""
    return titled_disposition(document.title(), document.id, extension, suffix)


def titled_disposition(title: str, doc_id: str, extension: str, suffix: str) -> str:
    """Return :func:`disposition` for a document known by its title and id."""
    ascii_stem, readable = _file_stem(title, doc_id)
    tail = f".{suffix}" if suffix else ""
    fallback = f"{ascii_stem}{tail}.{extension}"
    full = f"{readable}{tail}.{extension}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{urllib.parse.quote(full)}"


def zip_outputs(document: Document, outputs: Sequence[tuple[bytes, str, str, str]]) -> bytes:
    """Pack several export files into one ZIP, with fixed dates so it is reproducible."""
    ascii_stem, _readable = _file_stem(document.title(), document.id)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for data, _media, extension, suffix in outputs:
            tail = f".{suffix}" if suffix else ""
            info = zipfile.ZipInfo(f"{ascii_stem}{tail}.{extension}", (2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def chunks(data: bytes) -> Iterator[bytes]:
    for start in range(0, len(data), _CHUNK):
        yield data[start : start + _CHUNK]
