"""Align a version of a great many tiny units in runs of them, within the search's bounds.

The search costs time and memory per unit. Real text holds a paragraph per few hundred
characters and a sentence per hundred or so; a file of a word to a line, each a sentence
("Ja.", "Nein."), holds one per few characters, and aligned unit by unit it would cost a
hundred times what its size promises. A version with more units than one per
``Search.run_chars`` characters of its text (and more than ``Search.run_units``) is aligned
in runs of consecutive units of about that many characters: its paragraphs in runs, the
sentences of each run in runs. The beads name every unit of their runs, so the stored
document keeps each paragraph and sentence; only the alignment is coarser, and says so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from aligner.align_config import Search
from aligner.model import Alignment, Bead, Block, BlockKind, Sentence, Version


@dataclass(frozen=True)
class Runs:
    """The versions as runs of their units, and the units each run stands for."""

    versions: tuple[Version, ...]
    #: per language, the ids of the blocks and sentences each run's id stands for (only
    #: for the versions aligned in runs)
    members: Mapping[str, Mapping[str, tuple[str, ...]]]
    #: what to say: per version in runs, how many units of how many characters
    notes: tuple[str, ...]

    def expand(self, alignment: Alignment) -> Alignment:
        """Return ``alignment`` over the units the runs stand for."""
        return dataclasses.replace(
            alignment,
            beads=tuple(self._expanded(b) for b in alignment.beads),
            pairs=tuple(self._expanded(b) for b in alignment.pairs),
        )

    def fixed(self, beads: Sequence[Bead]) -> list[Bead]:
        """Return the fixed ``beads`` over the runs that hold their units."""
        run_of = {
            lang: {unit: run for run, units in found.items() for unit in units}
            for lang, found in self.members.items()
        }
        out = []
        for bead in beads:
            members = {
                lang: tuple(dict.fromkeys(run_of.get(lang, {}).get(i, i) for i in ids))
                for lang, ids in bead.members.items()
            }
            out.append(dataclasses.replace(bead, members=members))
        return out

    def _expanded(self, bead: Bead) -> Bead:
        members = {
            lang: tuple(u for i in ids for u in self.members.get(lang, {}).get(i, (i,)))
            for lang, ids in bead.members.items()
        }
        return dataclasses.replace(bead, members=members)


def in_runs(versions: Sequence[Version], search: Search) -> Runs | None:
    """Return the versions with their units in runs where they are too many to align one
    by one (see the module), or None when every version is aligned unit by unit."""
    out: list[Version] = []
    members: dict[str, dict[str, tuple[str, ...]]] = {}
    notes: list[str] = []
    for v in versions:
        chars = sum(len(b.text) for b in v.blocks)
        budget = max(search.run_units, chars // max(1, search.run_chars))
        sentences = sum(len(b.sentences) for b in v.blocks)
        if len(v.blocks) <= budget and sentences <= budget:
            out.append(v)
            continue
        found: dict[str, tuple[str, ...]] = {}
        blocks = tuple(
            _run_block(run, search.run_chars, found) for run in _runs(v.blocks, search.run_chars)
        )
        out.append(dataclasses.replace(v, blocks=blocks))
        members[v.lang] = found
        notes.append(
            f"{v.lang}: {len(v.blocks):,} paragraphs and {sentences:,} sentences in "
            f"{chars:,} characters, more than one per {search.run_chars} the search affords: "
            f"aligned in runs of about {search.run_chars} characters"
        )
    if not members:
        return None
    return Runs(tuple(out), members, tuple(notes))


def _runs(blocks: Sequence[Block], chars: int) -> Iterable[list[Block]]:
    """Cut ``blocks`` into runs of consecutive blocks of at least ``chars`` characters (the
    last may hold fewer), never across a section or a speaker turn."""
    run: list[Block] = []
    size = 0
    for block in blocks:
        if run and (size >= chars or _apart(run[-1], block)):
            yield run
            run, size = [], 0
        run.append(block)
        size += len(block.text)
    if run:
        yield run


def _apart(a: Block, b: Block) -> bool:
    """Tell whether a run may not hold both blocks: another section or speaker turn."""
    turn_a = a.turn.id if a.turn else None
    turn_b = b.turn.id if b.turn else None
    return a.section != b.section or turn_a != turn_b


def _run_block(run: list[Block], chars: int, members: dict[str, tuple[str, ...]]) -> Block:
    """Return the blocks of ``run`` as one (named after its first), its sentences in runs;
    record in ``members`` what each id stands for."""
    first = run[0]
    members[first.id] = tuple(b.id for b in run)
    sentences = [s for b in run for s in b.sentences]
    kind: BlockKind = "head" if all(b.kind == "head" for b in run) else "p"
    joined: list[Sentence] = []
    size = 0
    for sentence in sentences:
        if joined and size < chars:
            last = joined[-1]
            joined[-1] = Sentence(last.id, f"{last.text} {sentence.text}")
            members[last.id] += (sentence.id,)
            size += len(sentence.text)
            continue
        joined.append(sentence)
        members[sentence.id] = (sentence.id,)
        size = len(sentence.text)
    return dataclasses.replace(
        first,
        kind=kind,
        text=" ".join(b.text for b in run),
        sentences=tuple(joined),
        partial=run[-1].partial,
        notes=(),
    )
