"""Export a stored document as TEI again (e.g. after reading one written by another version)."""

from __future__ import annotations

from collections.abc import Sequence

from aligner.errors import ExportError
from aligner.model import Document
from aligner.tei import write_tei
from exports import ExportOptions, Rendered, output

__all__ = ["render"]


def render(documents: Sequence[Document], langs: Sequence[str], options: ExportOptions) -> Rendered:
    """Return the TEI of the one document given, whole: every language and both levels."""
    if len(documents) != 1:
        raise ExportError("TEI holds one document per file; give one input")
    return Rendered((output("tei", write_tei(documents[0])),))
