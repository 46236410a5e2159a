"""The sentence-alignment gold of ../shared/corpus, read with nothing but the standard library.

Four corpora, each a fold of the leave-one-corpus-out checks (``bench_folds.py``), of the
accuracy gate (``accuracy_gate.py``) and of ``bench_peers.py`` (which also runs it from the
peers' environment, where our package is not installed):

- ``textberg-dev``: Text+Berg dev, German-French, one long OCR'd article;
- ``parice-en-is``: ParIce, English-Icelandic, ten documents;
- ``transread-enfr``: TransRead, five English novels and their French translations;
- ``transread-enes``: TransRead, Candide in English and Spanish.

A document is (name, source sentences, target sentences, gold beads); beads are pairs of
lists of 0-based sentence indices.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

# a document: name, source sentences, target sentences, gold beads
Doc = tuple[str, list[str], list[str], list[tuple[list[int], list[int]]]]
# a corpus: name, source language, target language, documents
Corpus = tuple[str, str, str, list[Doc]]

#: the corpora in the order they are reported
NAMES = ("textberg-dev", "parice-en-is", "transread-enfr", "transread-enes")


def _lines(path: Path) -> list[str]:
    return path.read_text("utf-8").split("\n")[:-1]


def _indexed(path: Path) -> list[str]:
    return [line.partition("\t")[2] for line in path.read_text("utf-8").splitlines() if line]


def _beads(path: Path) -> list[tuple[list[int], list[int]]]:
    out = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            src, _, tgt = line.partition(":")
            out.append((json.loads(src), json.loads(tgt)))
    return out


def _books(folder: Path, src: str, tgt: str) -> list[Doc]:
    return [
        (gold.stem, _lines(gold.with_suffix("." + src)), _lines(gold.with_suffix("." + tgt)),
         _beads(gold))
        for gold in sorted(folder.glob(f"*.{src}{tgt}"))
    ]  # fmt: skip


def corpora(corpus: Path, only: tuple[str, ...] = NAMES) -> Iterator[Corpus]:
    """Yield each corpus of ``only`` that ``corpus`` (../shared/corpus) holds."""
    tb = corpus / "textberg-dev"
    if "textberg-dev" in only and tb.is_dir():
        doc = ("dev", _lines(tb / "dev.de"), _lines(tb / "dev.fr"), _beads(tb / "dev.defr"))
        yield "textberg-dev", "de", "fr", [doc]
    parice = corpus / "parice-en-is"
    if "parice-en-is" in only and parice.is_dir():
        docs = [
            (
                gold.stem,
                _indexed(parice / "eng" / gold.name),
                _indexed(parice / "isl" / gold.name),
                _beads(gold),
            )
            for gold in sorted((parice / "gold").glob("*.txt"))
        ]
        yield "parice-en-is", "en", "is", docs
    for name, folder, src, tgt in (
        ("transread-enfr", "transread-enfr-dev", "en", "fr"),
        ("transread-enes", "transread-enes-dev", "en", "es"),
    ):
        if name in only and (corpus / folder).is_dir():
            yield name, src, tgt, _books(corpus / folder, src, tgt)
