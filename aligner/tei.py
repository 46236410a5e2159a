"""Write, read and validate the TEI P5 encoding of ../shared/TEI.md.

The writer is deterministic: fixed prolog, fixed attribute order, indentation only between
structural elements (never inside ``p``, ``head``, ``s``), so writing what was read gives the
same bytes. With ``base`` (the TEI a document was read from) only the alignment link groups
and the revision history are replaced, and whatever else an archivist added survives.
"""

from __future__ import annotations

import json
import math
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from lxml import etree

from aligner import ids
from aligner.align_config import AlignConfig, ConfigError, config_from_dict, config_to_dict
from aligner.errors import FormatError, LanguageError, ValidationError
from aligner.invariants import bead_problems
from aligner.model import (
    Alignment,
    Bead,
    Block,
    Change,
    Document,
    FrontItem,
    FrontKind,
    Level,
    Note,
    NotePlace,
    Person,
    Sentence,
    Source,
    Turn,
    Version,
    note_index,
    sentence_notes,
    solid,
)
from aligner.views import view
from languages.profiles import english_name, profile

__all__ = [
    "TEI_NS",
    "bead_problems",
    "read_tei",
    "schema_problems",
    "tei_problems",
    "validate_tei",
    "write_tei",
]

SCHEMA_DIR = Path(__file__).parent / "schemas"
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
APP_ID = "app-aligner"
APP_RESP = "resp-aligner"
MISSING_ID = "al.missing"
PAIR_SUBTYPE = "sentence-pair"
_T = f"{{{TEI_NS}}}"
_XML_ID = f"{{{XML_NS}}}id"
_XML_LANG = f"{{{XML_NS}}}lang"
_PROLOG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<?xml-model href="https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"'
    b' type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
)
# elements whose children are inline: never indent inside them
_MIXED = {
    "p", "head", "s", "speaker", "title", "change", "persName", "desc", "label", "resp",
    "name", "catDesc", "publisher", "date", "language", "idno", "note", "licence", "extent",
    "measure", "byline", "docDate",
}  # fmt: skip
_HYPHENATION_MEANING = (
    "In the text of a paged source (PDF), a hyphen that broke a word at a line end was "
    "removed and the word joined; a hyphen that belongs to the word was kept."
)
_SEGMENTATION_MEANING = (
    "head and p are the headings and paragraphs of the source; a speaker label opens an sp; "
    "s is a sentence found by the per-language rule-based splitter. Lines the reader "
    "left out as page furniture (language switchers, share links, address blocks) are "
    'each a note type="dropped" in the bibl of their source; a line one reader set aside '
    "that the other versions have as text was put back into the body. The front of a "
    "text holds its front matter besides the title (the first head, chosen with the "
    "other versions): place-and-date line (docDate), byline, the document symbol "
    '(docImprint/idno type="symbol"), the publisher\'s intro (argument) and '
    'editorial notes (note type="editorial"), which versions pair kind to kind; and, '
    'not aligned, lines outside the text (note type="unpaired"): above the title, what '
    "is no running text (a site's name, a rubric), whether or not another version prints "
    "its like; after the last running paragraph, a line no other version paired in a "
    "first alignment or one that repeats a line the reader set aside (the site's name "
    "again in its footer). A date the source states is the bibl's date with its "
    'wording; dates of type="metadata" are what file metadata claims (DOCX core '
    "properties, HTML meta), never the text's date."
)
_PAGES_MEANING = (
    "A paged source (PDF) has its page count in the extent of its bibl; in its text, a pb "
    "stands before the first head or p that starts on a page, so every head and p starts on "
    "the page of the last pb before it. Its @n is the page's place in the file (counted "
    "from 1), or, when the page is printed with another label (the PDF's page labels or the "
    "number in its running header or footer), that label, with @facs page-N giving its "
    "place in the file."
)
_NOTES_MEANING = (
    'A note place="foot" (a footnote) or place="end" (an endnote) stands where its call mark '
    "stood in the source, inside the s or head that calls it; @n is the mark as printed, "
    "which the text itself no longer holds. Notes are not part of the sentence's text: they "
    "are neither aligned nor counted in it."
)
_MASTHEAD_MEANING = (
    'A note type="masthead" in the front is a line of the masthead an official document '
    "prints above its text: the body that issues it, its distribution, its original "
    "language. It is neither the title nor text."
)
_FRONT_NOTES: dict[str, FrontKind] = {
    "editorial": "note",
    "masthead": "masthead",
    "unpaired": "unpaired",
}  # front matter written as a note of these types
_FACS = "page-"  # pb/@facs: the place of a page in its file, "page-14"
_Page = tuple[int | None, str | None]  # a page's place in the file and its printed label
_CERT_MEANING = (
    "@cert on a link or ptr is the aligner's confidence in [0,1] that the bead is right; "
    "calibrated so that beads at 0.9 or above are right at least 97% of the time. "
    "A person's correction has cert 1."
)

#: the @type of the feature structure holding the alignment settings
CONFIG_TYPE = "alignment-config"
_CONFIG_NOTE = "Aligned with these settings (the fingerprint is @n; sections in JSON): "

_ALIGNMENT_MEANING = (
    "In standOff, the linkGrp al.p (paragraph) and al.s (sentence) each hold one link per "
    'bead across all languages and partition the text; a ptr type="unaligned" is text in '
    "one language only. A linkGrp of subtype sentence-pair (e.g. al.s.de.fr, @domains the "
    "two languages) records where those two languages align their sentences finer than "
    "one sentence link does, as their own links inside it (a third language glued what "
    "they keep apart)."
)


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
    )


# --------------------------------------------------------------------------- writing


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    """Append ``tag`` to ``parent``; attribute names ``xml_id``/``xml_lang`` map to xml:."""
    el = etree.SubElement(parent, _T + tag)
    for key, value in attrs.items():
        name = {"xml_id": _XML_ID, "xml_lang": _XML_LANG}.get(key, key)
        el.set(name, value)
    if text is not None:
        el.text = text
    return el


def _indent(el: etree._Element, level: int) -> None:
    """Indent the structural children of ``el`` by two spaces a level; leave mixed content."""
    if etree.QName(el).localname in _MIXED or len(el) == 0:
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        _indent(child, level + 1)
        child.tail = pad
    el[-1].tail = "\n" + "  " * level


def _fmt_cert(cert: float) -> str:
    """Format a confidence with at most three decimals.

    >>> _fmt_cert(0.9), _fmt_cert(1.0), _fmt_cert(0.12345)
    ('0.9', '1', '0.123')
    """
    text = f"{max(0.0, min(1.0, cert)):.3f}".rstrip("0").rstrip(".")
    return text or "0"


def _display_date(iso: str, lang: str) -> str:
    """Return ``iso`` (YYYY-MM-DD) as the language writes it, else unchanged."""
    if len(iso) != 10:
        return iso
    try:
        return profile(lang).format_date(iso)
    except LanguageError:
        return iso


def _bibl(list_bibl: etree._Element, v: Version, original: str | None) -> None:
    """Describe the source of version ``v`` in a ``bibl`` of ``list_bibl``."""
    attrs = {"xml_id": f"src-{v.lang}", "xml_lang": v.lang}
    attrs |= {"type": "original", "default": "true"} if v.original else {"type": "translation"}
    if original is None:
        del attrs["type"]
    bibl = _el(list_bibl, "bibl", **attrs)
    if v.title:
        _el(bibl, "title", v.title)
    if v.source.publisher:
        _el(bibl, "publisher", v.source.publisher)
    if v.date:
        _el(bibl, "date", v.date_text or _display_date(v.date, v.lang), when=v.date)
    if v.source.url:
        _el(bibl, "idno", v.source.url, type="URI")
    if v.source.filename:
        _el(bibl, "idno", v.source.filename, type="filename")
    _el(bibl, "idno", v.source.sha256, type="sha256")
    _el(bibl, "idno", v.source.media_type, type="mediaType")
    if v.source.tag:
        _el(bibl, "textLang", mainLang=v.source.tag)  # the language as the source declares it
    if v.source.pages is not None:
        extent = _el(bibl, "extent")
        _el(extent, "measure", _pages(v.source.pages), unit="page",
            quantity=str(v.source.pages))  # fmt: skip
    if v.source.retrieved:
        _el(bibl, "date", type="retrieved", when=v.source.retrieved)
    for claim, when in v.source.metadata:
        _el(bibl, "date", claim, type="metadata", when=when)
    for line in v.dropped:
        _el(bibl, "note", line, type="dropped")


def _header(root: etree._Element, doc: Document) -> None:
    header = _el(root, "teiHeader")
    file_desc = _el(header, "fileDesc")
    _title_stmt(_el(file_desc, "titleStmt"), doc)
    _publication_stmt(_el(file_desc, "publicationStmt"), doc)
    list_bibl = _el(_el(file_desc, "sourceDesc"), "listBibl")
    for v in doc.versions:
        _bibl(list_bibl, v, doc.original)

    enc = _el(header, "encodingDesc")
    app = _el(_el(enc, "appInfo"), "application", xml_id=APP_ID, ident="aligner",
              version=doc.app_version or "0")  # fmt: skip
    _el(app, "label", "aligner")
    _el(app, "desc", _CERT_MEANING)
    if doc.aligned_with is not None:
        app.append(_config_p(doc.aligned_with))
    editorial = _el(enc, "editorialDecl")
    _el(_el(editorial, "normalization"), "p",
        "All text is Unicode NFC; whitespace inside p is collapsed to single spaces.")  # fmt: skip
    paged = any(v.source.pages is not None for v in doc.versions)
    if paged:
        _el(_el(editorial, "hyphenation", eol="none"), "p", _HYPHENATION_MEANING)
    segmentation = _el(editorial, "segmentation")
    _el(segmentation, "p", _SEGMENTATION_MEANING)
    _segmentation_more(segmentation, doc, paged)
    _el(_el(editorial, "interpretation"), "p", _ALIGNMENT_MEANING)
    taxonomy = _el(_el(enc, "classDecl"), "taxonomy", xml_id="align-status")
    _el(_el(taxonomy, "category", xml_id="auto"), "catDesc", "automatic alignment, not reviewed")
    _el(_el(taxonomy, "category", xml_id="manual"), "catDesc",
        "alignment confirmed or corrected by a person")  # fmt: skip

    profile = _el(header, "profileDesc")
    lang_usage = _el(profile, "langUsage")
    for v in doc.versions:
        role = " (original)" if v.original else ""
        _el(lang_usage, "language", english_name(v.lang) + role, ident=v.lang)
    if doc.people:
        persons = _el(_el(profile, "particDesc"), "listPerson")
        for someone in doc.people:
            person_el = _el(persons, "person", xml_id=someone.id, role=someone.role)
            _el(person_el, "persName", someone.name, xml_lang=someone.lang)

    if doc.changes:  # an empty revisionDesc is not valid TEI
        _revision_changes(_el(header, "revisionDesc"), doc.changes)


def _title_stmt(title_stmt: etree._Element, doc: Document) -> None:
    """Write the titles of the versions and who is responsible for what."""
    titled = [v for v in doc.versions if v.title]
    for v in titled:
        _el(title_stmt, "title", v.title, type="main", xml_lang=v.lang)
    if not titled:
        _el(title_stmt, "title", doc.id, type="main")
    resp = _el(title_stmt, "respStmt", xml_id=APP_RESP)
    _el(resp, "resp", "Segmentation, alignment and TEI encoding")
    _el(resp, "name", "aligner")
    for person in doc.editors:
        resp = _el(title_stmt, "respStmt", xml_id=person.id)
        _el(resp, "resp", "Manual correction of alignment")
        _el(resp, "persName", person.name)


def _publication_stmt(pub: etree._Element, doc: Document) -> None:
    """Write the publisher, the date, the document's ids and the availability."""
    _el(pub, "publisher", doc.publisher or "aligner")
    _el(pub, "date", doc.created[:10], when=doc.created[:10])
    _el(pub, "idno", doc.id, type="document")
    _el(pub, "idno", doc.uuid, type="UUID")
    availability = _el(pub, "availability", status="unknown")
    _el(availability, "p", "Rights in the source texts: see sourceDesc.")


def _segmentation_more(segmentation: etree._Element, doc: Document, paged: bool) -> None:
    """Say how pages, notes and mastheads are kept, for a document that has them."""
    if paged:
        _el(segmentation, "p", _PAGES_MEANING)
    if any(b.notes for v in doc.versions for b in v.blocks):
        _el(segmentation, "p", _NOTES_MEANING)
    if any(item.kind == "masthead" for v in doc.versions for item in v.front):
        _el(segmentation, "p", _MASTHEAD_MEANING)


def _config_p(config: AlignConfig) -> etree._Element:
    """Return a ``p`` saying the settings of an alignment as one feature structure: a
    feature per setting of :class:`~aligner.align_config.AlignConfig`, its sections (the
    weights, search and calibration) as JSON strings."""
    p = etree.Element(_T + "p")
    p.text = _CONFIG_NOTE
    fs = _el(p, "fs", type=CONFIG_TYPE, n=config.digest())
    for name, value in config_to_dict(config).items():
        f = _el(fs, "f", name=name)
        if value is None:
            _el(f, "symbol", value="none")
        elif isinstance(value, str):
            _el(f, "string", value)
        elif isinstance(value, int | float):
            _el(f, "numeric", value=repr(value))
        else:
            _el(f, "string", json.dumps(value, ensure_ascii=False, separators=(", ", ": ")))
    return p


def _read_config(app: etree._Element | None, path: str | None) -> AlignConfig | None:
    """Return the alignment settings recorded in the application element (None if none)."""
    fs = None if app is None else app.find(f"{_T}p/{_T}fs[@type='{CONFIG_TYPE}']")
    if fs is None:
        return None
    data: dict[str, object] = {}
    for f in fs.findall(_T + "f"):
        name = f.get("name", "")
        value = f[0] if len(f) else None
        if value is None:
            raise FormatError(f"alignment setting {name} has no value", path=path)
        tag = etree.QName(value).localname
        try:
            if tag == "symbol" and value.get("value") == "none":
                data[name] = None
            elif tag == "numeric":
                number = value.get("value", "")
                data[name] = int(number) if number.lstrip("-").isdigit() else float(number)
            elif tag == "string" and name in ("encoder", "partial_encoder", "partial_fallback"):
                data[name] = value.text or ""
            elif tag == "string":
                data[name] = json.loads(value.text or "")
            else:
                raise ValueError(tag)
        except ValueError:
            raise FormatError(f"alignment setting {name} is not readable", path=path) from None
    try:
        return config_from_dict(data)
    except ConfigError as exc:
        raise FormatError(str(exc), path=path) from None


def _pages(count: int) -> str:
    """Say how many pages a source has.

    >>> _pages(1), _pages(12)
    ('1 page', '12 pages')
    """
    return f"{count} page{'s' * (count != 1)}"


def _revision_changes(revisions: etree._Element, changes: Sequence[Change]) -> None:
    for change in sorted(changes, key=lambda c: c.n, reverse=True):
        _el(revisions, "change", change.text, when=change.when, who=f"#{change.who}",
            n=str(change.n))  # fmt: skip


def _body(group: etree._Element, v: Version, original_known: bool) -> None:
    attrs = {"xml_id": v.lang, "xml_lang": v.lang, "decls": f"#src-{v.lang}"}
    if original_known:
        attrs["type"] = "original" if v.original else "translation"
    text = _el(group, "text", **attrs)
    if v.front:
        _front(_el(text, "front"), v.front)
    body = _el(text, "body")
    div = sp = None
    prev: Block | None = None
    page: int | None = None
    divs = 0  # len(body) counts the children each time: a long text has thousands
    for block in v.blocks:
        # TEI allows a head only at the start of a div
        if (
            div is None
            or prev is None
            or prev.section != block.section
            or (block.kind == "head" and prev.kind != "head")
        ):
            divs += 1
            div = _el(body, "div", xml_id=f"{v.lang}.d{divs}", type=block.section)
            sp = None
        if block.turn is None:
            sp = None
        elif sp is None or sp.get(_XML_ID) != block.turn.id:
            sp = _el(div, "sp", xml_id=block.turn.id, who=f"#{block.turn.who}")
            _el(sp, "speaker", block.turn.speaker)
        if block.page is not None and block.page != page:
            if block.page_label:  # the printed label, and where the page is in the file
                _el(
                    div if sp is None else sp,
                    "pb",
                    n=block.page_label,
                    facs=_FACS + str(block.page),
                )
            else:
                _el(div if sp is None else sp, "pb", n=str(block.page))
            page = block.page
        _block(div if sp is None else sp, block)
        prev = block


def _front(front: etree._Element, items: Sequence[FrontItem]) -> None:
    """Write a version's front matter, each kind in its TEI place (see :func:`_read_front`)."""
    for item in items:
        if item.kind == "dateline":
            attrs = {"when": item.when} if item.when else {}
            _el(front, "docDate", item.text, **attrs)
        elif item.kind == "byline":
            _el(front, "byline", item.text)
        elif item.kind == "symbol":
            _el(_el(front, "docImprint"), "idno", item.text, type="symbol")
        elif item.kind == "intro":
            _el(_el(front, "argument"), "p", item.text)
        else:
            kind = {"note": "editorial", "masthead": "masthead"}.get(item.kind, "unpaired")
            _el(front, "note", item.text, type=kind)


def _read_front(front: etree._Element | None) -> tuple[FrontItem, ...]:
    """Read back what :func:`_front` wrote; other elements an archivist added are left alone."""
    items: list[FrontItem] = []
    for child in [] if front is None else front:
        tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if tag == "docDate":
            items.append(FrontItem("dateline", _text(child) or "", child.get("when")))
        elif tag == "byline":
            items.append(FrontItem("byline", _text(child) or ""))
        elif tag == "docImprint" and (idno := child.find(f"{_T}idno[@type='symbol']")) is not None:
            items.append(FrontItem("symbol", _text(idno) or ""))
        elif tag == "argument":
            items.append(FrontItem("intro", _text(child.find(_T + "p")) or ""))
        elif tag == "note" and child.get("type") in _FRONT_NOTES:
            items.append(FrontItem(_FRONT_NOTES[child.get("type", "")], _text(child) or ""))
    return tuple(items)


def _block(parent: etree._Element, block: Block) -> None:
    if block.kind == "head":
        _inline(_el(parent, "head", xml_id=block.id), block.text, block.notes)
        return
    attrs = {"part": "I"} if block.partial else {}  # att.fragmentable: an initial part
    p = _el(parent, "p", xml_id=block.id, n=str(block.n), **attrs)
    p.extend(_sentences(block))


def _sentences(block: Block) -> list[etree._Element]:
    """Return the ``<s>`` of a paragraph, one space apart, each with the notes it calls."""
    holder = etree.Element(_T + "p")
    for sentence, notes in zip(block.sentences, sentence_notes(block), strict=True):
        if len(holder):
            holder[-1].tail = " "
        _inline(_el(holder, "s", xml_id=sentence.id), sentence.text, notes)
    return list(holder)


def _inline(el: etree._Element, text: str, notes: Sequence[Note]) -> None:
    """Write ``text`` into ``el`` with each note (``at`` counted in ``text``) at its call."""
    cut = 0
    tail: etree._Element | None = None
    for note in notes:
        at = note_index(text, note.at)
        if tail is None:
            el.text = text[cut:at]
        else:
            tail.tail = text[cut:at]
        tail = _el(el, "note", note.text, place=note.place, n=note.n)
        cut = at
    if tail is None:
        el.text = text
    elif text[cut:]:
        tail.tail = text[cut:]


def _link_group(doc: Document, alignment: Alignment) -> etree._Element:
    grp = etree.Element(_T + "linkGrp")
    grp.set(_XML_ID, ids.BEAD_PREFIX[alignment.level])
    grp.set("type", "alignment")
    grp.set("subtype", alignment.level)
    grp.set("domains", " ".join(f"#{lang}" for lang in doc.langs))
    for bead in alignment.beads:
        _link(grp, bead, [i for lang in doc.langs for i in bead.ids(lang)], {"xml_id": bead.id})
    return grp


def _pair_groups(doc: Document) -> list[etree._Element]:
    """Return one link group per language pair that aligns finer than the sentence beads.

    ``<linkGrp xml:id="al.s.de.fr" type="alignment" subtype="sentence-pair"
    domains="#de #fr">``: the pair's own beads inside each n-way sentence bead it splits,
    as ``link`` (or ``ptr type="unaligned"`` for a sentence the pair leaves alone), without
    ids; omitted for pairs that never split a bead.
    """
    groups: dict[tuple[str, ...], etree._Element] = {}
    for bead in doc.sentences.pairs:
        pair = tuple(bead.members)
        grp = groups.get(pair)
        if grp is None:
            grp = groups[pair] = etree.Element(_T + "linkGrp")
            grp.set(_XML_ID, ids.pair_group_id(pair))
            grp.set("type", "alignment")
            grp.set("subtype", PAIR_SUBTYPE)
            grp.set("domains", " ".join(f"#{lang}" for lang in pair))
        _link(grp, bead, [i for lang in pair for i in bead.ids(lang)], {})
    return list(groups.values())


def _link(grp: etree._Element, bead: Bead, targets: Sequence[str], ids: dict[str, str]) -> None:
    """Append the ``link`` (or unaligned ``ptr``) of ``bead`` to ``grp``."""
    tag = "link" if len(targets) > 1 else "ptr"
    attrs = ids | ({"type": "unaligned"} if tag == "ptr" else {})
    _el(grp, tag, target=" ".join(f"#{t}" for t in targets), cert=_fmt_cert(bead.cert),
        resp=f"#{bead.resp}", ana=f"#{bead.status}", **attrs)  # fmt: skip


def _missing(doc: Document) -> etree._Element | None:
    """Return the note on every run of paragraphs some versions lack, or None if none do.

    Derived from the alignment on every write (and ignored on reading), like the ptrs.
    """
    gaps = view(doc).gaps
    if not gaps:
        return None
    notes = etree.Element(_T + "listAnnotation")
    notes.set(_XML_ID, MISSING_ID)
    notes.set("type", "unaligned")
    _el(notes, "head", "Text with no counterpart in some versions", xml_lang="en")
    for n, gap in enumerate(gaps, start=1):
        targets = " ".join(f"#{i}" for run in gap.runs for i in run.blocks)
        _el(notes, "note", gap.note, type="unaligned", n=str(n), target=targets, xml_lang="en")
    return notes


def _stand_off(doc: Document) -> etree._Element:
    stand_off = etree.Element(_T + "standOff")
    stand_off.append(_link_group(doc, doc.paragraphs))
    stand_off.append(_link_group(doc, doc.sentences))
    stand_off.extend(_pair_groups(doc))
    missing = _missing(doc)
    if missing is not None:
        stand_off.append(missing)
    return stand_off


def _serialize(root: etree._Element) -> bytes:
    body: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return _PROLOG + body + b"\n"


def write_tei(document: Document, *, base: bytes | None = None) -> bytes:
    """Return the TEI encoding of ``document``.

    With ``base``, the TEI bytes the document was read from, keep everything of ``base``
    except the alignment link groups and the revision history, which come from ``document``.
    """
    if base is not None:
        return _update(base, document)
    root = _tei_root()
    root.set(_XML_ID, document.id)
    root.set(_XML_LANG, "mul")
    root.set("version", "4.12.0")
    _header(root, document)
    group = _el(_el(root, "text"), "group")
    # the versions and the links are built and written one at a time, each in the place
    # held for it, so that a long document's tree is never whole in memory
    for k in range(len(document.versions)):
        _el(group, "text", n=f"{_HELD}{k}")
    _el(root, "standOff", n=_HELD)
    _indent(root, 0)
    out = _serialize(root)
    for k, v in enumerate(document.versions):
        holder = _el(_tei_root(), "group")
        _body(holder, v, document.original is not None)
        out = out.replace(_held("text", f"{_HELD}{k}"), _written(holder[0], 3), 1)
    holder = _tei_root()
    holder.append(_stand_off(document))
    return out.replace(_held("standOff", _HELD), _written(holder[0], 1), 1)


#: the @n of the empty element that holds a part's place until it is written
_HELD = "held-"


def _tei_root() -> etree._Element:
    return etree.Element(_T + "TEI", nsmap={None: TEI_NS})  # type: ignore[dict-item]


def _held(tag: str, n: str) -> bytes:
    return f'<{tag} n="{n}"/>'.encode()


def _written(el: etree._Element, level: int) -> bytes:
    """Return ``el`` indented at ``level`` and serialised, without the namespace it shares
    with the document it goes into."""
    _indent(el, level)
    written: bytes = etree.tostring(el, encoding="UTF-8", with_tail=False)
    return written.replace(f' xmlns="{TEI_NS}"'.encode(), b"", 1)


def _update(base: bytes, document: Document) -> bytes:
    root = _parse(base, path=document.id)
    stand_off = root.find(_T + "standOff")
    new = _stand_off(document)
    if stand_off is None:
        root.append(new)
        new.tail = "\n"
        _indent(new, 1)
    else:
        for tag in ("paragraph", "sentence"):
            old = stand_off.find(f"{_T}linkGrp[@subtype='{tag}']")
            fresh = new.find(f"{_T}linkGrp[@subtype='{tag}']")
            assert fresh is not None
            _indent(fresh, 2)
            if old is None:
                stand_off.append(fresh)
            else:
                fresh.tail = old.tail
                stand_off.replace(old, fresh)
        _update_pairs(stand_off, new.findall(f"{_T}linkGrp[@subtype='{PAIR_SUBTYPE}']"))
        _update_missing(stand_off, new.find(f"{_T}listAnnotation"))
    header = root.find(_T + "teiHeader")
    if header is None:
        raise FormatError("not a TEI document: no teiHeader", path=document.id)
    revisions = header.find(_T + "revisionDesc")
    if revisions is None and document.changes:
        previous = header[-1]
        revisions = _el(header, "revisionDesc")
        revisions.tail = previous.tail  # closes the header
        previous.tail = header.text  # the indentation of a header child
    if revisions is not None:
        for child in list(revisions):
            revisions.remove(child)
        _revision_changes(revisions, document.changes)
        _indent(revisions, 2)
    _update_editors(header, document.editors)
    _update_config(header, document.aligned_with)
    _update_sentences(root, document)
    return _serialize(root)


def _update_sentences(root: etree._Element, document: Document) -> None:
    """Write again the sentences of the paragraphs a segmentation fix cut or joined.

    A fix changes where sentences begin, never the words, so only the ``<s>`` elements
    of such a paragraph change; whatever else it holds stays where it was.
    """
    paragraphs = {p.get(_XML_ID): p for p in root.iter(_T + "p")}
    for version in document.versions:
        for block in version.blocks:
            p = paragraphs.get(block.id)
            if p is None or not block.sentences:
                continue
            old = p.findall(_T + "s")
            if [s.get(_XML_ID) for s in old] == [s.id for s in block.sentences]:
                continue
            at = list(p).index(old[0]) if old else len(p)
            tail = old[-1].tail if old else None
            for s in old:
                p.remove(s)  # and its tail, the space between sentences
            fresh = _sentences(block)
            fresh[-1].tail = tail
            for i, sentence in enumerate(fresh):
                p.insert(at + i, sentence)


def _update_config(header: etree._Element, config: AlignConfig | None) -> None:
    """Put the record of the alignment settings in place of the old one (or add or drop it)."""
    app = header.find(f".//{_T}application[@{{{XML_NS}}}id='{APP_ID}']")
    if app is None:
        return
    old = app.find(f"{_T}p/{_T}fs[@type='{CONFIG_TYPE}']/..")
    if old is not None and config is not None and _read_config(app, None) == config:
        return  # written as it was read: the same bytes
    fresh = _config_p(config) if config is not None else None
    if old is not None and fresh is not None:
        fresh.tail = old.tail
        app.replace(old, fresh)
    elif old is not None:
        _remove(old)
    elif fresh is not None:
        last = app[-1]
        fresh.tail = last.tail
        last.tail = app.text
        last.addnext(fresh)


def _update_pairs(stand_off: etree._Element, fresh: Sequence[etree._Element]) -> None:
    """Put the fresh pair link groups after the sentence link group, in place of the old."""
    for old in stand_off.findall(f"{_T}linkGrp[@subtype='{PAIR_SUBTYPE}']"):
        _remove(old)
    anchor = stand_off.find(f"{_T}linkGrp[@subtype='sentence']")
    for grp in fresh:
        _indent(grp, 2)
        assert anchor is not None  # _update put it there
        grp.tail = anchor.tail
        anchor.tail = stand_off.text
        anchor.addnext(grp)
        anchor = grp


def _remove(el: etree._Element) -> None:
    """Remove ``el``, leaving the layout whitespace after it to the element before it."""
    parent = el.getparent()
    assert parent is not None
    previous = el.getprevious()
    if previous is not None:
        previous.tail = el.tail
    else:
        parent.text = el.tail
    parent.remove(el)


def _update_missing(stand_off: etree._Element, fresh: etree._Element | None) -> None:
    """Put the fresh note on missing text in place of the old one (or add or drop it)."""
    old = stand_off.find(f"{_T}listAnnotation[@{{{XML_NS}}}id='{MISSING_ID}']")
    if fresh is not None:
        _indent(fresh, 2)
    if old is not None and fresh is not None:
        fresh.tail = old.tail
        stand_off.replace(old, fresh)
    elif old is not None:
        _remove(old)
    elif fresh is not None:
        groups = stand_off.findall(f"{_T}linkGrp")
        anchor = groups[-1] if groups else stand_off[-1]
        fresh.tail = anchor.tail
        anchor.tail = stand_off.text
        anchor.addnext(fresh)


def _update_editors(header: etree._Element, editors: Sequence[Person]) -> None:
    title_stmt = header.find(f"{_T}fileDesc/{_T}titleStmt")
    if title_stmt is None:
        return
    known = {el.get(_XML_ID) for el in title_stmt.findall(_T + "respStmt")}
    anchor = title_stmt.findall(_T + "respStmt")
    for person in editors:
        if person.id in known:
            continue
        resp = etree.Element(_T + "respStmt")
        resp.set(_XML_ID, person.id)
        _el(resp, "resp", "Manual correction of alignment")
        _el(resp, "persName", person.name)
        _indent(resp, 4)
        last = anchor[-1] if anchor else title_stmt[-1]
        resp.tail = last.tail
        last.addnext(resp)
        anchor.append(resp)


# --------------------------------------------------------------------------- reading


def _parse(data: bytes, *, path: str | None) -> etree._Element:
    if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
        raise FormatError("DOCTYPE and entity declarations are not accepted in TEI", path=path)
    try:
        root = etree.fromstring(data, _safe_parser())
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"not well-formed XML: {exc.msg}", path=path) from None
    if root.tag != _T + "TEI":
        raise FormatError("not a TEI document (root element is not TEI)", path=path)
    return root


def _text(el: etree._Element | None) -> str | None:
    return None if el is None else "".join(str(t) for t in el.itertext())


def _req(el: etree._Element, attr: str, path: str | None) -> str:
    value = el.get(attr)
    if value is None:
        name = etree.QName(el).localname
        raise FormatError(f"<{name}> lacks @{attr.split('}')[-1]}", path=path)
    return value


def _read_version(text: etree._Element, bibl: etree._Element | None, path: str | None) -> Version:
    lang = _req(text, _XML_LANG, path)
    body = text.find(_T + "body")
    blocks = [] if body is None else _read_blocks(body, path)
    source = Source(sha256="")
    title = published = date_text = None
    dropped: tuple[str, ...] = ()
    if bibl is not None:
        dropped = tuple(_text(n) or "" for n in bibl.findall(f"{_T}note[@type='dropped']"))
        source = _read_source(bibl)
        title = _text(bibl.find(_T + "title"))
        date_el = bibl.find(f"{_T}date[@when]")
        if date_el is not None and date_el.get("type") is None:
            published = date_el.get("when")
            date_text = _text(date_el)
            if published and date_text == _display_date(published, lang):
                date_text = None  # our own wording of the date, not the source's
    return Version(
        lang=lang,
        blocks=tuple(blocks),
        source=source,
        title=title,
        date=published,
        original=text.get("type") == "original",
        dropped=dropped,
        date_text=date_text,
        front=_read_front(text.find(_T + "front")),
    )


def _read_blocks(body: etree._Element, path: str | None) -> list[Block]:
    """Read the headings and paragraphs of a text's body, each on the page it starts on."""
    blocks: list[Block] = []
    page: _Page = (None, None)
    for div in body.iter(_T + "div"):
        section = div.get("type", "statement")
        for child in div:
            tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if tag == "pb":
                page = _page(child, page)
            elif tag == "sp":
                turn = Turn(
                    id=_req(child, _XML_ID, path),
                    speaker=_text(child.find(_T + "speaker")) or "",
                    who=_req(child, "who", path).lstrip("#"),
                )
                for p in child.iterchildren(_T + "p", _T + "pb"):
                    if p.tag == _T + "pb":
                        page = _page(p, page)
                    else:
                        blocks.append(
                            replace(
                                _read_p(p, section, turn, path), page=page[0], page_label=page[1]
                            )
                        )
            elif tag == "p":
                blocks.append(
                    replace(_read_p(child, section, None, path), page=page[0], page_label=page[1])
                )
            elif tag == "head":
                head = _read_head(child, section, path)
                blocks.append(replace(head, page=page[0], page_label=page[1]))
    return blocks


def _read_source(bibl: etree._Element) -> Source:
    """Read what a bibl says of a version's source."""
    idnos = {i.get("type"): _text(i) or "" for i in bibl.findall(_T + "idno")}
    retrieved = bibl.find(f"{_T}date[@type='retrieved']")
    metadata = tuple(
        (_text(d) or "", d.get("when", "")) for d in bibl.findall(f"{_T}date[@type='metadata']")
    )
    return Source(
        sha256=idnos.get("sha256", ""),
        filename=idnos.get("filename"),
        url=idnos.get("URI"),
        media_type=idnos.get("mediaType", "text/plain"),
        retrieved=None if retrieved is None else retrieved.get("when"),
        publisher=_text(bibl.find(_T + "publisher")),
        pages=_count(bibl.find(f"{_T}extent/{_T}measure[@unit='page']")),
        metadata=metadata,
        tag=_main_lang(bibl),
    )


def _read_head(head: etree._Element, section: str, path: str | None) -> Block:
    head_id = _req(head, _XML_ID, path)
    parsed = ids.parse_unit(head_id)
    n = parsed.n if parsed is not None and parsed.kind == "h" else 0
    text, notes = _read_inline(head, path)
    return Block(head_id, "head", n, text, (), section, notes=notes)


def _page(pb: etree._Element, current: _Page) -> _Page:
    """Return the page a ``pb`` opens (its place in the file, and its printed label when it
    has one); else stay on ``current``.

    ``<pb n="12" facs="page-14"/>`` is the 14th page, printed "12"; ``<pb n="3"/>`` the third.
    """
    n = pb.get("n", "")
    facs = pb.get("facs", "")
    if facs.startswith(_FACS) and facs[len(_FACS) :].isascii() and facs[len(_FACS) :].isdigit():
        return int(facs[len(_FACS) :]), n or None
    return (int(n), None) if n.isascii() and n.isdigit() else current


def _count(measure: etree._Element | None) -> int | None:
    quantity = "" if measure is None else measure.get("quantity", "")
    return int(quantity) if quantity.isascii() and quantity.isdigit() else None


def _read_p(p: etree._Element, section: str, turn: Turn | None, path: str | None) -> Block:
    block_id = _req(p, _XML_ID, path)
    sentences: list[Sentence] = []
    notes: list[Note] = []
    start = 0
    for s in p.iter(_T + "s"):
        said, called = _read_inline(s, path)
        sentences.append(Sentence(_req(s, _XML_ID, path), said))
        notes += [replace(note, at=note.at + start) for note in called]
        start += solid(said)
    if not sentences:  # a paragraph added by hand without sentences: one sentence
        said, called = _read_inline(p, path)
        sentences, notes = [Sentence(f"{block_id}.s1", " ".join(said.split()))], list(called)
    text = " ".join(s.text for s in sentences)
    partial = p.get("part") == "I"
    n = _number(p.get("n", "0"), "p", path)
    return Block(
        block_id, "p", n, text, tuple(sentences), section, turn, partial=partial, notes=tuple(notes)
    )


def _read_inline(el: etree._Element, path: str | None) -> tuple[str, tuple[Note, ...]]:
    """Return the text of ``el`` without its notes, and the notes at their calls."""
    text = el.text or ""
    notes: list[Note] = []
    for child in el:
        if child.tag == _T + "note" and child.get("place") in ("foot", "end"):
            place: NotePlace = "foot" if child.get("place") == "foot" else "end"
            notes.append(Note(_req(child, "n", path), _text(child) or "", solid(text), place))
        elif isinstance(child.tag, str):
            text += _text(child) or ""
        text += child.tail or ""
    return text, tuple(notes)


def _number(value: str, tag: str, path: str | None) -> int:
    """Return the number an attribute holds; a damaged one is a clear error, not a crash."""
    try:
        return int(value)
    except ValueError:
        raise FormatError(f"<{tag}> has n={value!r}, not a number", path=path) from None


def _read_alignment(grp: etree._Element | None, level: Level, langs: Sequence[str],
                    owner: dict[str, str], pairs: Sequence[etree._Element] = (),
                    path: str | None = None) -> Alignment:  # fmt: skip
    beads = _read_links(grp, langs, owner, ids.BEAD_PREFIX[level], path)
    detail: list[Bead] = []
    for pair_grp in pairs:
        pair = [d.lstrip("#") for d in pair_grp.get("domains", "").split()]
        if len(pair) != 2 or pair[0] == pair[1] or not set(pair) <= set(langs):
            raise FormatError(
                f"<linkGrp subtype={PAIR_SUBTYPE}> has @domains {pair_grp.get('domains')!r},"
                " not two languages of the document",
                path=path,
            )
        detail += _read_links(pair_grp, pair, owner, None, path)
    return Alignment(level, tuple(beads), tuple(detail))


def _read_links(
    grp: etree._Element | None,
    langs: Sequence[str],
    owner: Mapping[str, str],
    prefix: str | None,
    path: str | None = None,
) -> list[Bead]:
    """Return the beads of the ``link`` and ``ptr`` elements of ``grp``, over ``langs``.

    A bead without ``xml:id`` is numbered after ``prefix`` (``al.s`` + its position), or
    has no id without one (a pair's bead).
    """
    beads: list[Bead] = []
    for el in [] if grp is None else grp:
        if not isinstance(el.tag, str) or etree.QName(el).localname not in ("link", "ptr"):
            continue
        targets = [t.lstrip("#") for t in el.get("target", "").split()]
        members = {lang: tuple(t for t in targets if owner.get(t) == lang) for lang in langs}
        status = el.get("ana", "#auto").lstrip("#")
        beads.append(
            Bead(
                id=el.get(_XML_ID, "" if prefix is None else f"{prefix}{len(beads) + 1}"),
                members=members,
                cert=_cert(el, path),
                status="manual" if status == "manual" else "auto",
                resp=el.get("resp", f"#{APP_ID}").lstrip("#"),
            )
        )
    return beads


def _cert(link: etree._Element, path: str | None) -> float:
    """Return a link's ``@cert`` (0 when absent); one line if it is not a number."""
    value = link.get("cert", "0")
    try:
        cert = float(value)
    except ValueError:
        cert = math.nan
    if not math.isfinite(cert):
        raise FormatError(
            f"<{etree.QName(link).localname} xml:id={link.get(_XML_ID)!r}> has @cert "
            f"{value!r}, not a number",
            path=path,
        )
    return cert


def read_tei(data: bytes, *, path: str | None = None) -> Document:
    """Read a TEI document written by :func:`write_tei` (or edited by hand within TEI.md)."""
    root = _parse(data, path=path)
    header = root.find(_T + "teiHeader")
    group = root.find(f"{_T}text/{_T}group")
    if header is None or group is None:
        raise FormatError("not an aligned document: teiHeader or text/group missing", path=path)
    bibls = {b.get(_XML_ID): b for b in header.iter(_T + "bibl")}
    versions = []
    for text in group.findall(_T + "text"):
        decl = (text.get("decls") or "").lstrip("#")
        versions.append(_read_version(text, bibls.get(decl), path))
    if not versions:
        raise FormatError("the document has no language versions", path=path)
    langs = [v.lang for v in versions]
    owner = {b.id: v.lang for v in versions for b in v.blocks}
    owner |= {s.id: v.lang for v in versions for s in v.sentences()}
    stand_off = root.find(_T + "standOff")
    grp_p = grp_s = None
    pairs: list[etree._Element] = []
    if stand_off is not None:
        grp_p = stand_off.find(f"{_T}linkGrp[@subtype='paragraph']")
        grp_s = stand_off.find(f"{_T}linkGrp[@subtype='sentence']")
        pairs = stand_off.findall(f"{_T}linkGrp[@subtype='{PAIR_SUBTYPE}']")
    pub = header.find(f"{_T}fileDesc/{_T}publicationStmt")
    idnos = {} if pub is None else {i.get("type"): _text(i) for i in pub.findall(_T + "idno")}
    app = header.find(f".//{_T}application[@xml:id='{APP_ID}']".replace("xml:id", _XML_ID))
    editors = _read_editors(header)
    people = _read_people(header)
    changes = _read_changes(header)
    pub_date = None if pub is None else pub.find(_T + "date")
    return Document(
        id=root.get(_XML_ID) or idnos.get("document") or "doc",
        uuid=idnos.get("UUID") or "",
        versions=tuple(versions),
        paragraphs=_read_alignment(grp_p, "paragraph", langs, owner, path=path),
        sentences=_read_alignment(grp_s, "sentence", langs, owner, pairs, path),
        created=_created(changes, pub_date),
        changes=changes,
        people=people,
        editors=editors,
        publisher=None if pub is None else _none_if_default(_text(pub.find(_T + "publisher"))),
        app_version="" if app is None else app.get("version", ""),
        aligned_with=_read_config(app, path),
    )


def _read_editors(header: etree._Element) -> tuple[Person, ...]:
    """Read the people who corrected the alignment (the titleStmt's respStmts but ours)."""
    title_stmt = header.find(f"{_T}fileDesc/{_T}titleStmt")
    return tuple(
        Person(id=r.get(_XML_ID, ""), role="editor", name=_text(r.find(_T + "persName")) or "")
        for r in ([] if title_stmt is None else title_stmt.findall(_T + "respStmt"))
        if r.get(_XML_ID) != APP_RESP and r.find(_T + "persName") is not None
    )


def _read_people(header: etree._Element) -> tuple[Person, ...]:
    """Read the people who speak in the texts."""
    return tuple(
        Person(
            id=p.get(_XML_ID, ""),
            role=p.get("role", ""),
            name=_text(p.find(_T + "persName")) or "",
            lang=_person_lang(p),
        )
        for p in header.iter(_T + "person")
    )


def _read_changes(header: etree._Element) -> tuple[Change, ...]:
    """Read the revisionDesc's changes, in the order of their numbers."""
    changes = (
        Change(
            when=c.get("when", ""),
            who=c.get("who", "").lstrip("#"),
            text=_text(c) or "",
            n=int(c.get("n", "0")),
        )
        for c in header.iter(_T + "change")
    )
    return tuple(sorted(changes, key=lambda c: c.n))


def _person_lang(person: etree._Element) -> str:
    name = person.find(_T + "persName")
    return "en" if name is None else name.get(_XML_LANG, "en")


def _main_lang(bibl: etree._Element) -> str | None:
    """Return the language tag a source declares (its bibl's textLang/@mainLang), if any."""
    found = bibl.find(_T + "textLang")
    return None if found is None else found.get("mainLang") or None


def _none_if_default(publisher: str | None) -> str | None:
    return None if publisher == "aligner" else publisher


def _created(changes: Sequence[Change], pub_date: etree._Element | None) -> str:
    if changes:
        return changes[0].when
    return "" if pub_date is None else pub_date.get("when", "")


# --------------------------------------------------------------------------- validation

_SCHEMA_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _tei_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMA_DIR / "tei_all.rng")))


def schema_problems(data: bytes, *, path: str | None = None) -> list[str]:
    """Return the RelaxNG (tei_all) problems of ``data``; compile the schema once a process."""
    root = _parse(data, path=path)
    with _SCHEMA_LOCK:
        schema = _tei_schema()
        if schema.validate(root.getroottree()):
            return []
        return [f"line {e.line}: {e.message}" for e in schema.error_log]


def tei_problems(data: bytes, *, path: str | None = None) -> list[str]:
    """Return the problems RelaxNG cannot see: pointers, bead partition and order, NFC."""
    root = _parse(data, path=path)
    problems: list[str] = []
    ids = {el.get(_XML_ID) for el in root.iter() if el.get(_XML_ID) is not None}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname
        for attr in ("target", "who", "decls", "resp", "ana", "domains"):
            for ptr in (el.get(attr) or "").split():
                if ptr.startswith("#") and ptr[1:] not in ids:
                    problems.append(
                        f"line {el.sourceline}: <{name} @{attr}> points to missing {ptr}"
                    )
        if name == "link" and len(el.get("target", "").split()) < 2:
            problems.append(f"line {el.sourceline}: <link> needs at least two targets")
        if name == "s" and any(True for _ in el.iterancestors(_T + "s")):
            problems.append(f"line {el.sourceline}: <s> inside <s>")
        for text in (el.text, el.tail):
            if text and not unicodedata.is_normalized("NFC", text):
                problems.append(f"line {el.sourceline}: text is not Unicode NFC")
    if problems:
        return problems
    try:
        doc = read_tei(data, path=path)
    except FormatError as exc:
        return [exc.message]
    return problems + bead_problems(doc)


def validate_tei(data: bytes, *, path: str | None = None) -> None:
    """Raise :class:`ValidationError` listing every schema and rule problem of ``data``."""
    problems = schema_problems(data, path=path) + tei_problems(data, path=path)
    if problems:
        raise ValidationError(problems, path=path)
