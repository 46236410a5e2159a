"""The rules every :class:`~aligner.model.Document` keeps, whatever wrote or edited it.

The beads of each level partition the units of every version and keep each version's
order; no bead is empty; a sentence bead lies inside one paragraph bead; pair beads each
refine one automatic sentence bead, holding its sentences of their two languages once each,
in order (../shared/TEI.md, point 2). :mod:`aligner.tei` checks them on what it reads and
:mod:`aligner.edit` on what a correction makes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from aligner.model import Bead, Document

__all__ = ["bead_problems"]


def bead_problems(doc: Document) -> list[str]:
    """Return what breaks the bead rules: partition, document order, sentence beads inside
    one paragraph bead, no empty bead, pair beads each refining one automatic sentence
    bead."""
    return [*_bead_problems(doc), *_pair_problems(doc)]


def _bead_problems(doc: Document) -> Iterator[str]:
    position: dict[str, tuple[str, int]] = {}
    for v in doc.versions:
        for i, b in enumerate(v.blocks):
            position[b.id] = (v.lang, i)
        for i, s in enumerate(v.sentences()):
            position[s.id] = (v.lang, i)
    para_of = {s.id: b.id for v in doc.versions for b in v.blocks for s in b.sentences}
    block_bead: dict[str, str] = {}
    for alignment, units in (
        (doc.paragraphs, {b.id for v in doc.versions for b in v.blocks}),
        (doc.sentences, {s.id for v in doc.versions for s in v.sentences()}),
    ):
        seen: dict[str, str] = {}
        last = {lang: -1 for lang in doc.langs}
        for bead in alignment.beads:
            if not any(bead.members.values()):
                yield f"{bead.id}: bead with no targets"
            for lang in doc.langs:
                for unit in bead.ids(lang):
                    if unit not in units:
                        yield f"{bead.id}: {unit} is not a {alignment.level} of the document"
                        continue
                    if unit in seen:
                        yield f"{bead.id}: {unit} is already in {seen[unit]}"
                    seen[unit] = bead.id
                    index = position[unit][1]
                    if index <= last[lang]:
                        yield f"{bead.id}: {unit} is out of document order"
                    last[lang] = index
                    if alignment.level == "paragraph":
                        block_bead[unit] = bead.id
            if alignment.level == "sentence":
                homes = {block_bead.get(para_of.get(u, ""), "?") for u in _all_ids(bead)}
                if len(homes) > 1:
                    spans = ", ".join(sorted(homes))
                    yield f"{bead.id}: sentence bead spans paragraph beads {spans}"
        for unit in sorted(units - seen.keys()):
            yield f"{unit} is in no {alignment.level} bead"


def _pair_problems(doc: Document) -> Iterator[str]:
    """Say where pair beads do not refine one automatic sentence bead each, in order."""
    stored = doc.sentences.beads
    home = {i: k for k, bead in enumerate(stored) for i in _all_ids(bead)}
    runs: dict[tuple[int, tuple[str, ...]], list[Bead]] = {}
    last: dict[tuple[str, ...], int] = {}
    for bead in doc.sentences.pairs:
        pair = tuple(bead.members)
        units = list(_all_ids(bead))
        name = f"{'-'.join(pair)} pair bead at {units[0] if units else '(nothing)'}"
        homes = {home.get(u, -1) for u in units}
        if len(pair) != 2 or not set(pair) <= set(doc.langs) or not units:
            yield f"{name}: needs text in one of two languages of the document"
        elif -1 in homes or len(homes) > 1:
            yield f"{name}: does not lie inside one sentence bead"
        elif (k := homes.pop()) < last.get(pair, 0):
            yield f"{name}: is out of document order"
        else:
            last[pair] = k
            runs.setdefault((k, pair), []).append(bead)
    for (k, pair), beads in runs.items():
        name = f"{stored[k].id}: its {'-'.join(pair)} pair beads"
        if stored[k].status != "auto":
            yield f"{name} refine a bead a person corrected"
        for lang in pair:
            if tuple(i for b in beads for i in b.ids(lang)) != stored[k].ids(lang):
                yield f"{name} do not hold its {lang} sentences once each, in order"


def _all_ids(bead: Bead) -> Iterable[str]:
    for ids in bead.members.values():
        yield from ids
