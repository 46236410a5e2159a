"""Align all language versions at once: paragraphs n-way, then sentences inside each bead.

The most complete version (most units) is the pivot; every other version is aligned to it
pairwise, and pivot units joined by any pair's bead form one n-way bead, so the result is
consistent by construction (en-de and de-ru fix en-ru). What the pivot lacks is not lost:
the units other versions have between two pivot beads are aligned among themselves, the
same way, with a new pivot chosen from them. Beads confirmed by a person (``fixed``) are
kept as they are and cut the versions into stretches that are aligned around them.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from aligner._process import die_with_fork_server
from aligner.align.embeddings import Embedder, EncoderSpec, get_encoder
from aligner.align.features import Unit
from aligner.align.finer import by_sentences
from aligner.align.lexicon import Lexicons
from aligner.align.pairwise import PairBead, align_units, meaning_for_partial, partial_name
from aligner.align.runs import Runs, in_runs
from aligner.align_config import DEFAULT_CONFIG, AlignConfig, Weights
from aligner.errors import LanguageError, ValidationError
from aligner.ids import bead_id
from aligner.model import Alignment, Bead, Block, Version

Members = dict[str, tuple[int, ...]]

#: texts encoded at a time when progress is told
ENCODE_BATCH = 2048
#: paragraph groups in doubt whose sentences are encoded at a time
ENCODE_BATCH_GROUPS = 500
#: notes of the sentence pass told one by one; the rest are counted
SENTENCE_NOTES = 3


@dataclass(frozen=True)
class _Group:
    """An n-way bead over unit indices, before ids are given."""

    members: Members
    cert: float
    fixed: Bead | None = None


@dataclass(frozen=True)
class _PairAligner:
    """What every pairwise alignment of one level shares: lexicons, configuration, the
    level's weights, encoder."""

    lexicons: Lexicons
    config: AlignConfig
    weights: Weights
    encoder: Embedder | None
    #: told which pair of versions is aligned next (the paragraph pass of a long text)
    tell: Callable[[str], None] | None = None
    #: told, with the pair's languages, what :func:`align_units` warns of
    warn: Callable[[str], None] | None = None
    #: the pairs of languages judged unrelated and aligned no further (filled as they are)
    unrelated: set[frozenset[str]] = field(default_factory=set)
    #: aligned without meaning, the pairs one of whose texts looks partial, with why (see
    #: :func:`~aligner.align.pairwise.looks_partial`; None: not asked), in order
    partial: dict[tuple[str, str], str] | None = None
    #: the units aligned are one bead of a coarser pass each (see ``align_units``'s ``paired``)
    paired: bool = False

    def beads(
        self, units: Mapping[str, Sequence[Unit]], src: str, tgt: str, *, learn: bool
    ) -> list[PairBead]:
        if self.tell is not None:
            self.tell(f"{src}-{tgt}")
        warn, partial = self.warn, self.partial
        return align_units(
            units[src],
            units[tgt],
            src_lang=src,
            tgt_lang=tgt,
            lexicons=self.lexicons,
            learn=learn,
            config=self.config,
            weights=self.weights,
            encoder=self.encoder,
            warn=None if warn is None else (lambda note: warn(f"{src}-{tgt}: {note}")),
            gave_up=lambda: self.unrelated.add(frozenset((src, tgt))),
            partial=None if partial is None else (lambda why: _noted(partial, (src, tgt), why)),
            paired=self.paired,
        )


def _partial_encoder(
    blocks: _PairAligner, config: AlignConfig, warn: Callable[[str], None] | None
) -> Embedder | None:
    """Return the encoder to align with again when a pair aligned without meaning looked
    partial (the first such pair speaks for the rest, said once), or None."""
    first = next(iter((blocks.partial or {}).items()), None)
    ask = None if first is None else meaning_for_partial(config, first[0], warn)
    if first is None or ask is None:
        return None
    return ask(f"{'-'.join(first[0])}: {first[1]}")


def _noted(found: dict[tuple[str, str], str], pair: tuple[str, str], why: str) -> None:
    """Note why ``pair`` looks partial (the first reason given); align it on without meaning."""
    found.setdefault(pair, why)


def align_versions(
    versions: Sequence[Version],
    *,
    fixed: Sequence[Bead] = (),
    lexicons: Lexicons | None = None,
    config: AlignConfig = DEFAULT_CONFIG,
    embedder: EncoderSpec | None = None,
    workers: int = 1,
    progress: Callable[[str], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> tuple[Alignment, Alignment]:
    """Align versions paragraph by paragraph, then sentence by sentence inside paragraphs.

    Returns the paragraph alignment (bead ids ``al.p1``...) and the sentence alignment
    (``al.s1``...). Every bead maps every language, in version order, to its ids (an empty
    tuple when it has none). ``fixed`` beads (block ids or sentence ids) are kept as given,
    renumbered; the rest is aligned around them. ``config`` holds every setting (see
    :mod:`aligner.align_config`): ``config.encoder`` names the sentence encoder whose
    similarities join the evidence (see :func:`~aligner.align.embeddings.get_encoder`;
    None aligns without), ``embedder`` is that encoder when the caller holds it already
    (backed by an archive's vector store, or an encoder of its own; ignored when
    ``config.encoder`` is None). ``config.meaning_budget`` bounds the characters it reads
    (None: no bound): paragraphs are encoded when all of them fit, and sentences in doubt
    as far as the rest allows, the most doubtful first (see :func:`_sentence_pass`);
    ``warn`` is told when the bound left text unread. With ``workers`` above 1, the
    sentences of a long text (``config.search.parallel_groups`` paragraph beads or more)
    are aligned in that many processes, with the same result; they start from a fresh
    interpreter that imports the caller's main module, so a script that passes ``workers``
    keeps its top-level work under ``if __name__ == "__main__":``.
    ``warn`` is also told, once each, when two versions do not look like translations of
    each other and when the evidence could not place paragraphs finely within the bounds of
    the search (see :func:`~aligner.align.pairwise.align_units`), and the first few times
    it could not place the sentences of a paragraph bead so, with how many more (workers
    hand their notes back, so they are told as in one process).
    ``progress`` is told how the work moves on: ``encoding paragraphs 40%``,
    ``paragraphs de-fr`` as each pair of versions is aligned, ``sentences 40%``, then
    ``sentences with meaning 40%``.
    """
    found = align_paragraphs(
        versions, fixed=fixed, lexicons=lexicons, config=config, embedder=embedder,
        workers=workers, progress=progress, warn=warn,
    )  # fmt: skip
    return found.paragraphs, found.sentences()


def align_paragraphs(
    versions: Sequence[Version],
    *,
    fixed: Sequence[Bead] = (),
    lexicons: Lexicons | None = None,
    config: AlignConfig = DEFAULT_CONFIG,
    embedder: EncoderSpec | None = None,
    workers: int = 1,
    progress: Callable[[str], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> ParagraphPass:
    """Align versions paragraph by paragraph, as :func:`align_versions` does; the
    sentences follow when asked for (:meth:`ParagraphPass.sentences`, with ``workers``,
    ``progress`` and ``warn``), so that a caller that may change the versions after seeing
    their paragraphs aligns the sentences of the versions it keeps only.

    Aligned without meaning (``config.encoder`` None, or an encoder that lacks a language
    of the versions), versions one of which looks partial are aligned again with
    ``config.partial_encoder`` where it is installed and covers both languages of that pair
    (else ``config.partial_fallback``), as :func:`~aligner.align.pairwise.align_texts`
    aligns a pair; ``warn`` is told so in one line, or why not (what ``lexicons`` learned
    of the paragraphs the first time stays). A version of more units
    than the search affords is aligned in runs of them (see :mod:`aligner.align.runs`), and
    ``warn`` is told so. Versions whose paragraphs are of very different sizes are aligned
    by their sentences, and ``warn`` is told so too (see :mod:`aligner.align.finer`).
    """
    finer = by_sentences(versions, config.search)
    if finer is not None:
        if warn is not None:
            warn(finer.note)
        versions, fixed = finer.versions, finer.fixed(fixed)
        config = dataclasses.replace(config, paragraphs=config.sentences)
    runs = in_runs(versions, config.search)
    if runs is not None:
        if warn is not None:
            for note in runs.notes:
                warn(note)
        versions, fixed = runs.versions, runs.fixed(fixed)
    found = _align_paragraphs(versions, fixed, lexicons, config, embedder, workers, progress,
                              warn)  # fmt: skip
    if runs is not None:
        found = dataclasses.replace(found, paragraphs=runs.expand(found.paragraphs), _runs=runs)
    if finer is not None:
        found = dataclasses.replace(found, paragraphs=finer.joined(found.paragraphs), _whole=True)
    return found


def _align_paragraphs(
    versions: Sequence[Version],
    fixed: Sequence[Bead],
    lexicons: Lexicons | None,
    config: AlignConfig,
    embedder: EncoderSpec | None,
    workers: int,
    progress: Callable[[str], None] | None,
    warn: Callable[[str], None] | None,
) -> ParagraphPass:
    """Align versions paragraph by paragraph: :func:`align_paragraphs` unit by unit."""
    by_lang = _by_language(versions)
    given = lexicons
    lexicons = lexicons if lexicons is not None else Lexicons()
    encoder = get_encoder(embedder if embedder is not None else config.encoder)
    block_pos, sent_pos = _positions(by_lang)
    para_fixed, sent_fixed = _split_fixed(fixed, list(by_lang), block_pos, sent_pos)
    units = {lang: [_unit(b) for b in v.blocks] for lang, v in by_lang.items()}
    meaning = _Meaning.plan(encoder if config.encoder is not None else None, config, units)
    anchors = [(bead, _members(bead, block_pos)) for bead in para_fixed]
    looked = config.partial_encoder is not None and (
        config.encoder is None or len(meaning.covered) < len(units)
    )
    blocks = _PairAligner(lexicons, config, config.paragraphs, None, partial={} if looked else None)
    groups = _paragraph_groups(units, anchors, blocks, meaning, progress, warn)
    if (found := _partial_encoder(blocks, config, warn)) is not None:
        # asked once: the encoder found aligns every pair, those it lacks without meaning
        config = dataclasses.replace(
            config, encoder=partial_name(config, found), partial_encoder=None
        )
        held = encoder if embedder is not None and encoder is not None else None
        found = held if held is not None and all(map(held.covers, units)) else found
        meaning = _Meaning.plan(found, config, units)
        if meaning.paragraphs:
            return _align_paragraphs(versions, fixed, given, config, found, workers,
                                     progress, warn)  # fmt: skip
        # paragraphs beyond the meaning budget are aligned without it all the same: only
        # the sentences gain it
    groups = _merge_for_sentences(groups, sent_fixed, sent_pos)
    block_ids = {lang: [b.id for b in v.blocks] for lang, v in by_lang.items()}
    para_beads = [_bead(bead_id("paragraph", k + 1), g, block_ids) for k, g in enumerate(groups)]
    sentences = _PairAligner(lexicons, config, config.sentences, meaning.encoder, paired=True)
    pairs = {frozenset(p) for p in itertools.combinations(by_lang, 2)}
    # (a sentence bead a person confirmed is kept by the sentence pass only)
    unrelated = bool(pairs) and pairs <= blocks.unrelated and not sent_fixed
    return ParagraphPass(
        Alignment("paragraph", tuple(para_beads)), groups, by_lang, sent_fixed, sentences, meaning,
        unrelated, workers, progress, warn,
    )  # fmt: skip


@dataclass(frozen=True)
class ParagraphPass:
    """The paragraph alignment of some versions, and what aligning their sentences needs."""

    paragraphs: Alignment
    _groups: Sequence[_Group]
    _by_lang: Mapping[str, Version]
    _sent_fixed: Sequence[Bead]
    _aligner: _PairAligner
    _meaning: _Meaning
    #: every pair of versions proved unrelated: their sentences are aligned no further
    _unrelated: bool
    # how the sentence pass runs and whom it tells (see :func:`align_versions`)
    _workers: int
    _progress: Callable[[str], None] | None
    _warn: Callable[[str], None] | None
    #: the runs the versions were aligned in, when they were (see :mod:`aligner.align.runs`)
    _runs: Runs | None = None
    #: every unit was one sentence (the versions were aligned by their sentences, see
    #: :mod:`aligner.align.finer`): each group is a sentence bead already
    _whole: bool = False

    @property
    def unrelated(self) -> bool:
        """Whether every pair of versions proved not to be translations of each other (and
        was aligned no further than a first pass showed it)."""
        return self._unrelated

    def sentences(self) -> Alignment:
        """Return the sentence alignment inside the paragraph beads: of versions that do
        not look like translations of each other, a bead per paragraph bead, in doubt."""
        if self._unrelated:
            if self._warn is not None:
                self._warn("the sentences of versions that do not look like translations of "
                           "each other are aligned no further than their paragraphs")  # fmt: skip
            found = _unaligned_sentences(self._groups, self._by_lang)
        else:
            found = _sentence_alignment(
                self._groups, self._by_lang, self._sent_fixed, self._aligner, self._meaning,
                progress=self._progress, warn=self._warn, workers=self._workers,
                whole=self._whole,
            )  # fmt: skip
        return found if self._runs is None else self._runs.expand(found)

    def without(self, ids: Set[str]) -> ParagraphPass | None:
        """Return this pass without the beads that hold blocks of ``ids`` only (blocks
        taken out of the versions: the other beads' paths and evidence stay), renumbered;
        None when a bead holds one of them with a block kept, or a group stands for blocks
        of other ids (runs of them): then the versions are to be aligned again."""
        gone = [b for b in self.paragraphs.beads if not ids.isdisjoint(_ids(b.members))]
        if not all(i in ids for b in gone for i in _ids(b.members)):
            return None
        blocks = {lang: [b.id for b in v.blocks] for lang, v in self._by_lang.items()}
        groups = [
            g
            for g in self._groups
            if not all(blocks[lang][k] in ids for lang, ks in g.members.items() for k in ks)
        ]
        if len(self._groups) - len(groups) != len(gone):
            return None
        dropped = {b.id for b in gone}
        kept = [b for b in self.paragraphs.beads if b.id not in dropped]
        beads = tuple(dataclasses.replace(b, id=bead_id("paragraph", k + 1))
                      for k, b in enumerate(kept))  # fmt: skip
        pairs = tuple(p for p in self.paragraphs.pairs if ids.isdisjoint(_ids(p.members)))
        paragraphs = dataclasses.replace(self.paragraphs, beads=beads, pairs=pairs)
        return dataclasses.replace(self, paragraphs=paragraphs, _groups=groups)


def _ids(members: Mapping[str, Sequence[str]]) -> Iterator[str]:
    """Yield the unit ids of ``members`` (a bead's, a group's), language by language."""
    for found in members.values():
        yield from found


def _by_language(versions: Sequence[Version]) -> dict[str, Version]:
    """Return the versions by their language, refusing a language given twice."""
    langs = [v.lang for v in versions]
    if len(set(langs)) != len(langs):
        repeated = next(lang for lang in langs if langs.count(lang) > 1)
        raise LanguageError(f"language {repeated} given twice", lang=repeated)
    return dict(zip(langs, versions, strict=True))


def _positions(
    by_lang: Mapping[str, Version],
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, tuple[int, int]]]]:
    """Return, per language, the index of each block id and the (block, sentence) index of
    each sentence id."""
    block_pos = {lang: {b.id: k for k, b in enumerate(v.blocks)} for lang, v in by_lang.items()}
    sent_pos = {
        lang: {s.id: (k, m) for k, b in enumerate(v.blocks) for m, s in enumerate(b.sentences)}
        for lang, v in by_lang.items()
    }
    return block_pos, sent_pos


def _members(bead: Bead, block_pos: Mapping[str, Mapping[str, int]]) -> Members:
    """Return the block indices of a fixed paragraph bead, per language."""
    return {lang: tuple(block_pos[lang][i] for i in bead.ids(lang)) for lang in block_pos}


def _unit(block: Block) -> Unit:
    """Return the unit the paragraph pass aligns for ``block``."""
    return Unit(block.text, kind=block.kind, who=block.turn.who if block.turn else None)


@dataclass(frozen=True)
class _Meaning:
    """Where meaning joins the evidence: the encoder (None: nowhere), the languages it
    covers, whether the paragraphs are encoded, and the characters left for sentences."""

    encoder: Embedder | None
    covered: list[str]
    paragraphs: bool
    budget: float

    @classmethod
    def plan(
        cls, encoder: Embedder | None, config: AlignConfig, units: Mapping[str, Sequence[Unit]]
    ) -> _Meaning:
        """Encode the paragraphs when all of them fit ``config.meaning_budget``."""
        texts = {lang: [u.text for u in found] for lang, found in units.items()}
        covered = [lang for lang in texts if encoder is not None and encoder.covers(lang)]
        if len(covered) < 2:
            encoder = None  # nothing meaning could add
        budget = math.inf if config.meaning_budget is None else float(config.meaning_budget)
        total = sum(len(t) for lang in covered for t in texts[lang])
        paragraphs = encoder is not None and total <= budget
        return cls(encoder, covered, paragraphs, budget - total if paragraphs else budget)


def _paragraph_groups(
    units: Mapping[str, Sequence[Unit]],
    anchors: Sequence[tuple[Bead, Members]],
    aligner: _PairAligner,
    meaning: _Meaning,
    progress: Callable[[str], None] | None,
    warn: Callable[[str], None] | None,
) -> list[_Group]:
    """Align the paragraphs n-way around the ``anchors``, with every pair voting; ``warn``
    is told what the pairs warn of, once each."""
    notes: dict[str, None] = {}  # what the paragraph pass warns of, once each, in order
    encoder = None
    if meaning.encoder is not None and meaning.paragraphs:
        texts = {lang: [u.text for u in found] for lang, found in units.items()}
        encoder = _prefetched(meaning.encoder, texts, _prefixed(progress, "encoding paragraphs "))
    aligner = dataclasses.replace(
        aligner,
        encoder=encoder,
        tell=_prefixed(progress, "paragraphs "),
        warn=lambda note: notes.setdefault(note),
    )
    groups = _anchored(units, anchors, aligner, learn=True, vote=True)
    if warn is not None:
        for note in notes:
            warn(note)
    return groups


def _sentence_alignment(
    groups: Sequence[_Group],
    by_lang: Mapping[str, Version],
    sent_fixed: Sequence[Bead],
    aligner: _PairAligner,
    meaning: _Meaning,
    *,
    progress: Callable[[str], None] | None,
    warn: Callable[[str], None] | None,
    workers: int,
    whole: bool = False,
) -> Alignment:
    """Align the sentences inside each paragraph group (see :func:`_sentence_pass`);
    ``warn`` is told when the meaning budget left text unread, then the pass's notes."""
    notes: dict[str, None] = {}  # what the sentence pass warns of, once each, in order
    aligner = dataclasses.replace(aligner, warn=lambda note: notes.setdefault(note))
    found_groups, spent = _sentence_pass(
        groups,
        by_lang,
        sent_fixed,
        aligner,
        progress,
        budget=meaning.budget,
        covered=meaning.covered,
        workers=workers,
        whole=whole,
        read=meaning.paragraphs,
    )
    beads: list[Bead] = []
    for ids, found in found_groups:
        for sg in found:
            beads.append(_bead(bead_id("sentence", len(beads) + 1), sg, ids))
    if meaning.encoder is not None and (spent.left_out or not meaning.paragraphs):
        assert aligner.config.meaning_budget is not None  # no bound leaves nothing out
        if warn is not None:
            warn(_budget_note(aligner.config.meaning_budget, meaning.paragraphs, spent))
        aligner = dataclasses.replace(aligner, encoder=None)
    sent_text = {lang: {s.id: s.text for s in v.sentences()} for lang, v in by_lang.items()}
    pairs = _pair_detail(beads, sent_text, aligner)
    if warn is not None:
        for note in _sentence_notes(list(notes)):
            warn(note)
    return Alignment("sentence", tuple(beads), pairs)


def _unaligned_sentences(groups: Sequence[_Group], by_lang: Mapping[str, Version]) -> Alignment:
    """Return a sentence bead per paragraph group, holding all its sentences, in doubt (a
    language's sentences alone where only one language has any)."""
    beads: list[Bead] = []
    for group in groups:
        ids, _ = _group_sentences(group, by_lang)
        for sg in _as_one(ids, 0.0):
            beads.append(_bead(bead_id("sentence", len(beads) + 1), sg, ids))
    return Alignment("sentence", tuple(beads))


def _as_one(ids: Mapping[str, Sequence[str]], cert: float) -> list[_Group]:
    """Return a paragraph group's sentences as one sentence group as sure as ``cert`` (a
    language's sentences alone where only one language has any).

    >>> [(g.members, g.cert) for g in _as_one({"de": ["d1", "d2"], "fr": ["f1"]}, 0.8)]
    [({'de': (0, 1), 'fr': (0,)}, 0.8)]
    >>> [g.members for g in _as_one({"de": ["d1", "d2"], "fr": []}, 0.8)]
    [{'de': (0,)}, {'de': (1,)}]
    """
    present = [lang for lang, found in ids.items() if found]
    if len(present) > 1:
        return [_Group({lang: tuple(range(len(ids[lang]))) for lang in present}, cert)]
    return [_Group({lang: (k,)}, cert) for lang in present for k in range(len(ids[lang]))]


def _pair_detail(
    beads: Sequence[Bead], texts: Mapping[str, Mapping[str, str]], aligner: _PairAligner
) -> tuple[Bead, ...]:
    """Return the beads each pair of languages aligns finer than the n-way ``beads`` do.

    Inside an automatic bead with text in three languages or more, each pair with text in
    both and more than two units is aligned alone; where that cuts the bead (a third
    language glued what the pair keeps apart), the pair's beads are kept (see
    :class:`~aligner.model.Alignment`), each as sure as it and its n-way bead are.
    """
    langs = list(texts)
    found: dict[tuple[str, str], list[Bead]] = {}
    for bead in beads:
        if bead.status != "auto" or len(bead.langs) < 3:
            continue
        for a, b in itertools.combinations(langs, 2):
            src, tgt = bead.ids(a), bead.ids(b)
            if not src or not tgt or len(src) + len(tgt) < 3:
                continue
            units = {a: [Unit(texts[a][i]) for i in src], b: [Unit(texts[b][i]) for i in tgt]}
            split = [pb for pb in aligner.beads(units, a, b, learn=False) if pb.src or pb.tgt]
            if len(split) < 2:
                continue
            found.setdefault((a, b), []).extend(
                Bead(
                    "",
                    {a: tuple(src[i] for i in pb.src), b: tuple(tgt[j] for j in pb.tgt)},
                    round(min(pb.cert, bead.cert), 3),
                )
                for pb in split
            )
    return tuple(bead for pair in itertools.combinations(langs, 2) for bead in found.get(pair, []))


@dataclass(frozen=True)
class _Spent:
    """How the sentence pass spent the meaning budget: the paragraph groups in doubt whose
    sentences were encoded, and those the budget left out."""

    groups: int = 0
    left_out: int = 0


def _sentence_pass(
    groups: Sequence[_Group],
    by_lang: Mapping[str, Version],
    sent_fixed: Sequence[Bead],
    aligner: _PairAligner,
    progress: Callable[[str], None] | None,
    *,
    budget: float = math.inf,
    covered: Sequence[str] = (),
    workers: int = 1,
    whole: bool = False,
    read: bool = False,
) -> tuple[list[tuple[dict[str, list[str]], list[_Group]]], _Spent]:
    """Align the sentences inside each paragraph group; return each group's sentence ids
    (per language, in order) and its sentence groups, and what meaning cost.

    Embeddings are spent where they pay: every group is aligned without them first, and
    only a group left in doubt (a bead below ``config.search.sure``, or not one-to-one) is
    encoded and aligned again with them, a batch of groups at a time. When the texts of the
    ``covered`` languages of those groups hold more than ``budget`` characters, the groups
    whose least sure bead is least sure go first, as far as the budget reaches. With
    ``whole`` (see :func:`_plain_pass`), only if the paragraph pass did not ``read`` them.
    """
    cheap = dataclasses.replace(aligner, encoder=None)
    out: list[tuple[dict[str, list[str]], list[_Group]]] = []
    # groups in doubt: their place, their sentences' texts and their least sure bead
    doubtful: list[tuple[int, dict[str, list[str]], float]] = []
    said = -1
    plain = _plain_pass(groups, by_lang, sent_fixed, cheap, workers, whole=whole)
    for done, (ids, texts, found) in enumerate(plain):
        if progress is not None and 100 * done // len(groups) > said:
            said = 100 * done // len(groups)
            progress(f"sentences {said}%")
        if not (whole and read) and _in_doubt(found, texts, aligner.config.search.sure):
            doubtful.append((done, texts, min(g.cert for g in found if g.fixed is None)))
        out.append((ids, found))
    if aligner.encoder is None:
        return out, _Spent()
    cost = [sum(len(t) for lang in covered for t in texts[lang]) for _, texts, _ in doubtful]
    if sum(cost) > budget:
        chosen = []
        for k in sorted(range(len(doubtful)), key=lambda k: (doubtful[k][2], k)):
            if cost[k] <= budget:
                chosen.append(k)
                budget -= cost[k]
        spent = _Spent(len(chosen), len(doubtful) - len(chosen))
        doubtful = [doubtful[k] for k in sorted(chosen)]
    else:
        spent = _Spent(len(doubtful))
    for start in range(0, len(doubtful), ENCODE_BATCH_GROUPS):
        batch = doubtful[start : start + ENCODE_BATCH_GROUPS]
        if progress is not None:
            progress(f"sentences with meaning {100 * start // len(doubtful)}%")
        batch_texts = {lang: [t for _, ts, _ in batch for t in ts[lang]] for lang in by_lang}
        meaning = dataclasses.replace(aligner, encoder=_prefetched(aligner.encoder, batch_texts))
        for k, texts, _ in batch:
            ids = out[k][0]
            out[k] = (ids, _sentence_groups(groups[k], ids, texts, sent_fixed, meaning))
    return out, spent


#: a paragraph group with its sentence ids and texts, per language
_Item = tuple[_Group, dict[str, list[str]], dict[str, list[str]]]
#: what a worker process of the sentence pass aligns with (see :func:`_start_worker`)
_WORKER: tuple[Sequence[Bead], _PairAligner] | None = None
#: what the alignments of a worker process warned of since its last chunk was handed back
_WORKER_NOTES: list[str] = []


def _plain_pass(
    groups: Sequence[_Group],
    by_lang: Mapping[str, Version],
    sent_fixed: Sequence[Bead],
    aligner: _PairAligner,
    workers: int,
    *,
    whole: bool = False,
) -> Iterator[tuple[dict[str, list[str]], dict[str, list[str]], list[_Group]]]:
    """Yield each paragraph group's sentence ids, texts and sentence groups, in order.

    A long text (``search.parallel_groups`` groups or more) is shared out among
    ``workers`` processes, ``search.chunk_groups`` groups at a time: each group is aligned
    alone, so the result is the same as in one process. With ``whole``, a group that holds
    no confirmed sentence is one sentence group as it stands (see :func:`_sentence_pass`).
    """
    search = aligner.config.search
    items: Iterator[_Item] = ((group, *_group_sentences(group, by_lang)) for group in groups)
    if whole:
        fixed = {sid for b in sent_fixed for sid in _ids(b.members)}
        for group, ids, texts in items:
            if fixed.isdisjoint(_ids(ids)):
                yield ids, texts, _as_one(ids, group.cert)
            else:
                yield ids, texts, _sentence_groups(group, ids, texts, sent_fixed, aligner)
        return
    if workers <= 1 or len(groups) < search.parallel_groups:
        for group, ids, texts in items:
            yield ids, texts, _sentence_groups(group, ids, texts, sent_fixed, aligner)
        return
    handed: deque[list[_Item]] = deque()  # chunks handed out, whose results are to come

    def chunks() -> Iterator[list[_Item]]:
        while chunk := list(itertools.islice(items, search.chunk_groups)):
            handed.append(chunk)
            yield chunk

    # the workers keep what they are told and hand it back with each chunk, to be told here
    quiet = dataclasses.replace(aligner, warn=None)
    with worker_context(__name__).Pool(workers, _start_worker, (sent_fixed, quiet)) as pool:
        for found, notes in pool.imap(_aligned_chunk, chunks()):
            if aligner.warn is not None:
                for note in notes:
                    aligner.warn(note)
            for (_, ids, texts), sentence_groups in zip(handed.popleft(), found, strict=True):
                yield ids, texts, sentence_groups


def worker_context(module: str) -> multiprocessing.context.BaseContext:
    """Return the context that starts worker processes whose work is in ``module``.

    A clean server process forks them (no threads of the caller are copied), with
    ``module`` imported once in it, not once per worker; where there is none, they spawn.
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload([module])
    return context


def _start_worker(sent_fixed: Sequence[Bead], aligner: _PairAligner) -> None:
    """Keep what every chunk of a worker process is aligned with, told to note its warnings;
    die with the caller."""
    global _WORKER
    die_with_fork_server()  # a killed `align --jobs` leaves no workers behind
    _WORKER = (sent_fixed, dataclasses.replace(aligner, warn=_WORKER_NOTES.append))


def _aligned_chunk(chunk: list[_Item]) -> tuple[list[list[_Group]], list[str]]:
    """Align the sentences of a chunk of paragraph groups (in a worker process); return
    them with what the alignment warned of."""
    assert _WORKER is not None
    sent_fixed, aligner = _WORKER
    found = [_sentence_groups(g, ids, texts, sent_fixed, aligner) for g, ids, texts in chunk]
    notes = list(_WORKER_NOTES)
    _WORKER_NOTES.clear()
    return found, notes


def _sentence_notes(notes: Sequence[str], most: int = SENTENCE_NOTES) -> list[str]:
    """Return what the sentence pass warns of, as the user is told it: the first ``most``
    notes, then how many more there were.

    >>> for note in _sentence_notes(["de-fr: a", "de-fr: b", "de-fr: c"], most=2):
    ...     print(note)
    sentences, de-fr: a
    sentences, de-fr: b
    sentences: 1 more note of the kind in other paragraph beads
    """
    out = [f"sentences, {note}" for note in notes[:most]]
    if len(notes) > most:
        more = len(notes) - most
        out.append(
            f"sentences: {more:,} more note{'s' * (more != 1)} of the kind in other paragraph beads"
        )
    return out


def _budget_note(budget: int, paragraphs: bool, spent: _Spent) -> str:
    """Say where the meaning budget of ``budget`` characters was spent, when it did not
    reach all the text: on the ``paragraphs`` or not, and on which sentences.

    >>> print(_budget_note(1_000_000, False, _Spent(812, 9_000)))
    the sentence encoder read at most 1,000,000 characters (its budget): paragraphs aligned \
without it, sentences with it in 812 of the 9,812 paragraph beads in doubt, the most doubtful first
    >>> print(_budget_note(500_000, False, _Spent(0, 0)))
    the sentence encoder read at most 500,000 characters (its budget): paragraphs aligned \
without it, and no paragraph bead was in doubt
    """
    said = (
        f"the sentence encoder read at most {budget:,} characters (its budget): paragraphs "
        f"aligned {'with' if paragraphs else 'without'} it"
    )
    doubted = spent.groups + spent.left_out
    if not doubted:
        return f"{said}, and no paragraph bead was in doubt"
    return (
        f"{said}, sentences with it in {spent.groups:,} of the {doubted:,} paragraph beads in "
        "doubt, the most doubtful first"
    )


def _group_sentences(
    group: _Group, by_lang: Mapping[str, Version]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Return the sentence ids and texts of a paragraph group, per language."""
    ids = {
        lang: [s.id for k in group.members.get(lang, ()) for s in v.blocks[k].sentences]
        for lang, v in by_lang.items()
    }
    texts = {
        lang: [s.text for k in group.members.get(lang, ()) for s in v.blocks[k].sentences]
        for lang, v in by_lang.items()
    }
    return ids, texts


def _in_doubt(
    found: Sequence[_Group], texts: Mapping[str, Sequence[str]], sure: float = 0.9
) -> bool:
    """Return whether the sentence groups of a paragraph group leave a choice open: a group
    below ``sure``, or one that is not one sentence in each language with any.

    >>> two = {"de": ["A.", "B."], "fr": ["C.", "D."]}
    >>> sure = [_Group({"de": (0,), "fr": (0,)}, 0.95), _Group({"de": (1,), "fr": (1,)}, 0.95)]
    >>> _in_doubt(sure, two), _in_doubt(sure[:1] + [_Group({"de": (1,), "fr": (1,)}, 0.5)], two)
    (False, True)
    >>> _in_doubt([_Group({"de": (0, 1), "fr": (0,)}, 0.95), _Group({"fr": (1,)}, 0.95)], two)
    True
    """
    present = [lang for lang, found in texts.items() if found]
    if all(len(texts[lang]) == 1 for lang in present):
        return False  # one sentence each: nothing to choose
    return any(
        g.fixed is None
        and (g.cert < sure or any(len(g.members.get(lang, ())) != 1 for lang in present))
        for g in found
    )


def _prefetched(
    embedder: Embedder,
    texts: Mapping[str, Sequence[str]],
    progress: Callable[[str], None] | None = None,
) -> Embedder:
    """Return an embedder that answers from vectors of ``texts`` encoded now, a batch at a
    time (telling ``progress`` how far it has come, in percent), and asks ``embedder`` for
    any other text. Only languages the encoder covers are encoded, and only when two or
    more are. The vectors are held here, not in the encoder's memory, which a long text
    would overrun before the alignment reads them.
    """
    covered = [lang for lang in texts if embedder.covers(lang)]
    todo = [t for lang in covered for t in texts[lang]] if len(covered) > 1 else []
    known: dict[str, npt.NDArray[np.float32]] = {}
    for start in range(0, len(todo), ENCODE_BATCH):
        if progress is not None:
            progress(f"{100 * start // len(todo)}%")
        batch = todo[start : start + ENCODE_BATCH]
        known.update(zip(batch, embedder.vectors(batch).astype(np.float32), strict=True))

    def encode(asked: list[str]) -> npt.NDArray[np.float32]:
        missing = [t for t in dict.fromkeys(asked) if t not in known]
        if missing:
            known.update(zip(missing, embedder.vectors(missing).astype(np.float32), strict=True))
        return np.stack([known[t] for t in asked])

    return Embedder(
        encode, name=embedder.name, languages=embedder.languages, cache_bytes=0
    ).sharing(embedder)


def _prefixed(progress: Callable[[str], None] | None, prefix: str) -> Callable[[str], None] | None:
    """Return ``progress`` with ``prefix`` put before what it is told."""
    if progress is None:
        return None
    return lambda step: progress(prefix + step)


def _bead(bead_id: str, group: _Group, ids: Mapping[str, Sequence[str]]) -> Bead:
    """Return the bead of ``group``; ``ids`` names its unit indices, per language in order."""
    if group.fixed is not None:
        members = {lang: tuple(group.fixed.ids(lang)) for lang in ids}
        return dataclasses.replace(group.fixed, id=bead_id, members=members)
    members = {lang: tuple(ids[lang][i] for i in group.members.get(lang, ())) for lang in ids}
    return Bead(bead_id, members, round(min(1.0, max(0.0, group.cert)), 3))


def _split_fixed(
    fixed: Sequence[Bead],
    langs: Sequence[str],
    block_pos: Mapping[str, Mapping[str, int]],
    sent_pos: Mapping[str, Mapping[str, tuple[int, int]]],
) -> tuple[list[Bead], list[Bead]]:
    """Sort fixed beads into paragraph and sentence beads, refusing any that cannot hold."""
    para: list[Bead] = []
    sent: list[Bead] = []
    flat = {
        lang: {sid: k for k, sid in enumerate(sorted(table, key=table.__getitem__))}
        for lang, table in sent_pos.items()
    }
    # beads come in document order; sorting them by one key would misorder beads that start
    # later in one language than in another (a gap), so the order is only checked
    for bead in fixed:
        ids = [(lang, i) for lang, members in bead.members.items() for i in members]
        if any(lang not in block_pos for lang, _ in ids):
            raise ValidationError([f"fixed bead {bead.id} names a language not aligned here"])
        if not ids:
            raise ValidationError([f"fixed bead {bead.id} is empty"])
        if all(i in block_pos[lang] for lang, i in ids):
            para.append(bead)
            positions = {lang: [block_pos[lang][i] for i in bead.ids(lang)] for lang in langs}
        elif all(i in sent_pos[lang] for lang, i in ids):
            sent.append(bead)
            positions = {lang: [flat[lang][i] for i in bead.ids(lang)] for lang in langs}
        else:
            raise ValidationError([f"fixed bead {bead.id} names ids that are not in the versions"])
        for lang, pos in positions.items():
            if pos and pos != list(range(pos[0], pos[0] + len(pos))):
                raise ValidationError([f"fixed bead {bead.id}: {lang} ids are not consecutive"])
    _check_monotone(para, langs, block_pos, sent_pos)
    _check_monotone(sent, langs, block_pos, sent_pos)
    return para, sent


def _check_monotone(
    beads: Sequence[Bead],
    langs: Sequence[str],
    block_pos: Mapping[str, Mapping[str, int]],
    sent_pos: Mapping[str, Mapping[str, tuple[int, int]]],
) -> None:
    """Refuse beads that cross or overlap in some language."""

    def place(lang: str, unit_id: str, edge: int) -> tuple[int, int]:
        # a block sorts before its first sentence (edge -1) or after its last one (edge big)
        block = block_pos[lang].get(unit_id)
        return (block, edge) if block is not None else sent_pos[lang][unit_id]

    last: dict[str, tuple[int, int]] = {}
    for bead in beads:
        for lang in langs:
            ids = bead.ids(lang)
            if not ids:
                continue
            if lang in last and not last[lang] < place(lang, ids[0], -1):
                raise ValidationError(
                    [f"fixed bead {bead.id} crosses or overlaps another in {lang}"]
                )
            last[lang] = place(lang, ids[-1], 10**9)


def _anchored(
    units: Mapping[str, Sequence[Unit]],
    anchors: Sequence[tuple[Bead, Members]],
    aligner: _PairAligner,
    *,
    learn: bool,
    vote: bool = False,
) -> list[_Group]:
    """Align with fixed groups kept, aligning the stretches between them freely."""
    langs = list(units)
    free = _free(units, {lang: 0 for lang in langs}, aligner, learn=learn, vote=vote)
    if not anchors:
        return free
    where = {
        (lang, i): k for k, g in enumerate(free) for lang, ids in g.members.items() for i in ids
    }
    out: list[_Group] = []
    cursor = {lang: 0 for lang in langs}
    for bead, members in anchors:
        first_free = min(where[(lang, ids[0])] for lang, ids in members.items() if ids)
        cut: dict[str, int] = {}
        for lang in langs:
            if members.get(lang):
                cut[lang] = members[lang][0]
            else:
                before = [i for i in range(len(units[lang])) if where[(lang, i)] < first_free]
                cut[lang] = max(cursor[lang], (before[-1] + 1) if before else 0)
        gap = {lang: list(units[lang][cursor[lang] : cut[lang]]) for lang in langs}
        out.extend(_free(gap, cursor, aligner, vote=vote))
        out.append(_Group(members, bead.cert, fixed=bead))
        for lang in langs:
            cursor[lang] = members[lang][-1] + 1 if members.get(lang) else cut[lang]
    tail = {lang: list(units[lang][cursor[lang] :]) for lang in langs}
    out.extend(_free(tail, cursor, aligner, vote=vote))
    return out


def _free(
    units: Mapping[str, Sequence[Unit]],
    offset: Mapping[str, int],
    aligner: _PairAligner,
    *,
    learn: bool = False,
    vote: bool = False,
) -> list[_Group]:
    """Align units freely; indices in the result are shifted by ``offset`` per language.

    With ``vote`` every pair of versions is aligned (not just each version with the pivot):
    the pivot is then the version that lacks the fewest units the others have, and a unit
    that most pairs leave without partner is kept out of merged beads.
    """
    present = [lang for lang, seq in units.items() if seq]
    if not present:
        return []
    if len(present) == 1:
        lang = present[0]
        return [_Group({lang: (offset[lang] + k,)}, 1.0) for k in range(len(units[lang]))]
    pivot, pair_beads, table = _pivot_pairs(units, present, aligner, learn=learn, vote=vote)
    n = len(units[pivot])
    spans = _pivot_spans(pair_beads, n)
    joined = _Joined.of(spans, pair_beads, pivot, n)
    out: list[_Group] = []
    for k, (a, _) in enumerate(spans + [(n, n)]):
        if a in joined.gaps:
            gap = joined.gaps[a]
            sub = {lang: [units[lang][i] for i in sorted(idx)] for lang, idx in gap.items()}
            sub_offset = {lang: offset[lang] + min(idx) for lang, idx in gap.items()}
            for g in _free(sub, sub_offset, dataclasses.replace(aligner, warn=None)):
                out.append(_Group(g.members, min(g.cert, joined.gap_cert[a])))
        if k < len(spans):
            local = {lang: tuple(sorted(idx)) for lang, idx in joined.members[k].items()}
            m = {lang: tuple(offset[lang] + i for i in idx) for lang, idx in local.items()}
            out.append(_Group(m, _corroborated(local, joined.certs[k], present, table)))
    return out


def _pivot_pairs(
    units: Mapping[str, Sequence[Unit]],
    present: Sequence[str],
    aligner: _PairAligner,
    *,
    learn: bool,
    vote: bool,
) -> tuple[str, dict[str, list[PairBead]], dict[tuple[str, str], list[PairBead]]]:
    """Return the pivot, its beads with each other version (in version order) and, with
    ``vote`` and more than two versions, every pair's beads (see :func:`_voted_pairs`);
    without, the pivot is the version with the most units."""
    if vote and len(present) > 2:
        return _voted_pairs(units, present, aligner, learn=learn)
    pivot = max(present, key=lambda lang: (len(units[lang]), -present.index(lang)))
    pair_beads = {
        lang: aligner.beads(units, pivot, lang, learn=learn) for lang in present if lang != pivot
    }
    return pivot, pair_beads, {}


def _pivot_spans(pair_beads: Mapping[str, Sequence[PairBead]], n: int) -> list[tuple[int, int]]:
    """Return the spans of the ``n`` pivot units that a bead of any pair joins, in order."""
    # pivot index -> group id (unions of pivot spans joined by any pair's bead)
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for beads in pair_beads.values():
        for b in beads:
            for p in b.src[1:]:
                parent[root(p)] = root(b.src[0])
    spans: list[tuple[int, int]] = []
    for p in range(n):
        if spans and root(p) == root(spans[-1][0]):
            spans[-1] = (spans[-1][0], p + 1)
        else:
            spans.append((p, p + 1))
    return spans


@dataclass(frozen=True)
class _Joined:
    """The other versions' units joined to the pivot's spans, and those left between them."""

    #: per span, the units of each version in it (the pivot's first)
    members: list[dict[str, list[int]]]
    #: per span, the least certain bead that joined a unit to it
    certs: list[float]
    #: leftovers: units with no pivot partner, by the pivot position they sit before
    gaps: dict[int, dict[str, list[int]]]
    gap_cert: dict[int, float]

    @classmethod
    def of(
        cls,
        spans: Sequence[tuple[int, int]],
        pair_beads: Mapping[str, Sequence[PairBead]],
        pivot: str,
        n: int,
    ) -> _Joined:
        """Join each pair's target units to the span of their pivot partners; a unit
        without one joins the span it sits inside, else the gap before a pivot position."""
        span_of = {p: k for k, (first, end) in enumerate(spans) for p in range(first, end)}
        joined = cls([{pivot: list(range(x, y))} for x, y in spans], [1.0] * len(spans), {}, {})
        for lang, beads in pair_beads.items():
            position = 0
            for b in beads:
                if b.src:
                    joined._join(span_of[b.src[0]], lang, b)
                    position = b.src[-1] + 1
                elif 0 < position < n and span_of[position - 1] == span_of[position]:
                    joined._join(span_of[position], lang, b)
                else:
                    joined.gaps.setdefault(position, {}).setdefault(lang, []).extend(b.tgt)
                    joined.gap_cert[position] = min(joined.gap_cert.get(position, 1.0), b.cert)
        return joined

    def _join(self, k: int, lang: str, bead: PairBead) -> None:
        self.members[k].setdefault(lang, []).extend(bead.tgt)
        self.certs[k] = min(self.certs[k], bead.cert)


def _corroborated(
    members: Mapping[str, tuple[int, ...]],
    cert: float,
    present: Sequence[str],
    table: Mapping[tuple[str, str], Sequence[PairBead]],
) -> float:
    """Return a bead's cert, raised when every pair of versions found it on its own.

    ``cert`` is the least sure of the pivot's pair beads it is made of. That pair's doubt
    is often about its own neighbourhood (a merge next door in one language caps a
    one-to-one bead below the review threshold) or about one language alone. When every
    pair of versions, each aligned on its own, drew exactly this bead (the same units on
    both sides, or the same units left without partner), the bead stands on independent
    agreement: it takes the cert of the surest pair that drew it. ``table`` holds
    every pair's beads (empty without a vote, and then ``cert`` stands).
    """
    if len(members) < 3 or not table:
        return cert
    surest = cert
    for (a, b), beads in table.items():
        left, right = members.get(a, ()), members.get(b, ())
        if not left and not right:
            continue
        if left and right:
            found = next((bd for bd in beads if bd.src == left and bd.tgt == right), None)
            if found is None:
                return cert
            surest = max(surest, found.cert)
            continue
        # one side lacks the bead: the pair must leave each unit of the other side alone
        alone = {bd.src if left else bd.tgt for bd in beads if not (bd.tgt if left else bd.src)}
        if not all((i,) in alone for i in left or right):
            return cert
    return surest


def _voted_pairs(
    units: Mapping[str, Sequence[Unit]],
    present: Sequence[str],
    aligner: _PairAligner,
    *,
    learn: bool,
) -> tuple[str, dict[str, list[PairBead]], dict[tuple[str, str], list[PairBead]]]:
    """Align every pair of versions; return the pivot, its beads with each other version,
    and every pair's beads.

    The pivot is the version that lacks the fewest units the others have (then the one
    with the fewest units of its own left alone, then the most units): a version with
    extra boilerplate lines has the most units but makes a poor pivot, and so does one
    that dropped a paragraph. Before the pivot's beads are used, a unit that most of its
    pairs leave without partner is cut loose from a merged bead in the others: one pair's
    2-1 would otherwise join it to a neighbour in every language.
    """
    table = {
        (a, b): aligner.beads(units, a, b, learn=learn)
        for x, a in enumerate(present)
        for b in present[x + 1 :]
    }

    def beads(a: str, b: str) -> list[PairBead]:
        if (a, b) in table:
            return table[(a, b)]
        return [PairBead(bd.tgt, bd.src, bd.cert) for bd in table[(b, a)]]

    alone: dict[str, list[int]] = {lang: [0] * len(units[lang]) for lang in present}
    for (a, b), found in table.items():
        for bd in found:
            if not bd.tgt:
                for i in bd.src:
                    alone[a][i] += 1
            if not bd.src:
                for j in bd.tgt:
                    alone[b][j] += 1
    lacks = {
        c: sum(len(bd.tgt) for o in present if o != c for bd in beads(c, o) if not bd.src)
        for c in present
    }
    pivot = min(
        present,
        key=lambda c: (lacks[c], sum(alone[c]), -len(units[c]), present.index(c)),
    )
    majority = (len(present) - 1) / 2
    extra = {lang: {i for i, v in enumerate(alone[lang]) if v > majority} for lang in present}
    pair_beads = {
        lang: _cut_loose(beads(pivot, lang), extra[pivot], extra[lang])
        for lang in present
        if lang != pivot
    }
    return pivot, pair_beads, table


def _cut_loose(
    beads: Sequence[PairBead], src_extra: set[int], tgt_extra: set[int]
) -> list[PairBead]:
    """Take ``extra`` units at the edge of a merged bead out of it, as beads of their own.

    >>> found = [PairBead((0, 1), (0,), 0.5), PairBead((2,), (1, 2), 0.6)]
    >>> [(b.src, b.tgt) for b in _cut_loose(found, {1}, {2})]
    [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((), (2,))]
    """
    out: list[PairBead] = []
    for bd in beads:
        src, tgt = list(bd.src), list(bd.tgt)
        before: list[PairBead] = []
        after: list[PairBead] = []
        if src and tgt:
            while len(src) > 1 and src[0] in src_extra:
                before.append(PairBead((src.pop(0),), (), bd.cert))
            while len(src) > 1 and src[-1] in src_extra:
                after.insert(0, PairBead((src.pop(),), (), bd.cert))
            while len(tgt) > 1 and tgt[0] in tgt_extra:
                before.append(PairBead((), (tgt.pop(0),), bd.cert))
            while len(tgt) > 1 and tgt[-1] in tgt_extra:
                after.insert(0, PairBead((), (tgt.pop(),), bd.cert))
        out += [*before, PairBead(tuple(src), tuple(tgt), bd.cert), *after]
    return out


def _merge_for_sentences(
    groups: list[_Group],
    sent_fixed: Sequence[Bead],
    sent_pos: Mapping[str, Mapping[str, tuple[int, int]]],
) -> list[_Group]:
    """Join paragraph groups so that each fixed sentence bead lies inside one of them."""
    for bead in sent_fixed:
        where = {
            (lang, i): k
            for k, g in enumerate(groups)
            for lang, ids in g.members.items()
            for i in ids
        }
        hit = sorted(
            {
                where[(lang, sent_pos[lang][sid][0])]
                for lang, ids in bead.members.items()
                for sid in ids
            }
        )
        if len(hit) < 2:
            continue
        first, last = hit[0], hit[-1]
        if any(groups[k].fixed is not None for k in range(first, last + 1)):
            raise ValidationError([f"fixed sentence bead {bead.id} spans a fixed paragraph bead"])
        joined: Members = {}
        for k in range(first, last + 1):
            for lang, ids in groups[k].members.items():
                joined[lang] = joined.get(lang, ()) + ids
        cert = min(groups[k].cert for k in range(first, last + 1))
        groups = groups[:first] + [_Group(joined, cert)] + groups[last + 1 :]
    return groups


def _sentence_groups(
    group: _Group,
    ids: Mapping[str, list[str]],
    texts: Mapping[str, list[str]],
    sent_fixed: Sequence[Bead],
    aligner: _PairAligner,
) -> list[_Group]:
    """Align the sentences inside one paragraph group (indices count within the group).

    ``ids`` and ``texts`` hold the group's sentences per language.
    """
    units = {lang: [Unit(t) for t in found] for lang, found in texts.items()}
    anchors = [
        (b, {lang: tuple(ids[lang].index(s) for s in b.ids(lang)) for lang in ids})
        for b in sent_fixed
        if any(sid in ids[lang] for lang, sids in b.members.items() for sid in sids)
    ]
    present = [lang for lang in units if units[lang]]
    if not anchors and len(present) > 1 and all(len(units[lang]) == 1 for lang in present):
        return [_Group({lang: (0,) for lang in present}, group.cert)]
    groups = _anchored(units, anchors, aligner, learn=False)
    return [
        g if g.fixed is not None else _Group(g.members, min(g.cert, group.cert)) for g in groups
    ]
