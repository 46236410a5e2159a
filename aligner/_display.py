"""Text shown to people as a name: no direction overrides, no invisible controls, NFC.

A name or title that carries U+202E (RIGHT-TO-LEFT OVERRIDE) shows its letters reversed
and reverses whatever follows it on the line; zero-width and control characters make two
names that look the same differ, or hide text in a file name. :func:`plain` removes them.
"""

from __future__ import annotations

import unicodedata

__all__ = ["plain"]

# the joiners shape letters in Arabic, Indic scripts and emoji: they stay
_KEPT = frozenset("\u200c\u200d")


def plain(text: str) -> str:
    """Return ``text`` in NFC, without bidi or other controls, its spaces collapsed.

    >>> plain("\\u202eAnna  M\\u0075\\u0308ller\\u202c")
    'Anna Müller'
    >>> plain("Report\\u2066\\u200b 2026\\x07"), plain("\\u0645\\u200c\\u0647")
    ('Report 2026', 'م\\u200cه')
    """
    kept = "".join(
        ch
        for ch in unicodedata.normalize("NFC", text)
        if ch in _KEPT or unicodedata.category(ch) not in ("Cc", "Cf", "Cs") or ch in "\t\n\r"
    )
    return " ".join(kept.split())
