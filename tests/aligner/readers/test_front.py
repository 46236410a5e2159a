"""Front matter is recognised by kind in five languages, kept out of the body, stored in the
TEI front (valid, read back byte-identical) and paired kind to kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.align_config import AlignConfig
from aligner.api import InputFile, align_inputs
from aligner.model import FrontItem
from aligner.readers import read_path
from aligner.tei import read_tei, schema_problems, tei_problems, write_tei

DATA = Path(__file__).parents[2] / "data" / "front"
LANGS = ("de", "en", "es", "fr", "ru")
FIRST = {
    "de": "Flüsse kennen keine Grenzen.",
    "en": "Rivers know no borders.",
    "es": "Los ríos no conocen fronteras.",
    "fr": "Les rivières ne connaissent pas de frontières.",
    "ru": "Реки не знают границ.",
}
KINDS = {
    "de": ["intro"],
    "en": ["symbol", "intro", "dateline"],
    "es": ["intro", "note"],
    "fr": ["byline", "note", "dateline"],
    "ru": ["intro", "dateline", "byline"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_front_matter_leaves_the_body_by_kind_and_the_body_starts_clean(lang: str) -> None:
    text = read_path(DATA / f"{lang}.txt")
    assert [item.kind for item in text.front] == KINDS[lang]
    body = [b for b in text.blocks if b.kind == "p" and len(b.text) > 80]
    assert body[0].text.startswith(FIRST[lang])  # nothing glued to the first paragraph
    assert not any(item.text in b.text for item in text.front for b in text.blocks)
    assert text.title is not None
    assert text.blocks[0].text == text.title
    if lang in ("en", "fr", "ru"):
        assert text.date == "2026-03-14"


def test_front_matter_is_stored_in_the_tei_front_valid_and_byte_identical() -> None:
    inputs = [InputFile(data=(DATA / f"{lang}.txt").read_bytes(), filename=f"{lang}.txt")
              for lang in LANGS]  # fmt: skip
    doc = align_inputs(inputs, config=AlignConfig(encoder=None))
    data = write_tei(doc)
    assert schema_problems(data) == []
    assert tei_problems(data) == []
    again = read_tei(data)
    assert again.version("en").front == (
        FrontItem("symbol", "NRC/PR/118-2026"),
        FrontItem(
            "intro",
            "Following is the text of the message of the Chair of the Northern Rivers "
            "Commission, Maria Lindqvist:",
        ),
        FrontItem("dateline", "Tarvel, 14 March 2026", "2026-03-14"),
    )
    assert b'<docDate when="2026-03-14">Tarvel, 14 March 2026</docDate>' in data
    assert [v.front for v in again.versions] == [v.front for v in doc.versions]
    assert write_tei(again) == data
    assert b'<idno type="symbol">NRC/PR/118-2026</idno>' in data
    assert b'<note type="editorial">(Traducci' in data
    # the body aligns paragraph to paragraph: the first body paragraphs share one bead
    firsts = {}
    for v in doc.versions:
        firsts[v.lang] = next(b.id for b in v.blocks if b.text.startswith(FIRST[v.lang]))
    bead = next(b for b in doc.paragraphs.beads if firsts["en"] in b.ids("en"))
    assert {lang: bead.ids(lang) for lang in LANGS} == {lang: (firsts[lang],) for lang in LANGS}
