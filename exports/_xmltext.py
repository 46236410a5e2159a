"""Make any Python string safe to write as XML 1.0 character data or attribute value.

XML 1.0 allows only TAB, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and U+10000-U+10FFFF. Text
pasted from word processors brings vertical tabs and form feeds (Word's manual line and page
breaks), broken decoders bring NULs and lone surrogates; lxml refuses them and hand-made
XML would be unreadable by every CAT tool, so renderers pass all text through :func:`clean`.
"""

from __future__ import annotations

import re

__all__ = ["clean"]

# Word writes a manual line break as VT and a page break as FF: keep them as line breaks.
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_SURROGATE = re.compile("[\ud800-\udfff]")
_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """Return ``text`` with the characters XML 1.0 forbids replaced or removed.

    Vertical tab and form feed become line feeds, an unpaired surrogate becomes U+FFFD (the
    text had a character there that was lost), every other forbidden character is dropped.

    >>> clean("a\\x0bb\\x00c")
    'a\\nbc'
    >>> clean("x\\ud800y\\ufffez")
    'x\\ufffdyz'
    >>> clean("Grüße, Привет, 😀")
    'Grüße, Привет, 😀'
    """
    if _FORBIDDEN.search(text) is None:
        return text
    text = _SURROGATE.sub("\ufffd", text.translate(_BREAKS))
    return _FORBIDDEN.sub("", text)
