"""Read numbers, dates, month names and Roman numerals as language-neutral keys.

Two versions of one text write the same quantity differently (``1.5`` and ``1,5``,
``10.12.1948`` and ``10 December 1948``, ``III`` and ``3``); the keys returned here are the
same for all of them, so the aligner can count them as shared evidence. Numbers written in
digits are read by :mod:`languages.numbers`, as the exports and the page read them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from aligner.errors import LanguageError
from languages.numbers import plain, read_numbers
from languages.profiles import profile, profiled_languages

_NUMERIC_DATE = re.compile(
    r"(?<![\d.])(?:(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})|(\d{4})-(\d{2})-(\d{2}))(?![\d])"
)
_HAS_DIGIT = re.compile(r"\d")
# every numeric date has a digit, a separator and a digit in a row: a quick test first
_DATE_HINT = re.compile(r"\d[./-]\d")
_WORDS = re.compile(r"\w+")
_ROMAN_CANDIDATE = re.compile(r"\b[IVXLCDM]{2,}\b")
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(token: str) -> int | None:
    """Return the value of an upper-case Roman numeral of two letters or more, else None.

    Single letters are left out: ``I`` is an English pronoun and ``V`` or ``X`` often a label.

    >>> roman_value("III"), roman_value("XIV"), roman_value("MIX"), roman_value("IIII")
    (3, 14, 1009, None)
    >>> roman_value("I") is None
    True
    """
    if len(token) < 2 or not _ROMAN.match(token):
        return None
    total = 0
    for left, right in zip(token, token[1:] + " ", strict=True):
        value = _ROMAN_VALUES[left]
        total += -value if right != " " and _ROMAN_VALUES[right] > value else value
    return total


@lru_cache(maxsize=64)
def month_names(lang: str) -> dict[str, int]:
    """Return the lower-case month names and abbreviations of ``lang`` mapped to 1..12.

    Empty when no language profile answers for the code.

    >>> month_names("ru")["декабря"], month_names("de")["dezember"], month_names("fr")["déc"]
    (12, 12, 12)
    """
    try:
        months = profile(lang).months
    except LanguageError:
        return {}
    return {name: number for name, number in months.items() if len(name) >= 3}


def number_words(lang: str) -> dict[str, int]:
    """Return the number words of ``lang`` (lower case) that the aligner reads as numbers.

    They are the ``number_words`` of the language's profile; none for an unknown code.

    >>> number_words("fr")["trois"]
    3
    >>> number_words("xx")
    {}
    """
    try:
        return dict(profile(lang).number_words)
    except LanguageError:
        return {}


def numeric_keys(text: str, lang: str, *, table: Mapping[str, str] | None = None) -> list[str]:
    """Return the keys of every number, date part and month in ``text``.

    Numbers are ``n:<value>``; months, whether written as a name or as the middle of a
    numeric date, are ``m:<1..12>``. A month name only counts next to a number, so the
    English verb "may" is not read as May.

    >>> numeric_keys("Resolution 217 A (III) vom 10.12.1948", "de")
    ['n:10', 'm:12', 'n:1948', 'n:217', 'n:3']
    >>> numeric_keys("adopted on 10 December 1948; it may change", "en")
    ['n:10', 'n:1948', 'm:12']
    >>> numeric_keys("8839,8 m against 8839.8 m", "de")
    ['n:8839.8', 'n:8839.8']

    ``table`` is :func:`word_keys` of ``lang``, for a caller that reads many texts.
    """
    keys: list[str] = []
    rest = text
    if _HAS_DIGIT.search(text):
        for match in _NUMERIC_DATE.finditer(text) if _DATE_HINT.search(text) else ():
            day, month, year = (
                (match[1], match[2], match[3]) if match[1] else (match[6], match[5], match[4])
            )
            if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
                keys += [f"n:{int(day)}", f"m:{int(month)}", f"n:{int(year)}"]
                rest = rest.replace(match[0], " ", 1)
        keys += ["n:" + plain(n.value) for n in read_numbers(rest, lang=lang)]
    for match in _ROMAN_CANDIDATE.finditer(rest):
        value = roman_value(match[0])
        if value is not None:
            keys.append(f"n:{value}")
    if table is None:
        table = word_keys(lang)
    words = _WORDS.findall(rest.lower())
    if table.keys().isdisjoint(words):
        return keys
    for i, word in enumerate(words):
        hit = table.get(word)
        if hit is None:
            continue
        if hit[0] == "n" or _next_to_number(words, i):
            keys.append(hit)
    return keys


def word_keys(lang: str) -> Mapping[str, str]:
    """Return the keys of the month and number words of ``lang`` (from its profile, as the
    data folder holds it now).

    >>> word_keys("de")["dezember"], word_keys("fr")["trois"]
    ('m:12', 'n:3')
    """
    return _word_table(lang, profiled_languages())


@lru_cache(maxsize=64)
def _word_table(lang: str, known: tuple[str, ...]) -> dict[str, str]:
    """Return month and number words of ``lang``; ``known`` (the profiled languages) is only
    part of the cache key, so that a language file added to the data folder is read."""
    table = {word: f"m:{month}" for word, month in month_names(lang).items()}
    table.update({word: f"n:{value}" for word, value in number_words(lang).items()})
    return table


def _next_to_number(words: list[str], i: int) -> bool:
    neighbours = words[max(0, i - 1) : i] + words[i + 1 : i + 2]
    return any(w.isdigit() and (int(w) <= 31 or len(w) == 4) for w in neighbours)
