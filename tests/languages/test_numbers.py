"""The one number reader: the aligner, the exports and the page read numbers alike."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aligner.align.numerals import numeric_keys
from languages.numbers import plain, read_numbers


def test_it_reads_numbers_as_people_write_them() -> None:
    assert [n.value for n in read_numbers("am 14. März 2026 um 10:30")] == [
        Decimal(14),
        Decimal(2026),
        Decimal(10),
        Decimal(30),
    ]
    assert [n.written for n in read_numbers("1\u202f000 et 2 500 000")] == [
        "1\u202f000",
        "2 500 000",
    ]


def test_it_says_where_each_number_stands() -> None:
    text = "Von .5 auf 5 und 12,5 % — 1\u00a0000 Plätze"
    found = read_numbers(text)
    assert [text[n.start : n.end] for n in found] == [n.written for n in found]
    assert [n.written for n in found] == ["5", "12,5", "1\u00a0000"]
    assert found[0].start == text.index(" 5 ") + 1  # not the 5 of ".5"


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("1,500", "de", "1.5"),
        ("1.500", "de", "1500"),
        ("1,500", "en", "1500"),
        ("1.500", "en", "1.5"),
        ("1,500", "ru", "1.5"),
        ("1,500", None, "1500"),
        ("0,125", "en", "0.125"),
        ("1,234.5", "de", "1234.5"),
    ],
)
def test_a_single_separator_before_three_digits_is_read_as_the_language_writes_it(
    text: str, lang: str | None, value: str
) -> None:
    assert [plain(n.value) for n in read_numbers(text, lang=lang)] == [value]


@pytest.mark.parametrize(
    "text", ["0,125", "12,5", "1 000", "1.234.567,89", "1'000", "3.14159", "2026", "1,500"]
)
@pytest.mark.parametrize("lang", ["de", "en", "fr", "ru", "es"])
def test_the_aligner_keys_numbers_as_the_exports_read_them(text: str, lang: str) -> None:
    read = ["n:" + plain(n.value) for n in read_numbers(text, lang=lang)]
    assert numeric_keys(text, lang) == read
