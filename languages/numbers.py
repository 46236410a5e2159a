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
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from aligner.errors import LanguageError
from languages.profiles import profile

__all__ = ["Number", "decimal_mark", "number_value", "plain", "quantities", "read_numbers"]

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


# -- quantities: what a reviewer compares across versions ----------------------------------

# a numeric date, maybe glued to the time that follows it on a web page's dateline
_NUMERIC_DATE = re.compile(
    r"(?<![\d.])(?:(\d{1,2})[./](\d{1,2})[./](\d{4})|(\d{4})-(\d{2})-(\d{2}))(?!\d(?!\d?:\d\d))"
)
_CLOCK = re.compile(r"(?<![\d.,:])(\d{1,2}):(\d{2})(?![\d:])")


def quantities(text: str, *, lang: str) -> list[Number]:
    """Return the quantities a reader compares between versions, in order.

    On top of :func:`read_numbers`: a scale word multiplies the number before it (``90 тыс.``,
    ``1,1 Mio.``, ``2,4 milliards``); a time is one number, its hours plus minutes as
    hundredths, on a 24-hour clock (``09:30``, ``9 h 30``, ``9.30 horas`` and ``9:30 a.m.``
    are all 9.3, ``5 p.m.`` is 17); a numeric date gives its day and year, as a date written
    out does (``10.03.2026`` as ``10 March 2026``), also when a web page glued the time to it;
    number words count (``drei``, ``three``). The words are the language's profile data
    (``scale_words``, ``time_words``, ``number_words``).

    >>> [str(q.value) for q in quantities("Ожидается 90 тыс. гостей и 1,1 млн евро", lang="ru")]
    ['90000', '1100000']
    >>> [str(q.value) for q in quantities("Berlin, 10.03.202609:30 Uhr", lang="de")]
    ['10', '2026', '9.3']
    >>> [str(q.value) for q in quantities("from 8 a.m. to 5 p.m., three times", lang="en")]
    ['8', '17', '3']
    >>> [str(q.value) for q in quantities("de 8 h à 17 h 30, 12 mètres", lang="fr")]
    ['8', '17.3', '12']
    """
    data = _words(lang)
    chars = list(text)  # what each stage took is blanked for the stages after it
    found = _numeric_dates(text, chars) + _clock_times(text, chars, data)
    found += _scaled_and_times(text, chars, lang, data)
    for m in re.finditer(r"[^\W\d]+", "".join(chars)):
        word = data.number_words.get(m[0].casefold())
        if word is not None:
            found.append(Number(Decimal(word), m[0], m.start(), m.end()))
    return sorted(found, key=lambda q: (q.start, q.value))


def _blank(chars: list[str], start: int, end: int) -> None:
    chars[start:end] = " " * (end - start)


def _numeric_dates(text: str, chars: list[str]) -> list[Number]:
    """Return the day and year of each numeric date (``10.03.2026``), blanking it."""
    found = []
    for m in _NUMERIC_DATE.finditer(text):
        day, month, year = (m[1], m[2], m[3]) if m[1] else (m[6], m[5], m[4])
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            found.append(Number(Decimal(int(day)), m[0], m.start(), m.end()))
            found.append(Number(Decimal(int(year)), m[0], m.start(), m.end()))
            _blank(chars, m.start(), m.end())
    return found


def _clock_times(text: str, chars: list[str], data: _Words) -> list[Number]:
    """Return each clock time (``09:30``, ``9:30 a.m.``) as one number, blanking it."""
    found = []
    for m in _CLOCK.finditer("".join(chars)):
        hours, minutes = int(m[1]), int(m[2])
        if hours <= 24 and minutes < 60:
            end, shift = _word_at(text, m.end(), data.time_words) or (m.end(), 0)
            value = Decimal(hours + (shift if hours < 12 else 0)) + Decimal(minutes) / 100
            found.append(Number(value.normalize() + 0, text[m.start() : end], m.start(), end))
            _blank(chars, m.start(), end)
    return found


def _scaled_and_times(text: str, chars: list[str], lang: str, data: _Words) -> list[Number]:
    """Return the numbers left, a time word (``9 h 30``) or a scale word (``90 тыс.``) applied."""
    rest = "".join(chars)
    numbers = read_numbers(rest, lang=lang)
    found = []
    joined = -1  # the minutes of "9 h 30", already counted with the hours
    for i, n in enumerate(numbers):
        if i == joined:
            continue
        time = _word_at(rest, n.end, data.time_words)
        scale = _word_at(rest, n.end, data.scale_words)
        if time is not None and n.value == n.value.to_integral_value() and n.value <= 24:
            end, shift = time
            value = n.value + (shift if n.value < 12 else 0)
            nxt = numbers[i + 1] if i + 1 < len(numbers) else None
            if nxt is not None and not rest[end : nxt.start].strip() and len(nxt.written) == 2:
                value += nxt.value / 100
                end, joined = nxt.end, i + 1
        elif scale is not None:
            end, factor = scale
            value = n.value * factor
        else:
            found.append(n)
            continue
        found.append(Number(value.normalize() + 0, text[n.start : end], n.start, end))
        _blank(chars, n.start, end)
    return found


def _word_at(text: str, at: int, words: Mapping[str, int]) -> tuple[int, int] | None:
    """Return where the longest of ``words`` right after ``at`` ends, and its value.

    One space may come first; a word that ends in a letter must end a word of the text.

    >>> _word_at("12 Mio. Euro", 2, {"mio.": 10**6, "mio": 10**6})
    (7, 1000000)
    >>> _word_at("12 metres", 2, {"m": 10**6}) is None
    True
    """
    i = at + 1 if text[at : at + 1] in _SPACES and at < len(text) else at
    head = text[i : i + 24].casefold()
    for word in sorted(words, key=len, reverse=True):
        end = i + len(word)
        if head.startswith(word) and not (word[-1].isalpha() and text[end : end + 1].isalpha()):
            return end, words[word]
    return None


@dataclass(frozen=True)
class _Words:
    scale_words: Mapping[str, int]
    time_words: Mapping[str, int]
    number_words: Mapping[str, int]


@lru_cache(maxsize=64)
def _words(lang: str) -> _Words:
    try:
        p = profile(lang)
    except LanguageError:
        return _Words({}, {}, {})
    return _Words(p.scale_words, p.time_words, p.number_words)
