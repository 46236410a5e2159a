"""What every worker of the service needs, loaded once in their fork server before they fork.

A worker is a fork of the server (:mod:`aligner.service.workers`), so what is loaded here is
shared by all of them and loaded by none: the code of the aligner and the exports, and the
sentence encoder's weights (some seconds and ~140 MB each time otherwise), and what the
first PDF and DOCX of a process load (fonts, hyphenation patterns: ten seconds on a busy
machine), by rendering a document of one sentence.
"""

from __future__ import annotations

import contextlib

from aligner.align import DEFAULT_ENCODER, get_encoder
from aligner.errors import AlignerError
from aligner.model import Alignment, Bead, Block, Document, Sentence, Source, Version
from aligner.readers import READERS
from aligner.service import _jobs  # noqa: F401 - the jobs' code
from exports import FORMATS, ExportOptions, render


def _sentence() -> Document:
    """Return a document of one sentence in English and German."""
    said = {"en": "The harbour opens at six.", "de": "Der Hafen öffnet um sechs."}
    versions = tuple(
        Version(
            lang=lang,
            blocks=(Block(f"{lang}.p1", "p", 1, text, (Sentence(f"{lang}.p1.s1", text),)),),
            source=Source(sha256="0" * 64, filename=f"{lang}.txt"),
        )
        for lang, text in said.items()
    )
    return Document(
        id="doc-warm",
        uuid="00000000-0000-4000-8000-000000000001",
        versions=versions,
        paragraphs=Alignment("paragraph", (Bead("al.p1", {k: (f"{k}.p1",) for k in said}, 1.0),)),
        sentences=Alignment("sentence", (Bead("al.s1", {k: (f"{k}.p1.s1",) for k in said}, 1.0),)),
        created="2026-01-01T00:00:00Z",
    )


with contextlib.suppress(ImportError):
    for spec in FORMATS.values():
        __import__(spec.module)
    for reader in READERS.values():
        __import__(f"aligner.readers.{reader.name}")

with contextlib.suppress(AlignerError, ImportError, OSError, MemoryError):
    encoder = get_encoder(DEFAULT_ENCODER)
    if encoder is not None:
        encoder.vectors(["The workers share these weights."])  # loads them

with contextlib.suppress(Exception):  # a warm-up: whatever fails here fails again, told, later
    for name in ("pdf", "docx"):
        render([_sentence()], name, ExportOptions())
