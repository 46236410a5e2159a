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


# a press release: title, a date line in each language, then two sentences of text
PRESS: dict[str, list[tuple[str, list[str]]]] = {
    "de": [
        ("head", ["Wasserkonferenz in Tarvel"]),
        ("p", ["Berlin, 14. März 2026"]),
        ("p", ["Die Konferenz beginnt am Montag.", "Es kommen 120 Gäste."]),
    ],
    "en": [
        ("head", ["Water conference in Tarvel"]),
        ("p", ["14 March 2026 | Print"]),
        ("p", ["The conference opens on Monday.", "There will be 120 guests."]),
    ],
    "ru": [
        ("head", ["Конференция по водным ресурсам в Тарвеле"]),
        ("p", ["Берлин, 14 марта 2026 г."]),
        ("p", ["Конференция откроется в понедельник.", "Ожидается 120 гостей."]),
    ],
}


@pytest.fixture
def press(make_document: Callable[..., Document]) -> Document:
    """A three-language press release whose English version is a British page."""
    made = make_document(PRESS, [{lang: (i,) for lang in PRESS} for i in range(3)])
    british = dataclasses.replace(made.version("en").source, filename="press.en-GB.html")
    versions = tuple(
        dataclasses.replace(v, source=british)
        if v.lang == "en"
        else dataclasses.replace(v, original=v.lang == "de")
        for v in made.versions
    )
    return dataclasses.replace(made, versions=versions)
