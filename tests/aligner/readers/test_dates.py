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
