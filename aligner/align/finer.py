"""Align versions whose paragraphs are of very different sizes by their sentences.

The paragraph pass pairs a paragraph with at most a few of another version's: the widest
side of the bead shapes its first pass tries. A version whose paragraphs hold on average
more sentences than that many of another's do (a book saved as one paragraph, or a
paragraph a page, against one of short paragraphs) cannot be paired with it: every
paragraph would stand alone. Sizes are counted in sentences, not characters: a version
that keeps only the short opening lines of a text is not one of short paragraphs, and a
paragraph's sentences are what the pass can pair one to one. Such versions are aligned
with every sentence of a paragraph a unit of the pass (a heading stays one), weighed as
sentences are; a paragraph bead is then the smallest stretch of those beads that holds
whole paragraphs of every version.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from aligner.align_config import Search
from aligner.ids import bead_id
from aligner.model import Alignment, Bead, Block, Version


@dataclass(frozen=True)
class Finer:
    """The versions with every sentence of a paragraph a unit, and what each unit is of."""

    versions: tuple[Version, ...]
    #: per language, the units each paragraph's id stands for
    units: Mapping[str, Mapping[str, tuple[str, ...]]]
    #: what to say: the versions' paragraph sizes
    note: str

    def fixed(self, beads: Sequence[Bead]) -> list[Bead]:
        """Return the fixed ``beads`` over units: a paragraph's are its sentences' units."""
        return [
            dataclasses.replace(
                bead,
                members={
                    lang: tuple(u for i in ids for u in self.units[lang].get(i, (i,)))
                    for lang, ids in bead.members.items()
                },
            )
            for bead in beads
        ]

    def joined(self, alignment: Alignment) -> Alignment:
        """Return the paragraph ``alignment`` of the units over the paragraphs: the beads
        that share a paragraph, and any between them, as one."""
        paragraph_of = {
            lang: {u: i for i, found in units.items() for u in found}
            for lang, units in self.units.items()
        }
        beads = [
            dataclasses.replace(
                b,
                members={
                    lang: tuple(dict.fromkeys(paragraph_of[lang].get(u, u) for u in ids))
                    for lang, ids in b.members.items()
                },
            )
            for b in alignment.beads
        ]
        last = {
            (lang, i): k
            for k, b in enumerate(beads)
            for lang, ids in b.members.items()
            for i in ids
        }
        out: list[Bead] = []
        start = 0
        while start < len(beads):
            end = k = start
            while k <= end:
                end = max([end, *(last[lang, i] for lang, ids in beads[k].members.items()
                                  for i in ids)])  # fmt: skip
                k += 1
            out.append(_one(beads[start : end + 1], bead_id("paragraph", len(out) + 1)))
            start = end + 1
        return dataclasses.replace(alignment, beads=tuple(out))


def _one(beads: Sequence[Bead], bead: str) -> Bead:
    """Return ``beads`` as one bead of id ``bead``, as sure as the less sure of its ends
    (a bead inside moves no border of the paragraphs)."""
    if len(beads) == 1:
        return dataclasses.replace(beads[0], id=bead)
    langs = dict.fromkeys(lang for b in beads for lang in b.members)
    members = {lang: tuple(dict.fromkeys(i for b in beads for i in b.ids(lang))) for lang in langs}
    return dataclasses.replace(
        beads[0], id=bead, members=members, cert=min(beads[0].cert, beads[-1].cert)
    )


def by_sentences(versions: Sequence[Version], search: Search) -> Finer | None:
    """Return the versions with every sentence a unit when one's paragraphs hold on average
    more sentences than the widest side of ``search.first_pass_shapes`` of another's do
    (see the module), or None."""
    sizes = {
        v.lang: sum(len(b.sentences) for b in held) / len(held)
        for v in versions
        if (held := [b for b in v.blocks if b.sentences])
    }
    widest = max(max(shape) for shape in search.first_pass_shapes)
    if len(sizes) < 2 or max(sizes.values()) <= widest * min(sizes.values()):
        return None
    units: dict[str, dict[str, tuple[str, ...]]] = {}
    out: list[Version] = []
    for v in versions:
        found: dict[str, tuple[str, ...]] = {}
        blocks = tuple(u for b in v.blocks for u in _units(b, found))
        out.append(dataclasses.replace(v, blocks=blocks))
        units[v.lang] = found
    said = ", ".join(f"{lang} {size:,.1f}" for lang, size in sizes.items())
    note = (
        f"paragraphs of very different sizes (sentences on average: {said}), more than "
        f"{widest} of one to one of another: aligned by their sentences"
    )
    return Finer(tuple(out), units, note)


def _units(block: Block, units: dict[str, tuple[str, ...]]) -> tuple[Block, ...]:
    """Return the units of ``block``: a block per sentence (a heading as it is); record in
    ``units`` what its id stands for."""
    if len(block.sentences) < 2:
        return (block,)
    out = tuple(
        dataclasses.replace(
            block,
            id=f"{block.id}/{k + 1}",
            text=sentence.text,
            sentences=(sentence,),
            partial=block.partial and k == len(block.sentences) - 1,
            notes=(),
        )
        for k, sentence in enumerate(block.sentences)
    )
    units[block.id] = tuple(u.id for u in out)
    return out
