"""Render aligned documents as bilingual XLIFF 1.2 files, one per target language.

XLIFF is bilingual, so each target language gets its own file (``Output.suffix`` ``en-de``)
with a ``<file>`` per document and a ``<trans-unit>`` per bead. The source language is
``options.source``, else the original, else the first language. A unit a person corrected
or the aligner scored at or above the review threshold (``options.review_below``, see
:mod:`aligner.review`) is ``approved="yes"`` with its target ``translated``, so a CAT tool
takes it as done; a target below the threshold, or one the target language has no text
for, is ``needs-review-translation``. Every unit carries its score in a ``<note>``, and
the footnotes its texts call each in a ``<note from="text" annotates="source|target">``
(never in the segment). Beads
without source text cannot be units and are left out, and so is front matter (date lines,
symbols, bylines: :func:`exports.tmx.is_front_matter`). Units are sentence beads unless
``options.level`` says paragraphs; the languages carry the region each version declares.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from aligner.errors import ExportError
from aligner.model import Document
from exports import ExportOptions, Output, Rendered, output
from exports._stamp import export_time, tool_version
from exports._xmltext import clean
from exports.table import Row, build_table, plural, region_tag, score
from exports.tmx import is_front_matter

__all__ = ["NAMESPACE", "render"]

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def render(documents: Sequence[Document], langs: Sequence[str], options: ExportOptions) -> Rendered:
    """Render ``documents`` as one XLIFF 1.2 file per target language."""
    source = _source_language(documents, langs, options.source)
    targets = [lang for lang in langs if lang != source]
    if not targets:
        raise ExportError(f"XLIFF needs a target language besides {source}")
    version = clean(tool_version(documents))
    outputs: list[Output] = []
    notes: list[str] = []
    for target in targets:
        pair = f"{source}-{target}"
        root = etree.fromstring(f'<xliff xmlns="{NAMESPACE}" version="1.2"/>')
        without_source = front = 0
        for document in documents:
            if target not in document.langs:
                notes.append(f"{document.id} has no {target} version: left out of {pair}")
                continue
            # the beads the pair supports: a merge only a third language made is split
            table = build_table(
                document,
                (source, target),
                level=options.level_for(document, default="sentence"),
                review_below=options.review_below,
                compare_texts=False,
            )
            body = _file(root, document, source, target, version)
            for row in table.rows:
                if row.cell(source).empty:
                    without_source += 1
                elif is_front_matter(row):
                    front += 1
                else:
                    _trans_unit(body, row, source, target)
        if front:
            notes.append(
                f"{plural(front, 'bead')} of front matter (date lines, symbols) left out of {pair}"
            )
        if without_source:
            notes.append(
                f"{plural(without_source, 'bead')} without {source} text left out of {pair}"
            )
        data = _XML_DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True)
        outputs.append(output("xliff", data, suffix=pair))
    return Rendered(outputs=tuple(outputs), notes=tuple(notes))


def _source_language(
    documents: Sequence[Document], langs: Sequence[str], chosen: str | None
) -> str:
    """Return ``chosen``, else the original when it is in ``langs``, else the first of them."""
    original = documents[0].original
    if chosen is not None:
        source = chosen
    elif original is not None and original in langs:
        source = original
    elif langs:
        source = langs[0]
    else:
        raise ExportError("no language chosen to export")
    return source


def _file(
    root: etree._Element, document: Document, source: str, target: str, version: str
) -> etree._Element:
    """Add a ``<file>`` for ``document`` to ``root`` and return its ``<body>``."""
    file = etree.SubElement(
        root,
        _tag("file"),
        {
            "original": clean(document.id),
            "datatype": "plaintext",
            "source-language": clean(region_tag(document, source)),
            "target-language": clean(region_tag(document, target)),
            "date": export_time([document]).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "tool-id": "aligner",
        },
    )
    header = etree.SubElement(file, _tag("header"))
    etree.SubElement(
        header,
        _tag("tool"),
        {"tool-id": "aligner", "tool-name": "aligner", "tool-version": version},
    )
    return etree.SubElement(file, _tag("body"))


def _trans_unit(body: etree._Element, row: Row, source: str, target: str) -> None:
    # Keep line breaks and runs of spaces as stored; XLIFF's default lets readers fold them.
    element = etree.SubElement(
        body, _tag("trans-unit"), {"id": clean(row.bead), _XML_SPACE: "preserve"}
    )
    translation = row.cell(target)
    doubt = ""
    if translation.empty:
        doubt = f"no {target} text aligned"
    elif row.has("low-confidence"):
        doubt = "low confidence"
    if not doubt:
        element.set("approved", "yes")  # checked by a person, or as sure as one would be
    etree.SubElement(element, _tag("source")).text = clean(row.cell(source).text)
    state = "needs-review-translation" if doubt else "translated"
    etree.SubElement(element, _tag("target"), state=state).text = clean(translation.text)
    note = f"alignment score {score(row.cert)}" + (f"; {doubt}" if doubt else "")
    if row.band:
        note += f"; {row.band}"  # the first unit of a run the target lacks says what it holds
    etree.SubElement(element, _tag("note"), {"from": "aligner"}).text = note
    for side, lang in (("source", source), ("target", target)):
        for called in row.cell(lang).notes:  # the text's own notes, never in the segment
            attrs = {"from": "text", "annotates": side}
            etree.SubElement(element, _tag("note"), attrs).text = clean(
                f"[{called.n}] {called.text}"
            )
