"""Read a PDF's text layer back into the document it was printed from.

pdfium (through pypdfium2, BSD/Apache) gives positioned lines, in a child process with caps
on its memory, CPU time and wall time (:mod:`aligner.readers._pdf_text`): a hostile or
broken file costs that process, not ours. From the lines:

1. **Page furniture**: a line near the top or bottom of a page that recurs at the same
   height on other pages (the running header, a distribution line), or whose number follows
   the page's (the page number, bare or "- 3 -" or "Seite 3 von 12", the words from
   ``page_of`` in :mod:`languages.profiles`), is set aside and recorded once through the
   readers' shared account (:class:`aligner.readers.setaside.Sorter`); so is a line in
   smaller type in the page's outer band, unless it runs on from the text right above it
   (a footnote's last line).
2. **Notes**: lines in smaller type below the last line of body type, opening with a mark
   (a number, a sign, a small roman numeral; a raised mark the text layer cut off as a
   line of its own goes back at its line's start), are footnotes; a first one without a
   mark goes on with the last note of the page before (with none before, it is a note
   without a mark, never lost). Paragraphs in smaller type ending
   the document, opening with a mark, every mark one the text calls (also set on the
   line: "iiThe …"), are endnotes. Each note is a :class:`~aligner.model.Note` of the
   paragraph that calls it (the nearest one before it with a raised call of that mark,
   else the one running at the page's end), kept out of its text, at the place of its
   call, so a paragraph interrupted by a page's notes stays whole.
3. **Reading order**: each page's lines are cut into columns where a vertical gutter runs
   through a band of lines (a title across the page stays above both columns; a lone line
   of words is a column, a lone number in a margin is not). In a column, what stands on
   one baseline is one line, whatever gaps a justified line stretched over few words has.
4. **Paragraphs**: a line opens a paragraph after a wider gap than the text's line spacing,
   when it is indented, when the type changes, or when the line before ended short of the
   column's right edge by more than this line's first word (so justified and ragged text
   alike); across a column or page break only the last two count. A column's edges are
   where its lines in the body's type stand (a masthead or a heading set wider does not
   move them); a short column takes the edges of the usual column it stands in; the
   indent and short-line rules are for running text, not for a bold heading's lines.
5. **Headings**: a block in type larger than the body's, or a short bold one without
   closing punctuation; the largest on the first page is the title, unless it is front
   matter: a masthead's line ("General Assembly", "Distr.: General": a line of its own,
   :mod:`languages.masthead`), a symbol, a date.
6. **Words**: a hyphen at a line end is undone when the language hyphenates there (pyphen)
   and nothing says it is a real one (a capital after it, a digit, an abbreviation before
   it, the document writing the word with a hyphen elsewhere, the prefixes and suffixes of
   ``hyphen_prefixes`` / ``hyphen_suffixes``, "Ein- und Ausfuhr"); ligatures are split
   into their letters and soft hyphens dropped.

7. **Front matter**: a place-and-date line, a byline, a document symbol leave the body as
   every reader's do (:func:`aligner.readers.front.split_front`); the date is the one the
   text states, the PDF's creation date is recorded as the file's claim.

Every block keeps the page it starts on (1-based) for the TEI's ``pb``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from aligner.errors import EmptyInputError, FormatError, InputError
from aligner.model import Note, NotePlace, RawBlock, Source, SourceText, solid
from aligner.readers import _language_code
from aligner.readers._dates import date_locales, stated_date
from aligner.readers._dehyphen import Dehyphenator
from aligner.readers.front import bare_date, front_date, place_and_date, split_front
from aligner.readers.setaside import Sorter
from aligner.readers.txt import Kind, is_heading, squeeze
from languages.frontmatter import front_kind
from languages.masthead import is_masthead
from languages.profiles import profile, profiled_languages

__all__ = ["Limits", "read"]

_CHILD = Path(__file__).with_name("_pdf_text.py")
_CALL = re.compile("\x01([^\x02]*)\x02")
_NOTE_START = re.compile(
    r"^(?:\x01\s*(\d{1,3}|[*†‡]+|[ivx]{1,5})\s*\x02|(\d{1,3})(?=\s?\D)|([*†‡]+))\s*"
)
_WORD_BROKEN = re.compile(r"[^\W\d_]-$")  # a line ending in a hyphen after a letter
_SENTENCE_END = re.compile(r"[.!?…:;][\"'»”’)\]]*$")
_WORDS = re.compile(r"[^\W\d_]{2,}")
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})(\d{2})")
# what a ligature glyph stands for; NFKC would also fold other compatibility characters
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}  # fmt: skip
_MARGIN = 0.12  # of the page's height: where running headers and footers live
_OUTER = 0.07  # of the page's height: the band where only headers and footers stand
_REPEAT = 0.4  # share of the pages a header or footer line must recur on (and 2 at least)
_SAME_HEIGHT = 3.0  # points: a recurring line stands this close to the same height
_BIGGER = 1.12  # type this much larger than the body's makes a heading
_SMALLER = 0.92  # type this much smaller than the body's may be a footnote
_GAP = 1.3  # a gap this many times the line spacing opens a paragraph
_INDENT = 0.6  # of the type size: an indent this deep opens a paragraph
_GUTTER = 0.5  # of the body size: the narrowest gutter between two columns
_MIN_LETTERS = 10  # a PDF with fewer letters than this has no text layer to speak of


@dataclass(frozen=True)
class Limits:
    """What one PDF may cost: pages, characters, the child's memory and time."""

    pages: int = 5000
    chars: int = 20_000_000
    megabytes: int = 1536
    seconds: int = 300


@dataclass(frozen=True)
class _Line:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    base: float
    size: float
    bold: bool
    text: str
    hyphen: bool = False  # ends in a hyphen pdfium took for a hyphenation


_Bounds = tuple[float, float, bool]  # a column's left and right edges, and whether the
# right one is known


@dataclass
class _Para:
    lines: list[_Line]
    calls: list[str] = field(default_factory=list)
    notes: list[_Noted] = field(default_factory=list)


@dataclass(frozen=True)
class _Noted:
    """A note as found: its mark, text, the page it is printed on, foot or end."""

    mark: str
    text: str
    page: int
    place: NotePlace = "foot"


def read(data: bytes, *, source: Source, path: str, limits: Limits | None = None) -> SourceText:
    """Return the text of the PDF file in ``data`` (the file at ``path``)."""
    limits = limits or Limits()
    if b"%%EOF" not in data[-2048:]:
        raise FormatError(
            "truncated PDF: the file ends before its end-of-file mark; fetch or copy it again",
            path=path,
        )
    found = _extract(data, path=path, limits=limits)
    pages = int(found["pages"])
    source = replace(source, pages=pages)
    lines = [_line(raw) for raw in found["lines"]]
    letters = sum(ch.isalpha() for line in lines for ch in line.text)
    if letters < _MIN_LETTERS:
        raise EmptyInputError(
            f"scanned: no text layer on its {pages} page{'s' * (pages != 1)}; run OCR first",
            path=path,
        )
    heights = [float(h) for _, h in found["sizes"]]
    lines = [replace(line, text=_clean(line.text)) for line in lines]
    lines = _marks_joined([line for line in lines if line.text.strip()])
    body = _body_size(lines)
    kept, dropped = _without_furniture(lines, heights, pages, body)
    labels = _labels(found.get("labels") or [], lines, kept, pages)
    paras = _paragraphs(kept, body, heights)
    lang = _language_code(str(found.get("lang") or ""))
    sorter = Sorter()
    for block in _blocks(paras, body, lang, labels):
        sorter.keep(block)
    for line in dropped:
        sorter.set_aside(line)
    if not sorter.blocks:
        raise EmptyInputError("no text in the document", path=path)
    title = _title(paras, body)
    title_at = next((i for i, b in enumerate(sorter.blocks) if b.text == title), None)
    blocks, front, _ = split_front(sorter.blocks, title_at=title_at)
    if not blocks:
        raise EmptyInputError("no text in the document", path=path)
    # the date the text states; the file's own dates are the tool's, recorded apart
    stated = front_date(front) or stated_date([b.text for b in blocks], date_locales(lang))
    meta = found.get("meta", {})
    created = _meta_date(meta)
    claims = (("PDF information: created", created),) if created else ()
    return SourceText(
        blocks=tuple(blocks),
        source=replace(source, metadata=claims),
        lang=lang,
        title=title or _meta_title(meta),
        date=stated[0] if stated else None,
        date_text=stated[1] if stated else None,
        dropped=tuple(sorter.dropped),
        front=front,
    )


def _extract(data: bytes, *, path: str, limits: Limits) -> dict[str, Any]:
    """Run the child that takes the lines out; turn its failures into one-line errors."""
    args = [str(limits.pages), str(limits.chars), str(limits.megabytes), str(limits.seconds)]
    try:
        done = subprocess.run(
            [sys.executable, "-I", str(_CHILD), *args],
            input=data,
            capture_output=True,
            timeout=limits.seconds + 5,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise InputError(
            f"took over {limits.seconds} s to read: a damaged or hostile PDF", path=path
        ) from None
    try:
        found: dict[str, Any] = json.loads(done.stdout.decode("utf-8"))
    except ValueError:
        if done.returncode < 0 or b"MemoryError" in done.stderr:
            raise InputError(
                f"needs more than {limits.megabytes} MB or {limits.seconds} s of CPU to read: "
                "a damaged or hostile PDF",
                path=path,
            ) from None
        raise FormatError("not a readable PDF (its reader failed)", path=path) from None
    error = found.get("error")
    if error == "encrypted":
        raise FormatError(
            "encrypted PDF: it opens only with a password; save a copy without one", path=path
        )
    if error == "security":
        raise FormatError("encrypted PDF with a protection pdfium cannot open", path=path)
    if error == "pages":
        raise InputError(f"has {found['pages']} pages, over the limit of {limits.pages}", path=path)
    if error == "chars":
        raise InputError(
            f"has over {limits.chars} characters by page {found['page']}: too big to read",
            path=path,
        )
    if error == "memory":
        raise InputError(f"needs more than {limits.megabytes} MB to read", path=path)
    if error:
        detail = str(found.get("detail") or "").split(":")[-1].strip()
        raise FormatError("not a readable PDF" + (f" ({detail})" if detail else ""), path=path)
    return found


def _line(raw: Sequence[Any]) -> _Line:
    page, x0, top, x1, bottom, base, size, bold, text = raw
    hyphen = str(text).endswith("\x03")
    text = str(text).rstrip("\x03") + ("-" if hyphen else "")
    x0, top, x1, bottom, base, size = (float(v) for v in (x0, top, x1, bottom, base, size))
    return _Line(int(page), x0, top, x1, bottom, base, size, bool(bold), text, hyphen)


def _clean(text: str) -> str:
    """Split ligatures, drop soft hyphens and control characters, NFC.

    >>> _clean("ef\\ufb01cient co\\u00adoperation\\x01")
    'efficient cooperation\\x01'
    """
    for glyph, letters in _LIGATURES.items():
        text = text.replace(glyph, letters)
    text = text.replace("\u00ad", "").replace("\ufffe", "")
    text = "".join(ch for ch in text if ch in "\x01\x02" or unicodedata.category(ch) != "Cc")
    return unicodedata.normalize("NFC", text)


_MARK = re.compile(r"\d{1,3}|[*†‡]+|[ivx]{1,5}")  # what a note's mark is


def _marks_joined(lines: Sequence[_Line]) -> list[_Line]:
    """Put a note's mark set small and raised before a line (cut off as a line of its own
    where the baseline jumps) back at that line's start, marked as a call."""
    out = list(lines)
    for mark in lines:
        if not _MARK.fullmatch(mark.text.strip()):
            continue
        after = next(
            (
                ln
                for ln in out
                if ln is not mark
                and ln.page == mark.page
                and mark.size < ln.size * 0.8
                and 0 < ln.base - mark.base <= ln.size * 0.6
                and -1 <= ln.x0 - mark.x1 <= ln.size * 0.6
            ),
            None,
        )
        if after is not None:
            text = f"\x01{mark.text.strip()}\x02{after.text}"
            out[out.index(after)] = replace(after, x0=mark.x0, top=min(mark.top, after.top),
                                            text=text)  # fmt: skip
            out.remove(mark)
    return out


def _body_size(lines: Sequence[_Line]) -> float:
    """Return the type size most characters are set in."""
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


# --- furniture -------------------------------------------------------------------------------


def _page_words() -> frozenset[str]:
    """Return the words page footers print around numbers ("Seite", "von", "of"), lower case."""
    words: set[str] = set()
    for code in profiled_languages():
        pattern = profile(code).page_of.replace("{page}", " ").replace("{pages}", " ")
        words.update(w.lower().strip(".") for w in pattern.split())
    return frozenset(w for w in words if w)


_ROMAN = re.compile(r"[ivxlc]{1,6}")  # the pages of a preface
_PAGE_OFFSET = 4  # a printed page number differs from the file's by this much at most


def _page_number_line(text: str, words: frozenset[str], page: int) -> bool:
    """Tell whether a line on ``page`` (0-based) says nothing but its page number.

    "3", "- 3 -", "Seite 3 von 12", "iii"; a bare number must be near the page's own (a
    cover or a preface may go unnumbered), so that "1956." ending a paragraph at the top of
    a page stays.

    >>> w = frozenset({"page", "of", "seite", "von"})
    >>> [_page_number_line(t, w, 2) for t in ("- 3 -", "Page 3 of 12", "Seite 4", "Artikel 4")]
    [True, True, True, False]
    >>> _page_number_line("1956.", w, 1), _page_number_line("ii", w, 1)
    (False, True)
    """
    tokens = re.findall(r"\w+", text.lower())
    if not tokens or len(tokens) > 4:
        return False
    numbers = [int(t) for t in tokens if t.isascii() and t.isdigit()]
    if numbers and all(t.isdigit() or t in words for t in tokens):
        return abs(numbers[0] - (page + 1)) <= _PAGE_OFFSET
    return len(tokens) == 1 and _ROMAN.fullmatch(tokens[0]) is not None


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _without_furniture(
    lines: Sequence[_Line], heights: Sequence[float], pages: int, body: float
) -> tuple[list[_Line], list[str]]:
    """Drop running headers, footers and page numbers; return the rest and what was dropped.

    Besides what recurs, a line in type smaller than the body's standing in the outermost
    band of the page (its top or bottom 7%) is a header or footer even on a page of its
    own, where nothing can recur.
    """
    words = _page_words()
    by_page: dict[int, list[_Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    candidates: list[_Line] = []
    for page, found in by_page.items():
        ordered = sorted(found, key=lambda ln: ln.top)
        height = heights[page]
        for line in ordered[:3] + ordered[-3:]:
            if line.bottom < height * _MARGIN or line.top > height * (1 - _MARGIN):
                candidates.append(line)
    furniture: set[int] = set()
    # recurring lines: the same words at the same height, or the same shape with a number
    # that follows the page's
    groups: dict[str, list[_Line]] = {}
    for line in candidates:
        groups.setdefault(_shape(line.text), []).append(line)
    need = max(2, round(pages * _REPEAT))
    for shape, group in groups.items():
        for line in group:
            same = [
                other
                for other in group
                if abs(other.base - line.base) <= _SAME_HEIGHT and other.page != line.page
            ]
            if len({o.page for o in same}) + 1 < need:
                continue
            if (
                "#" not in shape
                or _follows_pages([line, *same])
                or all(o.text == line.text for o in same)
            ):
                furniture.add(id(line))
    for line in candidates:
        height = heights[line.page]
        outer = line.bottom < height * _OUTER or line.top > height * (1 - _OUTER)
        if _page_number_line(line.text, words, line.page) or (
            outer and line.size < body * _SMALLER
        ):
            furniture.add(id(line))
    furniture -= _foot_notes(lines, heights)
    kept = [line for line in lines if id(line) not in furniture]
    dropped: list[str] = []
    seen: set[str] = set()
    for line in lines:
        if id(line) in furniture:
            text = squeeze(line.text.replace("\x01", "").replace("\x02", ""))
            if _shape(text) not in seen:
                seen.add(_shape(text))
                dropped.append(text)
    return kept, dropped


def _foot_notes(lines: Sequence[_Line], heights: Sequence[float]) -> set[int]:
    """Return the lines at a page's foot that are notes, not footers: those opening with a
    mark the page's text calls ("4 See the annex" on page 4 is no page number), and those
    running on from the text right above them."""
    calls: dict[int, list[str]] = {}
    for line in lines:
        calls.setdefault(line.page, []).extend(c.strip() for c in _CALL.findall(line.text))
    found = _runs_on(lines, heights)
    for line in lines:
        start = _note_start(line.text, calls.get(line.page, []))
        if start and (start[0] in calls.get(line.page, []) or line.text.startswith("\x01")):
            found.add(id(line))
    return found


def _runs_on(lines: Sequence[_Line], heights: Sequence[float]) -> set[int]:
    """Return the lines in a page's outer band that run on from the text above them (the
    last line of a footnote): set close under a line of the same type and left edge that
    is text, not in that band, or itself runs on."""
    text: dict[int, list[_Line]] = {}
    found: set[int] = set()
    for line in sorted(lines, key=lambda ln: (ln.page, ln.top)):
        height = heights[line.page]
        outer = line.bottom < height * _OUTER or line.top > height * (1 - _OUTER)
        above = text.setdefault(line.page, [])
        if not outer:
            above.append(line)
            continue
        if any(
            0 <= line.top - a.bottom <= line.size * 0.6
            and abs(a.size - line.size) <= 0.5
            and abs(a.x0 - line.x0) <= line.size * 1.5
            for a in above
        ):
            found.add(id(line))
            above.append(line)
    return found


def _labels(
    given: Sequence[str], lines: Sequence[_Line], kept: Sequence[_Line], pages: int
) -> list[str | None]:
    """Return each page's printed label where it is not the page's place in the file.

    The PDF's own page labels ("i", "ii", "1", …) come first; else the number a page prints
    in its running header or footer (a line set aside as the page number: "12", "- 12 -",
    "Page 12 of 40", "xii"); a page that prints none takes the offset its numbered pages
    agree on (a cover and a contents page before page 1), when they agree on one.
    """
    words = _page_words()
    taken = {id(line) for line in kept}
    printed: dict[int, str] = {}
    for line in lines:
        if id(line) in taken or line.page in printed:
            continue
        if _page_number_line(line.text, words, line.page):
            token = next(
                (
                    t
                    for t in re.findall(r"\w+", line.text)
                    if t.isdigit() or _ROMAN.fullmatch(t.lower())
                ),
                None,
            )
            if token is not None:
                printed[line.page] = token
    offsets = {int(t) - page for page, t in printed.items() if t.isascii() and t.isdigit()}
    offset = next(iter(offsets)) if len(offsets) == 1 and len(printed) >= 2 else None
    out: list[str | None] = []
    for page in range(pages):
        label = given[page].strip() if page < len(given) else ""
        if not label:
            label = printed.get(page, "")
        if not label and offset is not None and page + offset >= 1:
            label = str(page + offset)
        out.append(label if label and label != str(page + 1) else None)
    return out


def _follows_pages(group: Sequence[_Line]) -> bool:
    """Tell whether the first number of each line minus its page is the same in most lines."""
    offsets: Counter[int] = Counter()
    for line in group:
        number = re.search(r"\d+", line.text)
        if number:
            offsets[int(number.group()) - line.page] += 1
    return bool(offsets) and offsets.most_common(1)[0][1] * 3 >= len(group) * 2


# --- layout ----------------------------------------------------------------------------------


def _paragraphs(lines: Sequence[_Line], body: float, heights: Sequence[float]) -> list[_Para]:
    """Order each page's lines, set its footnotes aside, and group the lines into paragraphs."""
    by_page: dict[int, list[_Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    spacing = _spacing(lines, body)
    laid: list[tuple[int, list[list[_Line]], list[tuple[str, str]]]] = []
    for page in sorted(by_page):
        text_lines, notes = _split_notes(by_page[page], body)
        laid.append((page, _flows(text_lines, body), notes))
    laid = _continued(laid)
    frames = _frames([flow for _, flows, _ in laid for flow in flows], body)
    justified = _justified([f for _, flows, _ in laid for f in flows], frames, body)
    paras: list[_Para] = []
    prev: _Line | None = None
    prev_flow: _Bounds = (0.0, 0.0, False)
    for page, flows, notes in laid:
        for flow in flows:
            bounds = _bounds(flow, frames, body)
            for k, line in enumerate(flow):
                if prev is None or _opens(
                    prev, line, (body, spacing, justified), bounds, prev_flow, k > 0
                ):
                    paras.append(_Para([line]))
                else:
                    paras[-1].lines.append(line)
                paras[-1].calls.extend(_CALL.findall(line.text))
                prev = line
            prev_flow = bounds
        for number, text in notes:
            _attach(paras, _Noted(number, text, page))
    return _endnotes(paras, body)


_FRAME_LINES = 3  # lines a column needs for its right edge to speak for the page's
_FLUSH = 0.5  # of the body size: a line this close to the right edge reaches it
_JUSTIFIED = 0.6  # share of the lines that reach the right edge in justified text
_SHORT_LINE = 1.0  # of the type size: a line of justified text this short ends a paragraph


def _frames(flows: Sequence[Sequence[_Line]], body: float) -> list[tuple[float, float]]:
    """Return the usual left and right edges of the text's columns (of those long enough)."""
    edges: dict[int, list[tuple[float, float]]] = {}
    for flow in flows:
        text = _text_lines(flow, body)
        if len(text) >= _FRAME_LINES:
            left = min(ln.x0 for ln in text)
            edges.setdefault(round(left / (body * 2)), []).append((left, max(ln.x1 for ln in text)))
    return [
        (sorted(e[0] for e in found)[len(found) // 2], sorted(e[1] for e in found)[len(found) // 2])
        for found in edges.values()
    ]


def _text_lines(flow: Sequence[_Line], body: float) -> Sequence[_Line]:
    """Return the lines of a column in the body's type, else all of them.

    A column's edges are where its running text stands: a masthead over it (the organ's
    name in large type on the left, the distribution and date in small type on the right)
    or a heading set wider does not move them.
    """
    text = [ln for ln in flow if abs(ln.size - body) <= body * 0.1]
    return text or flow


def _justified(
    flows: Sequence[Sequence[_Line]], frames: Sequence[tuple[float, float]], body: float
) -> bool:
    """Tell whether the body text is justified: most of its lines reach the right edge."""
    full = count = 0
    for flow in flows:
        right = _bounds(flow, frames, body)[1]
        for line in flow[:-1]:
            if abs(line.size - body) <= body * 0.1:
                count += 1
                full += right - line.x1 <= body * _FLUSH
    return count > 0 and full >= count * _JUSTIFIED


def _bounds(flow: Sequence[_Line], frames: Sequence[tuple[float, float]], body: float) -> _Bounds:
    """Return a column's left and right edges; a short one borrows those of its kind.

    A column of few lines (the end of a text on its last page, two one-line paragraphs)
    takes the edges of the usual column it stands in: the one reaching furthest right of
    those that start at its left edge or before it. The third value tells whether the
    right edge is known: from enough lines of this column or of its kind.
    """
    text = _text_lines(flow, body)
    left = min(ln.x0 for ln in text)
    right = max(ln.x1 for ln in text)
    if len(text) >= _FRAME_LINES:
        return left, right, True
    kin = [f for f in frames if f[0] <= left + body / 2 and right <= f[1] + body / 2]
    if not kin:
        return left, right, False
    frame = max(kin, key=lambda f: f[0])
    return min(left, frame[0]), max(right, frame[1]), True


def _spacing(lines: Sequence[_Line], body: float) -> float:
    """Return the usual distance between the baselines of two body lines of one paragraph."""
    deltas = []
    ordered = sorted(lines, key=lambda ln: (ln.page, ln.x0 // 50, ln.base))
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.page == b.page and a.size == b.size == body and 0 < b.base - a.base < body * 2.2:
            deltas.append(round(b.base - a.base, 1))
    if not deltas:
        return body * 1.2
    return float(min(Counter(deltas).most_common(3))[0]) if len(deltas) > 2 else min(deltas)


def _split_notes(lines: Sequence[_Line], body: float) -> tuple[list[_Line], list[tuple[str, str]]]:
    """Return a page's lines without its footnotes, and the notes as (number, text)."""
    ordered = sorted(lines, key=lambda ln: ln.top)
    body_lines = [ln for ln in ordered if ln.size >= body * _SMALLER]
    if not body_lines:
        return list(lines), []
    last_body = max(ln.bottom for ln in body_lines)
    below = [ln for ln in ordered if ln.top > last_body - 1 and ln.size < body * _SMALLER]
    # notes open with a mark; the first may go on with a note from the page before
    if not below or not any(_NOTE_START.match(ln.text) for ln in below):
        return list(lines), []
    taken = {id(ln) for ln in below}
    return [ln for ln in lines if id(ln) not in taken], _note_items(below)


def _note_items(lines: Sequence[_Line], marks: Sequence[str] = ()) -> list[tuple[str, str]]:
    """Return the notes the lines hold as (mark, text); a first line without a mark goes on
    the note before it on an earlier page (mark ""). Besides a number or a raised mark, a
    note may open with one of ``marks`` (the text's calls) set on the line: "iiThe …"."""
    notes: list[tuple[str, list[_Line]]] = []
    for line in lines:
        start = _note_start(line.text, marks)
        if start:
            number, end = start
            notes.append((number, [replace(line, text=line.text[end:])]))
        elif notes:
            notes[-1][1].append(line)
        else:
            notes.append(("", [line]))
    return [(number, _CALL.sub("", _join(group))) for number, group in notes]


def _note_start(text: str, marks: Sequence[str]) -> tuple[str, int] | None:
    """Return the mark a note's line opens with and where its text starts, else None.

    >>> _note_start("iiThe annex.", ["i", "ii"]), _note_start("2 See.", []), _note_start("In", [])
    (('ii', 2), ('2', 2), None)
    """
    start = _NOTE_START.match(text)
    if start:
        return next(g for g in start.groups() if g), start.end()
    for mark in sorted(marks, key=len, reverse=True):
        rest = text[len(mark) :]
        if text.startswith(mark) and (rest[:1].isupper() or rest[:1] == " "):
            return mark, len(text) - len(rest.lstrip())
    return None


_Laid = list[tuple[int, list[list[_Line]], list[tuple[str, str]]]]


def _continued(laid: _Laid) -> _Laid:
    """Put a note's text run over to the foot of the next page back on that note."""
    out: _Laid = []
    last: tuple[int, int] | None = None  # where the last note so far is: page slot, index
    for page, flows, notes in laid:
        kept = list(notes)
        if kept and not kept[0][0] and last is not None:
            slot, k = last
            mark, text = out[slot][2][k]
            out[slot][2][k] = (mark, f"{text} {kept.pop(0)[1]}")
        out.append((page, flows, kept))  # one with no note before it stays, unmarked
        if kept:
            last = (len(out) - 1, len(kept) - 1)
    return out


def _attach(paras: list[_Para], note: _Noted) -> None:
    """Hang a note on the nearest paragraph before it that calls its mark and has no note of
    that mark yet (marks may start again on each page), else on the last one so far."""
    for para in reversed(paras):
        calls = [c.strip() for c in para.calls]
        if note.mark in calls and calls.count(note.mark) > [n.mark for n in para.notes].count(
            note.mark
        ):
            para.notes.append(note)
            return
    if paras:
        paras[-1].notes.append(note)


def _endnotes(paras: list[_Para], body: float) -> list[_Para]:
    """Take the notes listed after the text (endnotes) off its end, onto their callers.

    They are the paragraphs ending the document in type smaller than the body's, the first
    opening with a mark, every mark one the text calls.
    """
    k = len(paras)
    while k > 0 and all(ln.size < body * _SMALLER for ln in paras[k - 1].lines):
        k -= 1
    calls = sorted({c.strip() for p in paras[:k] for c in p.calls})
    if k == 0 or k == len(paras) or not _note_start(paras[k].lines[0].text, calls):
        return paras
    found = _note_items([ln for p in paras[k:] for ln in p.lines], calls)
    if not found or any(mark not in calls for mark, _ in found):
        return paras
    kept = paras[:k]
    for mark, text in found:
        _attach(kept, _Noted(mark, text, paras[k].lines[0].page, "end"))
    return kept


def _flows(lines: Sequence[_Line], body: float) -> list[list[_Line]]:
    """Return a page's lines as columns in reading order, each top to bottom."""
    ordered = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    return [_whole_lines(flow) for flow in _cut(ordered, body) if flow]


def _whole_lines(flow: Sequence[_Line]) -> list[_Line]:
    """Join the pieces of one line of a column: what stands on one baseline in it.

    The text layer cuts a line where a wide gap opens, as between two columns; inside a
    column such a gap is a justified line stretched over few words ("sharp   images   at"),
    or a word set apart, and the pieces are one line, read left to right.
    """
    rows: list[list[_Line]] = []
    for line in sorted(flow, key=lambda ln: (ln.base, ln.x0)):
        row = rows[-1] if rows else None
        if row is not None and abs(line.base - row[0].base) <= min(line.size, row[0].size) * 0.3:
            row.append(line)
        else:
            rows.append([line])
    out: list[_Line] = []
    for row in rows:
        if len(row) == 1:
            out.append(row[0])
            continue
        row.sort(key=lambda ln: ln.x0)
        main = max(row, key=lambda ln: (len(ln.text), ln.size))
        out.append(
            _Line(
                page=row[0].page,
                x0=min(ln.x0 for ln in row),
                top=min(ln.top for ln in row),
                x1=max(ln.x1 for ln in row),
                bottom=max(ln.bottom for ln in row),
                base=main.base,
                size=main.size,
                bold=all(ln.bold for ln in row),
                text=" ".join(ln.text for ln in row),
                hyphen=row[-1].hyphen,
            )
        )
    return sorted(out, key=lambda ln: (ln.top, ln.x0))


def _cut(lines: list[_Line], body: float) -> list[list[_Line]]:
    columns = _columns(lines, body)
    if columns:
        return [flow for column in columns for flow in _cut(column, body)]
    # no gutter through all of it: cut across at the first gap below or above which one runs
    for k in range(1, len(lines)):
        if lines[k].top >= max(ln.bottom for ln in lines[:k]) - 0.5:
            above, below = lines[:k], lines[k:]
            if _columns(below, body) or _columns(above, body):
                return _cut(above, body) + _cut(below, body)
    return [lines]


def _columns(lines: Sequence[_Line], body: float) -> list[list[_Line]] | None:
    """Split lines at vertical gutters that no line crosses; None when there is none."""
    if len(lines) < 3:
        return None
    spans = sorted((ln.x0, ln.x1) for ln in lines)
    cuts: list[float] = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= body * _GUTTER:
            cuts.append((x0 + reach) / 2)
        reach = max(reach, x1)
    if not cuts:
        return None
    columns: list[list[_Line]] = [[] for _ in range(len(cuts) + 1)]
    for line in lines:
        columns[sum(line.x0 > c for c in cuts)].append(line)
    # a lone number or mark in a margin is no column; a lone line of words is one (the last
    # line of a paragraph run over to the next column at a page's end)
    if any(len(c) < 2 and len(_WORDS.findall(c[0].text)) < 2 for c in columns):
        return None
    return columns


def _opens(
    prev: _Line,
    line: _Line,
    text: tuple[float, float, bool],
    flow: _Bounds,
    prev_flow: _Bounds,
    same_flow: bool,
) -> bool:
    """Tell whether ``line`` opens a paragraph after ``prev``.

    ``text`` is the body's type size, its line spacing and whether it is justified. Across a
    column or page break nothing is said by the spacing; when the column before was too
    short to know its right edge, a sentence end followed by a capital parts.
    """
    body, spacing, justified = text
    if abs(line.size - prev.size) > body * 0.1 or line.bold != prev.bold:
        return True
    if is_masthead(prev.text) or is_masthead(line.text):
        return True  # a masthead's line stands alone: "Distr.: General" over the date
    if prev.hyphen:
        return False
    left = flow[0]
    prev_right = flow[1] if same_flow else prev_flow[1]
    # running text: in the body's size and not bold (a heading's lines are set ragged)
    body_type = abs(line.size - body) <= body * 0.1 and not line.bold
    if same_flow:
        step = spacing * line.size / body
        if line.base - prev.base > step * _GAP or line.base <= prev.base:
            return True
    if _WORD_BROKEN.search(prev.text):
        return False
    if not same_flow and not prev_flow[2] and _SENTENCE_END.search(prev.text):
        return line.text[:1].isupper() or line.text[:1].isdigit()
    if body_type and line.x0 - left > line.size * _INDENT and not _centred(line, flow):
        return True
    # the line before stopped short of the right edge: by more than this line's first word
    # (a short line in justified text that ends a sentence), or by more than this line's
    # first word, which would then have fitted after it
    if not body_type:
        return False
    short = prev_right - prev.x1
    first = line.text.split(" ", 1)[0]
    fits = short > (line.x1 - line.x0) / max(len(line.text), 1) * (len(first) + 1) + line.size / 2
    if justified and short > line.size * _SHORT_LINE:
        return fits or _SENTENCE_END.search(prev.text) is not None
    return fits


def _centred(line: _Line, flow: _Bounds) -> bool:
    left, right, _ = flow
    return abs((line.x0 - left) - (right - line.x1)) < line.size and line.x0 - left > line.size


# --- blocks ----------------------------------------------------------------------------------


def _join(
    lines: Sequence[_Line], dehyphenate: Dehyphenator | None = None, *, calls: bool = False
) -> str:
    """Join the lines of one paragraph, undoing hyphenation at line ends; keep the calls of
    notes marked (``\\x01 2 \\x02``) with ``calls``."""
    text = ""
    for line in lines:
        piece = (line.text if calls else _CALL.sub("", line.text)).strip()
        if not text:
            text = piece
        elif text.endswith("-") and dehyphenate is not None:
            text = dehyphenate.join(text, piece)
        else:
            text = f"{text} {piece}"
    return squeeze(text)


def _blocks(
    paras: Sequence[_Para], body: float, lang: str | None, labels: Sequence[str | None]
) -> list[RawBlock]:
    texts = [" ".join(_CALL.sub("", ln.text) for ln in p.lines) for p in paras]
    dehyphenate = Dehyphenator(lang, " ".join(texts))
    blocks: list[RawBlock] = []
    for para in paras:
        text, calls = _calls_out(_join(para.lines, dehyphenate, calls=True))
        if text:
            page = para.lines[0].page
            kind = _kind(para, text, body)
            notes = _notes(para.notes, calls, solid(text))
            blocks.append(RawBlock(text, kind, page=page + 1, page_label=labels[page], notes=notes))
    return blocks


def _calls_out(text: str) -> tuple[str, list[tuple[str, int]]]:
    """Return the text without its calls of notes, and each call's mark and place.

    >>> _calls_out("signed,\\x011\\x02 and \\x01 2\\x02done")
    ('signed, and done', [('1', 7), ('2', 10)])
    """
    calls: list[tuple[str, int]] = []
    clean = ""
    cut = 0
    for match in _CALL.finditer(text):
        clean += text[cut : match.start()]
        calls.append((match.group(1).strip(), solid(squeeze(clean))))
        cut = match.end()
    return squeeze(clean + text[cut:]), calls


def _notes(found: Sequence[_Noted], calls: Sequence[tuple[str, int]], end: int) -> tuple[Note, ...]:
    """Return a paragraph's notes at their calls (a note it does not call, at its end)."""
    free = list(calls)
    notes: list[Note] = []
    for note in found:
        at = next((k for k, (mark, _) in enumerate(free) if mark == note.mark), None)
        place = free.pop(at)[1] if at is not None else end
        notes.append(Note(note.mark, squeeze(note.text), place, note.place))
    return tuple(sorted(notes, key=lambda n: n.at))


def _kind(para: _Para, text: str, body: float) -> Kind:
    size = max(line.size for line in para.lines)
    if size >= body * _BIGGER and len(text) <= 300:
        return "head"
    if all(line.bold for line in para.lines) and len(para.lines) <= 3 and is_heading(text):
        return "head"
    return "p"


def _title(paras: Sequence[_Para], body: float) -> str | None:
    """Return the paragraph in the largest type on the first page, when larger than the body
    and no front matter (a masthead's "General Assembly", a symbol, a date)."""
    first = [p for p in paras if p.lines[0].page == 0 and not _front(_join(p.lines))]
    if not first:
        return None
    big = max(first, key=lambda p: max(ln.size for ln in p.lines))
    if max(ln.size for ln in big.lines) < body * _BIGGER:
        return None
    return _join(big.lines, Dehyphenator(None, "")) or None


def _front(text: str) -> bool:
    if front_kind(text) is not None or is_masthead(text):
        return True
    return bool(place_and_date(text) or bare_date(text))


def _meta_title(meta: object) -> str | None:
    title = squeeze(str(meta.get("Title") or "")) if isinstance(meta, dict) else ""
    # Word names untitled files after themselves: "Microsoft Word - draft.docx"; an office
    # names them by their symbol: "A/RES/81/214"
    if not title or re.search(r"\.(docx?|odt|rtf|pdf|txt)$|^microsoft word", title, re.I):
        return None
    return None if _front(title) else title


def _meta_date(meta: object) -> str | None:
    created = str(meta.get("CreationDate") or "") if isinstance(meta, dict) else ""
    match = _PDF_DATE.match(created)
    return f"{match[1]}-{match[2]}-{match[3]}" if match else None
