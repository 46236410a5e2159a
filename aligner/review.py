"""What a reviewer's corrections do when an exported table comes back.

:func:`import_review` reads an exported CSV, XLSX or DOCX table back after review (the
format's own ``read``, over the columns of :mod:`exports._review`) and turns what the reviewer did
in it into the edits the API makes (:mod:`aligner.edit`). Which beads ask for review in
the first place is :mod:`aligner.flags`' to say (:data:`REVIEW_BELOW`, :func:`needs_review`,
named here too for callers that know them from here).
"""

from __future__ import annotations

import importlib
import os
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from lxml import etree

from aligner import edit
from aligner._clock import utc_now
from aligner._zip import check_zip, open_zip
from aligner.errors import FormatError, InputError, ValidationError
from aligner.flags import REVIEW_BELOW, needs_review
from aligner.ids import lang_of
from aligner.invariants import bead_problems
from aligner.model import Bead, Change, Document, Level, Person
from aligner.store import NotFound, Store, is_safe_id
from aligner.tei import read_tei
from exports import FORMATS
from exports._review import ReviewedRow, ReviewedTable
from exports.table import build_table
from languages.identify import check

__all__ = [
    "REVIEW_BELOW",
    "ReviewError",
    "RevisionConflict",
    "ReviewedRow",
    "ReviewedTable",
    "apply_review",
    "import_review",
    "needs_review",
    "next_revision",
    "read_reviewed",
    "reviewer",
    "same_revision",
    "store_reviewed",
]

# core.xml comes from outside: no entities, no network, no huge trees
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def import_review(
    document: Document, data: bytes, *, path: str, editor: Person
) -> tuple[Document, tuple[str, ...]]:
    """Apply a reviewed CSV, XLSX or DOCX table (``data``, read from ``path``) to ``document``.

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
    """A run of stored beads and the reviewed rows that hold exactly their items."""

    beads: tuple[Bead, ...]  # as the table's languages see them
    rows: tuple[_Target, ...]
    start: int  # the position of the first bead among the stored beads of its level


@dataclass(frozen=True)
class _Shown:
    """A row of the table the document shows now, and its items by language."""

    bead: str
    items: dict[str, list[tuple[str, str]]]  # language -> (item id, text as printed)
    heading: bool


@dataclass(frozen=True)
class _Step:
    """What one group of rows asks for, in the words of the file, and how to do it."""

    rows: tuple[_Target, ...]
    kind: str  # "confirm", "confirm-heading", "change"
    said: str  # what was done, naming the beads as the document had them before
    group: _Group | None = None
    bead: str = ""  # the bead a confirm is about (stored id)


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

    Return the corrected document and one line per edit. Each edit is made with the
    operations the HTTP API applies (:data:`aligner.edit.OPERATIONS`), at the table's level
    (paragraph or sentence beads): a row confirmed in the status column is a ``Confirm``;
    text moved to the row above or below within one language column a ``Move``; rows joined
    a ``Merge``; a row split into a new row a ``Split``. Rows are found by their text, and
    a row's ``ref`` (the units it held when exported) tells what the reviewer changed from
    what the document changed since: rows the reviewer left as exported keep what the
    document has now, and a row changed where the document changed too is a conflict. The
    change log names the rows and the bead ids the file shows, and what they are now.
    Nothing is applied unless every row maps: otherwise :class:`ReviewError` lists the
    problems by row and column.
    """
    langs = tuple(table.columns)
    level = table.level
    problems = _language_problems(document, table)
    if any(lang not in document.langs for lang in langs):
        raise ReviewError(problems, path=path)
    if level == "sentence" and not document.sentences.beads:
        raise ReviewError(
            ["the table is at sentence level and the document is aligned by paragraph only"],
            path=path,
        )
    shown = _shown(document, langs, level)
    targets, found = _targets(table, shown, langs)
    problems += found
    if problems:
        raise ReviewError(problems, path=path)
    targets, headings, found = _headings_apart(targets, shown)
    problems += found
    stored = document.paragraphs.beads if level == "paragraph" else document.sentences.beads
    listed = [
        (k, replace(b, members={lang: b.ids(lang) for lang in langs}))
        for k, b in enumerate(stored)
        if any(b.ids(lang) for lang in langs)
    ]
    groups = _groups(listed, targets, langs)
    steps, found = _plan(document, table, groups, langs, level)
    problems += found
    steps += _heading_steps(document, headings)
    if problems:
        raise ReviewError(problems, path=path)
    result = document
    # from the last group back, so the positions of the beads before each stay as they were
    for step in reversed(steps):
        try:
            result = _apply(result, step, langs, level, editor)
        except edit.EditError as exc:
            raise ReviewError(
                [f"row {step.rows[0].row.number}: {exc.message}"], path=path
            ) from None
    return _logged(document, result, steps, level, editor, path)


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


def _shown(document: Document, langs: Sequence[str], level: Level) -> list[_Shown]:
    """Return the rows of the table the document shows now, with each item's printed text.

    These are the rows of the side-by-side table the exports print, with the speaker label
    before a paragraph that opens a turn, and without rows that have no text at all.
    """
    shown = []
    for row in build_table(document, langs, level=level, compare_texts=False).rows:
        if all(cell.empty for cell in row.cells):
            continue
        items = {
            cell.lang: [
                (t.id, _flat(f"{t.speaker} {t.text}" if t.speaker else t.text)) for t in cell.texts
            ]
            for cell in row.cells
        }
        heading = level == "sentence" and row.heading
        shown.append(_Shown(row.bead, items, heading))
    return shown


def _targets(
    table: ReviewedTable,
    shown: Sequence[_Shown],
    langs: Sequence[str],
) -> tuple[list[_Target], list[str]]:
    """Read which items each reviewed row holds, language by language, in order."""
    problems: list[str] = []
    members: dict[int, dict[str, tuple[str, ...]]] = {i: {} for i in range(len(table.rows))}
    for lang in langs:
        items = [item for row in shown for item in row.items[lang]]
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


def _headings_apart(
    targets: Sequence[_Target], shown: Sequence[_Shown]
) -> tuple[list[_Target], list[_Target], list[str]]:
    """Set the heading rows of a sentence-level table apart from the sentence rows.

    A heading belongs to a paragraph bead, not to a sentence bead: in a sentence-level
    table its row may be confirmed but must keep what it holds.
    """
    rows = {_key({k: [i for i, _ in v] for k, v in r.items.items()}): r for r in shown if r.heading}
    heads = {i for r in rows.values() for ids in r.items.values() for i, _ in ids}
    sentences, headings, problems = [], [], []
    for target in targets:
        held = {i for ids in target.members.values() for i in ids}
        if not held & heads:
            sentences.append(target)
        elif _key(target.members) in rows:
            headings.append(target)
        else:
            problems.append(
                f"row {target.row.number}: a heading keeps its own row in a sentence-level "
                "table (correct headings in a table exported with --level paragraph)"
            )
    return sentences, headings, problems


def _key(members: Mapping[str, Sequence[str]]) -> frozenset[tuple[str, tuple[str, ...]]]:
    """Return what a row or bead holds, language by language, ignoring empty languages."""
    return frozenset((lang, tuple(ids)) for lang, ids in members.items() if ids)


def _groups(
    beads: Sequence[tuple[int, Bead]], targets: Sequence[_Target], langs: Sequence[str]
) -> list[_Group]:
    """Cut beads and rows into runs that hold the same items of every language.

    A run is one bead and one row when nothing moved; two beads and one row when they were
    joined; one bead and two rows when it was split; two and two when text moved between them.
    """
    groups: list[_Group] = []
    i = j = 0
    while i < len(beads) and j < len(targets):
        start = i, j
        used = {lang: len(beads[i][1].ids(lang)) for lang in langs}
        shown = {lang: len(targets[j].members[lang]) for lang in langs}
        i, j = i + 1, j + 1
        while used != shown:
            if any(used[lang] > shown[lang] for lang in langs) and j < len(targets):
                for lang in langs:
                    shown[lang] += len(targets[j].members[lang])
                j += 1
            elif i < len(beads):
                for lang in langs:
                    used[lang] += len(beads[i][1].ids(lang))
                i += 1
            else:  # pragma: no cover - both sides hold the same items, so they meet
                break
        run = beads[start[0] : i]
        groups.append(_Group(tuple(b for _, b in run), tuple(targets[start[1] : j]), run[0][0]))
    return groups


def _plan(
    document: Document,
    table: ReviewedTable,
    groups: Sequence[_Group],
    langs: Sequence[str],
    level: Level,
) -> tuple[list[_Step], list[str]]:
    """Decide what each group of rows asks for, and refuse what conflicts with the document.

    With ``ref`` cells, a row is *touched* when it holds other units than any row was
    exported with (a row the reviewer added, split off or joined). Without them the
    document's current rows are what was exported.
    """
    refs = any(row.ref for row in table.rows)
    exported = {
        frozenset((lang, tuple(i for i in units if lang_of(i) == lang)) for lang in langs)
        - {(lang, ()) for lang in langs}
        for row in table.rows
        for units in row.ref
    }
    held = [frozenset(i for _, ids in key for i in ids) for key in exported]

    def touched(target: _Target) -> bool:
        return refs and _key(target.members) not in exported

    steps: list[_Step] = []
    problems: list[str] = []
    for group in groups:
        rows, beads = group.rows, group.beads
        confirmed = [t for t in rows if t.row.mark.strip().casefold() in _CONFIRMED]
        if len(beads) == 1 and len(rows) == 1:
            if beads[0].status != "manual" and (confirmed or touched(rows[0])):
                steps.append(_Step(rows, "confirm", "confirmed", group, beads[0].id))
            continue
        if refs and not any(touched(t) for t in rows):
            # the reviewer left these rows as exported: the document changed here since
            # (or a view cut a bead in parts); a confirmed row confirms the bead it lies in
            for target in confirmed:
                mine = {i for ids in target.members.values() for i in ids}
                owners = [b for b in beads if mine & {i for ids in b.members.values() for i in ids}]
                if len(owners) == 1 and owners[0].status != "manual":
                    steps.append(_Step((target,), "confirm", "confirmed", group, owners[0].id))
                elif len(owners) > 1:
                    problems.append(_conflict(target, owners))
            continue
        if group_problem := _gap_problem(document, group, langs, level):
            problems.append(group_problem)
            continue
        for bead in beads:
            owned = frozenset(i for ids in bead.members.values() for i in ids)
            clash = [h for h in held if h & owned and h != owned]
            if clash and (bead.status == "manual" or any(not h <= owned for h in clash)):
                problems.append(_conflict(rows[0], beads))
                break
        else:
            steps.append(_Step(rows, "change", _change_words(group, langs, level), group))
    return steps, problems


def _conflict(target: _Target, beads: Sequence[Bead]) -> str:
    ids = ", ".join(b.id for b in beads)
    return (
        f"row {target.row.number}: the document changed here since the table was exported "
        f"(its text is now in {ids}); export the table again and redo this row"
    )


def _gap_problem(document: Document, group: _Group, langs: Sequence[str], level: Level) -> str:
    """Refuse a join or split across a bead the table does not show (no text in its languages)."""
    stored = document.paragraphs.beads if level == "paragraph" else document.sentences.beads
    last = next(k for k, b in enumerate(stored) if b.id == group.beads[-1].id)
    if last - group.start == len(group.beads) - 1:
        return ""
    return (
        f"row {group.rows[0].row.number}: the rows join or split across a bead with "
        f"no text in {', '.join(langs)}; export every language to correct it"
    )


def _change_words(group: _Group, langs: Sequence[str], level: Level) -> str:
    """Say what the rows of ``group`` ask for, naming the beads as the document has them."""
    rows, beads = group.rows, group.beads
    unit = "paragraph" if level == "paragraph" else "sentence"
    if len(beads) == len(rows):
        moves = []
        for b in range(len(rows) - 1):
            for lang in langs:
                have = sum(len(x.ids(lang)) for x in beads[: b + 1])
                want = sum(len(t.members[lang]) for t in rows[: b + 1])
                if want != have:
                    n = abs(want - have)
                    into = rows[b] if want > have else rows[b + 1]
                    moves.append(
                        f"moved {n} {lang} {unit}{'s' if n > 1 else ''} into row {into.row.number}"
                    )
        return ", ".join(moves)
    if len(rows) == 1:
        return f"joined {_and(b.id for b in beads)}"
    if len(beads) == 1:
        return f"split {beads[0].id} in {len(rows)}"
    return f"joined {_and(b.id for b in beads)} and split them in {len(rows)}"


def _and(ids: Iterable[str]) -> str:
    """Return ids joined as a sentence lists them.

    >>> _and(["al.p4"]), _and(["al.p4", "al.p5"]), _and(["a", "b", "c"])
    ('al.p4', 'al.p4 and al.p5', 'a, b and c')
    """
    listed = list(ids)
    return listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} and {listed[-1]}"


def _heading_steps(document: Document, headings: Sequence[_Target]) -> list[_Step]:
    """Confirm the paragraph beads of the heading rows a sentence-level table confirms."""
    steps = []
    for target in headings:
        if target.row.mark.strip().casefold() not in _CONFIRMED:
            continue
        first = next(i for ids in target.members.values() for i in ids)
        bead = next(b for b in document.paragraphs.beads if _holds(b, first))
        if bead.status != "manual":
            steps.append(_Step((target,), "confirm-heading", "confirmed", None, bead.id))
    return steps


def _holds(bead: Bead, item: str) -> bool:
    return any(item in ids for ids in bead.members.values())


def _apply(
    document: Document, step: _Step, langs: Sequence[str], level: Level, editor: Person
) -> Document:
    """Make the document hold what ``step``'s rows hold."""
    if step.kind == "confirm-heading":
        # a sentence edit may have joined paragraph beads: find the heading's by its text
        first = next(i for ids in step.rows[0].members.values() for i in ids)
        bead = next(b for b in document.paragraphs.beads if _holds(b, first))
        return edit.Confirm(bead.id, "paragraph").apply(document, editor=editor)
    assert step.group is not None
    start = step.group.start
    if step.kind == "confirm":
        # the edits of later rows renumbered only the beads after them
        return edit.Confirm(step.bead, level).apply(document, editor=editor)
    rows, beads = step.group.rows, step.group.beads
    if len(beads) == len(rows) > 1:
        moved = _moves(document, step.group, langs, level, editor)
        if moved is not None:
            return moved
    for _ in range(len(beads) - 1):
        document = edit.Merge(_at(document, start, level), level).apply(document, editor=editor)
    for r in range(1, len(rows)):
        later = {
            lang: next(ids[0] for t in rows[r:] if (ids := t.members[lang]))
            for lang in langs
            if any(t.members[lang] for t in rows[r:])
        }
        split = edit.Split(_at(document, start + r - 1, level), later, level=level)
        document = split.apply(document, editor=editor)
    return document


def _stored(document: Document, level: Level) -> tuple[Bead, ...]:
    return document.paragraphs.beads if level == "paragraph" else document.sentences.beads


def _moves(
    document: Document, group: _Group, langs: Sequence[str], level: Level, editor: Person
) -> Document | None:
    """Move items across the boundaries between the group's rows, one at a time.

    Return None when a move would empty a bead on the way (then rows are joined and split).
    """
    rows, start = group.rows, group.start
    count = len(_stored(document, level))
    for b in range(len(rows) - 1):
        for lang in langs:
            have = len(_stored(document, level)[start + b].ids(lang))
            want = len(rows[b].members[lang])
            for _ in range(abs(want - have)):
                if want > have:
                    up = edit.Move(_at(document, start + b + 1, level), lang, "prev", level)
                    document = up.apply(document, editor=editor)
                else:
                    down = edit.Move(_at(document, start + b, level), lang, "next", level)
                    document = down.apply(document, editor=editor)
                if len(_stored(document, level)) != count:
                    return None
    return document


def _at(document: Document, position: int, level: Level) -> str:
    return _stored(document, level)[position].id


def _logged(
    before: Document,
    after: Document,
    steps: Sequence[_Step],
    level: Level,
    editor: Person,
    path: str | None,
) -> tuple[Document, tuple[str, ...]]:
    """Record one change per step, naming the rows and bead ids the file shows.

    The edits renumber beads as they go; the change log says which rows of the file asked
    for what, with the ids the file gives them, what they were joined or split from, and
    the ids they have now.
    """
    if not steps:
        return before, ()
    name = os.path.basename(path) if path else "the review table"
    lines = []
    for step in sorted(steps, key=lambda step: step.rows[0].row.number):
        rows = step.rows
        numbers = [t.row.number for t in rows]
        where = f"row {numbers[0]}" if len(rows) == 1 else f"rows {numbers[0]}–{numbers[-1]}"
        shown = [t.row.bead or "new row" for t in rows]
        now_level: Level = "paragraph" if step.kind == "confirm-heading" else level
        now = [_bead_of(after, t, now_level) for t in rows]
        line = f"{where} ({', '.join(shown)}): {step.said}"
        if now != shown:
            line += f"; now {', '.join(now)}"
        lines.append(line)
    added = after.changes[len(before.changes) :]
    when = added[-1].when if added else utc_now()
    n = max((c.n for c in before.changes), default=0)
    changes = tuple(
        Change(when=when, who=editor.id, text=f"Review table {name}, {line}.", n=n + k)
        for k, line in enumerate(lines, start=1)
    )
    return replace(after, changes=(*before.changes, *changes)), tuple(lines)


def _bead_of(document: Document, target: _Target, level: Level) -> str:
    """Return the id of the bead that holds the first item of ``target`` now."""
    first = next(i for ids in target.members.values() for i in ids)
    return next(b.id for b in _stored(document, level) if _holds(b, first))


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
    raise FormatError(
        "not a review table: import-review reads the CSV, XLSX or DOCX tables aligner exports",
        path=path,
    )


# -- a reviewed TEI comes back ---------------------------------------------------------------


class RevisionConflict(InputError):
    """A reviewed TEI that names a stored document but cannot be its next revision."""


def next_revision(stored: Document, reviewed: Document, *, path: str) -> Document:
    """Return ``reviewed`` (a TEI read from ``path``) as the next revision of ``stored``.

    The TEI names its document by its id and uuid (``TEI/@xml:id``, the ``idno`` of its
    header): a reviewer may have changed the alignment, the sentence cuts and the header,
    and added changes to the history, but it is the same document only when the uuid, the
    languages and the text of every version are the stored ones and its history goes on
    from the stored one (it was made from the current revision, not an earlier one).
    Otherwise :class:`RevisionConflict` says what differs; a TEI that breaks the bead rules
    is a :class:`~aligner.errors.ValidationError`.
    """
    name = stored.id
    if reviewed.uuid != stored.uuid:
        raise RevisionConflict(
            f"it names document {name} but another uuid ({reviewed.uuid}; the stored "
            f"{name} is {stored.uuid}): a different document with the same id",
            path=path,
        )
    if reviewed.langs != stored.langs:
        raise RevisionConflict(
            f"its languages ({', '.join(reviewed.langs)}) are not those of document {name} "
            f"({', '.join(stored.langs)})",
            path=path,
        )
    for old, new in zip(stored.versions, reviewed.versions, strict=True):
        before = [(b.id, b.text) for b in old.blocks]
        after = [(b.id, b.text) for b in new.blocks]
        if before != after:
            differs = [a[0] for a, b in zip(before, after, strict=False) if a != b]
            where = differs[0] if differs else (after[len(before) :] or before[len(after) :])[0][0]
            raise RevisionConflict(
                f"its {old.lang} text differs from document {name}'s at {where}: a reviewed "
                "TEI may change the alignment and the sentence cuts, not the text",
                path=path,
            )
    theirs = [(c.n, c.who, c.text) for c in reviewed.changes]
    for k, change in enumerate(stored.changes):
        if k >= len(theirs) or theirs[k] != (change.n, change.who, change.text):
            raise RevisionConflict(
                f"it was made from an earlier revision of document {name}: its history "
                f"lacks change {change.n} ({change.text!r}); export the current revision "
                "and review that",
                path=path,
            )
    problems = bead_problems(reviewed)
    if problems:
        raise ValidationError(problems, path=path)
    return reviewed


def same_revision(stored: Document, reviewed: Document) -> bool:
    """Tell whether ``reviewed`` holds nothing ``stored`` does not: alignment, cuts, history."""
    return (
        stored.paragraphs == reviewed.paragraphs
        and stored.sentences == reviewed.sentences
        and stored.changes == reviewed.changes
        and all(
            [b.sentences for b in old.blocks] == [b.sentences for b in new.blocks]
            for old, new in zip(stored.versions, reviewed.versions, strict=True)
        )
    )


def store_reviewed(store: Store, data: bytes, *, path: str, who: str) -> tuple[str, bool] | None:
    """Store a reviewed TEI of a document of ``store`` as its next revision.

    Return the document's id and whether a revision was stored (the same TEI again, or one
    that changes nothing, stores nothing), or None when the TEI names no stored document.
    A TEI that names one but is not its next revision is refused (:class:`RevisionConflict`:
    another uuid, other text, made from an earlier revision). The revision is written over
    ``data`` and is by whoever made the last change it records, else ``who``.
    """
    reviewed = read_tei(data, path=path)
    if not is_safe_id(reviewed.id):
        return None
    try:
        current, _ = store.document(reviewed.id)
    except NotFound:
        return None
    next_revision(current, reviewed, path=path)  # refused here, before the lock
    if same_revision(current, reviewed):
        return reviewed.id, False
    added = reviewed.changes[len(current.changes) :]
    said = " ".join(c.text for c in added)
    uploaded = f"Uploaded the reviewed TEI {os.path.basename(path)}."
    store.update(
        reviewed.id,
        lambda now: next_revision(now, reviewed, path=path),
        expected=None,
        who=added[-1].who if added else who,
        summary=f"{uploaded} {said}" if said else uploaded,
        over=data,
    )
    return reviewed.id, True
