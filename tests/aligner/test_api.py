"""The Python API: aligning files and re-aligning around what a person fixed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from aligner import align_files, realign
from aligner.model import Bead, Document

UDHR = Path(__file__).parent.parent / "data" / "udhr"


def _udhr(*langs: str) -> Document:
    return align_files([UDHR / f"{lang}.txt" for lang in langs])


def _merged_pair(doc: Document) -> tuple[int, Bead]:
    """Return the index of two sentence beads that sit side by side, merged by a person."""
    beads = doc.sentences.beads
    for i in range(len(beads) - 1):
        first, second = beads[i], beads[i + 1]
        if all(first.ids(lang) and second.ids(lang) for lang in doc.langs):
            members = {lang: first.ids(lang) + second.ids(lang) for lang in doc.langs}
            return i, Bead(first.id, members, 1.0, status="manual", resp="ed-anna")
    raise AssertionError("no two adjacent sentence beads with every language")


def test_realign_keeps_a_sentence_bead_a_person_merged() -> None:
    doc = _udhr("en", "fr")
    i, merged = _merged_pair(doc)
    beads = list(doc.sentences.beads)
    beads[i : i + 2] = [merged]
    edited = dataclasses.replace(
        doc, sentences=dataclasses.replace(doc.sentences, beads=tuple(beads))
    )

    again = realign(edited)

    kept = [b for b in again.sentences.beads if b.status == "manual"]
    assert [dict(b.members) for b in kept] == [dict(merged.members)]
    assert len(again.sentences.beads) == len(doc.sentences.beads) - 1
    assert again.changes[-1].text.startswith("Re-aligned")


def test_realign_keeps_a_paragraph_bead_a_person_fixed() -> None:
    doc = _udhr("de", "en")
    note = next(b for b in doc.paragraphs.beads if not b.ids("en"))  # adoption note: de only
    title = doc.paragraphs.beads[0]
    # a person decides the note belongs with the title
    fixed = Bead(title.id, {"de": title.ids("de") + note.ids("de"), "en": title.ids("en")}, 1.0,
                 status="manual", resp="ed-anna")  # fmt: skip
    beads = [b for b in doc.paragraphs.beads if b not in (title, note)]
    edited = dataclasses.replace(
        doc, paragraphs=dataclasses.replace(doc.paragraphs, beads=(fixed, *beads))
    )

    again = realign(edited)

    assert dict(again.paragraphs.beads[0].members) == dict(fixed.members)
    assert again.paragraphs.beads[0].status == "manual"
    assert all(b.ids("de") != note.ids("de") for b in again.paragraphs.beads[1:])
