"""Find dates written in text, with the month names of every language we have data for.

A language joins by having a file in ``languages/data/`` (:func:`date_locales`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from aligner.errors import LanguageError
from aligner.readers.setaside import is_running_text, word_count
from languages import boilerplate
from languages.profiles import LanguageProfile, line_cache, profile, profiled_languages

__all__ = [
    "MAX_DATELINE",
    "bare_date",
    "date_locales",
    "date_match",
    "dateline",
    "ending_date",
    "find_date",
    "fold",
    "readings",
    "signature",
    "stated_date",
    "unglue_time",
    "wording",
]

MAX_DATELINE = 80  # characters; a longer line is prose that mentions a date
MAX_SIGNED = 160  # characters; a byline ending with its date ("…, Vienna June 8, 2023")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")  # "10:30"; a word after it is a date label
# a time glued to the year, as text copied from a page gives it: "12 May 202122:50"
_GLUED_TIME = re.compile(r"(?<!\d)((?:1[6-9]|20)\d\d)((?:[01]?\d|2[0-3]):[0-5]\d)(?!\d)")
_WORD = re.compile(r"[^\W\d_]+")
# "02.04.26", "03/14/26"
_SHORT_YEAR = re.compile(r"(?<![\d./])(\d{1,2})([./])(\d{1,2})\2(\d{2})(?![\d./])")
# a date of numbers with slashes, of two or four digits in its year: "4/2/2026", "03/14/26"
_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
# a word after a date, for the date's wording: "14 марта 2026 года", not "… 2026 at 10:30"
_WORD_AFTER = re.compile(r"\s+([^\W\d_]+)\.?(?!\s*\d)")
# "14 March 2026 | Print | Share", "14.03.2026 - Press", "Last updated 2 April — See all updates"
_PARTS = re.compile(r"\s+[|•·–—-]\s+")
_SIGNATURE_WORDS = 10


def date_locales(lang: str | None = None) -> tuple[str, ...]:
    """Return the languages whose month names are read: ``lang`` first, then all we know.

    >>> {"de", "en", "es", "fr", "ru"} <= set(date_locales())
    True
    >>> date_locales("uk")[0]
    'uk'
    """
    known = profiled_languages()
    return known if lang is None or lang in known else (lang, *known)


def find_date(text: str, *, locales: Iterable[str] | None = None) -> str | None:
    """Return the first date written in ``text`` as ISO ``YYYY-MM-DD``, or ``None``.

    >>> find_date("Moscow, 5 March 2024")
    '2024-03-05'
    >>> find_date("5 марта 2024 года"), find_date("le 1er mars 2024"), find_date("05.03.2024")
    ('2024-03-05', '2024-03-01', '2024-03-05')
    >>> find_date("March 5, 2024"), find_date("5. März 2024"), find_date("5 de marzo de 2024")
    ('2024-03-05', '2024-03-05', '2024-03-05')
    >>> find_date("Press release · Plenary session · 14-03-2026 - 13:05")  # day first
    '2026-03-14'

    A date with slashes is read day first, as every language we have writes it but
    American English; month first only where the day cannot come first (where both can,
    the other versions decide: :func:`readings`):

    >>> find_date("02/04/2026"), find_date("04/20/2026")
    ('2026-04-02', '2026-04-20')
    """
    match = date_match(text, date_locales() if locales is None else tuple(locales))
    return match[0] if match else None


@line_cache
def date_match(text: str, locales: tuple[str, ...]) -> tuple[str, int, int] | None:
    """Return the first valid date in ``text`` as ISO, with the offsets of the words it spans.

    >>> date_match("Berlin, 5. März 2024, 10 Uhr", ("de",))
    ('2024-03-05', 8, 20)
    """
    pattern, months = _date_pattern(locales)
    for match in pattern.finditer(fold(text)):
        g = match.groupdict()
        if g["iso_y"]:
            y, m, d = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
        elif g["num_y"]:
            y, m, d = int(g["num_y"]), int(g["num_m"]), int(g["num_d"])
        elif g["sl_y"]:
            y, (m, d) = int(g["sl_y"]), _ordered(int(g["sl_a"]), int(g["sl_b"]))
        elif g["dmy_y"]:
            y, m, d = int(g["dmy_y"]), months[g["dmy_m"]], int(g["dmy_d"])
        else:
            y, m, d = int(g["mdy_y"]), months[g["mdy_m"]], int(g["mdy_d"])
        if _valid(y, m, d):
            return f"{y:04d}-{m:02d}-{d:02d}", match.start(), match.end()
    return None


def _ordered(first: int, second: int) -> tuple[int, int]:
    """Return (month, day) of the two numbers of a date with slashes: month first where the
    day cannot come first ("03/14/26"), else day first, as every language we have writes
    its short dates but American English. A language does not tell the order on its own
    (English pages of international sites write the day first): where both orders make a
    date, the other versions decide (:func:`readings`, ``front.agree_dates``)."""
    return (first, second) if second > 12 else (second, first)


def readings(text: str, locales: tuple[str, ...]) -> frozenset[str]:
    """Return every date a short dated line can be read as: its date, and where the numbers
    of a date with slashes can be day and month either way, the other order too (the other
    versions of the text decide which it is).

    >>> sorted(readings("Date: 04/02/26", ("en",)))
    ['2026-02-04', '2026-04-02']
    >>> sorted(readings("03/14/26", ("en",))), sorted(readings("14 March 2026", ("en",)))
    (['2026-03-14'], ['2026-03-14'])
    """
    line = unglue_time(text)
    first = find_date(line, locales=locales) or bare_date(line, locales)
    found = {first} if first else set()
    if first and (slashed := _SLASHED.search(line)):
        a, b, y = (int(slashed[k]) for k in (1, 2, 3))
        y += 0 if y > 99 else 1900 if y >= 70 else 2000
        found |= {f"{y:04d}-{m:02d}-{d:02d}" for m, d in ((a, b), (b, a)) if _valid(y, m, d)}
    return frozenset(found)


def unglue_time(text: str) -> str:
    """Part a time glued to the year before it, as copying a page's dateline leaves it.

    >>> unglue_time("12 May 202122:50"), unglue_time("5 марта 20249:05")
    ('12 May 2021 22:50', '5 марта 2024 9:05')
    >>> unglue_time("in 202 cases: 12:30")
    'in 202 cases: 12:30'
    """
    return _GLUED_TIME.sub(r"\1 \2", text)


def bare_date(text: str, locales: tuple[str, ...]) -> str | None:
    """Return the date of a line that holds nothing but a date, a time and a date label.

    >>> bare_date("Published 12 May 2021 22:50", ("en",))
    '2021-05-12'
    >>> bare_date("Tarvel, 12 May 2021", ("en",)) is None
    True
    """
    if len(text) > MAX_DATELINE:
        return None
    match = date_match(text, locales) or _stamp(text)
    if not match:
        return None
    iso, start, end = match
    rest = _TIME.sub(" ", f"{text[:start]} {text[end:]}")
    words = _WORD.findall(fold(rest))
    allowed = _date_words(locales)
    return iso if all(len(w) == 1 or w in allowed for w in words) else None


def _stamp(text: str) -> tuple[str, int, int] | None:
    """Return a date written with a two-digit year ("02.04.26", a site's time stamp,
    "03/14/26") and its offsets; the year is 19yy from 70 on, 20yy below (as POSIX reads
    ``%y``); with dots the day comes first, with slashes too unless it cannot
    (:func:`_ordered`). Only a line that is a date and nothing else is read so: in prose,
    "1.2.26" is a section number.

    >>> _stamp("02.04.26 20:21"), _stamp("31.12.99")
    (('2026-04-02', 0, 8), ('1999-12-31', 0, 8))
    >>> _stamp("03/14/26"), _stamp("14/03/26"), _stamp("04/02/26")
    (('2026-03-14', 0, 8), ('2026-03-14', 0, 8), ('2026-02-04', 0, 8))
    """
    found = _SHORT_YEAR.search(text)
    if not found:
        return None
    a, b, y = (int(found[k]) for k in (1, 3, 4))
    m, d = (b, a) if found[2] == "." else _ordered(a, b)
    y += 1900 if y >= 70 else 2000
    return (f"{y:04d}-{m:02d}-{d:02d}", found.start(), found.end()) if _valid(y, m, d) else None


def dateline(line: str, locales: tuple[str, ...]) -> str | None:
    """Return the date of a line that is only a date, or a date among page controls.

    The time may be glued to the year, as a copied page gives it.

    >>> dateline("12 May 202122:50", ("en",)), dateline("14 March 2026 | Print | Share", ("en",))
    ('2021-05-12', '2026-03-14')
    >>> dateline("Tarvel, 14 March 2026", ("en",)) is None
    True
    """
    parts = [p for p in _PARTS.split(unglue_time(line)) if p.strip()]
    dates = [bare_date(p, locales) for p in parts]
    pairs = zip(dates, parts, strict=True)
    if any(dates) and all(d or boilerplate.is_boilerplate(p) for d, p in pairs):
        return next(d for d in dates if d)
    return None


def wording(text: str, locales: tuple[str, ...]) -> str | None:
    """Return the words of the first date in ``text`` as written there, with a date label
    that follows it ("года", "г.": ``date_labels`` in the language data).

    >>> wording("Tarvel, 14 марта 2026 года", ("ru",)), wording("12 May 202122:50", ("en",))
    ('14 марта 2026 года', '12 May 2021')
    """
    text = unglue_time(text)
    match = date_match(text, locales) or (_stamp(text) if bare_date(text, locales) else None)
    if not match:
        return None
    _iso, start, end = match
    after = _WORD_AFTER.match(text, end)
    if after and fold(after[1]) in _date_words(locales):
        end = after.end()
    return text[start:end].strip()


#: how many blocks from the top and from the end a stated date is looked for in
STATED_TOP, STATED_END = 4, 3


def stated_date(lines: list[str], locales: tuple[str, ...]) -> tuple[str, str] | None:
    """Return (ISO date, its wording) of the date a text states near its top or its end.

    A short line that holds a date ("Tarvel, 14 March 2026", "14 марта 2026 года") above
    the first running paragraph or among the first four lines, else among the last three;
    longer lines are prose that mentions a date. Else the date that signs the text,
    wherever the page goes on after it (:func:`_signed`).

    >>> stated_date(["Statement", "Tarvel, 14 March 2026", "The talks went well."], ("en",))
    ('2026-03-14', '14 March 2026')
    >>> stated_date(["Authority", "12, avenue des Berges", "T-1040 Tarvel", "Tel. 100 200",
    ...              "Statement", "Secretariat 14 March 2026 Tarvel", "The talks went well."],
    ...             ("en",))
    ('2026-03-14', '14 March 2026')
    """
    start = next((k for k, line in enumerate(lines) if is_running_text(line)), 0)
    top = lines[: max(STATED_TOP, start)]
    for glued in (*top, *lines[max(len(top), len(lines) - STATED_END) :]):
        line = without_switcher(glued)
        iso = find_date(unglue_time(line), locales=locales) or bare_date(line, locales)
        if len(line) <= MAX_DATELINE and iso:
            return iso, wording(line, locales) or iso
        if len(line) <= MAX_SIGNED and (ending := ending_date(line, locales)):
            return ending
    return _signed(lines, locales)


def without_switcher(line: str) -> str:
    """Return a line without the language switcher glued to its end, with its label.

    >>> without_switcher("15 de mayo de 2026 Disponible también en: Deutsch English Русский")
    '15 de mayo de 2026'
    >>> without_switcher("June 9, 2026 English Français"), without_switcher("In English")
    ('June 9, 2026', 'In English')
    """
    words = line.split()
    if len(line) > MAX_SIGNED or len(words) < 3:
        return line
    for k in range(1, len(words) - 1):  # the longest tail first
        tail = " ".join(words[k:])
        if not any(c.isdigit() for c in words[k]) and boilerplate.is_language_switcher(tail):
            return " ".join(words[:k])
    return line


def _signed(lines: list[str], locales: tuple[str, ...]) -> tuple[str, str] | None:
    """Return the date that signs a text: a short dated line after the signature's short
    lines ("Message by", a name, a role: as many as there are, :func:`_signature_line`),
    which follow the text (running text, or a longer line: its last paragraph cut off).

    >>> _signed(["It is done.", "The talks went well and will go on.", "Maria Lindqvist",
    ...          "Chair", "14 March 2026", "Help us do better.", "Take our survey now."], ("en",))
    ('2026-03-14', '14 March 2026')
    >>> _signed(["The talks went well and will go on.", "14 March 2026", "Events"], ("en",))
    """
    found = signature(lines, locales)
    if found is None:
        return None
    line = lines[found[1]]
    iso = find_date(unglue_time(line), locales=locales) or ""
    return iso, wording(line, locales) or iso


def signature(lines: list[str], locales: tuple[str, ...]) -> tuple[int, int] | None:
    """Return where the signature of a text starts and where its date is (see
    :func:`_signed`), or None when no dated line signs it.

    >>> signature(["The talks went well and will go on.", "Maria Lindqvist", "Chair",
    ...            "14 March 2026", "Help us do better."], ("en",))
    (1, 3)

    A contact, a page control or a section's label is the page's, never a signature's line:

    >>> signature(["The talks went well and will go on.", "Related news", "Talks resume",
    ...            "14 March 2026"], ("en",))
    """
    for i, line in enumerate(lines):
        if len(line) > MAX_DATELINE or not find_date(unglue_time(line), locales=locales):
            continue
        j = i - 1  # the walk stops at a dated line: no line is walked over twice
        while j >= 0 and _signature_line(lines[j], locales):
            j -= 1
        text = j >= 0 and (is_running_text(lines[j]) or word_count(lines[j]) > _SIGNATURE_WORDS)
        if i - 1 > j and text:
            return j + 1, i
    return None


def _signature_line(line: str, locales: tuple[str, ...]) -> bool:
    """Tell whether a line may stand in a signature by what it is: a few words, no sentence,
    no date, and none of what a page prints around a text (a contact, a page control, the
    label of a section of links, files or contacts)."""
    short = word_count(line) <= _SIGNATURE_WORDS and not is_running_text(line)
    page = (
        boilerplate.is_contact(line)
        or boilerplate.is_boilerplate(line)
        or boilerplate.opens_section(line)
    )
    return short and not page and find_date(line, locales=locales) is None


def ending_date(line: str, locales: tuple[str, ...]) -> tuple[str, str] | None:
    """Return the date a longer line ends with ("As delivered by …, Vienna June 8, 2023").

    >>> ending_date("Secretary General, Strasbourg, 7 November 2022", ("en",))
    ('2022-11-07', '7 November 2022')
    >>> ending_date("В изложении Анны Берг на заседании совета, Тарвел 21 мая 2026 г.", ("ru",))
    ('2026-05-21', '21 мая 2026 г.')
    """
    text = unglue_time(line).rstrip()
    found = date_match(text.rstrip(" ."), locales)
    if not found:
        return None
    end = found[2]
    after = _WORD_AFTER.match(text, end)
    if after and fold(after[1]) in _date_words(locales):
        end = after.end()  # a date label: "года", "г."
    if _WORD.search(fold(text[end:])):
        return None
    return found[0], text[found[1] : end]


def _date_words(locales: tuple[str, ...]) -> frozenset[str]:
    return _date_words_of(locales, profiled_languages())


@lru_cache(maxsize=16)
def _date_words_of(locales: tuple[str, ...], known: tuple[str, ...]) -> frozenset[str]:
    """Return words that may stand beside a date on a date line: labels and weekdays."""
    labels = (label for code in known for label in profile(code).date_labels)
    words = {word for label in labels for word in label.split()}
    for language in _profiles(locales):
        for name in language.weekdays:
            words.update(_WORD.findall(fold(name)))
    return frozenset(words)


def _profiles(codes: tuple[str, ...]) -> Iterator[LanguageProfile]:
    """Yield the profiles of ``codes``; a code no profile answers for has no names to read."""
    for code in codes:
        try:
            yield profile(code)
        except LanguageError:
            continue


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return 1000 <= year <= 2999


def fold(text: str) -> str:
    """Lower-case ``text`` keeping its length, so match offsets stay valid."""
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text).replace("ё", "е")


@lru_cache(maxsize=16)
def _date_pattern(locales: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, int]]:
    months: dict[str, int] = {}
    for language in _profiles(locales):
        for name, number in language.months.items():
            months.setdefault(fold(name), number)
    names = "|".join(re.escape(n) for n in sorted(months, key=lambda n: (-len(n), n)))
    pattern = re.compile(
        r"(?<!\d)(?P<iso_y>\d{4})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})(?!\d)"
        r"|(?<![\d.-])(?P<num_d>\d{1,2})(?P<sep>[.-])(?P<num_m>\d{1,2})(?P=sep)(?P<num_y>\d{4})(?!\d)"
        r"|(?<![\d/])(?P<sl_a>\d{1,2})/(?P<sl_b>\d{1,2})/(?P<sl_y>\d{4})(?![\d/])"
        rf"|(?<!\d)(?P<dmy_d>\d{{1,2}})(?:er|\.|º|-?го)?\s+(?:de\s+)?(?P<dmy_m>{names})\b\.?"
        r",?\s+(?:de\s+)?(?P<dmy_y>\d{4})(?!\d)"
        rf"|\b(?P<mdy_m>{names})\b\.?\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        r"(?P<mdy_y>\d{4})(?!\d)"
    )
    return pattern, months
