"""Read plain text (and Markdown as plain text): paragraphs, headings and list items.

Paragraphs are separated by blank lines; the lines of one paragraph are joined with single
spaces. A file with no blank line at all has one paragraph per non-empty line (the way many
people paste official texts). A paragraph of one short line without closing punctuation
("Article 1", a title) is a heading; a line that is only a speaker label ("Question:") ends
in a colon and so stays a paragraph, for the segmenter to join to its turn. A line opening
with a bullet (``•``, ``-``, ``*``) is a list item, without the bullet; a dash (–, —)
opens a reply in Russian-style transcripts and stays text.

A web page saved as text (or copied from the browser) brings its furniture along; the same
phrases as for HTML (:mod:`languages.boilerplate`) drop language switchers, share and print
lines, contact lines, and sections such as "Additional materials" or "Head of the
organization:" up to the next long paragraph. A dateline near the top, even with the time
glued to the year ("12 May 202122:50"), gives the version's date. Every dropped line is
kept in :attr:`SourceText.dropped`, so the TEI can say what was left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

from aligner.errors import EmptyInputError
from aligner.model import RawBlock, Source, SourceText
from aligner.readers import _decode
from aligner.readers._dates import MAX_DATELINE, date_locales, dateline, find_date
from languages import boilerplate

Kind = Literal["p", "head", "item"]

__all__ = ["Kind", "is_heading", "join_lines", "parse", "read", "read_text", "squeeze"]

# ordinary whitespace and invisible characters; U+00A0 and U+202F stay, they carry meaning
_SPACE = re.compile(r"[ \t\n\v\f\r\u1680\u2000-\u200a\u205f\u3000]+")
# str.split() would also split at these, which must stay
_KEPT_SPACE = re.compile("[\u00a0\u202f]")
# no-break spaces beside ordinary ones, or several in a row, are layout, not typography
_MIXED_SPACE = re.compile(" ?[\u00a0\u202f]{2,} ?| [\u00a0\u202f]+ ?|[\u00a0\u202f]+ ")
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_CLOSING = "\"'»”’)]*"
_TERMINAL = re.compile(rf"[.!?;:…,。！？；：][{re.escape(_CLOSING)}]*$")
_SENTENCE_END = re.compile(rf"[.!?…。！？][{re.escape(_CLOSING)}]*$")
_BULLET = re.compile(r"^\s*[•·▪◦‣●*-]\s+(?=\S)")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MAX_HEADING = 150  # characters; a longer line without a full stop is a sloppy paragraph
_MAX_TITLE = 300  # the first line of a saved page may be a long title
_DATELINE_WITHIN = 4  # blocks from the top
_LONG_PROSE = 150  # characters; a paragraph this long ends a dropped section
_SWITCHER_LINES = 3  # lines in a row that each name a language make a switcher


def squeeze(text: str) -> str:
    """Collapse runs of whitespace to one space, drop soft hyphens and zero-width spaces.

    >>> squeeze("  two\\n  lines\\u00ad here ")
    'two lines here'
    >>> squeeze("«\\u00a0Oui\\u00a0» \\u00a0\\u00a0 dit-il")
    '«\\xa0Oui\\xa0» dit-il'
    """
    text = _INVISIBLE.sub("", text)
    if not _KEPT_SPACE.search(text):
        return " ".join(text.split())  # same result, several times faster
    return _MIXED_SPACE.sub(" ", _SPACE.sub(" ", text)).strip(" \u00a0\u202f")


def is_heading(line: str) -> bool:
    """Tell whether a line standing alone reads as a heading.

    >>> is_heading("Article 1"), is_heading("Question:"), is_heading("It is done.")
    (True, False, False)
    """
    return (
        0 < len(line) <= _MAX_HEADING
        and any(ch.isalpha() for ch in line)
        and not _TERMINAL.search(line)
        and not _BULLET.match(line)
    )


def join_lines(lines: Sequence[str]) -> list[str]:
    """Join the lines of one block, breaking only after a line that ends a sentence.

    Used for lines broken by hand inside one paragraph (HTML ``<br>``, Word Shift+Enter):
    an address or a wrapped sentence stays whole, sentences put on lines of their own part.
    An empty line (two breaks in a row) always parts.

    >>> join_lines(["The Minister", "said so.", "Next one."])
    ['The Minister said so.', 'Next one.']
    >>> join_lines(["Heading", "", "Text"])
    ['Heading', 'Text']
    """
    parts: list[str] = []
    current: list[str] = []
    for line in lines:
        line = squeeze(line)
        if not line:
            if current:
                parts.append(" ".join(current))
                current = []
            continue
        current.append(line)
        if _SENTENCE_END.search(line):
            parts.append(" ".join(current))
            current = []
    if current:
        parts.append(" ".join(current))
    return parts


def parse(text: str, *, markdown: bool = False) -> tuple[RawBlock, ...]:
    """Split normalised text into raw blocks.

    >>> [(b.kind, b.text) for b in parse("Article 1\\n\\nAll are   equal.\\nReally.")]
    [('head', 'Article 1'), ('p', 'All are equal. Really.')]
    >>> [b.kind for b in parse("Title\\nQuestion:\\n• one\\nText.")]
    ['head', 'p', 'item', 'p']
    """
    lines = text.split("\n")
    has_blank = any(not line.strip() for line in _inner(lines))
    groups = _groups(lines) if has_blank else [[line] for line in lines if line.strip()]
    # a saved page's furniture comes in runs of lines, one item each: "Print", "Photos", ...
    groups = [[line] for g in groups for line in g] if any(map(_is_line_list, groups)) else groups
    blocks: list[RawBlock] = []
    for group in groups:
        blocks.extend(_blocks(group, markdown=markdown))
    return tuple(blocks)


def read(data: bytes, *, source: Source, path: str) -> SourceText:
    """Return the :class:`SourceText` of the plain-text (or Markdown) file in ``data``.

    The bytes are decoded as :func:`aligner.readers._decode.decode` finds them encoded;
    ``source.media_type`` ``text/markdown`` reads Markdown marks as such.
    """
    text = _decode.decode(data, path=path)
    result = read_text(text, source=source, markdown=source.media_type == "text/markdown")
    if not result.blocks:
        raise EmptyInputError("no text in the file", path=path)
    return result


def read_text(text: str, *, source: Source, markdown: bool = False) -> SourceText:
    """Return the :class:`SourceText` of decoded plain text.

    The first heading is the title; the first short line near the top that holds a date is
    a dateline: its date is the version's. A line that is only a date (and a time, or a
    label such as "Published") is dropped; one with more ("Tarvel, 14. März 2026") stays a
    paragraph, as web pages and Word files have it, not a heading.
    """
    blocks, dropped, date = _without_furniture(parse(text, markdown=markdown))
    if blocks and _is_title(blocks[0]):
        blocks[0] = RawBlock(blocks[0].text, "head")
    title = blocks[0].text if blocks and blocks[0].kind == "head" else None
    for i, block in enumerate(blocks[:_DATELINE_WITHIN]):
        if date:
            break
        date = find_date(block.text) if len(block.text) <= MAX_DATELINE else None
        if date:
            blocks[i] = RawBlock(block.text, "p")
    return SourceText(
        blocks=tuple(blocks), source=source, title=title, date=date, dropped=tuple(dropped)
    )


def _is_line_list(group: list[str]) -> bool:
    """Tell whether a group of lines is a list of one-line items: a page's furniture.

    No line but the first starts in lower case (hard-wrapped prose does), and some line is
    furniture itself.
    """
    if len(group) < 2 or any(line.lstrip()[:1].islower() for line in group[1:]):
        return False
    return any(
        _is_furniture(line) or boilerplate.opens_section(line) or dateline(line, date_locales())
        for line in map(squeeze, group)
    )


def _is_furniture(line: str) -> bool:
    """Tell whether a line is page furniture wherever it stands: controls, contacts, switcher."""
    return (
        boilerplate.is_boilerplate(line)
        or boilerplate.is_contact(line)
        or boilerplate.is_language_switcher(line)
    )


def _without_furniture(
    blocks: Sequence[RawBlock],
) -> tuple[list[RawBlock], list[str], str | None]:
    """Drop the page furniture of a saved web page; return kept blocks, dropped lines, date.

    First the lines that are furniture wherever they stand (controls, contact lines,
    switchers, sections such as "Additional materials"); then, when that shows the text is a
    saved page, the page's header above its title; then a bare dateline near the top.
    """
    drop = _furniture_lines(blocks)
    kept = [i for i in range(len(blocks)) if i not in drop]
    prose = [k for k, i in enumerate(kept) if _is_prose(blocks[i].text)]
    first_prose = prose[0] if prose else len(kept)
    title = 0
    if drop and min(drop) < (kept[first_prose] if prose else len(blocks)):
        # a saved page: its title is the longest title-like line before the text begins
        candidates = [k for k in range(first_prose) if _title_like(blocks[kept[k]].text)]
        if candidates:
            title = max(candidates, key=lambda k: len(blocks[kept[k]].text))
        # and a list after its last paragraph is the site's footer
        end = len(kept)
        while prose and end - 1 > prose[-1] and blocks[kept[end - 1]].kind == "item":
            end -= 1
        drop.update(kept[end:])
    date = None
    for i in kept[: title + _DATELINE_WITHIN]:
        found = dateline(blocks[i].text, date_locales())
        if found:
            date = date or found
            drop.add(i)
    drop.update(kept[:title])  # the page's header above its title
    return (
        [blocks[i] for i in range(len(blocks)) if i not in drop],
        [blocks[i].text for i in sorted(drop)],
        date,
    )


def _furniture_lines(blocks: Sequence[RawBlock]) -> set[int]:
    """Return the indexes of the blocks that are furniture wherever they stand."""
    drop: set[int] = set()
    in_section = False
    names: list[int] = []  # a run of lines that each name one language: a switcher
    for i, block in enumerate(blocks):
        line = block.text
        if boilerplate.is_language_name(line):
            names.append(i)
            continue
        if len(names) >= _SWITCHER_LINES:
            drop.update(names)
        names.clear()
        # a heading that introduces a long paragraph is the text's own ("Contact", "Documents")
        introduces_prose = i + 1 < len(blocks) and _is_prose(blocks[i + 1].text)
        if in_section:
            if _is_prose(line) or (block.kind == "head" and introduces_prose):
                in_section = False
            else:
                drop.add(i)
                continue
        if boilerplate.opens_section(line) and not introduces_prose:
            in_section = True
            drop.add(i)
        elif _is_furniture(line):
            drop.add(i)
    if len(names) >= _SWITCHER_LINES:
        drop.update(names)
    return drop


def _title_like(line: str) -> bool:
    return len(line) <= _MAX_TITLE and not _TERMINAL.search(line) and len(line.split()) >= 3


def _is_prose(line: str) -> bool:
    return len(line) >= _LONG_PROSE and _SENTENCE_END.search(line) is not None


def _is_title(block: RawBlock) -> bool:
    """Tell whether the first block, a paragraph of one long line, is a saved page's title."""
    return block.kind == "p" and len(block.text) > _MAX_HEADING and _title_like(block.text)


def _inner(lines: list[str]) -> list[str]:
    """Return the lines between the first and the last non-empty one."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return lines[filled[0] : filled[-1] + 1] if filled else []


def _groups(lines: Iterable[str]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _blocks(group: list[str], *, markdown: bool) -> list[RawBlock]:
    """Turn one group of lines into blocks; bullet and Markdown heading lines stand alone."""
    blocks: list[RawBlock] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            joined = squeeze(" ".join(pending))
            single = len(pending) == 1
            kind: Kind = "head" if single and is_heading(joined) else "p"
            blocks.append(RawBlock(joined, kind))
            pending.clear()

    for line in group:
        heading = _MARKDOWN_HEADING.match(line) if markdown else None
        bullet = _BULLET.match(line)
        if heading:
            flush()
            if title := squeeze(heading.group(1)):
                blocks.append(RawBlock(title, "head"))
        elif bullet:
            flush()
            blocks.append(RawBlock(squeeze(line[bullet.end() :]), "item"))
        elif blocks and blocks[-1].kind == "item" and not pending and line[:1].isspace():
            # an indented line continues the list item above it
            last = blocks.pop()
            blocks.append(RawBlock(squeeze(f"{last.text} {line}"), "item"))
        else:
            pending.append(line)
    flush()
    return blocks
