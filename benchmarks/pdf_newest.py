"""A third unseen set of PDFs: texts of our own in layouts neither earlier set has.

Written (``data/pdf_unseen_newest.json``: English, Spanish and Russian, paragraph for
paragraph) before the footnote and masthead work of issue 24 was tuned, and run only at its
end. Two layouts:

- ``council-decision`` (reportlab, DejaVu Sans, A5): a masthead with the organ's name large
  over two lines on the left and the symbol, distribution, date and original language stacked on the
  right over a rule; ragged-right numbered paragraphs; footnotes at the foot of the page where
  their paragraph ends, under a short rule, called by raised numbers; the symbol as running
  header on the left and the bare page number at the right of the footer (not on page 1);
- ``library-agreement`` (LibreOffice, DejaVu Serif): a title centred over three lines,
  article headings in bold body type, justified hyphenated text, the agreement's short name
  in italics at the right of the header, "– N –" centred in the footer, and endnotes: the
  notes gathered after the text, as a list.

The gold has one atom per paragraph, the same in every language; notes are notes, not
paragraphs (:func:`pdf_newset.notes` gives them per language, in the order called).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pdf_devset
import pdf_newset

DATA = Path(__file__).resolve().parent / "data" / "pdf_unseen_newest.json"
LAYOUTS = ("council-decision", "library-agreement")
_CALL = re.compile(r"\[\^(\d+)\]")

#: the masthead of a council's decision: organ, distribution, date of issue, original
MASTHEAD = {
    "en": ("Economic and\nSocial Council", "Distr.: Limited", "14 July 2027",
           "Original: English"),
    "es": ("Consejo Económico\ny Social", "Distr. limitada", "14 de julio de 2027",
           "Original: inglés"),
    "ru": ("Экономический\nи Социальный Совет", "Distr.: Limited", "14 July 2027",
           "Russian\nOriginal: English"),
}  # fmt: skip


def documents() -> list[dict[str, Any]]:
    """Return the documents as the data file holds them."""
    found: list[dict[str, Any]] = json.loads(DATA.read_text("utf-8"))["documents"]
    return found


def marks(document: dict[str, Any], lang: str) -> list[str]:
    """Return the furniture a layout prints that the text must not keep."""
    version = document["versions"][lang]
    found = [version.get("header", ""), document.get("symbol", "")]
    return [m for m in found if m]


def build(out: Path) -> dict[tuple[str, str], tuple[pdf_newset.Doc, dict[str, Path]]]:
    """Print every document in its layout under ``out``; return, per (document, layout), the
    gold and each language's PDF."""
    out.mkdir(parents=True, exist_ok=True)
    made: dict[tuple[str, str], tuple[pdf_newset.Doc, dict[str, Path]]] = {}
    sources: dict[Path, str] = {}
    for document in documents():
        layout = document["layout"]
        pdfs: dict[str, Path] = {}
        for lang, version in document["versions"].items():
            path = out / f"newest-{document['name']}.{layout}.{lang}.pdf"
            pdfs[lang] = path
            if path.exists():
                continue
            if layout == "council-decision":
                decision(document, lang, path)
            else:
                sources[path.with_suffix(".fodt")] = agreement_fodt(version, lang)
        made[(document["name"], layout)] = (pdf_newset.gold(document), pdfs)
    if sources:
        pdf_devset.convert(sources, out)
    return made


# --- reportlab ---------------------------------------------------------------------------------


def decision(document: dict[str, Any], lang: str, path: Path) -> None:
    """Print a council's decision (see the module docstring)."""
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

    fonts = pdf_devset.FONTS
    for name, file in (("DS", "DejaVuSans.ttf"), ("DS-Bold", "DejaVuSans-Bold.ttf"),
                       ("DS-Oblique", "DejaVuSans-Oblique.ttf")):  # fmt: skip
        pdfmetrics.registerFont(TTFont(name, str(fonts / file)))
    pdfmetrics.registerFontFamily("DS", normal="DS", bold="DS-Bold", italic="DS-Oblique")
    symbol = document["symbol"]
    version = document["versions"][lang]
    texts = version.get("notes", {})
    organ, distribution, issued, original = MASTHEAD[lang]
    width, height = A5
    left, right, bottom = 1.8 * cm, 1.8 * cm, 3.6 * cm
    body = ParagraphStyle("body", fontName="DS", fontSize=10, leading=13.5,
                          alignment=TA_LEFT, spaceAfter=9)  # fmt: skip
    head = ParagraphStyle("head", fontName="DS-Bold", fontSize=12, leading=15,
                          spaceBefore=4, spaceAfter=12)  # fmt: skip
    pending: list[str] = []

    class NoteMark(Flowable):  # type: ignore[misc]
        """Nothing to draw: puts the notes of the paragraph before on its page."""

        def __init__(self, numbers: list[str]) -> None:
            super().__init__()
            self.numbers = numbers
            self.width = self.height = 0

        def draw(self) -> None:
            pending.extend(self.numbers)

    def notes_at_foot(canvas: Any) -> None:
        if not pending:
            return
        canvas.setLineWidth(0.5)
        y = bottom - 0.5 * cm
        canvas.line(left, y, left + 4 * cm, y)
        y -= 0.45 * cm
        for number in pending:
            canvas.setFont("DS", 6)
            canvas.drawString(left, y + 2.5, number)
            note = Paragraph(escape(texts[number]), ParagraphStyle(
                "note", fontName="DS", fontSize=8, leading=10))  # fmt: skip
            _, h = note.wrap(width - left - right - 0.4 * cm, 5 * cm)
            note.drawOn(canvas, left + 0.4 * cm, y - h + 8)
            y -= h + 2
        pending.clear()

    def first(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("DS-Bold", 14)
        for k, line in enumerate(organ.split("\n")):
            canvas.drawString(left, height - 2.2 * cm - k * 0.6 * cm, line)
        canvas.setFont("DS-Bold", 11)
        canvas.drawRightString(width - right, height - 1.6 * cm, symbol)
        canvas.setFont("DS", 8.5)
        stack = [distribution, issued, *original.split("\n")]
        for k, line in enumerate(stack):
            canvas.drawRightString(width - right, height - 2.2 * cm - k * 0.38 * cm, line)
        canvas.setLineWidth(1.2)
        canvas.line(left, height - 3.9 * cm, width - right, height - 3.9 * cm)
        canvas.restoreState()

    def later(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("DS-Bold", 8.5)
        canvas.drawString(left, height - 1.5 * cm, symbol)
        canvas.setFont("DS", 8.5)
        canvas.drawRightString(width - right, 1.3 * cm, str(doc.page))
        canvas.restoreState()

    class Template(SimpleDocTemplate):  # type: ignore[misc]
        def afterPage(self) -> None:  # noqa: N802 - reportlab's name
            notes_at_foot(self.canv)

    story: list[Any] = [Spacer(1, 2.2 * cm)]
    for item in version["paras"]:
        if isinstance(item, dict):
            story.append(Paragraph(escape(item["head"]), head))
            continue
        numbers = _CALL.findall(item)
        text = _CALL.sub(lambda m: f'<super><font size="7">{m.group(1)}</font></super>',
                         escape(item))  # fmt: skip
        story.append(Paragraph(text, body))
        if numbers:
            story.append(NoteMark(numbers))
    template = Template(
        str(path), pagesize=A5, leftMargin=left, rightMargin=right,
        topMargin=2.2 * cm, bottomMargin=bottom, title=symbol, lang=lang,
    )  # fmt: skip
    template.build(story, onFirstPage=first, onLaterPages=later)


# --- LibreOffice -------------------------------------------------------------------------------

_AGREEMENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="DejaVu Serif" fo:font-size="11pt"
   fo:language="{lang}" fo:country="none" fo:hyphenate="false"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify" fo:margin-top="0cm"
   fo:margin-bottom="0.25cm" fo:line-height="130%"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.9cm"
   fo:margin-left="1.5cm" fo:margin-right="1.5cm"/>
  <style:text-properties fo:font-size="15pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Article" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0.35cm"
   fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Header" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end"/>
  <style:text-properties fo:font-size="8.5pt" fo:font-style="italic"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="9pt"/>
 </style:style>
 <style:style style:name="Endnote" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.15cm"/>
  <style:text-properties fo:font-size="9pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="1.4cm" fo:margin-bottom="1.4cm" fo:margin-left="3cm"
   fo:margin-right="3cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.5cm"
   fo:margin-bottom="0.7cm"/></style:header-style>
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


def agreement_fodt(version: dict[str, Any], lang: str) -> str:
    """Return a Flat ODT of an agreement with endnotes, hyphenated through soft hyphens."""
    notes_ = version.get("notes", {})
    lines: list[str] = []
    for k, item in enumerate(version["paras"]):
        if isinstance(item, dict):
            style = "Title" if k == 0 else "Article"
            lines.append(f'<text:p text:style-name="{style}">{escape(item["head"])}</text:p>')
            continue

        def note(match: re.Match[str]) -> str:
            n = match.group(1)
            return (
                f'<text:note text:id="edn{n}" text:note-class="endnote">'
                f"<text:note-citation>{n}</text:note-citation><text:note-body>"
                f'<text:p text:style-name="Endnote">{escape(notes_[n])}</text:p>'
                "</text:note-body></text:note>"
            )

        text = _CALL.sub(note, escape(pdf_devset.soft_hyphens(item, lang)))
        lines.append(f'<text:p text:style-name="Body">{text}</text:p>')
    number = '<text:page-number text:select-page="current">1</text:page-number>'
    return _AGREEMENT.format(
        lang=lang, header=escape(version["header"]), footer=f"– {number} –",
        body="\n".join(lines),
    )  # fmt: skip
