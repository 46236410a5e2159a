"""Build one format-neutral side-by-side table from a document.

Every renderer but TEI (DOCX, PDF, CSV, XLSX, TMX, XLIFF) starts from :func:`build_table`:
one :class:`Row` per bead, one :class:`Cell` per chosen language, and the flags a reader
should look at twice.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from aligner.errors import ExportError
from aligner.model import Bead, Block, Document, Level, Status
from aligner.review import needs_review
from aligner.views import View, view
from exports import REVIEW_BELOW, ExportOptions
from languages.numbers import Number, plain, quantities
from languages.profiles import english_name, language_name, language_tag

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
    "page_table",
    "plural",
    "region_tag",
    "score",
]

TextKind = Literal["heading", "paragraph"]
FlagKind = Literal["missing-run", "unaligned", "low-confidence", "numbers-differ", "omission"]

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
        document, langs, level=options.level_for(document), review_below=options.review_below
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
) -> Table:
    """Lay ``document`` out as rows of beads and a column per language of ``langs``.

    ``langs`` are languages of the document, in column order (:func:`exports.languages`
    checks a choice). A bead the aligner scored below ``review_below`` is flagged.

    At sentence level, headings (which have no sentences) come from their paragraph bead and
    sit before the first sentence bead of a later paragraph bead. Without ``compare_texts``
    no row is flagged ``numbers-differ`` or ``omission``: the translation-memory formats have
    nowhere to show it, and reading every number is most of the time a table takes.
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
    laid_out = list(units)
    scale = _length_scale([cells for _, cells, _ in laid_out]) if compare_texts else {}
    gap_of = {bead: gap for gap in seen.gaps for bead in gap.beads}
    names = {lang: english_name(lang) for lang in langs}
    opened: set[str] = set()
    rows = []
    for number, (bead, cells, paragraph) in enumerate(laid_out, start=1):
        row = _row(
            number, bead, cells, review_below=review_below, compare=compare_texts, scale=scale
        )
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
        columns=tuple(
            Column(lang, language_name(lang), region_tag(document, lang)) for lang in langs
        ),
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
    compare: bool,
    scale: dict[str, float],
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
    if needs_review(bead.cert, bead.status, below=review_below):
        flags.append(
            Flag(
                "low-confidence",
                f"alignment confidence {score(bead.cert)} is below {score(review_below)}",
            )
        )
    if compare:
        differ = _numbers_reason(present)
        if differ:
            flags.append(Flag("numbers-differ", differ))
        shorter = _omission_reason(present, scale)
        if shorter:
            flags.append(Flag("omission", shorter))
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
    """Say which version puts another number where the others agree, or return None.

    Quantities are compared by value (:func:`languages.numbers.quantities`: scale words,
    times, dates written either way). A version is flagged only when it has a number the
    others lack *and* lacks one they have: a number said in words, a date on a line of its
    own or "Article premier" only go missing in one version, and a reviewer stops reading
    flags that cry wolf. Against several versions "the others" are the numbers most of them
    share; between two, each is held against the first.
    """
    if len(cells) < 2:
        return None
    found = {c.lang: quantities(c.text, lang=c.lang) for c in cells}
    parts = []
    for lang, (extra, lacking) in numbers_off(found).items():
        written = {q.value: q.written for q in reversed(found[lang])}
        shown = ", ".join(written[v] for v in sorted(extra.elements()))
        missed = ", ".join(_spoken(v) for v in sorted(lacking.elements()))
        parts.append(f"{english_name(lang)} has {shown} and lacks {missed}")
    return "numbers differ: " + "; ".join(parts) if parts else None


def numbers_off(
    found: Mapping[str, Sequence[Number]],
) -> dict[str, tuple[Counter[Decimal], Counter[Decimal]]]:
    """Return, per version whose numbers differ, what it has that the others lack and the reverse.

    ``found`` holds each version's quantities (:func:`languages.numbers.quantities`). The rule
    is :func:`_numbers_reason`'s: against several versions "the others" are the numbers most
    of them share; between two, the second is held against the first. The page marks the
    beads this returns something for, so the page and the downloads flag the same beads.

    >>> from languages.numbers import quantities as q
    >>> off = numbers_off({"de": q("210 Gäste", lang="de"), "en": q("120 guests", lang="en")})
    >>> {lang: (sorted(extra), sorted(lacking)) for lang, (extra, lacking) in off.items()}
    {'en': ([Decimal('120')], [Decimal('210')])}
    >>> numbers_off({"ru": q("90 тыс. гостей", lang="ru"), "en": q("90,000 guests", lang="en")})
    {}
    """
    counts = {lang: Counter(q.value for q in numbers) for lang, numbers in found.items()}
    if len(counts) < 2:
        return {}
    if len(counts) == 2:
        first, second = counts
        expected = {second: counts[first]}
    else:
        shared = _majority(list(counts.values()))
        expected = dict.fromkeys(counts, shared)
    off = {}
    for lang, want in expected.items():
        have = counts[lang]
        extra, lacking = have - want, want - have
        if extra and lacking:
            off[lang] = (extra, lacking)
    return off


def _spoken(value: Decimal) -> str:
    """Write a number for a reason line, large ones with their scale word.

    >>> _spoken(Decimal(12500000)), _spoken(Decimal("2.4E+9")), _spoken(Decimal(90000))
    ('12.5 million', '2.4 billion', '90000')
    """
    for size, word in ((10**9, "billion"), (10**6, "million")):
        if value >= size:
            return f"{plain(value / size)} {word}"
    return plain(value)


def _majority(counts: Sequence[Counter[Decimal]]) -> Counter[Decimal]:
    """Return the numbers more than half of the versions have, each as often as they have it.

    >>> _majority([Counter([1, 2]), Counter([1, 2]), Counter([1, 3])]) == Counter([1, 2])
    True
    """
    values = set().union(*counts)
    shared: Counter[Decimal] = Counter()
    for value in values:
        times = sorted((c[value] for c in counts), reverse=True)
        shared[value] = times[len(counts) // 2]  # what more than half have at least
    return +shared


# A version shorter than this share of the others (after allowing for how long the language
# runs in this document) looks like it leaves something out; with fewer sentences than every
# other version, a milder shortfall does. Shorter rows vary too much to tell.
_SHORT = 0.6
_SHORT_WITH_FEWER_SENTENCES = 0.8
_MIN_LENGTH = 60
_SENTENCE_END = re.compile(r"[.!?…](?=\s+\S|$)")


def _length_scale(rows: Sequence[tuple[Cell, ...]]) -> dict[str, float]:
    """Return how long each language runs against the others in this document (mean 1).

    Only rows every language has text in count, so a missing paragraph does not skew it.
    """
    totals: Counter[str] = Counter()
    for cells in rows:
        if cells and all(not c.empty for c in cells):
            for c in cells:
                totals[c.lang] += len(c.text)
    if len(totals) < 2:
        return {}
    mean = sum(totals.values()) / len(totals)
    return {lang: total / mean for lang, total in totals.items()}


def _omission_reason(cells: Sequence[Cell], scale: dict[str, float]) -> str | None:
    """Say which version looks to leave out a sentence or a clause the others have.

    Needs three versions or more: the shortfall is judged against what the others agree on.
    """
    if len(cells) < 3 or any(c.lang not in scale for c in cells):
        return None
    size = {c.lang: len(c.text) / scale[c.lang] for c in cells}
    sentences = {c.lang: len(_SENTENCE_END.findall(c.text.strip())) for c in cells}
    parts = []
    for c in cells:
        others = sorted(v for lang, v in size.items() if lang != c.lang)
        typical = others[len(others) // 2]
        if typical < _MIN_LENGTH:
            continue
        share = size[c.lang] / typical
        fewer = all(sentences[c.lang] < n for lang, n in sentences.items() if lang != c.lang)
        if share < _SHORT or (fewer and share < _SHORT_WITH_FEWER_SENTENCES):
            what = "a sentence" if fewer else "a clause or a sentence"
            parts.append(
                f"the {english_name(c.lang)} text is {share:.0%} as long as the others: "
                f"{what} may be missing"
            )
    return "; ".join(parts) if parts else None


def region_tag(document: Document, lang: str) -> str:
    """Return a language's BCP 47 tag with the region its version declares, else the likely one.

    The region is the one the source file's name gives (``en-GB.txt``, ``press.pt_BR.html``).
    """
    version = next((v for v in document.versions if v.lang == lang), None)
    name = (version.source.filename or "") if version is not None else ""
    found = re.search(
        rf"(?:^|[^A-Za-z]){re.escape(lang)}[-_]([A-Z]{{2}})(?=[^A-Za-z]|$)",
        name.rsplit("/", 1)[-1],
    )
    return f"{lang}-{found[1]}" if found else language_tag(lang)


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
