"""Fixtures shared by the export tests: edits of the small test document."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from aligner.model import Block, Document, Sentence

Edit = Callable[[Document, str, str], Document]


def _with_block(document: Document, new: Block) -> Document:
    lang = new.id.split(".")[0]
    version = document.version(lang)
    blocks = tuple(new if b.id == new.id else b for b in version.blocks)
    changed = dataclasses.replace(version, blocks=blocks)
    return dataclasses.replace(
        document, versions=tuple(changed if v.lang == lang else v for v in document.versions)
    )


def _with_text(document: Document, block_id: str, text: str) -> Document:
    block = document.version(block_id.split(".")[0]).block(block_id)
    return _with_block(document, dataclasses.replace(block, text=text, sentences=()))


def _with_sentence(document: Document, sentence_id: str, text: str) -> Document:
    block_id = sentence_id.rsplit(".", 1)[0]
    block = document.version(block_id.split(".")[0]).block(block_id)
    sentences = tuple(Sentence(s.id, text) if s.id == sentence_id else s for s in block.sentences)
    joined = " ".join(s.text for s in sentences)
    return _with_block(document, dataclasses.replace(block, sentences=sentences, text=joined))


@pytest.fixture
def with_text() -> Edit:
    """Return ``(document, block_id, text) -> document`` with that paragraph rewritten.

    The block loses its sentences, so this suits paragraph-level exports.
    """
    return _with_text


@pytest.fixture
def with_sentence() -> Edit:
    """Return ``(document, sentence_id, text) -> document`` with that sentence rewritten.

    The text of its paragraph follows.
    """
    return _with_sentence
