"""Undo hyphenation at line ends, keeping the hyphens that belong to the words.

A line ending in a hyphen either broke a word where the language allows it ("Menschen-" /
"rechte") or ended on a real hyphen ("UN-" / "Generalsekretär", "Пресс-" / "релиз", "Ein-" /
"und Ausfuhr"). The evidence, first that answers:

1. a digit after the hyphen, a digit or an abbreviation in capitals before it, or a capital
   after it: a real hyphen ("COVID-19", "UN-Generalsekretär", "Nord-Süd");
2. a word the language lists as following a suspended hyphen ("und", "or", "и"): the hyphen
   stays and so does the space;
3. the document itself: the word written elsewhere with the hyphen, or without it;
4. the language's ``hyphen_prefixes`` ("пресс", "vice", "self"), ``hyphen_suffixes``
   ("то", "ci", "là") and ``hyphen_left_endings`` (a lower-case "französisch-" before
   "schweizerisch"): a real hyphen;
5. pyphen's patterns for the language's variants (the ones LibreOffice hyphenates with): a
   break one of them allows was made by the typesetter, and so was one that leaves two
   letters or fewer for the next line after five or more; any other is a real hyphen.
   Without a language, a lower-case continuation is taken for a typesetter's break.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen

from aligner.errors import LanguageError
from languages.profiles import LanguageProfile, profile

__all__ = ["Dehyphenator"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LEFT = re.compile(r"(\w+)-$")
_RIGHT = re.compile(r"^(\w+)")
_HYPHENATED = re.compile(r"\b[^\W\d_]+(?:-[^\W\d_]+)+\b")


# letters: a continuation this short after a part this long is a typesetter's break even
# where pyphen has none ("gobier-no")
_SHORT = 2
_LONG = 5


@lru_cache(maxsize=16)
def _dictionaries(lang: str) -> tuple[pyphen.Pyphen, ...]:
    """Return pyphen's dictionaries for every variant of a language (en, en_US, en_GB).

    Typesetters hyphenate with different patterns; a break any variant allows counts.
    """
    names = sorted(name for name in pyphen.LANGUAGES if name.split("_")[0].lower() == lang)
    return tuple(pyphen.Pyphen(lang=name) for name in names)


def _profile(lang: str | None) -> LanguageProfile | None:
    if not lang:
        return None
    try:
        return profile(lang)
    except LanguageError:
        return None


class Dehyphenator:
    """Join lines of one document's language ``lang``, knowing the document's ``text``."""

    def __init__(self, lang: str | None, text: str) -> None:
        self._profile = _profile(lang)
        self._dictionaries = _dictionaries(self._profile.code) if self._profile else ()
        # words in lines, not across line ends: "Her- kunft" splits into two tokens
        self._plain = frozenset(w.lower() for w in _WORD.findall(text))
        self._hyphenated = frozenset(
            w.lower() for w in _HYPHENATED.findall(text.replace("- ", "\x00"))
        )

    def join(self, text: str, piece: str) -> str:
        """Return ``text`` (ending in a hyphen at a line end) continued by the next line.

        >>> d = Dehyphenator("de", "")
        >>> d.join("die Menschen-", "rechte aller"), d.join("der UN-", "Generalsekretär")
        ('die Menschenrechte aller', 'der UN-Generalsekretär')
        >>> d.join("Ein-", "und Ausfuhr"), d.join("COVID-", "19"), d.join("Bern -", "Berge")
        ('Ein- und Ausfuhr', 'COVID-19', 'Bern - Berge')
        """
        keep = self.keeps(text, piece)
        if keep is None or text[-2:-1].isspace():  # a dash standing alone: "Bern -"
            return f"{text} {piece}"
        return f"{text}{piece}" if keep else f"{text[:-1]}{piece}"

    def keeps(self, text: str, piece: str) -> bool | None:
        """Tell whether the hyphen ending ``text`` stays (None: it stays, and so does a space)."""
        left_match = _LEFT.search(text)
        right_match = _RIGHT.match(piece)
        if not left_match or not right_match:
            return True
        left, right = left_match.group(1), right_match.group(1)
        rules = self._profile
        if rules is not None and right.lower() in rules.hyphen_suspended:
            return None
        capitals = left.isupper() and right.isupper()  # a heading in capitals says nothing
        if right[0].isdigit() or left[-1].isdigit() or (right[0].isupper() and not capitals):
            return True
        if len(left) >= 2 and left.isupper() and not capitals:
            return True
        if f"{left}-{right}".lower() in self._hyphenated:
            return True
        if f"{left}{right}".lower() in self._plain:
            return False
        if rules is not None and (
            left.lower() in rules.hyphen_prefixes
            or right.lower() in rules.hyphen_suffixes
            or (left.islower() and left.endswith(tuple(rules.hyphen_left_endings)))
        ):
            return True
        if not self._dictionaries or (len(right) <= _SHORT and len(left) >= _LONG):
            return False
        word = f"{left}{right}".lower()
        return not any(len(left) in d.positions(word) for d in self._dictionaries)
