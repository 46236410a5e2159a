"""Renderers that turn finished documents into files people use.

Every format is one module with a ``render(documents, options) -> Rendered`` function;
:func:`render` picks the module by name. Renderers return bytes and never write files:
the caller writes them atomically, so a failed export leaves nothing behind.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from aligner.errors import ExportError
from aligner.model import Document

__all__ = ["FORMATS", "ExportOptions", "Output", "Rendered", "render"]

# format name -> module in this package (imported only when asked for)
FORMATS: dict[str, str] = {
    "tei": "exports.tei",
    "docx": "exports.docx",
    "pdf": "exports.pdf",
    "tmx": "exports.tmx",
    "xliff": "exports.xliff",
    "csv": "exports.csv",
    "xlsx": "exports.xlsx",
}


@dataclass(frozen=True)
class ExportOptions:
    """Choices shared by the renderers; each uses the ones that apply to it."""

    langs: tuple[str, ...] | None = None  # None: every language, in the document's order
    level: Literal["paragraph", "sentence"] = "paragraph"
    locale: str = "en"  # interface language of headers and footers
    page_size: Literal["A4", "Letter"] = "A4"
    flags: bool = True  # shade and comment low-confidence / unaligned rows
    pair: tuple[str, str] | None = None  # TMX: only these two languages
    source: str | None = None  # XLIFF: source language (default: the original)
    low_confidence: float = 0.5  # beads below this cert are flagged


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


def render(documents: Sequence[Document], fmt: str, options: ExportOptions) -> Rendered:
    """Render ``documents`` as ``fmt`` (a key of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not documents:
        raise ExportError("nothing to export")
    module = importlib.import_module(FORMATS[fmt])
    result: Rendered = module.render(documents, options)
    return result


def check_langs(document: Document, options: ExportOptions) -> tuple[str, ...]:
    """Return the languages to show, in order; refuse one the document does not have."""
    if options.langs is None:
        return document.langs
    missing = [lang for lang in options.langs if lang not in document.langs]
    if missing:
        raise ExportError(
            f"language {', '.join(missing)} is not in the document "
            f"(it has {', '.join(document.langs)})",
            path=document.id,
        )
    return options.langs


def languages(documents: Sequence[Document], chosen: Sequence[str] | None) -> tuple[str, ...]:
    """Return ``chosen`` after checking every document has them, else all languages.

    Without a choice, languages come in the order they first appear across the documents.
    """
    if chosen is None:
        return tuple(dict.fromkeys(lang for document in documents for lang in document.langs))
    probe = ExportOptions(langs=tuple(chosen))
    for document in documents:
        check_langs(document, probe)
    return tuple(dict.fromkeys(chosen))
