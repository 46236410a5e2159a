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


BRACKETED = {
    "de": ("TARVEL (2. April 2026)", "Die Vorsitzende ruft die Staaten auf, gemeinsam zu handeln.",
           "Flüsse kennen keine Grenzen, und was am Oberlauf geschieht, spürt man unten."),
    "en": ("TARVEL (April 2, 2026)", "The Chair calls on the states to act together.",
           "Rivers know no borders, and what happens upstream is felt downstream."),
    "es": ("TARVEL (2 de abril de 2026)", "La Presidenta pide a los Estados que actúen juntos.",
           "Los ríos no conocen fronteras, y lo que ocurre arriba se siente abajo."),
    "fr": ("TARVEL (2 avril 2026)", "La Présidente appelle les États à agir ensemble.",
           "Les rivières ne connaissent pas de frontières, et l'amont touche l'aval."),
    "ru": ("ТАРВЕЛ (2 апреля 2026 г.)", "Председатель призывает государства действовать сообща.",
           "Реки не знают границ, и то, что происходит в верховьях, ощущают в низовьях."),
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_a_dateline_in_brackets_glued_to_the_paragraph_after_a_lead_is_the_date(
    lang: str, tmp_path: Path
) -> None:
    dateline, lead, first = BRACKETED[lang]
    page = f"Title of the page here\n\n{lead}\n\n{dateline} – {first}\n\nLast modified 21.04.2026\n"
    path = tmp_path / f"{lang}.txt"
    path.write_text(page, encoding="utf-8")
    text = read_path(path)
    assert text.date == "2026-04-02"  # not the page's last change at its foot
    assert [(item.kind, item.text) for item in text.front][:1] == [("dateline", dateline)]
    assert [b.text for b in text.blocks][1:3] == [lead, first]  # the lead stays text


def test_a_place_in_brackets_with_no_date_is_no_dateline(tmp_path: Path) -> None:
    path = tmp_path / "en.txt"
    path.write_text("A title of the page\n\nTARVEL (UN) – Rivers know no borders, and what "
                    "happens upstream is felt downstream.\n", encoding="utf-8")  # fmt: skip
    text = read_path(path)
    assert text.front == ()
    assert text.blocks[-1].text.startswith("TARVEL (UN) – Rivers")


SPEECH = {
    "de": ("In ihrer Rede sagte die Vorsitzende, die Flüsse ließen sich nur gemeinsam schützen.",
           "Maria Lindqvist, Vorsitzende der Kommission für die Nördlichen Flüsse",
           "Tarvel, 02.04.2026", "– Es gilt das gesprochene Wort –"),
    "en": ("In her speech, the Chair said that the rivers could only be protected together.",
           "Maria Lindqvist, Chair of the Northern Rivers Commission", "Tarvel, 02.04.2026",
           "– Check against delivery –"),
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(SPEECH))
def test_front_matter_under_a_teaser_leaves_the_body_and_the_teaser_stays(
    lang: str, tmp_path: Path
) -> None:
    teaser, byline, dateline, note = SPEECH[lang]
    first, second = BRACKETED[lang][2], BRACKETED[lang][1]
    path = tmp_path / f"{lang}.txt"
    path.write_text(f"A speech to the council\n\n{teaser}\n\n{byline}\n\n{dateline}\n\n{note}\n\n"
                    f"{first}\n\n{second}\n", encoding="utf-8")  # fmt: skip
    text = read_path(path)
    assert [(item.kind, item.text) for item in text.front] == [
        ("byline", byline), ("dateline", dateline), ("note", note),
    ]  # fmt: skip
    assert [b.text for b in text.blocks] == ["A speech to the council", teaser, first, second]
    assert text.date == "2026-04-02"
