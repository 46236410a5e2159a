"""Tell front matter from text: date lines, document symbols, bylines, intros, notes.

A press release opens with a place and a date ("Berlin, 14. März 2026"), a UN document
with its symbol ("A/RES/78/1"), an article with a byline ("By Helga Weber"). They align,
but they are no translation a memory should offer. :func:`front_matter` says which kind a
short text is, from the language's data: month names (babel), ``date_labels`` and
``page_controls`` (``languages/data/<code>.json``) and the byline words of
``languages/data/print.json`` (``byline``).

The readers ask :func:`front_kind`, for a line of a text whose language they do not know
yet, with the data of every language at once: a byline ("By Maria Lindqvist, Chair of …",
"Мария Линдквист, Председатель …"), the publisher's intro ("Following is the text of …:",
"On trouvera ci-après …", "Nachstehend …", "Ниже приводится …", "A continuación figura …":
``intro_openers`` in ``languages/data/<code>.json``), a document symbol ("SG/SM/11764",
"412-04-03-2026") and an editorial note ("(Unofficial translation)").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from aligner.errors import LanguageError
from languages import boilerplate
from languages.profiles import line_cache, profile, profiled_languages
from languages.typography import typography

__all__ = ["FrontKind", "FrontMatter", "front_kind", "front_matter"]

FrontMatter = Literal["date", "symbol", "byline"]

_MAX_LINE = 80  # characters; a longer text is prose that mentions a date
_MAX_BYLINE = 60
_MAX_PLACE_WORDS = 3  # "Tarvel", "New York", "Rio de Janeiro"
_YEAR = re.compile(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})(?!\d)")
_TIME = re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?!\d)")
_WORD = re.compile(r"[^\W\d_]+")
_PARTS = re.compile(r"\s+[|•·]\s+")  # "14 March 2026 | Print | Share"
# "A/RES/78/1", "S/2026/123", "E/CN.4/2026/L.5", "CCPR/C/GC/37": capitals and digits between
# slashes, maybe a part in parentheses ("A/RES/217 (III)")
_SYMBOL = re.compile(r"[A-Z][A-Z0-9.\-]*(?:/[A-Z0-9][A-Za-z0-9.\-]*)+(?:\s*\([A-Za-z0-9.\-]+\))?")


def front_matter(text: str, lang: str) -> FrontMatter | None:
    """Return the kind of front matter ``text`` is, in language ``lang``, or None.

    >>> front_matter("Berlin, 14. März 2026", "de"), front_matter("14 March 2026 | Print", "en")
    ('date', 'date')
    >>> front_matter("Тарвель, 14 марта 2026 г.", "ru"), front_matter("A/RES/78/1", "fr")
    ('date', 'symbol')
    >>> front_matter("Von Helga Weber", "de"), front_matter("By 2030 the river is clean.", "en")
    ('byline', None)
    >>> front_matter("Am 14. März 2026 beginnt die Konferenz in Tarvel.", "de") is None
    True
    """
    stripped = text.strip()
    if not stripped or len(stripped) > _MAX_LINE:
        return None
    if _SYMBOL.fullmatch(stripped):
        return "symbol"
    try:
        found = profile(lang)
    except LanguageError:
        return None
    if _is_date_line(stripped, frozenset(found.months), found.weekdays, found.date_labels):
        return "date"
    if _is_byline(stripped, lang):
        return "byline"
    return None


def _is_date_line(
    text: str, months: frozenset[str], weekdays: frozenset[str], labels: frozenset[str]
) -> bool:
    """Tell whether a line holds a date and nothing but a place, labels and page controls."""
    parts = [p for p in _PARTS.split(text) if p.strip()]
    dated = [p for p in parts if _YEAR.search(p) or _NUMERIC_DATE.search(p)]
    if len(dated) != 1 or not all(p in dated or boilerplate.is_boilerplate(p) for p in parts):
        return False
    numeric = _NUMERIC_DATE.search(dated[0])
    line = _TIME.sub(" ", _NUMERIC_DATE.sub(" ", dated[0]))
    words = _WORD.findall(line)
    if not numeric and not any(w.casefold() in months for w in words):
        return False
    rest = [
        w
        for w in words
        if len(w) > 1
        and w.casefold() not in months
        and w.casefold() not in weekdays
        and w.casefold() not in labels
    ]
    # what is left is the place: a few capitalised words, and the particles inside a name
    place = [w for w in rest if w[:1].isupper()]
    return len(place) <= _MAX_PLACE_WORDS and all(len(w) <= 3 for w in rest if w not in place)


def _is_byline(text: str, lang: str) -> bool:
    """Tell whether a line names its author and nothing else ("By Helga Weber")."""
    if len(text) > _MAX_BYLINE:
        return False
    words = text.split()
    opener = typography(lang).byline
    if len(words) < 2 or words[0].casefold() not in opener:
        return False
    name = words[1:]
    return len(name) <= 4 and all(w[:1].isupper() or len(w) <= 3 for w in name)


FrontKind = Literal["byline", "intro", "symbol", "note"]

_MAX_BYLINE_LINE = 160  # characters
_MAX_INTRO = 400
_MAX_NOTE = 100
_MAX_SHORT_INTRO = 40  # "Texte intégral", a label line, needs no colon
# "SG/SM/11764", "SG/SM/12562-OBV/822", "A/RES/75/1", "NRC/PR/101-2026", "412-04-03-2026"
_ANY_SYMBOL = re.compile(
    r"(?:No\.?\s*|№\s*)?(?:[A-Z][A-Z0-9.]{0,9}(?:/[A-Z0-9.()]{1,12}){1,6}(?:[-–][A-Z0-9/]{1,12})*"
    r"|\d{1,5}(?:-\d{1,5}){3,})"
)
_NOTE = re.compile(r"^[(\[][^()\[\]]{3,}[)\]]$")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")  # dashes or brackets around a note
_NAME = r"[^\W\d_][^\W\d_'’.-]+"
# "Maria Lindqvist, Chair of …", "М.В. Захарова, официальный представитель …"
_NAME_ROLE = re.compile(rf"^(?:[^\W\d_]\.\s?)*{_NAME}(?:\s+(?:[^\W\d_]\.\s?)*{_NAME}){{1,2}},\s+\w")
_ENDS_SENTENCE = re.compile(r"[.!?…]\W*$")
_NUMBER_AT_END = re.compile(r"\s*\d[\d./-]*$")  # "… No. 412", "… № 12/2026"
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # "Пресс-релиз"
_MAX_NUMBER_LINE = 60  # characters
_MAX_NUMBER_WORDS = 4  # "Comunicado de prensa" before the sign


@line_cache
def front_kind(line: str) -> FrontKind | None:
    """Return the kind of front matter ``line`` is, or ``None`` for anything else.

    >>> front_kind("By Maria Lindqvist, Chair of the Northern Rivers Commission")
    'byline'
    >>> front_kind("Мария Линдквист, Председатель Комиссии северных рек")
    'byline'
    >>> front_kind("Following is the text of the message of the Chair:")
    'intro'
    >>> front_kind("SG/SM/12562-OBV/822"), front_kind("(Unofficial translation)")
    ('symbol', 'note')
    >>> front_kind("– Check against delivery –"), front_kind("– Es gilt das gesprochene Wort –")
    ('note', 'note')
    >>> front_kind("Article 1"), front_kind("By the end of the year, the stations will run.")
    (None, None)
    >>> front_kind("Tel que prononcé par la vice-présidente Anna Berg")
    'byline'
    >>> front_kind("В изложении заместителя председателя Анны Берг")
    'byline'

    >>> front_kind("Por ello, la Autoridad pide a los Estados miembros tres compromisos:") is None
    True
    >>> front_kind("Press release No. 412"), front_kind("Пресс-релиз № 412")
    ('symbol', 'symbol')
    >>> front_kind("Comunicado de prensa n.º 412"), front_kind("Article 412") is None
    ('symbol', True)
    >>> front_kind("Anna Berg, NRC, +00 100 200 30 41, press@nrc.example") is None
    True
    """
    text = line.strip()
    if not text:
        return None
    if _ANY_SYMBOL.fullmatch(text) or _is_number_line(text):
        return "symbol"
    folded = _fold(text)
    if len(text) <= _MAX_NOTE and (_NOTE.match(text) or _is_editorial_note(folded)):
        return "note"
    opens = len(text) <= _MAX_INTRO and folded.startswith(_intro_openers(profiled_languages()))
    if opens and (text.endswith(":") or len(text) <= _MAX_SHORT_INTRO):
        return "intro"
    if len(text) <= _MAX_BYLINE_LINE and not _ENDS_SENTENCE.search(text):
        if boilerplate.gives_contact(text):
            return None  # "Anna Berg, NRC, +00 100 200 30 41": a contact, no byline
        openers = _byline_openers(profiled_languages())
        for opener in openers:
            rest = text[len(opener) :].lstrip(" :–-") if folded.startswith(opener) else ""
            # "By Maria …"; an opener of several words names a speaker with a role ahead of
            # the name ("As delivered by the Deputy Chair …", "В изложении заместителя …")
            named = rest[:1].isupper() or (" " in opener and rest[:1].isalpha())
            if named and (opener.endswith(":") or folded[len(opener) : len(opener) + 1] == " "):
                return "byline"
        name = text.split(",")[0].split()
        # "Мария Линдквист, Председатель …": a name, each word capitalised ("Por ello, la
        # Autoridad pide …:" is a clause, leading into what follows)
        named = all(w[:1].isupper() for w in name) and not text.endswith(":")
        if _NAME_ROLE.match(text) and len(name) <= 4 and named:
            return "byline"
    return None


def _is_number_line(text: str) -> bool:
    """Tell whether a line names a document and its number ("Press release No. 412",
    "Communiqué de presse n° 412"): a document-number line, which is no title."""
    found = _NUMBER_AT_END.search(text)
    if not found or len(text) > _MAX_NUMBER_LINE:
        return False
    head = _fold(text[: found.start()])
    for sign in _number_signs(profiled_languages()):
        if head.endswith(" " + sign) or (sign[-1:] in "°º№#" and head.endswith(sign)):
            words = head[: -len(sign)].split()
            named = all(_HYPHENATED.fullmatch(w) for w in words)
            return 0 < len(words) <= _MAX_NUMBER_WORDS and named
    return False


@lru_cache(maxsize=4)
def _number_signs(codes: tuple[str, ...]) -> tuple[str, ...]:
    found = {_fold(p) for code in codes for p in profile(code).number_signs}
    return tuple(sorted(found, key=lambda p: (-len(p), p)))


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


@lru_cache(maxsize=4)
def _byline_openers(codes: tuple[str, ...]) -> tuple[str, ...]:
    """Return the words that open a byline in any language (``byline`` in print.json)."""
    found = {_fold(p) for code in codes for p in typography(code).byline}
    return tuple(sorted(found, key=lambda p: (-len(p), p)))


def _is_editorial_note(folded: str) -> bool:
    """Tell whether a folded line is an editor's note ("– Check against delivery –")."""
    return _EDGE.sub("", folded) in _editorial_notes(profiled_languages())


@lru_cache(maxsize=4)
def _editorial_notes(codes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_fold(p) for code in codes for p in profile(code).editorial_notes)


@lru_cache(maxsize=4)
def _intro_openers(codes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({_fold(p) for code in codes for p in profile(code).intro_openers}))
