"""Value objects that flow through the pipeline, and the words the project uses for them.

A reader turns bytes into a :class:`SourceText` (raw blocks, no language knowledge);
:func:`aligner.segment.segment` turns it into a :class:`Version` (blocks with ids, speaker
turns and sentences); the aligner turns versions into :class:`Alignment` objects; a
:class:`Document` holds all of it and is what ``tei.py`` writes and reads. Ids are made and
taken apart in :mod:`aligner.ids` only.

Glossary (one word per concept, in code, command line, API, page and docs):

document
    All language versions of one text and their alignment (:class:`Document`).
version
    The text of one language (:class:`Version`); its language is a BCP 47 code, ``lang``.
block
    A heading or a paragraph of a version (:class:`Block`, id ``de.p3``, ``de.h1``).
sentence
    A sentence of a paragraph (:class:`Sentence`, id ``de.p3.s2``).
note
    A footnote or endnote a block calls (:class:`Note`): kept beside the block's text, at
    its call, and never aligned or compared.
unit
    What a bead aligns: a block at paragraph level, a sentence at sentence level. The HTTP
    API's request fields call a unit an *item* (``Split.at``, ``Unalign.item``); that name
    stays for the API's sake and means the same.
bead
    One n-way alignment unit of a level: for each language the units it holds, maybe none
    (:class:`Bead`, id ``al.p4``, ``al.s12``). A *stored* bead is one the TEI keeps; a *pair*
    bead refines a stored sentence bead for two languages (:attr:`Alignment.pairs`).
part
    A consecutive piece of a stored bead that a view shows as a bead of its own
    (``al.p4.2``, :mod:`aligner.views`).
cert
    The aligner's confidence in [0, 1] that a bead is right (TEI ``@cert``; a person's
    correction has cert 1). Prose may say *confidence*; the command line's ``--min-cert``
    (``--min-score`` before) and the tables' ``score`` column hold a cert too.
    :data:`SURE` is the calibrated line; :mod:`aligner.flags` says which beads ask for
    review.
flag
    Why a bead deserves a second look (:class:`aligner.flags.Flag`).
row, cell
    A bead laid out in a table, and what one language shows in it (:mod:`exports.table`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from aligner.align_config import AlignConfig

#: the calibrated line: automatic beads with a cert at or above it are right at least 97
#: times in 100 on the gold corpora (``benchmarks/bench_calibration.py``); below it, one in
#: ten or more is wrong. Review flags, the aligner's second look and the archive's lexicon
#: all draw it here.
SURE = 0.9

BlockKind = Literal["p", "head"]
Level = Literal["paragraph", "sentence"]
Status = Literal["auto", "manual"]


@dataclass(frozen=True)
class Source:
    """Where one language version came from."""

    sha256: str
    filename: str | None = None
    url: str | None = None
    media_type: str = "text/plain"
    retrieved: str | None = None  # ISO 8601 date-time, UTC
    publisher: str | None = None
    pages: int | None = None  # a paged source's (PDF's) page count
    # the BCP 47 tag the file declares, when it says more than the language: "en-GB" from
    # <html lang="en-GB"> or a DOCX's w:lang; the version's own language stays bare ("en")
    tag: str | None = None
    # dates the file's metadata claims, never the document's own: (what it claims, ISO date),
    # e.g. ("DOCX core properties: created", "2013-12-23")
    metadata: tuple[tuple[str, str], ...] = ()


NotePlace = Literal["foot", "end"]


@dataclass(frozen=True)
class Note:
    """A footnote or endnote a block calls: not part of the block's text, never aligned.

    ``at`` is where the call mark stood: how many of the block's characters other than
    white space come before it, so that it survives white space being squeezed and a
    paragraph being cut into sentences (:func:`note_index`). TEI: ``<note place n>`` there.
    """

    n: str  # the marker as printed: "3", "*", "iv"
    text: str
    at: int
    place: NotePlace = "foot"


def note_index(text: str, at: int) -> int:
    """Return the index in ``text`` right after its ``at``-th character other than white space.

    >>> note_index("world, and more", 6), note_index("a b", 0), note_index("a b", 9)
    (6, 0, 3)
    """
    if at <= 0:
        return 0
    seen = 0
    for k, ch in enumerate(text):
        if not ch.isspace():
            seen += 1
            if seen == at:
                return k + 1
    return len(text)


def solid(text: str) -> int:
    """Return how many characters of ``text`` are not white space (a note's ``at`` unit).

    >>> solid(" a\\u00a0b\\u2003c\\n")
    3
    """
    return sum(map(len, text.split()))  # str.split() parts at what str.isspace() is


@dataclass(frozen=True)
class RawBlock:
    """A block of text as a reader found it, before any language rules."""

    text: str
    kind: Literal["p", "head", "item"] = "p"
    page: int | None = None  # the page of a paged source (1-based) it starts on
    page_label: str | None = None  # that page's printed label ("iii", "12"), when not its place
    notes: tuple[Note, ...] = ()  # the notes it calls, in the order of their calls


FrontKind = Literal["dateline", "byline", "intro", "symbol", "note", "masthead", "unpaired"]


@dataclass(frozen=True)
class FrontItem:
    """A piece of a version's front matter: a place-and-date line, a byline, the publisher's
    intro, a document symbol, an editorial note, a masthead's line (the issuing body, the
    distribution, the original language), or a line outside the text no other version has
    (``unpaired``: a site's name); TEI ``front``. The title stays the body's first
    heading."""

    kind: FrontKind
    text: str
    when: str | None = None  # a dateline's date, ISO


@dataclass(frozen=True)
class SourceText:
    """What a reader returns: the main text of one file, in reading order."""

    blocks: tuple[RawBlock, ...]
    source: Source
    lang: str | None = None  # only when the file itself says (HTML lang, DOCX, TEI)
    title: str | None = None
    date: str | None = None  # ISO 8601 date of publication, as the text states it
    dropped: tuple[str, ...] = ()  # lines left out as page furniture, in reading order
    date_text: str | None = None  # the date as the text words it ("14 марта 2026 года")
    front: tuple[FrontItem, ...] = ()  # in reading order


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str


@dataclass(frozen=True)
class Turn:
    """A speaker turn: a label such as ``Question:`` and the person it points to."""

    id: str  # en.sp1
    speaker: str  # the label as printed, e.g. "Вопрос:"
    who: str  # person id without '#', e.g. "journalist"


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph of one version."""

    id: str
    kind: BlockKind
    n: int
    text: str  # for a paragraph: its sentences joined by one space
    sentences: tuple[Sentence, ...] = ()  # headings have none
    section: str = "statement"  # the TEI div type: statement, qa, ...
    turn: Turn | None = None
    page: int | None = None  # the page of a paged source (1-based) it starts on (TEI pb)
    page_label: str | None = None  # that page's printed label, when not its place (pb @n)
    partial: bool = False  # cut off: the start of a paragraph whose rest the file lacks
    notes: tuple[Note, ...] = ()  # the notes it calls, in the order of their calls


def sentence_notes(block: Block) -> tuple[tuple[Note, ...], ...]:
    """Return, for each sentence of ``block``, the notes it calls (``at`` counted in it).

    A call at a sentence's end is that sentence's, not the next one's; a call before all
    text is the first sentence's, one after it the last one's.
    """
    out: list[tuple[Note, ...]] = []
    start = 0
    last = len(block.sentences) - 1
    for i, sentence in enumerate(block.sentences):
        end = start + solid(sentence.text)
        low = -1 if i == 0 else start
        high = end if i < last else max(end, *(n.at for n in block.notes), 0)
        out.append(tuple(replace(n, at=n.at - start) for n in block.notes if low < n.at <= high))
        start = end
    return tuple(out)


@dataclass(frozen=True)
class Version:
    """One language version of a document, segmented."""

    lang: str
    blocks: tuple[Block, ...]
    source: Source
    title: str | None = None
    date: str | None = None
    original: bool = False
    dropped: tuple[str, ...] = ()  # lines the reader left out as page furniture (TEI: a note)
    date_text: str | None = None  # the date as the source words it, beside the ISO ``date``
    front: tuple[FrontItem, ...] = ()  # front matter besides the title, in reading order

    def block(self, block_id: str) -> Block:
        for b in self.blocks:
            if b.id == block_id:
                return b
        raise KeyError(block_id)

    def sentences(self) -> Iterator[Sentence]:
        for b in self.blocks:
            yield from b.sentences


@dataclass(frozen=True)
class Bead:
    """One n-way alignment unit: for each language, the ids it contributes (maybe none)."""

    id: str
    members: Mapping[str, tuple[str, ...]]
    cert: float
    status: Status = "auto"
    resp: str = "app-aligner"  # id of the application or person responsible

    def ids(self, lang: str) -> tuple[str, ...]:
        return self.members.get(lang, ())

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(lang for lang, ids in self.members.items() if ids)

    @property
    def shape(self) -> str:
        return "-".join(str(len(ids)) for ids in self.members.values())


@dataclass(frozen=True)
class Alignment:
    """The n-way beads of one level, and where language pairs align finer than they do.

    ``pairs`` holds, for a stored bead that two of its languages split finer between
    themselves (a third language glued what they keep apart), that pair's own beads over
    its units in the stored bead, in order. Each pair bead has exactly the pair's two
    languages as members (one may be empty: a unit the pair leaves without partner) and no
    id; beads of one pair come together, in document order.
    """

    level: Level
    beads: tuple[Bead, ...]
    pairs: tuple[Bead, ...] = ()


@dataclass(frozen=True)
class Person:
    id: str
    role: str
    name: str
    lang: str = "en"


@dataclass(frozen=True)
class Change:
    when: str  # ISO 8601 date-time, UTC
    who: str  # id of a respStmt, without '#'
    text: str
    n: int


@dataclass(frozen=True)
class Document:
    """All versions of one document and their alignment at both levels."""

    id: str
    uuid: str
    versions: tuple[Version, ...]
    paragraphs: Alignment
    sentences: Alignment
    created: str
    changes: tuple[Change, ...] = ()
    people: tuple[Person, ...] = ()
    editors: tuple[Person, ...] = ()  # people who corrected the alignment (respStmt)
    publisher: str | None = None
    app_version: str = ""
    #: the settings the alignment was made with (None: not recorded, an older document)
    aligned_with: AlignConfig | None = None

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(v.lang for v in self.versions)

    def version(self, lang: str) -> Version:
        for v in self.versions:
            if v.lang == lang:
                return v
        raise KeyError(lang)

    @property
    def original(self) -> str | None:
        return next((v.lang for v in self.versions if v.original), None)

    def title(self, lang: str | None = None) -> str:
        """Return the title in ``lang`` (else the original's, else the first one found)."""
        order = [lang] if lang else []
        order += [self.original] if self.original else []
        order += list(self.langs)
        for code in order:
            if code is None:
                continue
            t = self.version(code).title
            if t:
                return t
        return self.id
