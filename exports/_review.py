"""The rows a reviewer reads in a spreadsheet (CSV, XLSX), built from the side-by-side table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aligner.model import Document
from exports import ExportOptions
from exports.table import Cell, Row, build_table, plural

__all__ = ["ReviewRow", "ReviewTable", "review_table", "starts_like_formula"]

# what Excel, LibreOffice and Google Sheets take for the start of a formula (OWASP's list)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def review_table(
    documents: Sequence[Document], chosen: Sequence[str], options: ExportOptions
) -> ReviewTable:
    """Build spreadsheet rows from each document's side-by-side table.

    Columns: [document,] bead, shape, score, status, flags, reasons, then a text per
    language; the document column only when there are several documents. A language a
    document has no version in stays blank. In a cell, paragraphs are separated by a blank
    line and a paragraph that opens a speaker turn starts with its label, as printed.
    The first row of a run of beads some chosen languages lack is flagged ``missing-run``,
    with what the run holds as its reason.
    """
    several = len(documents) > 1
    names: dict[str, str] = {}
    rows: list[ReviewRow] = []
    left_out = 0
    for document in documents:
        present = tuple(lang for lang in chosen if lang in document.langs)
        table = build_table(
            document, present, level=options.level_for(document), review_below=options.review_below
        )
        names.update((c.lang, c.name) for c in table.columns)
        level = options.level_for(document)
        stored = document.sentences if level == "sentence" else document.paragraphs
        left_out += sum(not any(b.ids(lang) for lang in present) for b in stored.beads)
        for row in table.rows:
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
    return ReviewTable(header, tuple(chosen), tuple(rows), left_out)


def _cell_text(cell: Cell) -> str:
    return "\n\n".join(f"{t.speaker} {t.text}" if t.speaker else t.text for t in cell.paragraphs())


def starts_like_formula(text: str) -> bool:
    r"""Tell whether a spreadsheet would read ``text`` typed into a cell as a formula.

    >>> [starts_like_formula(t) for t in ("=1+1", "-5 °C", "@user", "\tx", "a = b", "")]
    [True, True, True, True, False, False]
    """
    return text.startswith(_FORMULA_START)
