"""Print the reliability of the aligner's cert on the shared gold corpora.

Beads are binned by ``cert``; each row gives how many beads fall in the bin and the share
that is exactly right (strictly equal to a gold bead; for n-way gold, equal to a gold group).
Run: ``python benchmarks/bench_calibration.py [--encoder e5 | --no-embeddings]`` (USE by
default). Without the corpus (../shared/corpus or $ALIGNER_CORPUS) it says so and exits 0.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from aligner.align.embeddings import DEFAULT_ENCODER
from aligner.align_config import AlignConfig
from aligner.evaluate import evaluate, find_corpus

CORPORA = ("textberg-dev", "parice-en-is", "udhr")
BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001)


def table(judged: Sequence[tuple[float, bool]]) -> str:
    """Return the reliability table of (cert, correct) pairs."""
    lines = [f"  {'cert':<11} {'beads':>6} {'correct':>8}"]
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        inside = [ok for cert, ok in judged if lo <= cert < hi]
        share = f"{sum(inside) / len(inside):8.3f}" if inside else f"{'-':>8}"
        lines.append(f"  [{lo:.2f}, {min(hi, 1.0):.2f}) {len(inside):>6} {share}")
    high = [ok for cert, ok in judged if cert >= 0.9]
    low = [ok for cert, ok in judged if cert < 0.5]
    if high:
        lines.append(f"  cert >= 0.9: {sum(high) / len(high):.3f} correct ({len(high)} beads)")
    if low:
        lines.append(f"  cert <  0.5: {sum(low) / len(low):.3f} correct ({len(low)} beads)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--encoder", default=DEFAULT_ENCODER, help="use (default) or e5")
    parser.add_argument("--no-embeddings", dest="encoder", action="store_const", const=None)
    args = parser.parse_args(argv)
    corpus = find_corpus(Path(__file__).resolve().parent.parent)
    if corpus is None:
        print("bench_calibration: no gold corpus (../shared/corpus or $ALIGNER_CORPUS); skipped")
        return 0
    everything: list[tuple[float, bool]] = []
    folders = [corpus / name for name in CORPORA if (corpus / name).is_dir()]
    for result in evaluate(folders, config=AlignConfig(encoder=args.encoder)):
        print(f"{result.name} ({result.kind}):")
        print(table(result.judged))
        everything += result.judged
    print("all corpora:")
    print(table(everything))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
