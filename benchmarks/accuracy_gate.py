"""The accuracy gate: fail when sentence alignment loses accuracy on any gold corpus.

``make test`` runs it after the tests. It aligns the sentence gold of ../shared/corpus
(or ``$ALIGNER_CORPUS``; see ``sentence_gold.py``) with the default configuration, once
with the default encoder (USE) and once without an encoder (``--no-embeddings``, and
none either where a version looks partial), each as lists of sentences and as documents
of paragraphs (``folds.align_corpus``: "use documents", "none documents"), and
compares each corpus's strict F1, and the share of beads at least 0.9 sure that are right,
with the committed baseline ``benchmarks/data/accuracy_baseline.json``. A figure more than
``TOLERANCE`` below its baseline (for the share of sure beads right, or more than one bead
of them) fails the gate (exit status 1) and is named; a figure above it is reported, so
that the baseline can be raised on purpose with ``--update``.
Without the corpus it says so and passes. About two minutes of CPU.

Run: ``.venv/bin/python benchmarks/accuracy_gate.py [--update]``
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from folds import Found, align_all

from aligner.align import get_encoder
from aligner.align_config import DEFAULT_CONFIG
from aligner.evaluate import find_corpus

ROOT = Path(__file__).resolve().parent.parent
BASELINE = Path(__file__).resolve().parent / "data" / "accuracy_baseline.json"
#: how far a figure may fall below its baseline (F1 and shares, 0 to 1): above the noise of
#: floating point across machines, below one point
TOLERANCE = 0.005
#: the encoders the gate aligns with (None: --no-embeddings)
ENCODERS: tuple[str | None, ...] = ("use", None)


def figures(found: Found) -> dict[str, float]:
    """Return the figures the gate watches for one corpus (and how many beads are sure)."""
    sure, right = found.sure_right()
    return {"strict_f1": round(found.f1, 4), "sure_right": round(right, 4), "sure": sure}


def measure(corpus: Path) -> dict[str, dict[str, dict[str, float]]]:
    """Return, per encoder and corpus, the figures of the default configuration."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for encoder in ENCODERS:
        if encoder is not None:
            get_encoder(encoder)  # loading the model is not part of any figure
        # without an encoder, none at all: a pair that looks partial would otherwise be
        # aligned with one (``partial_encoder``), and the gate guards the model without
        config = dataclasses.replace(
            DEFAULT_CONFIG,
            encoder=encoder,
            partial_encoder=DEFAULT_CONFIG.partial_encoder if encoder else None,
        )
        for documents, kind in ((False, ""), (True, " documents")):
            found = align_all(corpus, config, encoder, documents=documents)
            out[(encoder or "none") + kind] = {f.corpus: figures(f) for f in found}
    return out


def compare(
    measured: dict[str, dict[str, dict[str, float]]],
    baseline: dict[str, dict[str, dict[str, float]]],
) -> tuple[list[str], list[str]]:
    """Return the figures that fell below their baseline by more than ``TOLERANCE``, and
    those that rose above it by as much.

    >>> base = {"use": {"tb": {"strict_f1": 0.9, "sure_right": 0.97, "sure": 100}}}
    >>> compare({"use": {"tb": {"strict_f1": 0.89, "sure_right": 0.96}}}, base)
    (['use tb strict_f1 0.8900 < baseline 0.9000 - 0.0050'], [])
    >>> compare({"use": {"tb": {"strict_f1": 0.897, "sure_right": 0.95}}}, base)
    (['use tb sure_right 0.9500 < baseline 0.9700 - 0.0100'], [])
    """
    worse: list[str] = []
    better: list[str] = []
    for encoder, by_corpus in baseline.items():
        for corpus, wanted in by_corpus.items():
            got = measured.get(encoder, {}).get(corpus)
            if got is None:
                continue  # a corpus this checkout does not have
            for figure, base in wanted.items():
                if figure == "sure":
                    continue  # a count, not a figure to hold
                value = got[figure]
                label = f"{encoder} {corpus} {figure} {value:.4f}"
                # one bead more wrong among the sure ones is within the noise
                slack = (
                    max(TOLERANCE, 1.0 / wanted["sure"]) if figure == "sure_right" else TOLERANCE
                )
                if value < base - slack:
                    worse.append(f"{label} < baseline {base:.4f} - {slack:.4f}")
                elif value > base + slack:
                    better.append(f"{label} > baseline {base:.4f}")
    return worse, better


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="write the figures as baseline")
    args = parser.parse_args(argv)
    corpus = find_corpus(ROOT)
    if corpus is None:
        print("accuracy gate: no gold corpus (../shared/corpus or $ALIGNER_CORPUS); skipped")
        return 0
    measured = measure(corpus)
    for encoder, by_corpus in measured.items():
        for name, got in by_corpus.items():
            print(
                f"accuracy gate: {encoder:<14} {name:<16} strict F1 {got['strict_f1']:.4f}"
                f"  right at cert >= 0.9 {got['sure_right']:.4f}"
            )
    if args.update:
        BASELINE.write_text(json.dumps(measured, indent=2, sort_keys=True) + "\n", "utf-8")
        print(f"accuracy gate: baseline written to {BASELINE.relative_to(ROOT)}")
        return 0
    baseline = json.loads(BASELINE.read_text("utf-8"))
    worse, better = compare(measured, baseline)
    for line in better:
        print(f"accuracy gate: better: {line} (raise it with --update)")
    for line in worse:
        print(f"accuracy gate: WORSE: {line}")
    if worse:
        print(f"accuracy gate: failed, {len(worse)} figures fell (tolerance {TOLERANCE})")
        return 1
    print("accuracy gate: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
