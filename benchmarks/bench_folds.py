"""Every choice of the sentence model checked leave-one-corpus-out, and the partial versions.

Each *choice* is a change to the default configuration (``aligner.align_config``): a
setting chosen on some text, turned off or changed. For each, and for each encoder asked
for, the four sentence gold corpora of ``sentence_gold.py`` are aligned with the default
and with the change, and printed:

- the strict F1 of every corpus with the default and with the change;
- leave one corpus out: for each corpus held out, which of the two wins on the mean F1
  of the other three (chosen without it), and what that choice gives on it. A choice is
  kept (``keep``) only when the configuration chosen without a corpus is at least as good
  on it as the other, for every corpus held out; ``drop`` when the change wins that way;
  ``mixed`` otherwise;
- the bead-size count: beads larger than 2-1 found against the gold's.

With ``--histogram`` the default's bead shapes are counted against the gold's, per corpus
(beads larger than 2-1 should be within 20% of the gold's count).

With ``--partial`` each corpus is also aligned with its target side cut, as a version that
keeps only its first 40% (``prefix``) or loses a middle 30% (``middle``), cut at gold bead
boundaries; the gold's beads of the cut sentences go, and the source sentences they held
are left alone (1-0). Printed: the strict F1 of each against the complete documents.

Without an encoder, every row also says how many documents of each corpus were said to
look partial (and aligned with the configuration's ``partial_encoder`` where it covers
their languages): complete translations should not be, cut versions should.

With ``--documents`` every corpus is aligned as documents of paragraphs, as ``aligner
align`` aligns them (see ``folds.py``), instead of as two lists of sentences.

Run: ``.venv/bin/python benchmarks/bench_folds.py [--encoders use,none] [--choices
name,...] [--partial] [--histogram] [--documents]``. Vectors are encoded once per process
and shared by every run.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path

from folds import Found, align_corpus, shapes
from sentence_gold import Corpus, Doc, corpora

from aligner.align import get_encoder
from aligner.align_config import DEFAULT_CONFIG, SHAPES, AlignConfig
from aligner.evaluate import find_corpus

ROOT = Path(__file__).resolve().parent.parent


def _weights(**changes: object) -> Callable[[AlignConfig], AlignConfig]:
    def change(config: AlignConfig) -> AlignConfig:
        return dataclasses.replace(
            config, sentences=dataclasses.replace(config.sentences, **changes)
        )

    return change


def _search(**changes: object) -> Callable[[AlignConfig], AlignConfig]:
    def change(config: AlignConfig) -> AlignConfig:
        return dataclasses.replace(config, search=dataclasses.replace(config.search, **changes))

    return change


def _narrow(most: int) -> Callable[[AlignConfig], AlignConfig]:
    """Search beads of at most ``most`` units in all."""

    def change(config: AlignConfig) -> AlignConfig:
        s = config.search
        return dataclasses.replace(
            config,
            search=dataclasses.replace(
                s,
                shapes=tuple(x for x in s.shapes if sum(x) <= most),
                plain_shapes=tuple(x for x in s.plain_shapes if sum(x) <= most),
            ),
        )

    return change


def _flat_priors(config: AlignConfig) -> AlignConfig:
    """Shape priors of Gale and Church's 1993 table only for the shapes it has, the
    others one nat dearer per extra unit."""
    costs = dict(config.sentences.shape_cost)
    return _weights(shape_cost={k: v * 0.5 for k, v in costs.items()})(config)


#: the choices checked: name -> the change it makes to a configuration
CHOICES: dict[str, Callable[[AlignConfig], AlignConfig]] = {
    "shapes<=4 units": _narrow(4),
    "shapes<=5 units": _narrow(5),
    "open_cut 0": _weights(open_cut=0.0),
    "debris off": _weights(debris=False),
    "lexicon 0": _weights(lexicon=0.0, lexicon_meaning=0.0),
    "lexicon 0.5": _weights(lexicon=0.5),
    "lexicon with meaning 1": _weights(lexicon_meaning=1.0),
    "lexicon with meaning 0.25": _weights(lexicon_meaning=0.25),
    "lexicon with meaning 0.5": _weights(lexicon_meaning=0.5),
    "meaning 1": _weights(embedding=1.0),
    "meaning 3": _weights(embedding=3.0),
    "embedding_size 0": _weights(embedding_size=0.0),
    "whole_size none": _weights(whole_size=None),
    "whole_size 1.5": _weights(whole_size=1.5),
    "whole_size 1.75": _weights(whole_size=1.75),
    "whole_size 2.5": _weights(whole_size=2.5),
    "whole wider than 2-2 1": _weights(whole_wide=1.0),
    "whole wider than 2-2 1.25": _weights(whole_wide=1.25),
    "whole wider than 2-2 1.5": _weights(whole_wide=1.5),
    "whole wider than 2-2 1.75": _weights(whole_wide=1.75),
    "merge_damping 0": _weights(merge_damping=0.0, merge_damping_meaning=0.0),
    "damping with meaning 0.3": _weights(merge_damping_meaning=0.3),
    "damping with meaning 0.1": _weights(merge_damping_meaning=0.1),
    "damping with meaning 0.2": _weights(merge_damping_meaning=0.2),
    "repeated keys 1/k": _weights(near_power_meaning=1.0),
    "repeated keys 1/k^3": _weights(near_power_meaning=3.0),
    "member doubt 0": _weights(embedding_member=0.0),
    "member doubt 0.25": _weights(embedding_member=0.25),
    "member doubt 1": _weights(embedding_member=1.0),
    "priors halved": _flat_priors,
    "meaning margin 0.05": _search(meaning_margin=0.05),
    "missing_unit 1": _weights(missing_unit=1.0),
    "missing_unit 2": _weights(missing_unit=2.0),
    "no missing stretches": _search(missing_units=10**9),
    "partial without meaning": lambda config: dataclasses.replace(config, partial_encoder=None),
    "own levels for no shape": _weights(level_shapes=()),
    "own levels many-to-many": _weights(level_shapes=tuple(s for s in SHAPES if min(s) >= 2)),
    "own levels all but 1-1": _weights(
        level_shapes=tuple(s for s in SHAPES if min(s) >= 1 and s != (1, 1))
    ),
}


def _cut(doc: Doc, keep: Callable[[int, int], bool]) -> Doc:
    """Return ``doc`` with the target sentences of the gold beads ``keep`` refuses (by
    bead index and count) taken out, their source sentences left alone."""
    name, src, tgt, gold = doc
    beads = len(gold)
    dropped: set[int] = set()
    for k, (_, t) in enumerate(gold):
        if not keep(k, beads):
            dropped.update(t)
    new_index: dict[int, int] = {}
    for j in range(len(tgt)):
        if j not in dropped:
            new_index[j] = len(new_index)
    new_gold: list[tuple[list[int], list[int]]] = []
    for s, t in gold:
        kept = [new_index[j] for j in t if j in new_index]
        if kept or not t:
            new_gold.append((s, kept))
        else:
            new_gold.extend(([i], []) for i in s)
    new_tgt = [line for j, line in enumerate(tgt) if j not in dropped]
    return name, src, new_tgt, new_gold


def prefix(doc: Doc) -> Doc:
    """Keep the target's first 40% (by gold beads)."""
    return _cut(doc, lambda k, n: k < 0.4 * n)


def middle(doc: Doc) -> Doc:
    """Take out a middle 30% of the target (by gold beads)."""
    return _cut(doc, lambda k, n: not 0.35 * n <= k < 0.65 * n)


#: the bead shapes counted one by one in the histogram (the others are counted together)
HISTOGRAM = ("1-1", "1-0", "0-1", "1-2", "2-1", "2-2", "1-3", "3-1")


def histogram(found: Found, corpus: Corpus) -> str:
    """Return the count of each bead shape in ``found`` against the gold's, and of the
    beads larger than 2-1 with how far they are from the gold's count."""
    gold = [(tuple(s), tuple(t)) for doc in corpus[3] for s, t in doc[3]]
    ours = [bead for doc in found.beads for bead in doc]
    have, want = shapes(ours), shapes(gold)
    cells = [f"{have[k]}/{want[k]}" for k in HISTOGRAM]
    rest = sum(v for k, v in have.items() if k not in HISTOGRAM)
    rest_gold = sum(v for k, v in want.items() if k not in HISTOGRAM)
    off = (found.wide - found.wide_gold) / max(1, found.wide_gold)
    return (
        f"  {found.corpus:<16}"
        + "".join(f" {c:>10}" for c in [*cells, f"{rest}/{rest_gold}"])
        + f"   > 2-1: {found.wide}/{found.wide_gold} ({off:+.0%})"
    )


def _row(label: str, found: list[Found], *, partial: bool = False) -> str:
    cells = "".join(f" {f.f1:7.3f}" for f in found)
    wide = "".join(f" {f.wide:>4}/{f.wide_gold:<4}" for f in found)
    looked = "  look partial " + " ".join(f"{f.partial}/{f.docs}" for f in found) if partial else ""
    return f"  {label:<22}{cells}  {wide}{looked}"


def loco(base: list[Found], other: list[Found]) -> tuple[str, list[float]]:
    """Return the verdict on a change and, per corpus held out, the F1 of the choice made
    on the others minus that of the default."""
    deltas: list[float] = []
    verdicts: set[str] = set()
    for h in range(len(base)):
        rest = [k for k in range(len(base)) if k != h]
        if not rest:
            return "single", [other[h].f1 - base[h].f1]
        gain = sum(other[k].f1 - base[k].f1 for k in rest) / len(rest)
        chosen = other if gain > 0 else base
        deltas.append(chosen[h].f1 - base[h].f1)
        if gain > 0:
            verdicts.add("drop" if other[h].f1 >= base[h].f1 else "mixed")
        else:
            verdicts.add("keep" if base[h].f1 >= other[h].f1 else "mixed")
    verdict = "mixed" if "mixed" in verdicts or len(verdicts) > 1 else verdicts.pop()
    return verdict, deltas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoders", default="use,none", help="comma-separated; none: no encoder")
    parser.add_argument("--choices", default=",".join(CHOICES), help="comma-separated")
    parser.add_argument("--partial", action="store_true", help="the cut versions too")
    parser.add_argument(
        "--histogram", action="store_true", help="the default's bead shapes against the gold's"
    )
    parser.add_argument("--base", default="", help="a choice applied to the default first")
    parser.add_argument("--corpora", default="", help="comma-separated (default: all)")
    parser.add_argument(
        "--documents", action="store_true", help="as documents of paragraphs (folds.py)"
    )
    args = parser.parse_args(argv)
    root = find_corpus(ROOT)
    if root is None:
        print("bench_folds: no gold corpus (../shared/corpus or $ALIGNER_CORPUS); skipped")
        return 0
    gold: list[Corpus] = [
        c for c in corpora(root) if not args.corpora or c[0] in args.corpora.split(",")
    ]
    names = [c[0] for c in gold]
    chosen = [c for c in args.choices.split(",") if c]
    for encoder_name in args.encoders.split(","):
        encoder = None if encoder_name == "none" else encoder_name
        if encoder is not None:
            get_encoder(encoder)
        base_config = dataclasses.replace(DEFAULT_CONFIG, encoder=encoder)
        if args.base:
            base_config = CHOICES[args.base](base_config)
        started = time.process_time()
        align = functools.partial(align_corpus, encoder=encoder, documents=args.documents)
        base = [align(c, base_config, keep=args.histogram) for c in gold]
        print(f"\nencoder {encoder_name}: strict F1 per corpus; beads > 2-1 found/gold")
        print(f"  {'':<22}" + "".join(f" {n[:7]:>7}" for n in names))
        print(_row("default", base, partial=encoder is None))
        if args.histogram:
            print(f"  bead shapes, found/gold:\n  {'':<16}" + "".join(
                f" {k:>10}" for k in [*HISTOGRAM, "other"]
            ))  # fmt: skip
            for one, corpus in zip(base, gold, strict=True):
                print(histogram(one, corpus))
        for name in chosen:
            config = CHOICES[name](base_config)
            other = [align(c, config) for c in gold]
            verdict, deltas = loco(base, other)
            print(
                _row(name, other, partial=encoder is None)
                + f"  LOCO {verdict}: "
                + " ".join(f"{d:+.3f}" for d in deltas)
            )
        if args.partial:
            for label, cut in (("prefix 40%", prefix), ("middle 30% out", middle)):
                parts = [(n, s, t, [cut(d) for d in docs]) for n, s, t, docs in gold]
                found = [align(c, base_config) for c in parts]
                gaps = " ".join(f"{f.f1 - b.f1:+.3f}" for f, b in zip(found, base, strict=True))
                print(_row(label, found, partial=encoder is None) + f"  vs complete: {gaps}")
        print(f"  ({time.process_time() - started:.0f} s CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
