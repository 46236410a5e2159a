"""Render aligned documents as a CSV table for review in a spreadsheet.

One row per bead: bead id, shape, score, status (auto or manual), flags (``missing-run``,
``unaligned``, ``low-confidence``, ``numbers-differ``) and their reasons in words, then a column per
language; with several documents a document-id column comes first. UTF-8 with a byte
order mark, because Excel otherwise reads the file in the machine's legacy code page;
RFC 4180 quoting (CRLF rows, quoted fields with newlines and doubled quotes).

Spreadsheet safety: Excel, LibreOffice and Google Sheets run a cell that starts with ``=``,
``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a formula, so an uploaded
text holding ``=HYPERLINK(...)`` would become a live link in the translator's sheet. Such
cells are written with a leading apostrophe (the OWASP rule): spreadsheets show the text,
and a program reading the CSV sees the apostrophe and can strip it. The XLSX export has no
such risk: its cells are typed as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from aligner.model import Document
from exports import ExportOptions, Rendered, output
from exports._review import review_table, starts_like_formula
from exports.table import score

__all__ = ["neutralise", "render"]


def render(documents: Sequence[Document], langs: Sequence[str], options: ExportOptions) -> Rendered:
    """Render ``documents`` as one CSV table."""
    table = review_table(documents, langs, options)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in table.header])
    for row in table.rows:
        writer.writerow([score(v) if isinstance(v, float) else neutralise(v) for v in row.values])
    data = buffer.getvalue().encode("utf-8-sig")
    return Rendered(outputs=(output("csv", data),), notes=table.notes)


def neutralise(text: str) -> str:
    r"""Return ``text`` so that no spreadsheet reads it as a formula.

    >>> neutralise('=HYPERLINK("http://example.org", "click")')
    '\'=HYPERLINK("http://example.org", "click")'
    >>> [neutralise(t) for t in ("-5 °C", "a = b", "")]
    ["'-5 °C", 'a = b', '']
    """
    return "'" + text if starts_like_formula(text) else text
