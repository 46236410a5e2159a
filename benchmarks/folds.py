"""Align the sentence gold corpora with one configuration and score them, per corpus.

What ``bench_folds.py`` (leave-one-corpus-out), ``accuracy_gate.py`` and ``bench_peers.py``
share. Scoring is Sennrich and Volk's, as ``aligner eval`` does it (counts summed over a
corpus's documents, strict and lax F1); each corpus is one batch (lexicons learned on its
earlier documents help the later ones, as in ``aligner eval``).

A corpus is aligned as two lists of sentences (``align_texts``, as ``aligner eval`` and the
peers align it) or, with ``documents``, as documents are: its gold beads cut into
paragraphs of one to ``PARAGRAPH_BEADS`` beads (see :func:`paragraph_spans`), aligned
paragraph by paragraph and then sentence by sentence inside the paragraph beads
(``align_versions``, what ``aligner align`` does).
"""

from __future__ import annotations

import itertools
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sentence_gold import Corpus, Doc, corpora

from aligner.align import Lexicons, PairBead, align_texts, align_versions
from aligner.align_config import AlignConfig
from aligner.evaluate import Counts, Scores, bead_counts, sentence_version
from aligner.model import Version

BeadPair = tuple[tuple[int, ...], tuple[int, ...]]
Spans = list[tuple[int, int]]

#: the most gold beads one paragraph holds when a corpus is aligned as documents
PARAGRAPH_BEADS = 6


@dataclass(frozen=True)
class Found:
    """One corpus aligned: its strict/lax counts, bead shapes, certs and seconds."""

    corpus: str
    counts: Counts
    #: beads larger than 2-1 (more than three sentences), found and gold
    wide: int
    wide_gold: int
    #: per predicted bead: its cert and whether it is a gold bead
    judged: tuple[tuple[float, bool], ...]
    seconds: float
    #: each document's predicted beads, in corpus order
    beads: tuple[tuple[BeadPair, ...], ...] = ()
    #: documents aligned without meaning that were said to look partial (aligned with the
    #: configuration's ``partial_encoder`` where it could be), of how many
    partial: int = 0
    docs: int = 0

    @property
    def scores(self) -> Scores:
        return Scores(self.counts)

    @property
    def f1(self) -> float:
        return self.scores.strict.f1

    def sure_right(self, level: float = 0.9) -> tuple[int, float]:
        """Return how many beads are at least ``level`` sure, and the share of them right."""
        sure = [right for cert, right in self.judged if cert >= level]
        return len(sure), (sum(sure) / len(sure) if sure else 1.0)


def wide(beads: Sequence[BeadPair]) -> int:
    """Return how many beads hold more than three sentences (larger than 2-1).

    >>> wide([((0, 1), (0, 1)), ((2,), (2, 3)), ((3, 4, 5), (4,))])
    2
    """
    return sum(1 for s, t in beads if len(s) + len(t) > 3)


def shapes(beads: Sequence[BeadPair]) -> Counter[str]:
    """Return the count of each bead shape, ``a-b``."""
    return Counter(f"{len(s)}-{len(t)}" for s, t in beads if s or t)


def paragraph_spans(gold: Sequence[BeadPair], n: int, m: int, seed: str) -> tuple[Spans, Spans]:
    """Return where each paragraph starts and ends (sentence indices, end excluded) on the
    source side of ``n`` sentences and the target side of ``m``: runs of one to
    ``PARAGRAPH_BEADS`` gold beads (as many as a random draw seeded by ``seed`` says), each
    side's paragraph ending where its last bead ends, so that paragraphs translate each
    other as a document's do (a run one side has nothing of is a paragraph it lacks).

    >>> paragraph_spans([((0,), (0,)), ((1, 2), (1,)), ((), (2,)), ((3,), (3,))], 4, 4, "9")
    ([(0, 3), (3, 3), (3, 4)], [(0, 2), (2, 3), (3, 4)])
    """
    rng = random.Random(seed)
    ends: tuple[list[int], list[int]] = ([0], [0])
    reach = [0, 0]  # where each side's beads so far end
    done = 0
    while done < len(gold):
        start, done = done, min(len(gold), done + rng.randint(1, PARAGRAPH_BEADS))
        for side, last in enumerate((n, m)):
            reach[side] = max(
                [reach[side], *(k + 1 for bead in gold[start:done] for k in bead[side])]
            )
            ends[side].append(min(last, reach[side]))
    ends[0][-1], ends[1][-1] = n, m
    return list(itertools.pairwise(ends[0])), list(itertools.pairwise(ends[1]))


def document_versions(doc: Doc, langs: tuple[str, str]) -> tuple[list[Version], dict[str, int]]:
    """Return ``doc``'s two versions cut into paragraphs (see :func:`paragraph_spans`) and
    the index of each sentence id in its side's list of sentences."""
    name, src, tgt, gold = doc
    beads = [(tuple(s), tuple(t)) for s, t in gold]
    spans = paragraph_spans(beads, len(src), len(tgt), name)
    versions = [
        sentence_version(lang, [found[start:end] for start, end in cut if start < end])
        for lang, found, cut in zip(langs, (src, tgt), spans, strict=True)
    ]
    return versions, {s.id: k for v in versions for k, s in enumerate(v.sentences())}


def align_document(
    doc: Doc,
    langs: tuple[str, str],
    config: AlignConfig,
    lexicons: Lexicons,
    warn: Callable[[str], None],
) -> list[PairBead]:
    """Align ``doc`` as a document of paragraphs (see :func:`paragraph_spans`); return its
    sentence beads as indices into its two lists of sentences."""
    versions, index = document_versions(doc, langs)
    _, sentences = align_versions(versions, lexicons=lexicons, config=config, warn=warn)
    return [
        PairBead(*(tuple(index[i] for i in bead.ids(lang)) for lang in langs), bead.cert)
        for bead in sentences.beads
    ]


def align_corpus(
    corpus: Corpus,
    config: AlignConfig,
    encoder: str | None,
    *,
    keep: bool = False,
    documents: bool = False,
) -> Found:
    """Align every document of ``corpus`` with ``config`` and ``encoder``; score it. With
    ``documents``, as documents of paragraphs (see :func:`align_document`; ``encoder`` is
    then ``config``'s)."""
    name, src_lang, tgt_lang, docs = corpus
    lexicons = Lexicons()
    counts = Counts()
    judged: list[tuple[float, bool]] = []
    kept: list[tuple[BeadPair, ...]] = []
    found_wide = gold_wide = 0
    seconds = 0.0
    partial = 0
    for doc in docs:
        _, src, tgt, gold_lists = doc
        gold = [(tuple(s), tuple(t)) for s, t in gold_lists]
        start = time.process_time()
        said: list[str] = []
        if documents:
            beads = align_document(doc, (src_lang, tgt_lang), config, lexicons, said.append)
        else:
            beads = align_texts(
                src,
                tgt,
                src_lang=src_lang,
                tgt_lang=tgt_lang,
                lexicons=lexicons,
                config=config,
                encoder=encoder,
                warn=said.append,
            )
        partial += any(note.startswith("the texts look partial") for note in said)
        seconds += time.process_time() - start
        pred = [(b.src, b.tgt) for b in beads]
        counts = counts + bead_counts(pred, gold)
        truth = set(gold)
        judged += [(b.cert, (b.src, b.tgt) in truth) for b in beads if b.src or b.tgt]
        found_wide += wide(pred)
        gold_wide += wide(gold)
        if keep:
            kept.append(tuple(pred))
    return Found(
        name, counts, found_wide, gold_wide, tuple(judged), seconds, tuple(kept), partial, len(docs)
    )


def align_all(
    root: Path,
    config: AlignConfig,
    encoder: str | None,
    only: tuple[str, ...] | None = None,
    *,
    keep: bool = False,
    documents: bool = False,
) -> list[Found]:
    """Align every corpus under ``root`` (of ``only``, when given); with ``documents``, as
    documents of paragraphs (see :func:`align_corpus`)."""
    chosen = corpora(root) if only is None else corpora(root, only)
    return [align_corpus(c, config, encoder, keep=keep, documents=documents) for c in chosen]
