"""XLSX export: read back with openpyxl (values, frozen header, fills, properties)."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Callable
from datetime import datetime

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from aligner.errors import ExportError
from aligner.model import Document
from exports import ExportOptions, render
from exports.table import FLAG_SHADES


def _sheet(documents: list[Document], options: ExportOptions | None = None) -> Worksheet:
    data = _xlsx(documents, options)
    sheet = load_workbook(io.BytesIO(data)).active
    assert isinstance(sheet, Worksheet)
    return sheet


def _xlsx(documents: list[Document], options: ExportOptions | None = None) -> bytes:
    (output,) = render(documents, "xlsx", options or ExportOptions()).outputs
    assert output.extension == "xlsx"
    return output.data


def test_it_has_the_csv_columns_and_the_stored_text(document: Document) -> None:
    sheet = _sheet([document])
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["bead", "shape", "score", "status", "flags", "reasons"]
    assert header[6:] == [
        "de (Deutsch)",
        "en (English)",
        "es (Español)",
        "ru (Русский)",
        "fr (Français)",
        "ref",
    ]
    assert sheet.max_row == 1 + len(document.paragraphs.beads)
    split = [c.value for c in sheet[4]]
    assert split[:5] == ["al.p3", "2-1-1-1-1", 0.62, "auto", "low-confidence"]
    assert split[6] == (
        "Das Budget beträgt 12,5 Millionen Euro.\n\nDie Stadt stellt z. B. drei Säle bereit."
    )
    assert split[7] == document.version("en").block("en.p2").text
    assert sheet["C4"].number_format == "0.00"


def test_the_header_is_bold_and_frozen_and_text_wraps(document: Document) -> None:
    sheet = _sheet([document])
    assert sheet.freeze_panes == "A2"
    assert all(c.font.bold for c in sheet[1])
    assert sheet.auto_filter.ref == "A1:L8"  # the ref column after the five languages
    assert sheet["G4"].alignment.wrap_text
    assert sheet["G2"].font.bold  # a heading row
    assert not sheet["G3"].font.bold
    assert 16 <= sheet.column_dimensions["G"].width <= 45
    assert sheet.column_dimensions["A"].width < sheet.column_dimensions["G"].width


def test_rows_to_check_are_shaded_like_the_other_exports(document: Document) -> None:
    sheet = _sheet([document])
    gap = sheet["A5"]  # al.p4: unaligned and low confidence
    assert sheet["A5"].value == "al.p4"
    # the colour of the other exports under a grey pattern that tells kinds apart in print
    assert gap.fill.fill_type == "lightUp"
    assert gap.fill.bgColor.rgb == "FF" + FLAG_SHADES["unaligned"].fill
    assert sheet["K5"].fill.bgColor.rgb == "FF" + FLAG_SHADES["unaligned"].fill
    assert sheet["A3"].fill.fill_type is None
    plain = _sheet([document], ExportOptions(flags=False))
    assert plain["A5"].fill.fill_type is None
    assert plain["E5"].value == "missing-run, unaligned, low-confidence"  # the flags stay


def test_a_legend_sheet_says_what_each_shading_means(document: Document) -> None:
    book = load_workbook(io.BytesIO(_xlsx([document])))
    assert book.sheetnames == ["Alignment", "Legend"]
    legend = book["Legend"]
    rows = [(c.fill.fill_type, legend.cell(c.row, 2).value) for c in legend["A"][1:]]
    assert rows == [
        ("lightUp", FLAG_SHADES["unaligned"].legend),
        ("gray0625", FLAG_SHADES["low-confidence"].legend),
    ]
    plain = load_workbook(io.BytesIO(_xlsx([document], ExportOptions(flags=False))))
    assert plain.sheetnames == ["Alignment"]


def test_low_confidence_rows_get_their_own_shade(document: Document) -> None:
    sheet = _sheet([document], ExportOptions(review_below=0.7, langs=("en", "ru")))
    assert sheet["A4"].value == "al.p3"
    assert sheet["A4"].fill.bgColor.rgb == "FF" + FLAG_SHADES["low-confidence"].fill
    assert sheet["A4"].fill.fill_type == "gray0625"


def test_document_properties_come_from_the_document(document: Document) -> None:
    data = _xlsx([document])
    props = load_workbook(io.BytesIO(data)).properties
    assert props.title == "Statement on the water conference"
    assert props.creator == "aligner"
    assert props.created == props.modified == datetime(2026, 3, 10, 12, 0, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 3, 10, 12, 0, 0)}


def test_the_same_document_gives_the_same_bytes(document: Document) -> None:
    assert _xlsx([document]) == _xlsx([document])


def test_several_documents_share_one_sheet(document: Document) -> None:
    other = dataclasses.replace(document, id="doc-other")
    sheet = _sheet([document, other])
    assert sheet["A1"].value == "document"
    assert [sheet.cell(row=r, column=1).value for r in (2, 9)] == ["doc-test-water", "doc-other"]
    assert sheet.max_row == 15


def test_forbidden_characters_and_formulas_stay_plain_text(
    document: Document, with_text: Callable[[Document, str, str], Document]
) -> None:
    dirty = with_text(document, "de.p4", "=SUMME(A1)\x00\x0bweiter")
    sheet = _sheet([dirty])
    cell = sheet["G5"]
    assert cell.value == "=SUMME(A1)\nweiter"
    assert cell.data_type == "s"


def test_an_unknown_language_is_refused_by_name(document: Document) -> None:
    with pytest.raises(ExportError, match="language xx is not in the document"):
        _xlsx([document], ExportOptions(langs=("xx",)))


def test_it_prints_landscape_one_page_wide_with_the_header_on_every_page(
    document: Document,
) -> None:
    sheet = _sheet([document], ExportOptions(page_size="Letter"))
    setup = sheet.page_setup
    assert setup.orientation == "landscape"
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert int(setup.paperSize) == int(Worksheet.PAPERSIZE_LETTER)
    assert sheet.print_title_rows == "$1:$1"
    assert int(_sheet([document]).page_setup.paperSize) == int(Worksheet.PAPERSIZE_A4)
