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

A reviewed CSV comes back through :func:`read` (``aligner import-review``): UTF-8 (with or
without the byte order mark), the columns separated by commas, or by the semicolons or tabs
a spreadsheet in some locales saves; the apostrophe written before a formula-like cell is
taken off again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from aligner.errors import FormatError
from aligner.model import Document
from exports import ExportOptions, Rendered, output
from exports._review import ReviewedTable, read_rows, review_table, starts_like_formula
from exports.table import score

__all__ = ["neutralise", "read", "recognise", "render"]

_DELIMITERS = (",", ";", "\t")


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


def _restore(text: str) -> str:
    r"""Return a cell as it was before :func:`neutralise` guarded it.

    >>> _restore("'=1+1"), _restore("'quoted'"), _restore("plain")
    ('=1+1', "'quoted'", 'plain')
    """
    return text[1:] if text.startswith("'") and starts_like_formula(text[1:]) else text


def _header(text: str) -> str | None:
    """Return the delimiter that makes the first line of ``text`` a review table's header."""
    first = text.split("\n", 1)[0]
    for delimiter in _DELIMITERS:
        names = {name.strip().strip('"') for name in first.split(delimiter)}
        if {"bead", "status", "reasons"} <= names:
            return delimiter
    return None


def recognise(data: bytes) -> bool:
    """Tell whether ``data`` is a review table saved as CSV (our header row, any delimiter)."""
    if data.startswith(b"PK\x03\x04"):
        return False
    return _header(data[:4096].decode("utf-8-sig", errors="replace")) is not None


def read(data: bytes, document: Document, *, path: str) -> ReviewedTable:
    """Read a reviewed CSV table back as the reviewer left it."""
    del document  # the table names its beads and languages itself
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError(
            "the CSV is not UTF-8 text: save it as 'CSV UTF-8' (comma delimited)", path=path
        ) from None
    delimiter = _header(text)
    if delimiter is None:
        raise FormatError("no bead, status and reasons columns: not a review table", path=path)
    try:
        grid = [
            [_restore(cell) for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise FormatError(f"cannot read the CSV: {exc}", path=path) from None
    return read_rows(grid, path=path, column_name=_column_letter)


def _column_letter(index: int) -> str:
    """Name a column as a spreadsheet opening the CSV does (0 is A, 26 is AA).

    >>> _column_letter(0), _column_letter(6), _column_letter(27)
    ('A', 'G', 'AB')
    """
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name
