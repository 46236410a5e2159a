"""Build one format-neutral side-by-side table from a document.

Every renderer but TEI (DOCX, PDF, CSV, XLSX, TMX, XLIFF) starts from :func:`build_table`:
one :class:`Row` per bead, one :class:`Cell` per chosen language, and the flags a reader
should look at twice.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal, TypedDict

import pyphen

from aligner.errors import ExportError
from aligner.flags import REVIEW_BELOW, Flag, FlagKind, bead_flags, length_scale, numbers_off, score
from aligner.ids import block_of
from aligner.model import (
    Bead,
    Block,
    Document,
    Level,
    Note,
    Status,
    note_index,
    sentence_notes,
    solid,
)
from aligner.views import View, view
from exports import ExportOptions
from languages.profiles import language_name, language_tag

__all__ = [
    "FLAG_SHADES",
    "Cell",
    "Column",
    "Flag",
    "FlagKind",
    "Pattern",
    "Row",
    "Shade",
    "Table",
    "Text",
    "TextKind",
    "build_table",
    "numbers_off",
    "page_table",
    "plural",
    "region_tag",
    "hyphenation_dictionary",
    "hyphenator",
    "score",
    "shared_words",
]

TextKind = Literal["heading", "paragraph"]

Pattern = Literal["diagonal", "cross", "horizontal", "dots", "vertical"]


@dataclass(frozen=True, slots=True)
class Shade:
    """How flagged rows of one kind are marked, in colour and in black and white.

    ``fill`` is a pale colour behind the text; ``pattern`` is drawn in grey over the row's
    number cell (PDF) or the whole row (DOCX, XLSX), so that the kinds differ when printed
    without colour; ``marker`` is printed under the row's number, so that they differ too
    where a program flattens the pattern into a colour (LibreOffice opening a DOCX);
    ``legend`` says what the mark means, in the legend of the first page (in English; a
    page-layout export says it in its locale, :func:`languages.typography.labels`).
    """

    kind: FlagKind
    fill: str  # RRGGBB
    pattern: Pattern
    marker: str  # one character Fira Sans draws
    legend: str


# Flag kinds by how strongly they ask for a look, first first: a row shows the first that
# applies. Each exporter maps the pattern names to its own (DOCX w:shd, XLSX patternType,
# lines drawn in the PDF), so a new kind is one entry here.
FLAG_SHADES: dict[FlagKind, Shade] = {
    "unaligned": Shade("unaligned", "FBE3D6", "diagonal", "∅", "text in some versions only"),
    "numbers-differ": Shade(
        "numbers-differ", "E4DFF2", "cross", "≠", "numbers differ between versions"
    ),
    "omission": Shade(
        "omission", "DDEBF7", "horizontal", "…", "a version may leave a sentence or clause out"
    ),
    "low-confidence": Shade(
        "low-confidence", "FFF2CC", "dots", "?", "alignment below the review threshold"
    ),
    # the row that opens such a run is unaligned too, and shaded as that; this is the band's
    # own mark when nothing else applies
    "missing-run": Shade(
        "missing-run", "F6D8CB", "vertical", "»", "a run of text some versions lack begins"
    ),
}


@dataclass(frozen=True, slots=True)
class Text:
    """One paragraph, heading or sentence inside a cell."""

    id: str  # the block or sentence id, e.g. "de.p3" or "de.p3.s1"
    text: str
    kind: TextKind
    block: str  # id of the block it belongs to (the same as ``id`` at paragraph level)
    speaker: str | None = None  # label printed before it when it opens a speaker turn
    notes: tuple[Note, ...] = ()  # the notes it calls, ``at`` counted in ``text``

    def pieces(self) -> list[tuple[str, Note | None]]:
        """Return the text cut at its calls: each piece with the note called after it.

        >>> Text("en.p1", "Signed, and done.", "paragraph", "en.p1",
        ...      notes=(Note("1", "See annex.", 7),)).pieces()
        [('Signed,', Note(n='1', text='See annex.', at=7, place='foot')), (' and done.', None)]
        """
        out: list[tuple[str, Note | None]] = []
        cut = 0
        for note in self.notes:
            at = note_index(self.text, note.at)
            out.append((self.text[cut:at], note))
            cut = at
        if cut < len(self.text) or not out:
            out.append((self.text[cut:], None))
        return out


@dataclass(frozen=True, slots=True)
class Cell:
    """What one language contributes to a row (maybe nothing)."""

    lang: str
    texts: tuple[Text, ...] = ()

    @property
    def empty(self) -> bool:
        return not any(t.text.strip() for t in self.texts)

    @property
    def text(self) -> str:
        """Return the texts as one segment, joined by spaces (what a translation memory holds)."""
        return " ".join(t.text for t in self.texts)

    @property
    def notes(self) -> tuple[Note, ...]:
        """Return the notes its texts call, in order (never part of :attr:`text`)."""
        return tuple(n for t in self.texts for n in t.notes)

    def paragraphs(self) -> tuple[Text, ...]:
        """Return the texts with consecutive sentences of one block joined into one paragraph.

        At paragraph level this is ``texts`` unchanged; at sentence level it gives what a
        reader expects to see in a cell: sentences of one paragraph run on.
        """
        merged: list[Text] = []
        for t in self.texts:
            if merged and merged[-1].block == t.block and t.speaker is None:
                before = solid(merged[-1].text)
                notes = merged[-1].notes + tuple(replace(n, at=n.at + before) for n in t.notes)
                merged[-1] = replace(merged[-1], text=f"{merged[-1].text} {t.text}", notes=notes)
            else:
                merged.append(t)
        return tuple(merged)


@dataclass(frozen=True, slots=True)
class Row:
    """One bead laid out side by side."""

    number: int  # 1-based position in the table, what a reader refers to
    bead: str  # the bead id, e.g. "al.p3"
    cells: tuple[Cell, ...]  # in the table's column order
    cert: float
    status: Status
    shape: str  # units per chosen language, e.g. "2-1-1"
    flags: tuple[Flag, ...] = ()

    def cell(self, lang: str) -> Cell:
        for c in self.cells:
            if c.lang == lang:
                return c
        raise KeyError(lang)

    def has(self, kind: FlagKind) -> bool:
        return any(f.kind == kind for f in self.flags)

    @property
    def shade(self) -> Shade | None:
        """Return how to mark this row, or None when it is not flagged."""
        return next((shade for kind, shade in FLAG_SHADES.items() if self.has(kind)), None)

    @property
    def heading(self) -> bool:
        """Tell whether the row holds only headings (keep it with the row after it)."""
        texts = [t for c in self.cells for t in c.texts]
        return bool(texts) and all(t.kind == "heading" for t in texts)

    @property
    def band(self) -> str | None:
        """Return what the run of missing text this row opens holds, if it opens one."""
        return next((f.reason for f in self.flags if f.kind == "missing-run"), None)

    @property
    def reasons(self) -> str:
        """Return every flag's reason as one sentence-like line."""
        return "; ".join(f.reason for f in self.flags)


@dataclass(frozen=True, slots=True)
class Column:
    """A language column: its code, its name in itself and its BCP 47 tag."""

    lang: str  # "de"
    name: str  # "Deutsch"
    tag: str  # "de-DE"


@dataclass(frozen=True, slots=True)
class Table:
    """The side-by-side view of one document."""

    document: str  # the document id
    title: str
    date: str | None  # ISO 8601 date of the source text, if known
    level: Level
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    main: str  # the language one-language fields name: the original if shown, else the first

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(c.lang for c in self.columns)

    @property
    def legend(self) -> tuple[Shade, ...]:
        """Return the marks the rows use, in the order of :data:`FLAG_SHADES`."""
        used = {row.shade for row in self.rows}
        return tuple(shade for shade in FLAG_SHADES.values() if shade in used)


def page_table(
    documents: Sequence[Document], langs: Sequence[str], options: ExportOptions, *, fmt: str
) -> tuple[Document, Table]:
    """Return the one document a page-layout format (DOCX, PDF) holds, and its table."""
    if len(documents) != 1:
        raise ExportError(f"{fmt} holds one document; got {len(documents)}")
    document = documents[0]
    table = build_table(
        document,
        langs,
        level=options.level_for(document),
        review_below=options.review_below,
        locale=options.locale,
    )
    if not table.columns:
        raise ExportError("no language chosen to show", path=document.id)
    return document, table


def build_table(
    document: Document,
    langs: Sequence[str],
    *,
    level: Level = "paragraph",
    review_below: float = REVIEW_BELOW,
    compare_texts: bool = True,
    locale: str = "en",
) -> Table:
    """Lay ``document`` out as rows of beads and a column per language of ``langs``.

    ``langs`` are languages of the document, in column order (:func:`exports.languages`
    checks a choice). A bead the aligner scored below ``review_below`` is flagged.

    At sentence level, headings (which have no sentences) come from their paragraph bead and
    sit before the first sentence bead of a later paragraph bead. Without ``compare_texts``
    no row is flagged ``numbers-differ`` or ``omission``: the translation-memory formats have
    nowhere to show it, and reading every number is most of the time a table takes. The
    flags' reasons and the missing-run labels are said in ``locale``.
    """
    langs = tuple(langs)
    seen = view(document, langs)
    choice: _FlagChoice = {"review_below": review_below, "compare": compare_texts, "locale": locale}
    rows = _rows(list(_units(document, seen, level)), seen, choice)
    main = _main_language(document, langs)
    return Table(
        document=document.id,
        title=document.title(main),
        date=_source_date(document, langs),
        level=level,
        columns=tuple(
            Column(lang, language_name(lang), region_tag(document, lang)) for lang in langs
        ),
        rows=tuple(rows),
        main=main,
    )


def _units(document: Document, seen: View, level: Level) -> _Units:
    """Return the beads of the table at ``level``, each with its cells and paragraph bead."""
    if level == "sentence":
        if document.paragraphs.beads and not document.sentences.beads:
            raise ExportError(
                "the document is aligned by paragraph only; export it at paragraph level",
                path=document.id,
            )
        return _sentence_units(document, seen)
    return _paragraph_units(document, seen)


def _rows(
    laid_out: list[tuple[Bead, tuple[Cell, ...], str]], seen: View, choice: _FlagChoice
) -> list[Row]:
    """Flag each bead's row; the first row of a run some languages lack says what it holds."""
    scale = (
        length_scale({c.lang: c.text for c in cells} for _, cells, _ in laid_out)
        if choice["compare"]
        else {}
    )
    gap_of = {bead: gap for gap in seen.gaps for bead in gap.beads}
    opened: set[str] = set()
    rows = []
    for number, (bead, cells, paragraph) in enumerate(laid_out, start=1):
        row = _row(number, bead, cells, flags=choice, scale=scale)
        gap = gap_of.get(paragraph)
        if gap is not None and gap.beads[0] not in opened:
            opened.add(gap.beads[0])
            label = gap.label(choice["locale"])
            row = replace(row, flags=(Flag("missing-run", label), *row.flags))
        rows.append(row)
    return rows


def _main_language(document: Document, langs: Sequence[str]) -> str:
    """Return the language one-language fields name: the original if shown, else the first."""
    if document.original is not None and document.original in langs:
        return document.original
    return langs[0] if langs else document.original or document.langs[0]


# a bead, its cells, and the id of the paragraph bead (of the view) it lies in
_Units = Iterator[tuple[Bead, tuple[Cell, ...], str]]


def _paragraph_units(document: Document, seen: View) -> _Units:
    texts = {}
    for lang in seen.langs:
        blocks = document.version(lang).blocks
        texts[lang] = _block_texts(blocks, _speakers(blocks))
    for bead in seen.beads:
        cells = tuple(Cell(lang, _find(texts[lang], bead, lang, document)) for lang in seen.langs)
        yield bead, cells, bead.id


def _sentence_units(document: Document, seen: View) -> _Units:
    # A heading waits until a sentence bead reaches a paragraph bead at or after its own;
    # sentence beads keep the alignment's order.
    langs = seen.langs
    heads: dict[str, dict[str, Text]] = {}
    texts: dict[str, dict[str, Text]] = {}
    for lang in langs:
        blocks = document.version(lang).blocks
        speakers = _speakers(blocks)
        heads[lang] = _block_texts([b for b in blocks if b.kind == "head"], speakers)
        texts[lang] = _sentence_texts(blocks, speakers)
    position: dict[str, int] = {}  # block id -> index of its paragraph bead
    waiting: deque[tuple[int, Bead, tuple[Cell, ...]]] = deque()
    for index, bead in enumerate(seen.beads):
        position.update((i, index) for lang in bead.members for i in bead.ids(lang))
        cells = tuple(
            Cell(lang, tuple(heads[lang][i] for i in bead.ids(lang) if i in heads[lang]))
            for lang in langs
        )
        if any(c.texts for c in cells):
            waiting.append((index, bead, cells))
    for bead in seen.sentences:
        places = [
            position[block]
            for lang in bead.members
            for sid in bead.ids(lang)
            if (block := block_of(sid)) in position
        ]
        while waiting and places and waiting[0][0] <= min(places):
            _, heading, cells = waiting.popleft()
            yield heading, cells, heading.id
        cells = tuple(Cell(lang, _find(texts[lang], bead, lang, document)) for lang in langs)
        yield bead, cells, seen.beads[min(places)].id if places else ""
    for _, heading, cells in waiting:
        yield heading, cells, heading.id


def _find(texts: dict[str, Text], bead: Bead, lang: str, document: Document) -> tuple[Text, ...]:
    ids = bead.ids(lang)
    try:
        return tuple([texts[i] for i in ids])
    except KeyError:
        raise ExportError(
            f"bead {bead.id} points to {', '.join(ids)}, which the {lang} version lacks",
            path=document.id,
        ) from None


def _block_texts(blocks: Sequence[Block], speakers: dict[str, str]) -> dict[str, Text]:
    """Return each block as one text, by block id."""
    texts = {}
    for b in blocks:
        kind: TextKind = "heading" if b.kind == "head" else "paragraph"
        texts[b.id] = Text(b.id, b.text, kind, b.id, speakers.get(b.id), b.notes)
    return texts


def _sentence_texts(blocks: Sequence[Block], speakers: dict[str, str]) -> dict[str, Text]:
    """Return each sentence as a text, by sentence id; a turn's first carries the label."""
    texts = {}
    for b in blocks:
        for n, (s, notes) in enumerate(zip(b.sentences, sentence_notes(b), strict=True)):
            speaker = None if n else speakers.get(b.id)
            texts[s.id] = Text(s.id, s.text, "paragraph", b.id, speaker, notes)
    return texts


def _speakers(blocks: Sequence[Block]) -> dict[str, str]:
    """Return the speaker label of each block that opens a turn, by block id."""
    seen: set[str] = set()
    labels: dict[str, str] = {}
    for b in blocks:
        if b.turn is not None and b.turn.id not in seen:
            seen.add(b.turn.id)
            labels[b.id] = b.turn.speaker
    return labels


class _FlagChoice(TypedDict):
    """How :func:`aligner.flags.bead_flags` is asked about every row of one table."""

    review_below: float
    compare: bool
    locale: str


def _row(
    number: int,
    bead: Bead,
    cells: tuple[Cell, ...],
    *,
    flags: _FlagChoice,
    scale: dict[str, float],
) -> Row:
    texts = {c.lang: c.text for c in cells}
    found = bead_flags(texts, bead.cert, bead.status, scale=scale, **flags)
    return Row(
        number=number,
        bead=bead.id,
        cells=cells,
        cert=bead.cert,
        status=bead.status,
        shape="-".join(str(len(c.texts)) for c in cells),
        flags=found,
    )


def region_tag(document: Document, lang: str) -> str:
    """Return a language's BCP 47 tag with the region its version declares, else the likely one.

    The region is the one the source declares (``<html lang="en-GB">``, a DOCX's ``w:lang``:
    :attr:`aligner.model.Source.tag`), else the one its file name gives (``en-GB.txt``,
    ``press.pt_BR.html``).
    """
    version = next((v for v in document.versions if v.lang == lang), None)
    if version is not None and version.source.tag:
        return version.source.tag
    name = (version.source.filename or "") if version is not None else ""
    found = re.search(
        rf"(?:^|[^A-Za-z]){re.escape(lang)}[-_]([A-Z]{{2}})(?=[^A-Za-z]|$)",
        name.rsplit("/", 1)[-1],
    )
    return f"{lang}-{found[1]}" if found else language_tag(lang)


@lru_cache(maxsize=64)
def hyphenation_dictionary(lang: str) -> str:
    """Return the pyphen dictionary name for a language, or "" when there is none.

    >>> hyphenation_dictionary("de"), hyphenation_dictionary("ru"), hyphenation_dictionary("qaa")
    ('de_DE', 'ru_RU', '')
    """
    name: str | None = pyphen.language_fallback(language_tag(lang).replace("-", "_"))
    if name is None:
        name = pyphen.language_fallback(lang)
    return name or ""


@lru_cache(maxsize=16)
def hyphenator(dictionary: str) -> pyphen.Pyphen:
    """Return the hyphenation patterns of a pyphen dictionary, loaded once."""
    return pyphen.Pyphen(lang=dictionary)


def shared_words(row: Row) -> frozenset[str]:
    """Return the capitalised words two or more of the row's languages write alike (names).

    A print export leaves them whole: :func:`languages.typography.keep_whole` takes them
    for names even in a language that capitalises every noun.
    """
    seen: dict[str, set[str]] = {}
    for cell in row.cells:
        for text in cell.texts:
            for word in re.findall(r"[^\W\d_]{2,}", text.text):
                if word[:1].isupper():
                    seen.setdefault(word, set()).add(cell.lang)
    return frozenset(word for word, langs in seen.items() if len(langs) > 1)


def plural(n: int, noun: str) -> str:
    """Return ``n noun`` with a plural -s when needed.

    >>> plural(1, "bead"), plural(12, "bead")
    ('1 bead', '12 beads')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _source_date(document: Document, langs: Sequence[str]) -> str | None:
    """Return the date of the original if shown, else of the first shown version that has one."""
    ordered = sorted(langs, key=lambda lang: lang != document.original)
    return next((date for lang in ordered if (date := document.version(lang).date)), None)
