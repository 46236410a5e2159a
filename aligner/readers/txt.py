"""Read plain text (and Markdown as plain text): paragraphs, headings and list items.

Paragraphs are separated by blank lines; the lines of one paragraph are joined with single
spaces. A file with no blank line at all has one paragraph per non-empty line (the way many
people paste official texts). A file of a thousand one-line paragraphs or more, most of
them going on without a closing mark (a word or a wrapped line each, with a blank line
after every line or none), has paragraphs that end with a sentence or at two blank lines. A
paragraph of one short line without closing punctuation ("Article 1", a title) is a
heading; a line that is only a speaker label ("Question:") ends in a colon and so stays a
paragraph, for the segmenter to join to its turn. A line opening with a bullet (``•``,
``-``, ``*``) is a list item, without the bullet; a dash (–, —) opens a reply in
Russian-style transcripts and stays text.

A web page saved as text (or copied from the browser) brings its furniture along. A line is
set aside for what it is, never for where it stands: language switchers, share and print
lines, breadcrumbs, cookie notices, contact lines (phrases: :mod:`languages.boilerplate`),
the items of sections such as "Additional materials" or "Head of the organization:", menus
(short one-line items in a row above the title) and a list of links after the last
paragraph. Running text (a sentence, or a long clause of a preamble) is never set aside;
a doubtful line stays. The title is the last title-like line above the running text. A
dateline near the top, even with the time glued to the year ("12 May 202122:50"), gives the
version's date. Every line set aside is kept in :attr:`SourceText.dropped`
(:mod:`aligner.readers.setaside`), so the TEI can say what was left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

from aligner.errors import EmptyInputError
from aligner.model import RawBlock, Source, SourceText
from aligner.readers import _decode
from aligner.readers._dates import (
    MAX_DATELINE,
    date_locales,
    dateline,
    find_date,
    stated_date,
    unglue_time,
    wording,
)
from aligner.readers.front import front_date, split_front
from aligner.readers.setaside import (
    contents_box,
    echoes_title,
    in_fields,
    is_label,
    is_running_text,
    is_title_like,
    word_count,
)
from languages import boilerplate
from languages.frontmatter import front_kind
from languages.profiles import line_cache

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
_DATELINE_WITHIN = 4  # blocks from the top
_MAX_SENTENCE_TITLE = 300  # characters of a title written as a sentence
_LONG_CLAUSE = 20  # words; a line this long is text even without a full stop
# a comma or semicolon and the word after it: prose goes on in lower case, titles seldom do
_CLAUSE_BREAK = re.compile(r"[,;:]\s+(\w+)")
_CLAUSE_BREAKS = 2
_MENU_ITEMS = 2  # short one-line items in a row above the title make a menu
_MENU_WORDS = 3
_TITLE_WITHIN = 12  # blocks from the top where a control glued to the title is looked for
_WORD_START = re.compile(r"(?<![\w])[^\W\d_]")
_BODY_GAP = 3  # blocks within which a second running paragraph shows the text has begun
_CUT_WORDS = 5  # words of a last line without a full stop that is a paragraph, not a heading
_SWITCHER_LINES = 3  # lines in a row that each name a language make a switcher
# a blank line after every line: so many one-line paragraphs that go on (no page's
# furniture has a thousand lines), and most of the file's paragraphs
_SPACED_LINES = 1000
_SPACED_SHARE = 0.75


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
    if _spaced(groups):
        groups = _unspaced(lines)
    elif any(map(_is_line_list, groups)):
        # a saved page's furniture comes in runs of lines, one item each: "Print", "Photos"
        groups = [[line] for g in groups for line in g]
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

    The title is the last title-like line above the running text (a saved page's site name
    and menus stand above it); the first short line near the top that holds a date is a
    dateline: its date is the version's. A line that is only a date (and a time, or a label
    such as "Published") is dropped; one with more ("Tarvel, 14. März 2026") stays a
    paragraph, as web pages and Word files have it, not a heading.
    """
    kept, dropped, dated, title_at = _without_furniture(parse(text, markdown=markdown))
    blocks, front, title_at = split_front(kept, title_at=title_at)
    if title_at is not None and _is_title(blocks[title_at]):
        blocks[title_at] = RawBlock(blocks[title_at].text, "head")
    if title_at is None or blocks[title_at].kind != "head":
        first_head = blocks and blocks[0].kind == "head" and is_title_like(blocks[0].text)
        title_at = 0 if first_head else None
    if title_at is None and _sentence_title(blocks):
        blocks[0], title_at = RawBlock(blocks[0].text, "head"), 0
    title = blocks[title_at].text if title_at is not None else None
    stated = dated or front_date(front) or stated_date([b.text for b in blocks], date_locales())
    for i, block in enumerate(blocks[:_DATELINE_WITHIN]):
        if stated and i != title_at and find_date(block.text) == stated[0]:
            blocks[i] = RawBlock(block.text, "p")  # a dated line is no heading
    return SourceText(
        blocks=tuple(blocks),
        source=source,
        title=title,
        date=stated[0] if stated else None,
        dropped=tuple(dropped),
        date_text=stated[1] if stated else None,
        front=front,
    )


def _sentence_title(blocks: Sequence[RawBlock]) -> bool:
    """Tell whether the first block, where no title was found, is a title written as a
    sentence ("Audition de M. …, devant la Commission …, au Sénat le 30 octobre 2024."):
    a paragraph of a title's length that a label line follows ("Intervenant(s) :")."""
    if len(blocks) < 2 or blocks[0].kind != "p" or len(blocks[0].text) > _MAX_SENTENCE_TITLE:
        return False
    return is_label(blocks[1].text) and is_title_like(blocks[0].text)


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


@line_cache
def _is_furniture(line: str) -> bool:
    """Tell whether a line is page furniture wherever it stands: controls, contacts, switcher,
    a breadcrumb trail, a menu on one line."""
    return (
        boilerplate.is_boilerplate(line)
        or boilerplate.is_contact(line)
        or boilerplate.is_language_switcher(line)
        or boilerplate.is_breadcrumb(line)
        or boilerplate.is_menu_line(line)
        or (boilerplate.is_link_row(line) and find_date(line) is None)  # a date line gives a date
    )


def _without_furniture(
    blocks: Sequence[RawBlock],
) -> tuple[list[RawBlock], list[str], tuple[str, str] | None, int | None]:
    """Set aside the furniture of a saved web page, by what each line is.

    Returns the kept blocks, the lines set aside, the date of a bare dateline near the top
    (ISO, wording) and where the title is among the kept blocks. Lines are set aside for
    what they are: controls, contact lines, switchers, breadcrumbs, cookie notices, the
    items of sections such as "Additional materials", menus (runs of short one-line items
    above the title), a contents box (its entries repeat the headings further down) and the
    list of links after the last paragraph. Running text never
    is, wherever it stands; the lines above the title that are none of these stay.
    """
    blocks, controls, echoed = _without_control_prefix(blocks)
    drop = _furniture_lines(blocks)
    box = contents_box([b.text for b in blocks])  # inside the text: the header ends above it
    kept = [i for i in range(len(blocks)) if i not in drop and i not in box]
    running = [k for k, i in enumerate(kept) if _is_running(blocks[i].text)]
    locales = date_locales()
    body = _body_start(running, len(kept))
    title = _title_line(blocks, kept, body, drop, (locales, echoed))
    drop.update(box)
    if running:
        # a list of links after the last paragraph is the site's footer
        end = len(kept)
        while end - 1 > running[-1] and _is_link_item(blocks[kept[end - 1]]):
            end -= 1
        drop.update(kept[end:])
    date = _top_date(blocks, kept[: (title or 0) + _DATELINE_WITHIN], drop, box, locales)
    if title is not None:
        named = blocks[kept[title]].text
        drop.update(
            i
            for i in kept
            if echoes_title(blocks[i].text, named) or (i != kept[title] and blocks[i].text == named)
        )
    kept_after = [i for i in range(len(blocks)) if i not in drop]
    if len(kept_after) >= 2 and (title is None or kept_after[-1] != kept[title]):
        blocks = _no_closing_heading(blocks, kept_after)
    title_at = (
        kept_after.index(kept[title]) if title is not None and kept[title] not in drop else None
    )
    return (
        [blocks[i] for i in kept_after],
        controls + [blocks[i].text for i in sorted(drop)],
        date,
        title_at,
    )


def _top_date(
    blocks: Sequence[RawBlock],
    top: list[int],
    drop: set[int],
    box: set[int],
    locales: tuple[str, ...],
) -> tuple[str, str] | None:
    """Return the date (ISO, wording) of the first date line among the ``top`` lines kept, or
    among the lines set aside above them (a section of the header took it along), and set
    the date lines aside (``drop`` is told of them). The date of a notice set aside (an
    archived site's banner), again on a line of its own, is the notice's."""
    notices = {
        find_date(blocks[i].text) for i in drop if boilerplate.is_boilerplate(blocks[i].text)
    }
    date = None
    for i in sorted({*top, *(i for i in drop - box if top and i < top[-1])}):
        found = dateline(blocks[i].text, locales)
        if found:
            if found not in notices:
                date = date or (found, wording(blocks[i].text, locales) or found)
            drop.add(i)
    return date


def _title_line(
    blocks: Sequence[RawBlock],
    kept: list[int],
    body: int,
    drop: set[int],
    known: tuple[tuple[str, ...], set[str]],
) -> int | None:
    """Return which of the ``kept`` lines above the ``body`` is the page's title (None: none
    is), and set aside the menus above it (``drop`` is told of them). ``known`` holds the
    date locales and the lines a page control was glued to ("Back <title>")."""
    locales, echoed = known
    lines = [blocks[i].text for i in kept]
    candidates = [
        k
        for k in range(body)
        if blocks[kept[k]].kind != "item"  # a list item is a link: a crumb, another page
        and not in_fields(lines, k)  # a field's value ("Event:" …, "Content type: …")
        and _title_like(blocks[kept[k]].text)
        and not _date_line(blocks[kept[k]].text, locales)
        and front_kind(blocks[kept[k]].text) is None
    ]
    # a line the text itself names inside a longer line ("… the Chair of the Northern
    # Rivers Commission, …") is a name, the site's or the author's, not the page's title;
    # unless a back link carries it ("Atrás 4ª Cumbre …"): a page's link names the page
    longer = [blocks[i].text for i in kept if blocks[i].kind == "p"]
    unnamed = [
        k
        for k in candidates
        if blocks[kept[k]].text in echoed or not _named_in(blocks[kept[k]].text, longer)
    ]
    candidates = unnamed or candidates
    if not candidates:
        return None
    # the page's own title is the first title line after the site's header (the last
    # line set aside above the text), else the last one before the text; the versions
    # have the last word (:func:`aligner.readers.front.choose_titles`)
    header_end = max((i for i in drop if i < (kept[body] if body < len(kept) else len(blocks))),
                     default=-1)  # fmt: skip
    after = [k for k in candidates if kept[k] > header_end]
    title = after[0] if after else candidates[-1]
    drop.update(_menus(blocks, kept[title], drop))
    return title


def _no_closing_heading(blocks: Sequence[RawBlock], kept: list[int]) -> Sequence[RawBlock]:
    """Return ``blocks`` with the last ``kept`` one a paragraph when it is a long heading
    after a paragraph: a text does not end on a heading, so it is a paragraph cut off or
    left without its full stop."""
    last, before = blocks[kept[-1]], blocks[kept[-2]]
    if last.kind == "head" and before.kind == "p" and word_count(last.text) >= _CUT_WORDS:
        return [*blocks[: kept[-1]], RawBlock(last.text, "p"), *blocks[kept[-1] + 1 :]]
    return blocks


def _named_in(line: str, texts: Sequence[str]) -> bool:
    """Tell whether a longer text holds ``line``: a name, not a title."""
    return any(line in text and line != text for text in texts)


def _body_start(running: list[int], count: int) -> int:
    """Return where the text begins: the first running paragraph another one follows closely
    (a site's one-line blurb above the title is no start), else the first running one."""
    for k in running:
        if any(k < j <= k + _BODY_GAP for j in running):
            return k
    return running[0] if running else count


def _without_control_prefix(
    blocks: Sequence[RawBlock],
) -> tuple[list[RawBlock], list[str], set[str]]:
    """Part a page control glued before a title ("Atrás 4ª Cumbre …", "Back Talks in …");
    return the blocks, the controls and the titles they were glued to."""
    out: list[RawBlock] = []
    controls: list[str] = []
    echoed: set[str] = set()
    for at, block in enumerate(blocks):
        # a breadcrumb trail opens with a control too ("Home > Statements …"): it is one
        glued = at < _TITLE_WITHIN and block.text[:1].isalpha() and not _is_furniture(block.text)
        words = block.text.split() if glued else []
        for n in (1, 2):
            head, rest = " ".join(words[:n]), " ".join(words[n:])
            if len(words) > n + 2 and boilerplate.is_boilerplate(head) and _title_like(rest):
                controls.append(head)
                echoed.add(rest)
                block = RawBlock(rest, "head")
                break
        out.append(block)
    return out, controls, echoed


def _date_line(line: str, locales: tuple[str, ...]) -> bool:
    """Tell whether a line is a place-and-date line ("Tarvel, 14 March 2026"): short, dated."""
    return len(line) <= MAX_DATELINE and find_date(unglue_time(line), locales=locales) is not None


def _menus(blocks: Sequence[RawBlock], title: int, drop: set[int]) -> set[int]:
    """Return the lines of menus above the title: runs of two or more lines that are each
    furniture already or a short item ("Press", "Meetings Coverage")."""
    found: set[int] = set()
    run: list[int] = []
    for i in range(title + 1):
        if i < title and (i in drop or _is_menu_item(blocks[i])):
            run.append(i)
            continue
        if len(run) >= _MENU_ITEMS:
            found.update(j for j in run if j not in drop)
        run = []
    return found


def _is_menu_item(block: RawBlock) -> bool:
    most = _MENU_WORDS * 2 if block.kind == "item" else _MENU_WORDS
    short = 0 < len(block.text.split()) <= most and not _TERMINAL.search(block.text)
    return short and front_kind(block.text) is None


def _is_link_item(block: RawBlock) -> bool:
    """Tell whether a list item reads as a link: a title, not a sentence or a clause."""
    return block.kind == "item" and not _TERMINAL.search(block.text) and not _is_running(block.text)


def _furniture_lines(blocks: Sequence[RawBlock]) -> set[int]:
    """Return the indexes of the blocks that are furniture wherever they stand.

    A section heading ("Additional materials") sets aside the lines after it up to the next
    running text; above the text's first running line (a site's header) only up to the first
    line that is not furniture itself, so that the title after a portlet's name stays.
    """
    drop: set[int] = set()
    in_section = False
    names: list[int] = []  # a run of lines that each name one language: a switcher
    first_running = next((i for i, b in enumerate(blocks) if _is_running(b.text)), len(blocks))
    for i, block in enumerate(blocks):
        line = block.text
        if boilerplate.is_language_name(line):
            names.append(i)
            continue
        if len(names) >= _SWITCHER_LINES:
            drop.update(names)
        names.clear()
        # a heading that introduces running text is the text's own ("Contact", "Documents")
        introduces_prose = i + 1 < len(blocks) and _is_running(blocks[i + 1].text)
        if in_section:
            ends = _is_running(line) or (block.kind == "head" and introduces_prose)
            header_ends = not (_is_furniture(line) or _is_link_item(block))
            if ends or (i < first_running and header_ends):
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


@line_cache
def _title_like(line: str) -> bool:
    # the first letter of the first word that starts with one ("4ª Cumbre": the C)
    first = match[0] if (match := _WORD_START.search(line)) else ""
    return (
        is_title_like(line)
        and not _TERMINAL.search(line)
        and len(line.split()) >= 3
        and not first.islower()
    )


def _is_running(line: str) -> bool:
    """Tell whether a line is running text: a sentence, or a long clause of a list of them
    ("Whereas recognition of the inherent dignity …,")."""
    if is_running_text(line):
        return True
    if word_count(line) < _LONG_CLAUSE:
        return False
    breaks = sum(1 for m in _CLAUSE_BREAK.finditer(line) if m[1][:1].islower())
    return _TERMINAL.search(line) is not None or breaks >= _CLAUSE_BREAKS


def _is_title(block: RawBlock) -> bool:
    """Tell whether the first block, a paragraph of one long line, is a saved page's title."""
    return block.kind == "p" and len(block.text) > _MAX_HEADING and _title_like(block.text)


def _inner(lines: list[str]) -> list[str]:
    """Return the lines between the first and the last non-empty one."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return lines[filled[0] : filled[-1] + 1] if filled else []


def _spaced(groups: Sequence[list[str]]) -> bool:
    """Tell whether a file has a blank line after every line: most of its many paragraphs
    are one line that does not end a sentence or a clause (a word, or a wrapped line)."""
    going_on = sum(1 for g in groups if len(g) == 1 and not _TERMINAL.search(g[0].rstrip()))
    return going_on >= _SPACED_LINES and going_on >= _SPACED_SHARE * len(groups)


def _unspaced(lines: Iterable[str]) -> list[list[str]]:
    """Return the groups of a file with a blank line after every line: one blank line is a
    line break, two or more part paragraphs, and a line that ends a sentence ends its
    paragraph (the breaks the file meant are not known)."""
    groups: list[list[str]] = [[]]
    blank = 0
    for line in lines:
        if not line.strip():
            blank += 1
            continue
        if blank >= 2 and groups[-1]:
            groups.append([])
        blank = 0
        groups[-1].append(line)
        if _SENTENCE_END.search(line.rstrip()):
            groups.append([])
    return [g for g in groups if g]


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
