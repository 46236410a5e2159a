"""Align language versions: paragraphs n-way, then sentences inside paragraph beads.

:func:`align_versions` is the document aligner (:func:`align_paragraphs` its first step);
:func:`align_texts` aligns two texts given segment by segment (the ``--segmented`` mode and
the evaluation corpora).
"""

from __future__ import annotations

from aligner.align.embeddings import DEFAULT_ENCODER, Embedder, get_encoder
from aligner.align.lexicon import Lexicon, Lexicons
from aligner.align.nway import ParagraphPass, align_paragraphs, align_versions
from aligner.align.pairwise import PairBead, align_texts

__all__ = [
    "DEFAULT_ENCODER",
    "Embedder",
    "Lexicon",
    "Lexicons",
    "PairBead",
    "ParagraphPass",
    "align_paragraphs",
    "align_texts",
    "align_versions",
    "get_encoder",
]
