"""Read the numbers written in a text: the one reader the aligner, the exports and the page use.

Versions of one text write a quantity differently (``12,5`` and ``12.5``, ``1 000``,
``1.000`` and ``1,000``, ``0,125`` and ``0.125``); :func:`read_numbers` gives each its
value, so that whoever compares numbers compares values. Digits only: number words, dates
and Roman numerals are the aligner's evidence (:mod:`aligner.align.numerals`).

How a separator is read:

- spaces (also no-break, narrow and thin ones) and apostrophes group thousands;
- with two kinds of ``,`` and ``.``, the last is the decimal mark (``1.234,5``);
- the same one twice or more groups thousands (``1.000.000``);
- a single one is the decimal mark unless exactly three digits follow it and the number
  does not start with ``0``; then the language's decimal mark decides (its profile's
  ``decimal_separator``: ``1,500`` is 1.5 in German and 1500 in English), and without a
  language it groups thousands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from aligner.errors import LanguageError
from languages.profiles import profile

__all__ = ["Number", "decimal_mark", "number_value", "plain", "read_numbers"]

# One number as printed: digits, maybe grouped by spaces (only in threes) or by , . ' ’
_SPACES = " \u00a0\u202f\u2009"
_NUMBER = re.compile(
    rf"(?<![\d.,])(?:\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?![\d])|\d+(?:[.,'’]\d+)*)(?![\d])"
)


@dataclass(frozen=True, slots=True)
class Number:
    """A number found in a text: its value, how it was written and where."""

    value: Decimal
    written: str
    start: int  # code point offsets in the text, ``text[start:end] == written``
    end: int


def read_numbers(text: str, *, lang: str | None = None) -> list[Number]:
    """Return the numbers in ``text`` in order; ``lang`` settles ``1,500`` and ``1.500``.

    >>> [str(n.value) for n in read_numbers("12,5 und 12.5, 1 000 oder 1,000; 3.14159 und 2026.")]
    ['12.5', '12.5', '1000', '1000', '3.14159', '2026']
    >>> [str(n.value) for n in read_numbers("1.234.567,89 vs 1,234,567.89 vs 0,125")]
    ['1234567.89', '1234567.89', '0.125']
    >>> [str(n.value) for n in read_numbers("1,500 t", lang="de")], read_numbers("x 7")[0].start
    (['1.5'], 2)
    """
    mark = decimal_mark(lang) if lang else None
    found = []
    for m in _NUMBER.finditer(text):
        value = number_value(m[0], decimal=mark)
        if value is not None:
            found.append(Number(value, m[0], m.start(), m.end()))
    return found


def number_value(written: str, *, decimal: str | None = None) -> Decimal | None:
    """Return the value of one written number; ``decimal`` is the language's decimal mark.

    >>> [str(number_value(w)) for w in ("8847,60", "8847.6", "10 000", "1.500", "1,5", "0,125")]
    ['8847.6', '8847.6', '10000', '1500', '1.5', '0.125']
    >>> str(number_value("1.500", decimal=".")), str(number_value("1'000'000"))
    ('1.5', '1000000')
    """
    seps = [ch for ch in written if not ch.isdigit()]
    groups = re.split(r"\D", written)
    if not seps:
        digits = written
    elif seps[-1] in _SPACES or seps[-1] in "'’":
        digits = "".join(groups)
    elif len(set(seps)) > 1:
        digits = "".join(groups[:-1]) + "." + groups[-1]
    elif len(seps) > 1 or (
        len(groups[-1]) == 3 and groups[0] != "0" and (decimal is None or seps[0] != decimal)
    ):
        digits = "".join(groups)
    else:
        digits = groups[0] + "." + groups[1]
    try:
        return Decimal(digits).normalize() + Decimal(0)
    except InvalidOperation:
        return None


def plain(value: Decimal) -> str:
    """Write a number without exponent or trailing zeros.

    >>> plain(Decimal("1E+3")), plain(Decimal("8847.60"))
    ('1000', '8847.6')
    """
    return format(value.normalize(), "f")


def decimal_mark(lang: str) -> str | None:
    """Return the decimal mark of a language (its profile's), or None for an unknown code.

    >>> decimal_mark("de"), decimal_mark("en"), decimal_mark("xx-unknown")
    (',', '.', None)
    """
    try:
        return profile(lang).decimal_separator
    except LanguageError:
        return None
