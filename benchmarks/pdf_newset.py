"""A second unseen set of PDFs: texts of our own in layouts the dev set does not have.

The texts (``data/pdf_unseen_new.json``, English, French and German, paragraph for
paragraph) were written after the PDF reader's rules were set, in the shapes of documents
offices publish, each printed in a layout of its own:

- ``un-resolution`` (reportlab, Times): a masthead (organ, symbol, distribution, date), a
  job number on the first page, the symbol as running header and "N/M" as page number,
  both on alternating sides; preambular paragraphs with a first-line indent and their
  opening words in italics, numbered operative paragraphs, justified, no hyphenation;
- ``ministry-notes`` (LibreOffice, DejaVu Sans): ragged right, no hyphenation, the
  ministry's name as running header, "Page N of M" in the language of the text as footer,
  a dateline set right, footnotes;
- ``two-column-report`` (reportlab, Helvetica, A5): a title across the first page, then two
  ragged-right columns with numbered section headings, the report's name as running
  header and the page number at the right of the footer.

The gold has one atom per paragraph, the same in every language; footnotes are notes, not
paragraphs (:func:`notes` gives them per language, in the order they are called).
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pdf_devset
from devsets import Doc, Para

DATA = Path(__file__).resolve().parent / "data" / "pdf_unseen_new.json"
LAYOUTS = ("un-resolution", "ministry-notes", "two-column-report")
_CALL = re.compile(r"\[\^(\d+)\]")

#: the masthead of a resolution, per language: organ, distribution, date of issue
MASTHEAD = {
    "en": ("United Nations", "General Assembly", "Distr.: General", "6 January 2027"),
    "fr": ("Nations Unies", "Assemblée générale", "Distr. générale", "6 janvier 2027"),
    "de": ("Vereinte Nationen", "Generalversammlung", "Verteilung: Allgemein", "6. Januar 2027"),
}
PAGE_OF = {"en": "Page {page} of {pages}", "fr": "Page {page} sur {pages}",
           "de": "Seite {page} von {pages}"}  # fmt: skip
JOB = "26-23417"


def documents() -> list[dict[str, Any]]:
    """Return the documents as the data file holds them."""
    found: list[dict[str, Any]] = json.loads(DATA.read_text("utf-8"))["documents"]
    return found


def gold(document: dict[str, Any]) -> Doc:
    """Return the gold: each paragraph one atom, its position, in every language."""
    versions: dict[str, list[Para]] = {}
    for lang, version in document["versions"].items():
        paras = []
        for k, item in enumerate(version["paras"]):
            if isinstance(item, dict):
                paras.append(Para(item["head"], frozenset({k}), head=True))
            else:
                paras.append(Para(_CALL.sub("", item), frozenset({k})))
        versions[lang] = paras
    return Doc(document["name"], versions)


def notes(document: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """Return each language's footnotes as (marker, text), in the order they are called."""
    out: dict[str, list[tuple[str, str]]] = {}
    for lang, version in document["versions"].items():
        texts = version.get("notes", {})
        out[lang] = [
            (n, texts[n])
            for item in version["paras"]
            if isinstance(item, str)
            for n in _CALL.findall(item)
        ]
    return out


def marks(document: dict[str, Any], lang: str) -> list[str]:
    """Return the furniture a layout prints that the text must not keep."""
    version = document["versions"][lang]
    found = [version.get("header", ""), document.get("symbol", ""), JOB]
    return [m for m in found if m]


def build(out: Path) -> dict[tuple[str, str], tuple[Doc, dict[str, Path]]]:
    """Print every document in its layout under ``out``; return, per (document, layout), the
    gold and each language's PDF."""
    out.mkdir(parents=True, exist_ok=True)
    made: dict[tuple[str, str], tuple[Doc, dict[str, Path]]] = {}
    sources: dict[Path, str] = {}
    for document in documents():
        layout = document["layout"]
        pdfs: dict[str, Path] = {}
        for lang, version in document["versions"].items():
            path = out / f"new-{document['name']}.{layout}.{lang}.pdf"
            pdfs[lang] = path
            if path.exists():
                continue
            if layout == "un-resolution":
                resolution(document, lang, path)
            elif layout == "two-column-report":
                report(version, lang, path)
            else:
                sources[path.with_suffix(".fodt")] = statement_fodt(version, lang)
        made[(document["name"], layout)] = (gold(document), pdfs)
    if sources:
        pdf_devset.convert(sources, out)
    return made


# --- reportlab ---------------------------------------------------------------------------------


def resolution(document: dict[str, Any], lang: str, path: Path) -> None:
    """Print a resolution as the UN prints them (see the module docstring)."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    symbol = document["symbol"]
    paras = document["versions"][lang]["paras"]
    organ, assembly, distribution, issued = MASTHEAD[lang]
    body = ParagraphStyle("body", fontName="Times-Roman", fontSize=12, leading=16,
                          alignment=TA_JUSTIFY, firstLineIndent=1.27 * cm,
                          spaceAfter=10)  # fmt: skip
    head = ParagraphStyle("head", fontName="Times-Bold", fontSize=13, leading=16,
                          leftIndent=1.27 * cm, spaceBefore=6, spaceAfter=10)  # fmt: skip
    lead = ParagraphStyle("lead", fontName="Times-Roman", fontSize=12, leading=16,
                          spaceBefore=12, spaceAfter=12)  # fmt: skip

    def first(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Times-Bold", 10)
        canvas.drawString(2.2 * cm, A4[1] - 1.6 * cm, organ)
        canvas.setFont("Times-Bold", 16)
        canvas.drawRightString(A4[0] - 2.2 * cm, A4[1] - 1.6 * cm, symbol)
        canvas.setFont("Helvetica-Bold", 18)
        canvas.drawString(2.2 * cm, A4[1] - 2.6 * cm, assembly)
        canvas.setFont("Times-Roman", 10)
        canvas.drawRightString(A4[0] - 2.2 * cm, A4[1] - 2.4 * cm, distribution)
        canvas.drawRightString(A4[0] - 2.2 * cm, A4[1] - 2.85 * cm, issued)
        canvas.setFont("Times-Roman", 8)
        canvas.drawString(2.2 * cm, 1.2 * cm, JOB)
        canvas.restoreState()

    def later(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Times-Bold", 9)
        side = canvas.drawString if doc.page % 2 == 0 else canvas.drawRightString
        x = 2.2 * cm if doc.page % 2 == 0 else A4[0] - 2.2 * cm
        side(x, A4[1] - 1.4 * cm, symbol)
        canvas.setFont("Times-Roman", 9)
        side(x, 1.2 * cm, f"{doc.page}/{total}")
        canvas.restoreState()

    def story() -> list[Any]:
        out: list[Any] = [Spacer(1, 1.2 * cm)]
        for k, item in enumerate(paras):
            if isinstance(item, dict):
                out.append(Paragraph(escape(item["head"]), head))
            elif k == 2 or k == len(paras) - 1:  # "The General Assembly," and the meeting
                out.append(Paragraph(escape(item), lead))
            else:
                text = escape(item)
                # the words a clause opens with are in italics, up to its first lower-case
                # word after the opening one
                words = text.split(" ")
                if not words[0][:1].isdigit():
                    cut = next((i for i, w in enumerate(words[1:], 1) if w[:1].islower()), 1)
                    cut = min(cut + 1, len(words)) if words[0][:1].isupper() else 1
                    text = f"<i>{' '.join(words[:cut])}</i> {' '.join(words[cut:])}"
                out.append(Paragraph(text, body))
        return out

    def build_once(path_: Path) -> int:
        document_ = SimpleDocTemplate(
            str(path_), pagesize=A4, leftMargin=3.6 * cm, rightMargin=3.6 * cm,
            topMargin=2.4 * cm, bottomMargin=2.2 * cm, title=symbol, lang=lang,
        )  # fmt: skip
        document_.build(story(), onFirstPage=first, onLaterPages=later)
        return int(document_.page)

    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        total = build_once(Path(tmp) / "count.pdf")  # the page count "N/M" prints
    build_once(path)


def report(version: dict[str, Any], lang: str, path: Path) -> None:
    """Print a report: a title across the first page, two ragged columns below."""
    from reportlab.lib.enums import TA_CENTER, TA_LEFT
    from reportlab.lib.pagesizes import A5 as A4  # a small booklet
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph
    from reportlab.platypus.doctemplate import NextPageTemplate

    paras = version["paras"]
    header = version["header"]
    margin, gap = 1.5 * cm, 0.7 * cm
    width = (A4[0] - 2 * margin - gap) / 2
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=9, leading=11.5,
                          alignment=TA_LEFT, spaceAfter=5)  # fmt: skip
    head = ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=10, leading=13,
                          spaceBefore=6, spaceAfter=3, keepWithNext=1)  # fmt: skip
    title = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=17, leading=21,
                           alignment=TA_CENTER)  # fmt: skip

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica-Oblique", 8)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 0.9 * cm, header)
        canvas.setFont("Helvetica", 8)
        canvas.drawRightString(A4[0] - margin, 0.8 * cm, str(doc.page))
        canvas.restoreState()

    top = A4[1] - margin
    title_h = 3.2 * cm
    columns_h = A4[1] - 2 * margin
    first_frames = [
        Frame(margin, top - title_h, A4[0] - 2 * margin, title_h, id="title"),
        Frame(margin, margin, width, columns_h - title_h, id="l1"),
        Frame(margin + width + gap, margin, width, columns_h - title_h, id="r1"),
    ]
    later_frames = [
        Frame(margin, margin, width, columns_h, id="l"),
        Frame(margin + width + gap, margin, width, columns_h, id="r"),
    ]
    document = BaseDocTemplate(str(path), pagesize=A4, title=paras[0]["head"], lang=lang)
    document.addPageTemplates([
        PageTemplate("first", first_frames, onPage=decorate),
        PageTemplate("later", later_frames, onPage=decorate),
    ])  # fmt: skip

    story: list[Any] = [Paragraph(escape(paras[0]["head"]), title), FrameBreak(),
                        NextPageTemplate("later")]  # fmt: skip
    for item in paras[1:]:
        if isinstance(item, dict):
            story.append(Paragraph(escape(item["head"]), head))
        else:
            story.append(Paragraph(escape(item), body))
    document.build(story)


# --- LibreOffice -------------------------------------------------------------------------------

_STATEMENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="DejaVu Sans" fo:font-size="12pt"
   fo:language="{lang}" fo:country="none" fo:hyphenate="false"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start" fo:margin-top="0cm"
   fo:margin-bottom="0.3cm" fo:line-height="150%"/>
 </style:style>
 <style:style style:name="Dateline" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end" fo:margin-bottom="0.5cm"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.5cm"/>
  <style:text-properties fo:font-size="15pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Header" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start"/>
  <style:text-properties fo:font-size="8.5pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end"/>
  <style:text-properties fo:font-size="8.5pt"/>
 </style:style>
 <style:style style:name="Footnote" style:family="paragraph">
  <style:text-properties fo:font-size="8pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="3.5cm"
   fo:margin-right="3.5cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.6cm"
   fo:margin-bottom="0.8cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.5cm"
   fo:margin-top="0.6cm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p text:style-name="Header">{header}</text:p></style:header>
  <style:footer><text:p text:style-name="Footer">{footer}</text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
{body}
</office:text></office:body>
</office:document>
"""


def statement_fodt(version: dict[str, Any], lang: str) -> str:
    """Return a Flat ODT of a ministry's statement with footnotes."""
    notes_ = version.get("notes", {})
    lines: list[str] = []
    for k, item in enumerate(version["paras"]):
        if isinstance(item, dict):
            lines.append(f'<text:p text:style-name="Title">{escape(item["head"])}</text:p>')
            continue
        if k == 1:
            lines.append(f'<text:p text:style-name="Dateline">{escape(item)}</text:p>')
            continue

        def note(match: re.Match[str]) -> str:
            n = match.group(1)
            return (
                f'<text:note text:id="ftn{n}" text:note-class="footnote">'
                f"<text:note-citation>{n}</text:note-citation><text:note-body>"
                f'<text:p text:style-name="Footnote">{escape(notes_[n])}</text:p>'
                "</text:note-body></text:note>"
            )

        text = _CALL.sub(note, escape(item))
        lines.append(f'<text:p text:style-name="Body">{text}</text:p>')
    page = '<text:page-number text:select-page="current">1</text:page-number>'
    count = "<text:page-count>1</text:page-count>"
    footer = escape(PAGE_OF[lang]).replace("{page}", page).replace("{pages}", count)
    return _STATEMENT.format(
        lang=lang, header=escape(version["header"]), footer=footer, body="\n".join(lines)
    )
