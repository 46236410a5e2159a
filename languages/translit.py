"""Fold text to plain lower-case Latin letters so names and cognates compare across scripts.

The Cyrillic table follows the common passport-style romanisation (ж → zh, щ → shch); the
goal is comparison, not display, so it is lossy on purpose.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u", "ј": "j", "љ": "lj",
    "њ": "nj", "ћ": "c", "ђ": "dj", "џ": "dz",
}  # fmt: skip

_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}  # fmt: skip

_SPECIAL = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ð": "d", "þ": "th", "ł": "l", "đ": "d"}

_TABLE = {ord(k): v for table in (_CYRILLIC, _GREEK, _SPECIAL) for k, v in table.items()}


@lru_cache(maxsize=65536)
def to_latin(word: str) -> str:
    """Return ``word`` lower-cased, in Latin letters, without diacritics.

    >>> to_latin("Лавров")
    'lavrov'
    >>> to_latin("Größe")
    'grosse'
    >>> to_latin("Ísland")
    'island'
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # NFD splits й into и + breve; the table maps the base letter, which is close enough
    return unicodedata.normalize("NFC", without_marks).translate(_TABLE)
