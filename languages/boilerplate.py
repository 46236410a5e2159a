"""Tell the furniture of a web page from its text, with phrases from every language's data.

Readers do not know the language of a page, so every test looks at the phrases of all
languages with a data file at once (``page_controls``, ``section_headings``,
``contact_labels``, ``cookie_notices``, ``site_notices`` and ``date_labels`` in
``languages/data/<code>.json``).
Matching folds case, ``ё`` to ``е``, typographic apostrophes, and punctuation at the ends. A
phrase ending in `` *`` matches any short line that starts with it ("share on *" matches
"Share on Facebook").
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale, localedata

from languages.profiles import LanguageProfile, line_cache, profile, profiled_languages

__all__ = [
    "gives_contact",
    "is_boilerplate",
    "is_breadcrumb",
    "is_contact",
    "is_contents_label",
    "is_language_name",
    "is_language_switcher",
    "is_link_row",
    "is_menu_line",
    "is_teaser_run",
    "opens_section",
]

_MAX_CONTROL_LINE = 120  # characters; anything longer is prose even if it starts alike
_MAX_CONTACT_LINE = 200
_MAX_COOKIE_NOTICE = 600
_PHONE = re.compile(r"^\+?[\d\s().-]{7,}$")
_SENTENCE_END = re.compile(r"[.!?]\s")
_DOTTED_DATE = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{4}")  # "29.01.2016" is no phone number
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
# an address, or the placeholder a site's e-mail protection prints for it ("[email protected]")
_EMAIL_IN = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|\[email\s+protected\]")
_PHONE_IN = re.compile(r"\+\d[\d\s().-]{6,}\d")  # an international number inside a line
_MAX_SWITCHER_LABEL = 4  # words of a label before a switcher ("Esta página en:")
_SEPARATORS = re.compile(r"\s*[|/•·,;]\s*|\s{2,}")
_LABEL_COLON = re.compile(r"\s*:\s+")  # "Share this page: Facebook Twitter Email"
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_COPYRIGHT = re.compile(r"\s*(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)
_SWITCHER_SPLIT = re.compile(r"[\s|/•·,;]+")
_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?\d*")  # "en", "en-GB", "de-DE1"
_MAX_LANGUAGE_NAME = 20
_ROW = re.compile(r"\s+[|•·]\s+")
_ROW_PARTS = 3
_ROW_WORDS = 4  # words in one link of a row
_CRUMB = re.compile(r"\s+[>»›/|]\s+|\s*[»›]\s*")
_MAX_CRUMB_WORDS = 8
_MAX_PREFIXED = 10  # words of a line a prefix phrase matches ("share on *")
_MENU_CONTROL_WORDS = 3  # words of the control that ends a one-line menu ("Contact us")
_MENU_ITEM_WORDS = 3  # words of the items before it, at least
# a pager: the items shown of how many ("Showing 1 - 10 of 412", "Записи 1–10 из 412")
_PAGER = re.compile(r"(?:[^\W\d_]+\.?\s+){0,3}(\d+)\s*[-–—]\s*(\d+)\s+[^\W\d_]{1,6}\s+(\d+)")
# a picture's file name ("foto_00000001", "IMG-2041.jpg") after at most two words ("Image")
_PICTURE = re.compile(
    r"(?:[^\W\d_]+\s+){0,2}(?:[\w-]*(?:_\d|\d_)[\w-]*|[\w-]+)"
    r"(?:\.(?:jpe?g|png|gif|webp|tiff?|svg))?",
    re.IGNORECASE,
)
_PICTURE_FILE = re.compile(
    r"[\w-]*(?:_\d|\d_)[\w-]*|[\w-]+\.(?:jpe?g|png|gif|webp|tiff?|svg)", re.I
)
_MAX_NOTICE = 250  # characters of a notice about the page or a form ("… automated spam …")
_CAPTCHA_SUM = re.compile(r"^\s*\d{1,3}\s*[+×x*−-]\s*\d{1,3}\s*(?:=\s*)?\?\s*$")  # "7 + 7 ?"
_AFTER_SENTENCE = re.compile(r"(?<=[.!?…])")  # where a teaser's link may be glued on


@line_cache
def is_boilerplate(text: str) -> bool:
    """Tell whether a short line is only page controls ("Share", "Print | Send by e-mail").

    >>> is_boilerplate("Версия для печати"), is_boilerplate("Share on Facebook")
    (True, True)
    >>> is_boilerplate("Print   Share"), is_boilerplate("The Minister will print it.")
    (True, False)
    >>> is_boilerplate("© 2026 Ministry of Foreign Affairs")
    True
    >>> is_boilerplate("Facebook Twitter E-mail"), is_boilerplate("0 Kommentare")
    (True, True)
    >>> is_boilerplate("Was this page useful? Yes No"), is_boilerplate("12 Monkeys")
    (True, False)
    >>> is_boilerplate("Share this page: Facebook Twitter Email"), is_boilerplate("7 + 7 ?")
    (True, True)
    >>> is_boilerplate("For information media. Not an official record.")
    True
    """
    if is_teaser_run(text):
        return True
    if len(text) > _MAX_COOKIE_NOTICE:
        return False
    if len(text) <= _MAX_CONTROL_LINE and (
        _COPYRIGHT.match(text) or _is_pager(text) or _is_picture_name(text)
    ):
        return True
    folded = _fold(text)
    if folded.startswith(_cookie_notices(profiled_languages())):
        return True
    if len(text) <= _MAX_NOTICE and _is_site_notice(folded):
        return True
    if _CAPTCHA_SUM.match(text):
        return True
    if not folded or len(text) > _MAX_CONTROL_LINE:
        return False
    parts = [p for p in (_fold(p) for p in _SEPARATORS.split(text)) if p]
    if all(_is_control_run(p.split()) for p in parts):
        return True
    labelled = [p for q in parts for p in _LABEL_COLON.split(q) if p]  # a control's label
    return len(labelled) > len(parts) and all(_is_control_run(p.split()) for p in labelled)


def _is_site_notice(folded: str) -> bool:
    """Tell whether a short line is a notice about the page or its forms (no text of it).

    >>> _is_site_notice("this press release is a document of the registry.")
    True
    >>> _is_site_notice("the registry keeps a document of every hearing.")
    False
    """
    return any(phrase in folded for phrase in _site_notices(profiled_languages()))


def _is_pager(text: str) -> bool:
    """Tell whether a line is a pager: the items a list shows of how many.

    >>> _is_pager("Showing 1 - 10 of 412"), _is_pager("Записи 1–10 из 412")
    (True, True)
    >>> _is_pager("Articles 1 - 10 of the Convention"), _is_pager("Showing 30 - 10 of 412")
    (False, False)
    """
    found = _PAGER.fullmatch(text.strip())
    if found is None:
        return False
    first, last, total = (int(found[k]) for k in (1, 2, 3))
    return first <= last <= total


def _is_picture_name(text: str) -> bool:
    """Tell whether a line is a picture's file name, with at most two words before it.

    >>> _is_picture_name("Image photo_00000001"), _is_picture_name("Фото IMG-2041.jpg")
    (True, True)
    >>> _is_picture_name("Article 12"), _is_picture_name("Statement by the Chair")
    (False, False)
    """
    words = text.split()
    return (
        bool(words)
        and _PICTURE.fullmatch(text.strip()) is not None
        and _PICTURE_FILE.fullmatch(words[-1]) is not None
    )


@line_cache
def is_teaser_run(text: str) -> bool:
    """Tell whether a line is other items' teasers glued to their links: sentences each
    followed by the same control ("… spring survey.See moreThe Deputy Chair … See more").

    >>> is_teaser_run("The group met today. See more The Chair received them. See more")
    True
    >>> is_teaser_run("The group met today.Voir plusThe Chair received them.Voir plus")
    True
    >>> is_teaser_run("The group met today. See more")
    False
    >>> is_teaser_run("He asked for more. More was given. Then he asked for more")
    False
    """
    pieces = [p.strip() for p in _AFTER_SENTENCE.split(text)]
    if len(pieces) < 3 or len(pieces[-1]) > _MAX_CONTROL_LINE:
        return False
    control = _fold(pieces[-1])
    exact, _prefixes = _controls(profiled_languages())
    if control not in exact:
        return False
    return any(_fold_case(p).startswith(control) and len(p) > len(control) for p in pieces[1:-1])


def opens_section(text: str) -> bool:
    """Tell whether a heading opens a block of related links, files or contacts.

    >>> opens_section("Дополнительные материалы"), opens_section("Additional materials:")
    (True, True)
    >>> opens_section("Situation in the region")
    False
    """
    if len(text) > _MAX_CONTROL_LINE:
        return False
    return _fold(text) in _sections(profiled_languages())


def is_contents_label(text: str) -> bool:
    """Tell whether a heading names a contents box ("Contents", "Inhalt", "СОДЕРЖАНИЕ").

    >>> is_contents_label("СОДЕРЖАНИЕ"), is_contents_label("Sommaire :")
    (True, True)
    >>> is_contents_label("Contents of the package")
    False
    """
    if len(text) > _MAX_CONTROL_LINE:
        return False
    return _fold(text) in _contents_labels(profiled_languages())


def is_link_row(text: str) -> bool:
    """Tell whether a line is a row of short links, one of them a page control, or a section
    heading with its links on its line.

    >>> is_link_row("Northern Rivers Commission • Press • Tarvel")
    True
    >>> is_link_row("Related articles: Press, News"), is_link_row("Materiales adicionales: Prensa")
    (True, True)
    >>> is_link_row("Rivers • lakes • seas"), is_link_row("Note: the river rose by two metres.")
    (False, False)
    """
    if len(text) > _MAX_CONTROL_LINE:
        return False
    head, colon, rest = text.partition(":")
    if colon and rest.strip() and opens_section(head):
        return all(len(p.split()) <= _ROW_WORDS for p in _SEPARATORS.split(rest) if p.strip())
    parts = [p for p in _ROW.split(text.strip()) if p]
    return (
        len(parts) >= _ROW_PARTS
        and all(len(p.split()) <= _ROW_WORDS for p in parts)
        and any(is_boilerplate(p) or opens_section(p) for p in parts)
    )


def is_menu_line(text: str) -> bool:
    """Tell whether a line is a site's menu printed on one line: three words or more of
    items (most of them capitalised, no punctuation), ended by a control of two words or
    more ("Contact us").

    >>> is_menu_line("Ambassador Embassy Consular services Economy Contact us")
    True
    >>> is_menu_line("Statement on the latest news"), is_menu_line("Contact us")
    (False, False)
    >>> is_menu_line("Please contact us.")
    False
    """
    words = text.split()
    if len(text) > _MAX_CONTROL_LINE or not words or not words[-1][-1:].isalnum():
        return False
    exact, _prefixes = _controls(profiled_languages())
    for n in range(_MENU_CONTROL_WORDS, 1, -1):
        if len(words) >= n + _MENU_ITEM_WORDS and _fold(" ".join(words[-n:])) in exact:
            items = words[:-n]
            capitals = sum(1 for w in items if w[:1].isupper())
            return capitals * 3 >= len(items) * 2 and not any(w[-1:] in ",;:" for w in items)
    return False


def is_breadcrumb(text: str) -> bool:
    """Tell whether a line is a breadcrumb trail: the home page, then the path to the page.

    >>> is_breadcrumb("Home > Press > Statements"), is_breadcrumb("Startseite / Presse")
    (True, True)
    >>> is_breadcrumb("Главная › Пресс-служба › Заявления и комментарии")
    True
    >>> is_breadcrumb("Paris > Berlin"), is_breadcrumb("Home is where the heart is")
    (False, False)
    """
    if len(text) > _MAX_CONTROL_LINE:
        return False
    parts = [p for p in _CRUMB.split(text.strip()) if p]
    if len(parts) < 2 or any(len(p.split()) > _MAX_CRUMB_WORDS for p in parts):
        return False
    exact, _prefixes = _controls(profiled_languages())
    return _fold(parts[0]) in exact


def is_language_switcher(text: str) -> bool:
    """Tell whether a line is only a choice of languages, as a saved page prints its switcher.

    Tokens are language tags ("de-DE", "EN", with a count glued on as some pages print it)
    or language names in any language we have data for; two tags with a region, three bare
    ones, or names of which at most a third are unknown ("中文" beside "English Français").

    >>> is_language_switcher("de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1")
    True
    >>> is_language_switcher("DE | EN | FR"), is_language_switcher("English Français Русский 中文")
    (True, True)
    >>> is_language_switcher("English version"), is_language_switcher("IN ON AT")
    (False, False)
    >>> is_language_switcher("Esta página en: Deutsch English Español Français Русский")
    True
    """
    if len(text) > _MAX_CONTROL_LINE:
        return False
    label, colon, rest = text.partition(":")
    if colon and 0 < len(label.split()) <= _MAX_SWITCHER_LABEL and rest.strip():
        return is_language_switcher(rest)  # "This page in: Deutsch English …"
    tokens = [t for t in _SWITCHER_SPLIT.split(text.strip()) if t]
    if len(tokens) < 2 or any(len(t) > _MAX_LANGUAGE_NAME for t in tokens):
        return False
    tags = [_TAG.fullmatch(t) for t in tokens]
    if all(tags):
        known = [m for m in tags if m is not None and localedata.exists(m[1].lower())]
        with_region = sum(1 for m in known if m[2])
        return len(known) == len(tokens) and (with_region >= 2 or len(tokens) >= 3)
    names = _language_names(profiled_languages())
    found = sum(1 for t in tokens if _fold_case(t) in names)
    return found == len(tokens) or (len(tokens) >= 3 and found * 3 >= len(tokens) * 2)


def is_language_name(text: str) -> bool:
    """Tell whether a line is one language's name or tag: a switcher printed a line each.

    >>> is_language_name("Français"), is_language_name("en-GB"), is_language_name("Press")
    (True, True, False)
    """
    token = text.strip()
    if not token or " " in token or len(token) > _MAX_LANGUAGE_NAME:
        return False
    tag = _TAG.fullmatch(token)
    if tag is not None and tag[2] and localedata.exists(tag[1].lower()):
        return True
    return _fold_case(token) in _language_names(profiled_languages())


@line_cache
def gives_contact(text: str) -> bool:
    """Tell whether a line gives a phone number in international form or an e-mail address
    ("Anna Berg, NRC, +00 100 200 30 41"): whom to call or write to, never who wrote.

    >>> gives_contact("Anna Berg, NRC, +00 100 200 30 41"), gives_contact("By Anna Berg")
    (True, False)
    """
    return bool(_PHONE_IN.search(text) or _EMAIL_IN.search(text))


def is_contact(text: str) -> bool:
    """Tell whether a short line belongs to an address or contact block.

    >>> is_contact("Tel.: +7 495 000-00-00"), is_contact("press@example.org")
    (True, True)
    >>> is_contact("The telephone conversation took place on Monday.")
    False
    >>> is_contact("For media requests, please contact Anna Berg, +00 100 200 30 41, a@nrc.org")
    True
    >>> is_contact("Northern Rivers Commission Phone: +00 100 200 30 40")  # a footer's name too
    True
    >>> is_contact("Tel. +00 100 200 30 40"), is_contact("Tel Aviv 2026")
    (True, False)
    >>> is_contact("Anna Berg, NRC, +00 100 200 30 41, [email\u00a0protected]")
    True
    """
    if len(text) > _MAX_CONTACT_LINE:
        return False
    stripped = text.strip()
    if _EMAIL_IN.search(stripped) and _PHONE_IN.search(stripped):
        return True  # whom to call and write to
    if (_PHONE.match(stripped) and not _DOTTED_DATE.fullmatch(stripped)) or _EMAIL.match(stripped):
        return True
    lowered = _fold_case(stripped)
    labels = _contact_labels(profiled_languages())
    if any(
        lowered.startswith(label)
        and (
            lowered[len(label) :].lstrip(". ").startswith(":")
            or (
                lowered[len(label) : len(label) + 1] in ". "
                and bool(_PHONE.match(lowered[len(label) :].lstrip(". ")))
            )
        )
        for label in labels
    ):
        return True  # "Tel.: …", "Tel. +00 100 200 30 40"
    # a name, then a label and the number it gives ("… Commission Phone: +00 100 200 30 40")
    before, colon, number = lowered.rpartition(":")
    before = before.rstrip(" .")
    return bool(
        colon
        and _PHONE.match(number.strip())
        and any(before.endswith(f" {label}") for label in labels)
        and not _SENTENCE_END.search(before)
    )


def _is_control_run(words: list[str]) -> bool:
    """Tell whether ``words`` split into a sequence of control phrases (exact or prefix)."""
    exact, prefixes = _controls(profiled_languages())
    if len(words) > 1 and words[0].isdigit():  # a count before a control: "0 comments"
        words = words[1:]
    reachable = [True] + [False] * len(words)
    for end in range(1, len(words) + 1):
        for start in range(end):
            if reachable[start] and " ".join(words[start:end]) in exact:
                reachable[end] = True
                break
    if reachable[-1]:
        return True
    return len(words) <= _MAX_PREFIXED and " ".join(words).startswith(prefixes)


def _fold_case(text: str) -> str:
    return text.casefold().replace("ё", "е").replace("’", "'").replace("ʼ", "'")


def _fold(text: str) -> str:
    return " ".join(_EDGE.sub("", _fold_case(text)).split())


def _profiles(codes: tuple[str, ...]) -> list[LanguageProfile]:
    return [profile(code) for code in codes]


@lru_cache(maxsize=4)
def _controls(codes: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    phrases = [_fold_case(p) for rules in _profiles(codes) for p in rules.page_controls]
    exact = frozenset(p for p in phrases if not p.endswith(" *"))
    prefixes = tuple(sorted(p[:-1] for p in phrases if p.endswith(" *")))
    return exact, prefixes


@lru_cache(maxsize=4)
def _sections(codes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_fold(p) for rules in _profiles(codes) for p in rules.section_headings)


@lru_cache(maxsize=4)
def _contents_labels(codes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_fold(p) for rules in _profiles(codes) for p in rules.contents_labels)


@lru_cache(maxsize=4)
def _contact_labels(codes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_fold_case(p) for rules in _profiles(codes) for p in rules.contact_labels)


@lru_cache(maxsize=4)
def _cookie_notices(codes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(_fold_case(p) for rules in _profiles(codes) for p in rules.cookie_notices))


@lru_cache(maxsize=4)
def _site_notices(codes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(_fold_case(p) for rules in _profiles(codes) for p in rules.site_notices))


@lru_cache(maxsize=4)
def _language_names(codes: tuple[str, ...]) -> frozenset[str]:
    """Return the names of every language, as written in each language we have data for."""
    names: set[str] = set()
    for code in codes:
        names.update(_fold_case(name) for name in Locale.parse(code).languages.values())
    return frozenset(names)
