"""Development PDFs in the shapes offices publish, made from the dev documents of :mod:`devsets`.

Each document of :mod:`devsets` (the UDHR in five languages, Text+Berg de-fr and ParIce
en-is grouped into paragraphs, press releases) is printed in four layouts:

- ``lo-plain``: LibreOffice (a Flat ODT converted headlessly), one column, justified,
  hyphenated, a running header with the short title, the page number in the footer, space
  between paragraphs, a title set large over three lines;
- ``lo-notes``: the same with footnotes (texts of ours) and "- N -" page numbers;
- ``lo-2col``: the title across the page, the body in two justified hyphenated columns;
- ``rl-indent``: reportlab, paragraphs marked by a first-line indent and no space, the
  header on the left with the page number on the right, a repeated footer line.

Hyphenation: no hyphenation dictionary need be installed for LibreOffice; the words get
soft hyphens at the points pyphen gives for the language, so LibreOffice breaks lines there
and prints a hyphen, as its automatic hyphenation does. reportlab hyphenates through pyphen
itself.

A footnote is no paragraph of the gold: the reader keeps it as a note of the paragraph that
calls it (:func:`with_notes` gives each version's notes).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pyphen
from devsets import Doc, Para

LAYOUTS = ("lo-plain", "lo-notes", "lo-2col", "rl-indent")
FONTS = Path("/usr/share/fonts/truetype/dejavu")

#: titles of our own for documents that open without one (three lines when set large)
TITLES = {
    "de": "Bericht über die Arbeit des vergangenen Jahres und die Aufgaben der kommenden Zeit",
    "fr": "Rapport sur les travaux de l'année écoulée et sur les tâches de la période à venir",
    "en": "Report on the work of the past year and on the tasks of the period to come",
    "is": "Skýrsla um starf liðins árs og um verkefni komandi tímabils",
    "es": "Informe sobre la labor del año pasado y sobre las tareas del período venidero",
    "ru": "Доклад о работе за прошедший год и о задачах на предстоящий период",
}
#: footnote texts of our own, used in turn
NOTES = {
    "de": (
        "Siehe die Erläuterungen im Anhang dieses Dokuments.",
        "Der Wortlaut folgt der amtlichen Fassung, die dem Sekretariat vorgelegt wurde.",
        "Zur Entstehung vgl. die Niederschrift der dritten Sitzung.",
    ),
    "en": (
        "See the explanatory notes in the annex to this document.",
        "The wording follows the official version submitted to the secretariat.",
        "On its drafting, see the record of the third meeting.",
    ),
    "fr": (
        "Voir les notes explicatives figurant en annexe au présent document.",
        "Le libellé suit la version officielle soumise au secrétariat.",
        "Sur son élaboration, voir le compte rendu de la troisième séance.",
    ),
    "es": (
        "Véanse las notas explicativas que figuran en el anexo del presente documento.",
        "La redacción sigue la versión oficial presentada a la secretaría.",
        "Sobre su elaboración, véase el acta de la tercera sesión.",
    ),
    "ru": (
        "См. пояснительные примечания в приложении к настоящему документу.",
        "Формулировка соответствует официальной редакции, представленной секретариату.",
        "О подготовке текста см. протокол третьего заседания.",
    ),
    "is": (
        "Sjá skýringar í viðauka við þetta skjal.",
        "Orðalagið fylgir opinberri útgáfu sem lögð var fyrir skrifstofuna.",
        "Um undirbúning textans, sjá fundargerð þriðja fundar.",
    ),
}
PAGE_WORD = {"de": "Seite", "en": "Page", "fr": "Page", "es": "Página", "ru": "Стр.", "is": "Bls."}
NOTE_EVERY = 4  # a footnote on every fourth long paragraph
NOTE_MIN = 200  # characters a paragraph needs to carry a footnote


def split(docs: Sequence[Doc]) -> tuple[list[Doc], list[Doc]]:
    """Return the dev documents and the third kept unseen until the end.

    Documents of one family ("udhr", "udhr+press") stay together; the families are put in
    the order of their names' sha256 and the first third are unseen.
    """
    families = sorted({d.name.split("+")[0] for d in docs})
    families.sort(key=lambda name: hashlib.sha256(name.encode()).hexdigest())
    hidden = set(families[: len(families) // 3])
    return (
        [d for d in docs if d.name.split("+")[0] not in hidden],
        [d for d in docs if d.name.split("+")[0] in hidden],
    )


def titled(doc: Doc) -> Doc:
    """Return ``doc`` opening with a heading: its own, else a title of ours (one new atom)."""
    if all(paras and paras[0].head for paras in doc.versions.values()):
        return doc
    versions = {
        lang: [Para(TITLES[lang], frozenset({-900}), head=True), *paras]
        for lang, paras in doc.versions.items()
    }
    return Doc(doc.name, versions)


def note_positions(doc: Doc) -> list[int]:
    """Return the indexes (in the first language) of the paragraphs that carry a footnote."""
    first = next(iter(doc.versions.values()))
    long = [i for i, p in enumerate(first) if not p.head and len(p.text) >= NOTE_MIN]
    return long[1::NOTE_EVERY]


def with_notes(doc: Doc) -> tuple[Doc, dict[str, dict[int, str]]]:
    """Return the gold document (notes are not paragraphs) and each version's notes by the
    index of the paragraph that calls them.

    A paragraph carries a note in every language when its atoms match the first language's
    noted paragraph; versions whose paragraphs do not match one to one get the note on the
    paragraph holding the same first atom.
    """
    first = next(iter(doc.versions.values()))
    positions = note_positions(doc)
    versions: dict[str, list[Para]] = {}
    notes: dict[str, dict[int, str]] = {}
    for lang, paras in doc.versions.items():
        calls: dict[int, int] = {}  # paragraph index -> note index
        for k, at in enumerate(positions):
            atom = min(first[at].atoms)
            i = next((i for i, p in enumerate(paras) if atom in p.atoms), None)
            if i is not None and i not in calls:
                calls[i] = k
        out: list[Para] = []
        notes[lang] = {}
        for i, p in enumerate(paras):
            out.append(p)
            if i in calls:
                k = calls[i]
                text = f"{k + 1} {NOTES[lang][k % len(NOTES[lang])]}"
                notes[lang][i] = text
        versions[lang] = out
    return Doc(doc.name, versions), notes


def soft_hyphens(text: str, lang: str) -> str:
    """Put a soft hyphen at every point pyphen allows in words of seven letters or more."""
    dic = pyphen.Pyphen(lang=lang)
    out = []
    for word in text.split(" "):
        core = word.strip(".,;:!?()«»\"'“”„")
        if len(core) >= 7 and core.isalpha():
            word = word.replace(core, dic.inserted(core, hyphen="\u00ad"))
        out.append(word)
    return " ".join(out)


# --- LibreOffice ---------------------------------------------------------------------------

_FODT = """<?xml version="1.0" encoding="UTF-8"?>
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
  <style:text-properties style:font-name="DejaVu Serif" fo:font-size="{size}pt"
   fo:language="{lang}" fo:country="none"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify" fo:margin-top="0cm"
   fo:margin-bottom="{after}" fo:line-height="120%"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-left="3.5cm"
   fo:margin-right="3.5cm" fo:margin-bottom="0.8cm"/>
  <style:text-properties fo:font-size="20pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Heading" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0.35cm" fo:margin-bottom="0.2cm"
   fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="{head}pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Header" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="9pt" fo:font-style="italic"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="9pt"/>
 </style:style>
 <style:style style:name="Footnote" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify"/>
  <style:text-properties fo:font-size="8.5pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Cols" style:family="section">
  <style:section-properties>
   <style:columns fo:column-count="2" fo:column-gap="0.8cm"/>
  </style:section-properties>
 </style:style>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.2cm"
   fo:margin-right="2.2cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.5cm"
   fo:margin-bottom="0.5cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.5cm"
   fo:margin-top="0.5cm"/></style:footer-style>
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


def fodt(paras: Sequence[Para], lang: str, layout: str, notes: dict[int, str]) -> str:
    """Return a Flat ODT of one version in ``layout``."""
    title = paras[0].text
    number = '<text:page-number text:select-page="current">1</text:page-number>'
    footer = f"- {number} -" if layout == "lo-notes" else number
    lines: list[str] = [f'<text:p text:style-name="Title">{escape(title)}</text:p>']
    body: list[str] = []
    for i, para in enumerate(paras[1:], 1):
        text = escape(soft_hyphens(para.text, lang))
        if para.head:
            body.append(f'<text:p text:style-name="Heading">{text}</text:p>')
            continue
        if i in notes:
            number_, note = notes[i].split(" ", 1)
            text += (
                f'<text:note text:id="ftn{i}" text:note-class="footnote">'
                f"<text:note-citation>{number_}</text:note-citation><text:note-body>"
                f'<text:p text:style-name="Footnote">{escape(soft_hyphens(note, lang))}</text:p>'
                "</text:note-body></text:note>"
            )
        body.append(f'<text:p text:style-name="Body">{text}</text:p>')
    if layout == "lo-2col":
        lines.append('<text:section text:style-name="Cols" text:name="Body">')
        lines += body
        lines.append("</text:section>")
    else:
        lines += body
    short = title if len(title) <= 60 else title[:57].rsplit(" ", 1)[0] + " …"
    return _FODT.format(
        lang=lang,
        size=10 if layout == "lo-2col" else 11,
        head=11 if layout == "lo-2col" else 13,
        after="0.25cm",
        header=escape(short),
        footer=footer,
        body="\n".join(lines),
    )


def convert(sources: dict[Path, str], out: Path) -> None:
    """Write each Flat ODT and convert them all to PDF in one LibreOffice run."""
    for path, text in sources.items():
        path.write_text(text, "utf-8")
    with tempfile.TemporaryDirectory() as home:
        subprocess.run(
            ["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(out)]
            + [str(p) for p in sources],
            check=True,
            capture_output=True,
            env={**os.environ, "HOME": home},
            timeout=600,
        )


# --- reportlab -----------------------------------------------------------------------------


def reportlab_pdf(paras: Sequence[Para], lang: str, path: Path, *, footer: str = "") -> None:
    """Write one version with reportlab: indented paragraphs, header, page number, footer."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(TTFont("DV", str(FONTS / "DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont("DV-Bold", str(FONTS / "DejaVuSerif-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DV-Italic", str(FONTS / "DejaVuSerif-Italic.ttf")))
    body = ParagraphStyle(
        "body", fontName="DV", fontSize=10.5, leading=13.5, alignment=TA_JUSTIFY,
        firstLineIndent=0.8 * cm, hyphenationLang=lang, embeddedHyphenation=1,
    )  # fmt: skip
    head = ParagraphStyle("head", fontName="DV-Bold", fontSize=12, leading=15, spaceBefore=8,
                          spaceAfter=4, keepWithNext=1)  # fmt: skip
    title_style = ParagraphStyle("title", fontName="DV-Bold", fontSize=19, leading=24,
                                 alignment=TA_CENTER, leftIndent=3 * cm, rightIndent=3 * cm,
                                 spaceAfter=18)  # fmt: skip
    title = paras[0].text
    short = title if len(title) <= 60 else title[:57].rsplit(" ", 1)[0] + " …"

    def page(canvas: object, doc: object) -> None:
        c = canvas
        c.saveState()  # type: ignore[attr-defined]
        c.setFont("DV-Italic", 8.5)  # type: ignore[attr-defined]
        c.drawString(2.2 * cm, A4[1] - 1.4 * cm, short)  # type: ignore[attr-defined]
        c.drawRightString(A4[0] - 2.2 * cm, A4[1] - 1.4 * cm, str(doc.page))  # type: ignore[attr-defined]
        if footer:
            c.drawCentredString(A4[0] / 2, 1.2 * cm, footer)  # type: ignore[attr-defined]
        c.restoreState()  # type: ignore[attr-defined]

    story: list[object] = [Paragraph(escape(title), title_style)]
    for para in paras[1:]:
        if para.head:
            story.append(Paragraph(escape(para.text), head))
        else:
            story.append(Paragraph(escape(para.text), body))
    story.append(Spacer(1, 1))
    document = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=2.2 * cm, rightMargin=2.2 * cm,
        topMargin=2.2 * cm, bottomMargin=2.2 * cm, title=title, lang=lang,
    )  # fmt: skip
    document.build(story, onFirstPage=page, onLaterPages=page)


FOOTER = {
    "de": "Vertrieb: allgemein",
    "en": "Distribution: general",
    "fr": "Distribution : générale",
    "es": "Distribución: general",
    "ru": "Распространение: общее",
    "is": "Dreifing: almenn",
}


def build(docs: Sequence[Doc], out: Path) -> dict[tuple[str, str], tuple[Doc, dict[str, Path]]]:
    """Print every document in every layout under ``out``; return, per (document, layout), the
    gold document (notes are not paragraphs) and each language's PDF."""
    out.mkdir(parents=True, exist_ok=True)
    made: dict[tuple[str, str], tuple[Doc, dict[str, Path]]] = {}
    sources: dict[Path, str] = {}
    for doc in docs:
        doc = titled(doc)
        for layout in LAYOUTS:
            gold, notes = with_notes(doc) if layout == "lo-notes" else (doc, {})
            pdfs: dict[str, Path] = {}
            for lang, paras in doc.versions.items():
                stem = f"{doc.name}.{layout}.{lang}"
                pdfs[lang] = out / f"{stem}.pdf"
                if layout.startswith("lo-"):
                    sources[out / f"{stem}.fodt"] = fodt(paras, lang, layout, notes.get(lang, {}))
                elif not pdfs[lang].exists():
                    reportlab_pdf(paras, lang, pdfs[lang], footer=FOOTER[lang])
            made[(doc.name, layout)] = (gold, pdfs)
    todo = {p: t for p, t in sources.items() if not p.with_suffix(".pdf").exists()}
    if todo:
        convert(todo, out)
    return made
