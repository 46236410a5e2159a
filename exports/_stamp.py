"""Stamp exports with what made them and when, so the same documents give the same bytes.

The time is the documents' latest change, never the clock's.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata

from aligner.errors import ExportError
from aligner.model import Document

__all__ = ["export_time", "restamp_zip", "tool_version", "utc_time"]


def utc_time(value: str, document: Document) -> datetime:
    """Read an ISO 8601 time of ``document`` as UTC; a time without zone is taken as UTC."""
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise ExportError(f"date {value!r} is not ISO 8601", path=document.id) from None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def export_time(documents: Sequence[Document]) -> datetime:
    """Return the latest creation or change time of ``documents``, in UTC."""
    return max(
        utc_time(value, document)
        for document in documents
        for value in (document.created, *(change.when for change in document.changes))
    )


def tool_version(documents: Sequence[Document]) -> str:
    """Return the version of the installed aligner, else the one that made the documents."""
    try:
        return metadata.version("aligner")
    except metadata.PackageNotFoundError:
        made_by = sorted({d.app_version for d in documents if d.app_version})
        return made_by[-1] if made_by else "unknown"


def restamp_zip(data: bytes, when: datetime) -> bytes:
    """Rewrite a ZIP package (DOCX, XLSX) with ``when`` as the time of every member."""
    # ZIP cannot store a time before 1980
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    stamp = max(stamp, (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            member = zipfile.ZipInfo(item.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(item.filename))
    return out.getvalue()
