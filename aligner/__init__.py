"""Align language versions of official texts and store them as TEI P5.

The same jobs as the command line::

    doc = aligner.align_files(["de.txt", "en.html", "ru=press.docx"], original="ru")
    aligner.save_tei(doc, "doc.tei.xml")                       # aligner align
    kind, problems = aligner.check_file(open("doc.tei.xml", "rb").read())  # aligner validate
    aligner.export([doc], "docx", "doc.docx")                  # aligner export
    results = aligner.evaluate_gold(["../shared/corpus/udhr"])  # aligner eval
    sample = aligner.align_sample()                            # aligner demo
"""

from __future__ import annotations

from aligner.api import (
    InputFile,
    align_files,
    align_inputs,
    align_sample,
    check_file,
    export,
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
from aligner.evaluate import evaluate as evaluate_gold
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
    "align_sample",
    "check_file",
    "evaluate_gold",
    "export",
    "load_document",
    "load_input",
    "read_tei",
    "realign",
    "save_tei",
    "validate_tei",
    "write_tei",
]
