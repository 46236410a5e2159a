"""How far a reviewer can lean on the review threshold, on every gold set we have.

For each gold set the script aligns the documents, judges every bead against the gold
(exactly right or not) and prints the reliability table (cert bins -> share right), the
expected calibration error (the bead-weighted gap between each bin's mean cert and its
share right), the share of right beads scored below the review threshold (what a reviewer
is asked to look at for nothing) and how often a bead at or above it is right.

Gold sets: the bundled press release (``aligner/data/sample``, n-way paragraph gold), our
five-language press releases of ``tests/data/flags`` (each block one paragraph bead), the
UDHR of ``tests/data/udhr``, and every gold set of ``../shared/corpus`` (or
``$ALIGNER_CORPUS``) when it is there, with the five-language UDHR made hard by the seeded
rules of ``benchmarks/devsets.py`` (one version cut short, missing a middle run, a fifth of
the others; a heading, a one-line paragraph or a salutation run into the next paragraph),
judged n-way: the set where a bead can be wrong in one language only.
Run: ``python benchmarks/bench_review_flags.py`` (``--no-embeddings``, ``--no-corpus``,
``--hard-only``, ``--review-below 0.9``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path

import devsets

from aligner.align.embeddings import DEFAULT_ENCODER
from aligner.align_config import AlignConfig
from aligner.api import align_files, align_versions
from aligner.evaluate import evaluate, find_corpus, paragraph_version
from aligner.review import REVIEW_BELOW

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "aligner" / "data" / "sample"
FLAGS = ROOT / "tests" / "data" / "flags"
UDHR = ROOT / "tests" / "data" / "udhr"
BINS = (0.0, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 1.0001)

Judged = list[tuple[float, bool]]


def reliability(judged: Judged, below: float) -> str:
    """Return the reliability table, the calibration error and the flag figures."""
    lines = [f"    {'cert':<13} {'beads':>6} {'mean cert':>10} {'right':>7}"]
    error = 0.0
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        inside = [(c, ok) for c, ok in judged if lo <= c < hi]
        if not inside:
            continue
        mean = sum(c for c, _ in inside) / len(inside)
        right = sum(ok for _, ok in inside) / len(inside)
        error += len(inside) * abs(mean - right)
        lines.append(
            f"    [{lo:.2f}, {min(hi, 1.0):.2f}) {len(inside):>6} {mean:10.3f} {right:7.3f}"
        )
    right_beads = [c for c, ok in judged if ok]
    flagged = sum(c < below for c in right_beads)
    high = [ok for c, ok in judged if c >= below]
    lines.append(f"    expected calibration error: {error / max(1, len(judged)):.3f}")
    lines.append(
        f"    right beads flagged (cert < {below}): {flagged} of {len(right_beads)} "
        f"= {flagged / max(1, len(right_beads)):.3f}"
    )
    if high:
        lines.append(f"    cert >= {below}: {sum(high) / len(high):.3f} right ({len(high)} beads)")
    return "\n".join(lines)


def sample_press(config: AlignConfig) -> Judged:
    """Align the bundled press release and judge each bead against its n-way gold.

    The gold counts the place-and-date line among the paragraphs; the readers put it in
    the front matter now, so the gold's positions are counted without it.
    """
    gold = json.loads((SAMPLE / "gold.json").read_text(encoding="utf-8"))
    langs: list[str] = gold["languages"]
    files = [f"{lang}={SAMPLE / gold['files'][lang]}" for lang in langs]
    document = align_files(files, config=config)
    position = {
        v.lang: {block.id: k for k, block in enumerate(v.blocks)} for v in document.versions
    }
    moved = {
        lang: {
            i
            for i, preview in enumerate(gold["previews"][lang])
            if any(item.text.startswith(preview) for item in document.version(lang).front)
        }
        for lang in langs
    }

    def body(lang: str, indices: Sequence[int]) -> tuple[int, ...]:
        return tuple(
            int(i) - sum(1 for m in moved[lang] if m < int(i))
            for i in indices
            if int(i) not in moved[lang]
        )

    truth = {tuple(body(lang, group.get(lang, [])) for lang in langs) for group in gold["groups"]}
    return [
        (
            bead.cert,
            tuple(tuple(position[lang][i] for i in bead.ids(lang)) for lang in langs) in truth,
        )
        for bead in document.paragraphs.beads
    ]


def flag_press(config: AlignConfig) -> Judged:
    """Align each press release of the flag dev set; its blocks are the gold beads."""
    judged: Judged = []
    for path in sorted(FLAGS.glob("*.txt")):
        texts: dict[str, list[str]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line[:3].rstrip(":").isalpha() and ": " in line and not line.startswith("plant:"):
                lang, text = line.split(":", 1)
                texts.setdefault(lang.strip(), []).append(text.strip())
        versions = [paragraph_version(lang, paras, split=True) for lang, paras in texts.items()]
        alignment, _ = align_versions(versions, config=config)
        for bead in alignment.beads:
            places = {tuple(int(i.rsplit(".p", 1)[1]) for i in bead.ids(v.lang)) for v in versions}
            judged.append((bead.cert, len(places) == 1 and len(next(iter(places))) == 1))
    return judged


def hard_udhr(corpus: Path, config: AlignConfig) -> Judged:
    """Align seeded hard variants of the five-language UDHR; judge each bead n-way."""
    rng = random.Random(22)
    base = devsets.udhr(corpus)
    judged: Judged = []
    for rule in (*devsets.PARTIAL.values(), *devsets.JOINS.values()):
        for lang in rng.sample(base.langs, 2):
            doc = rule(base, lang, rng)
            if doc is None:
                continue
            doc, versions = devsets.read(doc)
            alignment, _ = align_versions(versions, config=config)
            truth = {tuple(group[lang] for lang in doc.langs) for group in devsets.gold_groups(doc)}
            position = {v.lang: {b.id: k for k, b in enumerate(v.blocks)} for v in versions}
            for bead in alignment.beads:
                found = tuple(
                    tuple(position[lang][i] for i in bead.ids(lang)) for lang in doc.langs
                )
                judged.append((bead.cert, found in truth))
    return judged


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-embeddings", action="store_true", help="align without meaning")
    parser.add_argument("--no-corpus", action="store_true", help="our own gold sets only")
    parser.add_argument("--hard-only", action="store_true", help="only the hard UDHR variants")
    parser.add_argument("--review-below", type=float, default=REVIEW_BELOW)
    args = parser.parse_args(argv)
    config = AlignConfig(encoder=None if args.no_embeddings else DEFAULT_ENCODER)
    below = args.review_below
    corpus = None if args.no_corpus else find_corpus(ROOT)
    if args.hard_only and corpus is not None:
        judged = hard_udhr(corpus, config)
        print(f"corpus: udhr made hard (n-way, 5 languages): {len(judged)} beads")
        print(reliability(judged, below))
        return 0
    sets: list[tuple[str, Judged]] = [
        ("press: bundled sample (5 languages)", sample_press(config)),
        ("press: flag dev set (3 documents, 5 languages)", flag_press(config)),
    ]
    for result in evaluate([UDHR], config=config):
        sets.append((f"udhr: tests/data ({result.kind})", list(result.judged)))
    if corpus is not None:
        sets.append(("corpus: udhr made hard (n-way, 5 languages)", hard_udhr(corpus, config)))
        for result in evaluate([corpus], config=config):
            sets.append((f"corpus: {result.name} ({result.kind})", list(result.judged)))
    else:
        print("(no ../shared/corpus: our own gold sets only)", file=sys.stderr)
    for name, judged in sets:
        print(f"{name}: {len(judged)} beads")
        print(reliability(judged, below))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
