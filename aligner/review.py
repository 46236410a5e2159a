"""What a reviewer's corrections do when an exported table comes back.

:func:`import_review` reads an exported XLSX or DOCX table back after review (the format's
own ``read``, over the columns of :mod:`exports._review`) and turns what the reviewer did
in it into the edits the API makes (:mod:`aligner.edit`). Which beads ask for review in
the first place is :mod:`aligner.flags`' to say (:data:`REVIEW_BELOW`, :func:`needs_review`,
named here too for callers that know them from here).
"""

from __future__ import annotations

import importlib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from aligner import edit
from aligner._zip import check_zip, open_zip
from aligner.errors import FormatError, InputError
from aligner.flags import REVIEW_BELOW, needs_review
from aligner.model import Bead, Document, Person
from exports import FORMATS
from exports._review import ReviewedRow, ReviewedTable
from exports.table import build_table
from languages.identify import check

__all__ = [
    "REVIEW_BELOW",
    "ReviewError",
    "ReviewedRow",
    "ReviewedTable",
    "apply_review",
    "import_review",
    "needs_review",
    "read_reviewed",
    "reviewer",
]

# core.xml comes from outside: no entities, no network, no huge trees
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def import_review(
    document: Document, data: bytes, *, path: str, editor: Person
) -> tuple[Document, tuple[str, ...]]:
    """Apply a reviewed XLSX or DOCX table (``data``, read from ``path``) to ``document``.

    Return the corrected document and one line per edit made; see :func:`apply_review`.
    """
    return apply_review(
        document, read_reviewed(data, document, path=path), editor=editor, path=path
    )


def reviewer(data: bytes, *, path: str = "the review table") -> str | None:
    """Return who last saved an Office file (its ``lastModifiedBy``), unless it was us.

    A package that would inflate too far is refused (:func:`aligner._zip.check_zip`).
    """
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with open_zip(data, path=path, kind="XLSX or DOCX") as archive:
            core = etree.fromstring(archive.read("docProps/core.xml"), _SAFE_XML)
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None
    found = core.find(
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy"
    )
    name = (found.text or "").strip() if found is not None else ""
    return name if name and name != "aligner" else None


# -- import-review ---------------------------------------------------------------------------

# what a reviewer may write in the status column (or, in a DOCX, after the row number)
_CONFIRMED = frozenset({"confirmed", "confirm", "ok", "✓", "✔", "yes", "manual"})
_UNCHANGED = frozenset({"", "auto"})


@dataclass(frozen=True)
class _Target:
    row: ReviewedRow
    members: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class _Group:
    """A run of original beads and the reviewed rows that hold exactly their items."""

    beads: tuple[Bead, ...]
    rows: tuple[_Target, ...]


class ReviewError(InputError):
    """A reviewed table that cannot be applied; ``.problems`` says where, by row and column."""

    def __init__(self, problems: Sequence[str], *, path: str | None = None) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems), path=path)


def apply_review(
    document: Document,
    table: ReviewedTable,
    *,
    editor: Person,
    path: str | None = None,
) -> tuple[Document, tuple[str, ...]]:
    """Apply what a reviewer did in an exported table as the edits the API makes.

    Return the corrected document and one line per edit. Each edit is one of the operations
    the HTTP API applies (:data:`aligner.edit.OPERATIONS`): a row confirmed in the status
    column is a ``Confirm``; text moved to the row above or below within one language column
    a ``Move``; rows joined a ``Merge``; a row split into a new row a ``Split``. Nothing is
    applied unless every row maps: otherwise :class:`ReviewError` lists the problems by row
    and column.
    """
    langs = tuple(table.columns)
    problems = _language_problems(document, table)
    if any(lang not in document.langs for lang in langs):
        raise ReviewError(problems, path=path)
    shown = _shown(document, langs)
    exported = [bead for bead, _ in shown]
    targets, found = _targets(table, shown, langs)
    problems += found
    if problems:
        raise ReviewError(problems, path=path)
    groups = _groups(exported, targets, langs)
    position = {b.id: i for i, b in enumerate(document.paragraphs.beads)}
    done: list[str] = []
    result = document
    # from the last group back, so the positions of the beads before each stay as they were
    for group in reversed(groups):
        start = position[group.beads[0].id]
        if position[group.beads[-1].id] - start != len(group.beads) - 1:
            raise ReviewError(
                [
                    f"row {group.rows[0].row.number}: the rows join or split across a bead with "
                    f"no text in {', '.join(langs)}; export every language to correct it"
                ],
                path=path,
            )
        try:
            result, said = _apply_group(result, group, start, langs, editor)
        except edit.EditError as exc:
            raise ReviewError(
                [f"row {group.rows[0].row.number}: {exc.message}"], path=path
            ) from None
        done[:0] = said
    return result, tuple(done)


def _language_problems(document: Document, table: ReviewedTable) -> list[str]:
    """Refuse a text column whose text reads as another of the document's languages."""
    problems = []
    for lang, label in table.columns.items():
        if lang not in document.langs:
            problems.append(
                f"column {label}: the document has no {lang} version "
                f"(it has {', '.join(document.langs)})"
            )
            continue
        text = "\n".join(row.texts.get(lang, "") for row in table.rows)
        warning = check(text, lang, document.langs)
        if warning:
            problems.append(f"column {label}: {warning}")
    return problems


def _flat(text: str) -> str:
    """Return ``text`` with every run of whitespace (line and paragraph breaks) as one space.

    >>> _flat(" Art. 1\\n\\nAll  human beings ")
    'Art. 1 All human beings'
    """
    return " ".join(text.split())


_Items = dict[str, list[tuple[str, str]]]  # language -> (item id, text as printed)


def _shown(document: Document, langs: Sequence[str]) -> list[tuple[Bead, _Items]]:
    """Return the beads the table shows and, per language, each item's id and printed text.

    These are the rows of the side-by-side table the exports print, with the speaker label
    before a paragraph that opens a turn, and without rows that have no text at all.
    """
    by_id = {b.id: b for b in document.paragraphs.beads}
    shown = []
    for row in build_table(document, langs).rows:
        if all(cell.empty for cell in row.cells):
            continue
        items = {
            cell.lang: [
                (t.id, _flat(f"{t.speaker} {t.text}" if t.speaker else t.text)) for t in cell.texts
            ]
            for cell in row.cells
        }
        shown.append((by_id[row.bead], items))
    return shown


def _targets(
    table: ReviewedTable,
    shown: Sequence[tuple[Bead, _Items]],
    langs: Sequence[str],
) -> tuple[list[_Target], list[str]]:
    """Read which items each reviewed row holds, language by language, in order."""
    problems: list[str] = []
    members: dict[int, dict[str, tuple[str, ...]]] = {i: {} for i in range(len(table.rows))}
    for lang in langs:
        items = [item for _, texts in shown for item in texts[lang]]
        k = 0
        for i, row in enumerate(table.rows):
            rest = _flat(row.texts.get(lang, ""))
            taken: list[str] = []
            while rest:
                if k < len(items) and (rest == items[k][1] or rest.startswith(items[k][1] + " ")):
                    taken.append(items[k][0])
                    rest = rest[len(items[k][1]) + 1 :]
                    k += 1
                    continue
                excerpt = rest if len(rest) <= 40 else rest[:37] + "..."
                expected = f"; the next {lang} text is {items[k][0]}" if k < len(items) else ""
                problems.append(
                    f"row {row.number}, column {table.columns[lang]}: {excerpt!r} is not the "
                    f"stored {lang} text in its order (text may move between rows, not change"
                    f"{expected})"
                )
                break
            else:
                members[i][lang] = tuple(taken)
                continue
            break
        else:
            if k < len(items):
                missing, text = items[k]
                problems.append(
                    f"column {table.columns[lang]}: {missing} ({text[:37]!r}) is missing; "
                    "text may move between rows, not go"
                )
    for row in table.rows:
        mark = row.mark.strip().casefold()
        if mark not in _CONFIRMED | _UNCHANGED:
            problems.append(
                f"row {row.number}, column status: {row.mark!r} is not a status; "
                "write 'confirmed' to confirm a row"
            )
    targets = [
        _Target(row, {lang: members[i].get(lang, ()) for lang in langs})
        for i, row in enumerate(table.rows)
        if any(members[i].values())
    ]
    return targets, problems


def _groups(
    beads: Sequence[Bead], targets: Sequence[_Target], langs: Sequence[str]
) -> list[_Group]:
    """Cut beads and rows into runs that hold the same items of every language.

    A run is one bead and one row when nothing moved; two beads and one row when they were
    joined; one bead and two rows when it was split; two and two when text moved between them.
    """
    groups: list[_Group] = []
    i = j = 0
    while i < len(beads) and j < len(targets):
        start = i, j
        used = {lang: len(beads[i].ids(lang)) for lang in langs}
        shown = {lang: len(targets[j].members[lang]) for lang in langs}
        i, j = i + 1, j + 1
        while used != shown:
            if any(used[lang] > shown[lang] for lang in langs) and j < len(targets):
                for lang in langs:
                    shown[lang] += len(targets[j].members[lang])
                j += 1
            elif i < len(beads):
                for lang in langs:
                    used[lang] += len(beads[i].ids(lang))
                i += 1
            else:  # pragma: no cover - both sides hold the same items, so they meet
                break
        groups.append(_Group(tuple(beads[start[0] : i]), tuple(targets[start[1] : j])))
    return groups


def _apply_group(
    document: Document, group: _Group, start: int, langs: Sequence[str], editor: Person
) -> tuple[Document, list[str]]:
    """Make the beads of ``group`` (the first at ``start``) hold what its rows hold."""
    rows, beads = group.rows, group.beads
    if len(beads) == 1:
        mark = rows[0].row.mark.strip().casefold()
        if len(rows) == 1 and mark in _CONFIRMED and beads[0].status != "manual":
            confirmed = edit.Confirm(_at(document, start)).apply(document, editor=editor)
            return confirmed, [f"row {rows[0].row.number}: confirmed"]
    if len(beads) == len(rows) > 1:
        moved = _moves(document, group, start, langs, editor)
        if moved is not None:
            return moved
    said = []
    for _ in range(len(beads) - 1):
        document = edit.Merge(_at(document, start)).apply(document, editor=editor)
    if len(beads) > 1:
        said.append(f"row {rows[0].row.number}: joined {len(beads)} rows")
    for r in range(1, len(rows)):
        later = {
            lang: next(ids[0] for t in rows[r:] if (ids := t.members[lang]))
            for lang in langs
            if any(t.members[lang] for t in rows[r:])
        }
        document = edit.Split(_at(document, start + r - 1), later).apply(document, editor=editor)
        said.append(f"row {rows[r].row.number}: split from row {rows[r - 1].row.number}")
    return document, said


def _moves(
    document: Document, group: _Group, start: int, langs: Sequence[str], editor: Person
) -> tuple[Document, list[str]] | None:
    """Move text across the boundaries between the group's rows, one paragraph at a time.

    Return None when a move would empty a bead on the way (then rows are joined and split).
    """
    rows = group.rows
    count = len(document.paragraphs.beads)
    said = []
    for b in range(len(rows) - 1):
        for lang in langs:
            have = len(document.paragraphs.beads[start + b].ids(lang))
            want = len(rows[b].members[lang])
            for _ in range(abs(want - have)):
                if want > have:
                    up = edit.Move(_at(document, start + b + 1), lang, "prev")
                    document = up.apply(document, editor=editor)
                else:
                    down = edit.Move(_at(document, start + b), lang, "next")
                    document = down.apply(document, editor=editor)
                if len(document.paragraphs.beads) != count:
                    return None
            if want != have:
                into = rows[b] if want > have else rows[b + 1]
                said.append(
                    f"row {into.row.number}: moved {abs(want - have)} {lang} paragraph"
                    f"{'s' if abs(want - have) > 1 else ''} into it"
                )
    return document, said


def _at(document: Document, position: int) -> str:
    return document.paragraphs.beads[position].id


def read_reviewed(data: bytes, document: Document, *, path: str) -> ReviewedTable:
    """Read an exported review table back, as the reviewer left it.

    The format is the first of :data:`exports.FORMATS` that reads files back and recognises
    ``data`` as one of its own. A package is checked first, as every DOCX input is
    (:func:`aligner._zip.check_zip`): a ZIP bomb is refused before anything inflates.
    """
    if data.startswith(b"PK\x03\x04"):
        check_zip(data, path=path, kind="review table")
    readers = [importlib.import_module(f.module) for f in FORMATS.values() if f.reads]
    for module in readers:
        if module.recognise(data):
            table: ReviewedTable = module.read(data, document, path=path)
            return table
    raise FormatError("not an XLSX or DOCX file", path=path)
