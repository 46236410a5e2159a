"""Word documents: paragraphs in reading order, kinds from styles, metadata from the package."""

from __future__ import annotations

import datetime
import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from aligner import model
from aligner.align_config import AlignConfig
from aligner.api import InputFile, align_inputs, export
from aligner.errors import EmptyInputError, FormatError
from aligner.model import SourceText
from aligner.readers import read_bytes
from aligner.tei import read_tei, write_tei
from exports import ExportOptions


def saved(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read(document: Document, name: str = "statement.docx") -> SourceText:
    return read_bytes(saved(document), filename=name)


def pairs(text: SourceText) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in text.blocks]


def statement() -> Document:
    document = docx.Document()
    document.core_properties.title = "Statement on the coastal waters agreement"
    document.core_properties.created = datetime.datetime(2024, 3, 5, 9, 30)
    document.add_paragraph("Statement on the coastal waters agreement", style="Title")
    document.add_paragraph("The Ministry welcomes the agreement. It took two years.")
    document.add_heading("Answers to questions", level=2)
    document.add_paragraph("Question: When will it enter into force?")
    document.add_paragraph("cleaning the shoreline;", style="List Bullet")
    document.add_paragraph("protecting spawning grounds.", style="List Number")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"Cell {r}{c}."
    document.add_paragraph("Moscow, 5 March 2024")
    return document


def test_it_reads_paragraphs_headings_items_and_table_cells_in_order() -> None:
    assert pairs(read(statement())) == [
        ("head", "Statement on the coastal waters agreement"),
        ("p", "The Ministry welcomes the agreement. It took two years."),
        ("head", "Answers to questions"),
        ("p", "Question: When will it enter into force?"),
        ("item", "cleaning the shoreline;"),
        ("item", "protecting spawning grounds."),
        ("p", "Cell 00."),
        ("p", "Cell 01."),
        ("p", "Cell 10."),
        ("p", "Cell 11."),
    ]


def test_the_title_comes_from_the_core_properties_and_the_date_from_the_text() -> None:
    text = read(statement())
    assert (text.title, text.date) == ("Statement on the coastal waters agreement", "2024-03-05")
    assert text.source.media_type.endswith("wordprocessingml.document")
    assert text.source.filename == "statement.docx"


def test_without_a_core_title_the_title_style_paragraph_is_the_title() -> None:
    document = docx.Document()
    document.add_paragraph("Введение")
    document.add_paragraph("Заявление министерства", style="Title")
    assert read(document).title == "Заявление министерства"


def test_the_language_of_the_default_style_is_the_language() -> None:
    document = docx.Document()
    normal = document.styles["Normal"].element
    rpr = normal.get_or_add_rPr()
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="ru-RU"/>'))
    document.add_paragraph("Текст.")
    assert read(document).lang == "ru"


def test_the_language_most_runs_are_marked_with_wins_over_the_defaults() -> None:
    document = docx.Document()  # python-docx's template declares en-US in docDefaults
    for text, lang in [("Длинный русский абзац текста.", "ru-RU"), ("Short one.", None)]:
        run = document.add_paragraph().add_run(text)
        if lang:
            run._r.get_or_add_rPr().append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{lang}"/>'))
    assert read(document).lang == "ru"


def test_the_document_defaults_give_the_language_when_the_style_does_not() -> None:
    document = docx.Document()  # python-docx's template declares en-US in docDefaults
    document.add_paragraph("Text.")
    assert read(document).lang == "en"


def test_a_custom_style_based_on_a_heading_is_a_heading() -> None:
    document = docx.Document()
    style = document.styles.add_style("Ministry Heading", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Heading 2"]
    document.add_paragraph("Background", style="Ministry Heading")
    document.add_paragraph("Text.")
    assert pairs(read(document)) == [("head", "Background"), ("p", "Text.")]


def test_a_direct_outline_level_makes_a_heading() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Section two")
    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    assert pairs(read(document)) == [("head", "Section two")]


def test_a_short_all_bold_line_is_a_heading_but_a_bold_label_is_not() -> None:
    document = docx.Document()
    document.add_paragraph().add_run("Situation in the region").bold = True
    document.add_paragraph().add_run("Question:").bold = True
    paragraph = document.add_paragraph()
    paragraph.add_run("Partly").bold = True
    paragraph.add_run(" bold")
    assert [b.kind for b in read(document).blocks] == ["head", "p", "p"]


def test_line_breaks_split_only_after_a_sentence_end() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("First sentence.")
    paragraph.add_run().add_break()
    paragraph.add_run("Second part of")
    paragraph.add_run().add_break()
    paragraph.add_run("one sentence.\tWith a tab.")
    assert pairs(read(document)) == [
        ("p", "First sentence."),
        ("p", "Second part of one sentence. With a tab."),
    ]


def test_deleted_hidden_and_field_code_text_is_left_out() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Kept ")
    paragraph.add_run("hidden ").font.hidden = True
    paragraph._p.append(
        parse_xml(
            f"<w:del {nsdecls('w')} w:id='1' w:author='a'><w:r><w:delText>deleted </w:delText>"
            "</w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f"<w:ins {nsdecls('w')} w:id='2' w:author='a'><w:r><w:t xml:space='preserve'>"
            "inserted </w:t></w:r></w:ins>"
        )
    )
    paragraph._p.append(
        parse_xml(f"<w:r {nsdecls('w')}><w:instrText>PAGE \\* MERGEFORMAT</w:instrText></w:r>")
    )
    paragraph.add_run("text.")
    assert pairs(read(document)) == [("p", "Kept inserted text.")]


def test_empty_paragraphs_are_skipped() -> None:
    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("   ")
    document.add_paragraph("Only this.")
    assert pairs(read(document)) == [("p", "Only this.")]


def test_a_document_without_text_is_an_empty_input() -> None:
    document = docx.Document()
    document.add_paragraph("")
    with pytest.raises(EmptyInputError, match=r"^empty\.docx: no text in the document$"):
        read(document, "empty.docx")


def test_a_file_named_docx_that_is_not_a_zip_is_a_format_error() -> None:
    with pytest.raises(FormatError, match=r"^fake\.docx: not a readable DOCX file"):
        read_bytes(b"This is plain text, not a Word file.", filename="fake.docx")


def test_a_zip_without_a_word_document_is_a_format_error() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(FormatError, match=r"^other\.docx: not a readable DOCX file"):
        read_bytes(buffer.getvalue(), filename="other.docx")


def test_a_truncated_docx_is_a_format_error_in_one_line() -> None:
    data = saved(statement())
    with pytest.raises(FormatError) as caught:
        read_bytes(data[: len(data) // 2], filename="cut.docx")
    assert str(caught.value).startswith("cut.docx: not a readable DOCX file")
    assert "\n" not in str(caught.value)


def test_a_table_cell_merged_across_columns_is_read_once() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Merged cell."
    table.cell(0, 2).text = "Last cell."
    assert pairs(read(document)) == [("p", "Merged cell."), ("p", "Last cell.")]


def test_an_exported_side_by_side_table_is_refused_with_a_hint(document: model.Document) -> None:
    from exports import ExportOptions, render

    (exported,) = render([document], "docx", ExportOptions(langs=("en", "ru"))).outputs
    with pytest.raises(FormatError, match="side-by-side table exported by aligner.*import-review"):
        read_bytes(exported.data, filename="table.docx")


def from_old_template(lines: list[str]) -> bytes:
    """Return a DOCX whose core properties are those of a 2013 template."""
    document = docx.Document()
    document.core_properties.created = datetime.datetime(2013, 12, 23, 10, 0)
    document.core_properties.modified = datetime.datetime(2013, 12, 24, 8, 0)
    for line in lines:
        document.add_paragraph(line)
    return saved(document)


RU_LINES = [
    "Тарвель, 14 марта 2026 года",
    "Заявление о соглашении по прибрежным водам",
    "Министерство приветствует соглашение. Работа над ним заняла два года.",
    "Первые станции наблюдения будут установлены до конца года.",
]
EN_LINES = [
    "Tarvel, 14 March 2026",
    "Statement on the coastal waters agreement",
    "The Ministry welcomes the agreement. Work on it took two years.",
    "The first monitoring stations will be installed before the end of the year.",
]


def test_the_date_the_text_states_wins_over_a_templates_core_properties() -> None:
    text = read_bytes(from_old_template(RU_LINES), filename="ru.docx")
    assert (text.date, text.date_text) == ("2026-03-14", "14 марта 2026 года")
    assert text.source.metadata == (
        ("DOCX core properties: created", "2013-12-23"),
        ("DOCX core properties: modified", "2013-12-24"),
    )


def test_a_docx_that_states_no_date_has_none_whatever_its_core_properties_say() -> None:
    text = read_bytes(from_old_template(RU_LINES[1:]), filename="ru.docx")
    assert text.date is None
    assert text.source.metadata[0] == ("DOCX core properties: created", "2013-12-23")


def test_the_stated_date_is_stored_and_printed_and_the_template_date_kept_as_metadata(
    tmp_path: Path,
) -> None:
    inputs = [
        InputFile(data=from_old_template(RU_LINES), filename="ru.docx"),
        InputFile(data=from_old_template(EN_LINES), filename="en.docx"),
    ]
    doc = read_tei(write_tei(align_inputs(inputs, config=AlignConfig(encoder=None), original="ru")))
    ru = doc.version("ru")
    assert (ru.date, ru.date_text) == ("2026-03-14", "14 марта 2026 года")
    assert ru.source.metadata[0] == ("DOCX core properties: created", "2013-12-23")
    export([doc], "docx", tmp_path / "out.docx", options=ExportOptions(locale="ru"))
    header = docx.Document(str(tmp_path / "out.docx")).sections[0].header.paragraphs[0].text
    title, date = header.split("\t")
    assert (title, " ".join(date.split())) == (RU_LINES[1], "14 марта 2026 г.")
    assert "2013" not in header
    export([doc], "pdf", tmp_path / "out.pdf", options=ExportOptions(locale="ru"))
    shown = subprocess.run(
        ["pdftotext", "-l", "1", str(tmp_path / "out.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "14 марта 2026 г." in " ".join(shown.split())  # pdftotext gives a plain space
    assert "2013" not in shown


def test_a_heading_under_a_share_control_with_a_colon_stays_in_the_text() -> None:
    # a page pasted into Word keeps "Share this page:", which ends with a colon like a
    # label; it is page controls, and the article's heading under it is text, no field value
    document = docx.Document()
    document.add_paragraph("Statement on the coastal waters agreement", style="Title")
    document.add_paragraph("Share this page:")
    document.add_heading("Article 15", level=2)
    document.add_paragraph("Everyone has the right to a nationality of their own choosing.")
    document.add_paragraph("No one shall be arbitrarily deprived of their nationality.")
    text = read(document)
    assert ("head", "Article 15") in pairs(text)
    assert "Article 15" not in [item.text for item in text.front]
