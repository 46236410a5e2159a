"""Web pages saved as text: title, date, speakers and furniture, in the five languages.

The pages in tests/data/readers/saved-page.*.txt are ours, written in the shape a browser's
"save as text" gives a ministry's press conference page: a dateline glued to the time, the
title, a language switcher, the statement, questions and answers with remarks in the
speaker labels, then "Additional materials", portlet names, an address block and "Head of
the organization:". Each language has its own layout of blank lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.api import align_files
from aligner.readers import read_bytes, read_path
from aligner.segment import segment
from aligner.tei import read_tei, schema_problems, tei_problems, write_tei

DATA = Path(__file__).parents[2] / "data" / "readers"
LANGS = ("de", "en", "es", "fr", "ru")

# (first words of the title, the label with a remark, its speaker before unification)
EXPECTED = {
    "de": ("Rede und Antworten", "Pawel Sokolow (nach Maria Lindqvist):", "sokolow"),
    "en": ("Foreign Minister Pavel", "Pavel Sokolov (speaking after Maria Lindqvist):", "sokolov"),
    "es": ("Discurso y respuestas", "Pável Sokolov (después de María Lindqvist):", "sokolov"),
    "fr": ("Discours et réponses", "Pavel Sokolov (après Maria Lindqvist) :", "sokolov"),
    "ru": ("Выступление и ответы", "П.А.Соколов (отвечает после М.Линдквист):", "sokolov"),
}
# who speaks, turn by turn, once the versions are aligned: the same ids in every language
TURNS = ["journalist", "sokolov", "journalist", "lindqvist", "sokolov", "journalist", "sokolov"]


def page(lang: str) -> Path:
    return DATA / f"saved-page.{lang}.txt"


@pytest.mark.parametrize("lang", LANGS)
def test_title_date_and_furniture_of_a_saved_page(lang: str) -> None:
    text = read_path(page(lang))
    title, _, _ = EXPECTED[lang]
    assert text.title is not None
    assert text.title.startswith(title)
    assert text.blocks[0].kind == "head"
    assert text.blocks[0].text == text.title
    assert text.date == "2026-03-14"
    lines = [line for line in page(lang).read_text(encoding="utf-8").splitlines() if line]
    assert text.dropped[0] == lines[0]  # the dateline with the time glued on
    assert text.dropped[1] == "de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1"
    # everything from the print link to the end is furniture, line by line
    print_line = next(i for i, line in enumerate(lines) if line == text.dropped[2])
    assert list(text.dropped[2:]) == lines[print_line:]
    kept = {b.text for b in text.blocks}
    assert kept.isdisjoint(text.dropped)
    assert len(text.blocks) == 11  # title, greeting, two paragraphs, seven turns


@pytest.mark.parametrize("lang", LANGS)
def test_speaker_labels_with_remarks_open_turns(lang: str) -> None:
    _, label, who = EXPECTED[lang]
    version = segment(read_path(page(lang)), lang)
    turns = [b.turn for b in version.blocks if b.turn is not None]
    assert [t.speaker for t in turns].count(label) == 1
    assert next(t.who for t in turns if t.speaker == label) == who
    assert len({t.id for t in turns}) == len(TURNS)
    assert version.blocks[-1].text.endswith((".", "。"))  # the last answer, no site block


def test_aligned_pages_share_speaker_ids_and_keep_the_dropped_lines_in_valid_tei() -> None:
    doc = align_files([page(lang) for lang in LANGS], original="ru")
    for v in doc.versions:
        whos = []
        for b in v.blocks:
            if b.turn is not None and (not whos or whos[-1][0] != b.turn.id):
                whos.append((b.turn.id, b.turn.who))
        assert [who for _, who in whos] == TURNS, v.lang
    names = {p.id: p.name for p in doc.people}
    assert names["lindqvist"] == "Maria Lindqvist"
    assert names["sokolov"] == "Pavel Sokolov"
    data = write_tei(doc)
    assert tei_problems(data) == []
    assert schema_problems(data) == []
    again = read_tei(data)
    assert write_tei(again) == data
    for v, w in zip(doc.versions, again.versions, strict=True):
        assert w.dropped == v.dropped
        assert len(v.dropped) == 14
    assert '<note type="dropped">Руководитель организации:</note>'.encode() in data


def test_a_section_heading_that_introduces_prose_is_kept() -> None:
    body = (
        "Annual report\n\nGeneral information\n\n"
        + "The commission met four times this year and adopted two decisions on water "
        "quality, one on the budget and one on the exchange of data between stations.\n"
    )
    text = read_bytes(body.encode(), filename="report.txt")
    assert [b.text for b in text.blocks][:2] == ["Annual report", "General information"]
    assert text.dropped == ()


def test_wrapped_prose_is_not_cut_into_lines() -> None:
    body = "The Minister thanked the delegations\nand closed the session.\n\nPrint\n\nEnd.\n"
    text = read_bytes(body.encode(), filename="x.txt")
    assert text.blocks[0].text == "The Minister thanked the delegations and closed the session."
    assert text.dropped == ("Print",)


# Dev pages of other layouts saved as text (benchmarks/pages_devset.py wrote them from our
# texts): a UN press release with a six-language bar and a footer list, a portal of Liferay
# portlets, and a div-only portal with a "most read" box and a dateline among page controls.
OTHER_LAYOUTS = {
    "saved-un.en.txt": ("Foreign Minister Pavel", "Symbol", "• Contact Us"),
    "saved-portlets.fr.txt": ("Discours et réponses", "Mesdames et Messieurs,", None),
    "saved-portal.ru.txt": ("Выступление и ответы", "12 мая 2025 г.", "Этот сайт использует"),
}


@pytest.mark.parametrize("name", sorted(OTHER_LAYOUTS))
def test_saved_pages_of_other_layouts_lose_their_header_and_footer(name: str) -> None:
    title, first, footer = OTHER_LAYOUTS[name]
    lines = [line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line]
    text = read_path(DATA / name)
    assert text.title is not None
    assert text.title.startswith(title)
    assert text.blocks[0].text == text.title
    assert text.date == "2026-03-14"
    # everything above the title here is furniture by what it is: menus, switchers, a
    # "most read" box of links, a dateline among controls
    above = lines[: lines.index(text.title)]
    assert [line.removeprefix("• ") for line in above] == list(text.dropped[: len(above)])
    if first != "Symbol":
        assert text.blocks[1].text.startswith(first)
    if footer is not None:
        assert lines[-1].startswith(footer)
        assert text.dropped[-1] == lines[-1].removeprefix("• ")
    assert text.blocks[-1].text.endswith(".")
    assert not any(b.text.startswith("©") for b in text.blocks)
