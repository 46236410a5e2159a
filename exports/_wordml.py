"""Write the bits of WordprocessingML that python-docx has no API for.

python-docx's element classes keep schema child order for the elements they declare
(``get_or_add_rPr()``, ``_add_tblLayout()``, ``CT_PPr.style``); we use them wherever they
exist. For the few elements they do not declare (``w:lang``, ``w:tblHeader``,
``w:cantSplit``, ``w:shd`` in a cell, ``w:tblW``, ``w:tblCellMar``) :data:`_SUCCESSORS`
lists what may follow each in ECMA-376 part 1, and python-docx's
``insert_element_before`` puts it in its place: Word rejects a file whose property
elements are out of order, and LibreOffice silently ignores some of them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.oxml.table import CT_Row, CT_Tbl, CT_Tc
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.shared import Twips
from docx.table import Table
from lxml import etree

__all__ = [
    "add_field",
    "cant_split",
    "child",
    "embed_font",
    "set_fonts",
    "set_setting",
    "repeat_as_header",
    "set_cell_margins",
    "set_fixed_widths",
    "set_lang",
    "set_style",
    "shade",
]

_TRPR_AFTER_HEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")
_TBLPR_AFTER_MARGINS = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
# (owner, element) -> the elements that may follow it, for those python-docx does not declare
_SUCCESSORS: dict[tuple[str, str], tuple[str, ...]] = {
    ("w:rPr", "w:lang"): ("w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange"),
    ("w:trPr", "w:cantSplit"): ("w:trHeight", "w:tblHeader", *_TRPR_AFTER_HEADER),
    ("w:trPr", "w:tblHeader"): _TRPR_AFTER_HEADER,
    ("w:rPr", "w:shd"): (
        "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
        "w:specVanish", "w:oMath", "w:rPrChange",
    ),
    ("w:tcPr", "w:shd"): (
        "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
        "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
    ),
    ("w:tblPr", "w:tblW"): (
        "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
        "w:tblCellMar", *_TBLPR_AFTER_MARGINS,
    ),
    ("w:tblPr", "w:tblCellMar"): _TBLPR_AFTER_MARGINS,
    ("w:pPr", "w:suppressAutoHyphens"): (
        "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
        "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
        "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
        "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
        "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
    ),
}  # fmt: skip
# Child order of w:settings (CT_Settings) up to the ones we set, and what follows them.
_SETTINGS_BEFORE = {
    "w:embedTrueTypeFonts": (
        "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation",
        "w:removeDateAndTime", "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape",
        "w:printPostScriptOverText", "w:printFractionalCharacterWidth", "w:printFormsData",
    ),
    "w:autoHyphenation": (
        "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation",
        "w:removeDateAndTime", "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape",
        "w:printPostScriptOverText", "w:printFractionalCharacterWidth", "w:printFormsData",
        "w:embedTrueTypeFonts", "w:embedSystemFonts", "w:saveSubsetFonts", "w:saveFormsData",
        "w:mirrorMargins", "w:alignBordersAndEdges", "w:bordersDoNotSurroundHeader",
        "w:bordersDoNotSurroundFooter", "w:gutterAtTop", "w:hideSpellingErrors",
        "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState", "w:formsDesign",
        "w:attachedTemplate", "w:linkStyles", "w:stylePaneFormatFilter",
        "w:stylePaneSortMethod", "w:documentType", "w:mailMerge", "w:revisionView",
        "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting",
        "w:documentProtection", "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet",
        "w:defaultTabStop",
    ),
}  # fmt: skip
_SETTINGS_BEFORE["w:consecutiveHyphenLimit"] = (
    *_SETTINGS_BEFORE["w:autoHyphenation"], "w:autoHyphenation",
)  # fmt: skip
_PATTERN_GREY = "808080"
_FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
_OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"


def child(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    """Put a new ``tag`` child into ``parent`` where the schema wants it and return it.

    An existing child of that tag is replaced: property elements occur once.
    """
    existing = parent.find(qn(tag))
    if existing is not None:
        parent.remove(existing)
    add = getattr(parent, f"_add_{tag.split(':')[1]}", None)  # python-docx knows the place
    if add is not None:
        element: etree._Element = add()
    else:
        owner = "w:" + etree.QName(parent).localname
        element = OxmlElement(tag)
        parent.insert_element_before(element, *_SUCCESSORS[owner, tag])  # type: ignore[attr-defined]
    for name, value in (attrs or {}).items():
        element.set(qn(name), value)
    return element


def set_lang(owner: etree._Element, tag: str) -> None:
    """Tag a run or a style (``w:r`` or ``w:style``) with a language, e.g. ``de-DE``.

    The same tag goes into all three slots so Word's spell-checker picks it whatever
    script class it assigns to the characters.
    """
    properties = owner.get_or_add_rPr()  # type: ignore[attr-defined]
    child(properties, "w:lang", {"w:val": tag, "w:eastAsia": tag, "w:bidi": tag})


def keep_whole(run: etree._Element) -> None:
    """Tell Word and LibreOffice not to hyphenate the words of ``run`` (names, short words).

    Neither has a run property that says so; both hyphenate by the run's language and
    leave text in a language without patterns whole, so the run is marked as having no
    linguistic content (``zxx``), as names are, which also spares it the spell-checker.
    """
    properties = run.get_or_add_rPr()  # type: ignore[attr-defined]
    child(properties, "w:lang", {"w:val": "zxx", "w:eastAsia": "zxx", "w:bidi": "zxx"})


def set_style(paragraph: CT_P, style_id: str) -> None:
    """Give a paragraph a paragraph style by its id (``TextDe``), not its name.

    python-docx's ``Paragraph.style`` resolves a name by scanning every style each time,
    which costs seconds on a long table; its ``CT_PPr.style`` takes the id.
    """
    paragraph.get_or_add_pPr().style = style_id


def repeat_as_header(row: CT_Row) -> None:
    """Make a table row repeat at the top of every page."""
    child(row.get_or_add_trPr(), "w:tblHeader", {"w:val": "true"})


def cant_split(row: CT_Row) -> None:
    """Keep a table row on one page."""
    child(row.get_or_add_trPr(), "w:cantSplit", {"w:val": "true"})


def set_fixed_widths(table: Table, widths: Sequence[int]) -> None:
    """Give a table fixed column widths in twips that Word and LibreOffice keep.

    Word reads the cell widths, LibreOffice the grid; both need the fixed layout and the
    total table width, or they re-flow the columns to the text. Rows added later take
    their cell widths from the grid.
    """
    table.autofit = False
    child(table._tbl.tblPr, "w:tblW", {"w:w": str(sum(widths)), "w:type": "dxa"})
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Twips(width)


def set_cell_margins(table: CT_Tbl, *, top: int, side: int, bottom: int) -> None:
    """Set the default inner margins of a table's cells, in twips."""
    margins = child(table.tblPr, "w:tblCellMar")
    # CT_TblCellMar order: top, left (start), bottom, right (end)
    for tag, value in (("w:top", top), ("w:left", side), ("w:bottom", bottom), ("w:right", side)):
        margins.append(OxmlElement(tag, attrs={qn("w:w"): str(value), qn("w:type"): "dxa"}))


def shade(owner: CT_Tc | CT_R, fill: str, pattern: str = "clear") -> None:
    """Shade a cell (``w:tc``) or a run (``w:r``) with a colour given as ``RRGGBB``.

    ``pattern`` is a ``w:shd`` pattern (``thinDiagStripe``, ``pct10``...) drawn in grey over
    the colour, so that shadings differ in black and white; ``clear`` is the colour alone.
    """
    props = owner.get_or_add_tcPr() if isinstance(owner, CT_Tc) else owner.get_or_add_rPr()
    color = "auto" if pattern == "clear" else _PATTERN_GREY
    child(props, "w:shd", {"w:val": pattern, "w:color": color, "w:fill": fill})


def add_field(paragraph: CT_P, instruction: str, shown: str, *, lang: str) -> None:
    """Append a field such as ``PAGE`` or ``NUMPAGES`` to a paragraph.

    ``shown`` is the cached result a reader displays until it updates the field.
    """
    code = OxmlElement("w:instrText", attrs={qn("xml:space"): "preserve"})
    code.text = f" {instruction} "
    result = OxmlElement("w:t")
    result.text = shown
    for content in (
        _field_char("begin"),
        code,
        _field_char("separate"),
        result,
        _field_char("end"),
    ):
        run = paragraph.add_r()
        set_lang(run, lang)
        run.append(content)


def _field_char(kind: str) -> etree._Element:
    return OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): kind})


def set_setting(settings: etree._Element, tag: str, value: str = "true") -> None:
    """Set a document setting (``w:autoHyphenation``, ``w:consecutiveHyphenLimit`` ``2``)."""
    if settings.find(qn(tag)) is not None:
        return
    before = {qn(t) for t in _SETTINGS_BEFORE[tag]}
    element = OxmlElement(tag, attrs={qn("w:val"): value})
    successor = next((c for c in settings if c.tag not in before), None)
    if successor is None:
        settings.append(element)
    else:
        successor.addprevious(element)


def set_fonts(rpr: etree._Element, family: str) -> None:
    """Name ``family`` for every script slot of a ``w:rPr`` and drop the theme's fonts.

    A theme font (``w:asciiTheme``) wins over a named one, so it must go.
    """
    fonts = rpr.get_or_add_rFonts()  # type: ignore[attr-defined]
    for name in list(fonts.attrib):
        fonts.attrib.pop(name)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), family)


def embed_font(document: DocxDocument, family: str, files: dict[str, bytes]) -> None:
    """Embed TrueType files in a document, as Word does, so it prints with that family.

    ``files`` maps ``Regular``/``Bold``/``Italic``/``BoldItalic`` to the font's bytes. Each is
    stored obfuscated with a key derived from the family name (ECMA-376 part 1, 17.8.1), so
    the same fonts give the same bytes.
    """
    package = document.part.package
    table = next(p for p in package.iter_parts() if p.partname == "/word/fontTable.xml")
    root = etree.fromstring(table.blob)
    for old in root.findall(qn("w:font")):
        if old.get(qn("w:name")) == family:
            root.remove(old)
    font = etree.SubElement(root, qn("w:font"), {qn("w:name"): family})
    etree.SubElement(font, qn("w:family"), {qn("w:val"): "swiss"})
    etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
    key = uuid.uuid5(uuid.NAMESPACE_URL, f"aligner:font:{family}")
    guid = "{" + str(key).upper() + "}"
    for n, (style, data) in enumerate(files.items(), start=1):
        name = PackURI(f"/word/fonts/{family.replace(' ', '')}{n}.odttf")
        part = Part(name, _OBFUSCATED_FONT, _obfuscate(data, key), package)
        rid = table.relate_to(part, _FONT_RELATIONSHIP)
        etree.SubElement(font, qn(f"w:embed{style}"), {qn("r:id"): rid, qn("w:fontKey"): guid})
    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    set_setting(document.settings.element, "w:embedTrueTypeFonts")


def _obfuscate(data: bytes, key: uuid.UUID) -> bytes:
    """XOR the first 32 bytes of a font with the key's bytes in reverse order.

    >>> k = uuid.UUID("00112233-4455-6677-8899-aabbccddeeff")
    >>> _obfuscate(bytes(40), k)[:4].hex(), _obfuscate(_obfuscate(b"x" * 40, k), k) == b"x" * 40
    ('ffeeddcc', True)
    """
    mask = key.bytes[::-1]
    head = bytes(b ^ mask[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]
