"""Read a Word document: paragraphs in reading order, headings and list items by their style.

python-docx opens the package; the paragraphs are read from the raw WordprocessingML so that
what Word shows is what we get: tracked deletions, hidden runs, field instructions and text
boxes are left out (a text box sits inside a paragraph and would be spliced into its text),
tables are read row by row, cell by cell.
The version's date is the one its text states near the top or the end ("Tarvel, 14 March
2026"); the dates of the core properties (created, modified) are recorded as what they are,
file metadata, never as the document's date: a file made from an old template keeps the
template's. A paragraph is a heading when its style is a
heading or title style or has an outline level (direct or inherited), or when it is short,
all bold and ends without punctuation; it is a list item when it is numbered or has a list
style. Line breaks (Shift+Enter) split a paragraph only after a sentence end.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from lxml import etree

from aligner._zip import check_zip
from aligner.errors import EmptyInputError, FormatError
from aligner.model import RawBlock, Source, SourceText
from aligner.readers import _declared_tag, _language_code
from aligner.readers._dates import date_locales, find_date, stated_date
from aligner.readers.front import front_date, split_front
from aligner.readers.setaside import is_running_text
from aligner.readers.txt import Kind, is_heading, join_lines

__all__ = ["read"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_BR = "\x00"  # stands for a line break inside a paragraph


# the subject our DOCX export gives its files (exports.docx)
_SIDE_BY_SIDE = "Side-by-side text:"


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


# subtrees whose text Word does not show as part of the paragraph
_SKIP = frozenset(
    [_w(n) for n in ("del", "moveFrom", "delText", "instrText", "drawing", "pict", "txbxContent")]
    + [_w("rPr"), _w("pPr"), f"{{{_MC}}}AlternateContent"]
)
_HEADING_STYLE = re.compile(r"^(heading\s*\d|title|subtitle)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^list\b", re.IGNORECASE)
_NO_OUTLINE = 9  # outline level of body text
_TITLE_WITHIN = 3  # paragraphs from the top where a title typed as body text is looked for
# where a document's default language is: the default paragraph style, then the defaults
_DEFAULT_LANG = (
    f"{_w('style')}[@{_w('default')}='1'][@{_w('type')}='paragraph']/{_w('rPr')}/{_w('lang')}",
    f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}/{_w('lang')}",
)


@dataclass(frozen=True)
class _Style:
    """What a paragraph style says about its paragraphs, after inheritance."""

    heading: bool = False
    listed: bool = False
    bold: bool = False


def read(data: bytes, *, source: Source, path: str) -> SourceText:
    """Return the text of the DOCX file in ``data`` (the file at ``path``)."""
    package = _Package.open(data, path)
    styles, default_style = _styles(package.styles_root)
    blocks: list[RawBlock] = []
    first_title: str | None = None
    paragraphs = list(_paragraphs(package.body))
    for paragraph in paragraphs:
        style_id = _style_id(paragraph, default_style)
        text = _text(paragraph)
        kind = _kind(paragraph, text, styles.get(style_id, _Style()))
        for line in join_lines(text.split(_BR)):
            blocks.append(RawBlock(line, kind))
            if first_title is None and style_id.lower() == "title":
                first_title = line
    if not blocks:
        raise EmptyInputError("no text in the document", path=path)
    blocks, front, first_at = split_front(blocks, title_at=_title_at(blocks))
    first_head = blocks[first_at].text if first_at is not None else None
    title = (package.core_title or "").strip() or first_title or first_head
    lang = _language(package.styles_root, paragraphs)
    # the date the text states; the core properties' dates are often a template's
    stated = front_date(front) or stated_date([b.text for b in blocks], date_locales(lang))
    declared = _declared(package.styles_root, paragraphs, lang)
    return SourceText(
        blocks=tuple(blocks),
        source=_described(source, package.claimed, declared),
        lang=lang,
        title=title,
        date=stated[0] if stated else None,
        date_text=stated[1] if stated else None,
        front=front,
    )


@dataclass(frozen=True)
class _Package:
    """What a DOCX package holds that the reader reads: the body, the styles, the core
    properties' title and the dates they claim."""

    body: etree._Element
    styles_root: etree._Element
    core_title: str | None
    claimed: list[tuple[str, dt.datetime]]

    @classmethod
    def open(cls, data: bytes, path: str) -> _Package:
        """Open the package in ``data``, refusing a damaged one and a side-by-side table."""
        check_zip(data, path=path, kind="DOCX")
        try:
            document = docx.Document(io.BytesIO(data))
            body = document.element.body
            styles_root = document.styles.element
            core = document.core_properties
            core_title = core.title
            claimed = [
                (f"DOCX core properties: {name}", when)
                for name, when in (("created", core.created), ("modified", core.modified))
                if when is not None
            ]
            subject, comments = core.subject or "", core.comments or ""
            ours = subject.startswith(_SIDE_BY_SIDE) and "aligner" in comments
        except Exception as exc:  # a damaged upload can fail anywhere inside the package reader
            raise FormatError(f"not a readable DOCX file ({_reason(exc)})", path=path) from None
        if ours:
            # its table holds every language at once; read as one version it is nonsense
            raise FormatError(
                "a side-by-side table exported by aligner, not one language version: align "
                "the original files, or bring a review back with aligner import-review",
                path=path,
            )
        return cls(body, styles_root, core_title, claimed)


def _title_at(blocks: list[RawBlock]) -> int | None:
    """Return where the title is among ``blocks``: the first heading, else a title typed in
    the Normal style (which becomes a heading), else None."""
    first_at = next((i for i, b in enumerate(blocks) if b.kind == "head"), None)
    if first_at is None and any(is_running_text(b.text) for b in blocks[1:]):
        # a title typed in the Normal style: the first short line without punctuation
        first_at = next(
            (i for i, b in enumerate(blocks[:_TITLE_WITHIN])
             if b.kind == "p" and is_heading(b.text) and not find_date(b.text)),
            None,
        )  # fmt: skip
        if first_at is not None:
            blocks[first_at] = RawBlock(blocks[first_at].text, "head")
    return first_at


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "zip" in text.lower() or isinstance(exc, KeyError):
        return "not a ZIP package with word/document.xml"
    return text[:120]


def _paragraphs(container: etree._Element) -> Iterator[etree._Element]:
    """Yield the paragraphs under ``container`` in reading order, entering tables and controls."""
    for child in container:
        if child.tag == _w("p"):
            yield child
        elif child.tag == _w("tbl"):
            for row in child.iterchildren(_w("tr")):
                for cell in row.iterchildren(_w("tc")):
                    yield from _paragraphs(cell)
        elif child.tag in (_w("sdt"), _w("customXml"), _w("sdtContent")):
            yield from _paragraphs(child)


def _text(paragraph: etree._Element) -> str:
    parts: list[str] = []
    _collect(paragraph, parts)
    return "".join(parts)


def _collect(element: etree._Element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == _w("r") and _hidden(child):
            continue
        if tag == _w("t"):
            parts.append(child.text or "")
        elif tag in (_w("tab"), _w("ptab")):
            parts.append(" ")
        elif tag == _w("br"):
            parts.append(" " if child.get(_w("type")) in ("page", "column") else _BR)
        elif tag == _w("cr"):
            parts.append(_BR)
        elif tag == _w("noBreakHyphen"):
            parts.append("-")
        elif tag == _w("p"):
            # a paragraph nested in a content control inside a paragraph
            _collect(child, parts)
            parts.append(_BR)
        else:
            _collect(child, parts)


def _on(element: etree._Element | None) -> bool:
    """Read a WordprocessingML toggle such as ``<w:b/>`` or ``<w:b w:val="false"/>``."""
    return element is not None and element.get(_w("val")) not in ("0", "false", "off")


def _hidden(run: etree._Element) -> bool:
    return _on(run.find(f"{_w('rPr')}/{_w('vanish')}"))


def _bold(element: etree._Element, inherited: bool) -> bool:
    """Return the bold toggle of a run or a style, else the one it inherits."""
    b = element.find(f"{_w('rPr')}/{_w('b')}")
    return _on(b) if b is not None else inherited


def _outline_heading(level: str) -> bool:
    """Tell whether an outline level makes a heading (0-8; 9 is body text)."""
    return level.isascii() and level.isdigit() and int(level) < _NO_OUTLINE


def _style_id(paragraph: etree._Element, default: str | None) -> str:
    pstyle = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    style_id = pstyle.get(_w("val")) if pstyle is not None else default
    return style_id or ""


def _kind(paragraph: etree._Element, text: str, style: _Style) -> Kind:
    """Return the block kind of ``paragraph`` (its text is ``text``), in style ``style``."""
    level = paragraph.find(f"{_w('pPr')}/{_w('outlineLvl')}")
    outline = level.get(_w("val")) if level is not None else None
    # a direct outline level overrides the style's, even when it says "body text"
    heading = _outline_heading(outline) if outline is not None else style.heading
    if heading:
        return "head"
    num = paragraph.find(f"{_w('pPr')}/{_w('numPr')}/{_w('numId')}")
    if (num is not None and num.get(_w("val")) != "0") or style.listed:
        return "item"
    runs = [r for r in paragraph.iter(_w("r")) if r.find(_w("t")) is not None]
    if runs and all(_bold(r, style.bold) for r in runs) and is_heading(" ".join(text.split())):
        return "head"
    return "p"


def _styles(root: etree._Element) -> tuple[dict[str, _Style], str | None]:
    """Resolve every paragraph style with what it inherits; return them and the default."""
    raw: dict[str, etree._Element] = {}
    default: str | None = None
    for style in root.iterchildren(_w("style")):
        if style.get(_w("type")) != "paragraph":
            continue
        style_id = style.get(_w("styleId"))
        if not style_id:
            continue
        raw[style_id] = style
        if style.get(_w("default")) in ("1", "true"):
            default = style_id
    resolved: dict[str, _Style] = {}

    def resolve(style_id: str, seen: frozenset[str]) -> _Style:
        if style_id in resolved:
            return resolved[style_id]
        element = raw.get(style_id)
        if element is None or style_id in seen:
            return _Style()
        based = element.find(_w("basedOn"))
        parent = (
            resolve(based.get(_w("val")) or "", seen | {style_id})
            if based is not None
            else _Style()
        )
        name_element = element.find(_w("name"))
        name = (name_element.get(_w("val")) or "") if name_element is not None else ""
        level = element.find(f"{_w('pPr')}/{_w('outlineLvl')}")
        if level is not None:
            heading = _outline_heading(level.get(_w("val")) or "")
        else:
            heading = bool(_HEADING_STYLE.match(name)) or parent.heading
        numbered = element.find(f"{_w('pPr')}/{_w('numPr')}") is not None
        listed = numbered or bool(_LIST_STYLE.match(name)) or parent.listed
        bold = _bold(element, parent.bold)
        result = _Style(heading=heading, listed=listed and not heading, bold=bold)
        resolved[style_id] = result
        return result

    for style_id in raw:
        resolve(style_id, frozenset())
    return resolved, default


def _described(source: Source, claimed: list[tuple[str, dt.datetime]], tag: str | None) -> Source:
    """Return ``source`` with the dates the package claims and the language tag it declares."""
    metadata = tuple((claim, when.date().isoformat()) for claim, when in claimed)
    return dataclasses.replace(source, metadata=metadata, tag=tag)


def _declared(
    styles_root: etree._Element, paragraphs: list[etree._Element], lang: str | None
) -> str | None:
    """Return the full tag (``en-GB``) the text of language ``lang`` is marked with, if any.

    The runs marked ``lang`` vote by their characters; the default style's mark speaks
    when no run of that language has one.
    """
    if lang is None:
        return None
    weights: Counter[str] = Counter()
    for paragraph in paragraphs:
        for run in paragraph.iter(_w("r")):
            marked = run.find(f"{_w('rPr')}/{_w('lang')}")
            tag = _declared_tag(marked.get(_w("val")) if marked is not None else None)
            if tag and tag.split("-")[0] == lang:
                weights[tag] += sum(len(t.text or "") for t in run.iterchildren(_w("t")))
    if weights:
        return max(weights.items(), key=lambda item: (item[1], item[0]))[0]
    for xpath in _DEFAULT_LANG:
        element = styles_root.find(xpath)
        tag = _declared_tag(element.get(_w("val")) if element is not None else None)
        if tag and tag.split("-")[0] == lang:
            return tag
    return None


def _language(styles_root: etree._Element, paragraphs: list[etree._Element]) -> str | None:
    """Return the language most of the text is marked with, else the default style's.

    Word marks each run with the language of the keyboard it was typed on, while the
    defaults often keep the language of the Word installation (en-US under a Russian
    text), so the runs, weighed by their characters, speak first.
    """
    default = None
    for xpath in _DEFAULT_LANG:
        element = styles_root.find(xpath)
        default = _language_code(element.get(_w("val")) if element is not None else None)
        if default:
            break
    weights: Counter[str | None] = Counter()
    for paragraph in paragraphs:
        for run in paragraph.iter(_w("r")):
            length = sum(len(t.text or "") for t in run.iterchildren(_w("t")))
            if length:
                marked = run.find(f"{_w('rPr')}/{_w('lang')}")
                code = _language_code(marked.get(_w("val")) if marked is not None else None)
                weights[code or default] += length
    total = sum(weights.values())
    if total:
        code, weight = max(weights.items(), key=lambda item: (item[1], item[0] or ""))
        if code and weight * 2 > total:
            return code
    return default
