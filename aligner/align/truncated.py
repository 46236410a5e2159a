"""Truncated versions: a version cut off in the middle of a paragraph (a clipped page, an
abridged copy) ends with the start of a paragraph the others have whole.

:func:`mark_partial` marks such a last paragraph (it ends in the middle of a sentence; a
page's lines after it, a footer, keywords, a source line, are no text that goes on);
after a first alignment, :func:`partial_beads` pairs it with the paragraph it starts in
each other version: the one after the last bead the two versions share before it, for
every version cut off. The beads are kept as given when the versions are aligned again,
with a confidence that asks for review; the TEI marks the paragraph ``part="I"`` (the
initial part of an incomplete paragraph).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping, Sequence

from aligner.model import Alignment, Bead, Block, Version
from languages.frontmatter import front_matter

__all__ = ["PARTIAL_CERT", "cut_headings", "mark_partial", "partial_beads", "unmark_whole"]

#: confidence of the bead that pairs a cut paragraph with its counterparts: below the
#: review threshold, so a person looks at it
PARTIAL_CERT = 0.5
_ENDED = re.compile(r"[.!?…:;)\]\"'»”’]\W*$")
# a line that ends a clause at least ("Whereas …,"): no list of other items' titles goes on
_CLAUSE_ENDED = re.compile(r"[.!?…:;,)\]\"'»”’]\W*$")
_MIN_WORDS = 5
_CUT_HEAD_WORDS = 3  # words of a cut paragraph its reader took for a heading, at least
# a line that ends with a time or a numeric date
_STAMPED = re.compile(r"(?:\b\d{1,2}:\d{2}|\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4})\W*$")


def mark_partial(version: Version) -> Version:
    """Mark the version's last paragraph partial when it stops in the middle of a sentence.

    A text is cut in its running prose, which has words in lower case after its first; the
    paragraph before a cut one ends or is a heading. After a short line that does not end
    either (a name under "Message by"), the last line is a signature's too (the signer's
    role), no text cut off: the paragraph above the signature's short lines may be. What a
    page prints after the text and is no prose (a heading,
    a list item, a line of a few words or of names: a footer, keywords, a source line) does
    not hide the cut, nor does a line printed above it already (the site's name in its
    header and footer), nor a last line of prose that leads into what it does not print
    ("For further information contact:", its contacts set aside), and neither does a closing
    section under a heading of its own that is shorter than the text above it ("Notes to
    editors" and its notes). Text is cut once: of the lines that stop mid-sentence after the
    last one that ends a clause, the first is the cut (see :func:`_first_cut`).
    """
    blocks = version.blocks
    if any(b.partial for b in blocks):
        return version
    repeats = _repeated(version)
    at = _last_prose(blocks, len(blocks) - 1, repeats)
    while at is not None and _leads_in(blocks[at]):
        at = _last_prose(blocks, at - 1, repeats)  # a lead-in to no text: the page's label
    if at is not None and _ENDED.search(blocks[at].text):
        head = at
        while head >= 0 and blocks[head].kind == "p":
            head -= 1  # the closing section's paragraphs, up to its heading
        at = _last_prose(blocks, head - 1) if head > 0 else None
        if at is not None and sum(b.kind == "p" for b in blocks[:at]) <= len(blocks) - head:
            at = None  # no closing section: the text itself goes on under the heading
    if at is not None and not _cut(blocks, at) and _signed(blocks, at):
        at = _above_signature(blocks, at)
        at = at if at is not None and blocks[at].kind == "p" else None
    if at is None or not _cut(blocks, at):
        return version
    at = _first_cut(blocks, at)
    marked = dataclasses.replace(blocks[at], partial=True)
    return dataclasses.replace(version, blocks=(*blocks[:at], marked, *blocks[at + 1 :]))


def _first_cut(blocks: Sequence[Block], at: int) -> int:
    """Return where the text stops, given a line at ``at`` that stops mid-sentence: text is
    cut once, so of the lines that stop so after the last one that ends a clause, the first
    is the cut and the others are the page's (the titles of related items under "Related
    news", each a line of words without an end)."""
    first, k = at, at - 1
    while k >= 0 and not _CLAUSE_ENDED.search(blocks[k].text):
        if blocks[k].kind == "p" and not _no_prose(blocks[k]) and _cut(blocks, k):
            first = k
        k -= 1
    return first


def _leads_in(block: Block) -> bool:
    """Tell whether a block leads into what follows it ("For further information contact:")."""
    return block.text.rstrip().endswith(":")


def _signed(blocks: Sequence[Block], at: int) -> bool:
    """Tell whether the block at ``at`` is a signer's role under a name: a line of words not
    ended, after a short line that does not end either."""
    before = blocks[at - 1] if at > 0 else None
    return before is not None and _short_line(before) and not _ENDED.search(blocks[at].text)


def _above_signature(blocks: Sequence[Block], at: int) -> int | None:
    """Return where the paragraph above a signature ending at ``at`` (its role) is: past
    the signature's short lines ("Message by", a name), as many as there are (whether the
    line above them is the text cut off, :func:`_cut` tells by what it is)."""
    k = at - 1
    while k >= 0 and _short_line(blocks[k]):
        k -= 1
    return k if k >= 0 else None


def _short_line(block: Block) -> bool:
    """Tell whether a block is a short line that does not end (a name, "Message by")."""
    return len(block.text.split()) < _MIN_WORDS and not _ENDED.search(block.text)


def _last_prose(
    blocks: Sequence[Block], start: int, repeats: frozenset[int] = frozenset()
) -> int | None:
    """Return where the last block of prose is, from ``start`` back, past what is none and
    the ``repeats`` (see :func:`_repeated`)."""
    at = start
    while at >= 0 and (_no_prose(blocks[at]) or at in repeats):
        at -= 1
    return at if at >= 0 else None


def _repeated(version: Version) -> frozenset[int]:
    """Return where a version's blocks repeat word for word a line above them, in its front
    matter or set aside (the site's name in its header and again in its footer): text cut
    off is the start of a paragraph of its own, never a line printed before."""
    seen = {" ".join(t.split()) for t in (*version.dropped, *(f.text for f in version.front))}
    out = set()
    for k, block in enumerate(version.blocks):
        text = " ".join(block.text.split())
        if text in seen:
            out.add(k)
        seen.add(text)
    return frozenset(out)


def _cut(blocks: Sequence[Block], at: int) -> bool:
    """Tell whether the paragraph at ``at`` stops in the middle of a sentence, and is no
    page's stamp ("Last modified: 28.06.2026 10:15") nor a signer's role under a name."""
    block = blocks[at]
    if _ENDED.search(block.text) or len(block.text.split()) < _MIN_WORDS:
        return False
    if _STAMPED.search(block.text):
        return False
    before = blocks[at - 1] if at > 0 else None
    short = before is not None and before.kind == "p" and len(before.text.split()) < _MIN_WORDS
    return not (short and before is not None and not _ENDED.search(before.text))


def _no_prose(block: Block) -> bool:
    """Tell whether a block cannot be running prose cut off: a heading, a list item, a line of
    a few words, or one with no word in lower case after its first (names in a row, "Follow
    us: Facebook | X | Instagram", a footer's "Northern Rivers Commission Phone: …")."""
    words = block.text.split()
    lower = any(word[:1].islower() for word in words[1:])
    return block.kind != "p" or len(words) < _MIN_WORDS or not lower


def cut_headings(versions: Sequence[Version], paragraphs: Alignment) -> list[Version] | None:
    """Return the versions with a last line that is a paragraph cut short, though its reader
    took it for a heading (a few words without a full stop), marked as that paragraph, cut
    off; None when there is none.

    The other versions decide, after a first alignment: a heading translates the others'
    headings and pairs with most of them, a paragraph's first words with no more than half
    (a site's source line, by place); and a version
    cut off has fewer running paragraphs than more than half of the others (a site's footer
    heading after a complete text is in a version as long as the others), counting those
    the versions share (a bead holding more than half of the others: one site's summary or
    photo caption makes no version longer). The line is
    words in running prose (some in lower case after the first), not ended, no stamp; after
    it the page prints no prose.
    """
    beads = enumerate(paragraphs.beads)
    bead_of = {i: k for k, b in beads for lang in b.langs for i in b.ids(lang)}
    kinds = {b.id: b for v in versions for b in v.blocks}
    shorter = _shorter(versions, paragraphs)
    out: list[Version] = []
    for version in versions:
        at = _cut_heading(version, paragraphs, bead_of, kinds, len(versions) - 1)
        if at is None or version.lang not in shorter:
            out.append(version)
            continue
        blocks = version.blocks
        marked = dataclasses.replace(blocks[at], kind="p", partial=True)
        out.append(dataclasses.replace(version, blocks=(*blocks[:at], marked, *blocks[at + 1 :])))
    return out if any(a is not b for a, b in zip(out, versions, strict=True)) else None


def unmark_whole(versions: Sequence[Version], paragraphs: Alignment) -> list[Version] | None:
    """Return the versions with the partial mark taken off where a version is no shorter
    than most others (None when no mark goes): a version cut off has fewer running
    paragraphs said to their end than more than half of the others, counting those the
    versions share after a first alignment; a complete version's last line that reads as
    prose (another item's title in its footer) is no text cut off."""
    shorter = _shorter(versions, paragraphs)
    out: list[Version] = []
    for version in versions:
        if version.lang in shorter or not any(b.partial for b in version.blocks):
            out.append(version)
            continue
        blocks = tuple(dataclasses.replace(b, partial=False) for b in version.blocks)
        out.append(dataclasses.replace(version, blocks=blocks))
    return out if any(a is not b for a, b in zip(out, versions, strict=True)) else None


def _shorter(versions: Sequence[Version], paragraphs: Alignment) -> set[str]:
    """Return the languages of the versions with fewer running paragraphs said to their end
    than more than half of the others have, counting those the versions share (see
    :func:`_shared`): a version cut off is one of them."""
    others = len(versions) - 1
    shared = _shared(paragraphs, others)
    said = {v.lang: sum(1 for b in v.blocks if _said(b) and b.id in shared) for v in versions}
    return {lang for lang, n in said.items() if 2 * sum(1 for m in said.values() if m > n) > others}


def _shared(paragraphs: Alignment, others: int) -> set[str]:
    """Return the ids of the blocks whose bead holds more than half of the ``others``: the
    text the versions share (one site's summary or caption pairs with a few at most)."""
    return {
        i
        for b in paragraphs.beads
        if 2 * (len(b.langs) - 1) > others
        for lang in b.langs
        for i in b.ids(lang)
    }


def _said(block: Block) -> bool:
    """Tell whether a block is a running paragraph said to its end: prose, ended."""
    return not _no_prose(block) and bool(_ENDED.search(block.text))


def _cut_heading(
    version: Version,
    paragraphs: Alignment,
    bead_of: Mapping[str, int],
    kinds: Mapping[str, Block],
    others: int,
) -> int | None:
    """Return where a version's last line of prose is a heading that pairs with the headings
    of no more than half of the ``others`` and reads as the first words of a sentence (see
    :func:`cut_headings`), else None."""
    blocks = version.blocks
    if any(b.partial for b in blocks):
        return None
    at = len(blocks) - 1
    repeats = _repeated(version)
    while at >= 0 and (
        (_no_prose(blocks[at]) and not _head_words(blocks[at]))
        or front_matter(blocks[at].text, version.lang) is not None  # a date under a signature
        or at in repeats
        or _leads_in(blocks[at])
    ):
        at -= 1
    if at >= 0 and _signed(blocks, at):  # a signer's role: the cut is above the signature
        above = _above_signature(blocks, at)
        at = above if above is not None and _head_words(blocks[above]) else at
    if at < 0 or blocks[at].kind != "head":
        return None
    at = _first_head_cut(blocks, at)
    if blocks[at].id not in bead_of:
        return None
    bead = paragraphs.beads[bead_of[blocks[at].id]]
    heads = [
        lang
        for lang in bead.langs
        if lang != version.lang and any(kinds[i].kind == "head" for i in bead.ids(lang))
    ]
    if 2 * len(heads) > others:
        return None  # it pairs with most others' headings: a heading
    return at


def _first_head_cut(blocks: Sequence[Block], at: int) -> int:
    """Return where the text stops, given a heading at ``at`` that reads as words cut off:
    text is cut once, so of such headings after the last line that ends a clause or is
    prose, the first is the cut and the others are the page's (related items' titles)."""
    first, k = at, at - 1
    while k >= 0 and not _CLAUSE_ENDED.search(blocks[k].text):
        if blocks[k].kind == "p" and not _no_prose(blocks[k]):
            break  # prose: the text's own, or a paragraph cut off that mark_partial judges
        if _head_words(blocks[k]):
            first = k
        k -= 1
    return first


def _head_words(block: Block) -> bool:
    """Tell whether a heading reads as the first words of a sentence cut off: words in lower
    case after the first, no end, no stamp."""
    words = block.text.split()
    return (
        block.kind == "head"
        and len(words) >= _CUT_HEAD_WORDS
        and any(word[:1].islower() for word in words[1:])
        and not _ENDED.search(block.text)
        and not _STAMPED.search(block.text)
    )


def partial_beads(versions: Sequence[Version], paragraphs: Alignment) -> list[Bead]:
    """Return the beads that pair each version's partial paragraph with the paragraph it
    starts in each other version (none when no version is cut off). A paragraph goes to one
    bead only: the bead of a version cut later leaves out what an earlier one took."""
    order = {b.id: k for k, b in enumerate(paragraphs.beads)}
    bead_of = {i: b for b in paragraphs.beads for lang in b.langs for i in b.ids(lang)}
    out: list[Bead] = []
    taken: set[str] = set()
    where = {b.id: k for v in versions for k, b in enumerate(v.blocks)}
    for version in versions:
        cut_at = next((k for k, b in enumerate(version.blocks) if b.partial), None)
        if cut_at is None or version.blocks[cut_at].id in taken:
            continue
        cut = version.blocks[cut_at]
        members: dict[str, tuple[str, ...]] = {version.lang: (cut.id,)}
        before = [bead_of[b.id] for b in version.blocks[:cut_at] if b.id in bead_of]
        for other in versions:
            if other.lang == version.lang:
                continue
            at = {b.id: k for k, b in enumerate(other.blocks)}
            shared = [b for b in before if any(i in at for i in b.ids(other.lang))]
            start = 0
            if shared:
                last = max(shared, key=lambda b: order[b.id])
                start = max(at[i] for i in last.ids(other.lang) if i in at) + 1
            follower = next((b for b in other.blocks[start:] if b.kind == "p"), None)
            if follower is not None and follower.id not in taken:
                members[other.lang] = (follower.id,)
        if len(members) > 1 and not any(_crosses(members, b.members, where) for b in out):
            taken.update(i for ids in members.values() for i in ids)
            full = {v.lang: members.get(v.lang, ()) for v in versions}
            name = "al.partial" if not out else f"al.partial{len(out) + 1}"
            out.append(Bead(name, full, PARTIAL_CERT))
    return sorted(out, key=functools.cmp_to_key(functools.partial(_before, where=where)))


def _before(one: Bead, other: Bead, where: Mapping[str, int]) -> int:
    """Compare two beads that do not cross by where they stand in a language both have."""
    for lang in one.langs:
        if other.ids(lang):
            return -1 if where[one.ids(lang)[0]] < where[other.ids(lang)[0]] else 1
    return 0


def _crosses(
    one: Mapping[str, tuple[str, ...]],
    other: Mapping[str, tuple[str, ...]],
    where: Mapping[str, int],
) -> bool:
    """Tell whether two beads cross: one comes first in one language, the other in another
    (``where`` gives each block's place in its version)."""
    sides = {
        where[a[0]] < where[b[0]] for lang in one if (a := one[lang]) and (b := other.get(lang, ()))
    }
    return len(sides) > 1
