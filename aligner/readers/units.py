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
#: a line with something on it (a blank line makes no unit)
_LINE = re.compile(rb"^[ \t\r\f\v]*[^\s]", re.MULTILINE)
#: bytes of a ZIP member read at a time
_CHUNK = 1 << 20


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
        return len(_LINE.findall(data)) + len(_UNIT_START.findall(data))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(_counted(archive.open(info)) for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, zlib.error):
        return 0  # its reader refuses it


def _counted(member: IO[bytes]) -> int:
    """Return the unit elements of a ZIP member, read a chunk at a time (an element is
    counted in the chunk its ``<`` starts)."""
    found = 0
    carried = b""
    with member:
        while chunk := member.read(_CHUNK):
            text = carried + chunk
            cut = text.rfind(b"<")
            cut = len(text) if cut < 0 else cut
            found += len(_UNIT_START.findall(text, 0, cut))
            carried = text[cut:]
    return found + len(_UNIT_START.findall(carried))
