"""Truncated versions: a version cut off in the middle of a paragraph (a clipped page, an
abridged copy) ends with the start of a paragraph the others have whole.

:func:`mark_partial` marks such a last paragraph (it ends in the middle of a sentence);
after a first alignment, :func:`partial_bead` pairs it with the paragraph it starts in each
other version: the one after the last bead the two versions share before it. The bead is
kept as given when the versions are aligned again, with a confidence that asks for review;
the TEI marks the paragraph ``part="I"`` (the initial part of an incomplete paragraph).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from aligner.model import Alignment, Bead, Version

__all__ = ["PARTIAL_CERT", "mark_partial", "partial_bead"]

#: confidence of the bead that pairs a cut paragraph with its counterparts: below the
#: review threshold, so a person looks at it
PARTIAL_CERT = 0.5
_ENDED = re.compile(r"[.!?…:;)\]\"'»”’]\W*$")
_MIN_WORDS = 5


def mark_partial(version: Version) -> Version:
    """Mark the version's last paragraph partial when it stops in the middle of a sentence.

    A text is cut in its running prose, which has words in lower case after its first; the
    paragraph before a cut one ends or is a heading. After a short line that does not end
    either (a name under "Message by"), the last line is a signature's too (the signer's
    role), no text cut off.
    """
    if not version.blocks:
        return version
    last = version.blocks[-1]
    if last.kind != "p" or _ENDED.search(last.text) or len(last.text.split()) < _MIN_WORDS:
        return version
    if not any(word[:1].islower() for word in last.text.split()[1:]):
        return version  # names in a row ("Follow us: Facebook | X | Instagram"), no prose
    before = version.blocks[-2] if len(version.blocks) > 1 else None
    short = before is not None and before.kind == "p" and len(before.text.split()) < _MIN_WORDS
    if short and before is not None and not _ENDED.search(before.text):
        return version  # a signature's lines: a name, then a role
    marked = dataclasses.replace(last, partial=True)
    return dataclasses.replace(version, blocks=(*version.blocks[:-1], marked))


def partial_bead(versions: Sequence[Version], paragraphs: Alignment) -> Bead | None:
    """Return the bead that pairs a version's partial last paragraph with the paragraph it
    starts in each other version, or None when no version ends partial."""
    order = {b.id: k for k, b in enumerate(paragraphs.beads)}
    bead_of = {i: b for b in paragraphs.beads for lang in b.langs for i in b.ids(lang)}
    for version in versions:
        if not version.blocks or not version.blocks[-1].partial:
            continue
        cut = version.blocks[-1]
        members: dict[str, tuple[str, ...]] = {version.lang: (cut.id,)}
        before = [bead_of[b.id] for b in version.blocks[:-1] if b.id in bead_of]
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
            if follower is not None:
                members[other.lang] = (follower.id,)
        if len(members) > 1:
            full = {v.lang: members.get(v.lang, ()) for v in versions}
            return Bead("al.partial", full, PARTIAL_CERT)
    return None
