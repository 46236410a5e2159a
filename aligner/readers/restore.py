"""Put back what a reader set aside when the other versions have it as text.

A reader sets a line aside for what it is, and in one language it may judge wrong: the
short items that close a text read as a footer of links where their translations, ended
by semicolons, read as text. After a first alignment, where a version has nothing in a
stretch of beads in which other versions have text, the lines it set aside are aligned with
each such version's text of that stretch, with the aligner's own evidence
(:func:`aligner.align.pairwise.align_units`, the paragraph weights, the encoder if any). A
line set aside by judgment (not a phrase that is furniture in any language, such as a
cookie notice or a control) that pairs, with a confidence of :data:`RESTORE_CERT` or more,
with text in more than half of the other versions is text: it goes back into
its version at that place (a heading when it reads as one), leaves
:attr:`~aligner.model.Version.dropped`, and the versions are aligned again. The text of a
document is in (nearly) every version; a site's furniture only in the versions taken from
that site. So where no more than half of the others have a line, as many versions lack it
as have it, and the reader's judgment stands; and what another version has above its title
(as the versions chose it) is its site's header, no text, whatever pairs with it. A line
only one version of many keeps stays set aside: that version, not the others, kept
furniture; so does a line its reader set aside twice, or set aside once and kept once (the
site's name in the header and the footer).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

from aligner import ids
from aligner.align.embeddings import Embedder
from aligner.align.features import Unit
from aligner.align.pairwise import align_units
from aligner.align_config import DEFAULT_CONFIG, AlignConfig
from aligner.model import (
    Alignment,
    Bead,
    Block,
    BlockKind,
    RawBlock,
    Source,
    SourceText,
    Version,
)
from aligner.readers._dates import MAX_DATELINE, find_date
from aligner.readers.txt import is_heading
from aligner.segment import segment
from languages import boilerplate

__all__ = ["RESTORE_CERT", "restore_set_aside"]

#: confidence from which a set-aside line and a version's text pair
RESTORE_CERT = 0.5


def restore_set_aside(
    versions: Sequence[Version],
    paragraphs: Alignment,
    *,
    config: AlignConfig = DEFAULT_CONFIG,
    encoder: Embedder | None = None,
) -> list[Version] | None:
    """Return the versions with the set-aside lines the others have as text put back, or
    None when there are none."""
    out: list[Version] = []
    changed = False
    for version in versions:
        back = _restored(version, versions, paragraphs, config, encoder)
        if not back:
            out.append(version)
            continue
        changed = True
        out.append(_with_blocks(version, back))
    return out if changed else None


def _gaps(lang: str, beads: Sequence[Bead]) -> list[tuple[int, list[Bead]]]:
    """Return the stretches of beads where ``lang`` has nothing and others have text, each
    with the number of ``lang``'s blocks before it."""
    out: list[tuple[int, list[Bead]]] = []
    seen = 0
    run: list[Bead] = []
    for bead in beads:
        own = len(bead.ids(lang))
        if own == 0 and bead.langs:
            run.append(bead)
            continue
        if run:
            out.append((seen, run))
            run = []
        seen += own
    if run:
        out.append((seen, run))
    return out


def _restored(
    version: Version,
    versions: Sequence[Version],
    paragraphs: Alignment,
    config: AlignConfig,
    encoder: Embedder | None,
) -> dict[int, list[tuple[str, BlockKind]]]:
    """Return, by the number of the version's blocks before them, the lines to put back.

    The set-aside lines, in reading order, are aligned once with each other version's text
    of all the stretches the version lacks, in order: one alignment per pair of versions,
    so the work grows with the text, not with the number of stretches times the lines.
    """
    lines = list(version.dropped)
    # a line set aside twice, or set aside and kept (the site's name in the header and the
    # footer), is furniture
    twice = {line for line, n in Counter(lines).items() if n > 1}
    aside = set(lines)
    twice.update(b.text for b in version.blocks if b.text in aside)
    if not any(_judged(line) and line not in twice for line in lines):
        return {}
    gaps = _gaps(version.lang, paragraphs.beads)
    cut = next((k for k, b in enumerate(version.blocks) if b.partial), None)
    if cut is not None:  # a version cut off lacks the others' text after its cut: no gap
        gaps = [(seen, run) for seen, run in gaps if seen <= cut]
    others = [v for v in versions if v.lang != version.lang]
    votes: Counter[tuple[int, int]] = Counter()  # (stretch, line)
    heads: Counter[tuple[int, int]] = Counter()  # votes of headings: a heading pairs with headings
    for other in others:
        header = _header(other)  # the site's header is no text, whatever pairs with it
        kept = {b.id for b in other.blocks}  # a repeat of the title the versions set aside
        found = [
            (g, other.block(i)) for g, (_, run) in enumerate(gaps) for bead in run
            for i in bead.ids(other.lang) if i not in header and i in kept
        ]  # fmt: skip
        if not found:
            continue
        pairs = align_units(
            [Unit(line) for line in lines],
            [Unit(b.text, kind=b.kind) for _, b in found],
            src_lang=version.lang,
            tgt_lang=other.lang,
            config=config,
            weights=config.paragraphs,
            learn=False,
            encoder=encoder,
        )
        for pair in pairs:
            where = {found[j][0] for j in pair.tgt}
            if len(where) != 1 or pair.cert < RESTORE_CERT:
                continue  # unpaired, unsure, or across two stretches
            if not all(_judged(lines[k]) and lines[k] not in twice for k in pair.src):
                continue
            g = where.pop()
            votes.update((g, k) for k in pair.src)
            if all(found[j][1].kind == "head" for j in pair.tgt):
                heads.update((g, k) for k in pair.src)
    return _placed(lines, gaps, votes, heads, len(others))


def _placed(
    lines: Sequence[str],
    gaps: Sequence[tuple[int, list[Bead]]],
    votes: Counter[tuple[int, int]],
    heads: Counter[tuple[int, int]],
    others: int,
) -> dict[int, list[tuple[str, BlockKind]]]:
    """Return the lines that at least half of the ``others`` paired in a stretch, by the
    number of the version's blocks before that stretch, each line at one place only."""
    by_gap: dict[int, list[int]] = {}
    for g, k in sorted(votes):
        if votes[g, k] * 2 > others:
            by_gap.setdefault(g, []).append(k)
    used: set[int] = set()
    back: dict[int, list[tuple[str, BlockKind]]] = {}
    for g, chosen in sorted(by_gap.items()):
        chosen = [k for k in chosen if k not in used]
        if not chosen:
            continue
        used.update(chosen)
        back.setdefault(gaps[g][0], []).extend(
            (lines[k], "head" if heads[g, k] == votes[g, k] and is_heading(lines[k]) else "p")
            for k in chosen
        )
    return back


def _header(version: Version) -> set[str]:
    """Return the ids of a version's blocks above its title: the site's header, not text."""
    at = next(
        (k for k, b in enumerate(version.blocks) if b.kind == "head" and b.text == version.title),
        0,
    )
    return {b.id for b in version.blocks[:at]}


def _judged(line: str) -> bool:
    """Tell whether a reader set ``line`` aside by judgment (a short item that read as a
    link, a menu entry), not as a phrase that is furniture in any language (a control, a
    cookie notice, a contact line, a switcher, a breadcrumb trail) or a date line: only the
    first may be text after all."""
    dated = len(line) <= MAX_DATELINE and find_date(line) is not None  # a date line
    return line.strip() != "" and not (
        dated
        or boilerplate.is_boilerplate(line)
        or boilerplate.is_contact(line)
        or boilerplate.is_language_switcher(line)
        or boilerplate.is_breadcrumb(line)
        or boilerplate.is_link_row(line)
    )


def _with_blocks(version: Version, back: dict[int, list[tuple[str, BlockKind]]]) -> Version:
    """Return ``version`` with the lines of ``back`` as blocks at their places."""
    raw = tuple(RawBlock(line, kind) for at in sorted(back) for line, kind in back[at])
    made = segment(SourceText(blocks=raw, source=Source(sha256="0" * 64)), version.lang).blocks
    if len(made) != len(raw):  # a line segment would not keep as one block stays aside
        return version
    top = {kind: max((b.n for b in version.blocks if b.kind == kind), default=0)
           for kind in ("p", "head")}  # fmt: skip
    fresh: list[Block] = []
    for block in made:
        top[block.kind] += 1
        new_id = ids.block_id(version.lang, block.kind, top[block.kind])
        sentences = tuple(
            dataclasses.replace(s, id=ids.sentence_id(new_id, m + 1))
            for m, s in enumerate(block.sentences)
        )
        fresh.append(dataclasses.replace(block, id=new_id, n=top[block.kind], sentences=sentences))
    blocks: list[Block] = []
    taken = iter(fresh)
    for k in range(len(version.blocks) + 1):
        blocks.extend(next(taken) for _ in back.get(k, ()))
        if k < len(version.blocks):
            blocks.append(version.blocks[k])
    dropped = list(version.dropped)
    for lines in back.values():
        for line, _ in lines:
            dropped.remove(line)
    return dataclasses.replace(version, blocks=tuple(blocks), dropped=tuple(dropped))
