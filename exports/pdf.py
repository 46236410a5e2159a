"""Render a document as a PDF to print: the languages side by side, typeset.

Each bead is its own one-row table, so a long paragraph splits inside its row with every
column continuing in step on the next page; the language header row and the "page X of Y"
footer belong to the page template, not to the content, so they appear on every page.
Text is set in Fira Sans (SIL Open Font License 1.1, from the fontpkg-fira-sans package),
embedded, which covers Latin, Cyrillic and Greek; the few characters it lacks (the
non-breaking hyphen, primes, ...) are drawn from Noto Sans (OFL 1.1, fontpkg-noto-sans).
Each column hyphenates by its language.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

import fontpkg_fira_sans
import fontpkg_noto_sans
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus import Table as RLTable
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.paragraph import _SplitWordHY

from aligner.errors import ExportError
from aligner.model import Document, Note
from exports import ExportOptions, Rendered, output
from exports._stamp import export_time, tool_version
from exports.table import (
    Column,
    Pattern,
    Row,
    Shade,
    Table,
    Text,
    hyphenation_dictionary,
    hyphenator,
    page_table,
    shared_words,
)
from languages.profiles import interface, language_tag
from languages.typography import SHORTEST_HYPHENATED, bind, keep_whole, labels

__all__ = ["FALLBACK_FAMILY", "FONT_FAMILY", "render", "unprintable"]

FONT_FAMILY = "FiraSans"
_FONT_FILES = {
    FONT_FAMILY: "FiraSans-Regular.ttf",
    f"{FONT_FAMILY}-Bold": "FiraSans-Bold.ttf",
    f"{FONT_FAMILY}-Italic": "FiraSans-Italic.ttf",
    f"{FONT_FAMILY}-BoldItalic": "FiraSans-BoldItalic.ttf",
}
# Drawn from for what Fira lacks; the variable font's default instance is the regular weight.
FALLBACK_FAMILY = "NotoSans"
_FALLBACK_FILES = {
    FALLBACK_FAMILY: "NotoSans[wdth,wght].ttf",
    f"{FALLBACK_FAMILY}-Italic": "NotoSans-Italic[wdth,wght].ttf",
}
_PAGES = {"A4": A4, "Letter": letter}
_GRID = colors.HexColor("#8C8C8C")
_HEADER_FILL = colors.HexColor("#D9D9D9")
_MUTED = colors.HexColor("#595959")
_NUMBER_INK = colors.HexColor("#1A1A1A")
_PATTERN_GREY = colors.HexColor("#808080")
_NUMBER_WIDTH = 8 * mm
_PAD = 3.5  # points inside each cell
# Characters Fira Sans lacks that it draws the same way with another code point: a narrow
# no-break space (French, Russian dates) becomes a no-break one (reportlab would also break a
# line at it), a typographic hyphen the hyphen-minus (which keeps it a place to break).
_PRINTABLE = str.maketrans({"\u202f": "\u00a0", "\u2010": "-"})


def render(documents: Sequence[Document], langs: Sequence[str], options: ExportOptions) -> Rendered:
    """Render the one document in ``documents`` as a PDF file."""
    document, table = page_table(documents, langs, options, fmt="PDF")
    data = _build(document, table, options)
    notes = _missing_glyphs(table)
    return Rendered((output("pdf", data),), notes)


@dataclass(frozen=True)
class _Layout:
    """Page geometry and styles shared by the page template and the rows."""

    page: tuple[float, float]
    margin: float
    widths: tuple[float, ...]  # number column first
    styles: dict[str, ParagraphStyle]  # "Text de", ..., "number", "head"
    header_height: float  # the language band under the page header


def _build(document: Document, table: Table, options: ExportOptions) -> bytes:
    _register_fonts()
    layout = _layout(table, options)
    flowables: list[Flowable] = []
    for row in table.rows:
        if options.flags and row.band:
            flowables.append(_band(row, layout))
        flowables.append(_row_table(row, table.columns, layout, options))
    if options.flags and table.legend:
        flowables.insert(0, _legend(table, options.locale))
    out = io.BytesIO()
    doc = _template(out, document, table, layout, options)
    try:
        doc.build(flowables, canvasmaker=_canvas_maker(document, layout, options))
    except LayoutError as error:
        raise ExportError(f"cannot lay out the PDF: {error}", path=document.id) from error
    return out.getvalue()


def _canvas_maker(
    document: Document, layout: _Layout, options: ExportOptions
) -> Callable[..., Canvas]:
    """Return what makes the PDF's canvas: dated as the document's export, with a page
    number in the footer of every page."""
    stamp = export_time([document]).strftime("D:%Y%m%d%H%M%S+00'00'")
    footer = interface(options.locale).page_of

    def draw_footer(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFillColor(_MUTED)
        text = footer.format(page=page, pages=pages)
        _draw_string(canvas, layout.page[0] / 2, layout.margin / 2, text, 8, anchor="middle")
        canvas.restoreState()

    def canvas_maker(*args: Any, **kwargs: Any) -> Canvas:
        return _PagedCanvas(*args, footer=draw_footer, date=stamp, **kwargs)

    return canvas_maker


def _template(
    out: io.BytesIO, document: Document, table: Table, layout: _Layout, options: ExportOptions
) -> BaseDocTemplate:
    """Return the document template: one frame of rows below the page header, and the
    PDF's metadata (title, author, subject, keywords, language)."""
    frame_top = layout.page[1] - layout.margin - layout.header_height
    frame = Frame(
        layout.margin,
        layout.margin,
        layout.page[0] - 2 * layout.margin,
        frame_top - layout.margin,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="rows",
    )
    names = ", ".join(c.name for c in table.columns)
    return BaseDocTemplate(
        out,
        pagesize=layout.page,
        pageTemplates=[
            PageTemplate(
                id="side-by-side",
                frames=[frame],
                onPage=lambda canvas, _doc: _draw_page_header(canvas, table, layout, options),
            )
        ],
        title=table.title,
        author=document.publisher or "aligner",
        subject=f"Side-by-side text: {names}",
        keywords=list(table.langs),
        creator=f"aligner {tool_version([document])}",
        invariant=1,
        initialFontName=FONT_FAMILY,
        lang=language_tag(table.main),
    )


class _PagedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas that holds pages back until the end, so footers know the page count."""

    def __init__(
        self,
        *args: Any,
        footer: Callable[[Canvas, int, int], None],
        date: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._held: list[dict[str, Any]] = []
        # the document's own time, not the clock's, so the same input gives the same bytes
        self.setDateFormatter(lambda *_: date)

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        pages = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._footer(self, number, pages)
            super().showPage()
        super().save()


def _layout(table: Table, options: ExportOptions) -> _Layout:
    many = len(table.columns) >= 3
    page = landscape(_PAGES[options.page_size]) if many else _PAGES[options.page_size]
    margin = 15 * mm if many else 20 * mm
    size = 9.0 if len(table.columns) >= 4 else 10.0
    text = page[0] - 2 * margin - _NUMBER_WIDTH
    each = text / len(table.columns)
    widths = (_NUMBER_WIDTH, *([each] * len(table.columns)))
    styles = {
        f"Text {c.lang}": ParagraphStyle(
            f"Text {c.lang}",
            fontName=FONT_FAMILY,
            fontSize=size,
            leading=size * 1.3,
            spaceAfter=size * 0.4,
            hyphenationLang=hyphenation_dictionary(c.lang),
            hyphenationMinWordLength=SHORTEST_HYPHENATED,
            embeddedHyphenation=1,
            uriWasteReduce=0.3,
        )
        for c in table.columns
    }
    for c in table.columns:
        # headings stay whole words: a hyphen in a title reads as a typo
        styles[f"Heading {c.lang}"] = ParagraphStyle(
            f"Heading {c.lang}",
            parent=styles[f"Text {c.lang}"],
            fontName=f"{FONT_FAMILY}-Bold",
            hyphenationLang="",
            embeddedHyphenation=0,
        )
    # bead numbers are what a reader quotes: a size below the text's, dark, never faint
    styles["number"] = ParagraphStyle(
        "number",
        fontName=f"{FONT_FAMILY}-Bold",
        fontSize=size - 1,
        leading=(size - 1) * 1.25,
        textColor=_NUMBER_INK,
    )
    styles["head"] = ParagraphStyle(
        "head", fontName=f"{FONT_FAMILY}-Bold", fontSize=size, leading=size * 1.3
    )
    styles["band"] = ParagraphStyle(
        "band", fontName=FONT_FAMILY, fontSize=size - 1, leading=(size - 1) * 1.3
    )
    header_height = max(
        Paragraph(_markup(c.name), styles["head"]).wrap(each - 2 * _PAD, page[1])[1]
        for c in table.columns
    )
    return _Layout(page, margin, widths, styles, header_height + 2 * _PAD)


def _draw_page_header(
    canvas: Canvas, table: Table, layout: _Layout, options: ExportOptions
) -> None:
    """Draw the title, the source date and the band of language names above the rows."""
    width, height = layout.page
    left, right = layout.margin, width - layout.margin
    canvas.saveState()
    baseline = height - layout.margin + 5 * mm
    _draw_string(canvas, left, baseline, table.title, 9, bold=True)
    if table.date:
        date = interface(options.locale).format_date(table.date)
        _draw_string(canvas, right, baseline, date, 9, anchor="end")
    top = height - layout.margin
    band = layout.header_height
    canvas.setFillColor(_HEADER_FILL)
    canvas.setStrokeColor(_GRID)
    canvas.setLineWidth(0.5)
    canvas.rect(left, top - band, right - left, band, stroke=1, fill=1)
    x = left
    labels = ["#", *(c.name for c in table.columns)]
    for label, column_width in zip(labels, layout.widths, strict=True):
        if x > left:
            canvas.line(x, top - band, x, top)
        para = Paragraph(_markup(label), layout.styles["head"])
        _, h = para.wrap(column_width - 2 * _PAD, band)
        para.drawOn(canvas, x + _PAD, top - _PAD - h)
        x += column_width
    canvas.restoreState()


class _RowTable(RLTable):  # type: ignore[misc]  # reportlab is untyped
    """One bead's row: split inside the row only when the row is long.

    A short row that does not fit moves to the next page whole, rather than leaving a
    line or two at the foot of the page; a row taller than a few lines splits, every
    column continuing in step.
    """

    _KEEP_LINES = 6

    def __init__(
        self, *args: Any, line: float = 0.0, pattern: Pattern | None = None, **kwargs: Any
    ) -> None:
        # reportlab builds the split parts through this class without ``line``
        super().__init__(*args, **kwargs)
        self._line = line
        self._pattern = pattern

    def draw(self) -> None:
        super().draw()
        if self._pattern is not None:
            # the flag's pattern down the number cell: the kinds differ in black and white
            _draw_pattern(self.canv, self._pattern, 0, 0, self._colWidths[0], self._height)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        _, height = self.wrap(availWidth, availHeight)
        if availHeight < min(height, self._KEEP_LINES * self._line):
            return []
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, _RowTable):
                part._line = self._line
                part._pattern = self._pattern
        return parts


def _row_table(
    row: Row, columns: Sequence[Column], layout: _Layout, options: ExportOptions
) -> _RowTable:
    shade = row.shade if options.flags else None
    number = str(row.number) + (f"<br/>{_markup(shade.marker)}" if shade else "")
    cells: list[Any] = [Paragraph(number, layout.styles["number"])]
    names = shared_words(row)
    for column in columns:
        base = layout.styles[f"Text {column.lang}"]
        text_style = base
        if isinstance(base.hyphenationLang, str) and base.hyphenationLang:
            hyphenator = _Hyphenator(base.hyphenationLang, column.lang, names)
            text_style = ParagraphStyle(base.name, parent=base, hyphenationLang=hyphenator)
        heading_style = layout.styles[f"Heading {column.lang}"]
        cell = row.cell(column.lang)
        paragraphs: list[Flowable] = [
            _Paragraph(
                _text_markup(t, column.lang),
                heading_style if t.kind == "heading" else text_style,
            )
            for t in cell.paragraphs()
        ]
        cells.append(paragraphs + _note_flowables(cell.notes, base) or "")
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, _GRID),
        ("FONTNAME", (0, 0), (-1, -1), FONT_FAMILY),  # for empty cells, else Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), _PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD / 2),
    ]
    if shade:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(f"#{shade.fill}")))
    first = layout.styles[f"Text {columns[0].lang}"]
    flowable = _RowTable(
        [cells],
        colWidths=list(layout.widths),
        style=commands,
        splitByRow=0,
        splitInRow=1,
        line=first.leading,
        pattern=shade.pattern if shade else None,
    )
    flowable.keepWithNext = row.heading  # a heading never ends a page alone
    return flowable


def _fill(row: Row) -> str:
    return row.shade.fill if row.shade is not None else "FFFFFF"


def _band(row: Row, layout: _Layout) -> RLTable:
    """Return the labelled row that opens a run of text some languages lack."""
    label = Paragraph(f"<i>{_markup(row.band or '')}</i>", layout.styles["band"])
    band = RLTable(
        [[label]],
        colWidths=[sum(layout.widths)],
        style=[
            ("GRID", (0, 0), (-1, -1), 0.5, _GRID),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(f"#{_fill(row)}")),
            ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
            ("TOPPADDING", (0, 0), (-1, -1), _PAD),
            ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD),
        ],
    )
    band.keepWithNext = True  # never the last line of a page
    return band


def _draw_pattern(canvas: Canvas, pattern: Pattern, x: float, y: float, w: float, h: float) -> None:
    """Draw a flag's pattern in grey lines or dots over the rectangle, clipped to it."""
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(x, y, w, h)
    canvas.clipPath(clip, stroke=0, fill=0)
    canvas.setStrokeColor(_PATTERN_GREY)
    canvas.setFillColor(_PATTERN_GREY)
    canvas.setLineWidth(0.6)
    step = 3.0
    if pattern == "dots":
        for i in range(int(w / step) + 1):
            for j in range(int(h / step) + 1):
                canvas.circle(x + (i + 0.5) * step, y + (j + 0.5) * step, 0.45, stroke=0, fill=1)
    if pattern in ("diagonal", "cross"):
        for k in range(int((w + h) / step) + 1):
            o = k * step - h
            canvas.line(x + o, y, x + o + h, y + h)
    if pattern == "cross":
        for k in range(int((w + h) / step) + 1):
            o = k * step - h
            canvas.line(x + o, y + h, x + o + h, y)
    if pattern == "horizontal":
        for k in range(int(h / step) + 1):
            canvas.line(x, y + (k + 0.5) * step, x + w, y + (k + 0.5) * step)
    if pattern == "vertical":
        for k in range(int(w / step) + 1):
            canvas.line(x + (k + 0.5) * step, y, x + (k + 0.5) * step, y + h)
    canvas.restoreState()


class _Swatch(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A small rectangle in a flag's colour and pattern, for the legend."""

    def __init__(self, shade: Shade) -> None:
        super().__init__()
        self._shade = shade
        self.width, self.height = 9 * mm, 3.2 * mm

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setFillColor(colors.HexColor(f"#{self._shade.fill}"))
        self.canv.setStrokeColor(_GRID)
        self.canv.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        _draw_pattern(self.canv, self._shade.pattern, 0, 0, self.width, self.height)


def _legend(table: Table, locale: str) -> Flowable:
    """Say before the first row what each marking means, one line a kind, in ``locale``."""
    words = labels(locale)
    style = ParagraphStyle("legend", fontName=FONT_FAMILY, fontSize=7.5, leading=9)
    rows: list[list[Any]] = [[Paragraph(f"<b>{_markup(words['marked_rows'])}</b>", style), ""]]
    said = [f"{shade.marker}  {words[shade.kind]}" for shade in table.legend]
    rows += [
        [_Swatch(shade), Paragraph(_markup(text), style)]
        for shade, text in zip(table.legend, said, strict=True)
    ]
    label = max(pdfmetrics.stringWidth(text, FONT_FAMILY, 7.5) for text in said)
    legend = RLTable(rows, colWidths=[12 * mm, label + 2 * _PAD], hAlign="LEFT")
    legend.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT_FAMILY),
            ("SPAN", (0, 0), (1, 0)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
        ]
    )
    return legend


class _Hyphenator:
    """Hyphenate one cell's words by its language's patterns, as reportlab asks.

    Names and short words (:func:`languages.typography.keep_whole`) stay whole, and so does
    each word whose call :class:`_Paragraph` refused, to keep at most two hyphenated line
    ends in a row. Calls are counted from the start of each line breaking.
    """

    def __init__(self, dictionary: str, lang: str, names: frozenset[str]) -> None:
        self._dictionary = dictionary
        self._lang = lang
        self._names = names
        self.calls: list[str] = []
        self.refused: set[int] = set()

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        index = len(self.calls)
        self.calls.append(word)
        if index in self.refused or keep_whole(word, self._lang, names=self._names):
            return iter(())
        return iter(hyphenator(self._dictionary).iterate(word))

    def call_of(self, heads: Sequence[str]) -> list[int | None]:
        """Return, for each hyphenated line head in order, the call that made it."""
        found: list[int | None] = []
        start = 0
        for head in heads:
            index = next(
                (
                    i
                    for i in range(start, len(self.calls))
                    if self.calls[i].startswith(head) and len(self.calls[i]) > len(head)
                ),
                None,
            )
            found.append(index)
            if index is not None:
                start = index + 1
        return found


class _Paragraph(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A paragraph that ends at most two lines in a row with a hyphen it added."""

    _MOST_IN_A_ROW = 2

    def breakLines(self, width: Any) -> Any:  # noqa: N802 - reportlab's name
        hyphenator = self.style.hyphenationLang
        if not isinstance(hyphenator, _Hyphenator):
            return super().breakLines(width)
        hyphenator.refused = set()
        while True:
            hyphenator.calls = []
            broken = super().breakLines(width)
            ends = [_hyphen_head(line) for line in broken.lines]
            heads = [end for end in ends if end is not None]
            calls = iter(hyphenator.call_of(heads))
            run = 0
            refuse = None
            for end in ends:
                run = run + 1 if end is not None else 0
                call = next(calls) if end is not None else None
                if run > self._MOST_IN_A_ROW and call is not None:
                    refuse = call
                    break
            if refuse is None:
                return broken
            hyphenator.refused.add(refuse)


def _hyphen_head(line: Any) -> str | None:
    """Return the head of the word a broken line ends with a hyphen added, else None."""
    if isinstance(line, tuple):
        last = line[1][-1] if line[1] else ""
        if not isinstance(last, _SplitWordHY):
            return None
        text = str(last)
    else:
        text = "".join(getattr(frag, "text", "") for frag in line.words).rstrip()
        if not text.endswith("-") or len(text) < 2 or not text[-2].isalpha():
            return None
    word = text.rsplit(None, 1)[-1][:-1]
    return word.lstrip("\"'([{¿‘‚“„«")


def _text_markup(text: Text, lang: str) -> str:
    """Return reportlab Paragraph markup for one paragraph of a cell, each note's mark
    raised where the text calls it.

    >>> _text_markup(Text("x", "A < B & C", "paragraph", "x", "Q:"), "en")
    '<b>Q:</b> A &lt; B &amp; C'
    >>> _text_markup(Text("x", "12,5\u202fmillions", "heading", "x"), "fr")
    '<b>12,5\xa0millions</b>'
    >>> _text_markup(Text("x", "Done, now.", "paragraph", "x", notes=(Note("2", "", 5),)), "en")
    'Done,<super>2</super> now.'
    """
    body = "".join(
        _markup(bind(piece, lang)) + (f"<super>{escape(note.n)}</super>" if note else "")
        for piece, note in text.pieces()
    )
    if text.kind == "heading":
        body = f"<b>{body}</b>"
    if text.speaker:
        body = f"<b>{_markup(text.speaker)}</b> {body}"
    return body


def _note_flowables(notes: Sequence[Note], style: ParagraphStyle) -> list[Flowable]:
    """Return a cell's notes, after its text, in smaller type: "2 The text of the note"."""
    small = ParagraphStyle(
        f"{style.name} note", parent=style, fontSize=style.fontSize * 0.8,
        leading=style.leading * 0.8, spaceBefore=style.leading * 0.3,
    )  # fmt: skip
    return [Paragraph(f"<super>{escape(n.n)}</super> {_markup(n.text)}", small) for n in notes]


def _markup(text: str) -> str:
    """Escape ``text`` for a Paragraph, setting what Fira Sans lacks in the fallback font.

    >>> _markup("non\u2010self\u2011governing <b>")
    'non-self<font name="NotoSans">\u2011</font>governing &lt;b&gt;'
    """
    return "".join(
        f'<font name="{font}">{escape(piece)}</font>' if font != FONT_FAMILY else escape(piece)
        for font, piece in _runs(text)
    )


def _runs(text: str) -> list[tuple[str, str]]:
    """Split ``text`` (made printable) into runs, each with the font family that draws it.

    >>> _runs("5\u2032 \u2010 x")
    [('FiraSans', '5'), ('NotoSans', '\u2032'), ('FiraSans', ' - x')]
    """
    primary, fallback = _coverage()
    printable = text.translate(_PRINTABLE)
    return [
        (font, "".join(chars))
        for font, chars in itertools.groupby(
            printable,
            key=lambda ch: (
                FALLBACK_FAMILY if ord(ch) not in primary and ord(ch) in fallback else FONT_FAMILY
            ),
        )
    ]


def _draw_string(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    bold: bool = False,
    anchor: str = "start",
) -> None:
    """Draw one line on the page (header, footer), with the fallback font where needed."""
    runs = [
        (f"{font}-Bold" if bold and font == FONT_FAMILY else font, piece)
        for font, piece in _runs(text)
    ]
    width = sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in runs)
    x -= {"start": 0.0, "middle": width / 2, "end": width}[anchor]
    for font, piece in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, font, size)


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    for root, files in (
        (fontpkg_fira_sans.ROOT, _FONT_FILES),
        (fontpkg_noto_sans.ROOT, _FALLBACK_FILES),
    ):
        for name, filename in files.items():
            pdfmetrics.registerFont(TTFont(name, str(root / "files" / filename)))
    pdfmetrics.registerFontFamily(
        FONT_FAMILY,
        normal=FONT_FAMILY,
        bold=f"{FONT_FAMILY}-Bold",
        italic=f"{FONT_FAMILY}-Italic",
        boldItalic=f"{FONT_FAMILY}-BoldItalic",
    )
    # one weight only: a fallback character in a heading is drawn regular
    pdfmetrics.registerFontFamily(
        FALLBACK_FAMILY,
        normal=FALLBACK_FAMILY,
        bold=FALLBACK_FAMILY,
        italic=f"{FALLBACK_FAMILY}-Italic",
        boldItalic=f"{FALLBACK_FAMILY}-Italic",
    )


@lru_cache(maxsize=1)
def _coverage() -> tuple[frozenset[int], frozenset[int]]:
    """Return the code points Fira Sans draws and those the fallback font draws."""
    _register_fonts()
    return (
        frozenset(pdfmetrics.getFont(FONT_FAMILY).face.charToGlyph),
        frozenset(pdfmetrics.getFont(FALLBACK_FAMILY).face.charToGlyph),
    )


def unprintable(text: str) -> str:
    """Return the characters of ``text`` no font of the PDF can draw, each once, in order.

    Spaces and control characters are not drawn and never count.

    >>> unprintable("non\u2010self\u2011governing, 12\u202f% \u2030 \u2116 5\u2032")
    ''
    >>> unprintable("水 and 水")
    '水'
    """
    primary, fallback = _coverage()
    return "".join(
        dict.fromkeys(
            ch
            for ch in text.translate(_PRINTABLE)
            if ord(ch) not in primary
            and ord(ch) not in fallback
            and not ch.isspace()
            and ch.isprintable()
        )
    )


def _missing_glyphs(table: Table) -> tuple[str, ...]:
    """Say which characters no font can draw (they would print as blanks)."""
    missing = sorted(
        unprintable(
            "".join(
                text.text + (text.speaker or "")
                for row in table.rows
                for cell in row.cells
                for text in cell.texts
            )
        )
    )
    if not missing:
        return ()
    shown = "".join(missing[:20]) + ("…" if len(missing) > 20 else "")
    return (
        f"{len(missing)} characters have no glyph in Fira Sans or Noto Sans "
        f"and print blank: {shown}",
    )
