"""Translation units: a document's beads at one level with their text per language.

Shared by the translator formats (TMX, XLIFF, CSV, XLSX). At sentence level a heading has
no sentences, so it comes from its paragraph bead and is placed before the sentence beads
of the paragraph beads that follow it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib import metadata

from aligner.errors import ExportError
from aligner.model import Bead, Block, Document, Level, Status
from exports import ExportOptions
from exports.table import Cell, Row, build_table

__all__ = [
    "ReviewRow",
    "ReviewTable",
    "Unit",
    "export_time",
    "languages",
    "plural",
    "review_table",
    "score",
    "tool_version",
    "units",
]


@dataclass(frozen=True)
class Unit:
    """One bead of one document, with the text each language contributes."""

    document: str
    id: str
    cert: float
    status: Status
    texts: Mapping[str, tuple[str, ...]]  # lang -> paragraph or sentence texts, in order
    heading: bool = False

    def has(self, lang: str) -> bool:
        return bool(self.texts.get(lang))

    def text(self, lang: str, sep: str = " ") -> str:
        """Return the text of ``lang`` (several paragraphs or sentences joined by ``sep``)."""
        return sep.join(self.texts.get(lang, ()))

    def shape(self, langs: Sequence[str]) -> str:
        """Return how many segments each of ``langs`` contributes, e.g. ``2-1-0``."""
        return "-".join(str(len(self.texts.get(lang, ()))) for lang in langs)

    def flag(self, langs: Sequence[str], low_confidence: float) -> str:
        """Return why a reviewer should look at this unit ("" when there is no reason)."""
        if not all(self.has(lang) for lang in langs):
            return "unaligned"
        # A person who corrected the alignment vouches for it, whatever the score says.
        if self.status != "manual" and self.cert < low_confidence:
            return "low confidence"
        return ""


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


def languages(documents: Sequence[Document], chosen: Sequence[str] | None) -> tuple[str, ...]:
    """Return ``chosen`` after checking every document has them, else all languages in order.

    Languages are taken in the order they first appear across the documents.
    """
    if chosen is None:
        seen: dict[str, None] = {}
        for document in documents:
            seen.update(dict.fromkeys(document.langs))
        return tuple(seen)
    for document in documents:
        missing = [lang for lang in chosen if lang not in document.langs]
        if missing:
            raise ExportError(
                f"language {', '.join(missing)} is not in the document "
                f"(it has {', '.join(document.langs)})",
                path=document.id,
            )
    return tuple(dict.fromkeys(chosen))


def _parse_time(value: str, document: Document) -> datetime:
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise ExportError(f"date {value!r} is not ISO 8601", path=document.id) from None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def export_time(documents: Sequence[Document]) -> datetime:
    """Return the latest creation or change time of ``documents``, in UTC.

    Exports are stamped with this rather than the clock, so the same documents always give
    the same bytes.
    """
    return max(
        _parse_time(value, document)
        for document in documents
        for value in (document.created, *(change.when for change in document.changes))
    )


def tool_version(documents: Sequence[Document]) -> str:
    """Return the version of the installed aligner, else the one that made the documents."""
    try:
        return metadata.version("aligner")
    except metadata.PackageNotFoundError:
        made_by = sorted({d.app_version for d in documents if d.app_version})
        return made_by[-1] if made_by else "unknown"


def units(document: Document, level: Level) -> Iterator[Unit]:
    """Yield the units of ``document`` at ``level``, in reading order."""
    blocks: dict[str, dict[str, Block]] = {
        v.lang: {b.id: b for b in v.blocks} for v in document.versions
    }
    if level == "paragraph":
        for bead in document.paragraphs.beads:
            found = _blocks(document, bead, blocks)
            yield Unit(
                document=document.id,
                id=bead.id,
                cert=bead.cert,
                status=bead.status,
                texts={lang: tuple(b.text for b in bs) for lang, bs in found.items()},
                heading=all(b.kind == "head" for bs in found.values() for b in bs),
            )
        return
    if document.paragraphs.beads and not document.sentences.beads:
        raise ExportError(
            "the document is aligned by paragraph only; export it at paragraph level",
            path=document.id,
        )
    yield from _sentence_units(document, blocks)


def _blocks(
    document: Document, bead: Bead, blocks: Mapping[str, Mapping[str, Block]]
) -> dict[str, list[Block]]:
    found: dict[str, list[Block]] = {}
    for lang, ids in bead.members.items():
        if not ids:
            continue
        try:
            found[lang] = [blocks[lang][block_id] for block_id in ids]
        except KeyError:
            raise ExportError(
                f"bead {bead.id} points to {', '.join(ids)}, which the {lang} version lacks",
                path=document.id,
            ) from None
    return {lang: found[lang] for lang in document.langs if lang in found}


def _sentence_units(
    document: Document, blocks: Mapping[str, Mapping[str, Block]]
) -> Iterator[Unit]:
    position: dict[str, int] = {}  # block id -> index of its paragraph bead
    headings: deque[tuple[int, Unit]] = deque()
    for index, bead in enumerate(document.paragraphs.beads):
        found = _blocks(document, bead, blocks)
        for bs in found.values():
            position.update((b.id, index) for b in bs)
        heads = {lang: tuple(b.text for b in bs if b.kind == "head") for lang, bs in found.items()}
        if any(heads.values()):
            texts = {lang: ts for lang, ts in heads.items() if ts}
            unit = Unit(document.id, bead.id, bead.cert, bead.status, texts, heading=True)
            headings.append((index, unit))

    sentences: dict[str, dict[str, tuple[str, str]]] = {
        lang: {s.id: (s.text, b.id) for b in bs.values() for s in b.sentences}
        for lang, bs in blocks.items()
    }
    for bead in document.sentences.beads:
        found_texts: dict[str, tuple[str, ...]] = {}
        first = None
        for lang, ids in bead.members.items():
            if not ids:
                continue
            try:
                hits = [sentences[lang][sentence_id] for sentence_id in ids]
            except KeyError:
                raise ExportError(
                    f"bead {bead.id} points to {', '.join(ids)}, which the {lang} version lacks",
                    path=document.id,
                ) from None
            found_texts[lang] = tuple(text for text, _ in hits)
            for _, block_id in hits:
                if block_id in position and (first is None or position[block_id] < first):
                    first = position[block_id]
        texts = {lang: found_texts[lang] for lang in document.langs if lang in found_texts}
        while headings and first is not None and headings[0][0] <= first:
            yield headings.popleft()[1]
        yield Unit(document.id, bead.id, bead.cert, bead.status, texts)
    for _, unit in headings:
        yield unit


@dataclass(frozen=True)
class ReviewRow:
    """One spreadsheet row: the table row it shows and its cell values."""

    row: Row
    values: tuple[str | float, ...]

    @property
    def heading(self) -> bool:
        return any(t.kind == "heading" for c in self.row.cells for t in c.texts)


@dataclass(frozen=True)
class ReviewTable:
    """The rows a reviewer reads in a spreadsheet, one per bead, a column per language."""

    header: tuple[str, ...]
    langs: tuple[str, ...]
    rows: tuple[ReviewRow, ...]
    left_out: int  # beads with no text in any chosen language

    @property
    def notes(self) -> tuple[str, ...]:
        if not self.left_out:
            return ()
        wanted = ", ".join(self.langs)
        return (f"{plural(self.left_out, 'bead')} with no text in {wanted} left out",)


def review_table(documents: Sequence[Document], options: ExportOptions) -> ReviewTable:
    """Build spreadsheet rows from each document's side-by-side table (exports.table).

    Columns: [document,] bead, shape, score, status, flags, reasons, then a text per
    language; the document column only when there are several documents. A language a
    document has no version in stays blank. In a cell, paragraphs are separated by a blank
    line and a paragraph that opens a speaker turn starts with its label, as printed.
    """
    chosen = languages(documents, options.langs)
    several = len(documents) > 1
    names: dict[str, str] = {}
    rows: list[ReviewRow] = []
    left_out = 0
    for document in documents:
        present = tuple(lang for lang in chosen if lang in document.langs)
        table = build_table(document, replace(options, langs=present))
        names.update((c.lang, c.name) for c in table.columns)
        for row in table.rows:
            if all(cell.empty for cell in row.cells):
                left_out += 1
                continue
            texts = {cell.lang: _cell_text(cell) for cell in row.cells}
            values: tuple[str | float, ...] = (
                *((document.id,) if several else ()),
                row.bead,
                "-".join(
                    str(len(row.cell(lang).texts)) if lang in texts else "0" for lang in chosen
                ),
                round(row.cert, 2),
                row.status,
                ", ".join(flag.kind for flag in row.flags),
                row.reasons,
                *(texts.get(lang, "") for lang in chosen),
            )
            rows.append(ReviewRow(row, values))
    header = (
        *(("document",) if several else ()),
        "bead",
        "shape",
        "score",
        "status",
        "flags",
        "reasons",
        *(f"{lang} ({names[lang]})" if lang in names else lang for lang in chosen),
    )
    return ReviewTable(header, chosen, tuple(rows), left_out)


def _cell_text(cell: Cell) -> str:
    return "\n\n".join(f"{t.speaker} {t.text}" if t.speaker else t.text for t in cell.paragraphs())
