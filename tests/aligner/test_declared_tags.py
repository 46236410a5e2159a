"""The language tag a source declares (``en-GB``): read, kept in the TEI, used by the exports.

A version's own language stays the bare code (ids, ``xml:lang``, ``--langs``); the tag the
file declares with its region or script is :attr:`aligner.model.Source.tag`, written as the
``textLang/@mainLang`` of the source's ``bibl``, and the exports tag that language with it.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from aligner.model import Document, Source, SourceText
from aligner.readers import read_bytes
from aligner.segment import segment
from aligner.tei import read_tei, schema_problems, tei_problems, write_tei
from exports import ExportOptions, render

TEI = "{http://www.tei-c.org/ns/1.0}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

PAGE = """<!doctype html><html lang="{lang}"><head><title>Water talks</title></head>
<body><main><h1>Water talks open in Tarvel</h1>
<p>The talks open on Monday with delegations from fourteen countries.</p>
<p>The programme will be published on the ministry's website.</p></main></body></html>"""


def _page(lang: str) -> SourceText:
    return read_bytes(PAGE.format(lang=lang).encode(), filename="press.html")


@pytest.mark.parametrize(
    ("declared", "tag", "lang"),
    [
        ("en-GB", "en-GB", "en"),
        ("EN-gb", "en-GB", "en"),
        ("en", None, "en"),
        ("en_US", "en-US", "en"),
    ],
)
def test_the_html_reader_keeps_the_tag_the_page_declares(
    declared: str, tag: str | None, lang: str
) -> None:
    text = _page(declared)
    assert text.lang == lang
    assert text.source.tag == tag


def _word(runs: list[tuple[str, str | None]]) -> bytes:
    document = docx.Document()  # python-docx's template declares en-US in docDefaults
    for text, lang in runs:
        run = document.add_paragraph().add_run(text)
        if lang:
            run._r.get_or_add_rPr().append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{lang}"/>'))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_docx_reader_keeps_the_tag_most_of_its_text_is_marked_with() -> None:
    british = _word([("A long paragraph of British English text.", "en-GB"), ("Short.", None)])
    assert read_bytes(british, filename="a.docx").source.tag == "en-GB"
    # no run marked: the defaults speak (python-docx's en-US)
    plain = _word([("Text.", None)])
    assert read_bytes(plain, filename="a.docx").source.tag == "en-US"
    # a Russian text under English defaults: the defaults' tag names another language
    russian = _word([("Длинный русский абзац текста.", "ru"), ("Ещё.", None)])
    found = read_bytes(russian, filename="a.docx")
    assert (found.lang, found.source.tag) == ("ru", None)


def test_a_version_keeps_a_declared_tag_only_for_its_own_language() -> None:
    text = _page("en-GB")
    assert segment(text, "en").source.tag == "en-GB"
    assert segment(text, "de").source.tag is None  # the person said German: en-GB is wrong


def _british(document: Document) -> Document:
    english = document.version("en")
    changed = dataclasses.replace(english, source=dataclasses.replace(english.source, tag="en-GB"))
    versions = tuple(changed if v.lang == "en" else v for v in document.versions)
    return dataclasses.replace(document, versions=versions)


def test_the_tei_keeps_the_tag_in_the_source_description(document: Document) -> None:
    british = _british(document)
    data = write_tei(british)
    root = etree.fromstring(data)
    (bibl,) = [b for b in root.iter(f"{TEI}bibl") if b.get(XML_ID) == "src-en"]
    assert [t.get("mainLang") for t in bibl.iter(f"{TEI}textLang")] == ["en-GB"]
    # the version's language stays the bare code everywhere else
    texts = {t.get(XML_LANG) for t in root.iter(f"{TEI}text") if t.get(XML_LANG)}
    assert texts == set(document.langs)
    assert len(list(root.iter(f"{TEI}textLang"))) == 1
    assert read_tei(data) == british
    assert write_tei(read_tei(data)) == data
    assert schema_problems(data) == []
    assert tei_problems(data) == []


def test_the_exports_tag_the_language_with_the_declared_region(document: Document) -> None:
    british = _british(document)
    options = ExportOptions(langs=("de", "en"))
    tmx = etree.fromstring(render([british], "tmx", options).outputs[0].data)
    assert {t.get(XML_LANG) for t in tmx.iter("tuv")} == {"de-DE", "en-GB"}
    xliff = render([british], "xliff", dataclasses.replace(options, source="de"))
    root = etree.fromstring(xliff.outputs[0].data)
    files = list(root.iter("{urn:oasis:names:tc:xliff:document:1.2}file"))
    assert [f.get("target-language") for f in files] == ["en-GB"]
    data = render([british], "docx", options).outputs[0].data
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    english = {
        lang.get(f"{W}val")
        for run in body.iter(f"{W}r")
        if "conference" in "".join(t.text or "" for t in run.iter(f"{W}t"))
        for lang in run.iter(f"{W}lang")
    }
    assert english == {"en-GB"}


def test_a_source_without_a_declared_tag_reads_back_without_one(document: Document) -> None:
    data = write_tei(document)
    assert b"textLang" not in data
    assert all(v.source.tag is None for v in read_tei(data).versions)
    assert Source(sha256="0").tag is None
