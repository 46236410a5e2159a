"""Align language versions of official texts and store them as TEI P5.

The same jobs as the command line::

    doc = aligner.align_files(["de.txt", "en.html", "ru=press.docx"], original="ru")
    aligner.save_tei(doc, "doc.tei.xml")                       # aligner align
    kind, problems = aligner.check_file(open("doc.tei.xml", "rb").read())  # aligner validate
    aligner.export([doc], "docx", "doc.docx")                  # aligner export
    needs = aligner.check_needs(inputs, memory_mb=1500)        # refuse what would not fit
    results = aligner.evaluate_gold(["../shared/corpus/udhr"])  # aligner eval
    sample = aligner.align_sample()                            # aligner demo

The names are loaded on first use (module ``__getattr__``), so ``languages/`` and
``exports/`` can import the leaf modules :mod:`aligner.model` and :mod:`aligner.errors`
without loading the pipeline, and nothing needs a function-local import to dodge a cycle.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aligner.api import (
        InputFile,
        Needs,
        align_files,
        align_inputs,
        align_sample,
        alignment_needs,
        check_file,
        check_needs,
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
        MissingLanguageError,
        TooLargeError,
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
    "MissingLanguageError",
    "Needs",
    "Sentence",
    "Source",
    "TooLargeError",
    "Turn",
    "ValidationError",
    "Version",
    "align_files",
    "align_inputs",
    "align_sample",
    "alignment_needs",
    "check_file",
    "check_needs",
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

# where the names come from: these modules, aligner.evaluate (evaluate_gold), else aligner.api
_HOMES: dict[str, tuple[str, ...]] = {
    "aligner.errors": tuple(name for name in __all__ if name.endswith("Error")),
    "aligner.model": (
        "Alignment",
        "Bead",
        "Block",
        "Document",
        "Sentence",
        "Source",
        "Turn",
        "Version",
    ),
    "aligner.tei": ("read_tei", "validate_tei", "write_tei"),
}
_WHERE = {name: (module, name) for module, names in _HOMES.items() for name in names}
_WHERE["evaluate_gold"] = ("aligner.evaluate", "evaluate")


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'aligner' has no attribute {name!r}")
    module, attribute = _WHERE.get(name, ("aligner.api", name))
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
