"""Render aligned documents as an Excel workbook for review.

The columns are those of the CSV export. The header row is bold, frozen and filtered;
text wraps in columns wide enough to read; rows a reviewer should look at are shaded with
the colours and patterns of the DOCX and PDF exports (``exports.table.FLAG_SHADES``), and
a second sheet says what they mean. Every text cell
is typed as text, never as a formula, whatever it starts with. The workbook is
deterministic: its created/modified dates come from the documents, and its ZIP entries
carry that date instead of the clock's.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from aligner.errors import FormatError
from aligner.model import Document
from exports import ExportOptions, Rendered, output
from exports._review import (
    ReviewedTable,
    ReviewTable,
    holds_part,
    read_rows,
    review_table,
    starts_like_formula,
)
from exports._stamp import export_time, restamp_zip
from exports._xmltext import clean
from exports.table import FLAG_SHADES, Shade

__all__ = ["read", "recognise", "render"]

_TEXT_WIDTH = (16, 45)  # narrowest and widest language column, in characters
# openpyxl patternType for the pattern names of exports.table.FLAG_SHADES
_PATTERNS = {
    "diagonal": "lightUp",
    "cross": "lightTrellis",
    "horizontal": "lightHorizontal",
    "vertical": "lightVertical",
    "dots": "gray0625",
}
_REF_WIDTH = 20
_PATTERN_GREY = "808080"
_PAPER = {"A4": Worksheet.PAPERSIZE_A4, "Letter": Worksheet.PAPERSIZE_LETTER}
_BOLD = Font(bold=True)
_WRAP = Alignment(vertical="top", wrap_text=True)


def render(documents: Sequence[Document], langs: Sequence[str], options: ExportOptions) -> Rendered:
    """Render ``documents`` as one XLSX workbook with a single sheet."""
    table = review_table(documents, langs, options)
    when = export_time(documents).replace(tzinfo=None)
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Alignment"
    _fill_sheet(sheet, table, flags=options.flags)
    _print_setup(sheet, options.page_size)
    legend = tuple(
        shade for shade in FLAG_SHADES.values() if shade in {row.row.shade for row in table.rows}
    )
    if options.flags and legend:
        _legend(workbook.create_sheet("Legend"), legend)

    props = workbook.properties
    props.title = clean(documents[0].title() if len(documents) == 1 else _several(documents))
    props.subject = clean(", ".join(d.id for d in documents))
    props.creator = "aligner"
    props.lastModifiedBy = "aligner"
    props.created = when
    props.modified = when
    if len(documents) == 1 and documents[0].original:
        props.language = documents[0].original

    buffer = io.BytesIO()
    # openpyxl's save_workbook stamps "modified" with the clock: drive its writer directly.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    data = restamp_zip(buffer.getvalue(), when)
    return Rendered(outputs=(output("xlsx", data),), notes=table.notes)


def _several(documents: Sequence[Document]) -> str:
    return f"{documents[0].title()} and {len(documents) - 1} more"


def _fill_sheet(sheet: Worksheet, table: ReviewTable, *, flags: bool) -> None:
    # 1-based columns of the first and the last language; the ref column comes after them
    first_text = len(table.header) - len(table.langs)
    last_text = len(table.header) - 1
    sheet.append([clean(h) for h in table.header])
    for cell in sheet[1]:
        cell.font = _BOLD
        cell.alignment = _WRAP
    widths = [len(h) + 2 for h in table.header]
    for r, row in enumerate(table.rows, start=2):
        shade = row.row.shade if flags else None
        fill = _pattern_fill(shade) if shade else None
        for c, value in enumerate(row.values, start=1):
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, float):
                cell.value = value
                cell.number_format = "0.00"
            elif value:
                cell.value = clean(value)
                # Text that starts with "=" is text, not a formula to evaluate; the quote
                # prefix keeps it text when someone edits the cell in Excel.
                cell.data_type = "s"
                cell.quotePrefix = starts_like_formula(cell.value)
            cell.alignment = _WRAP
            if row.heading and first_text <= c <= last_text:
                cell.font = _BOLD
            if fill is not None:
                cell.fill = fill
            longest = max((len(line) for line in str(value).splitlines()), default=0)
            widths[c - 1] = max(widths[c - 1], longest + 2)
    for c, width in enumerate(widths, start=1):
        if first_text <= c <= last_text:
            width = max(width, _TEXT_WIDTH[0])
        elif c > last_text:
            width = min(width, _REF_WIDTH)  # the ids wrap: they are for the import to read
        sheet.column_dimensions[get_column_letter(c)].width = min(width, _TEXT_WIDTH[1])
    sheet.freeze_panes = "A2"
    last = f"{get_column_letter(len(table.header))}{len(table.rows) + 1}"
    sheet.auto_filter.ref = f"A1:{last}"


def _pattern_fill(shade: Shade) -> PatternFill:
    """Return the fill of a flagged row: its colour under a grey pattern, for print."""
    return PatternFill(
        _PATTERNS[shade.pattern], fgColor="FF" + _PATTERN_GREY, bgColor="FF" + shade.fill
    )


def _legend(sheet: Worksheet, shades: Sequence[Shade]) -> None:
    """Fill a sheet that says what each shading of the first sheet means."""
    sheet.append(["mark", "meaning"])
    for cell in sheet[1]:
        cell.font = _BOLD
    for row, shade in enumerate(shades, start=2):
        sheet.cell(row=row, column=1).fill = _pattern_fill(shade)
        sheet.cell(row=row, column=2, value=shade.legend)
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 50


def _print_setup(sheet: Worksheet, page_size: str) -> None:
    """Print landscape, every column on one page width, the header row on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = _PAPER[page_size]
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.oddFooter.center.text = "&P / &N"


def recognise(data: bytes) -> bool:
    """Tell whether ``data`` is a workbook."""
    return holds_part(data, "xl/workbook.xml")


def read(data: bytes, document: Document, *, path: str) -> ReviewedTable:
    """Read a review workbook back as the reviewer left it (its first sheet)."""
    del document  # the sheet names its beads and languages itself
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise FormatError(f"cannot read the workbook: {exc}", path=path) from None
    return read_rows(values, path=path, column_name=lambda index: get_column_letter(index + 1))
