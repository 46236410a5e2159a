"""Bead-shape priors estimated from unlabelled parallel text (hard EM), checked held out.

The shape priors of ``aligner.align_config.Weights.shape_cost`` were set by hand. Here they
are estimated the way Gale and Church's were, by maximum likelihood, but without gold: align
the texts with the current priors, count the shapes of the beads found, set each shape's
cost to -log of its share relative to one-to-one (add-one smoothing), and again (Viterbi
training, ``--rounds`` times). The gold is read only to score.

Leave one corpus out: the priors are estimated on the other corpora's text and the held-out
corpus is aligned with them and with the hand-set ones; printed, per corpus held out, the
strict F1 of both and the estimated costs of the common shapes.

With ``--gold`` the priors are estimated as Gale and Church estimated theirs, from the
shapes of the hand-aligned beads (of the other corpora: the gold of the corpus held out is
read only to score it).

Run: ``.venv/bin/python benchmarks/fit_priors.py [--encoder none] [--rounds 2] [--gold]``
(``--write`` prints the table estimated on all corpora as a Python mapping).
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys
from collections import Counter
from pathlib import Path

from folds import align_corpus, shapes
from sentence_gold import Corpus, corpora

from aligner.align import get_encoder
from aligner.align_config import DEFAULT_CONFIG, AlignConfig, Shape
from aligner.evaluate import find_corpus

ROOT = Path(__file__).resolve().parent.parent


def estimate(found: Counter[str], known: list[Shape]) -> dict[Shape, float]:
    """Return shape costs (-log share relative to one-to-one) from shape counts.

    >>> est = estimate(Counter({"1-1": 99, "1-2": 9}), [(1, 1), (1, 2), (2, 1)])
    >>> {k: round(v, 2) for k, v in est.items()}
    {(1, 1): 0.0, (1, 2): 2.2, (2, 1): 4.61}
    """
    counts = {s: found.get(f"{s[0]}-{s[1]}", 0) + 1 for s in known}
    one = counts[(1, 1)]
    return {s: round(-math.log(c / one), 3) for s, c in counts.items()}


def _with_costs(config: AlignConfig, costs: dict[Shape, float]) -> AlignConfig:
    return dataclasses.replace(
        config, sentences=dataclasses.replace(config.sentences, shape_cost=costs)
    )


def fit_gold(gold: list[Corpus], config: AlignConfig) -> AlignConfig:
    """Return ``config`` with shape priors counted on the gold beads of ``gold``."""
    found: Counter[str] = Counter()
    for corpus in gold:
        for _, _, _, beads in corpus[3]:
            found.update(shapes([(tuple(s), tuple(t)) for s, t in beads]))
    return _with_costs(config, estimate(found, list(config.sentences.shape_cost)))


def fit(gold: list[Corpus], config: AlignConfig, encoder: str | None, rounds: int) -> AlignConfig:
    """Return ``config`` with shape priors estimated on the text of ``gold`` (no labels)."""
    known = list(config.sentences.shape_cost)
    for _ in range(rounds):
        found: Counter[str] = Counter()
        for corpus in gold:
            run = align_corpus(corpus, config, encoder, keep=True)
            for beads in run.beads:
                found.update(shapes(beads))
        config = _with_costs(config, estimate(found, known))
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", default="none", help="use, e5 or none")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--gold", action="store_true", help="count the gold's shapes")
    args = parser.parse_args(argv)
    root = find_corpus(ROOT)
    if root is None:
        print("fit_priors: no gold corpus (../shared/corpus or $ALIGNER_CORPUS); skipped")
        return 0
    encoder = None if args.encoder == "none" else args.encoder
    if encoder is not None:
        get_encoder(encoder)
    base = dataclasses.replace(DEFAULT_CONFIG, encoder=encoder)
    gold = list(corpora(root))

    def fitted_on(text: list[Corpus]) -> AlignConfig:
        return fit_gold(text, base) if args.gold else fit(text, base, encoder, args.rounds)

    if args.write:
        print(dict(fitted_on(gold).sentences.shape_cost))
        return 0
    how = "gold shapes" if args.gold else f"{args.rounds} rounds"
    print(f"encoder {args.encoder}, {how}: held-out strict F1, hand-set / estimated")
    for k, held in enumerate(gold):
        rest = gold[:k] + gold[k + 1 :]
        fitted = fitted_on(rest)
        hand = align_corpus(held, base, encoder)
        est = align_corpus(held, fitted, encoder)
        common = {f"{a}-{b}": c for (a, b), c in fitted.sentences.shape_cost.items() if a + b <= 4}
        print(
            f"  {held[0]:<16} {hand.f1:.3f} / {est.f1:.3f} ({est.f1 - hand.f1:+.3f})"
            f"  >2-1 {hand.wide}/{est.wide}/{est.wide_gold}  {common}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
