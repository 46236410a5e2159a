"""Render aligned documents as one TMX 1.4b translation memory.

Units are sentence beads unless ``options.level`` says paragraphs (a document aligned by
paragraph only gives paragraphs). Front matter (a date line, a document symbol, a byline:
:func:`languages.frontmatter.front_matter` in every language of a bead) is no translation
and is left out.

Without ``options.pair`` the memory is multilingual: one ``<tu>`` per bead with a ``<tuv>``
per language that has text in it (``srclang`` is the original's language, or ``*all*``).
With ``options.pair`` it holds those two languages only, for tools that import pairs
(Trados), and only beads where both have text. Beads are those the chosen languages
support (:mod:`aligner.views`): when a third language merged two paragraphs, the pair
still gets one unit each. A bead with a single language is no translation and is left out,
and so is a bead scored below ``options.min_score``; ``Rendered.notes`` counts what was left
out. Every ``<tu>`` carries its document, bead and alignment score as ``x-`` props, so it
can be traced back; a footnote a text calls is a ``<note>`` of its ``<tuv>`` ("[3] …"),
never in the ``<seg>``. ``xml:lang`` carries a region, as Trados and memoQ expect: the one the
version declares (:func:`exports.table.region_tag`), else the language's most likely one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from lxml import etree

from aligner.errors import ExportError
from aligner.ids import stored_bead_id
from aligner.model import Document
from exports import ExportOptions, Rendered, output
from exports._stamp import export_time, tool_version
from exports._xmltext import clean
from exports.table import Row, build_table, plural, region_tag, score
from languages.frontmatter import front_matter

__all__ = ["render"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PROLOGUE = b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'


def render(documents: Sequence[Document], langs: Sequence[str], options: ExportOptions) -> Rendered:
    """Render ``documents`` as one TMX file (multilingual, or the pair ``options.pair``)."""
    if options.pair is not None and len(set(options.pair)) != 2:
        raise ExportError(f"a pair needs two different languages, not {options.pair}")
    langs = options.pair or langs
    srclang = _source_language(documents, langs, pair=options.pair is not None)
    order = (srclang, *(lang for lang in langs if lang != srclang)) if srclang in langs else langs
    root = etree.Element("tmx", version="1.4")
    root.append(_header(documents, srclang, options))
    body = etree.SubElement(root, "body")
    left: Counter[str] = Counter()  # beads left out, by why
    for document in documents:
        _units(body, document, langs, order, options, left)
    data = _PROLOGUE + etree.tostring(root, encoding="UTF-8", pretty_print=True)
    suffix = "-".join(langs) if options.pair else ""
    notes = _left_out(left, langs, options)
    return Rendered(outputs=(output("tmx", data, suffix=suffix),), notes=notes)


def _header(documents: Sequence[Document], srclang: str, options: ExportOptions) -> etree._Element:
    first_tags: dict[str, str] = {}
    for document in documents:
        for version in document.versions:
            first_tags.setdefault(version.lang, region_tag(document, version.lang))
    levels = {options.level_for(document, default="sentence") for document in documents}
    return etree.Element(
        "header",
        {
            "creationtool": "aligner",
            "creationtoolversion": clean(tool_version(documents)),
            "segtype": levels.pop() if len(levels) == 1 else "block",
            "o-tmf": "aligner-tei",
            "adminlang": "en",
            "srclang": clean(first_tags.get(srclang, srclang)),
            "datatype": "plaintext",
            "o-encoding": "UTF-8",
            "creationdate": export_time(documents).strftime("%Y%m%dT%H%M%SZ"),
        },
    )


def _units(
    body: etree._Element,
    document: Document,
    langs: Sequence[str],
    order: Sequence[str],
    options: ExportOptions,
    left: Counter[str],
) -> None:
    """Add a translation unit per row of ``document``; count in ``left`` the rows left out."""
    # the beads these languages support (a merge only a third language made is split)
    tags = {v.lang: region_tag(document, v.lang) for v in document.versions}
    shown = [lang for lang in langs if lang in document.langs]
    stored = {b.id: b for b in (*document.paragraphs.beads, *document.sentences.beads)}
    level = options.level_for(document, default="sentence")
    for row in build_table(document, shown, level=level, compare_texts=False).rows:
        texts = {cell.lang: cell.text for cell in row.cells if not cell.empty}
        notes = {cell.lang: cell.notes for cell in row.cells}
        present = [lang for lang in order if lang in texts]
        if len(present) < 2:
            left["single" if len(stored[stored_bead_id(row.bead)].langs) == 1 else "short"] += 1
            continue
        if row.cert < options.min_score:
            left["weak"] += 1
            continue
        if is_front_matter(row):
            left["front"] += 1
            continue
        tu = etree.SubElement(body, "tu", tuid=clean(f"{document.id}:{row.bead}"))
        for kind, value in (
            ("x-document", document.id),
            ("x-bead", row.bead),
            ("x-alignment-score", score(row.cert)),
            ("x-alignment-status", row.status),
        ):
            etree.SubElement(tu, "prop", type=kind).text = clean(value)
        for lang in present:
            tuv = etree.SubElement(tu, "tuv", {_XML_LANG: clean(tags[lang])})
            for note in notes[lang]:  # the text's own notes, beside its segment, never in it
                etree.SubElement(tuv, "note").text = clean(f"[{note.n}] {note.text}")
            etree.SubElement(tuv, "seg").text = clean(texts[lang])


def _left_out(left: Counter[str], langs: Sequence[str], options: ExportOptions) -> tuple[str, ...]:
    notes = []
    if left["single"]:
        notes.append(f"{plural(left['single'], 'bead')} with a single language left out")
    if left["short"]:
        wanted = " or ".join(langs) if options.pair else "two of " + ", ".join(langs)
        lacking = "lacking" if options.pair else "without"
        notes.append(f"{plural(left['short'], 'bead')} {lacking} {wanted} left out")
    if left["weak"]:
        below = score(options.min_score)
        notes.append(f"{plural(left['weak'], 'bead')} scored below {below} left out")
    if left["front"]:
        front = plural(left["front"], "bead")
        notes.append(f"{front} of front matter (date lines, symbols) left out")
    return tuple(notes)


def _source_language(documents: Sequence[Document], langs: Sequence[str], *, pair: bool) -> str:
    """Return the documents' common original language, else ``*all*``.

    A pair memory needs a real source language: the original when it is one of the two,
    else the first language of the pair.
    """
    originals = {document.original for document in documents}
    original = originals.pop() if len(originals) == 1 else None
    if original is not None and original in langs:
        return original
    return langs[0] if pair else "*all*"


def is_front_matter(row: Row) -> bool:
    """Tell whether every language of a row is front matter: a date line, a symbol, a byline."""
    texts = [(cell.lang, cell.text) for cell in row.cells if not cell.empty]
    return bool(texts) and all(front_matter(text, lang) for lang, text in texts)
