"""Furniture goes by what a line is, never by where it stands: text above a title stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.align_config import AlignConfig
from aligner.api import InputFile, align_inputs
from aligner.readers import read_path

DATA = Path(__file__).parents[2] / "data" / "udhr-furniture"
LANGS = ("de", "en", "es", "fr", "ru")
TITLES = {
    "de": "Allgemeine Erklärung der Menschenrechte",
    "en": "Universal Declaration of Human Rights",
    "es": "Declaración Universal de Derechos Humanos",
    "fr": "Déclaration universelle des droits de l'homme",
    "ru": "Всеобщая декларация прав человека",
}


def paragraphs(lang: str) -> list[str]:
    text = (DATA / f"{lang}.txt").read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


@pytest.mark.parametrize("lang", LANGS)
def test_the_udhr_under_site_furniture_keeps_its_preamble_and_its_title(lang: str) -> None:
    text = read_path(DATA / f"{lang}.txt")
    lines = paragraphs(lang)
    assert text.title == TITLES[lang]
    assert text.dropped == tuple(lines[:3])  # the three lines of furniture, nothing else
    assert [b.text for b in text.blocks] == lines[3:]
    assert text.blocks[0].kind == "head"


def test_the_five_versions_align_title_to_title_and_recital_to_recital() -> None:
    inputs = [InputFile(data=(DATA / f"{lang}.txt").read_bytes(), filename=f"{lang}.txt")
              for lang in LANGS]  # fmt: skip
    doc = align_inputs(inputs, config=AlignConfig(encoder=None))
    assert all(doc.version(lang).title == TITLES[lang] for lang in LANGS)
    first = doc.paragraphs.beads[0]
    assert {lang: doc.version(lang).block(first.ids(lang)[0]).text for lang in LANGS} == TITLES
    # every recital is in a bead with its counterparts in all five languages
    recitals = [b for b in doc.paragraphs.beads if len(b.langs) == len(LANGS)]
    assert len(recitals) >= 9
