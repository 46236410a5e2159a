"""The review table's columns, shared by the formats that write it and read it back.

A review table is the side-by-side table a reviewer corrects (CSV, XLSX, DOCX). Its columns
are :data:`COLUMNS` (``document`` only with several documents), then one text column per
language, headed ``de (Deutsch)``, then :data:`REF`: the bead and the ids of the units the
row held when it was exported (``al.p3: de.p3 en.p2``, or ``al.s4: de.p3.s1 en.p2.s1`` at
sentence level). Bead ids renumber after every join or split; unit ids do not, so the
``ref`` cell tells the import what a row was even after the document changed, and a cell
a reviewer joined with the next one's still tells the two rows apart.

:func:`review_table` lays documents out in them; :func:`read_rows` reads a grid of cell
values in them back as a :class:`ReviewedTable`, which
:func:`aligner.review.apply_review` turns into edits. Each format module (:mod:`exports.csv`,
:mod:`exports.xlsx`, :mod:`exports.docx`) has ``render``, ``recognise`` and ``read`` over
this schema.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from aligner.errors import FormatError
from aligner.ids import bead_level, parse_bead, parse_unit
from aligner.model import Document, Level
from exports import ExportOptions
from exports.table import Cell, Row, build_table, plural

__all__ = [
    "COLUMNS",
    "REF",
    "holds_part",
    "ReviewRow",
    "ReviewTable",
    "ReviewedRow",
    "ReviewedTable",
    "read_ref",
    "read_rows",
    "ref_cell",
    "review_table",
    "starts_like_formula",
    "text_header",
]

#: the columns before the language columns, in order; ``document`` only with several documents
COLUMNS = ("document", "bead", "shape", "score", "status", "flags", "reasons")
#: the last column: the units a row held when it was exported, a reference that survives a
#: renumbering of the beads
REF = "ref"

# what Excel, LibreOffice and Google Sheets take for the start of a formula (OWASP's list)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ReviewRow:
    """One spreadsheet row: the table row it shows and its cell values."""

    row: Row
    values: tuple[str | float, ...]

    @property
    def heading(self) -> bool:
        return any(t.kind == "heading" for c in self.row.cells for t in c.texts)


@dataclass(frozen=True)
class ReviewTable:
    """The rows a reviewer reads in a spreadsheet, one per bead, a column per language."""

    header: tuple[str, ...]
    langs: tuple[str, ...]
    rows: tuple[ReviewRow, ...]
    left_out: int  # beads with no text in any chosen language

    @property
    def notes(self) -> tuple[str, ...]:
        if not self.left_out:
            return ()
        wanted = ", ".join(self.langs)
        return (f"{plural(self.left_out, 'bead')} with no text in {wanted} left out",)


def review_table(
    documents: Sequence[Document], chosen: Sequence[str], options: ExportOptions
) -> ReviewTable:
    """Build spreadsheet rows from each document's side-by-side table.

    Columns: [document,] bead, shape, score, status, flags, reasons, a text per language,
    then ref (the ids of the row's units); the document column only when there are several
    documents. A language a document has no version in stays blank. In a cell, paragraphs
    are separated by a blank line and a paragraph that opens a speaker turn starts with its
    label, as printed.
    The first row of a run of beads some chosen languages lack is flagged ``missing-run``,
    with what the run holds as its reason.
    """
    several = len(documents) > 1
    names: dict[str, str] = {}
    rows: list[ReviewRow] = []
    left_out = 0
    for document in documents:
        present = tuple(lang for lang in chosen if lang in document.langs)
        table = build_table(
            document,
            present,
            level=options.level_for(document),
            review_below=options.review_below,
            locale=options.locale,
        )
        names.update((c.lang, c.name) for c in table.columns)
        level = options.level_for(document)
        stored = document.sentences if level == "sentence" else document.paragraphs
        left_out += sum(not any(b.ids(lang) for lang in present) for b in stored.beads)
        for row in table.rows:
            texts = {cell.lang: _cell_text(cell) for cell in row.cells}
            values: tuple[str | float, ...] = (
                *((document.id,) if several else ()),
                row.bead,
                "-".join(
                    str(len(row.cell(lang).texts)) if lang in texts else "0" for lang in chosen
                ),
                round(row.cert, 2),
                row.status,
                ", ".join(flag.kind for flag in row.flags),
                row.reasons,
                *(texts.get(lang, "") for lang in chosen),
                ref_cell(row.bead, (t.id for cell in row.cells for t in cell.texts)),
            )
            rows.append(ReviewRow(row, values))
    header = (
        *(COLUMNS if several else COLUMNS[1:]),
        *(text_header(lang, names.get(lang)) for lang in chosen),
        REF,
    )
    return ReviewTable(header, tuple(chosen), tuple(rows), left_out)


def _cell_text(cell: Cell) -> str:
    return "\n\n".join(f"{t.speaker} {t.text}" if t.speaker else t.text for t in cell.paragraphs())


def starts_like_formula(text: str) -> bool:
    r"""Tell whether a spreadsheet would read ``text`` typed into a cell as a formula.

    >>> [starts_like_formula(t) for t in ("=1+1", "-5 °C", "@user", "\tx", "a = b", "")]
    [True, True, True, True, False, False]
    """
    return text.startswith(_FORMULA_START)


def holds_part(data: bytes, part: str) -> bool:
    """Tell whether ``data`` is a ZIP package (an Office file) that holds ``part``.

    >>> holds_part(b"plain text", "xl/workbook.xml")
    False
    """
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return part in archive.namelist()
    except zipfile.BadZipFile:
        return False


def text_header(lang: str, name: str | None) -> str:
    """Return the header of a language's text column.

    >>> text_header("de", "Deutsch"), text_header("xx", None)
    ('de (Deutsch)', 'xx')
    """
    return f"{lang} ({name})" if name else lang


@dataclass(frozen=True)
class ReviewedRow:
    """One row of a table that came back from review, as the reviewer left it."""

    number: int  # the row number the reviewer sees (spreadsheet row, or the "#" value)
    bead: str | None  # the bead it was exported from; None for a row the reviewer added
    mark: str  # what the status column (or the "#" cell after the number) says
    texts: dict[str, str]  # language -> cell text
    #: the rows its ``ref`` cell names, each as the ids of the units it held when exported:
    #: one normally, two or more in a row the reviewer joined cell by cell, none in a row
    #: the reviewer added or a table without the column
    ref: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class ReviewedTable:
    """A review table read back: its language columns, its rows and its level."""

    columns: dict[str, str]  # language -> how the reviewer names the column ("G", "English")
    rows: tuple[ReviewedRow, ...]
    level: Level = "paragraph"


def read_rows(
    values: Sequence[Sequence[object]], *, path: str, column_name: Callable[[int], str]
) -> ReviewedTable:
    """Read a grid of cell values in the review columns (header row first).

    ``column_name`` names a column by its index as the reviewer sees it (``G`` in a sheet).
    The level is the one the bead ids say: a table with a sentence bead (``al.s4``) in it
    is at sentence level (its heading rows are paragraph beads).
    """
    if not values:
        raise FormatError("the sheet is empty", path=path)
    header = [str(v or "").strip() for v in values[0]]
    if "document" in header:
        raise FormatError("the table holds several documents; import one document's", path=path)
    if "bead" not in header or "status" not in header or "reasons" not in header:
        raise FormatError(
            "no bead, status and reasons columns: not an aligner review table", path=path
        )
    bead_col, status_col = header.index("bead"), header.index("status")
    ref_col = header.index(REF) if REF in header else None
    text_cols = {
        index: name.split(" (", 1)[0]
        for index, name in enumerate(header)
        if index > header.index("reasons") and name and index != ref_col
    }
    sentence = any(bead_level(str(row[bead_col] or "").strip()) == "sentence" for row in values[1:])
    rows = []
    for number, row in enumerate(values[1:], start=2):
        cells = [("" if v is None else str(v)) for v in row] + [""] * len(header)
        texts = {lang: cells[index] for index, lang in text_cols.items()}
        ref = () if ref_col is None else read_ref(cells[ref_col], number=number, path=path)
        bead = cells[bead_col].strip() or None
        rows.append(ReviewedRow(number, bead, cells[status_col], texts, ref))
    columns = {lang: column_name(index) for index, lang in text_cols.items()}
    return ReviewedTable(columns, tuple(rows), "sentence" if sentence else "paragraph")


def ref_cell(bead: str, units: Iterable[str]) -> str:
    """Return the ``ref`` cell of a row: its bead, a colon, and the ids of its units.

    >>> ref_cell("al.p3", ["de.p3", "en.p2"])
    'al.p3: de.p3 en.p2'
    """
    return " ".join((f"{bead}:", *units))


def read_ref(cell: str, *, number: int, path: str) -> tuple[tuple[str, ...], ...]:
    """Read a ``ref`` cell: for each ``bead:`` it names, the unit ids after it.

    >>> read_ref("al.p3: de.p3 en.p2\\n\\nal.p4: de.p4", number=2, path="t.csv")
    (('de.p3', 'en.p2'), ('de.p4',))
    >>> read_ref(" ", number=3, path="t.csv")
    ()
    """
    rows: list[list[str]] = []
    for token in cell.split():
        if token.endswith(":") and parse_bead(token[:-1]) is not None:
            rows.append([])
        elif parse_unit(token) is not None and rows:
            rows[-1].append(token)
        else:
            raise FormatError(
                f"row {number}, column ref: {token!r} is not what the export wrote there "
                "(leave the ref column as it was exported, or empty in a row you add)",
                path=path,
            )
    return tuple(tuple(units) for units in rows)
