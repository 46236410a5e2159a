"""The review round trip for every table: CSV and XLSX, paragraph and sentence level, and
rows that keep pointing at their text after the document renumbered its beads (issue 22)."""

from __future__ import annotations

import csv
import io
import re

import docx
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from aligner import edit
from aligner.errors import FormatError
from aligner.model import Document
from aligner.review import ReviewError, import_review
from aligner.tei import read_tei, schema_problems, tei_problems, write_tei
from exports import ExportOptions, render

EDITOR = edit.editor("Rita Reviewer")


def _export(document: Document, fmt: str, **options: object) -> bytes:
    (output,) = render([document], fmt, ExportOptions(**options)).outputs  # type: ignore[arg-type]
    return output.data


def _beads(document: Document) -> list[tuple[object, ...]]:
    return [
        (b.id, tuple(sorted(b.members.items())), b.cert, b.status, b.resp)
        for b in (*document.paragraphs.beads, *document.sentences.beads)
    ]


def _grid(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _csv_bytes(grid: list[list[str]], *, delimiter: str = ",", bom: bool = True) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(grid)
    return out.getvalue().encode("utf-8-sig" if bom else "utf-8")


def _where(grid: list[list[str]], bead: str) -> int:
    return next(i for i, row in enumerate(grid) if row[0] == bead)


def _move_up(grid: list[list[str]], bead: str, column: int) -> None:
    """Move a row's whole cell in one language column to the end of the row above."""
    k = _where(grid, bead)
    grid[k - 1][column] = f"{grid[k - 1][column]}\n\n{grid[k][column]}"
    grid[k][column] = ""


def _join_down(grid: list[list[str]], bead: str, first_text: int) -> None:
    """Join the row after ``bead`` into it cell by cell (the ref cell too), then drop it."""
    k = _where(grid, bead)
    for column in range(first_text, len(grid[0])):
        grid[k][column] = "\n\n".join(v for v in (grid[k][column], grid[k + 1][column]) if v)
    del grid[k + 1]


def _valid(document: Document) -> None:
    data = write_tei(document)
    assert tei_problems(data) == []
    assert schema_problems(data) == []


def test_a_reviewed_csv_comes_back_as_the_api_edits(document: Document) -> None:
    grid = _grid(_export(document, "csv"))
    header = grid[0]
    en, status = header.index("en (English)"), header.index("status")
    grid[_where(grid, "al.p2")][status] = "ok"
    _move_up(grid, "al.p7", en)
    expected = edit.confirm(
        edit.move(document, "al.p7", "en", "prev", editor=EDITOR), "al.p2", editor=EDITOR
    )
    for data in (_csv_bytes(grid), _csv_bytes(grid, delimiter=";", bom=False)):
        imported, done = import_review(document, data, path="reviewed.csv", editor=EDITOR)
        assert _beads(imported) == _beads(expected)
        assert done == (
            "row 3 (al.p2): confirmed",
            "rows 7–8 (al.p6, al.p7): moved 1 en paragraph into row 7",
        )
    _valid(imported)


def test_a_csv_that_is_not_a_review_table_is_named_as_such(document: Document) -> None:
    with pytest.raises(FormatError, match=r"^notes\.csv: not a review table"):
        import_review(document, b"a,b\r\n1,2\r\n", path="notes.csv", editor=EDITOR)
    latin = _export(document, "csv").decode("utf-8-sig").encode("cp1252", "replace")
    with pytest.raises(FormatError, match=r"^old\.csv: the CSV is not UTF-8 text"):
        import_review(document, latin, path="old.csv", editor=EDITOR)


def test_a_sentence_level_xlsx_joins_moves_and_confirms_sentence_beads(
    document: Document,
) -> None:
    book = load_workbook(io.BytesIO(_export(document, "xlsx", level="sentence")))
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    grid = [[("" if c.value is None else str(c.value)) for c in row] for row in sheet.iter_rows()]
    header = grid[0]
    status, en = header.index("status"), header.index("en (English)")
    grid[_where(grid, "al.p1")][status] = "confirmed"  # the heading row
    grid[_where(grid, "al.s6")][status] = "confirmed"
    _move_up(grid, "al.s4", en)  # the city's halls go with the budget in English
    _join_down(grid, "al.s1", header.index("de (Deutsch)"))  # two sentences, one bead
    sheet.delete_rows(1, sheet.max_row)
    for row in grid:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)

    imported, done = import_review(document, out.getvalue(), path="s.xlsx", editor=EDITOR)
    expected = edit.confirm(document, "al.s6", editor=EDITOR, level="sentence")
    expected = edit.move(expected, "al.s4", "en", "prev", editor=EDITOR, level="sentence")
    expected = edit.merge(expected, "al.s1", editor=EDITOR, level="sentence")
    expected = edit.confirm(expected, "al.p1", editor=EDITOR)
    assert _beads(imported) == _beads(expected)
    # the change log names the rows and the bead ids the file shows, and the ids now
    assert done == (
        "row 2 (al.p1): confirmed",
        "row 3 (al.s1): joined al.s1 and al.s2",
        "rows 4–5 (al.s3, al.s4): moved 1 en sentence into row 4; now al.s2, al.s3",
        "row 7 (al.s6): confirmed; now al.s5",
    )
    texts = [c.text for c in imported.changes[len(document.changes) :]]
    assert texts[1] == "Review table s.xlsx, row 3 (al.s1): joined al.s1 and al.s2."
    assert {c.who for c in imported.changes[len(document.changes) :]} == {EDITOR.id}
    # and the words stay what the sources said
    assert [v.blocks for v in imported.versions] == [v.blocks for v in document.versions]
    _valid(read_tei(write_tei(imported)))


def test_a_sentence_level_docx_confirms_the_sentence_bead_of_its_number(
    document: Document,
) -> None:
    word = docx.Document(io.BytesIO(_export(document, "docx", level="sentence")))
    (table,) = [t for t in word.tables if t.rows[0].cells[0].text == "#"]
    rows = {re.match(r"\d*", row.cells[0].text.strip())[0]: row for row in table.rows}
    rows["3"].cells[0].paragraphs[0].add_run(" ✓")  # the heading is 1, al.s1 is 2
    out = io.BytesIO()
    word.save(out)
    imported, done = import_review(document, out.getvalue(), path="s.docx", editor=EDITOR)
    assert done == ("row 4 (al.s2): confirmed",)
    assert _beads(imported) == _beads(
        edit.confirm(document, "al.s2", editor=EDITOR, level="sentence")
    )
    # once the document changed, the numbers of that DOCX name other rows: refused
    with pytest.raises(FormatError, match=r"the document changed since this DOCX was exported"):
        import_review(imported, out.getvalue(), path="s.docx", editor=EDITOR)


def test_rows_find_their_beads_after_the_document_renumbered_them(document: Document) -> None:
    grid = _grid(_export(document, "csv"))
    header = grid[0]
    status = header.index("status")
    # while the table was out for review, someone merged beads 5 and 6 on the page
    page = edit.merge(document, "al.p5", editor=edit.editor("Paul Page"))
    assert page.paragraphs.beads[5].id == "al.p6"  # what the file calls al.p7
    grid[_where(grid, "al.p7")][status] = "confirmed"
    _join_down(grid, "al.p1", header.index("de (Deutsch)"))
    imported, done = import_review(page, _csv_bytes(grid), path="r.csv", editor=EDITOR)
    # the page's merge stays, the confirmed row is the bead that holds its text now
    expected = edit.merge(edit.confirm(page, "al.p6", editor=EDITOR), "al.p1", editor=EDITOR)
    assert _beads(imported) == _beads(expected)
    assert done == (
        "row 2 (al.p1): joined al.p1 and al.p2",
        "row 7 (al.p7): confirmed; now al.p5",
    )


def test_a_row_changed_where_the_document_changed_too_is_a_conflict(document: Document) -> None:
    grid = _grid(_export(document, "csv"))
    en = grid[0].index("en (English)")
    page = edit.merge(document, "al.p5", editor=edit.editor("Paul Page"))
    _move_up(grid, "al.p6", en)  # the reviewer moves text between the beads the page merged
    with pytest.raises(ReviewError) as info:
        import_review(page, _csv_bytes(grid), path="r.csv", editor=EDITOR)
    assert str(info.value) == (
        "r.csv: row 6: the document changed here since the table was exported "
        "(its text is now in al.p5); export the table again and redo this row"
    )


def test_a_ref_cell_that_was_rewritten_is_refused(document: Document) -> None:
    grid = _grid(_export(document, "csv"))
    grid[2][-1] = "see above"
    with pytest.raises(FormatError, match=r"row 3, column ref: 'see' is not what the export"):
        import_review(document, _csv_bytes(grid), path="r.csv", editor=EDITOR)
