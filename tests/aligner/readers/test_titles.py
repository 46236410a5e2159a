"""Each version's title is chosen with the other versions: the heading above the text that
pairs with the others' headings (titles translate each other), not the first one after the
site's header; a site's name or a line of exchange rates above it is no title."""

from __future__ import annotations

from pathlib import Path

from aligner.align_config import AlignConfig
from aligner.api import InputFile, align_inputs
from aligner.readers import read_path

DATA = Path(__file__).parents[2] / "data" / "titles"
LANGS = ("de", "en", "es", "fr", "ru")
TITLES = {
    "de": "Erklärung zum Frühjahrshochwasser im unteren Tal",
    "en": "Statement on the spring floods in the lower valley",
    "es": "Declaración sobre las inundaciones de primavera en el valle bajo",
    "fr": "Déclaration sur les crues de printemps dans la basse vallée",
    "ru": "Заявление о весеннем паводке в нижней долине",
}
SITES = {"en": "Lake Basin Authority", "fr": "Autorité du bassin des lacs",
         "ru": "Управление озерного бассейна"}  # fmt: skip


def test_a_line_of_rates_is_no_title_for_the_reader() -> None:
    text = read_path(DATA / "es.txt")
    assert text.title == TITLES["es"]


def test_the_versions_choose_their_titles_together() -> None:
    # read alone, a site's name on a line of its own looks like a title
    assert {lang: read_path(DATA / f"{lang}.txt").title for lang in SITES} == SITES
    inputs = [InputFile(data=(DATA / f"{lang}.txt").read_bytes(), filename=f"{lang}.txt")
              for lang in LANGS]  # fmt: skip
    doc = align_inputs(inputs, config=AlignConfig(encoder=None))
    assert {v.lang: v.title for v in doc.versions} == TITLES
    # the titles share one bead; the site names are one-sided front matter, not body text
    heads = {v.lang: next(b.id for b in v.blocks if b.text == TITLES[v.lang]) for v in doc.versions}
    bead = next(b for b in doc.paragraphs.beads if heads["en"] in b.ids("en"))
    assert {lang: bead.ids(lang) for lang in LANGS} == {lang: (heads[lang],) for lang in LANGS}
    for v in doc.versions:
        assert not any(b.text == SITES.get(v.lang) for b in v.blocks)
        assert v.blocks[0].text == TITLES[v.lang]
    assert all(b.id.startswith("al.p") for b in doc.paragraphs.beads)  # no bead fixed aside
