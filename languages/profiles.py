"""What the segmenter needs to know about a language, as data.

A :class:`LanguageProfile` joins babel's locale data (names, tag, decimal separator, dates)
with our own lists in ``languages/data/<code>.json`` (abbreviations, sentence starters,
speaker labels, quote pairs, page furniture). It is the one source of language names:
:func:`language_name`, :func:`english_name` and :func:`language_tag` answer for any code,
known or not; :func:`interface` gives the profile an export's headers and footers use.
A language babel knows but we have no list for gets a generic profile built from babel
alone, so an Italian or Ukrainian text still segments, only less cleverly.

Keys of a data file (all optional)::

    abbreviations               never end a sentence ("z. B.", "Mr.", "т. е.")
    abbreviations_before_number do not end a sentence when a number follows ("No. 5", "S. 12")
    abbreviations_terminal      end a sentence like a word when a capital follows ("etc.")
    abbreviations_ambiguous     end one only before a typical sentence opener, or after a
                                number in a long sentence ("U.S.", "г.")
    sentence_starters           words that typically open a sentence ("Die", "The", "Мы")
    ordinal_dot                 a dot after a number marks an ordinal ("am 20. Mai")
    sentence_final              characters that can end a sentence (default ".!?…")
    quotes                      [opening, closing] pairs
    decimal_separator           overrides babel's
    speaker_roles               label word -> role id ("Frage" -> "journalist")
    speaker_names               surname as spelled here -> person id ("Lawrow" -> "lavrov")
    name_particles              lower-case words inside names ("von", "de", "ле")
    non_speaker_words           capitalised words that never name a speaker ("Hinweis")
    page_of                     "page X of Y" for page footers, with {page} and {pages}
    page_controls               whole lines that are links or buttons of a web page ("print",
                                "share on *": a trailing `` *`` matches any short rest)
    section_headings            headings that open a block of links or files ("see also")
    contents_labels             headings of a contents box that lists the text's own
                                headings ("contents", "inhalt", "содержание")
    editorial_notes             an editor's notes on a text, whole lines ("check against
                                delivery", "es gilt das gesprochene wort")
    contact_labels              labels that open a line of an address block ("tel", "адрес")
    cookie_notices              openings of notices about the site itself: cookies and
                                consent, an archived site ("this site has been archived")
    site_notices                words inside a short notice about the page or its forms, not
                                its text: a release that says it binds no one or is no
                                official record, a form's question against spam ("captcha")
    date_labels                 words that may stand beside a date on a dateline ("published")
    hyphen_prefixes             word starts that keep their hyphen when a line ends on it
                                ("пресс", "vice", "self"): "Пресс-|релиз" stays hyphenated
    hyphen_suffixes             word ends that follow a real hyphen ("то", "ci", "là")
    hyphen_suspended            words after a suspended hyphen ("Ein- und Ausfuhr": "und")
    hyphen_left_endings         endings of lower-case words that keep a hyphen at a line end
                                ("isch": "französisch-schweizerisch")
    intro_openers               openings of a publisher's intro to a text ("following is the
                                text of", "ниже приводится"), lower case
    number_signs                signs before a document's number ("no.", "nr.", "n°", "№"),
                                lower case: "Press release No. 412" is a number line
    number_words                cardinal word -> value, read as numbers by the aligner; words
                                that are also articles or pronouns ("one", "ein", "un") are
                                left out: they would match everywhere
    scale_words                 word after a number -> what it multiplies it by ("тыс.",
                                "Mio.", "milliards"); only words that never abbreviate a unit
    time_words                  word after an hour -> hours to add ("Uhr": 0, "p.m.": 12)

Page furniture phrases are lower case. Month and weekday names (:attr:`LanguageProfile.months`,
:attr:`~LanguageProfile.weekdays`) and long dates come from babel's locale data, so a language
with a data file is also read for dates.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Any, ParamSpec, TypeVar, cast

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date, get_day_names, get_month_names
from babel.numbers import get_decimal_symbol

from aligner.errors import LanguageError
from languages.translit import to_latin

_LIST_KEYS = (
    "abbreviations",
    "abbreviations_before_number",
    "abbreviations_terminal",
    "abbreviations_ambiguous",
    "sentence_starters",
    "name_particles",
    "non_speaker_words",
    "page_controls",
    "section_headings",
    "contents_labels",
    "editorial_notes",
    "contact_labels",
    "cookie_notices",
    "site_notices",
    "date_labels",
    "hyphen_prefixes",
    "hyphen_suffixes",
    "hyphen_suspended",
    "hyphen_left_endings",
    "intro_openers",
    "number_signs",
)
_FLAG_KEYS = ("ordinal_dot",)
_TEXT_KEYS = ("decimal_separator", "sentence_final", "page_of")
_KNOWN_KEYS = frozenset(
    _LIST_KEYS
    + _FLAG_KEYS
    + _TEXT_KEYS
    + ("speaker_roles", "speaker_names", "quotes", "number_words", "scale_words", "time_words")
)
#: where the ``<code>.json`` files are; a test may point it at a folder with a toy language
#: and call :func:`forget`
DATA_FOLDER: Traversable = resources.files("languages") / "data"
_PROFILE_FILE = re.compile(r"([a-z]{2,3})\.json")

# Used when a language has no data file: the pairs most languages print.
_DEFAULT_QUOTES = (("“", "”"), ("„", "“"), ("«", "»"), ("‘", "’"), ('"', '"'))
_DEFAULT_FINAL = ".!?…"
# codes that name no language; babel would read "und" as English and "root" as a language
_NO_LANGUAGE = frozenset({"und", "root", "mul", "mis", "zxx"})


@dataclass(frozen=True)
class LanguageProfile:
    """Everything language-specific that segmentation asks about one language."""

    code: str
    locale: Locale
    name: str  # in the language itself, as babel prints it: "Deutsch", "русский"
    english_name: str  # "German", "Russian"
    display_name: str  # capitalised for column headers: "Русский", "Español"
    tag: str  # BCP 47 with the likely region, as spell-checkers want it: "de-DE", "pt-PT"
    abbreviations: frozenset[str] = frozenset()
    abbreviations_before_number: frozenset[str] = frozenset()
    abbreviations_terminal: frozenset[str] = frozenset()
    abbreviations_ambiguous: frozenset[str] = frozenset()
    sentence_starters: frozenset[str] = frozenset()
    sentence_final: str = _DEFAULT_FINAL
    quotes: tuple[tuple[str, str], ...] = _DEFAULT_QUOTES
    decimal_separator: str = "."
    ordinal_dot: bool = False
    speaker_roles: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    speaker_names: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    name_particles: frozenset[str] = frozenset()
    non_speaker_words: frozenset[str] = frozenset()
    page_of: str = "Page {page} of {pages}"
    page_controls: frozenset[str] = frozenset()
    section_headings: frozenset[str] = frozenset()
    contents_labels: frozenset[str] = frozenset()
    editorial_notes: frozenset[str] = frozenset()
    contact_labels: frozenset[str] = frozenset()
    cookie_notices: frozenset[str] = frozenset()
    site_notices: frozenset[str] = frozenset()
    date_labels: frozenset[str] = frozenset()
    hyphen_prefixes: frozenset[str] = frozenset()
    hyphen_suffixes: frozenset[str] = frozenset()
    hyphen_suspended: frozenset[str] = frozenset()
    hyphen_left_endings: frozenset[str] = frozenset()
    intro_openers: frozenset[str] = frozenset()
    number_signs: frozenset[str] = frozenset()
    number_words: Mapping[str, int] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    scale_words: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    time_words: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    generic: bool = False  # True when only babel's data was available

    def role(self, label: str) -> str | None:
        """Return the role id a label word stands for ("Frage" -> "journalist"), if any."""
        return self.speaker_roles.get(label.casefold())

    def person(self, surname: str) -> str | None:
        """Return the person id of a surname listed for this language, if any."""
        return self.speaker_names.get(to_latin(surname))

    def format_date(self, date: str) -> str:
        """Write an ISO date (or date-time) as this language writes dates in full.

        >>> profile("de").format_date("2026-03-10"), profile("ru").format_date("2026-03-10T09:00Z")
        ('10. März 2026', '10 марта 2026\u202fг.')
        >>> profile("en").format_date("spring 2026")
        'spring 2026'
        """
        try:
            day = dt.date.fromisoformat(date[:10])
        except ValueError:
            return date
        return format_date(day, format="long", locale=self.locale)

    @cached_property
    def months(self) -> Mapping[str, int]:
        """Map the month names and abbreviations, lower case without a final dot, to 1..12.

        Both grammatical forms count: "декабря" and "декабрь", "dez" and "dezember".

        >>> m = profile("ru").months
        >>> m["декабря"], m["декабрь"], profile("de").months["dez"], profile("fr").months["déc"]
        (12, 12, 12, 12)
        """
        names: dict[str, int] = {}
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, self.locale).items():
                    names.setdefault(name.lower().rstrip("."), int(number))
        return MappingProxyType(names)

    @cached_property
    def weekdays(self) -> frozenset[str]:
        """Return the weekday names and abbreviations, lower case without a final dot.

        >>> {"montag", "mo"} <= profile("de").weekdays
        True
        """
        return frozenset(
            name.lower().rstrip(".")
            for width in ("wide", "abbreviated")
            for name in get_day_names(width, locale=self.locale).values()
        )

    @property
    def opening_quotes(self) -> frozenset[str]:
        return frozenset(o for o, _ in self.quotes)

    @property
    def closing_quotes(self) -> frozenset[str]:
        return frozenset(c for _, c in self.quotes)


def profile(code: str) -> LanguageProfile:
    """Return the profile of a language code such as ``de``, ``ru`` or ``pt-BR``.

    Raise :class:`~aligner.errors.LanguageError` for a code babel does not know.

    >>> profile("ru").display_name
    'Русский'
    >>> profile("IS").code, profile("is").english_name
    ('is', 'Icelandic')
    """
    return _profile(_normalise_code(code))


def language_name(code: str) -> str:
    """Return a language's name in that language, capitalised; the code when babel lacks it.

    >>> [language_name(x) for x in ("de", "en", "es", "ru", "fr")]
    ['Deutsch', 'English', 'Español', 'Русский', 'Français']
    >>> language_name("qaa")
    'qaa'
    """
    found = _known(code)
    return found.display_name if found else code


def english_name(code: str) -> str:
    """Return a language's name in English; the code when babel lacks it.

    >>> english_name("de"), english_name("pt-BR"), english_name("qaa")
    ('German', 'Portuguese (Brazil)', 'qaa')
    """
    found = _known(code)
    return found.english_name if found else code


def language_tag(code: str) -> str:
    """Return a BCP 47 tag with the most likely region; the code when babel lacks it.

    >>> [language_tag(x) for x in ("de", "en", "ru", "pt-PT", "qaa")]
    ['de-DE', 'en-US', 'ru-RU', 'pt-PT', 'qaa']
    """
    found = _known(code)
    return found.tag if found else code


def interface(locale: str) -> LanguageProfile:
    """Return the profile of an interface locale (page headers and footers); English if unknown.

    >>> interface("de_CH").page_of.format(page=2, pages=7), interface("qaa").code
    ('Seite 2 von 7', 'en')
    >>> interface("pt").page_of
    'Page {page} of {pages}'
    """
    return _known(locale) or profile("en")


def _known(code: str) -> LanguageProfile | None:
    try:
        return profile(code)
    except LanguageError:
        return None


@lru_cache(maxsize=1)
def profiled_languages() -> tuple[str, ...]:
    """Return the codes that have their own data file, sorted.

    >>> {"de", "en", "es", "fr", "ru"} <= set(profiled_languages())
    True
    """
    names = (entry.name for entry in DATA_FOLDER.iterdir() if entry.is_file())
    return tuple(sorted(m[1] for n in names if (m := _PROFILE_FILE.fullmatch(n))))


def split_codes(value: str | None) -> tuple[str, ...]:
    """Read a comma-separated list of language codes (``--langs de,fr``, ``?langs=de,fr``).

    >>> split_codes(" de, fr ,"), split_codes(""), split_codes(None)
    (('de', 'fr'), (), ())
    """
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def forget() -> None:
    """Drop every profile read so far, so the next call reads :data:`DATA_FOLDER` again."""
    _profile.cache_clear()
    profiled_languages.cache_clear()
    for clear in _LINE_CACHES:
        clear()


_P = ParamSpec("_P")
_T = TypeVar("_T")
#: lines whose judgment each line classifier keeps: a page's furniture repeats, and the
#: readers ask about every line of a document several times, one pass after another (the
#: front matter's, the furniture's, the title's), so the last pass's answers must still be
#: there when the next asks: room for the paragraphs of a long book (some 17,000 in 10 MB).
#: An answer keeps its line, text the document holds anyway
JUDGED_LINES = 1 << 16
_LINE_CACHES: list[Callable[[], None]] = []


def line_cache(judge: Callable[_P, _T]) -> Callable[_P, _T]:
    """Keep the last :data:`JUDGED_LINES` answers of ``judge``, a classifier of lines by
    what the profiles say (its arguments hashable); :func:`forget` drops them too."""
    cached = lru_cache(maxsize=JUDGED_LINES)(judge)
    _LINE_CACHES.append(cached.cache_clear)
    return cast(Callable[_P, _T], cached)


def _normalise_code(code: str) -> str:
    parts = [p for p in re.split(r"[-_]", code.strip()) if p]
    if not parts or not all(p.isascii() and p.isalnum() for p in parts):
        raise LanguageError(f"not a language code: {code!r}", lang=code)
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.title() if len(part) == 4 else part.upper())
    return "-".join(out)


@lru_cache(maxsize=128)
def _profile(code: str) -> LanguageProfile:
    if code.split("-")[0] in _NO_LANGUAGE:
        raise LanguageError(f"{code!r} names no language", lang=code)
    try:
        locale = Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError) as exc:
        raise LanguageError(f"unknown language code {code!r}", lang=code) from exc
    name = locale.get_display_name(locale) or code
    english = locale.get_display_name("en") or code
    data = _data(locale.language)
    fields: dict[str, Any] = {
        "code": code,
        "locale": locale,
        "name": name,
        "english_name": english,
        "display_name": name[:1].upper() + name[1:],
        "tag": _likely_tag(locale),
        "decimal_separator": get_decimal_symbol(locale),
        "generic": data is None,
    }
    if data is not None:
        fields.update(_fields(data, source=f"{locale.language}.json"))
    return LanguageProfile(**fields)


def _likely_tag(locale: Locale) -> str:
    if locale.territory:
        return f"{locale.language}-{locale.territory}"
    likely = get_global("likely_subtags").get(locale.language, locale.language)
    try:
        region = Locale.parse(likely).territory
    except (UnknownLocaleError, ValueError):
        region = None
    return f"{locale.language}-{region}" if region else locale.language


def _data(language: str) -> dict[str, Any] | None:
    path = DATA_FOLDER / f"{language}.json"
    if not path.is_file():
        return None
    loaded = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(loaded, dict):
        raise ValueError(f"languages/data/{language}.json: expected an object")
    return loaded


def _fields(data: dict[str, Any], *, source: str) -> dict[str, Any]:
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise ValueError(f"languages/data/{source}: unknown keys {unknown}")
    out: dict[str, Any] = {}
    for key in _LIST_KEYS:
        if key in data:
            out[key] = frozenset(str(v) for v in data[key])
    if "speaker_roles" in data:
        roles = {str(k).casefold(): str(v) for k, v in data["speaker_roles"].items()}
        out["speaker_roles"] = MappingProxyType(roles)
    if "speaker_names" in data:
        names = {to_latin(str(k)): str(v) for k, v in data["speaker_names"].items()}
        out["speaker_names"] = MappingProxyType(names)
    for key in ("number_words", "scale_words", "time_words"):
        if key in data:
            words = {str(k).casefold(): int(v) for k, v in data[key].items()}
            out[key] = MappingProxyType(words)
    if "quotes" in data:
        out["quotes"] = tuple((str(o), str(c)) for o, c in data["quotes"])
    for key in _FLAG_KEYS:
        if key in data:
            out[key] = bool(data[key])
    for key in _TEXT_KEYS:
        if key in data:
            out[key] = str(data[key])
    return out
