"""Say things to a reader in an interface language: the catalogue of the exports' messages.

The templates are the ``labels`` of ``languages/data/print.json`` (the legend's words live
there too): ``reason.*`` say why a row is flagged, ``band*`` what a run some versions lack
holds, ``comment`` heads a Word comment. A key with a plural has one entry per CLDR plural
category the language uses (``band.words.one``, ``band.words.few``...); ``other`` is the
fallback. babel brings the rest: language names, lists ("a, b and c"), plural categories,
decimal marks, percentages and large numbers in words.

A locale speaks the catalogue's language only when it has every message; otherwise it
speaks English throughout, so no message mixes two languages.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from aligner.errors import LanguageError
from languages.numbers import plain
from languages.profiles import english_name, interface, profile
from languages.typography import labels, typography

__all__ = [
    "MESSAGES",
    "counted",
    "decimal",
    "language_in",
    "listed",
    "percent",
    "say",
    "speaking",
    "spoken",
]

#: every message a language's catalogue has (plural keys by their ``.other`` entry)
MESSAGES = (
    "reason.only",
    "reason.none",
    "reason.low-confidence",
    "reason.numbers",
    "reason.numbers-part",
    "reason.omission-sentence",
    "reason.omission-clause",
    "band",
    "band.run",
    "band.paragraph",
    "band.paragraphs",
    "band.heading",
    "band.headings.other",
    "band.words.other",
    "comment",
)


@lru_cache(maxsize=64)
def speaking(locale: str) -> str:
    """Return the language the messages are said in for ``locale``: its own, else English.

    >>> speaking("de_CH"), speaking("ru-RU"), speaking("pt"), speaking("qaa")
    ('de', 'ru', 'en', 'en')
    """
    code = str(interface(locale).locale.language)
    own = typography(code).labels
    return code if all(key in own for key in MESSAGES) else "en"


def say(key: str, locale: str, **fields: object) -> str:
    """Fill the template ``key`` of the catalogue in ``locale``'s message language.

    >>> say("band.paragraph", "de", n=4), say("band.paragraph", "qaa", n=4)
    ('Absatz 4', 'paragraph 4')
    """
    return labels(speaking(locale))[key].format(**fields)


def counted(key: str, n: int, locale: str) -> str:
    """Say ``n`` of a thing with the plural form the language wants, thousands grouped.

    >>> counted("band.words", 1234, "en"), counted("band.words", 1, "en")
    ('1,234 words', '1 word')
    >>> [counted("band.words", n, "ru") for n in (1, 3, 5, 21)]
    ['1 слово', '3 слова', '5 слов', '21 слово']
    """
    language = speaking(locale)
    words = labels(language)
    category = Locale.parse(language).plural_form(n)
    template = words.get(f"{key}.{category}") or words[f"{key}.other"]
    return template.format(n=format_decimal(n, locale=language))


def language_in(lang: str, locale: str) -> str:
    """Name the language ``lang`` in ``locale``'s message language; the code when unknown.

    >>> language_in("de", "en"), language_in("de", "fr"), language_in("en", "ru")
    ('German', 'allemand', 'английский')
    """
    language = speaking(locale)
    if language == "en":
        return english_name(lang)
    try:
        name = profile(lang).locale.get_display_name(language)
    except LanguageError:
        return lang
    return name or english_name(lang)


def listed(
    items: Sequence[str], locale: str, *, style: Literal["standard", "or"] = "standard"
) -> str:
    """Join words as a list ("a, b and c"; ``style="or"``: "a or b") in the message language.

    >>> listed(["Spanisch", "Französisch"], "de"), listed(["a", "b"], "ru", style="or")
    ('Spanisch und Französisch', 'a или b')
    """
    return format_list(list(items), style=style, locale=speaking(locale))


def decimal(number: str, locale: str) -> str:
    """Write a number formatted with a point (``"0.41"``) with the language's decimal mark.

    >>> decimal("0.41", "de"), decimal("0.41", "en")
    ('0,41', '0.41')
    """
    mark = Locale.parse(speaking(locale)).number_symbols["latn"]["decimal"]
    return number.replace(".", mark)


def percent(share: float, locale: str) -> str:
    """Write a share as a whole percentage the way the language does.

    >>> percent(0.42, "en"), percent(0.42, "fr")
    ('42%', '42\\xa0%')
    """
    return format_percent(share, locale=speaking(locale))


def spoken(value: Decimal, locale: str) -> str:
    """Write a number for a reason line, a million or more with its scale word.

    >>> spoken(Decimal(12500000), "en"), spoken(Decimal("2.4E+9"), "de")
    ('12.5 million', '2,4 Milliarden')
    >>> spoken(Decimal(90000), "en"), spoken(Decimal("1.5"), "ru")
    ('90000', '1,5')
    """
    if value >= 10**6:
        return format_compact_decimal(
            value, format_type="long", fraction_digits=1, locale=speaking(locale)
        )
    return decimal(plain(value), locale)
