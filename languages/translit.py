"""Fold text to plain lower-case Latin letters so names and cognates compare across scripts.

The tables are data, one per script, in ``languages/data/translit.json``; the Cyrillic one
follows the common passport-style romanisation (ж → zh, щ → shch). The goal is comparison,
not display, so it is lossy on purpose.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    path = resources.files("languages") / "data" / "translit.json"
    tables: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return {
        ord(letter): latin
        for script, table in tables.items()
        if not script.startswith("_") and isinstance(table, dict)
        for letter, latin in table.items()
    }


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
    return unicodedata.normalize("NFC", without_marks).translate(_table())
