"""How many units a reader can make of an input at most, counted without reading it.

What aligning an input costs in memory grows with its paragraphs, headings and sentences
as much as with its characters (see :func:`aligner.api.alignment_needs`): a file of a
word to a line, or a web page of a word to an element, holds far more of them than its
megabytes say. The bound here holds whatever the reader makes of the input.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import IO

from aligner.readers import _PDF_START, _ZIP
from aligner.readers.html import BLOCK_TAGS

#: the start of an element that may begin a unit: a web page's blocks and line breaks, a
#: DOCX's paragraphs (``w:p``) and breaks (``w:br``, ``w:cr``), a TEI document's
#: paragraphs, headings and sentences; under any namespace prefix
_UNIT_START = re.compile(
    rb"<(?:[\w.-]+:)?(?:"
    + b"|".join(t.encode() for t in sorted(BLOCK_TAGS | {"br", "cr", "head", "s"}, key=len,
                                             reverse=True))
    + rb")[\s/>]",
    re.IGNORECASE,
)  # fmt: skip
#: bytes of a ZIP member read at a time, and the end of each read again with the next
#: (longer than any element start but one of a freak namespace prefix)
_CHUNK = 1 << 20
_TAIL = 256


def most_units(data: bytes) -> int:
    """Return at most how many paragraphs, headings and lines a reader makes of ``data``:
    its lines that are not blank and the elements that may begin one; of a ZIP (DOCX), the
    elements of its members unpacked (their lines are markup's). A PDF counts none: its
    reader bounds the characters it takes (see :class:`aligner.readers.pdf.Limits`).

    >>> most_units(b"Ja.\\n\\nNein.\\n"), most_units(b"<p>Ja.</p><p>Nein.</p><br/>")
    (2, 4)
    """
    if _PDF_START in data[:1024]:
        return 0
    if not data.startswith(_ZIP):
        return _lines(data) + _counted(io.BytesIO(data))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(_counted(archive.open(info)) for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, zlib.error):
        return 0  # its reader refuses it


def _lines(data: bytes) -> int:
    """Return at most how many lines of ``data`` are not blank, without splitting it: the
    lines less those that are empty after another (a blank line of spaces counts)."""
    ends = data.count(b"\n") + int(not data.endswith(b"\n"))
    return ends - data.count(b"\n\n") - data.count(b"\n\r\n")


def _elements(data: bytes, before: int) -> int:
    """Return how many unit elements start in ``data`` before index ``before``."""
    return len(_UNIT_START.findall(data)) - len(_UNIT_START.findall(data, before))


def _counted(member: IO[bytes]) -> int:
    """Return the unit elements of a page or a ZIP member, read a chunk at a time (its last
    ``_TAIL`` bytes, where an element may be cut, are read again with the next), so that no
    list of millions of them is ever made."""
    found = 0
    carried = b""
    with member:
        while chunk := member.read(_CHUNK):
            text = carried + chunk
            cut = max(0, len(text) - _TAIL)
            found += _elements(text, cut)
            carried = text[cut:]
    return found + _elements(carried, len(carried))
