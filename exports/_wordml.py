"""Write the bits of WordprocessingML that python-docx has no API for.

Word rejects a file whose property elements are out of schema order, and LibreOffice
silently ignores some of them, so every helper here inserts its element at the place the
ECMA-376 sequence asks for (the ``_ORDER`` tuples below), replacing any earlier one.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from lxml import etree

__all__ = [
    "add_field",
    "cant_split",
    "child",
    "repeat_as_header",
    "set_cell_margins",
    "set_cell_width",
    "set_fixed_widths",
    "set_lang",
    "set_style",
    "shade",
]

# Child order of w:rPr (EG_RPrBase), w:tblPr, w:trPr, w:tcPr and w:pPr in ECMA-376 part 1.
_RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
    "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
    "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern",
    "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath", "w:rPrChange",
)  # fmt: skip
_TBLPR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
    "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
    "w:tblDescription", "w:tblPrChange",
)  # fmt: skip
_TRPR_ORDER = (
    "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
    "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
    "w:ins", "w:del", "w:trPrChange",
)  # fmt: skip
_TCPR_ORDER = (
    "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
    "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
)  # fmt: skip
_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
# Child order of the elements that hold a property element first.
_OWNER_ORDER = {
    "w:r": ("w:rPr",),
    "w:style": (
        "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden",
        "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked",
        "w:personal", "w:personalCompose", "w:personalReply", "w:rsid", "w:pPr", "w:rPr",
        "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr",
    ),
    "w:tr": ("w:tblPrEx", "w:trPr"),
    "w:tc": ("w:tcPr",),
    "w:p": ("w:pPr",),
    "w:tbl": ("w:tblPr", "w:tblGrid"),
}  # fmt: skip
_ORDERS = {
    "w:rPr": _RPR_ORDER,
    "w:tblPr": _TBLPR_ORDER,
    "w:trPr": _TRPR_ORDER,
    "w:tcPr": _TCPR_ORDER,
    "w:pPr": _PPR_ORDER,
}


def _prefixed(element: etree._Element) -> str:
    return "w:" + etree.QName(element).localname


def child(
    parent: etree._Element,
    tag: str,
    attrs: dict[str, str] | None = None,
    *,
    replace: bool = True,
) -> etree._Element:
    """Put a ``tag`` child into ``parent`` where the schema wants it and return it.

    With ``replace`` an existing child of that tag is removed first (property elements
    occur once); without it an existing one is returned as it is (``get_or_add``).
    """
    order = _ORDERS.get(_prefixed(parent)) or _OWNER_ORDER[_prefixed(parent)]
    existing = parent.find(qn(tag))
    if existing is not None:
        if not replace:
            return existing
        parent.remove(existing)
    element = OxmlElement(tag, attrs={qn(k): v for k, v in (attrs or {}).items()})
    # after every allowed predecessor, before anything else (content, later properties)
    earlier = set(order[: order.index(tag)])
    successor = next(
        (c for c in parent if not isinstance(c.tag, str) or _prefixed(c) not in earlier),
        None,
    )
    if successor is not None:
        successor.addprevious(element)
    else:
        parent.append(element)
    return element


def _props(owner: etree._Element, tag: str) -> etree._Element:
    return child(owner, tag, replace=False)


def set_lang(owner: etree._Element, tag: str) -> None:
    """Tag a run or a style (``w:r`` or ``w:style``) with a language, e.g. ``de-DE``.

    The same tag goes into all three slots so Word's spell-checker picks it whatever
    script class it assigns to the characters.
    """
    child(_props(owner, "w:rPr"), "w:lang", {"w:val": tag, "w:eastAsia": tag, "w:bidi": tag})


def set_style(paragraph: etree._Element, style_id: str) -> None:
    """Give a paragraph (``w:p``) a paragraph style by its id (``TextDe``), not its name.

    python-docx resolves a style name by scanning every style each time, which costs
    seconds on a long table.
    """
    child(_props(paragraph, "w:pPr"), "w:pStyle", {"w:val": style_id})


def repeat_as_header(row: etree._Element) -> None:
    """Make a table row (``w:tr``) repeat at the top of every page."""
    child(_props(row, "w:trPr"), "w:tblHeader", {"w:val": "true"})


def cant_split(row: etree._Element) -> None:
    """Keep a table row (``w:tr``) on one page."""
    child(_props(row, "w:trPr"), "w:cantSplit", {"w:val": "true"})


def set_fixed_widths(table: etree._Element, widths: Sequence[int]) -> None:
    """Give a table (``w:tbl``) fixed column widths in twips that Word and LibreOffice keep.

    Word reads the cell widths, LibreOffice the grid; both need the fixed layout and the
    total table width, or they re-flow the columns to the text.
    """
    tbl_pr = _props(table, "w:tblPr")
    child(tbl_pr, "w:tblW", {"w:w": str(sum(widths)), "w:type": "dxa"})
    child(tbl_pr, "w:tblLayout", {"w:type": "fixed"})
    grid = _props(table, "w:tblGrid")
    for col in list(grid):
        grid.remove(col)
    for width in widths:
        grid.append(OxmlElement("w:gridCol", attrs={qn("w:w"): str(width)}))
    for row in table.iterfind(qn("w:tr")):
        for cell, width in zip(row.iterfind(qn("w:tc")), widths, strict=False):
            set_cell_width(cell, width)


def set_cell_width(cell: etree._Element, width: int) -> None:
    """Set a cell's (``w:tc``) width in twips."""
    child(_props(cell, "w:tcPr"), "w:tcW", {"w:w": str(width), "w:type": "dxa"})


def set_cell_margins(table: etree._Element, *, top: int, side: int, bottom: int) -> None:
    """Set the default inner margins of a table's cells, in twips."""
    margins = child(_props(table, "w:tblPr"), "w:tblCellMar")
    # CT_TblCellMar order: top, left (start), bottom, right (end)
    for tag, value in (("w:top", top), ("w:left", side), ("w:bottom", bottom), ("w:right", side)):
        margins.append(OxmlElement(tag, attrs={qn("w:w"): str(value), qn("w:type"): "dxa"}))


def shade(cell: etree._Element, fill: str) -> None:
    """Fill a cell (``w:tc``) with a solid colour given as ``RRGGBB``."""
    child(_props(cell, "w:tcPr"), "w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill})


def add_field(paragraph: etree._Element, instruction: str, shown: str, *, lang: str) -> None:
    """Append a field such as ``PAGE`` or ``NUMPAGES`` to a paragraph (``w:p``).

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
        run = OxmlElement("w:r")
        set_lang(run, lang)
        run.append(content)
        paragraph.append(run)


def _field_char(kind: str) -> etree._Element:
    return OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): kind})
