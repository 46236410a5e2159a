"""Notes a text calls (footnotes of a PDF) in every export: beside the text, never in it."""

from __future__ import annotations

import dataclasses
import io
import subprocess

import docx
import pytest
from lxml import etree

from aligner.model import Document, Note, solid
from exports import ExportOptions, render
from exports import docx as docx_export
from exports.schemas import tmx_problems, xliff_problems

NOTE = "Siehe den Bericht der Kommission."


def _noted(document: Document) -> tuple[Document, str]:
    """Return ``document`` with a note called after the first sentence of a German paragraph
    of two or more sentences, and that paragraph's id."""
    german = document.version("de")
    block = next(b for b in german.blocks if len(b.sentences) > 1)
    noted = dataclasses.replace(block, notes=(Note("3", NOTE, solid(block.sentences[0].text)),))
    blocks = tuple(noted if b.id == block.id else b for b in german.blocks)
    versions = tuple(
        dataclasses.replace(v, blocks=blocks) if v.lang == "de" else v for v in document.versions
    )
    return dataclasses.replace(document, versions=versions), block.id


@pytest.mark.parametrize("level", ["paragraph", "sentence"])
def test_a_tmx_holds_a_note_beside_its_segment(document: Document, level: str) -> None:
    noted, _ = _noted(document)
    data = render([noted], "tmx", ExportOptions(level=level)).outputs[0].data  # type: ignore[arg-type]
    assert tmx_problems(data) == ()
    root = etree.fromstring(data)
    notes = root.findall(".//tuv/note")
    assert [n.text for n in notes] == [f"[3] {NOTE}"]
    tuv = notes[0].getparent()
    assert tuv is not None
    assert NOTE not in "".join(tuv.findtext("seg") or "")
    assert all(NOTE not in (seg.text or "") for seg in root.iter("seg"))


def test_an_xliff_holds_a_note_that_annotates_its_side(document: Document) -> None:
    noted, _ = _noted(document)
    outputs = render([noted], "xliff", ExportOptions(source="de")).outputs
    for output in outputs:
        assert xliff_problems(output.data) == ()
        root = etree.fromstring(output.data)
        ns = {"x": root.nsmap[None]}
        found = root.xpath("//x:note[@from='text']", namespaces=ns)
        assert [(n.get("annotates"), n.text) for n in found] == [("source", f"[3] {NOTE}")]
        assert all(NOTE not in (s.text or "") for s in root.xpath("//x:source", namespaces=ns))


def test_a_docx_shows_the_note_after_the_text_and_a_review_reads_the_text_alone(
    document: Document,
) -> None:
    noted, block_id = _noted(document)
    data = render([noted], "docx", ExportOptions(level="paragraph")).outputs[0].data
    word = docx.Document(io.BytesIO(data))
    shown = [p for p in word.tables[0]._cells for p in p.paragraphs if NOTE in p.text]
    assert len(shown) == 1
    assert shown[0].style.name == docx_export.NOTE_STYLE
    assert shown[0].runs[0].font.superscript
    reviewed = docx_export.read(data, noted, path="review.docx")
    texts = [" ".join(row.texts.get("de", "").split()) for row in reviewed.rows]
    assert noted.version("de").block(block_id).text in texts  # as exported, space bound
    assert all(NOTE not in text for text in texts)


def test_a_pdf_prints_the_note_after_the_text(document: Document, tmp_path: object) -> None:
    noted, _ = _noted(document)
    data = render([noted], "pdf", ExportOptions(level="paragraph")).outputs[0].data
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert " ".join(NOTE.split()[:3]) in " ".join(text.split())
