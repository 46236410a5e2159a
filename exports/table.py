"""Build one format-neutral side-by-side table from a document.

Every renderer but TEI (DOCX, PDF, CSV, XLSX, TMX, XLIFF) starts from :func:`build_table`:
one :class:`Row` per bead, one :class:`Cell` per chosen language, and the flags a reader
should look at twice.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from aligner.errors import ExportError
from aligner.model import Bead, Block, Document, Level, Status
from aligner.views import View, view
from exports import REVIEW_BELOW, ExportOptions
from languages.numbers import plain, read_numbers
from languages.profiles import english_name, language_name, language_tag

__all__ = [
    "FLAG_FILLS",
    "Cell",
    "Column",
    "Flag",
    "FlagKind",
    "Row",
    "Table",
    "Text",
    "TextKind",
    "build_table",
    "page_table",
    "plural",
    "score",
]

TextKind = Literal["heading", "paragraph"]
FlagKind = Literal["missing-run", "unaligned", "low-confidence", "numbers-differ"]

# Pale fills (RRGGBB) for flagged rows, strongest concern first: a row shows the first that
# applies. Pale enough to print in black and white and keep the text legible.
FLAG_FILLS: dict[FlagKind, str] = {
    "unaligned": "FBE3D6",
    "numbers-differ": "E4DFF2",
    "low-confidence": "FFF2CC",
}


@dataclass(frozen=True, slots=True)
class Text:
    """One paragraph, heading or sentence inside a cell."""

    id: str  # the block or sentence id, e.g. "de.p3" or "de.p3.s1"
    text: str
    kind: TextKind
    block: str  # id of the block it belongs to (the same as ``id`` at paragraph level)
    speaker: str | None = None  # label printed before it when it opens a speaker turn


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

    def paragraphs(self) -> tuple[Text, ...]:
        """Return the texts with consecutive sentences of one block joined into one paragraph.

        At paragraph level this is ``texts`` unchanged; at sentence level it gives what a
        reader expects to see in a cell: sentences of one paragraph run on.
        """
        merged: list[Text] = []
        for t in self.texts:
            if merged and merged[-1].block == t.block and t.speaker is None:
                merged[-1] = replace(merged[-1], text=f"{merged[-1].text} {t.text}")
            else:
                merged.append(t)
        return tuple(merged)


@dataclass(frozen=True, slots=True)
class Flag:
    """Why a row deserves a second look, in words a reader understands."""

    kind: FlagKind
    reason: str


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
    def fill(self) -> str | None:
        """Return the shading for this row (``RRGGBB``), or None when it is not flagged."""
        return next((fill for kind, fill in FLAG_FILLS.items() if self.has(kind)), None)

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


def page_table(
    documents: Sequence[Document], langs: Sequence[str], options: ExportOptions, *, fmt: str
) -> tuple[Document, Table]:
    """Return the one document a page-layout format (DOCX, PDF) holds, and its table."""
    if len(documents) != 1:
        raise ExportError(f"{fmt} holds one document; got {len(documents)}")
    document = documents[0]
    table = build_table(document, langs, level=options.level, review_below=options.low_confidence)
    if not table.columns:
        raise ExportError("no language chosen to show", path=document.id)
    return document, table


def build_table(
    document: Document,
    langs: Sequence[str],
    *,
    level: Level = "paragraph",
    review_below: float = REVIEW_BELOW,
    compare_numbers: bool = True,
) -> Table:
    """Lay ``document`` out as rows of beads and a column per language of ``langs``.

    ``langs`` are languages of the document, in column order (:func:`exports.languages`
    checks a choice). A bead the aligner scored below ``review_below`` is flagged.

    At sentence level, headings (which have no sentences) come from their paragraph bead and
    sit before the first sentence bead of a later paragraph bead. Without
    ``compare_numbers`` no row is flagged ``numbers-differ``: the translation-memory formats
    have nowhere to show it, and reading every number is most of the time a table takes.
    """
    langs = tuple(langs)
    seen = view(document, langs)
    if level == "sentence":
        if document.paragraphs.beads and not document.sentences.beads:
            raise ExportError(
                "the document is aligned by paragraph only; export it at paragraph level",
                path=document.id,
            )
        units = _sentence_units(document, seen)
    else:
        units = _paragraph_units(document, seen)
    gap_of = {bead: gap for gap in seen.gaps for bead in gap.beads}
    names = {lang: english_name(lang) for lang in langs}
    opened: set[str] = set()
    rows = []
    for number, (bead, cells, paragraph) in enumerate(units, start=1):
        row = _row(number, bead, cells, review_below=review_below, compare_numbers=compare_numbers)
        gap = gap_of.get(paragraph)
        if gap is not None and gap.beads[0] not in opened:
            opened.add(gap.beads[0])
            row = replace(row, flags=(Flag("missing-run", gap.label(names)), *row.flags))
        rows.append(row)
    if document.original is not None and document.original in langs:
        main = document.original
    else:
        main = langs[0] if langs else document.original or document.langs[0]
    return Table(
        document=document.id,
        title=document.title(main),
        date=_source_date(document, langs),
        level=level,
        columns=tuple(Column(lang, language_name(lang), language_tag(lang)) for lang in langs),
        rows=tuple(rows),
        main=main,
    )


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
            if (block := _block_id(sid)) in position
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


def _block_id(sentence_id: str) -> str:
    """Return the block id of a sentence id.

    >>> _block_id("de.p3.s2")
    'de.p3'
    """
    return sentence_id.rsplit(".", 1)[0]


def _block_texts(blocks: Sequence[Block], speakers: dict[str, str]) -> dict[str, Text]:
    """Return each block as one text, by block id."""
    texts = {}
    for b in blocks:
        kind: TextKind = "heading" if b.kind == "head" else "paragraph"
        texts[b.id] = Text(b.id, b.text, kind, b.id, speakers.get(b.id))
    return texts


def _sentence_texts(blocks: Sequence[Block], speakers: dict[str, str]) -> dict[str, Text]:
    """Return each sentence as a text, by sentence id; a turn's first carries the label."""
    texts = {}
    for b in blocks:
        for n, s in enumerate(b.sentences):
            texts[s.id] = Text(s.id, s.text, "paragraph", b.id, None if n else speakers.get(b.id))
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


def _row(
    number: int,
    bead: Bead,
    cells: tuple[Cell, ...],
    *,
    review_below: float,
    compare_numbers: bool,
) -> Row:
    flags: list[Flag] = []
    missing = [c.lang for c in cells if c.empty]
    present = [c for c in cells if c.lang not in missing]
    if missing and len(cells) > 1:
        if len(present) == 1:
            reason = f"only {english_name(present[0].lang)} has text here"
        else:
            reason = f"no {_and(english_name(m) for m in missing)} text here"
        flags.append(Flag("unaligned", reason))
    if bead.status != "manual" and bead.cert < review_below:
        flags.append(
            Flag(
                "low-confidence",
                f"alignment confidence {score(bead.cert)} is below {score(review_below)}",
            )
        )
    differ = _numbers_reason(present) if compare_numbers else None
    if differ:
        flags.append(Flag("numbers-differ", differ))
    return Row(
        number=number,
        bead=bead.id,
        cells=cells,
        cert=bead.cert,
        status=bead.status,
        shape="-".join(str(len(c.texts)) for c in cells),
        flags=tuple(flags),
    )


def _numbers_reason(cells: Sequence[Cell]) -> str | None:
    """Say how the numbers differ between cells, or return None when they agree."""
    if len(cells) < 2:
        return None
    found = {c.lang: read_numbers(" ".join(t.text for t in c.texts), lang=c.lang) for c in cells}
    counts = {lang: Counter(n.value for n in found[lang]) for lang in found}
    tally = Counter(tuple(sorted(c.items())) for c in counts.values())
    if len(tally) == 1:
        return None
    usual = max(tally, key=lambda k: tally[k])  # first-seen wins a tie: Counter keeps order
    expected = Counter(dict(usual))
    parts = []
    for lang, count in counts.items():
        if count == expected:
            continue
        written = {n.value: n.written for n in reversed(found[lang])}
        extra = [written[v] for v in sorted((count - expected).elements())]
        lacking = sorted((expected - count).elements())
        said = []
        if extra:
            said.append(f"has {', '.join(extra)}")
        if lacking:
            said.append(f"lacks {', '.join(plain(v) for v in lacking)}")
        parts.append(f"{english_name(lang)} {' and '.join(said)}")
    return "numbers differ: " + "; ".join(parts)


def score(cert: float) -> str:
    """Format an alignment score the same way in every format.

    >>> score(0.6249), score(1.0)
    ('0.62', '1.00')
    """
    return f"{cert:.2f}"


def plural(n: int, noun: str) -> str:
    """Return ``n noun`` with a plural -s when needed.

    >>> plural(1, "bead"), plural(12, "bead")
    ('1 bead', '12 beads')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _and(words: Iterable[str]) -> str:
    """Join words as a list in English.

    >>> _and(["Spanish"]), _and(["Spanish", "French"]), _and(["a", "b", "c"])
    ('Spanish', 'Spanish and French', 'a, b and c')
    """
    items = list(words)
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _source_date(document: Document, langs: Sequence[str]) -> str | None:
    """Return the date of the original if shown, else of the first shown version that has one."""
    ordered = sorted(langs, key=lambda lang: lang != document.original)
    return next((date for lang in ordered if (date := document.version(lang).date)), None)
