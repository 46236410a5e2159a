"""Align the sentence gold corpora with one configuration and score them, per corpus.

What ``bench_folds.py`` (leave-one-corpus-out), ``accuracy_gate.py`` and ``bench_peers.py``
share. Scoring is Sennrich and Volk's, as ``aligner eval`` does it (counts summed over a
corpus's documents, strict and lax F1); each corpus is one batch (lexicons learned on its
earlier documents help the later ones, as in ``aligner eval``).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sentence_gold import Corpus, corpora

from aligner.align import Lexicons, align_texts
from aligner.align_config import AlignConfig
from aligner.evaluate import Counts, Scores, bead_counts

BeadPair = tuple[tuple[int, ...], tuple[int, ...]]


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


def align_corpus(
    corpus: Corpus, config: AlignConfig, encoder: str | None, *, keep: bool = False
) -> Found:
    """Align every document of ``corpus`` with ``config`` and ``encoder``; score it."""
    name, src_lang, tgt_lang, docs = corpus
    lexicons = Lexicons()
    counts = Counts()
    judged: list[tuple[float, bool]] = []
    kept: list[tuple[BeadPair, ...]] = []
    found_wide = gold_wide = 0
    seconds = 0.0
    partial = 0
    for _, src, tgt, gold_lists in docs:
        gold = [(tuple(s), tuple(t)) for s, t in gold_lists]
        start = time.process_time()
        said: list[str] = []
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
) -> list[Found]:
    """Align every corpus under ``root`` (of ``only``, when given)."""
    chosen = corpora(root) if only is None else corpora(root, only)
    return [align_corpus(c, config, encoder, keep=keep) for c in chosen]
