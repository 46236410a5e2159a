"""Correct an alignment by hand: merge, split, move, unalign and confirm beads, and fix the
segmentation (split a sentence, join two) without changing a word.

Every operation takes a :class:`~aligner.model.Document` and returns a new one; nothing is
changed in place. A bead the editor touched becomes ``status="manual"``, ``cert=1.0`` and
``resp=<editor id>``; bead ids are renumbered in order afterwards; each call appends a
:class:`~aligner.model.Change` and records the editor in ``Document.editors``.

The operations the HTTP API and the page offer are in :data:`OPERATIONS`: one frozen
dataclass per operation holds its parameters (``bead`` and ``level`` in every one; the
``metadata["doc"]`` of a field describes it) and applies it. The service builds its request
schema from them, so a new operation is a function and a class here, and its button on the
page.

Operations work on either level. After a paragraph-level correction every sentence bead must
still lie inside one paragraph bead: paragraph beads the correction left alone keep their
sentence beads; inside the new or changed ones the sentences are aligned again
(:func:`aligner.align.align_versions`) with the settings the document records, keeping
sentence beads a person corrected.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import ClassVar, Literal, Protocol

from aligner._clock import utc_now
from aligner._display import plain
from aligner.align import align_versions
from aligner.align.embeddings import get_encoder
from aligner.align_config import DEFAULT_CONFIG
from aligner.errors import AlignerError
from aligner.ids import bead_id, lang_of
from aligner.invariants import bead_problems
from aligner.model import Alignment, Bead, Block, Change, Document, Level, Person, Sentence
from languages.translit import to_latin

__all__ = [
    "OPERATIONS",
    "Confirm",
    "Direction",
    "EditError",
    "Merge",
    "Move",
    "Operation",
    "JoinSentences",
    "Split",
    "SplitSentence",
    "Unalign",
    "confirm",
    "editor",
    "join_sentences",
    "merge",
    "move",
    "prepare",
    "split",
    "split_sentence",
    "unalign",
]

Direction = Literal["prev", "next"]

_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")


class EditError(AlignerError):
    """A correction that cannot be applied; ``.bead`` names the bead it was about."""

    def __init__(self, message: str, *, bead: str | None = None, path: str | None = None) -> None:
        self.bead = bead
        super().__init__(message, path=path)


def editor(name: str, *, role: str = "editor") -> Person:
    """Return the :class:`Person` for an editor called ``name``, with an XML-safe id.

    The name is kept as people should see it (:func:`aligner._display.plain`: no direction
    overrides or controls, NFC, single spaces). The id is readable and one per distinct
    name: the same name always gives the same id, two names never the same one.

    >>> editor("Anna Müller").id
    'ed-anna-muller-94666c88'
    >>> editor("\u202eAnna  Müller").id == editor("Anna Müller").id
    True
    >>> editor("ANNA MULLER").id, editor("Ольга Петрова").id
    ('ed-anna-muller-1093c79d', 'ed-olga-petrova-0aecd645')
    >>> editor("\u202e\x02")
    Traceback (most recent call last):
    ...
    aligner.edit.EditError: the editor's name is empty
    """
    cleaned = plain(name)
    if not cleaned:
        raise EditError("the editor's name is empty")
    if len(cleaned) > 200:
        raise EditError("the editor's name is longer than 200 characters")
    slug = re.sub(r"[^a-z0-9]+", "-", to_latin(cleaned)).strip("-")[:40].strip("-")
    digest = hashlib.sha256(cleaned.encode("utf-8")).hexdigest()[:8]
    return Person(id=f"ed-{slug}-{digest}" if slug else f"ed-{digest}", role=role, name=cleaned)


def merge(
    document: Document,
    bead: str,
    *,
    editor: Person,
    level: Level = "paragraph",
    when: str | None = None,
) -> Document:
    """Merge ``bead`` with the bead that follows it."""
    beads, i = _find(document, level, bead)
    if i + 1 >= len(beads):
        raise EditError(
            f"{bead} is the last {level} bead; there is nothing to merge it with", bead=bead
        )
    first, second = beads[i], beads[i + 1]
    joined = ""
    if level == "sentence":
        document, joined = _recut(document, [first, second], editor)
    members = {lang: first.ids(lang) + second.ids(lang) for lang in document.langs}
    beads[i : i + 2] = [_corrected(document, members, editor)]
    text = f"Merged {level} beads {first.id} and {second.id}{joined}."
    return _commit(document, level, beads, editor, when, text)


def split(
    document: Document,
    bead: str,
    at: Mapping[str, str],
    *,
    editor: Person,
    level: Level = "paragraph",
    when: str | None = None,
) -> Document:
    """Split ``bead`` in two: for each language in ``at``, its items from that id on go second.

    Languages not named in ``at`` stay whole in the first part.
    """
    beads, i = _find(document, level, bead)
    if not at:
        raise EditError(f"say where to split {bead}: give a language and an item id", bead=bead)
    unknown = sorted(set(at) - set(document.langs))
    if unknown:
        raise EditError(f"the document has no language {', '.join(unknown)}", bead=bead)
    first: dict[str, tuple[str, ...]] = {}
    second: dict[str, tuple[str, ...]] = {}
    for lang in document.langs:
        ids = beads[i].ids(lang)
        k = _position(ids, at[lang], bead, lang) if lang in at else len(ids)
        first[lang], second[lang] = ids[:k], ids[k:]
    where = ", ".join(at[lang] for lang in document.langs if lang in at)
    if not any(first.values()) or not any(second.values()):
        raise EditError(f"splitting {bead} at {where} would leave an empty bead", bead=bead)
    beads[i : i + 1] = [_corrected(document, first, editor), _corrected(document, second, editor)]
    return _commit(document, level, beads, editor, when, f"Split {level} bead {bead} at {where}.")


def move(
    document: Document,
    bead: str,
    lang: str,
    direction: Direction,
    *,
    editor: Person,
    level: Level = "paragraph",
    when: str | None = None,
) -> Document:
    """Move the first item of ``lang`` to the previous bead, or its last item to the next one.

    A bead left with nothing is removed.
    """
    beads, i = _find(document, level, bead)
    _known_lang(document, lang, bead)
    if direction not in ("prev", "next"):
        raise EditError(f"direction must be 'prev' or 'next', not {direction!r}", bead=bead)
    source = beads[i]
    ids = source.ids(lang)
    if not ids:
        raise EditError(f"{bead} has nothing in {lang} to move", bead=bead)
    j = i - 1 if direction == "prev" else i + 1
    if not 0 <= j < len(beads):
        where = "first" if direction == "prev" else "last"
        raise EditError(
            f"{bead} is the {where} {level} bead; there is no bead to move into", bead=bead
        )
    target = beads[j]
    item = ids[0] if direction == "prev" else ids[-1]
    rest = ids[1:] if direction == "prev" else ids[:-1]
    joined = ""
    if level == "sentence":
        document, joined = _recut(document, [target, _only(document, lang, item)], editor)
    moved = target.ids(lang) + (item,) if direction == "prev" else (item,) + target.ids(lang)
    new_target = _corrected(document, {**_members(document, target), lang: moved}, editor)
    new_source = _corrected(document, {**_members(document, source), lang: rest}, editor)
    pair = [new_target, new_source] if direction == "prev" else [new_source, new_target]
    lo = min(i, j)
    beads[lo : lo + 2] = [b for b in pair if any(b.members.values())]
    said = f"Moved {item} from {bead} to {target.id}{joined}."
    return _commit(document, level, beads, editor, when, said)


def unalign(
    document: Document,
    bead: str,
    item: str,
    *,
    editor: Person,
    level: Level = "paragraph",
    when: str | None = None,
) -> Document:
    """Take ``item`` out of ``bead`` as a bead of its own that aligns with nothing.

    Only the first or the last item of its language can leave a bead; the new bead goes
    before the bead (first item) or after it (last item), so each language keeps its order.
    """
    beads, i = _find(document, level, bead)
    old = beads[i]
    lang = next((lang for lang in document.langs if item in old.ids(lang)), None)
    if lang is None:
        raise EditError(f"{item} is not in {bead}", bead=bead)
    ids = old.ids(lang)
    if old.langs == (lang,) and len(ids) == 1:
        raise EditError(f"{item} is already unaligned in {bead}", bead=bead)
    k = ids.index(item)
    if 0 < k < len(ids) - 1:
        raise EditError(f"{item} is in the middle of {bead}; split the bead first", bead=bead)
    alone = _corrected(document, _only(document, lang, item).members, editor)
    before = k == 0 and len(ids) > 1
    rest_ids = ids[1:] if before else ids[:-1]
    rest = _corrected(document, {**_members(document, old), lang: rest_ids}, editor)
    beads[i : i + 1] = [alone, rest] if before else [rest, alone]
    return _commit(document, level, beads, editor, when, f"Unaligned {item} from {bead}.")


def confirm(
    document: Document,
    bead: str,
    *,
    editor: Person,
    level: Level = "paragraph",
    when: str | None = None,
) -> Document:
    """Mark ``bead`` as checked by ``editor``."""
    beads, i = _find(document, level, bead)
    beads[i] = _corrected(document, _members(document, beads[i]), editor)
    return _commit(document, level, beads, editor, when, f"Confirmed {level} bead {bead}.")


def prepare(document: Document) -> None:
    """Load what a correction of ``document`` needs: its encoder and the vectors of its texts.

    A paragraph correction aligns the sentences of the beads it changed again, with the
    settings the document records; with the encoder's weights loaded and every paragraph
    and sentence of the document encoded (the encoder remembers each text it met), that
    takes a fraction of a second.
    """
    config = document.aligned_with or DEFAULT_CONFIG
    if config.encoder is None:
        return
    embedder = get_encoder(config.encoder)
    if embedder is None:
        return
    texts = [
        text
        for version in document.versions
        if embedder.covers(version.lang)
        for block in version.blocks
        for text in (block.text, *(s.text for s in block.sentences))
    ]
    if texts:
        embedder.vectors(texts)


def split_sentence(
    document: Document,
    sentence: str,
    at: int,
    *,
    editor: Person,
    when: str | None = None,
) -> Document:
    """Cut ``sentence`` in two where the character at offset ``at`` begins the second part.

    The cut falls at a space (``at`` follows it), so the paragraph's text stays what the
    source said: the two parts joined by one space are the sentence. The first part keeps
    the sentence's id, the second gets the next free one of its paragraph; both stay in
    the sentence bead that held it (split the bead to align them apart).
    """
    block, k = _sentence_at(document, sentence)
    text = block.sentences[k].text
    if not 0 < at < len(text) or text[at - 1] != " ":
        raise EditError(
            f"{sentence}: cut between words, after a space (offset {at} is not)", bead=sentence
        )
    first, second = text[: at - 1], text[at:]
    if not first.strip() or not second.strip() or first != first.rstrip() or second[:1].isspace():
        raise EditError(f"{sentence}: the cut would leave an empty part", bead=sentence)
    numbers = (s.id.rsplit(".s", 1)[-1] for s in block.sentences)
    used = [int(n) for n in numbers if n.isdigit()]
    new_id = f"{block.id}.s{max(used, default=0) + 1}"
    sentences = (
        *block.sentences[:k],
        Sentence(sentence, first),
        Sentence(new_id, second),
        *block.sentences[k + 1 :],
    )
    lang = lang_of(sentence)
    beads = [
        replace(b, members={**b.members, lang: _replaced(b.ids(lang), sentence, new_id)})
        if sentence in b.ids(lang)
        else b
        for b in document.sentences.beads
    ]
    changed = _with_block(document, replace(block, sentences=sentences))
    text_said = f"Split sentence {sentence} into {sentence} and {new_id}."
    return _commit_segments(document, changed, beads, editor, when, text_said)


def join_sentences(
    document: Document,
    sentence: str,
    *,
    editor: Person,
    when: str | None = None,
) -> Document:
    """Join ``sentence`` with the sentence after it in its paragraph.

    The joined sentence keeps the first one's id and is their texts with one space between,
    as the paragraph holds them. When they were in different sentence beads, those beads
    and any between them become one, as the person made it.
    """
    block, k = _sentence_at(document, sentence)
    if k + 1 >= len(block.sentences):
        raise EditError(
            f"{sentence} is the last sentence of {block.id}; there is none after it to join",
            bead=sentence,
        )
    a, b = block.sentences[k], block.sentences[k + 1]
    sentences = (
        *block.sentences[:k],
        Sentence(a.id, f"{a.text} {b.text}"),
        *block.sentences[k + 2 :],
    )
    beads = list(document.sentences.beads)
    lang = lang_of(sentence)
    first = next(i for i, x in enumerate(beads) if a.id in x.ids(lang))
    last = next(i for i, x in enumerate(beads) if b.id in x.ids(lang))
    members = {
        code: tuple(i for x in beads[first : last + 1] for i in x.ids(code) if i != b.id)
        for code in document.langs
    }
    if first == last:
        beads[first] = replace(beads[first], members=members)
    else:
        beads[first : last + 1] = [_corrected(document, members, editor)]
    changed = _with_block(document, replace(block, sentences=sentences))
    return _commit_segments(
        document, changed, beads, editor, when, f"Joined sentences {a.id} and {b.id}."
    )


def _sentence_at(document: Document, sentence: str) -> tuple[Block, int]:
    """Return the block holding ``sentence`` and its position there."""
    lang = lang_of(sentence)
    if lang not in document.langs:
        raise EditError(f"there is no sentence {sentence}", bead=sentence)
    for block in document.version(lang).blocks:
        for k, s in enumerate(block.sentences):
            if s.id == sentence:
                return block, k
    raise EditError(f"there is no sentence {sentence}", bead=sentence)


def _replaced(ids: tuple[str, ...], old: str, added: str) -> tuple[str, ...]:
    """Return ``ids`` with ``added`` right after ``old``."""
    k = ids.index(old)
    return (*ids[: k + 1], added, *ids[k + 1 :])


def _with_block(document: Document, block: Block) -> Document:
    """Return ``document`` with ``block`` in place of the block of the same id."""
    lang = lang_of(block.id)
    versions = tuple(
        replace(v, blocks=tuple(block if b.id == block.id else b for b in v.blocks))
        if v.lang == lang
        else v
        for v in document.versions
    )
    return replace(document, versions=versions)


def _commit_segments(
    before: Document,
    changed: Document,
    beads: Sequence[Bead],
    who: Person,
    when: str | None,
    text: str,
) -> Document:
    """Finish a segmentation fix: renumber the sentence beads, check, record the change."""
    for old, new in zip(before.versions, changed.versions, strict=True):
        for a, b in zip(old.blocks, new.blocks, strict=True):
            said = " ".join(s.text for s in b.sentences)
            if a.text != b.text or (b.sentences and said != b.text):
                raise EditError(f"{b.id}: a segmentation fix may not change the text")
    return _commit(changed, "sentence", beads, who, when, text)


def _find(document: Document, level: str, bead: str) -> tuple[list[Bead], int]:
    """Return the beads of ``level`` (a copy to edit) and the position of ``bead`` in them."""
    if level == "paragraph":
        beads = list(document.paragraphs.beads)
    elif level == "sentence":
        beads = list(document.sentences.beads)
    else:
        raise EditError(f"level must be 'paragraph' or 'sentence', not {level!r}")
    for i, b in enumerate(beads):
        if b.id == bead:
            return beads, i
    raise EditError(f"there is no bead {bead}", bead=bead)


def _position(ids: tuple[str, ...], item: str, bead: str, lang: str) -> int:
    if item not in ids:
        raise EditError(f"{item} is not one of the {lang} items of {bead}", bead=bead)
    return ids.index(item)


def _known_lang(document: Document, lang: str, bead: str) -> None:
    if lang not in document.langs:
        raise EditError(f"the document has no language {lang!r}", bead=bead)


def _members(document: Document, bead: Bead) -> dict[str, tuple[str, ...]]:
    return {lang: bead.ids(lang) for lang in document.langs}


def _only(document: Document, lang: str, item: str) -> Bead:
    members = {code: (item,) if code == lang else () for code in document.langs}
    return Bead(id="", members=members, cert=1.0)


def _corrected(document: Document, members: Mapping[str, tuple[str, ...]], who: Person) -> Bead:
    ordered = {lang: tuple(members.get(lang, ())) for lang in document.langs}
    return Bead(id="", members=ordered, cert=1.0, status="manual", resp=who.id)


def _all_ids(bead: Bead) -> Iterable[str]:
    for ids in bead.members.values():
        yield from ids


def _paragraph_owner(beads: Sequence[Bead]) -> dict[str, int]:
    """Map each block id to the index of the paragraph bead holding it."""
    return {block: i for i, b in enumerate(beads) for block in _all_ids(b)}


def _sentence_parent(document: Document) -> dict[str, str]:
    return {s.id: b.id for v in document.versions for b in v.blocks for s in b.sentences}


def _same_paragraph_bead(document: Document, beads: Sequence[Bead], bead: str) -> None:
    owner = _paragraph_owner(document.paragraphs.beads)
    parent = _sentence_parent(document)
    homes = {owner.get(parent.get(s, ""), -1) for b in beads for s in _all_ids(b)}
    if len(homes) > 1:
        names = [document.paragraphs.beads[h].id for h in sorted(homes) if h >= 0]
        raise EditError(
            f"{bead}: sentences would span paragraph beads {', '.join(names)}; "
            "correct the paragraph beads first",
            bead=bead,
        )


def _recut(document: Document, beads: Sequence[Bead], who: Person) -> tuple[Document, str]:
    """Join the paragraph beads ``beads``' sentences lie in, so that they lie in one.

    A sentence moves into the neighbouring sentence bead even when that bead lies in the
    next paragraph bead: the two paragraph beads become one, as the person made it, with
    every sentence bead kept as it was. Return the document and what was joined (words for
    the change), or the document as it was and "".
    """
    owner = _paragraph_owner(document.paragraphs.beads)
    parent = _sentence_parent(document)
    homes = sorted({owner[parent[s]] for b in beads for s in _all_ids(b)})
    if len(homes) < 2:
        return document, ""
    paragraphs = list(document.paragraphs.beads)
    first, last = homes[0], homes[-1]
    members = {
        lang: tuple(i for b in paragraphs[first : last + 1] for i in b.ids(lang))
        for lang in document.langs
    }
    names = [b.id for b in paragraphs[first : last + 1]]
    paragraphs[first : last + 1] = [_corrected(document, members, who)]
    recut = replace(document, paragraphs=Alignment("paragraph", _renumber(paragraphs, "paragraph")))
    return recut, f", joining paragraph beads {' and '.join(names)}"


def _renumber(beads: Iterable[Bead], level: Level) -> tuple[Bead, ...]:
    """Give the beads ids ``al.p1``, ``al.p2``... (or ``al.s…``) in order."""
    return tuple(replace(b, id=bead_id(level, n)) for n, b in enumerate(beads, 1))


def _rederive_sentences(document: Document, paragraphs: Sequence[Bead]) -> Alignment:
    """Return the sentence alignment for new paragraph beads.

    A paragraph bead the correction left as it was keeps its sentence beads (and their pair
    beads); inside a new or changed one the sentences are aligned again, keeping the
    sentence beads a person corrected that still lie inside it.
    """
    before = {_key(b) for b in document.paragraphs.beads}
    owner = _paragraph_owner(paragraphs)
    parent = _sentence_parent(document)
    inside: list[list[Bead]] = [[] for _ in paragraphs]
    for bead in document.sentences.beads:
        homes = {owner[parent[s]] for s in _all_ids(bead)}
        # a bead the correction cut in two only lies in changed paragraph beads, whose
        # sentences are aligned again anyway
        if len(homes) == 1:
            inside[homes.pop()].append(bead)
    result: list[Bead] = []
    kept: list[Bead] = []
    pairs: list[Bead] = []
    for i, bead in enumerate(paragraphs):
        if _key(bead) in before:
            result.extend(inside[i])
            kept.extend(inside[i])
        else:
            manual = [b for b in inside[i] if b.status == "manual"]
            found = _align_sentences(document, bead, manual)
            result.extend(found.beads)
            pairs.extend(found.pairs)
    return _with_pairs(document, _renumber(result, "sentence"), kept, pairs)


def _with_pairs(
    document: Document,
    beads: tuple[Bead, ...],
    kept: Sequence[Bead],
    new: Sequence[Bead] = (),
) -> Alignment:
    """Return the sentence alignment of ``beads`` with the pair beads that still hold.

    A stored sentence bead kept as it was (in ``kept``), untouched by a person, keeps its
    pair beads; a bead a person merged, split, moved or confirmed loses them (the views
    show what the person made). ``new`` are the pair beads of sentences aligned again.
    """
    unchanged = {_key(b) for b in kept if b.status == "auto"}
    home = {i: b for b in document.sentences.beads for i in _all_ids(b)}
    pairs = [p for p in document.sentences.pairs if _key(home[_first(p)]) in unchanged]
    pairs += new
    order = {frozenset(pair): k for k, pair in enumerate(itertools.combinations(document.langs, 2))}
    position = {i: k for k, b in enumerate(beads) for i in _all_ids(b)}
    pairs.sort(key=lambda p: (order[frozenset(p.members)], position[_first(p)]))
    return Alignment("sentence", beads, tuple(pairs))


def _first(bead: Bead) -> str:
    return next(iter(_all_ids(bead)))


def _key(bead: Bead) -> frozenset[tuple[str, tuple[str, ...]]]:
    return frozenset((lang, ids) for lang, ids in bead.members.items() if ids)


def _align_sentences(document: Document, paragraph: Bead, fixed: Sequence[Bead]) -> Alignment:
    """Align the sentences of one paragraph bead, keeping the ``fixed`` sentence beads."""
    versions = [
        replace(v, blocks=tuple(v.block(i) for i in paragraph.ids(v.lang)))
        for v in document.versions
        if any(v.block(i).sentences for i in paragraph.ids(v.lang))
    ]
    if len(versions) < 2:
        # one language only: each sentence stands alone, as sure as its paragraph is
        alone = (
            replace(_only(document, v.lang, s.id), cert=paragraph.cert)
            for v in versions
            for s in v.sentences()
        )
        return Alignment("sentence", tuple(alone))
    langs = [v.lang for v in versions]
    anchor = replace(paragraph, members={lang: paragraph.ids(lang) for lang in langs})
    # with the settings the document was aligned with (its encoder among them)
    config = document.aligned_with or DEFAULT_CONFIG
    _paragraphs, sentences = align_versions(versions, fixed=[anchor, *fixed], config=config)
    beads = tuple(replace(b, members=_members(document, b)) for b in sentences.beads)
    return replace(sentences, beads=beads)


def _commit(
    document: Document,
    level: Level,
    beads: Sequence[Bead],
    who: Person,
    when: str | None,
    text: str,
) -> Document:
    if not _NCNAME.match(who.id):
        raise EditError(f"editor id {who.id!r} is not a valid XML name")
    numbered = _renumber(beads, level)
    if level == "paragraph":
        result = replace(
            document,
            paragraphs=Alignment("paragraph", numbered),
            sentences=_rederive_sentences(document, numbered),
        )
    else:
        result = replace(document, sentences=_with_pairs(document, numbered, numbered))
    problems = bead_problems(result)
    if problems:
        raise EditError(problems[0])
    n = max((c.n for c in document.changes), default=0) + 1
    change = Change(when=when or utc_now(), who=who.id, text=text, n=n)
    editors = document.editors
    if all(p.id != who.id for p in editors):
        editors = (*editors, who)
    return replace(result, changes=(*document.changes, change), editors=editors)


# -- the operations the API and the page offer --------------------------------------------


class Operation(Protocol):
    """One correction as a request names it: its parameters, and how it is applied."""

    name: ClassVar[str]

    @property
    def bead(self) -> str: ...

    @property
    def level(self) -> Level: ...

    def apply(self, document: Document, *, editor: Person) -> Document: ...


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


@dataclass(frozen=True)
class Merge:
    """Merge the bead with the next one."""

    name: ClassVar[str] = "merge"
    bead: str
    level: Level = "paragraph"

    def apply(self, document: Document, *, editor: Person) -> Document:
        return merge(document, self.bead, editor=editor, level=self.level)


@dataclass(frozen=True)
class Split:
    """Split the bead: from ``at`` on, the language's items go to a new bead."""

    name: ClassVar[str] = "split"
    bead: str
    at: str | dict[str, str] = field(metadata=_doc("an item id, or language -> item id"))
    lang: str | None = field(default=None, metadata=_doc("with a single split point in `at`"))
    level: Level = "paragraph"

    def apply(self, document: Document, *, editor: Person) -> Document:
        if isinstance(self.at, dict):
            at = self.at
        elif self.lang:
            at = {self.lang: self.at}
        else:
            at = {lang_of(self.at): self.at}
        return split(document, self.bead, at, editor=editor, level=self.level)


@dataclass(frozen=True)
class Move:
    """Move the first item of a language to the previous bead, or the last to the next."""

    name: ClassVar[str] = "move"
    bead: str
    lang: str
    direction: Direction
    level: Level = "paragraph"

    def apply(self, document: Document, *, editor: Person) -> Document:
        return move(document, self.bead, self.lang, self.direction, editor=editor, level=self.level)


@dataclass(frozen=True)
class Unalign:
    """Take an item out of the bead as a bead of its own."""

    name: ClassVar[str] = "unalign"
    bead: str
    item: str
    lang: str | None = None
    level: Level = "paragraph"

    def apply(self, document: Document, *, editor: Person) -> Document:
        if self.lang and not self.item.startswith(f"{self.lang}."):
            raise EditError(f"{self.item} is not a {self.lang} item", bead=self.bead)
        return unalign(document, self.bead, self.item, editor=editor, level=self.level)


@dataclass(frozen=True)
class Confirm:
    """Mark the bead as checked."""

    name: ClassVar[str] = "confirm"
    bead: str
    level: Level = "paragraph"

    def apply(self, document: Document, *, editor: Person) -> Document:
        return confirm(document, self.bead, editor=editor, level=self.level)


@dataclass(frozen=True)
class SplitSentence:
    """Cut a sentence in two at a space (the text stays as it is)."""

    name: ClassVar[str] = "split-sentence"
    bead: str = field(metadata=_doc("the sentence bead that holds the sentence"))
    sentence: str = field(metadata=_doc("the sentence id, e.g. de.p3.s2"))
    at: int = field(metadata=_doc("where the second part begins: an offset just after a space"))
    level: Level = "sentence"

    def apply(self, document: Document, *, editor: Person) -> Document:
        _holds(document, self.bead, self.sentence)
        return split_sentence(document, self.sentence, self.at, editor=editor)


@dataclass(frozen=True)
class JoinSentences:
    """Join a sentence with the next one of its paragraph (the text stays as it is)."""

    name: ClassVar[str] = "join-sentences"
    bead: str = field(metadata=_doc("the sentence bead that holds the sentence"))
    sentence: str = field(metadata=_doc("the first of the two sentences, e.g. de.p3.s2"))
    level: Level = "sentence"

    def apply(self, document: Document, *, editor: Person) -> Document:
        _holds(document, self.bead, self.sentence)
        return join_sentences(document, self.sentence, editor=editor)


def _holds(document: Document, bead: str, sentence: str) -> None:
    beads, i = _find(document, "sentence", bead)
    if all(sentence not in ids for ids in beads[i].members.values()):
        raise EditError(f"{sentence} is not in {bead}", bead=bead)


#: the corrections a request may ask for, by the name it gives in ``op``
OPERATIONS: dict[str, type[Operation]] = {
    op.name: op for op in (Merge, Split, Move, Unalign, Confirm, SplitSentence, JoinSentences)
}
