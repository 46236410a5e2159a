"""The heavy jobs the service hands to its worker processes (:mod:`aligner.service.workers`).

Each takes and returns plain values; a job reads the stored TEI from its file itself, so a
large document is not copied through the service's memory for every export.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from aligner.api import InputFile, align_inputs, realign
from aligner.model import Document
from aligner.service.downloads import disposition, zip_outputs
from aligner.store import Facts, NotFound
from aligner.tei import read_tei, write_tei
from exports import ExportOptions, render

__all__ = ["Download", "align_upload", "export_document", "export_revision", "realign_revision"]


@dataclass(frozen=True)
class Download:
    """An export ready to send."""

    body: bytes
    media_type: str
    disposition: str


def align_upload(inputs: list[InputFile], doc_id: str) -> tuple[bytes, Facts]:
    """Align an upload's files as the document ``doc_id``; return its TEI and its facts."""
    document = replace(align_inputs(inputs), id=doc_id)
    return write_tei(document), Facts.of(document)


def realign_revision(path: str, name: str) -> Document:
    """Align the stored revision at ``path`` again (``name`` is how errors call it)."""
    return realign(read_tei(_read(path, name), path=name))


def _read(path: str, name: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:  # deleted meanwhile
        raise NotFound(f"there is no document {name.split('/')[0]}") from None


def export_revision(path: str, name: str, to: str, options: ExportOptions) -> Download:
    """Render the stored revision at ``path`` (``name`` in errors) as ``to``."""
    return export_document(read_tei(_read(path, name), path=name), to, options)


def export_document(document: Document, to: str, options: ExportOptions) -> Download:
    """Render ``document`` as ``to``."""
    rendered = render([document], to, options)
    outputs = [(o.data, o.media_type, o.extension, o.suffix) for o in rendered.outputs]
    if len(outputs) == 1:
        body, media_type, extension, suffix = outputs[0]
    else:
        body = zip_outputs(document, outputs)
        media_type, extension, suffix = "application/zip", "zip", to
    return Download(body, media_type, disposition(document, extension, suffix))
