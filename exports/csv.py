"""Render aligned documents as a CSV table for review in a spreadsheet.

One row per bead: bead id, shape, score, status (auto or manual), flags (``unaligned``,
``low-confidence``, ``numbers-differ``) and their reasons in words, then a column per
language; with several documents a document-id column comes first. UTF-8 with a byte
order mark, because Excel otherwise reads the file in the machine's legacy code page;
RFC 4180 quoting (CRLF rows, quoted fields with newlines and doubled quotes). Text is
written as stored: a cell that starts with ``=`` is still text to every CSV reader, but
Excel may take it for a formula; the XLSX export has no such risk.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from aligner.model import Document
from exports import ExportOptions, Output, Rendered
from exports._review import review_table
from exports.table import score

__all__ = ["render"]


def render(documents: Sequence[Document], options: ExportOptions) -> Rendered:
    """Render ``documents`` as one CSV table."""
    table = review_table(documents, options)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([score(v) if isinstance(v, float) else v for v in row.values])
    data = buffer.getvalue().encode("utf-8-sig")
    output = Output(data=data, media_type="text/csv; charset=utf-8", extension="csv")
    return Rendered(outputs=(output,), notes=table.notes)
