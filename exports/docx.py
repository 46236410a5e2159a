"""Render a document as a Word file: the languages side by side in one table.

The file is meant for translators who edit and compare in Word or LibreOffice: fixed
column widths both programs keep, a header row repeated on every page, every run tagged
with its language for the spell-checker, one paragraph style per language, and flagged
rows shaded with a comment that says why. It prints like the PDF: set in Fira Sans
(OFL 1.1), embedded so no other font is substituted, hyphenated automatically by each
run's language (headings never), and a heading row kept on the page of the row after it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence

import docx
import fontpkg_fira_sans
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from aligner.errors import FormatError
from aligner.model import Document, Level, Note
from exports import ExportOptions, Rendered, _wordml, output
from exports._review import ReviewedRow, ReviewedTable, holds_part
from exports._stamp import export_time, restamp_zip, utc_time
from exports.table import (
    FLAG_SHADES,
    Column,
    Row,
    Table,
    build_table,
    hyphenation_dictionary,
    hyphenator,
    page_table,
    shared_words,
)
from languages.messages import say, speaking
from languages.profiles import interface, language_name, language_tag
from languages.typography import bind, keep_whole, labels

__all__ = ["read", "recognise", "render"]

# Page sizes in twips (1/1440 inch), portrait.
_PAGES = {"A4": (11906, 16838), "Letter": (12240, 15840)}
_MARGIN = 1134  # 2 cm
_MARGIN_LANDSCAPE = 850  # 1.5 cm: five columns need the room
_NUMBER_WIDTH = 567  # 1 cm for the bead number
_HEADER_FILL = "D9D9D9"
_AUTHOR = "aligner"
NOTE_STYLE = "Aligner note"  # the style of a note a text calls, after the text in its cell
# w:shd patterns for the pattern names of exports.table.FLAG_SHADES: thin, grey, legible
_PATTERNS = {
    "diagonal": "thinDiagStripe",
    "cross": "thinDiagCross",
    "horizontal": "thinHorzStripe",
    "vertical": "thinVertStripe",
    "dots": "pct10",
}
_FONT_NAME = "Fira Sans"
_FONT_FILES = {"Regular": "FiraSans-Regular.ttf", "Bold": "FiraSans-Bold.ttf"}
# Rows up to this many lines (estimated) move to the next page whole instead of leaving a
# line or two at the foot of the page; longer rows split, as they must.
_KEEP_LINES = 12


def render(documents: Sequence[Document], langs: Sequence[str], options: ExportOptions) -> Rendered:
    """Render the one document in ``documents`` as a DOCX file."""
    document, table = page_table(documents, langs, options, fmt="DOCX")
    data = _build(document, table, options)
    return Rendered((output("docx", data),))


def _build(document: Document, table: Table, options: ExportOptions) -> bytes:
    word = docx.Document()
    landscape = len(table.columns) >= 3
    text_width = _page_setup(word, options, landscape=landscape)
    size = Pt(9) if len(table.columns) >= 4 else Pt(10)
    style_ids = _styles(word, table.columns, size)
    _print_setup(word)
    _header_footer(word, table, options, text_width)
    line = _line_length(text_width, len(table.columns), size.pt)
    if options.flags:
        _legend(word, table, options)
    _side_by_side(word, table, options, text_width, style_ids, line)
    stamp = export_time([document])
    _properties(word, document, table, stamp)
    if options.flags:
        _date_comments(word, stamp)
    out = io.BytesIO()
    word.save(out)
    return restamp_zip(out.getvalue(), stamp)


def _page_setup(word: WordDocument, options: ExportOptions, *, landscape: bool) -> int:
    """Size the page and return the width between the margins, in twips."""
    width, height = _PAGES[options.page_size]
    section = word.sections[0]
    margin = _MARGIN_LANDSCAPE if landscape else _MARGIN
    if landscape:
        width, height = height, width
        section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width = Twips(width)
    section.page_height = Twips(height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Twips(margin))
    section.header_distance = Twips(margin // 2)
    section.footer_distance = Twips(margin // 2)
    return width - 2 * margin


def _print_setup(word: WordDocument) -> None:
    """Set every style in the embedded Fira Sans and switch on automatic hyphenation."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    rpr = None if defaults is None else defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is not None:
        _wordml.set_fonts(rpr, _FONT_NAME)
    for style in word.styles.element.iterfind(qn("w:style")):
        fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None:  # a theme font here would win over the default
            _wordml.set_fonts(style.find(qn("w:rPr")), _FONT_NAME)
    root = fontpkg_fira_sans.ROOT / "files"
    _wordml.embed_font(
        word, _FONT_NAME, {style: (root / name).read_bytes() for style, name in _FONT_FILES.items()}
    )
    _wordml.set_setting(word.settings.element, "w:autoHyphenation")
    # at most two hyphenated line ends in a row (Word; LibreOffice reads it as its own)
    _wordml.set_setting(word.settings.element, "w:consecutiveHyphenLimit", "2")


def _styles(word: WordDocument, columns: Sequence[Column], size: Pt) -> dict[str, str]:
    """Add one paragraph style per language ("Text de") and one for bead numbers.

    Return their style ids by language code, and the number style's under "#".
    """
    ids: dict[str, str] = {}
    styles = word.styles
    normal = styles["Normal"]
    for column in columns:
        style = styles.add_style(f"Text {column.lang}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        style.font.size = size
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.line_spacing = 1.1
        _wordml.set_lang(style.element, column.tag)
        ids[column.lang] = style.style_id
    # bead numbers are what a reader quotes: a size below the text's, dark, never faint
    number = styles.add_style("Bead number", WD_STYLE_TYPE.PARAGRAPH)
    number.base_style = normal
    number.font.size = Pt(size.pt - 1)
    number.font.bold = True
    number.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
    number.paragraph_format.space_after = Pt(0)
    ids["#"] = number.style_id
    # a note the text calls, after the cell's text; a reviewed file's text leaves it out
    note = styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(size.pt - 2)
    note.paragraph_format.space_after = Pt(2)
    ids["note"] = note.style_id
    return ids


def _header_footer(word: WordDocument, table: Table, options: ExportOptions, width: int) -> None:
    section = word.sections[0]
    word.styles["Header"].font.size = Pt(9)
    word.styles["Footer"].font.size = Pt(8)
    word.styles["Footer"].font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    head = section.header.paragraphs[0]
    stops = head.paragraph_format.tab_stops
    if head.style is not None:
        # the template's Header style centres at 3.25 in, which would pull the date onto
        # the title; clear its stops and keep one at the right margin
        for stop in head.style.paragraph_format.tab_stops:
            stops.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(Twips(width), WD_TAB_ALIGNMENT.RIGHT)
    title = _run(head, table.title, _main_tag(table))
    title.bold = True
    if table.date:
        date = bind(interface(options.locale).format_date(table.date), options.locale)
        _run(head, "\t" + date, _ui_tag(options))
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tag = _ui_tag(options)
    for piece in re.split(r"(\{page\}|\{pages\})", interface(options.locale).page_of):
        if piece == "{page}":
            _wordml.add_field(foot._p, "PAGE", "1", lang=tag)
        elif piece == "{pages}":
            _wordml.add_field(foot._p, "NUMPAGES", "1", lang=tag)
        elif piece:
            _run(foot, piece, tag)


def _side_by_side(
    word: WordDocument,
    table: Table,
    options: ExportOptions,
    width: int,
    style_ids: dict[str, str],
    line: int,
) -> None:
    columns = table.columns
    each = (width - _NUMBER_WIDTH) // len(columns)
    widths = [_NUMBER_WIDTH] + [each] * len(columns)
    widths[-1] += width - sum(widths)  # rounding goes to the last column
    grid = word.add_table(rows=1, cols=1 + len(columns))
    grid.style = word.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl = grid._tbl
    _wordml.set_fixed_widths(grid, widths)
    _wordml.set_cell_margins(tbl, top=40, side=85, bottom=40)

    header = grid.rows[0]
    _wordml.repeat_as_header(header._tr)
    _wordml.cant_split(header._tr)
    _fill_cell(header.cells[0], "#", style_ids["#"], _ui_tag(options), bold=True)
    _wordml.shade(header.cells[0]._tc, _HEADER_FILL)
    for cell, column in zip(header.cells[1:], columns, strict=True):
        _fill_cell(cell, column.name, style_ids[column.lang], column.tag, bold=True)
        _wordml.shade(cell._tc, _HEADER_FILL)

    for row in table.rows:
        if options.flags and row.band:
            _band(grid.add_row(), row, style_ids["#"], _said_tag(options))
        word_row = grid.add_row()
        if _lines(row, line) <= _KEEP_LINES:
            _wordml.cant_split(word_row._tr)
        cells = word_row.cells
        number = _fill_cell(cells[0], str(row.number), style_ids["#"], _ui_tag(options))
        for cell, column in zip(cells[1:], columns, strict=True):
            _fill_texts(cell, row, column, style_ids[column.lang])
            _fill_notes(cell, row.cell(column.lang).notes, style_ids["note"], column.tag)
        if row.heading:
            # every paragraph of the row keeps with the next: Word and LibreOffice then
            # keep the whole row with the row after it
            for cell in cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
        shade = row.shade  # set exactly when the row has flags
        if options.flags and shade:
            # LibreOffice flattens a pattern into one pale colour: the marker under the
            # number tells the kinds apart in black and white in every program
            marker = cells[0].add_paragraph()
            _wordml.set_style(marker._p, style_ids["#"])
            _run(marker, shade.marker, _ui_tag(options))
            for cell in cells:
                _wordml.shade(cell._tc, shade.fill, _PATTERNS[shade.pattern])
            said = _reasons(row, options.locale)
            comment = word.add_comment(number, text=said, author=_AUTHOR, initials="AL")
            for paragraph in comment.paragraphs:
                for run in paragraph.runs:
                    _wordml.set_lang(run._r, _said_tag(options))


def _band(band: _Row, row: Row, style_id: str, tag: str) -> None:
    """Make ``band`` the labelled row, across the table, that opens a run some languages lack."""
    _wordml.cant_split(band._tr)
    cell = band.cells[0].merge(band.cells[-1])
    label = _fill_cell(cell, row.band or "", style_id, tag)
    label.italic = True
    cell.paragraphs[0].paragraph_format.keep_with_next = True  # never alone at a page foot
    if row.shade is not None:
        _wordml.shade(cell._tc, row.shade.fill, _PATTERNS[row.shade.pattern])


def _legend(word: WordDocument, table: Table, options: ExportOptions) -> None:
    """Say above the table, in the locale, what each marker and shading means."""
    if not table.legend:
        return
    paragraph = word.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(6)
    tag = _ui_tag(options)
    words = labels(options.locale)
    label = _run(paragraph, words["marked_rows"], tag)
    label.bold = True
    for shade in table.legend:
        _run(paragraph, "  ", tag)
        swatch = _run(paragraph, f"\u00a0{shade.marker}\u00a0", tag)
        swatch.bold = True
        _wordml.shade(swatch._r, shade.fill, _PATTERNS[shade.pattern])
        _run(paragraph, f" {words[shade.kind]}", tag)
    for run in paragraph.runs:
        run.font.size = Pt(8)


def _line_length(width: int, columns: int, size: float) -> int:
    """Estimate how many characters fit on a line of one language column.

    >>> _line_length(9638, 2, 10.0)
    45
    """
    column_points = (width - _NUMBER_WIDTH) / columns / 20
    return max(10, int(column_points / (size * 0.5)))  # an average letter is half an em


def _lines(row: Row, line: int) -> int:
    """Estimate the height of a row in lines: its tallest cell's."""
    return max(
        (sum(-(-len(t.text) // line) for t in cell.paragraphs()) for cell in row.cells),
        default=0,
    )


def _reasons(row: Row, locale: str) -> str:
    """Say why a row is flagged, for its Word comment, in ``locale``."""
    reasons = row.reasons
    return say(
        "comment",
        locale,
        number=row.number,
        bead=row.bead,
        reasons=reasons[0].upper() + reasons[1:],
    )


def _fill_cell(cell: _Cell, text: str, style_id: str, tag: str, *, bold: bool = False) -> Run:
    paragraph = cell.paragraphs[0]
    _wordml.set_style(paragraph._p, style_id)
    run = _run(paragraph, text, tag)
    run.bold = bold or None
    return run


def _fill_texts(cell: _Cell, row: Row, column: Column, style_id: str) -> None:
    names = shared_words(row)
    paragraph = cell.paragraphs[0]
    _wordml.set_style(paragraph._p, style_id)  # the style carries the language, even if empty
    for i, text in enumerate(row.cell(column.lang).paragraphs()):
        if i:
            paragraph = cell.add_paragraph()
            _wordml.set_style(paragraph._p, style_id)
        if text.speaker:
            label = _run(paragraph, text.speaker + " ", column.tag)
            label.bold = True
        heading = text.kind == "heading"
        bound = bind(text.text, column.lang)
        pieces = [(bound, False)] if heading else whole_words(bound, column.lang, names)
        for piece, whole in pieces:
            run = _run(paragraph, piece, column.tag)
            run.bold = heading or None
            if whole:
                _wordml.keep_whole(run._r)
        if heading:
            # a hyphen in a title reads as a typo
            _wordml.child(paragraph._p.get_or_add_pPr(), "w:suppressAutoHyphens")


def _fill_notes(cell: _Cell, notes: Sequence[Note], style_id: str, tag: str) -> None:
    """Put the notes a cell's text calls after it, each its mark raised, in small type."""
    for note in notes:
        paragraph = cell.add_paragraph()
        _wordml.set_style(paragraph._p, style_id)
        _run(paragraph, note.n, tag).font.superscript = True
        _run(paragraph, f" {note.text}", tag)


_WORD = re.compile(r"[^\W\d_]+")


def whole_words(text: str, lang: str, names: frozenset[str]) -> list[tuple[str, bool]]:
    """Cut ``text`` into runs, telling those a hyphenator must leave whole (names, short words).

    Words :func:`languages.typography.keep_whole` keeps whole and the language's patterns
    could break go in runs of their own (with the spaces between two of them), so that Word
    and LibreOffice can be told not to hyphenate them; the rest stays in runs as long as it
    can be. A language without patterns is hyphenated by neither: nothing is cut out.

    >>> whole_words("Frau Helga Schmidt eröffnet heute", "de", frozenset({"Helga"}))
    [('Frau ', False), ('Helga', True), (' Schmidt eröffnet ', False), ('heute', True)]
    >>> whole_words("Helga Brown opened it", "en", frozenset())  # "Brown" has no break
    [('Helga', True), (' Brown opened it', False)]
    """
    dictionary = hyphenation_dictionary(lang)
    if not dictionary:
        return [(text, False)]
    patterns = hyphenator(dictionary)
    pieces: list[tuple[str, bool]] = []
    at = 0
    for found in _WORD.finditer(text):
        word = found.group()
        if not keep_whole(word, lang, names=names) or not patterns.positions(word):
            continue
        between = text[at : found.start()]
        if pieces and pieces[-1][1] and not between.strip():
            pieces[-1] = (pieces[-1][0] + between + word, True)
        else:
            if between:
                pieces.append((between, False))
            pieces.append((word, True))
        at = found.end()
    if at < len(text) or not pieces:
        pieces.append((text[at:], False))
    return pieces


def _run(paragraph: Paragraph, text: str, tag: str) -> Run:
    run = paragraph.add_run(text)
    _wordml.set_lang(run._r, tag)
    return run


def _main_tag(table: Table) -> str:
    return next((c.tag for c in table.columns if c.lang == table.main), language_tag(table.main))


def _ui_tag(options: ExportOptions) -> str:
    return interface(options.locale).tag


def _said_tag(options: ExportOptions) -> str:
    """Return the language tag of the messages (reasons, bands) said in the locale."""
    return interface(speaking(options.locale)).tag


def _properties(word: WordDocument, document: Document, table: Table, stamp: dt.datetime) -> None:
    props = word.core_properties
    names = " | ".join(c.name for c in table.columns)
    props.title = table.title
    props.subject = f"Side-by-side text: {names}"
    props.keywords = ", ".join(table.langs)
    props.language = _main_tag(table)
    props.author = document.publisher or _AUTHOR
    props.last_modified_by = _AUTHOR
    props.comments = f"Made by aligner {document.app_version}".rstrip()
    props.identifier = document.uuid
    props.revision = max(1, len(document.changes))
    # what a reviewed copy needs to be read back: the level of its rows, and how many
    # corrections the document had (its rows are numbered as that revision showed them)
    props.category = f"{table.level} level"
    props.version = str(len(document.changes))
    props.created = utc_time(document.created, document)
    props.modified = stamp


def _date_comments(word: WordDocument, stamp: dt.datetime) -> None:
    """Date the comments with the document's time, not the clock's, so output is stable."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    for comment in word.comments:
        # python-docx exposes no setter for the date; the element is the w:comment
        comment._element.set(qn("w:date"), when)


def recognise(data: bytes) -> bool:
    """Tell whether ``data`` is a Word document."""
    return holds_part(data, "word/document.xml")


def read(data: bytes, document: Document, *, path: str) -> ReviewedTable:
    """Read a reviewed DOCX table back: its rows by the ``#`` column, its texts by language.

    The ``#`` cell holds the row's number in the exported table (``document`` says which
    bead that is, at the level the file's properties name) and, after it, what the reviewer
    marked. A file exported from an earlier revision is refused: its numbers name rows the
    document no longer has in that order.
    """
    try:
        word = docx.Document(io.BytesIO(data))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise FormatError(f"cannot read the document: {exc}", path=path) from None
    grid = next((t for t in word.tables if t.rows and t.rows[0].cells[0].text.strip() == "#"), None)
    if grid is None:
        raise FormatError(
            "no side-by-side table with a '#' column: not an aligner export", path=path
        )
    props = word.core_properties
    exported_after = props.version.strip()
    if exported_after.isdigit() and int(exported_after) != len(document.changes):
        raise FormatError(
            f"the document changed since this DOCX was exported ({exported_after} corrections "
            f"then, {len(document.changes)} now) and the DOCX names rows by number: export it "
            "again, or review an XLSX or CSV table, whose rows name their text",
            path=path,
        )
    level: Level = "sentence" if props.category.startswith("sentence") else "paragraph"
    names = {language_name(lang): lang for lang in document.langs}
    heads = [c.text.strip() for c in grid.rows[0].cells[1:]]
    unknown = [h for h in heads if h not in names]
    if unknown:
        raise FormatError(f"column {unknown[0]!r} is not a language of the document", path=path)
    langs = [names[h] for h in heads]
    exported = build_table(document, langs, level=level).rows
    markers = {shade.marker for shade in FLAG_SHADES.values()}  # under a flagged row's number
    rows = []
    for index, row in enumerate(grid.rows[1:], start=2):
        cells = row.cells
        if len({id(cell._tc) for cell in cells}) == 1:
            continue  # a band across the table that says what some versions lack
        first = cells[0].text.strip()
        number = "".join(ch for ch in first if ch.isdigit()) if first[:1].isdigit() else ""
        mark = first[len(number) :].strip() if number else first
        mark = mark[1:].strip() if mark[:1] in markers else mark
        if number and not 1 <= int(number) <= len(exported):
            raise FormatError(f"table row {index}: there is no bead number {number}", path=path)
        shown = exported[int(number) - 1] if number else None
        texts = {
            lang: "\n\n".join(p.text for p in cell.paragraphs if p.style.name != NOTE_STYLE)
            for lang, cell in zip(langs, cells[1:], strict=False)
        }
        ref = (tuple(t.id for c in shown.cells for t in c.texts),) if shown else ()
        rows.append(ReviewedRow(index, shown.bead if shown else None, mark, texts, ref))
    return ReviewedTable({lang: language_name(lang) for lang in langs}, tuple(rows), level)
