"""Renderers that turn finished documents into files people use.

Every format is one module with a ``render(documents, langs, options) -> Rendered``
function and one entry in :data:`FORMATS`, the registry the CLI, the service and the page
read (the page gets it as JSON from ``GET /exports``). :func:`render` checks the chosen
languages once and picks the module by name. Renderers return bytes and never write
files: the caller writes them atomically, so a failed export leaves nothing behind.

Adding a format is a module ``exports/<name>.py`` and its :class:`Format` entry here. A
format whose files come back from review (CSV, XLSX, DOCX) also has ``recognise(data) -> bool``
and ``read(data, document, *, path) -> ReviewedTable`` over the columns of
:mod:`exports._review`, and ``reads=True`` in its entry.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from aligner.errors import ExportError, MissingLanguageError
from aligner.flags import REVIEW_BELOW
from aligner.model import Document, Level

__all__ = [
    "FORMATS",
    "REVIEW_BELOW",
    "ExportOptions",
    "Format",
    "Output",
    "Rendered",
    "languages",
    "output",
    "render",
]


@dataclass(frozen=True)
class ExportOptions:
    """Choices shared by the renderers; each uses the ones its :class:`Format` lists."""

    langs: tuple[str, ...] | None = None  # None: every language, in the document's order
    # None: the format's own, sentences for a translation memory (TMX, XLIFF), else paragraphs
    level: Literal["paragraph", "sentence"] | None = None
    locale: str = "en"  # interface language: headers, footers, legend, flags' reasons, comments
    page_size: Literal["A4", "Letter"] = "A4"
    flags: bool = True  # shade and comment low-confidence / unaligned rows
    pair: tuple[str, str] | None = None  # TMX: only these two languages
    source: str | None = None  # XLIFF: source language (default: the original)
    review_below: float = REVIEW_BELOW  # automatic beads scored below this are flagged
    min_score: float = 0.0  # TMX: leave out beads scored below this

    def level_for(self, document: Document, *, default: Level = "paragraph") -> Level:
        """Return the level to export ``document`` at: the chosen one, else ``default``.

        A document aligned by paragraph only is exported by paragraph unless sentences were
        asked for by name (then the renderer says it cannot).
        """
        if self.level is not None:
            return self.level
        if default == "sentence" and not document.sentences.beads:
            return "paragraph"
        return default


@dataclass(frozen=True)
class Format:
    """One export format: what the CLI, the service and the page need to offer it."""

    name: str  # what --to and ?to= take: "docx"
    label: str  # what a button says: "Word (DOCX)"
    media_type: str
    suffix: str  # of the file, without the dot: "docx", "xlf"
    heavy: bool  # takes tenths of a second or more: the service runs few at once
    options: tuple[str, ...]  # the ExportOptions fields it reads
    #: a reviewed file comes back: the module has ``recognise`` and ``read`` too
    reads: bool = False

    @property
    def module(self) -> str:
        return f"exports.{self.name}"


_PAGE = ("langs", "level", "locale", "page_size", "flags", "review_below")

#: every export format by name, in the order they are offered
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("tei", "TEI", "application/tei+xml", "xml", False, ()),
        Format(
            "docx",
            "Word (DOCX)",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
            True,
            _PAGE,
            reads=True,
        ),
        Format("pdf", "PDF", "application/pdf", "pdf", True, _PAGE),
        Format(
            "tmx",
            "TMX",
            "application/x-tmx+xml",
            "tmx",
            False,
            ("langs", "level", "pair", "min_score"),
        ),
        Format(
            "xliff",
            "XLIFF",
            "application/x-xliff+xml",
            "xlf",
            False,
            ("langs", "level", "source", "review_below"),
        ),
        Format(
            "csv",
            "CSV",
            "text/csv; charset=utf-8",
            "csv",
            False,
            ("langs", "level", "locale", "review_below"),
            reads=True,
        ),
        Format(
            "xlsx",
            "Excel (XLSX)",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            True,
            ("langs", "level", "locale", "flags", "review_below", "page_size"),
            reads=True,
        ),
    )
}


@dataclass(frozen=True)
class Output:
    """One file of an export. ``suffix`` tells several files apart (e.g. ``de-ru``)."""

    data: bytes
    media_type: str
    extension: str  # without the dot: "docx", "xlf"
    suffix: str = ""


@dataclass(frozen=True)
class Rendered:
    outputs: tuple[Output, ...]
    notes: tuple[str, ...] = ()  # one-line remarks for the user, e.g. units left out


def output(fmt: str, data: bytes, *, suffix: str = "") -> Output:
    """Return one file of format ``fmt``, with the media type and extension it registers."""
    spec = FORMATS[fmt]
    return Output(data=data, media_type=spec.media_type, extension=spec.suffix, suffix=suffix)


def render(documents: Sequence[Document], fmt: str, options: ExportOptions) -> Rendered:
    """Render ``documents`` as ``fmt`` (a key of :data:`FORMATS`).

    The languages of ``options`` (``langs``, TMX's ``pair``, XLIFF's ``source``) are checked
    here, once, against every document; the renderer gets ``langs`` resolved.
    """
    spec = FORMATS.get(fmt)
    if spec is None:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not documents:
        raise ExportError("nothing to export")
    langs = languages(documents, options.langs)
    for chosen in (options.pair, (options.source,) if options.source else None):
        if chosen is not None:
            languages(documents, chosen)
    module = importlib.import_module(spec.module)
    result: Rendered = module.render(documents, langs, options)
    return result


def languages(documents: Sequence[Document], chosen: Sequence[str] | None) -> tuple[str, ...]:
    """Return ``chosen`` after checking every document has them, else all languages.

    Without a choice, languages come in the order they first appear across the documents.
    """
    if chosen is None:
        return tuple(dict.fromkeys(lang for document in documents for lang in document.langs))
    for document in documents:
        missing = [lang for lang in chosen if lang not in document.langs]
        if missing:
            raise MissingLanguageError(
                f"language {', '.join(missing)} is not in the document "
                f"(it has {', '.join(document.langs)})",
                lang=missing[0],
                path=document.id,
            )
    return tuple(dict.fromkeys(chosen))
