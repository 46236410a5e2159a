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


CONTENTS = {
    "en": ("Contents", ["Water quality", "Fish stocks"],
           ["The water of the lower river is clean again this year.",
            "Fish stocks in the delta are growing for the third year running."]),
    "ru": ("Содержание", ["Качество воды", "Рыбные запасы"],
           ["Вода в низовьях реки в этом году снова стала чистой.",
            "Рыбные запасы в дельте растут уже третий год подряд."]),
}  # fmt: skip


def _contents_page(lang: str) -> tuple[str, list[str]]:
    label, heads, texts = CONTENTS[lang]
    title = "Statement on the state of the rivers" if lang == "en" else "Заявление о реках"
    body = [line for head, text in zip(heads, texts, strict=True) for line in (head, text)]
    return "\n\n".join([title, label, *[f"• {h}" for h in heads], *body]) + "\n", [title, *body]


@pytest.mark.parametrize("lang", sorted(CONTENTS))
def test_a_contents_box_that_repeats_the_headings_below_is_set_aside(
    lang: str, tmp_path: Path
) -> None:
    page, text = _contents_page(lang)
    for form, saved in (("saved", page), ("copied", page.replace("\n\n", "\n"))):
        path = tmp_path / f"{form}.txt"
        path.write_text(saved.replace("• ", "") if form == "copied" else saved, encoding="utf-8")
        read = read_path(path)
        assert [b.text for b in read.blocks] == text, form
        assert read.dropped == (CONTENTS[lang][0], *CONTENTS[lang][1]), form
        assert read.title == text[0]


def test_a_contents_box_on_a_web_page_is_set_aside_and_a_caption_stays(tmp_path: Path) -> None:
    label, heads, texts = CONTENTS["en"]
    page = (
        "<html lang='en'><body><main><h1>Statement on the state of the rivers</h1>"
        f"<h3>{label}</h3><ol>{''.join(f'<li>{h}</li>' for h in heads)}</ol>"
        f"<h2>{heads[0]}</h2><p>{texts[0]}</p><figure><img src='x.jpg' alt='river'>"
        "<figcaption>Fishers check their nets at dawn. Photo: J. Berg</figcaption></figure>"
        f"<h2>{heads[1]}</h2><p>{texts[1]}</p></main></body></html>"
    )
    path = tmp_path / "en.html"
    path.write_text(page, encoding="utf-8")
    read = read_path(path)
    assert [b.text for b in read.blocks] == [
        "Statement on the state of the rivers", heads[0], texts[0],
        "Fishers check their nets at dawn. Photo: J. Berg", heads[1], texts[1],
    ]  # fmt: skip
    assert read.dropped == (label, *heads)


def test_repeated_short_lines_with_no_text_under_them_are_no_contents_box(
    tmp_path: Path,
) -> None:
    # a table copied a cell to a line repeats its values, with no text under them
    lines = ["Results of the survey", "Yes", "No", "Yes", "No", "Yes", "No",
             "The survey was held in all nine member states this spring."]  # fmt: skip
    path = tmp_path / "en.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read = read_path(path)
    assert [b.text for b in read.blocks] == lines


FOOTER = {
    "en": ["Share this page", "Report a problem with this page", "ENDS",
           "For more information, please contact Anna Berg, +00 100 200 30 41, press@nrc.example",
           "This page in: Deutsch English Español Français Русский", "Previous post"],
    "ru": ["Поделиться страницей", "Сообщить о проблеме на этой странице", "* * *",
           "За информацией обращайтесь к Анне Берг, +00 100 200 30 41, press@nrc.example",
           "Эта страница на языках: Deutsch English Español Français Русский",
           "Предыдущая запись"],
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(FOOTER))
def test_a_pages_footer_lines_are_set_aside_for_what_they_are(lang: str, tmp_path: Path) -> None:
    _label, _heads, texts = CONTENTS[lang]
    path = tmp_path / f"{lang}.txt"
    path.write_text("\n\n".join(["Title of the page here", *texts, *FOOTER[lang]]) + "\n",
                    encoding="utf-8")  # fmt: skip
    read = read_path(path)
    kept = [b.text for b in read.blocks]
    assert kept[1:3] == texts
    aside = [line for line in FOOTER[lang] if line != "* * *"]  # no words: no furniture phrase
    assert [line for line in aside if line in kept] == []


def test_a_row_of_links_in_a_web_pages_text_is_set_aside_as_in_its_saved_text(
    tmp_path: Path,
) -> None:
    _label, _heads, texts = CONTENTS["en"]
    row = "Follow us: Facebook | X | Instagram"
    page = ("<html lang='en'><body><main><h1>Statement on the state of the rivers</h1>"
            f"<p>{texts[0]}</p><p>{texts[1]}</p><p>{row}</p></main></body></html>")  # fmt: skip
    for name, data in (("en.html", page), ("en.txt", f"Title here\n\n{texts[0]}\n\n{row}\n")):
        path = tmp_path / name
        path.write_text(data, encoding="utf-8")
        read = read_path(path)
        assert row in read.dropped, name
        assert row not in [b.text for b in read.blocks], name
