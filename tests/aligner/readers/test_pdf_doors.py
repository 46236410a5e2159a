"""PDF through every door: the command line, the service's upload, the archive."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest
from lxml import etree
from starlette.exceptions import StarletteDeprecationWarning

from aligner import read_tei
from aligner.cli import main
from aligner.service import create_app
from aligner.tei import schema_problems, write_tei

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

TEI = "{http://www.tei-c.org/ns/1.0}"
XML = "http://www.w3.org/XML/1998/namespace"

# two pages per language, written for these tests: a heading, then a paragraph a page
_TEXTS = {
    "de": (
        "Bericht des Hafenamts",
        "Das Hafenamt hat im Frühjahr die östliche Fahrrinne vertieft und die Kaimauer am "
        "Fischmarkt ausgebessert.",
        "Im Herbst wurden zwölf neue Liegeplätze für Fischerboote eingerichtet und vermietet.",
    ),
    "en": (
        "Report of the harbour office",
        "In the spring the harbour office deepened the eastern channel and repaired the quay "
        "wall at the fish market.",
        "In the autumn twelve new berths for fishing boats were built and let.",
    ),
}


def harbour_pdf(lang: str, *, cover: bool = False) -> bytes:
    """Return a two-page PDF of one language: a running header and page numbers included;
    with ``cover``, an unnumbered cover page before them, so they print "1" and "2"."""
    from reportlab.pdfgen import canvas

    title, first, second = _TEXTS[lang]
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(595, 842))
    if cover:
        c.setFont("Helvetica-Bold", 24)
        c.drawString(60, 500, title)
        c.showPage()
    for page, paragraph in enumerate((first, second), 1):
        c.setFont("Helvetica", 8)
        c.drawString(60, 800, title)
        c.drawString(290, 40, str(page))
        if page == 1 and not cover:
            c.setFont("Helvetica-Bold", 16)
            c.drawString(60, 740, title)
        c.setFont("Helvetica", 10)
        c.drawString(60, 700, paragraph)
        c.showPage()
    c.save()
    return buffer.getvalue()


def _pages(data: bytes, lang: str) -> tuple[str | None, list[str | None]]:
    root = etree.fromstring(data)
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    measure = root.find(f".//{TEI}bibl[@{xml_id}='src-{lang}']/{TEI}extent/{TEI}measure")
    text = root.find(f".//{TEI}text[@{xml_id}='{lang}']")
    assert text is not None
    return (
        None if measure is None else measure.get("quantity"),
        [pb.get("n") for pb in text.iter(f"{TEI}pb")],
    )


def test_the_command_line_aligns_pdfs_and_records_their_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bericht.pdf").write_bytes(harbour_pdf("de"))
    (tmp_path / "en.pdf").write_bytes(harbour_pdf("en"))
    out = tmp_path / "harbour.tei.xml"
    argv = ["align", f"de={tmp_path / 'bericht.pdf'}", str(tmp_path / "en.pdf"), "-o", str(out)]
    assert main([*argv, "--no-embeddings"]) == 0
    data = out.read_bytes()
    assert schema_problems(data) == []
    assert _pages(data, "de") == ("2", ["1", "2"])
    doc = read_tei(data)
    german = doc.version("de")
    assert [b.text for b in german.blocks] == list(_TEXTS["de"])
    assert [b.page for b in german.blocks] == [1, 1, 2]
    assert german.source.media_type == "application/pdf"
    assert german.dropped == ("Bericht des Hafenamts", "1")


def test_the_service_takes_pdf_uploads(tmp_path: Path) -> None:
    app = create_app(tmp_path / "store", max_upload_bytes=256 * 1024, max_files=6)
    files = [
        ("files", (f"harbour.{lang}.pdf", harbour_pdf(lang), "application/pdf"))
        for lang in ("de", "en")
    ]
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        response = client.post("/documents", files=files)
        assert response.status_code == 201, response.text
        tei = client.get(f"{response.headers['Location']}/export?to=tei")
    assert tei.status_code == 200
    assert _pages(tei.content, "en") == ("2", ["1", "2"])


def test_archive_add_takes_a_folder_of_pdfs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "corpus" / "harbour"
    folder.mkdir(parents=True)
    for lang in ("de", "en"):
        (folder / f"{lang}.pdf").write_bytes(harbour_pdf(lang))
    where = tmp_path / "archive"
    argv = ["archive", "add", str(tmp_path / "corpus"), "--archive", str(where)]
    assert main([*argv, "--executor", "serial", "--no-embeddings"]) == 0
    assert "added 1" in capsys.readouterr().out
    assert main(["archive", "search", "Fahrrinne", "--archive", str(where)]) == 0
    assert "eastern channel" in capsys.readouterr().out


def test_a_pb_gives_the_printed_page_number_and_its_place_in_the_file(tmp_path: Path) -> None:
    (tmp_path / "de.pdf").write_bytes(harbour_pdf("de", cover=True))
    (tmp_path / "en.pdf").write_bytes(harbour_pdf("en", cover=True))
    out = tmp_path / "harbour.tei.xml"
    argv = ["align", str(tmp_path / "de.pdf"), str(tmp_path / "en.pdf"), "-o", str(out)]
    assert main([*argv, "--no-embeddings"]) == 0
    data = out.read_bytes()
    assert schema_problems(data) == []
    text = etree.fromstring(data).find(f".//{TEI}text[@{{{XML}}}id='de']")
    assert text is not None
    # the cover is unnumbered: the pages after it print 1 and 2
    assert [(pb.get("n"), pb.get("facs")) for pb in text.iter(f"{TEI}pb")] == [
        ("1", None),
        ("1", "page-2"),
        ("2", "page-3"),
    ]
    german = read_tei(data).version("de")
    assert [(b.page, b.page_label) for b in german.blocks] == [(1, None), (2, "1"), (3, "2")]
    assert write_tei(read_tei(data)) == data
