"""Dates written in text, in the languages whose month names babel knows."""

from __future__ import annotations

import pytest

from aligner.readers._dates import find_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Moscow, 5 March 2024", "2024-03-05"),
        ("March 5th, 2024", "2024-03-05"),
        ("5 марта 2024 года", "2024-03-05"),
        ("12 февраля 2023", "2023-02-12"),
        ("le 1er mars 2024", "2024-03-01"),
        ("5 de marzo de 2024", "2024-03-05"),
        ("3 Okt. 2019", "2019-10-03"),
        ("31.12.1999", "1999-12-31"),
        ("2024-02-30 is no date, 2024-02-29 is", "2024-02-29"),
        ("Article 25", None),
    ],
)
def test_find_date_reads_dates_written_in_several_languages(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_the_date_that_signs_a_message_is_its_date_though_a_survey_box_follows() -> None:
    from aligner.model import Source
    from aligner.readers.txt import read_text

    page = (
        "Lake Basin Authority\n\nMessage on the spring floods\n\n"
        "The floods of this spring have shown once again how exposed the valley is.\n\n"
        "The dikes held in the upper valley, but the lower villages were cut off.\n\n"
        "Thousands of people had to leave their homes within a few hours, and many\n\n"
        "Message by\n\nMaria Lindqvist\n\nChair of the Lake Basin Authority\n\n14. März 2026\n\n"
        "Help us do better.\n\nWe are renewing this site. Would you spare two minutes for our "
        "survey?\n"
    )
    text = read_text(page, source=Source(sha256="0" * 64))
    assert (text.date, text.date_text) == ("2026-03-14", "14. März 2026")
    # the text ends where it is signed: the survey box is kept outside it, not dropped
    assert [(f.kind, f.text) for f in text.front][-2:] == [
        ("unpaired", "Help us do better."),
        ("unpaired", "We are renewing this site. Would you spare two minutes for our survey?"),
    ]
    assert text.blocks[-1].text == "14. März 2026"
    # a date alone after a paragraph, signed by no one, is no signature: a chronology's entry
    said = "".join(f"It rained for {n} days and the river rose again.\n\n" for n in range(5))
    chronology = f"{said}14 March 2026\n\n{said}"
    assert read_text(chronology, source=Source(sha256="0" * 64)).date is None


def test_a_speaker_and_a_date_under_a_teaser_are_no_signature_that_ends_the_text() -> None:
    from aligner.model import Source
    from aligner.readers.txt import read_text

    body = "".join(
        f"The river rose again on day {n} and the valley was flooded.\n\n" for n in range(5)
    )
    page = (
        "Speeches\n\nMessage on the spring floods\n\n"
        "In her speech, the Chair said that the valley could only be protected together.\n\n"
        f"Maria Lindqvist, Chair of the Lake Basin Authority\n\nTarvel, 14.03.2026\n\n{body}"
    )
    text = read_text(page, source=Source(sha256="0" * 64))
    assert text.date == "2026-03-14"
    assert sum(b.text.startswith("The river rose again") for b in text.blocks) == 5
    assert not any(f.kind == "unpaired" for f in text.front)
