"""The format-neutral side-by-side table."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from aligner.errors import ExportError
from aligner.model import Alignment, Bead, Document, Level
from exports.table import FLAG_SHADES, build_table


def _with_bead(document: Document, bead_id: str, **changes: object) -> Document:
    beads = tuple(
        dataclasses.replace(b, **changes) if b.id == bead_id else b  # type: ignore[arg-type]
        for b in document.paragraphs.beads
    )
    return dataclasses.replace(
        document, paragraphs=dataclasses.replace(document.paragraphs, beads=beads)
    )


def test_it_makes_one_row_per_paragraph_bead_and_one_column_per_language(
    document: Document,
) -> None:
    table = build_table(document, document.langs)
    assert [r.bead for r in table.rows] == [b.id for b in document.paragraphs.beads]
    assert [r.number for r in table.rows] == list(range(1, 8))
    assert table.langs == ("de", "en", "es", "ru", "fr")
    assert all(tuple(c.lang for c in r.cells) == table.langs for r in table.rows)


def test_it_follows_the_chosen_languages_and_their_order(document: Document) -> None:
    table = build_table(document, ("ru", "de"))
    assert table.langs == ("ru", "de")
    assert [c.name for c in table.columns] == ["Русский", "Deutsch"]
    assert [c.tag for c in table.columns] == ["ru-RU", "de-DE"]
    assert table.main == "ru"  # the original (en) is not shown


def test_it_keeps_a_split_paragraph_in_one_cell(document: Document) -> None:
    row = build_table(document, document.langs).rows[2]
    german = row.cell("de").texts
    assert [t.text for t in german] == [
        "Das Budget beträgt 12,5 Millionen Euro.",
        "Die Stadt stellt z. B. drei Säle bereit.",
    ]
    assert row.shape == "2-1-1-1-1"


def test_it_marks_headings_and_speaker_labels(document: Document) -> None:
    rows = build_table(document, document.langs).rows
    assert rows[0].heading
    assert [t.kind for c in rows[0].cells for t in c.texts] == ["heading"] * 5
    assert rows[4].cell("fr").texts[0].speaker == "Question :"
    assert rows[5].cell("ru").texts[0].speaker == "Ответ:"
    # the answer's second paragraph belongs to the same turn: no label again
    assert rows[6].cell("de").texts[0].speaker is None
    assert not rows[1].heading


def test_it_leaves_a_cell_empty_and_flags_the_row_unaligned(document: Document) -> None:
    row = build_table(document, document.langs).rows[3]
    assert row.cell("es").empty
    assert row.shape == "1-1-0-1-1"
    assert row.has("unaligned")
    assert "Spanish" in row.reasons


def test_it_says_which_language_alone_has_text(document: Document) -> None:
    row = build_table(document, ("de", "es")).rows[3]
    assert row.has("unaligned")
    assert "only German has text here" in row.reasons


def test_a_run_some_languages_lack_opens_with_a_label(document: Document) -> None:
    rows = build_table(document, ("de", "es", "en")).rows
    assert [r.band for r in rows] == [None] * 3 + [
        "No Spanish text for German paragraph 4 (3 words); English paragraph 3 (4 words)"
    ] + [None] * 3
    assert rows[3].shade == FLAG_SHADES["unaligned"]
    assert rows[3].reasons.startswith("No Spanish text for German paragraph 4")
    assert all(r.band is None for r in build_table(document, ("de", "en")).rows)


def test_at_sentence_level_the_label_opens_the_run_s_first_sentence(document: Document) -> None:
    rows = build_table(document, ("es", "fr"), level="sentence").rows
    (opening,) = [r for r in rows if r.band]
    assert opening.cell("fr").text == "D’autres détails suivront."
    assert opening.band == "No Spanish text for French paragraph 3 (3 words)"


def test_two_languages_see_their_own_beads_when_a_third_merged(merged: Document) -> None:
    assert [r.shape for r in build_table(merged, ("de", "fr")).rows] == ["1-1"] * 4
    assert [r.bead for r in build_table(merged, ("fr", "de")).rows] == [
        "al.p1", "al.p2.1", "al.p2.2", "al.p2.3"
    ]  # fmt: skip
    assert [r.shape for r in build_table(merged, ("de", "en")).rows] == ["1-1", "3-1"]


def test_it_flags_low_confidence_below_the_chosen_threshold(document: Document) -> None:
    default = build_table(document, document.langs).rows
    # the default is the review threshold: 0.62 and 0.41 are under 0.9, 0.93 is not
    assert [r.has("low-confidence") for r in default] == [False] * 2 + [True] * 2 + [False] * 3
    assert "0.41 is below 0.90" in default[3].reasons
    lenient = build_table(document, document.langs, review_below=0.5).rows
    assert [r.has("low-confidence") for r in lenient] == [False] * 3 + [True] + [False] * 3
    assert not build_table(document, document.langs, review_below=0.0).rows[3].has("low-confidence")


def test_it_trusts_a_bead_a_person_confirmed(document: Document) -> None:
    confirmed = _with_bead(document, "al.p4", status="manual")
    row = build_table(confirmed, confirmed.langs).rows[3]
    assert not row.has("low-confidence")
    assert row.status == "manual"


def test_it_reads_decimal_commas_and_thousand_groups_as_the_same_numbers(
    document: Document, with_sentence: Callable[[Document, str, str], Document]
) -> None:
    # 12,5 / 12.5 already differ in writing only; add 1 000 vs 1,000 in another order
    doc = with_sentence(document, "de.p2.s1", "Es gibt 1 000 Plätze und 12,5 Tische.")
    doc = with_sentence(doc, "en.p2.s1", "There are 12.5 tables and 1,000 seats.")
    doc = with_sentence(doc, "es.p2.s1", "Hay 1.000 plazas y 12,5 mesas.")
    doc = with_sentence(doc, "ru.p2.s1", "Есть 1\u00a0000 мест и 12,5 стола.")
    doc = with_sentence(doc, "fr.p2.s1", "Il y a 1\u202f000 places et 12,5 tables.")
    rows = build_table(doc, doc.langs).rows
    assert rows[2].cell("en").texts[0].text.startswith("There are 12.5 tables")
    assert not any(r.has("numbers-differ") for r in rows)
    changed = with_sentence(doc, "fr.p2.s1", "Il y a 1\u202f000 places et 12,6 tables.")
    assert build_table(changed, changed.langs).rows[2].has("numbers-differ")


def test_it_flags_a_number_one_language_changed(
    document: Document, with_sentence: Callable[[Document, str, str], Document]
) -> None:
    changed = with_sentence(document, "en.p2.s1", "The budget is 13.5 million euros.")
    rows = build_table(changed, changed.langs, review_below=0.5).rows
    assert [r.has("numbers-differ") for r in rows] == [False, False, True] + [False] * 4
    assert rows[2].reasons == "numbers differ: English has 13.5 million and lacks 12.5 million"


def test_it_compares_numbers_only_between_the_chosen_languages(
    document: Document, with_sentence: Callable[[Document, str, str], Document]
) -> None:
    changed = with_sentence(document, "en.p2.s1", "The budget is 13.5 million euros.")
    rows = build_table(changed, ("de", "ru")).rows
    assert not any(r.has("numbers-differ") for r in rows)


def test_it_puts_sentences_in_rows_and_headings_between_them(document: Document) -> None:
    table = build_table(document, document.langs, level="sentence")
    assert [r.bead for r in table.rows] == ["al.p1"] + [f"al.s{n}" for n in range(1, 9)]
    assert table.rows[0].heading
    second = table.rows[2]
    assert [t.text for t in second.cell("de").texts] == ["Es kommen 120 Gäste."]
    assert [t.block for t in second.cell("de").texts] == ["de.p1"]
    assert table.rows[6].cell("de").texts[0].speaker == "Frage:"


def test_it_joins_sentences_of_one_paragraph_for_display(document: Document) -> None:
    merged = Bead(
        id="al.s1",
        members={"de": ("de.p1.s1", "de.p1.s2"), "en": ("en.p1.s1", "en.p1.s2")},
        cert=0.9,
    )
    doc = dataclasses.replace(
        document, sentences=dataclasses.replace(document.sentences, beads=(merged,))
    )
    row = build_table(doc, ("de", "en"), level="sentence").rows[1]
    assert len(row.cell("de").texts) == 2
    assert [t.text for t in row.cell("de").paragraphs()] == [
        "Am 14. März 2026 beginnt die Konferenz. Es kommen 120 Gäste."
    ]


def test_it_carries_the_title_and_source_date(document: Document) -> None:
    table = build_table(document, document.langs)
    assert table.title == "Statement on the water conference"
    assert table.date == "2026-03-10"
    assert table.level == "paragraph"


def test_it_builds_an_empty_grid_when_no_language_is_chosen(document: Document) -> None:
    table = build_table(document, ())
    assert table.columns == ()
    assert all(r.cells == () for r in table.rows)
    assert not any(r.flags for r in table.rows if r.cert >= 0.9)


def test_it_refuses_sentence_rows_for_a_document_aligned_by_paragraph_only(
    document: Document,
) -> None:
    unsplit = dataclasses.replace(document, sentences=Alignment("sentence", ()))
    with pytest.raises(ExportError, match="paragraph level") as caught:
        build_table(unsplit, unsplit.langs, level="sentence")
    assert caught.value.path == "doc-test-water"


@pytest.mark.parametrize(("level", "missing"), [("paragraph", "de.p9"), ("sentence", "de.p9.s1")])
def test_it_refuses_a_bead_that_points_to_a_missing_unit(
    document: Document, level: Level, missing: str
) -> None:
    stray = Bead("al.x1", {"de": (missing,), "en": ()}, 0.9)
    if level == "paragraph":
        beads = (*document.paragraphs.beads, stray)
        broken = dataclasses.replace(document, paragraphs=Alignment("paragraph", beads))
    else:
        beads = (*document.sentences.beads, stray)
        broken = dataclasses.replace(document, sentences=Alignment("sentence", beads))
    with pytest.raises(ExportError, match=f"bead al.x1 points to {missing}, which the de"):
        build_table(broken, broken.langs, level=level)


def test_a_column_carries_the_region_its_source_declares(document: Document) -> None:
    english = next(v for v in document.versions if v.lang == "en")
    source = dataclasses.replace(english.source, filename="press.en-GB.html")
    british = dataclasses.replace(english, source=source)
    versions = tuple(british if v.lang == "en" else v for v in document.versions)
    table = build_table(dataclasses.replace(document, versions=versions), ("de", "en"))
    assert [c.tag for c in table.columns] == ["de-DE", "en-GB"]
    assert [c.tag for c in build_table(document, ("de", "en")).columns] == ["de-DE", "en-US"]
