"""Choosing the reader: by extension, checked against content; errors name file and problem."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import docx
import pytest

from aligner.errors import DecodeError, EmptyInputError, FormatError, InputError
from aligner.readers import lang_from_filename, read_bytes, read_path

DATA = Path(__file__).parents[2] / "data" / "readers"


def word_file(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("en.txt", "en"),
        ("press.ru.html", "ru"),
        ("ru-RU.docx", "ru"),
        ("de_DE.txt", "de"),
        ("statement-fr.html", "fr"),
        ("statement_ES.docx", "es"),
        ("statement-ru-RU.html", "ru"),
        ("/some/dir/pt-BR.txt", "pt"),
        ("it.txt", "it"),
        ("no.txt", "no"),
        ("x.fil.txt", "fil"),
        ("index.html", None),
        ("notes.txt", None),
        ("how-to.txt", None),
        ("statement-is.txt", None),
        ("report-final.docx", None),
        ("eng.txt", None),
        ("xx.txt", None),
        ("statement.txt", None),
    ],
)
def test_lang_from_filename_takes_only_codes_in_clear_positions(
    name: str, lang: str | None
) -> None:
    assert lang_from_filename(name) == lang


def test_a_missing_file_is_reported_by_its_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    with pytest.raises(EmptyInputError) as caught:
        read_path(missing)
    assert str(caught.value) == f"{missing}: file not found"
    assert caught.value.path == str(missing)


def test_a_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(EmptyInputError, match="is a directory"):
        read_path(tmp_path)


@pytest.mark.parametrize("data", [b"", b"  \n\r\n\t "])
def test_an_empty_file_is_an_empty_input(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "en.txt"
    path.write_bytes(data)
    with pytest.raises(EmptyInputError, match=r"en\.txt: empty file$"):
        read_path(path)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "an old .doc"),
    ],
)
def test_a_binary_file_renamed_txt_has_no_text(data: bytes, what: str) -> None:
    with pytest.raises(EmptyInputError, match=rf"^en\.txt: no text: this is {what}"):
        read_bytes(data, filename="en.txt")


def test_a_pdf_under_another_name_is_read_as_a_pdf() -> None:
    with pytest.raises(FormatError, match=r"^en\.txt: truncated PDF"):
        read_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", filename="en.txt")


def test_a_file_named_pdf_that_is_not_one_is_refused() -> None:
    with pytest.raises(FormatError, match=r"^de\.pdf: not a PDF file"):
        read_bytes(b"Just text.", filename="de.pdf")


def test_a_docx_renamed_txt_is_refused_with_a_hint() -> None:
    with pytest.raises(EmptyInputError, match=r"ZIP archive; if it is a Word document, name it"):
        read_bytes(word_file("Text."), filename="en.txt")


def test_a_plain_zip_renamed_txt_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.csv", "1,2")
    with pytest.raises(EmptyInputError, match=r"no text: this is a ZIP archive$"):
        read_bytes(buffer.getvalue(), filename="en.txt")


def test_binary_data_without_a_known_signature_does_not_decode() -> None:
    with pytest.raises(DecodeError, match="binary data"):
        read_bytes(b"\x01\x02\x00\x00\x05garbage\x00\xff", filename="en.txt")


def test_an_html_page_saved_as_txt_is_read_as_html() -> None:
    data = (DATA / "ministry.en.html").read_bytes()
    text = read_bytes(data, filename="en.txt")
    assert text.source.media_type == "text/html"
    assert text.blocks[0].text == "Statement on the coastal waters agreement"
    assert all("Skip to" not in b.text for b in text.blocks)


def test_a_file_without_extension_is_read_by_its_content() -> None:
    html = read_bytes(b"<!doctype html><html><body><p>Hi.</p></body></html>", filename="page")
    plain = read_bytes(b"Just text.\n", filename="README")
    assert (html.source.media_type, plain.source.media_type) == ("text/html", "text/plain")
    assert read_bytes(word_file("In Word."), filename="upload").blocks[0].text == "In Word."


@pytest.mark.parametrize("name", ["tei.xml", "old.rtf", "table.xlsx"])
def test_other_extensions_are_unsupported(name: str) -> None:
    with pytest.raises(FormatError, match=r"unsupported file type"):
        read_bytes(b"<TEI>text</TEI>", filename=name)


def test_source_records_hash_base_name_url_and_media_type(tmp_path: Path) -> None:
    data = "Статья 1\n\nВсе люди рождаются свободными.\n".encode("cp1251")
    path = tmp_path / "ru.txt"
    path.write_bytes(data)
    text = read_path(path, url="https://example.org/ru.txt")
    assert text.source.sha256 == hashlib.sha256(data).hexdigest()
    assert text.source.filename == "ru.txt"
    assert text.source.url == "https://example.org/ru.txt"
    assert (text.source.media_type, text.source.retrieved) == ("text/plain", None)
    assert [b.text for b in text.blocks] == ["Статья 1", "Все люди рождаются свободными."]


def test_read_bytes_keeps_only_the_base_name_but_reports_the_full_name() -> None:
    text = read_bytes(b"Text.", filename="uploads/2024/en.txt")
    assert text.source.filename == "en.txt"
    with pytest.raises(EmptyInputError, match=r"^uploads/2024/en\.txt: empty file$"):
        read_bytes(b"", filename="uploads/2024/en.txt")


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"", "a.txt"),
        (b"\x89PNG\r\n\x1a\nxxxx", "a.txt"),
        (b"plain", "a.html"),
        (b"PK\x03\x04broken", "a.docx"),
        (b"\x98\x81", "a.txt"),
    ],
)
def test_every_reader_error_is_an_input_error_with_one_line(data: bytes, name: str) -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(data, filename=name)
    assert caught.value.path == name
    assert "\n" not in str(caught.value)
    assert "Traceback" not in str(caught.value)
