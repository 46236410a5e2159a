"""import-review: a reviewer's work in an exported XLSX or DOCX comes back as API edits."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from aligner import edit
from aligner.cli import main
from aligner.model import Document
from aligner.review import ReviewError, import_review, reviewer
from aligner.tei import read_tei, write_tei
from exports import ExportOptions, render

EDITOR = edit.editor("Rita Reviewer")


def _export(document: Document, fmt: str, **options: object) -> bytes:
    (output,) = render([document], fmt, ExportOptions(**options)).outputs  # type: ignore[arg-type]
    return output.data


def _sheet(data: bytes) -> tuple[object, Worksheet]:
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    return book, sheet


def _save(book: object) -> bytes:
    out = io.BytesIO()
    book.save(out)  # type: ignore[attr-defined]
    return out.getvalue()


def _row(sheet: Worksheet, bead: str) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == bead)


def _column(sheet: Worksheet, lang: str) -> int:
    return next(
        c
        for c in range(1, sheet.max_column + 1)
        if str(sheet.cell(1, c).value).startswith(f"{lang} (")
    )


def _beads(document: Document) -> list[tuple[object, ...]]:
    return [
        (b.id, tuple(sorted(b.members.items())), b.cert, b.status, b.resp)
        for b in (*document.paragraphs.beads, *document.sentences.beads)
    ]


def _reviewed_xlsx(document: Document) -> bytes:
    """Do in the spreadsheet what a reviewer does: confirm, split, join and move."""
    book, sheet = _sheet(_export(document, "xlsx"))
    de, en = _column(sheet, "de"), _column(sheet, "en")
    status = 4
    # confirm bead 1
    sheet.cell(_row(sheet, "al.p1"), status).value = "confirmed"
    # move the English paragraph of bead 7 up into bead 6
    six, seven = _row(sheet, "al.p6"), _row(sheet, "al.p7")
    sheet.cell(six, en).value = f"{sheet.cell(six, en).value}\n\n{sheet.cell(seven, en).value}"
    sheet.cell(seven, en).value = None
    # join beads 4 and 5: everything of row 5 goes into row 4, row 5 is deleted
    four, five = _row(sheet, "al.p4"), _row(sheet, "al.p5")
    for column in range(_column(sheet, "de"), sheet.max_column + 1):
        joined = [v for v in (sheet.cell(four, column).value, sheet.cell(five, column).value) if v]
        sheet.cell(four, column).value = "\n\n".join(joined)
    sheet.delete_rows(five)
    # split bead 3 at the blank line in its German cell: a new row below takes the rest
    three = _row(sheet, "al.p3")
    first, rest = str(sheet.cell(three, de).value).split("\n\n", 1)
    sheet.insert_rows(three + 1)
    sheet.cell(three, de).value = first
    sheet.cell(three + 1, de).value = rest
    return _save(book)


def _through_the_api(document: Document) -> Document:
    """Make the same corrections with the edit operations the HTTP API calls."""
    doc = edit.move(document, "al.p7", "en", "prev", editor=EDITOR)
    doc = edit.merge(doc, "al.p4", editor=EDITOR)
    doc = edit.split(doc, "al.p3", {"de": "de.p3"}, editor=EDITOR)
    return edit.confirm(doc, "al.p1", editor=EDITOR)


def test_an_xlsx_review_comes_back_as_the_same_edits_the_api_makes(document: Document) -> None:
    reviewed = _reviewed_xlsx(document)
    imported, done = import_review(document, reviewed, path="reviewed.xlsx", editor=EDITOR)
    assert len(done) == 4
    expected = _through_the_api(document)
    assert _beads(imported) == _beads(expected)
    assert len(imported.changes) == len(document.changes) + 4
    assert {c.who for c in imported.changes[-4:]} == {EDITOR.id}
    assert EDITOR in imported.editors
    # and it is stored as TEI like any correction
    again = read_tei(write_tei(imported))
    assert _beads(again) == _beads(expected)


def test_a_docx_review_comes_back_too(document: Document) -> None:
    word = docx.Document(io.BytesIO(_export(document, "docx")))
    (table,) = [t for t in word.tables if t.rows[0].cells[0].text == "#"]
    rows = {row.cells[0].text: row for row in table.rows}  # by the "#" column
    # confirm bead 2 with a tick after its number; move bead 7's English up into bead 6
    rows["2"].cells[0].paragraphs[0].add_run(" ✓")
    en = 2  # columns: #, de, en, ...
    six, seven = rows["6"].cells[en], rows["7"].cells[en]
    moved = seven.paragraphs[0].text
    six.add_paragraph(moved)
    for paragraph in seven.paragraphs:
        paragraph._p.getparent().remove(paragraph._p)
    seven.add_paragraph("")
    out = io.BytesIO()
    word.save(out)
    imported, done = import_review(document, out.getvalue(), path="r.docx", editor=EDITOR)
    expected = edit.confirm(
        edit.move(document, "al.p7", "en", "prev", editor=EDITOR), "al.p2", editor=EDITOR
    )
    assert _beads(imported) == _beads(expected)
    assert len(done) == 2


def test_changed_text_is_refused_by_row_and_column_and_nothing_applied(document: Document) -> None:
    book, sheet = _sheet(_export(document, "xlsx"))
    sheet.cell(_row(sheet, "al.p1"), 4).value = "confirmed"
    sheet.cell(_row(sheet, "al.p2"), _column(sheet, "fr")).value = "Un texte tout autre."
    sheet.cell(_row(sheet, "al.p3"), 4).value = "maybe"
    with pytest.raises(ReviewError) as info:
        import_review(document, _save(book), path="r.xlsx", editor=EDITOR)
    message = str(info.value)
    assert message.startswith("r.xlsx: ")
    assert "row 3, column K: 'Un texte tout autre.' is not the stored fr text" in message
    assert "row 4, column status: 'maybe' is not a status" in message


def test_a_column_in_another_language_is_refused(document: Document) -> None:
    book, sheet = _sheet(_export(document, "xlsx", langs=("en", "ru")))
    en, ru = _column(sheet, "en"), _column(sheet, "ru")
    sheet.cell(1, en).value, sheet.cell(1, ru).value = "ru (Русский)", "en (English)"
    with pytest.raises(
        ReviewError, match=r"column [A-Z]: text declared as Russian \(ru\) reads as English"
    ):
        import_review(document, _save(book), path="r.xlsx", editor=EDITOR)


def test_the_cli_writes_a_new_revision_or_nothing(
    document: Document, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tei = tmp_path / "doc.tei.xml"
    tei.write_bytes(write_tei(document))
    reviewed = tmp_path / "reviewed.xlsx"
    reviewed.write_bytes(_reviewed_xlsx(document))
    assert main(["import-review", str(tei), str(reviewed), "--editor", "Rita Reviewer"]) == 0
    out = capsys.readouterr().out
    assert "applied 4 corrections" in out
    stored = read_tei(tei.read_bytes())
    assert _beads(stored) == _beads(_through_the_api(document))
    # the same table again changes nothing: every row already holds what it shows
    before = tei.read_bytes()
    assert main(["import-review", str(tei), str(reviewed), "--editor", "Rita Reviewer"]) == 0
    assert "nothing to apply" in capsys.readouterr().out
    # a table whose text was rewritten is refused in one line, and the file is untouched
    book, sheet = _sheet(reviewed.read_bytes())
    sheet.cell(_row(sheet, "al.p2"), _column(sheet, "de")).value = "Ganz anderer Text."
    reviewed.write_bytes(_save(book))
    assert main(["import-review", str(tei), str(reviewed), "--editor", "Rita Reviewer"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"aligner: {reviewed}: row 3, column G:")
    assert tei.read_bytes() == before


def test_the_reviewer_is_who_last_saved_the_file(document: Document) -> None:
    book, _ = _sheet(_export(document, "xlsx"))
    assert reviewer(_export(document, "xlsx")) is None  # we made it
    book.properties.lastModifiedBy = "Rita Reviewer"  # type: ignore[attr-defined]
    assert reviewer(_save(book)) == "Rita Reviewer"


def test_a_column_for_a_language_the_document_lacks_is_refused(document: Document) -> None:
    book, sheet = _sheet(_export(document, "xlsx", langs=("en", "ru")))
    sheet.cell(1, _column(sheet, "ru")).value = "it (Italiano)"
    with pytest.raises(ReviewError, match=r"column [A-Z]: the document has no it version"):
        import_review(document, _save(book), path="r.xlsx", editor=EDITOR)
