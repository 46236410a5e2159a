"""Undo and redo through a document's revisions.

Every correction is a revision, and every revision keeps the whole document, so undoing
one is storing again the document as it was before it, and redoing is storing again the
document it made. Both are new revisions (nothing is ever rewritten), told apart by their
summaries: ``Undid revision 5: Merged paragraph beads al.p3 and al.p4.`` and ``Redid
revision 5: …``. :func:`plan` reads the summaries and says which revision an undo or a redo
brings back; the first revision (the alignment itself) is never undone.

>>> history = [(1, "Aligned."), (2, "Merged al.p3."), (3, "Confirmed al.p3.")]
>>> plan(history, "undo"), plan(history, "redo")
(Step(revision=3, restore=2, summary='Undid revision 3: Confirmed al.p3.'), None)
>>> history += [(4, "Undid revision 3: Confirmed al.p3."), (5, "Undid revision 2: Merged al.p3.")]
>>> plan(history, "undo") is None, plan(history, "redo")
(True, Step(revision=2, restore=2, summary='Redid revision 2: Merged al.p3.'))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = ["Step", "plan"]

_UNDID = re.compile(r"Undid revision (\d+)\b")
_REDID = re.compile(r"Redid revision (\d+)\b")


@dataclass(frozen=True)
class Step:
    """One undo or redo: the revision it is about and the revision whose document returns."""

    revision: int
    restore: int
    summary: str


def plan(history: Sequence[tuple[int, str]], action: Literal["undo", "redo"]) -> Step | None:
    """Return what ``action`` does after the revisions ``history`` (number, summary), or None.

    A new correction after an undo forgets what could be redone, as editors do.
    """
    done: list[int] = []
    undone: list[int] = []
    said = dict(history)
    for n, summary in history:
        if n == 1:
            continue
        if (found := _UNDID.match(summary)) and int(found[1]) in done:
            done.remove(int(found[1]))
            undone.append(int(found[1]))
        elif (found := _REDID.match(summary)) and int(found[1]) in undone:
            undone.remove(int(found[1]))
            done.append(int(found[1]))
        else:
            done.append(n)
            undone.clear()
    if action == "undo" and done:
        n = done[-1]
        return Step(n, n - 1, f"Undid revision {n}: {_original(said, n)}")
    if action == "redo" and undone:
        n = undone[-1]
        return Step(n, n, f"Redid revision {n}: {_original(said, n)}")
    return None


def _original(said: dict[int, str], n: int) -> str:
    """Return what revision ``n`` did in its own words (past any undo or redo prefix)."""
    summary = said.get(n, "")
    found = _UNDID.match(summary) or _REDID.match(summary)
    return summary[found.end() :].lstrip(": ") if found else summary
