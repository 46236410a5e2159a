"""Print typography, as data: where a line may not break, which words keep whole, labels.

A printed column breaks lines at spaces. Some spaces a reader expects to hold: inside a
number ("50 000"), between a number and its unit, month or scale word ("1 июня",
"14. März 2026", "12 km", "5 %"), after an initial ("H. Schmidt", "С. В. Лавров"), between
the pieces of an abbreviation ("z. B.", "p. ej.", "т. д."), after a
title or a short preposition the language's typography binds to the next word ("Dr. Weber",
"в Москве"), and before a mark French sets off with a space ("quoi ?"). :func:`bind` turns
those spaces into no-break spaces (U+00A0); the text is the same text, only set.

The lists are in ``languages/data/print.json`` (one object a language: ``bind_after``,
``bind_before``, ``units``, ``capitalised_nouns``, ``labels``, and ``byline``: the words
that open a byline, read by :mod:`languages.frontmatter`); month names, scale words and
the abbreviations that stand before a number ("No.", "ст.") come from the language profile.
:func:`keep_whole` says which words a hyphenator must leave alone (names, short words), and
:func:`labels` gives the legend's words in an interface language.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from aligner.errors import LanguageError
from languages.profiles import profile

__all__ = ["NBSP", "SHORTEST_HYPHENATED", "Typography", "bind", "keep_whole", "labels"]

NBSP = "\u00a0"
#: words shorter than this are never hyphenated ("Hel-ga", "Ber-lin" read as typos)
SHORTEST_HYPHENATED = 7

_PUNCT = "\"'“”„«»‚‘’()[]{}.,;:!?…"
_NUMBER = re.compile(r"[(\[]?[-+−]?(?:\d[\d.,:/]*)?\d\.?")
_GROUP = re.compile(r"\d{3}[.,;:)]*")
_LEADING_GROUP = re.compile(r"[(\[]?[-+−]?\d{1,3}")
_INITIAL = re.compile(r"[^\W\d_]{1,2}\.")
_PIECE = re.compile(r"[^\W\d_]{1,3}\.")  # a piece of an abbreviation written with spaces


@dataclass(frozen=True)
class Typography:
    """What one language's print typography binds and keeps whole."""

    bind_after: frozenset[str]  # words a line never ends with
    bind_before: frozenset[str]  # words or marks a line never starts with
    after_number: frozenset[str]  # casefolded words that stay with the number before them
    before_number: frozenset[str]  # words that stay with the number after them
    months: frozenset[str]  # casefolded, without a final dot
    capitalised_nouns: bool
    labels: Mapping[str, str]
    byline: frozenset[str] = frozenset()  # casefolded words that open a byline ("by", "von")


def bind(text: str, lang: str) -> str:
    """Return ``text`` with the spaces a line must not break at made no-break spaces.

    Only single ASCII spaces between words change; every other character stays.

    >>> bind("С 1 июня выплачено 50 000 рублей", "ru").split(" ")
    ['С\\xa01\\xa0июня', 'выплачено', '50\\xa0000\\xa0рублей']
    >>> bind("Berlin, 14. März 2026: H. Schmidt sagt 5 %", "de").split(" ")
    ['Berlin,', '14.\\xa0März\\xa02026:', 'H.\\xa0Schmidt', 'sagt', '5\\xa0%']
    >>> bind("Pourquoi ? Le 3 mai.", "fr").split(" ")
    ['Pourquoi\\xa0?', 'Le', '3\\xa0mai.']
    >>> bind("Säle, z. B. drei", "de").split(" "), bind("salas, p. ej., tres", "es").split(" ")
    (['Säle,', 'z.\\xa0B.', 'drei'], ['salas,', 'p.\\xa0ej.,', 'tres'])
    """
    words = text.split(" ")
    if len(words) < 2:
        return text
    rules = typography(lang)
    out = [words[0]]
    for left, right in zip(words, words[1:], strict=False):
        out.append(NBSP if left and right and _binds(left, right, rules) else " ")
        out.append(right)
    return "".join(out)


def keep_whole(word: str, lang: str, *, names: Collection[str] = ()) -> bool:
    """Tell whether a hyphenator must leave ``word`` whole: a short word or a name.

    A capitalised word is taken for a name, except in a language that capitalises every
    noun, where it is one only when ``names`` (words the other versions also write) has it.

    >>> keep_whole("Helga", "en"), keep_whole("international", "en"), keep_whole("Tag", "de")
    (True, False, True)
    >>> keep_whole("Bundesministerium", "de")
    False
    >>> keep_whole("Bundesministerium", "de", names={"Bundesministerium"})
    True
    """
    if len(word) < SHORTEST_HYPHENATED:
        return True
    if not word[:1].isupper():
        return False
    return not typography(lang).capitalised_nouns or word in names


def labels(locale: str) -> Mapping[str, str]:
    """Return the legend's words in an interface language; English where it has none.

    >>> labels("ru")["marked_rows"], labels("de_CH")["omission"][:11], labels("qaa")["unaligned"]
    ('Отмеченные строки:', 'eine Fassun', 'text in some versions only')
    """
    english = typography("en").labels
    try:
        own = typography(locale).labels
    except LanguageError:
        own = english
    return MappingProxyType({**english, **own})


@lru_cache(maxsize=64)
def typography(lang: str) -> Typography:
    """Return the print typography of a language (the profile's data and ``print.json``)."""
    found = profile(lang)
    data = _data().get(found.locale.language, {})
    after = {str(w).casefold() for w in data.get("units", ())}
    after |= {w.casefold() for w in found.scale_words}
    after |= {w.casefold() for w in found.time_words}
    return Typography(
        bind_after=frozenset(str(w) for w in data.get("bind_after", ())),
        bind_before=frozenset(str(w) for w in data.get("bind_before", ())),
        after_number=frozenset(after),
        before_number=frozenset(found.abbreviations_before_number),
        months=frozenset(found.months),
        capitalised_nouns=bool(data.get("capitalised_nouns", False)),
        labels=MappingProxyType({str(k): str(v) for k, v in data.get("labels", {}).items()}),
        byline=frozenset(str(w).casefold() for w in data.get("byline", ())),
    )


def _binds(left: str, right: str, rules: Typography) -> bool:
    """Tell whether the space between two words must not break a line."""
    if left in rules.bind_after or right in rules.bind_before:
        return True
    right_core = right.rstrip(_PUNCT) or right
    left_core = left.strip(_PUNCT) or left
    if _NUMBER.fullmatch(left):
        if _LEADING_GROUP.fullmatch(left) and _GROUP.fullmatch(right):
            return True  # "50 000": a group of thousands
        folded = right_core.casefold()
        return (
            folded in rules.after_number
            or right.casefold() in rules.after_number
            or folded.rstrip(".") in rules.months
            or not any(ch.isalnum() for ch in right_core)
        )
    if right[:1].isdigit():
        return (
            left in rules.before_number
            or left_core.casefold().rstrip(".") in rules.months
            or not any(ch.isalnum() for ch in left)
        )
    if _PIECE.fullmatch(left) and _PIECE.fullmatch(right.rstrip(",;:")):
        return True  # an abbreviation written in pieces: "z. B.", "p. ej.", "т. д."
    return bool(_INITIAL.fullmatch(left) and left[:1].isupper() and right[:1].isupper())


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    path = resources.files("languages") / "data" / "print.json"
    loaded = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(loaded, dict):
        raise ValueError("languages/data/print.json: expected an object")
    return {k: v for k, v in loaded.items() if not k.startswith("_")}
