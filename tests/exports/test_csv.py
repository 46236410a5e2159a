"""CSV export: UTF-8 with BOM for Excel, RFC 4180 quoting, read back with the csv module."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable

import pytest

from aligner.errors import ExportError
from aligner.model import Document
from exports import ExportOptions, Rendered, render

HEADER = [
    "bead",
    "shape",
    "score",
    "status",
    "flags",
    "reasons",
    "de (Deutsch)",
    "en (English)",
    "es (Español)",
    "ru (Русский)",
    "fr (Français)",
    "ref",
]


def _csv(documents: list[Document], options: ExportOptions | None = None) -> Rendered:
    return render(documents, "csv", options or ExportOptions())


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_it_writes_one_row_per_bead_under_a_header(document: Document) -> None:
    rendered = _csv([document])
    (output,) = rendered.outputs
    assert (output.extension, output.media_type) == ("csv", "text/csv; charset=utf-8")
    rows = _rows(output.data)
    assert rows[0] == HEADER
    assert [r[0] for r in rows[1:]] == [b.id for b in document.paragraphs.beads]
    assert rows[1][1:5] == ["1-1-1-1-1", "0.97", "auto", ""]
    assert rows[1][6:-1] == [document.version(lang).blocks[0].text for lang in document.langs]
    # the units the row holds, which outlive a renumbering of the beads
    assert rows[1][-1] == "al.p1: de.h1 en.h1 es.h1 ru.h1 fr.h1"
    assert rendered.notes == ()


def test_a_split_paragraph_stays_in_one_cell_with_a_blank_line(document: Document) -> None:
    rows = _rows(_csv([document]).outputs[0].data)
    split = rows[3]
    assert split[:2] == ["al.p3", "2-1-1-1-1"]
    assert split[6] == (
        "Das Budget beträgt 12,5 Millionen Euro.\n\nDie Stadt stellt z. B. drei Säle bereit."
    )


def test_a_gap_is_an_empty_cell_flagged_with_its_reason(document: Document) -> None:
    rows = _rows(_csv([document]).outputs[0].data)
    gap = rows[4]
    flags = "missing-run, unaligned, low-confidence"
    assert gap[:5] == ["al.p4", "1-1-0-1-1", "0.41", "auto", flags]
    assert gap[5] == (
        "No Spanish text for German paragraph 4 (3 words); English paragraph 3 (4 words); "
        "Russian paragraph 3 (4 words); French paragraph 3 (3 words); "
        "no Spanish text here; alignment confidence 0.41 is below 0.90"
    )
    assert gap[8] == ""


def test_a_turn_opening_paragraph_keeps_its_speaker_label(document: Document) -> None:
    rows = _rows(_csv([document]).outputs[0].data)
    assert rows[5][6] == "Frage: Wer nimmt teil?"
    assert rows[7][6] == "Die Liste wird am Montag veröffentlicht."  # same turn, no label


def test_quotes_and_line_breaks_are_quoted_as_rfc_4180_says(
    document: Document, with_text: Callable[[Document, str, str], Document]
) -> None:
    tricky = 'Er sagte: "Ja,\nwir kommen"; 1,5 %'
    data = _csv([with_text(document, "de.p4", tricky)]).outputs[0].data
    assert b'"Er sagte: ""Ja,\nwir kommen""; 1,5 %"' in data
    assert data.count(b"\r\n") == 8  # a CRLF ends each record, not the breaks inside cells
    assert _rows(data)[4][6] == tricky


def test_chosen_languages_give_the_columns_in_their_order(document: Document) -> None:
    rows = _rows(_csv([document], ExportOptions(langs=("ru", "es"))).outputs[0].data)
    assert rows[0][6:] == ["ru (Русский)", "es (Español)", "ref"]
    assert rows[4][:2] == ["al.p4", "1-0"]
    assert rows[4][6:] == ["Подробности будут сообщены позднее.", "", "al.p4: ru.p3"]


def test_a_bead_without_any_chosen_language_is_left_out(document: Document) -> None:
    rendered = _csv([document], ExportOptions(langs=("es",)))
    rows = _rows(rendered.outputs[0].data)
    assert [r[0] for r in rows[1:]] == ["al.p1", "al.p2", "al.p3", "al.p5", "al.p6", "al.p7"]
    assert rendered.notes == ("1 bead with no text in es left out",)


def test_several_documents_get_a_document_column_first(document: Document) -> None:
    other = dataclasses.replace(document, id="doc-other")
    rows = _rows(_csv([document, other]).outputs[0].data)
    assert rows[0] == ["document", *HEADER]
    assert [r[0] for r in rows[1:]] == ["doc-test-water"] * 7 + ["doc-other"] * 7
    assert rows[8][1] == "al.p1"


def test_a_document_without_a_language_leaves_its_column_blank(document: Document) -> None:
    no_fr = dataclasses.replace(
        document,
        id="doc-no-fr",
        versions=tuple(v for v in document.versions if v.lang != "fr"),
        paragraphs=dataclasses.replace(
            document.paragraphs,
            beads=tuple(
                dataclasses.replace(b, members={k: v for k, v in b.members.items() if k != "fr"})
                for b in document.paragraphs.beads
            ),
        ),
    )
    rows = _rows(_csv([document, no_fr]).outputs[0].data)
    assert rows[8][0] == "doc-no-fr"
    assert rows[8][2] == "1-1-1-1-0"
    assert rows[8][-2] == ""
    assert rows[1][-2] == "Déclaration sur la conférence de l’eau"


def test_sentence_rows_start_with_the_heading(document: Document) -> None:
    rows = _rows(_csv([document], ExportOptions(level="sentence")).outputs[0].data)
    assert rows[1][0] == "al.p1"
    assert rows[2][0] == "al.s1"
    assert rows[2][7] == "The conference opens on 14 March 2026."
    assert len(rows) == 1 + 1 + len(document.sentences.beads)


def test_an_unknown_language_is_refused_by_name(document: Document) -> None:
    with pytest.raises(ExportError, match="language it is not in the document"):
        _csv([document], ExportOptions(langs=("de", "it")))
