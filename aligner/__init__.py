"""Align language versions of official texts and store them as TEI P5.

>>> import aligner
>>> doc = aligner.align_files(["de=de.txt", "en=en.txt"])   # doctest: +SKIP
>>> aligner.save_tei(doc, "out.tei.xml")                      # doctest: +SKIP
"""

from __future__ import annotations

from aligner.api import (
    InputFile,
    align_files,
    align_inputs,
    load_document,
    load_input,
    realign,
    save_tei,
)
from aligner.errors import (
    AlignerError,
    DecodeError,
    EmptyInputError,
    ExportError,
    FormatError,
    InputError,
    LanguageError,
    ValidationError,
)
from aligner.model import Alignment, Bead, Block, Document, Sentence, Source, Turn, Version
from aligner.tei import read_tei, validate_tei, write_tei

__all__ = [
    "AlignerError",
    "Alignment",
    "Bead",
    "Block",
    "DecodeError",
    "Document",
    "EmptyInputError",
    "ExportError",
    "FormatError",
    "InputError",
    "InputFile",
    "LanguageError",
    "Sentence",
    "Source",
    "Turn",
    "ValidationError",
    "Version",
    "align_files",
    "align_inputs",
    "load_document",
    "load_input",
    "read_tei",
    "realign",
    "save_tei",
    "validate_tei",
    "write_tei",
]
